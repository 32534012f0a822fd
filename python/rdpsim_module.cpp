// rdpsim._rdpsim: the command line run in-process (sims/rdpsim_main.hpp), so that the
// Python API has the CLI's flags, messages, numbers and exit statuses. rdpsim writes its
// JSON lines to stdout and its messages to stderr; during a call both file descriptors
// point at temporary files, read back afterwards. SIGINT and SIGTERM go to rdpsim's
// handlers during a call (a run stops at its next chunk with the partial row, exit 130)
// and back to Python's after.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>
#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <CLI/CLI.hpp>

#include "host/interrupt.hpp"
#include "host/output/progress.hpp"
#include "host/quantize/array_quantizer.hpp"
#include "sims/cli_flags.hpp"
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

// Forwards rdpsim's progress updates to a Python callable(done, total, unit) while a
// call runs. The first exception the callable raises is kept and raised after the call.
struct ProgressForward {
  nb::object callback;
  std::optional<nb::python_error> error;
  static void forward(uint64_t done, uint64_t total, const char* unit, void* context) {
    auto* self = static_cast<ProgressForward*>(context);
    nb::gil_scoped_acquire acquire;
    if (self->error) return;
    try {
      self->callback(done, total, unit);
    } catch (nb::python_error& e) {
      self->error.emplace(e);
    }
  }
};

// argv for a parser: `program` then args, null-terminated; the pointers are into `words`.
std::vector<char*> argv_of(const char* program, const std::vector<std::string>& args, std::vector<std::string>& words) {
  words.assign(1, program);
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  return argv;
}

std::tuple<int, std::string, std::string> call(const std::vector<std::string>& args, nb::object progress) {
  std::vector<std::string> words;
  std::vector<char*> argv = argv_of("rdpsim", args, words);

  struct sigaction python_int {}, python_term {};
  sigaction(SIGINT, nullptr, &python_int);
  sigaction(SIGTERM, nullptr, &python_term);
  std::fflush(stdout);
  std::fflush(stderr);
  int status = 1;
  std::string out, err;
  ProgressForward forward{progress, std::nullopt};
  if (!progress.is_none()) rdp::set_progress_observer(&ProgressForward::forward, &forward);
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
  rdp::set_progress_observer(nullptr, nullptr);
  sigaction(SIGINT, &python_int, nullptr);
  sigaction(SIGTERM, &python_term, nullptr);
  if (forward.error) throw nb::python_error(*forward.error);
  return {status, out, err};
}

using CpuDoubles = nb::ndarray<const double, nb::c_contig, nb::device::cpu>;
template <class T>
using Output = nb::ndarray<nb::numpy, T>;

// The job of `rdpsim run`'s scheme, source and law flags (the same parser and checks).
rdp::Job job_of(const std::vector<std::string>& args) {
  CLI::App app{"quantize"};
  rdp::cli::JobFlags flags;
  rdp::cli::SamplingFlags sampling;
  rdp::cli::add_job_flags(&app, flags);
  rdp::cli::add_sampling_flags(&app, sampling);
  std::vector<std::string> words;
  std::vector<char*> argv = argv_of("quantize", args, words);
  try {
    app.parse(static_cast<int>(words.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    throw std::invalid_argument(e.what());
  }
  rdp::Job job = rdp::cli::job_from(flags);
  job.seed = sampling.seed;
  return job;
}

// A NumPy array of `shape` that owns `data`.
template <class T>
Output<T> owned(T* data, const std::vector<size_t>& shape) {
  nb::capsule owner(data, [](void* p) noexcept { delete[] static_cast<T*>(p); });
  return Output<T>(data, shape.size(), shape.data(), owner);
}

std::tuple<Output<int64_t>, Output<double>> quantize(CpuDoubles x, const std::vector<std::string>& args,
                                                     uint64_t first, int threads) {
  const rdp::Job job = job_of(args);
  const size_t count = x.size();
  std::vector<size_t> shape(x.ndim());
  for (size_t d = 0; d < x.ndim(); ++d) shape[d] = x.shape(d);
  auto* index = new int64_t[count];
  auto* x_hat = new double[count];
  Output<int64_t> index_array = owned(index, shape);  // owns it from here on, should the next call throw
  Output<double> x_hat_array = owned(x_hat, shape);
  {
    nb::gil_scoped_release release;
    rdp::quantize_array(job, x.data(), count, first, index, x_hat, threads);
  }
  return {index_array, x_hat_array};
}

}  // namespace

NB_MODULE(_rdpsim, m) {
  m.doc() = "rdpsim's command line, run in-process (use the rdpsim package's functions)";
  m.def("call", &call, nb::arg("args"), nb::arg("progress") = nb::none(),
        "Runs `rdpsim ARGS...` in this process; returns (exit status, stdout, stderr). progress(done, total, "
        "unit) is called at every progress update.");
  m.def("quantize", &quantize, nb::arg("x"), nb::arg("args"), nb::arg("first"), nb::arg("threads"),
        "Codes the float64 array x elementwise with the job of run-style ARGS; returns (indices, reconstruction).");
}
