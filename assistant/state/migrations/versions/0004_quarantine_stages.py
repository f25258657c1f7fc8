"""Quarantine for any stage (read, parse, resolve, store, retrieve, decide, draft), and sync runs

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 12:10:00

The quarantine of release 0.1.0 held one row per stored message the parser failed on, keyed by
the message. Now a message that could not even be stored is kept here with its bytes, so the
table gets its own key; the old rows are copied over as parse-stage rows with their message's
bytes.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.rename_table("quarantine", "quarantine_before_0004")
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=1024), nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.String(length=998), nullable=False),
        sa.Column("source_key", sa.String(length=512), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["message_pk"], ["messages.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
        sa.UniqueConstraint("message_pk"),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarantine_message_id"), ["message_id"], unique=False)

    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT q.message_pk, q.reason, q.at, m.message_id, m.source_key, m.location, m.raw "
            "FROM quarantine_before_0004 q JOIN messages m ON m.id = q.message_pk"
        )
    ).all()
    insert = sa.text(
        "INSERT INTO quarantine (key, message_pk, message_id, source_key, location, stage, reason, size, raw,"
        " attempts, at) VALUES (:key, :pk, :message_id, :source_key, :location, 'parse', :reason, :size, :raw,"
        " 1, :at)"
    )
    for pk, reason, at, message_id, source_key, location, raw in rows:
        raw = bytes(raw or b"")
        key = "sha256:" + hashlib.sha256(raw).hexdigest() if raw else "location:" + (location or "")[:1000]
        conn.execute(
            insert,
            {
                "key": key,
                "pk": pk,
                "message_id": message_id,
                "source_key": source_key,
                "location": location,
                "reason": reason,
                "size": len(raw),
                "raw": raw,
                "at": at,
            },
        )
    op.drop_table("quarantine_before_0004")

    op.create_table(
        "sync_runs",
        sa.Column("source_key", sa.String(length=512), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("quarantined", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("source_key"),
    )


def downgrade() -> None:
    op.drop_table("sync_runs")
    op.rename_table("quarantine", "quarantine_after_0004")
    op.create_table(
        "quarantine",
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["message_pk"], ["messages.id"]),
        sa.PrimaryKeyConstraint("message_pk"),
    )
    op.execute(
        "INSERT INTO quarantine (message_pk, reason, at) "
        "SELECT message_pk, reason, at FROM quarantine_after_0004 WHERE message_pk IS NOT NULL"
    )
    op.drop_table("quarantine_after_0004")
