"""Work done in a forked child process while this process does its own: ``assistant triage``
reads the mailboxes there (IMAP, parsing, storing: Python that holds the interpreter lock)
while this process loads the vector store and the language models (which hold it too), so
the two use a core each instead of taking turns on one.

The child reports, over a pipe, when its work has something for this process to do (the
first message fetched) and then its result, pickled. A failure in the child is logged there
with its traceback (the log file) and raised here again; a child that ends without a result
(killed, crashed) is an error here naming its exit status: nothing is dropped silently.

Forking is only done where it is safe: on Linux, from a process running one thread, with the
state database's connections closed first (SQLite connections must not cross a fork)."""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)
failure_log = logging.getLogger("assistant.failures")

T = TypeVar("T")

_SIGNAL = b"s"  # the child has something for this process to do
_RESULT = b"r"  # what follows is the pickled ("ok", value) or ("error", exception)


class AsideError(RuntimeError):
    """The child ended without a result, or its failure could not be carried back as it was."""


def can_fork() -> bool:
    """Whether :func:`run_aside` may fork here: Linux, and this process runs one thread (a
    fork copies only the calling thread; locks other threads hold would stay held)."""
    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


class Aside(Generic[T]):
    """A running child: :meth:`signalled` and :meth:`result`."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid, self._reader = pid, reader
        self._first: bytes | None = None
        self._value: T | None = None
        self._done = False

    def signalled(self) -> bool:
        """Block until the child signals or ends; True when it signalled (it has work for us)."""
        if self._first is None:
            self._first = os.read(self._reader, 1)
        return self._first == _SIGNAL

    def result(self) -> T:
        """Wait for the child and return its result; its failure is raised here."""
        if self._done:
            return self._value  # type: ignore[return-value]
        marker = os.read(self._reader, 1) if self.signalled() else self._first
        data = bytearray()
        while chunk := os.read(self._reader, 1 << 16):
            data += chunk
        os.close(self._reader)
        _, status = os.waitpid(self.pid, 0)
        self._done = True
        if marker != _RESULT:
            raise AsideError(f"the process reading the mail ended without a result ({_status(status)})")
        outcome, value = pickle.loads(bytes(data))
        if outcome == "error":
            raise value
        self._value = value
        return value


def run_aside(work: Callable[[Callable[[], None]], T], before_fork: Callable[[], None]) -> Aside[T]:
    """Fork; the child runs ``work(signal)`` (``signal()``: tell this process there is work for
    it; only the first call counts) and exits. ``before_fork`` closes what must not be shared
    (the database's connections). Call only when :func:`can_fork`."""
    before_fork()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return Aside(pid, reader)
    os.close(reader)  # the child from here on: it never returns
    code = 0
    try:
        sent = False

        def signal() -> None:
            nonlocal sent
            if not sent:
                sent = True
                _write(writer, _SIGNAL)

        try:
            payload: tuple[str, Any] = ("ok", work(signal))
        except BaseException as exc:  # noqa: BLE001 - carried to the parent, which raises it
            failure_log.error("reading the mail failed", exc_info=exc)
            payload = ("error", exc)
        try:
            data = pickle.dumps(payload)
        except Exception as exc:  # noqa: BLE001 - the failure cannot be pickled: its one line instead
            data = pickle.dumps(("error", AsideError(f"{type(payload[1]).__name__}: {payload[1]} ({exc})")))
        _write(writer, _RESULT + data)
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child: exit with a status
        code = 70
    finally:
        for handler in logging.getLogger().handlers + failure_log.handlers:
            try:
                handler.flush()
            except Exception:  # noqa: BLE001 - exiting anyway
                pass
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
