#pragma once
// A progress line on stderr that appears only once a run has taken a few seconds.
#include <chrono>
#include <cstdint>

namespace rdp {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  void update(uint64_t done, uint64_t total);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool terminal_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = start_;
};

}  // namespace rdp
