#include "host/exact/exact.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "host/lattices/lattice_traits.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/schemes/circle.cuh"

namespace rdp {

void check_exact(const Job& job) {
  validate(job);
  const SchemeTraits& scheme = traits(job.scheme);
  if (job.source == SourceKind::circle ? !scheme.exact_circle : !scheme.exact_line)
    throw std::invalid_argument(fmt::format("no exact evaluation of {} on the {} source", scheme.name, to_string(job.source)));
  if (applies(job.scheme, kAxisLattice) && job.lattice != LatticeKind::Z)
    throw std::invalid_argument(fmt::format("exact evaluation of the lattice schemes is for --lattice Z (1-D integrals), "
                                            "not {}: use `rdpsim run`", to_string(job.lattice)));
}

ExactResult evaluate_exact(const Job& job) {
  check_exact(job);
  const SchemeTraits& scheme = traits(job.scheme);
  const bool circle = job.source == SourceKind::circle;
  ExactResult out;
  out.job = job;
  if (circle) {
    out.step = circle_step(job.L);
    out.method = "closed form";
    scheme.exact_circle(job, out);
  } else {
    out.step = job.step;
    out.method = "quadrature";
    scheme.exact_line(make_plan(job), out);
  }
  if (scheme.perfect_perception) out.w1 = 0.0;  // X^ has the law of X exactly
  return out;
}

}  // namespace rdp
