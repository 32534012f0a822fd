"""The Python API against the command line: the same rows for the same flags and seed,
the same one-line messages for bad input, and exact values from the closed forms."""
import json
import math
import os
import signal
import subprocess
import sys
import time

import pytest

import rdpsim

RDPSIM = os.environ.get("RDPSIM_EXECUTABLE", "rdpsim")
TIMING = ("elapsed_s", "samples_per_s")


def cli_rows(*args):
    done = subprocess.run([RDPSIM, *args], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def without_timing(row):
    return {k: v for k, v in row.items() if k not in TIMING}


def test_run_gives_the_command_lines_row_for_the_same_seed():
    flags = dict(scheme="multiquan", source="laplace", N=4, step=0.5, samples=200000, seed=7, backend="cpu")
    row = rdpsim.run(**flags)
    (expected,) = cli_rows("run", "--scheme", "multiquan", "--source", "laplace", "--N", "4", "--step", "0.5",
                           "--samples", "200000", "--seed", "7", "--backend", "cpu")
    assert without_timing(row) == without_timing(expected)
    assert row["samples"] == 200000 and row["seed"] == 7


def test_keyword_spelling_reaches_the_dashed_flags():
    row = rdpsim.run(scheme="dithered", source="gaussian", step=0.5, samples=100000, backend="cpu", dither_bins=16,
                     target_se=1.0, loc=0.25, scale=2.0)
    assert row["dither_bins"] == 16 and row["loc"] == 0.25 and row["scale"] == 2.0


def test_bad_input_raises_value_error_with_the_command_lines_message():
    with pytest.raises(ValueError) as caught:
        rdpsim.run(scheme="multiquan", source="unifrom", samples=1000, backend="cpu")
    done = subprocess.run([RDPSIM, "run", "--scheme", "multiquan", "--source", "unifrom", "--samples", "1000",
                           "--backend", "cpu"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == "rdpsim: error: " + str(caught.value)
    assert "did you mean 'uniform'?" in str(caught.value)
    # The process is left as it was: the next call runs.
    assert rdpsim.run(source="uniform", step=0.25, samples=1000, backend="cpu")["samples"] == 1000


def test_exact_matches_the_uniform_closed_form():
    # Multiquan with N = 2 on U[0, 1] at step 1/4: H(index | offset) = 17/8 bits, by quadrature.
    row = rdpsim.exact(scheme="multiquan", source="uniform", N=2, step=0.25)
    assert row["method"] == "quadrature"
    assert math.isclose(row["rate_bits"], 2.125, abs_tol=1e-14)


def test_sweep_returns_the_rows_the_command_line_writes(tmp_path):
    config = ('samples = 50000\nseed = 3\nbackend = "cpu"\n[grid]\nscheme = ["multiquan", "dithered"]\n'
              'source = "exponential"\nN = [1, 2]\nstep = [0.5, 1.0]\n')
    rows = rdpsim.sweep(config)
    path = tmp_path / "sweep.toml"
    path.write_text(config)
    out = tmp_path / "rows.jsonl"
    subprocess.run([RDPSIM, "sweep", str(path), "--out", str(out), "--quiet"], check=True)
    expected = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 6  # multiquan: 2 N x 2 steps; dithered: 2 steps
    assert [without_timing(r) for r in rows] == [without_timing(r) for r in expected]


def test_optimize_improves_the_lagrangian():
    result = rdpsim.optimize(method="lloyd", source="exponential", N=2, step=0.5, lambda_=0.05, iterations=20)
    assert result["after"]["lagrangian"] < result["before"]["lagrangian"]


def test_warnings_become_python_warnings():
    # A step far too fine for the histogram window: rdpsim warns that indices fell outside.
    with pytest.warns(rdpsim.RdpsimWarning, match="outside the histogram window"):
        rdpsim.run(scheme="dithered", source="exponential", step=1e-5, samples=20000, backend="cpu")


def test_ctrl_c_stops_a_run_cleanly():
    script = ("import rdpsim\nprint('ready', flush=True)\n"
              "try:\n    rdpsim.run(samples=1e11, backend='cpu', threads=1)\n"
              "except KeyboardInterrupt as e:\n    print('interrupted:', e, flush=True)\n")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(1.0)  # into the run: rdpsim's handler is in place
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0, out
    assert out.startswith("interrupted: stopped by SIGINT after "), out


def test_progress_reaches_a_callback_for_runs_and_sweeps():
    seen = []
    rdpsim.run(samples=3000000, backend="cpu", progress=lambda done, total, unit: seen.append((done, total, unit)))
    assert seen and all(unit == "samples" and total == 3000000 for _, total, unit in seen)
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen) and seen[-1][0] == 3000000
    points = []
    rdpsim.sweep('samples = 20000\nbackend = "cpu"\n[grid]\nscheme = "dithered"\nsource = "uniform"\n'
                 'step = [0.25, 0.5, 1.0]\n', progress=lambda done, total, unit: points.append((done, total, unit))
                 if unit == "points" else None)
    assert points == [(1, 3, "points"), (2, 3, "points"), (3, 3, "points")]


def test_an_exception_in_the_progress_callback_is_raised_after_the_call():
    def fail(done, total, unit):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        rdpsim.run(samples=100000, backend="cpu", progress=fail)
    assert rdpsim.run(samples=1000, backend="cpu")["samples"] == 1000


def test_progress_true_draws_a_tqdm_bar(capsys):
    pytest.importorskip("tqdm")
    row = rdpsim.run(samples=3000000, backend="cpu", progress=True)
    assert row["samples"] == 3000000
    assert "3.00M/3.00M" in capsys.readouterr().err
