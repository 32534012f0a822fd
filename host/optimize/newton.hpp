#pragma once
// The converging gradient method (docs/theory.md §8.2): Newton steps on the banded
// Hessian of J, with Levenberg-Marquardt damping where that Hessian is not positive
// definite and an Armijo line search. Trial points are projected onto the source's
// support, and the line search keeps the boundaries in order (the iterates never reach
// the ordering constraints, so the support is the only one that binds). The method
// stops when the projected gradient is below a tolerance on the step's scale.
//
// Plain and quasi-Newton gradient methods crawl here: boundaries interact along a chain
// of cells, so J's condition number grows with the square of the number of boundaries,
// and the far tail's curvatures are many orders of magnitude below the middle's.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "host/optimize/iteration_report.hpp"
#include "host/optimize/threshold_design.hpp"

namespace rdp {

inline double max_abs(const std::vector<double>& v) {
  double m = 0.0;
  for (double x : v) m = std::max(m, std::fabs(x));
  return m;
}

template <class Source>
void newton(const ThresholdDesign<Source>& design, std::vector<double>& c, const OptimizeOptions& o,
            const IterationReport& report, OptimizeResult& out) {
  constexpr double kArmijo = 1e-4;
  constexpr int kMaxHalvings = 40;
  constexpr double kMaxMove = 0.5;        // no trial moves a boundary by more than this many steps
  constexpr double kFlat = 1e-12;         // a boundary whose curvature is below this, relatively, stays
  constexpr double kMaxDamping = 1e12;

  out.gradient_tolerance = o.gradient_tolerance * design.gradient_scale();
  std::vector<double> g = design.gradient(c);
  double J = design.window_figures(c).lagrangian;
  double damping = 0.0;  // relative to the diagonal; kept between iterations, relaxed after success
  out.stopped = "iteration limit";
  for (int it = 1;; ++it) {
    out.gradient_norm = max_abs(design.projected(c, g));
    if (out.gradient_norm <= out.gradient_tolerance) {
      out.converged = true;
      out.stopped = "gradient below tolerance";
      break;
    }
    if (it > o.max_iterations) break;
    BandedSymmetric H = design.hessian(c);
    // Boundaries that cannot move (on an edge, pushed out; or beyond the support, where
    // J is flat) leave the system: their rows become the identity's.
    double top = 0.0;
    for (size_t k = 0; k < c.size(); ++k) top = std::max(top, std::fabs(H.at(k, 0)));
    std::vector<double> scale(c.size()), rhs(c.size());
    for (size_t k = 0; k < c.size(); ++k) {
      const bool fixed = design.pinned(c, g, k) || !(std::fabs(H.at(k, 0)) > kFlat * top);
      if (fixed) {
        H.at(k, 0) = 1.0;
        for (size_t d = 1; d <= H.width(); ++d) {
          if (k + d < c.size()) H.at(k, d) = 0.0;
          if (k >= d) H.at(k - d, d) = 0.0;
        }
      }
      scale[k] = std::fabs(H.at(k, 0));  // damping adds to the diagonal, also where J bends down
      rhs[k] = fixed ? 0.0 : -g[k];
    }
    bool accepted = false;
    std::vector<double> p, trial(c.size());
    DesignFigures f;
    while (!accepted) {
      if (!H.solve(rhs, damping, scale, p)) {
        damping = damping == 0.0 ? 1e-8 : damping * 10.0;
        if (damping > kMaxDamping) break;
        continue;
      }
      const double slope = std::inner_product(g.begin(), g.end(), p.begin(), 0.0);
      double eta = std::min(1.0, kMaxMove * design.step() / std::max(max_abs(p), 1e-300));
      for (int halvings = 0; halvings < kMaxHalvings && slope < 0.0; ++halvings, eta *= 0.5) {
        for (size_t k = 0; k < c.size(); ++k) trial[k] = design.clamp_to_support(c[k] + eta * p[k]);
        if (!design.ordered(trial)) continue;
        f = design.window_figures(trial);
        if (f.lagrangian <= J + kArmijo * eta * slope) {
          accepted = true;
          break;
        }
      }
      if (accepted) break;
      // No decrease along the Newton direction: damp it towards scaled steepest descent.
      damping = damping == 0.0 ? 1e-4 : damping * 100.0;
      if (damping > kMaxDamping) break;
    }
    if (!accepted) {
      out.stopped = "no descent step (the gradient is at its rounding-error floor)";
      break;
    }
    damping *= 0.1;
    if (damping < 1e-8) damping = 0.0;
    c.swap(trial);
    g = design.gradient(c);
    J = f.lagrangian;
    out.iterations = it;
    out.history.push_back(J);
    report(it, f, max_abs(design.projected(c, g)));
  }
}

}  // namespace rdp
