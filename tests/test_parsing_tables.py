"""Tables 2-4 of the 2019/2021 forms, in renderings written here and in the real seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.parsing.report import parse_report
from dagster_project.parsing.tables import _segment_run, extract_t2, extract_t4
from dagster_project.parsing.text import TextCell, normalize, split_lines

REPO = Path(__file__).resolve().parents[1]


def cells_by_key(parsed, table):
    return {(c.section_key, c.row_key, c.col_key): c for c in parsed.cells if c.table_key == table}


def test_seed_003_pipe_rows_and_truncated_table4_header():
    text = (REPO / "raw" / "003_7f404b4c2ca7fa08.txt").read_text(encoding="utf-8")
    parsed = parse_report(text)
    assert parsed.schema_era == "standard_2021"
    t3 = cells_by_key(parsed, "T3")
    assert t3[("", "1", "natural_person")].number == 125
    assert t3[("", "1", "other_org")].number == 7
    assert t3[("", "3.6.1", "total")].number == 11
    assert t3[("", "3.7", "total")].number == 125
    assert t3[("", "4", "total")].number == 22
    # provenance: the offset points at the printed value
    cell = t3[("", "1", "total")]
    assert text[cell.char_offset:cell.char_offset + len(cell.raw_value)] == "134"
    t4 = cells_by_key(parsed, "T4")
    assert [t4[("", "review", c)].number for c in ("upheld", "corrected", "other", "pending", "total")] == [8, 7, 1, 0, 16]
    t2 = cells_by_key(parsed, "T2")
    assert t2[("20.1", "normative_doc", "in_force")].number == 231
    assert t2[("20.8", "admin_fee", "fee_amount")].unit == "万元"


def _t3_text(rows: list[list[str]], sep: str) -> str:
    labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开",
              *[f"{i}.不予公开理由{i}" for i in range(1, 9)], "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
              "3.补正后申请内容仍不明确", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
              "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"]
    body = "\n".join(sep.join([lab, *vals]) for lab, vals in zip(labels, rows))
    return ("三、收到和处理政府信息公开申请情况\n" + body +
            "\n四、政府信息公开行政复议、行政诉讼情况\n" + sep.join(["1", "0", "0", "0", "1"] + ["0"] * 10) + "\n")


def _rows_2019():
    zero = ["0"] * 7
    rows = [list(zero) for _ in range(23)]
    rows[0] = ["5", "1", "0", "0", "0", "0", "6"]
    rows[2] = ["3", "1", "0", "0", "0", "0", "4"]
    rows[12] = ["2", "0", "0", "0", "0", "0", "2"]
    rows[21] = ["5", "1", "0", "0", "0", "0", "6"]
    return rows


@pytest.mark.parametrize("sep", ["\t", "   ", "\u3000\u3000", " | "])
def test_single_other_row_table3_in_tab_space_and_pipe_layouts(sep):
    parsed = parse_report(_t3_text(_rows_2019(), sep))
    t3 = cells_by_key(parsed, "T3")
    assert parsed.schema_era == "trial_2019"  # one (六) row and no table 2 to tell otherwise
    assert t3[("", "3.6", "total")].number == 0
    assert t3[("", "3.4.1", "natural_person")].number == 2
    assert t3[("", "3.7", "commercial_enterprise")].number == 1
    assert ("", "3.6.1", "total") not in t3


def test_pdf_one_value_per_line_with_a_column_major_block():
    # pdftotext output: labels apart from values, one value per line; rows (一) and (二) of this
    # page came out column by column (3 1 | 2 0 | ... | 5 1).
    rows = _rows_2019()
    rows[2], rows[3] = ["3", "2", "0", "0", "0", "0", "5"], ["1", "0", "0", "0", "0", "0", "1"]
    rows[0] = ["6", "3", "0", "0", "0", "0", "9"]
    rows[21] = ["6", "3", "0", "0", "0", "0", "9"]
    column_major = [v for pair in zip(rows[2], rows[3]) for v in pair]
    values = rows[0] + rows[1] + column_major + [v for r in rows[4:] for v in r]
    text = ("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n总计\n" + "\n".join(values[:14]) +
            "\n（一）予以公开\n（二）部分公开\n" + "\n".join(values[14:]) + "\n（七）总计\n"
            "四、政府信息公开行政复议、行政诉讼情况\n" + "\n".join(["0"] * 15) + "\n")
    t3 = cells_by_key(parse_report(text), "T3")
    assert [t3[("", "3.1", k)].number for k in ("natural_person", "commercial_enterprise", "total")] == [3, 2, 5]
    assert [t3[("", "3.2", k)].number for k in ("natural_person", "commercial_enterprise", "total")] == [1, 0, 1]
    assert t3[("", "3.7", "total")].number == 9


def test_segment_run_prefers_row_reading_when_both_fit():
    values = "0 0 0 0 0 0 0 1 0 0 0 0 0 1".split()
    rows = _segment_run([TextCell(v, i) for i, v in enumerate(values)], 7)
    assert [[c.text for c in r] for r in rows] == [values[:7], values[7:]]


def test_segment_run_reads_a_column_block_when_rows_do_not_add_up():
    # two rows (1 0 0 0 0 0 1) and (10 0 0 0 0 0 10) printed column by column
    values = "1 10 0 0 0 0 0 0 0 0 0 0 1 10".split()
    rows = _segment_run([TextCell(v, i) for i, v in enumerate(values)], 7)
    assert [[c.text for c in r] for r in rows] == [["1", "0", "0", "0", "0", "0", "1"], ["10", "0", "0", "0", "0", "0", "10"]]


def test_table4_runs_out_of_order_are_reordered_by_the_block_identities():
    text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n" + "\n".join(
        ["72", "64", "178", "37", "复议后起诉", "12", "1", "1", "6", "总计", "351", "维持", "13", "4", "8", "1", "26", "总计", "20"])
    t4 = {(c.row_key, c.col_key): c.number for c in extract_t4(split_lines(text))}
    assert [t4[("review", k)] for k in ("upheld", "corrected", "other", "pending", "total")] == [72, 64, 178, 37, 351]
    assert t4[("lit_direct", "total")] == 26 and t4[("lit_after_review", "total")] == 20


def test_table4_that_does_not_add_up_is_kept_as_printed():
    text = "四、政府信息公开行政复议、行政诉讼情况\n" + "\n".join("10 1 0 0 0 0 0 0 0 0 5 0 0 0".split()) + "\n总计\n0\n"
    t4 = {(c.row_key, c.col_key): c.number for c in extract_t4(split_lines(text))}
    assert t4[("review", "upheld")] == 10 and t4[("review", "total")] == 0
    assert t4[("lit_after_review", "upheld")] == 5 and t4[("lit_after_review", "total")] == 0


def test_table2_lost_column_is_filled_from_loose_values_of_its_block():
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n22\n（其中修订 16 件）\n55\n"
            "第二十条第（五）项\n信息内容本年处理决定数量\n行政许可 0\n"
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 22 | 235 |\n| 行政规范性文件 | 34 | 189 |\n"
            "三、收到和处理政府信息公开申请情况\n本年制发件数\n")
    t2 = {(c.section_key, c.row_key, c.col_key): c for c in extract_t2(split_lines(normalize(text)), "standard_2021")}
    assert [t2[("20.1", "regulation", k)].number for k in ("issued", "repealed", "in_force")] == [22, 22, 235]
    assert [t2[("20.1", "normative_doc", k)].number for k in ("issued", "repealed", "in_force")] == [34, 55, 189]
    assert t2[("20.5", "licensing", "decisions")].number == 0


def test_blank_slash_and_zero_stay_distinct():
    rows = _rows_2019()
    rows[1] = ["/", "/", "", "/", "/", "/", "1"]
    parsed = parse_report(_t3_text(rows, "|"))
    t3 = cells_by_key(parsed, "T3")
    assert t3[("", "2", "natural_person")].value_kind == "not_applicable"
    assert t3[("", "2", "research_institution")].value_kind == "blank"
    assert t3[("", "3.1", "other_org")].value_kind == "zero"
    assert t3[("", "2", "total")].number == 1
