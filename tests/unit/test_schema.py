"""The state database's schema: migrations shipped in the package, applied on start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, select, text

from assistant.state import (
    AuditEvent,
    Client,
    Correction,
    Draft,
    KnowledgeDocument,
    Message,
    Quarantine,
    SchemaTooNewError,
    Store,
    SyncCursor,
    TriageResult,
    schema,
)
from assistant.state.models import Base

RELEASE_0_1_0 = Path(__file__).parents[1] / "data" / "state" / "release-0.1.0.sql"


def _release_0_1_0_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(RELEASE_0_1_0.read_text())


def _release_0_1_0_postgres(url: str) -> None:
    """The same tables and rows, as release 0.1.0 made them on PostgreSQL (create_all)."""
    source = sqlite3.connect(":memory:")
    source.executescript(RELEASE_0_1_0.read_text())
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = schema._columns_at(schema.FIRST)

        command.upgrade(schema._config(conn), schema.FIRST)  # the release's tables, not stamped
        conn.execute(text("DROP TABLE alembic_version"))
        for table in Base.metadata.sorted_tables:
            if table.name not in tables:
                continue
            names = sorted(tables[table.name])
            for row in source.execute(f"SELECT {', '.join(names)} FROM {table.name}"):
                values = dict(zip(names, row))
                for c in table.columns:  # SQLite keeps booleans and JSON as ints and text
                    if c.name in values and values[c.name] is not None and c.type.python_type is bool:
                        values[c.name] = bool(values[c.name])
                conn.execute(
                    text(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"),
                    values,
                )
        if conn.dialect.name == "postgresql":
            for t in ("messages", "triage_results", "drafts", "audit_events", "corrections", "documents"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))"))
    engine.dispose()


def _counts(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (
                Message,
                TriageResult,
                Draft,
                AuditEvent,
                Correction,
                Client,
                SyncCursor,
                KnowledgeDocument,
                Quarantine,
            )
        }


EXPECTED = {
    "messages": 4,
    "triage_results": 3,
    "drafts": 3,
    "audit_events": 1,
    "corrections": 1,
    "clients": 1,
    "sync_cursors": 1,
    "documents": 1,
    "quarantine": 1,
}


def test_a_release_0_1_0_sqlite_database_is_upgraded_with_every_row_and_copied_aside_first(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    _release_0_1_0_sqlite(path)
    store = Store(f"sqlite:///{path}")
    assert schema.current(store.engine) == schema.head()
    assert _counts(store) == EXPECTED
    [draft] = store.drafts("approved")
    assert (draft.to_addr, draft.message.subject) == ("mette@bageriet.example", "Faktura")
    assert store.raw_message("<q1@x.example>") == b"\xff\xfe"
    with store.session() as s:  # the release's parse-failure row, in the table of every stage
        [q] = s.scalars(select(Quarantine)).all()
        assert (q.stage, q.reason, q.message_pk, q.message_id, q.raw, q.size) == (
            "parse",
            "parser failed: test",
            4,
            "<q1@x.example>",
            b"\xff\xfe",
            2,
        )
    # the copy made before the upgrade is the release's database, untouched
    assert store.backup is not None and store.backup.parent == tmp_path
    with sqlite3.connect(store.backup) as db:
        assert db.execute("SELECT count(*) FROM messages").fetchone() == (4,)
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchall() == []
    store.close()
    # a second start finds it current: no second copy
    again = Store(f"sqlite:///{path}")
    assert again.backup is None
    assert len(list(tmp_path.glob("state.db.before-upgrade-*"))) == 1
    again.close()


def test_a_release_0_1_0_postgresql_database_is_upgraded_with_every_row(postgres_server) -> None:
    url = postgres_server.new_database()
    _release_0_1_0_postgres(url)
    store = Store(url)
    assert schema.current(store.engine) == schema.head()
    assert _counts(store) == EXPECTED
    assert [d.message.subject for d in store.drafts("pending")] == ["Tak for rapporten", "TikTok?"]
    store.close()


def test_migrations_end_where_the_models_are(database_url: str) -> None:
    # Every change to state/models.py comes with a migration: from the first revision to head
    # the database ends exactly where a new one made from the models starts.
    engine = create_engine(database_url)
    with engine.begin() as conn:
        command.upgrade(schema._config(conn), "head")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_a_new_database_is_stamped_with_the_newest_revision(database_url: str) -> None:
    store = Store(database_url)
    assert schema.current(store.engine) == schema.head()
    assert store.backup is None
    store.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="9999, newer than this version") as err:
        Store(f"sqlite:///{path}")
    assert "ASSISTANT_DATABASE_URL" in err.value.fix
    assert path.read_bytes() == before
    assert list(tmp_path.glob("state.db.before-upgrade-*")) == []
