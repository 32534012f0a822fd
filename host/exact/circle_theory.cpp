#include "host/exact/circle_theory.hpp"

#include <cmath>

#include "kernels/schemes/circle.cuh"

namespace rdp::circle {
namespace {

// log I0(lambda) and A(lambda) = I1/I0; past lambda = 500 I0 would soon overflow, and
// the asymptotic series are accurate to about 1e-12 there.
double log_bessel_i0(double lambda) {
  if (lambda <= 500.0) return std::log(std::cyl_bessel_i(0.0, lambda));
  const double r = 1.0 / lambda;
  return lambda - 0.5 * std::log(2.0 * kPi * lambda) + std::log1p(r / 8.0 + 9.0 * r * r / 128.0 + 225.0 * r * r * r / 3072.0);
}

double bessel_ratio(double lambda) {
  if (lambda <= 500.0) return std::cyl_bessel_i(1.0, lambda) / std::cyl_bessel_i(0.0, lambda);
  const double r = 1.0 / lambda;
  return 1.0 - 0.5 * r - 0.125 * r * r - 0.125 * r * r * r;
}

}  // namespace

double sinc(double t) { return t == 0.0 ? 1.0 : std::sin(t) / t; }

double multiquan_distortion(uint32_t L, uint32_t N) {
  return 2.0 - 2.0 * sinc(kPi / (static_cast<double>(L) * N)) * sinc(kPi / L);
}

double dithered_distortion(uint32_t L) { return 2.0 - 2.0 * sinc(kPi / L); }

double centroid_distortion(uint32_t L) {
  const double s = sinc(kPi / L);
  return 1.0 - s * s;
}

double scalar_distortion_bound(double rate_bits) {
  if (rate_bits <= 0.0) return dithered_distortion(1);
  const uint32_t L = static_cast<uint32_t>(std::floor(std::exp2(rate_bits)));
  const double r0 = std::log2(static_cast<double>(L)), r1 = std::log2(L + 1.0);
  const double t = (rate_bits - r0) / (r1 - r0);
  return (1.0 - t) * dithered_distortion(L) + t * dithered_distortion(L + 1);
}

RdPoint perfect_perception_rd(double lambda) {
  const double a = bessel_ratio(lambda);
  // h(Z) = log(2 pi I0) - lambda A in nats, so log(2 pi) - h = lambda A - log I0.
  return {(lambda * a - log_bessel_i0(lambda)) / std::log(2.0), 2.0 - 2.0 * a};
}

double perfect_perception_rate(double distortion) {
  if (distortion >= 2.0) return 0.0;
  // D(lambda) decreases from 2 to 0: bisect on log lambda.
  double lo = std::log(1e-10), hi = std::log(1e10);
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (perfect_perception_rd(std::exp(mid)).distortion > distortion ? lo : hi) = mid;
  }
  return perfect_perception_rd(std::exp(0.5 * (lo + hi))).rate_bits;
}

}  // namespace rdp::circle
