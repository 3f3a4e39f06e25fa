#include "result.hpp"

#include <utility>
#include <vector>

#include "body.hpp"
#include "tfschema/render.hpp"

namespace py = pybind11;

namespace tfschema_python {

py::str to_str(std::string_view text) {
  PyObject* s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "surrogatepass");
  if (s == nullptr) {
    PyErr_Clear();
    s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
    if (s == nullptr) throw py::error_already_set();
  }
  return py::reinterpret_steal<py::str>(s);
}

const char* status_name(tfschema::Status status) noexcept {
  switch (status) {
    case tfschema::Status::kValid:
      return "valid";
    case tfschema::Status::kInvalid:
      return "invalid";
    case tfschema::Status::kBadRequest:
      return "bad_request";
    case tfschema::Status::kLimitExceeded:
      return "limit_exceeded";
    case tfschema::Status::kUnsupported:
      return "unsupported";
    case tfschema::Status::kOutOfMemory:
      return "out_of_memory";
  }
  return "unknown";
}

py::bytes PyResult::response_body() {
  if (!response_) {
    std::string rendered;
    {
      py::gil_scoped_release release;
      rendered = tfschema::render_fastapi(result_);
    }
    // Another thread may have rendered it meanwhile: either copy is the same.
    if (!response_) response_ = py::bytes(rendered);
  }
  return py::reinterpret_borrow<py::bytes>(response_);
}

py::object PyResult::detail() {
  if (!detail_) {
    // json.loads(body)["detail"], also where the body nests deeper than
    // json.loads can recurse (tfschema/_detail.py).
    detail_ = py::module_::import("tfschema._detail").attr("detail")(response_body());
  }
  return detail_;
}

namespace {

py::tuple loc_tuple(const tfschema::Error& error) {
  py::tuple loc(error.loc.size());
  for (size_t i = 0; i < error.loc.size(); ++i) {
    const tfschema::LocItem& item = error.loc[i];
    loc[i] = item.is_index ? py::object(py::int_(item.index)) : py::object(to_str(item.key));
  }
  return loc;
}

py::object optional_str(const std::string& text) { return text.empty() ? py::object(py::none()) : to_str(text); }

}  // namespace

py::tuple PyResult::errors() {
  if (!errors_) {
    std::vector<tfschema::LineColumn> positions;
    if (result_.error_count() != 0) {
      const std::string_view body = kept_bytes(body_);
      py::gil_scoped_release release;
      positions = tfschema::error_positions(result_, body);
    }
    py::tuple list(result_.errors().size());
    for (size_t i = 0; i < result_.errors().size(); ++i) {
      const tfschema::Error& e = result_.errors()[i];
      list[i] = py::cast(PyError{.loc = loc_tuple(e),
                                 .type = to_str(e.type),
                                 .msg = to_str(e.msg),
                                 .input_json = optional_str(e.input_json),
                                 .ctx_json = optional_str(e.ctx_json),
                                 .offset = e.byte_offset,
                                 .line = positions[i].line,
                                 .column = positions[i].column,
                                 .server_cannot_render = e.server_cannot_render,
                                 .loc_text = to_str(tfschema::format_loc(e))});
    }
    if (!errors_) errors_ = std::move(list);
  }
  return py::reinterpret_borrow<py::tuple>(errors_);
}

}  // namespace tfschema_python
