#include "host/output/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace rdp {
namespace {
constexpr double kQuietSeconds = 3.0;      // shorter runs print nothing
constexpr double kLogIntervalSeconds = 10.0;  // when stderr is a file, one line this often
}  // namespace

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled), terminal_(isatty(fileno(stderr)) != 0) {}

void ProgressLine::update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < kQuietSeconds || done >= total) return;
  if (!terminal_ && std::chrono::duration<double>(now - last_).count() < kLogIntervalSeconds) return;
  last_ = now;
  const double rate = static_cast<double>(done) / elapsed;
  const double eta = static_cast<double>(total - done) / rate;
  fmt::print(stderr, "{}rdpsim: {:5.1f}%  {:.3g}/{:.3g} samples  {:.3g} samples/s  {:.0f} s left{}",
             terminal_ ? "\r" : "", 100.0 * static_cast<double>(done) / static_cast<double>(total),
             static_cast<double>(done), static_cast<double>(total), rate, eta, terminal_ ? "" : "\n");
  shown_ = true;
}

void ProgressLine::finish() {
  if (shown_ && terminal_) fmt::print(stderr, "\n");
}

}  // namespace rdp
