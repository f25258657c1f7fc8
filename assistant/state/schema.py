"""The state database's schema: Alembic migrations shipped in the package, applied on start.

A new, empty database gets every table at once and is stamped with the newest revision. A
database of release 0.1.0 (tables made by ``create_all``, no ``alembic_version``) is stamped
with the first revision when its tables match it, then upgraded. Before an SQLite file is
upgraded it is copied aside. A database stamped with a revision this version does not know
was made by a newer version: it is refused, never touched.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import Engine

from assistant.errors import UserError
from assistant.state.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"
#: The revision that describes release 0.1.0's tables, made before migrations existed.
FIRST = "0001"
#: Serialises schema changes of one PostgreSQL database across processes (any fixed number).
_PG_LOCK_KEY = 0x7472_6961_6765


class OutdatedStateError(UserError):
    """The state database was made by a version older than the first migration knows."""


class SchemaTooNewError(UserError):
    """The state database was upgraded by a newer version of the assistant."""


def _config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision this version knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None, "the package ships no migrations"
    return revision


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _columns_at(revision: str) -> dict[str, set[str]]:
    """Tables and columns as a revision leaves them (migrated into a scratch database)."""
    scratch = create_engine("sqlite://")
    with scratch.begin() as conn:
        command.upgrade(_config(conn), revision)
        found = inspect(conn)
        tables = {t: {c["name"] for c in found.get_columns(t)} for t in found.get_table_names()}
    scratch.dispose()
    tables.pop("alembic_version", None)
    return tables


def _missing_from_first(conn: Connection) -> list[str]:
    found = inspect(conn)
    present = set(found.get_table_names())
    columns, tables = [], []  # missing columns of the tables it has first: they say the most
    for table, wanted in sorted(_columns_at(FIRST).items()):
        if table not in present:
            tables.append(f"table {table}")
            continue
        have = {c["name"] for c in found.get_columns(table)}
        columns += [f"{table}.{c}" for c in sorted(wanted - have)]
    return columns + tables


def _sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    return Path(database) if database and database != ":memory:" else None


@contextmanager
def _exclusive(engine: Engine, conn: Connection) -> Iterator[None]:
    """One process at a time decides and changes the schema (others wait, then find it done)."""
    path = _sqlite_path(engine)
    if engine.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
        try:
            yield
        finally:
            if conn.in_transaction():
                conn.rollback()  # a failed step leaves its transaction aborted
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
            conn.commit()
    elif path is not None:
        lock = os.open(path.with_name(path.name + ".schema-lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield
        finally:
            os.close(lock)  # releases the lock
    else:
        yield


def _copy_aside(path: Path, revision: str | None) -> Path:
    """A consistent copy of the SQLite file (WAL included) next to it, before an upgrade."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-upgrade-from-{revision or 'release-0.1.0'}-{stamp}")
    with sqlite3.connect(path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    target.chmod(path.stat().st_mode & 0o777)
    return target


def upgrade(engine: Engine) -> Path | None:
    """Bring the database to :func:`head`. Returns where an SQLite file was copied before an
    upgrade changed it (None when nothing was upgraded or it is not SQLite)."""
    newest = head()
    with engine.connect() as conn, _exclusive(engine, conn):
        revision = MigrationContext.configure(conn).get_current_revision()
        if revision == newest:
            return None
        if revision is not None and not _known(revision):
            raise SchemaTooNewError(
                f"the state database is at schema revision {revision}, newer than this version of the "
                f"assistant knows (newest: {newest})",
                fix="upgrade the assistant (pip install -U agency-triage-assistant), or point "
                "ASSISTANT_DATABASE_URL / ASSISTANT_HOME at another database",
            )
        app_tables = set(inspect(conn).get_table_names()) & set(Base.metadata.tables)
        if revision is None and not app_tables:
            # A new database: every table at once, stamped with the newest revision.
            Base.metadata.create_all(conn)
            command.stamp(_config(conn), newest)
            conn.commit()
            return None
        if revision is None:
            missing = _missing_from_first(conn)
            if missing:
                raise OutdatedStateError(
                    "the state database was made by a version older than release 0.1.0 (missing "
                    + ", ".join(missing[:3])
                    + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
                    + ")",
                    fix="move it aside and run the command again: mail is fetched again from the mailbox "
                    "and `assistant ingest DIR` re-reads the documents",
                )
        path = _sqlite_path(engine)
        backup = _copy_aside(path, revision) if path is not None else None
        if revision is None:
            command.stamp(_config(conn), FIRST)
            conn.commit()
        command.upgrade(_config(conn), "head")
        conn.commit()
        return backup
