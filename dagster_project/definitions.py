"""The single entry point: ingest → parse → dbt (staging → intermediate → marts) → publish, charts, automation."""
from __future__ import annotations

import dagster as dg

from . import paths  # noqa: F401  (sets RAW_DIR / DUCKDB_PATH / DAGSTER_HOME defaults for dbt too)
from .assets.charts import request_trends_chart
from .assets.ingest import report_files
from .assets.parse import parsed_reports
from .assets.publish import published_warehouse
from .automation import raw_files_sensor, refresh_all_job, weekly_refresh_schedule
from .transform.assets import dbt_models
from .transform.project import dbt_resource

defs = dg.Definitions(
    assets=[report_files, parsed_reports, dbt_models, published_warehouse, request_trends_chart],
    jobs=[refresh_all_job],
    schedules=[weekly_refresh_schedule],
    sensors=[raw_files_sensor],
    resources={"dbt": dbt_resource},
    # DuckDB allows one writer: steps run one after another in the run's process.
    executor=dg.in_process_executor,
)
