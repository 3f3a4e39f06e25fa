// Reads inputs into batches of bodies: a whole file per body, or one body
// per line (--jsonl) in bounded chunks.
#pragma once

#include <functional>

#include "cli/inputs.hpp"
#include "cli/ordered_pipeline.hpp"

namespace tfschema::cli {

struct ReaderLimits {
  // A longer file is not read (or read no further): the input is reported as
  // too large, with the hint to raise --max-body-bytes. A longer JSON line is
  // cut just past this (the validator refuses it).
  size_t max_body_bytes = size_t{64} << 20;
  size_t chunk_bytes = size_t{1} << 20;  // one read() for --jsonl
  size_t batch_bodies = 256;             // a batch closes at this many bodies
  size_t batch_bytes = size_t{1} << 20;  // or this many bytes
};

// Emits the bodies of `input` in order. An input that cannot be read (or
// read to its end) becomes a batch with a message in Batch::err and
// Tally::unreadable_inputs set.
void read_input(const Input& input, bool jsonl, const ReaderLimits& limits, const std::function<void(Batch&&)>& emit);

}  // namespace tfschema::cli
