"""The benchmark's synthetic corpus parses exactly: every era and rendering it writes."""
from __future__ import annotations

import re
import subprocess
import sys

from benchmarks.corpus import CASES, generate
from conftest import REPO, build_warehouse, shared_or_skip


def test_synthetic_corpus_scores_exactly(tmp_path):
    tool = shared_or_skip("tools", "score_gold.py")
    raw, gold = tmp_path / "raw", tmp_path / "gold"
    generate(raw, 2 * len(CASES), seed=7, gold_dir=gold)
    db = tmp_path / "w.duckdb"
    assert build_warehouse(raw, db).success
    out = subprocess.run([sys.executable, str(tool), "--db", str(db), "--gold", str(gold)],
                         capture_output=True, text=True, cwd=REPO).stdout
    summary = out.strip().splitlines()[-1]
    m = re.search(r"metrics ([\d.]+)% .*applicant cells ([\d.]+)% .*metadata ([\d.]+)% .*traps violated (\d+)", summary)
    assert m and m.groups() == ("100.0", "100.0", "100.0", "0"), out
