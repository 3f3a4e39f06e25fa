// The CLI's modules: caret placement, line splitting, the ordered parallel
// pipeline and its bounded window, argument parsing.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cli/args.hpp"
#include "cli/line_splitter.hpp"
#include "cli/ordered_pipeline.hpp"
#include "cli/source_excerpt.hpp"
#include "tfschema/render.hpp"

namespace {

using tfschema::cli::LineSplitter;
using tfschema::cli::ParseOutcome;
using tfschema::cli::source_excerpt;

// Where the caret lands, counted the way a terminal shows the indent with
// tabs one cell wide: one code point per cell.
TEST(SourceExcerpt, CaretUnderTheOffsetOnTheRightLine) {
  const std::string body = "{\n  \"a\": [1,\n  true]\n}";
  const size_t offset = body.find("true");
  const auto excerpt = source_excerpt(body, offset);
  EXPECT_EQ(excerpt.line, "  true]");
  EXPECT_EQ(excerpt.caret_indent, "  ");
  EXPECT_EQ(tfschema::line_column(body, offset).column, excerpt.caret_indent.size() + 1);
}

TEST(SourceExcerpt, MultiByteCharactersCountAsOneColumn) {
  const std::string body = "{\"n\": \"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\", \"x\": 5}";  // é € 😀
  const size_t offset = body.find('5');
  const auto excerpt = source_excerpt(body, offset);
  EXPECT_EQ(excerpt.line, body);
  EXPECT_EQ(excerpt.caret_indent, std::string(tfschema::line_column(body, offset).column - 1, ' '));
  EXPECT_EQ(excerpt.caret_indent.size(), 18u);
}

TEST(SourceExcerpt, TabsStayTabsInTheIndent) {
  const std::string body = "{\n\t\"a\":\t7}";
  const auto excerpt = source_excerpt(body, body.find('7'));
  EXPECT_EQ(excerpt.line, "\t\"a\":\t7}");
  EXPECT_EQ(excerpt.caret_indent, "\t    \t");
}

TEST(SourceExcerpt, ControlBytesBrokenUtf8AndLoneSurrogatesShowAsReplacement) {
  const std::string body = std::string("{\"a\x1b[31m\": \"\xFF\xED\xA0\x80\xC2\x9B\", \"b\": 1}\r\n");
  const auto excerpt = source_excerpt(body, body.find('1'));
  EXPECT_EQ(excerpt.line.find('\x1b'), std::string::npos);
  EXPECT_EQ(excerpt.line.find("\xC2\x9B"), std::string::npos);  // C1 CSI
  EXPECT_EQ(excerpt.line.find('\r'), std::string::npos);
  EXPECT_NE(excerpt.line.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(excerpt.caret_indent.size() + 1, tfschema::line_column(body, body.find('1')).column);
}

// Stray continuation bytes belong to the code point before them (they add
// no column, as in line_column()); the whole unit shows as one U+FFFD.
TEST(SourceExcerpt, StrayContinuationBytesAfterAsciiAreReplaced) {
  const std::string body =
      "{\"typ\x93\x93\x93"
      "e\": 1}";
  const auto excerpt = source_excerpt(body, body.find('1'));
  EXPECT_EQ(excerpt.line,
            "{\"ty\xEF\xBF\xBD"
            "e\": 1}");
  EXPECT_EQ(excerpt.caret_indent.size() + 1, tfschema::line_column(body, body.find('1')).column);
}

TEST(SourceExcerpt, CrlfLineEndIsHiddenButCounted) {
  const std::string body = "[\r\n";
  const auto excerpt = source_excerpt(body, 2);  // the '\n' after the '\r'
  EXPECT_EQ(excerpt.line, "[");
  EXPECT_EQ(excerpt.caret_indent.size() + 1, tfschema::line_column(body, 2).column);
}

TEST(SourceExcerpt, LongLinesAreCutAroundTheCaret) {
  const std::string body = std::string(5000, ' ') + "X" + std::string(5000, ' ');
  const auto excerpt = source_excerpt(body, 5000);
  EXPECT_EQ(tfschema::line_column(excerpt.line, excerpt.line.size()).column - 1, tfschema::cli::kExcerptWidth + 2);
  EXPECT_EQ(excerpt.line.substr(0, 3), "\xE2\x80\xA6");
  EXPECT_EQ(excerpt.line[3 + excerpt.caret_indent.size() - 1], 'X');
}

TEST(SourceExcerpt, OffsetsPastTheEndAndEmptyBodiesAreSafe) {
  EXPECT_EQ(source_excerpt("", 0).line, "");
  EXPECT_EQ(source_excerpt("", 99).caret_indent, "");
  EXPECT_EQ(source_excerpt("ab\n", 99).caret_indent, "");  // the empty last line
  EXPECT_EQ(source_excerpt("ab", 99).caret_indent, "  ");
}

std::vector<std::pair<std::string, uint64_t>> split(const std::string& stream, size_t chunk, size_t max_line) {
  std::vector<std::pair<std::string, uint64_t>> lines;
  LineSplitter splitter(max_line);
  const auto on_line = [&](std::string_view line, uint64_t n) { lines.emplace_back(line, n); };
  for (size_t i = 0; i < stream.size(); i += chunk) splitter.feed(std::string_view(stream).substr(i, chunk), on_line);
  splitter.finish(on_line);
  return lines;
}

TEST(LineSplitter, ChunkBoundariesDoNotMatter) {
  const std::string stream = "{\"a\":1}\n\n{\"b\":\n2}\r\nlast";
  const auto whole = split(stream, stream.size(), 1 << 20);
  ASSERT_EQ(whole.size(), 5u);
  EXPECT_EQ(whole[1].first, "");
  EXPECT_EQ(whole[3].first, "2}\r");
  EXPECT_EQ(whole[4], (std::pair<std::string, uint64_t>{"last", 5}));
  for (size_t chunk = 1; chunk < stream.size(); ++chunk) EXPECT_EQ(split(stream, chunk, 1 << 20), whole) << chunk;
}

TEST(LineSplitter, FinalNewlineEndsTheLastLineAndNothingElse) {
  EXPECT_TRUE(split("", 4, 100).empty());
  EXPECT_EQ(split("a\n", 4, 100).size(), 1u);
  EXPECT_EQ(split("\n", 4, 100).size(), 1u);  // one empty body
}

TEST(LineSplitter, OverlongLinesKeepJustPastTheLimit) {
  const std::string stream = std::string(1000, 'x') + "\nshort\n" + std::string(1000, 'y');
  for (size_t chunk : {1u, 7u, 4096u}) {
    const auto lines = split(stream, chunk, 10);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].first, std::string(11, 'x'));
    EXPECT_EQ(lines[1].first, "short");
    EXPECT_EQ(lines[2].first, std::string(11, 'y'));
  }
}

// The pipeline hands batches back in production order whatever order the
// workers finish in, and never holds more than the window.
TEST(OrderedPipeline, OutputInInputOrderWithABoundedWindow) {
  constexpr uint64_t kBatches = 2000;
  for (unsigned workers : {1u, 2u, 7u}) {
    tfschema::cli::PipelineLimits limits{.workers = workers, .max_batches_in_flight = 5};
    std::vector<uint64_t> consumed;
    tfschema::cli::PipelineHooks hooks;
    hooks.produce = [&](const std::function<void(tfschema::cli::Batch &&)>& emit) {
      for (uint64_t i = 0; i < kBatches; ++i) {
        tfschema::cli::Batch batch;
        batch.out = std::to_string(i);
        emit(std::move(batch));
      }
    };
    hooks.work = [&](unsigned worker, tfschema::cli::Batch& batch) {
      EXPECT_LT(worker, workers);
      thread_local std::mt19937 random(worker);
      if (random() % 8 == 0) std::this_thread::sleep_for(std::chrono::microseconds(random() % 300));
      batch.out += "!";
    };
    hooks.consume = [&](tfschema::cli::Batch& batch) {
      EXPECT_EQ(batch.out, std::to_string(batch.sequence) + "!");
      consumed.push_back(batch.sequence);
    };
    const auto stats = tfschema::cli::run_ordered_pipeline(limits, hooks);
    ASSERT_EQ(consumed.size(), kBatches);
    for (uint64_t i = 0; i < kBatches; ++i) ASSERT_EQ(consumed[i], i);
    EXPECT_EQ(stats.batches, kBatches);
    EXPECT_LE(stats.max_batches_in_flight, 5u);
    EXPECT_GE(stats.max_batches_in_flight, 1u);
  }
}

TEST(OrderedPipeline, ByteWindowLetsOneOversizedBatchThrough) {
  tfschema::cli::PipelineLimits limits{.workers = 2, .max_batches_in_flight = 100, .max_bytes_in_flight = 10};
  tfschema::cli::PipelineHooks hooks;
  size_t consumed = 0;
  hooks.produce = [&](const std::function<void(tfschema::cli::Batch &&)>& emit) {
    for (int i = 0; i < 50; ++i) {
      tfschema::cli::Batch batch;
      batch.body_bytes = 64;  // each alone exceeds the byte window
      emit(std::move(batch));
    }
  };
  hooks.work = [](unsigned, tfschema::cli::Batch&) {};
  hooks.consume = [&](tfschema::cli::Batch&) { ++consumed; };
  const auto stats = tfschema::cli::run_ordered_pipeline(limits, hooks);
  EXPECT_EQ(consumed, 50u);
  EXPECT_EQ(stats.max_batches_in_flight, 1u);
}

TEST(OrderedPipeline, NothingToDoEndsAtOnce) {
  tfschema::cli::PipelineHooks hooks;
  hooks.produce = [](const std::function<void(tfschema::cli::Batch &&)>&) {};
  hooks.work = [](unsigned, tfschema::cli::Batch&) {};
  hooks.consume = [](tfschema::cli::Batch&) { ADD_FAILURE() << "no batch was produced"; };
  EXPECT_EQ(tfschema::cli::run_ordered_pipeline({}, hooks).batches, 0u);
}

ParseOutcome parse(std::vector<std::string> argv) { return tfschema::cli::parse_validate_args(argv); }

TEST(ValidateArgs, ValuesAttachedOrSeparate) {
  const auto a = parse({"--profile=strict", "--format", "json", "-j3", "--max-errors=4", "--color", "never", "x"});
  ASSERT_EQ(a.kind, ParseOutcome::Kind::kRun) << a.error;
  EXPECT_EQ(a.args.profile, tfschema::Profile::kStrict);
  EXPECT_EQ(a.args.format, tfschema::cli::Format::kJson);
  EXPECT_EQ(a.args.jobs, 3u);
  EXPECT_EQ(a.args.max_errors, 4u);
  EXPECT_EQ(a.args.color, tfschema::cli::ColorWhen::kNever);
  EXPECT_EQ(a.args.paths, std::vector<std::string>{"x"});
  EXPECT_EQ(parse({"--jobs", "2"}).args.jobs, 2u);
  EXPECT_EQ(parse({"-j", "2"}).args.jobs, 2u);
  EXPECT_EQ(parse({}).args.paths, std::vector<std::string>{"-"});
  EXPECT_EQ(parse({"--", "--jsonl"}).args.paths, std::vector<std::string>{"--jsonl"});
}

TEST(ValidateArgs, ProblemsAreMessagesNotCrashes) {
  for (const auto& argv : std::vector<std::vector<std::string>>{{"--format"},
                                                                {"--format", "yaml"},
                                                                {"--jobs", "0"},
                                                                {"-j", "-1"},
                                                                {"-j", "99999999999999999999999"},
                                                                {"--max-errors", "many"},
                                                                {"--max-errors="},
                                                                {"--color", "sometimes"},
                                                                {"--profilex", "strict"},
                                                                {"--frobnicate"}}) {
    const auto outcome = parse(argv);
    EXPECT_EQ(outcome.kind, ParseOutcome::Kind::kError) << argv[0];
    EXPECT_FALSE(outcome.error.empty());
  }
  EXPECT_EQ(parse({"--format"}).error, "option '--format' needs a value");
}

}  // namespace

namespace {

// The one-pass positions equal line_column() for every offset, in any order.
TEST(LineColumns, EqualsLineColumnForEveryOffsetInAnyOrder) {
  const std::string body = "{\n\t\"\xC3\xA9\": [1,\r\n 2, \xF0\x9F\x98\x80]\n}";
  std::vector<uint64_t> offsets;
  for (uint64_t i = body.size() + 3; i-- > 0;) offsets.push_back(i);  // descending, some past the end
  offsets.push_back(5);
  const auto positions = tfschema::line_columns(body, offsets, 7);
  ASSERT_EQ(positions.size(), offsets.size());
  for (size_t i = 0; i < offsets.size(); ++i) {
    const auto want = tfschema::line_column(body, offsets[i], 7);
    EXPECT_EQ(positions[i].line, want.line) << offsets[i];
    EXPECT_EQ(positions[i].column, want.column) << offsets[i];
  }
}

}  // namespace
