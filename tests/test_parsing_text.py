"""Character normalisation, cell splitting and value parsing."""
from __future__ import annotations

import pytest

from dagster_project.parsing.labels import compact, label_key, matches
from dagster_project.parsing.text import normalize, split_line, split_lines
from dagster_project.parsing.values import parse_value


def test_normalize_keeps_length_and_folds_full_width():
    text = "（一）予以公开｜１２　件"
    out = normalize(text)
    assert len(out) == len(text)
    assert out == "(一)予以公开|12 件"


@pytest.mark.parametrize("raw,number,kind,unit", [
    ("0", 0, "zero", ""), ("12", 12, "number", ""), ("1,234", 1234, "number", ""), ("+4", 4, "number", ""),
    ("-8", -8, "number", ""), ("减少3", -3, "number", ""), ("7730.28", 7730.28, "number", ""),
    ("3940元", 3940, "number", "元"), ("22(其中修订 16 件)", 22, "number", ""),
    ("/", None, "not_applicable", ""), ("—", None, "not_applicable", ""), ("——", None, "not_applicable", ""),
    ("-", None, "not_applicable", ""), ("", None, "blank", ""), ("合计", None, "text", ""),
    ("2023年", None, "text", ""),
])
def test_parse_value(raw, number, kind, unit):
    v = parse_value(raw)
    assert (v.number, v.kind, v.unit, v.raw) == (number, kind, unit, raw)


def test_split_line_pipes_keep_inner_blanks_and_offsets():
    line = split_line("| 四、结转下年度继续办理 | 1 | 0 |  |", 100)
    assert [c.text for c in line.cells] == ["四、结转下年度继续办理", "1", "0", ""]
    assert line.delimited
    assert line.cells[1].offset == 100 + line.text.index("1")


def test_split_line_tabs_wide_spaces_and_trailing_values():
    assert [c.text for c in split_line("规章\t0\t\t3", 0).cells] == ["规章", "0", "", "3"]
    assert [c.text for c in split_line("行政规范性文件   20   8   231", 0).cells] == ["行政规范性文件", "20", "8", "231"]
    assert [c.text for c in split_line("行政许可 97", 0).cells] == ["行政许可", "97"]
    assert [c.text for c in split_line("2023 年政府信息公开工作年度报告", 0).cells] == ["2023 年政府信息公开工作年度报告"]


def test_split_lines_drops_markdown_rules_and_keeps_document_offsets():
    text = "a\n|---|---|\n| x | 1 |\n"
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["a", "| x | 1 |"]
    assert text[lines[1].cells[1].offset] == "1"


def test_labels_normalise_brackets_numbering_notes_and_variants():
    assert label_key("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）") == "主动公开政府信息数"
    assert label_key("其中:涉及国家秘密") == "涉及国家秘密"
    assert label_key("4.不属于本行政机关公开或申请信息不存在") == "不属于本行政机关公开或申请信息不存在"
    assert label_key("“免予公开范围1”数（涉及国家秘密）") == "免予公开范围1数(涉及国家秘密)"
    assert compact("（七）合计") == "(七)总计"
    assert matches("3.危及\"三安全一稳定\"", ("三安全一稳定",))
    assert matches("（一）予以公幵", ("予以公开",), fuzzy=False) is False


@pytest.mark.parametrize("line,cells", [
    ("行政许可 97", [("行政许可", 10), ("97", 15)]),
    ("本年新收政府信息公开申请数量,共计 12, 13", [("本年新收政府信息公开申请数量,共计", 10), ("12,", 28), ("13", 32)]),
    ("x" * 100 + "说明 1,234 -", [("x" * 100 + "说明", 10), ("1,234", 113), ("-", 119)]),
    ("费用 –5", [("费用 –5", 10)]),  # an en dash is no value
    ("合计 /", [("合计", 10), ("/", 13)]),
    ("  一、概况", [("一、概况", 12)]),
])
def test_split_line_trailing_values_and_indent(line, cells):
    assert [(c.text, c.offset) for c in split_line(line, 10).cells] == cells
