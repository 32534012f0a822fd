#pragma once
// The tests' own, library-independent implementations of the sources' laws
// (docs/theory.md §1.1), used as truth: the densities, CDFs and survival functions are
// written out again with erfc/exp/expm1, conditional moments are taken by Gauss-Legendre
// quadrature, and exact entropies come with their sampling error, so that a slip shared
// with the library's closed forms cannot cancel. Nothing here calls into the library; only its names for
// the sources are used.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "host/job.hpp"

namespace rdp::testing::truth {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kTailMass = 1e-16;  // cells are summed until less mass than this is left out
// How closely the exact values below reproduce closed forms. Rates are sums of at most
// ~100 cell terms -p log2 p, distortions sums of cell variances by 20-point
// Gauss-Legendre, whose error on these analytic densities is far below rounding: only
// rounding is left, measured at most 2e-15 relative (exponential, step 1/2), and 1e-13
// relative leaves a factor of 50.
inline constexpr double kClosedFormRelative = 1e-13;

// The 1-D laws of docs/theory.md §1.1. cdf keeps its relative precision left of the
// median and sf right of it, so that tail cells are never formed as a difference of
// numbers near 1.
struct ExactLaw {
  SourceKind kind;

  double median() const {
    switch (kind) {
      case SourceKind::uniform: return 0.5;
      case SourceKind::exponential: return std::log(2.0);
      default: return 0.0;
    }
  }
  double lower() const { return kind == SourceKind::uniform || kind == SourceKind::exponential ? 0.0 : -INFINITY; }
  double upper() const { return kind == SourceKind::uniform ? 1.0 : INFINITY; }
  // Density inside the support; lower() and upper() bound where it is called.
  double pdf(double x) const {
    switch (kind) {
      case SourceKind::uniform: return 1.0;
      case SourceKind::exponential: return std::exp(-x);
      case SourceKind::gaussian: return std::exp(-0.5 * x * x) / std::sqrt(2.0 * kPi);
      default: return 0.5 * std::exp(-std::fabs(x));
    }
  }
  double cdf(double x) const {
    switch (kind) {
      case SourceKind::uniform: return std::clamp(x, 0.0, 1.0);
      case SourceKind::exponential: return x <= 0.0 ? 0.0 : -std::expm1(-x);
      case SourceKind::gaussian: return 0.5 * std::erfc(-x / std::sqrt(2.0));
      default: return x < 0.0 ? 0.5 * std::exp(x) : 1.0 - 0.5 * std::exp(-x);
    }
  }
  double sf(double x) const {
    switch (kind) {
      case SourceKind::uniform: return std::clamp(1.0 - x, 0.0, 1.0);
      case SourceKind::exponential: return x <= 0.0 ? 1.0 : std::exp(-x);
      case SourceKind::gaussian: return 0.5 * std::erfc(x / std::sqrt(2.0));
      default: return x > 0.0 ? 0.5 * std::exp(-x) : 1.0 - 0.5 * std::exp(x);
    }
  }
  // P(a <= X < b), from the tail function that is accurate on each side of the median.
  double mass(double a, double b) const {
    if (b <= median()) return cdf(b) - cdf(a);
    if (a >= median()) return sf(a) - sf(b);
    return 1.0 - cdf(a) - sf(b);
  }
  // Interior points where the density is not smooth (the uniform's and exponential's
  // kinks are support ends, which the quadrature clips to anyway).
  std::vector<double> kinks() const { return kind == SourceKind::laplace ? std::vector<double>{0.0} : std::vector<double>{}; }
};

// n-point Gauss-Legendre rule on [-1, 1]: the roots of P_n by Newton's method.
struct GaussLegendre {
  std::vector<double> node, weight;
  explicit GaussLegendre(int n) : node(n), weight(n) {
    for (int k = 0; k < (n + 1) / 2; ++k) {
      double z = std::cos(kPi * (k + 0.75) / (n + 0.5));
      double slope = 0.0;
      for (int iteration = 0; iteration < 100; ++iteration) {
        double p_prev = 1.0, p = z;  // P_0 and P_1, stepped up to P_{n-1} and P_n
        for (int m = 2; m <= n; ++m) {
          const double p_next = ((2.0 * m - 1.0) * z * p - (m - 1.0) * p_prev) / m;
          p_prev = p;
          p = p_next;
        }
        slope = n * (z * p - p_prev) / (z * z - 1.0);
        const double dz = p / slope;
        z -= dz;
        if (std::fabs(dz) < 1e-16) break;
      }
      node[k] = -z;
      node[n - 1 - k] = z;
      weight[k] = weight[n - 1 - k] = 2.0 / ((1.0 - z * z) * slope * slope);
    }
  }
};

// int_a^b f(x) p(x) dx for [a, b] inside the support, by 20-point Gauss-Legendre on
// panels at most 1/8 wide that end at the kinks: the density is analytic on each
// panel, where the rule's error is far below double precision.
template <class F>
double integrate(const ExactLaw& law, double a, double b, F f) {
  static const GaussLegendre rule(20);
  std::vector<double> cuts{a};
  for (double k : law.kinks())
    if (a < k && k < b) cuts.push_back(k);
  cuts.push_back(b);
  double sum = 0.0;
  for (std::size_t s = 0; s + 1 < cuts.size(); ++s) {
    const int panels = std::max(1, static_cast<int>(std::ceil((cuts[s + 1] - cuts[s]) * 8.0)));
    const double h = (cuts[s + 1] - cuts[s]) / panels;
    for (int q = 0; q < panels; ++q) {
      const double mid = cuts[s] + (q + 0.5) * h;
      for (std::size_t k = 0; k < rule.node.size(); ++k) {
        const double x = mid + 0.5 * h * rule.node[k];
        sum += 0.5 * h * rule.weight[k] * f(x) * law.pdf(x);
      }
    }
  }
  return sum;
}

struct Conditional {
  double mean, var;
};

// Mean and variance of X given a <= X < b, an interval of positive mass; the moments
// are taken about a and then about the mean, so narrow far cells lose no precision.
inline Conditional conditional(const ExactLaw& law, double a, double b) {
  a = std::max(a, law.lower());
  b = std::min(b, law.upper());
  const double mass = integrate(law, a, b, [](double) { return 1.0; });
  const double mean = a + integrate(law, a, b, [a](double x) { return x - a; }) / mass;
  const double var = integrate(law, a, b, [mean](double x) { return (x - mean) * (x - mean); }) / mass;
  return {mean, var};
}

// What a plug-in entropy estimate from `draws` samples should land near: the exact
// entropy, its delta-method standard error sqrt(Var[-log2 p] / draws), a bound on the
// estimate's downward bias, and the relative error with which the estimate's own
// standard error (docs/theory.md §5.3) estimates `se`.
struct EntropyTarget {
  double bits = 0.0, se = 0.0, bias_bound = 0.0;
  double se_relative_error = 0.0;
};

// groups[g] lists the cell probabilities of group g (each list sums to 1); the groups
// are equally likely and share `draws` samples. One group gives H(I), N give H(I | n).
//
// The bias bound: for a law on K cells the plug-in estimate from m draws satisfies
// -log2(1 + (K-1)/m) <= E[H^] - H <= 0 (Paninski 2003, Neural Comput. 15, Prop. 1),
// about twice the leading Miller-Madow term (K-1)/(2 m ln 2). Our sources have unbounded
// support, so K counts each cell by its chance of being seen in m draws: cells that are
// almost never seen add almost nothing to the bias. Each group's bound enters with its
// weight 1/G.
//
// The standard error's relative error: the estimate is sqrt(V^ / draws), V^ = sum_c
// p^_c (i^_c - H^)^2 the plug-in variance of info = -log2 p(cell | group) over the joint
// frequencies p^_c = k_c / draws of the cells of all groups (the mixture over the equally
// likely groups: cell c of group g has weight p_gc / G). By the delta method V^ has
// variance Var_c(phi) / draws with gradient phi_c = (i_c - H)^2 - (2 / ln 2)(i_c - H_g),
// H_g group g's entropy, and sqrt(V^) has relative error sd(V^) / (2 V). The second term
// of phi is the fluctuation of the estimated info values i^_c themselves: the kurtosis
// form sqrt((kappa - 1) / (4 draws)), kappa = E[(i - H)^4] / V^2, leaves it out and
// understates the error up to fourfold for the cases here (uniform source, step 0.2).
inline EntropyTarget entropy_target(const std::vector<std::vector<double>>& groups, double draws) {
  const double g = static_cast<double>(groups.size());
  const double per_group = draws / g;
  double h = 0.0, bias = 0.0;
  std::vector<double> group_entropy;
  for (const auto& cells : groups) {
    double occupied = 0.0, h_group = 0.0;
    for (double p : cells) {
      h_group -= p * std::log2(p);
      occupied += -std::expm1(per_group * std::log1p(-p));  // P(cell seen at least once)
    }
    group_entropy.push_back(h_group);
    h += h_group / g;
    bias += std::log2(1.0 + std::max(occupied - 1.0, 0.0) / per_group) / g;
  }
  double var = 0.0, phi_mean = 0.0, phi_square = 0.0;  // moments over the mixture
  for (std::size_t k = 0; k < groups.size(); ++k)
    for (double p : groups[k]) {
      const double info = -std::log2(p), weight = p / g;
      const double phi = (info - h) * (info - h) - 2.0 / std::log(2.0) * (info - group_entropy[k]);
      var += weight * (info - h) * (info - h);
      phi_mean += weight * phi;
      phi_square += weight * phi * phi;
    }
  const double var_of_var = std::max(phi_square - phi_mean * phi_mean, 0.0) / draws;
  return {h, std::sqrt(var / draws), bias, var > 0.0 ? std::sqrt(var_of_var) / (2.0 * var) : 0.0};
}

// Exp(1) on the grid cells [(i - 1/2) Delta, (i + 1/2) Delta), in closed form. The
// exponential is memoryless: cell 0 is Exp(1) truncated to [0, Delta/2) and every later
// one Exp(1) truncated to a width Delta, with geometric masses. rate is H(i) in bits,
// within_var is sum_i P_i Var(X | cell i).
struct ExponentialGrid {
  double rate, within_var;
};

inline ExponentialGrid exponential_grid(double step) {
  const auto truncated_var = [](double w) { return 1.0 - w * w * std::exp(-w) / std::pow(-std::expm1(-w), 2); };
  const auto binary_entropy = [](double p) { return -p * std::log2(p) - (1.0 - p) * std::log2(1.0 - p); };
  const double first = -std::expm1(-step / 2);  // P(cell 0)
  const double ratio = std::exp(-step);         // P(cell i+1) / P(cell i) for i >= 1
  const double rate = binary_entropy(first) + (1.0 - first) * binary_entropy(ratio) / (1.0 - ratio);
  return {rate, first * truncated_var(step / 2) + (1.0 - first) * truncated_var(step)};
}

}  // namespace rdp::testing::truth
