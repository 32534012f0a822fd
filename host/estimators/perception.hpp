#pragma once
// Perception estimators computed from the streaming histogram of the probability
// integral transform u = F(X^) on P equal bins of [0, 1] (P = pit_bins_of(job)).
//
// Resolution: the histogram knows each sample's u to within 1/P. The estimators
// treat samples as spread uniformly in u inside their bin, so
//  - KS: D is evaluated at the bin edges, where the empirical CDF is exact; the true
//    sup differs by at most the largest bin's mass or 1/P (1.5e-5 at P = 2^16).
//  - W1, W2: the empirical quantile function is the source quantile of the piecewise
//    linear inverse of the binned empirical CDF. Structure of X^ finer than a
//    probability of 1/P is invisible; the induced error is far below the Monte
//    Carlo noise floor sqrt(2/(pi n)) int sqrt(F(1-F)) dx for n <~ 1e11 at P = 2^16.
//  - chi-square: adjacent bins are merged into 2^k equiprobable groups with at
//    least 20 expected samples each (at most 4096 groups).
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace rdp {

struct Perception {
  std::optional<double> w1, w2;   // empty when no samples
  double ks = 0.0;                // KS statistic (Kuiper's V on the circle)
  double ks_pvalue = 1.0;
  const char* ks_test = "kolmogorov-smirnov";
  double chi2 = 0.0;
  double chi2_pvalue = 1.0;
  uint32_t chi2_groups = 0;
};

// 1-D: distances between the law of X^ and the exact law with quantile function
// `quantile` (which must be accurate near 0 and 1).
Perception line_perception(const std::vector<uint64_t>& pit_hist, const std::function<double(double)>& quantile);

// Circle: circular W1 and W2 (arc length, radians) between the angle law of X^ and
// the uniform law, and Kuiper's uniformity test. Against the uniform law the optimal
// plans are rotations of the monotone coupling (Delon, Salomon & Sobolevski 2010):
// W_p^p = min_c int_0^1 |Q(t) - t - c|^p dt in turns, Q the lifted quantile of X^.
Perception circle_perception(const std::vector<uint64_t>& pit_hist);

// Asymptotic p-values with Stephens' finite-n corrections.
double kolmogorov_pvalue(double d, double n);
double kuiper_pvalue(double v, double n);

// E W1(F_n, F) for n samples to first order: sqrt(2/(pi n)) int sqrt(F(1-F)) dx,
// written as an integral over u with dx = dQ(u).
double w1_noise_floor(double n, const std::function<double(double)>& quantile);

}  // namespace rdp
