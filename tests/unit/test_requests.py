"""Finding what a client's new text asks for: none, one or several requests."""

from __future__ import annotations

import pytest

from assistant.parse.requests import find_requests, sentences


@pytest.mark.parametrize(
    "text",
    [
        "Hi Anna,\n\nThanks for the report, the open rate was 44%! Great work.\n\nBest, Mette",
        "สวัสดีค่ะ ขอบคุณมากค่ะ ยอดขายเดือนนี้ดีขึ้น 20%",
        "Hej Anna\nTusind tak for nyhedsbrevet, det blev rigtig godt.\nMvh Mette",
        "Hi Anna, please find attached the photos for the newsletter. Let me know if you have questions.",
    ],
)
def test_routine_mail_asks_for_nothing(text: str) -> None:
    assert find_requests(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Anna, could you move Thursday's call to Friday?", ["could you move Thursday's call to Friday?"]),
        (
            "Ciao Giulia, potreste aggiungere due articoli a luglio. Grazie!",
            ["potreste aggiungere due articoli a luglio."],
        ),
        (
            "Olá Rui, gostaríamos de uma nova landing page para o verão.",
            ["gostaríamos de uma nova landing page para o verão."],
        ),
        ("Cześć Ewa, prosimy o dodatkowe 3 posty w czerwcu.", ["prosimy o dodatkowe 3 posty w czerwcu."]),
        ("Hei Jussi, voisitteko kirjoittaa vielä yhden artikkelin?", ["voisitteko kirjoittaa vielä yhden artikkelin?"]),
        ("สวัสดีค่ะ รบกวนช่วยเพิ่มบทความอีก 2 ชิ้นได้ไหมคะ", ["รบกวนช่วยเพิ่มบทความอีก 2 ชิ้นได้ไหมคะ"]),
    ],
)
def test_a_request_is_found_in_each_language(text: str, expected: list[str]) -> None:
    assert find_requests(text) == expected


def test_every_item_of_a_list_of_edits_is_a_request() -> None:
    text = "Here is round two:\n- Intro: drop the line about balconies.\n- Swap the hero photo.\nThanks!"
    assert find_requests(text) == ["Intro: drop the line about balconies.", "Swap the hero photo."]


def test_hard_wrapped_lines_are_one_sentence() -> None:
    assert sentences("Could you add a new\nlanding page for the summer sale?") == [
        "Could you add a new landing page for the summer sale?"
    ]


def test_a_greeting_is_not_part_of_the_request() -> None:
    assert find_requests("Hi Anna, could you add two posts?") == ["could you add two posts?"]
    assert find_requests("Hi Anna could you add two posts?") == ["Hi Anna could you add two posts?"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mandateci anche la versione tedesca entro venerdì.",
        "Riuscite a metterla online già domani mattina.",
        "Quero começar anúncios no TikTok com uns vídeos curtos.",
        "Metam a palavra-chave em todos os parágrafos.",
        "Os pido que preparéis también la versión en catalán.",
        "Napiszcie, że jesteśmy najlepszą kliniką w Krakowie.",
        "Chcemy w styczniu uruchomić dwie nowe ścieżki.",
        "Lisätkää sivulle vertailutaulukko.",
        "Byt till min version i alla svenska annonser.",
    ],
)
def test_plain_imperatives_and_wishes_are_requests(sentence: str) -> None:
    # Clients often ask without a question or a polite lead-in: an imperative ("mandateci",
    # "napiszcie", "lisätkää") or "we want" ("quero", "chcemy") is a request too.
    assert find_requests(f"Ciao,\n\n{sentence}\n\nGrazie") == [sentence]


@pytest.mark.parametrize(
    ("sentences_asking", "not_asking"),
    [
        (
            ["Och så behöver vi en ny sida för vårrean.", "Publicera artikeln på måndag."],
            "Tack för rapporten, den var tydlig.",
        ),
        (
            ["Päivittäkää yhteystiedot sivustolle.", "Myyntijohtaja haluaisi kaksi uutta kuvaa kampanjaan."],
            "Kiitos, uutiskirje näyttää hyvältä.",
        ),
        (
            ["Tilføj et billede af butikken øverst.", "Her har vi virkelig brug for en ny overskrift."],
            "Tak for rapporten, tallene ser fine ud.",
        ),
        (
            ["Fjern det siste avsnittet.", "Legg til en lenke til nettbutikken."],
            "Takk for utkastet, det ser bra ut.",
        ),
        (
            ["Für den Januar hätten wir gern einen zweiten Artikel.", "Könnt ihr die Überschrift kürzen."],
            "Danke für den Bericht, die Zahlen sind gut.",
        ),
        (
            ["Ajoutez le prix sous la photo.", "Nous aimerions une version en anglais."],
            "Merci pour le brouillon, il est très bien.",
        ),
        (
            ["Vi chiediamo di aggiornare l'indirizzo in fattura.", "Correggete il titolo della newsletter."],
            "Grazie per il report, è molto chiaro.",
        ),
    ],
)
def test_imperatives_and_wishes_in_the_nordic_and_western_languages(
    sentences_asking: list[str], not_asking: str
) -> None:
    # Imperatives ("publicera", "päivittäkää", "tilføj", "ajoutez") and inverted wishes
    # ("behöver vi", "hätten wir gern") ask for work; a thank-you beside them does not.
    assert find_requests(" ".join([*sentences_asking, not_asking])) == sentences_asking


def test_a_marker_written_with_a_trailing_space_is_a_whole_word() -> None:
    # "send " (Danish and Norwegian) would otherwise make every English "send" a request;
    # "fate " (Italian "do") is not the start of "fatemi sapere".
    assert find_requests("Fate una versione breve.") == ["Fate una versione breve."]
    assert find_requests("Il fatebenefratelli ha chiuso.") == []


def test_an_abbreviation_or_ordinal_date_does_not_end_the_sentence() -> None:
    assert find_requests("Kan vi flytta mötet till kl. 11 i stället?") == ["Kan vi flytta mötet till kl. 11 i stället?"]
    assert sentences("Voisitteko siirtää palaverin 10.12. perjantaille?") == [
        "Voisitteko siirtää palaverin 10.12. perjantaille?"
    ]
    assert sentences("Det er klart. Nu sender vi.") == ["Det er klart.", "Nu sender vi."]
