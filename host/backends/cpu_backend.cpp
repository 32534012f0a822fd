// The CPU backend: the same per-sample pipeline as the CUDA kernels, run by OpenMP
// threads (cpu_loops.cpp).
#include <omp.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "host/backends/backend.hpp"
#include "host/backends/cpu_loops.hpp"
#include "host/profiling/profile_range.hpp"

namespace rdp {
namespace {

std::string cpu_model() {
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown CPU";
}

// The stage loops are compiled for RDPSIM_CPU_LEVEL where CMake sets one; this file
// is not, so it can refuse a CPU without that level before any of them runs.
std::string cpu_level_missing() {
#ifdef RDPSIM_CPU_LEVEL
  __builtin_cpu_init();
  if (!__builtin_cpu_supports(RDPSIM_CPU_LEVEL))
    return fmt::format("the CPU backend was built for {} and this CPU ({}) lacks it; rebuild with "
                       "-DRDPSIM_CPU_ARCH= (portable, slower) or the -march this CPU has",
                       RDPSIM_CPU_LEVEL, cpu_model());
#endif
  return {};
}

class CpuBackend final : public Backend {
 public:
  explicit CpuBackend(int threads) : threads_(threads > 0 ? threads : omp_get_max_threads()) {
    if (const std::string missing = cpu_level_missing(); !missing.empty()) throw std::runtime_error(missing);
  }
  std::string name() const override { return "cpu"; }
  std::string device() const override { return fmt::format("{} ({} threads)", cpu_model(), threads_); }
  uint64_t chunk_samples(const Plan& plan) const override { return plan.chunk_samples(uint64_t{1} << 24); }

  void accumulate(const Plan& plan, uint64_t first, uint64_t count, Tally& tally) override {
    const ProfileRange range(fmt::format("cpu loops: {} samples from {}", count, first));
    const PipelineParams p = plan.host_params();
    const auto start = std::chrono::steady_clock::now();
    run_cpu_loops(plan.key, p, first, count, threads_, plan.work_per_sample, tally);
    kernel_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  double last_kernel_seconds() const override { return kernel_seconds_; }

 private:
  int threads_;
  double kernel_seconds_ = 0.0;
};

}  // namespace

std::unique_ptr<Backend> make_cpu_backend(int threads) { return std::make_unique<CpuBackend>(threads); }

}  // namespace rdp
