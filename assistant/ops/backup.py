"""Backing up a data home and restoring it into an empty one.

A backup folder holds:

- ``state.sqlite`` (a consistent copy made with SQLite's backup API, safe while others write)
  or ``state.pgdump`` (``pg_dump --format=custom`` of ``ASSISTANT_DATABASE_URL``);
- ``chroma/``: the on-disk vector store, when there is one (a Chroma server keeps its own data:
  back up its persist directory on that machine, or re-run ``assistant ingest``);
- ``assistant.toml`` when the home has one (secrets are never in it: they live in the keyring
  or the environment);
- ``manifest.json``: what was backed up, the schema revision and the row counts a restore must
  find again.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.engine import make_url

from assistant.config import CONFIG_FILE, Settings
from assistant.errors import UserError
from assistant.state import Draft, Message, Store, TriageResult, schema

MANIFEST = "manifest.json"


class BackupError(UserError):
    pass


@dataclass(frozen=True)
class Counts:
    messages: int
    triage_results: int
    drafts: int

    @classmethod
    def of(cls, store: Store) -> Counts:
        with store.session() as s:
            return cls(
                messages=s.scalar(select(func.count()).select_from(Message)) or 0,
                triage_results=s.scalar(select(func.count()).select_from(TriageResult)) or 0,
                drafts=s.scalar(select(func.count()).select_from(Draft)) or 0,
            )


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise BackupError(
            f"{name} is not installed", fix="install PostgreSQL's client tools (Debian: postgresql-client)"
        )
    return str(found)


def _libpq_args(url: str) -> list[str]:
    """pg_dump/pg_restore connection options for a SQLAlchemy URL (the password goes through
    PGPASSWORD, never the command line)."""
    u = make_url(url)
    args = ["--dbname", u.database or "postgres"]
    if u.host:
        args += ["--host", u.host]
    if u.port:
        args += ["--port", str(u.port)]
    if u.username:
        args += ["--username", u.username]
    return args


def _pg_env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    password = make_url(url).password
    if password:
        env["PGPASSWORD"] = str(password)
    return env


def _run_pg(tool: str, args: list[str], url: str) -> None:
    try:
        subprocess.run([_pg_tool(tool), *args, *_libpq_args(url)], check=True, capture_output=True, env=_pg_env(url))
    except subprocess.CalledProcessError as exc:
        first = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[:1]
        raise BackupError(
            f"{tool} failed: {first[0] if first else f'exit status {exc.returncode}'}",
            fix="check ASSISTANT_DATABASE_URL and that this PostgreSQL client matches the server's version",
        ) from exc


def create(settings: Settings, dest: Path) -> dict[str, object]:
    """Write a backup of ``settings``'s home into the new folder ``dest``."""
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty", fix="give a new folder for the backup")
    store = Store(settings.db_url)
    counts = Counts.of(store)
    revision = schema.current(store.engine)
    dest.mkdir(parents=True, exist_ok=True)
    dest.chmod(0o700)
    kind = store.engine.dialect.name
    if kind == "sqlite":
        source = Path(store.engine.url.database or "")
        with sqlite3.connect(source) as src, sqlite3.connect(dest / "state.sqlite") as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
    elif kind == "postgresql":
        _run_pg("pg_dump", ["--format=custom", "--no-owner", "--file", str(dest / "state.pgdump")], settings.db_url)
    else:
        raise BackupError(f"backing up a {kind} database is not supported", fix="use SQLite or PostgreSQL")
    store.close()
    has_chroma = settings.chroma_url is None and settings.chroma_path.exists()
    if has_chroma:
        shutil.copytree(settings.chroma_path, dest / "chroma")
    if settings.config_file.exists():
        shutil.copy2(settings.config_file, dest / CONFIG_FILE)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": kind,
        "schema_revision": revision,
        "chroma": "chroma/"
        if has_chroma
        else (f"on the server {settings.chroma_url}" if settings.chroma_url else None),
        "config": CONFIG_FILE if settings.config_file.exists() else None,
        "counts": counts.__dict__,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    for path in dest.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    return manifest


def restore(settings: Settings, source: Path) -> dict[str, object]:
    """Restore the backup in ``source`` into ``settings``'s home, which must hold no state yet;
    the restored database is upgraded to this version's schema and checked against the
    manifest's counts."""
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(
            f"{source} is not a backup (no {MANIFEST})", fix="give the folder `assistant backup create` wrote"
        )
    manifest = json.loads(manifest_path.read_text())
    url = settings.db_url
    target_kind = make_url(url).get_backend_name()
    if target_kind != manifest["database"]:
        raise BackupError(
            f"the backup holds a {manifest['database']} database, ASSISTANT_DATABASE_URL points at {target_kind}",
            fix="restore with the same kind of database the backup was made from",
        )
    settings.home.mkdir(parents=True, exist_ok=True)
    if target_kind == "sqlite":
        target = Path(make_url(url).database or "")
        if target.exists():
            raise BackupError(f"{target} already exists", fix="restore into an empty ASSISTANT_HOME")
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source / "state.sqlite") as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        target.chmod(0o600)
    else:
        engine = create_engine(url)
        with engine.connect() as conn:
            if inspect(conn).get_table_names():
                engine.dispose()
                raise BackupError(
                    "the target PostgreSQL database is not empty",
                    fix="create an empty database and point ASSISTANT_DATABASE_URL at it",
                )
        engine.dispose()
        _run_pg("pg_restore", ["--no-owner", "--exit-on-error", str(source / "state.pgdump")], url)
    if (source / "chroma").is_dir():
        if settings.chroma_path.exists() and any(settings.chroma_path.iterdir()):
            raise BackupError(f"{settings.chroma_path} is not empty", fix="restore into an empty ASSISTANT_HOME")
        shutil.copytree(source / "chroma", settings.chroma_path, dirs_exist_ok=True)
    if (source / CONFIG_FILE).exists() and not settings.config_file.exists():
        shutil.copy2(source / CONFIG_FILE, settings.config_file)
    store = Store(url)  # upgrades an older schema
    found = Counts.of(store).__dict__
    store.close()
    if found != manifest["counts"]:
        raise BackupError(
            f"the restored database holds {found}, the backup's manifest says {manifest['counts']}",
            fix="the backup is incomplete: restore an earlier one",
        )
    return {**manifest, "restored_counts": found}
