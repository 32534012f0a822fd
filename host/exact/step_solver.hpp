#pragma once
// Comparisons at equal rate or equal distortion: the step at which a 1-D scheme's exact
// rate H (rate_bits) or distortion D equals a target, by root-finding on `rdpsim
// exact` (docs/theory.md §6.7). No interpolation between grid points is involved.
#include <cmath>

#include "host/exact/exact.hpp"
#include "host/job.hpp"

namespace rdp {

inline bool has_step_target(const Job& job) { return !std::isnan(job.target_rate) || !std::isnan(job.target_distortion); }

// Sets job.step so that the target of job.target_rate or job.target_distortion is met
// to a relative 1e-12 (or the step is pinned down to the last bits of a double), and
// returns the exact evaluation there. Throws std::invalid_argument naming the target
// when no step in the allowed range reaches it, or the job has no exact evaluation.
ExactResult solve_step(Job& job);

}  // namespace rdp
