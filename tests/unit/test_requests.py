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
