#include "host/quantize/array_quantizer.hpp"

#include <omp.h>

#include <stdexcept>

#include <fmt/format.h>

#include "kernels/dispatch.cuh"
#include "kernels/schemes/dithered.cuh"
#include "kernels/schemes/multiquan.cuh"
#include "host/plan/plan.hpp"

namespace rdp {
namespace {

template <class Source>
void multiquan_range(const PipelineParams& p, uint64_t seed, const double* x, size_t count, uint64_t first,
                     int64_t* index, double* x_hat, int threads) {
  using Scheme = Multiquan<Source>;
#pragma omp parallel for schedule(static) num_threads(threads)
  for (size_t k = 0; k < count; ++k) {
    const SampleRandoms r = draw_randoms(seed, first + k);
    const uint32_t n = index_from_word(r.common, p.N);
    const int64_t i = Scheme::encode(p, x[k], n);
    const int64_t j = static_cast<int64_t>(p.N) * i + n;
    const bool in_window = window_bin(p, i, n) != kOutsideWindow;
    index[k] = i;
    x_hat[k] = Scheme::decode(p, Scheme::recon_at(p, j, in_window), Scheme::recon_at(p, j + 1, in_window), r.priv);
  }
}

template <class Source, bool kPostProcess>
void dithered_range(const PipelineParams& p, uint64_t seed, const double* x, size_t count, uint64_t first,
                    int64_t* index, double* x_hat, int threads) {
#pragma omp parallel for schedule(static) num_threads(threads)
  for (size_t k = 0; k < count; ++k) {
    const SampleRandoms r = draw_randoms(seed, first + k);
    const double z = (unit_from_word(r.common) - 0.5) * p.step;  // Dithered::code's dither
    index[k] = portable::integer_from_double(floor((x[k] + z) / p.step + 0.5));
    x_hat[k] = Dithered<Source, kPostProcess>::code(p, r, x[k]).x_hat;
  }
}

}  // namespace

void check_array_scheme(const Job& job) {
  if (job.scheme != SchemeKind::multiquan && job.scheme != SchemeKind::dithered &&
      job.scheme != SchemeKind::dithered_raw)
    throw std::invalid_argument(fmt::format("quantize codes arrays with multiquan, dithered or dithered-raw, got {}",
                                            to_string(job.scheme)));
  if (job.source == SourceKind::circle)
    throw std::invalid_argument("quantize codes values on the line: the circle source has no elementwise form");
}

void quantize_array(const Job& job, const double* x, size_t count, uint64_t first, int64_t* index, double* x_hat,
                    int threads) {
  check_array_scheme(job);
  const Plan plan = make_plan(job);
  const PipelineParams p = plan.host_params();
  const int n_threads = threads > 0 ? threads : omp_get_max_threads();
  visit_line_source(job.source, [&](auto tag) {
    using Source = typename decltype(tag)::type;
    if (job.scheme == SchemeKind::multiquan)
      multiquan_range<Source>(p, job.seed, x, count, first, index, x_hat, n_threads);
    else if (job.scheme == SchemeKind::dithered)
      dithered_range<Source, true>(p, job.seed, x, count, first, index, x_hat, n_threads);
    else
      dithered_range<Source, false>(p, job.seed, x, count, first, index, x_hat, n_threads);
  });
}

}  // namespace rdp
