// The YAML reader, two ways on every input:
// 1. The bytes as YAML: no crash, hang or leak, and every document's body is
//    JSON the server parses (the v2 validator never answers 400 for it) with
//    positions inside the YAML text.
// 2. Differential: when the bytes are a JSON value (RFC 8259), that value is
//    written as a YAML document (flow style, every string double-quoted, keys
//    explicit, numbers spelled so that YAML 1.1 reads the same number) and
//    {"manifest": <document>} from the YAML must get the same answer, in both
//    pydantic profiles, as the body {"manifest": <the JSON>} itself.
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_common.hpp"
#include "tfschema/tfschema.hpp"
#include "tfschema/yaml.hpp"

namespace {

// YAML's composer in PyYAML gives up at 490 levels; the differential stays
// well below (the servers' JSON limits are 970 and 9,994).
constexpr size_t kMaxDepth = 200;

// Writes JSON parse events as one YAML flow document.
class YamlWriter : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::string out;
  bool usable = true;  // false: the value has something YAML cannot say the same way

  bool null() override { return scalar("null"); }
  bool boolean(bool v) override { return scalar(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return scalar(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& text) override {
    // The JSON text, reshaped for YAML 1.1's float pattern (a '.', a signed
    // exponent); Python's float() reads both spellings as the same double.
    // Numbers over 4,000 digits are left out: json.loads refuses integers
    // of more than 4,300 digits, YAML's int() too.
    if (text.size() > 4000) usable = false;
    // An integer too large for 64 bits: YAML 1.1 reads it as the same int.
    if (text.find_first_of(".eE") == std::string::npos) return scalar(text);
    std::string yaml;
    size_t i = 0;
    if (text[0] == '-') yaml += text[i++];
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) yaml += text[i++];
    yaml += '.';
    if (i < text.size() && text[i] == '.') ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) yaml += text[i++];
    if (i < text.size()) {  // e or E
      yaml += 'e';
      ++i;
      yaml += (text[i] == '-' || text[i] == '+') ? text[i++] : '+';
      yaml += text.substr(i);
    }
    return scalar(yaml);
  }
  bool string(string_t& s) override { return scalar(quoted(s)); }
  bool binary(binary_t&) override { return usable = false; }
  bool start_object(std::size_t) override { return open('{'); }
  bool key(string_t& k) override {
    separate();
    out += "? " + quoted(k) + ": ";
    expect_value_ = true;
    return true;
  }
  bool end_object() override { return close('}'); }
  bool start_array(std::size_t) override { return open('['); }
  bool end_array() override { return close(']'); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  // Double-quoted, escaping what is not printable ASCII; astral characters
  // as \U (libyaml refuses surrogate escapes).
  static std::string quoted(const std::string& utf8) {
    std::string out = "\"";
    for (size_t i = 0; i < utf8.size();) {
      const unsigned char c = static_cast<unsigned char>(utf8[i]);
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        out += static_cast<char>(c);
        ++i;
        continue;
      }
      uint32_t cp = c;
      size_t n = 1;
      if (c >= 0xF0) {
        cp = c & 0x07;
        n = 4;
      } else if (c >= 0xE0) {
        cp = c & 0x0F;
        n = 3;
      } else if (c >= 0xC0) {
        cp = c & 0x1F;
        n = 2;
      }
      for (size_t k = 1; k < n && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
      i += n;
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", cp);
      out += buffer;
    }
    return out + "\"";
  }
  void separate() {
    if (!first_.empty() && !first_.back()) out += ", ";
    if (!first_.empty()) first_.back() = false;
  }
  bool scalar(const std::string& text) {
    if (!expect_value_) separate();
    expect_value_ = false;
    out += text;
    return true;
  }
  bool open(char bracket) {
    if (!expect_value_) separate();
    expect_value_ = false;
    if (first_.size() >= kMaxDepth) usable = false;
    first_.push_back(true);
    out += bracket;
    return true;
  }
  bool close(char bracket) {
    first_.pop_back();
    out += bracket;
    return true;
  }
  std::vector<bool> first_;  // per open container: no item yet
  bool expect_value_ = false;
};

std::string answer(tfschema::Validator& validator, std::string_view body) {
  const tfschema::Result result = validator.validate(body);
  return std::to_string(result.http_status()) + ' ' + tfschema::render_fastapi(result);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > tfschema::fuzz::kMaxInput) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static tfschema::Validator v2({.profile = tfschema::Profile::kPydanticV2});
  static tfschema::Validator v1({.profile = tfschema::Profile::kPydanticV1});

  // 1. The bytes as a YAML stream.
  const tfschema::YamlStream stream = tfschema::read_yaml(bytes, {.max_json_bytes = 1 << 20});
  for (const tfschema::YamlDocument& doc : stream.documents) {
    if (doc.byte_offset > stream.text.size()) tfschema::fuzz::fail("document offset past the text");
    if (doc.problem) {
      if (doc.problem->byte_offset > stream.text.size()) tfschema::fuzz::fail("problem offset past the text");
      continue;
    }
    const tfschema::YamlValidation validation = tfschema::validate_yaml_document(v2, doc);
    if (validation.result.status() == tfschema::Status::kBadRequest)
      tfschema::fuzz::fail("a YAML document's body is not JSON the server reads", doc.json_body);
    for (uint64_t offset : validation.error_offsets) {
      if (offset > stream.text.size()) tfschema::fuzz::fail("an error offset past the text", doc.json_body);
    }
  }

  // 2. The bytes as a JSON value, written as YAML.
  YamlWriter writer;
  if (!nlohmann::json::sax_parse(bytes, &writer, nlohmann::json::input_format_t::json, /*strict=*/true) ||
      !writer.usable)
    return 0;
  const tfschema::YamlStream from_yaml = tfschema::read_yaml(writer.out);
  if (from_yaml.documents.size() != 1 || from_yaml.documents[0].problem) {
    tfschema::fuzz::fail("JSON written as YAML does not read back", writer.out,
                         from_yaml.documents.empty() ? "no document" : from_yaml.documents[0].problem->message);
  }
  const std::string json_body = "{\"manifest\": " + std::string(bytes) + "}";
  const std::string& yaml_body = from_yaml.documents[0].json_body;
  // nlohmann reads a few inputs Python's json.loads does not (a NUL ending
  // the text, a BOM): then there is no JSON answer to compare with.
  const tfschema::Result json_result = v2.validate(json_body);
  if (json_result.status() == tfschema::Status::kBadRequest ||
      (!json_result.errors().empty() && json_result.errors()[0].kind == tfschema::ErrorKind::kJsonInvalid))
    return 0;
  for (tfschema::Validator* validator : {&v2, &v1}) {
    const std::string want = answer(*validator, json_body);
    const std::string got = answer(*validator, yaml_body);
    if (want != got) tfschema::fuzz::fail("the YAML document gets another answer than its JSON", want, got);
  }
  return 0;
}
