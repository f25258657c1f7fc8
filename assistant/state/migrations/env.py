"""Alembic environment: run by :func:`assistant.state.schema.upgrade` on a connection it
passes in ``config.attributes["connection"]`` (there is no alembic.ini)."""

from __future__ import annotations

from alembic import context

from assistant.state.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
