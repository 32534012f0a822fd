#pragma once
// Plug-in entropies of index histograms, with their standard errors and bias estimates
// (docs/theory.md §5.3).
#include <cstdint>
#include <vector>

#include "host/job.hpp"

namespace rdp {

// Plug-in entropy (bits) of `index` given `group` for a histogram laid out as
// bin = index * groups + group, and of `index` alone; with delta-method standard errors
// and Miller's first-order bias.
EntropyEstimate conditional_entropy(const std::vector<uint64_t>& hist, uint32_t groups);
EntropyEstimate marginal_entropy(const std::vector<uint64_t>& hist, uint32_t groups);

}  // namespace rdp
