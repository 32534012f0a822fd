#pragma once
// Closest points of many vectors at once (docs/theory.md §3.2), on the CPU or the GPU with
// the same search code: the GPU's result equals the CPU's bit for bit.
#include <vector>

#include "host/job.hpp"
#include "kernels/kinds.cuh"

namespace rdp {

// points: rows of the lattice's dimension; returns their closest points of scale * L.
// backend cuda throws std::invalid_argument when no device is usable.
std::vector<double> quantize_points(LatticeKind lattice, double scale, const std::vector<double>& points,
                                    BackendKind backend);

}  // namespace rdp
