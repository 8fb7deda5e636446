"""Who published each report, one row per body, and the coverage grid, on the seeds + real corpus."""
from __future__ import annotations

from conftest import query

# source_file -> (body_id, body_type, admin_level, region_code, scope)
EXPECTED = {
    "000_25543e463c8bce9d.txt": ("330381:人民政府", "government", "county", "330381", "consolidated_region"),
    "001_8153ceaf9edd8f05.txt": ("330327:人民政府", "government", "county", "330327", "consolidated_region"),
    "002_89dbaf428c88ecd3.txt": ("330304:人民政府", "government", "county", "330304", "consolidated_region"),
    "003_7f404b4c2ca7fa08.txt": ("330381:人民政府办公室", "government_office", "county", "330381", "single_body"),
    "004_210389a21b6a26dd.txt": ("431081:人民政府", "government", "county", "431081", "single_body"),
    "2023_hongzequ.txt": ("320813:人民政府", "government", "county", "320813", "consolidated_region"),
    "2024_hongzequ.txt": ("320813:人民政府", "government", "county", "320813", "consolidated_region"),
    "2024_huaianshi.txt": ("320800:人民政府", "government", "prefectural", "320800", "consolidated_region"),
    "2024_shanghai_kewei.txt": ("310000:科学技术委员会", "department", "provincial", "310000", "single_body"),
    "2025_shanghai_szfbgt.txt": ("310000:人民政府办公厅", "government_office", "provincial", "310000", "single_body"),
}


def test_dim_reports_say_who_published(corpus_warehouse):
    _, db, _ = corpus_warehouse
    rows = query(db, "select source_file, body_id, body_type, admin_level, region_code, scope from marts.dim_reports")
    assert {r[0]: r[1:] for r in rows} == EXPECTED


def test_one_row_per_body_across_years(corpus_warehouse):
    _, db, _ = corpus_warehouse
    bodies = query(db, "select body_id, body_name, n_reports, first_report_year, last_report_year, "
                       "province_name, prefecture_name, county_name from marts.dim_bodies order by body_id")
    assert len(bodies) == 9  # 瑞安's government (2013) and its office (2024) are two bodies
    assert ("320813:人民政府", "淮安市洪泽区人民政府", 2, 2023, 2024, "江苏省", "淮安市", "洪泽区") in bodies
    assert ("310000:科学技术委员会", "上海市科学技术委员会", 1, 2024, 2024, "上海市", None, None) in bodies
    # every fact row names its body
    assert query(db, "select count(*) from marts.fct_disclosure_stats where body_id is null") == [(0,)]


def test_coverage_is_bodies_by_years(corpus_warehouse):
    _, db, _ = corpus_warehouse
    counts = dict(query(db, "select coverage_status, count(*) from marts.report_coverage_by_year group by 1"))
    assert counts == {"statistics_table": 8, "narrative_only": 2, "no_report": 9 * (2025 - 2013 + 1) - 10}
    narrative = query(db, "select body_name, report_year from marts.report_coverage_by_year "
                          "where coverage_status = 'narrative_only' order by 2, 1")
    assert narrative == [("苍南县人民政府", 2013), ("资兴市人民政府", 2017)]
    hongze = query(db, "select report_year, coverage_status from marts.report_coverage_by_year "
                       "where body_id = '320813:人民政府' and report_year >= 2022 order by 1")
    assert hongze == [(2022, "no_report"), (2023, "statistics_table"), (2024, "statistics_table"),
                      (2025, "no_report")]
