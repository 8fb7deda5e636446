"""Shared fixtures: a private warehouse per build, the ../shared corpus when it is there."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "reports"


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared corpus checked out beside the repo")
    return path


@pytest.fixture(scope="session", autouse=True)
def _session_env(tmp_path_factory):
    """Tests never touch data/: DAGSTER_HOME and DUCKDB_PATH point into a temp dir."""
    base = tmp_path_factory.mktemp("session")
    os.environ["DAGSTER_HOME"] = str(base / "dagster_home")
    os.environ["DUCKDB_PATH"] = str(base / "unused.duckdb")
    os.environ["DO_NOT_TRACK"] = "1"
    from dagster_project import paths

    paths.setup_env()
    if not (REPO / "dbt" / "target" / "manifest.json").exists():
        dbt = Path(sys.executable).with_name("dbt")
        subprocess.run([str(dbt), "parse", "--quiet"], cwd=REPO / "dbt", check=True)


def build_warehouse(raw_dir: Path, db_path: Path, assets=None) -> "dg.ExecuteInProcessResult":  # noqa: F821
    """Materialize every asset (ingest, parse, dbt build with its tests) in-process, or the asset
    keys `assets` only."""
    import dagster as dg

    os.environ["RAW_DIR"] = str(raw_dir)
    os.environ["DUCKDB_PATH"] = str(db_path)
    from dagster_project.definitions import defs

    with dg.instance_for_test() as instance:
        return defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance,
                                                                              asset_selection=assets)


def copy_files(files, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy2(f, dest / Path(f).name)
    return dest


def query(db_path: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="session")
def corpus_warehouse(tmp_path_factory):
    """../shared/corpus seeds + real reports, built once for the gold and quality tests."""
    corpus = shared_or_skip("corpus")
    base = tmp_path_factory.mktemp("corpus")
    raw = copy_files(sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "real").glob("*.txt")), base / "raw")
    db = base / "warehouse.duckdb"
    result = build_warehouse(raw, db)
    return raw, db, result


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory):
    """The five sample reports of raw/, built once for the tests that read the marts."""
    base = tmp_path_factory.mktemp("seeds")
    raw = copy_files(sorted((REPO / "raw").iterdir()), base / "raw")
    db = base / "warehouse.duckdb"
    result = build_warehouse(raw, db)
    return raw, db, result
