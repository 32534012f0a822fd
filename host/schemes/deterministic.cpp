// Host hook of the deterministic scheme (docs/theory.md §2.4): the centroid of every
// cell of the histogram window.
#include <type_traits>

#include "host/plan/plan.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "kernels/dispatch.cuh"

namespace rdp {

void plan_centroid_table(Plan& plan) {
  const PipelineParams& p = plan.params;
  plan.centroids.resize(p.index_count);
  visit_line_law(plan.job.source, p.loc, p.scale, [&](const auto& law) {
    using Source = typename std::decay_t<decltype(law)>::Standard;
    for (uint32_t k = 0; k < p.index_count; ++k)
      plan.centroids[k] = Deterministic<Source>::centroid(law, p.index_lo + k, p.step);
  });
}

}  // namespace rdp
