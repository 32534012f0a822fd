#!/usr/bin/env python3
"""Registers and spills of every simulation kernel, from a build with -DRDPSIM_PTXAS_VERBOSE=ON.

Usage: touch kernels/simulate.cu && ninja -C BUILD rdpsim_kernels 2>&1 | python3 scripts/ptxas_report.py
"""
import re
import sys

name = None
spill = "?"
print(f"{'kernel (pipeline)':44s} {'registers':>9s} {'spill st/ld (bytes)':>20s}")
for line in sys.stdin:
    for part in line.split("ptxas info"):
        m = re.search(r"Compiling entry function '(\w+)'", part)
        if m:
            mangled = m.group(1)
            inner = re.search(r"simulate_kernelI(.*)EEvNS_14PipelineParams", mangled)
            if inner:
                name = inner.group(1).replace("ELb1", "<phi>").replace("ELb0", "<raw>")
                name = re.sub(r"N?S_\d+|I?NS_\d+|\d+(?=[A-Z])", "", name).rstrip("E")
            else:  # library kernels (CUB's radix sort): their own name is enough
                found = re.findall(r"\d+([A-Z][A-Za-z]*Kernel)", mangled)
                name = found[-1] if found else mangled[:44]
        m = re.search(r"(\d+) bytes spill stores, (\d+) bytes spill loads", part)
        if m:
            spill = f"{m.group(1)}/{m.group(2)}"
        m = re.search(r"Used (\d+) registers", part)
        if m and name:
            print(f"{name:44s} {m.group(1):>9s} {spill:>20s}")
            name = None
