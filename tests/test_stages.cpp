// The per-sample pipeline in stages (kernels/run_sample.cuh) and the CPU backend's SIMD
// form of it. The CPU codes most samples with Multiquan::code_tabulated on SIMD lanes
// and the rest with code(); the first must give the bits of the second wherever it
// does not defer, and must defer exactly the samples outside the tabulated window, and
// all of them under general thresholds, where its uniform-grid encoder does not apply.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "host/backends/backend.hpp"
#include "host/backends/cpu_loops.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/dispatch.cuh"
#include "kernels/run_sample.cuh"

namespace {

using rdp::SchemeKind;
using rdp::SourceKind;

struct Counts {
  uint64_t samples = 0, deferred = 0, outside = 0;
};

// narrow > 0 takes that many indices off each end of the tabulated window.
template <class Source>
Counts compare_code_paths(const rdp::Job& job, uint32_t narrow = 0) {
  const rdp::Plan plan = rdp::make_plan(job);
  rdp::PipelineParams p = plan.host_params();
  p.index_lo += narrow;
  p.recon += uint64_t{p.N} * narrow;
  p.index_count -= 2 * narrow;
  using Scheme = rdp::Multiquan<Source>;
  Counts counts;
  for (uint64_t k = 0; k < job.samples; ++k) {
    const rdp::SampleRandoms r = rdp::draw_randoms(job.seed, k);
    const double x = Scheme::draw(p, r);
    const rdp::Reconstruction general = Scheme::code(p, r, x);
    uint32_t deferred = 7;
    const rdp::Reconstruction fast = Scheme::code_tabulated(p, r, x, deferred);
    ++counts.samples;
    counts.outside += general.bin == rdp::kOutsideWindow;
    EXPECT_LE(deferred, 1u);
    EXPECT_EQ(deferred != 0, general.bin == rdp::kOutsideWindow || p.boundaries != nullptr) << "sample " << k;
    if (deferred != 0) {
      ++counts.deferred;
      continue;
    }
    EXPECT_EQ(fast.bin, general.bin) << "sample " << k;
    EXPECT_EQ(fast.x_hat, general.x_hat) << "sample " << k;  // the same bits
    if (::testing::Test::HasFailure()) break;
  }
  return counts;
}

rdp::Job job(SchemeKind scheme, SourceKind source, uint32_t N, double step) {
  return rdp::make_job(scheme, source, N, 0, step, 100000, 17);
}

TEST(Stages, TabulatedCodingMatchesTheGeneralPathOnEverySource) {
  for (const auto& j : {job(SchemeKind::multiquan, SourceKind::exponential, 4, 0.5),
                        job(SchemeKind::multiquan, SourceKind::uniform, 8, 0.1),
                        job(SchemeKind::multiquan, SourceKind::laplace, 3, 0.3),
                        job(SchemeKind::multiquan_eq6, SourceKind::exponential, 4, 0.5)}) {
    SCOPED_TRACE(rdp::to_string(j.source));
    const Counts c = j.source == SourceKind::exponential ? compare_code_paths<rdp::ExponentialSource>(j)
                     : j.source == SourceKind::uniform   ? compare_code_paths<rdp::UniformSource>(j)
                                                         : compare_code_paths<rdp::LaplaceSource>(j);
    EXPECT_EQ(c.outside, 0u);  // windows cover every reachable index here
    EXPECT_EQ(c.deferred, 0u);
  }
  const Counts gaussian = compare_code_paths<rdp::GaussianSource>(job(SchemeKind::multiquan, SourceKind::gaussian, 2, 0.4));
  EXPECT_EQ(gaussian.deferred, 0u);
}

TEST(Stages, TabulatedCodingDefersExactlyTheSamplesOutsideTheWindow) {
  // A window cut by 3 indices (1.5) at each end leaves the samples near 0 and in the
  // far tail outside: about a third of them.
  const Counts c =
      compare_code_paths<rdp::ExponentialSource>(job(SchemeKind::multiquan, SourceKind::exponential, 4, 0.5), 3);
  EXPECT_GT(c.outside, c.samples / 10);
  EXPECT_EQ(c.deferred, c.outside);
}

// The CPU backend's SIMD stage loops against the scalar pipeline the GPU runs
// (run_sample, built here without SIMD): the same tally for every scheme and source,
// over a sample count that ends in a ragged batch, and with a window that leaves
// samples to the deferred path.
template <class Scheme>
rdp::Tally scalar_tally(const rdp::Plan& plan) {
  const rdp::PipelineParams p = plan.host_params();
  const rdp::ErrorScale scale = rdp::ErrorScale::for_exponent(p.error_scale_exp);
  rdp::Tally t;
  t.index_hist.assign(plan.index_bins(), 0);
  t.pit_hist.assign(plan.pit_bins_total(), 0);
  rdp::ArrayCounters<uint64_t> counters{t.index_hist.data(), t.pit_hist.data()};
  for (uint64_t s = 0; s < plan.job.samples; ++s)
    rdp::add_sample(rdp::sample_terms(rdp::run_sample<Scheme>(p, rdp::draw_randoms(p.seed, s)), scale, p.pit_bins),
                    t.moments, counters);
  t.samples = plan.job.samples;
  return t;
}

TEST(Stages, CpuStageLoopsGiveTheScalarPipelinesTally) {
  std::vector<rdp::Job> jobs;
  for (SourceKind source : {SourceKind::uniform, SourceKind::exponential, SourceKind::gaussian, SourceKind::laplace})
    for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::multiquan_eq6, SchemeKind::dithered,
                              SchemeKind::dithered_raw, SchemeKind::deterministic})
      jobs.push_back(rdp::make_job(scheme, source, rdp::applies(scheme, rdp::kAxisN) ? 4 : 1, 0,
                                   source == SourceKind::uniform ? 0.1 : 0.5, 20011, 5));
  for (SchemeKind scheme : {SchemeKind::multiquan, SchemeKind::dithered, SchemeKind::deterministic})
    jobs.push_back(rdp::make_job(scheme, SourceKind::circle, scheme == SchemeKind::multiquan ? 4 : 1, 4, 0.0, 20011, 5));
  jobs.push_back(rdp::make_job(SchemeKind::multiquan, SourceKind::exponential, 4, 0, 2e-5, 20011, 5));  // capped window
  auto backend = rdp::make_cpu_backend(2);
  for (const rdp::Job& j : jobs) {
    SCOPED_TRACE(std::string(rdp::to_string(j.scheme)) + " " + rdp::to_string(j.source) + " step " + std::to_string(j.step));
    const rdp::Plan plan = rdp::make_plan(j);
    rdp::Tally simd;
    backend->accumulate(plan, 0, j.samples, simd);
    rdp::visit_scalar_scheme(j.scheme, j.source,
                        [&](auto tag) { EXPECT_EQ(simd, scalar_tally<typename decltype(tag)::type>(plan)); });
  }
}

TEST(Stages, TabulatedCodingDefersEverySampleUnderGeneralThresholds) {
  rdp::Job j = job(SchemeKind::multiquan, SourceKind::exponential, 2, 0.5);
  j.samples = 2000;
  j.thresholds_first = -4;
  for (int64_t k = j.thresholds_first; k < 200; ++k) j.thresholds.push_back((k / 2.0 - 0.5) * 0.5 + 0.01 * (k % 2));
  const Counts c = compare_code_paths<rdp::ExponentialSource>(j);
  EXPECT_EQ(c.deferred, c.samples);
}

// The fixed-point terms, formed on SIMD lanes on the host: truncation to 64 bits equals
// the plain conversion across both 32-bit halves, and the bound saturates.
TEST(Stages, FixedPointTermsTruncateExactlyAndSaturateAtTheBound) {
  for (double v : {0.0, 0.25, 1.0, 0x1p32 - 0.5, 0x1p32, 0x1p32 + 1.0, 0x1p52 + 3.0, 0x1p53 - 1.0, 0x1p63,
                   0x1p64 - 2048.0, 12345678901234.75}) {
    EXPECT_EQ(rdp::ErrorMoments::truncate_to_uint64(v), static_cast<uint64_t>(v)) << v;
  }
  const rdp::ErrorScale unit = rdp::ErrorScale::for_exponent(0);  // errors in [0, 1)
  const auto below = rdp::ErrorMoments::terms(0.75, unit);
  EXPECT_EQ(below.error, uint64_t{3} << 62);
  EXPECT_EQ(below.error_sq, uint64_t{9} << 60);
  EXPECT_EQ(below.saturated, 0u);
  for (double bad : {1.0, 7.0, std::nan("")}) {
    const auto over = rdp::ErrorMoments::terms(bad, unit);
    EXPECT_EQ(over.error, ~uint64_t{0});
    EXPECT_EQ(over.saturated, 1u);
  }
  EXPECT_EQ(rdp::ErrorMoments::terms(-0.0, unit).error, 0u);
}

}  // namespace
