#pragma once
// MultiQuan (SPEC 2.1): N quantizers, one chosen by the common randomness n. Cell
// j = N*i + n is [c_j, c_{j+N}) on the interleaved, non-decreasing boundary sequence c_j:
// uniform offsets c_j = (j/N - 1/2)*Delta by default, or general thresholds (seed
// Appendix D) over a window. Its reconstruction interval [a_j, a_{j+1}) has
// F(a_j) = (1/N) sum_{k<N} F(c_{j+k}); X^ is drawn from the source restricted to it,
// which makes X^ ~ X exactly.
#include "../pipeline_params.cuh"
#include "../rng.cuh"
#include "../sources.cuh"

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
    double lower = 0.0, upper = 0.0;
    for (uint32_t k = 0; k < p.N; ++k) {
      const double c = boundary(p, j + k);
      lower += Source::cdf(c);
      upper += Source::sf(c);
    }
    return {lower / p.N, upper / p.N};
  }

  RDP_HD static ReconBoundary recon_at(const PipelineParams& p, int64_t j, bool in_window) {
    return in_window ? p.recon[j - static_cast<int64_t>(p.N) * p.index_lo] : recon_boundary(p, j - p.recon_shift);
  }

  // Index of x in quantizer n: the uniform grid's, moved to the cell whose boundaries
  // bracket x when general thresholds are set.
  RDP_HD static int64_t encode(const PipelineParams& p, double x, uint32_t n) {
    int64_t i = static_cast<int64_t>(floor(x / p.step - static_cast<double>(n) / p.N + 0.5));
    if (p.boundaries != nullptr) {
      const int64_t N = p.N;
      while (x < boundary(p, N * i + n)) --i;
      while (x >= boundary(p, N * (i + 1) + n)) ++i;
    }
    return i;
  }

  RDP_HD static SampleOutcome run(const PipelineParams& p, const SampleRandoms& r) {
    const double x = sample_source<Source>(r.source_u);
    const uint32_t n = index_from_word(r.common, p.N);
    const int64_t i = encode(p, x, n);
    const int64_t j = static_cast<int64_t>(p.N) * i + n;

    SampleOutcome out;
    out.bin = window_bin(p, i, n);
    const bool in_window = out.bin != kOutsideWindow;
    const ReconBoundary lo = recon_at(p, j, in_window);
    const ReconBoundary hi = recon_at(p, j + 1, in_window);
    const double u = unit_from_word(r.priv);
    const double x_hat = lo.lower < 0.5 ? Source::icdf(lo.lower + u * (hi.lower - lo.lower))
                                        : Source::isf(lo.upper - u * (lo.upper - hi.upper));
    out.sq_error = (x - x_hat) * (x - x_hat);
    out.pit = Source::cdf(x_hat);
    return out;
  }
};

}  // namespace rdp
