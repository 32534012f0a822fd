// rdpsim._rdpsim: the command line run in-process (sims/rdpsim_main.hpp), so that the
// Python API has the CLI's flags, messages, numbers and exit statuses. rdpsim writes its
// JSON lines to stdout and its messages to stderr; during a call both file descriptors
// point at temporary files, read back afterwards. SIGINT and SIGTERM go to rdpsim's
// handlers during a call (a run stops at its next chunk with the partial row, exit 130)
// and back to Python's after.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "host/interrupt.hpp"
#include "sims/rdpsim_main.hpp"

namespace nb = nanobind;

namespace {

// A standard stream's descriptor sent to a temporary file for the lifetime of this object.
class Captured {
 public:
  explicit Captured(int fd) : fd_(fd), file_(std::tmpfile()), saved_(dup(fd)) {
    if (file_ == nullptr || saved_ < 0 || dup2(fileno(file_), fd_) < 0)
      throw std::runtime_error("rdpsim: cannot capture the output (temporary file)");
  }
  ~Captured() {
    dup2(saved_, fd_);
    close(saved_);
    std::fclose(file_);
  }
  Captured(const Captured&) = delete;
  Captured& operator=(const Captured&) = delete;
  std::string text() const {
    std::string out;
    std::rewind(file_);
    char buffer[65536];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) out.append(buffer, n);
    return out;
  }

 private:
  int fd_;
  FILE* file_;
  int saved_;
};

std::tuple<int, std::string, std::string> call(const std::vector<std::string>& args) {
  std::vector<std::string> words{"rdpsim"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);

  struct sigaction python_int {}, python_term {};
  sigaction(SIGINT, nullptr, &python_int);
  sigaction(SIGTERM, nullptr, &python_term);
  std::fflush(stdout);
  std::fflush(stderr);
  int status = 1;
  std::string out, err;
  {
    const Captured captured_out(1), captured_err(2);
    {
      nb::gil_scoped_release release;
      rdp::clear_interrupt_signal();
      status = rdp::rdpsim_main(static_cast<int>(words.size()), argv.data());
      std::fflush(stdout);
      std::fflush(stderr);
    }
    out = captured_out.text();
    err = captured_err.text();
  }
  sigaction(SIGINT, &python_int, nullptr);
  sigaction(SIGTERM, &python_term, nullptr);
  return {status, out, err};
}

}  // namespace

NB_MODULE(_rdpsim, m) {
  m.doc() = "rdpsim's command line, run in-process (use the rdpsim package's functions)";
  m.def("call", &call, nb::arg("args"),
        "Runs `rdpsim ARGS...` in this process; returns (exit status, stdout, stderr).");
}
