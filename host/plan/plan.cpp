#include "host/plan/plan.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "kernels/dispatch.cuh"
#include "kernels/rng.cuh"
#include "host/exact/quadrature.hpp"

namespace rdp {
namespace {


// Index range [lo, hi] that every reachable source value lands in, for the scheme's
// encoder; the source draw is bounded by the quantiles at kMinSourceU (rng.cuh).
template <class Source>
std::pair<int64_t, int64_t> reachable_indices(const Job& job) {
  const double x_min = Source::icdf(kMinSourceU) / job.step;
  const double x_max = Source::isf(kMinSourceU) / job.step;
  switch (job.scheme) {
    case SchemeKind::multiquan:
    case SchemeKind::multiquan_eq6:
      return {static_cast<int64_t>(std::floor(x_min - 1.0 + 0.5)) - 1,
              static_cast<int64_t>(std::floor(x_max + 0.5)) + 1};
    case SchemeKind::deterministic:
      return {static_cast<int64_t>(std::floor(x_min + 0.5)) - 1, static_cast<int64_t>(std::floor(x_max + 0.5)) + 1};
    case SchemeKind::dithered:
    case SchemeKind::dithered_raw:
      return {static_cast<int64_t>(std::floor(x_min)) - 1, static_cast<int64_t>(std::floor(x_max + 1.0)) + 1};
  }
  throw std::logic_error("reachable_indices");
}

uint32_t histogram_groups(const Job& job) {
  switch (job.scheme) {
    case SchemeKind::multiquan:
    case SchemeKind::multiquan_eq6: return job.N;
    case SchemeKind::dithered:
    case SchemeKind::dithered_raw: return job.dither_bins;
    case SchemeKind::deterministic: return 1;
  }
  return 1;
}

// Smallest e with bound <= 2^(e-2): a factor 4 of headroom over the a-priori bound.
int scale_exponent(double bound) {
  int e = 0;
  std::frexp(bound, &e);
  return e + 2;
}

template <class Source>
void plan_line_source(Plan& plan) {
  const Job& job = plan.job;
  PipelineParams& p = plan.params;
  auto [lo, hi] = reachable_indices<Source>(job);
  if (!job.thresholds.empty()) {  // general thresholds move indices off the uniform grid's
    lo -= 2;
    hi += 2;
  }
  plan.reachable_lo = lo;
  plan.reachable_hi = hi;
  const uint64_t max_indices = kMaxIndexBins / p.groups;
  if (static_cast<uint64_t>(hi - lo + 1) > max_indices) {
    // Keep the window centred on the median's cell: the mass it loses is in the tails.
    const int64_t centre = static_cast<int64_t>(std::floor(Source::median() / job.step + 0.5));
    lo = centre - static_cast<int64_t>(max_indices / 2);
    hi = lo + static_cast<int64_t>(max_indices) - 1;
  }
  p.index_lo = lo;
  p.index_count = static_cast<uint32_t>(hi - lo + 1);
  // |X - X^| <= Delta for the 1-D schemes: multiquan and the centroid decoder stay in
  // the cell, and phi(y) lies within Delta/2 of y, which lies within Delta/2 of x
  // (2 Delta for multiquan-eq6, whose interval is one cell off). Apart
  // from dithered-raw, X and X^ are also both quantiles of the source, so for steps far
  // beyond the source's scale its quantile span is the tighter bound (and keeps the
  // fixed-point resolution of the squared errors).
  const double span = Source::isf(exact::kSmallestProbability) - Source::icdf(exact::kSmallestProbability);
  const double cell_reach = job.scheme == SchemeKind::multiquan_eq6 ? 2.0 * job.step : job.step;
  const double reach = job.scheme == SchemeKind::dithered_raw ? 0.5 * job.step : std::min(cell_reach, span);
  p.error_scale_exp = scale_exponent(reach * reach);

  if (is_multiquan(job.scheme)) {
    p.recon_shift = job.scheme == SchemeKind::multiquan_eq6 ? job.N : 0;
    plan.boundaries = job.thresholds;
    p.boundary_lo = job.thresholds_first;
    p.boundary_count = static_cast<uint32_t>(job.thresholds.size());
    const PipelineParams with_boundaries = plan.host_params();
    const int64_t first = static_cast<int64_t>(job.N) * lo - p.recon_shift;
    plan.recon.resize(static_cast<size_t>(p.index_count) * job.N + 1);
    for (size_t k = 0; k < plan.recon.size(); ++k)
      plan.recon[k] = Multiquan<Source>::recon_boundary(with_boundaries, first + static_cast<int64_t>(k));
  } else if (job.scheme == SchemeKind::deterministic) {
    plan.centroids.resize(p.index_count);
    for (uint32_t k = 0; k < p.index_count; ++k) plan.centroids[k] = Deterministic<Source>::centroid(lo + k, job.step);
  }
}

// General thresholds: whole rows of N boundaries, finite, and non-decreasing together
// with the uniform grid they are spliced into.
void validate_thresholds(const Job& job) {
  if (job.scheme != SchemeKind::multiquan)
    throw std::invalid_argument(fmt::format("thresholds apply to scheme multiquan only, not {}", to_string(job.scheme)));
  if (job.source == SourceKind::circle) throw std::invalid_argument("thresholds apply to 1-D sources only, not circle");
  const auto& c = job.thresholds;
  if (c.size() % job.N != 0 || job.thresholds_first % static_cast<int64_t>(job.N) != 0)
    throw std::invalid_argument(fmt::format(
        "thresholds must cover whole rows of N = {} boundaries: got {} starting at index {}", job.N, c.size(),
        job.thresholds_first));
  if (c.size() > kMaxIndexBins) throw std::invalid_argument(fmt::format("{} thresholds is too many", c.size()));
  auto uniform = [&](int64_t j) { return uniform_offset_boundary(j, job.N, job.step); };
  double previous = uniform(job.thresholds_first - 1);
  for (size_t k = 0; k <= c.size(); ++k) {
    const double value = k < c.size() ? c[k] : uniform(job.thresholds_first + static_cast<int64_t>(c.size()));
    if (!std::isfinite(value))
      throw std::invalid_argument(
          fmt::format("threshold {} is not a finite number", job.thresholds_first + static_cast<int64_t>(k)));
    if (value < previous)
      throw std::invalid_argument(fmt::format(
          "thresholds must not decrease: c[{}] = {} is below c[{}] = {}{}",
          job.thresholds_first + static_cast<int64_t>(k), value, job.thresholds_first + static_cast<int64_t>(k) - 1,
          previous, k == 0 || k == c.size() ? " (the uniform grid outside the file)" : ""));
    previous = value;
  }
}

}  // namespace

void validate(const Job& job) {
  const bool circle = job.source == SourceKind::circle;
  if (job.samples == 0) throw std::invalid_argument("--samples must be positive, got 0");
  if (job.N < 1 || job.N > 65536) throw std::invalid_argument(fmt::format("--N must be in [1, 65536], got {}", job.N));
  if (job.N != 1 && !is_multiquan(job.scheme))
    throw std::invalid_argument(fmt::format("--N {} applies to scheme multiquan only, not {}", job.N, to_string(job.scheme)));
  if (!job.thresholds.empty()) validate_thresholds(job);
  if (circle && job.scheme == SchemeKind::multiquan_eq6)
    throw std::invalid_argument("--scheme multiquan-eq6 is defined for 1-D sources only, not circle");
  if (circle) {
    if (job.L < 1 || job.L > 65536)
      throw std::invalid_argument(fmt::format("--L must be in [1, 65536] for the circle source, got {}", job.L));
  } else {
    if (job.L != 0) throw std::invalid_argument(fmt::format("--L {} applies to the circle source only", job.L));
    // Below 1e-5 the tail-safe closed forms lose digits to cancellation (errors of order
    // eps/step), and the histogram window no longer covers the source; above 100 every
    // source sits in one cell.
    if (!(job.step >= 1e-5 && job.step <= 100.0))
      throw std::invalid_argument(fmt::format("--step must be in [1e-5, 100], got {}", job.step));
  }
  if (is_dithered(job.scheme) && (job.dither_bins < 1 || job.dither_bins > 65536))
    throw std::invalid_argument(fmt::format("--dither-bins must be in [1, 65536], got {}", job.dither_bins));
  if (job.pit_bins < 16 || job.pit_bins > (1u << 24) || (job.pit_bins & (job.pit_bins - 1)) != 0)
    throw std::invalid_argument(fmt::format("--pit-bins must be a power of two in [16, 16777216], got {}", job.pit_bins));
  if (is_multiquan(job.scheme) && !circle) {
    // Each decoder-table entry sums N CDFs: refuse at once what would run for hours.
    const double span = visit_line_source(job.source, [](auto tag) {
      using Source = typename decltype(tag)::type;
      return Source::isf(kMinSourceU) - Source::icdf(kMinSourceU);
    });
    const double rows = std::min(span / job.step + 5.0, static_cast<double>(kMaxIndexBins) / job.N);
    const double work = rows * job.N * job.N;
    constexpr double kMaxTableWork = 2e9;
    if (work > kMaxTableWork)
      throw std::invalid_argument(fmt::format(
          "--N {} with --step {} needs {:.2g} CDF evaluations for the decoder table (limit {:.0g}): use a smaller "
          "N or a larger step", job.N, job.step, work, kMaxTableWork));
  }
  if (circle && uint64_t{job.L} * histogram_groups(job) > kMaxIndexBins)
    throw std::invalid_argument(fmt::format("--L {} with {} quantizers or dither bins exceeds {} histogram bins", job.L,
                                            histogram_groups(job), kMaxIndexBins));
}

Plan make_plan(const Job& job) {
  validate(job);
  Plan plan;
  plan.job = job;
  PipelineParams& p = plan.params;
  p.seed = job.seed;
  p.N = job.N;
  p.L = job.L;
  p.groups = histogram_groups(job);
  p.pit_bins = job.pit_bins;
  if (job.source == SourceKind::circle) {
    p.step = circle_step(job.L);
    p.index_lo = 0;
    p.index_count = job.L;
    // Every circle scheme keeps the angle error within a step (and a chord is at most 2).
    p.error_scale_exp = scale_exponent(std::min(4.0, p.step * p.step));
  } else {
    p.step = job.step;
    visit_line_source(job.source, [&](auto tag) { plan_line_source<typename decltype(tag)::type>(plan); });
  }
  return plan;
}

}  // namespace rdp
