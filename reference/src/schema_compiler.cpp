// Reads the OpenAPI document into SchemaNodes (schema_model.hpp). Every
// keyword of a schema the request body reaches is either implemented here or
// an annotation; anything else fails the load, so the interpreter never
// silently ignores a constraint the document adds later.
#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "schema_model.hpp"
#include "tfschema_reference/reference.hpp"

namespace tfschema::reference {

namespace {

// Member order matters: `properties` order is Pydantic's declaration order,
// which is the order errors are reported in.
using Json = nlohmann::ordered_json;
using detail::NodeType;
using detail::SchemaNode;

constexpr std::string_view kComponentPrefix = "#/components/schemas/";
constexpr std::string_view kRequestPath = "/api/ml/v1/artifact-versions";

// Thrown during compilation only; parse_schema turns it into an error string.
struct CompileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class... Parts>
std::string join(const Parts&... parts) {
  std::string text;
  (text.append(parts), ...);
  return text;
}

// A CompileError whose message is the parts, joined.
template <class... Parts>
CompileError failure(const Parts&... parts) {
  return CompileError(join(parts...));
}

// Keywords that describe a schema without constraining it. `default` is one:
// whether a property may be absent is `required`'s business alone.
bool is_annotation(std::string_view key) {
  return key == "title" || key == "description" || key == "default" || key == "examples" || key.starts_with("x-");
}

// The keywords each `type` may carry besides annotations.
bool keyword_fits_type(std::string_view key, std::string_view type) {
  if (key == "type" || key == "nullable") return true;
  if (type == "object") return key == "properties" || key == "required";
  if (type == "array") return key == "items";
  if (type == "string") return key == "maxLength" || key == "pattern" || key == "format";
  if (type == "integer") return key == "minimum";
  return false;
}

void only_annotations_besides(const Json& s, std::string_view keyword, const std::string& where) {
  for (const auto& [key, value] : s.items()) {
    if (key != keyword && !is_annotation(key)) {
      throw failure(where, ": '", key, "' next to '", keyword, "'");
    }
  }
}

const Json& member(const Json& object, std::string_view key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) throw failure(where, ": no '", key, "'");
  return object.at(std::string(key));
}

// `$ref` as the document writes it: a string, or (in discriminator mappings
// of this document) an object holding one.
std::string ref_of(const Json& target, const std::string& where) {
  if (target.is_string()) return target.get<std::string>();
  return member(target, "$ref", where).get<std::string>();
}

}  // namespace

class SchemaCompiler {
 public:
  SchemaCompiler(const Json& doc, Schema& out) : doc_(doc), out_(out) {}

  void run() {
    const Json& operation =
        member(member(member(doc_, "paths", "the document"), kRequestPath, "paths"), "put", "the path");
    out_.request_body_ =
        compile(json_schema(member(operation, "requestBody", "the operation"), "the request body"), "requestBody");
    // The answers' schemas, when the document gives them (200, 422).
    if (!operation.contains("responses")) return;
    for (const auto& [status, answer] : operation.at("responses").items()) {
      if (!answer.contains("content")) continue;
      const std::string where = "responses/" + status;
      out_.responses_.emplace(status, compile(json_schema(answer, where), where));
    }
  }

 private:
  // content/application/json/schema of a request body or an answer.
  static const Json& json_schema(const Json& holder, const std::string& where) {
    return member(member(member(holder, "content", where), "application/json", where), "schema", where);
  }

  // Any schema: $ref and single-element allOf (Pydantic's way of giving a
  // $ref a title) stand for their target.
  const SchemaNode* compile(const Json& s, const std::string& where) {
    if (!s.is_object()) throw failure(where, ": not a schema object");
    if (s.contains("$ref")) {
      only_annotations_besides(s, "$ref", where);
      return component(s.at("$ref").get<std::string>(), where);
    }
    if (s.contains("allOf")) {
      only_annotations_besides(s, "allOf", where);
      const Json& all_of = s.at("allOf");
      if (!all_of.is_array() || all_of.size() != 1) throw failure(where, ": allOf of more than one schema");
      return compile(all_of.at(0), where + "/allOf/0");
    }
    SchemaNode& node = out_.nodes_.emplace_back();
    fill(node, s, where);
    return &node;
  }

  // #/components/schemas/<name>, compiled once (registered before its body
  // is read, so a recursive schema would terminate).
  const SchemaNode* component(const std::string& ref, const std::string& where) {
    if (!ref.starts_with(kComponentPrefix)) throw failure(where, ": unsupported $ref ", ref);
    const std::string name = ref.substr(kComponentPrefix.size());
    if (auto it = out_.components_.find(name); it != out_.components_.end()) return it->second;
    const Json& definition = member(member(member(doc_, "components", ref), "schemas", ref), name, ref);
    if (definition.contains("$ref") || definition.contains("allOf")) throw failure(ref, ": an alias component");
    SchemaNode& node = out_.nodes_.emplace_back();
    node.component = name;
    out_.components_.emplace(name, &node);
    fill(node, definition, ref);
    return &node;
  }

  void fill(SchemaNode& node, const Json& s, const std::string& where) {
    if (s.contains("title")) node.title = s.at("title").get<std::string>();
    // OpenAPI 3.0.3: `nullable` only has an effect next to a `type`.
    if (s.contains("nullable") && s.contains("type")) node.nullable = s.at("nullable").get<bool>();
    if (s.contains("enum")) return fill_literal(node, s, where);
    if (s.contains("oneOf")) return fill_union(node, s, where);
    if (s.contains("anyOf")) return fill_any_of(node, s, where);
    const std::string type = s.contains("type") ? s.at("type").get<std::string>() : "";
    for (const auto& [key, value] : s.items()) {
      if (!is_annotation(key) && !keyword_fits_type(key, type)) {
        throw failure(where, ": unsupported keyword '", key, "'", (type.empty() ? "" : " for type "), type);
      }
    }
    if (type.empty()) return;  // kAny
    if (type == "object") return fill_object(node, s, where);
    if (type == "array") {
      node.type = NodeType::kArray;
      if (s.contains("items")) node.items = compile(s.at("items"), where + "/items");
      return;
    }
    if (type == "string") return fill_string(node, s, where);
    if (type != "integer") throw failure(where, ": unsupported type ", type);
    node.type = NodeType::kInteger;
    if (s.contains("minimum")) {
      if (!s.at("minimum").is_number_integer()) throw failure(where, ": a minimum that is not an integer");
      node.minimum = s.at("minimum").get<int64_t>();
    }
  }

  void fill_object(SchemaNode& node, const Json& s, const std::string& where) {
    if (!s.contains("properties")) {
      if (s.contains("required")) throw failure(where, ": required without properties");
      node.type = NodeType::kDict;
      return;
    }
    node.type = NodeType::kModel;
    const Json required = s.contains("required") ? s.at("required") : Json::array();
    for (const auto& name : required) {
      if (!s.at("properties").contains(name.get<std::string>())) {
        throw failure(where, ": required '", name.get<std::string>(), "' is no property");
      }
    }
    for (const auto& [name, sub] : s.at("properties").items()) {
      const bool is_required = std::find(required.begin(), required.end(), Json(name)) != required.end();
      node.properties.push_back({name, compile(sub, join(where, "/properties/", name)), is_required});
    }
  }

  void fill_string(SchemaNode& node, const Json& s, const std::string& where) {
    node.type = NodeType::kString;
    if (s.contains("format")) {
      if (s.at("format") != "date-time") throw failure(where, ": unsupported format ", s.at("format").dump());
      node.date_time = true;
    }
    if (s.contains("maxLength")) node.max_length = s.at("maxLength").get<uint64_t>();
    if (!s.contains("pattern")) return;
    node.pattern = s.at("pattern").get<std::string>();
    RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_unique<const re2::RE2>(node.pattern, options);
    if (!regex->ok()) throw failure(where, ": pattern RE2 rejects: ", regex->error());
    node.regex = std::move(regex);
  }

  void fill_literal(SchemaNode& node, const Json& s, const std::string& where) {
    for (const auto& [key, value] : s.items()) {
      if (key != "enum" && key != "type" && key != "nullable" && !is_annotation(key)) {
        throw failure(where, ": '", key, "' next to enum");
      }
    }
    if (s.contains("type") && s.at("type") != "string") throw failure(where, ": an enum that is not of strings");
    node.type = NodeType::kLiteral;
    for (const Json& value : s.at("enum")) {
      if (!value.is_string()) throw failure(where, ": an enum value that is not a string");
      node.allowed.push_back(value.get<std::string>());
    }
  }

  // anyOf: its branches, in order.
  void fill_any_of(SchemaNode& node, const Json& s, const std::string& where) {
    only_annotations_besides(s, "anyOf", where);
    node.type = NodeType::kAnyOf;
    int index = 0;
    for (const Json& branch : s.at("anyOf")) {
      node.branches.push_back(compile(branch, join(where, "/anyOf/", std::to_string(index++))));
    }
    if (node.branches.empty()) throw failure(where, ": an empty anyOf");
  }

  // oneOf + discriminator: the mapping decides; each oneOf member must be
  // one of the mapping's targets, and every target a model.
  void fill_union(SchemaNode& node, const Json& s, const std::string& where) {
    for (const auto& [key, value] : s.items()) {
      if (key != "oneOf" && key != "discriminator" && !is_annotation(key)) {
        throw failure(where, ": '", key, "' next to oneOf");
      }
    }
    const Json& discriminator = member(s, "discriminator", where);
    node.type = NodeType::kTaggedUnion;
    node.discriminator = member(discriminator, "propertyName", where).get<std::string>();
    for (const auto& [tag, target] : member(discriminator, "mapping", where).items()) {
      const SchemaNode* variant = component(ref_of(target, where), join(where, "/discriminator/mapping/", tag));
      // v1 names the variant by its class name, which is the model's title.
      if (variant->type != NodeType::kModel || variant->title.empty()) {
        throw failure(where, ": variant '", tag, "' is not a model with a title");
      }
      node.variants.push_back({tag, variant});
    }
    for (const Json& option : s.at("oneOf")) {
      const SchemaNode* target = compile(option, where + "/oneOf");
      bool mapped = false;
      for (const detail::Variant& variant : node.variants) mapped |= variant.schema == target;
      if (!mapped) throw failure(where, ": a oneOf member the discriminator does not map");
    }
  }

  const Json& doc_;
  Schema& out_;
};

std::shared_ptr<const Schema> parse_schema(std::string_view openapi_json, std::string* error) noexcept {
  try {
    const Json doc = Json::parse(openapi_json);
    auto schema = std::make_shared<Schema>();
    SchemaCompiler(doc, *schema).run();
    return schema;
  } catch (const std::exception& e) {
    if (error != nullptr) *error = e.what();
  } catch (...) {
    if (error != nullptr) *error = "unknown failure";
  }
  return nullptr;
}

std::shared_ptr<const Schema> load_schema_file(const std::string& path, std::string* error) noexcept {
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      if (error != nullptr) *error = "cannot read " + path;
      return nullptr;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_schema(text.str(), error);
  } catch (...) {
    if (error != nullptr) *error = "cannot read " + path;
  }
  return nullptr;
}

std::shared_ptr<const Schema> embedded_schema(std::string* error) noexcept {
  try {
    // Compiled on first use; a function-local static is initialised once, thread-safely.
    static const std::pair<std::shared_ptr<const Schema>, std::string> compiled = [] {
      std::pair<std::shared_ptr<const Schema>, std::string> result;
      result.first = parse_schema(embedded_openapi_json(), &result.second);
      return result;
    }();
    if (compiled.first == nullptr && error != nullptr) *error = compiled.second;
    return compiled.first;
  } catch (...) {
    if (error != nullptr) *error = "out of memory";
  }
  return nullptr;
}

}  // namespace tfschema::reference
