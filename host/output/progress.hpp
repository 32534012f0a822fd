#pragma once
// A progress line on stderr that appears only once a run has taken a few seconds.
#include <chrono>
#include <cstdint>
#include <string>

namespace rdp {

// One observer per process sees every progress update, printed or not, with its unit
// ("samples" of a run, "points" of a sweep): the Python module forwards them to a
// callback. Runs call it from the thread that drives them, between chunks.
using ProgressObserver = void (*)(uint64_t done, uint64_t total, const char* unit, void* context);
void set_progress_observer(ProgressObserver observer, void* context);  // nullptr: none
void notify_progress(uint64_t done, uint64_t total, const char* unit);

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
