#!/usr/bin/env python3
"""rdpsim against a baseline script on the same machine, in the same run.

Runs the baseline (numpy on the CPU, or PyTorch on the GPU) and `rdpsim run` on the
same job -- multiquan, exponential source, N = 4, step 0.5 -- alternately, `--repeats`
times each, prints the median throughput of each and the median (and range) of the
paired ratios, and checks that the two agree on distortion and rate within 5 combined
standard errors.

  python3 sims/baselines/compare.py --baseline numpy --samples 2e7
  python3 sims/baselines/compare.py --baseline torch --samples 2e9     # on a GPU machine
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def rdpsim_run(binary, samples, backend, N, step):
    out = subprocess.run(
        [binary, "run", "--scheme", "multiquan", "--source", "exponential", "--N", str(N), "--step", str(step),
         "--samples", str(int(samples)), "--backend", backend, "--quiet"],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def baseline_run(kind, samples, N, step):
    script = os.path.join(HERE, f"multiquan_{kind}.py")
    out = subprocess.run([sys.executable, script, "--samples", str(int(samples)), "--N", str(N), "--step", str(step)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", choices=["numpy", "torch"], default="numpy")
    parser.add_argument("--samples", type=float, default=2e7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--N", type=int, default=4)
    parser.add_argument("--step", type=float, default=0.5)
    parser.add_argument("--rdpsim", default=os.path.join(ROOT, "build", "rdpsim"))
    args = parser.parse_args()
    backend = "cpu" if args.baseline == "numpy" else "cuda"

    # Alternate the two so that each pair of runs sees the same load on the machine; the
    # ratio is the median of the pairs' ratios, with their range.
    base, ours = [], []
    for _ in range(args.repeats):
        base.append(baseline_run(args.baseline, args.samples, args.N, args.step))
        ours.append(rdpsim_run(args.rdpsim, args.samples, backend, args.N, args.step))
    base_rate = statistics.median(b["samples_per_s"] for b in base)
    ours_rate = statistics.median(r["samples_per_s"] for r in ours)
    ratios = [r["samples_per_s"] / b["samples_per_s"] for b, r in zip(base, ours)]

    b, r = base[0], ours[0]
    d_sigma = math.hypot(b["distortion_se"], r["distortion_se"])
    # Both are plug-in entropies of the same law with the same bias; their difference
    # has standard error ~ sqrt(2) * rate_bits_se.
    r_sigma = math.sqrt(2.0) * r["rate_bits_se"]
    agree_d = abs(b["distortion"] - r["distortion"]) <= 5 * d_sigma
    agree_r = abs(b["rate_bits"] - r["rate_bits"]) <= 5 * r_sigma
    print(json.dumps({
        "job": f"multiquan exponential N={args.N} step={args.step}",
        "samples": int(args.samples),
        "repeats": args.repeats,
        "baseline": args.baseline,
        "baseline_device": b["device"],
        "baseline_samples_per_s": base_rate,
        "rdpsim_backend": r["backend"],
        "rdpsim_device": r["device"],
        "rdpsim_samples_per_s": ours_rate,
        "ratio": statistics.median(ratios),
        "ratio_range": [min(ratios), max(ratios)],
        "distortion": [r["distortion"], b["distortion"]],
        "rate_bits": [r["rate_bits"], b["rate_bits"]],
        "agree": agree_d and agree_r,
    }))
    return 0 if agree_d and agree_r else 1


if __name__ == "__main__":
    sys.exit(main())
