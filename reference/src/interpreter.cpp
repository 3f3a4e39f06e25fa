#include "interpreter.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "date_time.hpp"
#include "int_readings.hpp"
#include "python_values.hpp"
#include "unicode.hpp"

namespace tfschema::reference::detail {

// One more element of the location while it lives.
// (Built in place: GCC 12 warns, wrongly, about moving a variant here.)
class Interpreter::LocScope {
 public:
  LocScope(Interpreter& interpreter, std::string_view name) : loc_(interpreter.loc_) {
    loc_.emplace_back(std::in_place_index<0>, name);
  }
  LocScope(Interpreter& interpreter, int64_t index) : loc_(interpreter.loc_) {
    loc_.emplace_back(std::in_place_index<1>, index);
  }
  ~LocScope() { loc_.pop_back(); }
  LocScope(const LocScope&) = delete;
  LocScope& operator=(const LocScope&) = delete;

 private:
  std::vector<LocItem>& loc_;
};

Interpreter::Interpreter(const ProfilePolicy& policy, std::vector<RefError>& errors, std::string_view root)
    : policy_(policy), errors_(errors) {
  loc_.emplace_back(std::in_place_index<0>, root);
}

void Interpreter::report(Problem problem) {
  errors_.push_back(RefError{loc_, std::string(type_name(policy_, problem))});
}

void Interpreter::check(const SchemaNode& node, const Json& value, bool nullable) {
  if (value.is_null()) {
    if (nullable || node.nullable) return;
    // Otherwise v1 has an error of its own for it; the others see one more
    // value of the wrong type.
    if (policy_.null_is_own_error) return report(Problem::kNoneNotAllowed);
  }
  switch (node.type) {
    case NodeType::kAny:
      return;
    case NodeType::kModel:
      return check_model(node, value);
    case NodeType::kDict:
      return check_dict(value);
    case NodeType::kArray:
      return check_array(node, value);
    case NodeType::kString:
      return check_string(node, value);
    case NodeType::kInteger:
      return check_integer(node, value);
    case NodeType::kLiteral:
      return check_literal(node, value);
    case NodeType::kTaggedUnion:
      return check_union(node, value);
    case NodeType::kAnyOf:
      return check_any_of(node, value);
  }
}

// type: object with properties (a Pydantic model).
void Interpreter::check_model(const SchemaNode& node, const Json& value) {
  if (value.is_object()) return check_members(node, value);
  if (policy_.dict_from_pairs) {
    // v1: cls(**dict(value)), and ** wants str names.
    if (const auto pairs = python_dict_pairs(value)) {
      Json object = Json::object();
      for (const auto& [name, member] : *pairs) {
        if (!name.is_string()) return report(Problem::kKeywordsMustBeStrings);
        object[name.get<std::string>()] = member;  // an equal name keeps its place and takes the later value
      }
      return check_members(node, object);
    }
  }
  report(Problem::kModelType);
}

// properties in declaration order, required ones reported when absent.
// Other members are ignored (Pydantic's extra="ignore"; the document does
// not forbid additional properties).
void Interpreter::check_members(const SchemaNode& node, const Json& object) {
  for (const Property& property : node.properties) {
    LocScope scope(*this, property.name);
    const auto member = object.find(property.name);
    if (member == object.end()) {
      if (property.required) report(Problem::kMissing);
      continue;
    }
    check(*property.schema, *member, accepts_null(policy_, node.component, property.name));
  }
}

// type: object without properties (Dict[str, Any]).
void Interpreter::check_dict(const Json& value) {
  if (value.is_object()) return;
  if (policy_.dict_from_pairs) {
    if (const auto pairs = python_dict_pairs(value)) {
      // v1 then makes each key a str: numbers and bools convert, None does not.
      for (const auto& [key, member] : *pairs) {
        if (key.is_null()) {
          LocScope scope(*this, std::string_view("__key__"));
          return report(Problem::kNoneNotAllowed);
        }
      }
      return;
    }
  }
  report(Problem::kDictType);
}

// type: array, items.
void Interpreter::check_array(const SchemaNode& node, const Json& value) {
  if (!value.is_array()) return report(Problem::kListType);
  int64_t index = 0;
  for (const Json& item : value) {
    LocScope scope(*this, index++);
    if (node.items != nullptr) check(*node.items, item, false);
  }
}

// type: string, maxLength (code points), pattern.
void Interpreter::check_string(const SchemaNode& node, const Json& value) {
  std::string coerced;
  std::string_view text;
  if (value.is_string()) {
    text = value.get_ref<const std::string&>();
  } else if (policy_.str_from_scalars && (value.is_number() || value.is_boolean() || is_big_integer(value))) {
    coerced = python_str(value);
    text = coerced;
  } else {
    return report(Problem::kStringType);
  }
  if (node.max_length && code_point_count(text) > *node.max_length) return report(Problem::kStringTooLong);
  if (node.regex != nullptr && !pattern_matches(node, text)) return report(Problem::kStringPatternMismatch);
  if (node.date_time && !is_date_time(text)) report(Problem::kDateTimeParsing);
}

bool Interpreter::pattern_matches(const SchemaNode& node, std::string_view text) const {
  const RE2::Anchor anchor = policy_.regex == RegexRun::kPythonMatch ? RE2::ANCHOR_START : RE2::UNANCHORED;
  if (node.regex->Match(text, 0, text.size(), anchor, nullptr, 0)) return true;
  // Python's `$` also matches just before a final "\n", RE2's only at the
  // end: for a pattern ending in `$`, the text without that "\n" decides.
  const bool ends_with_dollar = node.pattern.ends_with('$') && !node.pattern.ends_with("\\$");
  if (policy_.regex == RegexRun::kPythonMatch && ends_with_dollar && text.ends_with('\n')) {
    text.remove_suffix(1);
    return node.regex->Match(text, 0, text.size(), anchor, nullptr, 0);
  }
  return false;
}

// type: integer, minimum.
void Interpreter::check_integer(const SchemaNode& node, const Json& value) {
  const IntResult result = read_integer(value, policy_.int_reading);
  if (result.problem) return report(*result.problem);
  if (node.minimum && !result.number.at_least(*node.minimum)) report(Problem::kGreaterThanEqual);
}

// enum (a Literal): only an equal string.
void Interpreter::check_literal(const SchemaNode& node, const Json& value) {
  if (value.is_string() &&
      std::find(node.allowed.begin(), node.allowed.end(), value.get_ref<const std::string&>()) != node.allowed.end()) {
    return;
  }
  if (policy_.literal_needs_hashable && (value.is_array() || value.is_object())) return report(Problem::kUnhashable);
  // A named enum is a Python Enum class (error `enum`); an inline one a Literal.
  report(node.component.empty() ? Problem::kLiteral : Problem::kEnum);
}

// Pydantic's name for a member of a Union in the error's loc.
std::string_view branch_name(const SchemaNode& node) {
  switch (node.type) {
    case NodeType::kString:
      return "str";
    case NodeType::kInteger:
      return "int";
    case NodeType::kArray:
      return "list";
    case NodeType::kDict:
      return "dict";
    case NodeType::kModel:
      return node.title;
    default:
      return node.component;
  }
}

// anyOf (a smart-mode Union): valid when a branch is; otherwise every
// branch's errors, each under the branch's name.
void Interpreter::check_any_of(const SchemaNode& node, const Json& value) {
  const size_t before = errors_.size();
  for (const SchemaNode* branch : node.branches) {
    const size_t start = errors_.size();
    {
      LocScope scope(*this, branch_name(*branch));
      check(*branch, value, false);
    }
    if (errors_.size() == start) {
      errors_.resize(before);
      return;
    }
  }
}

// oneOf + discriminator: the tag picks the variant, whose errors carry the
// tag (or, in v1, the variant's class name) in their location.
void Interpreter::check_union(const SchemaNode& node, const Json& value) {
  if (!value.is_object()) {
    // v1 subscripts the value for its tag, which fails alike for every non-dict.
    return report(policy_.union_needs_object ? Problem::kModelType : Problem::kUnionTagNotFound);
  }
  const auto tag = value.find(node.discriminator);
  if (tag == value.end()) return report(Problem::kUnionTagNotFound);
  const Variant* chosen = nullptr;
  for (const Variant& variant : node.variants) {
    if (tag->is_string() && tag->get_ref<const std::string&>() == variant.tag) chosen = &variant;
  }
  if (chosen == nullptr) return report(Problem::kUnionTagInvalid);
  LocScope scope(*this, std::string_view(policy_.union_loc_is_title ? chosen->schema->title : chosen->tag));
  check_members(*chosen->schema, value);
}

void Interpreter::check_repeated_names(const Body& body) {
  if (body.repeated_names.empty()) return;
  std::vector<LocItem> path;
  check_repeated_names(body, body.root, path);
}

// In document order: the merged tree's members, depth first.
void Interpreter::check_repeated_names(const Body& body, const Json& value, std::vector<LocItem>& path) {
  if (value.is_array()) {
    int64_t index = 0;
    for (const Json& item : value) {
      LocScope scope(*this, index);
      path.emplace_back(std::in_place_index<1>, index++);
      check_repeated_names(body, item, path);
      path.pop_back();
    }
    return;
  }
  if (!value.is_object()) return;
  for (const auto& [name, member] : *value.get_ptr<const Json::object_t*>()) {
    LocScope scope(*this, name);
    path.emplace_back(std::in_place_index<0>, name);
    if (body.repeated_names.contains(path)) report(Problem::kDuplicateKey);
    check_repeated_names(body, member, path);
    path.pop_back();
  }
}

}  // namespace tfschema::reference::detail
