#!/usr/bin/env python3
"""Polynomial coefficients of kernels/portable_math.cuh, fitted with mpmath.

log:   log(1+f) = 2*atanh(s), s = f/(2+f); R(z) = 2*atanh(s)/s - 2 = z * P(z), z = s^2,
       fitted on z in [0, (3 - 2*sqrt(2))^2] (f in [sqrt(1/2) - 1, sqrt(2) - 1]).
expm1: expm1(r) = r + r^2/2 + r^3 * Q(r), fitted on |r| <= ln(2)/2.
Chebyshev fits (mpmath.chebyfit, near-minimax); the printed errors are relative to
the function's value, well under 2^-53 = 1.1e-16.
"""
import mpmath as mp

mp.mp.dps = 60


def show(name, coefficients):
    print(f"// {name}, highest degree first")
    print(",\n".join(f"    {float(c).hex()}" for c in coefficients))


ln2 = mp.log(2)
ln2_hi = mp.mpf(float.fromhex("0x1.62e42fee00000p-1"))  # ln 2 to 32 bits: k * ln2_hi is exact for |k| < 2^21
print(f"ln2_hi = {float(ln2_hi).hex()}, ln2_lo = {float(ln2 - ln2_hi).hex()}")

z_max = ((mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)) ** 2
log_poly, log_err = mp.chebyfit(lambda z: (2 * mp.atanh(mp.sqrt(z)) / mp.sqrt(z) - 2) / z if z else mp.mpf(2) / 3,
                                [0, z_max], 7, error=True)
print(f"log: relative error {mp.nstr(log_err * z_max / 2, 3)}")
show("P(z)", log_poly)

r_max = ln2 / 2
expm1_poly, expm1_err = mp.chebyfit(lambda r: (mp.expm1(r) - r - r * r / 2) / r**3 if r else mp.mpf(1) / 6,
                                    [-r_max, r_max], 11, error=True)
print(f"expm1: relative error {mp.nstr(expm1_err * r_max**2, 3)}")
show("Q(r)", expm1_poly)
