#pragma once
// Optimizing MultiQuan's thresholds for the exact Lagrangian D + lambda * R (seed
// Appendix D): gradient descent with a backtracking line search that keeps the
// interleaved boundaries in order (D.1), and the pseudo-Lloyd iteration (D.2).
#include <cstdint>
#include <vector>

#include "host/job.hpp"

namespace rdp {

enum class OptimizeMethod { gradient, lloyd };

struct OptimizeOptions {
  OptimizeMethod method = OptimizeMethod::lloyd;
  SourceKind source = SourceKind::exponential;
  uint32_t N = 2;
  double step = 0.5;
  double lambda = 0.01;       // distortion per bit
  int max_iterations = 200;
  double tolerance = 1e-9;    // stop when an iteration changes the Lagrangian by less, relatively
  bool progress = true;       // one line per iteration on stderr
};

struct DesignFigures {
  double rate_bits = 0.0;     // H(i | n)
  double distortion = 0.0;
  double lagrangian = 0.0;    // distortion + lambda * rate_bits
};

struct OptimizeResult {
  DesignFigures before, after;     // by `rdpsim exact`'s quadrature over the whole design
  int64_t first = 0;               // the boundaries are c_first, c_first+1, ...
  std::vector<double> boundaries;
  int iterations = 0;
  // The Lagrangian after each iteration (gradient: each accepted step; Lloyd: each
  // sweep, which need not decrease it). The result is the best iterate.
  std::vector<double> history;
};

// Throws std::invalid_argument for invalid options (circle source, lambda < 0, ...).
OptimizeResult optimize_thresholds(const OptimizeOptions& options);

// D and R of a multiquan job (general thresholds or not) by quadrature, with lambda.
DesignFigures design_figures(const Job& job, double lambda);

}  // namespace rdp
