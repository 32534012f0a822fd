#pragma once
// Maps a LatticeKind to its closest-point type (lattices.cuh).
#include <stdexcept>

#include "../kinds.cuh"
#include "../type_tag.cuh"
#include "lattices.cuh"

namespace rdp {

// Calls visitor(TypeTag<Lattice>{}).
template <class Visitor>
decltype(auto) visit_lattice(LatticeKind kind, Visitor&& visitor) {
  switch (kind) {
    case LatticeKind::Z: return visitor(TypeTag<lattice::IntegerLattice>{});
    case LatticeKind::A2: return visitor(TypeTag<lattice::HexagonalLattice>{});
    case LatticeKind::D3: return visitor(TypeTag<lattice::CheckerboardLattice<3>>{});
    case LatticeKind::D3_dual: return visitor(TypeTag<lattice::CheckerboardDual<3>>{});
    case LatticeKind::D4: return visitor(TypeTag<lattice::CheckerboardLattice<4>>{});
    case LatticeKind::E8: return visitor(TypeTag<lattice::GossetLattice>{});
    case LatticeKind::BW16: return visitor(TypeTag<lattice::BarnesWallLattice>{});
    case LatticeKind::Leech: return visitor(TypeTag<lattice::LeechLattice>{});
  }
  throw std::logic_error("visit_lattice: unknown lattice");
}

}  // namespace rdp
