#include "cli/inputs.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace tfschema::cli {
namespace {

namespace fs = std::filesystem;

bool is_yaml_name(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

// Whether a file found in a directory is read, and as what.
bool wanted(const fs::path& path, const DiscoverOptions& options) {
  const std::string extension = path.extension().string();
  if (options.jsonl) return extension == ".jsonl" || extension == ".ndjson";
  switch (options.mode) {
    case InputMode::kJson:
      return extension == ".json";
    case InputMode::kYaml:
      return is_yaml_name(path);
    case InputMode::kAuto:
      break;
  }
  return extension == ".json" || is_yaml_name(path);
}

bool read_as_yaml(const std::string& path, const DiscoverOptions& options) {
  if (options.jsonl) return false;
  switch (options.mode) {
    case InputMode::kJson:
      return false;
    case InputMode::kYaml:
      return true;
    case InputMode::kAuto:
      break;
  }
  return path != "-" && is_yaml_name(path);
}

std::string_view patterns_named(const DiscoverOptions& options) {
  if (options.jsonl) return "*.jsonl or *.ndjson";
  switch (options.mode) {
    case InputMode::kJson:
      return "*.json";
    case InputMode::kYaml:
      return "*.yaml or *.yml";
    case InputMode::kAuto:
      break;
  }
  return "*.json, *.yaml or *.yml";
}

bool hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

std::optional<uint64_t> regular_file_size(const fs::path& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) return std::nullopt;
  return size;
}

// Appends the matching files under `dir`; returns a problem message or "".
std::string expand_directory(const std::string& dir, const DiscoverOptions& options, std::vector<Input>& out) {
  std::error_code error;
  std::vector<fs::path> found;
  size_t excluded_entries = 0;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::directory_entry& entry = *it;
    const bool skip = hidden(entry.path()) || excluded(entry.path().string(), options.excludes);
    if (skip) {
      std::error_code type_error;
      if (entry.is_directory(type_error)) it.disable_recursion_pending();
      if (!hidden(entry.path())) ++excluded_entries;
      continue;
    }
    std::error_code type_error;
    if (entry.is_regular_file(type_error) && wanted(entry.path(), options)) found.push_back(entry.path());
  }
  if (error) return "cannot list '" + dir + "': " + error.message();
  if (found.empty() && excluded_entries == 0) {
    return "'" + dir + "': no " + std::string(patterns_named(options)) + " file in this directory";
  }
  std::sort(found.begin(), found.end());
  // `tfschema validate .` names files as a repository does: "m/a.yaml".
  const bool here = dir == "." || dir == "./";
  for (const fs::path& path : found) {
    const std::string name = here ? path.lexically_relative(".").string() : path.string();
    out.push_back(Input{name, name, regular_file_size(path), read_as_yaml(name, options)});
  }
  return {};
}

}  // namespace

bool excluded(const std::string& path, const std::vector<std::string>& globs) {
  if (globs.empty()) return false;
  std::string_view trimmed = path;
  while (trimmed.size() > 2 && trimmed.substr(0, 2) == "./") trimmed.remove_prefix(2);
  const std::string relative(trimmed);
  const std::string name = fs::path(path).filename().string();
  for (const std::string& glob : globs) {
    std::string pattern = glob;
    while (pattern.size() > 1 && pattern.back() == '/') pattern.pop_back();  // "dir/" names the directory
    if (pattern.size() > 2 && pattern.substr(0, 2) == "./") pattern.erase(0, 2);
    for (const std::string* candidate : {&path, &relative, &name}) {
      if (fnmatch(pattern.c_str(), candidate->c_str(), 0) == 0) return true;
    }
  }
  return false;
}

InputList discover_inputs(const std::vector<std::string>& paths, const DiscoverOptions& options) {
  InputList list;
  for (const std::string& path : paths) {
    if (path == "-") {
      list.inputs.push_back(Input{"-", "<stdin>", std::nullopt, read_as_yaml(path, options)});
      continue;
    }
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::string problem = expand_directory(path, options, list.inputs);
      if (!problem.empty()) list.problems.push_back(std::move(problem));
      continue;
    }
    if (excluded(path, options.excludes)) continue;
    list.inputs.push_back(Input{path, path, regular_file_size(path), read_as_yaml(path, options)});
  }
  return list;
}

}  // namespace tfschema::cli
