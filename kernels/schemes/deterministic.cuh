#pragma once
// Classical entropy-coded scalar quantization with the centroid decoder (docs/theory.md §2.4):
// i = round(x/Delta), X^ = E[X | cell i]. No perception constraint: the R(D, inf)
// reference.
#include "../pipeline_params.cuh"
#include "../rng.cuh"
#include "../sources.cuh"
#include "line_outcome.cuh"

namespace rdp {

template <class Source>
struct Deterministic {
  // E[X | a <= X < b] = a + int_a^b (x - a) p(x) dx / mass, with the integral from
  // G left of the median (Delta*F(b) - G(b) + G(a)) and from H right of it
  // (H(a) - H(b) - Delta*S(b)), so tail cells keep their relative precision.
  RDP_HD static double centroid(const LocationScale<Source>& law, int64_t i, double step) {
    const double a = (static_cast<double>(i) - 0.5) * step;
    const double b = a + step;
    double mass, moment;
    if (a < law.median()) {
      mass = law.cdf(b) - law.cdf(a);
      moment = step * law.cdf(b) - (law.integrated_cdf(b) - law.integrated_cdf(a));
    } else {
      mass = law.sf(a) - law.sf(b);
      moment = law.integrated_sf(a) - law.integrated_sf(b) - step * law.sf(b);
    }
    return mass > 0.0 ? a + moment / mass : a + 0.5 * step;
  }

  RDP_HD static double draw(const PipelineParams& p, const SampleRandoms& r) {
    return source_law<Source>(p).tail_quantile(r.tail_u, r.upper != 0);
  }

  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms&, double x) {
    const int64_t i = static_cast<int64_t>(floor(x / p.step + 0.5));
    const uint32_t bin = window_bin(p, i, 0);
    return {bin, bin != kOutsideWindow ? p.centroids[i - p.index_lo] : centroid(source_law<Source>(p), i, p.step)};
  }

  RDP_HD static SampleOutcome score(const PipelineParams& p, double x, const Reconstruction& c) {
    return line_outcome(source_law<Source>(p), x, c);
  }
};

}  // namespace rdp
