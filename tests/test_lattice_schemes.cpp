// The lattice vector schemes (docs/theory.md §4, §5.4, §5.7): Monte Carlo against the
// Z lattice's quadrature, the crypto lemma on every lattice, finite shared dither against
// MultiQuan, the rate estimator against plain Monte Carlo over the cell, its Jensen-bias
// estimate against a finer rule, the theorem designs and the Gaussian R(D, P).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "host/exact/exact.hpp"
#include "host/exact/gaussian_rdp.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/lattice_design.hpp"
#include "kernels/dispatch.cuh"
#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"

namespace {

using rdp::Job;
using rdp::LatticeKind;
using rdp::SchemeKind;

Job lattice_job(SchemeKind scheme, LatticeKind lattice, uint32_t blocks, double step, uint64_t samples) {
  return rdp::make_lattice_job(scheme, lattice, blocks, step, samples, 77);
}

using rdp::designed;

class LatticeSchemes : public rdp::testing::BackendTest {};

TEST_P(LatticeSchemes, ZLatticeMatchesQuadrature) {
  for (SchemeKind scheme :
       {SchemeKind::lattice_sd, SchemeKind::lattice_pd, SchemeKind::lattice_qsd, SchemeKind::lattice_det}) {
    SCOPED_TRACE(rdp::to_string(scheme));
    Job job = lattice_job(scheme, LatticeKind::Z, 4, 0.8, 100000);
    job.gain_a = 0.95;
    job.gain_s = 0.9;
    if (scheme == SchemeKind::lattice_qsd) job.gamma = 3;
    if (scheme == SchemeKind::lattice_pd || scheme == SchemeKind::lattice_qsd) job.dither_scale = 1.2;
    const rdp::ExactResult exact = rdp::evaluate_exact(job);
    const rdp::Result r = run(job);
    EXPECT_NEAR(r.distortion, exact.distortion, 5.0 * r.distortion_se);
    EXPECT_NEAR(r.rate.bits, exact.rate_bits, 5.0 * r.rate.se);
    EXPECT_EQ(r.rate.bias, 0.0) << "Z's rate is exact per vector";
  }
}

// Crypto lemma: c + u = a x + E with E uniform on the cell and independent of x.
TEST_P(LatticeSchemes, SharedDitherDistortionFollowsTheCryptoLemmaOnEveryLattice) {
  for (LatticeKind lattice : {LatticeKind::Z, LatticeKind::A2, LatticeKind::D3, LatticeKind::D3_dual, LatticeKind::D4,
                              LatticeKind::E8}) {
    SCOPED_TRACE(rdp::to_string(lattice));
    Job job = lattice_job(SchemeKind::lattice_sd, lattice, 1, 0.9, 20000);
    job.gain_a = 1.1;
    job.gain_s = 0.8;
    const rdp::Result r = run(job);
    const double loss = 1.0 - job.gain_a * job.gain_s;
    const double expected = loss * loss + job.gain_s * job.gain_s * rdp::traits(lattice).reference_nsm * job.step * job.step;
    EXPECT_NEAR(r.distortion, expected, 5.0 * r.distortion_se);
    EXPECT_LT(r.rate.bias, 0.002) << "the default cell points keep the Jensen bias small";
  }
}

// In one dimension, gamma coset leaders are N = gamma uniform offsets: MultiQuan's cells.
TEST_P(LatticeSchemes, FiniteSharedDitherInOneDimensionIsMultiquan) {
  for (uint32_t gamma : {2u, 3u, 5u}) {
    SCOPED_TRACE(gamma);
    Job qsd = lattice_job(SchemeKind::lattice_qsd, LatticeKind::Z, 1, 0.6, 200000);
    qsd.gamma = gamma;
    const Job multiquan = rdp::make_job(SchemeKind::multiquan, rdp::SourceKind::gaussian, gamma, 0, 0.6);
    const double truth = rdp::evaluate_exact(multiquan).rate_bits;
    EXPECT_NEAR(rdp::evaluate_exact(qsd).rate_bits, truth, 1e-9 * truth);
    const rdp::Result r = run(qsd);
    EXPECT_NEAR(r.rate.bits, truth, 5.0 * r.rate.se);
  }
}

TEST_P(LatticeSchemes, TheoremDesignsLandOnTheirTargets) {
  for (LatticeKind lattice : {LatticeKind::Z, LatticeKind::E8}) {
    SCOPED_TRACE(rdp::to_string(lattice));
    const uint32_t blocks = lattice == LatticeKind::Z ? 8 : 1;
    for (double P : {0.0, 0.02}) {
      const rdp::Result sd = run(designed(lattice_job(SchemeKind::lattice_sd, lattice, blocks, 1.0, 20000), 0.15, P));
      EXPECT_NEAR(sd.distortion, 0.15, 4.0 * sd.distortion_se) << "P = " << P;
      // No scheme codes below R(D, P).
      EXPECT_GE(sd.rate.bits + 3.0 * sd.rate.se, rdp::gaussian::rdp_bits(sd.distortion, sd.vector->sw2sq, 1.0));
    }
    const rdp::Result pd = run(designed(lattice_job(SchemeKind::lattice_pd, lattice, blocks, 1.0, 20000), 0.05, 0.0));
    EXPECT_NEAR(pd.distortion, 0.05, 4.0 * pd.distortion_se);
    EXPECT_NEAR(pd.vector->output_power, 1.0, 4.0 * pd.vector->output_power_se);
    EXPECT_GE(pd.rate.bits + 3.0 * pd.rate.se, rdp::gaussian::pd_limit_bits(pd.distortion, 1.0))
        << "private dither at P = 0 does not beat R(D/2, inf)";
  }
}

// Shared dither gives X^ the law of b (a X + E): with Gaussian X and the theorem's gains its
// coordinates and projections have X's law at P = 0 only in the limit; the deterministic
// decoder's stay visibly off.
TEST_P(LatticeSchemes, PerceptionEstimatorsSeparateDitheredFromDeterministic) {
  const Job sd = designed(lattice_job(SchemeKind::lattice_sd, LatticeKind::E8, 1, 1.0, 40000), 0.3, 0.0);
  Job det = sd;
  det.scheme = SchemeKind::lattice_det;
  const rdp::Result with_dither = run(sd), without = run(det);
  EXPECT_LT(with_dither.vector->sw2sq, 0.2 * without.vector->sw2sq);
  EXPECT_LT(without.perception.ks_pvalue, 1e-6);
}

RDPSIM_ON_EVERY_BACKEND(LatticeSchemes);

// ---- the rate estimator on its own ----

// P(c | t) by randomized QMC (the pipeline's) against plain Monte Carlo with many uniform
// points of the cell, for Gaussian y, at cells near and far from the origin.
TEST(LatticeRate, RandomizedQmcAgreesWithPlainMonteCarloOverTheCell) {
  using L = rdp::lattice::GossetLattice;
  using Pipeline = rdp::LatticeVectorSamples<SchemeKind::lattice_sd, rdp::GaussianSource, L>;
  Job job = lattice_job(SchemeKind::lattice_sd, LatticeKind::E8, 1, 1.6, 1);
  const rdp::Plan plan = rdp::make_plan(job);
  const rdp::PipelineParams p = plan.host_params();
  std::mt19937_64 gen(3);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (double reach : {0.0, 1.0, 2.5}) {
    double centre[8];
    for (double& c : centre) c = reach * (2.0 * uniform(gen) - 1.0);
    // Plain Monte Carlo: the mean Gaussian density over uniform points of the cell, times its volume.
    constexpr int kPoints = 400000;
    double sum = 0.0, sum_sq = 0.0;
    for (int k = 0; k < kPoints; ++k) {
      double unit[8], u[8];
      for (double& x : unit) x = uniform(gen);
      rdp::lattice::uniform_cell_point<L>(unit, u);
      double norm = 0.0;
      for (int i = 0; i < 8; ++i) norm += std::pow(centre[i] + p.lattice_scale * u[i], 2);
      const double density = std::exp(-0.5 * norm) / std::pow(2.0 * rdp::kPi, 4.0);
      sum += density;
      sum_sq += density * density;
    }
    const double volume = std::pow(job.step, 8.0);
    const double mean = sum / kPoints, se = std::sqrt((sum_sq / kPoints - mean * mean) / kPoints);
    double estimates = 0.0;
    constexpr int kReplicates = 20;
    for (int s = 0; s < kReplicates; ++s)
      estimates += std::exp2(-Pipeline::information(p, s, 0, centre).bits) / kReplicates;
    EXPECT_NEAR(estimates / volume, mean, 5.0 * se + 0.01 * mean) << "centre reach " << reach;
  }
}

// The reported Jensen bias of -log2 P^ against the rate a much finer rule gives, where the
// bias is a few thousandths of a bit (there its first-order estimate holds; docs/theory.md §5.4).
TEST(LatticeRate, JensenBiasEstimateMatchesAFinerRule) {
  Job coarse = lattice_job(SchemeKind::lattice_sd, LatticeKind::D4, 1, 6.0, 20000);
  coarse.cell_points = 3;
  Job fine = coarse;
  fine.cell_points = 8;
  auto backend = rdp::make_cpu_backend(0);
  const rdp::Result a = rdp::run_job(coarse, *backend), b = rdp::run_job(fine, *backend);
  // The same vectors and shared dither: only the estimator's points differ, so the rates'
  // difference is the difference of their biases, up to the estimators' own noise and the
  // second-order terms that the first-order estimate leaves out (measured: 20 % at K = 3).
  ASSERT_GT(a.rate.bias, 10.0 * b.rate.bias);
  ASSERT_GT(a.rate.bias, 1e-3);
  EXPECT_NEAR(a.rate.bits - b.rate.bits, a.rate.bias - b.rate.bias, 0.35 * a.rate.bias);
}

// ---- the command line ----

TEST(LatticeCli, GaussianRdpReferenceValues) {
  EXPECT_NEAR(rdp::gaussian::rdp_bits(0.5, 0.0, 1.0), 0.596323, 5e-7);
  EXPECT_NEAR(rdp::gaussian::rdp_bits(0.5, 0.01, 1.0), 0.544113, 5e-7);
  EXPECT_NEAR(rdp::gaussian::rdp_bits(2.0 - std::sqrt(3.0), 0.0, 1.0), 1.0, 1e-12);
  EXPECT_NEAR(rdp::gaussian::pd_limit_bits(0.5, 1.0), 1.0, 1e-15);
  const auto out = rdp::testing::run_cli("exact --rdp --D 0.5 --P 0.01", "2>/dev/null");
  ASSERT_EQ(out.status, 0) << out.out;
  EXPECT_NE(out.out.find("\"rdp_bits\":0.5441127"), std::string::npos) << out.out;
}

struct BadLatticeInput {
  const char* args;
  const char* names;
};

class LatticeBadInput : public ::testing::TestWithParam<BadLatticeInput> {};

TEST_P(LatticeBadInput, ExitsTwoWithOneLine) {
  const std::string args = GetParam().args;
  const std::string source = args.find("--source") == std::string::npos ? "--source gaussian " : "";
  const auto r = rdp::testing::run_cli("run " + source + "--samples 100 --backend cpu " + args);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find(GetParam().names), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << "one line: " << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LatticeBadInput,
    ::testing::Values(BadLatticeInput{"--scheme lattice-qsd --gamma 1", "--gamma"},
                      BadLatticeInput{"--scheme lattice-sd --lattice BW16", "BW16"},
                      BadLatticeInput{"--scheme lattice-sd --lattice E9", "'E9'"},
                      BadLatticeInput{"--scheme lattice-sd --lattice E8 --source laplace", "gaussian"},
                      BadLatticeInput{"--scheme lattice-sd --blocks 0", "--blocks"},
                      BadLatticeInput{"--scheme lattice-sd --lattice E8 --blocks 9", "coordinates"},
                      BadLatticeInput{"--scheme lattice-sd --design theorem --target-D 1.5", "--target-D"},
                      BadLatticeInput{"--scheme lattice-pd --design theorem --target-D 0.1 --target-P 0.1", "--target-P 0"},
                      BadLatticeInput{"--scheme lattice-sd --design theorem", "--target-D"},
                      BadLatticeInput{"--scheme lattice-sd --target-D 0.1", "--design theorem"},
                      BadLatticeInput{"--scheme lattice-sd --design theorem --target-D 0.1 --step 2", "--step"},
                      BadLatticeInput{"--scheme lattice-sd --design magic --target-D 0.1", "'magic'"},
                      BadLatticeInput{"--scheme lattice-sd --gain-s -1", "--gain-s"},
                      BadLatticeInput{"--scheme lattice-sd --lattice E8 --cell-points 5", "--cell-points"},
                      BadLatticeInput{"--scheme multiquan --lattice E8", "--lattice"},
                      BadLatticeInput{"--scheme lattice-sd --gamma 3", "--gamma"}));

}  // namespace
