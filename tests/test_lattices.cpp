// The lattice layer (docs/theory.md §3): closest points against brute force and
// independent decoders, on random and adversarial inputs (ties, deep holes, huge
// coordinates), translation and scale invariance, uniform points of the Voronoi cell,
// and the normalized second moment against Conway & Sloane's values on every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <set>
#include <vector>

#include "host/lattices/lattice_traits.hpp"
#include "host/lattices/nsm.hpp"
#include "host/lattices/quantize_points.hpp"
#include "kernels/block_randoms.cuh"
#include "kernels/lattices/cell_point.cuh"
#include "kernels/lattices/lattice_dispatch.cuh"
#include "tests/backend_param.hpp"

namespace {

using rdp::LatticeKind;
using Point = std::vector<double>;

const LatticeKind kAllLattices[] = {LatticeKind::Z,  LatticeKind::A2, LatticeKind::D3,   LatticeKind::D3_dual,
                                    LatticeKind::D4, LatticeKind::E8, LatticeKind::BW16, LatticeKind::Leech};

double distance2(const Point& a, const Point& b) {
  double s = 0.0;
  for (size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return s;
}

// The library's closest point of the unscaled lattice.
Point closest(LatticeKind kind, const Point& x) { return rdp::quantize_points(kind, 1.0, x, rdp::BackendKind::cpu); }

// ---- independent truth: the lattices written out again from their definitions ----

// Z, A2, D3, D3*, D4 by their generators (rows), enumerating integer coefficients
// within `reach` of the rounded coefficients of x.
std::vector<Point> generator_rows(LatticeKind kind) {
  const double s3 = std::sqrt(3.0);
  switch (kind) {
    case LatticeKind::Z: return {{1.0}};
    case LatticeKind::A2: return {{1.0, 0.0}, {0.5, s3 / 2}};
    case LatticeKind::D3: return {{1, 1, 0}, {1, -1, 0}, {0, 1, -1}};
    case LatticeKind::D3_dual: return {{1, 0, 0}, {0, 1, 0}, {0.5, 0.5, 0.5}};
    case LatticeKind::D4: return {{1, 1, 0, 0}, {1, -1, 0, 0}, {0, 1, -1, 0}, {0, 0, 1, -1}};
    default: return {};
  }
}

// Solves a * G = x for the coefficients a (Gaussian elimination on G^T, m <= 4).
Point coefficients(const std::vector<Point>& G, const Point& x) {
  const size_t m = G.size();
  std::vector<Point> A(m, Point(m + 1));
  for (size_t r = 0; r < m; ++r) {
    for (size_t c = 0; c < m; ++c) A[r][c] = G[c][r];
    A[r][m] = x[r];
  }
  for (size_t c = 0; c < m; ++c) {
    size_t pivot = c;
    for (size_t r = c; r < m; ++r)
      if (std::fabs(A[r][c]) > std::fabs(A[pivot][c])) pivot = r;
    std::swap(A[c], A[pivot]);
    for (size_t r = 0; r < m; ++r)
      if (r != c) {
        const double f = A[r][c] / A[c][c];
        for (size_t k = c; k <= m; ++k) A[r][k] -= f * A[c][k];
      }
  }
  Point a(m);
  for (size_t r = 0; r < m; ++r) a[r] = A[r][m] / A[r][r];
  return a;
}

bool in_generated_lattice(LatticeKind kind, const Point& p) {
  for (double a : coefficients(generator_rows(kind), p))
    if (std::fabs(a - std::round(a)) > 1e-9) return false;
  return true;
}

double brute_force_by_generator(LatticeKind kind, const Point& x) {
  const auto G = generator_rows(kind);
  const size_t m = G.size();
  const Point a = coefficients(G, x);
  constexpr int kReach = 3;
  double best = INFINITY;
  std::vector<int> z(m, -kReach);
  while (true) {
    Point p(m, 0.0);
    for (size_t r = 0; r < m; ++r)
      for (size_t c = 0; c < m; ++c) p[c] += (std::round(a[r]) + z[r]) * G[r][c];
    best = std::min(best, distance2(x, p));
    size_t r = 0;
    while (r < m && ++z[r] > kReach) z[r++] = -kReach;
    if (r == m) break;
  }
  return best;
}

// D_n and the coset D_n + 1/2 of E8: a closest point has every coordinate in
// {floor(x_i), floor(x_i) + 1} (moving a coordinate by 2 keeps the parity), so the
// 2^n even-sum choices among them contain one.
double brute_force_dn(const Point& x, double shift) {
  const size_t n = x.size();
  double best = INFINITY;
  for (uint32_t bits = 0; bits < (1u << n); ++bits) {
    Point p(n);
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
      p[i] = std::floor(x[i] - shift) + ((bits >> i) & 1u);
      sum += p[i];
    }
    if (std::fmod(sum, 2.0) != 0.0) continue;
    for (double& v : p) v += shift;
    best = std::min(best, distance2(x, p));
  }
  return best;
}

// The codes, built here from their textbook definitions.
std::vector<uint32_t> reed_muller_14() {
  std::vector<uint32_t> words;
  for (uint32_t a = 0; a < 32; ++a) {  // f(v) = a0 + a1 v1 + ... + a4 v4 over F_2
    uint32_t w = 0;
    for (uint32_t v = 0; v < 16; ++v) {
      uint32_t f = a & 1u;
      for (int j = 0; j < 4; ++j) f ^= ((a >> (j + 1)) & 1u) & ((v >> j) & 1u);
      w |= f << v;
    }
    words.push_back(w);
  }
  return words;
}

std::vector<uint32_t> golay_24() {  // the cyclic [23,12] code of 1 + x^2 + x^4 + x^5 + x^6 + x^10 + x^11, extended
  const int g[] = {0, 2, 4, 5, 6, 10, 11};
  std::vector<uint32_t> rows;
  for (int s = 0; s < 12; ++s) {
    uint32_t m = 0;
    for (int e : g) m |= 1u << (e + s);
    rows.push_back(m | (static_cast<uint32_t>(__builtin_popcount(m) & 1) << 23));
  }
  std::vector<uint32_t> words;
  for (uint32_t k = 0; k < 4096; ++k) {
    uint32_t w = 0;
    for (int i = 0; i < 12; ++i)
      if ((k >> i) & 1u) w ^= rows[i];
    words.push_back(w);
  }
  return words;
}

// Closest point of {base + step c + q z : c in code, sum z = parity mod 2}, by trying every
// word with a direct D_n-style search (no running sums, no Gray code).
double brute_force_code_cosets(const Point& x, const std::vector<uint32_t>& code, double base, double step, double q,
                               int parity) {
  double best = INFINITY;
  for (uint32_t c : code) {
    double total = 0.0, cheapest = INFINITY;
    int sum_parity = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const double r = base + step * ((c >> i) & 1u);
      const double z = std::round((x[i] - r) / q);
      const double d = x[i] - (r + q * z);
      total += d * d;
      sum_parity ^= static_cast<int>(static_cast<int64_t>(z) & 1);
      // The nearest point of the other parity is the other neighbour, q - |d| away.
      cheapest = std::min(cheapest, (q - std::fabs(d)) * (q - std::fabs(d)) - d * d);
    }
    best = std::min(best, sum_parity == parity ? total : total + cheapest);
  }
  return best;
}

double brute_force(LatticeKind kind, const Point& x) {
  switch (kind) {
    case LatticeKind::E8: return std::min(brute_force_dn(x, 0.0), brute_force_dn(x, 0.5));
    case LatticeKind::BW16: return brute_force_code_cosets(x, reed_muller_14(), 0.0, 1.0, 2.0, 0);
    case LatticeKind::Leech: {
      static const std::vector<uint32_t> golay = golay_24();
      return std::min(brute_force_code_cosets(x, golay, 0.0, 2.0, 4.0, 0),
                      brute_force_code_cosets(x, golay, 1.0, 2.0, 4.0, 1));
    }
    default: return brute_force_by_generator(kind, x);
  }
}

bool is_lattice_point(LatticeKind kind, const Point& p) {
  auto integer = [](double v) { return v == std::round(v); };
  switch (kind) {
    case LatticeKind::E8: {
      const bool whole = std::all_of(p.begin(), p.end(), integer);
      const bool half = std::all_of(p.begin(), p.end(), [&](double v) { return integer(v - 0.5); });
      double sum = 0.0;
      for (double v : p) sum += v;
      return (whole || half) && std::fmod(sum, 2.0) == 0.0;
    }
    case LatticeKind::BW16:
    case LatticeKind::Leech: {
      const bool leech = kind == LatticeKind::Leech;
      const auto code = leech ? golay_24() : reed_muller_14();
      const double q = leech ? 4.0 : 2.0;
      if (!std::all_of(p.begin(), p.end(), integer)) return false;
      for (int half = 0; half < (leech ? 2 : 1); ++half) {
        for (uint32_t c : code) {
          int64_t sum = 0;
          bool fits = true;
          for (size_t i = 0; i < p.size() && fits; ++i) {
            const double z = (p[i] - half - (leech ? 2.0 : 1.0) * ((c >> i) & 1u)) / q;
            fits = integer(z);
            sum += static_cast<int64_t>(z);
          }
          if (fits && ((sum % 2) + 2) % 2 == half) return true;
        }
      }
      return false;
    }
    default: return in_generated_lattice(kind, p);
  }
}

// A lattice point with random coefficients: the library's closest point to a random x.
Point random_lattice_point(LatticeKind kind, std::mt19937_64& gen, double spread) {
  std::normal_distribution<double> normal(0.0, spread);
  Point x(rdp::lattice_dimension(kind));
  for (double& v : x) v = normal(gen);
  return closest(kind, x);
}

// Scale of the lattice as written: a typical distance between neighbours.
double natural_scale(LatticeKind kind) {
  return kind == LatticeKind::Leech ? 4.0 : kind == LatticeKind::BW16 ? 2.0 : 1.0;
}

// ---- closest points ----

void expect_closest(LatticeKind kind, const Point& x, const char* what) {
  const Point q = closest(kind, x);
  EXPECT_TRUE(is_lattice_point(kind, q)) << what;
  const double got = distance2(x, q), truth = brute_force(kind, x);
  // The decoder and the brute force sum the same squares in other orders.
  EXPECT_LE(got, truth * (1.0 + 1e-12) + 1e-24) << what << ": decoder " << got << ", brute force " << truth;
}

TEST(Lattices, ClosestPointIsClosestOnRandomInputs) {
  std::mt19937_64 gen(11);
  for (LatticeKind kind : kAllLattices) {
    SCOPED_TRACE(rdp::to_string(kind));
    const int points = kind == LatticeKind::Leech ? 40 : 400;
    std::normal_distribution<double> normal(0.0, 3.0 * natural_scale(kind));
    for (int k = 0; k < points; ++k) {
      Point x(rdp::lattice_dimension(kind));
      for (double& v : x) v = normal(gen);
      expect_closest(kind, x, "random");
      if (HasFailure()) return;
    }
  }
}

TEST(Lattices, ClosestPointIsClosestAtTiesAndDeepHoles) {
  std::mt19937_64 gen(12);
  for (LatticeKind kind : kAllLattices) {
    SCOPED_TRACE(rdp::to_string(kind));
    const int m = rdp::lattice_dimension(kind);
    // Midpoints of two lattice points: equidistant from both (a tie when they are neighbours).
    for (int k = 0; k < (kind == LatticeKind::Leech ? 10 : 100); ++k) {
      const Point a = random_lattice_point(kind, gen, 2.0 * natural_scale(kind));
      const Point b = random_lattice_point(kind, gen, 2.0 * natural_scale(kind));
      Point mid(m);
      for (int i = 0; i < m; ++i) mid[i] = 0.5 * (a[i] + b[i]);
      expect_closest(kind, mid, "midpoint");
    }
    // Holes: halves in every coordinate and unit vectors (the deep holes of Z^n, D_n, E8).
    for (double h : {0.5, 1.0, -0.5}) {
      expect_closest(kind, Point(m, h), "constant vector");
      Point e(m, 0.0);
      e[0] = h;
      expect_closest(kind, e, "axis vector");
    }
  }
}

// Q(x + lambda) = Q(x) + lambda, far from the origin too; Q_{sL}(s x) = s Q_L(x).
TEST(Lattices, TranslationAndScaleInvariance) {
  std::mt19937_64 gen(13);
  for (LatticeKind kind : kAllLattices) {
    SCOPED_TRACE(rdp::to_string(kind));
    const int m = rdp::lattice_dimension(kind);
    std::normal_distribution<double> normal(0.0, natural_scale(kind));
    for (int k = 0; k < (kind == LatticeKind::Leech ? 10 : 100); ++k) {
      Point x(m);
      for (double& v : x) v = normal(gen);
      const Point q = closest(kind, x);
      // Lattice points up to ~1e6: their coordinates stay exact and x + lambda keeps 1e-10 of x.
      const Point lambda = random_lattice_point(kind, gen, 1e6);
      Point moved(m);
      for (int i = 0; i < m; ++i) moved[i] = x[i] + lambda[i];
      const Point q_moved = closest(kind, moved);
      for (int i = 0; i < m; ++i) EXPECT_NEAR(q_moved[i], q[i] + lambda[i], 1e-6) << "coordinate " << i;
      for (double s : {0.37, 3.0}) {
        Point sx(m);
        for (int i = 0; i < m; ++i) sx[i] = s * x[i];
        const Point scaled = rdp::quantize_points(kind, s, sx, rdp::BackendKind::cpu);
        for (int i = 0; i < m; ++i) EXPECT_NEAR(scaled[i], s * q[i], 1e-12 * s * natural_scale(kind)) << s;
      }
    }
  }
}

TEST(Lattices, CodesBehindBarnesWallAndLeechAreTheTextbookCodes) {
  const std::vector<uint32_t> golay_words = golay_24(), rm_words = reed_muller_14();
  const std::set<uint32_t> golay(golay_words.begin(), golay_words.end()), rm(rm_words.begin(), rm_words.end());
  ASSERT_EQ(golay.size(), 4096u);
  ASSERT_EQ(rm.size(), 32u);
  int weights[25] = {};
  for (uint32_t w : golay) ++weights[__builtin_popcount(w)];
  EXPECT_EQ(weights[0], 1);
  EXPECT_EQ(weights[8], 759);
  EXPECT_EQ(weights[12], 2576);
  EXPECT_EQ(weights[16], 759);
  EXPECT_EQ(weights[24], 1);
  for (int j = 0; j < rdp::lattice::Golay24::kGenerators; ++j) EXPECT_TRUE(golay.count(rdp::lattice::Golay24::generator(j)));
  for (int j = 0; j < rdp::lattice::ReedMuller14::kGenerators; ++j)
    EXPECT_TRUE(rm.count(rdp::lattice::ReedMuller14::generator(j)));
}

// Generator rows are lattice points and span a cell of the stated volume.
TEST(Lattices, GeneratorsSpanTheStatedCovolume) {
  for (LatticeKind kind : kAllLattices) {
    rdp::visit_lattice(kind, [&](auto tag) {
      using L = typename decltype(tag)::type;
      if constexpr (L::kHasGenerator) {
        SCOPED_TRACE(rdp::to_string(kind));
        std::vector<Point> G(L::kDim, Point(L::kDim));
        for (int r = 0; r < L::kDim; ++r) {
          for (int c = 0; c < L::kDim; ++c) G[r][c] = L::generator(r, c);
          EXPECT_EQ(closest(kind, G[r]), G[r]) << "row " << r;
        }
        // |det G| by elimination.
        double det = 1.0;
        for (int c = 0; c < L::kDim; ++c) {
          int pivot = c;
          for (int r = c; r < L::kDim; ++r)
            if (std::fabs(G[r][c]) > std::fabs(G[pivot][c])) pivot = r;
          std::swap(G[c], G[pivot]);
          det *= G[c][c];
          for (int r = c + 1; r < L::kDim; ++r) {
            const double f = G[r][c] / G[c][c];
            for (int k = c; k < L::kDim; ++k) G[r][k] -= f * G[c][k];
          }
        }
        EXPECT_NEAR(std::fabs(det), L::kVolume, 1e-12 * L::kVolume);
      }
    });
  }
}

// U = v - Q(v) lies in the Voronoi cell (Q(U) = 0) and has mean 0 in every coordinate.
TEST(Lattices, UniformCellPointsLieInTheCellWithMeanZero) {
  for (LatticeKind kind : kAllLattices) {
    SCOPED_TRACE(rdp::to_string(kind));
    rdp::visit_lattice(kind, [&](auto tag) {
      using L = typename decltype(tag)::type;
      const int n = kind == LatticeKind::Leech ? 2000 : 20000;
      std::vector<double> sum(L::kDim, 0.0), sum_sq(L::kDim, 0.0);
      for (int s = 0; s < n; ++s) {
        double unit[L::kDim], u[L::kDim], q[L::kDim];
        rdp::draw_block_units(5, s, rdp::kCodingStream, unit);
        rdp::lattice::uniform_cell_point<L>(unit, u);
        L::closest_point(u, q);
        for (int i = 0; i < L::kDim; ++i) {
          ASSERT_EQ(q[i], 0.0) << "sample " << s;
          sum[i] += u[i];
          sum_sq[i] += u[i] * u[i];
        }
      }
      for (int i = 0; i < L::kDim; ++i) {
        const double mean = sum[i] / n, se = std::sqrt((sum_sq[i] / n - mean * mean) / n);
        EXPECT_LE(std::fabs(mean), 4.0 * se) << "coordinate " << i;
      }
    });
  }
}

// ---- on every backend ----

class LatticeBackends : public rdp::testing::BackendTest {};

// G within 4 standard errors of Conway & Sloane's value.
TEST_P(LatticeBackends, NormalizedSecondMomentMatchesConwaySloane) {
  const auto backend = rdp::make_backend([&] {
    rdp::RunOptions o;
    o.backend = GetParam();
    o.progress = false;
    return o;
  }());
  for (LatticeKind kind : kAllLattices) {
    SCOPED_TRACE(rdp::to_string(kind));
    const uint64_t samples = kind == LatticeKind::Leech ? 3000 : kind == LatticeKind::BW16 ? 30000 : 300000;
    const rdp::NsmResult r = rdp::measure_nsm(kind, samples, 2026, *backend, false);
    EXPECT_NEAR(r.nsm, rdp::traits(kind).reference_nsm, 4.0 * r.nsm_se);
    EXPECT_GT(r.nsm, rdp::kSphereBoundNsm);
  }
}

// The same bits on every backend, for random points and for ties.
TEST_P(LatticeBackends, ClosestPointsAreTheCpusBitForBit) {
  std::mt19937_64 gen(14);
  for (LatticeKind kind : kAllLattices) {
    SCOPED_TRACE(rdp::to_string(kind));
    const int m = rdp::lattice_dimension(kind);
    std::normal_distribution<double> normal(0.0, 2.0 * natural_scale(kind));
    std::vector<double> points;
    for (int k = 0; k < 200; ++k) {
      if (k % 2 == 0) {
        for (int i = 0; i < m; ++i) points.push_back(normal(gen));
      } else {  // midpoints of lattice points
        const Point a = random_lattice_point(kind, gen, natural_scale(kind));
        const Point b = random_lattice_point(kind, gen, natural_scale(kind));
        for (int i = 0; i < m; ++i) points.push_back(0.5 * (a[i] + b[i]));
      }
    }
    EXPECT_EQ(rdp::quantize_points(kind, 0.7, points, GetParam()),
              rdp::quantize_points(kind, 0.7, points, rdp::BackendKind::cpu));
  }
}

RDPSIM_ON_EVERY_BACKEND(LatticeBackends);

}  // namespace
