"""One report text in, one ParsedReport out: metadata, era, every printed statistic."""
from __future__ import annotations

from .html import html_to_text, looks_like_html
from .labels import compact
from .legacy import extract_legacy
from .metadata import extract_meta
from .model import ParsedReport
from .narrative import extract_narrative
from .tables import extract_t2, extract_t3, extract_t4, find_regions
from .text import normalize, split_lines

# Bump when parsing output changes: stored results of an older version are parsed again.
PARSER_VERSION = "2026.11.21-1"

# Era signatures (crosswalk §1): labels only the form of that era prints.
_STANDARD_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")
_TRIAL_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量")
_NATIONAL_2014 = ("属于已主动公开范围", "告知作出更改补充", "告知通过其他途径办理", "回应解读情况",
                  "举报投诉数量", "机构建设和保障经费")
MIN_TABLE_VALUES = 8  # fewer printed values than this is not a statistics table


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
    squeezed = compact(norm)
    meta = extract_meta(norm)
    regions = find_regions(lines)
    cells = []
    era = "no_table"
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
            if "T4" in regions:
                cells += extract_t4(lines[slice(*regions["T4"])])
    if era == "no_table":
        legacy = extract_legacy(lines)
        if _numeric(legacy) >= MIN_TABLE_VALUES:
            national = sum(s in squeezed for s in _NATIONAL_2014)
            era = "legacy_national" if national >= 2 else "legacy_local"
            cells = legacy
    cells += extract_narrative(norm)
    return ParsedReport(meta=meta, schema_era=era, cells=cells)
