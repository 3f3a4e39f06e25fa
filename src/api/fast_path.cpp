#include "api/fast_path.hpp"

#include "rules/response_rules.hpp"

namespace tfschema::detail {
namespace {

// Trailing content after the root value is Python's "Extra data".
bool at_end(simdjson::ondemand::document& doc) { return doc.current_location().error() == simdjson::OUT_OF_BOUNDS; }

}  // namespace

StreamVerdict stream_verdict(simdjson::ondemand::parser& parser, simdjson::ondemand::document& doc,
                             simdjson::padded_string_view body, const rules::Policy& policy,
                             std::vector<std::string_view>& key_stack, Schema schema) {
  if (parser.iterate(body).get(doc)) return StreamVerdict::kUnread;
  simdjson::ondemand::value root;
  if (doc.get_value().get(root)) return StreamVerdict::kUnread;  // scalar roots are for the exact path
  key_stack.clear();
  walk::StreamWalker walker(policy, &key_stack);
  rules::NoPath path;
  rules::check_document(walker, root, path, schema);
  if (walker.is_broken()) return StreamVerdict::kUnread;
  return walker.proved_valid() && at_end(doc) ? StreamVerdict::kValid : StreamVerdict::kRejected;
}

bool stream_proves_valid(simdjson::ondemand::parser& parser, simdjson::padded_string_view body,
                         const rules::Policy& policy, std::vector<std::string_view>& key_stack, Schema schema) {
  simdjson::ondemand::document doc;
  return stream_verdict(parser, doc, body, policy, key_stack, schema) == StreamVerdict::kValid;
}

bool stream_errors(simdjson::ondemand::document& doc, simdjson::padded_string_view body, const rules::Policy& policy,
                   std::vector<std::string_view>& key_stack, Schema schema, walk::StreamErrors& errors) {
  // Python reads a UTF-8 byte order mark as no character; the exact path
  // knows where that leaves every position.
  if (std::string_view(body.data(), body.size()).starts_with("\xEF\xBB\xBF")) return false;
  doc.rewind();
  simdjson::ondemand::value root;
  if (doc.get_value().get(root)) return false;
  key_stack.clear();
  errors.truncated = false;
  errors.found = 0;
  errors.keys.clear();
  walk::StreamCollector walker(policy, &key_stack, errors, body.data());
  rules::Path path;
  rules::check_document(walker, root, path, schema);
  if (walker.unsure() || !at_end(doc)) return false;
  if (errors.max_errors != 0) {
    errors.keep_first(errors.max_errors);
    errors.truncated = errors.found > errors.max_errors;
  }
  return true;
}

}  // namespace tfschema::detail
