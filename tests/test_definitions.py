"""The code location loads with the assets, checks, schedule and sensor users rely on."""
from __future__ import annotations

import os

import dagster as dg

from dagster_project.automation import raw_dir_fingerprint
from dagster_project.definitions import defs
from dagster_project.transform.assets import DbtConfig, code_tests, dbt_args, prune_run_artifacts

RAW_KEYS = {dg.AssetKey(["raw", n]) for n in ("report_files", "parsed_reports", "report_cells")}


def _graph():
    return defs.resolve_asset_graph()


def test_expected_assets_exist():
    keys = set(_graph().get_all_asset_keys())
    assert RAW_KEYS <= keys
    for key in (["marts", "fct_disclosure_stats"], ["marts", "dim_reports"], ["marts", "dim_metrics"],
                ["staging", "stg_reports__cells"], ["intermediate", "int_stat_values_unioned"]):
        assert dg.AssetKey(key) in keys


def test_dbt_models_are_downstream_of_the_ingest_assets():
    graph = _graph()
    upstream = graph.get(dg.AssetKey(["staging", "stg_reports__cells"])).parent_keys
    assert dg.AssetKey(["raw", "report_cells"]) in upstream
    fact_ancestors = graph.asset_dep_graph["upstream"]
    seen, todo = set(), [dg.AssetKey(["marts", "fct_disclosure_stats"])]
    while todo:
        key = todo.pop()
        for parent in fact_ancestors.get(key, ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    assert RAW_KEYS <= seen


def test_dbt_tests_are_asset_checks():
    checks = {k.name for k in _graph().asset_check_keys}
    assert any(name.startswith("unique_combination") for name in checks)


def test_accounting_checks_are_asset_checks_on_report_quality():
    quality = dg.AssetKey(["marts", "report_quality"])
    checks = {k.name for k in _graph().asset_check_keys if k.asset_key == quality}
    assert {"table_3_and_4_identities_hold", "pre_2019_identities_hold", "figures_continue_across_years",
            "text_figures_match_tables"} <= checks


def test_trend_chart_is_drawn_from_the_trend_marts():
    chart = _graph().get(dg.AssetKey(["charts", "request_trends"]))
    assert {dg.AssetKey(["marts", "requests_by_year"]), dg.AssetKey(["marts", "request_outcomes_by_year"])} <= chart.parent_keys


def test_schedule_and_sensor_are_listed():
    assert defs.resolve_schedule_def("weekly_refresh_schedule").cron_schedule == "0 3 * * 1"
    assert defs.resolve_sensor_def("raw_files_sensor") is not None
    assert defs.resolve_job_def("refresh_all_job") is not None


def test_full_refresh_switch_builds_the_dbt_arguments():
    assert dbt_args(DbtConfig().full_refresh) == ["build", "--exclude-resource-type", "unit_test",
                                                  "--exclude", " ".join(code_tests()), "--log-level-file", "none",
                                                  "--no-write-json"]
    assert dbt_args(DbtConfig(full_refresh=True).full_refresh)[-3:] == ["--full-refresh", "--threads", "1"]
    assert dbt_args(False, load_seeds=False)[:4] == ["build", "--exclude-resource-type", "unit_test", "seed"]


def test_code_tests_are_left_to_make_test_and_data_tests_against_seeds_stay():
    names = set(code_tests())
    assert {"unique_metric_catalog_metric_code", "assert_grades_match_the_crosswalk",
            "assert_check_sides_fit_their_detail"} <= names
    checks = {k.name for k in _graph().asset_check_keys}
    assert not checks & names
    # fact rows must name a known applicant type: a check of the data, though it reads a seed
    assert "relationships_fct_disclosure_stats_applicant_type__applicant_type__ref_applicant_types_" in checks
    assert "relationships_fct_disclosure_stats_applicant_type__applicant_type__ref_applicant_types_" not in names


def test_dbt_run_artifacts_are_pruned_to_the_newest(tmp_path):
    folders = []
    for age, name in enumerate(["dbt_models-aaaaaaa-1", "dbt_models-bbbbbbb-2", "dbt_models-ccccccc-3",
                                "dbt_models-ddddddd-4"]):
        folder = tmp_path / name
        (folder / "compiled").mkdir(parents=True)
        os.utime(folder, (1_000_000 - age, 1_000_000 - age))  # the first is the newest
        folders.append(folder)
    (tmp_path / "manifest.json").write_text("{}")  # what `prepare` writes stays
    latest = folders[-1]  # the run that just ended, whatever its folder's time
    prune_run_artifacts(latest, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dbt_models-aaaaaaa-1", "dbt_models-ddddddd-4", "manifest.json"]


def test_sensor_fingerprint_follows_raw_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("RAW_DIR", str(tmp_path))
    empty = raw_dir_fingerprint()
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    added = raw_dir_fingerprint()
    assert added != empty
    assert raw_dir_fingerprint() == added
