// The golden cases recorded from the reference servers (tests/golden/*.jsonl).
#pragma once

#include <cstdint>
#include <fstream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tfschema::testing {

struct GoldenCase {
  std::string id;
  std::string body;
  int status = 0;
  std::string raw;
};

inline std::string decode_base64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

// Each case holds the exact bytes the oracle sent, base64-encoded (a body
// may hold lone surrogates or invalid UTF-8, which a JSON string cannot).
inline std::vector<GoldenCase> load_golden_cases(const std::string& file) {
  std::vector<GoldenCase> cases;
  std::ifstream in(std::string(TFSCHEMA_GOLDEN_DIR) + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line);
    GoldenCase c;
    c.id = j.at("id").get<std::string>();
    c.body = decode_base64(j.at("body_b64").get<std::string>());
    c.status = j.at("status").get<int>();
    c.raw = j.at("raw").get<std::string>();
    cases.push_back(std::move(c));
  }
  return cases;
}

// Names the case in test output instead of dumping its bytes.
inline void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.id; }

}  // namespace tfschema::testing
