#include "body_reader.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <unordered_set>
#include <utility>

namespace tfschema::reference::detail {

namespace {

constexpr uint8_t kBigIntegerSubtype = 1;

// nlohmann's SAX events turned into a tree, the way Python's json.loads
// builds one: a repeated member name keeps its first place and takes the
// last value (nlohmann's own DOM builder happens to do the same with
// ordered_json, but does not promise it); the repetition is recorded.
class TreeBuilder {
 public:
  explicit TreeBuilder(Body& out) : out_(out) {}

  bool null() { return place(Json(nullptr)) != nullptr; }
  bool boolean(bool value) { return place(Json(value)) != nullptr; }
  bool number_integer(Json::number_integer_t value) { return place(Json(value)) != nullptr; }
  bool number_unsigned(Json::number_unsigned_t value) { return place(Json(value)) != nullptr; }
  bool number_float(Json::number_float_t value, const std::string& text) {
    // An integer literal arrives here only when it does not fit 64 bits.
    if (text.find_first_of(".eE") == std::string::npos) {
      return place(Json::binary(Json::binary_t::container_type(text.begin(), text.end()), kBigIntegerSubtype)) !=
             nullptr;
    }
    return place(Json(value)) != nullptr;
  }
  bool string(std::string& value) { return place(Json(std::move(value))) != nullptr; }
  bool binary(Json::binary_t&) { return false; }  // JSON text has none
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& name);
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
    message_ = error.what();
    return false;
  }

  bool too_deep() const { return too_deep_; }
  const std::string& message() const { return message_; }

 private:
  struct Frame {
    Json* container;
    size_t depth;                           // path_ up to this container
    std::unordered_set<std::string> names;  // an object's member names so far
  };

  // Puts a finished value where the parser is: the root, the next array
  // item, or the member whose name was just read.
  Json* place(Json value) {
    if (frames_.empty()) {
      out_.root = std::move(value);
      return &out_.root;
    }
    Frame& frame = frames_.back();
    if (frame.container->is_array()) {
      path_.resize(frame.depth);
      path_.emplace_back(std::in_place_index<1>, static_cast<int64_t>(frame.container->size()));
      frame.container->push_back(std::move(value));
      return &frame.container->back();
    }
    *member_ = std::move(value);
    return member_;
  }

  bool open(Json empty) {
    if (frames_.size() >= kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    // The new container lives in its parent's storage, which does not grow
    // until the container is closed, so the pointer stays valid meanwhile.
    Json* container = place(std::move(empty));
    frames_.push_back(Frame{container, path_.size(), {}});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  Body& out_;
  std::vector<Frame> frames_;
  std::vector<LocItem> path_;  // to the value being read
  Json* member_ = nullptr;
  bool too_deep_ = false;
  std::string message_;
};

bool TreeBuilder::key(std::string& name) {
  Frame& frame = frames_.back();
  path_.resize(frame.depth);
  path_.emplace_back(std::in_place_index<0>, name);
  Json::object_t& members = *frame.container->get_ptr<Json::object_t*>();
  if (frame.names.insert(name).second) {
    // A new name: append directly (ordered_map's own insertion would look
    // for the name among all members again).
    auto& storage = static_cast<Json::object_t::Container&>(members);
    storage.emplace_back(std::move(name), nullptr);
    member_ = &storage.back().second;
    return true;
  }
  // Repetitions recorded inside the value being replaced go with it: they
  // sort right after this path.
  auto it = out_.repeated_names.lower_bound(path_);
  while (it != out_.repeated_names.end() && it->size() >= path_.size() &&
         std::equal(path_.begin(), path_.end(), it->begin())) {
    it = it->size() == path_.size() ? std::next(it) : out_.repeated_names.erase(it);
  }
  out_.repeated_names.insert(path_);
  member_ = &members.find(name)->second;
  return true;
}

}  // namespace

bool is_big_integer(const Json& value) { return value.is_binary(); }

std::string_view big_integer_digits(const Json& value) {
  const Json::binary_t& bytes = value.get_binary();
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

ReadResult read_body(std::string_view bytes, Body& out) {
  TreeBuilder builder(out);
  bool ok = false;
  try {
    ok = Json::sax_parse(bytes.begin(), bytes.end(), &builder);
  } catch (const std::exception& e) {
    return {ReadOutcome::kNotJson, e.what()};
  }
  if (builder.too_deep()) return {ReadOutcome::kTooDeep, "nested deeper than " + std::to_string(kMaxDepth)};
  if (!ok) return {ReadOutcome::kNotJson, builder.message()};
  return {};
}

}  // namespace tfschema::reference::detail
