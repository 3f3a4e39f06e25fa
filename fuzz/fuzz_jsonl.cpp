// JSON lines against Validator::validate: every line of a stream, split
// naively, is validated on its own; then
//   - the CLI's LineSplitter, fed over random chunk boundaries, gives the same lines;
//   - the CLI's reader (read_input, --jsonl) gives the same bodies and line
//     numbers, with chunk and batch sizes drawn from the input;
//   - `tfschema validate --jsonl -j 2` itself (run_validate, stdout captured)
//     prints, in line order, exactly the FastAPI bodies (or JSON reports) of
//     the invalid lines, and exits 1 exactly when one is invalid;
//   - the C API answers each line with the same status and bytes.
// Input: byte 0 picks the profile and the format, bytes 1-4 seed the chunk
// sizes, the rest is the stream.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/body_reader.hpp"
#include "cli/line_splitter.hpp"
#include "cli/validate_command.hpp"
#include "fuzz/fuzz_common.hpp"
#include "tfschema/tfschema.h"
#include "tfschema/tfschema.hpp"

namespace {

using tfschema::fuzz::fail;

struct Line {
  std::string bytes;
  uint64_t number = 0;
  bool operator==(const Line&) const = default;
};

// What a JSON-lines reader must produce: split at every '\n'; a last line
// without '\n' is a line; nothing after a final '\n'.
std::vector<Line> naive_lines(std::string_view stream) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin < stream.size()) {
    size_t end = stream.find('\n', begin);
    if (end == std::string_view::npos) end = stream.size();
    lines.push_back(Line{std::string(stream.substr(begin, end - begin)), lines.size() + 1});
    begin = end + 1;
  }
  return lines;
}

// Deterministic chunk sizes from the input (xorshift32).
class ChunkSizes {
 public:
  explicit ChunkSizes(uint32_t seed) : state_(seed | 1) {}
  size_t next(size_t limit) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return 1 + state_ % limit;
  }

 private:
  uint32_t state_;
};

// An in-memory file with a path the CLI can open.
class MemoryFile {
 public:
  explicit MemoryFile(const char* name) : fd_(memfd_create(name, 0)) {
    if (fd_ < 0) fail("memfd_create failed");
  }
  ~MemoryFile() { close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  int fd() const { return fd_; }
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }
  // Replaces the contents; the offset goes back to 0 for whoever writes next.
  void assign(std::string_view bytes) {
    if (ftruncate(fd_, 0) != 0 || lseek(fd_, 0, SEEK_SET) != 0 ||
        pwrite(fd_, bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size()))
      fail("cannot write the memory file");
  }
  std::string contents() const {
    std::string out;
    char buffer[4096];
    ssize_t n;
    for (off_t at = 0; (n = pread(fd_, buffer, sizeof buffer, at)) > 0; at += n) out.append(buffer, n);
    return out;
  }

 private:
  int fd_;
};

void check_splitter(std::string_view stream, const std::vector<Line>& expected, ChunkSizes& sizes) {
  std::vector<Line> lines;
  tfschema::cli::LineSplitter splitter(size_t{64} << 20);
  const auto on_line = [&](std::string_view line, uint64_t number) {
    lines.push_back(Line{std::string(line), number});
  };
  for (size_t at = 0; at < stream.size();) {
    const size_t n = std::min(sizes.next(97), stream.size() - at);
    splitter.feed(stream.substr(at, n), on_line);
    at += n;
  }
  splitter.finish(on_line);
  if (lines != expected) fail("LineSplitter over random chunks differs from a naive split", stream);
}

void check_reader(const MemoryFile& file, const std::vector<Line>& expected, ChunkSizes& sizes) {
  const tfschema::cli::ReaderLimits limits{.max_body_bytes = size_t{64} << 20,
                                           .chunk_bytes = sizes.next(251),
                                           .batch_bodies = sizes.next(7),
                                           .batch_bytes = sizes.next(4096)};
  std::vector<Line> lines;
  tfschema::cli::read_input(tfschema::cli::Input{file.path(), "stream", std::nullopt}, true, limits,
                            [&](tfschema::cli::Batch&& batch) {
                              if (!batch.err.empty()) fail("the reader cannot read the stream", batch.err);
                              for (const tfschema::cli::Body& body : batch.bodies) {
                                if (!body.jsonl_line) fail("a JSON-lines body not marked as a line");
                                lines.push_back(Line{body.bytes, body.line});
                              }
                            });
  if (lines != expected) fail("read_input --jsonl differs from a naive split");
}

// `tfschema validate ARGS` with its standard output captured.
std::string run_cli(const std::vector<std::string>& args, int& exit_status) {
  static MemoryFile out("fuzz_jsonl_stdout");
  out.assign({});
  std::fflush(stdout);
  const int saved = dup(STDOUT_FILENO);
  if (saved < 0 || dup2(out.fd(), STDOUT_FILENO) < 0) fail("cannot capture standard output");
  exit_status = tfschema::cli::run_validate(args);
  std::fflush(stdout);
  dup2(saved, STDOUT_FILENO);
  close(saved);
  return out.contents();
}

void check_capi(tfschema::Profile profile, const std::vector<Line>& lines,
                const std::vector<tfschema::Result>& results) {
  tfschema_options options;
  tfschema_options_init(&options);
  options.profile = static_cast<tfschema_profile>(profile);
  tfschema_validator* validator = tfschema_validator_new(&options);
  for (size_t i = 0; i < lines.size(); ++i) {
    tfschema_result* result = tfschema_validate(validator, lines[i].bytes.data(), lines[i].bytes.size());
    size_t length = 0;
    char* rendered = tfschema_render_fastapi_alloc(result, &length);
    const std::string expected = tfschema::render_fastapi(results[i]);
    if (tfschema_result_http_status(result) != results[i].http_status() || rendered == nullptr ||
        std::string_view(rendered, length) != expected)
      fail("the C API answers a line differently", expected, rendered == nullptr ? "" : rendered);
    tfschema_free(rendered);
    tfschema_result_free(result);
  }
  tfschema_validator_free(validator);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5 || size > tfschema::fuzz::kMaxInput) return 0;
  constexpr size_t kProfiles = tfschema::kAllProfiles.size();
  const tfschema::Profile profile = tfschema::kAllProfiles[data[0] % kProfiles];
  const bool json_format = (data[0] / kProfiles) % 2 == 1;
  ChunkSizes sizes(static_cast<uint32_t>(data[1]) | static_cast<uint32_t>(data[2]) << 8 |
                   static_cast<uint32_t>(data[3]) << 16 | static_cast<uint32_t>(data[4]) << 24);
  const std::string_view stream(reinterpret_cast<const char*>(data + 5), size - 5);

  const std::vector<Line> lines = naive_lines(stream);
  static MemoryFile file("fuzz_jsonl_stream");
  file.assign(stream);
  check_splitter(stream, lines, sizes);
  check_reader(file, lines, sizes);

  // What the CLI must print: each invalid line's answer, in order.
  tfschema::Validator validator({.profile = profile});
  std::vector<tfschema::Result> results;
  std::string expected;
  bool any_invalid = false;
  for (const Line& line : lines) {
    results.push_back(validator.validate(line.bytes));
    const tfschema::Result& result = results.back();
    any_invalid |= !result.ok();
    if (json_format) {
      expected += tfschema::render_json(
                      result, line.bytes,
                      tfschema::BodySource{.name = file.path(), .first_line = line.number, .is_jsonl_line = true}) +
                  '\n';
    } else if (!result.ok()) {
      expected += tfschema::render_fastapi(result) + '\n';
    }
  }
  int exit_status = -1;
  const std::string printed = run_cli({"--jsonl", "--profile", std::string(tfschema::profile_name(profile)), "--format",
                                       json_format ? "json" : "fastapi", "-j", "2", "--no-progress", file.path()},
                                      exit_status);
  if (printed != expected) fail("tfschema validate --jsonl prints other answers", expected, printed);
  if (exit_status != (any_invalid ? tfschema::cli::kExitInvalid : tfschema::cli::kExitValid))
    fail("tfschema validate --jsonl exit status", std::to_string(exit_status));
  check_capi(profile, lines, results);
  return 0;
}
