#include "cli/body_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "cli/line_splitter.hpp"
#include "cli/terminal.hpp"

namespace tfschema::cli {
namespace {

// An open file descriptor, closed on scope exit (standard input is left open).
class InputFile {
 public:
  explicit InputFile(const std::string& path) : fd_(path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY)) {
    if (fd_ < 0) error_ = errno;
  }
  ~InputFile() {
    if (fd_ > STDIN_FILENO) ::close(fd_);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  bool ok() const { return fd_ >= 0 && error_ == 0; }
  int error() const { return error_; }

  // Up to `size` bytes into `out` (appended); 0 at the end or on error.
  size_t read_some(std::string& out, size_t size) {
    const size_t old_size = out.size();
    out.resize(old_size + size);
    ssize_t n;
    do {
      n = ::read(fd_, out.data() + old_size, size);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      error_ = errno;
      n = 0;
    }
    out.resize(old_size + static_cast<size_t>(n));
    return static_cast<size_t>(n);
  }

 private:
  int fd_;
  int error_ = 0;
};

void emit_unreadable(const Input& input, int error, const std::function<void(Batch&&)>& emit) {
  Batch batch;
  batch.err = "tfschema: cannot read '" + input.path + "': " + std::generic_category().message(error) + '\n';
  batch.tally.unreadable_inputs = 1;
  emit(std::move(batch));
}

void emit_too_large(const Input& input, const ReaderLimits& limits, const std::function<void(Batch&&)>& emit) {
  Batch batch;
  const std::string size = input.size ? with_thousands(*input.size) + " bytes"
                                      : "more than " + with_thousands(limits.max_body_bytes) + " bytes";
  batch.err = "tfschema: cannot check '" + input.path + "': " + size + ", over the size limit of " +
              with_thousands(limits.max_body_bytes) + " bytes (raise it with --max-body-bytes)\n";
  batch.tally.unreadable_inputs = 1;
  batch.tally.bytes = input.size.value_or(0);
  emit(std::move(batch));
}

void read_whole(const Input& input, InputFile& file, const ReaderLimits& limits,
                const std::function<void(Batch&&)>& emit) {
  if (input.size && *input.size > limits.max_body_bytes) return emit_too_large(input, limits, emit);
  Body body{.name = input.name, .bytes = {}, .line = 1, .jsonl_line = false, .yaml = input.yaml};
  const size_t cap = limits.max_body_bytes + 1;
  // A file of known size is read in one piece (one byte more, to see its
  // end): read_some() grows the string by what it asks for, and a manifest
  // of a kilobyte should not hold (and zero) a 1 MiB chunk.
  size_t ask = input.size ? std::min<uint64_t>(*input.size + 1, cap) : std::min(limits.chunk_bytes, cap);
  while (body.bytes.size() < cap && file.read_some(body.bytes, ask) != 0) {
    ask = std::min(limits.chunk_bytes, cap - body.bytes.size());
  }
  body.bytes.shrink_to_fit();
  if (!file.ok()) return emit_unreadable(input, file.error(), emit);
  if (body.bytes.size() > limits.max_body_bytes) return emit_too_large(input, limits, emit);
  Batch batch;
  batch.body_bytes = body.bytes.size();
  batch.tally.bytes = input.size.value_or(body.bytes.size());
  batch.bodies.push_back(std::move(body));
  emit(std::move(batch));
}

void read_lines(const Input& input, InputFile& file, const ReaderLimits& limits,
                const std::function<void(Batch&&)>& emit) {
  LineSplitter splitter(limits.max_body_bytes);
  Batch batch;
  const auto flush = [&] {
    if (batch.bodies.empty() && batch.tally.bytes == 0) return;
    emit(std::move(batch));
    batch = Batch{};
  };
  const auto on_line = [&](std::string_view line, uint64_t number) {
    batch.bodies.push_back(
        Body{.name = input.name, .bytes = std::string(line), .line = number, .jsonl_line = true, .yaml = false});
    batch.body_bytes += line.size();
    if (batch.bodies.size() >= limits.batch_bodies || batch.body_bytes >= limits.batch_bytes) flush();
  };
  std::string chunk;
  for (;;) {
    chunk.clear();
    const size_t n = file.read_some(chunk, limits.chunk_bytes);
    if (n == 0) break;
    batch.tally.bytes += n;
    splitter.feed(chunk, on_line);
  }
  if (!file.ok()) {
    flush();  // the lines read so far are reported, then the failure
    return emit_unreadable(input, file.error(), emit);
  }
  splitter.finish(on_line);
  flush();
}

}  // namespace

void read_input(const Input& input, bool jsonl, const ReaderLimits& limits, const std::function<void(Batch&&)>& emit) {
  InputFile file(input.path);
  if (!file.ok()) return emit_unreadable(input, file.error(), emit);
  if (jsonl) return read_lines(input, file, limits, emit);
  read_whole(input, file, limits, emit);
}

}  // namespace tfschema::cli
