"""A throw-away world for one dataset: its own state database and vector store in a temp
directory, the dataset's documents ingested, every case stored through the real intake
path (raw bytes → parser → client resolution → state). The user's store is never touched."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.evaluation.dataset import Case, load_cases, raw_for
from assistant.knowledge.ingest import Knowledge
from assistant.knowledge.workspace import load_workspace
from assistant.mailin import Cursor, MailSource, RawMessage
from assistant.pipeline import sync
from assistant.state import Message, Store
from assistant.text.language import detect_language
from vectorstore import Embedder, VectorStore


class CaseSource(MailSource):
    """The dataset's cases as a mail source; ``location`` carries the case id."""

    key = "eval:cases"

    def __init__(self, cases: list[Case], directory: Path) -> None:
        self.cases, self.directory = cases, directory

    def fetch_new(self, cursor: Cursor | None, since: date | None = None) -> Iterator[RawMessage]:
        """Every case, whatever ``since``: cases are test data, not dated mail."""
        seen: set[str] = set()
        for case in self.cases:
            yield RawMessage(raw=raw_for(case, self.directory, seen), location=case.id)


@dataclass
class World:
    directory: Path
    cases: list[Case]
    store: Store
    vectors: VectorStore
    messages: dict[str, Message] = field(default_factory=dict)  # case id → stored message


def build_world(directory: Path, embedder: Embedder, workdir: Path) -> World:
    cases = load_cases(directory)
    workspace = load_workspace(directory)
    store = Store(f"sqlite:///{workdir / 'state.db'}")
    vectors = VectorStore.open(embedder, path=workdir / "chroma", detect_language=detect_language)
    Knowledge(store, vectors).ingest_workspace(workspace)
    sync(CaseSource(cases, directory), store)
    world = World(directory, cases, store, vectors)
    world.messages = {m.location: m for m in store.messages()}
    return world
