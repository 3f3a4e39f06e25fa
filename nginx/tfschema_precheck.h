/* The nginx module's decisions, without nginx: which requests it judges, how
 * its validators are set up, and whether a body gets the module's 422 or goes
 * on to the server. Plain C over the library's C API, so that the unit tests
 * (nginx/tests/) run it under the project's ASan/UBSan build; the module
 * (ngx_http_tfschema_module.c) is the nginx glue around it. */
#ifndef TFSCHEMA_NGINX_PRECHECK_H
#define TFSCHEMA_NGINX_PRECHECK_H

#include <stddef.h>

#include "tfschema/tfschema.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Internal to the module: nginx loads modules RTLD_GLOBAL, so nothing but the
 * module itself is exported. */
#if defined(__GNUC__)
#define TFSCHEMA_PRECHECK_INTERNAL __attribute__((visibility("hidden")))
#else
#define TFSCHEMA_PRECHECK_INTERNAL
#endif

/* Levels below the server's stack-dependent limits (tfschema_server_max_depth
 * and tfschema_server_max_echo_depth) where the pre-check stops judging: the
 * server reaches them a level or so apart under uvicorn than under the
 * TestClient they were measured with, so a body nested this deep goes to the
 * server, which knows its own stack. */
#define TFSCHEMA_PRECHECK_DEPTH_MARGIN 16

/* The validator options for `profile`: the nesting limit above, no body size
 * limit (nginx's client_max_body_size governs), at most `max_errors` errors
 * in a 422 (0: all, as the server). */
TFSCHEMA_PRECHECK_INTERNAL void tfschema_precheck_options(tfschema_profile profile, size_t max_errors,
                                                          tfschema_options* options);

/* 1 when the module judges the request's body: a PUT whose Content-Type (the
 * value of the only such header; NULL when there is none) FastAPI reads as
 * JSON. With two or more Content-Type headers it does not. */
TFSCHEMA_PRECHECK_INTERNAL int tfschema_precheck_applies(int is_put, size_t content_type_headers,
                                                         const char* content_type, size_t length);

/* The status line of the profile's server for a 422: uvicorn writes Python's
 * http.HTTPStatus phrase, "Unprocessable Entity" up to Python 3.12 (the
 * pydantic-v1 server's 3.11) and "Unprocessable Content" (RFC 9110) from 3.13
 * (pydantic-v2's); strict, with no server, takes RFC 9110's. */
TFSCHEMA_PRECHECK_INTERNAL const char* tfschema_precheck_status_line_422(tfschema_profile profile);

typedef enum tfschema_precheck_verdict {
  TFSCHEMA_PRECHECK_PASS = 0,  /* the server answers: valid, or one tfschema leaves to it */
  TFSCHEMA_PRECHECK_REJECT = 1 /* the module answers with `status` and `body` */
} tfschema_precheck_verdict;

/* Allocates `size` bytes that live as long as the request (nginx: its pool);
 * NULL when out of memory. */
typedef void* (*tfschema_precheck_alloc)(void* context, size_t size);

typedef struct tfschema_precheck_outcome {
  tfschema_precheck_verdict verdict;
  const char* reason;        /* static, for logs: "invalid", "valid", "server answers 400", ... */
  int status;                /* REJECT: 422 */
  char* body;                /* REJECT: the server's exact response body, NUL-terminated, from alloc */
  size_t body_length;        /* REJECT: bytes in body */
  size_t error_count;        /* errors in the 422 */
  char first_error_type[48]; /* REJECT: the first error's type, for the log ("" if none; cut if longer) */
} tfschema_precheck_outcome;

/* Judges a body: `body` has TFSCHEMA_PADDING readable bytes past `length`
 * (tfschema_validate_padded). The 422 the server would send comes back as
 * REJECT; everything the server answers differently or that tfschema cannot
 * reproduce byte for byte comes back as PASS with a reason: valid bodies,
 * 400s (undecodable, or nested near the server's limit), 500s (the server
 * cannot render its own 422), limits, and the library or `alloc` running out
 * of memory (the request then goes to the server: the pre-check fails open). */
TFSCHEMA_PRECHECK_INTERNAL void tfschema_precheck_judge(tfschema_validator* validator, const char* body, size_t length,
                                                        tfschema_precheck_alloc alloc, void* alloc_context,
                                                        tfschema_precheck_outcome* outcome);

/* 1 when the validator that judged a body of `length` bytes into `outcome`
 * holds so much scratch memory (it keeps what its largest body and longest
 * error list needed, for reuse) that the worker should get it back: over 1 MiB
 * of body or 10,000 errors. */
TFSCHEMA_PRECHECK_INTERNAL int tfschema_precheck_validator_outgrown(size_t length,
                                                                    const tfschema_precheck_outcome* outcome);

/* Frees `validator`, returns the freed heap to the system (glibc's
 * malloc_trim) and makes a new validator for `options`; NULL when out of
 * memory. */
TFSCHEMA_PRECHECK_INTERNAL tfschema_validator* tfschema_precheck_renew(tfschema_validator* validator,
                                                                       const tfschema_options* options);

#ifdef __cplusplus
}
#endif

#endif /* TFSCHEMA_NGINX_PRECHECK_H */
