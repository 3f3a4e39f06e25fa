#include "validator_pool.hpp"

namespace tfschema_python {

ValidatorPool::Lease ValidatorPool::lease() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<tfschema::Validator> validator = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(validator));
    }
    // Room for every validator ever made, so give_back() never allocates.
    idle_.reserve(created_ + 1);
    ++created_;
  }
  // Made outside the lock: the other threads need not wait for it.
  return Lease(*this, std::make_unique<tfschema::Validator>(options_));
}

size_t ValidatorPool::created() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return created_;
}

void ValidatorPool::give_back(std::unique_ptr<tfschema::Validator> validator) noexcept {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(validator));
}

}  // namespace tfschema_python
