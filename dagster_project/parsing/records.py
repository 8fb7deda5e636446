"""Flatten a ParsedReport into the rows of raw.parsed_reports and raw.report_cells."""
from __future__ import annotations

from .model import ParsedReport, ReportMeta
from .report import PARSER_VERSION, parse_report

# Words every disclosure report uses somewhere; a text with none of them is not a report.
_REPORT_WORDS = ("政府信息公开", "信息公开", "政务公开")


def report_rows(content_hash: str, text: str) -> tuple[dict, list[dict]]:
    try:
        parsed = parse_report(text)
    except Exception as exc:  # one bad text must not stop a refresh: it is quarantined with the cause
        parsed = ParsedReport(ReportMeta(), "no_table")
        status, reason = "quarantined", f"parser error: {type(exc).__name__}: {exc}"[:500]
    else:
        status, reason = "parsed", None
    if status == "parsed" and parsed.schema_era == "no_table" and not parsed.cells and not any(w in text for w in _REPORT_WORDS):
        status, reason = "quarantined", "no recognizable report: no statistics table, no disclosure figure, no disclosure wording"
    meta = parsed.meta
    report = {
        "content_hash": content_hash,
        "parser_version": PARSER_VERSION,
        "body_name": meta.body_name,
        "report_year": meta.report_year,
        "schema_era": parsed.schema_era,
        "period_start": meta.period_start,
        "period_end": meta.period_end,
        "publish_date": meta.publish_date,
        "scope": meta.scope,
        "body_type": meta.body_type,
        "admin_level": meta.admin_level,
        "region_code": meta.region_code,
        "province_name": meta.province_name,
        "prefecture_name": meta.prefecture_name,
        "county_name": meta.county_name,
        "body_id": meta.body_id,
        "n_cells": len(parsed.cells),
        "parse_status": status,
        "parse_reason": reason,
        "warnings": "; ".join(parsed.warnings) or None,
    }
    cells = [{"content_hash": content_hash, "cell_index": i, **c._asdict()} for i, c in enumerate(parsed.cells)]
    return report, cells
