"""What a reviewer does to a draft, shared by the CLI and the web page.

Each function takes ``(settings, store, draft_id, actor)``, changes the draft through the
store (so every change is in the audit trail) and returns an :class:`ActionResult`.
Failures a user can fix raise :class:`assistant.errors.UserError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from assistant.config import Settings
from assistant.errors import ConfigError, UserError
from assistant.state import Draft, Store, TriageResult


@dataclass
class ActionResult:
    draft_id: int
    status: str  # the draft's status afterwards
    changed: bool  # False: nothing was done (already in that state)
    message: str  # one line for a person
    folder: str | None = None  # Drafts (approve) or Sent (send) folder used
    uid: int | None = None  # UID of the APPENDed draft, when the server reports it
    warning: str | None = None  # e.g. sent, but the copy in Sent failed


def _of_its_mailbox(settings: Settings, draft: Draft) -> Settings:
    """The settings of the mailbox the draft's message was read from: its Drafts and Sent
    folders and its address. A message from no configured mailbox (a Maildir, a mailbox since
    removed) keeps the settings given."""
    box = settings.mailbox_of(draft.message.source_key)
    return box.settings if box is not None else settings


def approve(settings: Settings, store: Store, draft_id: int, actor: str) -> ActionResult:
    """Approve a pending draft: APPEND it (threaded) to the mailbox's Drafts folder; with no
    IMAP but a local Maildir (``ASSISTANT_MAILDIR``), write it to that Maildir's ``.Drafts``."""
    from assistant.mailin.imap import ImapSource
    from assistant.mailout import render_reply
    from assistant.mailout.imap_folders import Mailbox

    draft = store.draft(draft_id)
    if draft.status != "pending":
        return _not_pending(draft_id, draft.status)
    settings = _of_its_mailbox(settings, draft)
    if not settings.imap_configured:
        if settings.maildir is None:
            raise ConfigError(
                "no mailbox configured",
                fix="set ASSISTANT_IMAP_HOST, or ASSISTANT_MAILDIR for a Maildir synced by mbsync/offlineimap",
            )
        return _approve_to_maildir(settings, store, draft, actor, settings.maildir)
    settings.check_imap()
    raw = render_reply(draft, from_addr=settings.imap_user or "")
    if not store.claim_draft(draft_id, actor=actor, purpose="append"):  # another approval got there first
        return _not_pending(draft_id, store.draft(draft_id).status)
    with _released_on_failure(store, draft_id, actor):
        with ImapSource(settings) as source:
            mailbox = Mailbox(source)
            folder = mailbox.find_drafts_folder()
            uid = mailbox.append_draft(raw, folder)
    store.set_draft_status(draft_id, "approved", actor=actor, detail={"appended_to": folder, "uid": uid})
    return ActionResult(
        draft_id,
        "approved",
        True,
        f"Draft {draft_id} approved and placed in {folder}; send it from your mail client.",
        folder=folder,
        uid=uid,
    )


def _approve_to_maildir(settings: Settings, store: Store, draft: Draft, actor: str, root: Path) -> ActionResult:
    """Approve into the local Maildir's Drafts folder (``.Drafts``, flag D); the user's sync tool
    (mbsync, offlineimap) uploads it to the server's Drafts."""
    from assistant.mailout import render_reply
    from assistant.mailout.maildir import add_draft

    draft_id = draft.id
    raw = render_reply(draft, from_addr=settings.smtp_sender())
    if not store.claim_draft(draft_id, actor=actor, purpose="append"):  # another approval got there first
        return _not_pending(draft_id, store.draft(draft_id).status)
    with _released_on_failure(store, draft_id, actor):
        folder, key = add_draft(root, raw)
    store.set_draft_status(draft_id, "approved", actor=actor, detail={"appended_to": str(folder), "maildir_key": key})
    return ActionResult(
        draft_id,
        "approved",
        True,
        f"Draft {draft_id} approved and placed in {folder}; your mail sync uploads it to Drafts, "
        "send it from your mail client.",
        folder=str(folder),
    )


def approve_and_send(settings: Settings, store: Store, draft_id: int, actor: str) -> ActionResult:
    """Approve a pending draft and send it over SMTP now; file a copy in Sent when IMAP is set up."""
    from assistant.mailout import render_reply
    from assistant.mailout.smtp import send as smtp_send

    draft = store.draft(draft_id)
    if draft.status != "pending":
        return _not_pending(draft_id, draft.status)
    settings = _of_its_mailbox(settings, draft)
    settings.check_smtp()
    raw = render_reply(draft, from_addr=settings.smtp_sender())
    if not store.claim_draft(draft_id, actor=actor, purpose="send"):  # another approval got there first
        return _not_pending(draft_id, store.draft(draft_id).status)
    with _released_on_failure(store, draft_id, actor):
        smtp_send(settings, raw)
    store.set_draft_status(draft_id, "approved", actor=actor, detail={"send": True})
    store.set_draft_status(draft_id, "sent", actor=actor, detail={"smtp": settings.smtp_host})
    result = ActionResult(draft_id, "sent", True, f"Draft {draft_id} approved and sent to {draft.to_addr}.")
    if settings.imap_configured:
        from assistant.mailin.imap import ImapSource
        from assistant.mailout.imap_folders import Mailbox

        try:
            with ImapSource(settings) as source:
                mailbox = Mailbox(source)
                folder = mailbox.find_sent_folder()
                mailbox.append_sent(raw, folder)
            store.audit(actor, "draft.filed", "draft", str(draft_id), folder=folder)
            result.folder = folder
            result.message += f" A copy is in {folder}."
        except UserError as exc:  # it was sent: say the copy failed, do not pretend otherwise
            store.audit(actor, "draft.file_failed", "draft", str(draft_id), error=str(exc))
            result.warning = f"sent, but no copy was filed in Sent: {exc}"
    return result


def release(settings: Settings, store: Store, draft_id: int, actor: str) -> ActionResult:
    """Put a draft stuck in "approving" (its approval was interrupted) back to pending."""
    status = store.draft(draft_id).status
    if status != "approving":
        return ActionResult(draft_id, status, False, f"Draft {draft_id} is {status}, not approving; nothing done.")
    store.set_draft_status(draft_id, "pending", actor=actor, detail={"released": "by hand"})
    return ActionResult(
        draft_id,
        "pending",
        True,
        f"Draft {draft_id} is pending again; check Drafts and Sent before approving it again.",
    )


def _not_pending(draft_id: int, status: str) -> ActionResult:
    if status == "approving":
        return ActionResult(
            draft_id,
            status,
            False,
            f"Draft {draft_id} is being approved right now (or that approval was interrupted: "
            f"`assistant drafts release {draft_id}`); nothing done.",
        )
    return ActionResult(draft_id, status, False, f"Draft {draft_id} is already {status}; nothing done.")


@contextmanager
def _released_on_failure(store: Store, draft_id: int, actor: str) -> Iterator[None]:
    """The claimed draft goes back to pending when its APPEND or send fails."""
    try:
        yield
    except BaseException as exc:
        store.set_draft_status(
            draft_id, "pending", actor=actor, detail={"released": f"{type(exc).__name__}: {exc}"[:300]}
        )
        raise


def reject(settings: Settings, store: Store, draft_id: int, actor: str) -> ActionResult:
    """Reject a draft; nothing is sent or appended."""
    changed = store.set_draft_status(draft_id, "rejected", actor=actor)
    return ActionResult(
        draft_id,
        "rejected",
        changed,
        f"Draft {draft_id} rejected." if changed else f"Draft {draft_id} was already rejected; nothing done.",
    )


def edit(
    settings: Settings, store: Store, draft_id: int, actor: str, body: str, subject: str | None = None
) -> ActionResult:
    """Replace a pending draft's text (and subject)."""
    body = body.replace("\r\n", "\n")
    if not body.strip():
        raise UserError("a draft cannot be empty", fix="write the reply, or reject the draft")
    if subject is not None:
        subject = " ".join(subject.split())  # no header injection through CR/LF
        if not subject:
            raise UserError("a draft needs a subject")
    changed = store.edit_draft(draft_id, body, actor=actor, subject=subject)
    return ActionResult(draft_id, "pending", changed, f"Draft {draft_id} saved." if changed else "No change.")


def edited_by_hand(store: Store, draft_id: int) -> bool:
    """The draft's text is the account manager's own (edited since it was last composed)."""
    from assistant.review.redraft import edited_by_hand as edited

    with store.session() as s:
        return edited(s, draft_id)


class EditedDraftError(UserError):
    """A relabel would replace a draft the account manager edited, and nobody said to."""


#: What a relabel does with a pending draft a person edited: stop and ask, replace it with
#: the draft for the new label, or keep the edited text.
EDITED_CHOICES = ("ask", "replace", "keep")


def relabel(
    settings: Settings,
    store: Store,
    draft_id: int,
    actor: str,
    label: str,
    red_flags: list[str],
    reason: str,
    *,
    edited: str = "ask",
) -> ActionResult:
    """Correct the label of the draft's message (kept as a correction the engines learn from),
    write the rationale again for the new label and, while the draft is pending, compose it
    again for the new label. A draft the account manager edited is replaced only with
    ``edited="replace"`` (``"keep"`` keeps it; ``"ask"`` raises :class:`EditedDraftError`
    and changes nothing)."""
    from assistant.review.corrections import apply_correction
    from assistant.review.redraft import RECOMPOSED, compose_for, edited_by_hand, relabelled_result

    if edited not in EDITED_CHOICES:
        raise ValueError(f"edited must be one of {EDITED_CHOICES}")
    with store.session() as s:
        draft = s.get(Draft, draft_id, with_for_update=True)
        if draft is None:
            raise UserError(f"no draft with id {draft_id}", fix="see `assistant drafts list`")
        hand_edited = draft.status == "pending" and edited_by_hand(s, draft_id)
        correction = apply_correction(s, store, draft.message_pk, label, red_flags, reason, actor)
        if hand_edited and edited == "ask":
            raise EditedDraftError(
                f"draft {draft_id} was edited by hand; relabelling writes a new draft for {label}",
                fix="say whether to replace the edited text (--replace-edited) or keep it (--keep-edited)",
            )
        triage = s.scalar(select(TriageResult).where(TriageResult.message_pk == draft.message_pk))
        result = relabelled_result(triage.result, actor, correction.reason)
        triage.result = result
        message = f"Draft {draft_id}: label corrected to {label}"
        if draft.status != "pending":
            return ActionResult(
                draft_id, draft.status, True, message + f"; the draft is {draft.status} and stays as it was."
            )
        if hand_edited and edited == "keep":
            return ActionResult(draft_id, "pending", True, message + "; your edited draft is kept.")
        reply = compose_for(s, draft.message, result)
        changed = (draft.body, draft.subject) != (reply.body, reply.subject)
        draft.body, draft.subject, draft.language = reply.body, reply.subject, reply.language
        store.record(
            s,
            actor,
            RECOMPOSED,
            "draft",
            str(draft_id),
            {"label": label, "replaced_edit": hand_edited, "changed": changed},
        )
        return ActionResult(draft_id, "pending", True, message + "; the draft is written again for the new label.")
