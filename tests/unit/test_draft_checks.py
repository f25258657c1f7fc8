"""The draft checks in Italian, Portuguese, Polish and Finnish: the evaluation uses them on
every engine's drafts, so a language without phrases would pass any draft as free of promises."""

from __future__ import annotations

import pytest

from assistant.draft import offers_both_options, promises_free_work

FREE = {
    "it": [
        "Lo facciamo gratis.",
        "Possiamo aggiungerlo senza costi aggiuntivi.",
        "Lo realizziamo a titolo gratuito.",
        "Lo aggiungiamo volentieri.",
    ],
    "pt": [
        "Fazemos isso de graça.",
        "Podemos incluir sem custo adicional.",
        "O banner fica por nossa conta.",
        "Incluímos isso com todo o gosto.",
    ],
    "pl": [
        "Zrobimy to za darmo.",
        "Dodamy baner bez dodatkowych kosztów.",
        "To będzie bezpłatne.",
        "Chętnie to dorzucimy.",
    ],
    "fi": [
        "Teemme sen ilmaiseksi.",
        "Lisäämme bannerin veloituksetta.",
        "Se onnistuu ilman lisäkustannuksia.",
        "Lisäämme sen mielellämme.",
    ],
}
NOT_FREE = {
    "it": [
        "Purtroppo non possiamo farlo gratis.",
        "Lo aggiungiamo volentieri con una richiesta di modifica al prezzo concordato.",
        "Farlo gratuitamente non è possibile.",
    ],
    "pt": [
        "Infelizmente não podemos fazer isso de graça.",
        "Não é possível fazê-lo sem custo adicional.",
        "Incluímos isso com todo o gosto através de um pedido de alteração com orçamento.",
    ],
    "pl": ["Niestety nie możemy zrobić tego za darmo.", "Nie możemy dodać banera bez dodatkowych kosztów."],
    "fi": [
        "Emme valitettavasti voi tehdä sitä ilmaiseksi.",
        "Sitä ei voi tehdä veloituksetta.",
        "Lisäämme sen mielellämme muutospyynnöllä sovittuun tuntihintaan.",
    ],
}
BOTH = {
    "it": ("Possiamo inviarvi una richiesta di modifica scritta,", "oppure manteniamo il focus sul lavoro concordato."),
    "pt": ("Podemos preparar um pedido de alteração por escrito,", "ou mantemos o foco no trabalho acordado."),
    "pl": ("Możemy przygotować pisemny wniosek o zmianę", "albo skupimy się na uzgodnionym zakresie prac."),
    "fi": ("Voimme laatia kirjallisen muutospyynnön,", "tai keskitymme sovittuun työhön."),
}


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in FREE.items() for t in ts])
def test_promises_free_work_catches_new_languages(code: str, text: str) -> None:
    assert promises_free_work(text, code), text


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in NOT_FREE.items() for t in ts])
def test_promises_free_work_ignores_negated_or_priced_new_languages(code: str, text: str) -> None:
    assert promises_free_work(text, code) == [], text


@pytest.mark.parametrize("code", sorted(BOTH))
def test_offers_both_options_new_languages(code: str) -> None:
    first, second = BOTH[code]
    assert offers_both_options(f"{first} {second}", code)
    assert not offers_both_options(first, code) and not offers_both_options(second, code)
