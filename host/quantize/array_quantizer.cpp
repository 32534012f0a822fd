#include "host/quantize/array_quantizer.hpp"

#include <omp.h>

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "kernels/dispatch.cuh"
#include "kernels/schemes/dithered.cuh"
#include "kernels/schemes/multiquan.cuh"
#include "host/plan/plan.hpp"

namespace rdp {
namespace {

// The scheme's own encoder and decoder (the code() that `rdpsim run` calls), fed the
// user's values instead of the source's draws.
template <class Scheme>
void code_range(const PipelineParams& p, uint64_t seed, const double* x, size_t count, uint64_t first,
                int64_t* index, double* x_hat, int threads) {
#pragma omp parallel for schedule(static) num_threads(threads)
  for (size_t k = 0; k < count; ++k) x_hat[k] = Scheme::code(p, draw_randoms(seed, first + k), x[k], index[k]).x_hat;
}

}  // namespace

void quantize_array(const Job& job, const double* x, size_t count, uint64_t first, int64_t* index, double* x_hat,
                    int threads) {
  if (job.scheme != SchemeKind::multiquan && job.scheme != SchemeKind::dithered &&
      job.scheme != SchemeKind::dithered_raw)
    throw std::invalid_argument(fmt::format("quantize codes arrays with multiquan, dithered or dithered-raw, got {}",
                                            to_string(job.scheme)));
  if (job.source == SourceKind::circle)
    throw std::invalid_argument("quantize codes values on the line: the circle source has no elementwise form");
  // The index must stay exact in a double: the source's draws stay far inside this bound,
  // and NaN or infinity has no cell.
  for (size_t k = 0; k < count; ++k)
    if (!(std::fabs(x[k]) <= 0x1p50 * job.step))
      throw std::invalid_argument(fmt::format(
          "quantize: element {} is {}, which has no cell (finite values with |x| <= 2^50 * step only)", k, x[k]));
  const Plan plan = make_plan(job);
  const PipelineParams p = plan.host_params();
  const int n_threads = threads > 0 ? threads : omp_get_max_threads();
  visit_line_source(job.source, [&](auto tag) {
    using Source = typename decltype(tag)::type;
    if (job.scheme == SchemeKind::multiquan)
      code_range<Multiquan<Source>>(p, job.seed, x, count, first, index, x_hat, n_threads);
    else if (job.scheme == SchemeKind::dithered)
      code_range<Dithered<Source, true>>(p, job.seed, x, count, first, index, x_hat, n_threads);
    else
      code_range<Dithered<Source, false>>(p, job.seed, x, count, first, index, x_hat, n_threads);
  });
}

}  // namespace rdp
