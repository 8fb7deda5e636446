"""Dagster's SQLite event log, with the database connections kept open.

The stock storage opens a new engine and connection for every statement it runs and closes it
after (the close checkpoints the write-ahead log): about 1,200 connections in a refresh that logs
450 events (one per dbt model and test), a second or more of every run. This keeps one engine
per database file, for the index and the most recent runs, and commits without waiting for the
disk (synchronous=NORMAL: after a power cut the log may lack its last events, and stays
consistent). Same files and schema: the UI, the daemon and a stock instance read them as before.
Set in dagster.yaml by paths.setup_env.
"""
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from dagster._core.storage.event_log.sqlite.sqlite_event_log import SQLITE_BUSY_TIMEOUT_SECONDS, SqliteEventLogStorage
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

OPEN_SHARDS = 8  # the index and the latest runs; the UI reads many old runs, once each


def _commit_without_fsync(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str, inst_data=None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> "PooledSqliteEventLogStorage":
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engines.pop(shard, None)
            if engine is None:
                engine = create_engine(self.conn_string_for_shard(shard),
                                       connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
                event.listen(engine, "connect", _commit_without_fsync)
                if shard not in self._initialized_dbs:
                    self._initdb(engine)
                    self._initialized_dbs.add(shard)
            self._engines[shard] = engine  # most recently used last
            while len(self._engines) > OPEN_SHARDS:
                self._engines.popitem(last=False)[1].dispose()
            with engine.connect() as conn, conn.begin():
                yield conn

    def _close_all(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        self._close_all()  # the run files are deleted: no connection may keep one open
        super().wipe()

    def dispose(self) -> None:
        self._close_all()
        super().dispose()
