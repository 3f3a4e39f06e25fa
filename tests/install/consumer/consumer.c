/* consumer_c PROFILE FILE: prints the HTTP status, a newline and the response
 * body the server would send (nothing for 200), through the C API. */
#include <stdio.h>
#include <stdlib.h>

#include <tfschema/tfschema.h>

int main(int argc, char** argv) {
  tfschema_options options;
  tfschema_validator* validator;
  tfschema_result* result;
  FILE* file;
  char* body;
  char* response;
  long size;
  int exit_code;

  if (argc != 3) return 2;
  tfschema_options_init(&options);
  if (!tfschema_profile_from_name(argv[1], &options.profile)) return 2;
  file = fopen(argv[2], "rb");
  if (file == NULL || fseek(file, 0, SEEK_END) != 0 || (size = ftell(file)) < 0) return 2;
  rewind(file);
  body = malloc((size_t)size + 1);
  if (body == NULL || fread(body, 1, (size_t)size, file) != (size_t)size) return 2;
  fclose(file);

  validator = tfschema_validator_new(&options);
  result = tfschema_validate(validator, body, (size_t)size);
  response = tfschema_render_fastapi_alloc(result, NULL);
  if (response == NULL) return 2;
  printf("%d\n%s", tfschema_result_http_status(result), response);
  exit_code =
      tfschema_is_valid(validator, body, (size_t)size) == (tfschema_result_status(result) == TFSCHEMA_STATUS_VALID) ? 0
                                                                                                                    : 1;

  tfschema_free(response);
  tfschema_result_free(result);
  tfschema_validator_free(validator);
  free(body);
  return exit_code;
}
