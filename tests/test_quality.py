"""Accounting checks that flag and never repair, comparability grades, trend marts and the trend
chart, on the ../shared corpus (seeds + real reports) and on a re-published report."""
from __future__ import annotations

import shutil
from itertools import groupby
from xml.sax.saxutils import escape

import dagster as dg
import pytest

from conftest import build_warehouse, query, shared_or_skip
from dagster_project.assets.charts import MAX_BODIES, QUERY

SEED_000 = "000_25543e463c8bce9d.txt"
SEED_003 = "003_7f404b4c2ca7fa08.txt"


def _check(db, source_file: str, check_name: str, subject: str = "total") -> tuple:
    rows = query(db, "select status, expected, actual, detail from marts.report_quality "
                     "where source_file = ? and check_name = ? and check_subject = ?",
                 [source_file, check_name, subject])
    assert len(rows) == 1, rows
    return rows[0]


def _fact(db, source_file: str, metric_code: str) -> tuple:
    return query(db, "select value, extraction_method from marts.fct_disclosure_stats "
                     "where source_file = ? and metric_code = ? and applicant_type = 'total'",
                 [source_file, metric_code])[0]


def test_seed_000_reply_rows_fail_and_keep_their_printed_values(corpus_warehouse):
    _, db, _ = corpus_warehouse
    status, expected, actual, detail = _check(db, SEED_000, "legacy_replies")
    assert (status, expected, actual) == ("fail", 567, 440)
    assert "不属于本行政机关公开或申请信息不存在 127" in detail
    assert _fact(db, SEED_000, "out_refused") == (127, "table")
    assert _fact(db, SEED_000, "out_unable_not_held") == (127, "table")
    assert _fact(db, SEED_000, "apps_closed") == (440, "table")


def test_hongze_2023_table4_totals_fail_and_stay_printed_zero(corpus_warehouse):
    _, db, _ = corpus_warehouse
    assert _check(db, "2023_hongzequ.txt", "table4_review")[:3] == ("fail", 11, 0)
    assert _check(db, "2023_hongzequ.txt", "table4_lit_after_review")[:3] == ("fail", 5, 0)
    assert _fact(db, "2023_hongzequ.txt", "review_total") == (0, "table")
    assert _fact(db, "2023_hongzequ.txt", "lit_after_review_total") == (0, "table")


def test_consistent_report_003_passes_its_table3_checks(corpus_warehouse):
    _, db, _ = corpus_warehouse
    rows = query(db, "select check_name, status, count(*) from marts.report_quality "
                     "where source_file = ? and check_name like 'table%' group by all", [SEED_003])
    statuses = {(name, status): n for name, status, n in rows}
    # seven columns each: six applicant types and the total
    assert statuses[("table3_balance", "pass")] == 7
    assert statuses[("table3_outcomes", "pass")] == 7
    assert statuses[("table3_total_column", "pass")] > 20
    assert not [key for key in statuses if key[1] == "fail"]


def test_failing_checks_warn_in_dagster_and_do_not_fail_the_run(corpus_warehouse):
    _, _, result = corpus_warehouse
    assert result.success
    failed = {e.check_name: e.severity for e in result.get_asset_check_evaluations() if not e.passed}
    assert failed == {"table_3_and_4_identities_hold": dg.AssetCheckSeverity.WARN,
                      "pre_2019_identities_hold": dg.AssetCheckSeverity.WARN}


def test_every_fact_row_carries_a_comparability_grade(corpus_warehouse):
    _, db, _ = corpus_warehouse
    grades = dict(query(db, "select schema_era || ' ' || metric_code || ' ' || extraction_method, "
                            "any_value(comparability_grade) from marts.fct_disclosure_stats "
                            "where applicant_type = 'total' group by 1"))
    assert grades["standard_2021 apps_received table"] == "exact"
    assert grades["legacy_local apps_received table"] == "approximate"
    assert grades["legacy_national proactive_items table"] == "not_comparable"
    assert grades["no_table apps_received narrative"] == "approximate"
    assert grades["standard_2021 foi_fee_yuan narrative"] == "approximate"


def test_trend_rows_say_whether_they_compare_with_the_previous_year(corpus_warehouse):
    _, db, _ = corpus_warehouse
    hongze = query(db, "select report_year, apps_received, is_comparable_with_previous, comparability_note "
                       "from marts.requests_by_year where series_id = '淮安市洪泽区人民政府 | consolidated_region' "
                       "order by report_year")
    assert hongze == [(2023, 21, False, "first point of the series"),
                      (2024, 95, True, "same definition (2019+ tables)")]
    # all bodies: exact figures only, per scope, and consolidated regions per level (淮安's city-wide
    # figures already hold 洪泽's): 2025 has other bodies than 2024, so no join
    totals = query(db, "select series_id, report_year, n_reports, apps_received, is_comparable_with_previous "
                       "from marts.requests_by_year where series_level = 'all_bodies' order by series_id, report_year")
    assert totals == [
        ("all bodies | consolidated_region | county", 2023, 1, 21, False),
        ("all bodies | consolidated_region | county", 2024, 1, 95, True),
        ("all bodies | consolidated_region | prefectural", 2024, 1, 3119, False),
        ("all bodies | single_body", 2024, 2, 134 + 34, False),
        ("all bodies | single_body", 2025, 1, 1295, False),
    ]
    ruian_2013 = query(db, "select comparability_grade from marts.request_outcomes_by_year "
                           "where series_id = '瑞安市人民政府 | consolidated_region' and report_year = 2013")
    assert ruian_2013 == [("approximate",)]


def test_rates_are_null_on_zero_denominators(corpus_warehouse):
    _, db, _ = corpus_warehouse
    # 洪泽 2023 prints review total 0 (over non-zero parts): no decided case, no rate
    assert query(db, "select review_total, review_correction_rate, lit_total, lit_correction_rate "
                     "from marts.appeals_and_lawsuits_by_year where source_file = '2023_hongzequ.txt'") \
        == [(0, None, 0, None)]
    assert query(db, "select count(*) from marts.request_outcomes_by_year "
                     "where coalesce(apps_closed, 0) = 0 and share_granted is not null") == [(0,)]


def test_trend_chart_is_written_and_shown_as_metadata(corpus_warehouse):
    _, db, result = corpus_warehouse
    svg = (db.parent / "charts" / "request_trends.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "淮安市洪泽区人民政府" in svg
    [event] = [e for e in result.get_asset_materialization_events()
               if e.asset_key == dg.AssetKey(["charts", "request_trends"])]
    metadata = event.materialization.metadata
    assert "data:image/svg+xml;base64," in metadata["chart"].value
    assert metadata["path"].value.endswith("request_trends.svg")
    series = _body_series_ranked(db)
    assert metadata["bodies"].value == len(series) > 1
    shown = [f">{escape(rows[0][1])}</text>" for rows in series[:MAX_BODIES]]
    assert sorted(shown, key=svg.index) == shown


def _body_series_ranked(db) -> list[list[tuple]]:
    """The body series of requests_by_year, most years first, then most requests (the chart's order)."""
    points = query(db, "select series_id, body_name, apps_received from marts.requests_by_year "
                       "where series_level = 'body' order by series_id")
    series = [list(rows) for _, rows in groupby(points, key=lambda row: row[0])]
    return sorted(series, key=lambda rows: (-len(rows), -max(float(row[2] or 0) for row in rows), rows[0][0]))


def test_trend_chart_reads_only_the_series_it_shows(corpus_warehouse):
    _, db, _ = corpus_warehouse
    rows = query(db, QUERY, [3])
    assert [series_id for series_id, _ in groupby(row[0] for row in rows)] \
        == [series[0][0] for series in _body_series_ranked(db)[:3]]


# A 2015 report of the same body under its former name (洪泽县 became 洪泽区 in 2016), text only.
HONGZE_2015 = (
    "洪泽县人民政府2015年政府信息公开工作年度报告\n"
    "本报告由洪泽县人民政府办公室编制。统计期限自2015年1月1日起至2015年12月31日止。\n"
    "2015年，全县共受理政府信息公开申请12件，均已按时答复。\n"
)


@pytest.fixture(scope="module")
def republished_warehouse(tmp_path_factory):
    """洪泽 2024 three times: as published, as an identical copy, and re-published with an edit;
    and 洪泽县 2015, the same body before its rename."""
    original = shared_or_skip("corpus", "real", "2024_hongzequ.txt")
    raw = tmp_path_factory.mktemp("republished") / "raw"
    raw.mkdir()
    shutil.copy2(original, raw / "2024_hongzequ.txt")
    shutil.copy2(original, raw / "2024_hongzequ_copy.txt")
    text = original.read_text(encoding="utf-8")
    (raw / "2024_hongzequ_revised.txt").write_text(text + "\n（本报告重新发布，个别文字有修改。）\n", encoding="utf-8")
    (raw / "2015_hongzexian.txt").write_text(HONGZE_2015, encoding="utf-8")
    db = raw.parent / "warehouse.duckdb"
    assert build_warehouse(raw, db).success
    return db


def test_a_republished_report_counts_once_and_the_choice_is_recorded(republished_warehouse):
    db = republished_warehouse
    reports = query(db, "select source_file, status, is_counted, superseded_by, duplicate_of "
                        "from marts.dim_reports where report_year = 2024 order by source_file")
    assert reports == [
        ("2024_hongzequ.txt", "parsed", True, None, None),
        ("2024_hongzequ_copy.txt", "quarantined", False, None, "2024_hongzequ.txt"),
        ("2024_hongzequ_revised.txt", "parsed", False, "2024_hongzequ.txt", None),
    ]
    # the superseded version keeps its printed figures, flagged as not counted
    assert query(db, "select source_file, is_counted from marts.fct_disclosure_stats "
                     "where metric_code = 'apps_received' and applicant_type = 'total' and report_year = 2024 "
                     "order by 1") \
        == [("2024_hongzequ.txt", True), ("2024_hongzequ_revised.txt", False)]
    assert query(db, "select series_level, apps_received, n_reports from marts.requests_by_year "
                     "where report_year = 2024 order by series_level") == [("all_bodies", 95, 1), ("body", 95, 1)]


def test_a_body_is_one_series_under_its_former_name(republished_warehouse):
    db = republished_warehouse
    assert query(db, "select body_id, body_name, name_variants, region_code, county_name, admin_level, "
                     "first_report_year, last_report_year, n_reports from marts.dim_bodies") == [
        ("320813:人民政府", "淮安市洪泽区人民政府", "洪泽县人民政府; 淮安市洪泽区人民政府", "320813", "洪泽区", "county",
         2015, 2024, 2),
    ]
    assert query(db, "select distinct body_id from marts.fct_disclosure_stats") == [("320813:人民政府",)]
    # both years in one series, under the current name; text figure against table: not comparable
    assert query(db, "select series_id, report_year, apps_received, is_comparable_with_previous "
                     "from marts.requests_by_year where series_level = 'body' order by report_year") == [
        ("淮安市洪泽区人民政府 | consolidated_region", 2015, 12, False),
        ("淮安市洪泽区人民政府 | consolidated_region", 2024, 95, False),
    ]


def test_coverage_shows_the_gap_years_and_the_quarantined_copy(republished_warehouse):
    db = republished_warehouse
    rows = query(db, "select report_year, coverage_status, n_files, n_parsed, n_quarantined, source_file "
                     "from marts.report_coverage_by_year order by report_year")
    assert [r[0] for r in rows] == list(range(2015, 2025))
    assert rows[0] == (2015, "narrative_only", 1, 1, 0, "2015_hongzexian.txt")
    assert {r[1] for r in rows[1:-1]} == {"no_report"}
    assert rows[-1] == (2024, "statistics_table", 3, 2, 1, "2024_hongzequ.txt")
