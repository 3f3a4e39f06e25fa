// A request body handed in from Python, readable without the GIL.
//
// simdjson reads up to SIMDJSON_PADDING bytes past the end of a body, so a
// body is read in place only when that many bytes of the same Python object
// follow it: a memoryview slice of a larger bytes, bytearray or other buffer
// (`memoryview(buf)[:n]` with len(buf) >= n + tfschema.PADDING). Every other
// body (bytes, str, a whole bytearray or memoryview) is copied once into the
// leased validator's reusable padded buffer: a bytes object's allocation ends
// one byte after its data, and reading past it is undefined behaviour.
#pragma once

#include <Python.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <string_view>

#include <simdjson.h>

namespace tfschema_python {

class Body {
 public:
  // Takes `object`'s bytes: bytes (any subclass), str (as UTF-8; lone
  // surrogates as CESU-8, the bytes Python's 'surrogatepass' writes, which is
  // how the server would have received them) or any C-contiguous buffer.
  // Throws TypeError for anything else and BufferError for a buffer that is
  // not contiguous. Needs the GIL; so does the destructor.
  explicit Body(pybind11::handle object);
  ~Body();
  Body(const Body&) = delete;
  Body& operator=(const Body&) = delete;

  // Valid until the Body is destroyed; readable without the GIL.
  std::string_view bytes() const noexcept { return {data_, size_}; }
  // Whether SIMDJSON_PADDING readable bytes of the same object follow bytes().
  bool padded() const noexcept { return readable_ >= size_ + simdjson::SIMDJSON_PADDING; }
  simdjson::padded_string_view padded_view() const noexcept {
    return simdjson::padded_string_view(data_, size_, readable_);
  }

  // An immutable object holding these bytes (a bytes or str), for a Result
  // that needs them later: the input itself when it is immutable, a copy of
  // a mutable buffer otherwise. Needs the GIL.
  pybind11::object keep() const;

 private:
  void take_buffer(pybind11::handle object);

  pybind11::object owner_;  // the bytes or str the data points into, when not a buffer export
  Py_buffer view_{};
  bool has_view_ = false;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t readable_ = 0;  // bytes readable from data_ (>= size_)
};

// The bytes of an object Body::keep() returned. Needs the GIL.
std::string_view kept_bytes(pybind11::handle kept);

}  // namespace tfschema_python
