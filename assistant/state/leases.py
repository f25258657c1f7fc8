"""Claims on work in progress, with a lease: a message is claimed before it is triaged, a
draft before it is approved, by one worker (``host:pid``) until the lease expires.

A claim is one atomic ``INSERT … ON CONFLICT (key) DO UPDATE … WHERE`` the lease held has
expired (its worker died or stopped renewing) or is the claimer's own: of any number of
workers racing for a key, on one machine or several, exactly one gets it, in SQLite and in
PostgreSQL alike. The holder renews its leases while it works and deletes them when done.
Times are UTC, read from the database server's clock on PostgreSQL (so machines whose clocks
differ agree on when a lease has expired).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from assistant.state.models import Lease

if TYPE_CHECKING:
    from assistant.state.store import Store

log = logging.getLogger(__name__)

#: Default lease of a claim (``ASSISTANT_LEASE_SECONDS``).
DEFAULT_SECONDS = 300.0
#: Keys claimed per statement.
_CHUNK = 500


def worker_id() -> str:
    """This process as a worker: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def message_key(message_pk: int) -> str:
    return f"message:{message_pk}"


def draft_key(draft_id: int) -> str:
    return f"draft:{draft_id}"


def db_now(session: Session) -> datetime:
    """Now, in UTC without a zone (as the tables store times): the PostgreSQL server's clock,
    or this machine's for SQLite (one machine)."""
    if session.get_bind().dialect.name == "postgresql":
        return session.execute(text("SELECT (clock_timestamp() AT TIME ZONE 'UTC')")).scalar_one()
    return datetime.now(UTC).replace(tzinfo=None)


def claim(session: Session, keys: Sequence[str], worker: str, seconds: float) -> list[str]:
    """Claim ``keys`` for ``worker`` for ``seconds``; returns the keys claimed now (in the
    order given). A key held by another worker whose lease has not expired is not claimed;
    one whose lease has expired is taken over (its ``attempts`` goes up); one the worker holds
    already is renewed. The caller commits."""
    if not keys:
        return []
    now = db_now(session)
    expires = now + timedelta(seconds=seconds)
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    got: set[str] = set()
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), _CHUNK):
        stmt = insert(Lease).values(
            [
                {"key": k, "worker": worker, "claimed_at": now, "expires_at": expires, "attempts": 1}
                for k in unique[start : start + _CHUNK]
            ]
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[Lease.key],
            set_={
                "worker": stmt.excluded.worker,
                "claimed_at": case(
                    (Lease.worker == stmt.excluded.worker, Lease.claimed_at), else_=stmt.excluded.claimed_at
                ),
                "expires_at": stmt.excluded.expires_at,
                "attempts": case((Lease.worker == stmt.excluded.worker, Lease.attempts), else_=Lease.attempts + 1),
            },
            where=(Lease.expires_at < now) | (Lease.worker == worker),
        ).returning(Lease.key)
        got.update(session.scalars(stmt))
    return [k for k in unique if k in got]


def renew(session: Session, keys: Iterable[str], worker: str, seconds: float) -> list[str]:
    """Extend ``worker``'s leases on ``keys`` by ``seconds`` from now; returns the keys it still
    held (one missing was taken over after its lease expired: its work is no longer ours)."""
    keys = list(keys)
    if not keys:
        return []
    expires = db_now(session) + timedelta(seconds=seconds)
    kept: list[str] = []
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        kept += session.scalars(
            update(Lease)
            .where(Lease.key.in_(chunk), Lease.worker == worker)
            .values(expires_at=expires)
            .returning(Lease.key)
        ).all()
    return kept


def release(session: Session, keys: Iterable[str], worker: str) -> int:
    """Delete ``worker``'s leases on ``keys`` (the work is done, or given up); returns how many."""
    keys = list(keys)
    gone = 0
    for start in range(0, len(keys), _CHUNK):
        gone += session.execute(
            delete(Lease).where(Lease.key.in_(keys[start : start + _CHUNK]), Lease.worker == worker)
        ).rowcount  # type: ignore[attr-defined]
    return gone


class Renewal:
    """Renews a worker's leases on ``keys`` every third of the lease, on a thread of its own,
    until the work is done."""

    def __init__(self, store: Store, keys: list[str], worker: str, seconds: float) -> None:
        self.store, self.keys, self.worker, self.seconds = store, keys, worker, seconds
        self.lost: set[str] = set()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-renewal", daemon=True)

    def __enter__(self) -> Renewal:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(self.seconds / 3):
            mine = [k for k in self.keys if k not in self.lost]
            try:
                with self.store.session() as s:
                    kept = set(renew(s, mine, self.worker, self.seconds))
            except Exception as exc:  # noqa: BLE001 - the database is away for a moment: the next round tries again
                log.warning("could not renew %d lease(s) of %s: %s", len(mine), self.worker, exc)
                continue
            for key in set(mine) - kept:
                log.warning("%s: the claim of %s expired and was taken over by another worker", key, self.worker)
                self.lost.add(key)


@dataclass(frozen=True)
class Held:
    key: str
    worker: str
    claimed_at: datetime
    expires_at: datetime
    attempts: int
    expired: bool


def held(session: Session) -> list[Held]:
    """Every lease in the table, oldest claim first, with whether it has expired."""
    now = db_now(session)
    rows = session.scalars(select(Lease).order_by(Lease.claimed_at, Lease.key)).all()
    return [Held(r.key, r.worker, r.claimed_at, r.expires_at, r.attempts, r.expires_at < now) for r in rows]
