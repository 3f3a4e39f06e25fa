#include "api/fast_path.hpp"

#include "rules/response_rules.hpp"
#include "walk/stream_walker.hpp"

namespace tfschema::detail {

bool stream_proves_valid(simdjson::ondemand::parser& parser, simdjson::padded_string_view body,
                         const rules::Policy& policy, std::vector<std::string_view>& key_stack, Schema schema) {
  simdjson::ondemand::document doc;
  if (parser.iterate(body).get(doc)) return false;
  simdjson::ondemand::value root;
  if (doc.get_value().get(root)) return false;  // scalar roots are for the exact path
  key_stack.clear();
  walk::StreamWalker walker(policy, &key_stack);
  rules::NoPath path;
  rules::check_document(walker, root, path, schema);
  // Trailing content after the root value is Python's "Extra data".
  return walker.proved_valid() && doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

}  // namespace tfschema::detail
