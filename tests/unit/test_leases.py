"""Claims with a lease (``assistant.state.leases``), on SQLite and a real PostgreSQL: one
holder per key, renewal, expiry and takeover, and racing claimers."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select, update

from assistant.parse.models import Address, ParsedMessage
from assistant.state import Draft, Lease, Message, Store, leases


def _expire(store: Store, key: str) -> None:
    """The lease on ``key`` ran out (its worker died and never renewed it)."""
    with store.session() as s:
        now = leases.db_now(s)
        s.execute(update(Lease).where(Lease.key == key).values(expires_at=now - timedelta(seconds=1)))


def test_one_holder_per_key_until_its_lease_expires(database_url: str) -> None:
    store = Store(database_url)
    with store.session() as s:
        assert leases.claim(s, ["message:1", "message:2"], "a:1", 300) == ["message:1", "message:2"]
    with store.session() as s:
        assert leases.claim(s, ["message:2", "message:3"], "b:2", 300) == ["message:3"]
    with store.session() as s:  # a worker's own claim is renewed, not refused
        assert leases.claim(s, ["message:1"], "a:1", 300) == ["message:1"]
        rows = {h.key: h for h in leases.held(s)}
    assert {k: (h.worker, h.attempts, h.expired) for k, h in rows.items()} == {
        "message:1": ("a:1", 1, False),
        "message:2": ("a:1", 1, False),
        "message:3": ("b:2", 1, False),
    }
    store.close()


def test_an_expired_lease_is_taken_over_and_its_old_holder_loses_it(database_url: str) -> None:
    store = Store(database_url)
    with store.session() as s:
        leases.claim(s, ["message:7"], "dead:1", 300)
    _expire(store, "message:7")
    with store.session() as s:
        assert [h.expired for h in leases.held(s)] == [True]
        assert leases.claim(s, ["message:7"], "alive:2", 300) == ["message:7"]
    with store.session() as s:
        (row,) = leases.held(s)
        assert (row.worker, row.attempts, row.expired) == ("alive:2", 2, False)
        # The first holder comes back to life: its renewal and release find nothing of its own.
        assert leases.renew(s, ["message:7"], "dead:1", 300) == []
        assert leases.release(s, ["message:7"], "dead:1") == 0
        assert leases.renew(s, ["message:7"], "alive:2", 600) == ["message:7"]
    with store.session() as s:
        assert leases.release(s, ["message:7"], "alive:2") == 1
        assert leases.held(s) == []
    store.close()


def test_renewal_moves_the_expiry_forward(database_url: str) -> None:
    store = Store(database_url)
    with store.session() as s:
        leases.claim(s, ["message:1"], "a:1", 5)
    with store.session() as s:
        before = s.scalar(select(Lease.expires_at))
        leases.renew(s, ["message:1"], "a:1", 3600)
    with store.session() as s:
        after = s.scalar(select(Lease.expires_at))
    assert after - before > timedelta(seconds=3000)
    store.close()


def test_racing_workers_claim_each_key_exactly_once(database_url: str) -> None:
    store = Store(database_url)
    keys = [leases.message_key(i) for i in range(300)]
    won: dict[str, list[str]] = {}
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        mine: list[str] = []
        try:
            barrier.wait()
            for start in range(0, len(keys), 20):  # in small batches, interleaved with the others
                for _attempt in range(50):
                    try:
                        with store.session() as s:
                            mine += leases.claim(s, keys[start : start + 20], name, 300)
                        break
                    except Exception as exc:
                        if "locked" not in str(exc):
                            raise
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        won[name] = mine

    threads = [threading.Thread(target=worker, args=(f"w{i}:{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    claimed = [k for mine in won.values() for k in mine]
    assert sorted(claimed) == sorted(keys)  # every key once: none twice, none left out
    with store.session() as s:
        owners = {h.key: h.worker for h in leases.held(s)}
    assert all(owners[k] == name for name, mine in won.items() for k in mine)
    store.close()


def _pending_draft(store: Store) -> int:
    with store.open_session() as s:
        pm = ParsedMessage(message_id="<a@c.example>", subject="Hej", sender=Address(email="c@c.example"))
        store.add_message(s, pm, b"raw", source_key="k", location="1")
        m = s.scalar(select(Message).where(Message.message_id == pm.message_id))
        s.add(Draft(message_pk=m.id, to_addr="c@c.example", subject="Re: Hej", body="Hej"))
        s.commit()
        return s.scalar(select(Draft.id))


def test_racing_approvals_claim_a_draft_once_and_record_who(database_url: str) -> None:
    store = Store(database_url)
    draft_id = _pending_draft(store)
    others = [Store(database_url) for _ in range(4)]  # as if from four processes
    for i, other in enumerate(others):
        other.worker = f"machine{i}:100{i}"
    results: dict[str, bool] = {}
    barrier = threading.Barrier(len(others))

    def approve(other: Store) -> None:
        barrier.wait()
        for _attempt in range(50):
            try:
                results[other.worker] = other.claim_draft(draft_id, actor="anna", purpose="append")
                return
            except Exception as exc:
                if "locked" not in str(exc):
                    raise

    threads = [threading.Thread(target=approve, args=(o,)) for o in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [w for w, ok in results.items() if ok]
    assert len(results) == 4 and len(winners) == 1
    with store.session() as s:
        (held,) = leases.held(s)
    assert (held.key, held.worker) == (leases.draft_key(draft_id), winners[0])
    # The approval ends (APPENDed): its claim goes with it.
    assert store.set_draft_status(draft_id, "approved", actor="anna")
    with store.session() as s:
        assert leases.held(s) == []
    for o in others:
        o.close()
    store.close()


def test_a_mailbox_another_worker_is_labelling_is_left_to_it(tmp_path: object, database_url: str) -> None:
    from assistant.config import Settings
    from assistant.review.mailbox import label_in_mailbox
    from assistant.state import TriageResult

    settings = Settings(
        home=tmp_path, imap_host="127.0.0.1", imap_port=1, imap_user="anna", imap_password="x", imap_security="none"
    )
    key = settings.imap_source_key()
    store = Store(database_url)
    with store.open_session() as s:
        pm = ParsedMessage(message_id="<l@c.example>", subject="Hej", sender=Address(email="c@c.example"))
        store.add_message(s, pm, b"raw", source_key=key, location="1")
        m = s.scalar(select(Message).where(Message.message_id == pm.message_id))
        s.add(TriageResult(message_pk=m.id, label="in_scope", engine="offline", result={"label": "in_scope"}))
        s.commit()
    with store.session() as s:
        leases.claim(s, [f"labels:{key}"], "other:1", 300)
    # Port 1 answers nobody: had it tried to connect, the report would carry the error.
    report = label_in_mailbox(store, settings)
    assert (report.why, report.error, report.labelled) == ("another worker is labelling this mailbox now", None, 0)
    with store.session() as s:
        assert [(h.key, h.worker) for h in leases.held(s)] == [(f"labels:{key}", "other:1")]
    store.close()
