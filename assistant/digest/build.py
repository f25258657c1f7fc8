"""Collecting the figures of one day's digest from the state database.

Times: message dates and draft timestamps are compared in UTC. A stored datetime without a
time zone (SQLite drops it) is taken to be UTC. "That day" is the UTC calendar day.

Only client mail counts: messages resolved to a client (``client_id`` set), not auto-replies or
bounces. Our own mail and unknown senders are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from assistant.label.schema import OUTSIDE_VERDICTS
from assistant.state.models import Client, Draft, Message
from assistant.state.store import Store

#: The manager key for clients without an account manager.
UNASSIGNED = "unassigned"
#: The label of a message nobody has triaged yet.
UNTRIAGED = "untriaged"
LABEL_ORDER = ("in_scope", "out_of_scope", "red_flag", UNTRIAGED)
QUOTE_CHARS = 160
CHART_DAYS = 30
STALE_AFTER = timedelta(days=1)


@dataclass
class ClientActivity:
    """One client's figures for the day, plus its trend and 30-day label counts."""

    client_id: str
    name: str
    #: New messages that day per label (``untriaged`` for messages without a label yet).
    new: dict[str, int] = field(default_factory=dict)
    #: ``out_of_scope`` messages from the 1st of the month up to and including the day.
    out_of_scope_this_month: int = 0
    #: ``out_of_scope`` messages in the whole previous month.
    out_of_scope_last_month: int = 0
    #: ``out_of_scope`` messages in the previous month up to the same day of the month.
    out_of_scope_last_month_to_date: int = 0
    #: Labels over the 30 days ending with the day (inclusive).
    labels_30d: dict[str, int] = field(default_factory=dict)
    last_contact: date | None = None

    @property
    def new_total(self) -> int:
        return sum(self.new.values())

    @property
    def trend(self) -> str:
        """``up``/``down``/``flat``: this month to date against the same period last month."""
        a, b = self.out_of_scope_this_month, self.out_of_scope_last_month_to_date
        return "up" if a > b else "down" if a < b else "flat"


@dataclass
class OutOfScopeLine:
    client_id: str
    client_name: str
    message_pk: int
    subject: str
    request: str
    #: The clause the request falls outside (first excluded evidence, else the first evidence).
    clause: str = ""
    section: str = ""
    document: str = ""
    document_title: str = ""
    document_date: str = ""
    excluded: bool = False
    #: The mailbox the message came to (only when several are configured).
    mailbox: str | None = None


@dataclass
class RedFlagLine:
    client_id: str
    client_name: str
    message_pk: int
    subject: str
    sender: str
    categories: list[str]
    quote: str
    #: The mailbox the message came to (only when several are configured).
    mailbox: str | None = None


@dataclass
class StaleDraft:
    draft_id: int
    client_id: str
    client_name: str
    subject: str
    to_addr: str
    created_at: datetime
    age_days: int
    #: The mailbox the message came to (only when several are configured).
    mailbox: str | None = None


@dataclass
class JudgementLine:
    """A message the engine could not decide with confidence: a person should."""

    client_id: str
    client_name: str
    message_pk: int
    subject: str
    label: str
    #: The mailbox the message came to (only when several are configured).
    mailbox: str | None = None


@dataclass
class QuietClient:
    client_id: str
    client_name: str
    #: Date of the latest message from the client, or None when it never wrote.
    last_contact: date | None
    #: Days from the last contact to the digest day (None: never).
    days: int | None


@dataclass
class QuarantineLine:
    """A message a stage failed on: kept, not triaged (``assistant quarantine show ID``). Only
    where and why: a message that could not be stored has no client to tell whose it is."""

    quarantine_id: int
    at: datetime
    stage: str
    reason: str


@dataclass
class ManagerDigest:
    manager: str  # the account manager (an email address) or UNASSIGNED
    clients: list[ClientActivity] = field(default_factory=list)
    out_of_scope: list[OutOfScopeLine] = field(default_factory=list)
    red_flags: list[RedFlagLine] = field(default_factory=list)
    stale_drafts: list[StaleDraft] = field(default_factory=list)
    quiet_clients: list[QuietClient] = field(default_factory=list)
    needs_judgement: list[JudgementLine] = field(default_factory=list)

    @property
    def new_total(self) -> int:
        return sum(c.new_total for c in self.clients)

    @property
    def red_flag_total(self) -> int:
        return len(self.red_flags)

    def client(self, client_id: str) -> ClientActivity:
        for c in self.clients:
            if c.client_id == client_id:
                return c
        raise KeyError(client_id)


@dataclass
class Digest:
    day: date
    generated_at: datetime
    cadence_days: int
    managers: list[ManagerDigest] = field(default_factory=list)
    #: Every message in quarantine (as the digest is made), oldest first: shown to each manager.
    quarantined: list[QuarantineLine] = field(default_factory=list)

    def manager(self, manager: str) -> ManagerDigest:
        for m in self.managers:
            if m.manager == manager:
                return m
        raise KeyError(manager)

    @property
    def new_total(self) -> int:
        return sum(m.new_total for m in self.managers)

    @property
    def red_flag_total(self) -> int:
        return sum(m.red_flag_total for m in self.managers)


# ---- helpers ----------------------------------------------------------------------------------


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _prev_month_start(d: date) -> date:
    first = _month_start(d)
    return _month_start(first - timedelta(days=1))


def _quote(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = re.sub(r"\s+", " ", text or "").strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _clause(result: dict[str, Any]) -> dict[str, Any]:
    evidence = [e for e in result.get("evidence") or [] if isinstance(e, dict)]
    excluded = [e for e in evidence if e.get("excluded")]
    return (excluded or evidence or [{}])[0]


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# ---- the digest -------------------------------------------------------------------------------


def build_digest(
    store: Store,
    day: date,
    *,
    cadence_days: int = 14,
    now: datetime | None = None,
    mailbox_of: Callable[[str], str | None] | None = None,
) -> Digest:
    """The digest of ``day`` (a UTC calendar day), grouped by account manager, over every
    mailbox read.

    ``now`` (default: the current time) decides which pending drafts are stale (created more
    than a day before it). ``mailbox_of(source_key)`` names the mailbox a message came to, for
    the lines about single messages (None: not shown)."""

    def box(m: Message | None) -> str | None:
        return mailbox_of(m.source_key) if mailbox_of is not None and m is not None else None

    now = as_utc(now) if now is not None else datetime.now(UTC)
    with store.session() as s:
        clients = list(s.scalars(select(Client).order_by(Client.account_manager, Client.name, Client.id)))
        messages = list(
            s.scalars(
                select(Message)
                .options(selectinload(Message.triage))
                .where(Message.client_id.is_not(None), Message.is_auto_reply.is_(False), Message.is_bounce.is_(False))
                .order_by(Message.date, Message.id)
            )
        )
        drafts = list(
            s.scalars(
                select(Draft)
                .options(selectinload(Draft.message))
                .where(Draft.status == "pending")
                .order_by(Draft.created_at, Draft.id)
            )
        )

    by_manager: dict[str, ManagerDigest] = {}
    activity: dict[str, ClientActivity] = {}
    manager_of: dict[str, ManagerDigest] = {}
    for c in clients:
        key = (c.account_manager or "").strip() or UNASSIGNED
        md = by_manager.setdefault(key, ManagerDigest(manager=key))
        act = ClientActivity(client_id=c.id, name=c.name or c.id)
        md.clients.append(act)
        activity[c.id], manager_of[c.id] = act, md

    this_month, last_month = _month_start(day), _prev_month_start(day)
    # The same period last month: up to the same day of the month (clamped to its last day).
    last_month_end = this_month - timedelta(days=1)
    last_month_to_date = min(last_month.replace(day=1) + timedelta(days=day.day - 1), last_month_end)
    chart_from = day - timedelta(days=CHART_DAYS - 1)

    for m in messages:
        act = activity.get(m.client_id or "")
        if act is None or m.date is None:  # a client removed from clients.json, or an undated message
            continue
        when = as_utc(m.date).date()
        if when > day:
            continue  # a digest of an earlier day does not see later mail
        md = manager_of[act.client_id]
        label = m.triage.label if m.triage else UNTRIAGED
        result = (m.triage.result or {}) if m.triage else {}
        act.last_contact = max(act.last_contact or when, when)
        if chart_from <= when:
            act.labels_30d[label] = act.labels_30d.get(label, 0) + 1
        if label == "out_of_scope":
            if when >= this_month:
                act.out_of_scope_this_month += 1
            elif when >= last_month:
                act.out_of_scope_last_month += 1
                if when <= last_month_to_date:
                    act.out_of_scope_last_month_to_date += 1
        if when != day:
            continue
        act.new[label] = act.new.get(label, 0) + 1
        if result.get("needs_judgement"):
            md.needs_judgement.append(
                JudgementLine(
                    client_id=act.client_id,
                    client_name=act.name,
                    message_pk=m.id,
                    subject=m.subject,
                    label=label,
                    mailbox=box(m),
                )
            )
        if label == "out_of_scope":
            for request, ev in _outside_requests(result) or [(_one_line(m.subject) or "(no subject)", _clause(result))]:
                md.out_of_scope.append(
                    OutOfScopeLine(
                        client_id=act.client_id,
                        client_name=act.name,
                        message_pk=m.id,
                        subject=m.subject,
                        request=request,
                        clause=_one_line(str(ev.get("text", ""))),
                        section=str(ev.get("section", "")),
                        document=str(ev.get("document", "")),
                        document_title=str(ev.get("title", "")),
                        document_date=str(ev.get("date", "")),
                        excluded=bool(ev.get("excluded", False)),
                        mailbox=box(m),
                    )
                )
        flags = [str(f) for f in result.get("red_flags") or []]
        if label == "red_flag" or flags:
            md.red_flags.append(
                RedFlagLine(
                    client_id=act.client_id,
                    client_name=act.name,
                    message_pk=m.id,
                    subject=m.subject,
                    sender=m.sender_email,
                    categories=flags,
                    quote=_quote(m.new_text),
                    mailbox=box(m),
                )
            )

    for d in drafts:
        created = as_utc(d.created_at)
        if created >= now - STALE_AFTER:
            continue
        cid = d.message.client_id if d.message else None
        md = manager_of.get(cid or "") or by_manager.setdefault(UNASSIGNED, ManagerDigest(manager=UNASSIGNED))
        act = activity.get(cid or "")
        md.stale_drafts.append(
            StaleDraft(
                draft_id=d.id,
                client_id=cid or "",
                client_name=act.name if act else (cid or "unknown sender"),
                subject=d.subject,
                to_addr=d.to_addr,
                created_at=created,
                age_days=(now - created).days,
                mailbox=box(d.message),
            )
        )

    for act in activity.values():
        days = (day - act.last_contact).days if act.last_contact else None
        if days is None or days > cadence_days:
            manager_of[act.client_id].quiet_clients.append(
                QuietClient(client_id=act.client_id, client_name=act.name, last_contact=act.last_contact, days=days)
            )
    for md in by_manager.values():
        md.quiet_clients.sort(key=lambda q: (q.days is not None, -(q.days or 0), q.client_name))

    managers = sorted(by_manager.values(), key=lambda md: (md.manager == UNASSIGNED, md.manager))
    quarantined = [
        QuarantineLine(quarantine_id=q.id, at=as_utc(q.at), stage=q.stage, reason=_one_line(q.reason))
        for q in store.quarantined()
    ]
    return Digest(day=day, generated_at=now, cadence_days=cadence_days, managers=managers, quarantined=quarantined)


def label_counts(act: ClientActivity, counts: dict[str, int] | None = None) -> list[tuple[str, int]]:
    """Counts in the fixed label order, then any unexpected label."""
    counts = act.new if counts is None else counts
    order = list(LABEL_ORDER) + sorted(set(counts) - set(LABEL_ORDER))
    return [(lab, counts.get(lab, 0)) for lab in order]


def totals(md: ManagerDigest) -> Counter[str]:
    out: Counter[str] = Counter()
    for c in md.clients:
        out.update(c.new)
    return out


def _request_text(request: object) -> str:
    """A stored request: a plain line (results stored before verdicts) or a judged request."""
    return str(request.get("text", "")) if isinstance(request, dict) else str(request)


def _outside_requests(result: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The requests the agency pushes back on, each with the clause that decided it (a result
    stored before verdicts: every request, with the result's first clause)."""
    out = []
    for r in result.get("requests") or []:
        if isinstance(r, dict) and r.get("verdict") not in OUTSIDE_VERDICTS:
            continue
        text = _one_line(_request_text(r))
        evidence = r.get("evidence") if isinstance(r, dict) else None
        if text:
            out.append((text, evidence or _clause(result)))
    return out
