"""Records the parser returns. One Cell per printed statistic, kept as printed."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

ERAS = ("legacy_local", "legacy_national", "trial_2019", "standard_2021", "no_table")
VALUE_KINDS = ("number", "zero", "blank", "not_applicable", "text")


@dataclass(frozen=True)
class Value:
    """A printed value: `raw` as printed, `number` when it parses, `kind` otherwise."""

    raw: str
    number: float | None
    kind: str  # one of VALUE_KINDS
    unit: str = ""  # unit printed inside the value ("3940元"), else ""


class Cell(NamedTuple):
    """One printed cell (or one narrative figure) with its provenance.

    table_key: T2 / T3 / T4 (2019+ tables), LEGACY (pre-2019 indicator table) or TEXT (narrative).
    section_key / row_key / col_key: normalised keys the dbt seeds map to metric codes.
    char_offset: offset of raw_value in the text the parser was given (-1 when not locatable).
    A named tuple rather than a frozen dataclass: a report has hundreds of cells, and a tuple is
    several times cheaper to build.
    """

    table_key: str
    section_key: str
    row_key: str
    col_key: str
    row_label: str
    col_label: str
    row_index: int
    col_index: int
    raw_value: str
    number: float | None
    value_kind: str
    unit: str
    char_offset: int
    extraction_method: str = "table"  # table | narrative


# Builds a Cell from a tuple of all its fields: a NamedTuple's own constructor is a Python
# function, twice as slow, and tables build thousands of cells.
new_cell = partial(tuple.__new__, Cell)


@dataclass(frozen=True)
class ReportMeta:
    body_name: str | None = None
    report_year: int | None = None
    period_start: str | None = None  # ISO date
    period_end: str | None = None
    publish_date: str | None = None
    scope: str | None = None  # consolidated_region | single_body
    # Who the body is (parsing/regions.py): the region is the current GB/T 2260 division.
    body_type: str | None = None  # government | government_office | department | township | other
    admin_level: str | None = None  # national | provincial | prefectural | county | township
    region_code: str | None = None  # 6 digits
    province_name: str | None = None
    prefecture_name: str | None = None
    county_name: str | None = None
    body_id: str | None = None  # "<region_code>:<name without its region>", one per body across years


@dataclass
class ParsedReport:
    meta: ReportMeta
    schema_era: str
    cells: list[Cell] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
