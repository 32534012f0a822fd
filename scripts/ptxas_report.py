#!/usr/bin/env python3
"""Registers, spills and stack of every kernel, from ptxas's verbose output.

Usage (a build with -DRDPSIM_PTXAS_VERBOSE=ON, or nvcc -Xptxas=-v on one file):
  touch kernels/sample_kernel.cu && ninja -C BUILD rdpsim_kernels 2>&1 | python3 scripts/ptxas_report.py
Names are demangled with c++filt and shortened to the pipeline's template arguments.
"""
import re
import subprocess
import sys


def demangle(mangled):
    try:
        return subprocess.run(["c++filt", mangled], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return mangled


def short(name):
    name = re.sub(r"\((rdp::)?PipelineParams.*\)$", "", name)  # drop the kernel's parameter list
    name = re.sub(r"\(double, double const\*.*\)$", "", name)
    name = re.sub(r"rdp::|lattice::|\(anonymous namespace\)::|void ", "", name)
    name = name.replace("(SchemeKind)5", "sd").replace("(SchemeKind)6", "pd").replace("(SchemeKind)7", "qsd")
    return name.replace("(SchemeKind)8", "det")


rows = []
name = None
spill = stack = "?"
for line in sys.stdin:
    for part in line.split("ptxas info"):
        m = re.search(r"Compiling entry function '(\w+)'", part)
        if m:
            name = short(demangle(m.group(1)))
        m = re.search(r"(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads", part)
        if m:
            stack, spill = m.group(1), f"{m.group(2)}/{m.group(3)}"
        m = re.search(r"Used (\d+) registers", part)
        if m and name:
            rows.append((name, m.group(1), spill, stack))
            name = None
width = max([len(r[0]) for r in rows] + [20])
print(f"{'kernel':{width}s} {'registers':>9s} {'spill st/ld (bytes)':>20s} {'stack (bytes)':>14s}")
for r in rows:
    print(f"{r[0]:{width}s} {r[1]:>9s} {r[2]:>20s} {r[3]:>14s}")
