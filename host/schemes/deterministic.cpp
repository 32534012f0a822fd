// Host hook of the deterministic scheme (docs/theory.md §2.4): the centroid of every
// cell of the histogram window.
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_hooks.hpp"
#include "kernels/dispatch.cuh"

namespace rdp {

void plan_centroid_table(Plan& plan) {
  const PipelineParams& p = plan.params;
  plan.centroids.resize(p.index_count);
  visit_line_source(plan.job.source, [&](auto tag) {
    using Source = typename decltype(tag)::type;
    for (uint32_t k = 0; k < p.index_count; ++k)
      plan.centroids[k] = Deterministic<Source>::centroid(p.index_lo + k, p.step);
  });
}

}  // namespace rdp
