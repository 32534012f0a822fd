#pragma once
// Composite Gauss–Legendre quadrature and the moments of a source restricted to an
// interval: the numerical core of `rdpsim exact`.
#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/sources.cuh"

namespace rdp::exact {

// 8-point Gauss–Legendre on `panels` equal panels of [a, b].
template <class F>
double integrate(F f, double a, double b, int panels) {
  static constexpr double x[8] = {-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
                                  0.1834346424956498,  0.5255324099163290,  0.7966664774136267,  0.9602898564975363};
  static constexpr double w[8] = {0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
                                  0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};
  const double h = (b - a) / panels;
  double sum = 0.0;
  for (int k = 0; k < panels; ++k) {
    const double mid = a + (k + 0.5) * h;
    double s = 0.0;
    for (int q = 0; q < 8; ++q) s += w[q] * f(mid + 0.5 * h * x[q]);
    sum += 0.5 * h * s;
  }
  return sum;
}

// Integral of f over [a, b], cut at the points where f or its derivatives jump and
// into panels no wider than max_width, at most max_panels per piece (pieces far wider
// than the scale of f arise only for steps far beyond the source's scale).
template <class F>
double integrate_piecewise(F f, double a, double b, const std::vector<double>& kinks, double max_width,
                           int max_panels = 4000) {
  if (!(b > a)) return 0.0;
  std::vector<double> cuts{a};
  for (double k : kinks)
    if (k > a && k < b) cuts.push_back(k);
  cuts.push_back(b);
  std::sort(cuts.begin(), cuts.end());
  double sum = 0.0;
  for (size_t c = 0; c + 1 < cuts.size(); ++c) {
    const double width = cuts[c + 1] - cuts[c];
    const int panels = std::clamp(static_cast<int>(std::ceil(width / max_width)), 1, max_panels);
    sum += integrate(f, cuts[c], cuts[c + 1], panels);
  }
  return sum;
}

// Points where the density of a standard law is not smooth, and of a source loc + scale * Z.
template <class Source>
std::vector<double> density_kinks();
template <>
inline std::vector<double> density_kinks<UniformSource>() { return {0.0, 1.0}; }
template <>
inline std::vector<double> density_kinks<ExponentialSource>() { return {0.0}; }
template <>
inline std::vector<double> density_kinks<GaussianSource>() { return {}; }
template <>
inline std::vector<double> density_kinks<LaplaceSource>() { return {0.0}; }
template <class Standard>
std::vector<double> density_kinks(const LocationScale<Standard>& law) {
  std::vector<double> kinks = density_kinks<Standard>();
  for (double& k : kinks) k = law.from_standard(k);
  return kinks;
}

// P(a <= X < b), from the CDF left of the median and the survival function right of it.
template <class Law>
double interval_mass(const Law& law, double a, double b) {
  return a < law.median() ? law.cdf(b) - law.cdf(a) : law.sf(a) - law.sf(b);
}

struct IntervalMoments {
  double mass = 0.0;
  double mean = 0.0;
  double variance = 0.0;
};

// Mass, mean and variance of X restricted to [a, b]; moments are taken about the
// interval's midpoint so that narrow far-away intervals keep their precision.
// The quantile of the smallest positive probability a double can hold: where an
// underflowed probability coordinate points.
constexpr double kSmallestProbability = 1e-320;
// Beyond these quantiles the source's mass cannot move any figure at 1e-15.
constexpr double kNegligibleTail = 1e-30;

template <class Law>
IntervalMoments interval_moments(const Law& law, double a, double b) {
  a = std::max(a, law.icdf(kNegligibleTail));
  b = std::min(b, law.isf(kNegligibleTail));
  if (!(b > a)) return {0.0, a, 0.0};
  const double mid = 0.5 * (a + b);
  const auto kinks = density_kinks(law);
  const double width = 0.25 * law.scale;  // the standard laws vary on a scale of 1
  const double m0 = integrate_piecewise([&](double x) { return law.pdf(x); }, a, b, kinks, width);
  if (!(m0 > 0.0)) return {0.0, mid, 0.0};
  const double m1 = integrate_piecewise([&](double x) { return (x - mid) * law.pdf(x); }, a, b, kinks, width);
  const double m2 =
      integrate_piecewise([&](double x) { return (x - mid) * (x - mid) * law.pdf(x); }, a, b, kinks, width);
  const double shift = m1 / m0;
  return {m0, mid + shift, std::max(m2 / m0 - shift * shift, 0.0)};
}

}  // namespace rdp::exact
