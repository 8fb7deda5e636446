"""The raw schema of the DuckDB warehouse, written by the ingest and parse assets, and publishing.

Runs write the build file (paths.build_path); analysts read the published file (DUCKDB_PATH),
which `publish` replaces whole after a complete build. DuckDB lets no other process open a file
while one writes it, not even to read, so readers must never share the file a run writes.

Connections are opened per step and closed at once (DuckDB has one writer per file). All
values go in as bound parameters or registered frames, never pasted into SQL text.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

import duckdb
import pyarrow as pa

from . import paths

DDL = """
create schema if not exists raw;
create table if not exists raw.report_files (
    source_file varchar primary key,
    content_hash varchar not null,
    size_bytes bigint not null,
    mtime_ns bigint not null,
    encoding varchar,
    text varchar,
    read_status varchar not null,
    read_reason varchar,
    ingested_at timestamp not null
);
create table if not exists raw.parsed_reports (
    content_hash varchar primary key,
    parser_version varchar not null,
    body_name varchar,
    report_year integer,
    schema_era varchar not null,
    period_start date,
    period_end date,
    publish_date date,
    scope varchar,
    body_type varchar,
    admin_level varchar,
    region_code varchar,
    province_name varchar,
    prefecture_name varchar,
    county_name varchar,
    body_id varchar,
    n_cells integer not null,
    parse_status varchar not null,
    parse_reason varchar,
    warnings varchar,
    parsed_at timestamp not null
);
create table if not exists raw.report_cells (
    content_hash varchar not null,
    cell_index integer not null,
    table_key varchar not null,
    section_key varchar not null,
    row_key varchar not null,
    col_key varchar not null,
    row_label varchar,
    col_label varchar,
    row_index integer,
    col_index integer,
    raw_value varchar,
    number double,
    value_kind varchar not null,
    unit varchar,
    char_offset integer,
    extraction_method varchar not null
);
-- Which parser version and dbt project the incremental dbt tables were last built with
-- (dagster_project/transform/assets.py): a change means a full refresh.
create table if not exists raw.dbt_state (
    fingerprint varchar not null,
    built_at timestamp not null
);
-- Warehouses created before the issuer columns existed gain them here.
alter table raw.parsed_reports add column if not exists body_type varchar;
alter table raw.parsed_reports add column if not exists admin_level varchar;
alter table raw.parsed_reports add column if not exists region_code varchar;
alter table raw.parsed_reports add column if not exists province_name varchar;
alter table raw.parsed_reports add column if not exists prefecture_name varchar;
alter table raw.parsed_reports add column if not exists county_name varchar;
alter table raw.parsed_reports add column if not exists body_id varchar;
"""


def _drop_cells_key(con: duckdb.DuckDBPyConnection) -> None:
    """raw.report_cells once had a primary key; its index keeps every row in memory (GBs at 100,000
    reports), so a warehouse made before loses it here. Cells are written whole per text anyway."""
    keyed = con.execute("select count(*) from duckdb_constraints() where schema_name = 'raw' "
                        "and table_name = 'report_cells' and constraint_type = 'PRIMARY KEY'").fetchone()[0]
    if keyed:
        columns = con.execute("select column_name || ' ' || data_type || case when is_nullable = 'NO' "
                              "then ' not null' else '' end from information_schema.columns where "
                              "table_schema = 'raw' and table_name = 'report_cells' order by ordinal_position").fetchall()
        con.execute("begin transaction")
        con.execute("alter table raw.report_cells rename to report_cells_keyed")
        con.execute(f"create table raw.report_cells ({', '.join(c[0] for c in columns)})")
        con.execute("insert into raw.report_cells select * from raw.report_cells_keyed")
        con.execute("drop table raw.report_cells_keyed")
        con.execute("commit")


@contextmanager
def connect(read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the build file, within DUCKDB_MEMORY_LIMIT."""
    path = paths.build_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    published = paths.duckdb_path()
    if not path.exists() and published.exists():
        # The last published state is complete: start from it rather than read and parse everything
        # again (a deleted build file, or a warehouse from before there were two files).
        shutil.copyfile(published, path)
    con = duckdb.connect(str(path), read_only=read_only, config={"memory_limit": os.environ["DUCKDB_MEMORY_LIMIT"]})
    try:
        if not read_only:
            con.execute(DDL)
            _drop_cells_key(con)
        yield con
    finally:
        con.close()


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Append an Arrow table whose columns are named like the table's (table names are constants)."""
    if not rows.num_rows:
        return
    if not all(c.isidentifier() for c in rows.column_names):  # names come from code, never from files
        raise ValueError(f"not a column name: {rows.column_names}")
    con.register("_batch", rows)
    cols = ", ".join(rows.column_names)
    con.execute(f"insert into {table} ({cols}) select {cols} from _batch")
    con.unregister("_batch")


def insert_parquet(con: duckdb.DuckDBPyConnection, table: str, path: str, **constants) -> None:
    """Append a Parquet file whose columns are named like the table's, plus `constants` as further
    columns (names from code, values bound)."""
    extra = "".join(f", ${name} as {name}" for name in constants)
    con.execute(f"insert into {table} by name select *{extra} from read_parquet($path)", {"path": path, **constants})


def dbt_fingerprint() -> str | None:
    """The fingerprint recorded by the last complete dbt build (None before the first)."""
    with connect() as con:
        row = con.execute("select fingerprint from raw.dbt_state").fetchone()
    return row[0] if row else None


def record_dbt_fingerprint(fingerprint: str | None) -> None:
    """Record the fingerprint of a complete build, or (None) that there is none."""
    with connect() as con:
        con.execute("begin transaction")
        con.execute("delete from raw.dbt_state")
        if fingerprint is not None:
            con.execute("insert into raw.dbt_state values ($f, now()::timestamp)", {"f": fingerprint})
        con.execute("commit")


PUBLISH_CHUNK = 1 << 20  # bytes compared at a time; DuckDB writes its file in 256 KiB blocks


def _copy_changed(source: Path, target: BinaryIO) -> int:
    """Make `target` byte for byte equal to `source`, on disk, writing only the chunks that differ;
    what `target` held before does not matter (a file killed half-written is just more chunks to
    write). An empty target gets the whole file through the kernel's copy. Flushed here, by the run
    that wrote it: else a later fsync, meant for the few MB a publish changes, would wait for what
    the kernel had not yet written of a whole copy (0.8 s of a one-file refresh at 100,000 reports).
    Returns the bytes written."""
    size = source.stat().st_size
    written = 0
    with source.open("rb") as src:
        if os.fstat(target.fileno()).st_size == 0:
            while written < size:
                written += os.sendfile(target.fileno(), src.fileno(), written, size - written)
        else:
            target.truncate(size)
            for offset in range(0, size, PUBLISH_CHUNK):
                chunk = os.pread(src.fileno(), PUBLISH_CHUNK, offset)
                if os.pread(target.fileno(), len(chunk), offset) != chunk:
                    os.pwrite(target.fileno(), chunk, offset)
                    written += len(chunk)
    os.fsync(target.fileno())
    return written


def _open_unread(path: Path) -> BinaryIO:
    """`path` open for rewriting in place, under a write lock, unless another process still has it
    open for reading: DuckDB holds a lock on every file it opens (per process: no step of a run
    opens the published file). Then it is unlinked (the reader keeps its copy) and a new empty file
    takes its name."""
    if path.exists():
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        fh = path.open("r+b")
        try:
            fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fh
        except OSError:  # held by a reader
            fh.close()
            path.unlink()
    fh = path.open("w+b")
    fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fh


def publish() -> tuple[Path, int]:
    """Replace the published file with a copy of the build file, in one atomic rename.

    A reader that has the published file open keeps reading the previous copy (its open file)
    until it reconnects; nobody waits for a lock, and nobody sees a half-built warehouse: the
    copy is complete before its name changes. A run killed before this leaves DUCKDB_PATH as it was.

    The copy is written into the file the previous publish replaced, kept under the staging name,
    only where the two differ (at 100,000 reports a one-file refresh changes a few MB of the 1.9
    GB, and a whole copy took 3 to 6 s with its fsync); into a new file when a reader still has the
    replaced one open. The first publish, which replaces nothing, copies twice. Returns the
    published path and the bytes written.
    """
    build, published = paths.build_path(), paths.duckdb_path()
    with connect() as con:
        con.execute("checkpoint")  # everything into the main file: the copy takes no .wal along
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(f".{published.name}.publishing")
    replaced = published.with_name(f".{published.name}.replaced")
    with _open_unread(staging) as fh:
        written = _copy_changed(build, fh)
        # Read-only on disk: a read-write session would write a .wal beside the published name, and
        # DuckDB refuses to open the next published copy with another file's .wal beside it.
        os.fchmod(fh.fileno(), stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        Path(f"{published}.wal").unlink(missing_ok=True)
        replaced.unlink(missing_ok=True)  # left by a run killed below
        if published.exists():
            os.link(published, replaced)
        os.replace(staging, published)
        dir_fd = os.open(published.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # the rename itself survives a crash
        finally:
            os.close(dir_fd)
        if replaced.exists():
            os.replace(replaced, staging)  # the next publish writes into it
    if not staging.exists():  # the first publish replaced nothing: a copy for the next to write into
        with _open_unread(staging) as fh:
            _copy_changed(published, fh)
    return published, written
