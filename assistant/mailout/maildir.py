"""An approved reply into a local Maildir's Drafts folder, for mbsync / offlineimap users.

The Maildir (``ASSISTANT_MAILDIR``) is the one their sync tool keeps in step with the
server, in the Maildir++ layout: its Drafts folder is ``<maildir>/.Drafts``. The reply is
written there (to ``tmp``, then renamed into ``cur`` with the draft flag ``D``, by
:class:`mailbox.Maildir`), and the next sync uploads it to the server's Drafts, where the
account manager's mail client shows it.
"""

from __future__ import annotations

import mailbox
from pathlib import Path

from assistant.errors import UserError

#: The Maildir++ folder name of Drafts: ``<maildir>/.Drafts``.
DRAFTS_FOLDER = "Drafts"


def drafts_path(root: Path) -> Path:
    """Where the Drafts folder of the Maildir at ``root`` is (or will be)."""
    return root / f".{DRAFTS_FOLDER}"


def add_draft(root: Path, raw: bytes) -> tuple[Path, str]:
    """Put ``raw`` in the Drafts folder of the Maildir at ``root`` (created with cur/new/tmp
    when missing), flagged as a draft; returns the folder and the message's key."""
    if not root.is_dir():
        raise UserError(f"Maildir not found: {root}", fix="set ASSISTANT_MAILDIR to the folder your sync tool writes")
    try:
        box = mailbox.Maildir(root, factory=None, create=False)
        if DRAFTS_FOLDER in box.list_folders():
            for sub in ("tmp", "new", "cur"):  # a folder left incomplete (by hand, or a half sync)
                (drafts_path(root) / sub).mkdir(exist_ok=True)
            drafts = box.get_folder(DRAFTS_FOLDER)
        else:
            drafts = box.add_folder(DRAFTS_FOLDER)  # .Drafts with cur/new/tmp and maildirfolder
        message = mailbox.MaildirMessage(raw)
        message.set_subdir("cur")
        message.set_flags("D")
        key = drafts.add(message)
    except OSError as exc:
        raise UserError(
            f"could not write the draft to {drafts_path(root)}: {exc.strerror or exc}",
            fix="check that ASSISTANT_MAILDIR is writable",
        ) from exc
    return drafts_path(root), key
