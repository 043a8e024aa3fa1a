// lease_gate.h: keeps a module's code mapped while any call into it is running.
//
// Every call into a module holds a Lease. Unloading closes the gate (no new leases) and waits
// until the last lease is returned; only then is the library closed, so no function pointer
// outlives its code.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

namespace oqk {

class LeaseGate {
 public:
  class Lease {
   public:
    explicit Lease(LeaseGate* gate) : gate_(gate) {}
    Lease(Lease&& o) noexcept : gate_(o.gate_) { o.gate_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (gate_ != nullptr) gate_->release();
    }

   private:
    LeaseGate* gate_;
  };

  // A lease, or nothing once the gate is closed.
  std::optional<Lease> acquire() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return std::nullopt;
    ++active_;
    return Lease(this);
  }

  // Refuses new leases and waits for the running ones to end.
  void closeAndWait() {
    std::unique_lock<std::mutex> lock(mutex_);
    closed_ = true;
    idle_.wait(lock, [this] { return active_ == 0; });
  }

  bool closed() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return closed_;
  }

 private:
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--active_ == 0) idle_.notify_all();
  }

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  uint64_t active_ = 0;
  bool closed_ = false;
};

}  // namespace oqk
