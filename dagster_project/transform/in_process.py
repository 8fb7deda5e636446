"""dbt run in this process, behind the `subprocess.Popen` interface dagster-dbt starts dbt with.

A dbt process costs a refresh 2 to 3 s before its first node: importing dbt-core again (this
process has most of it already, through dagster-dbt) and rebuilding its classes' JSON schemas.
`DbtInProcess` runs dbt's programmatic entry point (`dbtRunner`) on a thread and writes each
event the CLI would print to a pipe, as the CLI's JSON lines, so that dagster-dbt reads and turns
them into asset events exactly as it does a process's output.
"""
from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Mapping, Sequence

import orjson
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.adapters.factory import reset_adapters
from dbt.cli.main import dbtRunner
from dbt_common.events.base_types import EventMsg
from dbt_common.events.functions import msg_to_dict

# The dbt CLI's exit codes: its nodes failed (1), or dbt itself did (2).
FAILED, ERRORED = 1, 2


class DbtInProcess:
    """What DbtCliInvocation uses of a Popen: args, stdout, wait, returncode and send_signal."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str], **_popen_kwargs) -> None:
        self.args = list(args)
        self.returncode: int | None = None
        read_end, write_end = os.pipe()
        self.stdout = os.fdopen(read_end, "rb")
        # A daemon: if the run is interrupted, its process ends without waiting for dbt.
        self._thread = threading.Thread(target=self._run, args=(os.fdopen(write_end, "wb"), env), daemon=True)
        self._thread.start()

    def _run(self, out, env: Mapping[str, str]) -> None:
        def forward(msg: EventMsg) -> None:
            if msg.info.level != "debug":  # what the CLI prints at its default log level
                out.write(orjson.dumps(msg_to_dict(msg)) + b"\n")
                out.flush()

        # dagster-dbt configures dbt through the environment (target path, project, profiles
        # directory); dbt reads it when invoked. One dbt runs at a time in a run's process.
        changed = {name: value for name, value in env.items() if os.environ.get(name) != value}
        previous = {name: os.environ.get(name) for name in changed}
        os.environ.update(changed)
        try:
            # --log-level none: nothing on this process's stdout; the events go to `forward`.
            result = dbtRunner(callbacks=[forward]).invoke([*self.args[1:], "--log-level", "none"])
            if result.exception is not None:  # what the CLI would print on stderr (dbtRunner catches all)
                out.write(f"{type(result.exception).__name__}: {result.exception}\n".encode())
            self.returncode = 0 if result.success else (FAILED if result.exception is None else ERRORED)
        finally:
            _close_adapter()
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            out.close()

    def wait(self, timeout: float | None = None) -> int | None:
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise subprocess.TimeoutExpired(self.args, timeout)
        return self.returncode

    def send_signal(self, _signal: int) -> None:
        """An interrupted run ends its process, and the daemon thread with it; DuckDB's log keeps
        the build file consistent, and the next build of an unrecorded fingerprint is full."""


def _close_adapter() -> None:
    """Leave nothing of dbt's adapter open, as a process's end would. dbt keeps its adapters
    (and their locks, which are named semaphores) for the life of the process, and dbt-duckdb
    its database in a class attribute (its atexit hook drops it): close the database, so that
    the build file is checkpointed and free for the steps after dbt, which open it with settings
    of their own."""
    reset_adapters()
    with DuckDBConnectionManager._LOCK:
        environment, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
        if environment is not None:
            environment.close()
