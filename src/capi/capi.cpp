// The C API (include/tfschema/tfschema.h) over the C++ one. Every entry point
// is noexcept: the C++ calls below may throw std::bad_alloc, which becomes a
// status, a NULL or TFSCHEMA_RENDER_FAILED here.
#include "tfschema/tfschema.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tfschema/http.hpp"
#include "tfschema/render.hpp"
#include "tfschema/validator.hpp"
#include "tfschema/yaml.hpp"

static_assert(TFSCHEMA_PADDING == simdjson::SIMDJSON_PADDING, "tfschema.h must name simdjson's padding");
static_assert(TFSCHEMA_PROFILE_PYDANTIC_V2 == static_cast<int>(tfschema::Profile::kPydanticV2) &&
              TFSCHEMA_PROFILE_PYDANTIC_V1 == static_cast<int>(tfschema::Profile::kPydanticV1) &&
              TFSCHEMA_PROFILE_STRICT == static_cast<int>(tfschema::Profile::kStrict));
static_assert(tfschema::kAllProfiles.size() == 3, "tfschema.h needs a TFSCHEMA_PROFILE_ constant per profile");
static_assert(tfschema::kAllSchemas.size() == 3, "tfschema.h needs a TFSCHEMA_SCHEMA_ constant per schema");
static_assert(TFSCHEMA_SCHEMA_REQUEST == static_cast<int>(tfschema::Schema::kRequest) &&
              TFSCHEMA_SCHEMA_RESPONSE == static_cast<int>(tfschema::Schema::kResponse) &&
              TFSCHEMA_SCHEMA_ERROR == static_cast<int>(tfschema::Schema::kError));

struct tfschema_validator {
  tfschema::Validator validator;
};

struct tfschema_result {
  explicit tfschema_result(tfschema_status s = TFSCHEMA_STATUS_VALID) : status(s) {}

  tfschema_status status;
  tfschema::Result result;
  // Each error's position, computed when first asked for (the renderers do
  // not need it): guarded for readers on several threads.
  std::once_flag positions_made;
  std::vector<tfschema::LineColumn> positions;
  std::string body;  // what the positions are counted in, kept until then
  // YAML documents: each error's offset in the YAML text (JSON bodies: empty,
  // the errors' own offsets); their positions are made with the result.
  std::vector<uint64_t> offsets;
};

namespace {

// Results for failures that cannot allocate one; immutable, never freed.
tfschema_result out_of_memory_result{TFSCHEMA_STATUS_OUT_OF_MEMORY};
tfschema_result invalid_argument_result{TFSCHEMA_STATUS_INVALID_ARGUMENT};

bool is_static(const tfschema_result* result) {
  return result == &out_of_memory_result || result == &invalid_argument_result;
}

tfschema_status to_c(tfschema::Status status) {
  switch (status) {
    case tfschema::Status::kValid:
      return TFSCHEMA_STATUS_VALID;
    case tfschema::Status::kInvalid:
      return TFSCHEMA_STATUS_INVALID;
    case tfschema::Status::kBadRequest:
      return TFSCHEMA_STATUS_BAD_REQUEST;
    case tfschema::Status::kLimitExceeded:
      return TFSCHEMA_STATUS_LIMIT_EXCEEDED;
    case tfschema::Status::kUnsupported:
      return TFSCHEMA_STATUS_UNSUPPORTED;
    case tfschema::Status::kOutOfMemory:
      break;
  }
  return TFSCHEMA_STATUS_OUT_OF_MEMORY;
}

// Nothing per error is made here: the owned errors (Result::errors()) and
// the positions are built on the first accessor call that needs them.
tfschema_result* make_result(tfschema::Result&& result, std::string_view body) noexcept {
  try {
    auto made = std::make_unique<tfschema_result>(to_c(result.status()));
    if (result.error_count() != 0) made->body.assign(body);
    made->result = std::move(result);
    return made.release();
  } catch (...) {  // only std::bad_alloc can arrive here
    return &out_of_memory_result;
  }
}

// The positions of the errors, made once (std::bad_alloc: none, and the
// line and column accessors answer 0).
const std::vector<tfschema::LineColumn>& positions(const tfschema_result* result) {
  auto* mutable_result = const_cast<tfschema_result*>(result);
  std::call_once(mutable_result->positions_made, [&] {
    try {
      mutable_result->positions = tfschema::error_positions(result->result, result->body);
    } catch (...) {
      mutable_result->positions.clear();
    }
  });
  return result->positions;
}

// The owned errors; null when memory runs out building them.
const std::vector<tfschema::Error>* owned_errors(const tfschema_result* result) noexcept {
  try {
    return &result->result.errors();
  } catch (...) {
    return nullptr;
  }
}

bool arguments_ok(const tfschema_validator* validator, const char* data, size_t length) {
  return validator != nullptr && (data != nullptr || length == 0);
}

const tfschema::Error* error_at(const tfschema_result* result, size_t index) {
  if (result == nullptr || index >= result->result.error_count()) return nullptr;
  const std::vector<tfschema::Error>* errors = owned_errors(result);
  return errors != nullptr ? &(*errors)[index] : nullptr;
}

const tfschema::LocItem* loc_at(const tfschema_result* result, size_t index, size_t item) {
  const tfschema::Error* error = error_at(result, index);
  if (error == nullptr || item >= error->loc.size()) return nullptr;
  return &error->loc[item];
}

const char* text(const std::string& s, size_t* length) {
  if (length != nullptr) *length = s.size();
  return s.c_str();
}

const char* no_text(size_t* length) {
  if (length != nullptr) *length = 0;
  return nullptr;
}

size_t copy_out(std::string_view rendered, char* buffer, size_t size) {
  if (buffer != nullptr && size > 0) {
    const size_t n = std::min(rendered.size(), size - 1);
    std::memcpy(buffer, rendered.data(), n);
    buffer[n] = '\0';
  }
  return rendered.size();
}

char* allocated_copy(const std::string& rendered, size_t* length) {
  char* copy = static_cast<char*>(std::malloc(rendered.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, rendered.data(), rendered.size());
  copy[rendered.size()] = '\0';
  if (length != nullptr) *length = rendered.size();
  return copy;
}

std::string_view view(const char* data, size_t length) { return data != nullptr ? std::string_view(data, length) : ""; }

// From this many errors on, an allocated rendering is measured first.
constexpr size_t kSizeFirstErrors = 1024;

// tfschema_options as 0.1 defined it; a caller's struct is at least this big.
constexpr size_t kFirstOptionsSize = offsetof(tfschema_options, max_errors) + sizeof(size_t);

enum class Format { kFastapi, kText, kJson };

std::string render(const tfschema_result* result, Format format, const char* body, size_t body_length,
                   const char* name) {
  // The failure results carry no answer to render.
  if (is_static(result) || result->status == TFSCHEMA_STATUS_OUT_OF_MEMORY) return {};
  const std::string_view name_view = name != nullptr ? std::string_view(name) : "";
  switch (format) {
    case Format::kText:
      return tfschema::render_text(result->result, view(body, body_length), name_view);
    case Format::kJson:
      return tfschema::render_json(result->result, view(body, body_length), name_view);
    case Format::kFastapi:
      break;
  }
  return tfschema::render_fastapi(result->result);
}

size_t render_into(const tfschema_result* result, Format format, const char* body, size_t body_length, const char* name,
                   char* buffer, size_t size) noexcept {
  try {
    if (result == nullptr || is_static(result)) return copy_out("", buffer, size);
    // The response straight into the caller's buffer, a piece at a time.
    if (format == Format::kFastapi) return tfschema::render_fastapi(result->result, buffer, size);
    return copy_out(render(result, format, body, body_length, name), buffer, size);
  } catch (...) {
    return TFSCHEMA_RENDER_FAILED;
  }
}

char* render_allocated(const tfschema_result* result, Format format, const char* body, size_t body_length,
                       const char* name, size_t* length) noexcept {
  if (length != nullptr) *length = 0;
  if (result == nullptr) return nullptr;
  try {
    if (format == Format::kFastapi && !is_static(result) && result->result.error_count() >= kSizeFirstErrors) {
      // Many errors: measured first, then rendered once into the copy the
      // caller gets, so that the response is never held twice.
      const size_t size = tfschema::render_fastapi(result->result, nullptr, 0);
      char* copy = static_cast<char*>(std::malloc(size + 1));
      if (copy == nullptr) return nullptr;
      tfschema::render_fastapi(result->result, copy, size + 1);
      if (length != nullptr) *length = size;
      return copy;
    }
    return allocated_copy(render(result, format, body, body_length, name), length);
  } catch (...) {
    return nullptr;
  }
}

// The C side of profile_from_name / schema_from_name.
template <typename CEnum, typename Parse>
int from_name(const char* name, Parse parse, CEnum* out) {
  if (name == nullptr) return 0;
  const auto found = parse(name);
  if (!found) return 0;
  if (out != nullptr) *out = static_cast<CEnum>(*found);
  return 1;
}

}  // namespace

extern "C" {

const char* tfschema_version(void) { return TFSCHEMA_VERSION_STRING; }

// The kernels' names are string literals, hence NUL-terminated.
const char* tfschema_simd_kernel(void) { return tfschema::simd_kernel().data(); }

const char* tfschema_profile_name(tfschema_profile profile) {
  for (const tfschema::Profile p : tfschema::kAllProfiles) {
    // The C++ names are string literals, hence NUL-terminated.
    if (static_cast<int>(p) == profile) return tfschema::profile_name(p).data();
  }
  return nullptr;
}

int tfschema_profile_from_name(const char* name, tfschema_profile* profile) {
  return from_name(name, tfschema::profile_from_name, profile);
}

const char* tfschema_schema_name(tfschema_schema schema) {
  for (const tfschema::Schema s : tfschema::kAllSchemas) {
    if (static_cast<int>(s) == schema) return tfschema::schema_name(s).data();
  }
  return nullptr;
}

int tfschema_schema_from_name(const char* name, tfschema_schema* schema) {
  return from_name(name, tfschema::schema_from_name, schema);
}

uint32_t tfschema_server_max_depth(tfschema_profile profile) {
  if (tfschema_profile_name(profile) == nullptr) return 0;
  return tfschema::server_max_depth(static_cast<tfschema::Profile>(profile));
}

uint32_t tfschema_server_max_echo_depth(tfschema_profile profile) {
  if (tfschema_profile_name(profile) == nullptr) return 0;
  return tfschema::server_max_echo_depth(static_cast<tfschema::Profile>(profile));
}

int tfschema_content_type_is_json(const char* value, size_t length) {
  if (value == nullptr) return length == 0 ? 1 : 0;
  return tfschema::server_parses_as_json(std::string_view(value, length)) ? 1 : 0;
}

void tfschema_options_init(tfschema_options* options) {
  if (options == nullptr) return;
  const tfschema::Options defaults;
  *options = tfschema_options{};
  options->size = sizeof(tfschema_options);
  options->profile = static_cast<tfschema_profile>(defaults.profile);
  options->schema = static_cast<tfschema_schema>(defaults.schema);
  options->max_body_bytes = defaults.max_body_bytes;
  options->max_depth = defaults.max_depth;
  options->max_errors = defaults.max_errors;
}

tfschema_validator* tfschema_validator_new(const tfschema_options* options) {
  // Fields the caller's (older, smaller) struct lacks keep their defaults.
  tfschema_options known;
  tfschema_options_init(&known);
  if (options != nullptr) {
    if (options->size < kFirstOptionsSize) return nullptr;
    std::memcpy(&known, options, std::min(options->size, sizeof known));
  }
  if (tfschema_profile_name(known.profile) == nullptr || tfschema_schema_name(known.schema) == nullptr) return nullptr;
  tfschema::Options cpp;
  cpp.profile = static_cast<tfschema::Profile>(known.profile);
  cpp.schema = static_cast<tfschema::Schema>(known.schema);
  cpp.max_body_bytes = known.max_body_bytes;
  cpp.max_depth = known.max_depth;
  cpp.max_errors = known.max_errors;
  tfschema::Validator validator(cpp);
  if (!validator.ok()) return nullptr;  // out of memory
  return new (std::nothrow) tfschema_validator{std::move(validator)};
}

void tfschema_validator_free(tfschema_validator* validator) { delete validator; }

int tfschema_is_valid(tfschema_validator* validator, const char* data, size_t length) {
  if (!arguments_ok(validator, data, length)) return 0;
  return validator->validator.is_valid(view(data, length)) ? 1 : 0;
}

int tfschema_is_valid_padded(tfschema_validator* validator, const char* data, size_t length) {
  if (!arguments_ok(validator, data, length) || data == nullptr) return tfschema_is_valid(validator, data, length);
  return validator->validator.is_valid(simdjson::padded_string_view(data, length, length + TFSCHEMA_PADDING)) ? 1 : 0;
}

tfschema_result* tfschema_validate(tfschema_validator* validator, const char* data, size_t length) {
  if (!arguments_ok(validator, data, length)) return &invalid_argument_result;
  const std::string_view body = view(data, length);
  return make_result(validator->validator.validate(body), body);
}

tfschema_result* tfschema_validate_padded(tfschema_validator* validator, const char* data, size_t length) {
  if (!arguments_ok(validator, data, length) || data == nullptr) return tfschema_validate(validator, data, length);
  return make_result(
      validator->validator.validate(simdjson::padded_string_view(data, length, length + TFSCHEMA_PADDING)),
      std::string_view(data, length));
}

void tfschema_result_free(tfschema_result* result) {
  if (!is_static(result)) delete result;
}

tfschema_status tfschema_result_status(const tfschema_result* result) {
  return result != nullptr ? result->status : TFSCHEMA_STATUS_INVALID_ARGUMENT;
}

int tfschema_result_http_status(const tfschema_result* result) {
  switch (tfschema_result_status(result)) {
    case TFSCHEMA_STATUS_OUT_OF_MEMORY:
    case TFSCHEMA_STATUS_INVALID_ARGUMENT:
      return 500;
    default:
      return result->result.http_status();
  }
}

size_t tfschema_result_error_count(const tfschema_result* result) {
  return result != nullptr ? result->result.error_count() : 0;
}

int tfschema_result_truncated(const tfschema_result* result) {
  return result != nullptr && result->result.truncated() ? 1 : 0;
}

const char* tfschema_error_type(const tfschema_result* result, size_t index, size_t* length) {
  const tfschema::Error* error = error_at(result, index);
  if (error == nullptr) return no_text(length);
  if (length != nullptr) *length = error->type.size();
  return error->type.data();  // static storage, NUL-terminated (tfschema/error.hpp)
}

const char* tfschema_error_msg(const tfschema_result* result, size_t index, size_t* length) {
  const tfschema::Error* error = error_at(result, index);
  return error != nullptr ? text(error->msg, length) : no_text(length);
}

const char* tfschema_error_input_json(const tfschema_result* result, size_t index, size_t* length) {
  const tfschema::Error* error = error_at(result, index);
  return error != nullptr ? text(error->input_json, length) : no_text(length);
}

const char* tfschema_error_ctx_json(const tfschema_result* result, size_t index, size_t* length) {
  const tfschema::Error* error = error_at(result, index);
  return error != nullptr ? text(error->ctx_json, length) : no_text(length);
}

uint64_t tfschema_error_byte_offset(const tfschema_result* result, size_t index) {
  const tfschema::Error* error = error_at(result, index);
  if (error == nullptr) return 0;
  return result->offsets.empty() ? error->byte_offset : result->offsets[index];
}

uint64_t tfschema_error_line(const tfschema_result* result, size_t index) {
  if (result == nullptr || index >= result->result.error_count()) return 0;
  const std::vector<tfschema::LineColumn>& made = positions(result);
  return index < made.size() ? made[index].line : 0;
}

uint64_t tfschema_error_column(const tfschema_result* result, size_t index) {
  if (result == nullptr || index >= result->result.error_count()) return 0;
  const std::vector<tfschema::LineColumn>& made = positions(result);
  return index < made.size() ? made[index].column : 0;
}

int tfschema_error_server_cannot_render(const tfschema_result* result, size_t index) {
  const tfschema::Error* error = error_at(result, index);
  return error != nullptr && error->server_cannot_render ? 1 : 0;
}

size_t tfschema_error_loc_count(const tfschema_result* result, size_t index) {
  const tfschema::Error* error = error_at(result, index);
  return error != nullptr ? error->loc.size() : 0;
}

int tfschema_error_loc_is_index(const tfschema_result* result, size_t index, size_t item) {
  const tfschema::LocItem* loc = loc_at(result, index, item);
  return loc != nullptr && loc->is_index ? 1 : 0;
}

const char* tfschema_error_loc_key(const tfschema_result* result, size_t index, size_t item, size_t* length) {
  const tfschema::LocItem* loc = loc_at(result, index, item);
  return loc != nullptr && !loc->is_index ? text(loc->key, length) : no_text(length);
}

int64_t tfschema_error_loc_index(const tfschema_result* result, size_t index, size_t item) {
  const tfschema::LocItem* loc = loc_at(result, index, item);
  return loc != nullptr && loc->is_index ? loc->index : 0;
}

size_t tfschema_render_fastapi(const tfschema_result* result, char* buffer, size_t size) {
  return render_into(result, Format::kFastapi, nullptr, 0, nullptr, buffer, size);
}

char* tfschema_render_fastapi_alloc(const tfschema_result* result, size_t* length) {
  return render_allocated(result, Format::kFastapi, nullptr, 0, nullptr, length);
}

size_t tfschema_render_text(const tfschema_result* result, const char* body, size_t body_length, const char* name,
                            char* buffer, size_t size) {
  return render_into(result, Format::kText, body, body_length, name, buffer, size);
}

char* tfschema_render_text_alloc(const tfschema_result* result, const char* body, size_t body_length, const char* name,
                                 size_t* length) {
  return render_allocated(result, Format::kText, body, body_length, name, length);
}

size_t tfschema_render_json(const tfschema_result* result, const char* body, size_t body_length, const char* name,
                            char* buffer, size_t size) {
  return render_into(result, Format::kJson, body, body_length, name, buffer, size);
}

char* tfschema_render_json_alloc(const tfschema_result* result, const char* body, size_t body_length, const char* name,
                                 size_t* length) {
  return render_allocated(result, Format::kJson, body, body_length, name, length);
}

void tfschema_free(void* memory) { std::free(memory); }

}  // extern "C"

// ---- YAML manifests --------------------------------------------------------

struct tfschema_yaml_stream {
  tfschema::YamlStream stream;
  std::vector<tfschema::LineColumn> positions;  // of each document's problem or start
};

namespace {

const tfschema::YamlDocument* yaml_document(const tfschema_yaml_stream* stream, size_t index) {
  if (stream == nullptr || index >= stream->stream.documents.size()) return nullptr;
  return &stream->stream.documents[index];
}

const char* with_length(const std::string& s, size_t* length) {
  if (length != nullptr) *length = s.size();
  return s.c_str();
}

}  // namespace

tfschema_yaml_stream* tfschema_yaml_read(const char* data, size_t length, size_t max_json_bytes) {
  try {
    auto made = std::make_unique<tfschema_yaml_stream>();
    tfschema::YamlOptions options;
    if (max_json_bytes != 0) options.max_yaml_bytes = options.max_json_bytes = max_json_bytes;
    made->stream = tfschema::read_yaml(view(data, length), options);
    std::vector<uint64_t> offsets;
    for (const tfschema::YamlDocument& doc : made->stream.documents) {
      offsets.push_back(doc.problem ? doc.problem->byte_offset : doc.byte_offset);
    }
    made->positions = tfschema::line_columns(made->stream.text, offsets);
    return made.release();
  } catch (...) {
    return nullptr;
  }
}

void tfschema_yaml_stream_free(tfschema_yaml_stream* stream) { delete stream; }

const char* tfschema_yaml_text(const tfschema_yaml_stream* stream, size_t* length) {
  static const std::string kEmpty;
  return with_length(stream != nullptr ? stream->stream.text : kEmpty, length);
}

size_t tfschema_yaml_document_count(const tfschema_yaml_stream* stream) {
  return stream != nullptr ? stream->stream.documents.size() : 0;
}

tfschema_yaml_problem tfschema_yaml_document_problem(const tfschema_yaml_stream* stream, size_t index) {
  const tfschema::YamlDocument* doc = yaml_document(stream, index);
  if (doc == nullptr) return TFSCHEMA_YAML_LIMIT;
  if (!doc->problem) return TFSCHEMA_YAML_OK;
  switch (doc->problem->kind) {
    case tfschema::YamlProblemKind::kUnreadable:
      return TFSCHEMA_YAML_UNREADABLE;
    case tfschema::YamlProblemKind::kSyntax:
      return TFSCHEMA_YAML_SYNTAX;
    case tfschema::YamlProblemKind::kConstruct:
      return TFSCHEMA_YAML_CONSTRUCT;
    case tfschema::YamlProblemKind::kNotJson:
      return TFSCHEMA_YAML_NOT_JSON;
    case tfschema::YamlProblemKind::kLimit:
      return TFSCHEMA_YAML_LIMIT;
  }
  return TFSCHEMA_YAML_LIMIT;
}

const char* tfschema_yaml_document_problem_message(const tfschema_yaml_stream* stream, size_t index, size_t* length) {
  static const std::string kEmpty;
  const tfschema::YamlDocument* doc = yaml_document(stream, index);
  return with_length(doc != nullptr && doc->problem ? doc->problem->message : kEmpty, length);
}

uint64_t tfschema_yaml_document_byte_offset(const tfschema_yaml_stream* stream, size_t index) {
  const tfschema::YamlDocument* doc = yaml_document(stream, index);
  if (doc == nullptr) return 0;
  return doc->problem ? doc->problem->byte_offset : doc->byte_offset;
}

uint64_t tfschema_yaml_document_line(const tfschema_yaml_stream* stream, size_t index) {
  return yaml_document(stream, index) != nullptr ? stream->positions[index].line : 0;
}

uint64_t tfschema_yaml_document_column(const tfschema_yaml_stream* stream, size_t index) {
  return yaml_document(stream, index) != nullptr ? stream->positions[index].column : 0;
}

const char* tfschema_yaml_document_json(const tfschema_yaml_stream* stream, size_t index, size_t* length) {
  const tfschema::YamlDocument* doc = yaml_document(stream, index);
  if (doc == nullptr || doc->problem) {
    if (length != nullptr) *length = 0;
    return nullptr;
  }
  return with_length(doc->json_body, length);
}

const char* tfschema_yaml_document_type(const tfschema_yaml_stream* stream, size_t index, size_t* length) {
  const tfschema::YamlDocument* doc = yaml_document(stream, index);
  if (doc == nullptr || !doc->manifest_type) {
    if (length != nullptr) *length = 0;
    return nullptr;
  }
  return with_length(*doc->manifest_type, length);
}

tfschema_result* tfschema_validate_yaml_document(tfschema_validator* validator, const tfschema_yaml_stream* stream,
                                                 size_t index) {
  const tfschema::YamlDocument* doc = yaml_document(stream, index);
  if (validator == nullptr || doc == nullptr || doc->problem) return &invalid_argument_result;
  try {
    tfschema::YamlValidation validation = tfschema::validate_yaml_document(validator->validator, *doc);
    if (validation.problem) return &out_of_memory_result;
    auto made = std::make_unique<tfschema_result>(to_c(validation.result.status()));
    made->positions = tfschema::line_columns(stream->stream.text, validation.error_offsets);
    std::call_once(made->positions_made, [] {});  // made: positions() keeps them
    made->offsets = std::move(validation.error_offsets);
    made->result = std::move(validation.result);
    return made.release();
  } catch (...) {
    return &out_of_memory_result;
  }
}
