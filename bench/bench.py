#!/usr/bin/env python3
"""Start-up and query time of cnasean, as ratios against baselines measured in the same run.

Machines are noisy: absolute times move from run to run, ratios measured side by side do not
move much. Each pair runs alternately, ``--runs`` times each, and the medians are compared.
Peak memory is each process's own maximum resident set (``wait4``).

    python bench/bench.py                  # start-up and the 100,000-record file
    python bench/bench.py --million        # also the 1,000,000-record file (about 460 MB)
    python bench/bench.py --growth         # query time at 1k, 10k, 100k and 1M records

Run it with the Python of the environment where cnasean is installed (``pip install .``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PY = sys.executable
CNASEAN = str(Path(PY).parent / "cnasean")

FILTER = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as fh:
    data = json.load(fh)
rows = [r for r in data["trade"].values()
        if r["reporter"] == "CN" and r["partner"] == "VN" and r["flow"] == "total"
        and r["period_kind"] == "year"]
sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
"""


READS = [
    ["--help"],
    ["trade", "--country", "vietnam", "--json"],
    ["trade", "--country", "laos", "--reporter", "LA", "--json"],
    ["trade", "--rank", "--json"],
    ["trade", "--list", "--json"],
    ["visa", "--passport", "CN", "--json"],
    ["infra", "--json"],
    ["infra", "show", "whoosh", "--json"],
    ["events", "--json"],
    ["country", "laos", "--json"],
    ["search", "railway", "--json"],
    ["cite", "T1"],
    ["sources", "--json"],
    ["ask", "How much did China and ASEAN trade in 2024?"],
    ["db", "info"],
]


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int


def run_once(cmd: list[str]) -> Sample:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return Sample(elapsed, usage.ru_maxrss)


def pair(cmd: list[str], base: list[str], runs: int) -> tuple[list[Sample], list[Sample]]:
    run_once(cmd), run_once(base)  # warm the file cache and the byte-code cache
    a: list[Sample] = []
    b: list[Sample] = []
    for _ in range(runs):
        a.append(run_once(cmd))
        b.append(run_once(base))
    return a, b


def med(samples: list[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def swap_used_kb() -> int:
    info = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    return int(info["SwapTotal"].split()[0]) - int(info["SwapFree"].split()[0])


def in_pty(args: list[str]) -> list[str]:
    """Run under a pseudo-terminal (util-linux ``script``), so cnasean prints its table."""
    return ["script", "-qec", " ".join(args), "/dev/null"]


def make_db(n: int) -> Path:
    path = OUT / f"db-{n}.json"
    if not path.exists():
        subprocess.run(
            [PY, str(HERE / "make_db.py"), str(n), "-o", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def report(
    name: str, a: list[Sample], b: list[Sample], target: float, mem_target: float | None = None
) -> bool:
    ratio = med(a) / med(b)
    ok = ratio <= target
    line = (
        f"{name:52} {med(a) * 1000:8.0f}ms {med(b) * 1000:8.0f}ms {ratio:6.2f} "
        f"{'<=' + format(target, 'g'):>6}"
    )
    if mem_target is not None:
        mem = max(s.max_rss_kb for s in a) / max(s.max_rss_kb for s in b)
        ok = ok and mem <= mem_target
        line += f"  mem {mem:4.2f} (<={mem_target:g})"
    print(line + ("  ok" if ok else "  MISSED"), flush=True)
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--million", action="store_true", help="also the 1,000,000-record file")
    ap.add_argument("--growth", action="store_true", help="time at 1k, 10k, 100k, 1M records")
    args = ap.parse_args()
    if not Path(CNASEAN).exists():
        print(f"cnasean is not installed next to {PY}; run `pip install .` first.", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    base = [PY, "-c", "import typer"]
    cases = [
        ("cnasean --version", [CNASEAN, "--version"], base, 1.2),
        (
            "cnasean visa --country thailand --json",
            [CNASEAN, "visa", "--country", "thailand", "--json"],
            base,
            1.3,
        ),
        ("cnasean trade --json", [CNASEAN, "trade", "--json"], base, 1.3),
    ]
    # Every other read command, on the shipped data (GUIDE.md section 5: all of them).
    for read in READS:
        cases.append((f"cnasean {' '.join(read)}"[:52], [CNASEAN, *read], base, 1.3))
    print(f"{'command':52} {'median':>10} {'baseline':>10} {'ratio':>6} {'target':>6}")
    results = [report(name, *pair(cmd, b, args.runs), target) for name, cmd, b, target in cases]
    if shutil.which("script"):
        a, b = pair(
            # --no-pager: under script(1) both ends are a terminal, and a pager would wait
            in_pty([CNASEAN, "--no-pager", "trade"]),
            in_pty([PY, "-c", "'import typer, rich.table'"]),
            args.runs,
        )
        results.append(report("cnasean trade (terminal)", a, b, 1.3))
    sizes = [100_000] + ([1_000_000] if args.million else [])
    for n in sizes:
        path = str(make_db(n))
        swap0 = swap_used_kb()
        a, b = pair(
            [CNASEAN, "--db", path, "trade", "--country", "VN", "--json"],
            [PY, "-c", FILTER, path],
            max(3, args.runs // 3) if n > 100_000 else args.runs,
        )
        ok = report(f"trade --country VN --json, {n:,} records", a, b, 1.5, 2.0)
        grew = swap_used_kb() - swap0
        if grew > 10_240:
            print(f"{'':52} swap grew by {grew // 1024} MB  MISSED")
            ok = False
        results.append(ok)
    if args.growth:
        print("\nquery time as the data grows (trade --country VN --json, median of 5):")
        for n in (1_000, 10_000, 100_000, 1_000_000):
            path = str(make_db(n))
            samples = [
                run_once([CNASEAN, "--db", path, "trade", "--country", "VN", "--json"])
                for _ in range(5)
            ]
            size = Path(path).stat().st_size / 1e6
            print(
                f"  {n:>9,} records  {size:7.1f} MB  {med(samples):6.2f} s  "
                f"peak {max(s.max_rss_kb for s in samples) / 1024:6.0f} MB"
            )
    print(f"\nbaseline for start-up: python -c 'import typer' ({PY})")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
