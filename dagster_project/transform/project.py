"""The dbt project as Dagster sees it."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

from dagster_dbt import DbtCliResource, DbtProject
from dagster_dbt.compat import DBT_PYTHON_VERSION
from dagster_dbt.core import dbt_cli_invocation

from .. import paths
from ..parsing.report import PARSER_VERSION

# The dbt beside this interpreter: works whether or not the venv is activated.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

dbt_project = DbtProject(project_dir=paths.DBT_DIR, profiles_dir=paths.DBT_DIR)
dbt_project.prepare_if_dev()


class DbtCli(DbtCliResource):
    """DbtCliResource without three start-up costs of a run: the `dbt --version` process it starts
    to learn the version (DBT_EXECUTABLE is the dbt-core installed here), the dbt adapter it loads
    in this process, which only serves row counts and column metadata that these assets never
    fetch (the two about 2 s of a one-file refresh), and, for incremental builds, dbt's own process
    (`cli`). All three are private to dagster-dbt (pinned in requirements.lock): check them when
    upgrading it (tests/test_dbt_in_process.py fails if the last one moves)."""

    @cached_property
    def _cli_version(self):
        return DBT_PYTHON_VERSION

    def _initialize_dbt_core_adapter(self, args):
        return None

    def cli(self, args, **kwargs):
        """Incremental builds run dbt in this process (in_process.py: 2 to 3 s less per refresh).
        A full refresh keeps a process of its own: its DuckDB grows to DUCKDB_MEMORY_LIMIT, which
        on top of this process's memory would pass the 1.5 GB a run may take, and a process's
        end gives it all back."""
        if "--full-refresh" in args:
            return super().cli(args, **kwargs)
        from .in_process import DbtInProcess  # imports the rest of dbt-core

        # dagster-dbt starts dbt with its module's `subprocess.Popen`: hand it the stand-in.
        stand_in = SimpleNamespace(Popen=DbtInProcess, PIPE=subprocess.PIPE, STDOUT=subprocess.STDOUT)
        with mock.patch.object(dbt_cli_invocation, "subprocess", stand_in):
            return super().cli(args, **kwargs)


dbt_resource = DbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE, profiles_dir=str(paths.DBT_DIR))


def fingerprint() -> str:
    """What the incremental models' rows depend on besides the data: the parser version and the
    dbt project's models, macros, seeds and settings. When it changes, rows built before may be
    wrong, so the next build is a full refresh."""
    digest = hashlib.sha256(PARSER_VERSION.encode())
    files = [p for folder in ("models", "macros", "seeds") for p in (paths.DBT_DIR / folder).rglob("*") if p.is_file()]
    for path in sorted(files) + [paths.DBT_DIR / "dbt_project.yml"]:
        digest.update(path.relative_to(paths.DBT_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
