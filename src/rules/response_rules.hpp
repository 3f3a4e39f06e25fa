// The rules of the two response schemas, GetArtifactVersionResponse and
// HTTPValidationError, over the same walkers as the request's
// (rules/request_rules.hpp explains the walker interface). Only the strict
// profile validates them (no server does, so there is no Pydantic answer to
// reproduce), but the rules read the profile's switches like the request's.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "rules/path.hpp"
#include "rules/request_rules.hpp"
#include "rules/response_schema.hpp"
#include "tfschema/error.hpp"
#include "tfschema/profile.hpp"

namespace tfschema::rules {

// An enum of strings (#/components/schemas/SubjectType).
template <class A, size_t N>
bool check_enum(A& a, typename A::Value& v, const typename A::Path& path,
                const std::array<std::string_view, N>& allowed) {
  if (a.kind(v) == Kind::kString) {
    const std::string_view s = a.string(v);
    for (std::string_view candidate : allowed) {
      if (s == candidate) return true;
    }
  }
  return a.report(ErrorKind::kEnum, v, path, Detail::of_enum(allowed));
}

// type: array; `check_item(item, path)` checks each of its `items`.
template <class A, class CheckItem>
bool check_list(A& a, typename A::Value& v, typename A::Path& path, CheckItem&& check_item) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Array array;
  if (!a.as_array(v, array)) return a.report(ErrorKind::kListType, v, path, {});
  return a.for_each_item(array, [&](int64_t index, typename A::Value& item) {
    PathScope scope(path, index);
    return check_item(item, path);
  });
}

// #/components/schemas/Subject
template <class A>
bool check_subject(A& a, typename A::Value& v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return a.visit_model(object, ModelSpec{kSubjectFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kSubjectFields[field]);
    switch (field) {
      case kSubjectId:
        return value ? check_string(a, *value, path, kPlainStringRule) : a.report_missing(object, path);
      case kSubjectType:
        return value ? check_enum(a, *value, path, kSubjectTypes) : a.report_missing(object, path);
      default:
        return value ? check_string(a, *value, path, kNullableStringRule) : true;
    }
  });
}

// #/components/schemas/ArtifactVersion; its manifest is the request's
// ArtifactManifest, checked by the same rules.
template <class A>
bool check_artifact_version(A& a, typename A::Value& v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return a.visit_model(object, ModelSpec{kArtifactVersionFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kArtifactVersionFields[field]);
    switch (field) {
      case kVersionId:
      case kVersionFqn:
      case kVersionMlRepoId:
      case kVersionArtifactId:
        return value ? check_string(a, *value, path, kPlainStringRule) : a.report_missing(object, path);
      case kVersionCreatedBySubject:
        return value ? check_subject(a, *value, path) : a.report_missing(object, path);
      case kVersionCreatedAt:
      case kVersionUpdatedAt:
        return value ? check_string(a, *value, path, kDateTimeRule) : true;
      case kVersionManifest:
        return value ? check_manifest(a, *value, path) : a.report_missing(object, path);
      case kVersionTags:
        return value ? check_list(a, *value, path,
                                  [&](typename A::Value& tag, typename A::Path& at) {
                                    return check_string(a, tag, at, kPlainStringRule);
                                  })
                     : true;
      default:  // version_alias, usage_code_snippet
        return value ? check_string(a, *value, path, kPlainStringRule) : true;
    }
  });
}

// #/components/schemas/GetArtifactVersionResponse, the 200 body.
template <class A>
bool check_response(A& a, typename A::Value& v, typename A::Path& path) {
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return a.visit_model(object, ModelSpec{kResponseFields}, [&](int, typename A::Value* value) {
    PathScope scope(path, kResponseFields[0]);
    return value ? check_artifact_version(a, *value, path) : a.report_missing(object, path);
  });
}

// One item of ValidationError/properties/loc: anyOf [string, integer]. When
// it is neither, each branch's error is reported under the branch's name,
// as Pydantic reports a Union[str, int].
template <class A>
bool check_loc_item(A& a, typename A::Value& v, typename A::Path& path) {
  const Kind kind = a.kind(v);
  if (kind == Kind::kString) {
    a.string(v);  // read, so that the stream walker validates it
    return true;
  }
  const IntReading as_int = kind == Kind::kNull ? IntReading{} : read_int(a, v, kind);
  if (as_int.ok) return true;
  {
    PathScope scope(path, kStrBranch);
    if (!a.report(ErrorKind::kStringType, v, path, {})) return false;
  }
  PathScope scope(path, kIntBranch);
  return a.report(kind == Kind::kNull ? ErrorKind::kIntType : as_int.error, v, path, {});
}

// #/components/schemas/ValidationError
template <class A>
bool check_validation_error(A& a, typename A::Value& v, typename A::Path& path) {
  if (auto done = check_null_container(a, v, path)) return *done;
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return a.visit_model(object, ModelSpec{kValidationErrorFields}, [&](int field, typename A::Value* value) {
    PathScope scope(path, kValidationErrorFields[field]);
    if (value == nullptr) return a.report_missing(object, path);
    if (field != kValidationErrorLoc) return check_string(a, *value, path, kPlainStringRule);
    return check_list(a, *value, path,
                      [&](typename A::Value& item, typename A::Path& at) { return check_loc_item(a, item, at); });
  });
}

// #/components/schemas/HTTPValidationError, the 422 body (`detail` is optional).
template <class A>
bool check_http_validation_error(A& a, typename A::Value& v, typename A::Path& path) {
  typename A::Object object;
  if (auto done = open_model_or_report(a, v, path, object)) return *done;
  return a.visit_model(object, ModelSpec{kHttpValidationErrorFields}, [&](int, typename A::Value* value) {
    if (value == nullptr) return true;
    PathScope scope(path, kHttpValidationErrorFields[0]);
    return check_list(a, *value, path, [&](typename A::Value& item, typename A::Path& at) {
      return check_validation_error(a, item, at);
    });
  });
}

// The root of the chosen schema.
template <class A>
bool check_document(A& a, typename A::Value& v, typename A::Path& path, Schema schema) {
  switch (schema) {
    case Schema::kResponse:
      return check_response(a, v, path);
    case Schema::kError:
      return check_http_validation_error(a, v, path);
    case Schema::kRequest:
      break;
  }
  return check_request(a, v, path);
}

}  // namespace tfschema::rules
