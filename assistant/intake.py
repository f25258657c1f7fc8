"""Reading every configured mailbox (``ASSISTANT_IMAP_*`` and each ``[[mailbox]]``).

- :func:`read_mailbox` (``assistant triage``): one mailbox, with its own cursor and first-sync
  window, then its Sent folder. A mailbox that fails (a wrong password, a server down) comes
  back as one line naming the mailbox and the setting to fix; the caller goes on with the next.
- :func:`watch_mailboxes` (``assistant watch``): a thread per mailbox keeps its own IDLE
  connection through :func:`assistant.mailin.watch.run_watch` (reconnecting with its own
  backoff) and triages after each of its syncs. Syncs and triage passes take turns on the
  state database (one lock), so two mailboxes with news at once never triage the same stored
  message twice.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from assistant.config import CONFIG_FILE, Mailbox, Settings
from assistant.errors import USER_ERRORS, ConfigError
from assistant.mailin import MailSource
from assistant.mailin.imap import FolderNotFoundError, ImapSource
from assistant.mailin.local import LocalSource
from assistant.mailin.watch import run_watch
from assistant.mailout.imap_folders import Mailbox as Folders
from assistant.pipeline import SyncReport, sync, sync_replies
from assistant.state import Store

log = logging.getLogger(__name__)
#: A mailbox's failure with its traceback: to the log file only (the command prints its one line).
failure_log = logging.getLogger("assistant.failures")

#: An ``ASSISTANT_IMAP_*`` variable and the ``[[mailbox]]`` key that sets the same for one mailbox.
_KEYS = {
    "HOST": "host",
    "PORT": "port",
    "SECURITY": "security",
    "USER": "user",
    "AUTH": "auth",
    "FOLDER": "folder",
    "DRAFTS_FOLDER": "drafts_folder",
    "SENT_FOLDER": "sent_folder",
    "PASSWORD": "secret_env",
    "OAUTH_TOKEN": "secret_env",
    "KEYRING_USER": "keyring_user",
}
_IMAP_VARIABLE = re.compile(r"\bASSISTANT_IMAP_([A-Z_]+)\b")


def chosen_mailboxes(
    settings: Settings, name: str | None = None, *, maildir_too: bool = True
) -> list[Mailbox | MailboxRead]:
    """The mailboxes to read, in the order configured: the one named, else all (at least one;
    ``maildir_too``: the error says a Maildir would do as well). A mailbox that cannot even be
    set up (its secret's environment variable unset) comes as a :class:`MailboxRead` holding
    that error, so the others are still read."""
    found = settings.each_mailbox()
    if name is not None:
        found = [(n, box) for n, box in found if n == name]
        if not found:
            raise settings.no_mailbox_named(name)
    if not found:
        raise ConfigError(
            "no mailbox configured",
            fix=f"set ASSISTANT_IMAP_HOST or add [[mailbox]] tables to {CONFIG_FILE}"
            + (", or set ASSISTANT_MAILDIR for a local Maildir" if maildir_too else ""),
        )
    return [box if isinstance(box, Mailbox) else MailboxRead(name=n, source=n, error=str(box)) for n, box in found]


def in_mailbox_terms(text: str, box: Mailbox) -> str:
    """``text`` (an error or a note) with the ``ASSISTANT_IMAP_*`` settings it names put as
    the keys of ``box``'s ``[[mailbox]]`` table, which is where that mailbox is set."""
    if box.name == "default" or not _IMAP_VARIABLE.search(text):
        return text
    named = _IMAP_VARIABLE.sub(lambda m: _KEYS.get(m.group(1), m.group(0)), text)
    where = f"in [[mailbox]] {box.name!r} of {CONFIG_FILE}"
    if named.endswith(")"):  # "message (fix)": the place goes with the fix
        return f"{named[:-1]} {where})"
    return f"{named} ({where})"


@dataclass
class MailboxRead:
    """What reading one mailbox (or the Maildir, ``name`` None) came to."""

    name: str | None
    source: str
    report: SyncReport | None = None
    #: The Sent folder could not be read (replies sent from this mailbox are not seen).
    sent_note: str | None = None
    #: Why the mailbox could not be read, one line naming the setting to fix.
    error: str | None = None


def read_mailbox(
    box: Mailbox | None,
    settings: Settings,
    store: Store,
    on_message: Callable[[], None] | None = None,
    *,
    connect: Callable[[Settings], MailSource] = ImapSource,
) -> MailboxRead:
    """Sync one mailbox (``box`` None: the Maildir of ``settings``; else ``connect(box.settings)``
    opens it), then its Sent folder.

    Errors the user can act on come back in ``error``, naming the mailbox's own setting;
    nothing is raised for them."""
    since = settings.sync_since_date()
    if box is None:
        if settings.maildir is None:
            raise ConfigError("no Maildir configured", fix="set ASSISTANT_MAILDIR or pass --maildir")
        source: MailSource = LocalSource(settings.maildir)
        read = MailboxRead(name=None, source=source.key)
    else:
        settings = box.settings
        read = MailboxRead(name=box.name, source=settings.imap_source_key())
    try:
        if box is not None:
            settings.check_imap()
            source = connect(settings)
        with source:
            read.report = sync(source, store, on_message=on_message, since=since)
            read.sent_note = read_sent(settings, source, store, since)
    except USER_ERRORS as exc:
        read.error = str(exc) if box is None else in_mailbox_terms(str(exc), box)
        failure_log.info("%s not read: %s", read.source, read.error, exc_info=True)
    if read.sent_note and box is not None:
        read.sent_note = in_mailbox_terms(read.sent_note, box)
    return read


def read_sent(settings: Settings, source: MailSource, store: Store, since: date | None) -> str | None:
    """Read the agency's Sent folder (headers only) for replies that answer client mail; a
    one-line note when there is none to read (then only the answered flag and the agency's
    replies in the inbox show that a message was answered)."""
    if isinstance(source, ImapSource):
        try:
            folder = Folders(source).find_sent_folder()
            with ImapSource(settings, folder, headers_only=True, setting="ASSISTANT_IMAP_SENT_FOLDER") as sent:
                sync_replies(sent, store, since)
        except FolderNotFoundError as exc:
            return f"Sent folder not read, so replies sent from this mailbox are not seen: {exc}"
    elif isinstance(source, LocalSource) and (source.path / ".Sent").is_dir():
        sync_replies(LocalSource(source.path / ".Sent"), store, since)
    return None


def watch_mailboxes(
    boxes: Sequence[Mailbox],
    synced: Callable[[Mailbox, ImapSource], int],
    work: Callable[[Mailbox, ImapSource], None],
    stop: threading.Event,
    failed: Callable[[Mailbox, str], None],
    *,
    connect: Callable[[Settings], ImapSource] = ImapSource,
    backoff_initial: float = 1.0,
    backoff_max: float = 300.0,
) -> list[str]:
    """Watch ``boxes`` until ``stop`` is set or none is left; the names of those that stopped
    on an error.

    Each mailbox gets a thread running :func:`run_watch` with its own connection and backoff.
    Its sync is ``synced(box, source)`` (store the new mail, return how many), then
    ``work(box, source)`` (triage what is stored, write verdicts to that mailbox). Syncs and triage passes of all mailboxes take turns (one lock),
    so two mailboxes with news at once never triage the same stored message twice. A mailbox
    whose watch ends on an error (a refused login, a server unreachable from the start, a
    folder gone) is reported once through ``failed(box, line)``; the others go on. Setting
    ``stop`` ends every IDLE, backoff and triage pass at its next step.
    """
    turns = threading.Lock()
    stopped_on_error: list[str] = []

    def sync_in_turn(box: Mailbox, source: ImapSource) -> int:
        with turns:
            count = synced(box, source)
            if not stop.is_set():
                work(box, source)
        return count

    def run(box: Mailbox) -> None:
        try:
            box.settings.check_imap()
            run_watch(
                lambda: connect(box.settings),
                lambda source: sync_in_turn(box, source),
                stop,
                idle_seconds=box.settings.imap_idle_seconds,
                backoff_initial=backoff_initial,
                backoff_max=backoff_max,
                describe=lambda exc: f"mailbox {box.name!r}: {in_mailbox_terms(str(exc), box)}",
            )
        except USER_ERRORS as exc:
            failure_log.info("watching mailbox %s stopped", box.name, exc_info=True)
            stopped_on_error.append(box.name)
            failed(box, in_mailbox_terms(str(exc), box))
        except Exception as exc:  # noqa: BLE001 - a defect met in one mailbox's thread must not stop the others
            failure_log.error("watching mailbox %s stopped by an unexpected error", box.name, exc_info=True)
            stopped_on_error.append(box.name)
            failed(box, in_mailbox_terms(f"unexpected error: {type(exc).__name__}: {exc}", box))

    threads = [threading.Thread(target=run, args=(box,), name=f"watch-{box.name}", daemon=True) for box in boxes]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.5)  # a timeout, so that Ctrl-C reaches this (the main) thread
    except BaseException:
        stop.set()  # a second Ctrl-C: out now; the threads see it at their next step
        raise
    return stopped_on_error
