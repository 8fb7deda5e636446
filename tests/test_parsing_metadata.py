"""extract_meta: the 10 gold reports (body, year, who the body is, scope, dates) plus short
hand-written texts for each rule."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dagster_project.parsing import metadata
from dagster_project.parsing.metadata import cn_numeral_to_int, extract_meta, load_abbreviations
from dagster_project.parsing.model import ReportMeta
from dagster_project.parsing.regions import _table, load_renames

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = CORPUS / "gold"
CSV_PATH = Path(__file__).resolve().parents[1] / "dagster_project" / "parsing" / "data" / "body_abbreviations.csv"

GOLD_FILES = [
    "000_25543e463c8bce9d.txt",
    "001_8153ceaf9edd8f05.txt",
    "002_89dbaf428c88ecd3.txt",
    "003_7f404b4c2ca7fa08.txt",
    "004_210389a21b6a26dd.txt",
    "2023_hongzequ.txt",
    "2024_hongzequ.txt",
    "2024_huaianshi.txt",
    "2024_shanghai_kewei.txt",
    "2025_shanghai_szfbgt.txt",
]
# Consolidated region reports per the gold notes ("综合各功能区…", "全县", "61家…责任单位"), and the
# Jiangsu government reports whose figures are the region's: 淮安 "全市共受理政府信息公开申请3119件"
# (MANIFEST: city-wide figures); 洪泽 2023 "全区受理政府信息公开申请21件" (= its table 3); 洪泽 2024
# "全区政府信息公开工作虽取得一定成绩" (its table counts 95 requests where "区政府办代表区政府受理…17件":
# the table is the district's, not the government's own), so both 洪泽 years are one series.
CONSOLIDATED = {"000_25543e463c8bce9d.txt", "001_8153ceaf9edd8f05.txt", "002_89dbaf428c88ecd3.txt",
                "2023_hongzequ.txt", "2024_hongzequ.txt", "2024_huaianshi.txt"}
# (body_type, admin_level, region_code, province, prefecture, county, body_id) per gold report.
EXPECTED_WHO = {
    "000_25543e463c8bce9d.txt": ("government", "county", "330381", "浙江省", "温州市", "瑞安市", "330381:人民政府"),
    "001_8153ceaf9edd8f05.txt": ("government", "county", "330327", "浙江省", "温州市", "苍南县", "330327:人民政府"),
    "002_89dbaf428c88ecd3.txt": ("government", "county", "330304", "浙江省", "温州市", "瓯海区", "330304:人民政府"),
    "003_7f404b4c2ca7fa08.txt": ("government_office", "county", "330381", "浙江省", "温州市", "瑞安市",
                                 "330381:人民政府办公室"),
    "004_210389a21b6a26dd.txt": ("government", "county", "431081", "湖南省", "郴州市", "资兴市", "431081:人民政府"),
    "2023_hongzequ.txt": ("government", "county", "320813", "江苏省", "淮安市", "洪泽区", "320813:人民政府"),
    "2024_hongzequ.txt": ("government", "county", "320813", "江苏省", "淮安市", "洪泽区", "320813:人民政府"),
    "2024_huaianshi.txt": ("government", "prefectural", "320800", "江苏省", "淮安市", None, "320800:人民政府"),
    "2024_shanghai_kewei.txt": ("department", "provincial", "310000", "上海市", None, None, "310000:科学技术委员会"),
    "2025_shanghai_szfbgt.txt": ("government_office", "provincial", "310000", "上海市", None, None,
                                 "310000:人民政府办公厅"),
}
# Dates read off the texts (periods as printed; 002: "Signed 2019-01-03; site date 2020-09-23").
EXPECTED_DATES = {
    "000_25543e463c8bce9d.txt": ("2013-01-01", "2013-12-31", "2014-03-28"),  # web 发布日期 only
    "001_8153ceaf9edd8f05.txt": ("2013-01-01", "2013-12-31", "2014-03-03"),  # 二〇一四年三月三日
    "002_89dbaf428c88ecd3.txt": ("2018-01-01", "2018-12-31", "2019-01-03"),  # signature beats web date
    "003_7f404b4c2ca7fa08.txt": ("2024-01-01", "2024-12-31", None),
    "004_210389a21b6a26dd.txt": (None, None, "2018-02-14"),  # 发布时间 only, no period
    "2023_hongzequ.txt": ("2023-01-01", "2023-12-31", None),  # period wrapped over two lines
    "2024_shanghai_kewei.txt": ("2024-01-01", "2024-12-31", None),  # 统计周期为…至12月31日
    "2025_shanghai_szfbgt.txt": ("2025-01-01", "2025-12-31", None),  # "2025\n年 1 月 1 日"
}


def _need_shared() -> None:
    if not GOLD.is_dir():
        pytest.skip(f"reference corpus not found at {SHARED} (read-only shared data is absent here)")


def _report_text(name: str) -> str:
    for sub in ("seeds", "real"):
        p = CORPUS / sub / name
        if p.exists():
            return p.read_text(encoding="utf-8")
    pytest.fail(f"{name} listed in gold but missing from {CORPUS}/seeds and /real")


# ---------------------------------------------------------------- gold corpus


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gold_body_and_year(name):
    _need_shared()
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    meta = extract_meta(_report_text(name))
    assert (meta.body_name, meta.report_year) == (gold["body"], gold["report_year"])


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gold_scope(name):
    _need_shared()
    expected = "consolidated_region" if name in CONSOLIDATED else "single_body"
    assert extract_meta(_report_text(name)).scope == expected


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gold_who_published(name):
    _need_shared()
    m = extract_meta(_report_text(name))
    who = (m.body_type, m.admin_level, m.region_code, m.province_name, m.prefecture_name, m.county_name, m.body_id)
    assert who == EXPECTED_WHO[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_DATES))
def test_corpus_dates(name):
    _need_shared()
    meta = extract_meta(_report_text(name))
    assert (meta.period_start, meta.period_end, meta.publish_date) == EXPECTED_DATES[name]


# ---------------------------------------------------------------- body_name


@pytest.mark.parametrize(
    "text, body",
    [
        # plain title, county bureau (an unseen kind of body)
        ("某某县财政局2022年政府信息公开工作年度报告\n本年度报告中所列数据统计期限为2022年1月1日至12月31日。"
         "\n2022年，本局认真贯彻落实《条例》。", "某某县财政局"),
        # breadcrumbs and page chrome before the title, title as the last crumb
        ("您现在的位置：首页 > 信息公开 > 年度报告 > 某某县财政局2022年政府信息公开工作年度报告\n"
         "发布日期：2023-01-28\n正文", "某某县财政局"),
        ("您现在的位置:首页\n > 信息公开年报 > 县(市、区)政府 > 2018\n某某县人民政府2018年政府信息公开工作年度报告\n"
         "发布日期: 2019- 01- 23 10: 53 浏览次数: 来源: 某某县 字体:[ ]", "某某县人民政府"),
        # year first, spaced "2024 年", hard-wrapped over two lines, leading 正文
        ("正文\n2024 年某某市生态环境局政府信息公开\n工作年度报告\n根据《条例》编制。", "某某市生态环境局"),
        # body printed on its own line above the title
        ("某某区人民政府\n2023 年政府信息公开工作年度报告\n本报告由某某区人民政府办公室编制。", "某某区人民政府"),
        # byline after the title on the same line (web text)
        ("2013年政府信息公开工作报告 某某县人民政府\n本年度报告是根据条例要求编制。", "某某县人民政府"),
        # "…政府信息公开工作YYYY年度报告"
        ("某某区教育局政府信息公开工作2019年度报告\n根据条例编制。", "某某区教育局"),
        # markdown heading
        ("# 某某市审计局2021年政府信息公开工作年度报告\n\n正文", "某某市审计局"),
        # a street office (街道办事处) with the district on the title line
        ("某某市某某区某某街道办事处\n2023 年政府信息公开工作年度报告\n统计期限自2023年1月1日起至2023年12月31日止。",
         "某某市某某区某某街道办事处"),
    ],
)
def test_body_from_title(text, body):
    assert extract_meta(text).body_name == body


@pytest.mark.parametrize(
    "text, body",
    [
        # bare region in the title: the report is the government's
        ("某某市2017年度政府信息公开工作报告\n发布时间:2018-02-14 11:17", "某某市人民政府"),
        ("某某镇2022年政府信息公开工作年度报告\n正文", "某某镇人民政府"),
        ("某某街道2022年政府信息公开工作年度报告\n正文", "某某街道办事处"),
        # "XX县政府" / "XX市政府办公室" short forms
        ("某某县政府2013年政府信息公开工作报告\n正文", "某某县人民政府"),
        ("某某市政府办公室2020年政府信息公开工作年度报告\n正文", "某某市人民政府办公室"),
        # department abbreviations from data/body_abbreviations.csv, region from the title
        ("上海市科委2024年政府信息公开工作年度报告\n正文", "上海市科学技术委员会"),
        ("北京市发改委2023年政府信息公开工作年度报告\n正文", "北京市发展和改革委员会"),
        ("某某县人社局2023年政府信息公开工作年度报告\n正文", "某某县人力资源和社会保障局"),
        ("某某市市场监管局2023年政府信息公开工作年度报告\n正文", "某某市市场监督管理局"),
        # "市科委" with the city only elsewhere in the text
        ("市科委2024年政府信息公开工作年度报告\n上海市科委认真落实《上海市政府信息公开规定》。上海市科委网站。",
         "上海市科学技术委员会"),
        # a development zone keeps its printed name (its 管委会 name is not guessable)
        ("某某经济开发区2022年政府信息公开工作年度报告\n正文", "某某经济开发区"),
    ],
)
def test_body_normalised(text, body):
    assert extract_meta(text).body_name == body


def test_short_title_name_takes_parent_city_printed_in_text():
    text = (
        "某某区人民政府\n2023 年政府信息公开工作年度报告\n"
        "本报告由某某市某某区人民政府办公室根据《条例》编制。如对本报告有疑问，请与某某市某\n"
        "某区人民政府办公室联系（地址：某某市某某区人民路 1 号）。\n"
    )
    assert extract_meta(text).body_name == "某某市某某区人民政府"


def test_street_short_title_takes_district_printed_in_text():
    text = (
        "某某街道2023年政府信息公开工作年度报告\n本报告由长江区某某街道办事处编制。"
        "如有疑问请与长江区某某街道办事处联系（地址：长江区长江路1号）。"
    )
    assert extract_meta(text).body_name == "长江区某某街道办事处"


def test_city_name_not_prefixed_with_province():
    text = "某某市人民政府\n2024 年政府信息公开工作年度报告\n江苏省某某市人民政府。江苏省某某市人民政府办公室。"
    assert extract_meta(text).body_name == "某某市人民政府"


def test_no_title_self_reference_to_office():
    text = (
        "本报告依据《条例》要求，结合2024年度本办公室政府信息公开工作推进落实情况撰稿成文。"
        "本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
        "如对本报告有任何疑问，请与某某市人民政府办公室政务公开科联系。\n一、总体情况\n"
        "2024年，某某市人民政府办公室坚持以人民为中心。本办法不适用。\n"
    )
    meta = extract_meta(text)
    assert meta.body_name == "某某市人民政府办公室"
    assert meta.report_year == 2024


def test_no_title_self_reference_to_bureau():
    text = (
        "根据《条例》要求，结合本局工作实际编制本报告。统计时限为2021年1月1日至2021年12月31日。"
        "请与某某市某某区市场监督管理局办公室联系。2021年，某某市某某区市场监督管理局扎实推进。"
    )
    assert extract_meta(text).body_name == "某某市某某区市场监督管理局"


def test_no_title_body_line_under_breadcrumbs():
    text = "您现在的位置:首页\n > 信息公开年报 > 2013\n某某市人民政府\n发布日期: 2014- 03- 28 08: 19\n\n  本年报根据条例编制。"
    assert extract_meta(text).body_name == "某某市人民政府"


def test_no_title_compiler_then_issuer_field():
    assert extract_meta("本报告由某某县交通运输局根据《条例》编制。").body_name == "某某县交通运输局"
    assert extract_meta("发布机构：某某县交通运输局\n正文无名称。").body_name == "某某县交通运输局"


def test_nothing_to_find():
    assert extract_meta("") == ReportMeta(scope="single_body")
    assert extract_meta("一、总体情况\n今年工作扎实推进。").body_name is None


# ---------------------------------------------------------------- report_year and period


@pytest.mark.parametrize(
    "sentence, start, end",
    [
        ("本年报中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", "2024-01-01", "2024-12-31"),
        ("本年度报告中所列数据统计期限为 2025\n年 1 月 1 日至 12 月 31 日。", "2025-01-01", "2025-12-31"),
        ("报告中所列数据的统计期限从2018年1月1日至12月31日止。", "2018-01-01", "2018-12-31"),
        ("本报告统计时限为2021年1月1日—2021年12月31日。", "2021-01-01", "2021-12-31"),
        ("数据统计期为2020年1月1日到2020年12月31日。", "2020-01-01", "2020-12-31"),
        ("统计周期为 2024 年 1 月 1 日至 12 月 31 日。", "2024-01-01", "2024-12-31"),
        ("统计期限为二〇一三年一月一日至十二月三十一日。", "2013-01-01", "2013-12-31"),
        # 2008: the regulation took effect on 1 May, so the first period is partial
        ("本报告统计期限为2008年5月1日至2008年12月31日。", "2008-05-01", "2008-12-31"),
        # PDF page footer between the wrapped halves
        ("统计期限自 2023 年 1 月 1 日\n-1-\n\n起至 2023 年 12 月 31 日止。", "2023-01-01", "2023-12-31"),
        ("统计期限自 2023 年 1 月 1 日\n— 2 —\n起至 2023 年 12 月 31 日止。", "2023-01-01", "2023-12-31"),
    ],
)
def test_period_variants(sentence, start, end):
    meta = extract_meta("某某县人民政府2099年政府信息公开工作年度报告\n" + sentence)
    assert (meta.period_start, meta.period_end) == (start, end)
    assert meta.report_year == int(end[:4])  # the period wins over the (here wrong) title year


def test_year_from_title_when_no_period_and_never_publication_year():
    meta = extract_meta("某某县民政局2022年政府信息公开工作年度报告\n发布日期：2023-01-20\n正文")
    assert meta.report_year == 2022
    assert (meta.period_start, meta.period_end) == (None, None)
    assert meta.publish_date == "2023-01-20"


def test_year_from_bracketed_year_line():
    meta = extract_meta("某某县人民政府政府信息公开工作年度报告\n（2012年度）\n发布日期：2013-03-01\n正文")
    assert (meta.body_name, meta.report_year) == ("某某县人民政府", 2012)


def test_year_only_period():
    assert extract_meta("正文\n本报告统计期限为2016年度。\n发布日期：2017-03-30").report_year == 2016


# ---------------------------------------------------------------- publish_date


def test_chinese_numeral_signature_beats_web_date():
    text = (
        "某某县人民政府2013年政府信息公开工作报告 | |||\n发布日期：2014-03-10\n"
        "本年报所列数据统计期限自2013年1月1日起至2013年12月31日止。 七、其他 无。 "
        "八、统计表 见附表 二〇一四年三月三日 附表 2013年政府信息公开情况统计表"
    )
    assert extract_meta(text).publish_date == "2014-03-03"


def test_signature_line_after_body_name():
    text = (
        "某某区人民政府2018年政府信息公开工作年度报告\n发布日期: 2020- 09- 23 10: 53\n"
        "统计期限从2018年1月1日至12月31日止。\n\n某某区人民政府\n\n2019年1月3日\xa0 \xa0\n\n附表\n"
    )
    assert extract_meta(text).publish_date == "2019-01-03"
    one_line = text.replace("某某区人民政府\n\n2019", "某某区人民政府  2019")
    assert extract_meta(one_line).publish_date == "2019-01-03"


def test_date_line_under_title():
    assert extract_meta("某某县审计局2020年政府信息公开工作年度报告\n（2021年1月15日）\n正文").publish_date == "2021-01-15"


def test_wrapped_period_date_is_not_a_signature():
    text = (
        "某某县人民政府\n2023 年政府信息公开工作年度报告\n报告中所列数据的统计期限自\n"
        "2023 年 1 月 1 日\n起至 2023 年 12 月 31 日止。\n截至 2023 年 12 月 31 日\n发布时间：2024-01-20 10:00\n"
    )
    assert extract_meta(text).publish_date == "2024-01-20"


def test_document_date_before_the_statistics_year_is_ignored():
    text = "某某县人民政府2023年政府信息公开工作年度报告\n统计期限为2023年1月1日至12月31日。\n2019年5月1日\n发布日期：2024-01-31"
    assert extract_meta(text).publish_date == "2024-01-31"


def test_web_date_label_ranking():
    text = "发布日期：2024-02-01\n成文日期：2024-01-25\n某某县人民政府2023年政府信息公开工作年度报告"
    assert extract_meta(text).publish_date == "2024-01-25"


# ---------------------------------------------------------------- scope


@pytest.mark.parametrize(
    "sentence",
    [
        "本年报根据《条例》，综合各功能区、各镇(街道)和市各有关部门单位的政府信息公开年度报告编制而成。",
        "由某某区政务公开领导小组办公室综合全区61家政务公开责任单位政府信息年度报告编制而成。",
        "本报告由县政府办公室汇总全县各乡镇和县直各部门的年度报告编制。",
        "2013年，全县各单位在县政府信息公开网上主动公开各类政府信息11164条。",
        "2018年，全区各级行政机关依据《条例》推进政务公开。",
    ],
)
def test_consolidated(sentence):
    assert extract_meta("某某县2013年政府信息公开工作报告\n" + sentence).scope == "consolidated_region"


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告由某某市某某区人民政府办公室根据《条例》要求编制。2023年全区受理政府信息公开申请21件。",
        "2024年，全市共受理政府信息公开申请3119件。系统性排查全市各地各部门政务服务网办事指南。",
        "全市61个部门单位于2017年11月进驻中心。",  # not disclosure units
        "如有疑问请与市政府办公室联系（地址：市政大院综合楼231室，电话：0577-65812207）。",
    ],
)
def test_single_body(sentence):
    assert extract_meta("某某县财政局2023年政府信息公开工作年度报告\n" + sentence).scope == "single_body"


# ---------------------------------------------------------------- helpers and data file


@pytest.mark.parametrize(
    "s, n",
    [("2014", 2014), ("二〇一四", 2014), ("二○二四", 2024), ("二零一九", 2019), ("三", 3), ("十", 10),
     ("十二", 12), ("二十", 20), ("三十一", 31), ("", None), ("廿", None)],
)
def test_cn_numeral_to_int(s, n):
    assert cn_numeral_to_int(s) == n


def test_abbreviation_csv():
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == ["short", "full", "note"]
    shorts = [r["short"] for r in rows]
    assert len(shorts) == len(set(shorts))
    assert {"科委", "发改委", "经信委", "教委", "卫健委", "住建委", "交通委", "民宗委", "国资委", "商务委",
            "市场监管局", "人社局"} <= set(shorts)
    pairs = load_abbreviations(CSV_PATH)
    assert [len(s) for s, _ in pairs] == sorted((len(s) for s, _ in pairs), reverse=True)
    assert dict(pairs)["科委"] == "科学技术委员会"


def test_dated_heading_inside_the_period_is_not_the_document_date():
    text = (
        "某某县人民政府2023年政府信息公开工作年度报告\n发布日期：2024-01-30\n"
        "统计期限为2023年1月1日至12月31日。\n（一）重要活动\n2023年5月10日\n召开政务公开推进会。\n"
    )
    assert extract_meta(text).publish_date == "2024-01-30"


def test_report_printed_twice_on_one_page():
    once = (
        "某某区人民政府\n2023 年政府信息公开工作年度报告\n"
        "本报告由某某市某某区人民政府办公室根据《条例》编制。统计期限自2023年1月1日起至2023年12月31日止。"
        "如有疑问，请与某某市某某区人民政府办公室联系（地址：某某市某某区人民路 1 号）。\n"
    )
    meta = extract_meta(once + once)
    assert (meta.body_name, meta.report_year) == ("某某市某某区人民政府", 2023)


def test_fullwidth_digits_and_crlf():
    text = "某某县统计局２０２２年政府信息公开工作年度报告\r\n统计期限为２０２２年１月１日至１２月３１日。\r\n"
    meta = extract_meta(text)
    assert (meta.body_name, meta.report_year, meta.period_end) == ("某某县统计局", 2022, "2022-12-31")


# ---------------------------------------------------------------- who: type, level, region


def _who(text: str) -> tuple:
    m = extract_meta(text)
    return m.body_name, m.body_type, m.admin_level, m.region_code, m.county_name, m.body_id


@pytest.mark.parametrize(
    "text, who",
    [
        # a street office: township level, its district's code
        ("南京市玄武区玄武门街道办事处2023年政府信息公开工作年度报告\n统计期限为2023年1月1日至12月31日。",
         ("南京市玄武区玄武门街道办事处", "township", "township", "320102", "玄武区", "320102:玄武门街道办事处")),
        # a county bureau: a department takes its government's level
        ("沭阳县财政局2022年政府信息公开工作年度报告\n2022年，本局认真贯彻落实《条例》。",
         ("沭阳县财政局", "department", "county", "321322", "沭阳县", "321322:财政局")),
        # the bureau's title lacks the county: the contact lines name it, and the name is completed
        ("县财政局2022年政府信息公开工作年度报告\n2022年，本局认真贯彻落实《条例》。如有疑问请与沭阳县财政局"
         "办公室联系（地址：沭阳县人民中路1号）。",
         ("沭阳县财政局", "department", "county", "321322", "沭阳县", "321322:财政局")),
        # a renamed division: 洪泽县 (320829) is 洪泽区 (320813) since 2016, one body across the rename
        ("洪泽县人民政府2015年政府信息公开工作年度报告\n统计期限为2015年1月1日至12月31日。",
         ("洪泽县人民政府", "government", "county", "320813", "洪泽区", "320813:人民政府")),
        ("淮安市洪泽县人民政府办公室2014年政府信息公开工作年度报告\n正文",
         ("淮安市洪泽县人民政府办公室", "government_office", "county", "320813", "洪泽区", "320813:人民政府办公室")),
        # a shared district name: the parent the text prints decides
        ("朝阳区人民政府2023年政府信息公开工作年度报告\n如有疑问请与区政府办公室联系（地址：北京市朝阳区日坛北路33号）。",
         ("朝阳区人民政府", "government", "county", "110105", "朝阳区", "110105:人民政府")),
        ("朝阳区人民政府2023年政府信息公开工作年度报告\n如有疑问请与区政府办公室联系（地址：长春市朝阳区人民大街1号）。",
         ("朝阳区人民政府", "government", "county", "220104", "朝阳区", "220104:人民政府")),
        # no parent printed: the level is known, the region is not
        ("朝阳区人民政府2023年政府信息公开工作年度报告\n正文",
         ("朝阳区人民政府", "government", "county", None, None, "朝阳区人民政府")),
        # a municipality's district; a prefecture-level city; a county-level city the province runs
        ("上海市黄浦区人民政府2023年政府信息公开工作年度报告\n正文",
         ("上海市黄浦区人民政府", "government", "county", "310101", "黄浦区", "310101:人民政府")),
        ("东莞市人民政府2023年政府信息公开工作年度报告\n正文",
         ("东莞市人民政府", "government", "prefectural", "441900", None, "441900:人民政府")),
        ("仙桃市人民政府2023年政府信息公开工作年度报告\n正文",
         ("仙桃市人民政府", "government", "county", "429004", "仙桃市", "429004:人民政府")),
        # a municipal commission written short: provincial department of 上海市
        ("上海市科委2024年政府信息公开工作年度报告\n正文",
         ("上海市科学技术委员会", "department", "provincial", "310000", None, "310000:科学技术委员会")),
        # central bodies
        ("国务院办公厅2023年政府信息公开工作年度报告\n正文",
         ("国务院办公厅", "government_office", "national", None, None, "国务院办公厅")),
        ("教育部2023年政府信息公开工作年度报告\n正文", ("教育部", "department", "national", None, None, "教育部")),
        # a zone's 管委会 is no department; a city department whose name holds 城市
        ("杭州市高新区管委会2023年政府信息公开工作年度报告\n正文",
         ("杭州市高新区管委会", "other", "prefectural", "330100", None, "330100:高新区管委会")),
        ("杭州市城市管理局2023年政府信息公开工作年度报告\n正文",
         ("杭州市城市管理局", "department", "prefectural", "330100", None, "330100:城市管理局")),
        # a made-up region: no code, the suffix still gives the level
        ("某某县财政局2022年政府信息公开工作年度报告\n正文", ("某某县财政局", "department", "county", None, None, "某某县财政局")),
    ],
)
def test_who_published(text, who):
    assert _who(text) == who


def test_one_character_misread_of_a_region_is_corrected_from_the_text():
    text = ("沐阳县住房和城乡建设局2022年政府信息公开工作年度报告\n由沐阳县住房和城乡建设局编制。\n"
            "沭阳县住房和城乡建设局\n2023年1月18日\n")
    assert _who(text)[:4] == ("沭阳县住房和城乡建设局", "department", "county", "321322")
    # without the correct name printed anywhere, several divisions are one character away: no guess
    assert _who("沐阳县住房和城乡建设局2022年政府信息公开工作年度报告\n正文")[0] == "沐阳县住房和城乡建设局"


def test_township_without_its_county_in_the_name_takes_the_county_the_text_prints():
    text = "某某镇人民政府2022年政府信息公开工作年度报告\n本镇认真落实。地址：沭阳县某某镇人民路1号。"
    assert _who(text) == ("某某镇人民政府", "township", "township", "321322", "沭阳县", "321322:某某镇人民政府")


def test_market_regulation_bureau_is_not_a_city_prefix():
    text = "市场监管局2022年政府信息公开工作年度报告\n2022年，我市…地址：资兴市兴宁大道1号。资兴市。"
    assert _who(text)[:4] == ("市场监管局", "department", "county", "431081")


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年，全市共受理政府信息公开申请3119件，答复3050件。",
        "2023年全区受理政府信息公开申请21件，均在法定期限答复。",
        "2024年，全区政府信息公开工作虽取得一定成绩，但仍存在不足。",
    ],
)
def test_government_reporting_its_region_is_consolidated(sentence):
    assert extract_meta("某某区人民政府2023年政府信息公开工作年度报告\n" + sentence).scope == "consolidated_region"
    # the same words in a department's report quote the region as context
    assert extract_meta("某某区财政局2023年政府信息公开工作年度报告\n" + sentence).scope == "single_body"


def test_division_renames_csv():
    rows = load_renames()
    assert list(rows[0]) == ["old_name", "old_code", "new_name", "new_code", "year", "source"]
    table = _table()
    live = {d.name for d in table.by_code.values()}

    def parent(code: str) -> str:  # a municipality's districts and counties hang from the province
        prefecture = code[:4] + "00"
        return prefecture if prefecture != code and prefecture in table.by_code else code[:2] + "0000"

    for r in rows:
        assert table.by_code[r["new_code"]].name == r["new_name"], r  # the successor is a current division
        assert r["old_name"] not in live, r  # a former name must not shadow a current one
        # same parent, so "淮安市洪泽县" resolves as the parent printed before it allows
        assert r["old_code"] == r["new_code"] or parent(r["old_code"]) == parent(r["new_code"]), r
        assert len(r["old_code"]) == 6 and r["year"].isdigit() and r["source"], r
    assert {"old_name": "洪泽县", "old_code": "320829", "new_name": "洪泽区", "new_code": "320813"}.items() \
        <= next(r for r in rows if r["old_name"] == "洪泽县").items()


def test_municipality_is_one_division():
    # 上海市 is both the province row 310000 and the districts' pseudo-prefecture 310100 in the table
    assert _table().by_name["上海市"] == ("310000",)


_DATES = (
    "\n发布日期: 2014- 03- 28 08: 19\n成文日期：2014年3月1日\n日期:2024/1/2 时间 ：2024.1.3 日期:: 2024-01-02\n"
    "淮安市洪泽区人民政府\n2024 年 1 月 20 日\n截至 2023 年 12 月 31 日\n二〇二四年一月五日\n"
    "自二〇二三年一月一日起至二〇二三年十二月三十一日止\n  （二〇一四年三月三日）\n"
)


@pytest.mark.parametrize("found,pattern", [
    (metadata._date_lines, metadata._DATE_LINE_RE), (metadata._cn_dates, metadata._CN_DATE_RE),
    (metadata._web_dates, metadata._WEB_DATE_RE),
])
def test_date_searches_find_what_the_patterns_find(found, pattern):
    """The date helpers start re only where a date can be (a 日 ending a line, a numeral month, a
    colon after a label); they must find exactly what a full search finds."""
    spans = [m.span() for m in pattern.finditer(_DATES)]
    assert spans and [m.span() for m in found(_DATES)] == spans
