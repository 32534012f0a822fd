#pragma once
// Symmetric positive definite systems with half-bandwidth w, as the Hessian of J in the
// boundaries is (boundaries more than N apart share no cell term): Cholesky L L^T in
// O(n w^2) and the two triangular solves.
#include <algorithm>
#include <cmath>
#include <vector>

namespace rdp {

class BandedSymmetric {
 public:
  BandedSymmetric(size_t n, size_t w) : n_(n), w_(w), band_(w + 1, std::vector<double>(n, 0.0)) {}

  size_t size() const { return n_; }
  size_t width() const { return w_; }
  // A(k, k + d) for d = 0 .. width().
  double& at(size_t k, size_t d) { return band_[d][k]; }
  double at(size_t k, size_t d) const { return band_[d][k]; }

  // x with (A + shift diag(scale)) x = b, or false when that matrix is not positive definite.
  bool solve(const std::vector<double>& b, double shift, const std::vector<double>& scale,
             std::vector<double>& x) const {
    // low[t][i] = L(i, i - t)
    std::vector<std::vector<double>> low(w_ + 1, std::vector<double>(n_, 0.0));
    for (size_t i = 0; i < n_; ++i) {
      const size_t first = i >= w_ ? i - w_ : 0;
      for (size_t j = first; j <= i; ++j) {
        double sum = band_[i - j][j] + (i == j ? shift * scale[i] : 0.0);
        const size_t from = std::max(first, j >= w_ ? j - w_ : 0);
        for (size_t p = from; p < j; ++p) sum -= low[i - p][i] * low[j - p][j];
        if (i == j) {
          if (!(sum > 0.0)) return false;
          low[0][i] = std::sqrt(sum);
        } else {
          low[i - j][i] = sum / low[0][j];
        }
      }
    }
    x = b;
    for (size_t i = 0; i < n_; ++i) {
      for (size_t p = i >= w_ ? i - w_ : 0; p < i; ++p) x[i] -= low[i - p][i] * x[p];
      x[i] /= low[0][i];
    }
    for (size_t i = n_; i-- > 0;) {
      for (size_t q = i + 1; q <= std::min(n_ - 1, i + w_); ++q) x[i] -= low[q - i][q] * x[q];
      x[i] /= low[0][i];
    }
    return true;
  }

 private:
  size_t n_, w_;
  std::vector<std::vector<double>> band_;
};

}  // namespace rdp
