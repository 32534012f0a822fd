// Dithered quantization's rates and distortion without sampling (docs/theory.md §6.2, §6.4).
#include <algorithm>
#include <cmath>
#include <vector>

#include "host/exact/cell_sums.hpp"
#include "host/exact/circle_theory.hpp"
#include "host/exact/exact.hpp"
#include "host/exact/quadrature.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "kernels/dispatch.cuh"
#include "kernels/rng.cuh"

namespace rdp {
namespace {

// P(k | Z in [z0, z1)) for the cell [lo, hi) of X + Z: the dither average of
// F(hi - z) - F(lo - z) is a difference of integrated CDFs (or survivals).
template <class Law>
double index_mass_given_dither(const Law& law, double lo, double hi, double z0, double z1) {
  const double per_width = 1.0 / (z1 - z0);
  if (lo - z1 >= law.median())
    return per_width * (law.integrated_sf(lo - z1) - law.integrated_sf(lo - z0) - law.integrated_sf(hi - z1) +
                        law.integrated_sf(hi - z0));
  return per_width * (law.integrated_cdf(hi - z0) - law.integrated_cdf(hi - z1) - law.integrated_cdf(lo - z0) +
                      law.integrated_cdf(lo - z1));
}

template <class Law>
void dithered_rates(const Plan& plan, const Law& law, ExactResult& out) {
  const Job& job = plan.job;
  const exact::IndexRange range = exact::reachable_indices(plan, 1);
  const double step = job.step, h = 0.5 * step;
  auto cell_lo = [&](uint64_t k) { return (static_cast<double>(range.lo + static_cast<int64_t>(k)) - 0.5) * step; };

  // H(k): the dither spans one whole cell, so P(k) is the bin average over all of Z.
  for (uint64_t k = 0; k < range.count; ++k)
    out.rate_marginal_bits += exact::entropy_term(index_mass_given_dither(law, cell_lo(k), cell_lo(k) + step, -h, h));
  out.rate_bits = out.rate_marginal_bits;

  // H(k | Z) with Z binned as the simulation bins it, and its limit.
  const uint32_t B = job.dither_bins;
  double binned = 0.0;
  for (uint32_t b = 0; b < B; ++b) {
    const double z0 = -h + step * b / B, z1 = -h + step * (b + 1.0) / B;
    double entropy = 0.0;
    for (uint64_t k = 0; k < range.count; ++k)
      entropy += exact::entropy_term(index_mass_given_dither(law, cell_lo(k), cell_lo(k) + step, z0, z1));
    binned += entropy / B;
  }
  out.rate_conditional_bits = binned;
  auto entropy_given_z = [&](double z) {
    double entropy = 0.0;
    for (uint64_t k = 0; k < range.count; ++k) {
      const double lo = cell_lo(k) - z, hi = lo + step;
      entropy += exact::entropy_term(exact::interval_mass(law, lo, hi));
    }
    return entropy;
  };
  // H(k | z) varies where a cell boundary's shift b - z enters or leaves the source's
  // support; cut the dither range there.
  const double x_lo = law.icdf(exact::kNegligibleTail), x_hi = law.isf(exact::kNegligibleTail);
  std::vector<double> z_cuts;
  for (uint64_t k = 0; k <= range.count; ++k) {
    z_cuts.push_back(cell_lo(k) - x_hi);
    z_cuts.push_back(cell_lo(k) - x_lo);
  }
  out.rate_conditional_limit_bits =
      exact::integrate_piecewise(entropy_given_z, -h, h, z_cuts, std::min(step / 64.0, 0.05 * law.scale)) / step;
}

// D = int p_Y(y) E[(X - phi(y))^2 | Y = y] dy, where given Y = y, X has the source's law
// restricted to [y - h, y + h] and p_Y(y) = P(X in that window) / Delta.
template <class Law>
double post_processed_distortion(const Law& law, double step) {
  const double h = 0.5 * step;
  auto conditional_error = [&](double y) {
    const exact::IntervalMoments m = exact::interval_moments(law, y - h, y + h);
    if (!(m.mass > 0.0)) return 0.0;
    const double gap = m.mean - dither_post_process(law, y, step);
    return m.mass / step * (m.variance + gap * gap);
  };
  std::vector<double> kinks;
  for (double kink : exact::density_kinks(law)) {
    kinks.push_back(kink - h);
    kinks.push_back(kink + h);
  }
  const double y_lo = law.icdf(kMinSourceU) - h, y_hi = law.isf(kMinSourceU) + h;
  return exact::integrate_piecewise(conditional_error, y_lo, y_hi, kinks, std::min(0.05 * law.scale, step / 8.0));
}

}  // namespace

void exact_dithered_line(const Plan& plan, ExactResult& out) {
  visit_line_law(plan.job.source, plan.job.loc, plan.job.scale, [&](const auto& law) {
    dithered_rates(plan, law, out);
    out.distortion = post_processed_distortion(law, plan.job.step);
  });
}

void exact_dithered_raw_line(const Plan& plan, ExactResult& out) {
  visit_line_law(plan.job.source, plan.job.loc, plan.job.scale, [&](const auto& law) { dithered_rates(plan, law, out); });
  out.distortion = plan.job.step * plan.job.step / 12.0;  // Y - X = Z~ ~ U[-Delta/2, Delta/2), independent of X
}

// Zhou & Tian, Thm 3.3: theta + Z~ is uniform on the circle already, with or without phi.
void exact_dithered_circle(const Job& job, ExactResult& out) {
  out.rate_bits = out.rate_marginal_bits = std::log2(static_cast<double>(job.L));
  out.rate_conditional_bits = out.rate_conditional_limit_bits = out.rate_bits;
  out.distortion = circle::dithered_distortion(job.L);
  out.w1 = 0.0;
}

}  // namespace rdp
