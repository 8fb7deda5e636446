"""dbt models as Dagster assets, downstream of the ingest assets; dbt's tests of the data become asset checks."""

import json
import shutil
from pathlib import Path
from typing import Any, Mapping

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from .. import paths, warehouse
from .project import dbt_project, fingerprint


# Tests of the project's code, not of the data a refresh brings: those declared with the seeds and
# the singular tests under dbt/tests/code (crosswalk and grades agree, check texts fit). Like the
# unit tests, `make test` runs them (tests/test_pipeline.py); refreshes skip them, and the UI does
# not list them as asset checks. Tests that compare data with a seed stay with the data.
CODE_TEST_PATHS = ("seeds/", "tests/code/")


class Translator(DagsterDbtTranslator):
    """Keys mirror the warehouse: [schema, name]. Sources in schema raw are the ingest assets."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        schema = dbt_resource_props["config"].get("schema") or "main"
        return dg.AssetKey([schema, dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["config"].get("schema") or "seeds"

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project) -> dg.AssetCheckSpec | None:
        if _is_code_test(manifest["nodes"][unique_id]):
            return None
        return super().get_asset_check_spec(asset_spec, manifest, unique_id, project)


def _is_code_test(node: Mapping[str, Any]) -> bool:
    return node["resource_type"] == "test" and node["original_file_path"].startswith(CODE_TEST_PATHS)


def code_tests() -> list[str]:
    """The names of the code tests (dbt's path selector would add every test of a seed's relations)."""
    manifest = json.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))
    return sorted(node["name"] for node in manifest["nodes"].values() if _is_code_test(node))


class DbtConfig(dg.Config):
    full_refresh: bool = False  # rebuild incremental models from scratch (a checkbox in the launchpad)


def dbt_args(full_refresh: bool, load_seeds: bool = True) -> list[str]:
    # Unit tests pin model logic, code tests the seeds: `make test` runs both, refreshes skip them.
    # One --exclude value: dagster-dbt splits it on spaces. dbt's debug log file (every statement,
    # some 2,600 lines a build) costs 0.3 s, and its JSON artifacts (manifest.json and
    # run_results.json, 8 MB) about 0.5 s; Dagster's log keeps dbt's events of every node.
    skipped = ["unit_test"] if load_seeds else ["unit_test", "seed"]
    args = ["build", "--exclude-resource-type", *skipped, "--exclude", " ".join(code_tests()),
            "--log-level-file", "none", "--no-write-json"]
    # A full build runs one node at a time: each DuckDB query already uses every core, and two
    # large nodes side by side (the checks' ordered aggregates, 200 to 300 MB that cannot spill,
    # beside the fact's grain test) ran out of DUCKDB_MEMORY_LIMIT at 100,000 reports. One at a
    # time it is faster too (dbt 89 s against 96 to 101 s); a refresh is faster on two threads.
    return [*args, "--full-refresh", "--threads", "1"] if full_refresh else args


KEEP_RUN_ARTIFACTS = 5  # per-run dbt target folders kept for inspection (compiled SQL: about 2 MB each)


def prune_run_artifacts(latest: Path, keep: int = KEEP_RUN_ARTIFACTS) -> None:
    """dagster-dbt gives every dbt invocation a target folder of its own (<op>-<run>-<id>) and never
    removes one: a refresh every few minutes would fill the disk. Keep the newest `keep`, `latest`
    always among them."""
    op = latest.name.split("-", 1)[0]
    older = sorted((p for p in latest.parent.glob(f"{op}-*") if p != latest),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in older[keep - 1:]:
        shutil.rmtree(folder, ignore_errors=True)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=Translator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, config: DbtConfig):
    """Incremental models add what is new; a full refresh when asked, when the parser or the dbt
    project changed since the last complete build (their rows may be built differently now), or
    when the last build failed (the tests of an incremental build look at the rows it writes only)."""
    paths.export_build_path()
    current, recorded = fingerprint(), warehouse.dbt_fingerprint()
    if recorded != current and not config.full_refresh:
        context.log.info("no complete build of this parser and dbt project yet: full refresh")
    warehouse.record_dbt_fingerprint(None)  # until this build succeeds
    full_refresh = config.full_refresh or recorded != current
    # The fingerprint covers the seeds: after a complete build of it, the seed tables hold what
    # the files do, and reloading all ten costs a one-file refresh 0.7 s. A run of chosen assets
    # loads the seeds it chose.
    load_seeds = full_refresh or context.is_subset
    invocation = dbt.cli(dbt_args(full_refresh, load_seeds), context=context)
    try:
        yield from invocation.stream()
    finally:
        prune_run_artifacts(invocation.target_path)
    # The incremental tables match this fingerprint when every model was built, or when a subset
    # was built over tables that already did.
    if not context.is_subset or recorded == current:
        warehouse.record_dbt_fingerprint(current)
