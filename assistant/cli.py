"""The ``assistant`` command line."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import date
from importlib.resources import files
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from assistant import aside
from assistant.config import Mailbox, Settings, default_home, load_settings, parse_since
from assistant.errors import EXIT_BUG, EXIT_ERROR, USER_ERRORS, ConfigError, UserError, system_error
from assistant.intake import (
    MailboxRead,
    chosen_mailboxes,
    in_mailbox_terms,
    read_mailbox,
    read_sent,
    watch_mailboxes,
)
from assistant.mailin import MailSource
from assistant.pipeline import (
    SyncReport,
    TriageReport,
    pending_ids,
    reset_fallbacks,
    retry_fallbacks,
    retry_quarantined,
    sync,
    triage_pending,
)
from assistant.state import Draft, Message, OutdatedStateError, Quarantine, Store, leases
from assistant.state.answers import answered_reason, answered_without_draft
from assistant.text.language import detect_language, preload
from assistant.work import Worker, queue

if TYPE_CHECKING:
    from assistant.label.engine import Engine
    from assistant.mailin.imap import ImapSource
    from assistant.review.mailbox import MailboxLabelReport
    from vectorstore import VectorStore

_display_type_rich = typer.core.TyperOption.display_type_rich


def _flag_display_type(self: typer.core.TyperOption, ctx: typer.Context) -> str | None:
    """No value for a flag in the help (Typer's rich help shows every flag as ``--json <bool>``,
    as if it took one; ``--json true`` is then refused as an extra argument)."""
    return None if self.is_flag else _display_type_rich(self, ctx)


typer.core.TyperOption.display_type_rich = _flag_display_type  # type: ignore[method-assign]

app = typer.Typer(
    help="Triage client mail against the agreed scope; draft replies for a human to approve.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
drafts_app = typer.Typer(
    help="Review drafted replies: list, show, approve, edit, reject, release.", no_args_is_help=True
)
app.add_typer(drafts_app, name="drafts")

SINCE_OPTION = typer.Option(
    "--since",
    help="How far back the first sync of a mailbox reads: a number of days (30), a date (2026-11-01) or 'all' "
    "(default: ASSISTANT_SYNC_SINCE, 30 days). Later syncs continue where the last one stopped.",
)

MAILBOX_OPTION = typer.Option(
    "--mailbox", help="Read only this mailbox ('default' is the ASSISTANT_IMAP_* one; default: every configured one)."
)

log = logging.getLogger(__name__)

# Markup off: client mail (subjects, names, text) is printed as data; "[/x]" in a subject
# must neither style the terminal nor crash the command. Styles are passed as style=.
console = Console(markup=False)
err_console = Console(stderr=True, markup=False, soft_wrap=True)  # an error stays one line, however narrow the terminal


class _State:
    home: Path | None = None


_state = _State()

#: Where tracebacks go, under the data home.
LOG_FILE = Path("logs") / "assistant.log"


def _home() -> Path:
    """The data home as the settings will resolve it (``--home``, else ``ASSISTANT_HOME``, else
    the user data dir), without reading the settings (they may be what failed)."""
    return Path(_state.home or os.environ.get("ASSISTANT_HOME") or default_home()).expanduser()


class _OneLineHandler(logging.Handler):
    """Log records on stderr, one line each ("warning: …"), however narrow the terminal;
    tracebacks go to the log file only."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = " ".join(record.getMessage().split())
            style = "red" if record.levelno >= logging.ERROR else "yellow" if record.levelno >= logging.WARNING else ""
            err_console.print(Text.assemble((f"{record.levelname.lower()}: ", style), text), highlight=False)
        except Exception:  # noqa: BLE001 - logging must not raise; handleError reports it
            self.handleError(record)


class _LogFileHandler(RotatingFileHandler):
    """``<home>/logs/assistant.log``: opened (and its folder made) on the first record. A
    record it cannot write (a full disk) is dropped and remembered in ``failed`` instead of
    printing logging's own traceback."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True)
        self.path = path
        self.failed: BaseException | None = None
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def _open(self):  # type: ignore[no-untyped-def]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = sys.exc_info()[1]


def _setup_logging(verbose: bool) -> None:
    """Warnings (everything with --verbose) on stderr as one line each; info and up, with
    tracebacks, in the log file. Replaces what an earlier call in this process set up."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OneLineHandler | _LogFileHandler)]:
        root.removeHandler(handler)
        handler.close()
    stderr = _OneLineHandler(logging.INFO if verbose else logging.WARNING)
    log_file = _LogFileHandler(_home() / LOG_FILE)
    root.addHandler(stderr)
    root.addHandler(log_file)
    root.setLevel(logging.INFO)
    # A message's failure (it is quarantined) goes with its traceback to the log file only;
    # the command prints one line per message itself.
    failures = logging.getLogger("assistant.failures")
    for handler in list(failures.handlers):
        failures.removeHandler(handler)
    failures.addHandler(log_file)
    failures.setLevel(logging.INFO)
    failures.propagate = False


def _log_file() -> _LogFileHandler | None:
    return next((h for h in logging.getLogger().handlers if isinstance(h, _LogFileHandler)), None)


@app.callback()
def _main(
    home: Annotated[
        Path | None, typer.Option(help="Data home (default: $ASSISTANT_HOME or the user data dir).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    _state.home = home
    _setup_logging(verbose)


def _settings(**overrides: object) -> Settings:
    return load_settings(home=_state.home, **overrides)


def _store(settings: Settings) -> Store:
    store = Store(settings.db_url)
    store.lease_seconds = settings.lease_seconds
    return store


def _progress() -> Progress:
    """The progress bar of long runs (on stderr, gone when done)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def _run_sync(source: MailSource, store: Store, since: date | None = None) -> SyncReport:
    with _progress() as progress:
        task = progress.add_task(f"reading {source.key}", total=None)
        return sync(source, store, on_message=lambda: progress.advance(task), since=since)


def _read(
    box: Mailbox | None, settings: Settings, store: Store, on_fetched: Callable[[], None] | None = None
) -> MailboxRead:
    """Read one mailbox (``on_fetched``: called after each message read). On PostgreSQL as the
    one worker reading it now (a claim on ``sync:<mailbox>``; while another worker holds it,
    wait for it to finish or for its lease to expire, then read what is left), queueing new
    mail as it is stored."""
    import time

    queued = queue.is_queued(settings.db_url)
    key = box.settings.imap_source_key() if box is not None else f"dir:{settings.maildir}"
    claim = [f"sync:{key}"]
    with _progress() as progress:
        task = progress.add_task(f"reading {box.name if box else settings.maildir}", total=None)
        stored = 0

        def on_message() -> None:
            nonlocal stored
            stored += 1
            progress.advance(task)
            if on_fetched is not None:
                on_fetched()
            if queued and stored % 25 == 0:  # the other workers start on them while the rest is read
                queue.enqueue_pending(store, settings.db_url)

        if not queued:
            return read_mailbox(box, settings, store, on_message=on_message)
        while True:
            with store.session() as s:
                if leases.claim(s, claim, store.worker, store.lease_seconds):
                    break
            progress.update(task, description=f"another worker is reading {key}; waiting")
            time.sleep(1)
        try:
            with leases.Renewal(store, claim, store.worker, store.lease_seconds):
                read = read_mailbox(box, settings, store, on_message=on_message)
                queue.enqueue_pending(store, settings.db_url)
        finally:
            with store.session() as s:
                leases.release(s, claim, store.worker)
        return read


def _checked_since(since: str | None) -> str | None:
    """``--since`` as given, once it is known to be valid (else one line naming --since)."""
    if since is not None:
        try:
            parse_since(since)
        except ValueError as exc:
            raise UserError(f"--since {exc}", fix="pass --since 30 (days), --since 2026-11-01 or --since all") from None
    return since


def _window_note(report: SyncReport, asked: str | None) -> str | None:
    """Which mail the sync considered, and whether --since was overruled by an earlier run's choice."""
    if report.since is None:
        return None
    note = f"Reading mail from {report.since.isoformat()} on"
    if report.since_recorded and asked is not None:
        note += " (chosen by this mailbox's first sync; --since only applies to a first sync)"
    return note + "."


def _excerpt(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# -- demo -----------------------------------------------------------------------------------


@app.command()
def demo(
    reset: Annotated[bool, typer.Option("--reset", help="Start the demo from nothing.")] = False,
) -> None:
    """Run the whole pipeline on the bundled demo agency with the offline engine (in <home>/demo; none of your data)."""
    from assistant.knowledge.ingest import Knowledge
    from assistant.knowledge.workspace import load_workspace
    from assistant.label.offline import OfflineEngine
    from assistant.mailin.local import LocalSource
    from vectorstore import VectorStore, make_embedder
    from vectorstore.embeddings import DEFAULT_EMBEDDING

    demo_home = _settings().home / "demo"
    if reset and demo_home.exists():
        shutil.rmtree(demo_home)
    workspace_dir = _demo_workspace()
    try:
        store = Store(f"sqlite:///{demo_home / 'state.db'}")
    except OutdatedStateError:
        # The demo's data is ours and disposable: start it again rather than stop.
        err_console.print(f"The demo data in {demo_home} is from an older version: starting the demo from nothing.")
        shutil.rmtree(demo_home)
        store = Store(f"sqlite:///{demo_home / 'state.db'}")
    with err_console.status("Indexing the demo agency's statements of work and call notes…"):
        embedder = make_embedder(DEFAULT_EMBEDDING, _settings().home / "cache")  # the embedded default, offline
        vectors = VectorStore.open(embedder, path=demo_home / "chroma", detect_language=detect_language)
        ingested = Knowledge(store, vectors).ingest_workspace(load_workspace(workspace_dir))
    synced = _run_sync(LocalSource(workspace_dir / "mail"), store)
    triaged = _run_triage(store, vectors, OfflineEngine())

    table = Table(
        title=f"Demo mailbox (offline engine): {synced.new} new, {synced.duplicates} already stored, "
        f"{triaged.triaged} triaged now; {ingested.chunks or 'no'} clauses (re)indexed",
        show_lines=True,
    )
    for col in ("Client", "Subject", "Label", "Red flags", "Top evidence", "Draft"):
        table.add_column(col)
    for m in store.messages():
        result = m.triage.result if m.triage else None
        if result is None:
            why = "auto-reply" if m.is_auto_reply else "bounce" if m.is_bounce else f"{m.client_match} sender"
            table.add_row(m.client_id or "-", _excerpt(m.subject, 40), f"(none: {why})", "", "", "")
            continue
        evidence = result["evidence"][0] if result["evidence"] else None
        table.add_row(
            m.client_id or "-",
            _excerpt(m.subject, 40),
            result["label"],
            ", ".join(result["red_flags"]),
            _evidence_line(evidence) if evidence else "",
            _excerpt(m.draft.body, 140) if m.draft else "(no reply needed)",
        )
    console.print(table)
    console.print(f"Read a whole draft with: assistant --home {demo_home} drafts show ID")
    store.close()


def _demo_workspace() -> Path:
    return Path(str(files("assistant.demo").joinpath("workspace")))


def _evidence_line(e: dict[str, object]) -> str:
    where = f"{e.get('title') or e.get('document')}" + (f", {e['date']}" if e.get("date") else "")
    return f"{_excerpt(str(e['text']), 110)}\n[{where}{' · not included' if e.get('excluded') else ''}]"


# -- getting started: init and check ----------------------------------------------------------


@app.command()
def init(directory: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty folder.")]) -> None:
    """Create a workspace to edit: clients.json and one example client's statement of work and call notes."""
    from assistant.onboarding.init import create_workspace

    written = create_workspace(directory)
    console.print(f"Workspace created in {directory} ({len(written)} files). Next:", soft_wrap=True)
    console.print(
        f"  1. edit {directory / 'clients.json'} and put your clients' documents in {directory / 'docs'}",
        soft_wrap=True,
    )
    console.print(
        f"  2. assistant check {directory}     what each statement of work was read as; mailbox, LLM, Chroma",
        soft_wrap=True,
    )
    console.print(f"  3. assistant ingest {directory}    then: assistant triage", soft_wrap=True)


@app.command()
def check(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The workspace folder.")] = Path("."),
) -> None:
    """Check a workspace and the services: what each statement of work was read as; mailbox, LLM endpoint, Chroma."""
    from assistant.onboarding.check import run_checks

    report = run_checks(directory, _settings())
    styles = {"ok": "green", "warn": "yellow", "fail": "red"}
    for finding in report.findings:
        console.print(Text.assemble((f"{finding.status:<5}", styles[finding.status]), finding.text), soft_wrap=True)
        for line in finding.detail:
            console.print(f"       {line}", soft_wrap=True)
    fails, warns = report.count("fail"), report.count("warn")
    console.print(f"{fails} problem(s), {warns} warning(s).", style="red" if fails else None)
    if report.failed:
        raise typer.Exit(1)


# -- mail intake ------------------------------------------------------------------------------


@app.command()
def triage(
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help="One pass: read new mail, triage it and draft replies, then exit. This is what triage always "
            "does; the flag only says so (`assistant watch` keeps running and triages mail as it arrives).",
        ),
    ] = False,
    engine: Annotated[
        str | None, typer.Option(help="offline or llm (default: llm when an endpoint is configured, else offline).")
    ] = None,
    maildir: Annotated[Path | None, typer.Option(help="Read a local Maildir / .eml folder instead of IMAP.")] = None,
    mailbox: Annotated[str | None, MAILBOX_OPTION] = None,
    since: Annotated[str | None, SINCE_OPTION] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    retry_fallbacks: Annotated[
        bool,
        typer.Option(
            "--retry-fallbacks",
            help="Triage again, with the LLM engine, the results the offline engine produced because the LLM "
            "failed; those a person has acted on (draft approved, rejected or edited; message relabelled) are kept.",
        ),
    ] = False,
) -> None:
    """Read new mail (every configured mailbox, or the one --mailbox names), label every client
    message and draft the replies it needs. A mailbox that cannot be read is one line; the others go on."""
    from assistant.label import make_engine

    settings = _settings(maildir=maildir, sync_since=_checked_since(since))
    chosen = make_engine(settings, engine)
    if retry_fallbacks and not chosen.name.startswith("llm"):
        raise UserError(
            "--retry-fallbacks needs the llm engine", fix="configure the LLM endpoint, or pass --engine llm"
        )
    targets: list[Mailbox | MailboxRead | None] = (
        [None] if settings.maildir and mailbox is None else list(chosen_mailboxes(settings, mailbox))
    )
    store = _store(settings)
    _queue_ready(settings)
    if retry_fallbacks:
        chosen.check_endpoint()  # a wrong URL or key stops the run before anything is reset
    retried = reset_fallbacks(store, _actor()) if retry_fallbacks else []
    # On PostgreSQL this run is a worker: it takes jobs from the queue while the mail is read.
    helper = _start_helping(settings, store, chosen) if queue.is_queued(settings.db_url) else None
    loaded: VectorStore | None = None
    try:
        if helper is None and aside.can_fork():
            reads, loaded = _read_aside(targets, settings, store)
        else:
            reads = _read_all(targets, settings, store)
    finally:
        helped = _stop_helping(helper)
    done = [r for r in reads if r.error is None and r.report is not None]
    failed = [r for r in reads if r.error is not None]
    several = settings.several_mailboxes()
    for r in failed:  # on stderr, with --json too
        _print_unread(r, several)
    if not done:  # nothing could be read: triage nothing
        store.close()
        raise typer.Exit(1)
    report = _total(done)
    notes = [r.sent_note for r in done if r.sent_note]
    if not as_json:
        window = _window_note(report, since)
        if window:
            console.print(window)
        for r in done:
            assert r.report is not None
            where = f"{r.name} ({r.report.source})" if several and r.name else r.report.source
            console.print(
                f"{where}: {r.report.fetched} fetched, {r.report.new} new "
                f"({r.report.auto_replies} auto-replies/bounces), {r.report.duplicates} already seen."
            )
            if r.sent_note:
                console.print(r.sent_note, style="yellow")
        console.print(f"Engine: {chosen.name}")
        if report.quarantined:
            console.print(
                f"{report.quarantined} message(s) could not be read, parsed or stored and were quarantined, "
                "not triaged: see `assistant quarantine list`.",
                style="yellow",
            )
        if retry_fallbacks:
            console.print(f"{len(retried)} fallback result(s) to triage again with {chosen.name}.")
    # Opening the vector store costs about a second: not worth it when nothing is pending.
    waiting = pending_ids(store, with_client=False)
    if waiting:
        chosen.check_endpoint()
    triaged = _run_work(settings, store, chosen, vectors=loaded) if waiting else TriageReport(engine=chosen.name)
    if helped is not None:  # the rows: what this run read, whoever triaged it, and what was pending
        helped.add(triaged)
        triaged = helped
        waiting = sorted({*_stored_ids(store, report.new_message_ids), *waiting})
    outcomes = _outcomes(store, waiting, settings)
    in_mailbox = _label_in_mailboxes(store, targets, done)
    pending_drafts = len(store.drafts("pending"))
    store.close()
    usage = getattr(chosen, "usage", None)
    if as_json:
        out = {
            "sync": {**report.__dict__, "since": report.since.isoformat() if report.since else None},
            "mailboxes": [
                {
                    "name": r.name,
                    "source": r.source,
                    "fetched": r.report.fetched if r.report else 0,
                    "new": r.report.new if r.report else 0,
                    "sent_folder": r.sent_note,
                    "error": r.error,
                }
                for r in reads
            ],
            "triage": triaged.__dict__,
            "messages": outcomes,
            "drafts_pending": pending_drafts,
        }
        if notes:
            out["sent_folder"] = "; ".join(notes)
        if retry_fallbacks:
            out["retried"] = retried
        if usage is not None:
            out["llm"] = usage.snapshot()
        if len(in_mailbox) == 1:
            out["mailbox_labels"] = in_mailbox[0].__dict__
        elif in_mailbox:  # several: each mailbox's own, by the source its messages name
            out["mailbox_labels"] = {labelled.mailbox: labelled.__dict__ for labelled in in_mailbox}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    else:
        _print_outcomes(outcomes, several)
        _print_triage(triaged, pending_drafts)
        for labelled in in_mailbox:
            _print_mailbox_labels(labelled)
    if failed:
        raise typer.Exit(1)


def _label_in_mailboxes(
    store: Store, targets: list[Mailbox | MailboxRead | None], done: list[MailboxRead]
) -> list[MailboxLabelReport]:
    """The verdicts written to (and changes read back from) each IMAP mailbox read."""
    from assistant.review.mailbox import label_in_mailbox

    read = {r.name for r in done}
    return [label_in_mailbox(store, t.settings) for t in targets if isinstance(t, Mailbox) and t.name in read]


def _print_mailbox_labels(report: MailboxLabelReport | None) -> None:
    line = report.line() if report is not None else None
    if line:
        console.print(line, style="yellow" if report and (report.failed or report.error) else None, highlight=False)


def _print_unread(read: MailboxRead, several: bool) -> None:
    """One line: why a mailbox was not read (naming it when there are several)."""
    what = f"mailbox {read.name!r} not read: " if several and read.name else ""
    err_console.print(Text.assemble(("error: ", "red"), f"{what}{read.error}"), highlight=False)


def _total(reads: list[MailboxRead]) -> SyncReport:
    """The sync reports of several mailboxes added up (the window: the one they share, if any)."""
    reports = [r.report for r in reads if r.report is not None]
    if len(reports) == 1:
        return reports[0]
    windows = {r.since for r in reports}
    return SyncReport(
        source=", ".join(r.source for r in reports),
        fetched=sum(r.fetched for r in reports),
        new=sum(r.new for r in reports),
        duplicates=sum(r.duplicates for r in reports),
        auto_replies=sum(r.auto_replies for r in reports),
        quarantined=sum(r.quarantined for r in reports),
        new_message_ids=[i for r in reports for i in r.new_message_ids],
        since=windows.pop() if len(windows) == 1 else None,
        since_recorded=all(r.since_recorded for r in reports),
    )


def _outcomes(store: Store, message_pks: list[int], settings: Settings) -> list[dict[str, object]]:
    """One row per message of ``message_pks`` that now has a result: what triage made of it."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    if not message_pks:
        return []
    with store.session() as s:
        messages = s.scalars(
            select(Message)
            .options(selectinload(Message.triage), selectinload(Message.draft))
            .where(Message.id.in_(message_pks))
            .order_by(Message.id)
        ).all()
    answers = store.answers([m.message_id for m in messages])
    return [
        {
            "message_id": m.message_id,
            "mailbox": settings.mailbox_name_of(m.source_key),
            "client": m.client_id,
            "subject": m.subject,
            "label": m.triage.label,
            "confidence": m.triage.confidence,
            "needs_judgement": bool((m.triage.result or {}).get("needs_judgement")),
            "draft_id": m.draft.id if m.draft else None,
            "no_draft_reason": None
            if m.draft or not (m.triage.result or {}).get("reply_needed", True)
            else answered_reason(answers.get(m.message_id, [])),
        }
        for m in messages
        if m.triage is not None
    ]


def _print_outcomes(rows: list[dict[str, object]], several: bool = False) -> None:
    """The table the demo prints, for the messages triaged now (with the mailbox of each when
    several are configured)."""
    if not rows:
        return
    table = Table()
    for col in ("Mailbox",) * several + ("Client", "Subject", "Label", "Confidence", "Draft"):
        table.add_column(col)
    for r in rows:
        label = f"{r['label']} (needs your judgement)" if r["needs_judgement"] else str(r["label"])
        draft = (
            str(r["draft_id"])
            if r["draft_id"] is not None
            else f"(no draft: {r['no_draft_reason']})"
            if r.get("no_draft_reason")
            else "(no reply needed)"
        )
        table.add_row(
            *(str(r["mailbox"] or "-"),) * several,
            str(r["client"] or "-"),
            _excerpt(str(r["subject"]), 60),
            label,
            f"{r['confidence']:.2f}",
            draft,
        )
    console.print(table)


def _vectors(settings: Settings, store: Store) -> VectorStore:
    """The vector store, checked to hold the documents for the current embedding model."""
    from assistant.knowledge import open_vectors, require_current_index

    vectors = open_vectors(settings)
    require_current_index(store, vectors)
    return vectors


def _read_all(
    targets: list[Mailbox | MailboxRead | None],
    settings: Settings,
    store: Store,
    on_fetched: Callable[[], None] | None = None,
) -> list[MailboxRead]:
    """Each target read (:func:`_read`), or its read as already done."""
    return [t if isinstance(t, MailboxRead) else _read(t, settings, store, on_fetched) for t in targets]


def _read_aside(
    targets: list[Mailbox | MailboxRead | None], settings: Settings, store: Store
) -> tuple[list[MailboxRead], VectorStore | None]:
    """The mailboxes read in a forked child (:mod:`assistant.aside`) while this process opens
    the vector store and loads the language models, once there is mail to triage (the child
    fetched a message, or some was pending already): both hold the interpreter lock, so side by
    side in one process they would take turns on one core. Returns the reads and the vector
    store (None when nothing needed it)."""

    def work(fetched: Callable[[], None]) -> list[MailboxRead]:
        return _read_all(targets, settings, store, on_fetched=fetched)

    child = aside.run_aside(work, before_fork=store.engine.dispose)
    vectors = None
    try:
        if child.signalled() or pending_ids(store, with_client=False):
            log.info("mail to triage: loading the models while the rest is read")
            vectors = _vectors(settings, store)
            preload()
            log.info("models loaded")
    finally:
        reads = child.result()  # waited for even when loading failed: the child finishes its commit
    return reads, vectors


def _run_triage(store: Store, vectors: VectorStore, engine: Engine) -> TriageReport:
    with _progress() as progress:
        task = progress.add_task("triaging", total=len(pending_ids(store, with_client=False)))
        return triage_pending(store, vectors, engine, on_message=lambda: progress.advance(task))


def _stored_ids(store: Store, message_ids: list[str]) -> list[int]:
    from sqlalchemy import select

    with store.session() as s:
        return list(s.scalars(select(Message.id).where(Message.message_id.in_(message_ids))))


def _start_helping(settings: Settings, store: Store, engine: Engine) -> _QueueWorker:
    """``triage`` on PostgreSQL: take jobs from the queue, like any worker, while this run reads
    the mailboxes (:func:`_stop_helping` ends it)."""
    engine.check_endpoint()
    helper = _QueueWorker(
        settings, Worker(store, _vectors(settings, store), engine, settings.lease_seconds), threading.Event()
    )
    helper.start()
    return helper


def _stop_helping(helper: _QueueWorker | None) -> TriageReport | None:
    """What the helper triaged (None without one); its failure is raised here."""
    if helper is None:
        return None
    helper.stop.set()
    helper.join()
    helper.raise_failure()
    return helper.report


def _queue_ready(settings: Settings) -> None:
    """On PostgreSQL, the job queue's tables (pgqueuer's own schema code; idempotent)."""

    if queue.is_queued(settings.db_url):
        queue.install(settings.db_url)


def _loaded() -> None:
    """The engine and the vector store are loaded: what is alive now (their objects, the
    modules') lives until the process ends, so the garbage collector stops walking it at
    every full collection."""
    gc.freeze()


def _run_work(
    settings: Settings,
    store: Store,
    engine: Engine,
    stop: threading.Event | None = None,
    vectors: VectorStore | None = None,
) -> TriageReport:
    """Triage what is pending: in process on SQLite; on PostgreSQL one queued job per message,
    taken by this process and any other worker on the same database until the queue is empty.
    ``vectors``: the vector store, when it is open already."""

    worker = Worker(store, vectors or _vectors(settings, store), engine, settings.lease_seconds, stop=stop)
    _loaded()
    with _progress() as progress:
        if not queue.is_queued(settings.db_url):
            task = progress.add_task("triaging", total=len(pending_ids(store, with_client=False)))
            return worker.triage(on_message=lambda: progress.advance(task)).report
        progress.add_task("triaging, with any other workers", total=None)
        queue.enqueue_pending(store, settings.db_url)
        return queue.run(
            settings.db_url,
            worker,
            until_empty=True,
            stop=stop or threading.Event(),
            concurrency=queue.jobs_at_once(engine),
        ).report


def _print_triage(report: TriageReport, pending_drafts: int) -> None:
    """The counts of one run, and every draft waiting for approval (not only the new ones)."""
    labels = ", ".join(f"{n} {label}" for label, n in sorted(report.labels.items())) or "nothing new"
    console.print(
        f"Triaged {report.triaged}: {labels}; {report.drafts} new draft(s); "
        f"{pending_drafts} drafts waiting for approval (`assistant drafts list --status pending`)."
    )
    if report.answered:
        console.print(f"{report.answered} message(s) already answered: labelled, no draft made.")
    for name, n in report.engines.items():
        if name != report.engine:
            console.print(
                f"{n} result(s) came from {name}: the {report.engine} engine failed for them (see `drafts show`).",
                style="yellow",
            )
    if report.skipped_unknown_sender:
        console.print(f"{report.skipped_unknown_sender} message(s) from unknown senders were stored but not labelled.")
    if report.quarantined:
        console.print(
            f"{report.quarantined} message(s) failed to triage and were quarantined; the others went on "
            "(`assistant quarantine show ID`, `retry ID`; tracebacks in the log file):",
            style="yellow",
        )
        for f in report.failures:
            console.print(f"  {f['message_id']}: {f['stage']}: {f['reason']}")


@app.command()
def watch(
    engine: Annotated[
        str | None, typer.Option(help="offline or llm (default: llm when an endpoint is configured, else offline).")
    ] = None,
    mailbox: Annotated[str | None, MAILBOX_OPTION] = None,
    since: Annotated[str | None, SINCE_OPTION] = None,
) -> None:
    """Keep triaging every configured mailbox: an IMAP IDLE connection per mailbox wakes the
    assistant when mail arrives; each reconnects on drops; one that fails does not stop the others."""
    from assistant.label import make_engine
    from assistant.review.mailbox import label_in_mailbox

    settings = _settings(sync_since=_checked_since(since))
    if settings.digest_time:
        settings.check_smtp()  # the daily digest goes out by SMTP: fail now, not at 07:30
    several = settings.several_mailboxes()
    boxes: list[Mailbox] = []
    unusable = 0
    for target in chosen_mailboxes(settings, mailbox, maildir_too=False):  # IDLE needs IMAP
        if isinstance(target, MailboxRead):
            unusable += 1
            _print_unread(target, several)
            continue
        try:  # fail now, not inside the loop, when the settings or the password are missing
            target.settings.check_imap()
            target.settings.imap_secret()
        except USER_ERRORS as exc:
            unusable += 1
            _print_unread(MailboxRead(target.name, target.name, error=in_mailbox_terms(str(exc), target)), several)
            continue
        boxes.append(target)
    if not boxes:
        raise typer.Exit(1)
    chosen = make_engine(settings, engine)
    chosen.check_endpoint()
    store = _store(settings)
    vectors = _vectors(settings, store)
    _queue_ready(settings)

    stop = threading.Event()
    since_date = settings.sync_since_date()
    worker = Worker(store, vectors, chosen, settings.lease_seconds, stop=stop)
    _loaded()
    jobs = _QueueWorker(settings, worker, stop) if queue.is_queued(settings.db_url) else None

    def _sync(box: Mailbox, source: ImapSource) -> int:
        report = sync(source, store, since=since_date)
        note = read_sent(box.settings, source, store, since_date)
        if note:
            log.warning("%s", in_mailbox_terms(note, box))
        if report.quarantined:
            console.print(
                f"{report.quarantined} message(s) quarantined{f' in {box.name}' if several else ''} "
                "(`assistant quarantine list`).",
                style="yellow",
            )
        if jobs is not None:
            jobs.enqueue_pending(store)  # the workers (this one among them) take them from the queue
        return report.new

    def _work(box: Mailbox, source: ImapSource) -> None:
        if jobs is None and pending_ids(store, with_client=False):
            triaged = worker.triage().report
            if triaged.triaged or triaged.quarantined:
                _print_triage(triaged, len(store.drafts("pending")))
        retried = retry_fallbacks(store, vectors, chosen, actor="watch", stop=stop)
        if retried is not None and retried.triaged:
            console.print(f"{chosen.name} answers again: {retried.triaged} fallback result(s) triaged again with it.")
            _print_triage(retried, len(store.drafts("pending")))
        _print_mailbox_labels(label_in_mailbox(store, box.settings, source=source))
        _send_due_digest(store, settings)

    def _failed(box: Mailbox, line: str) -> None:
        _print_unread(MailboxRead(box.name, box.name, error=line), several)

    watched = ", ".join(
        (f"{b.name} ({where})" if several else where)
        for b in boxes
        for where in [f"{b.settings.imap_user}@{b.settings.imap_host}/{b.settings.imap_folder}"]
    )
    console.print(f"Watching {watched} with the {chosen.name} engine (Ctrl-C to stop).")
    stopped: list[str] = []
    try:
        with _stop_on_signals(stop):
            if jobs is not None:
                jobs.start()
            stopped = watch_mailboxes(boxes, _sync, _work, stop, _failed)
    except KeyboardInterrupt:  # a second Ctrl-C: out now (what is stored stays stored)
        stop.set()
    finally:
        stop.set()
        if jobs is not None:
            jobs.join()
        store.close()
    if jobs is not None:
        jobs.raise_failure()
    console.print("Stopped.")
    if stopped or unusable:
        raise typer.Exit(1)


class _QueueWorker(threading.Thread):
    """``watch`` on PostgreSQL: takes triage jobs from the queue until stopped, beside the
    thread that syncs the mailbox and queues new mail."""

    def __init__(self, settings: Settings, worker: Worker, stop: threading.Event) -> None:
        super().__init__(name="queue-worker", daemon=True)
        self.settings, self.worker, self.stop = settings, worker, stop
        self.failure: BaseException | None = None
        self.report = TriageReport(engine=worker.engine.name)

    def enqueue_pending(self, store: Store) -> None:
        queued = queue.enqueue_pending(store, self.settings.db_url)
        if queued:
            log.info("queued %d message(s) for triage", queued)

    def run(self) -> None:
        try:
            self.report = queue.run(
                self.settings.db_url,
                self.worker,
                until_empty=False,
                stop=self.stop,
                concurrency=queue.jobs_at_once(self.worker.engine),
            ).report
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which ends watch with it
            self.failure = exc
            self.stop.set()

    def raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure


def _send_due_digest(store: Store, settings: Settings) -> None:
    """The daily digest, when it is due. A failure (the SMTP server down, an address refused)
    is one logged line and watch goes on: the next sync tries again, and managers already
    served are not emailed twice."""
    from assistant.digest.schedule import send_due_digest

    try:
        sent = send_due_digest(store, settings)
    except UserError as exc:
        log.warning("daily digest not sent: %s; trying again after the next sync", exc)
        return
    if sent:
        console.print(f"Daily digest sent to {', '.join(sent)}.")


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM set ``stop`` instead of raising inside whatever runs: an
    IMAP library interrupted mid-command can hang its own logout. The watch loop then ends
    its IDLE, the message in progress and the connection cleanly. A second Ctrl-C raises
    KeyboardInterrupt as usual."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def graceful(signum: int, _frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        console.print("Stopping after the current step… (Ctrl-C again to quit now)")

    previous = {sig: signal.signal(sig, graceful) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# -- drafts ---------------------------------------------------------------------------------


def _draft_row(d: Draft, settings: Settings) -> dict[str, object]:
    m = d.message
    return {
        "id": d.id,
        "status": d.status,
        "mailbox": settings.mailbox_name_of(m.source_key),
        "client": m.client_id,
        "label": m.triage.label if m.triage else None,
        "needs_judgement": bool(m.triage and (m.triage.result or {}).get("needs_judgement")),
        "message_id": m.message_id,
        "subject": d.subject,
    }


@drafts_app.command("list")
def drafts_list(
    status: Annotated[str, typer.Option(help="pending, approved, rejected, sent or all.")] = "all",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List drafts (all by default)."""
    settings = _settings()
    store = _store(settings)
    rows = [_draft_row(d, settings) for d in store.drafts(status)]
    answered = answered_without_draft(store) if status in ("pending", "all") else []
    store.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    _print_answered(answered)
    if not rows:
        console.print(f"No drafts ({status}).")
        return
    several = settings.several_mailboxes()  # then each draft says which mailbox its message came to
    table = Table()
    for col in ("id", "status", *("mailbox",) * several, "client", "label", "subject"):
        table.add_column(col)
    for r in rows:
        label = f"{r['label']} (needs your judgement)" if r["needs_judgement"] else r["label"]
        shown = (r["id"], r["status"], *(r["mailbox"],) * several, r["client"], label, r["subject"])
        table.add_row(*(str(v if v is not None else "-") for v in shown))
    console.print(table)


def _print_answered(answered: list[tuple[Message, str]], shown: int = 10) -> None:
    """Messages that got no draft because they were already answered, and why."""
    for m, reason in answered[:shown]:
        console.print(f"No draft for {_excerpt(m.subject or '(no subject)', 60)} from {m.sender_email}: {reason}.")
    if len(answered) > shown:
        console.print(f"... and {len(answered) - shown} more already answered message(s) without a draft.")


@drafts_app.command("show")
def drafts_show(draft_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Show one draft with the message it answers."""
    store = _store(_settings())
    d = store.draft(draft_id)
    m = d.message
    answered = answered_reason(store.answers([m.message_id]).get(m.message_id, []))
    store.close()
    console.print(f"Draft {d.id} ({d.status}) to {d.to_addr}", style="bold")
    console.print(f"Subject: {d.subject}")
    console.print(f"In reply to: {m.message_id} from {m.sender_email}")
    if answered:
        console.print(f"Reply found: {answered} (check before approving this draft).", style="yellow")
    if m.triage is not None:
        for line in _triage_lines(m.triage.label, m.triage.engine, m.triage.confidence, m.triage.result or {}):
            console.print(line, markup=False, highlight=False)
    console.print("\nClient wrote:", style="bold")
    console.print(m.new_text, markup=False, highlight=False)
    console.print("\nDraft:", style="bold")
    console.print(d.body, markup=False, highlight=False)


def _triage_lines(label: str, engine: str, confidence: float, result: dict[str, object]) -> list[str]:
    """What triage made of a message, from its stored result: label, red flags, confidence,
    engine (and why another stepped in), each request with its verdict and deciding clause."""
    judgement = " (needs your judgement)" if result.get("needs_judgement") else ""
    flags = result.get("red_flags") or []
    lines = [
        f"Label: {label}{judgement}",
        f"Red flags: {', '.join(str(f) for f in flags) if isinstance(flags, list) and flags else 'none'}",
        f"Confidence: {confidence:.2f}",
        f"Engine: {engine}",
    ]
    if result.get("fallback_reason"):
        lines.append(f"Fallback: {result['fallback_reason']}")
    requests = result.get("requests") or []
    if isinstance(requests, list) and requests:
        lines.append("Requests:")
        for r in requests:
            if not isinstance(r, dict):  # an old result: the request's text only
                lines.append(f"- {r}")
                continue
            numbers = ", ".join(f"{k} {r[k]}" for k in ("requested", "allowed", "used") if r.get(k))
            lines.append(
                f"- {r.get('text', '')}: {r.get('verdict') or 'unclear'}" + (f" ({numbers})" if numbers else "")
            )
            evidence = r.get("evidence")
            if isinstance(evidence, dict) and evidence.get("text"):
                lines.extend("    " + part for part in _evidence_line(evidence).splitlines())
    evidence = result.get("evidence") or []
    if isinstance(evidence, list) and evidence:
        lines.append("Evidence:")
        for e in evidence:
            if isinstance(e, dict) and e.get("text"):
                lines.extend(("- " if i == 0 else "  ") + part for i, part in enumerate(_evidence_line(e).splitlines()))
    return lines


def _actor() -> str:
    return os.environ.get("ASSISTANT_ACTOR") or os.environ.get("USER") or "cli"


def _report_action(result: object) -> None:
    from assistant.review.actions import ActionResult

    assert isinstance(result, ActionResult)
    console.print(result.message)
    if result.warning:
        err_console.print(Text.assemble(("warning: ", "yellow"), result.warning))


def _run_draft_action(name: str, draft_id: int) -> None:
    """Run one of the review actions (``assistant.review.actions``) on a draft and report it."""
    from assistant.review import actions

    settings = _settings()
    store = _store(settings)
    _report_action(getattr(actions, name)(settings, store, draft_id, _actor()))
    store.close()


@drafts_app.command("approve")
def drafts_approve(
    draft_id: Annotated[int, typer.Argument(metavar="ID")],
    send: Annotated[
        bool,
        typer.Option("--send", help="Send it now over SMTP and file a copy in Sent, instead of placing it in Drafts."),
    ] = False,
) -> None:
    """Approve a draft: it is placed in the mailbox's Drafts folder, to send from your mail client (or sent with --send)."""
    _run_draft_action("approve_and_send" if send else "approve", draft_id)


@drafts_app.command("edit")
def drafts_edit(draft_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Edit a pending draft's text in $EDITOR before approving it."""
    import click

    from assistant.review import actions

    settings = _settings()
    store = _store(settings)
    draft = store.draft(draft_id)
    if draft.status != "pending":
        raise UserError(f"draft {draft_id} is {draft.status}; only pending drafts can be edited")
    edited = click.edit(draft.body, extension=".txt", require_save=True)
    if edited is None:
        console.print("Not saved; the draft is unchanged.")
        return
    _report_action(actions.edit(settings, store, draft_id, _actor(), edited.rstrip("\n") + "\n"))
    store.close()


@drafts_app.command("reject")
def drafts_reject(draft_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Reject a draft; nothing is sent or appended."""
    _run_draft_action("reject", draft_id)


@drafts_app.command("release")
def drafts_release(draft_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Put a draft whose approval was interrupted ("approving") back to pending."""
    _run_draft_action("release", draft_id)


@drafts_app.command("relabel")
def drafts_relabel(
    draft_id: Annotated[int, typer.Argument(metavar="ID")],
    label: Annotated[str, typer.Option("--label", help="in_scope, out_of_scope or red_flag.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the label is wrong (kept with the correction).")],
    flag: Annotated[
        list[str] | None, typer.Option("--flag", help="A red-flag category (repeat it; red_flag only).")
    ] = None,
    replace_edited: Annotated[
        bool, typer.Option("--replace-edited", help="Replace a draft you edited with the one for the new label.")
    ] = False,
    keep_edited: Annotated[bool, typer.Option("--keep-edited", help="Keep a draft you edited as it is.")] = False,
) -> None:
    """Correct a message's label: the rationale and the pending draft are written again for it
    (a draft you edited only with --replace-edited)."""
    from sqlalchemy import select

    from assistant.review import actions
    from assistant.review.mailbox import update_mailbox_label

    if replace_edited and keep_edited:
        raise UserError("--replace-edited and --keep-edited exclude each other", fix="give one of them")
    settings = _settings()
    store = _store(settings)
    edited = "replace" if replace_edited else "keep" if keep_edited else "ask"
    try:
        _report_action(
            actions.relabel(settings, store, draft_id, _actor(), label, list(flag or []), reason, edited=edited)
        )
        with store.session() as s:
            message_pk = s.scalar(select(Draft.message_pk).where(Draft.id == draft_id))
        in_mailbox = update_mailbox_label(settings, store, message_pk)  # the mail client shows it too
        if in_mailbox is not None and (in_mailbox.failed or in_mailbox.error):
            console.print(
                f"The label in the mailbox was not updated: {in_mailbox.error or 'see the log file'}", style="yellow"
            )
    finally:
        store.close()


# -- quarantine -----------------------------------------------------------------------------

quarantine_app = typer.Typer(
    help="Messages a stage failed on (read, parse, store, retrieve, decide, draft): kept, not triaged; "
    "list, show, retry.",
    no_args_is_help=True,
)
app.add_typer(quarantine_app, name="quarantine")


def _quarantine_row(q: Quarantine) -> dict[str, object]:
    return {
        "id": q.id,
        "stage": q.stage,
        "reason": q.reason,
        "message_id": q.message_id,
        "source": q.source_key,
        "location": q.location,
        "size": q.size,
        "attempts": q.attempts,
        "at": q.at.isoformat(),
        "stored": q.message_pk is not None,
    }


@quarantine_app.command("list")
def quarantine_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the quarantined messages: where each failed, why, and where it came from."""
    store = _store(_settings())
    rows = [_quarantine_row(q) for q in store.quarantined()]
    store.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        console.print("No messages in quarantine.")
        return
    table = Table()
    for col in ("id", "at", "stage", "location", "reason"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["id"]), str(r["at"])[:19], str(r["stage"]), str(r["location"]), str(r["reason"]))
    console.print(table)
    console.print(f"{len(rows)} in quarantine: `assistant quarantine show ID`, `assistant quarantine retry ID|--all`.")


@quarantine_app.command("show")
def quarantine_show(
    quarantine_id: Annotated[int, typer.Argument(metavar="ID")],
    raw: Annotated[
        Path | None, typer.Option("--raw", metavar="FILE", help="Also write the message's raw bytes to FILE.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One quarantined message: stage, reason, attempts, where it came from, size and headers."""
    store = _store(_settings())
    q = store.quarantine_entry(quarantine_id)
    store.close()
    row = _quarantine_row(q)
    row["headers"] = _raw_headers(q.raw or b"")
    if raw is not None:
        try:
            raw.write_bytes(q.raw or b"")
        except OSError as exc:
            raise UserError(f"cannot write {raw}: {exc.strerror}", fix="pass another --raw FILE") from exc
    if as_json:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, indent=2) + "\n")
        return
    for name in ("id", "stage", "reason", "attempts", "at", "message_id", "source", "location", "size"):
        console.print(f"{name}: {row[name]}")
    console.print("headers:")
    for name, value in row["headers"]:  # type: ignore[attr-defined]
        console.print(f"  {name}: {value}")
    if raw is not None:
        console.print(f"raw bytes ({row['size']}) written to {raw}")


def _raw_headers(raw: bytes, limit: int = 200) -> list[tuple[str, str]]:
    """The header block as read, undecoded (bytes that are not UTF-8 shown as escapes): what
    a quarantined message says about itself, whatever the parser made of it."""
    end = next((i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0), len(raw))
    out: list[tuple[str, str]] = []
    for line in raw[:end].decode("utf-8", "backslashreplace").splitlines():
        if line[:1] in (" ", "\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + " " + line.strip())
        elif ":" in line:
            name, _, value = line.partition(":")
            out.append((name.strip(), value.strip()))
    return [(n, v[:500]) for n, v in out[:limit]]


@quarantine_app.command("retry")
def quarantine_retry(
    quarantine_id: Annotated[int | None, typer.Argument(metavar="[ID]")] = None,
    retry_all: Annotated[bool, typer.Option("--all", help="Retry every quarantined message.")] = False,
    engine: Annotated[
        str | None, typer.Option(help="offline or llm (default: llm when an endpoint is configured, else offline).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Run quarantined messages through the pipeline again; those that get through leave quarantine."""
    from assistant.label import make_engine

    if (quarantine_id is None) == (not retry_all):
        raise UserError("say which message to retry", fix="pass an ID from `assistant quarantine list`, or --all")
    settings = _settings()
    store = _store(settings)
    if quarantine_id is not None:
        store.quarantine_entry(quarantine_id)  # an unknown id says so
    chosen = make_engine(settings, engine)
    vectors: list[VectorStore] = []

    def triage_again(pks: Collection[int]) -> TriageReport:
        if not vectors:
            vectors.append(_vectors(settings, store))
        return triage_pending(store, vectors[0], chosen, retry=pks)

    report = retry_quarantined(store, None if retry_all else {quarantine_id}, triage_again)  # type: ignore[arg-type]
    store.close()
    if as_json:
        sys.stdout.write(json.dumps(report.__dict__, ensure_ascii=False) + "\n")
        return
    console.print(
        f"Retried {report.retried}: {len(report.released)} out of quarantine, {len(report.still)} still in it."
    )
    for r in report.still:
        console.print(f"  {r['id']}: {r['stage']}: {r['reason']}")


# -- status ---------------------------------------------------------------------------------


@app.command("status")
def status_command(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Per mailbox and in total: messages, triaged, pending, quarantined, unknown senders,
    auto-replies, drafts by status, last sync."""
    from assistant.state.status import COUNTS, status
    from assistant.work.status import work_status

    settings = _settings()
    store = _store(settings)
    out = status(store)
    out["work"] = work_status(store, settings.db_url, settings.lease_seconds)
    store.close()
    if as_json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table()
    for col in ("mailbox", *COUNTS, "drafts", "last sync"):
        table.add_column(col)
    for b in [*out["mailboxes"], out["total"]]:
        drafts = ", ".join(f"{n} {state}" for state, n in b["drafts"].items() if n) or "-"
        table.add_row(
            f"{b['mailbox']} ({b['kind']})" if b["kind"] != "total" else "total",
            *(str(b[c]) for c in COUNTS),
            drafts,
            str(b["last_sync"] or "never")[:19],
        )
    console.print(table)
    work = out["work"]
    line = f"Work in flight: {work['claimed']} claimed"
    if work["workers"]:
        line += " (" + ", ".join(f"{n} by {w}" for w, n in work["workers"].items()) + ")"
    if work["queue"] is not None:
        line += f"; queue: {work['queue']['queued']} queued, {work['queue']['picked']} picked"
        if work["queue"]["stale"]:
            line += f" ({work['queue']['stale']} by a worker gone quiet: taken over after the lease)"
    console.print(line + ".")
    if work["expired"]:
        console.print(
            f"{work['expired']} claim(s) of workers that stopped (their lease expired): messages are taken over by "
            'the next worker; an approval left "approving" needs `assistant drafts release ID` after checking Drafts.',
            style="yellow",
        )


# -- knowledge ----------------------------------------------------------------------------

clients_app = typer.Typer(help="The agency's clients, as ingested.", no_args_is_help=True)
app.add_typer(clients_app, name="clients")


@app.command()
def ingest(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="DIR|FILE", help="A workspace (clients.json + documents), or one document with --client."
        ),
    ],
    client: Annotated[str | None, typer.Option(help="Client id, to add one document.")] = None,
    kind: Annotated[str | None, typer.Option(help="scope or call_notes (with --client).")] = None,
    title: Annotated[str | None, typer.Option(help="Document title (with --client; default: file name).")] = None,
    date: Annotated[
        str | None,
        typer.Option(help="Document date YYYY-MM-DD (with --client; default: from the file name, else its mtime)."),
    ] = None,
) -> None:
    """Load clients and their statements of work and call notes into the knowledge store."""
    from assistant.knowledge import open_knowledge
    from assistant.knowledge.workspace import load_workspace

    settings = _settings()
    if client is None and (kind or title or date):
        raise UserError("--kind, --title and --date describe one document", fix="add --client ID")
    if client is not None and kind not in {"scope", "call_notes"}:
        raise UserError("adding one document needs its kind", fix="add --kind scope or --kind call_notes")
    workspace = load_workspace(path) if client is None else None
    store = _store(settings)
    knowledge = open_knowledge(settings, store)
    if workspace is not None:
        total = sum(len(c.documents) for c in workspace.clients)
        with _progress() as progress:
            task = progress.add_task("indexing documents", total=total)
            report = knowledge.ingest_workspace(workspace, on_document=lambda _p: progress.advance(task))
    else:
        assert client is not None and kind is not None
        report = knowledge.add_document(client, path, kind, title, date)
    store.close()
    console.print(
        f"{report.clients} clients; documents: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.removed} removed; {report.chunks} chunks indexed."
    )


@clients_app.command("list")
def clients_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List clients with their contacts, manager and indexed documents."""
    from sqlalchemy import func, select

    from assistant.state import Client, KnowledgeDocument

    store = _store(_settings())
    with store.session() as s:
        docs = dict(
            s.execute(select(KnowledgeDocument.client_id, func.count()).group_by(KnowledgeDocument.client_id)).all()
        )
        rows = [
            {
                "id": c.id,
                "name": c.name,
                "account_manager": c.account_manager,
                "domains": c.domains,
                "contacts": c.contacts,
                "documents": docs.get(c.id, 0),
            }
            for c in s.scalars(select(Client).order_by(Client.id))
        ]
    store.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        console.print("No clients yet: run `assistant ingest DIR`.")
        return
    table = Table()
    for col in ("id", "name", "account manager", "domains", "documents"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], r["name"], r["account_manager"], ", ".join(r["domains"]), str(r["documents"]))
    console.print(table)


# -- the review page and the digest -----------------------------------------------------------


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless --allow-remote).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    add_user: Annotated[
        str | None, typer.Option("--add-user", metavar="NAME", help="Create (or reset) a reviewer account, then exit.")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="manager|admin",
            help="With --add-user: a manager sees only their clients' mail, an admin all (kept on a reset).",
        ),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option(
            "--email",
            metavar="ADDRESS",
            help="With --add-user: a manager's address, as clients.json's account_manager.",
        ),
    ] = None,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Listen on a non-loopback address behind a TLS proxy (the session cookie is then marked Secure).",
        ),
    ] = False,
    host_name: Annotated[
        list[str] | None,
        typer.Option(
            "--host-name",
            metavar="NAME",
            help="A host name the page is reached by (repeatable; also ASSISTANT_REVIEW_HOSTS); others get 400.",
        ),
    ] = None,
) -> None:
    """Serve the review page: the queue of drafts, red flags first; approve, edit, reject, relabel."""
    settings = _settings()
    if (role or email) and not add_user:
        raise UserError("--role and --email describe a reviewer account", fix="add --add-user NAME")
    if add_user:
        from assistant.review.auth import add_user as create_user
        from assistant.review.auth import check_account

        role, email = check_account(settings.home, add_user, role, email)  # before the password prompt
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        create_user(settings.home, add_user, password, role=role, email=email)
        from assistant.review.auth import end_sessions_of

        store = _store(settings)
        try:
            ended = end_sessions_of(store, add_user)  # a new password logs the old sessions out
        finally:
            store.close()
        sees = f"the mail of {email}'s clients" if role == "manager" else "all mail"
        console.print(
            f"Reviewer {add_user} ({role}: {sees}) can now log in."
            + (f" Ended {ended} open session(s)." if ended else "")
        )
        return
    from assistant.review.app import serve as run_server

    _check_port_free(host, port)
    run_server(settings, host=host, port=port, allow_remote=allow_remote, host_names=host_name or ())


def _check_port_free(host: str, port: int) -> None:
    """A port already taken is one line naming --port, not the web server's own error and exit."""
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind(address)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            return  # anything else: the server says it
        raise UserError(
            f"port {port} on {host} is already in use (another `assistant serve`?)", fix="choose another with --port N"
        ) from None


@app.command()
def digest(
    day: Annotated[
        str | None, typer.Option("--date", help="The day to summarise, YYYY-MM-DD (default: today, UTC).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write it to FILE.html or FILE.md.")] = None,
    send: Annotated[bool, typer.Option("--send", help="Email each account manager their digest over SMTP.")] = False,
    cadence_days: Annotated[int, typer.Option(help="Flag clients with no contact for longer than this.")] = 14,
) -> None:
    """The daily inbox digest per account manager: new mail, scope creep, red flags, waiting drafts, quiet clients."""
    from datetime import UTC, date, datetime

    from assistant.digest import build_digest, render_text, send_digests, write_digest

    try:
        when = date.fromisoformat(day) if day else datetime.now(UTC).date()
    except ValueError:
        raise UserError(f"not a date: {day!r}", fix="use --date YYYY-MM-DD") from None
    settings = _settings()
    store = _store(settings)
    built = build_digest(store, when, cadence_days=cadence_days, mailbox_of=settings.mailbox_label)
    if out:
        console.print(f"Digest for {when} written to {write_digest(built, out)}.")
    if send:
        recipients = send_digests(store, settings, when, cadence_days=cadence_days)
        console.print(f"Digest for {when} sent to {', '.join(recipients) or 'nobody (no account managers)'}.")
    if not out and not send:
        console.print(render_text(built))
    store.close()


@app.command("eval")
def evaluate(
    dataset: Annotated[Path, typer.Option(help="Dataset directory (clients.json + cases.jsonl + docs/ + mail/).")],
    engine: Annotated[str, typer.Option(help="offline or llm.")] = "offline",
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the full results as JSON here.")] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write an HTML report here.")] = None,
    baselines: Annotated[
        bool, typer.Option("--baselines", help="Also score majority-class and TF-IDF + logistic regression baselines.")
    ] = False,
    loco: Annotated[
        bool,
        typer.Option(
            "--loco", help="Leave-one-client-out: retrain the offline engine without each client and score that client."
        ),
    ] = False,
    train_with: Annotated[
        list[Path] | None,
        typer.Option(
            "--train-with",
            metavar="DIR",
            help="A dataset the --loco models and the TF-IDF baseline also train on (repeatable); replaces --corpus.",
        ),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            envvar="ASSISTANT_EVAL_CORPUS",
            help="A training corpus (a folder of datasets) that --loco and --baselines also train on when no "
            "--train-with is given. Default: eval/datasets/training in the current directory, if there (a "
            "source checkout), else none; the command says which it used.",
        ),
    ] = None,
    dataset_only: Annotated[
        bool,
        typer.Option(
            "--dataset-only", help="--loco and --baselines train on this dataset's other clients only (no corpus)."
        ),
    ] = False,
) -> None:
    """Measure an engine on a labelled dataset (in a throw-away store; your data is untouched)."""
    from assistant.evaluation.run import evaluate as run_evaluation
    from assistant.evaluation.summary import print_summary
    from assistant.knowledge import embedder_for
    from assistant.label import make_engine
    from vectorstore import CachedEmbedder

    settings = _settings()
    chosen = make_engine(settings, engine)
    embedder = CachedEmbedder(embedder_for(settings), settings.home / "cache" / "embeddings.sqlite")
    train_with = (
        _training_datasets(dataset, train_with, corpus, dataset_only) if loco or baselines else train_with or []
    )
    for d in train_with:
        if not (d / "clients.json").is_file():
            raise UserError(f"--train-with {d}: not a dataset (no clients.json there)")
    with err_console.status(f"Evaluating {chosen.name} on {dataset}…"):
        result = run_evaluation(
            dataset,
            chosen,
            embedder,
            concurrency=settings.llm_concurrency if engine == "llm" else 1,
            loco=loco,
            baselines=baselines,
            train_with=train_with,
        )
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if report:
        from assistant.evaluation.html import write_report

        write_report(result, report)
    print_summary(result, console)


def _training_datasets(
    dataset: Path, train_with: list[Path] | None, corpus: Path | None, dataset_only: bool
) -> list[Path]:
    """The datasets --loco and --baselines also train on, said in one line: the ones given with
    --train-with, else those of the corpus (--corpus, else ./eval/datasets/training when it
    exists), else none. Nothing depends on where the package is installed."""
    from assistant.evaluation.training import DEFAULT_CORPUS, corpus_datasets

    if dataset_only:
        console.print("Training on the dataset alone (--dataset-only).", soft_wrap=True)
        return []
    if train_with:
        console.print(f"Training also on {_datasets(len(train_with))} given with --train-with.", soft_wrap=True)
        return train_with
    if corpus is not None and not corpus.is_dir():
        raise UserError(f"--corpus {corpus}: no such folder", fix="give a folder of datasets, or --dataset-only")
    chosen = corpus if corpus is not None else DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else None
    if chosen is None:
        console.print(
            f"Training corpus: none ({DEFAULT_CORPUS} is not in the current directory; "
            "give --corpus DIR or --train-with DIR); training on the dataset alone.",
            soft_wrap=True,
        )
        return []
    datasets = corpus_datasets(chosen, exclude=dataset)
    if corpus is not None and not datasets:
        raise UserError(f"--corpus {corpus}: no datasets there (no folder with a clients.json)")
    console.print(f"Training corpus: {chosen} ({_datasets(len(datasets))}).", soft_wrap=True)
    return datasets


# -- mailboxes ----------------------------------------------------------------------------

mailboxes_app = typer.Typer(
    help="The mailboxes read: ASSISTANT_IMAP_* and [[mailbox]] in assistant.toml.", no_args_is_help=True
)
app.add_typer(mailboxes_app, name="mailboxes")

#: Capabilities worth knowing about, in the order shown.
_NOTABLE_CAPABILITIES = ("IDLE", "CONDSTORE", "QRESYNC", "SPECIAL-USE", "UIDPLUS", "X-GM-EXT-1")


@mailboxes_app.command("list")
def mailboxes_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the configured mailboxes (never their secrets)."""
    rows = [
        {
            "name": m.name,
            "user": m.settings.imap_user,
            "host": m.settings.imap_host,
            "port": m.settings.imap_port_value(),
            "security": m.settings.imap_security,
            "auth": m.settings.imap_auth,
            "folder": m.settings.imap_folder,
        }
        for m in _settings().mailboxes()
    ]
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    if not rows:
        console.print("No mailbox configured: set ASSISTANT_IMAP_HOST, or add [[mailbox]] tables to assistant.toml.")
        return
    table = Table("name", "user", "server", "folder", "auth")
    for r in rows:
        table.add_row(
            str(r["name"]),
            str(r["user"]),
            f"{r['host']}:{r['port']} ({r['security']})",
            str(r["folder"]),
            str(r["auth"]),
        )
    console.print(table)


@mailboxes_app.command("check")
def mailboxes_check(name: Annotated[str | None, typer.Argument(help="One mailbox (default: all).")] = None) -> None:
    """Connect to each mailbox, log in, open its folder read-only, find its Drafts folder and
    report the server's capabilities; one line per mailbox. Exit 1 if any failed."""
    from assistant.mailin.imap import ImapSource
    from assistant.mailout.imap_folders import Mailbox

    settings = _settings()
    boxes = [settings.mailbox_named(name)] if name else settings.mailboxes()
    if not boxes:
        raise ConfigError(
            "no mailbox configured", fix="set ASSISTANT_IMAP_HOST, or add [[mailbox]] tables to assistant.toml"
        )
    failed = 0
    for box in boxes:
        try:
            with ImapSource(box.settings) as source:
                _uidvalidity, count = source.folder_status()
                drafts = Mailbox(source).find_drafts_folder()
                caps = [c for c in _NOTABLE_CAPABILITIES if c in source.capabilities]
                labels = _label_method(box.settings, source)
        except USER_ERRORS as exc:
            failed += 1
            err_console.print(Text.assemble((f"{box.name}: ", "bold"), ("error: ", "red"), str(exc)), highlight=False)
            continue
        console.print(
            f"{box.name}: ok — {box.settings.imap_user} on {box.settings.imap_host}:{box.settings.imap_port_value()}, "
            f"{box.settings.imap_folder} holds {count} messages, drafts go to {drafts!r}; "
            f"{', '.join(caps) or 'no IDLE (polling)'}; labels: {labels}",
            highlight=False,
        )
    if failed:
        raise typer.Exit(1)


def _label_method(settings: Settings, source: ImapSource) -> str:
    """How triage's verdict will show in this mailbox (ASSISTANT_MAILBOX_LABELS)."""
    from assistant.mailout.labels import LabelWriter, label_names

    if settings.mailbox_labels == "off":
        return "off (ASSISTANT_MAILBOX_LABELS=off)"
    writer = LabelWriter(source)
    choice = writer.choose(writer.open(), settings.mailbox_labels, settings.label_folders)
    if choice.method is None:
        return f"none — {choice.why}"
    names = label_names(choice.method, writer.delimiter() if choice.method == "folders" else "/")
    shown = ", ".join(sorted(names.all))
    return f"{choice.method} — {choice.why}: {shown}"


# -- backup -------------------------------------------------------------------------------

backup_app = typer.Typer(help="Back up the data home, and restore it into an empty one.", no_args_is_help=True)
app.add_typer(backup_app, name="backup")


@backup_app.command("create")
def backup_create(dest: Annotated[Path, typer.Argument(metavar="DIR", help="A new, empty folder.")]) -> None:
    """Copy the state database (SQLite, or pg_dump of PostgreSQL), the on-disk vector store and
    assistant.toml into DIR, with a manifest of what a restore must find."""
    from assistant.ops import backup

    manifest = backup.create(_settings(), dest)
    counts = manifest["counts"]
    console.print(
        f"Backed up {counts['messages']} messages, {counts['triage_results']} results and "
        f"{counts['drafts']} drafts ({manifest['database']}, schema {manifest['schema_revision']}) into {dest}."
    )


@backup_app.command("restore")
def backup_restore(
    source: Annotated[Path, typer.Argument(metavar="DIR", help="A folder `backup create` wrote.")],
) -> None:
    """Restore a backup into the data home (ASSISTANT_HOME / ASSISTANT_DATABASE_URL), which must
    hold no state yet; the database is upgraded to this version and checked against the manifest."""
    from assistant.ops import backup

    result = backup.restore(_settings(), source)
    counts = result["restored_counts"]
    console.print(
        f"Restored {counts['messages']} messages, {counts['triage_results']} results and "
        f"{counts['drafts']} drafts into {_settings().home}; every row the manifest lists is there."
    )


def _datasets(n: int) -> str:
    return f"{n} dataset" if n == 1 else f"{n} datasets"


def main() -> None:
    """The ``assistant`` command. Exit codes (``assistant.errors``, README "Exit codes"): 0 done;
    1 an expected failure, said in one line naming what to fix (its traceback in the log
    file); 2 a usage error (Typer's); 3 an unexpected error, one line and the traceback in
    the log file; 130 interrupted (Typer's). ``ASSISTANT_DEBUG=1`` prints the traceback as well."""
    # Everything this process creates (the data home, state.db and its -wal/-shm, the Chroma
    # files, caches, digests, logs) holds client mail or is derived from it: owner-only.
    previous = os.umask(0o077)
    try:
        app()
    except USER_ERRORS as exc:
        _fail(exc, str(exc), EXIT_ERROR)
    except Exception as exc:  # noqa: BLE001 - any other failure: one line, the traceback in the log file
        expected = system_error(exc, _home())
        if expected is not None:
            _fail(exc, str(expected), EXIT_ERROR)
        _fail(exc, f"unexpected error: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}", EXIT_BUG)
    finally:
        os.umask(previous)  # for a caller in the same process (the tests)


def _fail(exc: BaseException, line: str, code: int) -> None:
    """Print ``line`` as the one error line, write the traceback to the log file, and exit
    with ``code`` (or re-raise, with ASSISTANT_DEBUG=1)."""
    where = _write_traceback(exc)
    if code == EXIT_BUG:
        line += (
            f" (a bug: the traceback is in {where}; please report it)"
            if where
            else " (a bug; the traceback could not be written to the log file: set ASSISTANT_DEBUG=1 to see it)"
        )
    err_console.print(Text.assemble(("error: ", "red"), line), highlight=False)
    if os.environ.get("ASSISTANT_DEBUG"):
        raise exc
    sys.exit(code)


def _write_traceback(exc: BaseException) -> Path | None:
    """The failure with its traceback, into the log file only; its path, or None when it could
    not be written (a full disk)."""
    handler = _log_file() or _LogFileHandler(_home() / LOG_FILE)
    command = " ".join(["assistant", *sys.argv[1:]])
    record = logging.LogRecord("assistant.cli", logging.ERROR, __file__, 0, "%s failed", (command,), None)
    record.exc_info = (type(exc), exc, exc.__traceback__)
    handler.failed = None
    handler.handle(record)
    if handler is not _log_file():
        handler.close()
    return None if handler.failed is not None else handler.path
