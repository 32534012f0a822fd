#pragma once
// A lattice vector scheme's Tally turned into its estimates (docs/theory.md §5.4, §5.7):
// per-dimension rate with its standard error and Jensen-bias estimate, distortion and
// output power per dimension, W2^2 along each direction and coordinate, R(D, P).
#include "host/job.hpp"
#include "host/plan/plan.hpp"

namespace rdp {

// Fills r.rate, r.distortion(_se), r.perception (first coordinate) and r.vector.
void estimate_vector(const Plan& plan, const Tally& tally, Result& r);

}  // namespace rdp
