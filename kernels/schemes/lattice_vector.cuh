#pragma once
// Lattice transform coding of vectors (docs/theory.md §4; Lei, Hassani & Saeedi
// Bidokhti, arXiv:2503.17558): a vector of blocks * m i.i.d. coordinates of sigma * X is
// coded block by block with the lattice Lambda = lattice_scale * L:
//   lattice-sd   c = Q(a x - u),  x^ = b (c + u),            u shared, uniform on V0(Lambda)
//   lattice-pd   c = Q(a x),      x^ = b (c + s u),          u private, uniform on V0(Lambda)
//   lattice-qsd  c = Q(a x - u^), x^ = b (c + u^ + s u_f),   u^ shared, uniform on the gamma^m coset
//                                 leaders of Lambda_f = Lambda / gamma; u_f private on V0(Lambda_f)
//   lattice-det  c = Q(a x),      x^ = b c
// Each vector adds ||x - x^||^2, -log2 P^(c | shared) (§5.4), its Jensen-bias estimate,
// ||x^||^2, and the PIT of x^ along every direction and in every coordinate (§5.7).
#include "../accumulators.cuh"
#include "../block_randoms.cuh"
#include "../kinds.cuh"
#include "../lattices/cell_point.cuh"
#include "../pipeline_params.cuh"
#include "../portable_math.cuh"
#include "../sources.cuh"

namespace rdp {

// Sliced-W2 directions a run can have: their running projections live in registers.
constexpr uint32_t kMaxDirections = 64;
// Coordinates of a vector: blocks * m never exceeds this.
constexpr uint32_t kMaxVectorDim = 64;

// The rate of one block: -log2 P^(c | t) in bits and the estimate of its Jensen bias.
struct BlockInformation {
  double bits;
  double bias_bits;
};

template <SchemeKind Kind, class Source, class L>
struct LatticeVectorSamples {
  static constexpr int M = L::kDim;
  static constexpr bool kVectorMoments = true;  // information, its bias and the output power too
  static_assert(Kind == SchemeKind::lattice_sd || Kind == SchemeKind::lattice_pd ||
                    Kind == SchemeKind::lattice_qsd || Kind == SchemeKind::lattice_det,
                "a lattice vector scheme");

  // U = scale * (v - Q(v)): uniform on V0(scale * L), from m uniforms.
  RDP_HD static void scaled_cell_point(const double (&unit)[M], double scale, double (&u)[M]) {
    lattice::uniform_cell_point<L>(unit, u);
    for (int i = 0; i < M; ++i) u[i] *= scale;
  }

  // The shared shift t of a block: u (sd), the coset leader u^ (qsd), or 0.
  RDP_HD static void shared_shift(const PipelineParams& p, const SampleRandoms (&r)[M], double (&t)[M]) {
    if constexpr (Kind == SchemeKind::lattice_sd) {
      double unit[M];
      for (int i = 0; i < M; ++i) unit[i] = unit_from_word(r[i].common);
      scaled_cell_point(unit, p.lattice_scale, t);
    } else if constexpr (Kind == SchemeKind::lattice_qsd) {
      // z G_f - Q_Lambda(z G_f), z uniform on {0, ..., gamma - 1}^m, G_f = (scale / gamma) G.
      double leader[M], q[M];
      for (int c = 0; c < M; ++c) leader[c] = 0.0;
      for (int r0 = 0; r0 < M; ++r0) {
        const double z = static_cast<double>(index_from_word(r[r0].common, p.gamma));
        for (int c = 0; c < M; ++c) leader[c] += z * L::generator(r0, c);
      }
      for (int c = 0; c < M; ++c) leader[c] *= p.lattice_scale / p.gamma;
      lattice::closest_scaled<L>(leader, p.lattice_scale, q);
      for (int c = 0; c < M; ++c) t[c] = leader[c] - q[c];
    } else {
      for (int i = 0; i < M; ++i) t[i] = 0.0;
    }
  }

  // The private dither added before the synthesis gain: s u (pd), s u_f (qsd), or 0.
  RDP_HD static void private_dither(const PipelineParams& p, const SampleRandoms (&r)[M], double (&d)[M]) {
    if constexpr (Kind == SchemeKind::lattice_pd || Kind == SchemeKind::lattice_qsd) {
      double unit[M];
      for (int i = 0; i < M; ++i) unit[i] = unit_from_word(r[i].priv);
      const double cell = Kind == SchemeKind::lattice_qsd ? p.lattice_scale / p.gamma : p.lattice_scale;
      scaled_cell_point(unit, cell, d);
      for (int i = 0; i < M; ++i) d[i] *= p.dither_scale;
    } else {
      for (int i = 0; i < M; ++i) d[i] = 0.0;
    }
  }

  // log P^ for the cell points moved by `shift`: log(V q-bar), q-bar the mean density of
  // y = a sigma X (Gaussian) at centre + w_j, w_j = p_j + shift reduced into V0(Lambda).
  // `centre` and `shift` are in the unscaled lattice's coordinates, as the cell points.
  RDP_HD static double log_cell_mass(const PipelineParams& p, const double (&centre)[M], const double (&shift)[M]) {
    // log sum_j exp(e_j), e_j = -||centre + w_j||^2 / (2 spread^2), kept against its running maximum.
    double top = -INFINITY, sum = 0.0;
    for (uint32_t j = 0; j < p.cell_point_count; ++j) {
      double w[M], q[M];
      for (int i = 0; i < M; ++i) w[i] = p.cell_points[j * M + i] + shift[i];
      L::closest_point(w, q);
      double norm = 0.0;
      for (int i = 0; i < M; ++i) {
        const double z = centre[i] + w[i] - q[i];
        norm += z * z;
      }
      const double e = -norm * p.density_exponent_scale;
      if (e > top) {
        sum = sum * portable::exp(top - e) + 1.0;
        top = e;
      } else {
        sum += portable::exp(e - top);
      }
    }
    return p.log_density_constant + top + portable::log(sum);
  }

  // -log2 P(c | t), P the mass of y = a sigma X on the cell c + t + V0(Lambda) (§5.4).
  // Z: the exact interval mass. Other lattices: randomized QMC over the cell's K^m points,
  // each of two independent random shifts r used with its antithetic -r (the point set
  // is symmetric, so the density's odd part integrates exactly); P^ is the mean of the two
  // replicates, and ((P1 - P2) / (P1 + P2))^2 / (2 ln 2) estimates the Jensen bias.
  RDP_HD static BlockInformation information(const PipelineParams& p, uint64_t s, uint32_t block,
                                             const double (&centre)[M]) {
    if constexpr (M == 1) {
      const double spread = p.gain_a * p.sigma;
      const double half = 0.5 * p.lattice_scale;
      const double lo = (centre[0] - half) / spread, hi = (centre[0] + half) / spread;
      const double mass = lo < 0.0 ? Source::cdf(hi) - Source::cdf(lo) : Source::sf(lo) - Source::sf(hi);
      return {-portable::log(mass) / kLn2, 0.0};
    } else {
      constexpr int kUnitBlocks = (M + 3) / 4;
      double unscaled_centre[M];
      for (int i = 0; i < M; ++i) unscaled_centre[i] = centre[i] / p.lattice_scale;
      double log_p[2];
      for (int h = 0; h < 2; ++h) {
        double unit[M], shift[M], opposite[M];
        for (int b = 0; b < kUnitBlocks; ++b) {
          const Philox4x32Words w = draw_block_words(p.seed, s, (2 * block + h) * kUnitBlocks + b, kRateStream);
          const uint32_t words[4] = {w.x, w.y, w.z, w.w};
          for (int j = 0; j < 4 && 4 * b + j < M; ++j) unit[4 * b + j] = unit_from_word(words[j]);
        }
        scaled_cell_point(unit, p.inverse_cell_points_per_axis, shift);
        for (int i = 0; i < M; ++i) opposite[i] = -shift[i];
        log_p[h] = log_mean_of_logs(log_cell_mass(p, unscaled_centre, shift), log_cell_mass(p, unscaled_centre, opposite));
      }
      // log((P1 + P2) / 2) and the relative spread (P1 - P2) / (P1 + P2).
      const double ratio = portable::exp(-fabs(log_p[0] - log_p[1]));  // P_small / P_large in (0, 1]
      const double relative = (1.0 - ratio) / (1.0 + ratio);
      return {-log_mean_of_logs(log_p[0], log_p[1]) / kLn2, relative * relative / (2.0 * kLn2)};
    }
  }

  // log((e^a + e^b) / 2), without overflow.
  RDP_HD static double log_mean_of_logs(double a, double b) {
    const double hi = a > b ? a : b, lo = a > b ? b : a;
    return hi + portable::log(0.5 * (1.0 + portable::exp(lo - hi)));
  }

  template <class Counters>
  RDP_HD static void accumulate(const PipelineParams& p, uint64_t s, const ErrorScale& scale, Moments& moments,
                                Counters& counters) {
    double projection[kMaxDirections];
    for (uint32_t d = 0; d < p.directions; ++d) projection[d] = 0.0;
    const uint32_t n = p.blocks * M;
    double sq_error = 0.0, bits = 0.0, bias_bits = 0.0, power = 0.0;
    for (uint32_t block = 0; block < p.blocks; ++block) {
      SampleRandoms r[M];
      double x[M], y[M], t[M], c[M], d[M];
      for (int i = 0; i < M; ++i) {
        r[i] = draw_block_randoms(p.seed, s, block * M + i, kCodingStream);
        x[i] = p.sigma * Source::tail_quantile(r[i].tail_u, r[i].upper != 0);
      }
      shared_shift(p, r, t);
      for (int i = 0; i < M; ++i) y[i] = p.gain_a * x[i] - t[i];
      lattice::closest_scaled<L>(y, p.lattice_scale, c);
      private_dither(p, r, d);
      double centre[M];
      for (int i = 0; i < M; ++i) centre[i] = c[i] + t[i];
      const BlockInformation info = information(p, s, block, centre);
      bits += info.bits;
      bias_bits += info.bias_bits;
      for (int i = 0; i < M; ++i) {
        const uint32_t coord = block * M + i;
        const double x_hat = p.gain_s * (centre[i] + d[i]);
        sq_error += (x[i] - x_hat) * (x[i] - x_hat);
        power += x_hat * x_hat;
        counters.count_pit((p.directions + coord) * p.pit_bins + pit_bin(Source::cdf(x_hat / p.sigma), p.pit_bins));
        for (uint32_t dir = 0; dir < p.directions; ++dir) projection[dir] += p.direction_table[dir * n + coord] * x_hat;
      }
    }
    // theta . X ~ N(0, sigma^2) for a unit theta: the same law as a coordinate.
    for (uint32_t dir = 0; dir < p.directions; ++dir)
      counters.count_pit(dir * p.pit_bins + pit_bin(Source::cdf(projection[dir] / p.sigma), p.pit_bins));
    // The error scale bounds ||x - x^||^2 and ||x^||^2 alike (plan).
    moments.errors.add(sq_error, scale);
    moments.output_power.add(power, scale);
    const ErrorScale info_scale = ErrorScale::for_exponent(p.info_scale_exp);
    moments.information.add(bits + p.info_offset, info_scale);
    moments.information_bias.add(bias_bits, info_scale);
  }
};

}  // namespace rdp
