"""A deterministic hostile corpus (issue 15): raw messages of every kind a mailbox may hold
that a parser or a store can choke on, for the CI test (``per_kind``) and the benchmark
(``corpus``). The kinds and their parameters are data, in ``kinds.toml``; this module only
knows how to build each kind's bytes.

Every message gets its own Message-ID (``<hostile-KIND-I-SEED@corpus.invalid>``) unless the
kind is about the Message-ID itself, and is sent by one of ``senders`` so that triage, not
only the parser, sees it.
"""

from __future__ import annotations

import base64
import functools
import io
import random
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS_FILE = Path(__file__).with_name("kinds.toml")
DEFAULT_SENDERS = ("mette@nordlys.example",)
CRLF = b"\r\n"


@dataclass(frozen=True)
class HostileMessage:
    kind: str
    variant: int
    raw: bytes
    #: The Maildir file name (bytes: it may be invalid UTF-8).
    filename: bytes
    #: Crashes the store without per-message quarantine (see ``kinds.toml``).
    store_poison: bool = False

    @property
    def label(self) -> str:
        return f"{self.kind}[{self.variant}]"


@functools.cache
def _data() -> dict[str, dict]:
    return tomllib.loads(KINDS_FILE.read_text(encoding="utf-8"))


def load_kinds() -> dict[str, dict]:
    """Every kind and its parameters, in the file's order."""
    return {kind: params for kind, params in _data().items() if kind != "text"}


def _text() -> dict:
    return _data()["text"]


class _Builder:
    """Builds variant ``i`` of a kind with its own seeded random generator."""

    def __init__(self, kind: str, i: int, params: dict, seed: int, senders: Sequence[str]) -> None:
        self.kind, self.i, self.params = kind, i, params
        self.rng = random.Random(f"{seed}:{kind}:{i}")
        self.sender = senders[i % len(senders)]
        self.mid = f"<hostile-{kind}-{i}-{seed}@corpus.invalid>"
        text = _text()
        self.request = text["requests"][i % len(text["requests"])]
        self.filler = text["filler"]

    def pick(self, name: str) -> Any:  # any TOML value
        values = self.params[name]
        return values[self.i % len(values)]

    def words(self, size: int, line: int = 72) -> bytes:
        """About ``size`` bytes of filler words in lines of ``line`` characters (0: one line)."""
        out, length, current = [], 0, 0
        while length < size:
            word = self.rng.choice(self.filler)
            out.append(word)
            length += len(word) + 1
            current += len(word) + 1
            if line and current > line:
                out.append("\r\n")
                current = 0
            else:
                out.append(" ")
        return "".join(out).encode()

    def message(
        self,
        body: bytes | None = None,
        *,
        sender: bytes | None = None,
        subject: bytes | None = None,
        mid: bytes | None = None,
        date: bytes | None = b"Mon, 7 Dec 2026 10:00:00 +0100",
        extra: Iterable[bytes] = (),
        content_type: bytes | None = b"text/plain; charset=utf-8",
        newline: bytes = CRLF,
    ) -> bytes:
        lines = []
        if sender is not None:
            lines.append(b"From: " + sender)
        lines.append(b"To: anna@fjordlight.example")
        lines.append(b"Subject: " + (subject if subject is not None else f"Hostile {self.kind} {self.i}".encode()))
        if mid is not None:
            lines.append(b"Message-ID: " + mid)
        if date is not None:
            lines.append(b"Date: " + date)
        lines.append(b"MIME-Version: 1.0")
        if content_type is not None:
            lines.append(b"Content-Type: " + content_type)
        lines.extend(extra)
        head = newline.join(lines) + newline
        if body is None:
            body = self.request.encode() + newline
        return head + newline + body

    def ordinary(self, body: bytes | None = None, **kw: object) -> bytes:
        """A message with this variant's sender and Message-ID unless ``kw`` overrides them."""
        kw.setdefault("sender", f"Mette Hansen <{self.sender}>".encode())
        kw.setdefault("mid", self.mid.encode())
        return self.message(body, **kw)  # type: ignore[arg-type]


# -- the kinds ----------------------------------------------------------------------------------


def _huge_from(b: _Builder) -> bytes:
    size = b.pick("sizes")
    if b.pick("shapes") == "no_angle_address":
        sender = b"a." * (size // 2) + b.sender.encode()
    else:
        sender = b"A" * size + f" <{b.sender}>".encode()
    return b.ordinary(sender=sender)


def _huge_address_list(b: _Builder) -> bytes:
    people = b", ".join(f"Person {n} <p{n}@nordlys.example>".encode() for n in range(b.pick("counts")))
    return b.ordinary(sender=f"Mette <{b.sender}>, ".encode() + people, extra=[b"Cc: " + people])


def _huge_subject(b: _Builder) -> bytes:
    size, shape = b.pick("sizes"), b.pick("shapes")
    if shape == "encoded_words":
        word = b"=?utf-8?b?" + base64.b64encode("Tilbud på logo ".encode()) + b"?="
        subject = b" ".join([word] * (size // len(word)))
    elif shape == "folded":
        subject = CRLF.join(b" " + b.words(70, 0) for _ in range(size // 72))
    else:
        subject = b.words(size, 0)
    return b.ordinary(subject=subject)


def _huge_body(b: _Builder) -> bytes:
    size, shape = b.pick("sizes"), b.pick("shapes")
    start = b.request.encode() + CRLF + CRLF
    if shape == "quoted_history":
        body = start + b"On Mon, Anna wrote:" + CRLF + b"> " + b.words(size).replace(CRLF, CRLF + b"> ")
    elif shape == "one_paragraph":
        body = start + b.words(size, 0)
    else:
        body = start + b.words(size)
    return b.ordinary(body)


def _huge_html_body(b: _Builder) -> bytes:
    size = b.pick("sizes")
    rows = []
    while sum(map(len, rows)) < size:
        rows.append(b"<tr><td><p style='color:red'>" + b.words(200, 0) + b"</p></td></tr>\r\n")
    html = b"<html><body><p>" + b.request.encode() + b"</p><table>" + b"".join(rows) + b"</table></body></html>"
    return b.ordinary(html, content_type=b"text/html; charset=utf-8")


def _deep_mime(b: _Builder) -> bytes:
    depth = b.pick("depths")
    out = b""
    for n in range(depth):
        out += f'Content-Type: multipart/mixed; boundary="b{n}"\r\n\r\n--b{n}\r\n'.encode()
    out += b"Content-Type: text/plain\r\n\r\n" + b.request.encode() + CRLF
    out += b"".join(f"--b{n}--\r\n".encode() for n in reversed(range(depth)))
    head = b.ordinary(b"", content_type=None)
    return head[: -len(CRLF)] + out  # the first part's headers continue the message's


def _many_parts(b: _Builder) -> bytes:
    parts = [b"--B\r\nContent-Type: text/plain\r\n\r\n" + b.request.encode() + CRLF]
    for n in range(b.pick("counts")):
        parts.append(
            f'--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="f{n}.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n".encode()
        )
    return b.ordinary(b"".join(parts) + b"--B--\r\n", content_type=b'multipart/mixed; boundary="B"')


def _deep_rfc822(b: _Builder) -> bytes:
    inner = b"From: x@y.example\r\nContent-Type: text/plain\r\n\r\n" + b.request.encode() + CRLF
    for _ in range(b.pick("depths")):
        inner = b"From: x@y.example\r\nContent-Type: message/rfc822\r\n\r\n" + inner
    return b.ordinary(inner, content_type=b"message/rfc822")


def _bare_cr_name(b: _Builder) -> bytes:
    return b.ordinary(sender=f"Mette\rHansen <{b.sender}>".encode())


def _bare_lf_name(b: _Builder) -> bytes:
    shapes = [f"Mette\nHansen <{b.sender}>", f"Mette\r\r\nHansen <{b.sender}>", f"Mette\n\nHansen <{b.sender}>"]
    return b.ordinary(sender=shapes[b.i % len(shapes)].encode())


def _raw8bit_message_id(b: _Builder) -> bytes:
    ids = [b"<\xff\xfe-%d@corpus.invalid>", b"<caf\xe9-%d@corpus.invalid>", b"<\xe2\x82\xac-%d@\xc3\x28.invalid>"]
    return b.ordinary(mid=ids[b.i % len(ids)] % b.i)


def _raw8bit_subject(b: _Builder) -> bytes:
    subjects = [b"Tilbud p\xe5 logo", b"\xff\xfe\xfd broken", "Faktura för logo".encode() + b" \xc3\x28"]
    return b.ordinary(subject=subjects[b.i % len(subjects)])


def _raw8bit_from(b: _Builder) -> bytes:
    names = [b"S\xf8ren \xc6blehus", b"\xff\xfe", "Jürgen".encode() + b" \xe9"]
    return b.ordinary(sender=names[b.i % len(names)] + f" <{b.sender}>".encode())


def _charsets(b: _Builder) -> bytes:
    label = b.pick("labels")
    text = f"{b.request} Æble, øl, ånd; กรุณาส่งใบแจ้งหนี้; Grüße; 请发送发票."
    try:
        body = text.encode(label or "utf-8", "replace")
    except (LookupError, TypeError, UnicodeError):  # a bogus or bytes-only codec: UTF-8 under its label
        body = text.encode("utf-8")
    ctype = b"text/plain; charset=" + (b'"' + label.encode() + b'"' if label else b"")
    subject = f"=?{label or 'x'}?b?".encode() + base64.b64encode(b.request.encode()) + b"?="
    return b.ordinary(body + CRLF, content_type=ctype, subject=subject, extra=[b"Content-Transfer-Encoding: 8bit"])


def _bad_base64(b: _Builder) -> bytes:
    good = base64.b64encode((b.request * 20).encode())
    shape = b.params["shapes"][b.i % len(b.params["shapes"])]
    body = {
        "bad_characters": good[:40] + b"!!!***" + good[40:],
        "bad_padding": good.rstrip(b"=") + b"=====",
        "truncated": good[: len(good) // 2 + 1],
        "binary_as_text": base64.b64encode(b.rng.randbytes(5000)),
        "not_base64_at_all": b.request.encode(),
    }[shape]
    return b.ordinary(body + CRLF, extra=[b"Content-Transfer-Encoding: base64"])


def _bad_qp(b: _Builder) -> bytes:
    shape = b.params["shapes"][b.i % len(b.params["shapes"])]
    body = {
        "bad_escape": b.request.encode() + b" =ZZ =G1 =\xff",
        "soft_break_at_end": b.request.encode() + b"=",
        "lone_equals": b"=" * 1000,
        "long_lines": b.request.encode() + b" " + b"=C3=A6" * 100_000,
        "eight_bit_raw": b.request.encode() + " æøå".encode() + b" \xff\xfe",
    }[shape]
    return b.ordinary(body + CRLF, extra=[b"Content-Transfer-Encoding: quoted-printable"])


def _html_deep(b: _Builder) -> bytes:
    depth, tag = b.pick("depths"), b.pick("tags").encode()
    open_, close = (b"<table><tr><td>", b"</td></tr></table>") if tag == b"table" else (b"<%s>" % tag, b"</%s>" % tag)
    html = (
        b"<html><body><p>" + b.request.encode() + b"</p>" + open_ * depth + b"deep" + close * depth + b"</body></html>"
    )
    return b.ordinary(html, content_type=b"text/html; charset=utf-8")


def _html_huge_attr(b: _Builder) -> bytes:
    size = b.pick("sizes")
    attrs = b" ".join(b'data-a%d="x"' % n for n in range(min(size // 20, 20_000)))
    html = (
        b'<html><body><p title="' + b"A" * size + b'">' + b.request.encode() + b"</p>"
        b"<div " + attrs + b">x</div><img src='" + b"B" * (size // 2) + b"</body></html>"
    )
    return b.ordinary(html, content_type=b"text/html; charset=utf-8")


def _empty(b: _Builder) -> bytes:
    return {"zero_bytes": b"", "newline": CRLF, "whitespace": b" \t \r\n \r\n"}[b.params["shapes"][b.i % 3]]


def _headers_only(b: _Builder) -> bytes:
    return b.ordinary(b"").rstrip(CRLF)


def _binary_garbage(b: _Builder) -> bytes:
    return b.rng.randbytes(b.pick("sizes"))


def _duplicate_message_id(b: _Builder) -> bytes:
    # Variants 0 and 1 share an id, 2 and 3 the next, ...: same id, different text.
    return b.ordinary(
        mid=f"<hostile-dup-{b.i // 2}@corpus.invalid>".encode(), body=f"Copy {b.i}: {b.request}\r\n".encode()
    )


def _missing_from(b: _Builder) -> bytes:
    return b.ordinary(sender=None) if b.i % 2 else b.ordinary(sender=b"")


def _missing_date(b: _Builder) -> bytes:
    return b.ordinary(date=None) if b.i % 2 else b.ordinary(date=b"")


def _date_extremes(b: _Builder) -> bytes:
    return b.ordinary(date=b.pick("dates").encode())


def _encoded_word_abuse(b: _Builder) -> bytes:
    shape = b.params["shapes"][b.i % len(b.params["shapes"])]
    word = b"=?utf-8?q?Tilbud_p=C3=A5?="
    subject = {
        "ten_thousand_words": b" ".join([word] * 10_000),
        "unknown_charset": b"=?x-nonsense?q?abc?= =?utf-8?x?abc?= =?utf-8?b?!!!?=",
        "huge_word": b"=?utf-8?b?" + base64.b64encode(b.words(300_000, 0)) + b"?=",
        "encoded_newline": b"=?utf-8?q?a=0D=0ABcc:_victim@else.example?=",
        "nested": b"=?utf-8?b?" + base64.b64encode(b"=?utf-8?b?" + base64.b64encode(b"inner") + b"?=") + b"?=",
    }[shape]
    sender = b"=?utf-8?b?" + base64.b64encode(b"Mette <evil@else.example>") + f"?= <{b.sender}>".encode()
    return b.ordinary(subject=subject, sender=sender)


def _nul_bytes(b: _Builder) -> bytes:
    return b.ordinary(
        subject=b"Hello\x00world",
        sender=f"Mette\x00Hansen <{b.sender}>".encode(),
        body=b.request.encode() + b"\x00" * 1000 + b"\r\nmore\x00text\r\n",
    )


def _long_line(b: _Builder) -> bytes:
    return b.ordinary(b.request.encode() + b" " + b.words(b.pick("sizes"), 0))  # no newline at all


def _prompt_injection(b: _Builder) -> bytes:
    text = b.params["texts"][b.i % len(b.params["texts"])]
    return b.ordinary(f"{b.request}\r\n\r\n{text}\r\n".encode(), subject=text.splitlines()[0].encode())


def _zip_attachment(b: _Builder) -> bytes:
    shape = b.params["shapes"][b.i % len(b.params["shapes"])]
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        when = (2026, 12, 7, 10, 0, 0)  # a fixed time stamp: the same bytes on every run
        content = b"\x00" * 20_000_000 if shape == "zip_bomb" else b"MZ" + b.rng.randbytes(500)
        z.writestr(zipfile.ZipInfo("zeros.bin", when), content, zipfile.ZIP_DEFLATED)
        if shape == "nested_zip":
            z.writestr(zipfile.ZipInfo("inner.zip", when), data.getvalue(), zipfile.ZIP_DEFLATED)
    name = {"zip_bomb": "report.zip", "double_extension": "invoice.pdf.exe", "nested_zip": "archive.zip"}[shape]
    encoded = base64.encodebytes(data.getvalue()).replace(b"\n", CRLF)
    body = (
        b"--Z\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + b.request.encode() + CRLF
        + f'--Z\r\nContent-Type: application/zip; name="{name}"\r\nContent-Disposition: attachment; filename="{name}"\r\n'.encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded + b"--Z--\r\n"
    )  # fmt: skip
    return b.ordinary(body, content_type=b'multipart/mixed; boundary="Z"')


def _non_utf8_filename(b: _Builder) -> bytes:
    return b.ordinary()


def _many_headers(b: _Builder) -> bytes:
    return b.ordinary(extra=[b"X-Spam-%d: %s" % (n, b.words(20, 0).strip()) for n in range(b.pick("counts"))])


def _line_endings(b: _Builder) -> bytes:
    shape = b.params["shapes"][b.i % len(b.params["shapes"])]
    if shape == "mixed":
        return b.ordinary(b"line one\rline two\nline three\r\n" + b.request.encode() + b"\n")
    return b.ordinary(newline=b"\r" if shape == "cr_only" else b"\n")


BUILDERS: dict[str, Callable[[_Builder], bytes]] = {
    "huge_from": _huge_from,
    "huge_address_list": _huge_address_list,
    "huge_subject": _huge_subject,
    "huge_body": _huge_body,
    "huge_html_body": _huge_html_body,
    "deep_mime": _deep_mime,
    "many_parts": _many_parts,
    "deep_rfc822": _deep_rfc822,
    "bare_cr_name": _bare_cr_name,
    "bare_lf_name": _bare_lf_name,
    "raw8bit_message_id": _raw8bit_message_id,
    "raw8bit_subject": _raw8bit_subject,
    "raw8bit_from": _raw8bit_from,
    "charsets": _charsets,
    "bad_base64": _bad_base64,
    "bad_qp": _bad_qp,
    "html_deep": _html_deep,
    "html_huge_attr": _html_huge_attr,
    "empty": _empty,
    "headers_only": _headers_only,
    "binary_garbage": _binary_garbage,
    "duplicate_message_id": _duplicate_message_id,
    "missing_from": _missing_from,
    "missing_date": _missing_date,
    "date_extremes": _date_extremes,
    "encoded_word_abuse": _encoded_word_abuse,
    "nul_bytes": _nul_bytes,
    "long_line": _long_line,
    "prompt_injection": _prompt_injection,
    "zip_attachment": _zip_attachment,
    "non_utf8_filename": _non_utf8_filename,
    "many_headers": _many_headers,
    "line_endings": _line_endings,
}


def _filename(kind: str, i: int, seed: int) -> bytes:
    name = f"{seed}.{kind}.{i}:2,".encode()
    return b"\xff\xfe" + name + b"\xe9" if kind == "non_utf8_filename" else name


def build(kind: str, i: int, *, seed: int = 15, senders: Sequence[str] = DEFAULT_SENDERS) -> HostileMessage:
    """Variant ``i`` of ``kind``."""
    params = load_kinds()[kind]
    raw = BUILDERS[kind](_Builder(kind, i, params, seed, senders))
    return HostileMessage(kind, i, raw, _filename(kind, i, seed), bool(params.get("store_poison")))


def per_kind(count: int, *, seed: int = 15, senders: Sequence[str] = DEFAULT_SENDERS) -> list[HostileMessage]:
    """``count`` variants of every kind (the CI corpus)."""
    return [build(kind, i, seed=seed, senders=senders) for kind in load_kinds() for i in range(count)]


def corpus(n: int, *, seed: int = 15, senders: Sequence[str] = DEFAULT_SENDERS) -> Iterable[HostileMessage]:
    """``n`` messages, each kind in proportion to its weight and every kind at least once when
    ``n`` allows, interleaved (a generator: the benchmark's corpus need not fit in memory)."""
    kinds = load_kinds()
    order = [kind for kind, params in kinds.items() for _ in range(int(params.get("weight", 1)))]
    random.Random(seed).shuffle(order)
    first = list(kinds)  # one of each first, so even a small corpus has every kind
    seen: dict[str, int] = {}
    for n_done in range(n):
        kind = first[n_done] if n_done < len(first) else order[(n_done - len(first)) % len(order)]
        i = seen.get(kind, 0)
        seen[kind] = i + 1
        yield build(kind, i, seed=seed, senders=senders)


def write_maildir(messages: Iterable[HostileMessage], maildir: Path) -> int:
    """Write the messages into ``maildir``'s ``new`` (``cur`` and ``tmp`` created empty);
    returns how many were written."""
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    new = bytes(maildir / "new")
    count = 0
    for message in messages:
        Path((new + b"/" + message.filename).decode("utf-8", "surrogateescape")).write_bytes(message.raw)
        count += 1
    return count
