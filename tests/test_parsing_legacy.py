"""Pre-2019 indicator tables: label, unit, value, in the seeds and in layouts written here."""
from __future__ import annotations

from pathlib import Path

from dagster_project.parsing.legacy import extract_legacy
from dagster_project.parsing.report import parse_report
from dagster_project.parsing.text import normalize, split_lines

REPO = Path(__file__).resolve().parents[1]


def legacy(text: str) -> dict[tuple[str, str], object]:
    return {(c.section_key, c.row_key): c for c in extract_legacy(split_lines(normalize(text)))
            if c.col_key == "value"}


def test_seed_000_local_form_one_cell_per_line():
    parsed = parse_report((REPO / "raw" / "000_25543e463c8bce9d.txt").read_text(encoding="utf-8"))
    assert parsed.schema_era == "legacy_local"
    cells = {(c.section_key, c.row_key): c for c in parsed.cells if c.table_key == "LEGACY" and c.col_key == "value"}
    assert cells[("依申请公开数量", "不同意公开答复数")].number == 127
    assert cells[("行政复议数量", "维持具体行政行为数")].number == 98
    assert cells[("行政诉讼数量", "维持具体行政行为数")].number == 53  # same label, other section
    assert cells[("行政复议数量", "行政复议数量")].value_kind == "blank"  # printed without a value
    fee = cells[("人员机构建设和保障经费情况", "政府信息公开专项经费")]
    assert (fee.number, fee.unit) == (11, "万元")


def test_seed_002_national_form_with_dash_rows_and_label_notes():
    parsed = parse_report((REPO / "raw" / "002_89dbaf428c88ecd3.txt").read_text(encoding="utf-8"))
    assert parsed.schema_era == "legacy_national"
    cells = {(c.section_key, c.row_key, c.col_key): c for c in parsed.cells if c.table_key == "LEGACY"}
    assert cells[("主动公开情况", "主动公开政府信息数", "value")].number == 44083  # note line joined, then dropped
    assert cells[("主动公开情况", "主动公开情况", "value")].value_kind == "not_applicable"  # the —— cell
    assert cells[("依申请公开情况", "依申请公开情况", "value_1")].number == 0  # stray 0 kept, in its own column
    assert cells[("机构建设和保障经费情况", "政府信息公开专项经费", "value")].number == 515.6


def test_pipe_layout_with_units_and_a_decimal():
    text = ("| 统计指标 | 单位 | 统计数 |\n| 一、主动公开情况 | —— | —— |\n| （一）主动公开政府信息数 | 条 | 1,204 |\n"
            "| 四、行政复议数量 | 件 | 3 |\n| （一）维持具体行政行为数 | 件 | 2 |\n| 七、依申请公开信息收取的费用 | 万元 | 0.12 |\n")
    cells = legacy(text)
    assert cells[("主动公开情况", "主动公开政府信息数")].number == 1204
    assert cells[("行政复议数量", "维持具体行政行为数")].number == 2
    fee = cells[("依申请公开信息收取的费用", "依申请公开信息收取的费用")]
    assert (fee.number, fee.unit) == (0.12, "万元")


def test_label_value_layout_with_full_width_spaces():
    text = "一、依申请公开情况　　——\n（一）收到申请数　　件　　１２\n（二）申请办结数　　件　　１１\n"
    cells = legacy(text)
    assert cells[("依申请公开情况", "收到申请数")].number == 12
    assert cells[("依申请公开情况", "申请办结数")].unit == "件"


def test_numbers_inside_prose_are_not_table_values():
    text = "2013年，我市共受理依申请公开440件。\n全年召开新闻发布会8次，听证会13次。\n"
    assert legacy(text) == {}
    assert parse_report(text).schema_era == "no_table"
