"""dbt in the run's process (dagster_project/transform/in_process.py), behind dagster-dbt's invocation."""
from __future__ import annotations

import os
import subprocess

import duckdb
import pytest

from dagster_project import paths
from dagster_project.transform.in_process import DbtInProcess
from dagster_project.transform.project import dbt_project, dbt_resource


@pytest.fixture()
def build_file(tmp_path, monkeypatch):
    """A build file of this test's, and dbt's target folder beside it."""
    monkeypatch.setenv("DUCKDB_PATH", str(tmp_path / "warehouse.duckdb"))
    paths.export_build_path()
    return paths.build_path()


def test_dbt_runs_in_this_process_and_leaves_the_build_file_closed(build_file):
    invocation = dbt_resource.cli(["debug"], manifest=dbt_project.manifest_path, target_path=build_file.parent)
    assert isinstance(invocation.process, DbtInProcess)
    events = [event.raw_event["info"]["name"] for event in invocation.stream_raw_events()]
    assert invocation.process.returncode == 0
    assert events[0] == "MainReportVersion" and "DebugCmdResult" in events  # as the CLI prints them
    # dbt opened the file read-write; a read-only connection in the same process is refused while
    # that database is still open ("a different configuration than existing connections").
    with duckdb.connect(str(build_file), read_only=True) as con:
        assert con.execute("select 1").fetchone() == (1,)
    assert "DAGSTER_DBT_CLI" not in os.environ  # dagster-dbt's settings for dbt last as long as dbt
    assert os.environ["DBT_DUCKDB_PATH"] == str(build_file)


def test_a_failing_in_process_dbt_fails_the_invocation_with_its_message(build_file, capsys):
    invocation = dbt_resource.cli(["debug", "--no-such-option"], manifest=dbt_project.manifest_path,
                                  target_path=build_file.parent, raise_on_error=False)
    assert isinstance(invocation.process, DbtInProcess)
    assert not invocation.is_successful()
    assert invocation.process.returncode == 2
    list(invocation.stream_raw_events())
    assert "No such option '--no-such-option'" in capsys.readouterr().out  # a usage error, as on stderr


def test_a_full_refresh_runs_dbt_in_a_process_of_its_own(build_file):
    invocation = dbt_resource.cli(["build", "--full-refresh", "--select", "none_such_model"],
                                  manifest=dbt_project.manifest_path, target_path=build_file.parent)
    assert isinstance(invocation.process, subprocess.Popen)
    invocation.wait()
