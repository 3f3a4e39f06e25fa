// RFC 3339 date-time as ajv-formats 3.0.1 reads it (full mode). Every row's
// verdict was taken from ajv-formats itself (node, tools/ajv's lock); the
// response golden suite (tests/golden/response.jsonl) checks the same
// against ajv again on every run.
#include "text/rfc3339.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace {

struct Row {
  std::string_view text;
  bool valid;
};

constexpr Row kRows[] = {
    {"2026-11-27T06:56:49Z", true},
    {"2026-11-27t06:56:49z", true},
    {"2026-11-27T06:56:49.123456789Z", true},
    {"2026-11-27T06:56:49.Z", false},
    {"2026-11-27T06:56:49+01:00", true},
    {"2026-11-27T06:56:49-23:59", true},
    {"2026-11-27T06:56:49+24:00", false},
    {"2026-11-27T06:56:49+01:60", false},
    {"2026-11-27T06:56:49+01", true},
    {"2026-11-27T06:56:49+0130", true},
    {"2026-11-27T06:56:49+013", false},
    {"2026-11-27T06:56:49+01:", false},
    {"2026-11-27T06:56:49", false},
    {"2026-11-27 06:56:49Z", true},
    {"2026-11-27\t06:56:49Z", true},
    {"2026-11-27 06:56:49Z", true},
    {"2026-11-27\xE3"
     "\x80"
     "\x80"
     "06:56:49Z",
     true},
    {"2026-11-27T06:56:49ZZ", false},
    {"2026-11-27TT06:56:49Z", false},
    {"2024-02-29T00:00:00Z", true},
    {"2023-02-29T00:00:00Z", false},
    {"1900-02-29T00:00:00Z", false},
    {"2000-02-29T00:00:00Z", true},
    {"2026-04-31T00:00:00Z", false},
    {"2026-04-30T00:00:00Z", true},
    {"2026-13-01T00:00:00Z", false},
    {"2026-00-01T00:00:00Z", false},
    {"2026-01-00T00:00:00Z", false},
    {"0000-01-01T00:00:00Z", true},
    {"9999-12-31T23:59:59.999Z", true},
    {"2016-12-31T23:59:60Z", true},
    {"2016-12-31T23:59:60.5Z", true},
    {"2016-12-31T23:59:61Z", false},
    {"2016-12-31T23:58:60Z", false},
    {"2016-12-31T22:59:60Z", false},
    {"2016-12-31T15:59:60-08:00", true},
    {"2017-01-01T00:59:60+01:00", true},
    {"2016-12-31T23:59:60+01:00", false},
    {"2026-01-01T24:00:00Z", false},
    {"2026-01-01T24:59:59+01:00", true},
    {"2026-01-01T23:60:00+00:01", true},
    {"2026-01-01T12:00:59.99999999999999999Z", false},
    {"2026-01-01T12:00:59.9999999999999Z", true},
    {"2026-01-01T23:59:59.99999999999999999Z", true},
    {"2026-1-01T00:00:00Z", false},
    {"26-01-01T00:00:00Z", false},
    {"2026-01-01T0:00:00Z", false},
    {"2026-01-01T00:00:0Z", false},
    {"20260101T000000Z", false},
    {"2026-01-01T00:00:00+01:00:00", false},
    {"+2026-01-01T00:00:00Z", false},
    {"2026-01-01T00:00:00Z ", false},
    {" 2026-01-01T00:00:00Z", false},
    {"2026-01-01T00:00:00,5Z", false},
    {"\xEF"
     "\xBC"
     "\x92"
     "\xEF"
     "\xBC"
     "\x90"
     "\xEF"
     "\xBC"
     "\x92"
     "\xEF"
     "\xBC"
     "\x96"
     "-01-01T00:00:00Z",
     false},
    {"2026-01-01T00:00:00\xE2"
     "\x88"
     "\x92"
     "01:00",
     false},
    {"2026-01-01T00:00:00.1+05:30", true},
    {"2026-01-01t00:00:00.1-00:00", true},
    {"2026-01-01T99:99:60+00:00", false},
    {"2026-01-01T00:00:60+00:01", true},
};

TEST(Rfc3339, AgreesWithAjvFormats) {
  for (const Row& row : kRows) {
    EXPECT_EQ(tfschema::text::is_rfc3339_date_time(row.text), row.valid) << row.text;
  }
}

// Every truncation of a valid date-time is invalid, but for the one that
// ends in a whole "+hh" offset.
TEST(Rfc3339, EveryPrefixIsInvalid) {
  constexpr std::string_view kFull = "2016-12-31T15:59:60.25-08:00";
  ASSERT_TRUE(tfschema::text::is_rfc3339_date_time(kFull));
  for (size_t n = 0; n < kFull.size(); ++n) {
    const bool valid = tfschema::text::is_rfc3339_date_time(kFull.substr(0, n));
    // "...-08" is a whole offset to ajv-formats.
    EXPECT_EQ(valid, n == kFull.size() - 3) << kFull.substr(0, n);
  }
}

}  // namespace
