#pragma once
// Turn a Tally's integers into estimates with their uncertainty.
#include <cstdint>
#include <vector>

#include "host/job.hpp"

namespace rdp {

struct MeanEstimate {
  double mean = 0.0;
  double se = 0.0;
};

// Mean and standard error of the per-sample error from its fixed-point moments.
MeanEstimate error_mean(const ErrorMoments& m, uint64_t samples, int scale_exp);

// Plug-in entropy (bits) of `index` given `group` for a histogram laid out as
// bin = index * groups + group, and of `index` alone; with delta-method standard errors.
EntropyEstimate conditional_entropy(const std::vector<uint64_t>& hist, uint32_t groups);
EntropyEstimate marginal_entropy(const std::vector<uint64_t>& hist, uint32_t groups);

}  // namespace rdp
