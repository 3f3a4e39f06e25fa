// read_yaml on hostile and edge inputs: alias and merge-key bombs stop at the
// JSON budget, deep nesting is refused at PyYAML's depth, nothing recurses.
#include <gtest/gtest.h>

#include <string>

#include "tfschema/yaml.hpp"

namespace {

// "Billion laughs": each level names the previous one ten times.
std::string alias_bomb(int levels) {
  std::string yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) yaml += ", " + prev;
    yaml += "]\n";
  }
  return yaml;
}

TEST(YamlReader, AliasBombStopsAtTheBudget) {
  const tfschema::YamlStream stream = tfschema::read_yaml(alias_bomb(10), {.max_json_bytes = 1 << 20});
  ASSERT_EQ(stream.documents.size(), 1u);
  ASSERT_TRUE(stream.documents[0].problem);
  EXPECT_EQ(stream.documents[0].problem->kind, tfschema::YamlProblemKind::kLimit);
  EXPECT_NE(stream.documents[0].problem->message.find("1048576 bytes of JSON"), std::string::npos);
  // Three levels (1,000 "lol"s) fit.
  const tfschema::YamlStream small = tfschema::read_yaml(alias_bomb(3), {.max_json_bytes = 1 << 20});
  ASSERT_FALSE(small.documents[0].problem);
}

TEST(YamlReader, MergeKeysCountAgainstTheBudget) {
  // Merged mappings are kept as dicts, so merging merges stays linear; what
  // the merges copy still counts against the budget. Here: 200 keys merged
  // 100 times (20,000 pairs copied) into a document of about 5 KB of JSON.
  std::string yaml = "m0: &m0 {";
  for (int k = 0; k < 200; ++k) yaml += (k ? ", k" : "k") + std::to_string(k) + ": 1";
  yaml += "}\nm1: {<<: [*m0";
  for (int i = 1; i < 100; ++i) yaml += ", *m0";
  yaml += "]}\n";
  const tfschema::YamlStream fits = tfschema::read_yaml(yaml, {.max_json_bytes = 1 << 20});
  ASSERT_FALSE(fits.documents[0].problem);
  EXPECT_LT(fits.documents[0].json_body.size(), 10000u);
  const tfschema::YamlStream stream = tfschema::read_yaml(yaml, {.max_json_bytes = 10000});
  ASSERT_TRUE(stream.documents[0].problem);
  EXPECT_EQ(stream.documents[0].problem->kind, tfschema::YamlProblemKind::kLimit);
  EXPECT_NE(stream.documents[0].problem->message.find("merge keys"), std::string::npos);
}

TEST(YamlReader, NestingPastPyYamlsDepthIsRefused) {
  const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_FALSE(tfschema::read_yaml(nested(490)).documents[0].problem);
  const tfschema::YamlStream deep = tfschema::read_yaml(nested(100000));
  ASSERT_TRUE(deep.documents[0].problem);
  EXPECT_EQ(deep.documents[0].problem->kind, tfschema::YamlProblemKind::kSyntax);
}

TEST(YamlReader, PositionsOfAliasesAndUtf16) {
  const tfschema::YamlStream stream = tfschema::read_yaml("a: &x 1\nb: *x\n");
  const tfschema::YamlDocument& doc = stream.documents[0];
  ASSERT_EQ(doc.json_body, R"({"manifest": {"a": 1, "b": 1}})");
  EXPECT_EQ(doc.yaml_offset(doc.json_body.find("1}")), 11u);  // where *x stands
  EXPECT_EQ(doc.yaml_offset(doc.json_body.find("1,")), 3u);   // the anchored node (&x 1)
  // UTF-16: positions refer to the UTF-8 transcoding in YamlStream::text.
  const std::string utf16(
      "\xFF\xFE"
      "a\0:\0 \0\xE9\0\n\0",
      12);
  const tfschema::YamlStream wide = tfschema::read_yaml(utf16);
  EXPECT_EQ(wide.text, "a: \xC3\xA9\n");
  EXPECT_EQ(wide.documents[0].json_body, R"({"manifest": {"a": "\u00e9"}})");
}

TEST(YamlReader, StreamsWithoutDocuments) {
  EXPECT_TRUE(tfschema::read_yaml("").documents.empty());
  EXPECT_TRUE(tfschema::read_yaml("# only a comment\n").documents.empty());
  const tfschema::YamlStream empty = tfschema::read_yaml("---\n");
  ASSERT_EQ(empty.documents.size(), 1u);
  EXPECT_TRUE(empty.documents[0].empty);
  EXPECT_EQ(empty.documents[0].json_body, R"({"manifest": null})");
}

}  // namespace
