#pragma once
// Optimizing MultiQuan's thresholds for the exact Lagrangian D + lambda * R (Zhou &
// Tian, Appendix D; docs/theory.md §8): a quasi-Newton gradient method run until its
// gradient vanishes (or the paper's fixed-step descent), and the pseudo-Lloyd iteration.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "host/job.hpp"

namespace rdp {

enum class OptimizeMethod { gradient, lloyd };

struct OptimizeOptions {
  OptimizeMethod method = OptimizeMethod::lloyd;
  SourceKind source = SourceKind::exponential;
  double loc = 0.0, scale = 1.0;  // the source is loc + scale * (the standard law)
  uint32_t N = 2;
  double step = 0.5;
  double lambda = 0.01;       // distortion per bit
  int max_iterations = 200;
  double tolerance = 1e-9;           // lloyd: stop when a sweep changes the Lagrangian by less, relatively
  double gradient_tolerance = 1e-6;  // gradient: stop when max |dJ/dc| is below this x density x step^2
  double fixed_step = 0.0;           // gradient: > 0 takes fixed steps of this size instead (Zhou & Tian E.1)
  bool progress = true;              // one line on stderr, updated in place
};

struct DesignFigures {
  double rate_bits = 0.0;     // H(i | n)
  double distortion = 0.0;
  double lagrangian = 0.0;    // distortion + lambda * rate_bits
};

struct OptimizeResult {
  double lambda = 0.0;             // the multiplier optimized for (optimize_for_rate: the one it found)
  DesignFigures before, after;     // by `rdpsim exact`'s quadrature over the whole design
  int64_t first = 0;               // the boundaries are c_first, c_first+1, ...
  std::vector<double> boundaries;
  int iterations = 0;
  std::string stopped;             // why the iteration ended
  bool converged = false;          // by the method's own stopping rule, not the iteration limit
  // gradient: max |dJ/dc| at the result, and the tolerance it was held to (absolute).
  double gradient_norm = 0.0, gradient_tolerance = 0.0;
  int best_iteration = 0;          // lloyd: the sweep returned (0: the start)
  // The Lagrangian after each iteration (gradient: each accepted step; Lloyd: each
  // sweep, which need not decrease it). The result is the best iterate.
  std::vector<double> history;
};

// Throws std::invalid_argument for invalid options (circle source, lambda < 0, ...).
OptimizeResult optimize_thresholds(const OptimizeOptions& options);

// D and R of a multiquan job (general thresholds or not) by quadrature, with lambda.
DesignFigures design_figures(const Job& job, double lambda);

// The multiplier whose optimized design has rate_bits = target_rate at the options'
// step (docs/theory.md §8.4): bracketed from slope_lambda by factors of 4, then found by
// regula falsi on log lambda. Throws std::invalid_argument naming the reachable rates
// when no lambda in the bracket reaches the target.
OptimizeResult optimize_for_rate(OptimizeOptions options, double target_rate);

// A sweep's [optimize] block: each multiquan point's thresholds optimized before it
// runs, for lambda or for the lambda that gives a rate.
struct OptimizeRequest {
  OptimizeMethod method = OptimizeMethod::gradient;
  double lambda = NAN;
  double rate = NAN;
};

// Whether a request applies to a job: multiquan with N >= 2 and no thresholds of its own.
bool optimizes(const Job& job);

// Optimizes the job's thresholds as requested (no progress line) and puts them in it.
OptimizeResult optimize_job(Job& job, const OptimizeRequest& request);

// -dD/dR of a design at high rate, 2 ln 2 D: the lambda at which the uniform offsets
// are near the optimum, the natural scale of lambda for this source, N and step.
double slope_lambda(const DesignFigures& design);

// Whether the optimum gave up most of the rate (below a tenth of the start's): lambda
// prices a bit above what the source can pay, and the design collapses onto few cells.
bool collapsed(const OptimizeResult& r);

// What to tell the user when lambda is off this source's scale: the design collapsed,
// or lambda is over 10 times slope_lambda and the iterations stopped on the way to a
// collapse. Empty otherwise.
std::string lambda_warning(const OptimizeResult& r);

}  // namespace rdp
