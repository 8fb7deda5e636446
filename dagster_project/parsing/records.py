"""Flatten ParsedReports into the columns of raw.parsed_reports and raw.report_cells."""
from __future__ import annotations

from dataclasses import fields
from itertools import repeat
from operator import attrgetter

from .model import Cell, ParsedReport, ReportMeta
from .report import PARSER_VERSION, parse_report

# Words every disclosure report uses somewhere; a text with none of them is not a report.
_REPORT_WORDS = ("政府信息公开", "信息公开", "政务公开")
_META = tuple(f.name for f in fields(ReportMeta))
_meta_values = attrgetter(*_META)
REPORT_COLUMNS = ("content_hash", "parser_version", *_META, "schema_era", "n_cells", "parse_status",
                  "parse_reason", "warnings")
CELL_COLUMNS = ("content_hash", "cell_index", *Cell._fields)


def _parse_checked(text: str) -> tuple[ParsedReport, str, str | None]:
    """The parsed report, its status and the reason when quarantined."""
    try:
        parsed = parse_report(text)
    except Exception as exc:  # one bad text must not stop a refresh: it is quarantined with the cause
        return ParsedReport(ReportMeta(), "no_table"), "quarantined", f"parser error: {type(exc).__name__}: {exc}"[:500]
    if parsed.schema_era == "no_table" and not parsed.cells and not any(w in text for w in _REPORT_WORDS):
        return parsed, "quarantined", "no recognizable report: no statistics table, no disclosure figure, no disclosure wording"
    return parsed, "parsed", None


def batch_columns(items: list[tuple[str, str]]) -> tuple[dict[str, list], dict[str, list]]:
    """(content_hash, text) pairs → the columns of their report rows and of their cell rows.
    Columns, not a dict per row: a batch has tens of thousands of cells."""
    reports = {name: [] for name in REPORT_COLUMNS}
    cells = {name: [] for name in CELL_COLUMNS}
    for content_hash, text in items:
        parsed, status, reason = _parse_checked(text)
        row = (content_hash, PARSER_VERSION, *_meta_values(parsed.meta), parsed.schema_era, len(parsed.cells),
               status, reason, "; ".join(parsed.warnings) or None)
        for column, value in zip(reports.values(), row):
            column.append(value)
        if parsed.cells:
            cells["content_hash"].extend(repeat(content_hash, len(parsed.cells)))
            cells["cell_index"].extend(range(len(parsed.cells)))
            for name, values in zip(Cell._fields, zip(*parsed.cells)):
                cells[name].extend(values)
    return reports, cells
