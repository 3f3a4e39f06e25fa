#include "tfschema_precheck.h"

#include <stdint.h>
#include <string.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* A validator keeps the scratch memory of the largest body and the longest
 * error list it has judged, for reuse: about 0.3 KB per error (2,000,000
 * errors: 0.9 GB) plus the parser's buffers, for as long as the worker
 * lives. Past these, the module gives it back (tfschema_precheck_renew). */
#define TFSCHEMA_PRECHECK_RENEW_BYTES ((size_t)1 << 20)
#define TFSCHEMA_PRECHECK_RENEW_ERRORS 10000

/* Most 422s fit (the 11-error benchmark body renders 2.3 KB); a longer one is
 * rendered a second time into a buffer of its exact size. */
#define TFSCHEMA_PRECHECK_FIRST_RENDER_SIZE 4096

void tfschema_precheck_options(tfschema_profile profile, size_t max_errors, tfschema_options* options) {
  uint32_t limit = tfschema_server_max_depth(profile);
  const uint32_t echo_limit = tfschema_server_max_echo_depth(profile);
  tfschema_options_init(options);
  options->profile = profile;
  if (echo_limit < limit) limit = echo_limit;
  options->max_depth = limit > TFSCHEMA_PRECHECK_DEPTH_MARGIN ? limit - TFSCHEMA_PRECHECK_DEPTH_MARGIN : 1;
  options->max_body_bytes = SIZE_MAX;
  options->max_errors = max_errors;
}

int tfschema_precheck_applies(int is_put, size_t content_type_headers, const char* content_type, size_t length) {
  if (!is_put || content_type_headers > 1) return 0;
  if (content_type_headers == 0) return tfschema_content_type_is_json(NULL, 0);
  return tfschema_content_type_is_json(content_type, length);
}

const char* tfschema_precheck_status_line_422(tfschema_profile profile) {
  return profile == TFSCHEMA_PROFILE_PYDANTIC_V1 ? "422 Unprocessable Entity" : "422 Unprocessable Content";
}

static void pass(tfschema_precheck_outcome* outcome, const char* reason) {
  outcome->verdict = TFSCHEMA_PRECHECK_PASS;
  outcome->reason = reason;
}

/* Why the server, not the module, answers a result the library did not call
 * INVALID. */
static const char* pass_reason(tfschema_status status) {
  switch (status) {
    case TFSCHEMA_STATUS_VALID:
      return "valid";
    case TFSCHEMA_STATUS_BAD_REQUEST:
      return "server answers 400";
    case TFSCHEMA_STATUS_LIMIT_EXCEEDED:
      return "over a limit";
    case TFSCHEMA_STATUS_UNSUPPORTED:
      return "profile not supported";
    case TFSCHEMA_STATUS_OUT_OF_MEMORY:
      return "out of memory";
    default:
      return "validator error";
  }
}

static int server_cannot_render(const tfschema_result* result) {
  size_t i;
  for (i = 0; i < tfschema_result_error_count(result); ++i) {
    if (tfschema_error_server_cannot_render(result, i)) return 1;
  }
  return 0;
}

/* The 422 body into memory from `alloc`; 0 when memory runs out. */
static int render(const tfschema_result* result, tfschema_precheck_alloc alloc, void* alloc_context,
                  tfschema_precheck_outcome* outcome) {
  size_t size = TFSCHEMA_PRECHECK_FIRST_RENDER_SIZE;
  char* buffer = alloc(alloc_context, size);
  size_t length;
  if (buffer == NULL) return 0;
  length = tfschema_render_fastapi(result, buffer, size);
  if (length == TFSCHEMA_RENDER_FAILED) return 0;
  if (length >= size) {
    size = length + 1;
    buffer = alloc(alloc_context, size);
    if (buffer == NULL) return 0;
    length = tfschema_render_fastapi(result, buffer, size);
    if (length == TFSCHEMA_RENDER_FAILED || length >= size) return 0;
  }
  outcome->body = buffer;
  outcome->body_length = length;
  return 1;
}

static void copy_first_error_type(const tfschema_result* result, tfschema_precheck_outcome* outcome) {
  size_t length = 0;
  const char* type = tfschema_error_type(result, 0, &length);
  if (type == NULL) return;
  if (length >= sizeof outcome->first_error_type) length = sizeof outcome->first_error_type - 1;
  memcpy(outcome->first_error_type, type, length);
  outcome->first_error_type[length] = '\0';
}

void tfschema_precheck_judge(tfschema_validator* validator, const char* body, size_t length,
                             tfschema_precheck_alloc alloc, void* alloc_context, tfschema_precheck_outcome* outcome) {
  tfschema_result* result;
  tfschema_status status;
  memset(outcome, 0, sizeof *outcome);
  result = tfschema_validate_padded(validator, body, length);
  status = tfschema_result_status(result);
  outcome->error_count = tfschema_result_error_count(result);
  if (status != TFSCHEMA_STATUS_INVALID || tfschema_result_http_status(result) != 422) {
    pass(outcome, pass_reason(status));
  } else if (server_cannot_render(result)) {
    pass(outcome, "server answers 500");
  } else if (!render(result, alloc, alloc_context, outcome)) {
    pass(outcome, "out of memory");
  } else {
    outcome->verdict = TFSCHEMA_PRECHECK_REJECT;
    outcome->reason = "invalid";
    outcome->status = 422;
    copy_first_error_type(result, outcome);
  }
  tfschema_result_free(result);
}

int tfschema_precheck_validator_outgrown(size_t length, const tfschema_precheck_outcome* outcome) {
  return length > TFSCHEMA_PRECHECK_RENEW_BYTES || outcome->error_count >= TFSCHEMA_PRECHECK_RENEW_ERRORS;
}

tfschema_validator* tfschema_precheck_renew(tfschema_validator* validator, const tfschema_options* options) {
  tfschema_validator_free(validator);
#if defined(__GLIBC__)
  /* The freed blocks are small ones amid the heap: glibc keeps them mapped
   * (resident) unless asked to return their pages. */
  malloc_trim(0);
#endif
  return tfschema_validator_new(options);
}
