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
  out.lambda = o.lambda;
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

bool optimizes(const Job& job) {
  return job.scheme == SchemeKind::multiquan && job.source != SourceKind::circle && job.N >= 2 &&
         job.thresholds.empty();
}

OptimizeResult optimize_job(Job& job, const OptimizeRequest& request) {
  OptimizeOptions o;
  o.method = request.method;
  o.source = job.source;
  o.loc = job.loc;
  o.scale = job.scale;
  o.N = job.N;
  o.step = job.step;
  o.lambda = request.lambda;
  o.progress = false;
  const OptimizeResult r = std::isnan(request.rate) ? optimize_thresholds(o) : optimize_for_rate(o, request.rate);
  job.thresholds = r.boundaries;
  job.thresholds_first = r.first;
  job.thresholds_file.clear();
  return r;
}

double slope_lambda(const DesignFigures& design) { return 2.0 * std::log(2.0) * design.distortion; }

bool collapsed(const OptimizeResult& r) { return r.after.rate_bits < 0.1 * r.before.rate_bits; }

std::string lambda_warning(const OptimizeResult& r) {
  const double scale = slope_lambda(r.before);
  const std::string advice = fmt::format(
      "lambda near {:.3g} (2 ln 2 D of the uniform offsets) keeps the rate, or --rate R chooses lambda for a rate", scale);
  if (collapsed(r))
    return fmt::format("the design collapsed from {:.4f} to {:.4f} bits at lambda = {:g}; {}", r.before.rate_bits,
                       r.after.rate_bits, r.lambda, advice);
  if (!r.converged && r.lambda > 10.0 * scale)
    return fmt::format("lambda = {:g} is {:.0f} times this design's scale and the iterations stopped ({}) on the way "
                       "to giving up the rate ({:.4f} -> {:.4f} bits); {}",
                       r.lambda, r.lambda / scale, r.stopped, r.before.rate_bits, r.after.rate_bits, advice);
  return "";
}

OptimizeResult optimize_for_rate(OptimizeOptions o, double target_rate) {
  if (!(target_rate > 0.0) || !std::isfinite(target_rate))
    throw std::invalid_argument(fmt::format("--rate must be a positive number of bits, got {}", target_rate));
  o.lambda = 0.0;
  check(o);
  ProgressLine line(o.progress);
  o.progress = false;
  struct Probe {
    double log_lambda;
    OptimizeResult result;
    double rate() const { return result.after.rate_bits; }
  };
  int evaluations = 0;
  const auto at = [&](double log_lambda) {
    o.lambda = std::exp(log_lambda);
    Probe p{log_lambda, optimize_thresholds(o)};
    line.show(fmt::format("rdpsim optimize --rate {}: lambda = {:.10g} gives R = {:.9f} bits", target_rate, o.lambda,
                          p.result.after.rate_bits));
    ++evaluations;
    return p;
  };
  // The optimized rate falls as lambda grows: bracket the target, then close in.
  constexpr double kFactor = 1.3862943611198906;  // log 4
  constexpr int kBracketSteps = 20;               // 4^20 = 1e12 either way
  constexpr int kMaxEvaluations = 60;
  constexpr double kRateTolerance = 1e-9;         // bits
  const Job uniform = start_job(o);
  Probe a = at(std::log(slope_lambda(design_figures(uniform, 0.0))));
  Probe b = a;
  const double direction = a.rate() > target_rate ? kFactor : -kFactor;
  for (int k = 0; k < kBracketSteps && (b.rate() - target_rate) * (a.rate() - target_rate) > 0.0; ++k) {
    a = b;
    b = at(b.log_lambda + direction);
  }
  if ((b.rate() - target_rate) * (a.rate() - target_rate) > 0.0)
    throw std::invalid_argument(fmt::format(
        "optimize --rate {}: the optimized rate runs from {:.6f} to {:.6f} bits for lambda from {:.3g} to {:.3g}; "
        "choose a rate in between or another --step", target_rate, std::max(a.rate(), b.rate()),
        std::min(a.rate(), b.rate()), std::exp(std::min(a.log_lambda, b.log_lambda)),
        std::exp(std::max(a.log_lambda, b.log_lambda))));
  // Regula falsi with the Illinois halving on (log lambda, R - target).
  Probe best = std::fabs(a.rate() - target_rate) < std::fabs(b.rate() - target_rate) ? a : b;
  double fa = a.rate() - target_rate, fb = b.rate() - target_rate;
  int side = 0;
  while (std::fabs(best.rate() - target_rate) > kRateTolerance && evaluations < kMaxEvaluations &&
         std::fabs(a.log_lambda - b.log_lambda) > 1e-12) {
    const double x = (a.log_lambda * fb - b.log_lambda * fa) / (fb - fa);
    Probe c = at(x);
    const double fc = c.rate() - target_rate;
    if (std::fabs(fc) < std::fabs(best.rate() - target_rate)) best = c;
    if ((fc > 0.0) == (fa > 0.0)) {
      a = c;
      fa = fc;
      if (side == -1) fb /= 2.0;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side == 1) fa /= 2.0;
      side = 1;
    }
  }
  line.finish();
  return best.result;
}

}  // namespace rdp
