// The deterministic scheme's rate and distortion without sampling (docs/theory.md §6.3, §6.4).
#include <cmath>

#include "host/exact/cell_sums.hpp"
#include "host/exact/circle_theory.hpp"
#include "host/exact/exact.hpp"
#include "host/exact/quadrature.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "kernels/dispatch.cuh"

namespace rdp {
namespace {

template <class Law>
void deterministic_line(const Plan& plan, const Law& law, ExactResult& out) {
  const double step = plan.job.step;
  const exact::IndexRange range = exact::reachable_indices(plan, 1);
  for (uint64_t k = 0; k < range.count; ++k) {
    const double a = (static_cast<double>(range.lo + static_cast<int64_t>(k)) - 0.5) * step;
    const double mass = exact::interval_mass(law, a, a + step);
    if (!(mass > 0.0)) continue;
    out.rate_bits += exact::entropy_term(mass);
    out.distortion += mass * exact::interval_moments(law, a, a + step).variance;  // the centroid is the mean
  }
  out.rate_marginal_bits = out.rate_bits;
}

}  // namespace

void exact_deterministic_line(const Plan& plan, ExactResult& out) {
  visit_line_law(plan.job.source, plan.job.loc, plan.job.scale,
                 [&](const auto& law) { deterministic_line(plan, law, out); });
}

void exact_deterministic_circle(const Job& job, ExactResult& out) {
  out.rate_bits = out.rate_marginal_bits = std::log2(static_cast<double>(job.L));
  out.distortion = circle::centroid_distortion(job.L);
}

}  // namespace rdp
