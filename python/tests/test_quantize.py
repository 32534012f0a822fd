"""rdpsim.quantize against the simulator: the values `rdpsim run` draws, coded by
quantize with the same seed, get the run's reconstructions bit for bit (the same
per-sample code); shapes, offsets (first) and thread counts change nothing; indices
satisfy each scheme's definition; bad values and schemes raise ValueError."""
import os
import subprocess

import numpy as np
import pytest

import rdpsim

RDPSIM = os.environ.get("RDPSIM_EXECUTABLE", "rdpsim")


def run_dump(tmp_path, *flags, samples=4000, seed=9):
    x_path, x_hat_path = tmp_path / "x.f64", tmp_path / "x_hat.f64"
    subprocess.run([RDPSIM, "run", *flags, "--samples", str(samples), "--seed", str(seed), "--backend", "cpu",
                    "--dump-x", str(x_path), "--dump-xhat", str(x_hat_path), "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return np.fromfile(x_path), np.fromfile(x_hat_path)


@pytest.mark.parametrize("scheme,source,extra", [
    ("multiquan", "laplace", dict(N=4, step=0.5)),
    ("multiquan", "gaussian", dict(N=3, step=0.7, loc=0.4, scale=2.0)),
    ("dithered", "exponential", dict(step=0.5)),
    ("dithered-raw", "uniform", dict(step=0.125)),
])
def test_the_runs_draws_get_the_runs_reconstructions(tmp_path, scheme, source, extra):
    flags = ["--scheme", scheme, "--source", source]
    for key, value in extra.items():
        flags += ["--" + key, str(value)]
    x, x_hat = run_dump(tmp_path, *flags)
    _, reconstruction = rdpsim.quantize(x, scheme=scheme, source=source, seed=9, **extra)
    assert np.array_equal(reconstruction, x_hat)


def test_shape_first_and_threads_change_nothing():
    x = np.random.default_rng(3).exponential(size=6000)
    index, x_hat = rdpsim.quantize(x, N=4, step=0.5, seed=5)
    index_2d, x_hat_2d = rdpsim.quantize(x.reshape(60, 100), N=4, step=0.5, seed=5, threads=1)
    assert index_2d.shape == (60, 100) and x_hat_2d.dtype == np.float64 and index_2d.dtype == np.int64
    assert np.array_equal(index_2d.ravel(), index) and np.array_equal(x_hat_2d.ravel(), x_hat)
    tail_index, tail_x_hat = rdpsim.quantize(x[1000:], N=4, step=0.5, seed=5, first=1000)
    assert np.array_equal(tail_index, index[1000:]) and np.array_equal(tail_x_hat, x_hat[1000:])
    _, other_seed = rdpsim.quantize(x, N=4, step=0.5, seed=6)
    assert not np.array_equal(other_seed, x_hat)


def test_indices_follow_each_schemes_definition():
    step, N = 0.5, 4
    x = np.random.default_rng(4).exponential(size=20000)
    index, x_hat = rdpsim.quantize(x, N=N, step=step, seed=2)
    # Multiquan: i = floor(x/step - n/N + 1/2) for the offset n in [0, N) the seed picks;
    # so x/step + 1/2 - i lies in [n/N, n/N + 1) and, taken over n, in [0, 1 + (N-1)/N).
    slack = x / step + 0.5 - index
    assert slack.min() >= 0.0 and slack.max() < 1.0 + (N - 1) / N
    # Both cells of a decoded value hold probability: reconstructions stay in the support.
    assert x_hat.min() >= 0.0
    # Dithered without post-processing: x^ = k step - z with |z| <= step/2.
    k, raw = rdpsim.quantize(x, scheme="dithered-raw", step=step, seed=2)
    assert np.abs(k * step - raw).max() <= step / 2 and np.abs(raw - x).max() <= step


def test_bad_values_and_schemes_raise_value_error():
    with pytest.raises(ValueError, match="element 1 is nan"):
        rdpsim.quantize(np.array([0.5, np.nan]))
    with pytest.raises(ValueError, match="element 0 is inf"):
        rdpsim.quantize(np.array([np.inf]))
    with pytest.raises(ValueError, match="multiquan, dithered or dithered-raw, got deterministic"):
        rdpsim.quantize(np.array([1.0]), scheme="deterministic")
    with pytest.raises(ValueError, match="did you mean 'uniform'"):
        rdpsim.quantize(np.array([1.0]), source="unifrom")
