#include "host/estimators/mean.hpp"

#include <cmath>

namespace rdp {
namespace {

double to_double(uint128 v) {
  return std::ldexp(static_cast<double>(static_cast<uint64_t>(v >> 64)), 64) + static_cast<double>(static_cast<uint64_t>(v));
}

}  // namespace

MeanEstimate error_mean(const ErrorMoments& m, uint64_t samples, int scale_exp) {
  const double n = static_cast<double>(samples);
  const double mean = to_double(m.sum) / n;      // units of 2^-64 of 2^scale_exp
  const double mean_sq = to_double(m.sum_sq) / n;
  const double unit = std::ldexp(1.0, scale_exp - 64);
  const double unit_sq = std::ldexp(1.0, 2 * scale_exp - 64);
  // Var = E[e^2] - E[e]^2 with both terms in the error's own units.
  const double e1 = mean * unit;
  const double e2 = mean_sq * unit_sq;
  const double var = samples > 1 ? std::fmax(e2 - e1 * e1, 0.0) * n / (n - 1.0) : 0.0;
  return {e1, std::sqrt(var / n)};
}

}  // namespace rdp
