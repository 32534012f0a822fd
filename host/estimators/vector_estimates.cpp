#include "host/estimators/vector_estimates.hpp"

#include <cmath>
#include <vector>

#include "host/estimators/mean.hpp"
#include "host/estimators/perception.hpp"
#include "host/exact/gaussian_rdp.hpp"
#include "kernels/sources.cuh"

namespace rdp {
namespace {

std::vector<uint64_t> channel(const Tally& tally, uint32_t c, uint32_t bins) {
  return {tally.pit_hist.begin() + static_cast<ptrdiff_t>(c) * bins,
          tally.pit_hist.begin() + static_cast<ptrdiff_t>(c + 1) * bins};
}

}  // namespace

void estimate_vector(const Plan& plan, const Tally& tally, Result& r) {
  const PipelineParams& p = plan.params;
  const Job& job = plan.job;
  VectorFigures v;
  v.dim = p.pit_channels - p.directions;
  v.cell_points = p.cell_point_count > 0 ? static_cast<uint32_t>(std::lround(1.0 / p.inverse_cell_points_per_axis)) : 0;
  const double n = v.dim;
  const MeanEstimate error = error_mean(tally.moments.errors, tally.samples, p.error_scale_exp);
  r.distortion = error.mean / n;
  r.distortion_se = error.se / n;
  const MeanEstimate power = error_mean(tally.moments.output_power, tally.samples, p.error_scale_exp);
  v.output_power = power.mean / n;
  v.output_power_se = power.se / n;
  const MeanEstimate bits = error_mean(tally.moments.information, tally.samples, p.info_scale_exp);
  const MeanEstimate bias = error_mean(tally.moments.information_bias, tally.samples, p.info_scale_exp);
  r.rate = {(bits.mean - p.info_offset) / n, bits.se / n, bias.mean / n};
  r.rate_marginal = r.rate;
  r.saturated += tally.moments.information.saturated + tally.moments.output_power.saturated;

  // Every channel against N(0, sigma^2): a coordinate's law, and theta . X's for a unit theta.
  const double sigma = p.sigma;
  const auto law = [sigma](double u) { return sigma * quantile<GaussianSource>(u); };
  for (uint32_t c = 0; c < p.pit_channels; ++c) {
    const Perception per = line_perception(channel(tally, c, p.pit_bins), law);
    const double w2sq = per.w2 ? *per.w2 * *per.w2 : 0.0;
    if (c < p.directions) {
      v.sw2sq += w2sq / p.directions;
    } else {
      v.w2sq_per_dim += w2sq / n;
      if (c == p.directions) r.perception = per;
    }
  }
  switch (job.scheme) {
    case SchemeKind::lattice_sd: v.common_bits_per_dim.reset(); break;
    case SchemeKind::lattice_qsd: v.common_bits_per_dim = std::log2(static_cast<double>(job.gamma)); break;
    default: v.common_bits_per_dim = 0.0; break;
  }
  v.rdp_bound_bits = gaussian::rdp_bits(r.distortion, v.sw2sq, sigma);
  r.vector = v;
}

}  // namespace rdp
