"""Dirty input and concurrent use: every file accounted for with a reason, decoded copies give the
same facts, re-runs change nothing, a killed run leaves nothing half-written, readers never wait.

The bad-input corpus is made here, at test time, from the sample reports in raw/.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from html import escape
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SHARED, build_warehouse, query
from dagster_project.parsing.report import parse_report

SEEDS = REPO / "raw"
SEED = "003_7f404b4c2ca7fa08.txt"  # 2021 form, all three tables
SEED_TEXT = (SEEDS / SEED).read_text(encoding="utf-8")
DUPLICATE = "子 目录/瑞安市 2024 年报 (副本).txt"
BIG_BYTES = 15 * 2**20

FACTS = ("select metric_code, applicant_type, value, extraction_method, raw_value, char_offset "
         "from marts.fct_disclosure_stats where source_file = ? order by all")
STATE = "select (select count(*) from marts.dim_reports), (select count(*) from marts.fct_disclosure_stats)"


def _html_page(text: str) -> str:
    """The report as a saved web page: pipe rows become a table; scripts, handlers and remote
    resources that would change the figures if anything ran or were fetched."""
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title>',
           '<script>document.write("<table><tr><td>本年新收政府信息公开申请数量</td><td>999999</td></tr></table>")</script>',
           '<link rel="stylesheet" href="http://192.0.2.1/x.css"></head>',
           "<body onload=\"fetch('http://192.0.2.1/')\"><img src=\"http://192.0.2.1/x.png\" onerror=\"alert(1)\">"]
    in_table = False
    for line in text.splitlines():
        if "|" in line:
            out.append("" if in_table else "<table>")
            in_table = True
            out.append("<tr>" + "".join(f"<td>{escape(c.strip())}</td>" for c in line.strip().strip("|").split("|")) + "</tr>")
        else:
            out.append("</table>" if in_table else "")
            in_table = False
            out.append(f"<p>{escape(line)}</p>")
    out.append("</table>" if in_table else "")
    out.append('<iframe src="http://192.0.2.1/"></iframe><script>var total = 999999;</script></body></html>')
    return "\n".join(out)


def _truncated_seed() -> str:
    """The seed cut in the middle of a table-3 row, as a partial download would leave it."""
    cut = SEED_TEXT.index("3.补正后申请内容仍不明确") + len("3.补正后申请内容仍不明确 | 0 |")
    return SEED_TEXT[:cut]


def make_corpus(raw: Path) -> dict[str, tuple[str, str | None]]:
    """Write the corpus; return {source_file: (status, start of status_reason or None)}."""
    raw.mkdir(parents=True)
    expected: dict[str, tuple[str, str | None]] = {}

    def put(name: str, data: bytes, status: str, reason: str | None) -> None:
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = (status, reason)

    for seed in sorted(SEEDS.iterdir()):
        put(seed.name, seed.read_bytes(), "parsed", None)
    put("empty.txt", b"", "quarantined", "empty file")
    put("blank.txt", "\u3000 \r\n\t\n".encode("utf-8"), "quarantined", "empty file (whitespace only)")
    put("random.bin", random.Random(6).randbytes(64 * 1024), "quarantined", "not text: binary content")
    put("编码/gb18030 副本.txt", SEED_TEXT.encode("gb18030"), "parsed", None)
    put("编码/utf-16 [bom].txt", SEED_TEXT.encode("utf-16"), "parsed", None)
    put("编码/utf-8 bom.txt", SEED_TEXT.encode("utf-8-sig"), "parsed", None)
    head, tail = SEED_TEXT[:400].encode("gb18030"), SEED_TEXT[400:].encode("gb18030")
    put("编码/damaged gb18030.txt", head + b"\xff" + tail, "quarantined",
        f"undecodable: GB18030 text with 1 invalid byte sequence(s), the first at byte {len(head)}")
    put("truncated (table 3).txt", _truncated_seed().encode("utf-8"), "parsed",
        "truncated: table 3 row (四)无法提供 3.补正后申请内容仍不明确 has 1 of 7 cells; table 3 stops after row")
    assert len(SEED_TEXT.rstrip()[-1].encode("utf-8")) == 3
    put("cut mid-character.txt", SEED_TEXT.rstrip().encode("utf-8")[:-1], "parsed",
        "truncated: the file ends inside a character (2 byte(s) left out)")
    put(DUPLICATE, (SEEDS / SEED).read_bytes(), "quarantined",
        f"duplicate of {SEED} (identical content, counted once)")
    put("big.txt", (SEED_TEXT.encode("utf-8") * (BIG_BYTES // len(SEED_TEXT.encode("utf-8")) + 1))[:BIG_BYTES],
        "quarantined", "too large: 15.0 MB (15728640 bytes), over the 8 MB limit for one report")
    put("page.html", _html_page(SEED_TEXT).encode("utf-8"), "parsed", None)
    put(".草稿 [未完成].txt", "会议纪要：下周一讨论预算安排。".encode("utf-8"), "quarantined", "no recognizable report")
    return expected


@pytest.mark.parametrize("cut, told", [
    ("三、收到和处理政府信息公开申请情况", "the text ends before table 3"),
    ("二、上年结转政府信息公开申请数量", "the text ends 7 value(s) into table 3"),
    ("3.补正后申请内容仍不明确", "table 3 stops after row (四)无法提供 2.没有现成信息需要另行制作 (9 of its 23 rows missing)"),
    ("四、政府信息公开行政复议", "table 4 (行政复议、行政诉讼) is missing"),
    ("8 | 7 | 1 | 0 | 16 | 0 | 0 | 0", "table 4 has 8 of its 15 cells"),
    ("五、存在的主要问题", "sections 五 (存在的主要问题及改进情况) and 六 (其他需要报告的事项) are missing"),
])
def test_parser_says_where_a_text_was_cut(cut, told):
    warnings = parse_report(SEED_TEXT[:SEED_TEXT.index(cut) + (len(cut) if cut[0].isdigit() else 0)]).warnings
    assert len(warnings) == 1 and warnings[0].startswith("truncated: ") and told in warnings[0]


def test_whole_reports_are_not_called_truncated():
    texts = [p for p in [*SEEDS.iterdir(), *(REPO / "tests" / "fixtures" / "reports").glob("*.*")]
             if p.suffix in (".txt", ".html")]
    texts += sorted((SHARED / "corpus").glob("*/*.txt"))
    assert len(texts) > 10
    assert {p.name: parse_report(p.read_text(encoding="utf-8")).warnings for p in texts} == {p.name: [] for p in texts}


@pytest.fixture(scope="module")
def bad_warehouse(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad_input")
    expected = make_corpus(base / "raw")
    db = base / "warehouse.duckdb"
    result = build_warehouse(base / "raw", db)
    assert result.success
    return base / "raw", db, expected


def test_every_file_is_parsed_or_quarantined_with_a_reason(bad_warehouse):
    raw, db, expected = bad_warehouse
    on_disk = {p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file()}
    rows = {r[0]: r[1:] for r in query(db, "select source_file, status, status_reason from marts.dim_reports")}
    assert set(rows) == on_disk == set(expected)
    for name, (status, reason) in expected.items():
        got_status, got_reason = rows[name]
        assert got_status == status, (name, rows[name])
        if reason is None:
            assert got_reason is None, (name, got_reason)
        else:
            assert got_reason is not None and got_reason.startswith(reason), (name, got_reason)


def test_duplicate_names_the_file_it_copies_and_counts_once(bad_warehouse):
    _, db, _ = bad_warehouse
    assert query(db, "select is_duplicate, duplicate_of, is_counted from marts.dim_reports where source_file = ?",
                 [DUPLICATE]) == [(True, SEED, False)]
    assert query(db, "select count(*) from marts.fct_disclosure_stats where source_file = ?", [DUPLICATE]) == [(0,)]


def test_decoded_copies_give_the_same_facts(bad_warehouse):
    _, db, _ = bad_warehouse
    original = query(db, FACTS, [SEED])
    assert len(original) > 150
    encodings = dict(query(db, "select source_file, encoding from marts.dim_reports where source_file like '编码/%'"))
    for name, encoding in [("编码/gb18030 副本.txt", "gb18030"), ("编码/utf-16 [bom].txt", "utf-16"),
                           ("编码/utf-8 bom.txt", "utf-8-sig")]:
        assert encodings[name] == encoding
        assert query(db, FACTS, [name]) == original, name
    # the web page: the same figures; offsets refer to its text rendering
    assert [r[:4] for r in query(db, FACTS, ["page.html"])] == [r[:4] for r in original]


def test_html_is_parsed_never_run(bad_warehouse):
    _, db, _ = bad_warehouse
    assert query(db, "select count(*) from raw.report_cells where raw_value like '%999999%'") == [(0,)]
    assert query(db, "select count(*) from marts.fct_disclosure_stats where value = 999999") == [(0,)]


def test_truncated_report_keeps_what_is_there(bad_warehouse):
    _, db, _ = bad_warehouse
    reason, warnings = query(db, "select status_reason, warnings from marts.dim_reports "
                                 "where source_file = 'truncated (table 3).txt'")[0]
    assert "table 4 (行政复议、行政诉讼) is missing" in reason and reason == warnings
    kept = query(db, FACTS, ["truncated (table 3).txt"])
    original = set(query(db, FACTS, [SEED]))
    table_rows = [r for r in kept if r[3] == "table"]
    assert len(table_rows) > 50 and set(table_rows) <= original  # every printed figure as in the full report
    assert not any(r[0].startswith(("review_", "lit_")) for r in table_rows)  # table 4 is not there


def test_rerun_without_change_changes_nothing(bad_warehouse):
    raw, db, _ = bad_warehouse
    tables = {"facts": "select * from marts.fct_disclosure_stats order by all",
              "reports": "select * from marts.dim_reports order by all",
              "files": "select source_file, content_hash, ingested_at from raw.report_files order by all",
              "parsed": "select content_hash, parsed_at from raw.parsed_reports order by all"}
    before = {k: query(db, sql) for k, sql in tables.items()}
    assert build_warehouse(raw, db).success
    assert {k: query(db, sql) for k, sql in tables.items()} == before


HOLDER = r"""
import duckdb, json, os, sys, time
db, stop = sys.argv[1], sys.argv[2]
sql = sys.stdin.readline()
held = duckdb.connect(db, read_only=True)
seen, slowest = set(), 0.0
print(json.dumps(held.execute(sql).fetchone()), flush=True)
while not os.path.exists(stop):
    started = time.monotonic()
    seen.add(tuple(held.execute(sql).fetchone()))
    slowest = max(slowest, time.monotonic() - started)
    time.sleep(0.05)
after = held.execute(sql).fetchone()
held.close()
with duckdb.connect(db, read_only=True) as fresh:
    reconnected = fresh.execute(sql).fetchone()
print(json.dumps({"seen": sorted(seen), "slowest": slowest, "after": after, "reconnected": reconnected}))
"""


def _copy_state(raw: Path, db: Path, dest: Path) -> tuple[Path, Path]:
    """A private copy of a built warehouse (raw dir with mtimes, build file, published file)."""
    shutil.copytree(raw, dest / "raw")
    new_db = dest / db.name
    shutil.copyfile(db, new_db)
    shutil.copyfile(db.with_name(f"{db.stem}.build{db.suffix}"), new_db.with_name(f"{new_db.stem}.build{new_db.suffix}"))
    return dest / "raw", new_db


def test_reader_is_never_blocked_and_sees_the_previous_state_until_it_reconnects(bad_warehouse, tmp_path):
    raw, db = _copy_state(*bad_warehouse[:2], tmp_path)
    old = tuple(query(db, STATE)[0])
    (raw / "new").mkdir()
    (raw / "new" / "瑞安 2013 重发.txt").write_text((SEEDS / "000_25543e463c8bce9d.txt").read_text(encoding="utf-8")
                                                   + "\n（重新发布）\n", encoding="utf-8")
    stop = tmp_path / "stop"
    # an analyst in another process holds the published file open for reading during the refresh
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(stop)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    holder.stdin.write(STATE + "\n")
    holder.stdin.flush()
    assert tuple(json.loads(holder.stdout.readline())) == old
    # other analysts connect afresh all through the refresh
    observed, failures, done = [], [], threading.Event()

    def poll() -> None:
        while not done.is_set():
            try:
                with duckdb.connect(str(db), read_only=True) as con:
                    observed.append(tuple(con.execute(STATE).fetchone()))
            except duckdb.Error as exc:
                failures.append(str(exc))
            time.sleep(0.1)

    poller = threading.Thread(target=poll)
    poller.start()
    started = time.monotonic()
    result = build_warehouse(raw, db)
    refresh_seconds = time.monotonic() - started
    time.sleep(0.3)
    done.set()
    poller.join()
    stop.touch()
    out, _ = holder.communicate(timeout=60)
    report = json.loads(out)
    assert result.success
    new = tuple(query(db, STATE)[0])
    assert new[0] == old[0] + 1 and new[1] > old[1]
    assert [tuple(s) for s in report["seen"]] == [old] and tuple(report["after"]) == old
    assert tuple(report["reconnected"]) == new
    assert report["slowest"] < 1.0
    assert not failures and set(observed) == {old, new} and observed[0] == old and observed[-1] == new
    print(f"refresh {refresh_seconds:.1f}s with a reader open; held reader's slowest query "
          f"{report['slowest'] * 1000:.0f} ms; {len(observed)} fresh connections saw {old} then {new}")


PARSE_THEN_HANG = r"""
import time
from dagster_project import warehouse
from dagster_project.assets.ingest import ingest_raw_dir
from dagster_project.assets.parse import parse_pending

insert = warehouse.insert_parquet

def insert_then_hang(con, table, *args, **kwargs):
    insert(con, table, *args, **kwargs)
    if table == "raw.report_cells":
        print("inserted", flush=True)
        time.sleep(600)

ingest_raw_dir()
warehouse.insert_parquet = insert_then_hang
parse_pending(workers=1)
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_killed_runs_leave_no_half_written_tables_and_a_rerun_matches_a_clean_build(bad_warehouse, tmp_path):
    clean_raw, clean_db, _ = bad_warehouse
    raw = tmp_path / "raw"
    shutil.copytree(clean_raw, raw)
    db = tmp_path / "warehouse.duckdb"
    build = tmp_path / "warehouse.build.duckdb"
    env = {**os.environ, "RAW_DIR": str(raw), "DUCKDB_PATH": str(db), "DAGSTER_HOME": str(tmp_path / "dagster_home"),
           "PYTHONUNBUFFERED": "1"}  # each log line as it happens: the kill must land inside the step

    # 1. kill -9 inside the parse transaction, after its rows were inserted
    proc = subprocess.Popen([sys.executable, "-c", PARSE_THEN_HANG], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "inserted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with duckdb.connect(str(build), read_only=True) as con:
        assert con.execute("select count(*) from raw.report_files").fetchone()[0] == sum(
            p.is_file() for p in clean_raw.rglob("*"))
        assert con.execute("select count(*) from raw.parsed_reports").fetchone() == (0,)
        assert con.execute("select count(*) from raw.report_cells").fetchone() == (0,)
    assert not db.exists()  # nothing was published

    # 2. kill -9 the whole run (Dagster and its dbt process) while dbt builds the marts, with a
    # published warehouse in place: analysts keep it, untouched
    shutil.copyfile(clean_db, db)
    published = _sha256(db)
    run = subprocess.Popen([sys.executable, "-m", "dagster_project.cli", "materialize"], cwd=REPO, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    dbt_started = None
    for line in run.stdout:
        if 'Started execution of step "dbt_models"' in line:
            dbt_started = time.monotonic()
        if dbt_started and "START sql table model marts." in line:
            os.killpg(run.pid, signal.SIGKILL)
            break
    run.wait()
    run.stdout.close()
    assert dbt_started and run.returncode == -signal.SIGKILL
    assert _sha256(db) == published
    assert query(db, STATE) == query(clean_db, STATE)
    print(f"killed {time.monotonic() - dbt_started:.1f}s into the dbt step")

    # 3. the re-run ends where a clean build of the same files ends
    assert build_warehouse(raw, db).success
    for sql in ("select * exclude (ingested_at) from marts.dim_reports order by all",
                "select * exclude (built_at) from marts.fct_disclosure_stats order by all",
                "select * exclude (built_at) from marts.report_quality order by all",
                "select * exclude (parsed_at) from raw.parsed_reports order by all",
                "select * from raw.report_cells order by all"):
        assert query(db, sql) == query(clean_db, sql), sql
