#pragma once
// A mean and its standard error from fixed-point moments (docs/theory.md §5.2).
#include <cstdint>

#include "kernels/accumulators.cuh"

namespace rdp {

struct MeanEstimate {
  double mean = 0.0;
  double se = 0.0;
};

// Mean and standard error of a per-sample value (a squared error, a squared norm) from
// its fixed-point moments, with scale 2^scale_exp (ErrorScale).
MeanEstimate error_mean(const ErrorMoments& m, uint64_t samples, int scale_exp);

}  // namespace rdp
