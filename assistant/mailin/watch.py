"""Keep a mailbox synced: IMAP IDLE, and reconnect with backoff when the connection drops.

:func:`run_watch` is transport-agnostic about *what* a sync does: the pipeline passes its own
``sync`` (store new messages, advance the cursor) and this module only decides *when* to call
it and how to survive a flaky connection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from assistant.errors import AuthenticationError, ConnectionLostError
from assistant.mailin.imap import ImapSource, ServerUnreachableError

log = logging.getLogger(__name__)

#: Errors after which a new connection is worth trying. AuthenticationError, a missing
#: folder, a TLS or configuration problem are not among them: they need the user.
RETRYABLE = (ConnectionLostError, ServerUnreachableError)


def run_watch(
    connect: Callable[[], ImapSource],
    sync: Callable[[ImapSource], int],
    stop: threading.Event,
    idle_seconds: float,
    backoff_initial: float = 1.0,
    backoff_max: float = 300.0,
    sleep: Callable[[float], object] | None = None,
    describe: Callable[[Exception], str] = str,
) -> None:
    """Sync, then wait for new mail with IDLE and sync again, until ``stop`` is set.

    - ``connect()`` returns a new (lazily connecting) source; ``sync(source)`` returns how many
      new messages it stored.
    - Each IDLE lasts at most ``idle_seconds`` (keep it under 29 minutes, RFC 2177); when it
      ends without news a sync runs anyway. With an up-to-date cursor that sync is one
      EXAMINE, and it guards against servers that miss an IDLE notification.
    - A dropped connection (:class:`ConnectionLostError`) or an unreachable server
      (:class:`ServerUnreachableError`) closes the source, waits ``backoff_initial`` seconds,
      doubling up to ``backoff_max`` (reset by the next successful sync), and reconnects.
      An unreachable server *before the first successful sync* is raised instead: that is
      almost always a wrong host or port, which the user should hear about at once.
    - :class:`AuthenticationError` and every other error are raised.
    - ``sleep(seconds)`` waits between attempts; by default ``stop.wait``, so setting
      ``stop`` also cuts a backoff short. An IDLE in progress ends within ~0.2 s of ``stop``.
    - ``describe(error)`` is the logged line of an error it retries after (with several
      mailboxes watched: which one).
    """
    wait = sleep if sleep is not None else stop.wait
    delay = backoff_initial
    synced_once = False
    source: ImapSource | None = None
    try:
        while not stop.is_set():
            try:
                if source is None:
                    source = connect()
                    log.info("watching %s", source.key)
                count = sync(source)
                log.info("synced %s: %d new message(s)", source.key, count)
                synced_once = True
                delay = backoff_initial
                while not stop.is_set():
                    woke = source.wait_for_mail(idle_seconds, stop=stop)
                    if stop.is_set():
                        break
                    if woke:
                        log.info("new mail signalled in %s", source.key)
                    else:
                        log.debug("no news from %s within %.0fs; checking anyway", source.key, idle_seconds)
                    count = sync(source)
                    log.info("synced %s: %d new message(s)", source.key, count)
            except AuthenticationError:
                raise
            except RETRYABLE as exc:
                if isinstance(exc, ServerUnreachableError) and not synced_once:
                    raise
                log.warning("%s; reconnecting in %.1fs", describe(exc), delay)
                if source is not None:
                    source.close()
                    source = None
                wait(delay)
                delay = min(delay * 2, backoff_max)
    finally:
        if source is not None:
            source.close()
        log.info("watch stopped")
