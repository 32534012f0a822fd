// Host hooks of the lattice vector schemes (docs/theory.md §4, §5.4, §5.7): their limits,
// and their plan: the lattice's scale, the rate estimator's cell points, the sliced W2's
// directions and the fixed-point scales of the per-vector sums.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "host/lattices/lattice_traits.hpp"
#include "host/limits.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/lattice_design.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/block_randoms.cuh"
#include "kernels/lattices/cell_point.cuh"
#include "kernels/lattices/lattice_dispatch.cuh"
#include "kernels/schemes/lattice_vector.cuh"
#include "kernels/sources.cuh"

namespace rdp {
namespace {

// K of the rate estimator: the job's, or the lattice's default (docs/theory.md §5.4): the
// smallest K whose Jensen bias stays below 0.002 bit per dimension on the gaussian source,
// measured up to steps of 8 a sigma (3.5 a sigma for E8 with K = 2).
uint32_t cell_points_per_axis(const Job& job) {
  if (job.cell_points != 0) return job.cell_points;
  const double coarseness = job.step / (job.gain_a * job.sigma);
  switch (job.lattice) {
    case LatticeKind::A2: return 16;
    case LatticeKind::D3:
    case LatticeKind::D3_dual: return 8;
    case LatticeKind::D4: return coarseness <= 8.0 ? 4 : 6;
    case LatticeKind::E8: return coarseness <= 3.5 ? 2 : 3;
    default: return 1;  // Z: the rate is exact
  }
}

double cell_point_total(const Job& job) {
  return std::pow(static_cast<double>(cell_points_per_axis(job)), lattice_dimension(job.lattice));
}

// The K^m points z G / K, z in {0, ..., K-1}^m, of (1/K) L, reduced into V0(L).
template <class L>
std::vector<double> reduced_cell_points(uint32_t K) {
  constexpr int M = L::kDim;
  const uint64_t count = static_cast<uint64_t>(std::llround(std::pow(K, M)));
  std::vector<double> points;
  points.reserve(count * M);
  for (uint64_t index = 0; index < count; ++index) {
    double p[M] = {}, q[M];
    uint64_t rest = index;
    for (int r = 0; r < M; ++r) {
      const double z = static_cast<double>(rest % K);
      rest /= K;
      for (int c = 0; c < M; ++c) p[c] += z * L::generator(r, c);
    }
    for (int c = 0; c < M; ++c) p[c] /= K;
    L::closest_point(p, q);
    for (int c = 0; c < M; ++c) points.push_back(p[c] - q[c]);
  }
  return points;
}

// D unit vectors of R^n, uniform on the sphere: normalized Gaussian vectors drawn from
// the run's key (stream kDirectionStream, one counter per direction).
std::vector<double> sliced_directions(uint64_t seed, uint32_t count, uint32_t n) {
  std::vector<double> table;
  for (uint32_t d = 0; d < count; ++d) {
    std::vector<double> v(n);
    double norm = 0.0;
    for (uint32_t i = 0; i < n; ++i) {
      const SampleRandoms r = draw_block_randoms(seed, d, i, kDirectionStream);
      v[i] = GaussianSource::tail_quantile(r.tail_u, r.upper != 0);
      norm += v[i] * v[i];
    }
    for (double x : v) table.push_back(x / std::sqrt(norm));
  }
  return table;
}

}  // namespace

void check_lattice_scheme(const Job& job) {
  const char* name = to_string(job.scheme);
  if (job.source != SourceKind::gaussian)
    throw std::invalid_argument(
        fmt::format("--scheme {} codes vectors of the gaussian source only, not {}", name, to_string(job.source)));
  const int m = lattice_dimension(job.lattice);
  const bool has_generator = visit_lattice(job.lattice, [](auto tag) { return decltype(tag)::type::kHasGenerator; });
  if (!has_generator)
    throw std::invalid_argument(fmt::format(
        "--lattice {} has no rate estimator here (its cell points would number K^{} >= 2^{}): the vector schemes take "
        "Z, A2, D3, D3*, D4 and E8; `rdpsim nsm` measures {}", to_string(job.lattice), m, m, to_string(job.lattice)));
  limits::check(limits::kBlocks, job.blocks, "--blocks");
  if (job.blocks * m > kMaxVectorDim)
    throw std::invalid_argument(fmt::format("--blocks {} with --lattice {} makes vectors of {} coordinates (at most {})",
                                            job.blocks, to_string(job.lattice), job.blocks * m, kMaxVectorDim));
  if (job.scheme == SchemeKind::lattice_qsd) limits::check(limits::kGamma, job.gamma, "--gamma (lattice-qsd; gamma 1 is lattice-pd)");
  auto positive = [](double v, const char* flag) {
    if (!(v > 0.0 && std::isfinite(v))) throw std::invalid_argument(fmt::format("{} must be a positive number, got {}", flag, v));
  };
  positive(job.gain_a, "--gain-a");
  positive(job.gain_s, "--gain-s");
  positive(job.sigma, "--sigma");
  if (!(job.dither_scale >= 0.0 && std::isfinite(job.dither_scale)))
    throw std::invalid_argument(fmt::format("--dither-scale must be a number >= 0, got {}", job.dither_scale));
  limits::check(limits::kDirections, job.directions, "--directions");
  if (job.cell_points != 0 && m > 1) {
    limits::check(limits::kCellPoints, job.cell_points, "--cell-points");
    if (cell_point_total(job) > limits::kMaxCellPointTotal)
      throw std::invalid_argument(fmt::format("--cell-points {} gives {:.3g} points for --lattice {} (at most {:.0f} = K^m)",
                                              job.cell_points, cell_point_total(job), to_string(job.lattice),
                                              limits::kMaxCellPointTotal));
  }
}

void plan_lattice_scheme(Plan& plan) {
  const Job& job = plan.job;
  PipelineParams& p = plan.params;
  plan.key.kind = PipelineKind::vector_scheme;
  plan.key.lattice = job.lattice;
  const int m = lattice_dimension(job.lattice);
  const uint32_t n = job.blocks * m;
  const double volume = visit_lattice(job.lattice, [](auto tag) { return decltype(tag)::type::kVolume; });
  p.step = job.step;
  p.blocks = job.blocks;
  p.gamma = job.scheme == SchemeKind::lattice_qsd ? job.gamma : 1;
  p.lattice_scale = job.step / std::pow(volume, 1.0 / m);
  p.sigma = job.sigma;
  p.gain_a = job.gain_a;
  p.gain_s = job.gain_s;
  p.dither_scale = job.dither_scale;
  p.index_count = 0;
  p.groups = 1;
  p.directions = job.directions;
  p.pit_channels = job.directions + n;
  plan.directions = sliced_directions(job.seed, job.directions, n);

  // The rate estimator's cell points (none for Z, whose rate is exact).
  const uint32_t K = cell_points_per_axis(job);
  const double spread = job.gain_a * job.sigma;
  const double log_cell = m * std::log(job.step) - 0.5 * m * std::log(2.0 * kPi * spread * spread);
  if (m > 1) {
    visit_lattice(job.lattice, [&](auto tag) {
      using L = typename decltype(tag)::type;
      if constexpr (L::kHasGenerator) plan.cell_points = reduced_cell_points<L>(K);
    });
    p.cell_point_count = static_cast<uint32_t>(plan.cell_points.size() / m);
    p.inverse_cell_points_per_axis = 1.0 / K;
    p.log_density_constant = log_cell - std::log(static_cast<double>(p.cell_point_count));
    p.density_exponent_scale = p.lattice_scale * p.lattice_scale / (2.0 * spread * spread);
  }

  // A-priori bounds of the per-vector sums. A coordinate of X reaches sigma * x_max; the
  // cell's points lie within its box diagonal R of its centre.
  const double x_max = job.sigma * GaussianSource::isf(kMinSourceU);
  const double box = visit_lattice(job.lattice, [](auto tag) {
    using L = typename decltype(tag)::type;
    double d = 0.0;
    for (int i = 0; i < L::kDim; ++i) d += L::box_side(i) * L::box_side(i);
    return std::sqrt(d);
  });
  const double R = p.lattice_scale * box;
  const double root_n = std::sqrt(static_cast<double>(n)), root_blocks = std::sqrt(static_cast<double>(job.blocks));
  const double x_hat_max = job.gain_s * (job.gain_a * root_n * x_max + root_blocks * (2.0 + job.dither_scale) * R);
  p.error_scale_exp = scale_exponent(std::pow(root_n * x_max + x_hat_max, 2.0));
  // -log2 P^ per block lies in [-log2(V q_max), -log2(V q(r_max))], r_max the furthest a
  // cell point can be from the origin; the offset makes the lower end non-negative.
  const double lowest = -log_cell / std::log(2.0);
  const double r_max = job.gain_a * std::sqrt(static_cast<double>(m)) * x_max + 3.0 * R;
  const double highest = lowest + r_max * r_max / (2.0 * spread * spread * std::log(2.0));
  p.info_offset = job.blocks * std::max(0.0, -lowest);
  p.info_scale_exp = scale_exponent(job.blocks * (highest + std::max(0.0, -lowest)) + 1.0);

  // Four shifts (two and their antithetics) of K^m closest-point searches per block.
  plan.work_per_sample =
      job.blocks * traits(job.lattice).work_per_point * (1.0 + 4.0 * (m > 1 ? p.cell_point_count : 0));
}

}  // namespace rdp
