"""html_to_text / looks_like_html on small hand-written snippets; every assertion is on exact lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project.parsing.html import html_to_text, looks_like_html


def lines(html: str) -> list[str]:
    return html_to_text(html).split("\n")


# ---------------------------------------------------------------- looks_like_html


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body>x</body></html>",
        "<html lang='zh'>",
        "  \n<TABLE border=1><tr><td>1</td></tr></TABLE>",
        "<p>本年度报告</p>",
        "<div class='content'>…</div>",
        "<td>0</td>",
        "\ufeff<meta charset='utf-8'><title>年报</title>",
    ],
)
def test_looks_like_html_true(text):
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
        "规章 | 0 | 0 | 0 |\n行政规范性文件 | 20 | 8 | 231 |",
        "| 信息内容 | 本年制发件数 |\n|---|---|",
        "收费 < 1 万元, 件数 > 0",
        # markup far from the start does not count
        "正文" * 5000 + "<table>",
    ],
)
def test_looks_like_html_false(text):
    assert not looks_like_html(text)


# ---------------------------------------------------------------- prose and chrome


def test_chrome_dropped_and_blocks_become_lines():
    html = """<!DOCTYPE html>
<html><head><title>某某县2021年政府信息公开工作年度报告</title>
<meta charset="utf-8"><style>p { color: red }</style>
<script>document.write('<p>injected</p>'); alert(1)</script></head>
<body>
<noscript>请启用JavaScript</noscript>
<div>首页 &gt; 信息公开年报</div>
<h1>某某县2021年政府信息公开工作年度报告</h1>
<p>本年度报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。</p>
<ul><li>一、总体情况</li><li>二、主动公开政府信息情况</li></ul>
<script type="text/javascript">var x = "<table><tr><td>9</td></tr></table>";</script>
</body></html>"""
    assert lines(html) == [
        "首页 > 信息公开年报",
        "某某县2021年政府信息公开工作年度报告",
        "本年度报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
        "一、总体情况",
        "二、主动公开政府信息情况",
    ]


def test_br_inline_tags_and_tail_text():
    html = "<p>第一行<br>第<b>二</b>行<br/><span>第三</span>行</p>尾部文字<div>块</div>再尾部"
    assert lines(html) == ["第一行", "第二行", "第三行", "尾部文字", "块", "再尾部"]


def test_nbsp_fullwidth_space_and_whitespace_collapse():
    html = "<p>&nbsp;&nbsp;一、总体情况\u3000\u3000情况良好</p><p>a \n\t  b&#160;&#xa0;c</p><p>&nbsp;\u3000 </p>"
    assert lines(html) == ["一、总体情况 情况良好", "a b c"]


def test_entities_decoded():
    html = "<p>A&amp;B &lt;条例&gt; &quot;三安全一稳定&quot; &#8220;公开&#8221; &#x4E00;&#20108; &yen;5</p>"
    assert lines(html) == ['A&B <条例> "三安全一稳定" “公开” 一二 ¥5']


def test_comments_and_processing_instructions_removed():
    html = '<?xml version="1.0" encoding="utf-8"?><p>前<!-- 隐藏 -->后</p>'
    assert lines(html) == ["前后"]


def test_empty_and_plain_inputs():
    assert html_to_text("") == ""
    assert html_to_text("   \n ") == ""
    assert html_to_text("<!-- only a comment -->") == ""
    assert html_to_text("<script>alert(1)</script>") == ""
    assert html_to_text("plain text") == "plain text"


def test_pre_keeps_its_line_breaks():
    assert lines("<pre>规章  0\n规范性文件  3</pre>") == ["规章 0", "规范性文件 3"]


# ---------------------------------------------------------------- tables


def test_simple_table_rows():
    html = """<table>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td>行政规范性文件</td><td>12</td><td>&nbsp;</td><td>85</td></tr>
</table>"""
    assert lines(html) == [
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "| 规章 | 0 | 0 | 3 |",
        "| 行政规范性文件 | 12 | | 85 |",
    ]


def test_thead_tbody_tfoot_th_and_caption():
    html = """<table><caption>表二</caption>
<thead><tr><th>信息内容</th><th>本年处理决定数量</th></tr></thead>
<tbody><tr><td>行政许可</td><td>1,234</td></tr></tbody>
<tfoot><tr><td>合计</td><td>1,234</td></tr></tfoot></table>"""
    assert lines(html) == ["表二", "| 信息内容 | 本年处理决定数量 |", "| 行政许可 | 1,234 |", "| 合计 | 1,234 |"]


def test_text_around_table_stays_on_its_own_lines():
    html = "<p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>0</td></tr></table>三、收到和处理"
    assert lines(html) == ["二、主动公开政府信息情况", "| 规章 | 0 |", "三、收到和处理"]


def test_colspan_text_repeats():
    html = """<table>
<tr><td rowspan="2">信息内容</td><td colspan="2">数量</td></tr>
<tr><td>上一年项目数量</td><td>本年增/减</td></tr>
<tr><td>行政许可</td><td>35</td><td>+4</td></tr>
</table>"""
    assert lines(html) == [
        "| 信息内容 | 数量 | 数量 |",
        "| 信息内容 | 上一年项目数量 | 本年增/减 |",
        "| 行政许可 | 35 | +4 |",
    ]


def test_rowspan_text_repeats_in_every_row():
    html = """<table>
<tr><td rowspan="3">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>1</td></tr>
<tr><td>3.危及“三安全一稳定”</td><td>0</td></tr>
<tr><td>（四）无法提供</td><td>1.本机关不掌握相关政府信息</td><td>7</td></tr>
</table>"""
    assert lines(html) == [
        "| （三）不予公开 | 1.属于国家秘密 | 0 |",
        "| （三）不予公开 | 2.其他法律行政法规禁止公开 | 1 |",
        "| （三）不予公开 | 3.危及“三安全一稳定” | 0 |",
        "| （四）无法提供 | 1.本机关不掌握相关政府信息 | 7 |",
    ]


def test_spanned_numbers_appear_only_at_origin():
    html = """<table>
<tr><td>a</td><td colspan="3">12</td><td rowspan="2">-8</td></tr>
<tr><td rowspan="2" colspan="2">1,234</td><td>x</td><td>y</td></tr>
<tr><td>z</td><td colspan="2">１２</td></tr>
<tr><td colspan="2">12.5万元</td><td colspan="2">0</td><td>w</td></tr>
</table>"""
    assert lines(html) == [
        "| a | 12 | | | -8 |",
        "| 1,234 | | x | y | |",
        "| | | z | １２ | |",
        "| 12.5万元 | | 0 | | w |",
    ]


def test_spanned_non_numbers_repeat_even_if_they_contain_digits():
    html = '<table><tr><td colspan="2">2019年度</td><td colspan="2">/</td></tr></table>'
    assert lines(html) == ["| 2019年度 | 2019年度 | / | / |"]


def test_table4_header_grid_is_rectangular():
    # The table-4 header of the 2019/2021 formats: review labels span two rows, litigation splits in two blocks.
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    html = (
        '<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr><tr>'
        + "".join(f'<td rowspan="2">{x}</td>' for x in labels)
        + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>'
        + "".join(f"<td>{x}</td>" for x in labels * 2)
        + "</tr><tr>"
        + "".join(f"<td>{v}</td>" for v in [2, 1, 0, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1])
        + "</tr></table>"
    )
    out = lines(html)
    assert out[0] == "| " + " | ".join(["行政复议"] * 5 + ["行政诉讼"] * 10) + " |"
    assert out[1] == "| " + " | ".join(labels + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5) + " |"
    assert out[2] == "| " + " | ".join(labels * 3) + " |"
    assert out[3] == "| 2 | 1 | 0 | 0 | 3 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 1 |"
    assert len(out) == 4


def test_short_rows_padded_and_overlong_rowspan_clipped():
    html = """<table>
<tr><td rowspan="9">甲</td><td>1</td><td>2</td></tr>
<tr><td>3</td></tr>
</table>"""
    assert lines(html) == ["| 甲 | 1 | 2 |", "| 甲 | 3 | |"]


def test_rowspan_zero_spans_to_the_end():
    html = '<table><tr><td rowspan="0">甲</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>'
    assert lines(html) == ["| 甲 | 1 |", "| 甲 | 2 |", "| 甲 | 3 |"]


def test_bad_span_attributes_count_as_one():
    html = '<table><tr><td colspan="x">a</td><td colspan="0">b</td><td rowspan="-1">c</td></tr></table>'
    assert lines(html) == ["| a | b | c |"]


def test_cell_inner_breaks_and_nested_tags_become_one_line():
    html = """<table><tr>
<td><p>（二）部分公开</p><p>（区分处理的，只计这一情形，<br>不计其他情形）</p></td>
<td><span style="font-family:宋体"><b>3</b></span></td>
<td>商业<br>企业</td><td><div>科研</div><div>机构</div></td>
</tr></table>"""
    assert lines(html) == ["| （二）部分公开 （区分处理的，只计这一情形， 不计其他情形） | 3 | 商业 企业 | 科研 机构 |"]


def test_nbsp_and_blank_cells_are_empty():
    html = "<table><tr><td>&nbsp;</td><td>\u3000</td><td></td><td> 0 </td><td>—</td></tr></table>"
    assert lines(html) == ["| | | | 0 | — |"]


def test_pipe_inside_cell_is_escaped():
    assert lines("<table><tr><td>a|b</td><td>1</td></tr></table>") == ["| a｜b | 1 |"]


def test_nested_table_rendered_as_own_rows_after_its_row():
    html = """<table>
<tr><td>外层</td><td>说明<table><tr><td>内1</td><td>5</td></tr><tr><td>内2</td><td>6</td></tr></table></td></tr>
<tr><td>下一行</td><td>7</td></tr>
</table>"""
    assert lines(html) == ["| 外层 | 说明 |", "| 内1 | 5 |", "| 内2 | 6 |", "| 下一行 | 7 |"]


def test_layout_wrapper_table_renders_as_blocks():
    html = """<table width="100%"><tr><td>
<p>一、总体情况</p><p>本年度报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。</p>
<table><tr><td>行政许可</td><td>3</td></tr></table>
<p>六、其他需要报告的事项</p>
</td></tr></table>"""
    assert lines(html) == [
        "一、总体情况",
        "本年度报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "| 行政许可 | 3 |",
        "六、其他需要报告的事项",
    ]


def test_two_tables_in_sequence():
    html = "<table><tr><td>a</td></tr></table><table><tr><td>b</td><td>1</td></tr></table>"
    assert lines(html) == ["| a |", "| b | 1 |"]


def test_nothing_is_fetched_or_executed():
    # External entities, iframes, objects and event handlers never contribute text.
    html = """<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<html><body onload="alert(1)"><p>&x;正文</p><iframe src="http://example.invalid/"></iframe>
<object data="x.swf">备用文字</object><img src="http://example.invalid/a.png" alt="图"></body></html>"""
    assert lines(html) == ["&x;正文"]


# ---------------------------------------------------------------- fixture


def test_trial_2019_html_fixture_renders_tables():
    path = Path(__file__).parent / "fixtures" / "reports" / "trial_2019_city_dept.html"
    text = path.read_text(encoding="utf-8")
    assert looks_like_html(text)
    out = lines(text)
    assert "| 行政许可 | 35 | +4 | 5862 |" in out
    assert "| 其他对外管理服务事项 | 18 | -8 | 2310 |" in out
    assert "| 规章 | | | |" in out
    # colspan=2 numbers are not duplicated
    assert "| 行政事业性收费 | 3 | -1 | |" in out
    assert "| 政府集中采购 | 12 | 386.5 | |" in out
    assert "| 三、本年度办理结果 | （六）其他处理 | （六）其他处理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |" in out
    assert "| 三、本年度办理结果 | （五）不予处理 | 1.信访举报投诉类申请 | 2 | 0 | 0 | | 0 | 0 | 2 |" in out
    assert "| 4 | 1 | 0 | 1 | 6 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 1 |" in out
    assert "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止" in text
    # chrome and the decoy written by the page script are gone
    joined = "\n".join(out)
    assert "1999" not in joined
    assert "_hmt" not in joined and "line-height" not in joined
    assert out[-1].startswith("主办：")
