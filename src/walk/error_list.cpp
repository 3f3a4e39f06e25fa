#include "walk/error_list.hpp"

#include <algorithm>

#include "text/ascii_scan.hpp"

namespace tfschema::detail {

void ErrorList::reset(Profile profile, Schema schema, Source source) {
  profile_ = profile;
  schema_ = schema;
  policy_ = &rules::policy_for(profile);
  source_ = source;
  records_.clear();
  nodes_.clear();
  facts_.clear();
  // names_ stays: static names, the same for every body (a few dozen).
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

void ErrorList::keep(std::span<const uint32_t> order) {
  std::vector<Record> records;
  records.reserve(order.size());
  std::vector<Fact> facts;
  std::vector<LocNode> nodes;
  std::vector<uint32_t> renumbered(nodes_.size(), kNone);
  std::vector<uint32_t> chain;
  for (const uint32_t i : order) {
    Record record = records_[i];
    if (record.fact != kNone && !record.fact_inline()) {
      facts.push_back(facts_[record.fact]);
      record.fact = static_cast<uint32_t>(facts.size() - 1);
    }
    // The prefix's nodes not copied yet, then the copies, root first.
    chain.clear();
    for (uint32_t n = record.prefix; n != kNone && renumbered[n] == kNone; n = nodes_[n].parent) chain.push_back(n);
    for (size_t k = chain.size(); k-- > 0;) {
      const LocNode& node = nodes_[chain[k]];
      nodes.push_back(LocNode{node.parent == kNone ? kNone : renumbered[node.parent], node.step});
      renumbered[chain[k]] = static_cast<uint32_t>(nodes.size() - 1);
    }
    if (record.prefix != kNone) record.prefix = renumbered[record.prefix];
    records.push_back(record);
  }
  records_.clear();
  for (const Record& record : records) records_.push_back(record);
  facts_.clear();
  for (const Fact& fact : facts) facts_.push_back(fact);
  nodes_.clear();
  for (const LocNode& node : nodes) nodes_.push_back(node);
  last_prefix_.clear();
  last_prefix_nodes_.clear();
}

uint32_t ErrorList::add_fact(const rules::Detail& detail, uint32_t tag) {
  Fact& added = facts_.emplace_back();
  added.detail.limit = detail.limit;
  added.detail.pattern = detail.pattern;
  added.detail.expected = detail.expected;
  added.detail.choices = detail.choices;
  added.tag = tag;
  return static_cast<uint32_t>(facts_.size() - 1);
}

uint32_t ErrorList::intern_new(std::string_view name) {
  uint32_t index = 0;
  while (index < names_.size() &&
         !(names_[index].text.data() == name.data() && names_[index].text.size() == name.size())) {
    ++index;
  }
  if (index == names_.size()) {
    const bool plain = text::json_plain_run_end<true>(name, 0) == name.size();
    names_.push_back(Name{name, plain, static_cast<uint32_t>(quoted_names_.size())});
    if (plain) {
      quoted_names_ += ",\"";
      quoted_names_ += name;
      quoted_names_ += '"';
    }
  }
  // Its slot, or the one next to it when another name holds its slot.
  const size_t at = name_slot(name.data());
  name_slots_[name_slots_[at].data == nullptr ? at : at ^ 1] = NameSlot{name.data(), name.size(), index};
  return index;
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
  record.set_steps(n >= 2 ? loc[n - 2].kind : StepKind::kNone, n >= 2 ? loc[n - 2].value : 0,
                   n >= 1 ? loc[n - 1].kind : StepKind::kNone, n >= 1 ? loc[n - 1].value : 0);
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

PathLoc::Loc PathLoc::locate(const rules::Path& path) {
  const size_t n = path.size();
  if (&path != path_) {  // stamps are one Path's
    path_ = &path;
    known_ = 0;
  }
  // The deepest item still as it was converted (see rules::Path::stamp):
  // usually the one under the top.
  size_t same = std::min(n, known_);
  while (same != 0 && path.stamp(same - 1) != stamps_[same - 1]) --same;
  for (size_t d = same; d < n; ++d) {
    const rules::PathItem& item = path[d];
    stamps_[d] = path.stamp(d);
    if (item.is_index) {
      steps_[d + 2] = KnownStep{StepKind::kIndex, static_cast<uint32_t>(item.index)};
    } else {
      steps_[d + 2] = KnownStep{StepKind::kName, list_->intern(item.key)};
    }
  }
  known_ = n;
  made_ = std::min(made_, same);
  const size_t leading = n > 2 ? n - 2 : 0;
  for (size_t d = made_; d < leading; ++d) {
    nodes_[d] = list_->add_node(d == 0 ? kNone : nodes_[d - 1], Step{steps_[d + 2].kind, steps_[d + 2].value});
  }
  made_ = std::max(made_, leading);
  return Loc{leading != 0 ? nodes_[leading - 1] : kNone,
             {steps_[n].value, steps_[n + 1].value},
             Record::step_kinds(steps_[n].kind, steps_[n + 1].kind)};
}

}  // namespace tfschema::walk
