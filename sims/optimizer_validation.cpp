// The threshold-optimization rows of `rdpsim validate` (docs/theory.md §7.6): optimized
// designs never lose to uniform offsets in the exact Lagrangian, the gradient method
// ends at a stationary point, and at high rate optimized MultiQuan trails dithered
// quantization with conditional entropy coding by 1/2 log2(1 + 1/N^2) bits at equal
// distortion.
#include <cmath>

#include "host/exact/exact.hpp"
#include "host/exact/step_solver.hpp"
#include "host/optimize/threshold_optimizer.hpp"
#include "sims/validator.hpp"

namespace rdp {
namespace {

// lambda = -dD/dR of the uniform-offset curve at high rate, 2 ln 2 D: each design stays
// near its rate.
OptimizeResult optimized(OptimizeMethod method, SourceKind source, uint32_t N, double step) {
  OptimizeOptions o;
  o.method = method;
  o.source = source;
  o.N = N;
  o.step = step;
  o.lambda = 2.0 * std::log(2.0) * evaluate_exact(make_job(SchemeKind::multiquan, source, N, 0, step)).distortion;
  o.max_iterations = 1000;
  o.progress = false;
  return optimize_thresholds(o);
}

// H(k | Z) of dithered quantization at distortion D, its step found by root-finding.
double conditional_dithered_rate(SourceKind source, double D) {
  Job job = make_job(SchemeKind::dithered, source, 1, 0, 0.5);
  job.target_distortion = D;
  return *solve_step(job).rate_conditional_limit_bits;
}

double high_rate_gap(uint32_t N, double step) {
  const OptimizeResult r = optimized(OptimizeMethod::gradient, SourceKind::uniform, N, step);
  return r.after.rate_bits - conditional_dithered_rate(SourceKind::uniform, r.after.distortion);
}

}  // namespace

void optimizer_checks(Validator& v) {
  for (auto [source, step] : {std::pair{SourceKind::uniform, 0.125}, {SourceKind::exponential, 0.5}})
    for (uint32_t N : {2u, 4u, 8u})
      for (OptimizeMethod method : {OptimizeMethod::gradient, OptimizeMethod::lloyd}) {
        const OptimizeResult r = optimized(method, source, N, step);
        const std::string name = fmt::format("{} N={} step={} {}", to_string(source), N, step,
                                             method == OptimizeMethod::gradient ? "gradient" : "lloyd");
        v.bound("optimized J <= uniform offsets", name, r.before.lagrangian, r.after.lagrangian, false,
                "measured <= expected");
        if (method == OptimizeMethod::gradient)
          v.bound("Newton method stationary", name, r.gradient_tolerance, r.gradient_norm, false,
                  "max|grad J| <= expected");
      }
  // The gap converges like the step on the bounded uniform source (its edge cells), so
  // Richardson's 2 g(step/2) - g(step) removes that term; the difference between two
  // successive extrapolations bounds what is left.
  for (uint32_t N : {2u, 4u, 8u}) {
    const double g1 = high_rate_gap(N, 1.0 / 32), g2 = high_rate_gap(N, 1.0 / 64), g3 = high_rate_gap(N, 1.0 / 128);
    const double coarse = 2.0 * g2 - g1, fine = 2.0 * g3 - g2;
    v.within("high-rate penalty (bits)", fmt::format("uniform N={} extrapolated from 1/64, 1/128", N),
             0.5 * std::log2(1.0 + 1.0 / (static_cast<double>(N) * N)), fine, std::fabs(fine - coarse),
             fmt::format("|diff| <= {:.1e}", std::fabs(fine - coarse)));
  }
}

}  // namespace rdp
