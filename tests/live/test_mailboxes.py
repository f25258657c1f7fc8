"""Several mailboxes on one real Dovecot: listed, checked, one bad password reported alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

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
