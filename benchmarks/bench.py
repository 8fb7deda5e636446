"""`make bench`: parse throughput, full refresh, refresh after one new file, peak memory.

The corpus is synthetic (benchmarks/corpus.py), sized by BENCH_REPORTS (default 10000). Every
refresh runs as a user's would: `python -m dagster_project.cli materialize` in a subprocess
with its own RAW_DIR, DUCKDB_PATH and DAGSTER_HOME in a temporary folder.
"""
from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate
from dagster_project.parsing.report import parse_report

PARSE_SAMPLE = 400  # reports timed in-process for the per-core parse rate


def _materialize(env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "dagster_project.cli", "materialize"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode:
        sys.exit(f"materialize failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start


def main() -> None:
    n = int(os.environ.get("BENCH_REPORTS", "10000"))
    with tempfile.TemporaryDirectory(prefix="bench_") as tmp:
        root = Path(tmp)
        raw = root / "raw"
        paths = generate(raw, n, seed=1)
        texts = [p.read_text(encoding="utf-8") for p in paths[:PARSE_SAMPLE]]
        start = time.perf_counter()
        for text in texts:
            parse_report(text)
        per_core = len(texts) / (time.perf_counter() - start)

        env = {**os.environ, "RAW_DIR": str(raw), "DUCKDB_PATH": str(root / "warehouse.duckdb"),
               "DAGSTER_HOME": str(root / "dagster_home")}
        full = _materialize(env)
        extra = generate(root / "extra", 1, seed=2)[0]
        extra.rename(raw / "new_report.txt")
        one_new = _materialize(env)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"reports:                        {n}")
    print(f"parse throughput (one core):    {per_core:,.0f} reports/s")
    print(f"full refresh, end to end:       {full:,.1f} s ({n / full:,.0f} reports/s)")
    print(f"refresh after one new file:     {one_new:,.1f} s")
    print(f"peak RSS (largest process):     {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
