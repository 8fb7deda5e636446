"""extract_narrative: the gold corpus (values, must_be_absent, traps) and hand-written sentences."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dagster_project.parsing.html import html_to_text, looks_like_html
from dagster_project.parsing.narrative import (
    _FEE_ZERO_SCANS, _OUT_RULES, _REMEDY_ZERO, _REMEDY_ZERO_ANCHORS, _RULES, _Sentences, _normalise, _scan,
    extract_narrative,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DIR = SHARED / "corpus" / "gold"
CORPUS_DIRS = (SHARED / "corpus" / "seeds", SHARED / "corpus" / "real")
GOLD_FILES = sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "reports"
FIXTURE_GOLD = sorted(FIXTURE_DIR.glob("*.json"))

SUPPORTED = {"foi_fee_yuan", "proactive_items", "apps_received", "apps_closed",
             "review_total", "lit_total", "complaints",
             "out_granted", "out_partial", "out_unable_not_held", "meetings"}
MONEY = {"foi_fee_yuan"}

# What the brief pins per report, beyond "equal to gold when emitted": figures that must be
# found, and figures that must not be emitted even though a naive extractor would find them.
REQUIRED = {
    "001_8153ceaf9edd8f05.txt": {"apps_received": 60, "proactive_items": 11164, "foi_fee_yuan": 0,
                                 "review_total": 0, "lit_total": 0, "complaints": 0},
    "003_7f404b4c2ca7fa08.txt": {"foi_fee_yuan": 0},
    "2023_hongzequ.txt": {"foi_fee_yuan": 0, "proactive_items": 1136},
    "2024_hongzequ.txt": {"foi_fee_yuan": 0, "proactive_items": 2428},
    "2024_huaianshi.txt": {"foi_fee_yuan": 3940},
    "2024_shanghai_kewei.txt": {"foi_fee_yuan": 0, "proactive_items": 393},
    "2025_shanghai_szfbgt.txt": {"foi_fee_yuan": 0},
    # synthetic fixtures (tests/fixtures/reports)
    "no_table_2012_trap.txt": {"proactive_items": 326, "apps_received": 5, "apps_closed": 5,
                               "out_granted": 4, "out_unable_not_held": 1, "foi_fee_yuan": 0,
                               "meetings": 2},
    "legacy_local_2010_cell_per_line.txt": {"foi_fee_yuan": 126},
}
FORBIDDEN = {
    "004_210389a21b6a26dd.txt": {"apps_received"},  # only a Jan–Nov count
    "2024_huaianshi.txt": {"proactive_items"},  # 5500余条
    # a breakdown without a total; "予以公开及部分公开 208 件" is a combined figure
    "2025_shanghai_szfbgt.txt": {"proactive_items", "out_granted", "out_partial"},
    "001_8153ceaf9edd8f05.txt": {"meetings"},  # "不定期检查5次" is not a meeting
    "standard_2021_county_tsv.txt": {"meetings"},  # 政务公开专题会议, not 政府信息公开
}


def by_metric(text: str) -> dict[str, float]:
    cells = extract_narrative(text)
    metrics = [c.row_key for c in cells]
    assert len(metrics) == len(set(metrics)), f"more than one cell per metric: {metrics}"
    return {c.row_key: c.number for c in cells}


def to_yuan(number: float, unit: str) -> float:
    return number * 10000 if unit == "万元" else number


# ---------------------------------------------------------------- gold corpus


def _gold_params():
    params = [pytest.param(p, id=p.name[: -len(".json")]) for p in GOLD_FILES + FIXTURE_GOLD]
    if not GOLD_FILES:
        params.append(pytest.param(
            None, marks=pytest.mark.skip(reason=f"gold corpus not found at {GOLD_DIR}")))
    return params


def _load(gold_path: Path) -> tuple[dict, str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    name = gold_path.name[: -len(".json")]
    for d in (*CORPUS_DIRS, FIXTURE_DIR):
        if (d / name).is_file():
            text = (d / name).read_text(encoding="utf-8")
            if looks_like_html(text):  # as parse_report does
                text = html_to_text(text)
            return gold, text
    pytest.skip(f"report text for {name} not found under {SHARED / 'corpus'} or {FIXTURE_DIR}")


@pytest.mark.parametrize("gold_path", _gold_params())
def test_gold_report(gold_path):
    gold, text = _load(gold_path)
    name = gold_path.name[: -len(".json")]
    cells = extract_narrative(text)
    emitted = {c.row_key: c for c in cells}
    assert len(emitted) == len(cells), "more than one cell per metric"
    assert set(emitted) <= SUPPORTED
    for metric, cell in emitted.items():
        assert metric not in gold["must_be_absent"], f"{metric} is in must_be_absent"
        assert metric not in FORBIDDEN.get(name, set()), f"{metric} must not be emitted"
        if metric in gold["metrics"]:
            value = to_yuan(cell.number, cell.unit) if metric in MONEY else cell.number
            assert value == gold["metrics"][metric], f"{metric}: {cell.row_label!r}"
        # A no-table report's gold lists every unambiguous text figure: nothing else may appear.
        if gold["schema_era"] == "no_table":
            assert metric in gold["metrics"], f"{metric} not in gold: {cell.row_label!r}"
    for metric, value in REQUIRED.get(name, {}).items():
        assert metric in emitted, f"{metric} not found"
        assert emitted[metric].number == value


@pytest.mark.parametrize("gold_path", _gold_params())
def test_gold_cells_point_into_the_text(gold_path):
    _, text = _load(gold_path)
    for i, cell in enumerate(extract_narrative(text)):
        assert (cell.table_key, cell.section_key, cell.col_key, cell.col_label) == ("TEXT", "", "total", "")
        assert (cell.row_index, cell.col_index, cell.extraction_method) == (i, 0, "narrative")
        assert cell.value_kind == ("zero" if cell.number == 0 else "number")
        assert 0 <= cell.char_offset < len(text)
        if cell.unit:  # a printed number: the offset points at it
            assert text.startswith(cell.raw_value, cell.char_offset)
        assert cell.row_label and "\n" not in cell.row_label


# ---------------------------------------------------------------- sentences: positives


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年共受理依申请公开60件，所有申请都得到办理。", {"apps_received": 60}),
        ("2024年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件），均在法定期限内答复。",
         {"apps_received": 3119, "apps_closed": 3050}),
        ("市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件）。",
         {"apps_received": 1295, "apps_closed": 1191}),
        ("全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。", {"apps_received": 34}),
        ("截至2024年12月31日，市科委通过部门网站当年发布政府信息 393 件。", {"proactive_items": 393}),
        ("据统计，全县各单位在县政府信息公开网上主动公开各类政府信息11164条，同比增加230%；"
         "中国苍南门户网站累计更新政务信息11709条。", {"proactive_items": 11164}),
        ("我区在政府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7 期。", {"proactive_items": 2428}),
        ("全年收取政府信息公开信息处理费 0 元。", {"foi_fee_yuan": 0}),
        ("全年收取政府信息公开信息处理费3940元。", {"foi_fee_yuan": 3940}),
        ("2024年度未收取政府信息公开信息处理费。无其他需要报告的事项。", {"foi_fee_yuan": 0}),
        ("2024 年，市科委未发生政府信息公开收费事项。", {"foi_fee_yuan": 0}),
        ("2025 年度本机关未收取信息公开处理费。", {"foi_fee_yuan": 0}),
        ("四、政府信息公开的收费及减免情况\n\n目前暂未收取任何费用。", {"foi_fee_yuan": 0}),
        ("四、政府信息公开的收费及减免情况 未收取费用。", {"foi_fee_yuan": 0}),
        ("收费情况。全区各级行政机关未向社会公众、企业收取与政府信息公开有关的费用。", {"foi_fee_yuan": 0}),
        ("2013年度无因政府信息公开工作不当引起的举报、投诉、行政复议和行政诉讼的情况。",
         {"complaints": 0, "review_total": 0, "lit_total": 0}),
        ("政府信息公开行政复议 351 件，其中结果维持 72 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件。",
         {"review_total": 351, "lit_total": 46}),
        ("2013年,我市共发生涉及信息公开的复议案件有98件、诉讼案件53件,未发生纠错、败诉现象。",
         {"review_total": 98, "lit_total": 53}),
        ("2024 年市科委有 1 件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为0 件。",
         {"review_total": 1, "lit_total": 0}),
    ],
)
def test_sentence_positive(text, expected):
    assert by_metric(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # request outcomes, as a breakdown of the year's requests
        ("2012年，我局共受理政府信息公开申请5件，办结5件。其中同意公开4件；1件因所申请信息不属于本局掌握范围，"
         "已告知申请人向有关部门申请。",
         {"apps_received": 5, "apps_closed": 5, "out_granted": 4, "out_unable_not_held": 1}),
        ("全年收到政府信息公开申请 34 件，所有申请均已按要求办理完成。所有办结的信息公开申请中同意公开答复 9 件，"
         "部分公开答复 0 件，不予公开答复 2 件。",
         {"apps_received": 34, "out_granted": 9, "out_partial": 0}),
        ("全年共受理政府信息公开申请20件，其中予以公开12件，部分公开3件，申请信息不存在的2件。",
         {"apps_received": 20, "out_granted": 12, "out_partial": 3, "out_unable_not_held": 2}),
        ("全年共受理政府信息公开申请20件，其中不属于本机关掌握范围的5件。",
         {"apps_received": 20, "out_unable_not_held": 5}),
        # disclosure meetings
        ("全年召开政府信息公开工作专题会议2次。", {"meetings": 2}),
        ("召开政府信息公开工作会议或专题会议数137次。", {"meetings": 137}),
        ("全年共召开全县政府信息公开工作会议3场。", {"meetings": 3}),
        # the pre-2019 cost-recovery fee named by its parts
        ("五、政府信息公开的收费及减免情况\n\n2010年，我局依申请提供政府信息，按规定收取检索费、复制费和邮寄费共计126元，"
         "减免费用0元。", {"foi_fee_yuan": 126}),
        ("依申请公开政府信息收取复制费、邮寄费等费用共计35元。", {"foi_fee_yuan": 35}),
    ],
)
def test_sentence_positive_outcomes_meetings_fees(text, expected):
    assert by_metric(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a combined figure gives neither part
        ("市政府共受理政府信息公开申请 1295 件，办结 1191 件，均在法定期限内答复。其中，予以公开及部分公开 208 件"
         "（17.46%），不予公开 20 件，因本机关不掌握等原因无法提供 564 件。",
         {"apps_received": 1295, "apps_closed": 1191}),
        ("全年共受理政府信息公开申请20件，其中同意公开和部分公开共15件。", {"apps_received": 20}),
        # refusals are not grants
        ("全年共受理政府信息公开申请20件，其中不予公开3件，不同意公开2件。", {"apps_received": 20}),
        # outcomes away from the request statement
        ("全年共受理政府信息公开申请20件。\n\n五、其他\n同意公开12件。", {"apps_received": 20}),
        ("全年共受理公开申请440件。截至2013年12月31日,均已依法办理答复,其中:“公开”类的有313件,"
         "“信息不存在”类的有102件。", {"apps_received": 440}),
        ("从答复信息内容分析,“同意公开”的158件,“同意部分公开”的98件。", {}),
        # a part-year or sub-unit request statement carries no outcomes
        ("今年1-11月，共受理政府信息公开申请8件，其中同意公开5件。", {}),
        ("区政府办代表区政府受理政府信息公开申请 17 件，其中同意公开10件。", {}),
        # not disclosure meetings
        ("县政府召开政务公开专题会议3次，对全县政务公开工作进行部署。", {}),
        ("2013年共召开新闻发布会8次、听证会13次。", {}),
        ("召开区政府常务会议研究政府信息公开工作2次。", {}),
        ("（一）召开政府信息公开工作会议或专题会议数 | 次 | 5", {}),
        # fees of other kinds
        ("教育收费项目包括学费、住宿费，全年收取复制费、邮寄费共计500元。", {}),
    ],
)
def test_sentence_trap_outcomes_meetings_fees(text, expected):
    assert by_metric(text) == expected


def test_hard_wrapped_sentence_with_page_footer():
    text = "2023 年，我区在政\n府网站平台主动公开政府信息\n-1-\n\n\f1136 条。\n（二）依申请公开情况。"
    (cell,) = extract_narrative(text)
    assert (cell.row_key, cell.raw_value, cell.number, cell.unit) == ("proactive_items", "1136", 1136, "条")
    assert text[cell.char_offset:cell.char_offset + 4] == "1136"
    assert cell.row_label == "我区在政府网站平台主动公开政府信息1136 条"


def test_wrap_between_number_and_unit_with_dash_footer():
    text = "政府信息公开行政复议 351\n— 2 —\n件，其中结果维持 72 件。"
    (cell,) = extract_narrative(text)
    assert (cell.row_key, cell.number, cell.raw_value) == ("review_total", 351, "351")
    assert text.startswith("351", cell.char_offset)


def test_full_width_digits():
    text = "全年收取政府信息公开信息处理费３９４０元。"
    (cell,) = extract_narrative(text)
    assert (cell.row_key, cell.raw_value, cell.number, cell.unit) == ("foi_fee_yuan", "３９４０", 3940, "元")
    assert text.startswith("３９４０", cell.char_offset)


def test_fee_in_wan_yuan_stays_in_printed_unit():
    (cell,) = extract_narrative("本年度收取信息处理费0.15万元。")
    assert (cell.raw_value, cell.number, cell.unit, cell.value_kind) == ("0.15", 0.15, "万元", "number")


def test_implied_zero_points_at_the_phrase():
    text = "六、其他需要报告的事项\n2024年度未收取政府信息公开信息处理费。"
    (cell,) = extract_narrative(text)
    assert (cell.raw_value, cell.number, cell.unit, cell.value_kind) == ("0", 0, "", "zero")
    assert text.startswith("未收取", cell.char_offset)


def test_printed_zero_is_kind_zero_with_unit():
    (cell,) = extract_narrative("全年收取政府信息公开信息处理费 0 元。")
    assert (cell.raw_value, cell.value_kind, cell.unit) == ("0", "zero", "元")


def test_first_statement_wins_and_disagreeing_second_is_dropped():
    cells = extract_narrative("全年共受理政府信息公开申请20件。\n\n三、依申请公开情况\n全年共受理政府信息公开申请25件。")
    assert [(c.row_key, c.number) for c in cells] == [("apps_received", 20)]


def test_running_row_index_in_text_order():
    cells = extract_narrative("全年共受理政府信息公开申请20件。主动公开政府信息300条。未收取信息处理费。")
    assert [(c.row_index, c.row_key) for c in cells] == [
        (0, "apps_received"), (1, "proactive_items"), (2, "foi_fee_yuan")]


def test_tables_span_is_not_read_and_offsets_stay_in_the_text():
    before = "一、总体情况\n主动公开政府信息300条。\n"
    table = "三、收到和处理政府信息公开申请情况\n全年共受理政府信息公开申请20件\n"
    after = "四、行政复议情况\n全年收取信息处理费 15 元。"
    text = before + table + after
    span = (len(before), len(before) + len(table))
    assert {c.row_key for c in extract_narrative(text)} == {"proactive_items", "apps_received", "foi_fee_yuan"}
    cells = extract_narrative(text, span)
    assert [(c.row_key, c.number) for c in cells] == [("proactive_items", 300), ("foi_fee_yuan", 15)]
    for cell in cells:
        assert text.startswith(cell.raw_value, cell.char_offset)
    assert text[cells[1].char_offset - len("信息处理费 "):cells[1].char_offset] == "信息处理费 "


# ---------------------------------------------------------------- sentences: traps


@pytest.mark.parametrize(
    "text",
    [
        # part of the year
        "截至11月，我市线上线下依申请公开平台共受理依申请公开8件次，按时答复率为100%。",
        "今年1-11月，共受理政府信息公开申请8件。",
        "截至2024年11月30日，共受理政府信息公开申请8件。",
        "截至目前，共受理政府信息公开申请8件。",
        # approximations, and an approximate total that blocks later parts
        "市政府网站主动公开各类政府信息 5500 余条。",
        "全市累计发布政策解读短视频近 300 个，主动公开政府信息近300条。",
        "主动公开政府信息4.4万多条，其中：依托门户网站公开政府信息28720条。"
        "市场监管等23个重点领域主动公开政府信息9434条。",
        # not 政府信息 / not proactive disclosure / a breakdown / a stock
        "中国苍南门户网站累计更新政务信息11709条。",
        "截至11月30日，共修改市政府网站错别字15250余处，涉敏信息链接437余条，发布信息等38441条。",
        "主动公开政府信息共分为三类，其中通过网站主动公开政府信息800条。",
        "历年累计主动公开政府信息50000条。",
        # a sub-office's figure
        "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。",
        "其中:区政府本级受理政府信息公开申请77件。",
        # general administrative review and litigation caseloads
        "截至2017年11月底，我市共受理行政复议案件21件，办结18件，其中，维持14件，撤销1件。",
        "全年共受理行政复议案件21件，办结18件，行政诉讼案件9件。",
        "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",
        # other figures that are not FOI figures
        "通过统一咨询投诉举报平台及12345热线电话，受理咨询投诉举报24810件，办结率达100%。",
        "网上问政平台今年1-11月，共收到群众来信680封，已回复665封。",
        "组织召开了新闻发布会 12 场，全年组织开展政府信息公开不定期检查5次。",
        "将65项重点公开信息事项细化分解给22个相关责任单位。",
        "共梳理行政职权事项3199项，本次共清理规范性文件221件，拟废止6件。",
        "投资约1.9亿元建设了政务服务中心新大楼。",
        # administrative fees are not the FOI fee
        "第二十条第（八）项\n信息内容 | 本年收费金额（单位：万元）\n行政事业性收费 | 7545",
        "四、收费及减免公开情况\n\n推动行政事业性收费公开透明，大力推进重特大项目收费减免工作。",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 |",
        # table rows, not prose
        "一、本年新收政府信息公开申请数量 | 125 | 2 | 0 | 0 | 0 | 7 | 134 |",
        "一、本年新收政府信息公开申请数量\n\n125\n\n2\n\n0",
        # answered in part, not closed
        "按时答复政府信息公开申请 30 件。",
        "",
    ],
)
def test_sentence_trap(text):
    assert extract_narrative(text) == []


def test_partial_year_skip_does_not_hide_a_later_full_year_figure():
    text = "截至11月，共受理政府信息公开申请8件。\n\n全年共受理政府信息公开申请10件。"
    assert by_metric(text) == {"apps_received": 10}


# ---------------------------------------------------------------- long texts


def test_long_repetitive_report_keeps_first_statements_only():
    paragraph = (
        "2024 年，我区在政府网站平台主动公开政府信息 1136 条。全区受理政府信息公开申请 21 件，\n"
        "均在法定期限答复。严格执行“分级审核、先审后发”程序，从严从实把好政治关、法律关、政策关、\n"
        "保密关、文字关，未经审核的信息一律不准发布。一、本年新收政府信息公开申请数量 | 125 | 2 | 0 |\n"
        "-3-\n\n"
    )
    text = paragraph * (20_000 // len(paragraph.encode()) + 1)
    assert len(text.encode()) >= 20_000
    cells = extract_narrative(text)
    assert [(c.row_key, c.number) for c in cells] == [("proactive_items", 1136), ("apps_received", 21)]
    assert all(c.char_offset < len(paragraph) for c in cells)


# ---------------------------------------------------------------- matching copy and rule search


@pytest.mark.parametrize("text,copy,offsets", [
    # footer lines between the lines of a sentence vanish with their breaks
    ("共受理申请\n-2-\n5件,\n-3-\n办结5件。", "共受理申请5件,办结5件。",
     [0, 1, 2, 3, 4, 10, 11, 12, 18, 19, 20, 21, 22, 23]),
    # one space between digits, &nbsp; dropped
    ("收取费用 12 \n 31 元&nbsp;\n&nbsp;整", "收取费用12 31元整", [0, 1, 2, 3, 5, 6, 7, 10, 11, 13, 27, 28]),
    # the break after a heading and a blank line end a paragraph
    ("一、概况\n全年主动公开政府信息\n\n(二)依申请公开\n受理申请3件", "一、概况\n全年主动公开政府信息\n(二)依申请公开\n受理申请3件",
     [*range(0, 16), *range(17, 33)]),
    # a footer only after a break (the first line is none), also after a form feed
    ("第 1 页 共 3 页\n正文\f— 2 —\n下页", "第1页共3页正文下页", [0, 2, 4, 6, 8, 10, 12, 13, 21, 22, 23]),
    ("  3.统计\n12 31\r\n\n结束", "3.统计\n12 31\n结束", [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17]),
])
def test_matching_copy(text, copy, offsets):
    got, index = _normalise(text)
    assert (got, index.tolist()) == (copy, offsets)


def _sample_texts() -> list[str]:
    paths = [p for p in FIXTURE_DIR.iterdir() if p.suffix not in (".json", ".md")]
    paths += [p for d in CORPUS_DIRS if d.is_dir() for p in sorted(d.glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for p in sorted(paths)]
    return [html_to_text(t) if looks_like_html(t) else t for t in texts]


def test_rule_search_by_sentence_finds_what_a_full_search_finds():
    """_scan searches only the sentences that hold a rule's anchors: the patterns must not cross a
    sentence end, and every match must hold an anchor."""
    searches = [(rule.pattern, rule.anchors) for rule in (*_RULES, *_OUT_RULES)]
    searches += [*_FEE_ZERO_SCANS, (_REMEDY_ZERO, _REMEDY_ZERO_ANCHORS)]
    for text in _sample_texts():
        norm = _normalise(text)[0]
        sentences = _Sentences(norm)
        for pattern, anchors in searches:
            expected = [m.span() for m in pattern.finditer(norm)]
            assert [m.span() for m in _scan(pattern, anchors, sentences)] == expected, pattern.pattern
