"""The raw schema of the DuckDB warehouse, written by the ingest and parse assets.

Connections are opened per step and closed at once (DuckDB has one writer per file). All
values go in as bound parameters or registered frames, never pasted into SQL text.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import duckdb
import pandas as pd

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
    extraction_method varchar not null,
    primary key (content_hash, cell_index)
);
"""


@contextmanager
def connect(read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    path = paths.duckdb_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            con.execute(DDL)
        yield con
    finally:
        con.close()


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append a DataFrame whose columns are named like the table's (table names are constants)."""
    if frame.empty:
        return
    con.register("_batch", frame)
    cols = ", ".join(frame.columns)
    con.execute(f"insert into {table} ({cols}) select {cols} from _batch")
    con.unregister("_batch")
