#pragma once
// One sample through a scalar scheme's three stages: draw the source, code it (encoder
// and decoder), score the reconstruction. The CUDA kernel runs them back to back in each
// thread; the CPU backend runs each stage over a batch of samples, because one sample's
// stages form a single chain of dependent divisions, logs and exps that a core cannot
// overlap with the next sample's unless the two are interleaved.
#include "accumulators.cuh"
#include "pipeline_params.cuh"
#include "rng.cuh"

namespace rdp {

template <class Scheme>
RDP_HD SampleOutcome run_sample(const PipelineParams& p, const SampleRandoms& r) {
  const double x = Scheme::draw(p, r);
  return Scheme::score(p, x, Scheme::code(p, r, x));
}

// A scalar scheme as a pipeline (dispatch.cuh): sample s drawn, coded, scored and added.
template <class SchemeT>
struct ScalarSamples {
  using Scheme = SchemeT;
  static constexpr bool kVectorMoments = false;  // errors, the outside count and the histograms only
  template <class Counters>
  RDP_HD static void accumulate(const PipelineParams& p, uint64_t s, const ErrorScale& scale, Moments& moments,
                                Counters& counters) {
    add_sample(sample_terms(run_sample<Scheme>(p, draw_randoms(p.seed, s)), scale, p.pit_bins), moments, counters);
  }
};

}  // namespace rdp
