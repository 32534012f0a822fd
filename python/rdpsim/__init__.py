"""rdpsim from Python: the command line's subcommands as functions returning its JSON rows.

Every function runs rdpsim in this process (no subprocess) with the command line's own
flag handling, so flags, defaults, numbers and messages are the CLI's (`rdpsim COMMAND
--help` documents them). Keyword arguments become flags: ``N=4`` is ``--N 4``,
``target_se=1e-4`` is ``--target-se 1e-4``, ``quiet=True`` is ``--quiet``; ``None`` and
``False`` leave a flag out.

    >>> import rdpsim
    >>> row = rdpsim.run(scheme="multiquan", source="exponential", N=4, step=0.5,
    ...                  samples=1e6, seed=1, backend="cpu")
    >>> row["distortion"], row["rate_bits"]

Errors: bad input raises ValueError with rdpsim's one-line message; Ctrl-C stops a
run at its next chunk and raises KeyboardInterrupt; any other failure raises
RdpsimError. rdpsim's warnings become Python warnings (RdpsimWarning).
"""
from __future__ import annotations

import json
import os
import tempfile
import warnings
from typing import Any

from . import _rdpsim

__all__ = ["run", "exact", "sweep", "optimize", "validate", "bench", "quantize", "cli", "RdpsimError",
           "RdpsimWarning"]


class RdpsimError(RuntimeError):
    """rdpsim failed for a reason other than bad input (exit status 1)."""


class RdpsimWarning(UserWarning):
    """A warning rdpsim printed (a histogram window overflow, a lambda far off scale, ...)."""


_ERROR_PREFIXES = ("rdpsim: error: ", "rdpsim: failed: ", "rdpsim: ")


def cli(*args: Any, progress=None) -> str:
    """Runs ``rdpsim ARGS...`` in this process and returns what it printed on stdout.

    ``progress``: a callable ``(done, total, unit)``, called between chunks with the
    samples of a run (unit "samples") and after each point of a sweep ("points"); or
    True for a tqdm bar (when tqdm is installed). An exception it raises is raised once
    the command has finished.
    """
    return _call(args, (0,), progress)


class _TqdmProgress:
    """A tqdm bar per unit; a sweep's bar follows its points, not each point's samples."""

    def __init__(self):
        from tqdm.auto import tqdm

        self._tqdm, self._bar, self._points = tqdm, None, False

    def __call__(self, done, total, unit):
        self._points = self._points or unit == "points"
        if self._points and unit != "points":
            return
        if self._bar is None or self._bar.unit != unit:
            self.close()
            self._bar = self._tqdm(total=total, unit=unit, unit_scale=unit == "samples")
        self._bar.update(done - self._bar.n)

    def close(self):
        if self._bar is not None:
            self._bar.close()


def _call(args, ok_statuses, progress=None) -> str:
    bar = None
    if progress is True:
        try:
            bar = progress = _TqdmProgress()
        except ImportError:
            warnings.warn("progress=True needs tqdm (python3 -m pip install tqdm)", RdpsimWarning, stacklevel=3)
            progress = None
    try:
        status, out, err = _rdpsim.call([str(a) for a in args], progress or None)
    finally:
        if bar is not None:
            bar.close()
    lines = [line for line in err.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("rdpsim: warning: "):
            warnings.warn(line[len("rdpsim: warning: "):], RdpsimWarning, stacklevel=4)
    if status in ok_statuses:
        return out
    message = next((line for line in reversed(lines) if line.startswith("rdpsim: ")), lines[-1] if lines else "")
    for prefix in _ERROR_PREFIXES:
        if message.startswith(prefix):
            message = message[len(prefix):]
            break
    if status == 2:
        raise ValueError(message)
    if status in (130, 143):
        raise KeyboardInterrupt(message)
    raise RdpsimError(message or f"rdpsim exited with status {status}")


def _text(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same double
    return str(value)


def _flags(options: dict[str, Any]) -> list[str]:
    args: list[str] = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + key.rstrip("_").replace("_", "-")  # lambda_ is --lambda
        args += [flag] if value is True else [flag, _text(value)]
    return args


def _rows(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _frame(rows: list[dict[str, Any]], as_frame: bool):
    if not as_frame:
        return rows
    try:
        import pandas
    except ImportError as e:
        raise ImportError("as_frame=True needs pandas: python3 -m pip install pandas") from e
    return pandas.json_normalize(rows)


def run(scheme: str = "multiquan", source: str = "exponential", progress=None, **options: Any) -> dict[str, Any]:
    """One simulated job: ``rdpsim run``'s JSON row as a dict.

    Options are ``rdpsim run``'s flags: N, L, step, loc, scale, samples, seed, backend,
    threads, target_se, thresholds, lattice, blocks, ... (``rdpsim run --help``).
    ``progress``: see ``cli``.
    """
    return _rows(cli("run", "--scheme", scheme, "--source", source, *_flags(options), progress=progress))[0]


def exact(scheme: str = "multiquan", source: str = "exponential", **options: Any) -> dict[str, Any]:
    """Rate and distortion by quadrature or closed form, no sampling (``rdpsim exact``)."""
    return _rows(cli("exact", "--scheme", scheme, "--source", source, *_flags(options)))[0]


def sweep(config: str | os.PathLike, out: str | os.PathLike | None = None, as_frame: bool = False,
          progress=None, **options: Any):
    """Every point of a sweep configuration (a TOML file, or TOML text), as a list of row dicts.

    ``out`` keeps the rows in that JSONL file as well (with ``resume=True`` a stopped sweep
    continues there); ``shard="i/k"``, ``exact=True``, ``backend``, ``samples`` and the other
    ``rdpsim sweep`` flags pass through. ``as_frame=True`` returns a pandas DataFrame;
    ``progress``: see ``cli``.
    """
    with tempfile.TemporaryDirectory(prefix="rdpsim-sweep-") as scratch:
        path = os.fspath(config)
        if "\n" in path:  # TOML text
            text, path = path, os.path.join(scratch, "sweep.toml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        rows_path = os.fspath(out) if out is not None else os.path.join(scratch, "rows.jsonl")
        cli("sweep", path, "--out", rows_path, "--quiet", *_flags(options), progress=progress)
        with open(rows_path, encoding="utf-8") as f:
            return _frame(_rows(f.read()), as_frame)


def optimize(method: str = "lloyd", source: str = "exponential", **options: Any) -> dict[str, Any]:
    """Multiquan thresholds optimized for D + lambda R (``rdpsim optimize``; ``lambda_=`` or ``rate=``)."""
    return _rows(cli("optimize", "--method", method, "--source", source, "--quiet", *_flags(options)))[0]


def validate(as_frame: bool = False, **options: Any):
    """rdpsim's checks against exact values and theorems (``rdpsim validate``), one dict per check."""
    # Exit status 1 means a check failed: its row says which, so the rows are returned.
    return _frame(_rows(_call(("validate", "--format", "json", *_flags(options)), (0, 1))), as_frame)


def bench(as_frame: bool = False, **options: Any):
    """Throughput of each kernel (``rdpsim bench``), one dict per kernel."""
    return _frame(_rows(cli("bench", "--format", "json", *_flags(options))), as_frame)


def quantize(x, scheme: str = "multiquan", source: str = "exponential", seed: int = 1, first: int = 0,
             threads: int = 0, **options: Any):
    """Codes the values of ``x`` elementwise, as a learned codec's quantizer: returns
    ``(indices, reconstruction)``, NumPy arrays of x's shape (int64 and float64).

    Element k (in C order) is sample ``first + k`` of ``seed``: it uses the common
    randomness (multiquan's offset n, the dither z) and the decoder's private randomness
    that sample has in ``rdpsim run``, so a decoder that knows the seed and ``first``
    draws the same common randomness, and a value equal to the run's draw of that sample
    gets the run's reconstruction bit for bit. The scheme's decoder is the one for
    ``source`` (with ``loc``, ``scale``): multiquan's reconstruction has that law when
    the values do. Schemes: multiquan (index: the cell i of the chosen quantizer;
    ``N``, ``step``, ``thresholds``), dithered and dithered-raw (index: k =
    round((x + z)/step)). ``threads=0`` uses every core; the result does not depend on it.
    """
    import numpy

    values = numpy.ascontiguousarray(x, dtype=numpy.float64)
    args = ["--scheme", scheme, "--source", source, "--seed", str(seed), *_flags(options)]
    return _rdpsim.quantize(values, args, int(first), int(threads))
