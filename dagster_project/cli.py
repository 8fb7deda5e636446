"""Make targets call this: the same paths and environment for every entry point."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from . import paths

USAGE = "usage: python -m dagster_project.cli prepare | materialize | dev [args] | dbt <args>"


def _dbt(args: list[str]) -> int:
    from .transform.project import DBT_EXECUTABLE

    paths.export_build_path()
    return subprocess.call([DBT_EXECUTABLE, *args], cwd=paths.DBT_DIR)


def main(argv: list[str]) -> int:
    if not argv:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "prepare":  # dbt's manifest, which the definitions read at import
        return _dbt(["parse", "--quiet"])
    if command == "dbt":
        return _dbt(rest)
    if command == "materialize":
        import dagster as dg

        from .definitions import defs

        with dg.DagsterInstance.get() as instance:
            result = defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance)
        # Everything is written and closed by now: skip the interpreter's teardown, which spends
        # 0.8 s freeing dbt's and Dagster's objects one by one (as mypy does, for the same reason).
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0 if result.success else 1)
    if command == "dev":
        port = os.environ.get("DAGSTER_PORT", "3000")
        return subprocess.call([str(Path(sys.executable).with_name("dagster")), "dev", "-h", "127.0.0.1",
                                "-p", port, *rest], cwd=paths.REPO_ROOT)
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
