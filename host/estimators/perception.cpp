#include "host/estimators/perception.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>

#include "kernels/schemes/circle.cuh"

namespace rdp {
namespace {

constexpr double kTwoPi = 2.0 * kPi;

// The empirical CDF of u at the bin edges b/P, exact from the counts.
std::vector<double> edge_cdf(const std::vector<uint64_t>& hist, double& n) {
  std::vector<double> e(hist.size() + 1, 0.0);
  uint64_t cum = 0, total = 0;
  for (uint64_t c : hist) total += c;
  for (size_t b = 0; b < hist.size(); ++b) {
    cum += hist[b];
    e[b + 1] = static_cast<double>(cum) / static_cast<double>(total);
  }
  n = static_cast<double>(total);
  return e;
}

// Pearson's test on 2^k merged groups with >= 20 expected samples each.
void chi_square(const std::vector<uint64_t>& hist, double n, Perception& out) {
  uint32_t groups = 4096;
  while (groups > 2 && (groups > hist.size() || n / groups < 20.0)) groups /= 2;
  if (n / groups < 5.0 || hist.size() % groups != 0) return;  // too few samples for any test
  const size_t per_group = hist.size() / groups;
  const double expected = n / groups;
  double chi2 = 0.0;
  for (size_t g = 0; g < groups; ++g) {
    uint64_t c = 0;
    for (size_t b = g * per_group; b < (g + 1) * per_group; ++b) c += hist[b];
    const double d = static_cast<double>(c) - expected;
    chi2 += d * d / expected;
  }
  out.chi2 = chi2;
  out.chi2_groups = groups;
  out.chi2_pvalue = boost::math::gamma_q(0.5 * (groups - 1), 0.5 * chi2);
}

// Integral over [0,1] of |g| where g is linear between equally spaced samples y.
double abs_integral_piecewise_linear(const std::vector<double>& y, double shift) {
  const double h = 1.0 / static_cast<double>(y.size() - 1);
  double sum = 0.0;
  for (size_t b = 0; b + 1 < y.size(); ++b) {
    const double a = y[b] - shift, c = y[b + 1] - shift;
    if ((a >= 0.0) == (c >= 0.0))
      sum += h * std::fabs(a + c) / 2.0;
    else
      sum += h * (a * a + c * c) / (2.0 * (std::fabs(a) + std::fabs(c)));
  }
  return sum;
}

}  // namespace

double kolmogorov_pvalue(double d, double n) {
  const double sn = std::sqrt(n);
  const double lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1.0;
  double sum = 0.0;
  for (int k = 1; k <= 100; ++k) sum += ((k % 2) ? 2.0 : -2.0) * std::exp(-2.0 * k * k * lambda * lambda);
  return std::clamp(sum, 0.0, 1.0);
}

double kuiper_pvalue(double v, double n) {
  const double sn = std::sqrt(n);
  const double lambda = (sn + 0.155 + 0.24 / sn) * v;
  if (lambda < 0.4) return 1.0;
  double sum = 0.0;
  for (int k = 1; k <= 100; ++k) {
    const double l2 = k * k * lambda * lambda;
    sum += 2.0 * (4.0 * l2 - 1.0) * std::exp(-2.0 * l2);
  }
  return std::clamp(sum, 0.0, 1.0);
}

Perception line_perception(const std::vector<uint64_t>& pit_hist, const std::function<double(double)>& quantile) {
  Perception out;
  double n = 0.0;
  const std::vector<double> e = edge_cdf(pit_hist, n);
  if (n == 0.0) return out;
  const double P = static_cast<double>(pit_hist.size());
  for (size_t b = 0; b < e.size(); ++b) out.ks = std::max(out.ks, std::fabs(e[b] - b / P));
  out.ks_pvalue = kolmogorov_pvalue(out.ks, n);
  chi_square(pit_hist, n, out);

  // W_p^p = int_0^1 |Q(tau(s)) - Q(s)|^p ds, tau the linear inverse of the binned
  // empirical CDF. Cutting [0,1] at every bin edge of both s and tau keeps both maps
  // linear on each piece, where 4-point Gauss–Legendre is accurate far below the
  // estimator's own resolution.
  std::vector<double> cuts(e.begin(), e.end());
  for (size_t b = 0; b <= pit_hist.size(); ++b) cuts.push_back(b / P);
  std::sort(cuts.begin(), cuts.end());
  static const double node[4] = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
  static const double weight[4] = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};
  double w1 = 0.0, w2 = 0.0;
  size_t bin = 0;
  for (size_t c = 0; c + 1 < cuts.size(); ++c) {
    const double lo = cuts[c], hi = cuts[c + 1];
    if (!(hi > lo)) continue;
    const double mid = 0.5 * (lo + hi);
    while (bin + 1 < pit_hist.size() && e[bin + 1] <= mid) ++bin;
    const double mass = e[bin + 1] - e[bin];
    for (int q = 0; q < 4; ++q) {
      const double s = mid + 0.5 * (hi - lo) * node[q];
      const double tau = (bin + (s - e[bin]) / mass) / P;
      const double d = quantile(tau) - quantile(s);
      w1 += 0.5 * (hi - lo) * weight[q] * std::fabs(d);
      w2 += 0.5 * (hi - lo) * weight[q] * d * d;
    }
  }
  out.w1 = w1;
  out.w2 = std::sqrt(w2);
  return out;
}

Perception circle_perception(const std::vector<uint64_t>& pit_hist) {
  Perception out;
  out.ks_test = "kuiper";
  double n = 0.0;
  std::vector<double> g = edge_cdf(pit_hist, n);
  if (n == 0.0) return out;
  const double P = static_cast<double>(pit_hist.size());
  for (size_t b = 0; b < g.size(); ++b) g[b] -= b / P;
  const auto [lo, hi] = std::minmax_element(g.begin(), g.end());
  out.ks = *hi - *lo;
  out.ks_pvalue = kuiper_pvalue(out.ks, n);
  chi_square(pit_hist, n, out);
  // W1 = 2*pi * min_c int |E(t) - t - c| dt (the CDF form of the same minimum); the
  // minimising c is the median of E(t) - t, taken here over the bin edges.
  std::vector<double> sorted(g.begin(), g.end() - 1);
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  out.w1 = kTwoPi * abs_integral_piecewise_linear(g, sorted[sorted.size() / 2]);
  // W2^2 = min_c int (Q(s) - s - c)^2 ds = Var(Q(S) - S): Q(s) - s is linear on each
  // [E_b, E_b+1], from b/P - E_b to (b+1)/P - E_b+1.
  double m1 = 0.0, m2 = 0.0;
  for (size_t b = 0; b + 1 < g.size(); ++b) {
    const double h = (g[b + 1] - g[b]) + 1.0 / P;  // E_b+1 - E_b
    if (!(h > 0.0)) continue;
    const double y0 = -g[b], y1 = -g[b + 1];
    m1 += h * (y0 + y1) / 2.0;
    m2 += h * (y0 * y0 + y0 * y1 + y1 * y1) / 3.0;
  }
  out.w2 = kTwoPi * std::sqrt(std::fmax(m2 - m1 * m1, 0.0));
  return out;
}

double w1_noise_floor(double n, const std::function<double(double)>& quantile) {
  // int sqrt(u(1-u)) dQ(u) as a Stieltjes sum on a logit grid, dense in both tails.
  double sum = 0.0;
  auto u_at = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
  double prev_q = quantile(u_at(-36.0));
  for (double z = -36.0; z < 36.0; z += 0.01) {
    const double q = quantile(u_at(z + 0.01));
    const double um = u_at(z + 0.005);
    sum += std::sqrt(um * (1.0 - um)) * (q - prev_q);
    prev_q = q;
  }
  return std::sqrt(2.0 / (kPi * n)) * sum;
}

}  // namespace rdp
