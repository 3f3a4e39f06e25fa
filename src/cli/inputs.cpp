#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace tfschema::cli {
namespace {

namespace fs = std::filesystem;

bool wanted(const fs::path& path, bool jsonl) {
  const std::string extension = path.extension().string();
  if (jsonl) return extension == ".jsonl" || extension == ".ndjson";
  return extension == ".json";
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
std::string expand_directory(const std::string& dir, bool jsonl, std::vector<Input>& out) {
  std::error_code error;
  std::vector<fs::path> found;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::directory_entry& entry = *it;
    if (hidden(entry.path())) {
      if (entry.is_directory(error)) it.disable_recursion_pending();
      error.clear();
      continue;
    }
    std::error_code type_error;
    if (entry.is_regular_file(type_error) && wanted(entry.path(), jsonl)) found.push_back(entry.path());
  }
  if (error) return "cannot list '" + dir + "': " + error.message();
  if (found.empty()) {
    return "'" + dir + "': no " + std::string(jsonl ? "*.jsonl or *.ndjson" : "*.json") + " file in this directory";
  }
  std::sort(found.begin(), found.end());
  for (const fs::path& path : found) out.push_back(Input{path.string(), path.string(), regular_file_size(path)});
  return {};
}

}  // namespace

InputList discover_inputs(const std::vector<std::string>& paths, bool jsonl) {
  InputList list;
  for (const std::string& path : paths) {
    if (path == "-") {
      list.inputs.push_back(Input{"-", "<stdin>", std::nullopt});
      continue;
    }
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::string problem = expand_directory(path, jsonl, list.inputs);
      if (!problem.empty()) list.problems.push_back(std::move(problem));
      continue;
    }
    list.inputs.push_back(Input{path, path, regular_file_size(path)});
  }
  return list;
}

}  // namespace tfschema::cli
