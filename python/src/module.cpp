// tfschema._tfschema: the C++ library for Python (the tfschema package
// re-exports it; tfschema/_tfschema.pyi has the types). Validation runs with
// the GIL released; a Validator may be shared by threads (validator_pool.hpp).
#include <pybind11/pybind11.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "body.hpp"
#include "result.hpp"
#include "tfschema/tfschema.hpp"
#include "validator_pool.hpp"

namespace py = pybind11;

namespace tfschema_python {
namespace {

constexpr std::string_view kProfiles = "pydantic-v2, pydantic-v1, strict";
constexpr std::string_view kSchemas = "request, response, error";

tfschema::Profile profile_argument(const std::string& name) {
  std::optional<tfschema::Profile> profile = tfschema::profile_from_name(name);
  if (!profile) throw py::value_error("unknown profile '" + name + "': expected one of " + std::string(kProfiles));
  if (!tfschema::profile_implemented(*profile)) {
    throw py::value_error("profile '" + name + "' is not implemented in this build");
  }
  return *profile;
}

template <typename T>
T limit_argument(const char* name, long long value) {
  if (value < 0 || static_cast<unsigned long long>(value) > std::numeric_limits<T>::max()) {
    throw py::value_error(std::string(name) + " must be between 0 and " +
                          std::to_string(std::numeric_limits<T>::max()) + ", not " + std::to_string(value));
  }
  return static_cast<T>(value);
}

tfschema::Options options_argument(const std::string& profile_name, const std::string& schema_name,
                                   long long max_errors, long long max_body_bytes, long long max_depth) {
  tfschema::Options options;
  options.profile = profile_argument(profile_name);
  std::optional<tfschema::Schema> schema = tfschema::schema_from_name(schema_name);
  if (!schema) {
    throw py::value_error("unknown schema '" + schema_name + "': expected one of " + std::string(kSchemas));
  }
  if (!tfschema::schema_implemented(options.profile, *schema)) {
    throw py::value_error("schema '" + schema_name + "' is not validated in profile '" + profile_name +
                          "' (the response schemas are strict-only: no server validates its answers)");
  }
  options.schema = *schema;
  options.max_errors = limit_argument<size_t>("max_errors", max_errors);
  options.max_body_bytes = limit_argument<size_t>("max_body_bytes", max_body_bytes);
  options.max_depth = limit_argument<uint32_t>("max_depth", max_depth);
  return options;
}

// tfschema.Validator: the options plus a pool of C++ validators.
class PyValidator {
 public:
  explicit PyValidator(const tfschema::Options& options) : pool_(options) {}

  const tfschema::Options& options() const noexcept { return pool_.options(); }
  size_t validators_created() const { return pool_.created(); }

  bool is_valid(py::handle object) {
    Body body(object);
    py::gil_scoped_release release;
    ValidatorPool::Lease validator = pool_.lease();
    return body.padded() ? validator->is_valid(body.padded_view()) : validator->is_valid(body.bytes());
  }

  PyResult validate(py::handle object) {
    Body body(object);
    tfschema::Result result;
    {
      py::gil_scoped_release release;
      ValidatorPool::Lease validator = pool_.lease();
      result = body.padded() ? validator->validate(body.padded_view()) : validator->validate(body.bytes());
    }
    // Error.line/column are computed from the body when first asked.
    py::object kept = result.error_count() == 0 ? py::object(py::none()) : body.keep();
    return PyResult(std::move(result), std::move(kept));
  }

  std::string repr() const {
    const tfschema::Options& o = options();
    return "tfschema.Validator(profile='" + std::string(tfschema::profile_name(o.profile)) + "', schema='" +
           std::string(tfschema::schema_name(o.schema)) + "', max_errors=" + std::to_string(o.max_errors) +
           ", max_body_bytes=" + std::to_string(o.max_body_bytes) + ", max_depth=" + std::to_string(o.max_depth) + ")";
  }

 private:
  ValidatorPool pool_;
};

bool content_type_is_json(py::handle content_type) {
  if (PyBytes_Check(content_type.ptr())) {
    return tfschema::server_parses_as_json(
        {PyBytes_AS_STRING(content_type.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(content_type.ptr()))});
  }
  if (PyUnicode_Check(content_type.ptr())) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(content_type.ptr(), &size);
    if (utf8 == nullptr) {  // lone surrogates: not ASCII, so not a type FastAPI is sure to read as JSON
      PyErr_Clear();
      return false;
    }
    return tfschema::server_parses_as_json({utf8, static_cast<size_t>(size)});
  }
  throw py::type_error(std::string("content_type must be str or bytes, not ") + Py_TYPE(content_type.ptr())->tp_name);
}

// Formatted in Python: a member name in loc_text may hold a lone surrogate.
py::str error_repr(const PyError& e) {
  return py::str("<tfschema.Error {}:{} {} [{}]>").format(e.line, e.column, e.loc_text, e.type);
}

std::string result_repr(const PyResult& r) {
  const tfschema::Result& result = r.result();
  std::string text = "<tfschema.Result " + std::to_string(result.http_status()) + " " + status_name(result.status());
  if (result.error_count() != 0) {
    text += ", " + std::to_string(result.error_count()) + (result.error_count() == 1 ? " error" : " errors");
  }
  return text + ">";
}

const char* const kModuleDoc = R"(The tfschema C++ library (use the tfschema package, which re-exports it).)";

const char* const kValidatorDoc =
    R"(Validator(profile='pydantic-v2', schema='request', max_errors=0, max_body_bytes=67108864, max_depth=0)

Validates request bodies of PUT /api/ml/v1/artifact-versions and answers what
the profile's FastAPI server answers: the verdict and, for a bad body, its
exact 422 response.

profile: 'pydantic-v2' (FastAPI 0.115 + Pydantic 2.10), 'pydantic-v1'
    (FastAPI 0.92 + Pydantic 1.10) or 'strict' (the OpenAPI document as JSON
    Schema 2020-12).
schema: 'request' (the PUT body); 'response' or 'error' (the endpoint's
    answers) in the strict profile only.
max_errors: report at most this many errors (0: all, as the servers do).
max_body_bytes: longer bodies get status 413 ('limit_exceeded') unread.
max_depth: deeper nesting gets the server's 400; 0 is the profile's server
    limit.

Raises ValueError for an unknown profile or schema name or a negative limit;
never for a body. A Validator may be shared by threads: each call leases a
C++ validator from a pool owned by this object and runs without the GIL.)";

const char* const kIsValidDoc = R"(is_valid(body) -> bool

True iff the profile's server accepts the body (answers 200). Stops at the
first problem. `body` is bytes, bytearray, memoryview (any C-contiguous
buffer) or str (sent as UTF-8). Runs without the GIL. The body is copied once
into a reusable padded buffer unless it is a memoryview followed by at least
tfschema.PADDING more bytes of the object it views (then it is read in place);
do not modify a buffer while it is being validated.)";

const char* const kValidateDoc = R"(validate(body) -> Result

The server's answer to the body: every error it reports, in its order. `body`
as for is_valid(); for a valid body it costs what is_valid() costs. Runs
without the GIL. A Result with errors keeps the body (a reference to bytes or
str, a copy of a mutable buffer) to compute Error.line and Error.column.)";

const char* const kResultDoc = R"(What the server answers to one body (Validator.validate() makes them).

status_code: 200, 422, 400 (the server cannot parse the body), 413 (refused by
    max_body_bytes or max_depth in the strict profile) or 501.
status: 'valid', 'invalid', 'bad_request', 'limit_exceeded', 'unsupported',
'out_of_memory' (status_code 500: the library ran out of memory; nothing is said of the body).
ok: status == 'valid'.
body: the exact response body the server sends (b'' for a valid body).
detail: json.loads(body)['detail'] (a list of error dicts for a 422, a str for
    a 400; [] for a valid body); parsed once, the same list each time.
errors: tuple of Error, with their line and column in the body.
truncated: more errors existed than max_errors allowed.
server_cannot_render: the real server fails to render this 422 and answers
    500 instead (NaN/Infinity or a lone surrogate in an echoed input); body
    is still a well-formed 422 naming the same errors.
profile: the Validator's profile.)";

const char* const kErrorDoc = R"(One validation error, as the server reports it.

loc: tuple of str and int, starting with 'body' (e.g. ('body', 'manifest',
    'source', 'paths', 1, 'src')).
type, msg: the server's error type and message.
input_json: the offending value as the server echoes it (JSON text), or None
    when the profile echoes none.
ctx_json: the error's context as JSON text (e.g. '{"max_length":256}') or None.
offset: byte offset of the offending value in the body (for a missing member:
    the object lacking it); line, column: 1-based, the column in code points.
server_cannot_render: the real server answers 500 for this error.
str(error) is 'LINE:COL: LOC: MSG [TYPE]'.)";

}  // namespace
}  // namespace tfschema_python

PYBIND11_MODULE(_tfschema, m) {
  using namespace tfschema_python;
  py::options docs;
  docs.disable_function_signatures();  // the docstrings carry Python-style signatures
  m.doc() = kModuleDoc;

  py::class_<PyError>(m, "Error", kErrorDoc)
      .def_readonly("loc", &PyError::loc)
      .def_readonly("type", &PyError::type)
      .def_readonly("msg", &PyError::msg)
      .def_readonly("input_json", &PyError::input_json)
      .def_readonly("ctx_json", &PyError::ctx_json)
      .def_readonly("offset", &PyError::offset)
      .def_readonly("line", &PyError::line)
      .def_readonly("column", &PyError::column)
      .def_readonly("server_cannot_render", &PyError::server_cannot_render)
      .def("__str__",
           [](const PyError& e) {
             return py::str("{}:{}: {}: {} [{}]").format(e.line, e.column, e.loc_text, e.msg, e.type);
           })
      .def("__repr__", &error_repr);

  py::class_<PyResult>(m, "Result", kResultDoc)
      .def_property_readonly("status_code", [](const PyResult& r) { return r.result().http_status(); })
      .def_property_readonly("status", [](const PyResult& r) { return status_name(r.result().status()); })
      .def_property_readonly("ok", [](const PyResult& r) { return r.result().ok(); })
      .def_property_readonly("body", &PyResult::response_body)
      .def_property_readonly("detail", &PyResult::detail)
      .def_property_readonly("errors", &PyResult::errors)
      .def_property_readonly("truncated", [](const PyResult& r) { return r.result().truncated(); })
      .def_property_readonly("server_cannot_render",
                             [](const PyResult& r) { return r.result().server_cannot_render(); })
      .def_property_readonly(
          "profile", [](const PyResult& r) { return std::string(tfschema::profile_name(r.result().profile())); })
      .def("__repr__", &result_repr);

  py::class_<PyValidator>(m, "Validator", kValidatorDoc)
      .def(py::init([](const std::string& profile, const std::string& schema, long long max_errors,
                       long long max_body_bytes, long long max_depth) {
             return std::make_unique<PyValidator>(
                 options_argument(profile, schema, max_errors, max_body_bytes, max_depth));
           }),
           py::arg("profile") = "pydantic-v2", py::arg("schema") = "request", py::arg("max_errors") = 0,
           py::arg("max_body_bytes") = static_cast<long long>(tfschema::Options{}.max_body_bytes),
           py::arg("max_depth") = 0)
      .def("is_valid", &PyValidator::is_valid, py::arg("body"), kIsValidDoc)
      .def("validate", &PyValidator::validate, py::arg("body"), kValidateDoc)
      .def_property_readonly(
          "profile", [](const PyValidator& v) { return std::string(tfschema::profile_name(v.options().profile)); })
      .def_property_readonly(
          "schema", [](const PyValidator& v) { return std::string(tfschema::schema_name(v.options().schema)); })
      .def_property_readonly("max_errors", [](const PyValidator& v) { return v.options().max_errors; })
      .def_property_readonly("max_body_bytes", [](const PyValidator& v) { return v.options().max_body_bytes; })
      .def_property_readonly("max_depth", [](const PyValidator& v) { return v.options().max_depth; })
      .def_property_readonly("_validators_created", &PyValidator::validators_created,
                             "How many C++ validators the pool has made (the most calls that overlapped).")
      .def("__repr__", &PyValidator::repr);

  m.def("server_parses_as_json", &content_type_is_json, py::arg("content_type"),
        R"(server_parses_as_json(content_type) -> bool

Whether FastAPI parses a request body with this Content-Type header value
(str or the raw header bytes; '' when the header is absent) as JSON, so that a
Validator's answer is the server's. Conservative: anything unusual (non-ASCII,
control characters) answers False, "not sure".)");
  m.def(
      "server_max_depth",
      [](const std::string& profile) { return tfschema::server_max_depth(profile_argument(profile)); },
      py::arg("profile"), R"(server_max_depth(profile) -> int

The deepest nesting of containers the profile's server parses (one more and it
answers 400); what max_depth=0 stands for.)");
  m.def(
      "_reads_in_place", [](py::handle body) { return Body(body).padded(); }, py::arg("body"),
      "Whether validation reads this body where it is (for tests of the zero-copy rule).");
  m.attr("PADDING") = simdjson::SIMDJSON_PADDING;
  m.attr("PROFILES") = py::make_tuple(tfschema::profile_name(tfschema::Profile::kPydanticV2),
                                      tfschema::profile_name(tfschema::Profile::kPydanticV1),
                                      tfschema::profile_name(tfschema::Profile::kStrict));
  m.attr("SCHEMAS") = py::make_tuple(tfschema::schema_name(tfschema::Schema::kRequest),
                                     tfschema::schema_name(tfschema::Schema::kResponse),
                                     tfschema::schema_name(tfschema::Schema::kError));
  m.attr("__version__") = TFSCHEMA_PYTHON_VERSION;
}
