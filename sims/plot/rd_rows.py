"""Reading rdpsim sweep output (JSON Lines) into curves, and the circle's theory curves."""
import json
import math
import os

import numpy as np

_trapezoid = getattr(np, "trapezoid", None) or np.trapz  # numpy 2 renamed trapz


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def load_pair(results, name):
    """Monte Carlo rows and exact rows of one configuration."""
    return load(os.path.join(results, f"{name}.jsonl")), load(os.path.join(results, f"{name}.exact.jsonl"))


def curve(rows, scheme, N=None, rate_key="rate_bits"):
    """(rate, distortion, distortion_se) sorted by rate, for one scheme (and N)."""
    picked = [r for r in rows if r["scheme"] == scheme and (N is None or r["N"] == N) and r.get(rate_key) is not None]
    picked.sort(key=lambda r: r[rate_key])
    rate = np.array([r[rate_key] for r in picked])
    dist = np.array([r["distortion"] for r in picked])
    se = np.array([r.get("distortion_se", 0.0) for r in picked])
    return rate, dist, se


def distortion_at(rate_curve, dist_curve, rate):
    """Distortion at a rate, interpolating log D linearly in R; NaN outside the curve."""
    if len(rate_curve) < 2 or rate < rate_curve[0] or rate > rate_curve[-1]:
        return math.nan
    return float(np.exp(np.interp(rate, rate_curve, np.log(dist_curve))))


def rate_at(rate_curve, dist_curve, distortion):
    """Rate a curve needs for a distortion (R linear in log D); NaN outside the curve."""
    order = np.argsort(dist_curve)
    d, r = np.log(dist_curve[order]), rate_curve[order]
    x = math.log(distortion)
    if len(d) < 2 or x < d[0] or x > d[-1]:
        return math.nan
    return float(np.interp(x, d, r))


def von_mises_rd(lambdas):
    """Theorem 3.2: (R bits, D) of R(D, 0) on the circle for von Mises concentrations."""
    t = np.linspace(0.0, math.pi, 40001)
    rates, dists = [], []
    for lam in lambdas:
        w = np.exp(lam * (np.cos(t) - 1.0))  # e^{-lambda} I0-scaled integrands
        i0 = _trapezoid(w, t) / math.pi
        a = _trapezoid(w * np.cos(t), t) / math.pi / i0
        log_i0 = lam + math.log(i0)
        rates.append((lam * a - log_i0) / math.log(2.0))
        dists.append(2.0 - 2.0 * a)
    return np.array(rates), np.array(dists)


def scalar_bound(levels):
    """Theorem 3.3's extreme points (log2 L, 2 - 2 sinc(pi/L))."""
    L = np.asarray(levels, dtype=float)
    return np.log2(L), 2.0 - 2.0 * np.sinc(1.0 / L)  # np.sinc(x) = sin(pi x)/(pi x)
