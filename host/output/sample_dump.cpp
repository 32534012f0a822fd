#include "host/output/sample_dump.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "host/output/atomic_file.hpp"
#include "host/plan/plan.hpp"
#include "host/schemes/scheme_traits.hpp"
#include "kernels/dispatch.cuh"

namespace rdp {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the dump files are little-endian float64");

void dump_samples(const Job& job, uint64_t count, const std::string& x_hat_path, const std::string& x_path) {
  if (applies(job.scheme, kAxisLattice))
    throw std::invalid_argument(
        fmt::format("--dump-xhat: {} codes vectors; sample dumps are for the 1-D schemes", to_string(job.scheme)));
  const Plan plan = make_plan(job);
  const PipelineParams p = plan.host_params();
  std::optional<AtomicFile> x_hat_file, x_file;
  if (!x_hat_path.empty()) x_hat_file.emplace(x_hat_path);
  if (!x_path.empty()) x_file.emplace(x_path);
  constexpr uint64_t kBlock = 1 << 16;
  std::vector<double> x(kBlock), x_hat(kBlock);
  visit_scalar_scheme(job.scheme, job.source, [&](auto tag) {
    using Scheme = typename decltype(tag)::type;
    for (uint64_t first = 0; first < count; first += kBlock) {
      const uint64_t n = std::min(kBlock, count - first);
      for (uint64_t i = 0; i < n; ++i) {
        const SampleRandoms r = draw_randoms(p.seed, first + i);
        x[i] = Scheme::draw(p, r);
        x_hat[i] = Scheme::code(p, r, x[i]).x_hat;
      }
      if (x_hat_file) x_hat_file->write(x_hat.data(), n * sizeof(double));
      if (x_file) x_file->write(x.data(), n * sizeof(double));
    }
  });
  if (x_hat_file) x_hat_file->commit();
  if (x_file) x_file->commit();
}

}  // namespace rdp
