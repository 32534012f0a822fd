#pragma once
// MultiQuan (docs/theory.md §2.1): N quantizers, one chosen by the common randomness n. Cell
// j = N*i + n is [c_j, c_{j+N}) on the interleaved, non-decreasing boundary sequence c_j:
// uniform offsets c_j = (j/N - 1/2)*Delta by default, or general thresholds (docs/theory.md
// §2.2) over a window. Its reconstruction interval [a_j, a_{j+1}) has
// F(a_j) = (1/N) sum_{k<N} F(c_{j+k}); X^ is drawn from the source restricted to it,
// which makes X^ ~ X exactly.
#include "../pipeline_params.cuh"
#include "../rng.cuh"
#include "../sources.cuh"
#include "line_outcome.cuh"

namespace rdp {

// c_j of N quantizers offset uniformly by step/N.
RDP_HD double uniform_offset_boundary(int64_t j, uint32_t N, double step) {
  return (static_cast<double>(j) / N - 0.5) * step;
}

template <class Source>
struct Multiquan {
  RDP_HD static double boundary(const PipelineParams& p, int64_t j) {
    const int64_t k = j - p.boundary_lo;
    if (p.boundaries != nullptr && k >= 0 && k < static_cast<int64_t>(p.boundary_count)) return p.boundaries[k];
    return uniform_offset_boundary(j, p.N, p.step);
  }

  // a_j from its definition; the host tabulates the decoder's boundaries over the
  // histogram window and samples outside the window recompute them here.
  RDP_HD static ReconBoundary recon_boundary(const PipelineParams& p, int64_t j) {
    const LocationScale<Source> law = source_law<Source>(p);
    double cdf = 0.0, sf = 0.0;
    for (uint32_t k = 0; k < p.N; ++k) {
      const double c = boundary(p, j + k);
      cdf += law.cdf(c);
      sf += law.sf(c);
    }
    return {cdf / p.N, sf / p.N};
  }

  RDP_HD static ReconBoundary recon_at(const PipelineParams& p, int64_t j, bool in_window) {
    return in_window ? p.recon[j - static_cast<int64_t>(p.N) * p.index_lo] : recon_boundary(p, j - p.recon_shift);
  }

  // floor(x/Delta - n/N + 1/2): x's index on quantizer n of the uniform grid, as a double.
  RDP_HD static double uniform_index(const PipelineParams& p, double x, uint32_t n) {
    return floor(x / p.step - double_from_word(n) / p.N + 0.5);
  }

  // Index of x in quantizer n: the uniform grid's, moved to the cell whose boundaries
  // bracket x when general thresholds are set.
  RDP_HD static int64_t encode(const PipelineParams& p, double x, uint32_t n) {
    int64_t i = static_cast<int64_t>(uniform_index(p, x, n));
    if (p.boundaries != nullptr) {
      const int64_t N = p.N;
      while (x < boundary(p, N * i + n)) --i;
      while (x >= boundary(p, N * (i + 1) + n)) ++i;
    }
    return i;
  }

  // X^ uniform in probability on [a_j, a_{j+1}), interpolated in whichever tail keeps precision.
  RDP_HD static double decode(const PipelineParams& p, const ReconBoundary& lo, const ReconBoundary& hi,
                              uint32_t priv) {
    const double u = unit_from_word(priv);
    const bool lower_tail = lo.cdf < 0.5;
    const double t = lower_tail ? lo.cdf + u * (hi.cdf - lo.cdf) : lo.sf - u * (lo.sf - hi.sf);
    return source_law<Source>(p).tail_quantile(t, !lower_tail);
  }

  RDP_HD static double draw(const PipelineParams& p, const SampleRandoms& r) {
    return source_law<Source>(p).tail_quantile(r.tail_u, r.upper != 0);
  }

  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms& r, double x) {
    int64_t i;
    return code(p, r, x, i);
  }

  // code() that also gives the transmitted index: x's cell i on the quantizer n that r picks.
  RDP_HD static Reconstruction code(const PipelineParams& p, const SampleRandoms& r, double x, int64_t& i) {
    const uint32_t n = index_from_word(r.common, p.N);
    i = encode(p, x, n);
    const int64_t j = static_cast<int64_t>(p.N) * i + n;
    const uint32_t bin = window_bin(p, i, n);
    const bool in_window = bin != kOutsideWindow;
    return {bin, decode(p, recon_at(p, j, in_window), recon_at(p, j + 1, in_window), r.priv)};
  }

  // code() for the common case, uniform offsets and a cell inside the tabulated window,
  // without loops or branches, so that the CPU backend runs it on SIMD lanes. It leaves
  // every other sample to code() by setting deferred.
  RDP_HD static Reconstruction code_tabulated(const PipelineParams& p, const SampleRandoms& r, double x,
                                              uint32_t& deferred) {
    const uint32_t n = index_from_word(r.common, p.N);
    const double index = uniform_index(p, x, n);
    const bool representable = fabs(index) < 0x1p50;
    const int64_t i = portable::integer_from_double(representable ? index : 0.0);
    const uint32_t bin = window_bin(p, i, n);
    deferred = (!representable || bin == kOutsideWindow || p.boundaries != nullptr) ? 1u : 0u;
    const int64_t row = deferred ? 0 : static_cast<int64_t>(p.N) * (i - p.index_lo) + n;  // of a_j in p.recon
    return {bin, decode(p, p.recon[row], p.recon[row + 1], r.priv)};
  }

  RDP_HD static SampleOutcome score(const PipelineParams& p, double x, const Reconstruction& c) {
    return line_outcome(source_law<Source>(p), x, c);
  }
};

}  // namespace rdp
