// A pool of tfschema::Validators with one set of Options, so that one Python
// Validator can be shared by threads that validate with the GIL released: a
// tfschema::Validator is one-per-thread (it owns its parser state), and each
// call leases one for its duration. The pool holds as many validators as the
// most calls that ever overlapped; an uncontended lease is one mutex lock.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "tfschema/validator.hpp"

namespace tfschema_python {

class ValidatorPool {
 public:
  explicit ValidatorPool(const tfschema::Options& options) : options_(options) {}
  ValidatorPool(const ValidatorPool&) = delete;
  ValidatorPool& operator=(const ValidatorPool&) = delete;

  const tfschema::Options& options() const noexcept { return options_; }

  // A validator for the caller's exclusive use until the lease ends. Safe to
  // call from any thread without the GIL.
  class Lease {
   public:
    Lease(ValidatorPool& pool, std::unique_ptr<tfschema::Validator> validator)
        : pool_(pool), validator_(std::move(validator)) {}
    ~Lease() { pool_.give_back(std::move(validator_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    tfschema::Validator& operator*() const noexcept { return *validator_; }
    tfschema::Validator* operator->() const noexcept { return validator_.get(); }

   private:
    ValidatorPool& pool_;
    std::unique_ptr<tfschema::Validator> validator_;
  };

  Lease lease();

  // How many validators the pool has made so far (for tests).
  size_t created() const;

 private:
  void give_back(std::unique_ptr<tfschema::Validator> validator) noexcept;

  const tfschema::Options options_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<tfschema::Validator>> idle_;
  size_t created_ = 0;
};

}  // namespace tfschema_python
