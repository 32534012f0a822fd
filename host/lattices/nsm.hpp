#pragma once
// `rdpsim nsm`: the normalized second moment G = E||U||^2 / (m V^(2/m)) of a lattice,
// U uniform on its Voronoi cell, by Monte Carlo with its standard error (docs/theory.md §3.1).
#include <cstdint>
#include <string>

#include "host/backends/backend.hpp"

namespace rdp {

struct NsmResult {
  LatticeKind lattice = LatticeKind::Z;
  int dim = 0;
  uint64_t samples = 0, seed = 0;
  double nsm = 0.0, nsm_se = 0.0;
  double nsm_reference = 0.0;  // Conway & Sloane's value
  std::string backend, device;
  double elapsed_s = 0.0, points_per_s = 0.0;
};

NsmResult measure_nsm(LatticeKind lattice, uint64_t samples, uint64_t seed, Backend& backend, bool progress);

std::string json_line(const NsmResult& r);
std::string nsm_table(const NsmResult& r);

}  // namespace rdp
