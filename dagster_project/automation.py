"""Scheduled and file-triggered refreshes of every asset."""

import hashlib

import dagster as dg

from . import paths
from .ingest.reader import list_files

refresh_all_job = dg.define_asset_job("refresh_all_job", selection=dg.AssetSelection.all(),
                                      description="Ingest RAW_DIR, parse what is new, rebuild the dbt models.")

weekly_refresh_schedule = dg.ScheduleDefinition(
    name="weekly_refresh_schedule", job=refresh_all_job, cron_schedule="0 3 * * 1",
    description="Full refresh every Monday 03:00.",
)


def raw_dir_fingerprint() -> str:
    """Changes whenever a file under RAW_DIR is added, removed, resized or touched."""
    digest = hashlib.sha256()
    root = paths.raw_dir()
    if root.exists():
        for file in list_files(root):
            digest.update(f"{file.rel}\0{file.size}\0{file.mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=refresh_all_job, minimum_interval_seconds=60,
           description="Launches a refresh when files under RAW_DIR are added, changed or removed.")
def raw_files_sensor(context: dg.SensorEvaluationContext):
    fingerprint = raw_dir_fingerprint()
    if fingerprint == context.cursor:
        return dg.SkipReason("no change under RAW_DIR")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)
