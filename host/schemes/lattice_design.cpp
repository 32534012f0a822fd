#include "host/schemes/lattice_design.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "host/lattices/lattice_traits.hpp"
#include "host/schemes/scheme_traits.hpp"

namespace rdp {

void design_job(Job& job) {
  if (!applies(job.scheme, kAxisLattice))
    throw std::invalid_argument(fmt::format("--design theorem applies to the lattice schemes, not {}", to_string(job.scheme)));
  const double v = job.sigma * job.sigma, D = job.target_D, P = job.target_P;
  if (!(P >= 0.0 && P < v))
    throw std::invalid_argument(fmt::format("--target-P must be in [0, sigma^2 = {}), got {}", v, P));
  const double G = traits(job.lattice).reference_nsm;
  double lattice_moment = 0.0;  // sigma^2(Lambda), the second moment per dimension of the cell
  if (job.scheme == SchemeKind::lattice_pd) {
    // Thm 4.5: nu = D/2, a = (sigma^2 - nu)/sigma^2, b = 1, s = sigma / sqrt(sigma^2 - nu).
    if (P != 0.0) throw std::invalid_argument(fmt::format("lattice-pd's theorem design is for --target-P 0, got {}", P));
    if (!(D > 0.0 && D < 2.0 * v))
      throw std::invalid_argument(fmt::format("lattice-pd's --target-D must be in (0, 2 sigma^2 = {}), got {}", 2.0 * v, D));
    const double nu = 0.5 * D;
    job.gain_a = (v - nu) / v;
    job.gain_s = 1.0;
    job.dither_scale = job.sigma / std::sqrt(v - nu);
    lattice_moment = nu * (v - nu) / v;
  } else {
    // Thm 4.3: a = 1; with the perception constraint active, X^ = b (X + E) has variance
    // (sigma - sqrt P)^2 and covariance theta with X; otherwise the MSE-optimal b.
    if (!(D > 0.0 && D < v))
      throw std::invalid_argument(fmt::format("--target-D must be in (0, sigma^2 = {}), got {}", v, D));
    const double reach = job.sigma - std::sqrt(P);
    job.gain_a = 1.0;
    job.dither_scale = 1.0;
    if (std::sqrt(P) < job.sigma - std::sqrt(std::fabs(v - D))) {
      const double theta = 0.5 * (v + reach * reach - D);
      lattice_moment = v * (v * reach * reach / (theta * theta) - 1.0);
      job.gain_s = reach / std::sqrt(v + lattice_moment);
    } else {
      lattice_moment = 1.0 / (1.0 / D - 1.0 / v);
      job.gain_s = (v - D) / v;
    }
  }
  job.step = std::sqrt(lattice_moment / G);
}

}  // namespace rdp
