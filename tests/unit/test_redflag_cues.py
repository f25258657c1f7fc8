"""Red-flag cues read per sentence of the new text (``assistant/label/lexicon/redflags.toml``):
the subtle warnings fire in the languages clients write in, routine mail and text outside the
new message do not."""

from __future__ import annotations

import pytest

from assistant.label.redflags import cue_sentences, red_flag_cues
from assistant.parse import parse_message


def _fired(subject: str, text: str) -> set[str]:
    return {c for c, n in red_flag_cues(subject, text).items() if n}


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Fakturaen for juni",
            "Hej Mette,\nTak for en god måned. Vi kan desværre kun betale halvdelen nu og resten i "
            "slutningen af juli. Vil I fortsætte arbejdet i mellemtiden?\nVenlig hilsen\nJonas",
        ),
        (
            "Fattura di giugno",
            "Ciao Luca,\ngrazie per il lavoro. Questo mese riusciamo a pagare metà della fattura adesso "
            "e il resto a fine luglio. Nel frattempo continuate pure con il piano.\nUn saluto, Giulia",
        ),
        ("Invoice", "Hi Sam, we'll pay half now and the rest at the end of July if that works. Thanks!"),
        ("Rechnung", "Hallo Anna, wir würden die Rechnung gern in zwei Raten zahlen, die Hälfte im August."),
        ("Faktura", "Cześć, zapłacimy połowę faktury teraz, a resztę pod koniec lipca."),
        ("Lasku", "Hei, voimmeko maksaa laskun puolet nyt ja loput ensi kuussa?"),
    ],
)
def test_a_polite_half_now_rest_later_note_is_a_late_payment_cue(subject: str, text: str) -> None:
    assert "late_payment" in _fired(subject, text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("We will only pay the invoice if we reach page one for 'dentist Aarhus'.", "prepayment_refusal"),
        ("Pagaremos solo cuando veamos resultados en Google.", "prepayment_refusal"),
        ("Could you write some reviews yourselves as if you were customers?", "misleading_claims"),
        ("Possiamo scrivere che la crema guarisce l'acne? Tanto nessuno controlla.", "misleading_claims"),
        ("Let's buy 500 backlinks like our old SEO guy did.", "outdated_methods"),
        ("Kunnen jullie die extra landingspagina gratis maken?", "discount_pressure"),
        ("Don't tell Peter about this, he'd never approve.", "conflicting_stakeholders"),
        ("Honestly, is this really worth the money we pay every month?", "unclear_goals"),
    ],
)
def test_each_category_has_cues_that_fire(text: str, category: str) -> None:
    assert category in _fired("", text)


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Great results", "Hi team, thank you! The May newsletter reached a 44 % open rate. Great work."),
        ("Invoice paid", "Hi, we paid the June invoice yesterday. See you at Tuesday's call."),
        ("Re: ignore", "Please ignore the previous email, I attached the wrong file. Here is the right one."),
        ("Call", "Could we move the monthly call to Thursday at 10?"),
    ],
)
def test_routine_mail_fires_no_cue(subject: str, text: str) -> None:
    assert _fired(subject, text) == set()


def test_a_cue_in_the_quoted_history_or_the_signature_does_not_fire() -> None:
    raw = (
        b"From: Jonas <jonas@client.dk>\r\nTo: mette@agency.dk\r\nSubject: Re: Fakturaen\r\n"
        b"Message-ID: <1@client.dk>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Tak, det ser fint ud. Vi ses til m\xc3\xb8det.\r\n\r\n"
        b"-- \r\nJonas Berg\r\nWe only pay invoices within 30 days, never in advance and never later.\r\n\r\n"
        b"On Mon, 1 Jun 2026, Mette wrote:\r\n"
        b"> Could you pay half now and the rest at the end of July?\r\n"
        b"> We will only pay if we rank first.\r\n"
    )
    message = parse_message(raw)
    assert "half now" in message.quoted_text
    assert _fired(message.subject, message.new_text) == set()
    assert "Fakturaen" in cue_sentences(message.subject, message.new_text)[0]


def _decide(subject: str, text: str):
    from assistant.label.engine import ClientInfo, TriageContext
    from assistant.label.offline import OfflineEngine
    from assistant.parse import Address, ParsedMessage

    ctx = TriageContext(
        message=ParsedMessage(message_id="<n@x>", subject=subject, new_text=text, sender=Address(email="a@x.example")),
        client=ClientInfo(id="x", name="X"),
        evidence=[],
    )
    return OfflineEngine().decide(ctx).result


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Fakturaen for juni",
            "Hej Mette,\nTak for en god måned. Vi kan desværre kun betale halvdelen af fakturaen nu og resten i "
            "slutningen af juli. Vil I fortsætte arbejdet i mellemtiden?\nVenlig hilsen\nJonas",
        ),
        (
            "Fattura di giugno",
            "Ciao Luca,\ngrazie per il lavoro. Questo mese riusciamo a pagare metà della fattura adesso e il resto "
            "a fine luglio. Nel frattempo continuate pure con il piano.\nUn saluto, Giulia",
        ),
    ],
)
def test_the_shipped_engine_labels_a_polite_partial_payment_a_late_payment_red_flag(subject: str, text: str) -> None:
    result = _decide(subject, text)
    # The warning an account manager must see is the late payment; a second payment category
    # beside it (the Danish note also reads as refusing to pay in advance) is shown with it.
    assert result.label == "red_flag"
    assert "late_payment" in result.red_flags
    assert set(result.red_flags) <= {"late_payment", "prepayment_refusal", "discount_pressure"}


def test_the_shipped_engine_keeps_a_thank_you_sharing_an_open_rate_in_scope() -> None:
    result = _decide("Great results", "Hi team, thank you! The May newsletter reached a 44 % open rate. Great work.")
    assert (result.label, result.red_flags) == ("in_scope", [])
