"""One report text in, one ParsedReport out: metadata, era, every printed statistic."""
from __future__ import annotations

import re
from collections import Counter
from operator import attrgetter

from .html import html_to_text, looks_like_html
from .labels import squeeze
from .legacy import extract_legacy
from .metadata import extract_meta_folded
from .model import ParsedReport
from .narrative import extract_narrative
from .tables import extract_t2, extract_t3, extract_t4, find_regions
from .templates import T3_ROWS_SINGLE_OTHER, T3_ROWS_SPLIT_OTHER
from .text import normalize, split_lines

# Bump when parsing output changes: stored results of an older version are parsed again.
PARSER_VERSION = "2026.11.21-5"

# Era signatures (crosswalk §1): labels only the form of that era prints.
_STANDARD_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")
_TRIAL_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")
_NATIONAL_2014 = ("属于已主动公开范围", "告知作出更改补充", "告知通过其他途径办理", "回应解读情况",
                  "举报投诉数量", "机构建设和保障经费")
_FORM_ERAS = ("trial_2019", "standard_2021")
MIN_TABLE_VALUES = 8  # fewer printed values than this is not a statistics table
T4_CELLS = 15
# Sections 五 and 六, which follow table 4 in the 2019 and 2021 forms; spaces may split a heading.
_CLOSING_SECTIONS = re.compile("|".join(map(r"\s*".join, ("存在的主要问题", "改进情况", "其他需要报告"))))


def _numeric(cells) -> int:
    return sum(c.value_kind in ("number", "zero") for c in cells)


def parse_report(text: str) -> ParsedReport:
    """Parse a report (plain text, markdown, PDF-to-text or HTML).

    Offsets in the records refer to the text as given, or, for HTML, to its text rendering.
    """
    if looks_like_html(text):
        text = html_to_text(text)
    norm = normalize(text)
    lines = split_lines(norm)
    squeezed = squeeze(norm)
    meta = extract_meta_folded(norm)  # normalize folds full-width digits
    regions = find_regions(lines)
    cells = []
    era = "no_table"
    t3, split_other, t4 = [], False, None
    if "T3" in regions:
        t3, split_other = extract_t3(lines[slice(*regions["T3"])])
        if _numeric(t3) >= MIN_TABLE_VALUES:
            if any(s in squeezed for s in _STANDARD_2021):
                era = "standard_2021"
            elif any(s in squeezed for s in _TRIAL_2019):
                era = "trial_2019"
            else:  # no table 2 to tell: the (六) rows do
                era = "standard_2021" if split_other else "trial_2019"
            if "T2" in regions:
                cells += extract_t2(lines[slice(*regions["T2"])], era)
            cells += t3
            t4 = extract_t4(lines[slice(*regions["T4"])]) if "T4" in regions else None
            cells += t4 or []
    if era == "no_table":
        legacy = extract_legacy(lines)
        if _numeric(legacy) >= MIN_TABLE_VALUES:
            national = sum(s in squeezed for s in _NATIONAL_2014)
            era = "legacy_national" if national >= 2 else "legacy_local"
            cells = legacy
    missing = _missing_parts(norm, lines, regions, era, t3, split_other, t4)
    warnings = ["truncated: " + "; ".join(missing)] if missing else []
    cells += extract_narrative(norm, _tables_span(lines, regions) if era in _FORM_ERAS else None)
    return ParsedReport(meta=meta, schema_era=era, cells=cells, warnings=warnings)


def _first_table(regions) -> int | None:
    """Line where table 2 or 3 of a 2019+ form starts, if either does."""
    return min((regions[k][0] for k in ("T2", "T3") if k in regions), default=None)


def _tables_span(lines, regions) -> tuple[int, int] | None:
    """Where tables 2 and 3 of a 2019+ report are printed: from the first to table 4, whose
    region runs on into the closing sections' prose."""
    if "T4" not in regions:
        return None
    return lines[_first_table(regions)].offset, lines[regions["T4"][0]].offset


def _missing_parts(norm: str, lines, regions, era: str, t3, split_other: bool, t4) -> list[str]:
    """What a 2019+ report that stops early lacks. The form fixes table 3's rows, table 4's 15
    cells and the sections after them, so a text cut short (a partial download, a PDF export that
    lost its last pages) shows where it ends; rows missing inside a table are not a cut."""
    start = _first_table(regions)
    if start is None:
        return []
    ended_early = not _CLOSING_SECTIONS.search(norm, lines[start].offset)
    if era not in _FORM_ERAS:
        # the 2019+ form announced (a 第二十条 block, or a few values of table 3), then cut off
        values = _numeric(t3)
        if ended_early and ("T2" in regions or values):
            return [f"the text ends {values} value(s) into table 3" if values else "the text ends before table 3"]
        return []
    missing = []
    specs = T3_ROWS_SPLIT_OTHER if split_other else T3_ROWS_SINGLE_OTHER
    keys = [spec.key for spec in specs]
    in_form = set(keys)
    cells_per_key = Counter(map(attrgetter("row_key"), t3))  # counted in C: t3 has hundreds of cells
    per_row = {k: n for k, n in cells_per_key.items() if k in in_form}
    last = max((keys.index(k) for k in per_row), default=len(keys) - 1)  # no row placed: no end to tell
    width = max(Counter(per_row.values()).most_common(1)[0][0] if per_row else 0, 1)
    if per_row and per_row[keys[last]] < width:
        missing.append(f"table 3 row {specs[last].label} has {per_row[keys[last]]} of {width} cells")
    if last < len(keys) - 1:
        missing.append(f"table 3 stops after row {specs[last].label} "
                       f"({len(keys) - 1 - last} of its {len(keys)} rows missing)")
    if t4 is None:
        missing.append("table 4 (行政复议、行政诉讼) is missing")
    elif len(t4) < T4_CELLS:
        missing.append(f"table 4 has {len(t4)} of its {T4_CELLS} cells")
    if ended_early:
        missing.append("sections 五 (存在的主要问题及改进情况) and 六 (其他需要报告的事项) are missing")
    return missing
