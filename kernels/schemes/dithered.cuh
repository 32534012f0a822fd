#pragma once
// Universal dithered quantization (docs/theory.md §2.3): common dither Z ~ U[-Delta/2, Delta/2),
// k = round((x + z)/Delta), y = k*Delta - z = x + Z~ with Z~ independent of X.
// With post-processing, X^ = phi(y) = F^-1(F_Y(y)) has the law of X; without it
// (dithered-raw), X^ = y. The dither's bin is the histogram group, so the same
// histogram gives H(k) and the binned H(k | Z).
#include "../pipeline_params.cuh"
#include "../rng.cuh"
#include "../sources.cuh"
#include "line_outcome.cuh"

namespace rdp {

// phi(y) = F^-1(F_Y(y)) with F_Y(y) = (G(y + Delta/2) - G(y - Delta/2)) / Delta, or
// its survival form (H(y - Delta/2) - H(y + Delta/2)) / Delta right of the median.
template <class Source>
RDP_HD double dither_post_process(double y, double step) {
  const double h = 0.5 * step;
  if (y < Source::median())
    return Source::icdf((Source::integrated_cdf(y + h) - Source::integrated_cdf(y - h)) / step);
  return Source::isf((Source::integrated_sf(y - h) - Source::integrated_sf(y + h)) / step);
}

template <class Source, bool kPostProcess>
struct Dithered {
  RDP_HD static double draw(const PipelineParams&, const SampleRandoms& r) { return Source::tail_quantile(r.tail_u, r.upper != 0); }

  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms& r, double x) {
    const double z = (unit_from_word(r.common) - 0.5) * p.step;
    const double index = floor((x + z) / p.step + 0.5);
    // Exact: |index| stays far below 2^51 (sources reach |x| < 38, Delta >= 1e-5).
    const int64_t k = portable::integer_from_double(index);
    const double y = index * p.step - z;
    return {window_bin(p, k, index_from_word(r.common, p.groups)), kPostProcess ? dither_post_process<Source>(y, p.step) : y};
  }

  RDP_HD static SampleOutcome score(const PipelineParams&, double x, const Reconstruction& c) {
    return line_outcome<Source>(x, c);
  }
};

}  // namespace rdp
