"""Errors a user can act on.

Every :class:`UserError` carries a one-line message and, where there is one, the fix
(usually the setting to change). The CLI prints these as one line, without a traceback.
:func:`system_error` turns a failure of the machine (a full disk, a folder that cannot be
written, a busy database) into one; the ``EXIT_*`` codes are the command's exit statuses.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from vectorstore.errors import ActionableError


class UserError(ActionableError):
    """A failure the user can fix; ``fix`` names what to change."""


class ConfigError(UserError):
    """A setting is missing or invalid."""


class MailboxError(UserError):
    """The mailbox could not be reached, logged into or used."""


class AuthenticationError(MailboxError):
    """The server refused the credentials."""


class ConnectionLostError(MailboxError):
    """The connection dropped; callers that loop (``watch``) reconnect."""


#: Every error a user can act on, the assistant's and its vector store's: printed as one line.
USER_ERRORS: tuple[type[Exception], ...] = (ActionableError,)


# -- failures of the machine, said in one line ----------------------------------------------

#: Exit codes of the ``assistant`` command (the README's "Exit codes" lists them).
EXIT_OK = 0
#: An expected failure, said in one line naming what to fix: a setting, the mailbox, the
#: endpoint, a full disk.
EXIT_ERROR = 1
#: The command line itself: an unknown command or option, a bad or missing value.
EXIT_USAGE = 2
#: An unexpected error (a bug): one line, the traceback in the log file.
EXIT_BUG = 3
#: Interrupted (Ctrl-C), as Typer exits.
EXIT_INTERRUPTED = 130

#: Less free space than this on the data home's disk, and a failure is taken for a full disk.
NEARLY_FULL = 1024 * 1024

_DISK_FULL_TEXT = ("database or disk is full", "no space left on device", "disk quota exceeded")


def causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and everything behind it: its cause or context, and the driver error a
    database library wraps (SQLAlchemy's ``orig``), each once."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo:
        e = todo.pop()
        if any(e is s for s in seen):
            continue
        seen.append(e)
        todo.extend(x for x in (getattr(e, "orig", None), e.__cause__, e.__context__) if isinstance(x, BaseException))
    return seen


def disk_full(exc: BaseException) -> bool:
    """The failure is a full disk (ENOSPC, a quota, or SQLite's "database or disk is full")."""
    for e in causes(exc):
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(text in str(e).lower() for text in _DISK_FULL_TEXT):
            return True
    return False


def free_bytes(path: Path) -> int | None:
    """The free space on ``path``'s disk (its nearest existing folder), None when unreadable."""
    here = path
    while not here.exists() and here.parent != here:
        here = here.parent
    try:
        return shutil.disk_usage(here).free
    except OSError:
        return None


def free_space(path: Path) -> str:
    """The free space on ``path``'s disk, for a person ("37.2 MB"); "unknown" when unreadable."""
    free_now = free_bytes(path)
    if free_now is None:
        return "unknown"
    free = float(free_now)
    for unit in ("bytes", "KB", "MB", "GB"):
        if free < 1024 or unit == "GB":
            return f"{free:.0f} {unit}" if unit == "bytes" else f"{free:.1f} {unit}"
        free /= 1024
    return "unknown"  # pragma: no cover


def _under(path: Path, home: Path) -> bool:
    try:
        return path.expanduser().resolve().is_relative_to(home.expanduser().resolve())
    except (OSError, RuntimeError):
        return False


def system_error(exc: BaseException, home: Path) -> UserError | None:
    """The one line for a failure of the machine the user can act on: a full disk, a file or
    database that cannot be written, a state database another process holds; None for others.
    ``home`` is the data home (``ASSISTANT_HOME``)."""
    chain = causes(exc)
    oserror = next((e for e in chain if isinstance(e, OSError) and e.errno is not None), None)
    filename = getattr(oserror, "filename", None)
    target = Path(filename) if isinstance(filename, str) and filename else None
    # SQLite often says "disk I/O error" when its journal finds no room; other libraries fail
    # in their own words. With (almost) no space left, the full disk is the thing to fix.
    free = free_bytes(home)
    if disk_full(exc) or (free is not None and free < NEARLY_FULL):
        if target is not None and not _under(target, home):
            return UserError(
                f"the disk is full: cannot write {target} ({free_space(target)} free there)",
                fix="make room on that disk",
            )
        return UserError(
            f"the disk is full: cannot write to ASSISTANT_HOME ({home}); {free_space(home)} free there",
            fix="make room on that disk, or set ASSISTANT_HOME to a disk with space",
        )
    if oserror is not None and oserror.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        where = target or home
        why = "read-only file system" if oserror.errno == errno.EROFS else "permission denied"
        if target is None or _under(target, home):
            return UserError(
                f"cannot write {where}: {why}",
                fix=f"make ASSISTANT_HOME ({home}) writable, or set it to another folder",
            )
        return UserError(f"cannot write {where}: {why}", fix="choose a folder you may write to")
    text = " ".join(str(e).lower() for e in chain)
    if "database is locked" in text:
        return UserError(
            "the state database is busy: another assistant process is writing to it",
            fix="wait for it to finish, or stop it, then run the command again",
        )
    if "unable to open database file" in text:
        return UserError(
            f"cannot open the state database in ASSISTANT_HOME ({home})",
            fix="make the folder writable, or set ASSISTANT_HOME to another folder",
        )
    return None
