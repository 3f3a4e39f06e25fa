#include "rules/patterns.hpp"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

// The build may point the tests at their data; otherwise it sits next to this
// file, which works whenever the compiler was given a usable path to it.
#ifndef TFSCHEMA_TEST_DATA_DIR
#define TFSCHEMA_TEST_DATA_DIR ""
#endif

namespace tfschema::rules {
namespace {

constexpr std::array<Pattern, 4> kAllPatterns = {Pattern::kName, Pattern::kMlRepo, Pattern::kVersionAlias,
                                                 Pattern::kUri};
constexpr std::array<RegexSemantics, 3> kAllSemantics = {RegexSemantics::kRust, RegexSemantics::kPythonMatch,
                                                         RegexSemantics::kEcma262};

std::string data_path(const std::string& name) {
  std::string dir = TFSCHEMA_TEST_DATA_DIR;
  if (dir.empty()) {
    const std::string source = __FILE__;
    const size_t slash = source.find_last_of('/');
    dir = (slash == std::string::npos ? std::string(".") : source.substr(0, slash)) + "/data";
  }
  return dir + "/" + name;
}

// The ids the table scripts use for the patterns.
Pattern pattern_from_id(const std::string& id) {
  static const std::map<std::string, Pattern> kIds = {{"name", Pattern::kName},
                                                      {"ml_repo", Pattern::kMlRepo},
                                                      {"version_alias", Pattern::kVersionAlias},
                                                      {"uri", Pattern::kUri}};
  const auto it = kIds.find(id);
  if (it == kIds.end()) ADD_FAILURE() << "unknown pattern id " << id;
  return it == kIds.end() ? Pattern::kName : it->second;
}

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return bytes;
}

// Escapes a subject for failure messages, so that newlines and raw bytes
// stay visible.
std::string printable(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F && byte != '\\') {
      out += c;
    } else {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
      out += buffer;
    }
  }
  return out;
}

struct TableRow {
  Pattern pattern;
  std::string subject;
  bool expected;
};

struct Table {
  std::map<std::string, std::string> pattern_sources;  // id -> source as the script declared it
  std::vector<TableRow> rows;
};

// Reads a table written by tools/python_pattern_table.py or
// tools/ecma_pattern_table.js.
Table read_table(const std::string& name) {
  Table table;
  std::ifstream in(data_path(name));
  EXPECT_TRUE(in) << "cannot open " << data_path(name);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, '\t')) fields.push_back(field);
    if (line.back() == '\t') fields.emplace_back();
    if (fields.size() != 3) {
      ADD_FAILURE() << "bad line in " << name << ": " << line;
      continue;
    }
    if (fields[0] == "pattern") {
      table.pattern_sources[fields[1]] = fields[2];
    } else {
      table.rows.push_back({pattern_from_id(fields[0]), from_hex(fields[1]), fields[2] == "1"});
    }
  }
  return table;
}

void expect_table_agrees(const std::string& name, RegexSemantics semantics) {
  const Table table = read_table(name);
  ASSERT_EQ(table.pattern_sources.size(), 4u);
  for (const auto& [id, source] : table.pattern_sources) {
    EXPECT_EQ(pattern_text(pattern_from_id(id)), source) << id;
  }
  int mismatches = 0;
  for (const TableRow& row : table.rows) {
    if (matches(row.pattern, semantics, row.subject) != row.expected && ++mismatches <= 20) {
      ADD_FAILURE() << pattern_text(row.pattern) << " on \"" << printable(row.subject) << "\": expected "
                    << row.expected;
    }
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(table.rows.size(), 5000u);
}

TEST(PatternsTest, PatternTextIsTheDeclaredSource) {
  EXPECT_EQ(pattern_text(Pattern::kName), "^[A-Za-z0-9_\\-]+$");
  EXPECT_EQ(pattern_text(Pattern::kMlRepo), "^[a-zA-Z][a-zA-Z0-9\\-]{1,98}[a-zA-Z0-9]$");
  EXPECT_EQ(pattern_text(Pattern::kVersionAlias), "^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$");
  EXPECT_EQ(pattern_text(Pattern::kUri), "^(s3|gs|wasbs)://.*");
}

// Rows {pattern, subject, Rust, Python re.match, ECMA-262}, each checked
// against the real engine (RE2 stands in for Rust; see the tests below).
TEST(PatternsTest, Table) {
  struct Row {
    Pattern pattern;
    std::string_view subject;
    bool rust;
    bool python;
    bool ecma;
  };
  const std::string ml_repo_100 = "a" + std::string(98, '-') + "b";
  const std::string ml_repo_101 = "a" + std::string(99, '-') + "b";
  const std::string ml_repo_100_newline = ml_repo_100 + "\n";
  const Row rows[] = {
      {Pattern::kName, "my_artifact-1", true, true, true},
      {Pattern::kName, "", false, false, false},
      {Pattern::kName, "abc\n", false, true, false},  // Python's `$` before a final \n
      {Pattern::kName, "abc\n\n", false, false, false},
      {Pattern::kName, "\n", false, false, false},
      {Pattern::kName, "abc\r\n", false, false, false},
      {Pattern::kName, "abc\r", false, false, false},
      {Pattern::kName, "a b", false, false, false},
      {Pattern::kName, "caf\xC3\xA9", false, false, false},
      {Pattern::kName, "abc\xED\xA0\x80", false, false, false},  // lone surrogate
      {Pattern::kName, "abc\xFF", false, false, false},          // not UTF-8 at all
      {Pattern::kName, std::string_view("a\0b", 3), false, false, false},
      {Pattern::kMlRepo, "ab", false, false, false},
      {Pattern::kMlRepo, "abc", true, true, true},
      {Pattern::kMlRepo, "abc\n", false, true, false},
      {Pattern::kMlRepo, "ab\n", false, false, false},
      {Pattern::kMlRepo, "1bc", false, false, false},
      {Pattern::kMlRepo, "ab-", false, false, false},
      {Pattern::kMlRepo, "a-b", true, true, true},
      {Pattern::kMlRepo, "a_b", false, false, false},
      {Pattern::kMlRepo, ml_repo_100, true, true, true},
      {Pattern::kMlRepo, ml_repo_100_newline, false, true, false},
      {Pattern::kMlRepo, ml_repo_101, false, false, false},
      {Pattern::kVersionAlias, "v1", true, true, true},
      {Pattern::kVersionAlias, "v1.0.0", true, true, true},
      {Pattern::kVersionAlias, "v3-dev", true, true, true},
      {Pattern::kVersionAlias, "v", false, false, false},
      {Pattern::kVersionAlias, "v1.", false, false, false},
      {Pattern::kVersionAlias, "v.1", true, true, true},
      {Pattern::kVersionAlias, "vv", true, true, true},
      {Pattern::kVersionAlias, "V1", false, false, false},
      {Pattern::kVersionAlias, "v1\n", false, true, false},
      {Pattern::kVersionAlias, "v\n", false, false, false},
      {Pattern::kVersionAlias, "v1_0", false, false, false},
      {Pattern::kUri, "s3://bucket/key", true, true, true},
      {Pattern::kUri, "s3://", true, true, true},
      {Pattern::kUri, "gs://a\nb", true, true, true},  // `.*` may stop anywhere
      {Pattern::kUri, "wasbs://x\xE2\x80\xA8", true, true, true},
      {Pattern::kUri, "wasbs://\xED\xA0\x80", true, true, true},
      {Pattern::kUri, "wasb://x", false, false, false},
      {Pattern::kUri, "S3://x", false, false, false},
      {Pattern::kUri, " s3://x", false, false, false},
      {Pattern::kUri, "s3:/", false, false, false},
      {Pattern::kUri, "", false, false, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(pattern_text(row.pattern)) + " on \"" + printable(row.subject) + "\"");
    EXPECT_EQ(matches(row.pattern, RegexSemantics::kRust, row.subject), row.rust);
    EXPECT_EQ(matches(row.pattern, RegexSemantics::kPythonMatch, row.subject), row.python);
    EXPECT_EQ(matches(row.pattern, RegexSemantics::kEcma262, row.subject), row.ecma);
  }
}

TEST(PatternsTest, AgreesWithPythonReMatchTable) {
  expect_table_agrees("python_pattern_table.txt", RegexSemantics::kPythonMatch);
}

TEST(PatternsTest, AgreesWithNodeRegExpTable) {
  expect_table_agrees("ecma_pattern_table.txt", RegexSemantics::kEcma262);
}

// RE2's syntax and matching are Rust-like for these patterns: `$` is the end
// of the text without (?m), and PartialMatch searches as is_match does.
// Python's `$` is the end of the text or the position before a final "\n";
// for a pattern that ends in `$` and is matched at the start that is the same
// as ending it in `\n?$` under RE2.
struct Re2Oracles {
  explicit Re2Oracles(Pattern pattern) : rust(std::string(pattern_text(pattern))), python(python_equivalent(pattern)) {}

  static std::string python_equivalent(Pattern pattern) {
    std::string source(pattern_text(pattern));
    if (source.ends_with('$')) source.insert(source.size() - 1, "\\n?");
    return source;
  }

  RE2 rust;
  RE2 python;
};

// Subjects built from pieces on the edges of the classes, biased toward
// strings that nearly match: a prefix (often one the pattern needs), then 0-3
// pieces, or 96-102 for ml_repo, among them the characters the engines treat
// differently; one in six ends in an extra "\n".
class SubjectGenerator {
 public:
  explicit SubjectGenerator(uint32_t seed) : rng_(seed) {}

  std::string next(Pattern pattern) {
    static constexpr std::string_view kPrefixes[] = {"", "a", "Z", "v", "s3://", "gs://", "wasbs://", "s3:/", "wasbs"};
    static constexpr std::string_view kWordPieces[] = {"a", "z", "A", "Z", "v", "s", "g", "w",
                                                       "b", "m", "0", "9", "-", "3", "_", "."};
    static constexpr std::string_view kOddPieces[] = {"/",
                                                      ":",
                                                      "\n",
                                                      "\r",
                                                      " ",
                                                      "\t",
                                                      std::string_view("\0", 1),
                                                      "\x7F",
                                                      "\xC3\xA9",
                                                      "\xE2\x80\xA8",
                                                      "\xF0\x9F\x98\x80",
                                                      "\xED\xA0\x80",
                                                      "\xED\xBF\xBF",
                                                      "\xFF",
                                                      "\x80",
                                                      "\n\n"};
    const bool long_subject = pattern == Pattern::kMlRepo && uniform(3) == 0;
    const size_t length = long_subject ? 96 + uniform(7) : uniform(4);
    // Long subjects stay mostly inside ml_repo's middle class (the first 14
    // word pieces), or they would practically never match.
    const size_t word_pieces = long_subject ? 14 : std::size(kWordPieces);
    const int odd_percent = long_subject ? 1 : 30;
    std::string subject(uniform(2) == 0 ? likely_prefix(pattern) : kPrefixes[uniform(std::size(kPrefixes))]);
    for (size_t i = 0; i < length; ++i) {
      subject += static_cast<int>(uniform(100)) < odd_percent ? kOddPieces[uniform(std::size(kOddPieces))]
                                                              : kWordPieces[uniform(word_pieces)];
    }
    if (uniform(6) == 0) subject += '\n';
    return subject;
  }

 private:
  // A start that lets the pattern match, so that about as many subjects
  // match as fail.
  static std::string_view likely_prefix(Pattern pattern) {
    switch (pattern) {
      case Pattern::kName:
        return "";
      case Pattern::kMlRepo:
        return "m";
      case Pattern::kVersionAlias:
        return "v";
      case Pattern::kUri:
        return "gs://";
    }
    return "";
  }

  size_t uniform(size_t bound) { return std::uniform_int_distribution<size_t>(0, bound - 1)(rng_); }

  std::mt19937 rng_;
};

TEST(PatternsTest, AgreesWithRe2OnGeneratedSubjects) {
  constexpr int kSubjectsPerPattern = 100000;
  for (const Pattern pattern : kAllPatterns) {
    SCOPED_TRACE(std::string(pattern_text(pattern)));
    const Re2Oracles oracles(pattern);
    ASSERT_TRUE(oracles.rust.ok()) << oracles.rust.error();
    ASSERT_TRUE(oracles.python.ok()) << oracles.python.error();
    SubjectGenerator generator(static_cast<uint32_t>(pattern) + 1);
    int rust_mismatches = 0;
    int python_mismatches = 0;
    int matched = 0;
    for (int i = 0; i < kSubjectsPerPattern; ++i) {
      const std::string subject = generator.next(pattern);
      const bool rust = RE2::PartialMatch(subject, oracles.rust);
      const bool python = RE2::PartialMatch(subject, oracles.python);
      matched += rust;
      if (matches(pattern, RegexSemantics::kRust, subject) != rust && ++rust_mismatches <= 10) {
        ADD_FAILURE() << "kRust on \"" << printable(subject) << "\": RE2 says " << rust;
      }
      // ECMA-262 differs from Rust only in what `.` excludes, and the one
      // `.` here is a trailing, unanchored `.*` that may match nothing.
      if (matches(pattern, RegexSemantics::kEcma262, subject) != rust && ++rust_mismatches <= 10) {
        ADD_FAILURE() << "kEcma262 on \"" << printable(subject) << "\": RE2 says " << rust;
      }
      if (matches(pattern, RegexSemantics::kPythonMatch, subject) != python && ++python_mismatches <= 10) {
        ADD_FAILURE() << "kPythonMatch on \"" << printable(subject) << "\": RE2 (\\n?$) says " << python;
      }
    }
    EXPECT_EQ(rust_mismatches, 0);
    EXPECT_EQ(python_mismatches, 0);
    // The generator must exercise both outcomes to mean anything.
    EXPECT_GT(matched, kSubjectsPerPattern / 50);
    EXPECT_LT(matched, kSubjectsPerPattern - kSubjectsPerPattern / 50);
  }
}

// The subjects of the Python and ECMA tables (hand-picked edge cases among
// them) run through RE2 as well.
TEST(PatternsTest, AgreesWithRe2OnTableSubjects) {
  for (const char* name : {"python_pattern_table.txt", "ecma_pattern_table.txt"}) {
    const Table table = read_table(name);
    for (const Pattern pattern : kAllPatterns) {
      const RE2 oracle{std::string(pattern_text(pattern))};
      for (const TableRow& row : table.rows) {
        if (row.pattern != pattern) continue;
        EXPECT_EQ(matches(pattern, RegexSemantics::kRust, row.subject), RE2::PartialMatch(row.subject, oracle))
            << pattern_text(pattern) << " on \"" << printable(row.subject) << "\"";
      }
    }
  }
}

// Total on every byte string: all short byte strings over a small alphabet
// that includes invalid UTF-8, under every pattern and semantics, compared
// with RE2 for kRust (RE2 treats invalid bytes as matching nothing).
TEST(PatternsTest, TotalOnArbitraryBytes) {
  const std::string alphabet = std::string("av-.3\n\x80\xED\xFF", 9) + std::string(1, '\0');
  std::vector<std::string> subjects = {""};
  for (size_t begin = 0, length = 0; length < 5; ++length) {
    const size_t end = subjects.size();
    for (size_t i = begin; i < end; ++i) {
      for (const char c : alphabet) subjects.push_back(subjects[i] + c);
    }
    begin = end;
  }
  for (const Pattern pattern : kAllPatterns) {
    const RE2 oracle{std::string(pattern_text(pattern))};
    for (const std::string& subject : subjects) {
      for (const RegexSemantics semantics : kAllSemantics) (void)matches(pattern, semantics, subject);
      EXPECT_EQ(matches(pattern, RegexSemantics::kRust, subject), RE2::PartialMatch(subject, oracle))
          << pattern_text(pattern) << " on \"" << printable(subject) << "\"";
    }
  }
}

}  // namespace
}  // namespace tfschema::rules
