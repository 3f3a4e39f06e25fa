#include "cli/sarif.hpp"

#include "text/py_json_writer.hpp"

namespace tfschema::cli {
namespace {

void append_string(std::string_view s, std::string& out) {
  text::append_python_json_string(s, out, text::LoneSurrogatePolicy::kReplace);
}

}  // namespace

std::string file_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

void append_sarif_result(std::string_view file, std::string_view rule, std::string_view message, uint64_t line,
                         uint64_t column, std::string& out) {
  out += "{\"ruleId\":";
  append_string(rule, out);
  out += ",\"level\":\"error\",\"message\":{\"text\":";
  append_string(message, out);
  out += "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":";
  append_string(file_uri(file), out);
  out +=
      "},\"region\":{\"startLine\":" + std::to_string(line) + ",\"startColumn\":" + std::to_string(column) + "}}}]},\n";
}

std::string sarif_log(std::string_view results, const std::set<std::string>& rules, std::string_view version) {
  std::string out =
      "{\"$schema\":\"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\","
      "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"tfschema\",\"version\":";
  append_string(version, out);
  out += ",\"rules\":[";
  bool first = true;
  for (const std::string& rule : rules) {
    if (!first) out += ',';
    first = false;
    out += "{\"id\":";
    append_string(rule, out);
    out += ",\"shortDescription\":{\"text\":";
    append_string(rule.rfind("yaml_", 0) == 0 ? "The Python tooling cannot read the YAML document (" + rule + ")"
                                              : "The server rejects the request body (" + rule + ")",
                  out);
    out += "}}";
  }
  out += "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[\n";
  std::string_view body = results;
  if (body.size() >= 2 && body.substr(body.size() - 2) == ",\n") body.remove_suffix(2);
  out += body;
  out += "\n]}]}\n";
  return out;
}

}  // namespace tfschema::cli
