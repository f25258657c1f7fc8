"""Which language a client wrote in, as an ISO 639-1 code ("" when unsure).

lingua-language-detector, restricted to the 27 languages agency clients write in
(``LANGUAGES``; Bokmål and Nynorsk both give "no"), in three stages:

1. A low-accuracy (trigram-only) detector over all of them: fast and small, reliable for
   everything except short texts in the close Germanic languages.
2. When stage 1's best guess is Danish, Norwegian, Swedish, Icelandic, English, German or
   Dutch (or it gives the Nordic languages together >= 0.3), a high-accuracy detector
   (1- to 5-grams) over just those decides, plus a small lexical tie-break for Danish vs
   Norwegian ("mig"/"meg", "hvad"/"hva", "kan I", a question starting with "Når", ...).
3. When stage 1's best guess is Spanish, Catalan or Portuguese and Catalan is among its two
   best, the words decide (``lexicon/iberian.toml``: common words each of the three writes its
   own way): stage 1 reads short Catalan sentences as Portuguese or Spanish, confidently. A
   high-accuracy detector over the three decides as well, but holds ~40 MB more.

Why stages and not one detector: the measurements are in the README (Language detection).

Detectors are built lazily on first use (nothing happens at import, lingua is not even
imported), once, under a lock, and then shared by all threads.
"""

from __future__ import annotations

import re
import threading
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lingua import LanguageDetector

#: lingua ``Language`` names of the languages detected, in no particular order.
LANGUAGES: tuple[str, ...] = (
    "ENGLISH",
    "DANISH",
    "SWEDISH",
    "BOKMAL",
    "NYNORSK",
    "ICELANDIC",
    "FINNISH",
    "GERMAN",
    "DUTCH",
    "FRENCH",
    "SPANISH",
    "CATALAN",
    "PORTUGUESE",
    "ITALIAN",
    "POLISH",
    "ESTONIAN",
    "RUSSIAN",
    "TURKISH",
    "ARABIC",
    "THAI",
    "JAPANESE",
    "CHINESE",
    "KOREAN",
    "VIETNAMESE",
    "INDONESIAN",
    "MALAY",
    "TAGALOG",
)
#: Stage 2: the Germanic languages, which stage 1 confuses on short texts.
_CLOSE_LANGUAGES = ("DANISH", "SWEDISH", "BOKMAL", "NYNORSK", "ICELANDIC", "ENGLISH", "GERMAN", "DUTCH")
_CLOSE_CODES = frozenset({"da", "no", "sv", "is", "en", "de", "nl"})
_NORDIC_CODES = frozenset({"da", "no", "sv", "is"})
#: Stage 3: Catalan and its neighbours.
_IBERIAN_CODES = frozenset({"es", "ca", "pt"})
#: A Catalan elision: l', d', n', s' before a vowel ("l'informe", "d'abril").
_CA_ELISION = re.compile(r"\b[ldns]['’][aeiouhàèéíòóú]")
#: A text goes to stage 2 when stage 1's best guess is one of those languages, or when
#: stage 1 gives the Nordic languages together at least this much confidence.
_ROUTE = 0.3
#: Stage 1's combined confidence in the close languages above which stage 2 is fully trusted.
_TRUST_MASS = 0.5

#: Texts whose language is remembered (``detect_language``).
DETECTED_TEXTS = 2048

#: Fewer words than this is "very short": answered only when the detector is confident.
SHORT_WORDS = 3
SHORT_MIN_CONFIDENCE = 0.75
#: Below this confidence a longer text is "unsure" too.
MIN_CONFIDENCE = 0.2

_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Scripts written without spaces between words: count characters, roughly 4 per word.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Danish vs Norwegian (bokmål) spellings of common words; lingua confuses short sentences.
_DA_MARKERS = frozenset(
    "mig dig sig jer jeres vores hvad hvornår efter noget nogen blive bliver tak lige af nu sådan "
    "næste møde mødet cykel cykler købe købt spørge nyt lave laver lavet igen maj ud".split()
)
_NO_MARKERS = frozenset(
    "meg deg seg dere hva etter noe noen mye bli blir takk nå slik neste møte møtet kveld sykkel "
    "sykler kjøpe kjøpt spørre vår vårt våre nytt lage lager laget igjen mai ut eg kva ikkje".split()
)
_DA_COMMA_AT = re.compile(r",\s+at\s")  # Danish puts a comma before an "at" clause
_DA_PRONOUN_I = re.compile(r"(?<=[a-zæøå,] )I\b")  # "kan I", "vil I": Danish "you" (plural)
_NO_WHEN_QUESTION = re.compile(r"(?:^|[.!?]\s+)når\b[^.!?]*\?", re.IGNORECASE)  # Danish asks "hvornår"


@dataclass(frozen=True)
class _Detectors:
    broad: LanguageDetector
    close: LanguageDetector


_lock = threading.Lock()
_detectors: _Detectors | None = None


def _build() -> _Detectors:
    from lingua import Language, LanguageDetectorBuilder

    def langs(names: tuple[str, ...]) -> list[Language]:
        return [getattr(Language, n) for n in names]

    broad = LanguageDetectorBuilder.from_languages(*langs(LANGUAGES)).with_low_accuracy_mode().build()
    close = LanguageDetectorBuilder.from_languages(*langs(_CLOSE_LANGUAGES)).build()
    return _Detectors(broad=broad, close=close)


def _get() -> _Detectors:
    global _detectors
    d = _detectors
    if d is None:
        with _lock:
            if _detectors is None:
                _detectors = _build()
            d = _detectors
    return d


def preload() -> None:
    """Build the detectors and load the Nordic models now (e.g. in a background thread at
    start-up) instead of on the first message."""
    detect_language("Hej, tak for mødet i går. Vi ses på tirsdag.")


def clean_text(text: str) -> str:
    """The text without quoted lines, URLs and e-mail addresses, whitespace collapsed."""
    text = _QUOTED_LINE.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    return " ".join(text.split())


def word_count(text: str) -> int:
    spaced = len(_WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + len(_UNSPACED.findall(text)) // 4


def _code(language: object) -> str:
    code = language.iso_code_639_1.name.lower()  # type: ignore[attr-defined]
    return "no" if code in ("nb", "nn") else code


def _confidences(detector: LanguageDetector, text: str) -> dict[str, float]:
    """Confidence per ISO 639-1 code. Bokmål and Nynorsk count as the better of the two, not
    their sum: summing gives Norwegian two draws and pulls short Danish texts to "no"."""
    out: dict[str, float] = {}
    for cv in detector.compute_language_confidence_values(text):
        code = _code(cv.language)
        out[code] = max(out.get(code, 0.0), cv.value)
    return out


@lru_cache(maxsize=1)
def _iberian_words() -> dict[str, frozenset[str]]:
    lexicon = tomllib.loads(files("assistant.text").joinpath("lexicon", "iberian.toml").read_text(encoding="utf-8"))
    return {code: frozenset(words) for code, words in lexicon.items()}


def _iberian_by_words(text: str) -> str:
    """ "es", "ca" or "pt" when one of them has the most of its own common words in ``text``
    (a Catalan elision such as "l'informe" counts for Catalan), else ""."""
    lower = text.lower()
    words = _WORD.findall(lower)
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:])]
    counts = {code: sum(w in vocabulary for w in words + pairs) for code, vocabulary in _iberian_words().items()}
    counts["ca"] = counts.get("ca", 0) + len(_CA_ELISION.findall(lower))
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    return ranked[0][0] if ranked[0][1] > ranked[1][1] else ""


def _danish_or_norwegian(text: str) -> str:
    """ "da" or "no" when the spelling of common words says so clearly, else ""."""
    words = [w.lower() for w in _WORD.findall(text)]
    da = sum(w in _DA_MARKERS for w in words) + len(_DA_COMMA_AT.findall(text)) + len(_DA_PRONOUN_I.findall(text))
    no = sum(w in _NO_MARKERS for w in words) + len(_NO_WHEN_QUESTION.findall(text))
    if da > no:
        return "da"
    if no > da:
        return "no"
    return ""


def detect_with_confidence(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0-1); ("", 0.0) when the text gives nothing to go on."""
    cleaned = clean_text(text)
    if not _WORD.search(cleaned) and not _UNSPACED.search(cleaned):
        return "", 0.0
    detectors = _get()
    conf = _confidences(detectors.broad, cleaned)
    if not conf:
        return "", 0.0
    code, value = max(conf.items(), key=lambda kv: kv[1])
    close_mass = sum(conf.get(c, 0.0) for c in _CLOSE_CODES)
    nordic_mass = sum(conf.get(c, 0.0) for c in _NORDIC_CODES)
    if code in _CLOSE_CODES or nordic_mass >= _ROUTE:
        close = _confidences(detectors.close, cleaned)
        ranked = sorted(close.items(), key=lambda kv: kv[1], reverse=True)
        if len(ranked) >= 2 and {ranked[0][0], ranked[1][0]} == {"da", "no"}:
            lexical = _danish_or_norwegian(cleaned)
            if lexical:
                ranked = sorted(ranked, key=lambda kv: kv[0] != lexical)
        if ranked:
            # stage 2 decides within the close languages; trusted as far as stage 1 put
            # the text among them at all
            code, value = ranked[0][0], ranked[0][1] * min(1.0, close_mass / _TRUST_MASS)
    elif code in _IBERIAN_CODES and "ca" in sorted(conf, key=conf.__getitem__, reverse=True)[:2]:
        by_words = _iberian_by_words(cleaned)
        if by_words and by_words != code:
            # the words decide within the three; trusted as far as stage 1 put the text among them
            code, value = by_words, sum(conf.get(c, 0.0) for c in _IBERIAN_CODES)
    return code, value


@lru_cache(maxsize=DETECTED_TEXTS)
def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("no" for both Norwegian written standards), or "" when
    unsure: no letters at all, or a very short text (fewer than three words) the detector
    is not confident about. Remembered for the last :data:`DETECTED_TEXTS` texts: one
    message's text is asked about by several stages (search space, label, draft)."""
    code, confidence = detect_with_confidence(text)
    if not code:
        return ""
    needed = SHORT_MIN_CONFIDENCE if word_count(clean_text(text)) < SHORT_WORDS else MIN_CONFIDENCE
    return code if confidence >= needed else ""
