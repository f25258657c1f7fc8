"""Drafts built from the per-request verdicts: short when nothing is asked, "we'll take care of
it" for covered work, the answering clause for questions, pushback only on the requests that
fall outside (each deciding clause once, with its date and numbers, the price that fits), and
a neutral acknowledgement when the engine needs a person's judgement."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from assistant.draft import available_languages, compose_draft, offers_both_options, promises_free_work
from assistant.draft.templates import load_template
from assistant.label.engine import ClientInfo, TriageContext
from assistant.label.schema import EvidenceRef, RequestVerdict, TriageResult
from assistant.parse.models import Address, ParsedMessage
from assistant.retrieve import Evidence

ROOT = Path(__file__).resolve().parents[2]
SOW = "Statement of Work 2026: Content & SEO"


def ev(
    text: str,
    *,
    section: str = "5. Commercial terms",
    kind: str = "scope",
    title: str = SOW,
    date: str = "2026-01-14",
    excluded: bool = False,
    score: float = 0.5,
) -> Evidence:
    document = "docs/n/notes.md" if kind == "call_notes" else "docs/n/sow.md"
    return Evidence(
        document=document,
        title=title,
        kind=kind,
        date=date,
        section=f"{title} > {section}",
        text=text,
        excluded=excluded,
        score=score,
    )


def ref(e: Evidence) -> EvidenceRef:
    return EvidenceRef(**e.model_dump(exclude={"score"}))


REVISIONS = ev("2.3 Each article includes up to 2 revision rounds.", section="2. Deliverables")
CALL = ev("4.2 A monthly status call of 45 minutes, on the first Thursday of the month.", section="4. Communication")
REPORT = ev(
    "4.3 A monthly report with results and next month's plan, sent by the 5th working day.", section="4. Communication"
)
CONTACT = ev("4.1 Raj Patel is the day-to-day contact.", section="4. Communication")
LOGO = ev("3.1 Logo design and visual identity.", section="3. Not included", excluded=True)
ADS = ev("3.2 Paid advertising (Google Ads, Meta Ads).", section="3. Not included", excluded=True)
PRICES = ev(
    "5.5 Additional revision rounds are charged at €90 per round; additional articles at €180 per additional article."
)
RATE = ev("5.4 Extra work is charged at €95 per hour, approved in writing beforehand.")
FEE = ev("5.1 Monthly fee: €4,500 per month excluding VAT, invoiced in advance.")
CR = ev("5.6 Changes to the scope are agreed in writing in a change request stating the work, price and timeline.")
COMMERCIAL = [FEE, RATE, CR, PRICES]
NO_LOGO_NOTE = ev(
    "Logo: a new logo is not part of the agreement and needs a separate quote.",
    kind="call_notes",
    title="Call notes: kick-off",
    date="2026-01-27",
    section="Decisions",
)


def make_ctx(
    text: str, *, sender: str = "Mette Holm", evidence=(), commercial=COMMERCIAL, subject: str = "Hello"
) -> TriageContext:
    message = ParsedMessage(
        message_id="<m1@client.example>",
        subject=subject,
        sender=Address(name=sender, email="mette.holm@client.example"),
        new_text=text,
    )
    return TriageContext(
        message=message,
        client=ClientInfo(id="c", name="Client", account_manager="anna@fjordlight.example"),
        evidence=list(evidence),
        commercial=list(commercial),
        agency_name="Fjordlight Digital",
    )


def make_result(label: str, requests=(), *, flags=(), needs_judgement: bool = False) -> TriageResult:
    return TriageResult(
        label=label,
        red_flags=list(flags),
        requests=list(requests),
        confidence=0.8,
        engine="test",
        reply_needed=True,
        needs_judgement=needs_judgement,
    )


def req(text: str, verdict: str = "covered", evidence: Evidence | None = None, **numbers: str) -> RequestVerdict:
    return RequestVerdict(text=text, verdict=verdict, evidence=ref(evidence) if evidence else None, **numbers)


def core(body: str) -> str:
    """The body between the greeting and the closing."""
    return "\n\n".join(body.strip().split("\n\n")[1:-1])


# -- in scope ----------------------------------------------------------------------------------


def test_thank_you_with_a_result_figure_gets_a_one_line_acknowledgement() -> None:
    ctx = make_ctx(
        "Hi Anna, just wanted to say thanks: organic traffic is up 34% since March!", evidence=[PRICES, CONTACT]
    )
    body = compose_draft(ctx, make_result("in_scope")).body
    assert core(body) == "Thank you for your message, much appreciated."
    assert "agreed" not in body and "ANSWER" not in body and "“" not in body  # no boilerplate, no clause


@pytest.mark.parametrize("code", available_languages())
def test_acknowledgement_is_one_line_in_every_language(code: str) -> None:
    body = compose_draft(make_ctx("Thanks, all good!"), make_result("in_scope"), language=code).body
    assert core(body) == load_template(code).t("ack")
    assert "\n" not in core(body)


def test_moving_the_agreed_call_is_taken_care_of_citing_the_covering_clause_once() -> None:
    ctx = make_ctx("Hi Anna, could we move Thursday's call to Friday this month?", evidence=[CALL, CONTACT])
    result = make_result("in_scope", [req("could we move Thursday's call to Friday this month?", "covered", CALL)])
    body = compose_draft(ctx, result).body
    assert "We will take care of this as part of the work we agreed." in body
    assert f"As agreed in {SOW} (14 January 2026): “{CALL.text}”" in body
    assert body.count(CALL.text) == 1
    assert CONTACT.text not in body  # nothing unrelated
    assert "outside" not in body and not offers_both_options(body, "en") and "[ANSWER" not in body
    assert "Thursday's call" not in body  # the client's sentence is not quoted back


def test_several_covered_requests_are_acknowledged_together() -> None:
    ctx = make_ctx("Could we move the call to Friday? And please prioritise the product pages in the next article.")
    result = make_result(
        "in_scope",
        [
            req("Could we move the call to Friday?", "covered", CALL),
            req("please prioritise the product pages in the next article", "covered"),
        ],
    )
    body = compose_draft(ctx, result).body
    assert "We will take care of these as part of the work we agreed." in body
    assert body.count("“") == 1  # one covering clause quoted, no client sentences


def test_question_the_documents_answer_gets_the_answering_clause() -> None:
    ctx = make_ctx("Hi Anna, when does the monthly report come?", evidence=[REPORT])
    result = make_result("in_scope", [req("when does the monthly report come?", "covered", REPORT)])
    body = compose_draft(ctx, result).body
    assert f"On your question, {SOW} (14 January 2026) says: “{REPORT.text}”" in body
    assert "[ANSWER" not in body and "take care" not in body


def test_question_the_documents_do_not_answer_gets_the_placeholder() -> None:
    ctx = make_ctx("Hi Anna, who is writing the next article?")
    for evidence in (None, CONTACT):  # no clause, or one without a figure or a frequency
        result = make_result("in_scope", [req("who is writing the next article?", "covered", evidence)])
        body = compose_draft(ctx, result).body
        assert "On your question: [ANSWER: to be filled in by the account manager]" in body
        assert CONTACT.text not in body


@pytest.mark.parametrize(
    ("code", "question", "answer"),
    [
        ("it", "Buongiorno, quando arriva il report mensile di questo mese?", "Riguardo alla sua domanda, "),
        ("pt", "Quando chega o relatório mensal?", "Quanto à sua pergunta, "),
        ("pl", "Kiedy przyjdzie miesięczny raport?", "W odpowiedzi na pytanie – "),
        ("fi", "Milloin kuukausiraportti tulee?", "Kysymykseesi liittyen "),
        ("ca", "Bon dia, quan arriba l'informe mensual d'aquest mes?", "Sobre la vostra pregunta, "),
    ],
)
def test_answers_in_the_new_languages(code: str, question: str, answer: str) -> None:
    ctx = make_ctx(question, evidence=[REPORT])
    draft = compose_draft(ctx, make_result("in_scope", [req(question, "covered", REPORT)]))
    assert draft.language == code
    assert answer in draft.body and REPORT.text in draft.body


# -- out of scope ------------------------------------------------------------------------------


def third_round_draft(**numbers: str):
    ctx = make_ctx(
        "Hi Anna, thanks for the second version. Could you do one more round on the intro and the headline?",
        evidence=[REVISIONS, CONTACT],
        subject="Re: Article 3",
    )
    result = make_result(
        "out_of_scope",
        [req("Could you do one more round on the intro and the headline?", "beyond_limit", REVISIONS, **numbers)],
    )
    return compose_draft(ctx, result)


def test_third_revision_round_states_the_numbers_and_quotes_the_per_item_price() -> None:
    body = third_round_draft(requested="the 3rd", allowed="2 revision rounds", used="2 used").body
    assert "Your request falls outside the scope we agreed." in body
    assert f"As agreed in {SOW} (14 January 2026): “{REVISIONS.text}”" in body
    assert "The agreement includes 2 revision rounds, of which 2 used so far; this would be the 3rd." in body
    assert offers_both_options(body, "en") and promises_free_work(body, "en") == []
    assert "- Requested work: “do one more round on the intro and the headline”" in body
    # the price that fits: per round, not the hourly rate, not the article price
    assert (
        "- Price per item, as agreed in " + SOW + ": “5.5 Additional revision rounds are charged at €90 per round …”"
        in body
    )
    assert "€95 per hour" not in body and "€180" not in body
    assert "[ESTIMATE: __ items" in body
    assert CONTACT.text not in body and body.count(REVISIONS.text) == 1


def test_numbers_are_said_only_as_far_as_the_verdict_has_them() -> None:
    assert (
        "The agreement includes 2 revision rounds; this would be the 3rd."
        in third_round_draft(requested="the 3rd", allowed="2 revision rounds").body
    )
    assert "The agreement includes 2 revision rounds." in third_round_draft(allowed="2 revision rounds").body
    assert "The agreement includes" not in third_round_draft(requested="the 3rd").body


def test_only_the_requests_outside_are_named_each_clause_once_with_its_date() -> None:
    text = (
        "Hi Anna, could you also make us a new logo for the shop? And run some Google Ads for the launch? "
        "Could we move Thursday's call to Friday?"
    )
    ctx = make_ctx(text, evidence=[LOGO, ADS, CALL, NO_LOGO_NOTE])
    result = make_result(
        "out_of_scope",
        [
            req("could you also make us a new logo for the shop?", "excluded", LOGO),
            req("And run some Google Ads for the launch?", "excluded", ADS),
            req("Could we move Thursday's call to Friday?", "covered", CALL),
        ],
    )
    body = compose_draft(ctx, result).body
    assert "Part of what you ask for falls outside the scope we agreed:" in body
    assert "- “make us a new logo for the shop”: As agreed in " in body
    assert "- “run some Google Ads for the launch”: As agreed in " in body
    assert "under “3. Not included”" in body and "(14 January 2026)" in body
    assert "move Thursday" not in body and CALL.text not in body  # the covered one is not pushed back on
    assert "The rest is part of the work we agreed, and we will take care of it." in body
    assert body.count(LOGO.text) == 1 and body.count(ADS.text) == 1
    assert NO_LOGO_NOTE.text not in body  # only the deciding clauses
    assert "- Requested work: the points listed above" in body
    assert "€95 per hour" in body  # neither is priced per item: the hourly rate


def test_a_clause_deciding_two_requests_is_quoted_once() -> None:
    ctx = make_ctx("Could you design a logo? And a new favicon in the same style?", evidence=[LOGO])
    result = make_result(
        "out_of_scope",
        [
            req("Could you design a logo?", "excluded", LOGO),
            req("And a new favicon in the same style?", "excluded", LOGO),
        ],
    )
    body = compose_draft(ctx, result).body
    assert body.count(LOGO.text) == 1
    assert "- “design a logo”, “a new favicon in the same style”: As agreed in" in body


def test_call_note_decides_with_its_date() -> None:
    ctx = make_ctx("Could you make a new logo?", evidence=[NO_LOGO_NOTE])
    result = make_result("out_of_scope", [req("Could you make a new logo?", "excluded", NO_LOGO_NOTE)])
    body = compose_draft(ctx, result).body
    assert f"As noted in our call on 27 January 2026 (Call notes: kick-off): “{NO_LOGO_NOTE.text}”" in body


def test_client_sentences_are_never_glued_together_or_quoted_whole() -> None:
    sentences = [
        "Could you please also write two extra blog posts about our summer collection this month?",
        "We would also like you to redesign the newsletter template with our new brand colours and fonts?",
        "And is it possible to translate the last three articles into German before the fair?",
    ]
    ctx = make_ctx(" ".join(sentences), evidence=[LOGO])
    result = make_result("out_of_scope", [req(s, "not_covered") for s in sentences])
    body = compose_draft(ctx, result).body
    assert "; " not in body.split("\n\n", 2)[2].split("Change request")[0]
    for s in sentences:
        assert s not in body and s.rstrip("?") not in body
    phrases = [p for p in re.findall(r"“([^”]*)”", body) if not re.match(r"\d", p)]  # not the clauses
    assert len(phrases) == 3 and all(len(p) <= 72 for p in phrases)
    assert len(phrases) == len(set(phrases))  # each request named at most once
    assert LOGO.text not in body  # "not covered by anything agreed": no unrelated clause stands in


def test_per_item_price_in_another_language_is_found() -> None:
    item = ev("5.5 Ekstra artikler ud over de aftalte 4 pr. måned: 1.400 kr. ekskl. moms pr. artikel.")
    rate = ev("5.6 Ekstraarbejde afregnes med 950 kr. ekskl. moms pr. time.")
    articles = ev("2.1 4 blogartikler pr. måned.", section="2. Leverancer")
    ctx = make_ctx("Kan I skrive to ekstra artikler i denne måned?", evidence=[articles], commercial=[rate, item])
    result = make_result(
        "out_of_scope",
        [
            req(
                "Kan I skrive to ekstra artikler i denne måned?",
                "beyond_limit",
                articles,
                requested="6 artikler",
                allowed="4 artikler pr. måned",
            )
        ],
    )
    body = compose_draft(ctx, result).body
    assert "- Stykpris, som aftalt i " in body and "1.400 kr. ekskl. moms pr. artikel" in body
    assert "950 kr." not in body
    assert "Aftalen omfatter 4 artikler pr. måned; dette ville være 6 artikler." in body


def test_outline_without_any_price_quotes_the_change_request_terms() -> None:
    ctx = make_ctx("Could you make a logo?", evidence=[LOGO], commercial=[FEE, CR])
    body = compose_draft(ctx, make_result("out_of_scope", [req("Could you make a logo?", "excluded", LOGO)])).body
    assert f"- Terms, as agreed in {SOW}: “{CR.text}”" in body
    assert "€4,500" not in body  # the monthly fee is not a price for extra work


# -- needs judgement ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", available_languages())
@pytest.mark.parametrize("label", ["in_scope", "out_of_scope", "red_flag"])
def test_needs_judgement_acknowledges_and_decides_nothing(code: str, label: str) -> None:
    ctx = make_ctx("We are reconsidering the budget and may need to discuss the scope.", evidence=[LOGO, CALL])
    result = make_result(
        label,
        [req("may need to discuss the scope", "unclear")],
        flags=["discount_pressure"] if label == "red_flag" else [],
        needs_judgement=True,
    )
    draft = compose_draft(ctx, result, language=code)
    tpl = load_template(code)
    assert core(draft.body) == tpl.t("judgement")
    assert not offers_both_options(draft.body, code) and promises_free_work(draft.body, code) == []
    assert tpl.t("oos") not in draft.body and tpl.t("options_intro") not in draft.body
    assert LOGO.text not in draft.body and tpl.t("covered_one") not in draft.body


# -- languages -----------------------------------------------------------------------------------


def test_italian_out_of_scope_request_gets_an_italian_draft() -> None:
    ctx = make_ctx(
        "Buongiorno Anna, potreste per favore realizzare anche un nuovo logo per il negozio online? Grazie, Giulia",
        sender="Giulia Rossi",
        evidence=[LOGO],
    )
    result = make_result(
        "out_of_scope",
        [req("potreste per favore realizzare anche un nuovo logo per il negozio online?", "excluded", LOGO)],
    )
    draft = compose_draft(ctx, result)
    assert (draft.language, draft.note) == ("it", "")
    assert draft.body.startswith("Buongiorno Giulia,\n")
    assert "La sua richiesta esula dall'ambito di lavoro concordato." in draft.body
    assert "(14 gennaio 2026), alla voce «3. Not included»: «3.1 Logo design and visual identity.»" in draft.body
    assert "- Lavoro richiesto: «realizzare anche un nuovo logo per il negozio online»" in draft.body
    assert "- Tariffa oraria, come concordato in " in draft.body
    assert offers_both_options(draft.body, "it") and promises_free_work(draft.body, "it") == []
    assert draft.body.rstrip().endswith("Cordiali saluti,\nAnna\nFjordlight Digital")


def test_portuguese_mail_gets_a_portuguese_draft() -> None:
    ctx = make_ctx(
        "Olá Anna, podem também criar um novo logótipo para a loja online? Obrigada, Inês",
        sender="Inês Carvalho",
        evidence=[LOGO],
    )
    draft = compose_draft(
        ctx,
        make_result("out_of_scope", [req("podem também criar um novo logótipo para a loja online?", "excluded", LOGO)]),
    )
    assert (draft.language, draft.note) == ("pt", "")
    assert draft.body.startswith("Olá Inês,\n") and "O seu pedido fica fora do âmbito acordado." in draft.body
    assert "«criar um novo logótipo para a loja online»" in draft.body
    assert offers_both_options(draft.body, "pt")


def test_catalan_mail_gets_a_catalan_draft_not_a_spanish_one() -> None:
    ctx = make_ctx(
        "Hola Anna, podríeu fer-nos també un logotip nou per a la botiga en línia? Gràcies, Montse",
        sender="Montse Puig",
        evidence=[LOGO],
    )
    request = "podríeu fer-nos també un logotip nou per a la botiga en línia?"
    draft = compose_draft(ctx, make_result("out_of_scope", [req(request, "excluded", LOGO)]))
    assert (draft.language, draft.note) == ("ca", "")
    assert draft.body.startswith("Hola, Montse:\n")
    assert "La vostra petició queda fora de l'abast acordat." in draft.body
    assert "(14 de gener de 2026), a l'apartat «3. Not included»: «3.1 Logo design and visual identity.»" in draft.body
    assert "- Feina sol·licitada: «fer-nos també un logotip nou per a la botiga en línia»" in draft.body
    assert offers_both_options(draft.body, "ca") and promises_free_work(draft.body, "ca") == []
    assert draft.body.rstrip().endswith("Salutacions cordials,\nAnna\nFjordlight Digital")


def test_catalan_dates_elide_the_preposition_before_a_vowel() -> None:
    tpl = load_template("ca")
    assert [tpl.date(d) for d in ("2026-04-01", "2026-08-15", "2026-10-03", "2026-12-07")] == [
        "1 d'abril de 2026",
        "15 d'agost de 2026",
        "3 d'octubre de 2026",
        "7 de desembre de 2026",
    ]


def training_corpus_languages() -> set[str]:
    """The mail languages of the training corpus, from its README's table ("da 30, th 30, ...")."""
    readme = (ROOT / "eval" / "datasets" / "training" / "README.md").read_text(encoding="utf-8")
    rows = [line.split("|")[-2] for line in readme.splitlines() if line.startswith("| `")]
    codes = {m for row in rows for m in re.findall(r"\b([a-z]{2}) \d+", row)}
    return {"no" if c in ("nb", "nn") else c for c in codes}


def test_every_training_corpus_language_and_the_new_ones_have_a_template() -> None:
    corpus = training_corpus_languages()
    assert {"en", "th", "da", "pt", "it"} <= corpus  # the README still lists its languages this way
    assert corpus | {"it", "pt", "pl", "fi"} <= set(available_languages())


@pytest.mark.parametrize("code", ["it", "pt", "pl", "fi", "ca"])
def test_new_templates_are_complete_and_in_their_language(code: str) -> None:
    from assistant.draft import detect_language

    tpl = load_template(code)
    english = load_template("en")
    assert set(tpl.text) == set(english.text) and set(tpl.flags) == set(english.flags)
    for k, value in tpl.text.items():
        placeholders = {f for _, f, _, _ in string.Formatter().parse(value) if f}
        if k != "greeting_named":
            assert placeholders == {f for _, f, _, _ in string.Formatter().parse(english.text[k]) if f}, k
        if len(value) > 60 and not placeholders and "[" not in value:  # "[... account manager]" is mixed
            assert value != english.text[k] and detect_language(value) == code, (k, value)
    prose = " ".join(p for f in tpl.flags.values() for p in f.values())
    assert detect_language(prose) == code


# -- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "greeting"),
    [
        ("Khun Pimchanok", "Hi Pimchanok,"),
        ("Dr. Anna Kowalska", "Hi Anna,"),
        ("Mette Holm", "Hi Mette,"),
        ("Holm, Mette", "Hi Mette,"),
        ("", "Hello,"),
        ("mette.holm@client.example", "Hello,"),
        ("Anna Kowalska, PhD", "Hi Anna,"),
        ("Frau Vogel", "Hello,"),
        ("mette holm", "Hi Mette,"),
        ("Sig.ra Giulia Rossi", "Hi Giulia,"),
    ],
)
def test_greeting_by_first_name(sender: str, greeting: str) -> None:
    body = compose_draft(make_ctx("Thanks!", sender=sender), make_result("in_scope"), language="en").body
    assert body.split("\n")[0] == greeting


def test_thai_greeting_keeps_khun_once() -> None:
    body = compose_draft(make_ctx("ขอบคุณค่ะ", sender="Khun Pimchanok"), make_result("in_scope")).body
    assert body.startswith("เรียน คุณ Pimchanok\n")
