"""``assistant init`` and ``assistant check``: a workspace to edit, and what it was read as."""

from __future__ import annotations

import json
import re
from email.message import EmailMessage
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app, main
from tests.fakes.openai_server import ScriptedOpenAIServer

runner = CliRunner()

POLISH_SOW = """# Umowa 2027: SEO

## 1. Zakres prac

- 1.1 4 artykuły blogowe miesięcznie, do 1000 słów każdy.
- 1.2 Audyt techniczny SEO raz na kwartał.

## 2. Umowa nie obejmuje

- 2.1 Projektowania logo i identyfikacji wizualnej.
- 2.2 Kampanii płatnych (Google Ads, Meta Ads).

## 3. Warunki handlowe

- 3.1 Faktury płatne w terminie 14 dni.
- 3.2 Dodatkowe prace wyłącznie na podstawie pisemnego wniosku o zmianę; stawka 300 PLN za godzinę.
"""

#: Hungarian, a language the exclusion table does not know: its "not included" list is read as agreed work.
HUNGARIAN_SOW = """# Szerződés 2027: SEO

## 1. A munka tárgya

- 1.1 Havi 4 blogcikk, legfeljebb 1000 szó.

## 2. Nem tartalmazza

- 2.1 Logótervezés és arculat.
- 2.2 Fizetett hirdetések.
"""


def _workspace(root: Path, sow_name: str, sow_text: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / sow_name).write_text(sow_text, encoding="utf-8")
    (root / "clients.json").write_text(
        json.dumps(
            {
                "agency": {"name": "Agency", "domains": ["agency.test"]},
                "clients": [
                    {
                        "id": "zloty",
                        "name": "Złoty Kłos",
                        "domains": ["zlotyklos.test"],
                        "account_manager": "anna@agency.test",
                        "documents": [{"path": f"docs/{sow_name}", "kind": "scope", "date": "2027-01-04"}],
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return root


def _maildir(root: Path, sender: str, body: str) -> Path:
    """A Maildir holding one message."""
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "you@your-agency.example", "Logo"
    m["Message-ID"] = "<one@example-client.example>"
    m["Date"] = "Mon, 07 Dec 2026 09:00:00 +0000"
    m.set_content(body)
    (root / "new" / "1733562000.1.host").write_bytes(m.as_bytes())
    return root


def _section(out: str, heading: str) -> list[str]:
    """The clause lines under ``heading`` ("included", "not included") in check's output."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s+{heading} \(\d+\):", line))
    items = []
    for line in lines[start + 1 :]:
        if not line.strip().startswith("- "):
            break
        items.append(line.strip()[2:])
    return items


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys, monkeypatch) -> None:
    target = tmp_path / "ws"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    monkeypatch.setattr("sys.argv", ["assistant", "init", str(target)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not empty" in err and "Traceback" not in err
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    assert (target / "notes.txt").read_text() == "mine"


def test_init_check_ingest_triage_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "agency"
    made = runner.invoke(app, ["init", str(ws)], catch_exceptions=False)
    assert made.exit_code == 0 and f"assistant check {ws}" in made.stdout
    assert {p.relative_to(ws).as_posix() for p in ws.rglob("*") if p.is_file()} == {
        "README.md",
        "clients.json",
        "docs/example-client/sow.md",
        "docs/example-client/2027-01-11-kickoff.md",
    }
    mail = _maildir(
        tmp_path / "Maildir",
        "Jane Doe <jane@example-client.example>",
        "Hi! Could you also design a new logo for us? We would like to see it next week.",
    )
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(mail))

    checked = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    assert checked.exit_code == 0, checked.stdout
    assert f"ok   Maildir {mail}: 1 message" in checked.stdout
    assert "ok   LLM: no endpoint configured" in checked.stdout
    assert "2027-01-11-kickoff.md: call notes, 4 notes (1 refusal" in checked.stdout
    assert not re.search(r"^fail", checked.stdout, re.MULTILINE)
    # What the example statement of work was read as: the manager compares it with the document.
    assert _section(checked.stdout, "not included") == [
        "3.1 Paid advertising (Google Ads, Meta, TikTok).",
        "3.2 Logo, graphic design and visual identity.",
        "3.3 Changes to the webshop's code or hosting.",
        "3.4 Translation of content into other languages.",
    ]
    assert (
        "2.1 Blog articles: 4 articles per month, up to 1,200 words each, with 2 revision rounds per article.  [limit 4]"
        in _section(checked.stdout, "included")
    )
    assert "rates: €95 per hour; €180 per article" in checked.stdout
    assert _section(checked.stdout, "change-request rule")[0].startswith("5.4 Work outside this statement of work")
    assert _section(checked.stdout, "payment terms")[1].startswith("5.2 Invoices are due within 14 days.")

    ingested = runner.invoke(app, ["ingest", str(ws)], catch_exceptions=False)
    assert "2 added" in ingested.stdout
    report = json.loads(runner.invoke(app, ["triage", "--json"], catch_exceptions=False).stdout)
    [row] = report["messages"]
    assert row["client"] == "example-client" and report["triage"]["engine"] == "offline"
    assert row["label"] in {"in_scope", "out_of_scope", "red_flag"} and row["draft_id"] is not None


def test_check_reads_a_polish_not_included_section_as_exclusions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(tmp_path / "ws", "umowa.md", POLISH_SOW)
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(_maildir(tmp_path / "mail", "a@zlotyklos.test", "Dzień dobry")))
    result = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    assert result.exit_code == 0, result.stdout
    assert _section(result.stdout, "not included") == [
        "2.1 Projektowania logo i identyfikacji wizualnej.",
        "2.2 Kampanii płatnych (Google Ads, Meta Ads).",
    ]
    assert _section(result.stdout, "included") == [
        "1.1 4 artykuły blogowe miesięcznie, do 1000 słów każdy.  [limit 4]",
        "1.2 Audyt techniczny SEO raz na kwartał.",
    ]
    assert "rates: 300 PLN za godzinę" in result.stdout
    assert _section(result.stdout, "payment terms") == ["3.1 Faktury płatne w terminie 14 dni."]
    assert _section(result.stdout, "change-request rule")[0].startswith("3.2 Dodatkowe prace")
    assert "no exclusions found" not in result.stdout


def test_check_warns_when_a_sow_in_an_unknown_language_yields_no_exclusions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(tmp_path / "ws", "szerzodes.md", HUNGARIAN_SOW)
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(_maildir(tmp_path / "mail", "a@zlotyklos.test", "Jó napot")))
    result = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    out = result.stdout
    # The misreading shows: the exclusions are listed as agreed work, and a warning says why.
    assert "2.1 Logótervezés és arculat." in _section(out, "included")
    assert _section(out, "not included") == []
    [warning] = [line for line in out.splitlines() if line.startswith("warn")]
    assert warning.startswith("warn client zloty: docs/szerzodes.md: no exclusions found")
    assert "exclusions.toml" in warning
    assert result.exit_code == 0  # a warning, not a failure: the workspace can still be ingested


def test_check_warns_when_a_sow_yields_no_included_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = _workspace(tmp_path / "ws", "sow.md", "# SOW\n\n## Not included\n\n- Logo design.\n- Paid ads.\n")
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(_maildir(tmp_path / "mail", "a@zlotyklos.test", "Hi")))
    out = runner.invoke(app, ["check", str(ws)], catch_exceptions=False).stdout
    assert "warn client zloty: docs/sow.md: no included items found" in out
    assert "no exclusions found" not in out


def test_check_prints_one_line_per_problem_and_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = _workspace(tmp_path / "ws", "sow.md", POLISH_SOW)
    data = json.loads((ws / "clients.json").read_text(encoding="utf-8"))
    data["clients"][0]["documents"].append({"path": "docs/missing.pdf", "kind": "call_notes"})
    data["clients"].append({"id": "nomail", "name": "No Mail", "account_manager": "Anna", "documents": []})
    (ws / "clients.json").write_text(json.dumps(data), encoding="utf-8")
    with ScriptedOpenAIServer() as server:
        dead_llm = server.base_url  # the server stops: nothing listens there any more
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(tmp_path / "no-such-maildir"))
    monkeypatch.setenv("OPENAI_BASE_URL", dead_llm)
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", "http://127.0.0.1:9")
    result = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    assert result.exit_code == 1
    fails = [line for line in result.stdout.splitlines() if line.startswith("fail")]
    assert len(fails) == 5, result.stdout
    expected = [
        "Document not found",
        "client nomail: no domains or contacts",
        "ASSISTANT_MAILDIR",
        "OPENAI_BASE_URL",
        "ASSISTANT_CHROMA_URL",
    ]
    for line, words in zip(fails, expected):
        assert words in line, line
    assert "5 problem(s)" in result.stdout
    assert "warn client nomail: account_manager 'Anna' is not an email address" in result.stdout


def test_check_without_a_workspace_fails_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(_maildir(tmp_path / "mail", "a@b.test", "Hi")))
    result = runner.invoke(app, ["check", str(tmp_path / "nothing")], catch_exceptions=False)
    assert result.exit_code == 1
    [fail] = [line for line in result.stdout.splitlines() if line.startswith("fail")]
    assert "no clients.json" in fail


def test_check_reaches_the_llm_endpoint_and_names_a_missing_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _workspace(tmp_path / "ws", "sow.md", POLISH_SOW)
    monkeypatch.setenv("ASSISTANT_MAILDIR", str(_maildir(tmp_path / "mail", "a@zlotyklos.test", "Hi")))
    with ScriptedOpenAIServer(model="local-model") as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("ASSISTANT_LLM_MODEL", "local-model")
        ok = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
        monkeypatch.setenv("ASSISTANT_LLM_MODEL", "gpt-4o-mini")
        other = runner.invoke(app, ["check", str(ws)], catch_exceptions=False)
    assert f"ok   LLM endpoint {server.base_url}: reachable, model local-model offered" in ok.stdout
    assert ok.exit_code == 0
    assert "warn LLM endpoint" in other.stdout and "'gpt-4o-mini' is not among the 1 model" in other.stdout
