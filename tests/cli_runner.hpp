#pragma once
// Runs the rdpsim executable with a command line and captures its exit status and
// output: the one way the tests drive the command line.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace rdp::testing {

// The rdpsim executable: $RDPSIM_EXECUTABLE, else BUILD/rdpsim beside this test binary's
// BUILD/tests folder, so that a build folder copied to another machine still finds it.
inline std::string rdpsim_executable() {
  if (const char* env = std::getenv("RDPSIM_EXECUTABLE")) return env;
  std::array<char, 4096> self{};
  const ssize_t n = readlink("/proc/self/exe", self.data(), self.size() - 1);
  std::string path(self.data(), n > 0 ? static_cast<size_t>(n) : 0);
  for (int up = 0; up < 2; ++up) path = path.substr(0, path.rfind('/'));
  return path + "/rdpsim";
}

struct CliOutcome {
  int status = -1;  // the exit status; -1 when the command could not run or did not exit normally
  std::string out;  // what it wrote to the streams that `streams` sends into the pipe
};

// `rdpsim <args> <streams>` through the shell; `streams` redirects what is not captured
// (the default captures stderr with stdout; "2>/dev/null" keeps stdout only).
inline CliOutcome run_cli(const std::string& args, const char* streams = "2>&1") {
  const std::string command = rdpsim_executable() + " " + args + " " + streams;
  CliOutcome outcome;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return outcome;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe)) outcome.out += buffer.data();
  const int raw = pclose(pipe);
  outcome.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return outcome;
}

}  // namespace rdp::testing
