#pragma once
// Closest points of many vectors at once on the device, for host C++ (no CUDA syntax):
// `count` points of the lattice's dimension, row after row, quantized to scale * L.
#include <cstddef>

#include "kinds.cuh"

namespace rdp {

// points and out are host memory of count * dim doubles.
void quantize_points_on_device(LatticeKind lattice, double scale, const double* points, double* out, size_t count);

}  // namespace rdp
