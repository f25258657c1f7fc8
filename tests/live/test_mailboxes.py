"""Several mailboxes on one real Dovecot: listed, checked, triaged and watched (through a server
restart); one bad password is reported alone and the others go on."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import load_settings
from assistant.state import Store
from tests.live.conftest import ImapAccount
from tests.live.test_pipeline_imap import _client_mail, _ingest_workspace

pytestmark = pytest.mark.live
runner = CliRunner()


def _toml(home: Path, boxes: list[dict[str, object]]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    text = ""
    for box in boxes:
        text += "[[mailbox]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in box.items()) + "\n"
    (home / "assistant.toml").write_text(text)


def _box(name: str, user: str, env: str, dovecot: object) -> dict[str, object]:
    return {
        "name": name,
        "host": dovecot.host,
        "port": dovecot.port,
        "security": "none",
        "user": user,
        "secret_env": env,
    }


def test_three_mailboxes_checked_one_wrong_password_reported_alone(
    dovecot: object, _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (anna, anna_pw), (ben, ben_pw), (shared, _) = dovecot.new_user(), dovecot.new_user(), dovecot.new_user()
    monkeypatch.setenv("ANNA_PW", anna_pw)
    monkeypatch.setenv("BEN_PW", ben_pw)
    monkeypatch.setenv("SHARED_PW", "not-the-password")
    _toml(
        _isolated_home,
        [
            _box("anna", anna, "ANNA_PW", dovecot),
            _box("ben", ben, "BEN_PW", dovecot),
            _box("shared", shared, "SHARED_PW", dovecot),
        ],
    )
    listed = json.loads(runner.invoke(app, ["mailboxes", "list", "--json"], catch_exceptions=False).stdout)
    assert [(m["name"], m["user"]) for m in listed] == [("anna", anna), ("ben", ben), ("shared", shared)]
    assert "not-the-password" not in json.dumps(listed) and anna_pw not in json.dumps(listed)

    checked = runner.invoke(app, ["mailboxes", "check"], catch_exceptions=False, env={"COLUMNS": "300"})
    assert checked.exit_code == 1
    out_lines = [line for line in checked.stdout.splitlines() if line.strip()]
    assert [line.split(":")[0] for line in out_lines] == ["anna", "ben"]
    assert all("ok" in line and "INBOX holds 0 messages" in line and "IDLE" in line for line in out_lines)
    [error] = [line for line in checked.stderr.splitlines() if line.strip()]
    assert error.startswith("shared: error:") and "not-the-password" not in checked.output

    one = runner.invoke(app, ["mailboxes", "check", "ben"], catch_exceptions=False)
    assert one.exit_code == 0 and one.stdout.startswith("ben: ok")
    unknown = runner.invoke(app, ["mailboxes", "check", "carla"])
    assert unknown.exit_code != 0


def _three_mailboxes(dovecot: Any, home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, ImapAccount]:
    """anna, ben and shared on the one Dovecot, configured in assistant.toml; shared's secret
    is the wrong password. The accounts (with the right passwords) are for seeding mail."""
    accounts = {name: ImapAccount(dovecot, *dovecot.new_user()) for name in ("anna", "ben", "shared")}
    monkeypatch.setenv("ANNA_PW", accounts["anna"].password)
    monkeypatch.setenv("BEN_PW", accounts["ben"].password)
    monkeypatch.setenv("SHARED_PW", "not-the-password")
    _toml(home, [_box(name, a.user, f"{name.upper()}_PW", dovecot) for name, a in accounts.items()])
    return accounts


def _seed(accounts: dict[str, ImapAccount], subject: str) -> dict[str, str]:
    """One client message in each mailbox; its Message-ID per mailbox."""
    ids = {}
    for name, account in accounts.items():
        raw, ids[name] = _client_mail(
            f"{subject} ({name})", "Kan I lave et nyt logo til os?", format_datetime(datetime.now(UTC))
        )
        account.append("INBOX", raw)
    return ids


def test_triage_reads_every_mailbox_and_one_wrong_password_is_one_line(
    dovecot: Any, _isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts = _three_mailboxes(dovecot, _isolated_home, monkeypatch)
    _ingest_workspace(tmp_path)
    ids = _seed(accounts, "Logo")

    result = runner.invoke(app, ["triage", "--once", "--json"], env={"COLUMNS": "300"})
    assert result.exit_code == 1  # a mailbox was not read, and the exit status says so
    out = json.loads(result.stdout)
    [error] = [line for line in result.stderr.splitlines() if line.strip()]
    assert error.startswith("error: mailbox 'shared' not read:") and "refused the login" in error
    assert "check user and secret_env" in error and "in [[mailbox]] 'shared' of assistant.toml" in error
    assert "not-the-password" not in result.output
    by_box = {m["name"]: m for m in out["mailboxes"]}
    assert (by_box["anna"]["new"], by_box["ben"]["new"], by_box["shared"]["new"]) == (1, 1, 0)
    assert by_box["shared"]["error"] and by_box["anna"]["error"] is None
    # Every message records its mailbox; both good mailboxes were triaged, with drafts.
    triaged = {m["message_id"]: m for m in out["messages"]}
    assert set(triaged) == {ids["anna"], ids["ben"]}
    assert {triaged[ids[n]]["mailbox"] for n in ("anna", "ben")} == {"anna", "ben"}
    assert all(m["label"] == "out_of_scope" and m["draft_id"] for m in triaged.values())
    # Nothing was marked read in any mailbox.
    assert all("\\Seen" not in a.flags("INBOX", u) for a in accounts.values() for u in a.uids("INBOX"))

    drafts = json.loads(runner.invoke(app, ["drafts", "list", "--json"], catch_exceptions=False).stdout)
    assert sorted(d["mailbox"] for d in drafts) == ["anna", "ben"]
    table = runner.invoke(app, ["drafts", "list"], catch_exceptions=False, env={"COLUMNS": "300"}).stdout
    assert "mailbox" in table and all(re.search(rf"\b{n}\b.*Logo \({n}\)", table) for n in ("anna", "ben"))

    # Each mailbox has its own cursor; --mailbox reads just that one.
    later = _seed({n: accounts[n] for n in ("anna", "ben")}, "Logo igen")
    only_ben = runner.invoke(app, ["triage", "--mailbox", "ben", "--json"], catch_exceptions=False)
    assert only_ben.exit_code == 0, only_ben.output
    ben = json.loads(only_ben.stdout)
    assert [m["name"] for m in ben["mailboxes"]] == ["ben"]
    assert [m["message_id"] for m in ben["messages"]] == [later["ben"]]
    # The shared mailbox's password fixed: it is read from its own first sync on, anna from her cursor.
    monkeypatch.setenv("SHARED_PW", accounts["shared"].password)
    fixed = json.loads(runner.invoke(app, ["triage", "--json"], catch_exceptions=False).stdout)
    assert {m["name"]: m["new"] for m in fixed["mailboxes"]} == {"anna": 1, "ben": 0, "shared": 1}
    assert {m["message_id"] for m in fixed["messages"]} == {later["anna"], ids["shared"]}


def test_watch_keeps_every_good_mailbox_going_through_a_server_restart(
    dovecot: Any, _isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts = _three_mailboxes(dovecot, _isolated_home, monkeypatch)
    good = {n: accounts[n] for n in ("anna", "ben")}
    _ingest_workspace(tmp_path)
    env = {**os.environ, "ASSISTANT_IMAP_IDLE_SECONDS": "2", "ASSISTANT_IMAP_TIMEOUT": "10"}
    log = (tmp_path / "watch.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "watch"], env=env, stdout=log, stderr=subprocess.STDOUT)
    store = Store(load_settings().db_url)
    settings = load_settings()

    def drafted(message_ids: set[str]) -> dict[str, str | None]:
        """Wait until each message has a draft (or the watch ends); their mailboxes."""
        deadline = time.monotonic() + 90
        while proc.poll() is None and time.monotonic() < deadline:
            found = {d.message.message_id: d.message for d in store.drafts()}
            if message_ids <= set(found):
                return {i: settings.mailbox_name_of(found[i].source_key) for i in message_ids}
            time.sleep(0.5)
        raise AssertionError(f"not drafted: {(tmp_path / 'watch.log').read_text()}")

    try:
        before = _seed(good, "Logo")
        assert drafted(set(before.values())) == {before["anna"]: "anna", before["ben"]: "ben"}
        dovecot.restart()  # drops every connection, as a real restart does
        after = _seed(good, "Logo efter genstart")
        assert drafted(set(after.values())) == {after["anna"]: "anna", after["ben"]: "ben"}
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        log.close()
    output = (tmp_path / "watch.log").read_text()
    assert proc.returncode == 1  # shared was never watched
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: mailbox 'shared' not read:")
    flat = " ".join(output.split())  # log lines are wrapped to the terminal's width
    # each on its own; the error's own text may hold a ';' (a dropped connection's hint does)
    retried = {n: re.search(rf"warning: mailbox '{n}': (?:(?!warning: ).)*?; reconnecting in \d", flat) for n in good}
    assert all(retried.values()), output
    assert output.rstrip().endswith("Stopped.")
    assert all(a.uids("Drafts") == [] for a in accounts.values())  # watching never approves anything
