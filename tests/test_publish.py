"""Publishing: the published file is a byte-for-byte copy of the build file, written into the copy
the previous publish replaced where the two differ, or into a new file while a reader holds it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dagster_project import paths, warehouse

READER = r"""
import duckdb, sys
con = duckdb.connect(sys.argv[1], read_only=True)
for line in sys.stdin:
    print(con.execute("select count(*) from raw.dbt_state").fetchone()[0], flush=True)
"""


@pytest.fixture
def build(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DUCKDB_PATH", str(tmp_path / "warehouse.duckdb"))
    with warehouse.connect() as con:  # the raw schema; rows big enough to span many chunks
        con.execute("create table raw.filler as select range as i, md5(range::varchar) as s from range(300000)")
    return paths.build_path()


def _add_row(n: int) -> None:
    with warehouse.connect() as con:
        con.execute("insert into raw.dbt_state values ($f, now()::timestamp)", {"f": str(n)})


def test_publish_writes_into_the_replaced_copy_only_what_differs(build):
    published = paths.duckdb_path()
    staging = published.with_name(f".{published.name}.publishing")
    files, written = [], []
    for n in range(3):
        _add_row(n)
        path, n_bytes = warehouse.publish()
        assert path == published and published.read_bytes() == build.read_bytes()
        files.append(published.stat().st_ino)
        written.append(n_bytes)
        with duckdb.connect(str(published), read_only=True) as con:
            assert con.execute("select count(*) from raw.dbt_state").fetchone() == (n + 1,)
    # the first publish copied the file twice; later ones write into the file the previous one
    # replaced, only the chunks that differ
    assert files[0] != files[1] != files[2] and files[2] == files[0]
    assert written[0] == published.stat().st_size and 0 < written[2] <= written[1] < written[0] // 2
    assert staging.exists() and not published.with_name(f".{published.name}.replaced").exists()

def test_a_reader_keeps_its_copy_and_the_next_publish_writes_a_new_file(build):
    published = paths.duckdb_path()
    for n in range(2):  # a published file and a replaced copy
        _add_row(n)
        warehouse.publish()
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)

    def reads() -> int:
        reader.stdin.write("\n")
        reader.stdin.flush()
        return int(reader.stdout.readline())

    held = published.stat().st_ino
    try:
        assert reads() == 2
        for n in range(2, 4):  # the reader's file is replaced, then would be the one written into
            _add_row(n)
            warehouse.publish()
            assert reads() == 2
    finally:
        reader.stdin.close()
        reader.wait()
    # the last publish wrote a new file: the reader's was left alone
    assert held not in (published.stat().st_ino, published.with_name(f".{published.name}.publishing").stat().st_ino)
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from raw.dbt_state").fetchone() == (4,)
    assert published.read_bytes() == build.read_bytes()
