"""The daily inbox digest: figures from a seeded state database, the renderers, and SMTP."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from assistant.config import load_settings
from assistant.digest import (
    UNASSIGNED,
    build_digest,
    render_html,
    render_markdown,
    render_text,
    send_digests,
    to_email,
    write_digest,
)
from assistant.errors import UserError
from assistant.state import Store
from assistant.state.models import Client, Draft, Message, TriageResult

DAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
ANNA, SOMCHAI = "anna@agency.example", "somchai@agency.example"
XSS_SUBJECT = "<script>alert('subject')</script> Invoice"
XSS_TEXT = (
    "We will pay next month <img src=x onerror=alert(1)>, please keep working meanwhile. "
    "Also, our accountant is on holiday, so the remaining half of the October invoice will have to wait "
    "until she is back. Thanks for understanding!"
)

SOW = {"document": "fjord/sow.md", "title": "SOW 2026", "kind": "scope", "date": "2026-01-15"}
IN_CLAUSE = {**SOW, "section": "2.1", "text": "SEO for up to 20 landing pages per quarter.", "excluded": False}
OUT_CLAUSE = {
    **SOW,
    "section": "3.2",
    "text": "Logo, graphic design and visual identity are not included.",
    "excluded": True,
}
CALL_NOTE = {
    "document": "lotus/call-2026-10-02.md",
    "title": "Kick-off call notes",
    "kind": "call_notes",
    "date": "2026-10-02",
    "section": "",
    "text": "Status calls every second Tuesday; urgent matters by email.",
    "excluded": False,
}


def _result(
    label: str,
    *,
    red_flags: list[str] | None = None,
    evidence: list[dict[str, Any]] | None = None,
    requests: list[Any] | None = None,
    needs_judgement: bool = False,
) -> dict[str, Any]:
    """Shaped like assistant.label.schema.TriageResult.model_dump(mode="json")."""
    return {
        "label": label,
        "red_flags": red_flags or [],
        "requests": requests or [],
        "evidence": evidence or [],
        "confidence": 0.9,
        "rationale": "test",
        "engine": "offline",
        "reply_needed": label != "in_scope",
        "language": "en",
        "fallback_reason": None,
        "needs_judgement": needs_judgement,
    }


class Seeder:
    def __init__(self, store: Store) -> None:
        self.store, self.n = store, 0

    def msg(
        self,
        client: str | None,
        when: datetime,
        label: str | None,
        *,
        subject: str = "Hello",
        text: str = "Hi",
        auto: bool = False,
        **result: Any,
    ) -> int:
        self.n += 1
        with self.store.session() as s:
            m = Message(
                message_id=f"<m{self.n}@client.example>",
                source_key="test",
                location=str(self.n),
                sender_email=f"{client or 'stranger'}@client.example",
                subject=subject,
                date=when,
                new_text=text,
                is_auto_reply=auto,
                parsed={},
                raw=b"",
                client_id=client,
                client_match="contact" if client else "unknown",
            )
            s.add(m)
            s.flush()
            if label is not None:
                s.add(
                    TriageResult(
                        message_pk=m.id, label=label, engine="offline", confidence=0.9, result=_result(label, **result)
                    )
                )
            return m.id

    def draft(self, message_pk: int, status: str, created: datetime) -> int:
        with self.store.session() as s:
            d = Draft(
                message_pk=message_pk,
                status=status,
                to_addr="client@client.example",
                subject=f"Re: draft {message_pk}",
                body="Hello",
                created_at=created,
            )
            s.add(d)
            s.flush()
            return d.id


def at(d: date, hour: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 0, tzinfo=UTC)


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Store, dict[str, int]]:
    store = Store(f"sqlite:///{tmp_path / 'state.db'}")
    with store.session() as s:
        s.add_all(
            [
                Client(id="fjord", name="Fjord Bakery", account_manager=ANNA),
                Client(id="lotus", name="Lotus Spa", account_manager=ANNA),
                Client(id="nordic", name="Nordic Bikes", account_manager=SOMCHAI),
                Client(id="orphan", name="Orphan & Co", account_manager=""),
            ]
        )
    sd = Seeder(store)
    ids: dict[str, int] = {}
    # Fjord Bakery (Anna): busy today, scope creep growing.
    ids["fjord_thanks"] = sd.msg("fjord", at(DAY, 9), "in_scope", subject="Thanks for the report", evidence=[IN_CLAUSE])
    ids["fjord_logo"] = sd.msg(
        "fjord",
        at(DAY, 10),
        "out_of_scope",
        subject="Logo + blog posts",
        requests=["Design a new logo for the shop", "Write 4 extra blog posts"],
        evidence=[IN_CLAUSE, OUT_CLAUSE],
    )
    ids["fjord_pay"] = sd.msg(
        "fjord",
        at(DAY, 11),
        "red_flag",
        subject=XSS_SUBJECT,
        text=XSS_TEXT,
        red_flags=["late_payment"],
        evidence=[IN_CLAUSE],
    )
    ids["fjord_untriaged"] = sd.msg("fjord", at(DAY, 12), None, subject="Just arrived")
    sd.msg("fjord", at(DAY, 13), None, subject="Out of office", auto=True)  # auto-reply: not counted
    ids["fjord_1119"] = sd.msg(
        "fjord", at(date(2026, 11, 19)), "out_of_scope", requests=["Extra page"], evidence=[OUT_CLAUSE]
    )
    sd.msg("fjord", at(date(2026, 11, 3)), "out_of_scope", requests=["Extra page"], evidence=[OUT_CLAUSE])
    sd.msg("fjord", at(date(2026, 10, 25)), "out_of_scope", evidence=[OUT_CLAUSE])  # last month, after the 20th
    sd.msg("fjord", at(date(2026, 10, 5)), "out_of_scope", evidence=[OUT_CLAUSE])  # last month, to date
    sd.msg("fjord", at(date(2026, 10, 22)), "in_scope")  # first day of the 30-day window
    sd.msg("fjord", at(date(2026, 10, 21)), "in_scope")  # just outside it
    sd.msg("fjord", at(date(2026, 11, 21)), "red_flag", red_flags=["late_payment"])  # tomorrow: not seen
    # Lotus Spa (Anna): quiet for three weeks.
    ids["lotus_call"] = sd.msg("lotus", at(date(2026, 10, 30)), "in_scope")
    # Nordic Bikes (Somchai).
    ids["nordic_flag"] = sd.msg(
        "nordic",
        at(DAY, 8),
        "red_flag",
        subject="Cheaper elsewhere",
        text="A freelancer offers this for half. Just make it better, we never agreed goals.",
        red_flags=["discount_pressure", "unclear_goals"],
    )
    ids["nordic_ok"] = sd.msg("nordic", at(DAY, 15), "in_scope", subject="Tuesday call")
    ids["nordic_old"] = sd.msg("nordic", at(date(2026, 11, 6)), "in_scope")
    sd.msg("nordic", at(date(2026, 9, 10)), "out_of_scope", evidence=[OUT_CLAUSE])  # two months ago
    sd.msg(None, at(DAY), "in_scope", subject="Who are you?")  # unknown sender: not in any digest
    # Drafts of various ages and statuses.
    ids["d_stale"] = sd.draft(ids["fjord_logo"], "pending", NOW - timedelta(days=3))
    ids["d_fresh"] = sd.draft(ids["fjord_pay"], "pending", NOW - timedelta(hours=2))
    ids["d_approved"] = sd.draft(ids["fjord_1119"], "approved", NOW - timedelta(days=5))
    ids["d_stale2"] = sd.draft(ids["nordic_old"], "pending", NOW - timedelta(hours=25))
    ids["d_rejected"] = sd.draft(ids["lotus_call"], "rejected", NOW - timedelta(days=9))
    return store, ids


def test_groups_by_manager_and_counts_new_messages_per_client_and_label(seeded: Any) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    assert [m.manager for m in d.managers] == [ANNA, SOMCHAI, UNASSIGNED]
    anna = d.manager(ANNA)
    assert [c.client_id for c in anna.clients] == ["fjord", "lotus"]
    assert anna.client("fjord").new == {"in_scope": 1, "out_of_scope": 1, "red_flag": 1, "untriaged": 1}
    assert anna.client("lotus").new == {}
    assert d.manager(SOMCHAI).client("nordic").new == {"red_flag": 1, "in_scope": 1}
    assert [c.client_id for c in d.manager(UNASSIGNED).clients] == ["orphan"]
    assert (anna.new_total, anna.red_flag_total) == (4, 1)
    assert (d.new_total, d.red_flag_total) == (6, 2)

    # Cross-check against the stored rows: the client's own messages dated that day, not auto-replies.
    for client, act in (("fjord", anna.client("fjord")), ("nordic", d.manager(SOMCHAI).client("nordic"))):
        stored: dict[str, int] = {}
        for m in store.messages():
            if m.client_id == client and not m.is_auto_reply and m.date.date() == DAY:
                label = m.triage.label if m.triage else "untriaged"
                stored[label] = stored.get(label, 0) + 1
        assert act.new == stored


def test_out_of_scope_lines_name_the_excluded_clause(seeded: Any) -> None:
    store, ids = seeded
    anna = build_digest(store, DAY, now=NOW).manager(ANNA)
    assert [(x.request, x.message_pk) for x in anna.out_of_scope] == [
        ("Design a new logo for the shop", ids["fjord_logo"]),
        ("Write 4 extra blog posts", ids["fjord_logo"]),
    ]
    for line in anna.out_of_scope:  # the excluded clause wins over the earlier, non-excluded one
        assert (line.clause, line.section, line.document_title, line.document_date, line.excluded) == (
            OUT_CLAUSE["text"],
            "3.2",
            "SOW 2026",
            "2026-01-15",
            True,
        )
    assert build_digest(store, DAY, now=NOW).manager(SOMCHAI).out_of_scope == []


def test_out_of_scope_without_excluded_clause_uses_first_evidence_and_subject(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    with store.session() as s:
        s.add(Client(id="lotus", name="Lotus Spa", account_manager=ANNA))
    Seeder(store).msg("lotus", at(DAY), "out_of_scope", subject="Can we call tonight?", evidence=[CALL_NOTE, IN_CLAUSE])
    [line] = build_digest(store, DAY, now=NOW).manager(ANNA).out_of_scope
    assert (line.request, line.clause, line.document_title, line.document_date, line.excluded) == (
        "Can we call tonight?",
        CALL_NOTE["text"],
        "Kick-off call notes",
        "2026-10-02",
        False,
    )


def test_each_pushed_back_request_is_listed_with_its_own_clause_and_judgement_calls_are_listed(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    with store.session() as s:
        s.add(Client(id="fjord", name="Fjord", account_manager=ANNA))
    requests = [
        {"text": "Move the call to Friday", "verdict": "covered", "evidence": CALL_NOTE},
        {"text": "Design a new logo", "verdict": "excluded", "evidence": OUT_CLAUSE},
    ]
    seeder = Seeder(store)
    seeder.msg("fjord", at(DAY), "out_of_scope", subject="Call and logo", requests=requests, evidence=[OUT_CLAUSE])
    seeder.msg("fjord", at(DAY), "in_scope", subject="Hmm", needs_judgement=True)
    md = build_digest(store, DAY, now=NOW).manager(ANNA)
    assert [(line.request, line.clause) for line in md.out_of_scope] == [("Design a new logo", OUT_CLAUSE["text"])]
    assert [(j.subject, j.label) for j in md.needs_judgement] == [("Hmm", "in_scope")]


def test_red_flags_with_categories_and_short_quote(seeded: Any) -> None:
    store, ids = seeded
    d = build_digest(store, DAY, now=NOW)
    [rf] = d.manager(ANNA).red_flags
    assert (rf.message_pk, rf.categories, rf.subject) == (ids["fjord_pay"], ["late_payment"], XSS_SUBJECT)
    assert len(rf.quote) <= 160 and rf.quote.endswith("…") and XSS_TEXT.startswith(rf.quote[:-1])
    [rf2] = d.manager(SOMCHAI).red_flags
    assert rf2.categories == ["discount_pressure", "unclear_goals"]
    assert rf2.quote == "A freelancer offers this for half. Just make it better, we never agreed goals."


def test_stale_drafts_are_pending_and_older_than_a_day(seeded: Any) -> None:
    store, ids = seeded
    d = build_digest(store, DAY, now=NOW)
    assert [(x.draft_id, x.client_id, x.age_days) for x in d.manager(ANNA).stale_drafts] == [
        (ids["d_stale"], "fjord", 3)
    ]
    assert [(x.draft_id, x.age_days) for x in d.manager(SOMCHAI).stale_drafts] == [(ids["d_stale2"], 1)]
    # The same rows, straight from the store: pending and created before now - 1 day.
    expected = {x.id for x in store.drafts("pending") if x.created_at.replace(tzinfo=UTC) < NOW - timedelta(days=1)}
    got = {x.draft_id for m in d.managers for x in m.stale_drafts}
    assert got == expected == {ids["d_stale"], ids["d_stale2"]}


def test_quiet_clients_beyond_cadence(seeded: Any) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    [q] = d.manager(ANNA).quiet_clients
    assert (q.client_id, q.last_contact, q.days) == ("lotus", date(2026, 10, 30), 21)
    [never] = d.manager(UNASSIGNED).quiet_clients
    assert (never.client_id, never.last_contact, never.days) == ("orphan", None, None)
    assert d.manager(SOMCHAI).quiet_clients == []
    # Exactly 14 days is within the cadence; 15 is not.
    assert [q.client_id for q in build_digest(store, date(2026, 11, 13), now=NOW).manager(ANNA).quiet_clients] == []
    assert [q.client_id for q in build_digest(store, date(2026, 11, 14), now=NOW).manager(ANNA).quiet_clients] == [
        "lotus"
    ]
    assert [q.client_id for q in build_digest(store, DAY, cadence_days=30, now=NOW).manager(ANNA).quiet_clients] == []


def test_scope_creep_this_month_vs_last_month(seeded: Any) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    fjord = d.manager(ANNA).client("fjord")
    assert (fjord.out_of_scope_this_month, fjord.out_of_scope_last_month_to_date, fjord.out_of_scope_last_month) == (
        3,
        1,
        2,
    )
    assert fjord.trend == "up"
    nordic = d.manager(SOMCHAI).client("nordic")
    assert (nordic.out_of_scope_this_month, nordic.out_of_scope_last_month) == (0, 0)
    assert nordic.trend == "flat"
    # A digest of an earlier day only sees mail up to that day.
    early = build_digest(store, date(2026, 11, 10), now=NOW).manager(ANNA).client("fjord")
    assert (early.out_of_scope_this_month, early.out_of_scope_last_month_to_date, early.out_of_scope_last_month) == (
        1,
        1,
        2,
    )


def test_labels_per_client_over_30_days(seeded: Any) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    # Oct 22 .. Nov 20: today's four, Nov 19, Nov 3, Oct 25 (out of scope), Oct 22 (in scope); not Oct 21 or Nov 21.
    assert d.manager(ANNA).client("fjord").labels_30d == {
        "in_scope": 2,
        "out_of_scope": 4,
        "red_flag": 1,
        "untriaged": 1,
    }
    assert d.manager(ANNA).client("lotus").labels_30d == {"in_scope": 1}
    assert d.manager(SOMCHAI).client("nordic").labels_30d == {"red_flag": 1, "in_scope": 2}
    assert d.manager(UNASSIGNED).client("orphan").labels_30d == {}


def test_html_is_email_safe_and_escapes_client_text(seeded: Any) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    html = render_html(d)
    assert "<script" not in html.lower() and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt; Invoice" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Orphan &amp; Co" in html
    assert not re.search(r"https?://", html) and "<link" not in html and "<style" not in html and "@import" not in html
    assert "<img" not in html and not re.search(r"\ssrc=\"", html)  # the chart is HTML bars: nothing to block
    # The figures.
    for text in (
        "Inbox digest 2026-11-20 — 6 new, 2 red flags",
        "Fjord Bakery",
        "Lotus Spa",
        "Nordic Bikes",
        "Logo, graphic design and visual identity are not included.",
        "Design a new logo for the shop",
        "late payment",
        "discount pressure",
        "unclear goals",
        "last message 2026-10-30 (21 days ago)",
        "no message ever",
        f"#{_stale_id(d)}",
        "3 d",
    ):
        assert text in html, text


def _stale_id(d: Any) -> int:
    return d.manager(ANNA).stale_drafts[0].draft_id


def test_plain_text_has_the_same_key_lines(seeded: Any) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    text = render_text(d, manager=ANNA)
    assert text.startswith("Inbox digest 2026-11-20 — 4 new, 1 red flag\n")
    assert "  Fjord Bakery: 4 new (in scope 1, out of scope 1, red flag 1, untriaged 1)" in text
    assert (
        '  - Fjord Bakery: Design a new logo for the shop — outside "Logo, graphic design and visual identity '
        'are not included." (3.2 of "SOW 2026" (2026-01-15))'
    ) in text
    assert "  - Fjord Bakery [late payment] " + XSS_SUBJECT in text
    assert f"  - draft {_stale_id(d)} for Fjord Bakery (client@client.example): Re: draft" in text
    assert "  - Lotus Spa: last message 2026-10-30 (21 days ago)" in text
    assert "  Fjord Bakery: 3 / 1 / 2 ▲" in text
    assert "  Fjord Bakery: in scope 2, out of scope 4, red flag 1, untriaged 1" in text
    assert "Nordic Bikes" not in text


def test_markdown_and_write_digest(seeded: Any, tmp_path: Path) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    md = render_markdown(d)
    assert "&lt;script&gt;" in md and "<script" not in md and "<img" not in md
    assert "| Fjord Bakery | 4 | 1 | 1 | 1 | 1 |" in md
    assert "| Fjord Bakery | 3 | 1 | 2 | ▲ |" in md
    assert write_digest(d, tmp_path / "out" / "d.md").read_text(encoding="utf-8") == md
    html = write_digest(d, tmp_path / "d.html").read_text(encoding="utf-8")
    assert "Labels per client, last 30 days" in html and "<img" not in html
    with pytest.raises(UserError) as err:
        write_digest(d, tmp_path / "d.pdf")
    assert ".html or .md" in str(err.value)


def test_to_email_structure(seeded: Any) -> None:
    store, _ = seeded
    d = build_digest(store, DAY, now=NOW)
    msg = message_from_bytes(to_email(d, ANNA, "digest@agency.example").as_bytes(), policy=policy.default)
    _check_email(msg, ANNA, "Inbox digest 2026-11-20 — 4 new, 1 red flag")
    with pytest.raises(UserError):
        to_email(d, UNASSIGNED, "digest@agency.example")


def _check_email(msg: Any, to: str, subject: str) -> None:
    assert msg["To"] == to and msg["Subject"] == subject
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    assert text.get_content().startswith(subject)
    body = html.get_content()
    assert "<script" not in body.lower()
    # The chart is HTML bars: no image part to block, nothing referenced by cid:.
    assert [p.get_content_type() for p in msg.walk()] == ["multipart/alternative", "text/plain", "text/html"]
    assert "<img" not in body and "cid:" not in body


def test_send_digests_one_email_per_manager(seeded: Any, smtp_server: Any) -> None:
    store, _ = seeded
    port, handler = smtp_server
    settings = load_settings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", smtp_from="digest@agency.example"
    )
    assert send_digests(store, settings, DAY, now=NOW) == [ANNA, SOMCHAI]
    for _ in range(50):
        if len(handler.envelopes) >= 2:
            break
        time.sleep(0.05)
    assert len(handler.envelopes) == 2  # the unassigned client is not emailed
    by_rcpt = {tuple(e.rcpt_tos): e for e in handler.envelopes}
    assert set(by_rcpt) == {(ANNA,), (SOMCHAI,)}
    for to, subject in (
        (ANNA, "Inbox digest 2026-11-20 — 4 new, 1 red flag"),
        (SOMCHAI, "Inbox digest 2026-11-20 — 2 new, 1 red flag"),
    ):
        env = by_rcpt[(to,)]
        assert env.mail_from == "digest@agency.example"
        _check_email(message_from_bytes(env.original_content or env.content, policy=policy.default), to, subject)


def test_send_digests_refuses_a_manager_without_an_address(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    with store.session() as s:
        s.add(Client(id="a", name="A", account_manager="Anna Jensen"))
    settings = load_settings(
        smtp_host="127.0.0.1", smtp_port=9, smtp_security="none", smtp_from="digest@agency.example"
    )
    with pytest.raises(UserError) as err:
        send_digests(store, settings, DAY, now=NOW)
    assert "account_manager" in str(err.value)


#: Client names in scripts Pillow's default font could not draw ("Z□oty K□os"): the chart must
#: carry them as text for the mail client to render in its own fonts.
CHART_CLIENTS = {"zloty": "Złoty Kłos", "blaa": "Blåbærgården ÆØÅ", "thai": "ร้านกาแฟใบไม้"}


@pytest.fixture
def chart_store(tmp_path: Path) -> Store:
    """Three clients of one manager with 30-day label counts 8 (4+2+2), 4 (4+0+0) and 2 (1+0+1)."""
    store = Store(f"sqlite:///{tmp_path / 'chart.db'}")
    with store.session() as s:
        s.add_all([Client(id=cid, name=name, account_manager=ANNA) for cid, name in CHART_CLIENTS.items()])
    sd = Seeder(store)
    counts = {"zloty": (4, 2, 2), "blaa": (4, 0, 0), "thai": (1, 0, 1)}
    for cid, per_label in counts.items():
        for label, n in zip(("in_scope", "out_of_scope", "red_flag"), per_label):
            for k in range(n):
                sd.msg(cid, at(DAY - timedelta(days=k + 1)), label)
    return store


def _chart_bars(html: str) -> dict[str, dict[str, Any]]:
    """Per client name in the chart: the widths (percent) of its coloured cells by label, and
    the width of the empty rest of its track."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h2", string=re.compile("Labels per client"))
    assert heading is not None
    chart = heading.find_next_sibling("table")
    bars: dict[str, dict[str, Any]] = {}
    for row in chart.find_all("tr", recursive=False):
        name_cell, track, _total = row.find_all("td", recursive=False)
        cells = track.find_all("td")
        segments = {c["title"].split(":")[0]: int(c["width"].rstrip("%")) for c in cells if c.has_attr("title")}
        rest = sum(int(c["width"].rstrip("%")) for c in cells if not c.has_attr("title"))
        bars[name_cell.get_text(strip=True)] = {"segments": segments, "rest": rest, "total": _total.get_text()}
    return bars


def test_chart_names_in_every_script_are_text_and_bars_are_proportional(chart_store: Store) -> None:
    d = build_digest(chart_store, DAY, now=NOW)
    html = render_html(d, manager=ANNA)
    assert "<img" not in html and "src=" not in html
    bars = _chart_bars(html)
    # The names as written, not as glyph boxes in a picture.
    assert set(bars) == set(CHART_CLIENTS.values())
    zloty, blaa, thai = (bars[n] for n in CHART_CLIENTS.values())
    # One scale: the busiest client's bar fills the track, the others in proportion to their counts.
    assert zloty["segments"] == {"in scope": 50, "out of scope": 25, "red flag": 25} and zloty["rest"] == 0
    assert blaa["segments"] == {"in scope": 50} and blaa["rest"] == 50
    assert thai["segments"] == {"in scope": 12, "red flag": 13} and thai["rest"] == 75
    assert [b["total"] for b in (zloty, blaa, thai)] == ["8", "4", "2"]
    for b in bars.values():
        assert sum(b["segments"].values()) + b["rest"] == 100


def test_chart_segments_never_exceed_the_track(tmp_path: Path) -> None:
    """Many small segments (each shown at least 1 % wide) still fit in 100 %."""
    from assistant.digest.build import ClientActivity, ManagerDigest
    from assistant.digest.render import chart_rows

    md = ManagerDigest(manager=ANNA)
    md.clients = [
        ClientActivity(client_id="big", name="Big", labels_30d={"in_scope": 300}),
        ClientActivity(client_id="small", name="Small", labels_30d={"in_scope": 1, "out_of_scope": 1, "red_flag": 1}),
        ClientActivity(client_id="tail", name="Tail", labels_30d={"in_scope": 299, "red_flag": 1}),
    ]
    rows = {r["name"]: r for r in chart_rows(md)}
    assert [s["pct"] for s in rows["Big"]["segments"]] == [100] and rows["Big"]["rest"] == 0
    assert [s["pct"] for s in rows["Tail"]["segments"]] == [99, 1] and rows["Tail"]["rest"] == 0
    assert [s["pct"] for s in rows["Small"]["segments"]] == [1, 1, 1] and rows["Small"]["rest"] == 97


def test_digest_command_writes_a_file_and_refuses_a_bad_date(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    runner = CliRunner()
    out = tmp_path / "digest.md"
    result = runner.invoke(app, ["digest", "--date", "2026-04-02", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("#")
    bad = runner.invoke(app, ["digest", "--date", "yesterday"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in str(bad.exception)


def test_watch_schedule_sends_yesterdays_digest_once(seeded: Any, smtp_server: Any) -> None:
    from assistant.digest.schedule import due_digest_day, send_due_digest

    store, _ = seeded
    port, handler = smtp_server
    settings = load_settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_from="digest@agency.example",
        digest_time="07:30",
    )
    morning = datetime(2026, 4, 3, 7, 0, tzinfo=UTC)
    assert due_digest_day(store, time_of_day(7, 30), morning) is None  # not yet
    assert send_due_digest(store, settings, morning) == []
    later = datetime(2026, 4, 3, 7, 45, tzinfo=UTC)
    sent = send_due_digest(store, settings, later)
    assert sent and len(handler.envelopes) == len(sent)
    subject = message_from_bytes(handler.envelopes[0].content, policy=policy.default)["Subject"]
    assert "2026-04-02" in subject  # yesterday's digest
    assert send_due_digest(store, settings, later + timedelta(hours=3)) == []  # once a day
    assert len(handler.envelopes) == len(sent)
    with pytest.raises(UserError, match="ASSISTANT_DIGEST_TIME"):
        load_settings(digest_time="half past seven")


class _RefusingRecipients:
    """An aiosmtpd handler that refuses the addresses in ``refuse`` and keeps the rest."""

    def __init__(self, refuse: set[str]) -> None:
        self.refuse, self.envelopes = refuse, []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


def test_a_digest_that_failed_halfway_is_not_sent_again_to_the_managers_it_reached(seeded: Any) -> None:
    import socket

    from aiosmtpd.controller import Controller

    from assistant.digest.schedule import send_due_digest

    store, _ = seeded
    handler = _RefusingRecipients({SOMCHAI})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = load_settings(
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_security="none",
            smtp_from="digest@agency.example",
            digest_time="07:30",
        )
        later = datetime(2026, 4, 3, 7, 45, tzinfo=UTC)
        with pytest.raises(UserError, match=SOMCHAI):
            send_due_digest(store, settings, later)
        assert [e.rcpt_tos for e in handler.envelopes] == [[ANNA]]
        handler.refuse.clear()  # Somchai's mailbox is back
        assert send_due_digest(store, settings, later + timedelta(minutes=25)) == [SOMCHAI]
        assert [e.rcpt_tos for e in handler.envelopes] == [[ANNA], [SOMCHAI]]  # Anna got hers once
        assert send_due_digest(store, settings, later + timedelta(hours=3)) == []
    finally:
        controller.stop()


def test_with_several_mailboxes_each_line_names_the_mailbox_its_message_came_to(seeded: Any) -> None:
    store, ids = seeded
    with store.session() as s:  # the Fjord Bakery's mail came to anna's mailbox, the rest elsewhere
        for m in s.query(Message):
            m.source_key = "imap://anna@h/INBOX" if m.client_id == "fjord" else "imap://shared@h/INBOX"
    names = {"imap://anna@h/INBOX": "anna", "imap://shared@h/INBOX": "shared"}
    d = build_digest(store, DAY, now=NOW, mailbox_of=names.get)
    anna, somchai = d.manager(ANNA), d.manager(SOMCHAI)
    assert {x.mailbox for x in anna.out_of_scope + anna.red_flags + anna.stale_drafts} == {"anna"}
    assert [(x.mailbox, x.message_pk) for x in somchai.red_flags] == [("shared", ids["nordic_flag"])]
    text, md, html = render_text(d), render_markdown(d), render_html(d)
    assert "  - Fjord Bakery (mailbox anna): Design a new logo for the shop" in text
    assert "  - Nordic Bikes (mailbox shared) [discount pressure, unclear goals] Cheaper elsewhere" in text
    assert f"  - draft {_stale_id(d)} for Fjord Bakery (mailbox anna) (client@client.example)" in text
    assert "- **Fjord Bakery** (mailbox anna): Design a new logo" in md
    assert "<strong>Fjord Bakery</strong> <span" in html and "(mailbox anna)</span>: Design a new logo" in html
    # One mailbox (mailbox_of not given): no names.
    assert "(mailbox" not in render_text(build_digest(store, DAY, now=NOW))


def test_every_format_lists_the_quarantined_mail_with_its_reason(seeded: Any) -> None:
    from assistant.mailin import RawMessage
    from assistant.pipeline import sync

    store, _ = seeded

    class Poison:
        key = "imap://anna@agency.example/INBOX"

        def fetch_new(self, cursor: object, since: object = None) -> list[RawMessage]:
            # a message the source could not read (a Maildir file it may not open)
            return [RawMessage(b"", f"{self.key};UID=9", error="PermissionError: <b>denied</b>")]

    assert sync(Poison(), store).quarantined == 1  # type: ignore[arg-type]
    d = build_digest(store, DAY, now=NOW)
    [line] = d.quarantined
    assert line.stage == "read" and line.reason.startswith("PermissionError")
    assert f"In quarantine (a stage failed; kept, not triaged): 1\n  - {line.quarantine_id} (" in render_text(d)
    assert f"### In quarantine (1)\n\n- {line.quarantine_id} (" in render_markdown(d)
    html = render_html(d, manager=ANNA)
    assert "In quarantine (1)" in html and "PermissionError" in html
    assert "<b>denied</b>" not in html and "&lt;b&gt;denied&lt;/b&gt;" in html  # client-controlled text is escaped
