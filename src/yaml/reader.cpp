// read_yaml: source text -> documents (libyaml + the composer) -> Python
// values (the constructor) -> JSON bodies (json_dump), one document at a time
// so that memory follows the largest document, not the stream.
#include <algorithm>

#include "api/result_access.hpp"
#include "render/wording.hpp"
#include "tfschema/yaml.hpp"
#include "yaml/composer.hpp"
#include "yaml/constructor.hpp"
#include "yaml/json_dump.hpp"
#include "yaml/source_text.hpp"

namespace tfschema {
namespace {

// PyYAML's recursive composer on Python 3.11 loads block mappings nested 490
// deep and fails at 491 (flow collections: a level or three more).
constexpr uint32_t kPyYamlMaxDepth = 490;

YamlProblem public_problem(const yaml::Problem& problem) {
  YamlProblemKind kind = YamlProblemKind::kSyntax;
  switch (problem.kind) {
    case yaml::ProblemKind::kUnreadable:
      kind = YamlProblemKind::kUnreadable;
      break;
    case yaml::ProblemKind::kSyntax:
      kind = YamlProblemKind::kSyntax;
      break;
    case yaml::ProblemKind::kConstruct:
      kind = YamlProblemKind::kConstruct;
      break;
    case yaml::ProblemKind::kNotJson:
      kind = YamlProblemKind::kNotJson;
      break;
    case yaml::ProblemKind::kLimit:
      kind = YamlProblemKind::kLimit;
      break;
  }
  return YamlProblem{kind, problem.message, problem.offset};
}

// What kind of document it is: its `type` when a str, and which members it has.
void describe(const yaml::Graph& graph, const yaml::Constructed& values, YamlDocument& document) {
  const yaml::Value& root = values.values[graph.root];
  if (root.kind != yaml::ValueKind::kDict) return;
  document.is_mapping = true;
  for (uint32_t i = 0; i < root.count; ++i) {
    const yaml::Pair& pair = values.pairs[root.index + i];
    const yaml::Value& key = values.values[graph.target(pair.key)];
    if (key.kind != yaml::ValueKind::kStr) continue;
    const std::string_view name = graph.scalar(graph.nodes[key.text_node]);
    if (name == "ml_repo" || name == "source") document.has_manifest_keys = true;
    if (name != "type") continue;
    document.has_type = true;
    const yaml::Value& type = values.values[graph.target(pair.value)];
    if (type.kind == yaml::ValueKind::kStr)
      document.manifest_type = std::string(graph.scalar(graph.nodes[type.text_node]));
  }
}

YamlDocument problem_document(YamlProblem problem) {
  YamlDocument document;
  document.byte_offset = problem.byte_offset;
  document.problem = std::move(problem);
  return document;
}

bool empty_document(const yaml::Graph& graph) {
  const yaml::Node& root = graph.nodes[graph.root];
  return root.kind == yaml::NodeKind::kScalar && root.text_size == 0 && root.tag == yaml::Tag::kNull;
}

void read_documents(std::string_view bytes, const YamlOptions& options, YamlStream& stream) {
  if (bytes.size() > options.max_yaml_bytes || bytes.size() >= (uint64_t{1} << 32)) {
    stream.documents.push_back(problem_document(
        YamlProblem{YamlProblemKind::kLimit,
                    "the file is larger than the limit of " + std::to_string(options.max_yaml_bytes) + " bytes", 0}));
    return;
  }
  yaml::SourceText source = yaml::decode_source(bytes);
  stream.text = std::move(source.text);
  if (!source.ok) {
    stream.documents.push_back(
        problem_document(YamlProblem{YamlProblemKind::kUnreadable, source.problem, source.problem_offset}));
    return;
  }
  std::string patched;
  const std::string_view parsed_text = yaml::text_for_libyaml(stream.text, patched);
  yaml::Composer composer(parsed_text, source.start, options.max_depth != 0 ? options.max_depth : kPyYamlMaxDepth);
  yaml::Graph graph;
  yaml::Constructed values;
  yaml::Dumped dumped;
  for (;;) {
    yaml::Problem problem;
    const yaml::Composer::Next next = composer.next(graph, problem);
    if (next == yaml::Composer::Next::kEnd) return;
    YamlDocument document;
    document.index = stream.documents.size();
    document.byte_offset = graph.nodes.empty() && next == yaml::Composer::Next::kError ? problem.offset : graph.offset;
    if (next == yaml::Composer::Next::kError) {
      document.problem = public_problem(problem);
      stream.documents.push_back(std::move(document));
      return;
    }
    yaml::construct_document(graph, options.max_json_bytes, values);
    if (values.problem) {
      // safe_load_all raises: the stream ends here, as a syntax error ends it.
      document.problem = public_problem(*values.problem);
      stream.documents.push_back(std::move(document));
      return;
    }
    document.empty = empty_document(graph);
    describe(graph, values, document);
    yaml::dump_body(graph, values, options.max_json_bytes, dumped);
    if (dumped.problem) {
      // json.dumps raising is the caller's loop failing on one document.
      document.problem = public_problem(*dumped.problem);
    } else {
      document.json_body = std::move(dumped.json);
      document.positions.reserve(dumped.offsets.size());
      for (const yaml::OffsetPair& pair : dumped.offsets) document.positions.emplace_back(pair.json, pair.yaml);
    }
    stream.documents.push_back(std::move(document));
  }
}

}  // namespace

uint64_t YamlDocument::yaml_offset(uint64_t json_offset) const noexcept {
  const auto after = std::upper_bound(positions.begin(), positions.end(), json_offset,
                                      [](uint64_t offset, const auto& pair) { return offset < pair.first; });
  if (after == positions.begin()) return byte_offset;
  return std::prev(after)->second;
}

YamlStream read_yaml(std::string_view bytes, const YamlOptions& options) noexcept {
  YamlStream stream;
  try {
    read_documents(bytes, options, stream);
  } catch (...) {  // std::bad_alloc
    stream.documents.push_back(
        problem_document(YamlProblem{YamlProblemKind::kLimit, "out of memory reading the YAML stream", 0}));
  }
  return stream;
}

YamlValidation validate_yaml_document(Validator& validator, const YamlDocument& document) noexcept {
  YamlValidation validation;
  try {
    if (document.problem) {
      validation.problem = document.problem;
      return validation;
    }
    validation.result = validator.validate(document.json_body);
    if (const detail::ErrorList* errors = detail::ResultAccess::errors(validation.result)) {
      const render::Wording wording(*errors);
      validation.error_offsets.reserve(wording.size());
      for (size_t i = 0; i < wording.size(); ++i) {
        validation.error_offsets.push_back(document.yaml_offset(wording.byte_offset(i)));
      }
    }
  } catch (...) {
    validation.problem = YamlProblem{YamlProblemKind::kLimit, "out of memory validating the document", 0};
  }
  return validation;
}

}  // namespace tfschema
