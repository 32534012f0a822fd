#pragma once
// MultiQuan's thresholds as the optimizers see them (docs/theory.md §8.1): boundaries
// c_j over a window of whole rows where the source has mass (uniform offsets outside),
// and the Lagrangian J = D + lambda R as a sum of cell terms T_j, each depending on
// c_j .. c_{j+N} only, so that derivatives with respect to one boundary are local.
// Boundaries live on the source's support [lo, hi]: J is flat beyond it and has a kink
// at its edge, where derivatives are taken one-sided and a boundary may rest.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "host/exact/multiquan_cell.hpp"
#include "host/optimize/banded_cholesky.hpp"
#include "host/optimize/threshold_optimizer.hpp"
#include "host/schemes/multiquan_thresholds.hpp"
#include "kernels/schemes/multiquan.cuh"

namespace rdp {

template <class Source>
class ThresholdDesign {
 public:
  static constexpr double kTail = 1e-13;  // cells beyond these quantiles carry no weight worth optimizing

  ThresholdDesign(const LocationScale<Source>& law, uint32_t N, double step, double lambda)
      : law_(law), N_(N), step_(step), lambda_(lambda), lo_(law.icdf(0.0)), hi_(law.isf(0.0)) {
    const int64_t row_lo = static_cast<int64_t>(std::floor(law.icdf(kTail) / step)) - 1;
    const int64_t row_hi = static_cast<int64_t>(std::ceil(law.isf(kTail) / step)) + 1;
    first_ = static_cast<int64_t>(N) * row_lo;
    start_.resize(static_cast<size_t>(N) * (row_hi - row_lo + 1));
    for (size_t k = 0; k < start_.size(); ++k)
      start_[k] = uniform_offset_boundary(first_ + static_cast<int64_t>(k), N, step);
  }

  int64_t first() const { return first_; }
  uint32_t N() const { return N_; }
  double step() const { return step_; }
  double lambda() const { return lambda_; }
  const std::vector<double>& uniform_offsets() const { return start_; }

  // c_j of the design c: the decoder's own Multiquan::boundary over these thresholds.
  double at(const std::vector<double>& c, int64_t j) const { return Multiquan<Source>::boundary(params(c), j); }
  int64_t boundary_index(size_t k) const { return first_ + static_cast<int64_t>(k); }

  bool ordered(const std::vector<double>& c) const { return !first_disorder(c, first_, N_, step_); }
  double clamp_to_support(double x) const { return std::clamp(x, lo_, hi_); }

  // Whether boundary k rests on an edge of the support that its gradient g pushes it out
  // of. Zeroing those components of g gives the projected gradient, the measure of
  // stationarity under the support constraint.
  bool pinned(const std::vector<double>& c, const std::vector<double>& g, size_t k) const {
    return (c[k] <= lo_ && g[k] >= 0.0) || (c[k] >= hi_ && g[k] <= 0.0);
  }
  std::vector<double> projected(const std::vector<double>& c, std::vector<double> g) const {
    for (size_t k = 0; k < c.size(); ++k)
      if (pinned(c, g, k)) g[k] = 0.0;
    return g;
  }

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

  // The cells whose terms the window's boundaries can change: first-N .. last.
  int64_t first_cell() const { return first_ - static_cast<int64_t>(N_); }
  int64_t end_cell(const std::vector<double>& c) const { return first_ + static_cast<int64_t>(c.size()); }

  DesignFigures window_figures(const std::vector<double>& c) const {
    DesignFigures f;
    for (int64_t j = first_cell(); j < end_cell(c); ++j) {
      const Cell t = cell(c, j);
      f.distortion += t.distortion;
      f.rate_bits += t.rate;
    }
    f.lagrangian = f.distortion + lambda_ * f.rate_bits;
    return f;
  }

  // dJ/dc for every boundary, by central differences of the N + 1 cell terms that
  // boundary enters, with h = 1e-7 step: its rounding error is about 1e-9 of
  // gradient_scale().
  std::vector<double> gradient(const std::vector<double>& c) const {
    std::vector<double> out(c.size(), 0.0);
    const double h = 1e-7 * step_;
    for_each_boundary(c, [&](Probe& probe, size_t k) {
      auto at = [&](double offset) { return probe.terms(signed_index(k) - N_, signed_index(k), k, offset, k, 0.0); };
      // The stencil c + side + {-h, 0, h}, shifted inside the support near an edge.
      const double side = inward(c[k], h);
      const double below = at(side - h), above = at(side + h);
      if (side == 0.0) {
        out[k] = (above - below) / (2.0 * h);
      } else {  // one-sided to second order: J'(c) = J'(c + side) - side J''(c + side)
        const double bend = (above - 2.0 * at(side) + below) / (h * h);
        out[k] = (above - below) / (2.0 * h) - side * bend;
      }
    });
    return out;
  }

  // The Hessian, banded: boundaries m < m' share the cells m' - N .. m, none when
  // m' - m > N. Second differences with h = 1e-4 step (their rounding error divides by
  // h^2) of the shared cells' terms.
  BandedSymmetric hessian(const std::vector<double>& c) const {
    BandedSymmetric H(c.size(), N_);
    const double h = 1e-4 * step_;
    for_each_boundary(c, [&](Probe& probe, size_t k) {
      const double side_k = inward(c[k], h);
      auto diagonal = [&](double a) { return probe.terms(signed_index(k) - N_, signed_index(k), k, a, k, 0.0); };
      H.at(k, 0) = (diagonal(side_k + h) - 2.0 * diagonal(side_k) + diagonal(side_k - h)) / (h * h);
      for (size_t d = 1; d <= N_ && k + d < c.size(); ++d) {
        const size_t l = k + d;
        const double side_l = inward(c[l], h);
        auto mixed = [&](double a, double b) { return probe.terms(signed_index(l) - N_, signed_index(k), k, a, l, b); };
        H.at(k, d) = (mixed(side_k + h, side_l + h) - mixed(side_k + h, side_l - h) - mixed(side_k - h, side_l + h) +
                      mixed(side_k - h, side_l - h)) / (4.0 * h * h);
      }
    });
    return H;
  }

  // The size of dJ/dc at a boundary that matters: a density times the squared step (a
  // point moved across a boundary changes its cost by O(step^2), distortion or lambda x
  // code length alike). The density is the densest row's mean density at the start.
  double gradient_scale() const {
    double peak = 0.0;
    for (size_t k = 0; k + N_ <= start_.size(); k += N_)
      peak = std::max(peak, exact::interval_mass(law_, start_[k], start_[k] + step_) / step_);
    return peak * step_ * step_;
  }

 private:
  PipelineParams params(const std::vector<double>& c) const {
    PipelineParams p;
    p.N = N_;
    p.step = step_;
    p.loc = law_.loc;
    p.scale = law_.scale;
    p.boundaries = c.data();
    p.boundary_lo = first_;
    p.boundary_count = static_cast<uint32_t>(c.size());
    return p;
  }

  // Where a difference stencil of half-width h around x must sit: shifted by h inside
  // the support within h of an edge, where J has a kink.
  double inward(double x, double h) const { return x - h < lo_ ? h : x + h > hi_ ? -h : 0.0; }

  static int64_t signed_index(size_t k) { return static_cast<int64_t>(k); }

  // A thread's copy of the design, to move one or two boundaries in.
  class Probe {
   public:
    Probe(const ThresholdDesign& design, const std::vector<double>& c) : design_(design), c_(c), moved_(c) {}
    // The terms of the cells of boundary indices k_lo .. k_hi (cell j of boundary j,
    // relative to the window's first), with boundary k moved by a and boundary l by b.
    double terms(int64_t k_lo, int64_t k_hi, size_t k, double a, size_t l, double b) {
      moved_[k] = c_[k] + a;
      if (l != k) moved_[l] = c_[l] + b;
      double sum = 0.0;
      for (int64_t i = k_lo; i <= k_hi; ++i) {
        const Cell t = design_.cell(moved_, design_.first_ + i);
        sum += t.distortion + design_.lambda_ * t.rate;
      }
      moved_[k] = c_[k];
      moved_[l] = c_[l];
      return sum;
    }

   private:
    const ThresholdDesign& design_;
    const std::vector<double>& c_;
    std::vector<double> moved_;
  };

  // fn(probe, k) for every boundary k, in parallel. Each boundary's figures are computed
  // alone, so the thread count cannot change a digit.
  template <class Fn>
  void for_each_boundary(const std::vector<double>& c, Fn fn) const {
#pragma omp parallel
    {
      Probe probe(*this, c);
#pragma omp for schedule(static)
      for (size_t k = 0; k < c.size(); ++k) fn(probe, k);
    }
  }

  LocationScale<Source> law_;
  uint32_t N_;
  double step_, lambda_;
  double lo_, hi_;  // the source's support
  int64_t first_ = 0;
  std::vector<double> start_;
};

}  // namespace rdp
