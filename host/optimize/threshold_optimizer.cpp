#include "host/optimize/threshold_optimizer.hpp"

#include <cmath>
#include <stdexcept>
#include <type_traits>

#include <fmt/format.h>

#include "host/exact/exact.hpp"
#include "host/optimize/fixed_step_descent.hpp"
#include "host/optimize/pseudo_lloyd.hpp"
#include "host/optimize/newton.hpp"
#include "host/optimize/threshold_design.hpp"
#include "host/output/progress.hpp"
#include "host/plan/plan.hpp"
#include "kernels/dispatch.cuh"

namespace rdp {
namespace {

const char* method_name(const OptimizeOptions& o) {
  if (o.method == OptimizeMethod::lloyd) return "lloyd";
  return o.fixed_step > 0.0 ? "gradient (fixed step)" : "gradient";
}

void check(const OptimizeOptions& o) {
  if (o.source == SourceKind::circle)
    throw std::invalid_argument("optimize: the circle's quantizers are optimal already; choose a 1-D --source");
  if (!(o.lambda >= 0.0) || !std::isfinite(o.lambda))
    throw std::invalid_argument(fmt::format("--lambda must be a finite number >= 0, got {}", o.lambda));
  if (o.N < 2) throw std::invalid_argument(fmt::format("--N must be at least 2 to have offsets to optimize, got {}", o.N));
  if (o.max_iterations < 1)
    throw std::invalid_argument(fmt::format("--iterations must be >= 1, got {}", o.max_iterations));
  if (!(o.gradient_tolerance > 0.0) || !std::isfinite(o.gradient_tolerance))
    throw std::invalid_argument(fmt::format("--gradient-tolerance must be a finite number > 0, got {}", o.gradient_tolerance));
  if (!(o.fixed_step >= 0.0) || !std::isfinite(o.fixed_step))
    throw std::invalid_argument(fmt::format("--fixed-step must be a finite number >= 0, got {}", o.fixed_step));
  if (o.fixed_step > 0.0 && o.method != OptimizeMethod::gradient)
    throw std::invalid_argument("--fixed-step applies to --method gradient only");
}

// The job of the uniform-offset start, validated (the step and the source's law among it).
Job start_job(const OptimizeOptions& o) {
  Job job = make_job(SchemeKind::multiquan, o.source, o.N, 0, o.step);
  job.loc = o.loc;
  job.scale = o.scale;
  validate(job);
  // A gradient costs 2(N+1) cell terms per boundary of the window: refuse what would
  // take minutes per iteration.
  const double boundaries = visit_line_law(o.source, o.loc, o.scale, [&](const auto& law) {
    constexpr double kTail = ThresholdDesign<typename std::decay_t<decltype(law)>::Standard>::kTail;
    return (law.isf(kTail) - law.icdf(kTail)) / o.step * o.N;
  });
  constexpr double kMaxCellTermsPerIteration = 4e5;
  if (boundaries * (o.N + 1) > kMaxCellTermsPerIteration)
    throw std::invalid_argument(fmt::format(
        "optimize: --N {} with --step {} has {:.0f} boundaries to move ({:.2g} cell terms per iteration, limit {:.0g}): "
        "use a larger step or a smaller N", o.N, o.step, boundaries, boundaries * (o.N + 1), kMaxCellTermsPerIteration));
  return job;
}

}  // namespace

DesignFigures design_figures(const Job& job, double lambda) {
  const ExactResult e = evaluate_exact(job);
  return {e.rate_bits, e.distortion, e.distortion + lambda * e.rate_bits};
}

OptimizeResult optimize_thresholds(const OptimizeOptions& o) {
  check(o);
  Job job = start_job(o);
  OptimizeResult out;
  out.before = design_figures(job, o.lambda);
  ProgressLine line(o.progress);
  visit_line_law(o.source, o.loc, o.scale, [&](const auto& law) {
    using Source = typename std::decay_t<decltype(law)>::Standard;
    const ThresholdDesign<Source> design(law, o.N, o.step, o.lambda);
    std::vector<double> c = design.uniform_offsets();
    // What lies outside the window stays fixed: the iterations see the window's part of
    // J, the report the whole design's.
    const DesignFigures window = design.window_figures(c);
    const DesignFigures outside{out.before.rate_bits - window.rate_bits, out.before.distortion - window.distortion,
                                out.before.lagrangian - window.lagrangian};
    const IterationReport report = [&](int it, const DesignFigures& f, double gradient_norm) {
      line.show(fmt::format("rdpsim optimize {}: iteration {}  D + lambda R = {:.12g}  R = {:.6f} bits  D = {:.8g}{}",
                            method_name(o), it, f.lagrangian + outside.lagrangian, f.rate_bits + outside.rate_bits,
                            f.distortion + outside.distortion,
                            std::isnan(gradient_norm) ? "" : fmt::format("  |grad| = {:.3g}", gradient_norm)));
    };
    if (o.method == OptimizeMethod::lloyd)
      pseudo_lloyd(design, c, o, report, out);
    else if (o.fixed_step > 0.0)
      fixed_step_descent(design, c, o, report, out);
    else
      newton(design, c, o, report, out);
    for (double& J : out.history) J += outside.lagrangian;
    out.first = design.first();
    out.boundaries = c;
  });
  line.finish();
  job.thresholds = out.boundaries;
  job.thresholds_first = out.first;
  out.after = design_figures(job, o.lambda);
  return out;
}

}  // namespace rdp
