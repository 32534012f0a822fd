#include "host/optimize/threshold_optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "kernels/dispatch.cuh"
#include "host/exact/exact.hpp"
#include "host/exact/multiquan_cell.hpp"
#include "host/schemes/multiquan_thresholds.hpp"
#include "host/plan/plan.hpp"

namespace rdp {
namespace {

// The design as the optimizer sees it: boundaries c_j over a window of whole rows
// where the source has mass (uniform offsets outside), and the Lagrangian as a sum
// of per-cell terms T_j, each depending on c_j .. c_{j+N} only (docs/theory.md §8.1).
template <class Source>
class Design {
 public:
  Design(uint32_t N, double step, double lambda) : N_(N), step_(step), lambda_(lambda) {
    constexpr double kTail = 1e-13;  // cells beyond these quantiles carry no weight worth optimizing
    const int64_t row_lo = static_cast<int64_t>(std::floor(Source::icdf(kTail) / step)) - 1;
    const int64_t row_hi = static_cast<int64_t>(std::ceil(Source::isf(kTail) / step)) + 1;
    first_ = static_cast<int64_t>(N) * row_lo;
    c_.resize(static_cast<size_t>(N) * (row_hi - row_lo + 1));
    for (size_t k = 0; k < c_.size(); ++k) c_[k] = uniform_offset_boundary(first_ + static_cast<int64_t>(k), N, step);
  }

  int64_t first() const { return first_; }
  const std::vector<double>& boundaries() const { return c_; }
  void set(const std::vector<double>& c) { c_ = c; }

  // c_j of the design c: the decoder's own Multiquan::boundary over these thresholds.
  double at(const std::vector<double>& c, int64_t j) const { return Multiquan<Source>::boundary(params(c), j); }

  bool ordered(const std::vector<double>& c) const { return !first_disorder(c, first_, N_, step_); }

  struct Cell {
    double mass = 0.0;
    double rec_mean = 0.0, rec_variance = 0.0;  // the reconstruction interval's law
    double distortion = 0.0;                    // mass * E[(X - X^)^2 | cell] / N
    double rate = 0.0;                          // -mass log2(mass) / N
  };

  Cell cell(const std::vector<double>& c, int64_t j) const {
    const exact::MultiquanCell m = exact::multiquan_cell<Source>(params(c), j);
    Cell out;
    out.mass = m.mass;
    if (!(m.mass > 0.0)) return out;
    out.rec_mean = m.recon.mean;
    out.rec_variance = m.recon.variance;
    out.distortion = m.mass / N_ * m.conditional_distortion();
    out.rate = -m.mass * std::log2(m.mass) / N_;
    return out;
  }

  double term(const std::vector<double>& c, int64_t j) const {
    const Cell t = cell(c, j);
    return t.distortion + lambda_ * t.rate;
  }

  // The Lagrangian's part that the window's boundaries can change: cells first-N .. last.
  DesignFigures window_figures(const std::vector<double>& c) const {
    DesignFigures f;
    for (int64_t j = first_ - N_; j < first_ + static_cast<int64_t>(c.size()); ++j) {
      const Cell t = cell(c, j);
      f.distortion += t.distortion;
      f.rate_bits += t.rate;
    }
    f.lagrangian = f.distortion + lambda_ * f.rate_bits;
    return f;
  }

  // Central differences of the N+1 cell terms that boundary m enters.
  std::vector<double> gradient(const std::vector<double>& c) const {
    std::vector<double> g(c.size(), 0.0);
    std::vector<double> probe = c;
    const double h = 1e-7 * step_;
    for (size_t k = 0; k < c.size(); ++k) {
      const int64_t m = first_ + static_cast<int64_t>(k);
      auto local = [&] {
        double sum = 0.0;
        for (int64_t j = m - N_; j <= m; ++j) sum += term(probe, j);
        return sum;
      };
      probe[k] = c[k] + h;
      const double up = local();
      probe[k] = c[k] - h;
      const double down = local();
      probe[k] = c[k];
      g[k] = (up - down) / (2.0 * h);
    }
    return g;
  }

  double lambda() const { return lambda_; }
  uint32_t N() const { return N_; }
  double step() const { return step_; }

 private:
  // The pipeline's view of the design c: uniform offsets with c spliced in.
  PipelineParams params(const std::vector<double>& c) const {
    PipelineParams p;
    p.N = N_;
    p.step = step_;
    p.boundaries = c.data();
    p.boundary_lo = first_;
    p.boundary_count = static_cast<uint32_t>(c.size());
    return p;
  }

  uint32_t N_;
  double step_, lambda_;
  int64_t first_ = 0;
  std::vector<double> c_;
};

void report(const OptimizeOptions& o, int iteration, const DesignFigures& window, const DesignFigures& offset) {
  if (!o.progress) return;
  fmt::print(stderr, "rdpsim optimize {}: iteration {:3d}  D + lambda R = {:.10g}  (R = {:.6f} bits, D = {:.8g})\n",
             o.method == OptimizeMethod::gradient ? "gradient" : "lloyd", iteration,
             window.lagrangian + offset.lagrangian, window.rate_bits + offset.rate_bits,
             window.distortion + offset.distortion);
}

// D.1: steepest descent with an Armijo backtracking line search; a step that would
// disorder the boundaries is shortened like one that does not decrease enough.
template <class Source>
void descend(Design<Source>& design, const OptimizeOptions& o, const DesignFigures& offset, OptimizeResult& out) {
  std::vector<double> c = design.boundaries();
  double L = design.window_figures(c).lagrangian;
  double eta = 0.0;
  for (int it = 1; it <= o.max_iterations; ++it) {
    const std::vector<double> g = design.gradient(c);
    double g2 = 0.0, gmax = 0.0;
    for (double v : g) {
      g2 += v * v;
      gmax = std::max(gmax, std::fabs(v));
    }
    if (!(gmax > 0.0)) break;
    if (eta == 0.0) eta = 0.05 * design.step() / gmax;  // first try: move a boundary by 5 % of a step
    bool accepted = false;
    std::vector<double> trial(c.size());
    DesignFigures f;
    for (int halvings = 0; halvings < 60 && !accepted; ++halvings, eta *= 0.5) {
      for (size_t k = 0; k < c.size(); ++k) trial[k] = c[k] - eta * g[k];
      if (!design.ordered(trial)) continue;
      f = design.window_figures(trial);
      accepted = f.lagrangian <= L - 1e-4 * eta * g2;
      if (accepted) break;
    }
    if (!accepted) break;  // no descent step left: a critical point
    const double change = L - f.lagrangian;
    c.swap(trial);
    L = f.lagrangian;
    out.history.push_back(L + offset.lagrangian);
    out.iterations = it;
    report(o, it, f, offset);
    eta *= 2.0;
    if (change <= o.tolerance * std::fabs(L + offset.lagrangian)) break;
  }
  design.set(c);
}

// D.2, Algorithm 1: with the reconstruction intervals and code lengths fixed, the
// boundary between cells (i-1, n) and (i, n) goes where a point is indifferent
// between them, E[(t - X^)^2 | cell] + lambda * length, clamped between its
// neighbours; then intervals and lengths are updated. Keeps the best sweep.
template <class Source>
void pseudo_lloyd(Design<Source>& design, const OptimizeOptions& o, const DesignFigures& offset, OptimizeResult& out) {
  std::vector<double> c = design.boundaries();
  std::vector<double> best = c;
  double best_L = design.window_figures(c).lagrangian, previous = best_L;
  const int64_t first = design.first(), N = design.N();
  for (int it = 1; it <= o.max_iterations; ++it) {
    std::vector<typename Design<Source>::Cell> cells;
    for (int64_t j = first - N; j < first + static_cast<int64_t>(c.size()); ++j) cells.push_back(design.cell(c, j));
    auto cell_of = [&](int64_t j) -> const typename Design<Source>::Cell& { return cells[j - (first - N)]; };
    for (size_t k = 0; k < c.size(); ++k) {
      const int64_t m = first + static_cast<int64_t>(k);
      const auto& left = cell_of(m - N);
      const auto& right = cell_of(m);
      if (!(left.mass > 0.0 && right.mass > 0.0) || left.rec_mean == right.rec_mean) continue;
      const double len_left = -std::log2(left.mass), len_right = -std::log2(right.mass);
      const double t = (left.rec_variance + left.rec_mean * left.rec_mean + design.lambda() * len_left -
                        right.rec_variance - right.rec_mean * right.rec_mean - design.lambda() * len_right) /
                       (2.0 * (left.rec_mean - right.rec_mean));
      if (!std::isfinite(t)) continue;
      c[k] = std::clamp(t, design.at(c, m - 1), design.at(c, m + 1));
    }
    const DesignFigures f = design.window_figures(c);
    out.history.push_back(f.lagrangian + offset.lagrangian);
    out.iterations = it;
    report(o, it, f, offset);
    if (f.lagrangian < best_L) {
      best_L = f.lagrangian;
      best = c;
    }
    if (std::fabs(previous - f.lagrangian) <= o.tolerance * std::fabs(f.lagrangian + offset.lagrangian)) break;
    previous = f.lagrangian;
  }
  design.set(best);
}

}  // namespace

DesignFigures design_figures(const Job& job, double lambda) {
  const ExactResult e = evaluate_exact(job);
  return {e.rate_bits, e.distortion, e.distortion + lambda * e.rate_bits};
}

OptimizeResult optimize_thresholds(const OptimizeOptions& o) {
  if (o.source == SourceKind::circle)
    throw std::invalid_argument("optimize: the circle's quantizers are optimal already; choose a 1-D --source");
  if (!(o.lambda >= 0.0) || !std::isfinite(o.lambda))
    throw std::invalid_argument(fmt::format("--lambda must be a finite number >= 0, got {}", o.lambda));
  if (o.N < 2) throw std::invalid_argument(fmt::format("--N must be at least 2 to have offsets to optimize, got {}", o.N));
  if (o.max_iterations < 1)
    throw std::invalid_argument(fmt::format("--iterations must be >= 1, got {}", o.max_iterations));
  Job job = make_job(SchemeKind::multiquan, o.source, o.N, 0, o.step);
  validate(job);
  // A gradient costs 2(N+1) cell terms per boundary of the window: refuse what would
  // take minutes per iteration.
  const double boundaries = visit_line_source(o.source, [&](auto tag) {
    using Source = typename decltype(tag)::type;
    return (Source::isf(1e-13) - Source::icdf(1e-13)) / o.step * o.N;
  });
  constexpr double kMaxCellTermsPerIteration = 4e5;
  if (boundaries * (o.N + 1) > kMaxCellTermsPerIteration)
    throw std::invalid_argument(fmt::format(
        "optimize: --N {} with --step {} has {:.0f} boundaries to move ({:.2g} cell terms per iteration, limit {:.0g}): "
        "use a larger step or a smaller N", o.N, o.step, boundaries, boundaries * (o.N + 1), kMaxCellTermsPerIteration));
  OptimizeResult out;
  out.before = design_figures(job, o.lambda);
  visit_line_source(o.source, [&](auto tag) {
    using Source = typename decltype(tag)::type;
    Design<Source> design(o.N, o.step, o.lambda);
    // What lies outside the window stays fixed: report whole-design figures.
    const DesignFigures window = design.window_figures(design.boundaries());
    const DesignFigures offset{out.before.rate_bits - window.rate_bits, out.before.distortion - window.distortion,
                               out.before.lagrangian - window.lagrangian};
    if (o.method == OptimizeMethod::gradient)
      descend(design, o, offset, out);
    else
      pseudo_lloyd(design, o, offset, out);
    out.first = design.first();
    out.boundaries = design.boundaries();
  });
  job.thresholds = out.boundaries;
  job.thresholds_first = out.first;
  out.after = design_figures(job, o.lambda);
  return out;
}

}  // namespace rdp
