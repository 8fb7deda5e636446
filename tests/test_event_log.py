"""The project's DAGSTER_HOME: its instance config, and the event log that keeps connections open."""
from __future__ import annotations

import dagster as dg
from dagster._core.storage.event_log import SqliteEventLogStorage

from dagster_project import event_log, paths


@dg.asset
def tiny() -> int:
    return 1


def _home(monkeypatch, path):
    monkeypatch.setenv("DAGSTER_HOME", str(path))
    paths.setup_env()
    return path / "dagster.yaml"


def test_runs_log_through_the_pooled_event_log_into_files_a_stock_instance_reads(monkeypatch, tmp_path):
    _home(monkeypatch, tmp_path)
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, event_log.PooledSqliteEventLogStorage)
        runs = [dg.materialize([tiny], instance=instance) for _ in range(event_log.OPEN_SHARDS + 2)]
        assert all(r.success for r in runs)
        assert len(storage._engines) == event_log.OPEN_SHARDS  # older runs' files are closed
        with storage.index_connection() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL: no fsync per commit
    stock = SqliteEventLogStorage(str(tmp_path / "history" / "runs"))
    for run in runs:
        logged = {e.dagster_event_type for e in stock.get_logs_for_run(run.run_id) if e.is_dagster_event}
        assert {dg.DagsterEventType.RUN_SUCCESS, dg.DagsterEventType.ASSET_MATERIALIZATION} <= logged
    latest = stock.get_latest_materialization_events([dg.AssetKey("tiny")])[dg.AssetKey("tiny")]
    assert latest.run_id == runs[-1].run_id


def test_the_instance_config_follows_a_moved_home_and_spares_a_users_own(monkeypatch, tmp_path):
    config = _home(monkeypatch, tmp_path / "a")
    assert "PooledSqliteEventLogStorage" in config.read_text(encoding="utf-8")
    moved = tmp_path / "b"
    config.parent.rename(moved)
    config = _home(monkeypatch, moved)
    assert str(moved / "history" / "runs") in config.read_text(encoding="utf-8")
    own = "telemetry:\n  enabled: false\n"  # the header line removed: the user's settings stay
    config.write_text(own, encoding="utf-8")
    _home(monkeypatch, moved)
    assert config.read_text(encoding="utf-8") == own
