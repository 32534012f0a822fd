// Sample-vs-sample Wasserstein distances against values worked out by hand (and by
// scipy.stats.wasserstein_distance for W1), a large-sample shift, and the CLI path.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"
#include "host/backends/backend.hpp"
#include "host/estimators/sample_distance.hpp"

namespace {

using rdp::BackendKind;

rdp::SampleDistance distance(std::vector<double> a, std::vector<double> b, BackendKind backend = BackendKind::cpu) {
  return rdp::wasserstein_between(a, b, backend);
}

TEST(SampleDistance, SmallSamplesWorkedByHand) {
  // Equal sizes: sorted pairs (0,5), (1,6), (3,8) are all 5 apart.
  auto d = distance({3, 0, 1}, {8, 5, 6});
  EXPECT_DOUBLE_EQ(d.w1, 5.0);
  EXPECT_DOUBLE_EQ(d.w2, 5.0);
  // Unequal sizes: Q_a = 1,2,3 on thirds, Q_b = 1,2 on halves differ by 1 on
  // [1/3, 1/2) and [2/3, 1): W1 = 1/6 + 1/3 = 0.5 (scipy gives 0.5), W2 = sqrt(0.5).
  d = distance({1, 2, 3}, {1, 2});
  EXPECT_DOUBLE_EQ(d.w1, 0.5);
  EXPECT_NEAR(d.w2, std::sqrt(0.5), 1e-15);
  // A two-point law against its midpoint: |Q_a - 1| = 1 everywhere.
  d = distance({0, 2}, {1});
  EXPECT_DOUBLE_EQ(d.w1, 1.0);
  EXPECT_DOUBLE_EQ(d.w2, 1.0);
  // Identical laws with different sizes are at distance zero.
  d = distance({0, 1}, {1, 0, 0, 1});
  EXPECT_DOUBLE_EQ(d.w1, 0.0);
  EXPECT_EQ(d.n_a, 2u);
  EXPECT_EQ(d.n_b, 4u);
}

TEST(SampleDistance, LargeGaussianSamplesShiftedByAThird) {
  // W1 = W2 = 1/3 between N(0,1) and N(1/3,1); two samples of 1e6 add noise ~1e-3.
  std::mt19937_64 gen(5);
  std::normal_distribution<double> normal;
  std::vector<double> a(1000000), b(1000000);
  for (auto& x : a) x = normal(gen);
  for (auto& x : b) x = normal(gen) + 1.0 / 3.0;
  const auto d = rdp::wasserstein_between(a, b, BackendKind::cpu);
  EXPECT_NEAR(d.w1, 1.0 / 3.0, 6e-3);
  EXPECT_NEAR(d.w2, 1.0 / 3.0, 6e-3);
}

TEST(SampleDistance, GpuSortGivesTheSameDistance) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  std::mt19937_64 gen(6);
  std::exponential_distribution<double> expo;
  std::vector<double> a(300001), b(200003);
  for (auto& x : a) x = expo(gen);
  for (auto& x : b) x = expo(gen);
  auto a2 = a, b2 = b;
  const auto cpu = rdp::wasserstein_between(a, b, BackendKind::cpu);
  const auto gpu = rdp::wasserstein_between(a2, b2, BackendKind::cuda);
  EXPECT_EQ(gpu.backend, "cuda");
  EXPECT_EQ(cpu.w1, gpu.w1);
  EXPECT_EQ(cpu.w2, gpu.w2);
}

TEST(SampleDistance, CommandLineReadsTextAndFloat64Files) {
  const std::string dir = rdp::testing::scratch_path("");
  { std::ofstream(dir + "a.txt") << "3 0\n1\n"; }
  {
    const double b[3] = {8.0, 5.0, 6.0};
    std::ofstream(dir + "b.f64", std::ios::binary).write(reinterpret_cast<const char*>(b), sizeof b);
  }
  const auto good = rdp::testing::run_cli("distance " + dir + "a.txt " + dir + "b.f64 --backend cpu");
  ASSERT_EQ(good.status, 0) << good.out;
  const auto line = nlohmann::json::parse(good.out);
  EXPECT_DOUBLE_EQ(line["w1"].get<double>(), 5.0);
  EXPECT_EQ(line["n_b"], 3);

  { std::ofstream(dir + "bad.txt") << "1 2 three\n"; }
  const auto bad = rdp::testing::run_cli("distance " + dir + "a.txt " + dir + "bad.txt");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("'three' is not a number"), std::string::npos) << bad.out;
}

}  // namespace
