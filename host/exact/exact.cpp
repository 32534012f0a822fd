#include "host/exact/exact.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/schemes/circle.cuh"

namespace rdp {

ExactResult evaluate_exact(const Job& job) {
  validate(job);
  const SchemeTraits& scheme = traits(job.scheme);
  const bool circle = job.source == SourceKind::circle;
  ExactResult out;
  out.job = job;
  if (circle) {
    if (!scheme.exact_circle)
      throw std::invalid_argument(fmt::format("no exact evaluation of {} on the circle", scheme.name));
    out.step = circle_step(job.L);
    out.method = "closed form";
    scheme.exact_circle(job, out);
  } else {
    if (!scheme.exact_line) throw std::invalid_argument(fmt::format("no exact evaluation of {}", scheme.name));
    out.step = job.step;
    out.method = "quadrature";
    scheme.exact_line(make_plan(job), out);
  }
  if (scheme.perfect_perception) out.w1 = 0.0;  // X^ has the law of X exactly
  return out;
}

}  // namespace rdp
