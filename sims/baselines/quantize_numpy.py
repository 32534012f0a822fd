#!/usr/bin/env python3
"""rdpsim.quantize against the same quantizer in numpy, on one core each, paired.

Multiquan with N = 4 and step 0.5 for the exponential law, on an array of the user's
values (here exponential draws): the offset n per element, i = floor(x/step - n/N + 1/2),
cell j = N i + n, and X^ drawn uniformly in probability on the reconstruction interval
[a_j, a_{j+1}), F(a_j) = mean_k F(c_{j+k}) (docs/theory.md §2.1), as multiquan_numpy.py
does it. The two draw different randomness, so they agree in law, not element by
element: the mean squared errors are compared within 5 standard errors.

    PYTHONPATH=build/python python3 sims/baselines/quantize_numpy.py --elements 1e8 --repeats 3
"""
import argparse
import json
import math
import statistics
import time

import numpy as np

import rdpsim


def numpy_quantize(x, N, step, rng, chunk=1 << 22):
    i_lo, i_hi = -1, int(math.ceil(float(x.max()) / step)) + 1
    j = np.arange(N * i_lo, N * (i_hi + 1) + 1)
    c = ((j[:, None] + np.arange(N)[None, :]) / N - 0.5) * step
    table = (-np.expm1(-np.maximum(c, 0.0))).mean(axis=1)
    index = np.empty(x.shape, np.int64)
    x_hat = np.empty(x.shape, np.float64)
    for start in range(0, x.size, chunk):
        part = x[start:start + chunk]
        n = rng.integers(0, N, size=part.size)
        i = np.floor(part / step - n / N + 0.5).astype(np.int64)
        cell = N * (i - i_lo) + n
        lo, hi = table[cell], table[cell + 1]
        index[start:start + chunk] = i
        x_hat[start:start + chunk] = -np.log1p(-(lo + rng.random(part.size) * (hi - lo)))
    return index, x_hat


def mse(x, x_hat):
    e = (x - x_hat) ** 2
    return float(e.mean()), float(e.std() / math.sqrt(e.size))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elements", type=float, default=1e8)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    x = np.random.default_rng(1).exponential(size=int(args.elements))
    ratios, numpy_rates, rdpsim_rates = [], [], []
    for r in range(args.repeats):
        start = time.perf_counter()
        _, x_hat_numpy = numpy_quantize(x, 4, 0.5, np.random.default_rng(r))
        numpy_s = time.perf_counter() - start
        start = time.perf_counter()
        _, x_hat = rdpsim.quantize(x, N=4, step=0.5, seed=r + 1, threads=1)
        rdpsim_s = time.perf_counter() - start
        numpy_rates.append(x.size / numpy_s)
        rdpsim_rates.append(x.size / rdpsim_s)
        ratios.append(numpy_s / rdpsim_s)
    (d_numpy, se_numpy), (d_rdpsim, se_rdpsim) = mse(x, x_hat_numpy), mse(x, x_hat)
    print(json.dumps({
        "job": "quantize multiquan exponential N=4 step=0.5", "elements": x.size, "repeats": args.repeats,
        "numpy_per_s": statistics.median(numpy_rates), "rdpsim_per_s": statistics.median(rdpsim_rates),
        "ratio": statistics.median(ratios), "ratio_range": [min(ratios), max(ratios)],
        "mse": [d_numpy, d_rdpsim], "agree": abs(d_numpy - d_rdpsim) <= 5 * math.hypot(se_numpy, se_rdpsim),
    }))


if __name__ == "__main__":
    main()
