/* The C API, from C: every answer is compared with the real servers' answers
 * (corpus/examples/expected/, tests/golden/v2.jsonl), never with text typed
 * here.
 *   capi_test CORPUS_EXAMPLES_DIR GOLDEN_DIR */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tfschema/tfschema.h"

static int failures = 0;

#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

static const char* examples_dir;
static const char* golden_dir;

/* A growable byte string. */
typedef struct {
  char* data;
  size_t size;
  size_t capacity;
} buffer;

static void append(buffer* b, const char* data, size_t size) {
  if (b->size + size + 1 > b->capacity) {
    b->capacity = (b->size + size + 1) * 2;
    b->data = realloc(b->data, b->capacity);
    if (b->data == NULL) abort();
  }
  memcpy(b->data + b->size, data, size);
  b->size += size;
  b->data[b->size] = '\0';
}

static void append_str(buffer* b, const char* s) { append(b, s, strlen(s)); }

static char* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  buffer b = {NULL, 0, 0};
  char chunk[4096];
  size_t n;
  if (f == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  append(&b, "", 0);
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) append(&b, chunk, n);
  fclose(f);
  *size = b.size;
  return b.data;
}

/* corpus/examples/<name>.json */
static char* example_body(const char* name, size_t* size) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s.json", examples_dir, name);
  return read_file(path, size);
}

/* corpus/examples/expected/<name>.<v2|v1>: the status line, then the body. */
static char* expected_answer(const char* name, const char* version, int* status) {
  char path[1024];
  size_t size;
  char* text;
  char* newline;
  char* body;
  snprintf(path, sizeof path, "%s/expected/%s.%s", examples_dir, name, version);
  text = read_file(path, &size);
  *status = atoi(text);
  newline = strchr(text, '\n');
  body = malloc(size + 1);
  if (body == NULL) abort();
  strcpy(body, newline != NULL ? newline + 1 : "");
  free(text);
  return body;
}

/* Decodes the JSON string starting after the opening quote at `p` (ASCII
 * and BMP escapes: enough for the golden lines used here). */
static char* json_string(const char* p, size_t* size) {
  buffer b = {NULL, 0, 0};
  append(&b, "", 0);
  while (*p != '"' && *p != '\0') {
    if (*p != '\\') {
      append(&b, p++, 1);
      continue;
    }
    ++p;
    switch (*p) {
      case 'n':
      case 't':
      case 'r':
      case 'b':
      case 'f':
        append(&b, &"\n\t\r\b\f"[strchr("ntrbf", *p) - "ntrbf"], 1); /* the control character the letter names */
        break;
      case 'u': {
        char hex[5] = {p[1], p[2], p[3], p[4], '\0'};
        unsigned long code = strtoul(hex, NULL, 16);
        char utf8[3];
        CHECK(code < 0xD800 || code > 0xDFFF);
        if (code < 0x80) {
          utf8[0] = (char)code;
          append(&b, utf8, 1);
        } else if (code < 0x800) {
          utf8[0] = (char)(0xC0 | (code >> 6));
          utf8[1] = (char)(0x80 | (code & 0x3F));
          append(&b, utf8, 2);
        } else {
          utf8[0] = (char)(0xE0 | (code >> 12));
          utf8[1] = (char)(0x80 | ((code >> 6) & 0x3F));
          utf8[2] = (char)(0x80 | (code & 0x3F));
          append(&b, utf8, 3);
        }
        p += 4;
        break;
      }
      default:
        append(&b, p, 1);
        break; /* \" \\ \/ */
    }
    ++p;
  }
  *size = b.size;
  return b.data;
}

/* One case of tests/golden/<version>.jsonl: its body, status and raw answer. */
static void golden_case(const char* version, const char* id, char** body, size_t* body_size, int* status, char** raw) {
  char path[1024];
  char needle[256];
  size_t size, raw_size;
  char* text;
  char* line;
  char* field;
  snprintf(path, sizeof path, "%s/%s.jsonl", golden_dir, version);
  snprintf(needle, sizeof needle, "{\"id\": \"%s\",", id);
  text = read_file(path, &size);
  line = strstr(text, needle);
  if (line == NULL) {
    fprintf(stderr, "no golden case %s in %s\n", id, path);
    exit(2);
  }
  field = strstr(line, "\"body\": \"");
  *body = json_string(field + strlen("\"body\": \""), body_size);
  *status = atoi(strstr(line, "\"status\": ") + strlen("\"status\": "));
  field = strstr(line, "\"raw\": \"");
  *raw = json_string(field + strlen("\"raw\": \""), &raw_size);
  free(text);
}

static tfschema_validator* validator_for(tfschema_profile profile) {
  tfschema_options options;
  tfschema_validator* validator;
  tfschema_options_init(&options);
  options.profile = profile;
  validator = tfschema_validator_new(&options);
  CHECK(validator != NULL);
  return validator;
}

/* Renders through both buffer styles and checks they agree; returns the
 * malloc'd text. A buffer one byte too small must hold a truncated prefix. */
static char* render_both_ways(const tfschema_result* result) {
  char small[8];
  size_t needed = tfschema_render_fastapi(result, NULL, 0);
  size_t length = 0;
  char* allocated = tfschema_render_fastapi_alloc(result, &length);
  char* exact = malloc(needed + 1);
  CHECK(allocated != NULL);
  CHECK(length == needed);
  CHECK(tfschema_render_fastapi(result, small, sizeof small) == needed);
  CHECK(strlen(small) == (needed < sizeof small ? needed : sizeof small - 1));
  CHECK(strncmp(small, allocated, strlen(small)) == 0);
  if (needed > 0) {
    CHECK(tfschema_render_fastapi(result, exact, needed) == needed); /* no room for the NUL */
    CHECK(strlen(exact) == needed - 1);
  }
  CHECK(tfschema_render_fastapi(result, exact, needed + 1) == needed);
  CHECK(strcmp(exact, allocated) == 0);
  free(exact);
  return allocated;
}

static const char* const kExamples[] = {"bad-paths",           "many-errors",    "trailing-comma",
                                        "unknown-source-type", "valid-external", "valid-local"};
#define EXAMPLE_COUNT (sizeof kExamples / sizeof kExamples[0])

/* Verdict, HTTP status and response body of every example, in both pydantic
 * profiles, through the copying and the zero-copy entry points. */
static void test_examples_match_the_servers(void) {
  const tfschema_profile profiles[] = {TFSCHEMA_PROFILE_PYDANTIC_V2, TFSCHEMA_PROFILE_PYDANTIC_V1};
  const char* const versions[] = {"v2", "v1"};
  size_t p, e;
  for (p = 0; p < 2; ++p) {
    tfschema_validator* validator = validator_for(profiles[p]);
    for (e = 0; e < EXAMPLE_COUNT; ++e) {
      size_t size;
      int status;
      char* body = example_body(kExamples[e], &size);
      char* expected = expected_answer(kExamples[e], versions[p], &status);
      char* padded = calloc(size + TFSCHEMA_PADDING, 1);
      tfschema_result* result = tfschema_validate(validator, body, size);
      tfschema_result* padded_result;
      char* rendered = render_both_ways(result);
      memcpy(padded, body, size);
      padded_result = tfschema_validate_padded(validator, padded, size);
      CHECK(tfschema_result_http_status(result) == status);
      CHECK(tfschema_result_status(result) == (status == 200 ? TFSCHEMA_STATUS_VALID : TFSCHEMA_STATUS_INVALID));
      CHECK((tfschema_result_error_count(result) == 0) == (status == 200));
      CHECK(tfschema_is_valid(validator, body, size) == (status == 200));
      CHECK(tfschema_is_valid_padded(validator, padded, size) == (status == 200));
      if (strcmp(rendered, expected) != 0) {
        fprintf(stderr, "%s.%s:\n  got      %s\n  expected %s\n", kExamples[e], versions[p], rendered, expected);
        ++failures;
      }
      tfschema_free(rendered);
      rendered = tfschema_render_fastapi_alloc(padded_result, NULL);
      CHECK(strcmp(rendered, expected) == 0);
      tfschema_free(rendered);
      tfschema_result_free(padded_result);
      tfschema_result_free(result);
      free(padded);
      free(expected);
      free(body);
    }
    tfschema_validator_free(validator);
  }
}

/* Python's json.dumps(ensure_ascii=False) of a string, as FastAPI writes it. */
static void append_json_string(buffer* out, const char* s, size_t size) {
  size_t i;
  append_str(out, "\"");
  for (i = 0; i < size; ++i) {
    const unsigned char c = (unsigned char)s[i];
    char escaped[8];
    if (c == '"' || c == '\\') {
      escaped[0] = '\\';
      escaped[1] = (char)c;
      append(out, escaped, 2);
    } else if (c == '\n') {
      append_str(out, "\\n");
    } else if (c == '\r') {
      append_str(out, "\\r");
    } else if (c == '\t') {
      append_str(out, "\\t");
    } else if (c < 0x20) {
      snprintf(escaped, sizeof escaped, "\\u%04x", c);
      append_str(out, escaped);
    } else {
      append(out, s + i, 1);
    }
  }
  append_str(out, "\"");
}

static void append_loc(buffer* out, const tfschema_result* result, size_t index) {
  size_t item;
  append_str(out, "[");
  for (item = 0; item < tfschema_error_loc_count(result, index); ++item) {
    if (item != 0) append_str(out, ",");
    if (tfschema_error_loc_is_index(result, index, item)) {
      char number[32];
      CHECK(tfschema_error_loc_key(result, index, item, NULL) == NULL);
      snprintf(number, sizeof number, "%lld", (long long)tfschema_error_loc_index(result, index, item));
      append_str(out, number);
    } else {
      size_t size;
      const char* key = tfschema_error_loc_key(result, index, item, &size);
      CHECK(tfschema_error_loc_index(result, index, item) == 0);
      append_json_string(out, key, size);
    }
  }
  append_str(out, "]");
}

static void append_field(buffer* out, const char* name, const char* json) {
  if (json[0] == '\0') return;
  append_str(out, ",\"");
  append_str(out, name);
  append_str(out, "\":");
  append_str(out, json);
}

/* The 422 body rebuilt from the per-error accessors alone, in the key order
 * of Pydantic v2 (type, loc, msg, input, ctx) or v1 (loc, msg, type, ctx). */
static char* rebuild_detail(const tfschema_result* result, int v1) {
  buffer out = {NULL, 0, 0};
  size_t i, size;
  const char* s;
  append_str(&out, "{\"detail\":[");
  for (i = 0; i < tfschema_result_error_count(result); ++i) {
    if (i != 0) append_str(&out, ",");
    append_str(&out, "{");
    if (!v1) {
      append_str(&out, "\"type\":");
      s = tfschema_error_type(result, i, &size);
      append_json_string(&out, s, size);
      append_str(&out, ",");
    }
    append_str(&out, "\"loc\":");
    append_loc(&out, result, i);
    append_str(&out, ",\"msg\":");
    s = tfschema_error_msg(result, i, &size);
    append_json_string(&out, s, size);
    if (v1) {
      append_str(&out, ",\"type\":");
      s = tfschema_error_type(result, i, &size);
      append_json_string(&out, s, size);
    } else {
      append_field(&out, "input", tfschema_error_input_json(result, i, NULL));
    }
    append_field(&out, "ctx", tfschema_error_ctx_json(result, i, NULL));
    append_str(&out, "}");
  }
  append_str(&out, "]}");
  return out.data;
}

static void test_error_accessors_rebuild_the_servers_answer(void) {
  const tfschema_profile profiles[] = {TFSCHEMA_PROFILE_PYDANTIC_V2, TFSCHEMA_PROFILE_PYDANTIC_V1};
  const char* const versions[] = {"v2", "v1"};
  size_t p, e, checked = 0;
  for (p = 0; p < 2; ++p) {
    tfschema_validator* validator = validator_for(profiles[p]);
    for (e = 0; e < EXAMPLE_COUNT; ++e) {
      size_t size;
      int status;
      char* body = example_body(kExamples[e], &size);
      char* expected = expected_answer(kExamples[e], versions[p], &status);
      tfschema_result* result = tfschema_validate(validator, body, size);
      if (status == 422) {
        char* rebuilt = rebuild_detail(result, p == 1);
        if (strcmp(rebuilt, expected) != 0) {
          fprintf(stderr, "%s.%s rebuilt:\n  got      %s\n  expected %s\n", kExamples[e], versions[p], rebuilt,
                  expected);
          ++failures;
        }
        ++checked;
        free(rebuilt);
      }
      tfschema_result_free(result);
      free(expected);
      free(body);
    }
    tfschema_validator_free(validator);
  }
  CHECK(checked == 8); /* four invalid examples, two profiles */
}

/* Line and column of each error agree with the text rendering (which
 * computes them independently, from the start of the body each time). */
static void test_positions_agree_with_the_text_rendering(void) {
  tfschema_validator* validator = validator_for(TFSCHEMA_PROFILE_PYDANTIC_V2);
  size_t e;
  for (e = 0; e < EXAMPLE_COUNT; ++e) {
    size_t size, length, i;
    char* body = example_body(kExamples[e], &size);
    tfschema_result* result = tfschema_validate(validator, body, size);
    char* text = tfschema_render_text_alloc(result, body, size, "f", &length);
    char* json = tfschema_render_json_alloc(result, body, size, "f", NULL);
    char* line = text;
    char* snprintf_style = malloc(length + 1);
    CHECK(tfschema_render_text(result, body, size, "f", snprintf_style, length + 1) == length);
    CHECK(strcmp(snprintf_style, text) == 0);
    CHECK(json != NULL && strncmp(json, "{\"file\":\"f\",\"valid\":", 20) == 0);
    for (i = 0; i < tfschema_result_error_count(result); ++i) {
      unsigned long long l = 0, c = 0;
      CHECK(line != NULL && sscanf(line, "f:%llu:%llu:", &l, &c) == 2);
      CHECK(l == tfschema_error_line(result, i));
      CHECK(c == tfschema_error_column(result, i));
      CHECK(tfschema_error_byte_offset(result, i) <= size);
      line = line != NULL ? strchr(line, '\n') : NULL;
      if (line != NULL) ++line;
    }
    CHECK(tfschema_error_line(result, tfschema_result_error_count(result)) == 0); /* out of range */
    free(snprintf_style);
    tfschema_free(json);
    tfschema_free(text);
    tfschema_result_free(result);
    free(body);
  }
  tfschema_validator_free(validator);
}

/* A body the v2 server answers 400 (an integer of 4,301 digits), and the
 * empty body (422, missing), from the golden suite. */
static void test_golden_400_and_empty_body(void) {
  tfschema_validator* validator = validator_for(TFSCHEMA_PROFILE_PYDANTIC_V2);
  char* body;
  char* raw;
  char* rendered;
  size_t size;
  int status;
  tfschema_result* result;

  golden_case("v2", "syntax/bigint/top_4301", &body, &size, &status, &raw);
  CHECK(status == 400);
  result = tfschema_validate(validator, body, size);
  CHECK(tfschema_result_status(result) == TFSCHEMA_STATUS_BAD_REQUEST);
  CHECK(tfschema_result_http_status(result) == 400);
  CHECK(tfschema_result_error_count(result) == 0);
  rendered = render_both_ways(result);
  CHECK(strcmp(rendered, raw) == 0);
  tfschema_free(rendered);
  tfschema_result_free(result);
  free(body);
  free(raw);

  golden_case("v2", "body/empty", &body, &size, &status, &raw);
  CHECK(status == 422 && size == 0);
  result = tfschema_validate(validator, NULL, 0); /* no data at all is the empty body */
  CHECK(tfschema_result_http_status(result) == 422);
  rendered = tfschema_render_fastapi_alloc(result, NULL);
  CHECK(strcmp(rendered, raw) == 0);
  CHECK(tfschema_is_valid(validator, NULL, 0) == 0);
  tfschema_free(rendered);
  tfschema_result_free(result);
  free(body);
  free(raw);
  tfschema_validator_free(validator);
}

static void test_limits(void) {
  tfschema_options options;
  tfschema_validator* validator;
  tfschema_result* result;
  size_t size, many_size;
  char* body;
  char* many = example_body("many-errors", &many_size);

  tfschema_options_init(&options);
  options.max_body_bytes = 10; /* 413 */
  validator = tfschema_validator_new(&options);
  body = example_body("valid-local", &size);
  result = tfschema_validate(validator, body, size);
  CHECK(size > 10);
  CHECK(tfschema_result_status(result) == TFSCHEMA_STATUS_LIMIT_EXCEEDED);
  CHECK(tfschema_result_http_status(result) == 413);
  CHECK(tfschema_is_valid(validator, body, size) == 0);
  tfschema_result_free(result);
  tfschema_validator_free(validator);

  tfschema_options_init(&options);
  options.max_errors = 1;
  validator = tfschema_validator_new(&options);
  result = tfschema_validate(validator, many, many_size);
  CHECK(tfschema_result_error_count(result) == 1);
  CHECK(tfschema_result_truncated(result) == 1);
  tfschema_result_free(result);
  tfschema_validator_free(validator);
  free(body);
  free(many);
}

/* A result owns its data: it outlives its validator and its body. */
static void test_result_outlives_validator_and_body(void) {
  tfschema_validator* validator = validator_for(TFSCHEMA_PROFILE_PYDANTIC_V2);
  size_t size;
  int status;
  char* body = example_body("bad-paths", &size);
  char* expected = expected_answer("bad-paths", "v2", &status);
  tfschema_result* result = tfschema_validate(validator, body, size);
  char* rendered;
  tfschema_validator_free(validator);
  memset(body, 'x', size);
  free(body);
  rendered = tfschema_render_fastapi_alloc(result, NULL);
  CHECK(strcmp(rendered, expected) == 0);
  tfschema_free(rendered);
  tfschema_result_free(result);
  free(expected);
}

static void test_null_and_bad_arguments(void) {
  tfschema_validator* validator = validator_for(TFSCHEMA_PROFILE_PYDANTIC_V2);
  tfschema_options options;
  tfschema_result* result;
  char text[4] = "abc";
  size_t length = 99;

  tfschema_validator_free(NULL);
  tfschema_result_free(NULL);
  tfschema_free(NULL);
  tfschema_options_init(NULL);

  result = tfschema_validate(NULL, "{}", 2);
  CHECK(tfschema_result_status(result) == TFSCHEMA_STATUS_INVALID_ARGUMENT);
  CHECK(tfschema_result_http_status(result) == 500);
  CHECK(tfschema_result_error_count(result) == 0);
  CHECK(tfschema_render_fastapi(result, text, sizeof text) == 0 && text[0] == '\0');
  CHECK(tfschema_render_json(result, "{}", 2, "f", NULL, 0) == 0);
  tfschema_result_free(result); /* the shared static result: a no-op */
  result = tfschema_validate(validator, NULL, 5);
  CHECK(tfschema_result_status(result) == TFSCHEMA_STATUS_INVALID_ARGUMENT);
  tfschema_result_free(result);
  result = tfschema_validate_padded(validator, NULL, 5);
  CHECK(tfschema_result_status(result) == TFSCHEMA_STATUS_INVALID_ARGUMENT);
  tfschema_result_free(result);
  CHECK(tfschema_is_valid(NULL, "{}", 2) == 0);
  CHECK(tfschema_is_valid(validator, NULL, 5) == 0);
  CHECK(tfschema_is_valid_padded(validator, NULL, 5) == 0);

  CHECK(tfschema_result_status(NULL) == TFSCHEMA_STATUS_INVALID_ARGUMENT);
  CHECK(tfschema_result_http_status(NULL) == 500);
  CHECK(tfschema_result_error_count(NULL) == 0);
  CHECK(tfschema_result_truncated(NULL) == 0);
  CHECK(tfschema_error_type(NULL, 0, &length) == NULL && length == 0);
  CHECK(tfschema_error_msg(NULL, 0, NULL) == NULL);
  CHECK(tfschema_error_loc_count(NULL, 0) == 0);
  CHECK(tfschema_error_loc_key(NULL, 0, 0, NULL) == NULL);
  CHECK(tfschema_render_fastapi(NULL, text, sizeof text) == 0 && text[0] == '\0');
  CHECK(tfschema_render_fastapi_alloc(NULL, &length) == NULL && length == 0);
  CHECK(tfschema_render_text_alloc(NULL, NULL, 0, NULL, NULL) == NULL);

  tfschema_options_init(&options);
  options.size = sizeof(size_t); /* from no known version of the header */
  CHECK(tfschema_validator_new(&options) == NULL);
  tfschema_options_init(&options);
  options.profile = (tfschema_profile)7;
  CHECK(tfschema_validator_new(&options) == NULL);
  tfschema_options_init(&options);
  options.schema = (tfschema_schema)7;
  CHECK(tfschema_validator_new(&options) == NULL);
  tfschema_validator_free(validator);
}

/* A caller compiled against a later header passes a bigger struct. */
static void test_options_from_a_newer_header(void) {
  struct {
    tfschema_options known;
    uint64_t added_later;
  } newer;
  tfschema_validator* validator;
  tfschema_result* result;
  size_t size;
  char* body = example_body("many-errors", &size);
  tfschema_options_init(&newer.known);
  newer.known.size = sizeof newer;
  newer.known.max_errors = 2;
  newer.added_later = 12345;
  validator = tfschema_validator_new(&newer.known);
  CHECK(validator != NULL);
  result = tfschema_validate(validator, body, size);
  CHECK(tfschema_result_error_count(result) == 2);
  tfschema_result_free(result);
  tfschema_validator_free(validator);
  free(body);
}

static void test_names_and_version(void) {
  const tfschema_profile profiles[] = {TFSCHEMA_PROFILE_PYDANTIC_V2, TFSCHEMA_PROFILE_PYDANTIC_V1,
                                       TFSCHEMA_PROFILE_STRICT};
  const tfschema_schema schemas[] = {TFSCHEMA_SCHEMA_REQUEST, TFSCHEMA_SCHEMA_RESPONSE, TFSCHEMA_SCHEMA_ERROR};
  size_t i;
  CHECK(strcmp(tfschema_version(), TFSCHEMA_EXPECTED_VERSION) == 0);
  {
    const char* kernel = tfschema_simd_kernel();
    CHECK(kernel != NULL &&
          (strcmp(kernel, "icelake") == 0 || strcmp(kernel, "haswell") == 0 || strcmp(kernel, "westmere") == 0 ||
           strcmp(kernel, "fallback") == 0 || strcmp(kernel, "arm64") == 0 || strcmp(kernel, "ppc64") == 0));
    CHECK(kernel == tfschema_simd_kernel()); /* chosen once */
  }
  for (i = 0; i < 3; ++i) {
    tfschema_profile profile = TFSCHEMA_PROFILE_STRICT;
    tfschema_schema schema = TFSCHEMA_SCHEMA_ERROR;
    const char* name = tfschema_profile_name(profiles[i]);
    CHECK(name != NULL && tfschema_profile_from_name(name, &profile) == 1 && profile == profiles[i]);
    name = tfschema_schema_name(schemas[i]);
    CHECK(name != NULL && tfschema_schema_from_name(name, &schema) == 1 && schema == schemas[i]);
  }
  CHECK(strcmp(tfschema_profile_name(TFSCHEMA_PROFILE_PYDANTIC_V1), "pydantic-v1") == 0);
  CHECK(tfschema_profile_name((tfschema_profile)3) == NULL);
  CHECK(tfschema_schema_name((tfschema_schema)3) == NULL);
  CHECK(tfschema_profile_from_name("pydantic-v3", NULL) == 0);
  CHECK(tfschema_profile_from_name(NULL, NULL) == 0);
  CHECK(tfschema_schema_from_name("requests", NULL) == 0);
}

/* `depth` nested lists, "[[...]]", as a malloc'd string. */
static char* nested_lists(uint32_t depth) {
  char* body = malloc(2 * (size_t)depth + 1);
  CHECK(body != NULL);
  memset(body, '[', depth);
  memset(body + depth, ']', depth);
  body[2 * (size_t)depth] = '\0';
  return body;
}

/* The server's status for `depth` nested lists by the library's reading: 422,
 * 400 (too deep to parse) or 500 (too deep to echo). */
static int deep_body_status(tfschema_validator* validator, uint32_t depth) {
  char* body = nested_lists(depth);
  tfschema_result* result = tfschema_validate(validator, body, 2 * (size_t)depth);
  int status = tfschema_result_http_status(result);
  size_t i;
  for (i = 0; i < tfschema_result_error_count(result); ++i) {
    if (tfschema_error_server_cannot_render(result, i)) status = 500;
  }
  tfschema_result_free(result);
  free(body);
  return status;
}

static void test_server_depths(void) {
  const uint32_t v1_parse = tfschema_server_max_depth(TFSCHEMA_PROFILE_PYDANTIC_V1);
  const uint32_t v2_echo = tfschema_server_max_echo_depth(TFSCHEMA_PROFILE_PYDANTIC_V2);
  tfschema_options options;
  tfschema_validator* v1;
  tfschema_validator* v2 = tfschema_validator_new(NULL);
  tfschema_options_init(&options);
  options.profile = TFSCHEMA_PROFILE_PYDANTIC_V1;
  v1 = tfschema_validator_new(&options);
  CHECK(v1 != NULL && v2 != NULL);
  /* The numbers are the validators' own limits: one level more changes the answer. */
  CHECK(deep_body_status(v1, v1_parse) == 422 && deep_body_status(v1, v1_parse + 1) == 400);
  CHECK(deep_body_status(v2, v2_echo) == 422 && deep_body_status(v2, v2_echo + 1) == 500);
  CHECK(v2_echo < tfschema_server_max_depth(TFSCHEMA_PROFILE_PYDANTIC_V2));
  CHECK(tfschema_server_max_echo_depth(TFSCHEMA_PROFILE_PYDANTIC_V1) == UINT32_MAX);
  CHECK(tfschema_server_max_depth((tfschema_profile)3) == 0 &&
        tfschema_server_max_echo_depth((tfschema_profile)3) == 0);
  tfschema_validator_free(v1);
  tfschema_validator_free(v2);
}

static void test_content_type(void) {
  const char* json_types[] = {"application/json", "Application/JSON; charset=utf-8", "application/vnd.api+json",
                              " application/json "};
  const char* other_types[] = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                               "application/json/x", "multipart/form-data; boundary=x"};
  size_t i;
  for (i = 0; i < sizeof json_types / sizeof json_types[0]; ++i) {
    CHECK(tfschema_content_type_is_json(json_types[i], strlen(json_types[i])) == 1);
  }
  for (i = 0; i < sizeof other_types / sizeof other_types[0]; ++i) {
    CHECK(tfschema_content_type_is_json(other_types[i], strlen(other_types[i])) == 0);
  }
  CHECK(tfschema_content_type_is_json(NULL, 0) == 1); /* no header: FastAPI reads JSON */
  CHECK(tfschema_content_type_is_json("", 0) == 1);
  CHECK(tfschema_content_type_is_json(NULL, 5) == 0);
  CHECK(tfschema_content_type_is_json("application/json", 4) == 0); /* only "appl" */
}

/* YAML: documents, kinds, problems, and errors located in the YAML text. */
static void test_yaml(void) {
  static const char yaml[] =
      "type: service\n"
      "name: api\n"
      "---\n"
      "type: artifact-version\n"
      "name: m\n"
      "ml_repo: repo-a\n"
      "metadata: {}\n"
      "version: 1.5\n"
      "source:\n"
      "  type: external\n"
      "---\n"
      "when: 2024-01-01\n"
      "---\n"
      "a: [\n";
  tfschema_yaml_stream* stream = tfschema_yaml_read(yaml, sizeof yaml - 1, 0);
  CHECK(stream != NULL);
  CHECK(tfschema_yaml_document_count(stream) == 4);
  size_t length = 0;
  CHECK(strcmp(tfschema_yaml_document_type(stream, 0, &length), "service") == 0 && length == 7);
  CHECK(tfschema_yaml_document_problem(stream, 1) == TFSCHEMA_YAML_OK);
  CHECK(strcmp(tfschema_yaml_document_json(stream, 1, NULL),
               "{\"manifest\": {\"type\": \"artifact-version\", \"name\": \"m\", \"ml_repo\": \"repo-a\", "
               "\"metadata\": {}, \"version\": 1.5, \"source\": {\"type\": \"external\"}}}") == 0);
  CHECK(tfschema_yaml_document_problem(stream, 2) == TFSCHEMA_YAML_NOT_JSON);
  CHECK(tfschema_yaml_document_json(stream, 2, NULL) == NULL);
  CHECK(tfschema_yaml_document_line(stream, 2) == 12 && tfschema_yaml_document_column(stream, 2) == 7);
  CHECK(strstr(tfschema_yaml_document_problem_message(stream, 2, NULL), "date") != NULL);
  CHECK(tfschema_yaml_document_problem(stream, 3) == TFSCHEMA_YAML_SYNTAX);
  CHECK(tfschema_yaml_document_problem(stream, 4) == TFSCHEMA_YAML_LIMIT);

  tfschema_validator* validator = validator_for(TFSCHEMA_PROFILE_PYDANTIC_V2);
  tfschema_result* result = tfschema_validate_yaml_document(validator, stream, 1);
  CHECK(tfschema_result_status(result) == TFSCHEMA_STATUS_INVALID);
  CHECK(tfschema_result_error_count(result) == 2);
  /* version: 1.5 at 8:10; source lacks uri: the mapping at 10:3. */
  CHECK(tfschema_error_line(result, 0) == 8 && tfschema_error_column(result, 0) == 10);
  CHECK(tfschema_error_line(result, 1) == 10 && tfschema_error_column(result, 1) == 3);
  CHECK(tfschema_error_byte_offset(result, 0) == (uint64_t)(strstr(yaml, "1.5") - yaml));
  char* answer = tfschema_render_fastapi_alloc(result, NULL);
  CHECK(answer != NULL && strstr(answer, "\"int_from_float\"") != NULL);
  tfschema_free(answer);
  tfschema_result_free(result);
  CHECK(tfschema_result_status(tfschema_validate_yaml_document(validator, stream, 2)) ==
        TFSCHEMA_STATUS_INVALID_ARGUMENT);
  CHECK(tfschema_result_status(tfschema_validate_yaml_document(NULL, stream, 1)) == TFSCHEMA_STATUS_INVALID_ARGUMENT);
  tfschema_validator_free(validator);
  tfschema_yaml_stream_free(stream);
  tfschema_yaml_stream_free(NULL);
  CHECK(tfschema_yaml_document_count(NULL) == 0);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s CORPUS_EXAMPLES_DIR GOLDEN_DIR\n", argv[0]);
    return 2;
  }
  examples_dir = argv[1];
  golden_dir = argv[2];
  test_examples_match_the_servers();
  test_error_accessors_rebuild_the_servers_answer();
  test_positions_agree_with_the_text_rendering();
  test_golden_400_and_empty_body();
  test_limits();
  test_result_outlives_validator_and_body();
  test_null_and_bad_arguments();
  test_options_from_a_newer_header();
  test_names_and_version();
  test_content_type();
  test_yaml();
  test_server_depths();
  if (failures != 0) {
    fprintf(stderr, "capi_test: %d checks failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
