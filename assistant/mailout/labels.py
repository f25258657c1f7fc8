"""Labels in the mailbox: triage's verdict next to the message, where the mail client shows it.

Three ways, by what the server offers (:func:`choose_method`); the names are data,
``mailbox_labels.toml``:

- ``keywords``: IMAP keywords (``$ScopeIn``, ``$ScopeOut``, ``$RedFlag``, ``$NeedsJudgement``)
  with ``UID STORE +FLAGS.SILENT``, where the folder's PERMANENTFLAGS allow new keywords
  (``\\*``; Dovecot does);
- ``gmail``: Gmail labels with ``UID STORE +X-GM-LABELS.SILENT``, on servers announcing
  ``X-GM-EXT-1``;
- ``folders``: a ``UID COPY`` into a per-label folder, for servers with neither (opt-in).

Nothing here sets ``\\Seen`` or moves a message: a STORE names only our own keywords or
labels, flags are read with ``FETCH (FLAGS)`` (never a body), and a copy leaves the original
where it is. The folder is SELECTed read-write, which a STORE needs, over
:class:`~assistant.mailin.imap.ImapSource`'s connection, and stays selected afterwards.

What to write, and what a label changed by someone else means, is decided by
:mod:`assistant.review.mailbox`; this module only speaks IMAP.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import imaplib2

from assistant.errors import MailboxError
from assistant.mailin.imap import ImapSource
from assistant.mailin.imap_responses import int_response, response_text, uid_set
from assistant.mailin.imap_utf7 import quote_mailbox, quote_string

log = logging.getLogger(__name__)

METHODS = ("keywords", "gmail", "folders")
VERDICTS = ("in_scope", "out_of_scope", "red_flag")
#: UIDs per STORE/FETCH command.
CHUNK = 500


@cache
def _table() -> dict[str, Any]:
    text = resources.files("assistant.mailout").joinpath("mailbox_labels.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class LabelNames:
    """The names one method gives the verdicts in the mailbox."""

    method: str
    verdicts: dict[str, str]  # triage label -> keyword, Gmail label or folder name
    needs_judgement: str

    @property
    def all(self) -> frozenset[str]:
        return frozenset([*self.verdicts.values(), self.needs_judgement])

    @property
    def verdict_names(self) -> frozenset[str]:
        return frozenset(self.verdicts.values())

    def wanted(self, label: str, needs_judgement: bool) -> list[str]:
        """The names a message with this verdict carries, sorted."""
        names = [self.verdicts[label]]
        if needs_judgement:
            names.append(self.needs_judgement)
        return sorted(names)

    def label_of(self, name: str) -> str | None:
        for label, ours in self.verdicts.items():
            if ours == name:
                return label
        return None

    def ours(self, names: Iterable[str]) -> set[str]:
        """Of ``names`` as the server sent them, ours, in our spelling (keywords are
        case-insensitive)."""
        by_fold = {n.casefold(): n for n in self.all}
        return {by_fold[n.casefold()] for n in names if n.casefold() in by_fold}


def label_names(method: str, delimiter: str = "/") -> LabelNames:
    """The names of ``method``; folder names are joined with the server's ``delimiter``."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    table = _table()[method]

    def name(value: str | list[str]) -> str:
        return delimiter.join(value) if isinstance(value, list) else value

    return LabelNames(
        method=method,
        verdicts={label: name(table[label]) for label in VERDICTS},
        needs_judgement=name(table["needs_judgement"]),
    )


@dataclass(frozen=True)
class FolderState:
    """A folder as SELECT (read-write) found it."""

    folder: str
    uidvalidity: int
    #: CONDSTORE's HIGHESTMODSEQ; None when the server keeps none.
    highest_modseq: int | None
    #: The folder's PERMANENTFLAGS allow new keywords (``\\*``; assumed when not sent, RFC 3501).
    keywords_allowed: bool


@dataclass(frozen=True)
class Choice:
    """The method that will be used, or None, and why (one line for a person)."""

    method: str | None
    why: str


def choose_method(setting: str, label_folders: bool, capabilities: Collection[str], keywords_allowed: bool) -> Choice:
    """The way to label, from ``ASSISTANT_MAILBOX_LABELS`` (``setting``), ``ASSISTANT_LABEL_FOLDERS``
    and what the server offers. ``auto`` takes Gmail labels, then keywords, then (if allowed)
    folders."""
    gmail = "X-GM-EXT-1" in capabilities
    if setting == "off":
        return Choice(None, "off (ASSISTANT_MAILBOX_LABELS=off)")
    if setting == "gmail":
        if gmail:
            return Choice("gmail", "Gmail labels (X-GM-LABELS)")
        return Choice(None, "the server has no Gmail labels (no X-GM-EXT-1): set ASSISTANT_MAILBOX_LABELS=auto")
    if setting == "keywords":
        if keywords_allowed:
            return Choice("keywords", "IMAP keywords")
        return Choice(
            None, "the folder allows no keywords (PERMANENTFLAGS without \\*): set ASSISTANT_MAILBOX_LABELS=auto"
        )
    if setting == "folders":
        return Choice("folders", "copies in per-label folders")
    if gmail:
        return Choice("gmail", "Gmail labels (X-GM-LABELS)")
    if keywords_allowed:
        return Choice("keywords", "IMAP keywords")
    if label_folders:
        return Choice("folders", "copies in per-label folders (ASSISTANT_LABEL_FOLDERS=1)")
    return Choice(
        None,
        "the server allows neither keywords nor Gmail labels; ASSISTANT_LABEL_FOLDERS=1 copies into per-label folders",
    )


class LabelWriter:
    """Labels on the messages of ``source``'s folder, over its connection (connects on first use;
    closing it is the caller's job)."""

    def __init__(self, source: ImapSource) -> None:
        self.source = source
        self.folder = source.folder
        self._delimiter: str | None = None

    # -- the folder ---------------------------------------------------------------------------

    def open(self) -> FolderState:
        """SELECT the folder read-write (a STORE needs it; selecting changes no flag)."""
        folder = self.folder
        with self.source.session(f"opening {folder!r} to label its messages") as conn:
            try:
                typ, data = conn.select(quote_mailbox(folder))
            except imaplib2.IMAP4.readonly as exc:
                raise MailboxError(
                    f"{folder!r} on {self.source.host} is read-only: no labels can be set",
                    fix="set ASSISTANT_MAILBOX_LABELS=off",
                ) from exc
            if typ != "OK":
                raise self.source.folder_error(folder, response_text(data), setting="ASSISTANT_IMAP_FOLDER")
            uidvalidity = int_response(conn, "UIDVALIDITY")
            if uidvalidity is None:
                raise MailboxError(f"{self.source.host} sent no UIDVALIDITY for {folder!r}")
            modseq = int_response(conn, "HIGHESTMODSEQ")
            _typ, permanent = conn.response("PERMANENTFLAGS")
            line = permanent[-1] if permanent and permanent[-1] else None
            if modseq is None and "CONDSTORE" in self.source.capabilities:
                # Sent on SELECT only once CONDSTORE is enabled; STATUS tells it anyway.
                typ, data = conn.status(quote_mailbox(folder), "(HIGHESTMODSEQ)")
                match = re.search(rb"HIGHESTMODSEQ (\d+)", data[-1] if typ == "OK" and data and data[-1] else b"")
                modseq = int(match.group(1)) if match else None
        keywords = line is None or b"\\*" in line
        return FolderState(folder=folder, uidvalidity=uidvalidity, highest_modseq=modseq, keywords_allowed=keywords)

    def choose(self, state: FolderState, setting: str, label_folders: bool) -> Choice:
        return choose_method(setting, label_folders, self.source.capabilities, state.keywords_allowed)

    def names(self, method: str) -> LabelNames:
        return label_names(method, self.delimiter() if method == "folders" else "/")

    def delimiter(self) -> str:
        """The server's hierarchy delimiter (``LIST "" ""``); "/" when it has none."""
        if self._delimiter is None:
            with self.source.session("asking for the folder delimiter") as conn:
                typ, data = conn.list('""', '""')
            match = re.match(rb'^\([^)]*\) "((?:\\.|[^"\\])*)"', (data or [b""])[0] or b"") if typ == "OK" else None
            self._delimiter = match.group(1).decode() if match and match.group(1) else "/"
        return self._delimiter

    # -- keywords and Gmail labels --------------------------------------------------------------

    def set_labels(self, method: str, uids: Collection[int], add: Collection[str], remove: Collection[str]) -> None:
        """Add ``add`` and take away ``remove`` on ``uids`` (``.SILENT``: no \\Seen, no other flag
        touched). Raises :class:`MailboxError` when the server refuses."""
        item = {"keywords": "FLAGS", "gmail": "X-GM-LABELS"}[method]
        ordered = sorted(uids)
        for start in range(0, len(ordered), CHUNK):
            chunk = uid_set(ordered[start : start + CHUNK])
            for sign, names in (("-", remove), ("+", add)):
                if not names:
                    continue
                value = "(" + " ".join(_name_arg(method, n) for n in sorted(names)) + ")"
                with self.source.session(f"labelling messages in {self.folder}") as conn:
                    typ, data = conn.uid("STORE", chunk, f"{sign}{item}.SILENT", value)
                if typ != "OK":
                    raise MailboxError(
                        f"the server refused to label messages {chunk} in {self.folder!r}: {response_text(data)}",
                        fix="set ASSISTANT_MAILBOX_LABELS to another method, or off",
                    )

    def read_labels(
        self,
        method: str,
        names: LabelNames,
        uids: Collection[int] | None = None,
        changed_since: int | None = None,
    ) -> dict[int, set[str]]:
        """Our labels on each message: on ``uids``, or on every message whose flags changed after
        mod-sequence ``changed_since`` (CONDSTORE). Reads flags only: nothing is marked read."""
        item = {"keywords": "FLAGS", "gmail": "X-GM-LABELS"}[method]
        found: dict[int, set[str]] = {}
        if changed_since is not None:
            sets = ["1:*"]
        else:
            ordered = sorted(uids or [])
            sets = [uid_set(ordered[i : i + CHUNK]) for i in range(0, len(ordered), CHUNK)]
        for which in sets:
            args = [which, f"(UID {item})"]
            if changed_since is not None:
                args.append(f"(CHANGEDSINCE {changed_since})")
            with self.source.session(f"reading labels in {self.folder}") as conn:
                typ, data = conn.uid("FETCH", *args)
            if typ != "OK":
                raise MailboxError(f"UID FETCH of labels failed in {self.folder!r}: {response_text(data)}")
            for uid, values in parse_fetch_labels(data or [], item).items():
                found[uid] = names.ours(values)
        return found

    # -- folders --------------------------------------------------------------------------------

    def copy_to(self, uid: int, target: str) -> int | None:
        """COPY the message into ``target`` (created when missing); the copy's UID when the
        server reports it (UIDPLUS)."""
        with self.source.session(f"copying a message to {target}") as conn:
            conn.response("COPYUID")  # drop any stale one
            typ, data = conn.uid("COPY", str(uid), quote_mailbox(target))
            if typ != "OK" and "TRYCREATE" in response_text(data).upper():
                typ, created = conn.create(quote_mailbox(target))
                if typ != "OK":
                    raise MailboxError(
                        f"cannot create the label folder {target!r}: {response_text(created)}",
                        fix="create it in your mail client, or set ASSISTANT_LABEL_FOLDERS=0",
                    )
                typ, data = conn.uid("COPY", str(uid), quote_mailbox(target))
            if typ != "OK":
                raise MailboxError(f"the server refused to copy a message to {target!r}: {response_text(data)}")
            _typ, copyuid = conn.response("COPYUID")
        parts = (copyuid[-1] or b"").split() if copyuid else []
        return int(parts[-1]) if len(parts) == 3 and parts[-1].isdigit() else None

    def remove_copies(self, target: str, uids: Collection[int]) -> bool:
        """Delete our own copies ``uids`` from the label folder ``target`` (UID EXPUNGE, so nothing
        else there is expunged), then select the folder read again. False when the server has no
        UIDPLUS (the copies stay)."""
        if not uids or "UIDPLUS" not in self.source.capabilities:
            return False
        which = uid_set(uids)
        with self.source.session(f"removing copies from {target}") as conn:
            try:
                typ, data = conn.select(quote_mailbox(target))
                if typ == "OK":
                    typ, data = conn.uid("STORE", which, "+FLAGS.SILENT", r"(\Deleted)")
                if typ == "OK":
                    typ, data = conn.uid("EXPUNGE", which)
            finally:
                conn.select(quote_mailbox(self.folder))
        if typ != "OK":
            raise MailboxError(f"cannot remove the old copy from {target!r}: {response_text(data)}")
        return True


def _name_arg(method: str, name: str) -> str:
    return name if method == "keywords" else quote_string(name)


_FETCH_UID = re.compile(rb"\bUID (\d+)")


def parse_fetch_labels(data: list[Any], item: str) -> dict[int, list[str]]:
    """``{uid: [names]}`` from imaplib2's data for ``UID FETCH ... (UID FLAGS)`` or ``(UID
    X-GM-LABELS)``. A name sent as a literal arrives as a tuple; FETCH responses without a UID
    (unsolicited flag updates) are skipped."""
    found: dict[int, list[str]] = {}
    lines: list[bytes] = []
    for part in data:
        if isinstance(part, tuple):  # (b'1 (X-GM-LABELS ({5}', b'Scope'), then the rest
            head, literal = part
            text = re.sub(rb"\{\d+\}$", b"", head) + b'"' + literal.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
            if lines and not lines[-1].endswith(b")"):
                lines[-1] += text
            else:
                lines.append(text)
        elif isinstance(part, bytes):
            if lines and lines[-1].count(b"(") > lines[-1].count(b")"):
                lines[-1] += part
            else:
                lines.append(part)
    key = item.encode() + b" ("
    for line in lines:
        uid = _FETCH_UID.search(line)
        at = line.find(key)
        if uid is None or at < 0:
            continue
        found[int(uid.group(1))] = _astrings(line[at + len(key) :])
    return found


def _astrings(text: bytes) -> list[str]:
    """The atoms and quoted strings of a parenthesised list, up to its closing parenthesis."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i : i + 1]
        if c == b")":
            break
        if c == b" ":
            i += 1
        elif c == b'"':
            j, buf = i + 1, bytearray()
            while j < len(text) and text[j : j + 1] != b'"':
                if text[j : j + 1] == b"\\":
                    j += 1
                buf += text[j : j + 1]
                j += 1
            out.append(buf.decode("utf-8", "replace"))
            i = j + 1
        else:
            j = i
            while j < len(text) and text[j : j + 1] not in (b" ", b")"):
                j += 1
            out.append(text[i:j].decode("utf-8", "replace"))
            i = j
    return out
