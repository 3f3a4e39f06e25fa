// The schemas a request body is checked against, read from the OpenAPI
// document: $ref and single-element allOf resolved, each keyword the
// interpreter implements kept as data. Pydantic's shapes map onto JSON
// Schema plainly: an object schema with `properties` is a model, one without
// is a Dict[str, Any]; an `enum` is a Literal; oneOf + discriminator is a
// tagged union.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace tfschema::reference {

namespace detail {

struct SchemaNode;

struct Property {
  std::string name;
  const SchemaNode* schema = nullptr;
  bool required = false;
};

struct Variant {
  std::string tag;  // the discriminator value that selects it
  const SchemaNode* schema = nullptr;
};

enum class NodeType : uint8_t {
  kAny,          // no constraint
  kModel,        // type: object with properties
  kDict,         // type: object without properties
  kArray,        // type: array, items
  kString,       // type: string, maxLength, pattern
  kInteger,      // type: integer, minimum
  kLiteral,      // enum of strings
  kTaggedUnion,  // oneOf + discriminator
  kAnyOf,        // anyOf: the first branch without errors wins
};

struct SchemaNode {
  NodeType type = NodeType::kAny;
  std::string component;                    // X of #/components/schemas/X; empty when inline
  std::string title;                        // Pydantic's class name for a model
  std::vector<Property> properties;         // kModel, in document (= declaration) order
  const SchemaNode* items = nullptr;        // kArray
  std::optional<uint64_t> max_length;       // kString, in code points
  std::string pattern;                      // kString, exactly as written; empty: none
  std::unique_ptr<const re2::RE2> regex;    // kString, `pattern` compiled
  std::optional<int64_t> minimum;           // kInteger
  std::vector<std::string> allowed;         // kLiteral
  std::string discriminator;                // kTaggedUnion: the tag's property name
  std::vector<Variant> variants;            // kTaggedUnion, in mapping order
  std::vector<const SchemaNode*> branches;  // kAnyOf, in document order
  bool nullable = false;                    // OpenAPI 3.0's `nullable: true`: null is accepted
  bool date_time = false;                   // kString with `format: date-time`
};

}  // namespace detail

class Schema {
 public:
  // The schema of PUT /api/ml/v1/artifact-versions' JSON request body.
  const detail::SchemaNode& request_body() const { return *request_body_; }
  // The JSON schema of the operation's answer with this status ("200",
  // "422"); null when the document gives none.
  const detail::SchemaNode* response_body(std::string_view status) const {
    const auto it = responses_.find(status);
    return it == responses_.end() ? nullptr : it->second;
  }

 private:
  friend class SchemaCompiler;
  std::deque<detail::SchemaNode> nodes_;  // a deque: nodes point at each other
  std::map<std::string, detail::SchemaNode*, std::less<>> components_;
  const detail::SchemaNode* request_body_ = nullptr;
  std::map<std::string, const detail::SchemaNode*, std::less<>> responses_;
};

}  // namespace tfschema::reference
