#include "python_values.hpp"

#include <array>
#include <charconv>
#include <cstdlib>

#include "unicode.hpp"

namespace tfschema::reference::detail {

std::string python_float_repr(double value) {
  // to_chars' shortest scientific form ("-1.5e+16") gives the digits and
  // the exponent; Python then chooses the notation (float_repr_style 'short').
  std::array<char, 64> buffer{};
  const auto written =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
  const std::string_view text(buffer.data(), static_cast<size_t>(written.ptr - buffer.data()));
  const size_t e = text.find('e');
  std::string_view mantissa = text.substr(0, e);
  const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  std::string out;
  if (mantissa.starts_with('-')) {
    out.push_back('-');
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  const int point = exponent + 1;  // digits = 0.DIGITS x 10^point
  const int count = static_cast<int>(digits.size());
  if (point <= -4 || point > 16) {
    out += digits[0];
    if (count > 1) out.append(".").append(digits, 1);
    const int shown = point - 1;
    out.append(shown < 0 ? "e-" : "e+");
    const std::string magnitude = std::to_string(shown < 0 ? -shown : shown);
    if (magnitude.size() < 2) out += '0';
    out += magnitude;
  } else if (point <= 0) {
    out.append("0.").append(static_cast<size_t>(-point), '0').append(digits);
  } else if (point >= count) {
    out.append(digits).append(static_cast<size_t>(point - count), '0').append(".0");
  } else {
    out.append(digits, 0, static_cast<size_t>(point)).append(".").append(digits, static_cast<size_t>(point));
  }
  return out;
}

std::string python_str(const Json& scalar) {
  if (scalar.is_boolean()) return scalar.get<bool>() ? "True" : "False";
  if (is_big_integer(scalar)) return std::string(big_integer_digits(scalar));
  if (scalar.is_number_unsigned()) return std::to_string(scalar.get<uint64_t>());
  if (scalar.is_number_integer()) return std::to_string(scalar.get<int64_t>());
  if (scalar.is_number_float()) return python_float_repr(scalar.get<double>());
  return {};
}

namespace {

// The pair dict() takes from one item of the iterable, or nullopt.
std::optional<std::pair<Json, Json>> item_pair(const Json& item) {
  std::optional<std::pair<Json, Json>> pair;
  if (item.is_array() && item.size() == 2) {
    pair.emplace(item[0], item[1]);
  } else if (item.is_object() && item.size() == 2) {
    // Iterating a dict yields its keys.
    auto it = item.items().begin();
    Json first = it.key();
    ++it;
    pair.emplace(std::move(first), Json(it.key()));
  } else if (item.is_string()) {
    // Iterating a str yields its characters.
    const std::string& s = item.get_ref<const std::string&>();
    if (code_point_count(s) != 2) return std::nullopt;
    size_t at = 0;
    next_code_point(s, at);
    pair.emplace(Json(s.substr(0, at)), Json(s.substr(at)));
  } else {
    return std::nullopt;
  }
  if (pair->first.is_array() || pair->first.is_object()) return std::nullopt;  // unhashable
  return pair;
}

}  // namespace

std::optional<std::vector<std::pair<Json, Json>>> python_dict_pairs(const Json& value) {
  std::vector<std::pair<Json, Json>> pairs;
  if (value.is_string()) {
    if (value.get_ref<const std::string&>().empty()) return pairs;
    return std::nullopt;
  }
  if (!value.is_array()) return std::nullopt;
  for (const Json& item : value) {
    std::optional<std::pair<Json, Json>> pair = item_pair(item);
    if (!pair) return std::nullopt;
    pairs.push_back(std::move(*pair));
  }
  return pairs;
}

}  // namespace tfschema::reference::detail
