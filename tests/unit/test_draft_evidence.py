"""The pieces a draft is made of: which price a clause states, and how a request is named."""

from __future__ import annotations

import pytest

from assistant.draft.asks import asks_information, phrase
from assistant.draft.evidence import front_matter, hourly, hourly_rate, informative, item_prices, price_for
from assistant.retrieve import Evidence


def clause(text: str) -> Evidence:
    return Evidence(document="docs/x/sow.md", title="SOW", text=text)


@pytest.mark.parametrize(
    ("text", "item", "price"),
    [
        (
            "5.5 Additional articles are charged at €180 per additional article.",
            "article",
            "€180 per additional article",
        ),
        ("5.3 Extra email flows €450 each.", "Extra email flows", "€450 each"),
        ("5.6 Ekstra artikler: 1.400 kr. ekskl. moms pr. artikel.", "artikel", "1.400 kr. ekskl. moms pr. artikel"),
        ("5.6 Ogni articolo aggiuntivo costa 180 € + IVA per articolo.", "articolo", "180 € + IVA per articolo"),
        ("5.6 Rodada de revisão adicional: 90 € por rodada.", "rodada", "90 € por rodada"),
        ("5.6 Dodatkowa runda poprawek: 400 zł netto za rundę.", "rundę", "400 zł netto za rundę"),
        ("5.6 Ylimääräinen artikkeli: 180 € / artikkeli (alv 0 %).", "artikkeli", "180 € / artikkeli"),
        ("5.6 Zusätzliche Landingpage: 600 EUR pro Landingpage.", "Landingpage", "600 EUR pro Landingpage"),
    ],
)
def test_item_prices_in_many_languages(text: str, item: str, price: str) -> None:
    found = item_prices(clause(text))
    assert [(p.item, text[p.start : p.end]) for p in found] == [(item, price)]


@pytest.mark.parametrize(
    "text",
    [
        "5.4 Extra work is charged at GBP 110 per hour, approved in writing beforehand.",
        "5.1 Monthly fee: €4,500 per month excluding VAT.",
        "5.6 Ekstraarbejde afregnes med 950 kr. ekskl. moms pr. time.",
        "5.2 Honorar: 3.200 EUR pro Monat.",
    ],
)
def test_rates_and_fees_are_not_item_prices(text: str) -> None:
    assert item_prices(clause(text)) == []


def test_price_list_entries_are_item_prices_and_the_fee_is_not() -> None:
    text = (
        "5.2 Lavori extra: articolo aggiuntivo € 280,00; post Instagram aggiuntivo € 65,00; giri di revisione "
        "aggiuntivi e altre attività € 75,00/ora. Tutti gli importi si intendono + IVA."
    )
    assert [p.item for p in item_prices(clause(text))] == ["articolo aggiuntivo", "post Instagram aggiuntivo"]
    assert text[hourly_rate(clause(text)).start :].startswith("€ 75,00/ora")
    assert item_prices(clause("5.1 Monthly fee: €4,500.")) == []
    assert item_prices(clause("5.1 Canone mensile: € 3.200,00 + IVA.")) == []


def test_a_reference_to_the_hourly_rate_is_not_a_rate() -> None:
    text = "2.5 Revisions. 2 revision rounds per article. Further rounds are billed at the hourly rate (5.2)."
    assert hourly_rate(clause(text)) is None
    assert hourly(clause("Extra work: 95/h."))


def test_hourly_rates_in_the_new_languages() -> None:
    for text in (
        "Tariffa oraria: 85 € + IVA.",
        "Valor-hora: 70 €.",
        "Stawka godzinowa: 250 zł netto.",
        "Tuntihinta 95 € (alv 0 %).",
    ):
        assert hourly(clause(text)), text


def test_price_for_prefers_the_item_the_request_names_else_the_hourly_rate() -> None:
    both = clause("5.5 Additional revision rounds: €90 per round; additional articles: €180 per article.")
    rate = clause("5.4 Extra work: €95 per hour.")
    assert price_for([rate, both], [(3, "the 3rd round, 2 revision rounds")]).item == "round"
    assert price_for([rate, both], [(2, "Could you write one more article this month?")]).item == "article"
    assert price_for([rate, both], [(2, "Could you make us a logo?")]).source is rate
    assert price_for([both], [(2, "Could you make us a logo?")]) is None


def test_a_call_notes_header_is_not_a_clause() -> None:
    header = Evidence(
        document="docs/x/kickoff.md",
        title="Kick-off",
        kind="call_notes",
        section="Kick-off > Notes",
        text="Fecha: lunes 2 de febrero de 2026, 16:00–17:10 (Google Meet) Asistentes: Sarah Whitfield "
        "(CMO), Marta Llorens (Responsable de Marketing), Jorge Benet (gerente) — Albarada " * 2,
    )
    decision = header.model_copy(
        update={
            "text": "Logo: a new logo is not part of the agreement and needs a separate "
            "quote via a change request (5.5), as agreed with Sarah and Marta."
        }
    )
    assert front_matter(header) and not front_matter(decision)


def test_informative_clauses_state_a_figure_or_a_frequency() -> None:
    assert informative(clause("4.3 A monthly report, sent by the 5th working day."))
    assert informative(clause("4.2 Status calls every other Tuesday."))
    assert informative(clause("4.2 Spotkania statusowe co dwa tygodnie."))
    assert not informative(clause("4.1 Raj Patel is the day-to-day contact."))


@pytest.mark.parametrize(
    ("language", "asked", "named"),
    [
        ("en", "Could you please also design a new logo for the shop?", "design a new logo for the shop"),
        ("en", "And would it be possible to move the call to Friday?", "move the call to Friday"),
        ("da", "Kan I ikke lige hurtigt lave et nyt logo til os?", "lave et nyt logo til os"),
        ("da", "Et nyt logo til webshoppen", "Et nyt logo til webshoppen"),  # "et" joins requests in French only
        ("it", "Potreste per favore realizzare anche un nuovo logo?", "realizzare anche un nuovo logo"),
        ("pt", "Podem também criar um novo logótipo?", "criar um novo logótipo"),
        ("pl", "Czy możecie też przygotować nowe logo?", "przygotować nowe logo"),
        ("fi", "Voisitteko myös tehdä uuden logon?", "tehdä uuden logon"),
        ("th", "ช่วยทำโลโก้ใหม่ให้หน่อยได้ไหมคะ", "ทำโลโก้ใหม่"),
        ("es", "¿Podríais hacernos un par de posts a la semana?", "hacernos un par de posts a la semana"),
        ("en", "Can we move the call to Friday?", "move the call to Friday"),
        ("tr", "Yeni bir logo yapabilir misiniz?", "Yeni bir logo yapabilir misiniz"),
    ],
)
def test_phrase_names_a_request_in_a_few_words(language: str, asked: str, named: str) -> None:
    assert phrase(asked, language) == named


def test_phrase_is_clipped() -> None:
    named = phrase("Could you write a long article about " + "the history of our family business " * 5 + "?", "en")
    assert len(named) <= 72 and named.endswith(" …")
    named = phrase(
        "Ci servirebbe la traduzione in inglese dei 4 articoli del blog di maggio, da pubblicare in una "
        "nuova sezione /en del sito.",
        "it",
    )
    assert named == "la traduzione in inglese dei 4 articoli del blog di maggio …"  # cut at the comma


@pytest.mark.parametrize(
    ("language", "asked", "information"),
    [
        ("en", "When does the monthly report come?", True),
        ("en", "Could you move Thursday's call to Friday?", False),
        ("en", "Thanks for the report.", False),
        ("en", "Is the call still on Friday?", True),  # no request opening: a question for information
        ("en", "Can we move the call to Friday?", False),
        ("it", "Possiamo spostare la call a giovedì 30 aprile?", False),
        ("it", "Come mai? È una cosa di cui preoccuparsi?", True),
        ("de", "Wann kommt der Monatsbericht?", True),
        ("de", "Können Sie das Meeting verschieben?", False),
        ("it", "Quando arriva il report mensile?", True),
        ("pl", "Ile rund poprawek mamy w umowie?", True),
        ("fi", "Milloin kuukausiraportti tulee?", True),
        ("th", "รายงานประจำเดือนจะส่งเมื่อไหร่คะ", True),
    ],
)
def test_asks_information(language: str, asked: str, information: bool) -> None:
    assert asks_information(asked, language) is information
