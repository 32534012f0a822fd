#pragma once
// A progress line on stderr that appears only once a run has taken a few seconds.
#include <chrono>
#include <cstdint>
#include <string>

namespace rdp {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  void update(uint64_t done, uint64_t total);  // samples done of total, rate and time left
  void show(const std::string& text);           // any one-line status
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool terminal_;
  bool ready();  // whether a line is due now
  void print(const std::string& text);
  bool shown_ = false;
  size_t width_ = 0;  // of the line on the terminal, to blank what a shorter one leaves
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = start_;
};

}  // namespace rdp
