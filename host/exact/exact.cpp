#include "host/exact/exact.hpp"

#include <cmath>

#include "kernels/dispatch.cuh"
#include "host/plan/plan.hpp"
#include "host/exact/circle_theory.hpp"
#include "host/exact/line_source_exact.hpp"

namespace rdp {
namespace {

// Seed Section 3: every quantizer has L equiprobable cells, so all rates are log2 L.
ExactResult circle_exact(const Job& job) {
  ExactResult out;
  out.job = job;
  out.step = circle_step(job.L);
  out.method = "closed form";
  out.rate_bits = out.rate_marginal_bits = std::log2(static_cast<double>(job.L));
  switch (job.scheme) {
    case SchemeKind::multiquan:
      out.distortion = circle::multiquan_distortion(job.L, job.N);
      out.w1 = 0.0;
      break;
    case SchemeKind::dithered:
    case SchemeKind::dithered_raw:
      out.distortion = circle::dithered_distortion(job.L);
      out.rate_conditional_bits = out.rate_conditional_limit_bits = out.rate_bits;
      out.w1 = 0.0;
      break;
    case SchemeKind::deterministic: out.distortion = circle::centroid_distortion(job.L); break;
    case SchemeKind::multiquan_eq6: break;  // rejected by validate()
  }
  return out;
}

}  // namespace

ExactResult evaluate_exact(const Job& job) {
  validate(job);
  if (job.source == SourceKind::circle) return circle_exact(job);
  return visit_line_source(job.source, [&](auto tag) {
    return exact::evaluate_line_source<typename decltype(tag)::type>(job);
  });
}

}  // namespace rdp
