#include "host/estimators/sample_distance.hpp"

#include <parallel/algorithm>

#include <cmath>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "host/backends/backend.hpp"
#ifdef RDPSIM_WITH_CUDA
#include "kernels/sort.cuh"
#endif

namespace rdp {

SampleDistance wasserstein_sorted(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) throw std::invalid_argument("wasserstein: both samples must be non-empty");
  SampleDistance d;
  d.n_a = a.size();
  d.n_b = b.size();
  // Q_a steps at i/n_a and Q_b at j/n_b; compare (i+1)*n_b with (j+1)*n_a in integers so
  // that coinciding steps advance together.
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  size_t i = 0, j = 0;
  double t = 0.0;
  while (i < a.size() && j < b.size()) {
    const unsigned __int128 next_a = static_cast<unsigned __int128>(i + 1) * b.size();
    const unsigned __int128 next_b = static_cast<unsigned __int128>(j + 1) * a.size();
    const double t_next = next_a <= next_b ? (i + 1) / na : (j + 1) / nb;
    const double diff = a[i] - b[j];
    d.w1 += (t_next - t) * std::fabs(diff);
    d.w2 += (t_next - t) * diff * diff;
    t = t_next;
    if (next_a <= next_b) ++i;
    if (next_b <= next_a) ++j;
  }
  d.w2 = std::sqrt(d.w2);
  return d;
}

SampleDistance wasserstein_between(std::vector<double>& a, std::vector<double>& b, BackendKind backend) {
  const bool gpu = backend == BackendKind::cuda || (backend == BackendKind::automatic && cuda_unavailable_reason().empty());
  if (backend == BackendKind::cuda && !cuda_unavailable_reason().empty())
    throw std::invalid_argument(fmt::format("--backend cuda: {}", cuda_unavailable_reason()));
  for (std::vector<double>* v : {&a, &b}) {
#ifdef RDPSIM_WITH_CUDA
    if (gpu) {
      sort_on_device(v->data(), v->size());
      continue;
    }
#endif
    __gnu_parallel::sort(v->begin(), v->end());
  }
  SampleDistance d = wasserstein_sorted(a, b);
  d.backend = gpu ? "cuda" : "cpu";
  return d;
}

std::vector<double> read_sample_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(fmt::format("cannot read sample file '{}'", path));
  std::vector<double> values;
  const bool binary = path.size() > 4 && (path.substr(path.size() - 4) == ".f64" || path.substr(path.size() - 4) == ".bin");
  if (binary) {
    in.seekg(0, std::ios::end);
    const auto bytes = static_cast<size_t>(in.tellg());
    if (bytes % sizeof(double) != 0)
      throw std::invalid_argument(fmt::format("'{}' has {} bytes, not a whole number of float64 values", path, bytes));
    values.resize(bytes / sizeof(double));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(bytes));
  } else {
    for (std::string token; in >> token;) {
      size_t used = 0;
      double v = 0.0;
      try {
        v = std::stod(token, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != token.size()) throw std::invalid_argument(fmt::format("'{}': '{}' is not a number", path, token));
      values.push_back(v);
    }
  }
  for (double v : values)
    if (!std::isfinite(v)) throw std::invalid_argument(fmt::format("'{}' holds a non-finite value {}", path, v));
  if (values.empty()) throw std::invalid_argument(fmt::format("'{}' holds no values", path));
  return values;
}

}  // namespace rdp
