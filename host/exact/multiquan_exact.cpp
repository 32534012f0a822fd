// multiquan's rate and distortion without sampling (docs/theory.md §6.1, §6.4).
#include <cmath>
#include <vector>

#include "host/exact/cell_sums.hpp"
#include "host/exact/circle_theory.hpp"
#include "host/exact/exact.hpp"
#include "host/exact/multiquan_cell.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/dispatch.cuh"

namespace rdp {
namespace {

template <class Source>
void multiquan_line(const Plan& plan, ExactResult& out) {
  const uint32_t N = plan.job.N;
  const PipelineParams p = plan.host_params();
  const exact::IndexRange range = exact::reachable_indices(plan, N);
  std::vector<double> index_mass(range.count, 0.0);
  double rate = 0.0, distortion = 0.0;
  for (uint64_t k = 0; k < range.count; ++k) {
    const int64_t i = range.lo + static_cast<int64_t>(k);
    for (uint32_t n = 0; n < N; ++n) {
      const exact::MultiquanCell cell = exact::multiquan_cell<Source>(p, static_cast<int64_t>(N) * i + n);
      if (!(cell.mass > 0.0)) continue;
      rate += exact::entropy_term(cell.mass) / N;
      index_mass[k] += cell.mass / N;
      distortion += cell.mass / N * cell.conditional_distortion();
    }
  }
  out.rate_bits = rate;
  out.rate_marginal_bits = 0.0;
  for (double m : index_mass) out.rate_marginal_bits += exact::entropy_term(m);
  out.distortion = distortion;
}

}  // namespace

void exact_multiquan_line(const Plan& plan, ExactResult& out) {
  visit_line_source(plan.job.source, [&](auto tag) { multiquan_line<typename decltype(tag)::type>(plan, out); });
}

// Zhou & Tian, Thm 3.1: every quantizer has L equiprobable cells.
void exact_multiquan_circle(const Job& job, ExactResult& out) {
  out.rate_bits = out.rate_marginal_bits = std::log2(static_cast<double>(job.L));
  out.distortion = circle::multiquan_distortion(job.L, job.N);
}

}  // namespace rdp
