#include "tfschema/http.hpp"

#include <cstddef>

namespace tfschema {
namespace {

// RFC 7230 token characters: what a media type or subtype is made of.
bool is_token_char(char c) noexcept {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

bool equals_ascii_lowercase(std::string_view text, std::string_view lower) noexcept {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool ends_with_json_suffix(std::string_view subtype) noexcept {
  return subtype.size() >= 5 && equals_ascii_lowercase(subtype.substr(subtype.size() - 5), "+json");
}

}  // namespace

bool server_parses_as_json(std::string_view content_type) noexcept {
  // Python strips Unicode whitespace and lowercases Unicode letters; with
  // bytes above 0x7F or control characters we cannot be sure, so we say no.
  for (char c : content_type) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || (byte < 0x20 && c != '\t') || byte == 0x7F) return false;
  }
  if (content_type.empty()) return true;  // FastAPI: `if not content_type_value`
  // email.message: the part before the first ';', stripped, is "type/subtype".
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && is_blank(media.front())) media.remove_prefix(1);
  while (!media.empty() && is_blank(media.back())) media.remove_suffix(1);
  const size_t slash = media.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view type = media.substr(0, slash);
  const std::string_view subtype = media.substr(slash + 1);
  for (char c : type) {
    if (!is_token_char(c)) return false;
  }
  for (char c : subtype) {
    if (!is_token_char(c)) return false;
  }
  if (!equals_ascii_lowercase(type, "application")) return false;
  return equals_ascii_lowercase(subtype, "json") || ends_with_json_suffix(subtype);
}

}  // namespace tfschema
