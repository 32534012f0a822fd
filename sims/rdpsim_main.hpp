#pragma once
// The command line as a function: the rdpsim executable (sims/main.cpp) and the Python
// module (python/rdpsim_module.cpp) both run it, so they share every flag, message and
// exit status. Writes to stdout and stderr; returns the exit status.
namespace rdp {

int rdpsim_main(int argc, char** argv);

}  // namespace rdp
