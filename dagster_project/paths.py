"""The one place paths come from. Resolved from the repo root, never the cwd.

Each value reads its env var at call time; the defaults are set into os.environ at import so
that dbt (a subprocess of Dagster) inherits exactly the same absolute paths.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_DIR = REPO_ROOT / "dbt"

_DEFAULTS = {
    "RAW_DIR": REPO_ROOT / "raw",
    "DUCKDB_PATH": REPO_ROOT / "data" / "warehouse.duckdb",
    "DAGSTER_HOME": REPO_ROOT / "data" / "dagster_home",
}


def _resolve(name: str) -> Path:
    value = Path(os.environ[name])
    return value if value.is_absolute() else (REPO_ROOT / value).resolve()


def setup_env() -> None:
    """Fill in defaults, make relative values absolute (from the repo root), switch off telemetry."""
    for name, default in _DEFAULTS.items():
        os.environ.setdefault(name, str(default))
        os.environ[name] = str(_resolve(name))
    # Tools beside this interpreter (dbt, dagster) come first, whether or not the venv is active:
    # dagster-dbt's prepare step under `dagster dev` looks dbt up on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    home = dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")


def raw_dir() -> Path:
    return _resolve("RAW_DIR")


def duckdb_path() -> Path:
    return _resolve("DUCKDB_PATH")


def dagster_home() -> Path:
    return _resolve("DAGSTER_HOME")


def charts_dir() -> Path:
    """Charts rendered from the marts sit beside the warehouse they were drawn from (data/charts/)."""
    return duckdb_path().parent / "charts"


setup_env()
