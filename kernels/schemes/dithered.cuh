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
template <class Law>
RDP_HD double dither_post_process(const Law& law, double y, double step) {
  const double h = 0.5 * step;
  if (y < law.median()) return law.icdf((law.integrated_cdf(y + h) - law.integrated_cdf(y - h)) / step);
  return law.isf((law.integrated_sf(y - h) - law.integrated_sf(y + h)) / step);
}

template <class Source, bool kPostProcess>
struct Dithered {
  RDP_HD static double draw(const PipelineParams& p, const SampleRandoms& r) {
    return source_law<Source>(p).tail_quantile(r.tail_u, r.upper != 0);
  }

  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms& r, double x) {
    int64_t k;
    return code(p, r, x, k);
  }

  // code() that also gives the transmitted index k = round((x + z)/step) for r's dither z.
  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms& r, double x, int64_t& k) {
    const double z = (unit_from_word(r.common) - 0.5) * p.step;
    const double index = floor((x + z) / p.step + 0.5);
    // Exact: |index| stays far below 2^51 (draws reach |x| < |loc| + 38 scale, and
    // host/limits.hpp keeps |loc| <= 1e6 scale and Delta >= 1e-5 scale; quantize_array
    // refuses values beyond 2^50 step).
    k = portable::integer_from_double(index);
    const double y = index * p.step - z;
    return {window_bin(p, k, index_from_word(r.common, p.groups)),
            kPostProcess ? dither_post_process(source_law<Source>(p), y, p.step) : y};
  }

  RDP_HD static SampleOutcome score(const PipelineParams& p, double x, const Reconstruction& c) {
    return line_outcome(source_law<Source>(p), x, c);
  }
};

}  // namespace rdp
