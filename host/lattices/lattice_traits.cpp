#include "host/lattices/lattice_traits.hpp"

#include <cmath>
#include <stdexcept>

#include "kernels/lattices/lattice_dispatch.cuh"

namespace rdp {

const std::vector<LatticeTraits>& all_lattices() {
  static const std::vector<LatticeTraits> table = {
      {LatticeKind::Z, "Z", "the integers: the scalar quantizer; Z^n with --blocks n", 1.0 / 12.0, 1.0},
      {LatticeKind::A2, "A2", "the hexagonal lattice", 5.0 / (36.0 * std::sqrt(3.0)), 2.0},
      {LatticeKind::D3, "D3", "the face-centred cubic lattice", 1.0 / (8.0 * std::cbrt(4.0)), 2.0},
      {LatticeKind::D3_dual, "D3*", "the body-centred cubic lattice", 19.0 / (192.0 * std::cbrt(2.0)), 2.0},
      {LatticeKind::D4, "D4", "the checkerboard lattice in 4 dimensions", 13.0 / (120.0 * std::sqrt(2.0)), 3.0},
      {LatticeKind::E8, "E8", "the Gosset lattice, D8 u (D8 + 1/2)", 929.0 / 12960.0, 6.0},
      // Lambda16 and Lambda24: the numerical values of SPLAG Table 2.3 (no closed form).
      {LatticeKind::BW16, "BW16", "the Barnes-Wall lattice Lambda16, RM(1,4) + 2 D16", 0.0682989, 60.0},
      {LatticeKind::Leech, "Leech", "the Leech lattice Lambda24, over the Golay code", 0.0657710, 5000.0},
  };
  return table;
}

const LatticeTraits& traits(LatticeKind kind) {
  for (const LatticeTraits& t : all_lattices())
    if (t.kind == kind) return t;
  throw std::logic_error("traits: a LatticeKind without an entry in lattice_traits.cpp");
}

std::optional<LatticeKind> parse_lattice(const std::string& name) {
  for (const LatticeTraits& t : all_lattices())
    if (name == t.name) return t.kind;
  return std::nullopt;
}

const char* to_string(LatticeKind kind) { return traits(kind).name; }

std::vector<std::string> lattice_names() {
  std::vector<std::string> names;
  for (const LatticeTraits& t : all_lattices()) names.push_back(t.name);
  return names;
}

std::string lattice_choices(const char* separator) {
  std::string out;
  for (const LatticeTraits& t : all_lattices()) out += (out.empty() ? "" : separator) + std::string(t.name);
  return out;
}

int lattice_dimension(LatticeKind kind) {
  return visit_lattice(kind, [](auto tag) { return decltype(tag)::type::kDim; });
}

}  // namespace rdp
