"""The one place paths come from. Resolved from the repo root, never the cwd.

Each value reads its env var at call time; the defaults are set into os.environ at import so
that dbt (a subprocess of Dagster) inherits exactly the same absolute paths.

Two warehouse files: runs write the build file, and publish a copy of it to DUCKDB_PATH, the
file analysts read, only after a complete build (see warehouse.publish).
"""
from __future__ import annotations

import json
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
    export_build_path()
    # DuckDB takes up to 80% of RAM unless told otherwise; every connection (the Python steps here,
    # dbt through dbt/profiles.yml) gets this limit, and spills what does not fit to disk.
    os.environ.setdefault("DUCKDB_MEMORY_LIMIT", "1GB")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    home = dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    config, wanted = home / "dagster.yaml", _instance_config(home)
    current = config.read_text(encoding="utf-8") if config.exists() else None
    if current is None or (current != wanted and current.startswith(_INSTANCE_HEADER)):
        # replaced whole: the UI's processes start together and read it
        temp = config.with_name(f"dagster.yaml.{os.getpid()}")
        temp.write_text(wanted, encoding="utf-8")
        temp.replace(config)


_INSTANCE_HEADER = "# Written by dagster_project/paths.py"


def _instance_config(home: Path) -> str:
    """The instance of a DAGSTER_HOME the project made (rewritten while it keeps its header, so
    that it follows the home when moved). One run at a time: runs share the build file, which
    DuckDB lets one process write. The event log keeps its connections open (event_log.py)."""
    return (f"{_INSTANCE_HEADER}; remove this line to keep your own settings.\n"
            "telemetry:\n  enabled: false\n"
            "concurrency:\n  runs:\n    max_concurrent_runs: 1\n"
            "event_log_storage:\n  module: dagster_project.event_log\n  class: PooledSqliteEventLogStorage\n"
            f"  config:\n    base_dir: {json.dumps(str(home / 'history' / 'runs'))}\n")


def raw_dir() -> Path:
    return _resolve("RAW_DIR")


def duckdb_path() -> Path:
    """The published warehouse analysts read; replaced whole, never written in place."""
    return _resolve("DUCKDB_PATH")


def build_path() -> Path:
    """The file runs write: DUCKDB_BUILD_PATH, by default `<name>.build.duckdb` beside DUCKDB_PATH.

    It keeps what was read and parsed between runs, so a refresh stays incremental.
    """
    if os.environ.get("DUCKDB_BUILD_PATH"):
        return _resolve("DUCKDB_BUILD_PATH")
    published = duckdb_path()
    return published.with_name(f"{published.stem}.build{published.suffix}")


def export_build_path() -> None:
    """dbt reads its file from DBT_DUCKDB_PATH (dbt/profiles.yml). Set at every dbt invocation,
    not once: the build path follows DUCKDB_PATH, which tests change within one process."""
    os.environ["DBT_DUCKDB_PATH"] = str(build_path())


def dagster_home() -> Path:
    return _resolve("DAGSTER_HOME")


def charts_dir() -> Path:
    """Charts rendered from the marts sit beside the warehouse they were drawn from (data/charts/)."""
    return duckdb_path().parent / "charts"


setup_env()
