// One thread per point: the lattice's closest-point search, the same code the CPU runs.
#include <thrust/copy.h>
#include <thrust/device_vector.h>

#include <stdexcept>
#include <string>

#include "lattices/cell_point.cuh"
#include "lattices/lattice_dispatch.cuh"
#include "quantize_points.cuh"

namespace rdp {
namespace {

template <class L>
__global__ void quantize_kernel(double scale, const double* points, double* out, size_t count) {
  const size_t k = static_cast<size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (k >= count) return;
  double x[L::kDim], q[L::kDim];
  for (int i = 0; i < L::kDim; ++i) x[i] = points[k * L::kDim + i];
  lattice::closest_scaled<L>(x, scale, q);
  for (int i = 0; i < L::kDim; ++i) out[k * L::kDim + i] = q[i];
}

}  // namespace

void quantize_points_on_device(LatticeKind lattice, double scale, const double* points, double* out, size_t count) {
  visit_lattice(lattice, [&](auto tag) {
    using L = typename decltype(tag)::type;
    const size_t values = count * L::kDim;
    thrust::device_vector<double> in(points, points + values), result(values);
    constexpr int kBlock = 128;
    const unsigned blocks = static_cast<unsigned>((count + kBlock - 1) / kBlock);
    if (blocks > 0)
      quantize_kernel<L><<<blocks, kBlock>>>(scale, thrust::raw_pointer_cast(in.data()),
                                             thrust::raw_pointer_cast(result.data()), count);
    const cudaError_t status = cudaDeviceSynchronize();
    if (status != cudaSuccess) throw std::runtime_error(std::string("quantize_kernel: ") + cudaGetErrorString(status));
    thrust::copy(result.begin(), result.end(), out);
  });
}

}  // namespace rdp
