#include "host/output/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

namespace rdp {
namespace {
constexpr double kQuietSeconds = 3.0;      // shorter runs print nothing
constexpr double kLogIntervalSeconds = 10.0;  // when stderr is a file, one line this often
ProgressObserver observer = nullptr;
void* observer_context = nullptr;
}  // namespace

void set_progress_observer(ProgressObserver o, void* context) {
  observer = o;
  observer_context = context;
}

void notify_progress(uint64_t done, uint64_t total, const char* unit) {
  if (observer != nullptr) observer(done, total, unit, observer_context);
}

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled), terminal_(isatty(fileno(stderr)) != 0) {}

bool ProgressLine::ready() {
  if (!enabled_) return false;
  const auto now = Clock::now();
  if (std::chrono::duration<double>(now - start_).count() < kQuietSeconds) return false;
  if (!terminal_ && std::chrono::duration<double>(now - last_).count() < kLogIntervalSeconds) return false;
  last_ = now;
  return true;
}

void ProgressLine::show(const std::string& text) {
  if (ready()) print(text);
}

void ProgressLine::print(const std::string& text) {
  if (terminal_) {
    fmt::print(stderr, "\r{:<{}}", text, width_);
    width_ = std::max(width_, text.size());
  } else {
    fmt::print(stderr, "{}\n", text);
  }
  shown_ = true;
}

void ProgressLine::update(uint64_t done, uint64_t total) {
  notify_progress(done, total, "samples");
  if (done >= total || !ready()) return;
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = static_cast<double>(done) / elapsed;
  const double eta = static_cast<double>(total - done) / rate;
  print(fmt::format("rdpsim: {:5.1f}%  {:.3g}/{:.3g} samples  {:.3g} samples/s  {:.0f} s left",
                   100.0 * static_cast<double>(done) / static_cast<double>(total), static_cast<double>(done),
                   static_cast<double>(total), rate, eta));
}

void ProgressLine::finish() {
  if (shown_ && terminal_) fmt::print(stderr, "\n");
}

}  // namespace rdp
