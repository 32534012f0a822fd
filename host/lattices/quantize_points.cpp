#include "host/lattices/quantize_points.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "host/backends/backend.hpp"
#include "kernels/lattices/cell_point.cuh"
#include "kernels/lattices/lattice_dispatch.cuh"
#ifdef RDPSIM_WITH_CUDA
#include "kernels/quantize_points.cuh"
#endif

namespace rdp {

std::vector<double> quantize_points(LatticeKind lattice, double scale, const std::vector<double>& points,
                                    BackendKind backend) {
  const size_t dim = static_cast<size_t>(visit_lattice(lattice, [](auto tag) { return decltype(tag)::type::kDim; }));
  if (points.size() % dim != 0)
    throw std::invalid_argument(fmt::format("{} values are not whole points of dimension {}", points.size(), dim));
  std::vector<double> out(points.size());
  if (backend == BackendKind::cuda) {
    if (const std::string problem = cuda_unavailable_reason(); !problem.empty())
      throw std::invalid_argument(fmt::format("--backend cuda: {}", problem));
#ifdef RDPSIM_WITH_CUDA
    quantize_points_on_device(lattice, scale, points.data(), out.data(), points.size() / dim);
#endif
    return out;
  }
  visit_lattice(lattice, [&](auto tag) {
    using L = typename decltype(tag)::type;
    for (size_t k = 0; k < points.size(); k += L::kDim) {
      double x[L::kDim], q[L::kDim];
      for (int i = 0; i < L::kDim; ++i) x[i] = points[k + i];
      lattice::closest_scaled<L>(x, scale, q);
      for (int i = 0; i < L::kDim; ++i) out[k + i] = q[i];
    }
  });
  return out;
}

}  // namespace rdp
