"""Out to the mailbox over IMAP: find the Drafts and Sent folders, APPEND to them.

:class:`Mailbox` works over a connected :class:`~assistant.mailin.imap.ImapSource` (mail in
owns the connection, its login and its error mapping); these are the only writes to the
mailbox. Folder names are ordinary (Unicode) names, as everywhere in the API.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import imaplib2

from assistant.errors import MailboxError
from assistant.mailin.imap import FolderNotFoundError, ImapSource
from assistant.mailin.imap_responses import ListEntry, parse_list, response_text
from assistant.mailin.imap_utf7 import quote_mailbox

__all__ = ["DRAFTS_CANDIDATES", "SENT_CANDIDATES", "FolderNotFoundError", "Mailbox"]

log = logging.getLogger(__name__)

DRAFTS_CANDIDATES = (
    "Drafts",
    "INBOX.Drafts",
    "INBOX/Drafts",
    "[Gmail]/Drafts",
    "[Google Mail]/Drafts",
    "Draft",
    "Kladder",
    "Entwürfe",
    "Brouillons",
    "Borradores",
    "Bozze",
    "Concepten",
    "Utkast",
    "Rascunhos",
    "Luonnokset",
    "Черновики",
    "ฉบับร่าง",
)
SENT_CANDIDATES = (
    "Sent",
    "INBOX.Sent",
    "INBOX/Sent",
    "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail",
    "Sent Items",
    "Sent Messages",
    "Sendt post",
    "Sendte elementer",
    "Gesendet",
    "Gesendete Elemente",
    "Skickat",
    "Skickade objekt",
    "Éléments envoyés",
    "Enviados",
    "Inviati",
    "Verzonden items",
)


class Mailbox:
    """The account's Drafts and Sent folders, over ``source``'s connection.

    ``source`` connects on first use, as always; closing it is the caller's job
    (``with ImapSource(settings) as source: Mailbox(source).append_draft(raw)``).
    """

    def __init__(self, source: ImapSource) -> None:
        self.source = source
        self.settings = source.settings
        self._special: dict[str, str] = {}  # "\\drafts" / "\\sent" → folder name, once found

    # -- folders ------------------------------------------------------------------------------

    def find_drafts_folder(self) -> str:
        """The Drafts folder: the setting, else the ``\\Drafts`` special-use folder, else a
        folder with a usual name; raises :class:`FolderNotFoundError` naming
        ``ASSISTANT_IMAP_DRAFTS_FOLDER`` when there is none."""
        return self._find_special(
            "\\drafts", self.settings.imap_drafts_folder, DRAFTS_CANDIDATES, "ASSISTANT_IMAP_DRAFTS_FOLDER"
        )

    def find_sent_folder(self) -> str:
        """The Sent folder, found like the Drafts folder (``\\Sent``, then usual names)."""
        return self._find_special(
            "\\sent", self.settings.imap_sent_folder, SENT_CANDIDATES, "ASSISTANT_IMAP_SENT_FOLDER"
        )

    def _find_special(self, use: str, configured: str | None, candidates: tuple[str, ...], setting: str) -> str:
        if configured:
            return configured
        if use in self._special:
            return self._special[use]
        entries: list[ListEntry] = []
        caps = self.source.capabilities
        if "SPECIAL-USE" in caps and "LIST-EXTENDED" in caps:
            with self.source.session("listing special-use folders") as conn:
                try:
                    typ, data = conn._simple_command("LIST", "(SPECIAL-USE)", '""', '"*"', untagged_response="LIST")
                except imaplib2.IMAP4.abort:
                    raise
                except imaplib2.IMAP4.error as exc:  # BAD: the server lied about LIST-EXTENDED
                    log.debug("LIST (SPECIAL-USE) refused: %s", exc)
                    typ, data = "NO", []
            if typ == "OK":
                entries = parse_list(data or [])
        found = _pick_special(entries, use)
        all_entries: list[ListEntry] | None = None
        if found is None:
            all_entries = self.source.list_folders()  # special-use attributes show in plain LIST too
            found = _pick_special(all_entries, use)
        if found is None:
            by_name = {e.name.casefold(): e for e in all_entries or [] if e.selectable}
            for candidate in candidates:
                entry = by_name.get(candidate.casefold())
                if entry is not None:
                    found = entry.name
                    break
        if found is None:
            for candidate in candidates:  # e.g. "INBOX.Kladder", "Privat/Drafts"
                for entry in all_entries or []:
                    leaf = entry.name.rsplit(entry.delimiter, 1)[-1] if entry.delimiter else entry.name
                    if entry.selectable and leaf.casefold() == candidate.casefold():
                        found = entry.name
                        break
                if found:
                    break
        if found is None:
            names = ", ".join(sorted(e.name for e in all_entries or [] if e.selectable)) or "none listed"
            raise FolderNotFoundError(
                f"no {use.strip(chr(92)).title()} folder found on {self.source.host}",
                fix=f"set {setting} to one of: {names}",
            )
        log.info("%s: %s folder is %r", self.source.key, use, found)
        self._special[use] = found
        return found

    # -- writing ------------------------------------------------------------------------------

    def append_draft(self, raw: bytes, folder: str | None = None) -> int | None:
        """APPEND ``raw`` to the Drafts folder flagged ``\\Draft \\Seen``; the new UID when the
        server reports it (UIDPLUS), else ``None``."""
        target = folder or self.find_drafts_folder()
        return self._append(raw, target, r"(\Draft \Seen)", "ASSISTANT_IMAP_DRAFTS_FOLDER", "draft")

    def append_sent(self, raw: bytes, folder: str | None = None) -> int | None:
        """File a copy of a message sent over SMTP in the Sent folder, flagged ``\\Seen``."""
        target = folder or self.find_sent_folder()
        return self._append(raw, target, r"(\Seen)", "ASSISTANT_IMAP_SENT_FOLDER", "sent copy")

    def _append(self, raw: bytes, target: str, flags: str, setting: str, what: str) -> int | None:
        with self.source.session(f"saving a {what} to {target}") as conn:
            conn.response("APPENDUID")  # drop any stale one
            typ, data = conn.append(quote_mailbox(target), flags, None, raw)
            if typ != "OK":
                text = response_text(data)
                if "TRYCREATE" in text.upper() or "exist" in text.lower():
                    raise self.source.folder_error(target, text, setting=setting)
                raise MailboxError(f"the server refused the {what} for {target!r}: {text}", fix=f"check {setting}")
            _typ, appenduid = conn.response("APPENDUID")
        log.info("%s: %s saved to %r", self.source.key, what, target)
        if appenduid and appenduid[-1]:
            parts = appenduid[-1].split()
            if len(parts) >= 2 and parts[-1].isdigit():
                return int(parts[-1])
        return None


def _pick_special(entries: Iterable[ListEntry], use: str) -> str | None:
    for entry in entries:
        if use in entry.attributes and entry.selectable:
            return entry.name
    return None
