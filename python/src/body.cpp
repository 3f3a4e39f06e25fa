#include "body.hpp"

#include <string>

namespace py = pybind11;

namespace tfschema_python {

namespace {

// How many bytes are readable from `view`'s start within the object the
// memoryview `object` was made from: a slice of a larger buffer may be
// followed by enough of it to serve as simdjson's padding.
size_t readable_in_base(PyObject* object, const Py_buffer& view) {
  PyObject* base = PyMemoryView_GET_BASE(object);  // the exporter; NULL for raw memory
  if (base == nullptr) return view.len;
  Py_buffer whole;
  if (PyObject_GetBuffer(base, &whole, PyBUF_SIMPLE) != 0) {
    PyErr_Clear();  // not contiguous as a whole: no padding to borrow
    return view.len;
  }
  // The memoryview holds an export of `base` for as long as we hold ours of
  // the memoryview, so the whole buffer stays put while we read it.
  const char* begin = static_cast<const char*>(whole.buf);
  const char* end = begin + whole.len;
  const char* data = static_cast<const char*>(view.buf);
  size_t readable = view.len;
  if (data >= begin && data + view.len <= end) readable = static_cast<size_t>(end - data);
  PyBuffer_Release(&whole);
  return readable;
}

}  // namespace

Body::Body(py::handle object) {
  PyObject* o = object.ptr();
  if (PyBytes_Check(o)) {
    owner_ = py::reinterpret_borrow<py::object>(object);
    data_ = PyBytes_AS_STRING(o);
    size_ = static_cast<size_t>(PyBytes_GET_SIZE(o));
    readable_ = size_;
  } else if (PyUnicode_Check(o)) {
    Py_ssize_t size = 0;
    // The UTF-8 form is cached in the str (it is the str's own data when
    // ASCII), so it lives as long as the reference we hold.
    const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);
    if (utf8 != nullptr) {
      owner_ = py::reinterpret_borrow<py::object>(object);
    } else {
      PyErr_Clear();  // lone surrogates: not a programming error, a body
      owner_ = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass"));
      if (!owner_) throw py::error_already_set();
      utf8 = PyBytes_AS_STRING(owner_.ptr());
      size = PyBytes_GET_SIZE(owner_.ptr());
    }
    data_ = utf8;
    size_ = static_cast<size_t>(size);
    readable_ = size_;
  } else if (PyObject_CheckBuffer(o)) {
    take_buffer(object);
  } else {
    throw py::type_error(std::string("body must be bytes, bytearray, memoryview or str, not ") + Py_TYPE(o)->tp_name);
  }
}

void Body::take_buffer(py::handle object) {
  PyObject* o = object.ptr();
  if (PyObject_GetBuffer(o, &view_, PyBUF_SIMPLE) != 0) throw py::error_already_set();
  has_view_ = true;
  data_ = static_cast<const char*>(view_.buf);
  size_ = static_cast<size_t>(view_.len);
  readable_ = PyMemoryView_Check(o) ? readable_in_base(o, view_) : size_;
}

Body::~Body() {
  if (has_view_) PyBuffer_Release(&view_);
}

py::object Body::keep() const {
  if (owner_) return owner_;
  return py::bytes(data_, size_);
}

std::string_view kept_bytes(py::handle kept) {
  if (PyBytes_Check(kept.ptr())) {
    return {PyBytes_AS_STRING(kept.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(kept.ptr()))};
  }
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(kept.ptr(), &size);  // cached by Body: cannot fail
  if (utf8 == nullptr) throw py::error_already_set();
  return {utf8, static_cast<size_t>(size)};
}

}  // namespace tfschema_python
