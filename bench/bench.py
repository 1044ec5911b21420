#!/usr/bin/env python3
"""Start-up and query time of cnasean, as ratios against a baseline measured in the same run.

Machines are noisy: absolute times move from run to run, ratios measured side by side do not
move much. Each pair runs alternately, ``--runs`` times each, and the medians are compared.

    python bench/bench.py            # in the project's virtual environment
    python bench/bench.py --runs 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CNASEAN = str(BIN / "cnasean")
PY = sys.executable

BASELINE = [PY, "-c", "import typer"]
CASES: list[tuple[str, list[str], list[str], float]] = [
    ("cnasean --version", [CNASEAN, "--version"], BASELINE, 1.2),
    ("cnasean trade --json", [CNASEAN, "trade", "--json"], BASELINE, 1.5),
    ("cnasean visa --country thailand --json", [CNASEAN, "visa", "--country", "thailand", "--json"],
     BASELINE, 1.5),
]


def once(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def pair(cmd: list[str], base: list[str], runs: int) -> tuple[float, float]:
    once(cmd), once(base)  # warm the file cache
    a, b = [], []
    for _ in range(runs):
        a.append(once(cmd))
        b.append(once(base))
    return statistics.median(a), statistics.median(b)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    if not os.path.exists(CNASEAN):
        print(f"cnasean is not installed next to {PY}; run `pip install .` first.", file=sys.stderr)
        return 2
    failed = 0
    print(f"{'command':45} {'median':>9} {'baseline':>9} {'ratio':>6} {'target':>7}")
    for name, cmd, base, target in CASES:
        t, b = pair(cmd, base, args.runs)
        ratio = t / b
        ok = ratio <= target
        failed += not ok
        print(f"{name:45} {t * 1000:7.1f}ms {b * 1000:7.1f}ms {ratio:6.2f} {'≤' + str(target):>7} "
              f"{'ok' if ok else 'MISSED'}")
    print(f"baseline: {' '.join(BASELINE[1:])!s} with {PY}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
