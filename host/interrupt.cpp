#include "host/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace rdp {
namespace {

std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler may only touch a lock-free atomic");

extern "C" void on_signal(int signal) {
  received.store(signal, std::memory_order_relaxed);
  std::signal(signal, SIG_DFL);  // a second Ctrl-C is not a request
}

}  // namespace

void install_interrupt_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

std::string signal_name(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal);
}

int interrupt_signal() { return received.load(std::memory_order_relaxed); }

void clear_interrupt_signal() { received.store(0, std::memory_order_relaxed); }

}  // namespace rdp
