#include "cli/ordered_pipeline.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace tfschema::cli {
namespace {

class Pipeline {
 public:
  Pipeline(const PipelineLimits& limits, const PipelineHooks& hooks) : limits_(limits), hooks_(hooks) {}

  PipelineStats run() {
    std::vector<std::thread> threads;
    const unsigned workers = std::max(1u, limits_.workers);
    threads.reserve(workers + 1);
    for (unsigned w = 0; w < workers; ++w) threads.emplace_back([this, w] { work_loop(w); });
    threads.emplace_back([this] { produce(); });
    consume_loop();
    for (std::thread& t : threads) t.join();
    return stats_;
  }

 private:
  void produce() {
    hooks_.produce([this](Batch&& batch) { emit(std::move(batch)); });
    std::lock_guard lock(mutex_);
    producer_done_ = true;
    work_ready_.notify_all();
    result_ready_.notify_all();
  }

  void emit(Batch&& batch) {
    std::unique_lock lock(mutex_);
    window_open_.wait(lock, [&] {
      if (in_flight_ == 0) return true;
      return in_flight_ < limits_.max_batches_in_flight &&
             bytes_in_flight_ + batch.body_bytes <= limits_.max_bytes_in_flight;
    });
    batch.sequence = next_sequence_++;
    ++in_flight_;
    bytes_in_flight_ += batch.body_bytes;
    stats_.max_batches_in_flight = std::max(stats_.max_batches_in_flight, in_flight_);
    todo_.push_back(std::move(batch));
    work_ready_.notify_one();
  }

  void work_loop(unsigned worker) {
    for (;;) {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return !todo_.empty() || producer_done_; });
      if (todo_.empty()) return;  // the producer is done and nothing is left
      Batch batch = std::move(todo_.front());
      todo_.pop_front();
      lock.unlock();
      hooks_.work(worker, batch);
      lock.lock();
      const uint64_t sequence = batch.sequence;
      done_.emplace(sequence, std::move(batch));
      if (sequence == next_to_consume_) result_ready_.notify_one();
    }
  }

  void consume_loop() {
    for (;;) {
      std::unique_lock lock(mutex_);
      const bool ready = result_ready_.wait_for(lock, limits_.idle_interval, [&] {
        return done_.count(next_to_consume_) != 0 || (producer_done_ && in_flight_ == 0);
      });
      if (!ready) {
        lock.unlock();
        if (hooks_.on_idle) hooks_.on_idle();
        continue;
      }
      const auto next = done_.find(next_to_consume_);
      if (next == done_.end()) return;  // the producer is done and everything was consumed
      Batch batch = std::move(next->second);
      done_.erase(next);
      lock.unlock();
      hooks_.consume(batch);
      if (hooks_.on_idle) hooks_.on_idle();
      lock.lock();
      ++next_to_consume_;
      ++stats_.batches;
      --in_flight_;
      bytes_in_flight_ -= batch.body_bytes;
      window_open_.notify_one();
    }
  }

  const PipelineLimits& limits_;
  const PipelineHooks& hooks_;
  std::mutex mutex_;
  std::condition_variable window_open_;   // the producer may emit
  std::condition_variable work_ready_;    // a batch waits for a worker, or the producer is done
  std::condition_variable result_ready_;  // the next batch to consume is done, or all is
  std::deque<Batch> todo_;
  std::map<uint64_t, Batch> done_;
  uint64_t next_sequence_ = 0;
  uint64_t next_to_consume_ = 0;
  size_t in_flight_ = 0;
  size_t bytes_in_flight_ = 0;
  bool producer_done_ = false;
  PipelineStats stats_;
};

}  // namespace

PipelineStats run_ordered_pipeline(const PipelineLimits& limits, const PipelineHooks& hooks) {
  return Pipeline(limits, hooks).run();
}

}  // namespace tfschema::cli
