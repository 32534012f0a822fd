#include "host/run_job.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "kernels/dispatch.cuh"
#include "host/estimators/entropy.hpp"
#include "host/estimators/mean.hpp"
#include "host/estimators/perception.hpp"
#include "host/estimators/vector_estimates.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "host/output/progress.hpp"

namespace rdp {
namespace {

// A scalar scheme's rates from its index histogram and perception from its PIT histogram.
void estimate_scalar(const Plan& plan, const Tally& tally, Result& r) {
  const Job& job = plan.job;
  const SchemeTraits& scheme = traits(job.scheme);
  const MeanEstimate d = error_mean(tally.moments.errors, tally.samples, plan.params.error_scale_exp);
  r.distortion = d.mean;
  r.distortion_se = d.se;
  const uint32_t groups = plan.params.groups;
  const EntropyEstimate given_group = conditional_entropy(tally.index_hist, groups);
  r.rate_marginal = marginal_entropy(tally.index_hist, groups);
  r.rate = scheme.rate == RateEntropy::given_group ? given_group : r.rate_marginal;
  if (scheme.reports_conditional_rate) r.rate_conditional = given_group;
  if (job.source == SourceKind::circle) {
    r.perception = circle_perception(tally.pit_hist);
  } else {
    visit_line_law(job.source, job.loc, job.scale, [&](const auto& law) {
      r.perception = line_perception(tally.pit_hist, [law](double u) { return law.quantile(u); });
    });
  }
}

}  // namespace

Result run_job(const Job& job, Backend& backend, bool progress) {
  const Plan plan = make_plan(job);
  const auto start = std::chrono::steady_clock::now();
  Tally tally;
  tally.index_hist.assign(plan.index_bins(), 0);
  tally.pit_hist.assign(plan.pit_bins_total(), 0);
  ProgressLine line(progress);
  // Chunks keep memory flat and let the progress line move; the split does not
  // change the result because every accumulator is an integer sum.
  for (uint64_t first = 0; first < job.samples;) {
    const uint64_t count = std::min(backend.chunk_samples(plan), job.samples - first);
    backend.accumulate(plan, first, count, tally);
    first += count;
    line.update(first, job.samples);
  }
  line.finish();

  Result r;
  r.job = job;
  r.step = plan.params.step;
  r.backend = backend.name();
  r.device = backend.device();
  r.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.samples_per_s = static_cast<double>(job.samples) / r.elapsed_s;

  r.overflow = tally.moments.outside_window;
  r.saturated = tally.moments.errors.saturated;
  if (plan.key.kind == PipelineKind::vector_scheme)
    estimate_vector(plan, tally, r);
  else
    estimate_scalar(plan, tally, r);
  if (r.overflow > 0)
    fmt::print(stderr,
               "rdpsim: warning: {} of {} indices fell outside the histogram window; the rates leave them out "
               "(a larger step, or fewer dither bins, widens the window)\n",
               r.overflow, job.samples);
  if (r.saturated > 0)
    fmt::print(stderr, "rdpsim: warning: {} squared errors exceeded their a-priori bound; distortion is unreliable\n",
               r.saturated);

  r.tally = std::move(tally);
  return r;
}

Result run_job(const Job& job, const RunOptions& options) {
  validate(job);
  auto backend = make_backend(options);
  return run_job(job, *backend, options.progress);
}

}  // namespace rdp
