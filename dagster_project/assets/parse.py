"""raw/parsed_reports and raw/report_cells: the parser's output, keyed by content hash.

Only texts not yet parsed by this parser version are parsed, in parallel processes, and
written in batches, so a refresh after a few new files touches only those files.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from typing import Iterable, Iterator

import dagster as dg
import pandas as pd

from .. import warehouse
from ..parsing.records import report_rows
from ..parsing.report import PARSER_VERSION

BATCH = 200  # reports per write; bounds memory whatever the corpus size
PARALLEL_FROM = 64  # below this many pending reports, process start-up costs more than it saves


def _parse_stream(pending: Iterable[tuple[str, str]], workers: int) -> Iterator[tuple[dict, list[dict]]]:
    items = list(pending)
    if workers <= 1 or len(items) < PARALLEL_FROM:
        yield from (report_rows(h, t) for h, t in items)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_parse_item, items, chunksize=16)


def _parse_item(item: tuple[str, str]) -> tuple[dict, list[dict]]:
    return report_rows(*item)


def parse_pending(workers: int | None = None) -> dict[str, int]:
    workers = workers or os.cpu_count() or 1
    counts = {"parsed": 0, "cells": 0, "dropped": 0}
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with warehouse.connect() as con:
        con.execute("begin transaction")
        # Results for texts that are gone, or from an older parser, are dropped first.
        stale = "(select content_hash from raw.parsed_reports where parser_version <> $v " \
                "or content_hash not in (select content_hash from raw.report_files where read_status = 'ok'))"
        counts["dropped"] = con.execute(f"select count(*) from {stale}", {"v": PARSER_VERSION}).fetchone()[0]
        con.execute(f"delete from raw.report_cells where content_hash in {stale}", {"v": PARSER_VERSION})
        con.execute(f"delete from raw.parsed_reports where content_hash in {stale}", {"v": PARSER_VERSION})
        con.execute("delete from raw.report_cells where content_hash not in (select content_hash from raw.parsed_reports)")
        hashes = [r[0] for r in con.execute(
            "select distinct f.content_hash from raw.report_files f anti join raw.parsed_reports p "
            "using (content_hash) where f.read_status = 'ok' order by 1").fetchall()]
        for start in range(0, len(hashes), BATCH * max(workers, 1)):
            chunk = hashes[start:start + BATCH * max(workers, 1)]
            con.register("_want", pd.DataFrame({"content_hash": chunk}))
            texts = con.execute("select content_hash, any_value(text) from raw.report_files "
                                "where content_hash in (select content_hash from _want) group by 1").fetchall()
            con.unregister("_want")
            reports, cells = [], []
            for report, report_cells in _parse_stream(texts, workers):
                reports.append({**report, "parsed_at": now})
                cells.extend(report_cells)
            warehouse.insert_frame(con, "raw.parsed_reports", pd.DataFrame(reports))
            warehouse.insert_frame(con, "raw.report_cells", pd.DataFrame(cells))
            counts["parsed"] += len(reports)
            counts["cells"] += len(cells)
        con.execute("commit")
    return counts


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "parsed_reports"], deps=[["raw", "report_files"]], group_name="ingest",
                     kinds={"python", "duckdb"},
                     description="One row per distinct report text: parser version, body, year, era, "
                                 "period, publish date, scope, parse status and reason."),
        dg.AssetSpec(["raw", "report_cells"], deps=[["raw", "report_files"]], group_name="ingest",
                     kinds={"python", "duckdb"},
                     description="One row per printed statistic (table cell or narrative figure): labels "
                                 "and keys as printed and normalised, raw value, parsed number or kind, "
                                 "unit, character offset."),
    ],
)
def parsed_reports(context: dg.AssetExecutionContext):
    counts = parse_pending()
    context.log.info(f"parse: {counts}")
    meta = {k: dg.MetadataValue.int(v) for k, v in counts.items()}
    yield dg.MaterializeResult(asset_key=["raw", "parsed_reports"], metadata=meta)
    yield dg.MaterializeResult(asset_key=["raw", "report_cells"], metadata=meta)
