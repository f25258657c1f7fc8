"""assistant.aside: work in a forked child, its signal, its result and its failures."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

import pytest

from assistant import aside

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forking is only done on Linux")


def _closed() -> None:
    pass


def test_the_childs_result_and_its_signal_come_back() -> None:
    def work(signal_: Callable[[], None]) -> dict[str, int]:
        signal_()
        signal_()  # only the first counts
        return {"pid": os.getpid(), "n": 3}

    child = aside.run_aside(work, before_fork=_closed)
    assert child.signalled() is True
    out = child.result()
    assert out["n"] == 3
    assert out["pid"] != os.getpid()  # it ran in another process
    assert child.result() == out  # asked again: the same, no second wait


def test_no_signal_when_the_child_has_nothing_for_us() -> None:
    child = aside.run_aside(lambda _signal: ["read"], before_fork=_closed)
    assert child.signalled() is False
    assert child.result() == ["read"]


def test_before_fork_runs_in_this_process_first() -> None:
    marks: list[str] = []
    child = aside.run_aside(lambda _signal: len(marks), before_fork=lambda: marks.append("closed"))
    assert marks == ["closed"]
    assert child.result() == 1  # the child saw it done


def test_a_failure_in_the_child_is_raised_here() -> None:
    def work(_signal: Callable[[], None]) -> None:
        raise ValueError("the mailbox said no")

    child = aside.run_aside(work, before_fork=_closed)
    with pytest.raises(ValueError, match="the mailbox said no"):
        child.result()


def test_a_failure_that_cannot_be_pickled_is_raised_as_its_line() -> None:
    class Local(Exception):  # a local class cannot be pickled
        pass

    def work(_signal: Callable[[], None]) -> None:
        raise Local("odd failure")

    child = aside.run_aside(work, before_fork=_closed)
    with pytest.raises(aside.AsideError, match="Local: odd failure"):
        child.result()


def test_a_child_killed_midway_is_an_error_naming_the_signal() -> None:
    def work(signal_: Callable[[], None]) -> None:
        signal_()
        os.kill(os.getpid(), signal.SIGKILL)

    child = aside.run_aside(work, before_fork=_closed)
    assert child.signalled() is True
    with pytest.raises(aside.AsideError, match="killed by signal 9"):
        child.result()


def test_no_fork_while_other_threads_run() -> None:
    import threading

    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert aside.can_fork() is False
    finally:
        stop.set()
        t.join()
