// The per-sample pipeline in stages (kernels/run_sample.cuh). The CPU backend codes most
// samples with Multiquan::code_tabulated on SIMD lanes and the rest with code(); the
// first must give the bits of the second wherever it does not defer, and must defer
// exactly the samples outside the tabulated window, and all of them under general
// thresholds, where its uniform-grid encoder does not apply.
#include <gtest/gtest.h>

#include <cstdint>

#include "host/plan.hpp"
#include "kernels/dispatch.cuh"

namespace {

using rdp::SchemeKind;
using rdp::SourceKind;

struct Counts {
  uint64_t samples = 0, deferred = 0, outside = 0;
};

template <class Source>
Counts compare_code_paths(const rdp::Job& job) {
  const rdp::Plan plan = rdp::make_plan(job);
  const rdp::PipelineParams p = plan.host_params();
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
  // 2e-5 on the exponential reaches ~1.9e6 indices x 4 offsets: past the 2^22-bin cap.
  const Counts c = compare_code_paths<rdp::ExponentialSource>(job(SchemeKind::multiquan, SourceKind::exponential, 4, 2e-5));
  EXPECT_GT(c.outside, 0u);
  EXPECT_EQ(c.deferred, c.outside);
}

TEST(Stages, TabulatedCodingDefersEverySampleUnderGeneralThresholds) {
  rdp::Job j = job(SchemeKind::multiquan, SourceKind::exponential, 2, 0.5);
  j.samples = 2000;
  j.thresholds_first = -4;
  for (int64_t k = j.thresholds_first; k < 200; ++k) j.thresholds.push_back((k / 2.0 - 0.5) * 0.5 + 0.01 * (k % 2));
  const Counts c = compare_code_paths<rdp::ExponentialSource>(j);
  EXPECT_EQ(c.deferred, c.samples);
}

}  // namespace
