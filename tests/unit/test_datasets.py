"""Every bundled dataset follows the dataset contract and the labelling guide.

The committed files are the source of truth (no generator rebuilds them), so this is what
keeps them honest. A dataset is any folder under ``eval/datasets/`` with a ``clients.json``
(found at collection time, so a new one is checked without touching this file), plus the
demo workspace. The contract is ``shared/dataset-format.md``; the labelling rules are
``eval/datasets/LABELLING.md``. Each test collects every problem in its dataset and names
the case or client, so one run shows all that needs fixing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from assistant.evaluation.dataset import load_cases
from assistant.knowledge.workspace import load_workspace
from assistant.parse import parse_message
from assistant.resolve import ClientDirectory
from assistant.state import Client

ROOT = Path(__file__).resolve().parents[2]
DATASETS_ROOT = ROOT / "eval" / "datasets"
DEMO = ROOT / "assistant" / "demo" / "workspace"

# The contract's vocabularies, spelled out here on purpose: a change to them is a change to
# the contract, and should show up as a failing test until the contract says so too.
LABELS = {"in_scope", "out_of_scope", "red_flag"}
CATEGORIES = {
    "unclear_goals",
    "conflicting_stakeholders",
    "discount_pressure",
    "outdated_methods",
    "prepayment_refusal",
    "late_payment",
    "misleading_claims",
}
KINDS = {"scope", "call_notes"}
DOCUMENT_TYPES = {".md", ".txt", ".pdf", ".docx"}
VERDICTS = {"covered", "excluded", "beyond_limit", "not_covered", "unclear"}
OUTSIDE = {"excluded", "beyond_limit", "not_covered"}  # verdicts that make a request out of scope
LANGUAGE = re.compile(r"[a-z]{2}")  # ISO 639-1
SHOWN = 40  # problems listed in a failure message


def _discover() -> list[Path]:
    return sorted(p.parent for p in DATASETS_ROOT.rglob("clients.json")) + [DEMO]


DATASETS = [pytest.param(d, id=d.relative_to(ROOT).as_posix()) for d in _discover()]


# --- reading ----------------------------------------------------------------------------


@cache
def _clients_json(directory: Path) -> Any:
    return json.loads((directory / "clients.json").read_text(encoding="utf-8"))


@cache
def _case_lines(directory: Path) -> list[tuple[int, Any]]:
    """(line number, parsed JSON or the exception) for every non-blank line of cases.jsonl."""
    lines = []
    for n, line in enumerate((directory / "cases.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                lines.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                lines.append((n, exc))
    return lines


def _cases(directory: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(a name for messages, the case) for every line that is a JSON object."""
    for n, case in _case_lines(directory):
        if isinstance(case, dict):
            yield f"line {n} ({case.get('id')})", case


def _directory(directory: Path) -> ClientDirectory:
    """The project's resolver over the dataset's clients, read as ``assistant ingest`` reads
    them (lower-cased, blanks dropped), skipping whatever test_clients_json reports."""
    data = _clients_json(directory)
    clients = [
        Client(id=c["id"], name=str(c.get("name", "")), domains=_listed(c, "domains"), contacts=_listed(c, "contacts"))
        for c in data.get("clients") or []
        if isinstance(c, dict) and isinstance(c.get("id"), str)
    ]
    return ClientDirectory(clients, _listed(data.get("agency"), "domains"))


def _listed(owner: Any, key: str) -> list[str]:
    """``owner[key]``'s addresses or domains, lower-cased; whatever is not a string is skipped."""
    values = owner.get(key) if isinstance(owner, dict) else None
    return [v.strip().lower() for v in values if isinstance(v, str) and v.strip()] if isinstance(values, list) else []


def _inside(directory: Path, rel: Any) -> Path | None:
    """``directory / rel`` if ``rel`` is a relative path that stays inside ``directory``."""
    if not isinstance(rel, str) or not rel or PurePosixPath(rel).is_absolute() or "\\" in rel:
        return None
    path = (directory / rel).resolve()
    return path if path.is_relative_to(directory.resolve()) else None


def _strings(value: Any) -> bool:
    """A list of non-empty strings (possibly empty itself)."""
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _check(problems: list[str]) -> None:
    more = f"\n... and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:SHOWN]) + more


# --- the tests --------------------------------------------------------------------------


def test_datasets_are_discovered() -> None:
    found = _discover()
    assert DATASETS_ROOT / "agency-dev" in found and DATASETS_ROOT / "agency-holdout" in found
    assert len([d for d in found if d.parent == DATASETS_ROOT / "training"]) >= 10
    for d in found:
        assert (d / "cases.jsonl").is_file(), f"{d} has clients.json but no cases.jsonl"


@pytest.mark.parametrize("directory", DATASETS)
def test_clients_json(directory: Path) -> None:
    data = _clients_json(directory)
    problems: list[str] = []
    agency = data.get("agency")
    if not isinstance(agency, dict) or not isinstance(agency.get("name"), str):
        problems.append("agency: needs a name")
    if not _strings(agency.get("domains") if isinstance(agency, dict) else None) or not _listed(agency, "domains"):
        problems.append("agency: needs a non-empty list of domains (the agency's own mail is never a client's)")
    clients = data.get("clients")
    if not isinstance(clients, list) or not clients:
        problems.append("clients: needs a non-empty list")
        clients = []
    ids = [c.get("id") for c in clients if isinstance(c, dict)]
    problems += [f"client id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1}, key=str)]
    for i, c in enumerate(clients):
        if not isinstance(c, dict) or not isinstance(c.get("id"), str) or not c["id"].strip():
            problems.append(f"clients[{i}]: needs a non-empty string id")
            continue
        where = f"client {c['id']}"
        if not isinstance(c.get("name"), str) or not c["name"].strip():
            problems.append(f"{where}: needs a name")
        for key in ("domains", "contacts"):
            if key in c and not _strings(c[key]):
                problems.append(f"{where}: {key} must be a list of non-empty strings")
        if not _listed(c, "domains") and not _listed(c, "contacts"):
            problems.append(f"{where}: no domains and no contacts, so no sender can resolve to it")
        problems += [f"{where}: contact {a!r} is not an address" for a in _listed(c, "contacts") if "@" not in a]
        problems += [f"{where}: domain {d!r} is an address" for d in _listed(c, "domains") if "@" in d]
        manager = c.get("account_manager", "")
        if not isinstance(manager, str) or (manager and "@" not in manager):
            problems.append(f"{where}: account_manager {manager!r} is not an address")
        problems += _documents(directory, where, c.get("documents"))
    # Every listed contact and domain resolves to its own client (not to the agency, to
    # another client, or to several).
    resolver = _directory(directory)
    for c in clients:
        if isinstance(c, dict) and isinstance(c.get("id"), str):
            senders = [*_listed(c, "contacts"), *(f"someone@{d}" for d in _listed(c, "domains"))]
            for sender in senders:
                got = resolver.resolve(sender)
                if got.client_id != c["id"]:
                    problems.append(f"client {c['id']}: {sender} resolves to {got.client_id} ({got.match})")
    if not problems:
        load_workspace(directory)  # and the project's own loader accepts it
    _check(problems)


def _documents(directory: Path, where: str, documents: Any) -> list[str]:
    if not isinstance(documents, list) or not documents:
        return [f"{where}: needs a list of documents (its statement of work at least)"]
    problems = []
    paths = [d.get("path") for d in documents if isinstance(d, dict)]
    twice = sorted({p for p in paths if paths.count(p) > 1}, key=str)
    problems += [f"{where}: document {p} is listed twice" for p in twice]
    for doc in documents:
        if not isinstance(doc, dict):
            problems.append(f"{where}: document {doc!r} is not an object")
            continue
        path = _inside(directory, doc.get("path"))
        name = f"{where}: document {doc.get('path')!r}"
        if path is None:
            problems.append(f"{name}: path must be relative to the dataset and stay inside it")
        elif not path.is_file():
            problems.append(f"{name}: file not found")
        elif path.stat().st_size == 0:
            problems.append(f"{name}: file is empty")
        elif path.suffix.lower() not in DOCUMENT_TYPES:
            problems.append(f"{name}: type {path.suffix!r} is not one of {sorted(DOCUMENT_TYPES)}")
        if doc.get("kind") not in KINDS:
            problems.append(f"{name}: kind {doc.get('kind')!r} is not scope or call_notes")
        if not isinstance(doc.get("title", ""), str):
            problems.append(f"{name}: title must be a string")
        if doc.get("date"):
            try:
                date.fromisoformat(doc["date"])
            except (TypeError, ValueError):
                problems.append(f"{name}: date {doc['date']!r} is not YYYY-MM-DD")
    if not any(isinstance(d, dict) and d.get("kind") == "scope" for d in documents):
        problems.append(f"{where}: no scope document, so no label can be judged against it")
    return problems


@pytest.mark.parametrize("directory", DATASETS)
def test_cases_jsonl(directory: Path) -> None:
    problems = [
        f"line {n}: not JSON ({case})" if isinstance(case, Exception) else f"line {n}: not a JSON object"
        for n, case in _case_lines(directory)
        if not isinstance(case, dict)
    ]
    if not _case_lines(directory):
        problems.append("cases.jsonl has no cases")
    clients = {c.get("id") for c in _clients_json(directory).get("clients", []) if isinstance(c, dict)}
    ids = [case.get("id") for _, case in _cases(directory)]
    problems += [f"case id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1}, key=str)]
    for where, case in _cases(directory):
        if not isinstance(case.get("id"), str) or not case["id"].strip():
            problems.append(f"{where}: needs a non-empty string id")
        if ("message" in case) == ("eml" in case):
            problems.append(f"{where}: needs exactly one of 'message' and 'eml'")
        elif "message" in case:
            problems += _inline(where, case["message"])
        elif _inside(directory, case["eml"]) is None or not str(case["eml"]).startswith("mail/"):
            problems.append(f"{where}: eml {case['eml']!r} must be a relative path under mail/")
        elif not (directory / case["eml"]).is_file():
            problems.append(f"{where}: eml {case['eml']} not found")
        label, flags = case.get("label"), case.get("red_flags")
        if label not in LABELS:
            problems.append(f"{where}: label {label!r} is not one of {sorted(LABELS)}")
        if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
            problems.append(f"{where}: red_flags must be a list of category ids")
        else:
            if set(flags) - CATEGORIES:
                problems.append(f"{where}: unknown red-flag categories {sorted(set(flags) - CATEGORIES)}")
            if len(set(flags)) != len(flags):
                problems.append(f"{where}: a red-flag category is listed twice")
            if bool(flags) != (label == "red_flag"):
                problems.append(f"{where}: red_flags {flags} with label {label}: non-empty exactly when red_flag")
        if case.get("client") not in clients:
            problems.append(f"{where}: client {case.get('client')!r} is not in clients.json")
        if not isinstance(case.get("language"), str) or not LANGUAGE.fullmatch(case["language"]):
            problems.append(f"{where}: language {case.get('language')!r} is not an ISO 639-1 code")
        if not isinstance(case.get("note"), str) or not case["note"].strip():
            problems.append(f"{where}: needs a note saying why the label holds")
        if not isinstance(case.get("auto_reply", False), bool):
            problems.append(f"{where}: auto_reply must be true or false")
    if not problems:
        load_cases(directory)  # the eval's own loader accepts it
    _check(problems)


def _inline(where: str, message: Any) -> list[str]:
    if not isinstance(message, dict):
        return [f"{where}: message must be an object"]
    problems = []
    if not isinstance(message.get("from"), str) or "@" not in message["from"]:
        problems.append(f"{where}: message.from {message.get('from')!r} has no address")
    for key in ("to", "subject", "date", "body"):
        if not isinstance(message.get(key, ""), str):
            problems.append(f"{where}: message.{key} must be a string")
    if not str(message.get("body", "")).strip():
        problems.append(f"{where}: message.body is empty")
    when = message.get("date")
    if isinstance(when, str) and when and _date(when) is None:
        problems.append(f"{where}: message.date {when!r} is neither ISO 8601 nor RFC 5322")
    return problems


def _date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None


@pytest.mark.parametrize("directory", DATASETS)
def test_mail_parses_and_senders_resolve(directory: Path) -> None:
    """Each .eml parses cleanly with the project's parser, and every sender (eml or inline)
    resolves to the case's client with the project's resolver, by contact or by domain."""
    resolver = _directory(directory)
    problems = []
    for where, case in _cases(directory):
        if isinstance(case.get("eml"), str) and _inside(directory, case["eml"]) and (directory / case["eml"]).is_file():
            parsed = parse_message((directory / case["eml"]).read_bytes())
            if parsed.defects:
                problems.append(f"{where}: {case['eml']} parses with defects: {'; '.join(parsed.defects)}")
            automatic, said = parsed.is_auto_reply or parsed.is_bounce, bool(case.get("auto_reply"))
            if automatic != said:
                problems.append(f"{where}: the parser sees an auto-reply: {automatic}, the case's auto_reply: {said}")
            if not automatic and not parsed.new_text.strip():
                problems.append(f"{where}: {case['eml']} has no new text once quotes and signature are set aside")
        elif isinstance(case.get("message"), dict) and isinstance(case["message"].get("from"), str):
            if case.get("auto_reply"):
                problems.append(f"{where}: an inline message cannot be an auto-reply (it has no headers); use an .eml")
            # Only the From header: that is all resolution needs, and it keeps this fast.
            parsed = parse_message(f"From: {case['message']['from']}\r\n\r\n".encode())
        else:
            continue  # reported by test_cases_jsonl
        if not parsed.sender.email:
            problems.append(f"{where}: the parser finds no sender address")
            continue
        got = resolver.resolve(parsed.sender.email)
        if got.client_id != case.get("client"):
            problems.append(
                f"{where}: sender {parsed.sender.email} resolves to {got.client_id} ({got.match}), "
                f"the case says {case.get('client')}"
            )
    _check(problems)


@pytest.mark.parametrize("directory", DATASETS)
def test_requests_agree_with_the_label(directory: Path) -> None:
    """The optional ``requests`` field: one verdict per thing the client asks for; the label
    follows from them (see LABELLING.md)."""
    problems = []
    for where, case in _cases(directory):
        if "requests" not in case:
            continue
        requests = case["requests"]
        if not isinstance(requests, list):
            problems.append(f"{where}: requests must be a list")
            continue
        good = True
        for i, r in enumerate(requests):
            bad = [] if isinstance(r, dict) else ["not an object"]
            if not bad:
                bad += [
                    f"{key} must be a non-empty string"
                    for key in ("text", "basis")
                    if not isinstance(r.get(key), str) or not r[key].strip()
                ]
                if r.get("verdict") not in VERDICTS:
                    bad.append(f"verdict {r.get('verdict')!r} is not one of {sorted(VERDICTS)}")
            problems += [f"{where}: requests[{i}]: {b}" for b in bad]
            good = good and not bad
        if not good:
            continue
        outside = [r["verdict"] for r in requests if r["verdict"] in OUTSIDE]
        if case.get("label") == "out_of_scope" and not outside:
            problems.append(f"{where}: out_of_scope, but no request is excluded, beyond_limit or not_covered")
        if case.get("label") == "in_scope" and outside:
            problems.append(f"{where}: in_scope, but requests are {outside} (the label should be out_of_scope)")
    _check(problems)
