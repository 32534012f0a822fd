// The CUDA kernel's paths, each against the CPU's tally: histograms in block-shared or
// global memory in every combination, launches that start at a large counter (across the
// 32-bit carry), runs split into several launches, every scheme and source. They need a
// GPU: without one they skip (fail under RDPSIM_REQUIRE_CUDA=1, as scripts/gpu-check runs).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "host/backends/backend.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "tests/backend_param.hpp"
#ifdef RDPSIM_WITH_CUDA
#include "kernels/sample_kernel.cuh"
#endif

namespace {

using rdp::SchemeKind;
using rdp::SourceKind;

rdp::Tally tally_of(rdp::Backend& backend, const rdp::Plan& plan, uint64_t first, uint64_t count) {
  rdp::Tally t;
  t.index_hist.assign(plan.index_bins(), 0);
  t.pit_hist.assign(plan.pit_bins_total(), 0);
  backend.accumulate(plan, first, count, t);
  return t;
}

// The 1-D sources use only rdpsim's own exp, log and erfc: the same bits on both
// backends. (Circle jobs differ in sin: test_determinism.)
bool bit_identical_source(SourceKind s) { return s != SourceKind::circle; }

#ifdef RDPSIM_WITH_CUDA
struct Placement {
  const char* what;
  rdp::Job job;
  bool shared_index, shared_pit;
};

TEST(CudaPaths, EveryHistogramPlacementGivesTheCpusTally) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  auto cpu = rdp::make_cpu_backend(0);
  auto cuda = rdp::make_cuda_backend(256, -1);
  auto job = [](SchemeKind scheme, uint32_t N, double step, uint32_t dither_bins, uint32_t pit_bins) {
    rdp::Job j = rdp::make_job(scheme, SourceKind::exponential, N, 0, step, 200003, 31);
    j.dither_bins = dither_bins;
    j.pit_bins = pit_bins;
    return j;
  };
  // 750 indices of 256 dither bins do not fit a block's shared memory; 65536 PIT bins neither.
  const Placement cases[] = {
      {"index shared, PIT global", job(SchemeKind::multiquan, 4, 0.5, 64, 65536), true, false},
      {"both shared", job(SchemeKind::multiquan, 4, 0.5, 64, 1024), true, true},
      {"index global, PIT shared at offset 0", job(SchemeKind::dithered, 1, 0.05, 256, 1024), false, true},
      {"both global", job(SchemeKind::dithered, 1, 0.05, 256, 65536), false, false},
  };
  for (const Placement& c : cases) {
    SCOPED_TRACE(c.what);
    const rdp::Plan plan = rdp::make_plan(c.job);
    const rdp::LaunchShape shape = rdp::plan_launch(plan.key, plan.params, 256);
    ASSERT_EQ(shape.shared_index, c.shared_index);
    ASSERT_EQ(shape.shared_pit, c.shared_pit);
    EXPECT_EQ(tally_of(*cuda, plan, 0, c.job.samples), tally_of(*cpu, plan, 0, c.job.samples));
  }
}
#endif

TEST(CudaPaths, LaunchesFromALargeCounterGiveTheCpusTally) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  auto cpu = rdp::make_cpu_backend(0);
  auto cuda = rdp::make_cuda_backend(256, -1);
  const rdp::Plan plan = rdp::make_plan(rdp::make_job(SchemeKind::multiquan, SourceKind::laplace, 3, 0, 0.4));
  const uint64_t first = (uint64_t{1} << 32) - 50000;  // the counter's low word wraps inside the range
  EXPECT_EQ(tally_of(*cuda, plan, first, 100003), tally_of(*cpu, plan, first, 100003));
}

// A run of more than 2^31 samples takes several launches; the split changes nothing.
TEST(CudaPaths, RunsOfSeveralLaunchesAddUp) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  auto cuda = rdp::make_cuda_backend(256, -1);
  const rdp::Plan plan = rdp::make_plan(rdp::make_job(SchemeKind::multiquan, SourceKind::uniform, 2, 0, 0.25));
  const uint64_t total = (uint64_t{1} << 31) + 4097, cut = (uint64_t{1} << 31) - 3;
  rdp::Tally pieces = tally_of(*cuda, plan, 0, cut);
  pieces.merge(tally_of(*cuda, plan, cut, total - cut));
  EXPECT_EQ(tally_of(*cuda, plan, 0, total), pieces);
}

// Every scheme on every source it is defined on, scalar and vector, against the CPU.
TEST(CudaPaths, EverySchemeAndSourceGivesTheCpusResult) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  auto cpu = rdp::make_cpu_backend(0);
  auto cuda = rdp::make_cuda_backend(256, -1);
  for (const rdp::SchemeTraits& scheme : rdp::all_schemes()) {
    for (SourceKind source : {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian,
                              SourceKind::laplace, SourceKind::circle}) {
      const bool circle = source == SourceKind::circle;
      if (circle ? !scheme.on_circle : !scheme.on_line) continue;
      rdp::Job job = scheme.pipeline == rdp::PipelineKind::vector_scheme
                         ? rdp::make_lattice_job(scheme.kind, rdp::LatticeKind::D4, 2, 0.9, 20011, 5)
                         : rdp::make_job(scheme.kind, source, rdp::applies(scheme.kind, rdp::kAxisN) ? 3 : 1,
                                         circle ? 6 : 0, 0.4, 100003, 5);
      if (job.source != source) continue;  // the vector schemes code gaussian vectors only
      SCOPED_TRACE(std::string(scheme.name) + " on " + rdp::to_string(source));
      const rdp::Plan plan = rdp::make_plan(job);
      const rdp::Tally on_gpu = tally_of(*cuda, plan, 0, job.samples), on_cpu = tally_of(*cpu, plan, 0, job.samples);
      if (bit_identical_source(source)) {
        EXPECT_EQ(on_gpu, on_cpu);
      } else {
        // sin's last bits may move a sample across a cell boundary with probability
        // ~1e-16 each: the histograms agree, the sums to their last bits.
        EXPECT_EQ(on_gpu.index_hist, on_cpu.index_hist);
        const double a = static_cast<double>(on_gpu.moments.errors.sum), b = static_cast<double>(on_cpu.moments.errors.sum);
        EXPECT_NEAR(a, b, 1e-12 * b);
      }
    }
  }
}

}  // namespace
