// --format sarif: one SARIF 2.1.0 log with one run, a result per error
// (ruleId = the server's error type), assembled from the pieces the
// workers render in input order.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace tfschema::cli {

// Appends one `result` object, followed by ",\n".
void append_sarif_result(std::string_view file, std::string_view rule, std::string_view message, uint64_t line,
                         uint64_t column, std::string& out);

// The log: `results` is what append_sarif_result() wrote (possibly empty),
// `rules` every rule id used. Columns count Unicode code points
// (run.columnKind), as tfschema's do.
std::string sarif_log(std::string_view results, const std::set<std::string>& rules, std::string_view version);

// A relative URI reference for a file path: unreserved characters and '/'
// as they are, everything else percent-encoded.
std::string file_uri(std::string_view path);

}  // namespace tfschema::cli
