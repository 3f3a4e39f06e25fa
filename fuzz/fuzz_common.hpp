// Shared by the fuzz targets: a fresh padded copy of the input, and a
// failure that names what broke (abort() is what libFuzzer reports).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "tfschema/profile.hpp"

namespace tfschema::fuzz {

// Larger inputs teach the fuzzer nothing new and slow it down.
inline constexpr size_t kMaxInput = 1 << 16;

inline simdjson::padded_string padded_copy(const uint8_t* data, size_t size) {
  return simdjson::padded_string(reinterpret_cast<const char*>(data), size);
}

// Every (profile, schema) pair this build validates, profile by profile.
inline const std::vector<std::pair<Profile, Schema>>& implemented_pairs() {
  static const std::vector<std::pair<Profile, Schema>> pairs = [] {
    std::vector<std::pair<Profile, Schema>> out;
    for (const Profile profile : kAllProfiles) {
      for (const Schema schema : kAllSchemas) {
        if (schema_implemented(profile, schema)) out.emplace_back(profile, schema);
      }
    }
    return out;
  }();
  return pairs;
}

[[noreturn]] inline void fail(std::string_view what, std::string_view detail_a = {}, std::string_view detail_b = {}) {
  std::fprintf(stderr, "FUZZ FAILURE: %.*s\n  a: %.*s\n  b: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail_a.size()), detail_a.data(), static_cast<int>(detail_b.size()), detail_b.data());
  std::abort();
}

}  // namespace tfschema::fuzz
