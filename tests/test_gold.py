"""Accuracy against hand-made gold labels, scored by ../shared/tools/score_gold.py."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import FIXTURES, REPO, build_warehouse, copy_files, shared_or_skip


def _score(db, gold_dir) -> tuple[int, str]:
    tool = shared_or_skip("tools", "score_gold.py")
    proc = subprocess.run([sys.executable, str(tool), "--db", str(db), "--gold", str(gold_dir)],
                          capture_output=True, text=True, cwd=REPO)
    return proc.returncode, proc.stdout


def test_seeds_and_real_reports_meet_the_gold(corpus_warehouse):
    _, db, result = corpus_warehouse
    assert result.success
    code, out = _score(db, shared_or_skip("corpus", "gold"))
    print(out)
    summary = out.strip().splitlines()[-1]
    m = re.search(r"metrics ([\d.]+)% .*metadata ([\d.]+)% .*traps violated (\d+)", summary)
    assert m, summary
    assert float(m.group(1)) >= 99.5 and float(m.group(2)) == 100.0 and int(m.group(3)) == 0, summary
    assert code == 0


# Synthetic reports for renderings the real corpus lacks (tests/fixtures/reports/README.md); the
# OCR case's misread body name (沐阳 for 沭阳) is corrected against the division table.
def test_synthetic_renderings_parse_by_label(tmp_path):
    shared_or_skip("tools", "score_gold.py")
    files = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))
    raw = copy_files(files, tmp_path / "raw")
    db = tmp_path / "w.duckdb"
    assert build_warehouse(raw, db).success
    _, out = _score(db, FIXTURES)
    print(out)
    failing = {}
    current = None
    for line in out.splitlines():
        head = re.match(r"(ok  |FAIL) (\S+)", line)
        if head:
            current = head.group(2)
            continue
        if current and line.startswith("     "):
            failing.setdefault(current, []).append(line.strip())
    assert not failing
