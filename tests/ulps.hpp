#pragma once
// Accuracy in units in the last place against a long double reference (glibc's, 11 bits
// beyond double), for the tests of rdpsim's own math functions.
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace rdp::testing {

// |got - reference| in ulps of the double nearest the reference.
inline double ulps_off(double got, long double reference) {
  const double r = static_cast<double>(reference);
  const double ulp = std::nextafter(std::fabs(r), std::numeric_limits<double>::infinity()) - std::fabs(r);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - reference) / ulp);
}

inline std::vector<double> uniform_sample(double lo, double hi, int count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<double> xs;
  for (int i = 0; i < count; ++i) xs.push_back(u(rng));
  return xs;
}

}  // namespace rdp::testing
