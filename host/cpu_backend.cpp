// The CPU backend: the same per-sample pipeline as the CUDA kernels, run by OpenMP
// threads, each with private integer accumulators merged at the end.
#include <omp.h>

#include <chrono>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "../kernels/dispatch.cuh"
#include "backend.hpp"

namespace rdp {
namespace {

// Samples per OpenMP work item: large enough to amortise scheduling, small enough to balance.
constexpr uint64_t kBlock = 4096;

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

template <class Scheme>
void simulate_range(const PipelineParams& p, uint64_t first, uint64_t count, int threads, Tally& tally) {
  const uint64_t index_bins = uint64_t{p.index_count} * p.groups;
  const ErrorScale scale = ErrorScale::for_exponent(p.error_scale_exp);
#pragma omp parallel num_threads(threads)
  {
    Tally local;
    local.index_hist.assign(index_bins, 0);
    local.pit_hist.assign(p.pit_bins, 0);
    // Plain locals in the hot loop: counters reached through Tally's members could
    // alias the histogram stores and be reloaded on every sample.
    uint64_t* const index_hist = local.index_hist.data();
    uint64_t* const pit_hist = local.pit_hist.data();
    ErrorMoments errors{};
    uint64_t outside = 0;
#pragma omp for schedule(dynamic, 1)
    for (uint64_t block = 0; block < (count + kBlock - 1) / kBlock; ++block) {
      const uint64_t end = std::min(count, (block + 1) * kBlock);
      for (uint64_t k = block * kBlock; k < end; ++k) {
        const SampleOutcome o = Scheme::run(p, draw_randoms(p.seed, first + k));
        errors.add(o.sq_error, scale);
        if (o.bin == kOutsideWindow)
          ++outside;
        else
          ++index_hist[o.bin];
        ++pit_hist[pit_bin(o.pit, p.pit_bins)];
      }
    }
    local.errors = errors;
    local.outside_window = outside;
#pragma omp critical
    tally.merge(local);
  }
  tally.samples += count;
}

class CpuBackend final : public Backend {
 public:
  explicit CpuBackend(int threads) : threads_(threads > 0 ? threads : omp_get_max_threads()) {}
  std::string name() const override { return "cpu"; }
  std::string device() const override { return fmt::format("{} ({} threads)", cpu_model(), threads_); }
  uint64_t chunk_samples() const override { return uint64_t{1} << 24; }

  void simulate(const Plan& plan, uint64_t first, uint64_t count, Tally& tally) override {
    const PipelineParams p = plan.host_params();
    const auto start = std::chrono::steady_clock::now();
    visit_pipeline(plan.job.scheme, plan.job.source, [&](auto tag) {
      simulate_range<typename decltype(tag)::type>(p, first, count, threads_, tally);
    });
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
