"""The work in flight, for ``assistant status``: claims held now (by which worker, until
when) and the triage jobs in the queue, read from the shared database."""

from __future__ import annotations

from collections import Counter
from typing import Any

from assistant.state import Store, leases
from assistant.work import queue


def work_status(store: Store, db_url: str, lease_seconds: float = leases.DEFAULT_SECONDS) -> dict[str, Any]:
    """``claimed`` (live claims), ``expired`` (claims of workers that stopped renewing them:
    taken over by the next worker that wants the work; an approval's is shown for
    ``assistant drafts release``), ``workers`` (live claims per ``host:pid``), ``claims`` (each
    one) and ``queue`` (triage jobs queued, picked and picked by a worker gone quiet; None on
    SQLite, which has no queue)."""
    with store.session() as s:
        held = leases.held(s)
    return {
        "claimed": sum(not h.expired for h in held),
        "expired": sum(h.expired for h in held),
        "workers": dict(sorted(Counter(h.worker for h in held if not h.expired).items())),
        "claims": [
            {
                "key": h.key,
                "worker": h.worker,
                "claimed_at": _iso(h.claimed_at),
                "expires_at": _iso(h.expires_at),
                "attempts": h.attempts,
                "expired": h.expired,
            }
            for h in held
        ],
        "queue": queue.counts(db_url, lease_seconds).__dict__ if queue.is_queued(db_url) else None,
    }


def _iso(at: Any) -> str:
    return at.isoformat(timespec="seconds") + "+00:00"  # stored in UTC, without the zone
