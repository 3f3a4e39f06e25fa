// Python's repr(float), for echoing floats in 422 bodies exactly as the
// FastAPI server (json.dumps -> float.__repr__) would print them.
#pragma once

#include <string>

namespace tfschema::text {

// Appends repr(x) as CPython prints it: the shortest digit string that reads
// back as x; fixed notation when the decimal exponent e of the leading digit
// satisfies -4 <= e < 16 ("0.0001", "100000.0", "-0.0"), scientific notation
// otherwise ("1e+16", "1.5e-07", "5e-324"); "inf", "-inf" and "nan" (NaN of
// either sign) for the non-finite values.
//
// Note that json.dumps prints the non-finite values differently; see
// append_python_json_float in py_json_writer.hpp.
void append_python_float_repr(double x, std::string& out);

}  // namespace tfschema::text
