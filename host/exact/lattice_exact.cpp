// The lattice schemes with Z on a gaussian source, without sampling (docs/theory.md §6.5):
// every coordinate is coded alone, so rate and distortion per dimension are sums over
// the cells of one coordinate, averaged over the shared shift t.
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "host/exact/cell_sums.hpp"
#include "host/exact/exact.hpp"
#include "host/exact/quadrature.hpp"
#include "host/lattices/lattice_traits.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "kernels/lattices/rounding.cuh"
#include "kernels/rng.cuh"
#include "kernels/sources.cuh"

namespace rdp {
namespace {

constexpr LocationScale<GaussianSource> kStandardGaussian{};

// One coordinate y = a x, x = sigma Z, coded to c = Q(y - t) on the grid step * Z and
// reconstructed as b (c + t) (before private dither).
struct ShiftedGrid {
  double step, a, b, sigma;

  struct Figures {
    double entropy_bits = 0.0;  // H(c | t)
    double sq_error = 0.0;      // E[(x - b (c + t))^2]
  };

  Figures at(double t) const {
    const double spread = a * sigma;
    // Cells that a draw reaches, |Z| <= isf(kMinSourceU), with one to spare on each side.
    const double reach = spread * GaussianSource::isf(kMinSourceU);
    const int64_t lo = static_cast<int64_t>(std::floor((-reach - t) / step)) - 1;
    const int64_t hi = static_cast<int64_t>(std::ceil((reach - t) / step)) + 1;
    if (static_cast<uint64_t>(hi - lo + 1) > kMaxIndexBins)
      throw std::invalid_argument(fmt::format("--step {} is too fine for `exact`: {} cells (limit {})", step, hi - lo + 1,
                                              kMaxIndexBins));
    Figures f;
    for (int64_t k = lo; k <= hi; ++k) {
      const double centre = static_cast<double>(k) * step + t;
      // The cell in units of Z: [(centre - step/2) / spread, (centre + step/2) / spread).
      const double z_lo = (centre - 0.5 * step) / spread, z_hi = (centre + 0.5 * step) / spread;
      const double mass = exact::interval_mass(kStandardGaussian, z_lo, z_hi);
      if (!(mass > 0.0)) continue;
      const exact::IntervalMoments z = exact::interval_moments(kStandardGaussian, z_lo, z_hi);
      const double gap = sigma * z.mean - b * centre;
      f.entropy_bits += exact::entropy_term(mass);
      f.sq_error += mass * (sigma * sigma * z.variance + gap * gap);
    }
    return f;
  }
};

}  // namespace

void exact_lattice_line(const Plan& plan, ExactResult& out) {
  const Job& job = plan.job;
  if (job.lattice != LatticeKind::Z) throw std::logic_error("exact_lattice_line: Z only (check_exact)");
  const ShiftedGrid grid{job.step, job.gain_a, job.gain_s, job.sigma};
  const double cell_variance = job.step * job.step / 12.0;  // of a uniform point of the cell [-step/2, step/2)
  switch (job.scheme) {
    case SchemeKind::lattice_sd: {
      // t uniform on the cell: H(c | t) is a smooth function of period step, so the
      // midpoint rule converges geometrically. By the crypto lemma c + t = y + E with E
      // uniform on the cell and independent of x.
      constexpr int kShifts = 256;
      for (int j = 0; j < kShifts; ++j)
        out.rate_bits += grid.at((-0.5 + (j + 0.5) / kShifts) * job.step).entropy_bits / kShifts;
      const double loss = 1.0 - job.gain_a * job.gain_s;
      out.distortion = loss * loss * job.sigma * job.sigma + job.gain_s * job.gain_s * cell_variance;
      break;
    }
    case SchemeKind::lattice_qsd: {
      // The gamma coset leaders z step / gamma reduced into [-step/2, step/2) (ties up, as the decoder).
      double rate = 0.0, error = 0.0;
      for (uint32_t z = 0; z < job.gamma; ++z) {
        const double fine = static_cast<double>(z) / job.gamma;
        const ShiftedGrid::Figures f = grid.at((fine - lattice::round_half_up(fine)) * job.step);
        rate += f.entropy_bits / job.gamma;
        error += f.sq_error / job.gamma;
      }
      const double fine_variance = cell_variance / (static_cast<double>(job.gamma) * job.gamma);
      out.rate_bits = rate;
      out.distortion = error + std::pow(job.gain_s * job.dither_scale, 2) * fine_variance;
      break;
    }
    case SchemeKind::lattice_pd:
    case SchemeKind::lattice_det: {
      const ShiftedGrid::Figures f = grid.at(0.0);
      out.rate_bits = f.entropy_bits;
      out.distortion = f.sq_error;
      if (job.scheme == SchemeKind::lattice_pd) out.distortion += std::pow(job.gain_s * job.dither_scale, 2) * cell_variance;
      break;
    }
    default: throw std::logic_error("exact_lattice_line: not a lattice scheme");
  }
  out.rate_marginal_bits = out.rate_bits;
}

}  // namespace rdp
