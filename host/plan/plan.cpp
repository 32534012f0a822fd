#include "host/plan/plan.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "host/exact/quadrature.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/limits.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/dispatch.cuh"
#include "kernels/rng.cuh"

namespace rdp {
namespace {

uint32_t histogram_groups(const Job& job) {
  switch (traits(job.scheme).groups) {
    case IndexGroups::offsets: return job.N;
    case IndexGroups::dither_bins: return job.dither_bins;
    case IndexGroups::none: break;
  }
  return 1;
}

template <class Law>
void plan_line_source(Plan& plan, const Law& law) {
  const Job& job = plan.job;
  const SchemeTraits& scheme = traits(job.scheme);
  PipelineParams& p = plan.params;
  // Every index a source draw can reach: draws stay within the quantiles at kMinSourceU (rng.cuh).
  int64_t lo = static_cast<int64_t>(std::floor(law.icdf(kMinSourceU) / job.step + scheme.reach_lo)) - 1;
  int64_t hi = static_cast<int64_t>(std::floor(law.isf(kMinSourceU) / job.step + scheme.reach_hi)) + 1;
  if (!job.thresholds.empty()) {  // general thresholds move indices off the uniform grid's
    lo -= 2;
    hi += 2;
  }
  plan.reachable_lo = lo;
  plan.reachable_hi = hi;
  const uint64_t max_indices = kMaxIndexBins / p.groups;
  if (static_cast<uint64_t>(hi - lo + 1) > max_indices) {
    // Keep the window centred on the median's cell: the mass it loses is in the tails.
    const int64_t centre = static_cast<int64_t>(std::floor(law.median() / job.step + 0.5));
    lo = centre - static_cast<int64_t>(max_indices / 2);
    hi = lo + static_cast<int64_t>(max_indices) - 1;
  }
  p.index_lo = lo;
  p.index_count = static_cast<uint32_t>(hi - lo + 1);
  // The a-priori bound of the per-sample error: a number of steps by the scheme, and the
  // source's quantile span when X^ is a source value as well (the tighter one for steps
  // far beyond the source's scale, where it keeps the fixed-point resolution).
  const double span = law.isf(exact::kSmallestProbability) - law.icdf(exact::kSmallestProbability);
  const double reach = scheme.reconstruction_in_support ? std::min(scheme.error_reach * job.step, span)
                                                        : scheme.error_reach * job.step;
  p.error_scale_exp = scale_exponent(reach * reach);
  if (scheme.plan_tables) scheme.plan_tables(plan);
}

}  // namespace

bool has_standard_law(const Job& job) { return job.loc == Job{}.loc && job.scale == Job{}.scale; }

void check_source_law(const Job& job) {
  if (!(std::isfinite(job.scale) && job.scale > 0.0))
    throw std::invalid_argument(fmt::format("--scale must be a finite number > 0, got {}", job.scale));
  if (!std::isfinite(job.loc)) throw std::invalid_argument(fmt::format("--loc must be a finite number, got {}", job.loc));
  if (!has_standard_law(job)) {
    std::string flags;
    if (job.loc != Job{}.loc) flags += fmt::format("--loc {}", job.loc);
    if (job.scale != Job{}.scale) flags += fmt::format("{}--scale {}", flags.empty() ? "" : " ", job.scale);
    if (job.source == SourceKind::circle)
      throw std::invalid_argument(fmt::format("{} applies to the 1-D sources, not circle", flags));
    if (applies(job.scheme, kAxisLattice))
      throw std::invalid_argument(fmt::format("{} does not apply to {}: the lattice schemes' coordinates are "
                                              "N(0, sigma^2), set by --sigma", flags, traits(job.scheme).name));
  }
  if (!(job.scale >= limits::kMinScale && job.scale <= limits::kMaxScale))
    throw std::invalid_argument(
        fmt::format("--scale must be in [{:g}, {:g}], got {}", limits::kMinScale, limits::kMaxScale, job.scale));
  if (!(std::fabs(job.loc) <= limits::kMaxLocPerScale * job.scale))
    throw std::invalid_argument(fmt::format("--loc {} is more than {:g} times --scale {} from 0: x = loc + scale * Z "
                                            "would no longer resolve Z",
                                            job.loc, limits::kMaxLocPerScale, job.scale));
}

int scale_exponent(double bound) {
  int e = 0;
  std::frexp(bound, &e);
  return e + 2;
}

void validate(const Job& job) {
  const SchemeTraits& scheme = traits(job.scheme);
  const bool circle = job.source == SourceKind::circle;
  if (job.samples == 0) throw std::invalid_argument("--samples must be positive, got 0");
  limits::check(limits::kN, job.N, "--N");
  if (job.N != 1 && !applies(job.scheme, kAxisN))
    throw std::invalid_argument(fmt::format("--N {} does not apply to scheme {} (only to {})", job.N, scheme.name,
                                            schemes_with(kAxisN)));
  if (!job.thresholds.empty() && !applies(job.scheme, kAxisThresholds))
    throw std::invalid_argument(fmt::format("thresholds do not apply to scheme {} (only to {})", scheme.name,
                                            schemes_with(kAxisThresholds)));
  if (circle && !scheme.on_circle)
    throw std::invalid_argument(fmt::format("--scheme {} is defined for 1-D sources only, not circle", scheme.name));
  if (!circle && !scheme.on_line)
    throw std::invalid_argument(fmt::format("--scheme {} is defined on the circle only", scheme.name));
  check_source_law(job);
  if (circle) {
    limits::check(limits::kL, job.L, "--L (levels on the circle)");
  } else {
    if (job.L != 0) throw std::invalid_argument(fmt::format("--L {} applies to the circle source only", job.L));
    const double lo = limits::kMinStep * job.scale, hi = limits::kMaxStep * job.scale;
    if (!(job.step >= lo && job.step <= hi))
      throw std::invalid_argument(
          job.scale == 1.0
              ? fmt::format("--step must be in [{:g}, {:g}], got {}", lo, hi, job.step)
              : fmt::format("--step must be in [{:g}, {:g}] ({:g} to {:g} times --scale {}), got {}", lo, hi,
                            limits::kMinStep, limits::kMaxStep, job.scale, job.step));
  }
  if (applies(job.scheme, kAxisDitherBins)) limits::check(limits::kDitherBins, job.dither_bins, "--dither-bins");
  if (!applies(job.scheme, kAxisLattice)) {
    const Job plain;  // the lattice settings at their defaults
    if (job.lattice != plain.lattice || job.blocks != plain.blocks || job.gain_a != plain.gain_a ||
        job.gain_s != plain.gain_s || job.sigma != plain.sigma || job.cell_points != plain.cell_points ||
        job.directions != plain.directions || !std::isnan(job.target_D))
      throw std::invalid_argument(fmt::format("--lattice, --blocks, --gain-a, --gain-s, --sigma, --cell-points, "
                                              "--directions and --design apply to the lattice schemes ({}), not {}",
                                              schemes_with(kAxisLattice), scheme.name));
  }
  if (!applies(job.scheme, kAxisDitherScale) && job.dither_scale != Job{}.dither_scale)
    throw std::invalid_argument(fmt::format("--dither-scale applies to {}, not {}", schemes_with(kAxisDitherScale), scheme.name));
  if (!applies(job.scheme, kAxisGamma) && job.gamma != Job{}.gamma)
    throw std::invalid_argument(fmt::format("--gamma applies to {}, not {}", schemes_with(kAxisGamma), scheme.name));
  if (job.pit_bins != 0) {
    limits::check(limits::kPitBins, job.pit_bins, "--pit-bins");
    if (!limits::is_power_of_two(job.pit_bins))
      throw std::invalid_argument(fmt::format("--pit-bins must be a power of two, got {}", job.pit_bins));
  }
  if (scheme.check) scheme.check(job);
  if (circle && uint64_t{job.L} * histogram_groups(job) > kMaxIndexBins)
    throw std::invalid_argument(fmt::format("--L {} with {} quantizers or dither bins exceeds {} histogram bins", job.L,
                                            histogram_groups(job), kMaxIndexBins));
}

Plan make_cell_plan(LatticeKind lattice, uint64_t seed) {
  Plan plan;
  plan.key.kind = PipelineKind::lattice_cell;
  plan.key.lattice = lattice;
  plan.work_per_sample = traits(lattice).work_per_point;
  PipelineParams& p = plan.params;
  p.seed = seed;
  visit_lattice(lattice, [&](auto tag) {
    p.error_scale_exp = scale_exponent(LatticeCellSamples<typename decltype(tag)::type>::norm_bound());
  });
  return plan;
}

Plan make_plan(const Job& job) {
  validate(job);
  const SchemeTraits& scheme = traits(job.scheme);
  Plan plan;
  plan.key.kind = scheme.pipeline;
  plan.key.scheme = job.scheme;
  plan.key.source = job.source;
  plan.job = job;
  PipelineParams& p = plan.params;
  p.seed = job.seed;
  p.pit_bins = pit_bins_of(job);
  if (scheme.pipeline == PipelineKind::vector_scheme) {
    scheme.plan_tables(plan);
    return plan;
  }
  p.N = job.N;
  p.L = job.L;
  p.groups = histogram_groups(job);
  if (job.source == SourceKind::circle) {
    p.step = circle_step(job.L);
    p.index_lo = 0;
    p.index_count = job.L;
    // Every circle scheme keeps the angle error within a step (and a chord is at most 2).
    p.error_scale_exp = scale_exponent(std::min(4.0, p.step * p.step));
  } else {
    p.step = job.step;
    p.loc = job.loc;
    p.scale = job.scale;
    visit_line_law(job.source, job.loc, job.scale, [&](const auto& law) { plan_line_source(plan, law); });
  }
  return plan;
}

}  // namespace rdp
