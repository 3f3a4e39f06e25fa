// Walks a parsed body along the compiled schema, collecting every error in
// the order the servers report them: depth first, a model's properties in
// declaration order, array items in order.
#pragma once

#include <string_view>
#include <vector>

#include "body_reader.hpp"
#include "profiles.hpp"
#include "schema_model.hpp"
#include "tfschema_reference/reference.hpp"

namespace tfschema::reference::detail {

class Interpreter {
 public:
  // Errors are appended to `errors`, with locations under `root` ("body"
  // for the request, "response" for the response schemas).
  Interpreter(const ProfilePolicy& policy, std::vector<RefError>& errors, std::string_view root);

  // `value` at `node`; `nullable`: its slot is an Optional field of the
  // profile's models.
  void check(const SchemaNode& node, const Json& value, bool nullable);

  // duplicate_key for each repeated member name, in document order.
  void check_repeated_names(const Body& body);

  // An error at the current location (the body itself at the top).
  void report(Problem problem);

 private:
  class LocScope;

  void check_model(const SchemaNode& node, const Json& value);
  void check_members(const SchemaNode& node, const Json& object);
  void check_dict(const Json& value);
  void check_array(const SchemaNode& node, const Json& value);
  void check_string(const SchemaNode& node, const Json& value);
  void check_integer(const SchemaNode& node, const Json& value);
  void check_literal(const SchemaNode& node, const Json& value);
  void check_union(const SchemaNode& node, const Json& value);
  void check_any_of(const SchemaNode& node, const Json& value);
  void check_repeated_names(const Body& body, const Json& value, std::vector<LocItem>& path);
  bool pattern_matches(const SchemaNode& node, std::string_view text) const;

  const ProfilePolicy& policy_;
  std::vector<RefError>& errors_;
  std::vector<LocItem> loc_;
};

}  // namespace tfschema::reference::detail
