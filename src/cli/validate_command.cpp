#include "cli/validate_command.hpp"

#include <cstdio>
#include <set>
#include <string_view>
#include <thread>

#include "cli/args.hpp"
#include "cli/body_reader.hpp"
#include "cli/help_text.hpp"
#include "cli/inputs.hpp"
#include "cli/ordered_pipeline.hpp"
#include "cli/report.hpp"
#include "cli/sarif.hpp"
#include "cli/terminal.hpp"
#include "cli/yaml_documents.hpp"
#include "tfschema/tfschema.h"
#include "tfschema/tfschema.hpp"
#include "tfschema/yaml.hpp"

namespace tfschema::cli {
namespace {

void write(std::FILE* stream, std::string_view text) {
  if (!text.empty()) std::fwrite(text.data(), 1, text.size(), stream);
}

int usage_error(std::string_view message) {
  // One line (SPEC §4), so scripts can log it whole.
  std::fprintf(stderr, "tfschema: %.*s (see 'tfschema validate --help')\n", static_cast<int>(message.size()),
               message.data());
  return kExitUsage;
}

constexpr size_t kFilesPerBatch = 32;

unsigned default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

std::optional<uint64_t> total_size(const std::vector<Input>& inputs) {
  uint64_t total = 0;
  for (const Input& input : inputs) {
    if (!input.size) return std::nullopt;
    total += *input.size;
  }
  return total;
}

}  // namespace

int run_validate(const std::vector<std::string>& argv) {
  ParseOutcome parsed = parse_validate_args(argv);
  if (parsed.kind == ParseOutcome::Kind::kHelp) {
    write(stdout, validate_help());
    return kExitValid;
  }
  if (parsed.kind == ParseOutcome::Kind::kError) return usage_error(parsed.error);
  ValidateArgs& args = parsed.args;
  if (!tfschema::schema_implemented(args.profile, args.schema)) {
    return usage_error("schema '" + std::string(schema_name(args.schema)) + "' is not implemented for profile '" +
                       std::string(profile_name(args.profile)) + "'");
  }
  if (!args.format_given) args.format = stdout_is_terminal() ? Format::kText : Format::kFastapi;

  const InputList list =
      discover_inputs(args.paths, DiscoverOptions{.jsonl = args.jsonl, .mode = args.input, .excludes = args.excludes});
  for (const std::string& problem : list.problems) std::fprintf(stderr, "tfschema: %s\n", problem.c_str());

  const unsigned workers = args.jobs != 0 ? args.jobs : default_jobs();
  const Options options{.profile = args.profile,
                        .schema = args.schema,
                        .max_body_bytes = args.max_body_bytes,
                        .max_errors = args.max_errors};
  const YamlOptions yaml_options{.max_yaml_bytes = args.max_body_bytes, .max_json_bytes = args.max_body_bytes};
  std::vector<Validator> validators;
  validators.reserve(workers);
  for (unsigned w = 0; w < workers; ++w) validators.emplace_back(options);

  const ReportStyle style{
      .format = args.format,
      .palette = args.format == Format::kText && use_colour(args.color) ? Palette::colour() : Palette::plain(),
      .max_errors = args.max_errors,
      .max_body_bytes = args.max_body_bytes};
  const ReaderLimits reader_limits{.max_body_bytes = options.max_body_bytes};
  const YamlSelection selection{.all_documents = args.all_documents, .quiet = args.quiet};
  // The progress bar shares the terminal with nothing: standard output must
  // go elsewhere (or be silent).
  ProgressBar progress(args.progress && stderr_is_terminal() && (args.quiet || !stdout_is_terminal()),
                       total_size(list.inputs), args.jsonl ? "bodies" : "files");
  Tally total;
  total.unreadable_inputs = list.problems.size();
  std::string sarif_results;
  std::set<std::string> sarif_rules;

  PipelineHooks hooks;
  hooks.produce = [&](const std::function<void(Batch &&)>& emit) {
    // Whole files travel several to a batch: a repository of small manifests
    // would otherwise cost a thread hand-off per file.
    Batch pending;
    const auto flush = [&] {
      if (pending.bodies.empty()) return;
      emit(std::move(pending));
      pending = Batch{};
    };
    const auto collect = [&](Batch&& batch) {
      if (args.jsonl || !batch.err.empty() || batch.bodies.size() != 1) {
        flush();
        return emit(std::move(batch));
      }
      pending.body_bytes += batch.body_bytes;
      pending.tally.add(batch.tally);
      pending.bodies.push_back(std::move(batch.bodies.front()));
      if (pending.bodies.size() >= kFilesPerBatch || pending.body_bytes >= reader_limits.batch_bytes) flush();
    };
    for (const Input& input : list.inputs) read_input(input, args.jsonl, reader_limits, collect);
    flush();
  };
  hooks.work = [&](unsigned worker, Batch& batch) {
    Validator& validator = validators[worker];
    for (const Body& body : batch.bodies) {
      if (body.yaml) {
        check_yaml_file(body, validator, yaml_options, selection, style, batch);
        continue;
      }
      if (args.quiet) {
        const bool valid = validator.is_valid(body.bytes);
        batch.tally.bodies += 1;
        batch.tally.invalid_bodies += valid ? 0 : 1;
        continue;
      }
      append_report(validator.validate(body.bytes), body, style, batch);
    }
    batch.bodies.clear();
    batch.bodies.shrink_to_fit();
  };
  hooks.consume = [&](Batch& batch) {
    if (!batch.err.empty()) {
      progress.finish();  // a message never lands in the middle of a bar
      write(stderr, batch.err);
    }
    if (!args.quiet && args.format == Format::kSarif) {
      sarif_results += batch.out;  // one log, written at the end
      sarif_rules.insert(batch.rules.begin(), batch.rules.end());
    } else if (!args.quiet) {
      write(stdout, batch.out);
    }
    total.add(batch.tally);
  };
  hooks.on_idle = [&] { progress.update(total.bodies, total.bytes); };
  PipelineLimits limits{.workers = workers, .max_batches_in_flight = 4 * size_t{workers} + 4};
  run_ordered_pipeline(limits, hooks);
  progress.finish();

  if (args.format == Format::kText && !args.quiet) write(stdout, summary_line(total, args.jsonl, style.palette));
  if (args.format == Format::kSarif && !args.quiet)
    write(stdout, sarif_log(sarif_results, sarif_rules, tfschema_version()));
  std::fflush(stdout);
  if (total.unreadable_inputs != 0) return kExitUsage;
  return total.invalid_bodies == 0 ? kExitValid : kExitInvalid;
}

}  // namespace tfschema::cli
