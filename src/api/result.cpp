// Result's accessors (tfschema/result.hpp).
#include <memory>

#include "api/result_access.hpp"
#include "render/wording.hpp"

namespace tfschema {

int Result::http_status() const noexcept {
  switch (status_) {
    case Status::kValid:
      return 200;
    case Status::kInvalid:
      return 422;
    case Status::kBadRequest:
      return 400;
    case Status::kLimitExceeded:
      return 413;
    case Status::kUnsupported:
      return 501;
    case Status::kOutOfMemory:
      break;
  }
  return 500;
}

size_t Result::error_count() const noexcept { return errors_ ? errors_->size() : 0; }

const std::vector<Error>& Result::errors() const {
  static const std::vector<Error> kNone;
  if (!errors_) return kNone;
  if (const std::vector<Error>* built = errors_->owned_errors()) return *built;
  auto built = std::make_unique<std::vector<Error>>();
  const render::Wording wording(*errors_);
  built->reserve(wording.size());
  for (size_t i = 0; i < wording.size(); ++i) built->push_back(wording.error(i));
  return errors_->install_owned_errors(std::move(built));
}

}  // namespace tfschema
