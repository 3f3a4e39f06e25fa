// The proxy's decisions without a network: which Content-Types it judges,
// which bodies it answers, and its command line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "precheck.hpp"
#include "proxy_options.hpp"
#include "tfschema/http.hpp"

namespace {

TEST(ContentType, JsonSpellingsFastApiParses) {
  for (const char* value :
       {"", "application/json", "application/json; charset=utf-8", "APPLICATION/Json", " application/json\t",
        "application/vnd.api+json", "application/+json", "application/json;"}) {
    EXPECT_TRUE(tfschema::server_parses_as_json(value)) << '"' << value << '"';
  }
}

TEST(ContentType, EverythingElseGoesToTheServer) {
  for (const char* value : {"text/plain", "application/jsonx", "application/json/x", "application /json", "application",
                            " ", ";application/json", "multipart/form-data; boundary=x", "application/json\x0b",
                            "\xc2\xa0"
                            "application/json",
                            "application/x-www-form-urlencoded"}) {
    EXPECT_FALSE(tfschema::server_parses_as_json(value)) << '"' << value << '"';
  }
}

class AnswerLocally : public ::testing::Test {
 protected:
  tfschema::Validator validator{precheck::precheck_validator_options(tfschema::Profile::kPydanticV1, 1 << 20)};
};

TEST_F(AnswerLocally, ValidBodyIsForwarded) {
  EXPECT_FALSE(precheck::answer_locally(
      validator,
      R"({"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":"external","uri":"s3://x"}}})"));
}

TEST_F(AnswerLocally, InvalidBodyGetsTheServersExact422) {
  const auto answer = precheck::answer_locally(validator, "{}");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 422);
  EXPECT_EQ(answer->body,
            R"({"detail":[{"loc":["body","manifest"],"msg":"field required","type":"value_error.missing"}]})");
}

TEST_F(AnswerLocally, ServerErrorsAreTheServers) {
  // v1 answers 500 for an unhashable discriminator; only the server says it exactly.
  EXPECT_FALSE(precheck::answer_locally(
      validator, R"({"manifest":{"name":"a","metadata":{},"ml_repo":"abc","source":{"type":[]}}})"));
  // 400s: not decodable, or nested near the server's recursion limit.
  EXPECT_FALSE(precheck::answer_locally(validator, "\xff"));
  EXPECT_FALSE(precheck::answer_locally(validator, std::string(960, '[') + std::string(960, ']')));
}

TEST_F(AnswerLocally, ShallowDeepBodiesAreStillAnswered) {
  const auto answer = precheck::answer_locally(validator, std::string(900, '[') + std::string(900, ']'));
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 422);
}

TEST_F(AnswerLocally, OverTheBodyLimitIsForwarded) {
  tfschema::Validator small(precheck::precheck_validator_options(tfschema::Profile::kPydanticV1, 4));
  EXPECT_FALSE(precheck::answer_locally(small, "{}   "));
}

std::string nested_lists(uint32_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(ServerDepthLimit, AgreesWithTheLibrarysDefault) {
  for (const auto profile : {tfschema::Profile::kPydanticV1, tfschema::Profile::kPydanticV2}) {
    const uint32_t limit = tfschema::server_max_depth(profile);
    tfschema::Validator validator({.profile = profile});
    EXPECT_NE(validator.validate(nested_lists(limit)).status(), tfschema::Status::kBadRequest) << limit;
    EXPECT_EQ(validator.validate(nested_lists(limit + 1)).status(), tfschema::Status::kBadRequest) << limit;
  }
}

std::optional<precheck::ProxyOptions> parse(std::vector<std::string> args, std::string& error) {
  return precheck::parse_proxy_options(args, error);
}

TEST(ProxyOptions, ParsesEveryFlag) {
  std::string error;
  const auto options =
      parse({"--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:9", "--profile", "pydantic-v1", "--threads",
             "3", "--max-body-bytes", "100", "--keep-alive-max-requests", "7", "--upstream-timeout", "2"},
            error);
  ASSERT_TRUE(options) << error;
  EXPECT_EQ(options->listen_host, "127.0.0.1");
  EXPECT_EQ(options->listen_port, 0);
  EXPECT_EQ(options->profile, tfschema::Profile::kPydanticV1);
  EXPECT_EQ(options->threads, 3);
  EXPECT_EQ(options->max_body_bytes, 100u);
  EXPECT_EQ(options->keep_alive_max_requests, 7u);
  EXPECT_EQ(options->upstream_timeout_seconds, 2);
  const auto v6 = parse({"--listen", "[::1]:8080", "--upstream", "https://h"}, error);
  ASSERT_TRUE(v6) << error;
  EXPECT_EQ(v6->listen_host, "::1");
}

TEST(ProxyOptions, RefusesBadInputWithAReason) {
  const std::vector<std::vector<std::string>> bad = {
      {},
      {"--upstream"},
      {"--upstream", "ftp://x"},
      {"--upstream", "http://x", "--listen", "127.0.0.1"},
      {"--upstream", "http://x", "--listen", "127.0.0.1:65536"},
      {"--upstream", "http://x", "--listen", "0.0.0.0:80"},
      {"--upstream", "http://x", "--threads", "0"},
      {"--upstream", "http://x", "--threads", "2x"},
      {"--upstream", "http://x", "--profile", "pydantic-v3"},
      {"--upstream", "http://x", "--bogus", "1"},
      {"stray"},
  };
  for (const auto& args : bad) {
    std::string error;
    EXPECT_FALSE(parse(args, error));
    EXPECT_FALSE(error.empty());
  }
  std::string error;
  EXPECT_TRUE(parse({"--upstream", "http://x", "--listen", "0.0.0.0:80", "--allow-remote"}, error)) << error;
}

}  // namespace
