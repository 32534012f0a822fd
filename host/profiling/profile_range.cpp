#include "host/profiling/profile_range.hpp"

#include <fmt/format.h>

#include "host/lattices/lattice_traits.hpp"
#include "host/schemes/scheme_traits.hpp"

namespace rdp {

std::string profile_label(const Job& job) {
  std::string label = fmt::format("{}/{}", to_string(job.scheme), to_string(job.source));
  if (applies(job.scheme, kAxisLattice)) label += fmt::format(" {}x{}", to_string(job.lattice), job.blocks);
  if (applies(job.scheme, kAxisN)) label += fmt::format(" N={}", job.N);
  if (job.source == SourceKind::circle)
    label += fmt::format(" L={}", job.L);
  else
    label += fmt::format(" step={}", job.step);
  return label;
}

}  // namespace rdp
