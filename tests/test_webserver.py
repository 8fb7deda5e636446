"""The Dagster UI starts on 127.0.0.1, answers a GraphQL query for the asset graph, and stops."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import REPO

from dagster_project import paths


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, query: str) -> dict:
    req = urllib.request.Request(url, data=json.dumps({"query": query}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def test_webserver_lists_the_asset_keys(tmp_path, monkeypatch):
    port = _free_port()
    webserver = Path(sys.executable).with_name("dagster-webserver")
    # As under `dagster dev` (which prepares the dbt project on load) for a user who has not
    # activated the venv: its bin folder is not on PATH.
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != str(webserver.parent))
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "DUCKDB_PATH": str(tmp_path / "w.duckdb"),
           "DAGSTER_IS_DEV_CLI": "1", "PATH": path}
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    paths.setup_env()  # the project's dagster.yaml, as `make dev` writes it before the UI starts
    proc = subprocess.Popen([str(webserver), "-h", "127.0.0.1", "-p", str(port), "-m", "dagster_project.definitions"],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/server_info", timeout=5).read()
                break
            except OSError:
                assert proc.poll() is None, "webserver exited"
                assert time.monotonic() < deadline, "webserver did not answer in 120 s"
                time.sleep(1)
        # materializations come from the event log (the project's storage class)
        data = _post(base + "/graphql", "{ assetNodes { assetKey { path } assetMaterializations(limit: 1) { runId } } }")
        keys = {"/".join(n["assetKey"]["path"]) for n in data["data"]["assetNodes"]}
        assert {"raw/report_files", "raw/report_cells", "marts/fct_disclosure_stats", "marts/dim_reports"} <= keys
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
