"""Pre-2019 indicator tables (local forms and the 2014 national 统计表): label, unit, value.

These forms differ from place to place, so no fixed row list is assumed: every short label
followed by a value becomes a record keyed by its normalised label and its top-level section
("三、行政复议数量" → 行政复议数量), which the dbt seed maps to metric codes per era.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .labels import label_key
from .model import Cell, new_cell
from .text import Line, TextCell
from .values import parse_value

UNITS = {"条", "件", "次", "个", "人", "人次", "万元", "元", "项", "场", "期", "家", "篇", "份", "%"}
_HEADER_WORDS = {"指标名称", "计量单位", "数据统计", "统计指标", "单位", "统计数", "指标", "数量", "统计数据", "数值"}
_TOP_SECTION = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_ITEM_NUMBER = re.compile(r"^\s*[(（][一二三四五六七八九十0-9]+[)）]")
_PROSE = re.compile(r"[。；;]|，.*，")
_UNIT_IN_LABEL = re.compile(r"单位[:：]?\s*(万元|元)|[(（](万元|元)[)）]")
_END = ("返回顶部", "打印本稿", "关闭本页", "关闭窗口")
MAX_LABEL = 80


_VALUE_START = frozenset("-+减增/\\—–－―")  # or a digit: how a value, a sign or a "/" mark opens


def _kind(tc: TextCell) -> str:
    text = tc.text
    if not text:
        return "empty"
    if text in UNITS:
        return "unit"
    if text.replace(" ", "") in _HEADER_WORDS:
        return "header"
    if (text[0] in _VALUE_START or text[0].isdecimal()) and parse_value(text).kind != "text":
        return "value"
    if len(text) > MAX_LABEL or _PROSE.search(text) or any(e in text for e in _END):
        return "prose"
    return "label"


@lru_cache(maxsize=1 << 14)  # a label has several values, and labels recur across reports
def _label_parts(label: str) -> tuple[str, str]:
    """The label's key, and the unit it names ("(万元)", "单位:元"), if any."""
    m = _UNIT_IN_LABEL.search(label)
    return label_key(label), next(g for g in m.groups() if g) if m else ""


def extract_legacy(lines: list[Line]) -> list[Cell]:
    """Label/value records of an indicator table in any line rendering.

    A label takes the values that follow it (after an optional unit) up to the next label; a
    label directly followed by another label is a heading row and is recorded as blank; a
    parenthetical line right after a label continues it. Prose resets the state, so figures
    inside sentences are never taken here.
    """
    cells: list[Cell] = []
    headings: list[Cell] = []  # blank heading rows, kept once a value shows they are in a table
    section = ""
    label: TextCell | None = None
    label_text = ""
    unit = ""
    n_values = 0
    row_index = 0

    def close_label() -> None:
        nonlocal label, n_values
        if label is not None and n_values == 0:  # a heading row: printed without a value
            headings.append(_record(TextCell("", label.offset + len(label.text))))
        label, n_values = None, 0

    def _record(tc: TextCell) -> Cell:
        v = parse_value(tc.text)
        key, label_unit = _label_parts(label_text)
        return new_cell(("LEGACY", section, key, "value" if n_values == 0 else f"value_{n_values}",
                         label_text, "", row_index, n_values, tc.text, v.number, v.kind, v.unit or unit or label_unit,
                         tc.offset, "table"))

    def _emit(tc: TextCell) -> None:
        nonlocal n_values
        cells.extend(headings)
        headings.clear()
        cells.append(_record(tc))
        n_values += 1

    for line in lines:
        for tc in line.cells:
            kind = _kind(tc)
            if kind in ("empty", "header"):
                continue
            if kind == "prose":
                close_label()
                headings.clear()
                continue
            if kind == "unit":
                unit = tc.text
                continue
            if kind == "value":
                if label is not None:
                    _emit(tc)
                continue
            # a label
            if label is not None and n_values == 0 and tc.text[0] in "(（" and not _ITEM_NUMBER.match(tc.text):
                label_text += tc.text  # "(不同渠道和方式公开相同信息计1条)" continues the label
                continue
            close_label()
            label, label_text, unit = tc, tc.text, ""
            row_index += 1
            if _TOP_SECTION.match(tc.text):
                section = label_key(tc.text)
    close_label()
    return cells
