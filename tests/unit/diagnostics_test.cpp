// The diagnostic fast path (a rejected body's errors collected by the stream
// walker over simdjson, rendered from the body's text) held to the exact path
// (errors collected on the Python-faithful tree): the same answer, byte for
// byte, in every profile and schema, in every output format, with and without
// an error cap, over every golden body and every fuzz seed.
// fuzz/fuzz_diagnostics.cpp does the same on arbitrary input.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "api/exact_path.hpp"
#include "api/result_access.hpp"
#include "golden/golden_cases.hpp"
#include "render/writer.hpp"
#include "support/result_text.hpp"
#include "tfschema/tfschema.hpp"

namespace {

using tfschema::Profile;
using tfschema::Schema;
using tfschema::testing::result_text;

std::vector<std::string> all_bodies() {
  std::vector<std::string> bodies;
  for (const char* file : {"v2.jsonl", "v1.jsonl"}) {
    for (auto& c : tfschema::testing::load_golden_cases(file)) bodies.push_back(std::move(c.body));
  }
  for (const char* file : {"response.jsonl", "error.jsonl"}) {
    std::ifstream in(std::string(TFSCHEMA_GOLDEN_DIR) + "/" + file);
    std::string line;
    while (std::getline(in, line)) {
      const nlohmann::json j = nlohmann::json::parse(line);
      bodies.push_back(j.contains("body_b64") ? tfschema::testing::decode_base64(j.at("body_b64").get<std::string>())
                                              : j.at("body").get<std::string>());
    }
  }
  const std::filesystem::path corpus = std::filesystem::path(TFSCHEMA_GOLDEN_DIR) / ".." / ".." / "corpus";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bodies.push_back(text.str());
  }
  return bodies;
}

// Whether the stream walker collected the result's errors.
bool collected_on_stream(const tfschema::Result& result) {
  const auto* errors = tfschema::detail::ResultAccess::errors(result);
  return errors != nullptr && errors->source() == tfschema::walk::Source::kBody && errors->size() != 0 &&
         (*errors)[0].kind != tfschema::ErrorKind::kJsonInvalid &&
         (*errors)[0].kind != tfschema::ErrorKind::kBodyMissing;
}

// Sanitized builds run every fourth body, with fewer caps (several times
// slower, and the Release build runs them all).
#if TFSCHEMA_SANITIZED
constexpr size_t kStride = 4;
constexpr size_t kCaps[] = {0, 2};
#else
constexpr size_t kStride = 1;
constexpr size_t kCaps[] = {0, 1, 2};
#endif

TEST(Diagnostics, StreamErrorsAreTheExactPathsEverywhere) {
  std::vector<std::string> all = all_bodies();
  ASSERT_GT(all.size(), 15000u);
  std::vector<std::string> bodies;
  for (size_t i = 0; i < all.size(); i += kStride) bodies.push_back(std::move(all[i]));
  const std::pair<Profile, Schema> validators[] = {
      {Profile::kPydanticV2, Schema::kRequest}, {Profile::kPydanticV1, Schema::kRequest},
      {Profile::kStrict, Schema::kRequest},     {Profile::kStrict, Schema::kResponse},
      {Profile::kStrict, Schema::kError},
  };
  size_t compared = 0;
  size_t on_stream = 0;
  size_t capped_on_stream = 0;
  size_t capped = 0;
  for (const auto& [profile, schema] : validators) {
    for (const size_t cap : kCaps) {
      tfschema::Validator fast({.profile = profile, .schema = schema, .max_errors = cap});
      tfschema::Validator exact({.profile = profile, .schema = schema, .max_errors = cap});
      for (const std::string& text : bodies) {
        const simdjson::padded_string body(text);
        const tfschema::Result a = fast.validate(body);
        const tfschema::Result b = tfschema::detail::validate_on_tree(exact, body);
        ++compared;
        const bool stream = collected_on_stream(a);
        on_stream += stream;
        capped_on_stream += stream && a.truncated();
        capped += a.truncated();
        if (a.status() != b.status() || result_text(a, text) != result_text(b, text)) {
          ADD_FAILURE() << tfschema::profile_name(profile) << "/" << tfschema::schema_name(schema) << " cap " << cap
                        << " differs on:\n"
                        << text.substr(0, 400) << "\nstream:\n"
                        << result_text(a, text) << "exact:\n"
                        << result_text(b, text);
          return;
        }
      }
    }
  }
  std::cout << compared << " answers compared, " << on_stream << " collected by the stream walker (" << capped_on_stream
            << " cut by the cap, of " << capped << ")\n";
  // The comparison is about something: most rejected bodies take the stream path.
  EXPECT_GT(on_stream * kStride, 60000u);
  EXPECT_GT(capped_on_stream * kStride, 600u);
}

// Bodies with many errors in an order the server does not report them in
// (members out of declaration order, missing members found last), under
// caps that make the stream walker keep, sort and drop records many times.
TEST(Diagnostics, CapsKeepTheServersFirstErrors) {
  const auto paths = [](size_t n, const std::string& item) {
    std::string out = "[";
    for (size_t i = 0; i < n; ++i) out += (i == 0 ? "" : ",") + item;
    return out + "]";
  };
  const std::vector<std::string> bodies = {
      R"({"manifest": {"source": {"paths": )" + paths(5000, R"({"dest": 1})") + R"(, "type": "local"}, "run_id": 1}})",
      R"({"manifest": {"step": -1, "source": {"type": "local", "paths": )" + paths(3000, "{}") +
          R"(}, "version": 0, "name": "a b"}})",
      R"({"manifest": {"metadata": [], "source": {"type": "local", "paths": )" +
          paths(4000, R"({"src": 1, "dest": [], "x": {"_sa": 1}})") + R"(}}})",
  };
  for (const Profile profile : {Profile::kPydanticV2, Profile::kPydanticV1, Profile::kStrict}) {
    for (const size_t cap : {size_t{1}, size_t{7}, size_t{100}, size_t{1000}, size_t{4999}}) {
      for (const std::string& text : bodies) {
        SCOPED_TRACE(std::string(tfschema::profile_name(profile)) + " cap " + std::to_string(cap));
        const simdjson::padded_string body(text);
        tfschema::Validator fast({.profile = profile, .max_errors = cap});
        tfschema::Validator exact({.profile = profile, .max_errors = cap});
        const tfschema::Result a = fast.validate(body);
        const size_t all = tfschema::Validator({.profile = profile}).validate(body).error_count();
        EXPECT_TRUE(collected_on_stream(a));
        EXPECT_EQ(a.truncated(), all > cap);
        EXPECT_EQ(a.error_count(), std::min(all, cap));
        EXPECT_EQ(result_text(a, text), result_text(tfschema::detail::validate_on_tree(exact, body), text));
      }
    }
  }
}

// Echoed strings end where the renderer's scan (16 and 64 bytes at a time)
// finds their closing quote, or an escape first: every length around those
// strides, with an escape at every place, echoes as the exact path does.
TEST(Diagnostics, EchoesStringsOfEveryLengthAndEscape) {
  tfschema::Validator fast({.profile = Profile::kPydanticV2});
  tfschema::Validator exact({.profile = Profile::kPydanticV2});
  size_t on_stream = 0;
  for (size_t n = 0; n <= 140; ++n) {
    for (size_t escape_at = 0; escape_at <= n; escape_at += (n < 20 ? 1 : 7)) {
      std::string text(n, 'x');
      // Escapes Python writes back as they are, and ones it rewrites.
      // A backslash escaped: right before the closing quote, it must not
      // be taken for the escape of a quote (nor the quote for the end).
      static constexpr const char* kEscapes[] = {"\\n", "\\\"", "\\u00e9", "\\/", "\\\\"};
      if (escape_at < n) text.replace(escape_at, 1, kEscapes[escape_at % 5]);
      // Whitespace after a string: the walker's measure of an escape-free
      // string (walk/stream_walker.hpp) must not count it.
      const char* after = n % 3 == 0 ? " \n\t\r" : "";
      // The name is echoed (it misses its pattern): with a space before its
      // closing quote, or the escape right before it.
      const char* end = n % 2 == 0 ? " \"" : "\"";
      const std::string json =
          "{\"manifest\": {\"name\": \"" + text + end + after + ", \"description\": \"" + text + "\"}}";
      const simdjson::padded_string body(json);
      const tfschema::Result a = fast.validate(body);
      const tfschema::Result b = tfschema::detail::validate_on_tree(exact, body);
      on_stream += collected_on_stream(a);
      ASSERT_EQ(result_text(a, json), result_text(b, json)) << json;
    }
  }
  EXPECT_GT(on_stream, 1000u);  // the echo from the text is what was compared
  // Escape-free strings too long for a record's size field, around its limit.
  for (const size_t n : {size_t{65532}, size_t{65533}, size_t{65534}, size_t{70000}}) {
    for (const char* escape : {"", "\\/"}) {
      const std::string json = "{\"manifest\": {\"name\": \"" + std::string(n, 'x') + escape + " \"}}";
      const simdjson::padded_string body(json);
      const tfschema::Result a = fast.validate(body);
      EXPECT_TRUE(collected_on_stream(a)) << n;
      ASSERT_EQ(result_text(a, json), result_text(tfschema::detail::validate_on_tree(exact, body), json)) << n;
    }
  }
}

// An integer input is echoed as its raw text, measured by the walker
// (Record::plain_echo_size): every kind of number text, with and without
// whitespace after it, in the middle of an object and at its end.
TEST(Diagnostics, EchoesNumbersAsTheExactPath) {
  size_t on_stream = 0;
  for (const Profile profile : {Profile::kPydanticV2, Profile::kPydanticV1, Profile::kStrict}) {
    tfschema::Validator fast({.profile = profile});
    tfschema::Validator exact({.profile = profile});
    for (const char* number :
         {"0", "-0", "7", "-1", "10", "-10", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
          "18446744073709551615", "1.0", "-0.0", "1e5", "1E+5", "-2e-3", "0.5", "123456789012345678901234"}) {
      for (const char* after : {"", " ", "\n\t "}) {
        // version: greater_than_equal or int_from_float; run_id and step: a
        // string's and an int's errors, the second at the object's end.
        const std::string json = std::string("{\"manifest\": {\"version\": ") + number + after +
                                 ", \"run_id\": " + number + after + ", \"step\": " + number + after + "}}";
        const simdjson::padded_string body(json);
        const tfschema::Result a = fast.validate(body);
        on_stream += collected_on_stream(a);
        ASSERT_EQ(result_text(a, json), result_text(tfschema::detail::validate_on_tree(exact, body), json)) << json;
      }
    }
  }
  EXPECT_GT(on_stream, 100u);  // the echo from the text is what was compared
}

}  // namespace

// The renderers' appender copies short pieces itself: every length, at every
// fill level of its buffer, lands in order.
TEST(Writer, AppendsEveryLengthInOrder) {
  std::string source(2100, '\0');
  for (size_t i = 0; i < source.size(); ++i) source[i] = static_cast<char>('!' + i % 90);
  std::string expected;
  std::string out;
  {
    tfschema::render::Writer writer(out);
    for (size_t start = 0; start < 3; ++start) {
      for (size_t n = 0; n <= 70; ++n) {
        writer += std::string_view(source).substr(start, n);
        expected.append(source, start, n);
      }
    }
    writer += std::string_view(source).substr(1, 700);  // longer than the room left
    expected.append(source, 1, 700);
    writer += std::string_view(source);  // longer than the buffer
    expected += source;
    writer += 'x';
    expected += 'x';
    // Pieces written through reserved room, at every fill level.
    for (size_t n = 0; n <= 70; ++n) {
      char* end = writer.reserve(3 * n);
      end = tfschema::render::Writer::put(end, std::string_view(source).substr(n, n));
      end = tfschema::render::Writer::put(end, std::string_view(source).substr(2 * n, n));
      writer.commit(end);
      expected.append(source, n, n);
      expected.append(source, 2 * n, n);
    }
  }
  EXPECT_EQ(out, expected);
}
