"""The dbt project as Dagster sees it."""
from __future__ import annotations

import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from .. import paths

# The dbt beside this interpreter: works whether or not the venv is activated.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

dbt_project = DbtProject(project_dir=paths.DBT_DIR, profiles_dir=paths.DBT_DIR)
dbt_project.prepare_if_dev()

dbt_resource = DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE,
                              profiles_dir=str(paths.DBT_DIR))
