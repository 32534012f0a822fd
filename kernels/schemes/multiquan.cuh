#pragma once
// MultiQuan (SPEC 2.1): N uniform quantizers offset by Delta/N, one chosen by the
// common randomness n. Cell j = N*i + n is [c_j, c_{j+N}) with c_j = (j/N - 1/2)*Delta;
// its reconstruction interval [a_j, a_{j+1}) has F(a_j) = (1/N) sum_{k<N} F(c_{j+k}),
// and X^ is drawn from the source restricted to it, which makes X^ ~ X exactly.
#include "../pipeline_params.cuh"
#include "../rng.cuh"
#include "../sources.cuh"

namespace rdp {

template <class Source>
struct Multiquan {
  RDP_HD static double boundary(int64_t j, uint32_t N, double step) {
    return (static_cast<double>(j) / N - 0.5) * step;
  }

  // a_j from its definition; the host tabulates the decoder's boundaries over the
  // histogram window and samples outside the window recompute them here.
  RDP_HD static ReconBoundary recon_boundary(int64_t j, uint32_t N, double step) {
    double lower = 0.0, upper = 0.0;
    for (uint32_t k = 0; k < N; ++k) {
      const double c = boundary(j + k, N, step);
      lower += Source::cdf(c);
      upper += Source::sf(c);
    }
    return {lower / N, upper / N};
  }

  RDP_HD static ReconBoundary recon_at(const PipelineParams& p, int64_t j, bool in_window) {
    return in_window ? p.recon[j - static_cast<int64_t>(p.N) * p.index_lo]
                     : recon_boundary(j - p.recon_shift, p.N, p.step);
  }

  RDP_HD static SampleOutcome run(const PipelineParams& p, const SampleRandoms& r) {
    const double x = sample_source<Source>(r.source_u);
    const uint32_t n = index_from_word(r.common, p.N);
    const int64_t i = static_cast<int64_t>(floor(x / p.step - static_cast<double>(n) / p.N + 0.5));
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
