#!/usr/bin/env python3
"""Coefficients of kernels/portable_erf.cuh's erfc, fitted with mpmath.

Two forms, for a = |x| below and above 1/2:

- a < 1/2: erf(a) = a (c0 + w P(w)), w = a^2 in [0, 1/4], c0 = 2/sqrt(pi), P a polynomial
  of degree 8 (Chebyshev fit, near-minimax); erfc(x) = 1 - sign(x) erf(a). Printed: the
  error of a^3 P, an absolute error in erfc, and c0 split into 26 high bits and a rest.
- a >= 1/2, t = 2/(2 + a) in [0.068, 0.8] (a up to 27.3, where erfc has underflowed):

      erfc(a) = t exp(-a^2 + L(t)),  L(t) = log(erfcx(a)/t) = S (t - 1) + (t - 1) h(t),

  erfcx(a) = exp(a^2) erfc(a). L vanishes at t = 1 (a = 0) and falls to -1.195 at
  a = 27.3; S is the slope of that chord, rounded to 21 bits (S (t - 1) is then exact for
  t of 21 bits), so that (t - 1) h(t) stays below 0.035. h = N/D with N and D of degree
  9, D(0) = 1: one rational for the whole range, which a SIMD loop evaluates once where a
  partition into pieces would evaluate every piece. The fit is near-minimax in the error
  of L, which is the relative error of erfc: linearised least squares with Lawson's
  weights, iterated.

Printed besides: each fit's error, the error with the coefficients rounded to double as
in the code, the coefficients as hex floats, and where erfc falls below half the least
subnormal.
"""
import struct

import mpmath as mp

mp.mp.dps = 50
SPLIT = mp.mpf(1) / 2
DEGREE = 9  # N and D
DEGREE_NEAR_ZERO = 8  # P
X_MAX = mp.mpf("27.3")  # erfc(27.3) < 2^-1075: rounds to 0
T_MIN = 2 / (2 + X_MAX)
T_MAX = 2 / (2 + SPLIT)


def erfcx(x):
    return mp.erfc(x) * mp.exp(x * x)


def horner(coefficients, v):  # lowest degree first
    r = mp.mpf(0)
    for c in reversed(coefficients):
        r = r * v + c
    return r


def rational_fit(f, weight, a, b, degree, points=200, iterations=30):
    """N/D ~ f on [a, b] with D(0) = 1, minimising the largest |weight(v) (N/D - f)(v)|."""
    unknowns = 2 * degree + 1
    nodes = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (i + mp.mpf(1) / 2) / points) for i in range(points)] + [a, b]
    values = [f(v) for v in nodes]
    scales = [weight(v) for v in nodes]
    lawson = [mp.mpf(1)] * len(nodes)
    previous_d = [mp.mpf(1)] * len(nodes)
    best = None
    for _ in range(iterations):
        A = mp.matrix(len(nodes), unknowns)
        rhs = mp.matrix(len(nodes), 1)
        for i, (v, y) in enumerate(zip(nodes, values)):
            s = mp.sqrt(lawson[i]) * scales[i] / abs(previous_d[i])
            for j in range(degree + 1):
                A[i, j] = s * v**j
            for j in range(1, degree + 1):
                A[i, degree + j] = -s * y * v**j
            rhs[i] = s * y
        solution, _ = mp.qr_solve(A, rhs)
        n = [solution[j] for j in range(degree + 1)]
        d = [mp.mpf(1)] + [solution[degree + j] for j in range(1, degree + 1)]
        previous_d = [horner(d, v) for v in nodes]
        errors = [s * abs(horner(n, v) / dv - y) for v, dv, y, s in zip(nodes, previous_d, values, scales)]
        if best is None or max(errors) < best[2]:
            best = (n, d, max(errors))
        total = sum(w * e for w, e in zip(lawson, errors))
        lawson = [w * e / total for w, e in zip(lawson, errors)]
    return best


def largest_error(f, weight, n, d, a, b, samples=4000):
    worst = mp.mpf(0)
    for i in range(samples + 1):
        v = a + (b - a) * i / samples
        worst = max(worst, abs(weight(v) * (horner(n, v) / horner(d, v) - f(v))))
    return worst


def round_to_bits(value, bits):
    exponent = int(mp.floor(mp.log(abs(value), 2)))
    step = mp.mpf(2) ** (exponent + 1 - bits)
    return float(mp.nint(value / step) * step)


def high_26_bits(value):
    """The double nearest value with the low 27 bits of its significand cleared, as the code's high_26_bits."""
    bits = struct.unpack("<Q", struct.pack("<d", float(value)))[0] & 0xFFFFFFFFF8000000
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def main():
    # a < 1/2: erf(a) / a = c0 + w P(w).
    c0 = 2 / mp.sqrt(mp.pi)
    p = lambda w: (mp.erf(mp.sqrt(w)) / mp.sqrt(w) - c0) / w if w else -c0 / 3
    poly, error = mp.chebyfit(p, [0, SPLIT**2], DEGREE_NEAR_ZERO + 1, error=True)
    poly = list(reversed(poly))  # lowest degree first
    rounded = max(abs(horner([mp.mpf(float(c)) for c in poly], w) - p(w)) for w in mp.linspace(0, SPLIT**2, 2000))
    c0_hi = high_26_bits(c0)
    print(f"a < 1/2: error of a^3 P in erfc {mp.nstr(error * SPLIT**3, 3)}, "
          f"with the coefficients rounded to double {mp.nstr(rounded * SPLIT**3, 3)}")
    print(f"  c0 = {c0_hi.hex()} + {float(c0 - mp.mpf(c0_hi)).hex()}")
    print("  P, lowest degree first: " + ", ".join(float(c).hex() for c in poly))

    # a >= 1/2: L(t) / (t - 1) - S = N(t) / D(t).
    def L(t):
        return mp.log(erfcx(2 * (1 - t) / t) / t)

    slope = mp.mpf(round_to_bits(L(T_MIN) / (T_MIN - 1), 21))
    h = lambda t: L(t) / (t - 1) - slope
    weight = lambda t: abs(t - 1)
    n, d, error = rational_fit(h, weight, T_MIN, T_MAX, DEGREE)
    rounded = largest_error(h, weight, [mp.mpf(float(c)) for c in n], [mp.mpf(float(c)) for c in d], T_MIN, T_MAX)
    print(f"a >= 1/2: L(t) on [{mp.nstr(T_MIN, 6)}, {mp.nstr(T_MAX, 6)}] runs from {mp.nstr(L(T_MAX), 6)} to "
          f"{mp.nstr(L(T_MIN), 6)}; largest (t - 1) h(t): "
          f"{mp.nstr(max(abs(weight(t) * h(t)) for t in mp.linspace(T_MIN, T_MAX, 200)), 3)}")
    print(f"  error in L {mp.nstr(error, 3)}, with the coefficients rounded to double {mp.nstr(rounded, 3)} "
          f"(2^-53 = 1.1e-16)")
    print(f"  S = {float(slope).hex()}")
    for label, coefficients in (("N", n), ("D", d)):
        print(f"  {label}, lowest degree first: " + ", ".join(float(c).hex() for c in coefficients))
    zero = mp.findroot(lambda x: mp.log(mp.erfc(x)) + 1075 * mp.log(2), 27.2)
    print(f"erfc(x) < 2^-1075, which rounds to 0, for x > {mp.nstr(zero, 12)}")


if __name__ == "__main__":
    main()
