// Rate and distortion of multiquan, dithered and deterministic coding of a 1-D
// source by quadrature. Probabilities come from the closed-form F, G and their
// survival forms, in the tail where each is exact; conditional moments from
// Gauss–Legendre quadrature of the density.
#include "host/exact/line_source_exact.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "kernels/dispatch.cuh"
#include "kernels/rng.cuh"
#include "host/plan/plan.hpp"

#include <fmt/format.h>
#include "host/exact/quadrature.hpp"

namespace rdp::exact {

namespace {

double entropy_term(double p) { return p > 0.0 ? -p * std::log2(p) : 0.0; }

struct IndexRange {
  int64_t lo;
  uint64_t count;
};

// Every index a source draw reaches (not the simulation's capped histogram window):
// the sums must hold all the mass.
IndexRange index_range(const Plan& plan, uint32_t cells_per_index) {
  const uint64_t count = static_cast<uint64_t>(plan.reachable_hi - plan.reachable_lo + 1);
  if (count * cells_per_index > kMaxIndexBins)
    throw std::invalid_argument(fmt::format("--step {} is too fine for `exact`: {} cells would be summed (limit {})",
                                            plan.job.step, count * cells_per_index, kMaxIndexBins));
  return {plan.reachable_lo, count};
}


// a_j from its coordinates; an end coordinate that underflowed to 0 stands for the
// quantile at the smallest representable probability rather than an infinity.
template <class Source>
double boundary_point(const ReconBoundary& r) {
  return r.lower < 0.5 ? Source::icdf(std::max(r.lower, kSmallestProbability))
                       : Source::isf(std::max(r.upper, kSmallestProbability));
}

template <class Source>
void multiquan(const Plan& plan, ExactResult& out) {
  const Job& job = plan.job;
  const PipelineParams p = plan.host_params();
  const IndexRange range = index_range(plan, job.N);
  std::vector<double> index_mass(range.count, 0.0);
  double rate = 0.0, distortion = 0.0;
  for (uint64_t k = 0; k < range.count; ++k) {
    const int64_t i = range.lo + static_cast<int64_t>(k);
    for (uint32_t n = 0; n < job.N; ++n) {
      const int64_t j = static_cast<int64_t>(job.N) * i + n;
      const double c_lo = Multiquan<Source>::boundary(p, j);
      const double c_hi = Multiquan<Source>::boundary(p, j + job.N);
      const double mass = interval_mass<Source>(c_lo, c_hi);
      if (!(mass > 0.0)) continue;
      rate += entropy_term(mass) / job.N;
      index_mass[k] += mass / job.N;
      // Given cell j, X and X^ are independent with the source's law restricted to
      // the cell and to the reconstruction interval [a_j, a_{j+1}).
      const double a_lo = boundary_point<Source>(Multiquan<Source>::recon_boundary(p, j - p.recon_shift));
      const double a_hi = boundary_point<Source>(Multiquan<Source>::recon_boundary(p, j + 1 - p.recon_shift));
      const IntervalMoments cell = interval_moments<Source>(c_lo, c_hi);
      const IntervalMoments recon = interval_moments<Source>(a_lo, a_hi);
      const double gap = cell.mean - recon.mean;
      distortion += mass / job.N * (cell.variance + recon.variance + gap * gap);
    }
  }
  out.rate_bits = rate;
  out.rate_marginal_bits = 0.0;
  for (double m : index_mass) out.rate_marginal_bits += entropy_term(m);
  out.distortion = distortion;
  if (job.scheme == SchemeKind::multiquan) out.w1 = 0.0;  // X^ has the law of X exactly
}

template <class Source>
void deterministic(const Plan& plan, ExactResult& out) {
  const double step = plan.job.step;
  const IndexRange range = index_range(plan, 1);
  for (uint64_t k = 0; k < range.count; ++k) {
    const double a = (static_cast<double>(range.lo + static_cast<int64_t>(k)) - 0.5) * step;
    const double mass = interval_mass<Source>(a, a + step);
    if (!(mass > 0.0)) continue;
    out.rate_bits += entropy_term(mass);
    out.distortion += mass * interval_moments<Source>(a, a + step).variance;  // the centroid is the mean
  }
  out.rate_marginal_bits = out.rate_bits;
}

// P(k | Z in [z0, z1)) for the cell [lo, hi) of X + Z: the dither average of
// F(hi - z) - F(lo - z) is a difference of integrated CDFs (or survivals).
template <class Source>
double index_mass_given_dither(double lo, double hi, double z0, double z1) {
  const double scale = 1.0 / (z1 - z0);
  if (lo - z1 >= Source::median())
    return scale * (Source::integrated_sf(lo - z1) - Source::integrated_sf(lo - z0) - Source::integrated_sf(hi - z1) +
                    Source::integrated_sf(hi - z0));
  return scale * (Source::integrated_cdf(hi - z0) - Source::integrated_cdf(hi - z1) - Source::integrated_cdf(lo - z0) +
                  Source::integrated_cdf(lo - z1));
}

template <class Source>
void dithered(const Plan& plan, ExactResult& out) {
  const Job& job = plan.job;
  const IndexRange range = index_range(plan, 1);
  const double step = job.step, h = 0.5 * step;
  auto cell_lo = [&](uint64_t k) { return (static_cast<double>(range.lo + static_cast<int64_t>(k)) - 0.5) * step; };

  // H(k): the dither spans one whole cell, so P(k) is the bin average over all of Z.
  for (uint64_t k = 0; k < range.count; ++k)
    out.rate_marginal_bits += entropy_term(index_mass_given_dither<Source>(cell_lo(k), cell_lo(k) + step, -h, h));
  out.rate_bits = out.rate_marginal_bits;

  // H(k | Z) with Z binned as the simulation bins it, and its limit.
  const uint32_t B = job.dither_bins;
  double binned = 0.0;
  for (uint32_t b = 0; b < B; ++b) {
    const double z0 = -h + step * b / B, z1 = -h + step * (b + 1.0) / B;
    double entropy = 0.0;
    for (uint64_t k = 0; k < range.count; ++k)
      entropy += entropy_term(index_mass_given_dither<Source>(cell_lo(k), cell_lo(k) + step, z0, z1));
    binned += entropy / B;
  }
  out.rate_conditional_bits = binned;
  auto entropy_given_z = [&](double z) {
    double entropy = 0.0;
    for (uint64_t k = 0; k < range.count; ++k) {
      const double lo = cell_lo(k) - z, hi = lo + step;
      entropy += entropy_term(interval_mass<Source>(lo, hi));
    }
    return entropy;
  };
  // H(k | z) varies where a cell boundary's shift b - z enters or leaves the source's
  // support; cut the dither range there.
  const double x_lo = Source::icdf(kNegligibleTail), x_hi = Source::isf(kNegligibleTail);
  std::vector<double> z_cuts;
  for (uint64_t k = 0; k <= range.count; ++k) {
    z_cuts.push_back(cell_lo(k) - x_hi);
    z_cuts.push_back(cell_lo(k) - x_lo);
  }
  out.rate_conditional_limit_bits =
      integrate_piecewise(entropy_given_z, -h, h, z_cuts, std::min(step / 64.0, 0.05)) / step;

  if (job.scheme == SchemeKind::dithered_raw) {
    out.distortion = step * step / 12.0;  // Y - X = Z~ ~ U[-Delta/2, Delta/2), independent of X
    return;
  }
  // D = int p_Y(y) E[(X - phi(y))^2 | Y = y] dy, where given Y = y, X has the source's
  // law restricted to [y - h, y + h] and p_Y(y) = P(X in that window) / Delta.
  auto conditional_error = [&](double y) {
    const IntervalMoments m = interval_moments<Source>(y - h, y + h);
    if (!(m.mass > 0.0)) return 0.0;
    const double gap = m.mean - dither_post_process<Source>(y, step);
    return m.mass / step * (m.variance + gap * gap);
  };
  std::vector<double> kinks;
  for (double kink : density_kinks<Source>()) {
    kinks.push_back(kink - h);
    kinks.push_back(kink + h);
  }
  const double y_lo = Source::icdf(kMinSourceU) - h, y_hi = Source::isf(kMinSourceU) + h;
  out.distortion = integrate_piecewise(conditional_error, y_lo, y_hi, kinks, std::min(0.05, step / 8.0));
  out.w1 = 0.0;
}

}  // namespace

template <class Source>
ExactResult evaluate_line_source(const Job& job) {
  const Plan plan = make_plan(job);
  ExactResult out;
  out.job = job;
  out.step = job.step;
  out.method = "quadrature";
  switch (job.scheme) {
    case SchemeKind::multiquan:
    case SchemeKind::multiquan_eq6: multiquan<Source>(plan, out); break;
    case SchemeKind::dithered:
    case SchemeKind::dithered_raw: dithered<Source>(plan, out); break;
    case SchemeKind::deterministic: deterministic<Source>(plan, out); break;
  }
  return out;
}

template ExactResult evaluate_line_source<UniformSource>(const Job&);
template ExactResult evaluate_line_source<ExponentialSource>(const Job&);
template ExactResult evaluate_line_source<GaussianSource>(const Job&);
template ExactResult evaluate_line_source<LaplaceSource>(const Job&);

}  // namespace rdp::exact
