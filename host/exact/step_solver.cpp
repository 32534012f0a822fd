#include "host/exact/step_solver.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "host/limits.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"

namespace rdp {
namespace {

constexpr double kRelativeTolerance = 1e-12;
constexpr int kMaxEvaluations = 200;

struct Target {
  const char* name;  // as the flag says it
  double value;
  bool rate;         // rate falls as the step grows; distortion rises
  double of(const ExactResult& e) const { return rate ? e.rate_bits : e.distortion; }
};

Target target_of(const Job& job) {
  const bool rate = !std::isnan(job.target_rate), distortion = !std::isnan(job.target_distortion);
  if (rate && distortion) throw std::invalid_argument("give a target rate or a target distortion, not both");
  const Target t{rate ? "rate" : "distortion", rate ? job.target_rate : job.target_distortion, rate};
  if (!(t.value > 0.0) || !std::isfinite(t.value))
    throw std::invalid_argument(fmt::format("the target {} must be a finite number > 0, got {}", t.name, t.value));
  return t;
}

}  // namespace

ExactResult solve_step(Job& job) {
  const Target target = target_of(job);
  if (job.source == SourceKind::circle)
    throw std::invalid_argument(fmt::format("a target {} needs a 1-D source: the circle's levels are --L", target.name));
  if (!job.thresholds.empty())
    throw std::invalid_argument(fmt::format("a target {} solves for the step, which a thresholds file fixes", target.name));
  // Steps are allowed in [kMinStep, kMaxStep] times the source's scale: start inside.
  check_source_law(job);
  const double min_step = limits::kMinStep * job.scale, max_step = limits::kMaxStep * job.scale;
  job.step = std::clamp(job.step, min_step, max_step);
  check_exact(job);
  int evaluations = 0;
  // f(log step), increasing where the quantity behaves as expected and nearly linear at
  // high rate (D ~ step^2, H ~ h - log2 step), so that secant steps are close to exact.
  auto f = [&](double log_step) {
    if (++evaluations > kMaxEvaluations)
      throw std::invalid_argument(fmt::format("no convergence to the target {} {} in {} evaluations", target.name,
                                              target.value, kMaxEvaluations));
    job.step = std::clamp(std::exp(log_step), min_step, max_step);
    const ExactResult e = evaluate_exact(job);
    const double q = target.of(e);
    const double value = target.rate ? target.value - q : std::log(std::max(q, 1e-300) / target.value);
    return std::pair{value, e};
  };
  const double lo_limit = std::log(min_step), hi_limit = std::log(max_step);
  const double octave = std::log(2.0);
  double a = std::clamp(std::log(job.step), lo_limit, hi_limit);
  auto [fa, ea] = f(a);
  if (fa == 0.0) return ea;
  // Bracket: away from the target's side, by secant steps (stretched a little, so that
  // the next point lands past the target) or octaves where the secant is no guide.
  const double direction = fa < 0.0 ? 1.0 : -1.0;
  double b = std::clamp(a + direction * octave, lo_limit, hi_limit);
  auto [fb, eb] = f(b);
  while ((fb < 0.0) == (fa < 0.0) && fb != 0.0) {
    if (b == (direction > 0.0 ? hi_limit : lo_limit))
      throw std::invalid_argument(fmt::format(
          "no step in [{:g}, {:g}] gives {} {} on the {} source: at step {:g} it is {:.10g}", min_step,
          max_step, target.name, target.value, to_string(job.source), eb.step, target.of(eb)));
    const double secant = -fb * (b - a) / (fb - fa);
    const double move = std::isfinite(secant) && secant * direction > 0.0
                            ? std::clamp(1.2 * secant * direction, 0.05 * octave, 8.0 * octave)
                            : 2.0 * octave;
    a = b;
    fa = fb;
    b = std::clamp(b + direction * move, lo_limit, hi_limit);
    std::tie(fb, eb) = f(b);
  }
  // Illinois regula falsi on the bracket [a, b].
  while (true) {
    if (std::fabs(fb) <= kRelativeTolerance * (target.rate ? target.value : 1.0)) break;
    if (std::fabs(b - a) <= 4.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::fabs(b))) break;
    double c = b - fb * (b - a) / (fb - fa);
    if (!std::isfinite(c) || c <= std::min(a, b) || c >= std::max(a, b)) c = 0.5 * (a + b);
    auto [fc, ec] = f(c);
    if ((fc < 0.0) != (fb < 0.0)) {
      a = b;
      fa = fb;
    } else {
      fa *= 0.5;  // Illinois: the end kept twice counts half, so the bracket shrinks from both sides
    }
    b = c;
    fb = fc;
    eb = ec;
  }
  const double reached = target.of(eb);
  if (std::fabs(reached - target.value) > 1e-9 * target.value)
    throw std::invalid_argument(fmt::format("no step gives {} {} exactly on the {} source: it jumps past it at step "
                                            "{:.17g} (to {:.10g})", target.name, target.value, to_string(job.source),
                                            eb.step, reached));
  job.step = eb.step;
  return eb;
}

}  // namespace rdp
