"""The verdict in the account manager's mail client, both ways.

:func:`label_in_mailbox` runs after triage (``assistant triage``, ``assistant watch``), once per
mailbox:

1. it reads back the labels of the messages it labelled before — with CONDSTORE only those
   changed since the folder's last mod-sequence (kept in :class:`~assistant.state.FolderModseq`),
   otherwise the most recent :data:`RECENT_WINDOW` — and a verdict someone changed in their mail
   client (``$ScopeOut`` taken off, ``$ScopeIn`` put on) becomes a correction, recorded exactly
   like a relabel on the review page, by the mailbox (actor ``mailbox:user@host``);
2. it writes the label of every message whose result has none yet or a different one
   (:mod:`assistant.mailout.labels` does the IMAP), and remembers what it wrote in
   :class:`~assistant.state.MailboxLabel`: a label that is still what we wrote is ours, so our
   own writes never come back as corrections.

A failure is logged and counted in the :class:`MailboxLabelReport`; it never stops triage. A
message whose folder's UIDVALIDITY changed since it was read is skipped, and so recorded: its
UID no longer names it.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select

from assistant.config import Settings
from assistant.errors import USER_ERRORS, ConnectionLostError, MailboxError, UserError
from assistant.mailin.imap import ImapSource
from assistant.mailout.labels import Choice, FolderState, LabelNames, LabelWriter
from assistant.review import actions
from assistant.review.corrections import record_correction
from assistant.state import Draft, FolderModseq, MailboxLabel, Message, Store, TriageResult

log = logging.getLogger(__name__)

#: Without CONDSTORE, the labels of this many most recently labelled messages are read back.
RECENT_WINDOW = 200

_LOCATION = re.compile(r";UIDVALIDITY=(\d+);UID=(\d+)$")


@dataclass
class MailboxLabelReport:
    mailbox: str
    method: str | None = None
    why: str = ""
    labelled: int = 0
    failed: int = 0
    skipped: int = 0  # their folder's UIDVALIDITY changed
    corrections: int = 0  # verdicts changed in the mail client, recorded as corrections
    refused: int = 0  # changes in the mail client not taken (say why in the audit trail)
    error: str | None = None
    corrected_message_ids: list[str] = field(default_factory=list)

    def line(self) -> str | None:
        """One line for a person, or None when nothing happened worth saying."""
        parts = []
        if self.labelled:
            parts.append(f"{self.labelled} labelled")
        if self.corrections:
            parts.append(f"{self.corrections} relabelled in the mail client (kept as corrections)")
        if self.refused:
            parts.append(f"{self.refused} change(s) in the mail client not taken (see the audit trail)")
        if self.skipped:
            parts.append(f"{self.skipped} skipped (UIDVALIDITY changed)")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.error:
            parts.append(f"error: {self.error}")
        if not parts:
            return None
        return f"Labels in {self.mailbox} ({self.method or 'none'}): " + ", ".join(parts) + "."


def mailbox_actor(settings: Settings) -> str:
    return f"mailbox:{settings.imap_user or ''}@{settings.imap_host or ''}"


def label_in_mailbox(
    store: Store,
    settings: Settings,
    source: ImapSource | None = None,
    only: Collection[int] | None = None,
    read_changes: bool = True,
) -> MailboxLabelReport:
    """Read verdicts changed in the mail client, then label what needs it, in the mailbox of
    ``settings`` (its ``imap_*`` fields). ``source``: an open connection to reuse (else one is
    made and closed); ``only``: just these messages (by primary key). Never raises for the
    mailbox's failures: they are in the report and the log."""
    key = settings.imap_source_key()
    report = MailboxLabelReport(mailbox=key)
    if settings.mailbox_labels == "off":
        report.why = "off (ASSISTANT_MAILBOX_LABELS=off)"
        return report
    if not _anything_to_do(store, key, only):
        return report
    own = source is None
    src = source if source is not None else ImapSource(settings)
    try:
        writer = LabelWriter(src)
        state = writer.open()
        choice: Choice = writer.choose(state, settings.mailbox_labels, settings.label_folders)
        report.method, report.why = choice.method, choice.why
        if choice.method is None:
            if settings.mailbox_labels != "auto":
                report.error = choice.why
                log.warning("%s: no labels written: %s", key, choice.why)
            return report
        names = writer.names(choice.method)
        if read_changes and choice.method != "folders":
            _read_changes(store, settings, writer, state, names, report)
        _write(store, writer, state, names, key, report, only)
    except USER_ERRORS as exc:
        report.error = str(exc)
        log.warning("%s: labelling in the mailbox failed: %s", key, exc)
        log.debug("labelling in the mailbox failed", exc_info=True)
    finally:
        if own:
            src.close()
    return report


def update_mailbox_label(settings: Settings, store: Store, message_pk: int) -> MailboxLabelReport | None:
    """After a relabel (review page, ``drafts relabel``): the message's label in its mailbox
    becomes the new one. None when the message came from no configured IMAP mailbox."""
    with store.session() as s:
        source_key = s.scalar(select(Message.source_key).where(Message.id == message_pk))
    box = settings.mailbox_of(source_key or "")
    if box is None:
        return None
    return label_in_mailbox(store, box.settings, only=[message_pk], read_changes=False)


# -- reading changes back ---------------------------------------------------------------------


def _read_changes(
    store: Store,
    settings: Settings,
    writer: LabelWriter,
    state: FolderState,
    names: LabelNames,
    report: MailboxLabelReport,
) -> None:
    key = writer.source.key
    method = names.method
    with store.session() as s:
        rows = {
            r.uid: (r.message_pk, list(r.labels))
            for r in s.scalars(
                select(MailboxLabel).where(
                    MailboxLabel.source_key == key,
                    MailboxLabel.uidvalidity == state.uidvalidity,
                    MailboxLabel.method == method,
                    MailboxLabel.status == "applied",
                )
            )
        }
        mark = s.get(FolderModseq, key)
        since = mark.highest_modseq if mark is not None and mark.uidvalidity == state.uidvalidity else None
    if rows:
        if since is not None and state.highest_modseq is not None:
            seen = writer.read_labels(method, names, changed_since=since)
        else:
            seen = writer.read_labels(method, names, uids=sorted(rows)[-RECENT_WINDOW:])
        for uid, observed in sorted(seen.items()):
            if uid in rows and observed != set(rows[uid][1]):
                message_pk, before = rows[uid]
                _changed_in_client(store, settings, names, message_pk, set(before), observed, report)
    if state.highest_modseq is not None:
        with store.session() as s:
            mark = s.get(FolderModseq, key)
            if mark is None:
                s.add(FolderModseq(source_key=key, uidvalidity=state.uidvalidity, highest_modseq=state.highest_modseq))
            else:
                mark.uidvalidity, mark.highest_modseq = state.uidvalidity, state.highest_modseq


def _changed_in_client(
    store: Store,
    settings: Settings,
    names: LabelNames,
    message_pk: int,
    before: set[str],
    after: set[str],
    report: MailboxLabelReport,
) -> None:
    """Someone changed our labels on a message: a new verdict becomes a correction."""
    verdicts = names.verdict_names
    added = (after - before) & verdicts
    kept = after & verdicts
    label = None
    if len(added) == 1:
        label = names.label_of(next(iter(added)))
    elif not added and len(kept) == 1:
        label = names.label_of(next(iter(kept)))
    actor = mailbox_actor(settings)
    with store.session() as s:
        message = s.get(Message, message_pk)
        triage = s.scalar(select(TriageResult).where(TriageResult.message_pk == message_pk))
        message_id = message.message_id if message else str(message_pk)
        current = triage.label if triage else None
        result = dict(triage.result or {}) if triage else {}
    change = f"{' '.join(sorted(before & verdicts)) or '(none)'} → {' '.join(sorted(kept)) or '(none)'}"
    refusal = None
    flags: list[str] = []
    if label is None and (before & verdicts) != kept:
        refusal = "no single verdict to take: leave exactly one of " + ", ".join(sorted(verdicts))
    elif label == "red_flag" and label != current:
        original = result.get("original") or {}
        flags = list(original.get("red_flags") or []) if original.get("label") == "red_flag" else []
        if not flags:
            refusal = "a red flag needs its category: relabel it on the review page"
    if refusal is not None:
        report.refused += 1
        store.audit(actor, "mailbox.change_refused", "message", message_id, change=change, why=refusal)
        log.warning("%s: label changed in the mail client (%s) not taken: %s", message_id, change, refusal)
    elif label is not None and label != current:
        try:
            _record(settings, store, message_pk, label, flags, f"changed in the mail client: {change}", actor)
        except UserError as exc:
            report.refused += 1
            store.audit(actor, "mailbox.change_refused", "message", message_id, change=change, why=str(exc))
            log.warning("%s: label changed in the mail client (%s) not taken: %s", message_id, change, exc)
        else:
            report.corrections += 1
            report.corrected_message_ids.append(message_id)
            log.info("%s: relabelled %s in the mail client (%s)", message_id, label, change)
    with store.session() as s:
        row = s.get(MailboxLabel, message_pk)
        if row is not None:
            row.labels = sorted(after)  # what the mailbox shows now: not a change next time


def _record(
    settings: Settings, store: Store, message_pk: int, label: str, red_flags: list[str], reason: str, actor: str
) -> None:
    """The page's relabel, for a change made in the mail client: a correction, and a pending
    draft written again for the new label (one the manager edited by hand is kept: nobody can
    be asked here)."""
    with store.session() as s:
        draft_id = s.scalar(select(Draft.id).where(Draft.message_pk == message_pk))
    if draft_id is None:
        record_correction(store, message_pk, label, red_flags, reason, actor)
    else:
        actions.relabel(settings, store, draft_id, actor, label, red_flags, reason, edited="keep")


# -- writing ----------------------------------------------------------------------------------


@dataclass
class _Target:
    message_pk: int
    uidvalidity: int
    uid: int
    wanted: list[str]
    row: MailboxLabel | None


def _anything_to_do(store: Store, key: str, only: Collection[int] | None) -> bool:
    """Labels to read back or results to label: else there is no need to connect."""
    with store.session() as s:
        q = select(TriageResult.id).join(Message, Message.id == TriageResult.message_pk)
        q = q.where(Message.source_key == key)
        if only is not None:
            q = q.where(Message.id.in_(list(only)))
        return s.scalar(q.limit(1)) is not None


def _targets(store: Store, key: str, names: LabelNames, only: Collection[int] | None) -> list[_Target]:
    """Messages of this mailbox whose result asks for labels other than the ones last written."""
    out = []
    with store.session() as s:
        q = (
            select(Message.id, Message.location, TriageResult.label, TriageResult.result, MailboxLabel)
            .join(TriageResult, TriageResult.message_pk == Message.id)
            .outerjoin(MailboxLabel, MailboxLabel.message_pk == Message.id)
            .where(Message.source_key == key)
            .order_by(Message.id)
        )
        if only is not None:
            q = q.where(Message.id.in_(list(only)))
        for message_pk, location, label, result, row in s.execute(q):
            result = result or {}
            judgement = bool(result.get("needs_judgement")) and not result.get("corrected_by")
            wanted = names.wanted(label, judgement)
            if row is not None and row.method == names.method:
                if row.status == "skipped" or (row.status == "applied" and list(row.wanted) == wanted):
                    continue
            match = _LOCATION.search(location or "")
            if match is None:
                continue  # not read over IMAP: nothing to label
            out.append(_Target(message_pk, int(match.group(1)), int(match.group(2)), wanted, row))
    return out


def _write(
    store: Store,
    writer: LabelWriter,
    state: FolderState,
    names: LabelNames,
    key: str,
    report: MailboxLabelReport,
    only: Collection[int] | None,
) -> None:
    targets = _targets(store, key, names, only)
    current = [t for t in targets if t.uidvalidity == state.uidvalidity]
    for t in targets:
        if t.uidvalidity != state.uidvalidity:
            report.skipped += 1
            _save(
                store,
                t,
                key,
                names.method,
                "skipped",
                detail=f"UIDVALIDITY changed ({t.uidvalidity} → {state.uidvalidity}): UID {t.uid} no longer names it",
            )
    if names.method == "folders":
        _write_folders(store, writer, names, key, current, report)
        return
    # One STORE per set of labels to add and take away, for all the messages that need it.
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[_Target]] = defaultdict(list)
    for t in current:
        before = set(t.row.labels) if t.row is not None and t.row.method == names.method else set()
        # A message labelled before: take our other labels off (a fresh one carries none of ours).
        remove = sorted((names.all - set(t.wanted)) if t.row is not None else set())
        add = sorted(set(t.wanted) - before) if t.row is not None and t.row.status == "applied" else list(t.wanted)
        groups[(tuple(add), tuple(remove))].append(t)
    for (add, remove), group in groups.items():
        try:
            writer.set_labels(names.method, [t.uid for t in group], add, remove)
        except ConnectionLostError:
            report.failed += len(group)
            raise
        except MailboxError as exc:
            report.failed += len(group)
            log.warning("%s: %d message(s) not labelled: %s", key, len(group), exc)
            for t in group:
                _save(store, t, key, names.method, "failed", detail=str(exc))
            continue
        report.labelled += len(group)
        for t in group:
            _save(store, t, key, names.method, "applied", labels=t.wanted)


def _write_folders(
    store: Store,
    writer: LabelWriter,
    names: LabelNames,
    key: str,
    targets: list[_Target],
    report: MailboxLabelReport,
) -> None:
    stale: dict[str, list[int]] = defaultdict(list)
    for t in targets:
        copies = dict(t.row.copies) if t.row is not None and t.row.method == "folders" else {}
        try:
            for folder in t.wanted:
                if folder not in copies:
                    copies[folder] = writer.copy_to(t.uid, folder)
        except ConnectionLostError:
            report.failed += 1
            raise
        except MailboxError as exc:
            report.failed += 1
            log.warning("%s: UID %d not copied to its label folder: %s", key, t.uid, exc)
            _save(store, t, key, names.method, "failed", detail=str(exc), copies=copies)
            continue
        for folder in [f for f in copies if f not in t.wanted]:
            uid = copies.pop(folder)
            if uid is not None:
                stale[folder].append(uid)
        report.labelled += 1
        _save(store, t, key, names.method, "applied", labels=t.wanted, copies=copies)
    for folder, uids in stale.items():
        try:
            if not writer.remove_copies(folder, uids):
                log.warning("%s: the server has no UIDPLUS: old copies stay in %r", key, folder)
        except MailboxError as exc:
            log.warning("%s: old copies not removed from %r: %s", key, folder, exc)


def _save(
    store: Store,
    t: _Target,
    key: str,
    method: str,
    status: str,
    *,
    labels: list[str] | None = None,
    detail: str = "",
    copies: dict[str, int | None] | None = None,
) -> None:
    with store.session() as s:
        row = s.get(MailboxLabel, t.message_pk)
        if row is None:
            row = MailboxLabel(message_pk=t.message_pk, labels=[], wanted=[], copies={})
            s.add(row)
        row.source_key, row.uidvalidity, row.uid, row.method, row.status = key, t.uidvalidity, t.uid, method, status
        row.detail = detail
        if labels is not None:
            row.labels = row.wanted = list(labels)
        if copies is not None:
            row.copies = dict(copies)
