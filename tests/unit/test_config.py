from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError


def test_env_overrides_toml_and_toml_overrides_defaults(_isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _isolated_home.mkdir(parents=True)
    (_isolated_home / "assistant.toml").write_text(
        'imap_host = "imap.fastmail.example"\nimap_user = "anna@agency.example"\nimap_folder = "Clients"\n'
    )
    monkeypatch.setenv("ASSISTANT_IMAP_FOLDER", "INBOX.Clients")
    s = load_settings()
    assert s.home == _isolated_home
    assert s.imap_host == "imap.fastmail.example"
    assert s.imap_folder == "INBOX.Clients"
    assert s.imap_port_value() == 993
    assert s.db_url == f"sqlite:///{_isolated_home / 'state.db'}"


def test_invalid_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_IMAP_SECURITY", "tls")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "ASSISTANT_IMAP_SECURITY" in str(err.value)


def test_missing_password_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_IMAP_HOST", "imap.example.com")
    monkeypatch.setenv("ASSISTANT_IMAP_USER", "anna@agency.example")
    monkeypatch.setattr("assistant.config._keyring_password", lambda user: None)
    s = load_settings()
    s.check_imap()
    with pytest.raises(ConfigError, match="ASSISTANT_IMAP_PASSWORD"):
        s.imap_secret()


def test_password_from_keyring_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.config._keyring_password", lambda user: f"secret-of-{user}")
    s = load_settings(imap_host="imap.example.com", imap_user="anna")
    assert s.imap_secret() == "secret-of-anna"


def test_plaintext_imap_refused_off_loopback() -> None:
    s = load_settings(imap_host="mail.example.com", imap_user="a", imap_security="none")
    with pytest.raises(ConfigError, match="ASSISTANT_IMAP_SECURITY"):
        s.check_imap()
    load_settings(imap_host="127.0.0.1", imap_user="a", imap_security="none").check_imap()


def test_xoauth2_needs_a_token() -> None:
    s = load_settings(imap_host="imap.gmail.com", imap_user="a@gmail.com", imap_auth="xoauth2")
    with pytest.raises(ConfigError, match="ASSISTANT_IMAP_OAUTH_TOKEN"):
        s.check_imap()
    assert (
        load_settings(imap_host="h", imap_user="u", imap_auth="xoauth2", imap_oauth_token="tok").imap_secret() == "tok"
    )


def test_secrets_are_not_printed() -> None:
    s = load_settings(imap_host="h", imap_user="u", imap_password="hunter2")
    assert "hunter2" not in repr(s) and "hunter2" not in str(s.model_dump())


def test_llm_endpoint_from_openai_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not load_settings().llm_configured
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "llama3.1")
    s = load_settings()
    assert (s.llm_configured, s.openai_base_url, s.llm_model) == (True, "http://127.0.0.1:11434/v1", "llama3.1")


def _mailbox_toml(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "assistant.toml").write_text(text)


def test_mailboxes_from_the_toml_and_the_environment(_isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _mailbox_toml(
        _isolated_home,
        '[[mailbox]]\nname = "anna"\nhost = "imap.a.example"\nuser = "anna@a.example"\nsecret_env = "ANNA_PW"\n\n'
        '[[mailbox]]\nname = "shared"\nhost = "imap.a.example"\nuser = "hello@a.example"\nauth = "xoauth2"\n'
        'secret_env = "SHARED_TOKEN"\nfolder = "Kunder"\n',
    )
    monkeypatch.setenv("ANNA_PW", "pw-anna")
    monkeypatch.setenv("SHARED_TOKEN", "tok")
    monkeypatch.setenv("ASSISTANT_IMAP_HOST", "imap.b.example")
    monkeypatch.setenv("ASSISTANT_IMAP_USER", "ben@b.example")
    monkeypatch.setenv("ASSISTANT_IMAP_PASSWORD", "pw-ben")
    boxes = load_settings().mailboxes()
    assert [(b.name, b.settings.imap_host, b.settings.imap_user) for b in boxes] == [
        ("default", "imap.b.example", "ben@b.example"),
        ("anna", "imap.a.example", "anna@a.example"),
        ("shared", "imap.a.example", "hello@a.example"),
    ]
    assert [b.settings.imap_secret() for b in boxes] == ["pw-ben", "pw-anna", "tok"]
    assert boxes[2].settings.imap_folder == "Kunder" and boxes[2].settings.imap_auth == "xoauth2"


def test_a_mailbox_whose_secret_variable_is_unset_names_it(_isolated_home: Path) -> None:
    _mailbox_toml(_isolated_home, '[[mailbox]]\nname = "anna"\nhost = "h"\nuser = "u"\nsecret_env = "ANNA_PW"\n')
    with pytest.raises(ConfigError, match="ANNA_PW is not set"):
        load_settings().mailboxes()


def test_a_message_finds_its_mailbox_when_another_ones_secret_is_unset(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mailbox_toml(
        _isolated_home,
        '[[mailbox]]\nname = "anna"\nhost = "h"\nuser = "anna"\nsecret_env = "ANNA_PW"\n\n'
        '[[mailbox]]\nname = "ben"\nhost = "h"\nuser = "ben"\nsecret_env = "BEN_PW"\n',
    )
    monkeypatch.setenv("ANNA_PW", "pw-anna")
    settings = load_settings()
    anna_key, ben_key = "imap://anna@h:993/INBOX", "imap://ben@h:993/INBOX"
    assert (settings.mailbox_name_of(anna_key), settings.mailbox_name_of(ben_key)) == ("anna", "ben")
    assert settings.mailbox_label(anna_key) == "anna"  # several configured: named
    box = settings.mailbox_of(anna_key)
    assert box is not None and box.settings.imap_secret() == "pw-anna"
    with pytest.raises(ConfigError, match="BEN_PW is not set"):
        settings.mailbox_of(ben_key)
    assert settings.mailbox_of("dir:/somewhere") is None


def test_one_mailbox_is_not_named_beside_its_messages(_isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_IMAP_HOST", "imap.b.example")
    monkeypatch.setenv("ASSISTANT_IMAP_USER", "ben@b.example")
    settings = load_settings()
    key = settings.imap_source_key()
    assert settings.mailbox_name_of(key) == "default" and settings.mailbox_label(key) is None


def test_two_mailboxes_with_one_name_are_refused(_isolated_home: Path) -> None:
    _mailbox_toml(
        _isolated_home,
        '[[mailbox]]\nname = "a"\nhost = "h"\nuser = "u"\n\n[[mailbox]]\nname = "a"\nhost = "h2"\nuser = "u2"\n',
    )
    with pytest.raises(ConfigError, match="two mailboxes are named 'a'"):
        load_settings().mailboxes()


def test_an_unknown_mailbox_key_is_a_config_error(_isolated_home: Path) -> None:
    _mailbox_toml(_isolated_home, '[[mailbox]]\nname = "a"\nhost = "h"\nuser = "u"\npassword = "in the file"\n')
    with pytest.raises(ConfigError, match="mailbox"):
        load_settings()


def test_sync_since_takes_days_a_date_or_all(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    today = date(2026, 12, 7)
    assert load_settings().sync_since_date(today) == date(2026, 11, 7)  # 30 days by default
    monkeypatch.setenv("ASSISTANT_SYNC_SINCE", "7")
    assert load_settings().sync_since_date(today) == date(2026, 11, 30)
    monkeypatch.setenv("ASSISTANT_SYNC_SINCE", "2026-01-15")
    assert load_settings().sync_since_date(today) == date(2026, 1, 15)
    monkeypatch.setenv("ASSISTANT_SYNC_SINCE", "all")
    assert load_settings().sync_since_date(today) is None
    monkeypatch.setenv("ASSISTANT_SYNC_SINCE", "last week")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "ASSISTANT_SYNC_SINCE" in str(err.value) and "last week" in str(err.value)
