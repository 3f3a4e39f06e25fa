/* tfschema C API: validates TrueFoundry artifact-version request bodies
 * (PUT /api/ml/v1/artifact-versions) and answers exactly what the FastAPI
 * server answers. C99 or later; link libtfschema (see README "Install").
 *
 *   tfschema_validator* v = tfschema_validator_new(NULL);   // pydantic-v2
 *   tfschema_result* r = tfschema_validate(v, body, body_len);
 *   if (tfschema_result_status(r) != TFSCHEMA_STATUS_VALID) {
 *     size_t length;
 *     char* response = tfschema_render_fastapi_alloc(r, &length);
 *     send(tfschema_result_http_status(r), response, length);
 *     tfschema_free(response);
 *   }
 *   tfschema_result_free(r);
 *   tfschema_validator_free(v);
 *
 * Errors: no function throws, aborts or exits on bad input. NULL handles are
 * accepted everywhere and give the documented neutral answer.
 *
 * Thread safety: a validator holds parser state, so one thread at a time may
 * use it (one validator per thread is the intended use; different validators
 * run concurrently). A result owns copies of everything it reports and does
 * not refer to its validator or body: it outlives both, may be read from
 * several threads at once (every accessor only reads) and freed from any
 * thread. tfschema_version and the name helpers are always thread-safe.
 *
 * Strings: every `const char*` returned is NUL-terminated and owned by the
 * result (valid until tfschema_result_free) or static. A member name in a
 * location may contain U+0000, so accessors that return text also report its
 * byte length through an optional `size_t* length` (pass NULL to ignore).
 * Text is UTF-8. */
#ifndef TFSCHEMA_TFSCHEMA_H
#define TFSCHEMA_TFSCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "tfschema/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Readable bytes the *_padded functions need after the body, beyond `length`
 * (simdjson::SIMDJSON_PADDING). Their content does not matter. */
#define TFSCHEMA_PADDING 64

/* Returned by the snprintf-style render functions when memory runs out. */
#define TFSCHEMA_RENDER_FAILED ((size_t)-1)

typedef enum tfschema_profile {
  TFSCHEMA_PROFILE_PYDANTIC_V2 = 0,      /* FastAPI 0.115 + Pydantic 2.10 (the default) */
  TFSCHEMA_PROFILE_PYDANTIC_V1 = 1,      /* FastAPI 0.92 + Pydantic 1.10 */
  TFSCHEMA_PROFILE_STRICT = 2,           /* the OpenAPI document as JSON Schema 2020-12 */
  TFSCHEMA_PROFILE_MAX_ENUM = 0x7FFFFFFF /* not a profile: makes any int a value of the type */
} tfschema_profile;

typedef enum tfschema_schema {
  TFSCHEMA_SCHEMA_REQUEST = 0,          /* ApplyArtifactRequest, the PUT body (the default) */
  TFSCHEMA_SCHEMA_RESPONSE = 1,         /* GetArtifactVersionResponse (strict only, when implemented) */
  TFSCHEMA_SCHEMA_ERROR = 2,            /* HTTPValidationError (strict only, when implemented) */
  TFSCHEMA_SCHEMA_MAX_ENUM = 0x7FFFFFFF /* not a schema: makes any int a value of the type */
} tfschema_schema;

typedef enum tfschema_status {
  TFSCHEMA_STATUS_VALID = 0,            /* 200: the server accepts the body */
  TFSCHEMA_STATUS_INVALID = 1,          /* 422 with the errors below */
  TFSCHEMA_STATUS_BAD_REQUEST = 2,      /* 400 "There was an error parsing the body" */
  TFSCHEMA_STATUS_LIMIT_EXCEEDED = 3,   /* 413: refused by an option's limit */
  TFSCHEMA_STATUS_UNSUPPORTED = 4,      /* 501: profile/schema pair not in this build */
  TFSCHEMA_STATUS_OUT_OF_MEMORY = 5,    /* 500: memory ran out; the body was not judged */
  TFSCHEMA_STATUS_INVALID_ARGUMENT = 6, /* 500: NULL validator, or NULL data with length > 0 */
  TFSCHEMA_STATUS_MAX_ENUM = 0x7FFFFFFF /* not a status: keeps the type int-sized as it grows */
} tfschema_status;
/* Memory running out while validating, or while the result is built, is
 * TFSCHEMA_STATUS_OUT_OF_MEMORY (tfschema::Status::kOutOfMemory in C++). */

/* Validator settings. Initialise with tfschema_options_init(), then change
 * fields: `size` lets later versions add fields without breaking callers
 * compiled against this header (fields past `size` take their defaults). */
typedef struct tfschema_options {
  size_t size;              /* sizeof(tfschema_options), set by tfschema_options_init */
  tfschema_profile profile; /* default TFSCHEMA_PROFILE_PYDANTIC_V2 */
  tfschema_schema schema;   /* default TFSCHEMA_SCHEMA_REQUEST */
  size_t max_body_bytes;    /* longer bodies: TFSCHEMA_STATUS_LIMIT_EXCEEDED; default 64 MiB */
  uint32_t max_depth;       /* nesting limit; 0 (default) = the profile's server limit */
  size_t max_errors;        /* report at most this many errors; 0 (default) = all */
} tfschema_options;

typedef struct tfschema_validator tfschema_validator;
typedef struct tfschema_result tfschema_result;

/* "0.1.0": the library's version (may differ from the header's if the shared
 * library was upgraded; the SONAME changes when the ABI does). */
TFSCHEMA_API const char* tfschema_version(void);

/* The SIMD kernel the validators run on this CPU (simdjson's choice, made
 * once): "icelake", "haswell", "westmere" or "fallback". */
TFSCHEMA_API const char* tfschema_simd_kernel(void);

/* "pydantic-v2", "pydantic-v1", "strict"; NULL for an unknown value. */
TFSCHEMA_API const char* tfschema_profile_name(tfschema_profile profile);
/* 1 and *profile set when `name` is a profile name, else 0. */
TFSCHEMA_API int tfschema_profile_from_name(const char* name, tfschema_profile* profile);
/* "request", "response", "error"; NULL for an unknown value. */
TFSCHEMA_API const char* tfschema_schema_name(tfschema_schema schema);
/* 1 and *schema set when `name` is a schema name, else 0. */
TFSCHEMA_API int tfschema_schema_from_name(const char* name, tfschema_schema* schema);

/* The deepest nesting of containers the profile's server parses (one level
 * more: 400) and the deepest it can echo as a 422's input (one level more:
 * 500; UINT32_MAX when unlimited); 0 for an unknown profile. Both are
 * Python's recursion limit as measured under FastAPI's TestClient, so a
 * server under another stack (uvicorn) reaches them a level or so apart: a
 * pre-check in front of a real server sets max_depth some levels below the
 * smaller one and lets the server answer bodies nested deeper. */
TFSCHEMA_API uint32_t tfschema_server_max_depth(tfschema_profile profile);
TFSCHEMA_API uint32_t tfschema_server_max_echo_depth(tfschema_profile profile);

/* 1 when FastAPI parses a request body with this Content-Type value as JSON
 * (then a validator's answer is the server's), 0 when it does not or when the
 * value is unusual enough that only the server can say: let the request
 * through. `value` need not be NUL-terminated; NULL or length 0 stands for a
 * missing header (FastAPI reads JSON). See tfschema/http.hpp. */
TFSCHEMA_API int tfschema_content_type_is_json(const char* value, size_t length);

/* Fills *options with the defaults. */
TFSCHEMA_API void tfschema_options_init(tfschema_options* options);

/* A validator for `options` (NULL: the defaults). NULL when out of memory or
 * when the options are malformed (size too small, unknown profile or schema). */
TFSCHEMA_API tfschema_validator* tfschema_validator_new(const tfschema_options* options);
/* Frees a validator; NULL is ignored. Results it produced stay valid. */
TFSCHEMA_API void tfschema_validator_free(tfschema_validator* validator);

/* The fast yes/no: 1 iff the server would accept the body, else 0 (also for
 * a NULL validator, or NULL data with length > 0). `data` need not be
 * NUL-terminated; it is copied into the validator's padded buffer. */
TFSCHEMA_API int tfschema_is_valid(tfschema_validator* validator, const char* data, size_t length);
/* Zero-copy variant: the caller guarantees that data[0 .. length +
 * TFSCHEMA_PADDING) is readable. */
TFSCHEMA_API int tfschema_is_valid_padded(tfschema_validator* validator, const char* data, size_t length);

/* Every error the server would report, in its order. Never NULL: when an
 * argument is invalid or memory runs out, a result with status
 * TFSCHEMA_STATUS_INVALID_ARGUMENT / TFSCHEMA_STATUS_OUT_OF_MEMORY and no
 * errors is returned (possibly a shared static one, which
 * tfschema_result_free accepts). Free with
 * tfschema_result_free. An empty body (length 0, data may be NULL) is a body:
 * the server reports it missing. */
TFSCHEMA_API tfschema_result* tfschema_validate(tfschema_validator* validator, const char* data, size_t length);
/* Zero-copy variant, same padding contract as tfschema_is_valid_padded. */
TFSCHEMA_API tfschema_result* tfschema_validate_padded(tfschema_validator* validator, const char* data, size_t length);
/* Frees a result; NULL is ignored. */
TFSCHEMA_API void tfschema_result_free(tfschema_result* result);

/* TFSCHEMA_STATUS_INVALID_ARGUMENT for NULL. */
TFSCHEMA_API tfschema_status tfschema_result_status(const tfschema_result* result);
/* 200, 422, 400, 413, 501 or 500 (NULL, out of memory, invalid argument). */
TFSCHEMA_API int tfschema_result_http_status(const tfschema_result* result);
/* Number of errors (0 unless TFSCHEMA_STATUS_INVALID). */
TFSCHEMA_API size_t tfschema_result_error_count(const tfschema_result* result);
/* 1 when tfschema_options.max_errors cut the list short. */
TFSCHEMA_API int tfschema_result_truncated(const tfschema_result* result);

/* Error `index` (0 .. error_count - 1) of a result. An index out of range
 * gives NULL / 0. */
/* The profile's error type, e.g. "string_too_long" (v1: "value_error.missing"). */
TFSCHEMA_API const char* tfschema_error_type(const tfschema_result* result, size_t index, size_t* length);
/* The profile's message, e.g. "Field required". */
TFSCHEMA_API const char* tfschema_error_msg(const tfschema_result* result, size_t index, size_t* length);
/* The offending value as the server echoes it (JSON text); "" when the
 * profile echoes none (pydantic-v1). */
TFSCHEMA_API const char* tfschema_error_input_json(const tfschema_result* result, size_t index, size_t* length);
/* The error's context as a JSON object text, "" when it has none. */
TFSCHEMA_API const char* tfschema_error_ctx_json(const tfschema_result* result, size_t index, size_t* length);
/* Byte offset of the offending value in the body (for a missing member, of
 * the object lacking it); 1-based line and column (in code points) of it. */
TFSCHEMA_API uint64_t tfschema_error_byte_offset(const tfschema_result* result, size_t index);
TFSCHEMA_API uint64_t tfschema_error_line(const tfschema_result* result, size_t index);
TFSCHEMA_API uint64_t tfschema_error_column(const tfschema_result* result, size_t index);
/* 1 when the real server fails to render this error (it answers 500);
 * tfschema renders it anyway as well-formed JSON. */
TFSCHEMA_API int tfschema_error_server_cannot_render(const tfschema_result* result, size_t index);

/* The error's location, as FastAPI reports it: items "body", "manifest", 3,
 * ... Item `item` is a member name (loc_key non-NULL) or an array index
 * (loc_is_index 1, loc_index). */
TFSCHEMA_API size_t tfschema_error_loc_count(const tfschema_result* result, size_t index);
TFSCHEMA_API int tfschema_error_loc_is_index(const tfschema_result* result, size_t index, size_t item);
/* NULL for an index item or out of range. */
TFSCHEMA_API const char* tfschema_error_loc_key(const tfschema_result* result, size_t index, size_t item,
                                                size_t* length);
/* 0 for a member name or out of range. */
TFSCHEMA_API int64_t tfschema_error_loc_index(const tfschema_result* result, size_t index, size_t item);

/* Rendering, snprintf-style: writes at most `size` bytes including a
 * terminating NUL into `buffer` (which may be NULL when `size` is 0) and
 * returns the full length without the NUL; the output is complete iff the
 * return value < size. TFSCHEMA_RENDER_FAILED when memory runs out.
 * The *_alloc variants return a malloc'd NUL-terminated copy (free it with
 * tfschema_free), its length in *length if non-NULL; NULL when out of memory
 * or `result` is NULL. A result with status TFSCHEMA_STATUS_OUT_OF_MEMORY or
 * TFSCHEMA_STATUS_INVALID_ARGUMENT renders as "" in every format. */

/* The exact response body the profile's server sends: {"detail":[...]} for
 * 422, {"detail":"There was an error parsing the body"} for 400; "" for a
 * valid body. Same content as tfschema::render_fastapi. */
TFSCHEMA_API size_t tfschema_render_fastapi(const tfschema_result* result, char* buffer, size_t size);
TFSCHEMA_API char* tfschema_render_fastapi_alloc(const tfschema_result* result, size_t* length);

/* One line per error, "NAME:LINE:COL: error: LOC: MSG [TYPE]"; `body` is the
 * validated body (for positions), `name` the file name to print (NULL: ""). */
TFSCHEMA_API size_t tfschema_render_text(const tfschema_result* result, const char* body, size_t body_length,
                                         const char* name, char* buffer, size_t size);
TFSCHEMA_API char* tfschema_render_text_alloc(const tfschema_result* result, const char* body, size_t body_length,
                                              const char* name, size_t* length);

/* One JSON report per body with every error's position (the CLI's --format
 * json); arguments as for tfschema_render_text. */
TFSCHEMA_API size_t tfschema_render_json(const tfschema_result* result, const char* body, size_t body_length,
                                         const char* name, char* buffer, size_t size);
TFSCHEMA_API char* tfschema_render_json_alloc(const tfschema_result* result, const char* body, size_t body_length,
                                              const char* name, size_t* length);

/* Frees what a *_alloc function returned; NULL is ignored. */
TFSCHEMA_API void tfschema_free(void* memory);

/* ---- YAML manifests (the C++ tfschema/yaml.hpp) ------------------------------
 * A YAML stream read as PyYAML 6's yaml.safe_load_all reads it; each document
 * written as json.dumps({"manifest": document}) writes it and validated as that
 * request body, with positions in the YAML text.
 *
 *   tfschema_yaml_stream* s = tfschema_yaml_read(text, text_len, 0);
 *   for (size_t i = 0; i < tfschema_yaml_document_count(s); ++i) {
 *     if (tfschema_yaml_document_problem(s, i) != TFSCHEMA_YAML_OK) { ...message, line... continue; }
 *     tfschema_result* r = tfschema_validate_yaml_document(v, s, i);  // lines/columns in the YAML
 *     ...
 *     tfschema_result_free(r);
 *   }
 *   tfschema_yaml_stream_free(s);
 *
 * A stream owns its data; it is immutable, so threads may share one (each with
 * its own validator). */
typedef struct tfschema_yaml_stream tfschema_yaml_stream;

typedef enum tfschema_yaml_problem {
  TFSCHEMA_YAML_OK = 0,         /* the document has a body */
  TFSCHEMA_YAML_UNREADABLE = 1, /* not UTF-8/UTF-16 YAML text (the whole stream) */
  TFSCHEMA_YAML_SYNTAX = 2,     /* safe_load_all stops here: this is the stream's last document */
  TFSCHEMA_YAML_CONSTRUCT = 3,  /* no Python value (`!!int x`, an unhashable key); the last document */
  TFSCHEMA_YAML_NOT_JSON = 4,   /* json.dumps cannot write it (a date, !!set, !!binary, a cycle) */
  TFSCHEMA_YAML_LIMIT = 5,      /* over max_json_bytes (aliases, merge keys), or out of memory */
  TFSCHEMA_YAML_MAX_ENUM = 0x7FFFFFFF
} tfschema_yaml_problem;

/* Reads `length` bytes. `max_json_bytes` bounds each document's JSON body and
 * the input (0: 64 MiB). NULL only when the stream itself cannot be allocated. */
TFSCHEMA_API tfschema_yaml_stream* tfschema_yaml_read(const char* data, size_t length, size_t max_json_bytes);
TFSCHEMA_API void tfschema_yaml_stream_free(tfschema_yaml_stream* stream);
/* The text positions refer to (the input, or its UTF-8 transcoding for UTF-16). */
TFSCHEMA_API const char* tfschema_yaml_text(const tfschema_yaml_stream* stream, size_t* length);
TFSCHEMA_API size_t tfschema_yaml_document_count(const tfschema_yaml_stream* stream);
/* For index >= count: TFSCHEMA_YAML_LIMIT, "", 0 and NULL below. */
TFSCHEMA_API tfschema_yaml_problem tfschema_yaml_document_problem(const tfschema_yaml_stream* stream, size_t index);
/* The problem, in PyYAML's or json.dumps' words; "" when there is none. */
TFSCHEMA_API const char* tfschema_yaml_document_problem_message(const tfschema_yaml_stream* stream, size_t index,
                                                                size_t* length);
/* Where the problem is, or where the document starts: byte offset, 1-based
 * line and column (in code points) in the text. */
TFSCHEMA_API uint64_t tfschema_yaml_document_byte_offset(const tfschema_yaml_stream* stream, size_t index);
TFSCHEMA_API uint64_t tfschema_yaml_document_line(const tfschema_yaml_stream* stream, size_t index);
TFSCHEMA_API uint64_t tfschema_yaml_document_column(const tfschema_yaml_stream* stream, size_t index);
/* The request body, NUL-terminated; NULL when the document has a problem. */
TFSCHEMA_API const char* tfschema_yaml_document_json(const tfschema_yaml_stream* stream, size_t index, size_t* length);
/* The manifest's `type` when it is a string ("artifact-version", "service"); else NULL. */
TFSCHEMA_API const char* tfschema_yaml_document_type(const tfschema_yaml_stream* stream, size_t index, size_t* length);
/* Validates document `index`'s body. The errors' byte offsets, lines and
 * columns point into the YAML text (for a missing member: the mapping that
 * lacks it). A document with a problem, or a NULL argument, gives a result
 * with status TFSCHEMA_STATUS_INVALID_ARGUMENT. tfschema_render_fastapi gives
 * the server's answer; tfschema_render_text and _json place errors in a JSON
 * body, so for a YAML document read tfschema_error_line/_column instead.
 * Free it with tfschema_result_free. */
TFSCHEMA_API tfschema_result* tfschema_validate_yaml_document(tfschema_validator* validator,
                                                              const tfschema_yaml_stream* stream, size_t index);

#ifdef __cplusplus
}
#endif

#endif /* TFSCHEMA_TFSCHEMA_H */
