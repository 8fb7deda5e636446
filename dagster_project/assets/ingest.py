"""raw/report_files: every file under RAW_DIR, read once, kept as decoded text or a reason."""

from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import pyarrow as pa

from .. import paths, warehouse
from ..ingest.reader import list_files, read_file

BATCH = 500
# Files per transaction. DuckDB keeps a transaction's new rows in memory until it commits, and
# 100,000 decoded texts took 1.8 GB that way; a run killed between commits leaves rows that are
# each right (a file as read), and the next run reads the rest.
COMMIT_EVERY = 5000


def ingest_raw_dir() -> dict[str, int]:
    """Bring raw.report_files in line with RAW_DIR: read new or changed files, drop vanished
    ones, leave unchanged ones (and their ingested_at) alone. A transaction per COMMIT_EVERY files."""
    raw_dir = paths.raw_dir()
    counts = {"files": 0, "read": 0, "removed": 0, "quarantined": 0}
    with warehouse.connect() as con:
        known = {row[0]: (row[1], row[2]) for row in
                 con.execute("select source_file, size_bytes, mtime_ns from raw.report_files").fetchall()}
        con.execute("begin transaction")
        seen: set[str] = set()
        batch: list[dict] = []

        def flush() -> None:
            if batch:
                rows = pa.Table.from_pylist(batch)
                con.register("_changed", rows.select(["source_file"]))
                con.execute("delete from raw.report_files where source_file in (select source_file from _changed)")
                con.unregister("_changed")
                warehouse.insert_rows(con, "raw.report_files", rows)
                batch.clear()
                if counts["read"] % COMMIT_EVERY == 0:
                    con.execute("commit")
                    con.execute("begin transaction")

        now = datetime.now(timezone.utc).replace(tzinfo=None)
        for file in list_files(raw_dir):
            seen.add(file.rel)
            counts["files"] += 1
            if known.get(file.rel) == (file.size, file.mtime_ns):
                continue
            rec = read_file(Path(file.path), raw_dir)
            counts["read"] += 1
            counts["quarantined"] += rec.read_status != "ok"
            batch.append({**rec.__dict__, "mtime_ns": file.mtime_ns, "ingested_at": now})
            if len(batch) >= BATCH:
                flush()
        flush()
        gone = sorted(set(known) - seen)
        if gone:
            con.register("_gone", pa.table({"source_file": gone}))
            con.execute("delete from raw.report_files where source_file in (select source_file from _gone)")
            con.unregister("_gone")
        counts["removed"] = len(gone)
        con.execute("commit")
    return counts


@dg.asset(
    key=["raw", "report_files"],
    group_name="ingest",
    kinds={"python", "duckdb"},
    description="One row per file under RAW_DIR (recursively): relative path, sha256, size, "
                "detected encoding, decoded text, read status and reason, ingested_at.",
)
def report_files(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    counts = ingest_raw_dir()
    context.log.info(f"ingest: {counts}")
    return dg.MaterializeResult(metadata={k: dg.MetadataValue.int(v) for k, v in counts.items()})
