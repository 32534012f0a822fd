#pragma once
// What the host knows about each lattice (docs/theory.md §3.4), one entry per lattice
// in lattice_traits.cpp: its name, the normalized second moment G that Conway & Sloane
// tabulate, and the relative cost of one closest-point search. Dimension, covolume and
// the algorithms themselves live with the kernels (kernels/lattices/lattices.cuh).
#include <optional>
#include <string>
#include <vector>

#include "kernels/kinds.cuh"

namespace rdp {

struct LatticeTraits {
  LatticeKind kind;
  const char* name;
  const char* help;
  double reference_nsm;  // G as Conway & Sloane tabulate it (SPLAG Table 2.3; closed forms where known)
  double work_per_point; // one closest-point search, relative to a scalar scheme's sample
};

const LatticeTraits& traits(LatticeKind kind);
const std::vector<LatticeTraits>& all_lattices();
std::optional<LatticeKind> parse_lattice(const std::string& name);
const char* to_string(LatticeKind kind);
std::string lattice_choices(const char* separator);
std::vector<std::string> lattice_names();
int lattice_dimension(LatticeKind kind);

// G of a ball in any dimension is at least that of the sphere bound, 1/(2 pi e).
constexpr double kSphereBoundNsm = 0.05854983152431917;

}  // namespace rdp
