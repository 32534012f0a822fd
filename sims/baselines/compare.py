#!/usr/bin/env python3
"""rdpsim against a baseline script on the same machine, in the same run.

Runs a baseline (numpy on one CPU core, or PyTorch on the GPU) and rdpsim on the same job
alternately, `--repeats` times each, prints the median throughput of each and the median
(and range) of the paired ratios, and checks that the two agree within 5 combined
standard errors. Jobs:
  multiquan           multiquan, exponential source, N = 4, step 0.5 (sims/baselines/multiquan_*.py)
  multiquan-gaussian  the same on the gaussian source (multiquan_numpy.py --source gaussian)
  dithered-gaussian   dithered quantization, gaussian source, step 0.5 (dithered_numpy.py)
  e8-nsm              E8's normalized second moment (sims/baselines/lattice_numpy.py)
  e8-sd               E8 shared-dither coding of N(0, I_8) with every estimator (lattice_sd_numpy.py)

  python3 sims/baselines/compare.py --job multiquan --baseline numpy --samples 2e7 --threads 1
  python3 sims/baselines/compare.py --job e8-sd --samples 2e4 --threads 1
  python3 sims/baselines/compare.py --job multiquan --baseline torch --samples 2e9     # on a GPU machine
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

# Per job: the baseline scripts, rdpsim's subcommand and flags, and the figures that
# must agree (value key, standard-error key).
JOBS = {
    "multiquan": {
        "scripts": {"numpy": "multiquan_numpy.py", "torch": "multiquan_torch.py"},
        "script_args": ["--N", "4", "--step", "0.5"],
        "rdpsim": ["run", "--scheme", "multiquan", "--source", "exponential", "--N", "4", "--step", "0.5"],
        "agree": [("distortion", "distortion_se"), ("rate_bits", "rate_bits_se")],
    },
    "multiquan-gaussian": {
        "scripts": {"numpy": "multiquan_numpy.py"},
        "script_args": ["--source", "gaussian", "--N", "4", "--step", "0.5"],
        "rdpsim": ["run", "--scheme", "multiquan", "--source", "gaussian", "--N", "4", "--step", "0.5"],
        "agree": [("distortion", "distortion_se"), ("rate_bits", "rate_bits_se")],
    },
    "dithered-gaussian": {
        "scripts": {"numpy": "dithered_numpy.py"},
        "script_args": ["--step", "0.5"],
        "rdpsim": ["run", "--scheme", "dithered", "--source", "gaussian", "--step", "0.5"],
        "agree": [("distortion", "distortion_se"), ("rate_bits", "rate_bits_se")],
    },
    "e8-nsm": {
        "scripts": {"numpy": "lattice_numpy.py"},
        "script_args": [],
        "rdpsim": ["nsm", "--lattice", "E8"],
        "agree": [("nsm", "nsm_se")],
        "rate_key": "points_per_s",
    },
    "e8-sd": {
        "scripts": {"numpy": "lattice_sd_numpy.py"},
        "script_args": ["--step", "1.2"],
        "rdpsim": ["run", "--scheme", "lattice-sd", "--source", "gaussian", "--lattice", "E8", "--step", "1.2"],
        "agree": [("distortion", "distortion_se"), ("rate_bits", "rate_bits_se")],
    },
}


def run_json(command):
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--job", choices=sorted(JOBS), default="multiquan")
    parser.add_argument("--baseline", choices=["numpy", "torch"], default="numpy")
    parser.add_argument("--samples", type=float, default=2e7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="rdpsim's CPU threads (0: all cores)")
    parser.add_argument("--rdpsim", default=os.path.join(ROOT, "build", "rdpsim"))
    args = parser.parse_args()
    job = JOBS[args.job]
    if args.baseline not in job["scripts"]:
        parser.error(f"--job {args.job} has no {args.baseline} baseline")
    backend = "cpu" if args.baseline == "numpy" else "cuda"
    samples = str(int(args.samples))
    base_cmd = [sys.executable, os.path.join(HERE, job["scripts"][args.baseline]), "--samples", samples] + job["script_args"]
    ours_cmd = [args.rdpsim] + job["rdpsim"] + ["--samples", samples, "--backend", backend, "--quiet",
                                                "--threads", str(args.threads)]
    rate_key = job.get("rate_key", "samples_per_s")

    # Alternate the two so that each pair of runs sees the same load on the machine; the
    # ratio is the median of the pairs' ratios, with their range.
    base, ours = [], []
    for _ in range(args.repeats):
        base.append(run_json(base_cmd))
        ours.append(run_json(ours_cmd))
    ratios = [r[rate_key] / b[rate_key] for b, r in zip(base, ours)]
    b, r = base[0], ours[0]
    # A baseline without a standard error for a figure has rdpsim's: the same estimator of the same law.
    agree = all(abs(b[key] - r[key]) <= 5 * math.hypot(b.get(se, r[se]), r[se]) for key, se in job["agree"])
    print(json.dumps({
        "job": args.job,
        "samples": int(args.samples),
        "repeats": args.repeats,
        "baseline": args.baseline,
        "baseline_per_s": statistics.median(x[rate_key] for x in base),
        "rdpsim_backend": r["backend"],
        "rdpsim_device": r["device"],
        "rdpsim_per_s": statistics.median(x[rate_key] for x in ours),
        "ratio": statistics.median(ratios),
        "ratio_range": [min(ratios), max(ratios)],
        "figures": {key: [r[key], b[key]] for key, _ in job["agree"]},
        "agree": agree,
    }))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
