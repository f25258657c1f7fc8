"""Find what a client's new text asks for: none, one or several requests.

A message with no work request (thanks, results, FYI, approvals, material sent) is routine
mail; each request is judged on its own against the client's documents (retrieve, then label).
Sentences are split on punctuation and lines; a sentence is a request when it asks a
question or carries a request marker of its language (``lexicon/requests.toml``), and is
not a courtesy formula ("let me know if you have questions").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

#: A request longer than this is cut (it is quoted back in drafts and shown on the page).
MAX_REQUEST_CHARS = 300
MIN_SENTENCE_CHARS = 6
#: At most this many requests per message are judged (a long list is rare, and each costs an
#: embedding).
MAX_REQUESTS = 6

_SENTENCE_END = re.compile(r"(?<=[.!?。？！])\s+")
_ENDS = (".", "!", "?", ":", ";", "。", "？", "！", ",")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+", re.IGNORECASE)
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|dear|hej|hejsa|kære|hallo|hei|moi|hola|ciao|olá|ola|bonjour|cześć|dzień dobry|guten tag|"
    r"liebe[rs]?|sehr geehrte[rs]?|buongiorno|bom dia|buenos días|hyvä|szanowni|szanowna|szanowny)\b(?:\s+[^\s,!:.?]+){0,3}"
    r"\s*(?:[,!:]\s*|$)|สวัสดี(?:ค่ะ|ครับ|คะ|ค่า)?\s*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    text: str
    request: bool


@cache
def _lexicon() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(files("assistant.parse").joinpath("lexicon", "requests.toml").read_text(encoding="utf-8"))


def _pattern(phrases: list[str], anchored: bool = False) -> re.Pattern[str]:
    parts = [_words(p) if _thai(p) else rf"(?<!\w){_words(p)}" for p in sorted(set(phrases), key=len, reverse=True)]
    return re.compile(("^(?:" if anchored else "(?:") + "|".join(parts) + ")", re.IGNORECASE)


def _words(phrase: str) -> str:
    """The phrase as a pattern: its words escaped, any whitespace between them; a phrase
    written with a trailing space ends at a word end ("send " is not "sendt")."""
    whole = r"(?!\w)" if phrase != phrase.rstrip() else ""
    return r"\s+".join(re.escape(w) for w in phrase.split()) + whole


def _thai(phrase: str) -> bool:
    """Thai is written without spaces between words: its phrases need no word boundary."""
    return any("\u0e00" <= ch <= "\u0e7f" for ch in phrase)


@cache
def _markers() -> re.Pattern[str]:
    """Whether a sentence has a marker (only that: which one is not asked): one lookbehind for
    all the phrases that need one, not one each, so a long sentence is scanned in linear time
    with a small constant instead of trying every phrase's lookbehind at every position."""
    phrases = sorted({p for words in _lexicon()["markers"].values() for p in words}, key=len, reverse=True)
    worded = [_words(p) for p in phrases if not _thai(p)]
    thai = [_words(p) for p in phrases if _thai(p)]
    return re.compile("|".join([rf"(?<!\w)(?:{'|'.join(worded)})"] * bool(worded) + thai), re.IGNORECASE)


@cache
def _courtesy() -> re.Pattern[str]:
    return _pattern([p for words in _lexicon()["courtesy"].values() for p in words], anchored=True)


@cache
def _masks() -> re.Pattern[str]:
    return _pattern([p for words in _lexicon()["masks"].values() for p in words])


def _lines(text: str) -> list[str]:
    """Lines with hard-wrapped ones joined: a line continues the one before unless that one
    ends a sentence, is blank, or this one starts a list item."""
    out: list[str] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if out and out[-1] and line and not _LIST_ITEM.match(line) and not out[-1].endswith(_ENDS):
            out[-1] += " " + line
        else:
            out.append(line)
    return [line for line in out if line]


def _split_sentences(line: str) -> list[str]:
    """The line cut at sentence ends; a period followed by a lowercase word or a digit ends an
    abbreviation or an ordinal date ("kl. 11", "den 14. januar", "10.12. klo"), not a sentence."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(line):
        if out and out[-1].endswith(".") and (piece[:1].islower() or piece[:1].isdigit()):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def _pieces(text: str) -> list[tuple[str, bool]]:
    """(sentence, is a list item) for each sentence and list item, greetings removed."""
    out: list[tuple[str, bool]] = []
    for line in _lines(text):
        item = bool(_LIST_ITEM.match(line))
        for piece in _split_sentences(_LIST_ITEM.sub("", line, count=1)):
            s = " ".join(piece.split())
            s = _GREETING.sub("", s, count=1) if not out else s
            if len(s) >= MIN_SENTENCE_CHARS:
                out.append((s, item))
    return out


def sentences(text: str) -> list[str]:
    """The text's sentences and list items, whitespace-normalised, greetings removed."""
    return [s for s, _ in _pieces(text)]


def is_request(sentence: str) -> bool:
    if _courtesy().match(sentence):
        return False
    if "?" in sentence or "？" in sentence:
        return True
    return _markers().search(_masks().sub(" ", sentence)) is not None


def split_requests(text: str) -> list[Sentence]:
    """Every sentence of ``text``, each marked request or not: a list item is a request (a
    list of edits, pages or topics asks for each of them)."""
    return [Sentence(s, item or is_request(s)) for s, item in _pieces(text)]


def find_requests(text: str) -> list[str]:
    """The sentences of ``text`` that ask for something, in order, at most ``MAX_REQUESTS``."""
    found: list[str] = []
    for s in split_requests(text):
        if s.request and s.text[:MAX_REQUEST_CHARS] not in found:
            found.append(s.text[:MAX_REQUEST_CHARS])
    return found[:MAX_REQUESTS]
