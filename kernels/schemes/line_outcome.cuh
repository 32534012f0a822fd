#pragma once
// The last stage of every 1-D scheme: squared error and the PIT F(X^).
#include "../pipeline_params.cuh"
#include "../sources.cuh"

namespace rdp {

template <class Source>
RDP_HD SampleOutcome line_outcome(double x, const Reconstruction& c) {
  SampleOutcome out;
  out.bin = c.bin;
  out.sq_error = (x - c.x_hat) * (x - c.x_hat);
  out.pit = Source::cdf(c.x_hat);
  return out;
}

}  // namespace rdp
