#include "host/run_job.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "kernels/dispatch.cuh"
#include "host/estimators/entropy.hpp"
#include "host/estimators/mean.hpp"
#include "host/estimators/perception.hpp"
#include "host/estimators/vector_estimates.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "host/interrupt.hpp"
#include "host/output/progress.hpp"
#include "host/profiling/profile_range.hpp"

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

void estimate(const Plan& plan, const Tally& tally, Result& r) {
  const ProfileRange range("estimators");
  if (plan.key.kind == PipelineKind::vector_scheme)
    estimate_vector(plan, tally, r);
  else
    estimate_scalar(plan, tally, r);
}

// The first chunk is short: the speed it shows decides the long-run warning, and a
// --target-se run first checks its standard error there.
constexpr uint64_t kFirstCheckpoint = uint64_t{1} << 20;
constexpr double kLongRunSeconds = 600.0;

// The next sample count at which a --target-se run checks: where the standard error,
// falling as 1/sqrt(n), should reach the target, 10% beyond, and at least 1.25 times
// the samples so far, in whole multiples of 2^16. It depends on the tally alone, so
// every backend, thread count and launch shape stops at the same count.
uint64_t next_checkpoint(uint64_t drawn, double se, double target, uint64_t limit) {
  const double predicted = static_cast<double>(drawn) * (se / target) * (se / target) * 1.1;
  const double next = std::max(1.25 * static_cast<double>(drawn), predicted);
  if (!(next < static_cast<double>(limit))) return limit;
  constexpr uint64_t kGrain = uint64_t{1} << 16;
  return std::min(limit, (static_cast<uint64_t>(next) / kGrain + 1) * kGrain);
}

std::string duration_text(double seconds) {
  if (seconds < 7200.0) return fmt::format("{:.0f} min", seconds / 60.0);
  if (seconds < 172800.0) return fmt::format("{:.1f} h", seconds / 3600.0);
  return fmt::format("{:.1f} days", seconds / 86400.0);
}

void warn_if_long(const Job& job, const Backend& backend, uint64_t drawn, double elapsed, uint64_t expected) {
  const double rate = static_cast<double>(drawn) / std::max(elapsed, 1e-9);
  const double seconds = static_cast<double>(expected - drawn) / rate;
  if (seconds <= kLongRunSeconds) return;
  fmt::print(stderr,
             "rdpsim: warning: {:.3g} samples at {:.3g} samples/s on {} ({}) take about {}; Ctrl-C stops with the "
             "result so far{}\n",
             static_cast<double>(expected), rate, backend.name(), backend.device(), duration_text(seconds),
             std::isnan(job.target_se) ? ", --target-se stops at a chosen precision" : "");
}

}  // namespace

Result run_job(const Job& job, Backend& backend, bool progress) {
  const ProfileRange job_range("job " + profile_label(job));
  const Plan plan = make_plan(job);
  const auto start = std::chrono::steady_clock::now();
  const auto seconds_since_start = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  Tally tally;
  tally.index_hist.assign(plan.index_bins(), 0);
  tally.pit_hist.assign(plan.pit_bins_total(), 0);
  Result r;
  r.job = job;
  ProgressLine line(progress);
  // Chunks keep memory flat and let the progress line move; the split does not
  // change the result because every accumulator is an integer sum.
  const bool stop_at_se = !std::isnan(job.target_se);
  uint64_t checkpoint = std::min(job.samples, kFirstCheckpoint), drawn = 0;
  while (drawn < job.samples) {
    if (drawn > 0 && interrupt_signal() != 0) {
      r.interrupted = true;
      break;
    }
    const uint64_t count = std::min(backend.chunk_samples(plan), checkpoint - drawn);
    backend.accumulate(plan, drawn, count, tally);
    drawn += count;
    line.update(drawn, job.samples);
    if (drawn < checkpoint) continue;
    uint64_t expected = job.samples;
    if (stop_at_se) {
      estimate(plan, tally, r);
      if (r.distortion_se <= job.target_se) break;
      checkpoint = next_checkpoint(drawn, r.distortion_se, job.target_se, job.samples);
      expected = checkpoint;
    } else {
      checkpoint = job.samples;
    }
    if (progress && drawn == std::min(job.samples, kFirstCheckpoint))
      warn_if_long(job, backend, drawn, seconds_since_start(), expected);
  }
  line.finish();

  r.samples = drawn;
  r.step = plan.params.step;
  r.backend = backend.name();
  r.device = backend.device();
  r.elapsed_s = seconds_since_start();
  r.samples_per_s = static_cast<double>(drawn) / r.elapsed_s;
  r.overflow = tally.moments.outside_window;
  r.saturated = tally.moments.errors.saturated;
  estimate(plan, tally, r);
  if (progress && r.overflow > 0)
    fmt::print(stderr,
               "rdpsim: warning: {} of {} indices fell outside the histogram window; the rates leave them out "
               "(a larger step, or fewer dither bins, widens the window)\n",
               r.overflow, drawn);
  if (progress && r.saturated > 0)
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
