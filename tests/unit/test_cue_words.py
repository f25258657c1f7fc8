"""The offline engine's cue words (``assistant/label/lexicon/cues.toml``): data, one count per
concept, read in every language of the clients' mail, Italian, Portuguese, Polish and Finnish
included."""

from __future__ import annotations

import pytest

from assistant.label.cues import concepts, cue_counts, cue_lexicon
from assistant.label.offline import extra_feature_names


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Potreste aggiungere anche un'altra landing page per la fiera?", "extra"),
        ("Vocês conseguem fazer mais uma página de produto, rapidinho?", "extra"),
        ("Czy moglibyście przygotować jeszcze dodatkowy newsletter?", "extra"),
        ("Voisitteko tehdä lisäksi vielä yhden uuden kampanjan?", "extra"),
        ("La fattura di giugno è scaduta da due settimane.", "payment"),
        ("Segue o comprovativo do pagamento da fatura de maio.", "payment"),
        ("Przelew za fakturę wyślemy w piątek.", "payment"),
        ("Lasku on maksettu eilen.", "payment"),
        ("Grazie mille, ottimo lavoro!", "thanks"),
        ("Muito obrigada, ficou perfeito.", "thanks"),
        ("Dziękuję, wszystko świetnie.", "thanks"),
        ("Kiitos, hienoa työtä!", "thanks"),
        ("Potete farlo gratis, come favore?", "free"),
        ("Dá para fazer sem custo extra?", "free"),
        ("Zróbcie to za darmo, proszę.", "free"),
        ("Voisitteko tehdä sen ilmaiseksi?", "free"),
    ],
)
def test_cue_words_of_the_new_languages_are_counted(text: str, concept: str) -> None:
    assert cue_counts(text)[concept] >= 1


def test_routine_mail_in_the_new_languages_counts_no_extra_work_or_payment() -> None:
    for text in (
        "Ciao, possiamo spostare la call di giovedì a venerdì alle 10?",
        "Bom dia, a taxa de abertura da newsletter foi de 44 %.",
        "Dzień dobry, przesyłam zdjęcia do newslettera.",
        "Hei, siirretäänkö torstain palaveri perjantaille?",
    ):
        counts = cue_counts(text)
        assert counts["extra"] == 0 and counts["payment"] == 0, (text, counts)


def test_the_lexicon_is_plain_words_and_the_model_features_follow_its_concepts() -> None:
    lexicon = cue_lexicon()
    assert all(w.strip() for words in lexicon.values() for w in words)
    assert [n for n in extra_feature_names() if n.startswith("cue_")] == [f"cue_{c}" for c in concepts()]
    assert {"payment", "extra", "thanks", "approve"} <= set(concepts())
