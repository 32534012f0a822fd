#include "host/exact/gaussian_rdp.hpp"

#include <algorithm>
#include <cmath>

namespace rdp::gaussian {

double rd_bits(double D, double sigma) { return std::max(0.0, 0.5 * std::log2(sigma * sigma / D)); }

double rdp_bits(double D, double P, double sigma) {
  const double v = sigma * sigma;
  const double reach = sigma - std::sqrt(P);  // the standard deviation of X^ at the perception limit
  if (!(std::sqrt(P) < sigma - std::sqrt(std::fabs(v - D)))) return rd_bits(D, sigma);
  const double theta = 0.5 * (v + reach * reach - D);
  return 0.5 * std::log2(v * reach * reach / (v * reach * reach - theta * theta));
}

double pd_limit_bits(double D, double sigma) { return rd_bits(0.5 * D, sigma); }

}  // namespace rdp::gaussian
