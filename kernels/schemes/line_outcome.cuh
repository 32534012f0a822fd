#pragma once
// What every 1-D scheme shares: the source's law as the parameters set it, and the last
// stage, the squared error and the PIT F(X^).
#include "../pipeline_params.cuh"
#include "../sources.cuh"

namespace rdp {

// X = p.loc + p.scale * Z for the standard law Source.
template <class Source>
RDP_HD LocationScale<Source> source_law(const PipelineParams& p) {
  return {p.loc, p.scale};
}

template <class Law>
RDP_HD SampleOutcome line_outcome(const Law& law, double x, const Reconstruction& c) {
  SampleOutcome out;
  out.bin = c.bin;
  out.sq_error = (x - c.x_hat) * (x - c.x_hat);
  out.pit = law.cdf(c.x_hat);
  return out;
}

}  // namespace rdp
