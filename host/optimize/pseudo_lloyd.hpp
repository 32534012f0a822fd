#pragma once
// Zhou & Tian's pseudo-Lloyd iteration (Appendix D.2, Algorithm 1; docs/theory.md §8.3):
// with the reconstruction intervals and code lengths frozen, each boundary goes where a
// point is indifferent between its two cells, clamped between its neighbours; then
// intervals and lengths are recomputed. A sweep need not lower J, so the best sweep is
// kept and the result says whether the iteration drifted past it.
#include <algorithm>
#include <cmath>
#include <vector>

#include "host/optimize/iteration_report.hpp"
#include "host/optimize/threshold_design.hpp"

namespace rdp {

template <class Source>
void pseudo_lloyd(const ThresholdDesign<Source>& design, std::vector<double>& c, const OptimizeOptions& o,
                  const IterationReport& report, OptimizeResult& out) {
  using Cell = typename ThresholdDesign<Source>::Cell;
  std::vector<double> best = c;
  double best_J = design.window_figures(c).lagrangian, previous = best_J;
  out.stopped = "iteration limit";
  for (int it = 1; it <= o.max_iterations; ++it) {
    std::vector<Cell> cells;
    for (int64_t j = design.first_cell(); j < design.end_cell(c); ++j) cells.push_back(design.cell(c, j));
    auto cell_of = [&](int64_t j) -> const Cell& { return cells[static_cast<size_t>(j - design.first_cell())]; };
    const int64_t N = design.N();
    for (size_t k = 0; k < c.size(); ++k) {
      const int64_t m = design.boundary_index(k);
      const Cell& left = cell_of(m - N);
      const Cell& right = cell_of(m);
      if (!(left.mass > 0.0 && right.mass > 0.0) || left.rec_mean == right.rec_mean) continue;
      const double len_left = -std::log2(left.mass), len_right = -std::log2(right.mass);
      const double t = (left.rec_variance + left.rec_mean * left.rec_mean + design.lambda() * len_left -
                        right.rec_variance - right.rec_mean * right.rec_mean - design.lambda() * len_right) /
                       (2.0 * (left.rec_mean - right.rec_mean));
      if (!std::isfinite(t)) continue;
      c[k] = std::clamp(t, design.at(c, m - 1), design.at(c, m + 1));
    }
    const DesignFigures f = design.window_figures(c);
    out.history.push_back(f.lagrangian);
    out.iterations = it;
    report(it, f, std::nan(""));
    if (f.lagrangian < best_J) {
      best_J = f.lagrangian;
      best = c;
      out.best_iteration = it;
    }
    if (std::fabs(previous - f.lagrangian) <= o.tolerance * std::fabs(f.lagrangian)) {
      out.converged = true;
      out.stopped = "the Lagrangian changed by less than the tolerance";
      break;
    }
    previous = f.lagrangian;
  }
  c = best;
}

}  // namespace rdp
