"""Incremental refresh: after files are added, removed, changed, moved and re-published, a refresh
that builds only what changed ends where a full build of the same files ends."""
from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor

import dagster as dg
import pytest

from benchmarks.corpus import generate
from conftest import REPO, build_warehouse, query
from dagster_project import paths
from dagster_project.assets import parse as parse_step
from dagster_project.assets.ingest import ingest_raw_dir
from dagster_project.parsing import records
from dagster_project.transform import assets as dbt_step
from dagster_project.transform import project
from dagster_project.transform.project import fingerprint

MARTS = {  # ingested_at and built_at say when a file was read and a row written: they differ
    "fct_disclosure_stats": "select * exclude (built_at) from marts.fct_disclosure_stats order by all",
    "report_quality": "select * exclude (built_at) from marts.report_quality order by all",
    "dim_reports": "select * exclude (ingested_at) from marts.dim_reports order by all",
    "dim_bodies": "select * from marts.dim_bodies order by all",
    "report_coverage_by_year": "select * exclude (built_at) from marts.report_coverage_by_year order by all",
    "metric_series_by_year": "select * exclude (built_at) from marts.metric_series_by_year order by all",
    "requests_by_year": "select * exclude (built_at) from marts.requests_by_year order by all",
    "proactive_disclosure_by_year": "select * exclude (built_at) from marts.proactive_disclosure_by_year order by all",
    "appeals_and_lawsuits_by_year": "select * exclude (built_at) from marts.appeals_and_lawsuits_by_year order by all",
    "request_outcomes_by_year": "select * exclude (built_at) from marts.request_outcomes_by_year order by all",
}

TREND_PIVOTS = ("requests_by_year", "request_outcomes_by_year", "proactive_disclosure_by_year",
                "appeals_and_lawsuits_by_year")


def test_incremental_refresh_ends_where_a_full_build_ends(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    generate(raw, 24, seed=3)
    for seed in sorted((REPO / "raw").iterdir()):
        shutil.copy(seed, raw / seed.name)
    monkeypatch.setenv("DBT_TEXTS_PER_BATCH", "7")  # several batches, as at scale
    full_refresh = []
    args = dbt_step.dbt_args
    monkeypatch.setattr(dbt_step, "dbt_args", lambda full, *seeds: full_refresh.append(full) or args(full, *seeds))
    db = tmp_path / "incremental" / "warehouse.duckdb"
    assert build_warehouse(raw, db).success

    synthetic = sorted(raw.glob("0000*.txt"))
    counted = synthetic[3]
    republished = raw / f"{counted.name[:7]}0_republished.txt"  # sorts just before it
    (raw / "added.txt").write_text(generate(tmp_path / "more", 1, seed=9)[0].read_text(encoding="utf-8"), encoding="utf-8")
    synthetic[0].unlink()
    (raw / "moved").mkdir()
    synthetic[1].rename(raw / "moved" / synthetic[1].name)
    synthetic[2].write_text(synthetic[5].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    # the same report again, otherwise alike: the first name counts, so the old one no longer does
    republished.write_text(counted.read_text(encoding="utf-8") + "\n（重新发布）\n", encoding="utf-8")
    # a body's next report, under a shorter name and with no figure: the body's series (its 2023
    # report's figures) takes the new name, though no figure of the body changed
    assert synthetic[9].read_text(encoding="utf-8").startswith("北京市门头沟区审计局2023年")
    (raw / "renamed.txt").write_text("门头沟区审计局2024年政府信息公开工作年度报告\n一、总体情况\n"
                                     "2024年，门头沟区审计局认真贯彻落实《中华人民共和国政府信息公开条例》。\n", encoding="utf-8")
    # a body's report of the year before its report, arriving after it: the later report's checks
    # across years compare with it now
    later = synthetic[12]
    assert later.read_text(encoding="utf-8").startswith("清远市清新区司法局2025年")
    (raw / "earlier.txt").write_text(later.read_text(encoding="utf-8").replace("2025年", "2024年"), encoding="utf-8")
    carry_over = ("select status, previous_content_hash is null from marts.report_quality "
                  "where source_file = ? and check_name = 'cross_year_carry_over'")
    assert query(db, carry_over, [later.name]) == [("not_applicable", True)]
    assert query(db, "select is_counted from marts.dim_reports where source_file = ?", [counted.name]) == [(True,)]

    assert build_warehouse(raw, db).success
    assert full_refresh == [True, False]  # no fingerprint before the first build; then incremental
    assert query(db, "select source_file from marts.dim_reports where is_counted and source_file in (?, ?)",
                 [counted.name, republished.name]) == [(republished.name,)]
    assert query(db, "select distinct series_id from marts.metric_series_by_year where series_id like '%门头沟区审计局%'"
                 ) == [("门头沟区审计局 | single_body",)]
    assert query(db, carry_over, [later.name]) in ([("pass", False)], [("fail", False)])
    full = tmp_path / "full" / "warehouse.duckdb"
    assert build_warehouse(raw, full).success
    for name, sql in MARTS.items():
        assert query(db, sql) == query(full, sql), name


def test_trend_pivots_catch_up_with_series_a_partial_run_rewrote(tmp_path):
    """A UI user may materialize some assets: the series rewritten by a run that left the pivots
    out are pivoted by the next run, though that run rewrites no series."""
    from dagster_project.definitions import defs

    raw = tmp_path / "raw"
    generate(raw, 8, seed=4)
    db = tmp_path / "incremental" / "warehouse.duckdb"
    assert build_warehouse(raw, db).success
    (raw / "added.txt").write_text(generate(tmp_path / "more", 1, seed=11)[0].read_text(encoding="utf-8"),
                                   encoding="utf-8")
    pivots = {dg.AssetKey(["marts", name]) for name in TREND_PIVOTS}
    left_out = pivots | {dg.AssetKey(["warehouse", "published"]), dg.AssetKey(["charts", "request_trends"])}
    partial = [key for key in defs.resolve_asset_graph().get_all_asset_keys() if key not in left_out]
    assert build_warehouse(raw, db, assets=partial).success
    assert build_warehouse(raw, db).success
    full = tmp_path / "full" / "warehouse.duckdb"
    assert build_warehouse(raw, full).success
    for name in TREND_PIVOTS:
        assert query(db, MARTS[name]) == query(full, MARTS[name]), name


def test_fingerprint_follows_the_parser_version(monkeypatch):
    before = fingerprint()
    monkeypatch.setattr(project, "PARSER_VERSION", project.PARSER_VERSION + "-next")
    assert fingerprint() != before


@pytest.mark.parametrize("folder", ["models", "macros", "seeds"])
def test_fingerprint_follows_the_dbt_project(folder, monkeypatch, tmp_path):
    before = fingerprint()
    dbt_dir = tmp_path / "dbt"
    shutil.copytree(paths.DBT_DIR, dbt_dir, ignore=shutil.ignore_patterns("target", "logs"))
    monkeypatch.setattr(paths, "DBT_DIR", dbt_dir)
    assert fingerprint() == before
    (dbt_dir / folder / "extra.sql").write_text("-- a change\n", encoding="utf-8")
    assert fingerprint() != before


def test_a_failed_build_is_followed_by_a_full_refresh(tmp_path, monkeypatch):
    """Tests of an incremental build look at the rows it writes only, so after a build that failed
    (a test or a model) the next one rebuilds and tests everything."""
    raw = tmp_path / "raw"
    generate(raw, 3, seed=4)
    db = tmp_path / "warehouse.duckdb"
    args = dbt_step.dbt_args
    assert build_warehouse(raw, db).success
    monkeypatch.setattr(dbt_step, "dbt_args", lambda *_: ["run-operation", "no_such_macro"])
    with pytest.raises(Exception, match="dbt"):
        build_warehouse(raw, db)
    full_refresh = []
    monkeypatch.setattr(dbt_step, "dbt_args", lambda full, *seeds: full_refresh.append(full) or args(full, *seeds))
    assert build_warehouse(raw, db).success
    incremental = build_warehouse(raw, db)
    assert incremental.success
    assert full_refresh == [True, False]
    # The incremental build leaves the seeds loaded by the full one, and still checks data against them.
    materialized = {e.asset_key for e in incremental.get_asset_materialization_events()}
    assert {dg.AssetKey(["marts", "fct_disclosure_stats"]), dg.AssetKey(["warehouse", "published"])} <= materialized
    assert not {k for k in materialized if k.path[0] == "seeds"}
    checked = {e.check_name for e in incremental.get_asset_check_evaluations()}
    assert "relationships_fct_disclosure_stats_applicant_type__applicant_type__ref_applicant_types_" in checked
    assert query(db, "select count(*) > 0 from seeds.metric_catalog") == [(True,)]


def test_a_new_parser_version_parses_every_text_again_in_parallel(tmp_path, monkeypatch):
    """Texts parsed by an older version count as pending from the start, so the whole corpus is
    parsed again by the worker processes, not one by one."""
    raw = tmp_path / "raw"
    n = parse_step.PARALLEL_FROM
    generate(raw, n, seed=5)
    monkeypatch.setenv("RAW_DIR", str(raw))
    monkeypatch.setenv("DUCKDB_PATH", str(tmp_path / "warehouse.duckdb"))
    ingest_raw_dir()
    assert parse_step.parse_pending(workers=2)["parsed"] == n
    pools = []

    class Recorded(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parse_step, "ProcessPoolExecutor", Recorded)
    for module in (parse_step, records):
        monkeypatch.setattr(module, "PARSER_VERSION", "next")
    counts = parse_step.parse_pending(workers=2)
    assert counts["parsed"] == counts["dropped"] == n and pools == [{"max_workers": 2}]
    assert query(paths.build_path(), "select parser_version, count(*) from raw.parsed_reports group by 1") == [("next", n)]
