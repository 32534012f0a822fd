"""Exact comparisons at equal rate or equal distortion, by `rdpsim exact --rate/--distortion`.

Every figure here comes from quadrature at a step solved so that the rate or the
distortion meets its target (docs/theory.md §6.7): no interpolation between grid points.
"""
import functools
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RDPSIM = os.path.join(ROOT, "build", "rdpsim")


def rdpsim(*args):
    """One rdpsim command's JSON line."""
    out = subprocess.run([RDPSIM, *map(str, args)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def _scheme_flags(scheme, N):
    return ["--scheme", scheme] + (["--N", N] if N is not None else [])


@functools.lru_cache(maxsize=None)
def exact_at_step(scheme, source, step, N=None):
    return rdpsim("exact", *_scheme_flags(scheme, N), "--source", source, "--step", repr(step))


@functools.lru_cache(maxsize=None)
def exact_at_rate(scheme, source, rate, N=None):
    """The exact row of a scheme at the step where its rate_bits is `rate`."""
    return rdpsim("exact", *_scheme_flags(scheme, N), "--source", source, "--rate", repr(rate))


@functools.lru_cache(maxsize=None)
def exact_at_distortion(scheme, source, distortion, N=None):
    """The exact row of a scheme at the step where its distortion is `distortion`."""
    return rdpsim("exact", *_scheme_flags(scheme, N), "--source", source, "--distortion", repr(distortion))


def conditional_dithered_rate(source, distortion):
    """H(k | Z) of dithered quantization at this distortion: the bound Zhou & Tian's Fig. 8 compares with."""
    return exact_at_distortion("dithered", source, distortion)["rate_conditional_limit_bits"]


def extra_rate(source, rate, distortion, scheme, N=None, key="rate_bits"):
    """Extra rate (bits) of a design with (rate, distortion) over `scheme` at the same distortion."""
    return rate - exact_at_distortion(scheme, source, distortion, N)[key]
