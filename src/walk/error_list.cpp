#include "walk/error_list.hpp"

#include <algorithm>

namespace tfschema::detail {

void ErrorList::reset(Profile profile, Schema schema, Source source) {
  profile_ = profile;
  schema_ = schema;
  policy_ = &rules::policy_for(profile);
  source_ = source;
  records_.clear();
  nodes_.clear();
  facts_.clear();
  names_.clear();
  json_invalid_ = {};
  body_.clear();
  tree_.clear();
  last_prefix_.clear();
  last_prefix_nodes_.clear();
  delete owned_.exchange(nullptr, std::memory_order_acq_rel);
}

size_t ErrorList::capacity_bytes() const {
  return records_.capacity_bytes() + nodes_.capacity_bytes() + facts_.capacity_bytes() + body_.capacity() +
         tree_.node_count() * sizeof(json::Node) + names_.capacity() * sizeof(names_[0]);
}

void ErrorList::truncate(size_t size) {
  while (records_.size() > size) records_.pop_back();
}

uint32_t ErrorList::add_fact(const Fact& fact) {
  facts_.push_back(fact);
  return static_cast<uint32_t>(facts_.size() - 1);
}

uint32_t ErrorList::intern(std::string_view name) {
  for (size_t i = names_.size(); i-- > 0;) {
    if (names_[i] == name) return static_cast<uint32_t>(i);
  }
  names_.push_back(name);
  return static_cast<uint32_t>(names_.size() - 1);
}

uint32_t ErrorList::prefix_node(std::span<const Step> prefix) {
  size_t shared = 0;
  while (shared < prefix.size() && shared < last_prefix_.size() && prefix[shared] == last_prefix_[shared]) ++shared;
  last_prefix_.resize(shared);
  last_prefix_nodes_.resize(shared);
  for (size_t i = shared; i < prefix.size(); ++i) {
    nodes_.push_back(LocNode{i == 0 ? kNone : last_prefix_nodes_.back(), prefix[i]});
    last_prefix_.push_back(prefix[i]);
    last_prefix_nodes_.push_back(static_cast<uint32_t>(nodes_.size() - 1));
  }
  return prefix.empty() ? kNone : last_prefix_nodes_.back();
}

void ErrorList::set_loc(std::span<const Step> loc, Record& record) {
  const size_t n = loc.size();
  const size_t leading = n > 2 ? n - 2 : 0;
  record.prefix = prefix_node(loc.first(leading));
  // The last steps go in the record, the very last in slot 1.
  record.step_kinds[0] = n >= 2 ? loc[n - 2].kind : StepKind::kNone;
  record.steps[0] = n >= 2 ? loc[n - 2].value : 0;
  record.step_kinds[1] = n >= 1 ? loc[n - 1].kind : StepKind::kNone;
  record.steps[1] = n >= 1 ? loc[n - 1].value : 0;
}

const std::vector<Error>& ErrorList::install_owned_errors(std::unique_ptr<std::vector<Error>> built) const {
  std::vector<Error>* expected = nullptr;
  if (owned_.compare_exchange_strong(expected, built.get(), std::memory_order_acq_rel, std::memory_order_acquire)) {
    return *built.release();
  }
  return *expected;  // another thread won; `built` is freed
}

}  // namespace tfschema::detail

namespace tfschema::walk {

std::span<const Step> PathSteps::of(const rules::Path& path) {
  const size_t n = path.size();
  for (size_t i = 0; i < n; ++i) {
    const rules::PathItem& item = path[i];
    rules::PathItem& known = items_[i];
    if (i < known_ && item.is_index == known.is_index &&
        (item.is_index ? item.index == known.index
                       : item.key.data() == known.key.data() && item.key.size() == known.key.size())) {
      continue;
    }
    known = item;
    steps_[i] = item.is_index ? Step{StepKind::kIndex, static_cast<uint32_t>(item.index)}
                              : Step{StepKind::kName, list_->intern(item.key)};
  }
  known_ = std::max(known_, n);
  return std::span<const Step>(steps_.data(), n);
}

}  // namespace tfschema::walk
