#pragma once
// What every quadrature evaluator of a 1-D scheme sums over: the cells a source draw
// can reach, and the plug-in entropy term of each.
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

#include "host/plan/plan.hpp"

namespace rdp::exact {

inline double entropy_term(double p) { return p > 0.0 ? -p * std::log2(p) : 0.0; }

struct IndexRange {
  int64_t lo;
  uint64_t count;
};

// Every index a source draw reaches (not the simulation's capped histogram window):
// the sums must hold all the mass.
inline IndexRange reachable_indices(const Plan& plan, uint32_t cells_per_index) {
  const uint64_t count = static_cast<uint64_t>(plan.reachable_hi - plan.reachable_lo + 1);
  if (count * cells_per_index > kMaxIndexBins)
    throw std::invalid_argument(fmt::format("--step {} is too fine for `exact`: {} cells would be summed (limit {})",
                                            plan.job.step, count * cells_per_index, kMaxIndexBins));
  return {plan.reachable_lo, count};
}

}  // namespace rdp::exact
