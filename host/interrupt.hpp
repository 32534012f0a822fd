#pragma once
// SIGINT and SIGTERM as requests: long work (a run's chunk loop, a sweep's points)
// asks interrupt_signal() between pieces and stops there, keeping what it finished.
// A second signal of the same kind ends the process at once, as if unhandled.
#include <stdexcept>
#include <string>

namespace rdp {

void install_interrupt_handlers();  // the command line calls this; libraries never do
int interrupt_signal();             // the signal received so far, or 0
void clear_interrupt_signal();      // forgets it: a process that runs several commands (Python)

// The exit status of a process that stopped for `signal`: 128 + its number (130 for
// SIGINT, 143 for SIGTERM), the shell's convention.
inline int interrupted_exit_status(int signal) { return 128 + signal; }

// Thrown by work that stopped for a signal and has no partial result to give.
struct Interrupted : std::runtime_error {
  Interrupted(int signal, const std::string& what) : std::runtime_error(what), signal(signal) {}
  int signal;
};

std::string signal_name(int signal);  // "SIGINT", "SIGTERM", or "signal N"

}  // namespace rdp
