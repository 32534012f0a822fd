#pragma once
// Gradient descent as Zhou & Tian run it for their Fig. 8 (Appendix E.1): a fixed
// number of steps of a fixed size, stopping early when a step would put the boundaries
// out of order. Kept to reproduce their comparison; the converging method is
// newton.hpp.
#include <vector>

#include "host/optimize/newton.hpp"

namespace rdp {

template <class Source>
void fixed_step_descent(const ThresholdDesign<Source>& design, std::vector<double>& c, const OptimizeOptions& o,
                        const IterationReport& report, OptimizeResult& out) {
  out.stopped = "iteration limit";
  std::vector<double> trial(c.size());
  for (int it = 1;; ++it) {
    const std::vector<double> g = design.gradient(c);
    out.gradient_norm = max_abs(g);
    if (it > o.max_iterations) break;
    for (size_t k = 0; k < c.size(); ++k) trial[k] = c[k] - o.fixed_step * g[k];
    if (!design.ordered(trial)) {
      out.stopped = "the next step would disorder the boundaries";
      break;
    }
    c.swap(trial);
    const DesignFigures f = design.window_figures(c);
    out.iterations = it;
    out.history.push_back(f.lagrangian);
    report(it, f, out.gradient_norm);
  }
}

}  // namespace rdp
