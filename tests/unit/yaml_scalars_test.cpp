// PyYAML 6's implicit resolver and scalar constructors, row by row. Every
// expected value is what Debian 12's python3-yaml 6.0 gives
// (Resolver().resolve(ScalarNode, text, (True, False)),
// SafeConstructor().construct_yaml_int/float on a ScalarNode), run on
// Python 3.11.2 when these rows were written.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "text/py_float.hpp"
#include "yaml/python_scalars.hpp"
#include "yaml/resolver.hpp"

namespace {

using tfschema::yaml::Tag;

struct TagRow {
  const char* text;
  Tag tag;
};

TEST(YamlResolver, PlainScalarsResolveAsPyYaml) {
  const TagRow rows[] = {
      {"yes", Tag::kBool},
      {"Yes", Tag::kBool},
      {"yEs", Tag::kStr},
      {"y", Tag::kStr},
      {"0o17", Tag::kStr},
      {"017", Tag::kInt},
      {"0x1F", Tag::kInt},
      {"0b12", Tag::kStr},
      {"1_000", Tag::kInt},
      {"1:30", Tag::kInt},
      {"1:60", Tag::kStr},
      {"1:99", Tag::kStr},
      {"190:20:30.15", Tag::kFloat},
      {"1e3", Tag::kStr},
      {"1.0e3", Tag::kStr},
      {"1.0e+3", Tag::kFloat},
      {".inf", Tag::kFloat},
      {"+.nan", Tag::kStr},
      {".NaN", Tag::kFloat},
      {"~", Tag::kNull},
      {"null", Tag::kNull},
      {"NULL", Tag::kNull},
      {"nUll", Tag::kStr},
      {"", Tag::kNull},
      {"2024-01-01", Tag::kTimestamp},
      {"2024-1-1", Tag::kStr},
      {"2024-1-1 1:02:03", Tag::kTimestamp},
      {"2001-12-14t21:59:43.10-05:00", Tag::kTimestamp},
      {"<<", Tag::kMerge},
      {"=", Tag::kValue},
      {"!", Tag::kYaml},
      {"12\n", Tag::kInt},
      {"-", Tag::kStr},
      {"+", Tag::kStr},
      {"+.5", Tag::kStr},
      {"._5", Tag::kStr},
      {"0_", Tag::kInt},
      {"00", Tag::kInt},
      {"08", Tag::kStr},
      {"1:30\n", Tag::kInt},
  };
  for (const TagRow& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(tfschema::yaml::resolve_plain_scalar(row.text), row.tag);
  }
}

TEST(YamlScalars, IntAsConstructYamlInt) {
  struct Row {
    const char* text;
    const char* want;  // the decimal digits, "ERR" when Python raises
  };
  const Row rows[] = {
      {"0x_", "ERR"},
      {"0b101", "5"},
      {"-0x10", "-16"},
      {"1:30", "90"},
      {"-1:30:00", "-5400"},
      {"0o17", "15"},
      {"017", "15"},
      {"1_000", "1000"},
      {"09", "ERR"},
      {"+0", "0"},
      {"-0", "0"},
      {" 12 ", "12"},
      {"\xD9\xA1\xD9\xA2", "12"},  // Arabic-Indic digits: int() reads them
      {"1:-30", "30"},
      {"0x-10", "-16"},
      {"", "ERR"},
      {"-", "ERR"},
      {"12e3", "ERR"},
      {"0b", "ERR"},
      {"0x1F", "31"},
      {"1__2", "12"},
      {"0_", "0"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    tfschema::yaml::PyInt value;
    std::string why;
    const bool ok = tfschema::yaml::construct_int(row.text, value, why);
    EXPECT_EQ(ok ? value.decimal : std::string("ERR"), row.want);
  }
  // 4,300 decimal digits parse; 4,301 raise (int()); a hex int past 4,300
  // decimal digits loads but cannot be written (str(int)).
  tfschema::yaml::PyInt value;
  std::string why;
  EXPECT_TRUE(tfschema::yaml::construct_int("1" + std::string(4299, '0'), value, why));
  EXPECT_FALSE(value.too_long);
  EXPECT_FALSE(tfschema::yaml::construct_int("1" + std::string(4300, '0'), value, why));
  EXPECT_TRUE(tfschema::yaml::construct_int("0x" + std::string(3600, 'f'), value, why));
  EXPECT_TRUE(value.too_long);
}

TEST(YamlScalars, FloatAsConstructYamlFloat) {
  struct Row {
    const char* text;
    const char* want;  // Python's repr(), "ERR" when it raises
  };
  const Row rows[] = {
      {"1e3", "1000.0"},
      {".5", "0.5"},
      {"1.0e+400", "inf"},
      {"190:20:30.15", "685230.15"},
      {"-.inf", "-inf"},
      {"1_0.5", "10.5"},
      {"x", "ERR"},
      {"", "ERR"},
      {" 1.5 ", "1.5"},
      {"inf", "inf"},
      {"-nan", "nan"},
      {"1.", "1.0"},
      {"-0.0", "-0.0"},
      {"1:2.5", "62.5"},
      {".NaN", "nan"},
      {"+.INF", "inf"},
      {"1e-400", "0.0"},
      {"0x10", "ERR"},
      {"\xD9\xA1.\xD9\xA5", "1.5"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    double value = 0;
    bool shared_nan = false;
    std::string why;
    std::string got = "ERR";
    if (tfschema::yaml::construct_float(row.text, value, shared_nan, why)) {
      got.clear();
      tfschema::text::append_python_float_repr(value, got);
    }
    EXPECT_EQ(got, row.want);
  }
}

}  // namespace
