// Host hooks of multiquan and its eq. (6) variant (docs/theory.md §2.1, §2.2, §2.6):
// limits, the threshold order, and the decoder table of a_j over the histogram window.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "host/limits.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/multiquan_thresholds.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "kernels/dispatch.cuh"
#include "kernels/rng.cuh"

namespace rdp {
namespace {

// Whole rows of N boundaries, no more than a histogram holds, in order.
void check_thresholds(const Job& job) {
  if (job.source == SourceKind::circle) throw std::invalid_argument("thresholds apply to 1-D sources only, not circle");
  const auto& c = job.thresholds;
  if (c.size() % job.N != 0 || job.thresholds_first % static_cast<int64_t>(job.N) != 0)
    throw std::invalid_argument(fmt::format(
        "thresholds must cover whole rows of N = {} boundaries: got {} starting at index {}", job.N, c.size(),
        job.thresholds_first));
  if (c.size() > kMaxIndexBins)
    throw std::invalid_argument(fmt::format("{} thresholds is too many (at most {})", c.size(), kMaxIndexBins));
  if (const auto bad = first_disorder(c, job.thresholds_first, job.N, job.step)) {
    if (!std::isfinite(bad->value)) throw std::invalid_argument(fmt::format("threshold {} is not a finite number", bad->j));
    throw std::invalid_argument(fmt::format("thresholds must not decrease: c[{}] = {} is below c[{}] = {}{}", bad->j,
                                            bad->value, bad->j - 1, bad->previous,
                                            bad->on_grid ? " (the uniform grid outside the file)" : ""));
  }
}

template <class Source>
void fill_recon_table(Plan& plan, int64_t recon_shift) {
  PipelineParams& p = plan.params;
  p.recon_shift = recon_shift;
  plan.boundaries = plan.job.thresholds;
  p.boundary_lo = plan.job.thresholds_first;
  p.boundary_count = static_cast<uint32_t>(plan.job.thresholds.size());
  const PipelineParams with_boundaries = plan.host_params();
  const int64_t first = static_cast<int64_t>(p.N) * p.index_lo - recon_shift;
  plan.recon.resize(static_cast<size_t>(p.index_count) * p.N + 1);
  for (size_t k = 0; k < plan.recon.size(); ++k)
    plan.recon[k] = Multiquan<Source>::recon_boundary(with_boundaries, first + static_cast<int64_t>(k));
}

}  // namespace

std::optional<ThresholdDisorder> first_disorder(const std::vector<double>& c, int64_t first, uint32_t N,
                                                double step) {
  const int64_t end = first + static_cast<int64_t>(c.size());
  double previous = uniform_offset_boundary(first - 1, N, step);
  for (int64_t j = first; j <= end; ++j) {
    const double value = j < end ? c[static_cast<size_t>(j - first)] : uniform_offset_boundary(end, N, step);
    if (!std::isfinite(value) || value < previous) return ThresholdDisorder{j, value, previous, j == first || j == end};
    previous = value;
  }
  return std::nullopt;
}

void check_multiquan(const Job& job) {
  if (!job.thresholds.empty()) check_thresholds(job);
  if (job.source == SourceKind::circle) return;
  const double span = visit_line_law(job.source, job.loc, job.scale,
                                     [](const auto& law) { return law.isf(kMinSourceU) - law.icdf(kMinSourceU); });
  const double rows = std::min(span / job.step + 5.0, static_cast<double>(kMaxIndexBins) / job.N);
  const double work = rows * job.N * job.N;
  if (work > limits::kMaxTableWork)
    throw std::invalid_argument(fmt::format(
        "--N {} with --step {} needs {:.2g} CDF evaluations for the decoder table (limit {:.0g}): use a smaller "
        "N or a larger step", job.N, job.step, work, limits::kMaxTableWork));
}

void plan_multiquan_tables(Plan& plan) {
  visit_line_source(plan.job.source, [&](auto tag) { fill_recon_table<typename decltype(tag)::type>(plan, 0); });
}

// The eq. (6) decoder reads a_{j - N} for cell j: every interval one cell low.
void plan_multiquan_eq6_tables(Plan& plan) {
  visit_line_source(plan.job.source,
                    [&](auto tag) { fill_recon_table<typename decltype(tag)::type>(plan, plan.job.N); });
}

}  // namespace rdp
