#!/usr/bin/env python3
"""Build part B of the agency-dev evaluation dataset (clients `saltvand` and `siamcraft`).

Everything is fictional. Run with the project venv (needs python-docx and fpdf2):

    /work/main/.venv/bin/python eval/datasets/agency-dev/_src/make_partb.py

Writes, relative to the dataset root (eval/datasets/agency-dev/):
  docs/saltvand/samarbejdsaftale-2026.docx     scope, Danish (DOCX)
  docs/saltvand/2026-01-21-opstartsmoede.md    call notes, Danish (Markdown)
  docs/saltvand/2026-03-17-status-call.pdf     call notes, English (PDF, core fonts)
  docs/siamcraft/sow.md                        scope, English (Markdown)
  docs/siamcraft/2026-01-14-kickoff.docx       call notes, Thai (DOCX)
  docs/siamcraft/2026-03-18-status-call.md     call notes, English (Markdown)
  mail/<client>/<id>.eml                       raw RFC 5322 messages (stdlib email only)
  parts/partb.clients.json, parts/partb.cases.jsonl

Deterministic: fixed dates and Message-IDs, no randomness, fixed zip timestamps in the
DOCX files and a fixed PDF creation date. Every .eml is parsed back and checked: headers,
body text, and that non-UTF-8 bodies really are in their declared charset.

Note: "windows-874" (the label Thai Outlook uses) is not a Python codec name; Python calls
it cp874. The script registers the alias with codecs.register to write the mail,
and readers of the dataset must map it the same way.
"""

from __future__ import annotations

import codecs
import hashlib
import email
import email.charset
import html
import io
import json
import sys
import zipfile
from collections import Counter
from datetime import datetime, timezone
from email import policy
from email.charset import BASE64, QP, Charset
from email.header import Header, decode_header, make_header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.dont_write_bytecode = True  # keep _src/ free of __pycache__
sys.path.insert(0, str(HERE))

import partb_docs as D  # noqa: E402
import partb_saltvand  # noqa: E402
import partb_siamcraft  # noqa: E402

POLICY = policy.compat32.clone(linesep="\r\n")
CODECS = {"windows-874": "cp874"}  # charset label -> Python codec
codecs.register(lambda name: codecs.lookup("cp874") if name.replace("-", "_") == "windows_874" else None)
FIXED = datetime(2026, 3, 20, 9, 0, 0, tzinfo=timezone.utc)

DOCS = {
    "saltvand": [
        {"path": "docs/saltvand/samarbejdsaftale-2026.docx", "kind": "scope",
         "title": "Samarbejdsaftale 2026: Lokal SEO, Google Business Profile og blogindhold", "date": "2026-01-14"},
        {"path": "docs/saltvand/2026-01-21-opstartsmoede.md", "kind": "call_notes",
         "title": "Referat: Opstartsmøde", "date": "2026-01-21"},
        {"path": "docs/saltvand/2026-03-17-status-call.pdf", "kind": "call_notes",
         "title": "Call notes: Status call", "date": "2026-03-17"},
    ],
    "siamcraft": [
        {"path": "docs/siamcraft/sow.md", "kind": "scope",
         "title": "Statement of Work 2026: Social Media Management", "date": "2026-01-08"},
        {"path": "docs/siamcraft/2026-01-14-kickoff.docx", "kind": "call_notes",
         "title": "บันทึกการประชุม: คิกออฟ", "date": "2026-01-14"},
        {"path": "docs/siamcraft/2026-03-18-status-call.md", "kind": "call_notes",
         "title": "Call notes: Weekly status call", "date": "2026-03-18"},
    ],
}

CLIENTS = [
    {
        "id": "saltvand",
        "name": "Saltvand Seafood ApS",
        "industry": "Fish restaurant group (Aarhus Ø, Skagen, Ebeltoft) with online table booking, Denmark",
        "services": ["local SEO", "Google Business Profile", "blog content"],
        "language": "da",
        "domains": ["saltvand.example"],
        "contacts": ["claus@saltvand.example", "sofie@saltvand.example"],
        "account_manager": "maria@halcyon-growth.example",
        "documents": DOCS["saltvand"],
    },
    {
        "id": "siamcraft",
        "name": "Siam Craft Coffee Co., Ltd.",
        "industry": "Specialty-coffee roaster selling online, Chiang Mai, Thailand",
        "services": ["social media management", "community management"],
        "language": "th",
        "domains": ["siamcraft.example"],
        "contacts": ["krit@siamcraft.example", "nok@siamcraft.example"],
        "account_manager": "ploy@halcyon-growth.example",
        "documents": DOCS["siamcraft"],
    },
]


# ----------------------------------------------------------------------------- docs
def _fix_zip(path: Path) -> None:
    """Rewrite a DOCX with fixed member timestamps so reruns are byte-identical."""
    src = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


def write_docx(doc: dict, path: Path, lang: str, font: str) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(11)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)
    lang_el = rpr.makeelement(qn("w:lang"), {qn("w:val"): lang, qn("w:bidi"): lang})
    rpr.append(lang_el)
    d.add_heading(doc["title"], level=1)
    for line in doc["header"]:
        d.add_paragraph(line)
    for heading, items in doc["sections"]:
        d.add_heading(heading, level=2)
        for num, text in items:
            if num and num.count(".") == 1 and not text.endswith(".") and len(text) < 60:
                d.add_heading(f"{num} {text}", level=3)  # sub-heading such as "2.1 Lokal SEO"
            elif num.isdigit():
                d.add_paragraph(f"{num}. {text}")
            elif num:
                d.add_paragraph(f"{num} {text}")
            else:
                d.add_paragraph(text, style="List Bullet")
    cp = d.core_properties
    cp.author = "Halcyon Growth"
    cp.title = doc["title"]
    cp.created = cp.modified = FIXED.replace(tzinfo=None)
    cp.last_modified_by = "Halcyon Growth"
    cp.revision = 1
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    _fix_zip(path)


def write_pdf(doc: dict, path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_title(doc["title"])
    pdf.set_author("Halcyon Growth")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, doc["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10)
    for line in doc["header"]:
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    for heading, items in doc["sections"]:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for num, text in items:
            prefix = f"{num}. " if num else "- "
            pdf.multi_cell(0, 5.5, prefix + text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def write_docs() -> None:
    write_docx(D.SALTVAND_SOW, ROOT / "docs/saltvand/samarbejdsaftale-2026.docx", "da-DK", "Calibri")
    (ROOT / "docs/saltvand/2026-01-21-opstartsmoede.md").write_text(D.SALTVAND_KICKOFF_MD, encoding="utf-8")
    write_pdf(D.SALTVAND_STATUS, ROOT / "docs/saltvand/2026-03-17-status-call.pdf")
    (ROOT / "docs/siamcraft").mkdir(parents=True, exist_ok=True)
    (ROOT / "docs/siamcraft/sow.md").write_text(D.SIAMCRAFT_SOW_MD, encoding="utf-8")
    write_docx(D.SIAMCRAFT_KICKOFF, ROOT / "docs/siamcraft/2026-01-14-kickoff.docx", "th-TH", "Leelawadee UI")
    (ROOT / "docs/siamcraft/2026-03-18-status-call.md").write_text(D.SIAMCRAFT_STATUS_MD, encoding="utf-8")


# ------------------------------------------------------------------------------ mail
def _charset(name: str, cte: str) -> Charset:
    cs = Charset(name)
    cs.body_encoding = {"qp": QP, "base64": BASE64, "7bit": None}[cte]
    return cs


def _text_part(text: str, subtype: str, name: str, cte: str) -> MIMEText:
    if cte == "base64":  # RFC 2045: text is base64-encoded in canonical CRLF form
        text = text.replace("\n", "\r\n")
    return MIMEText(text, subtype, _charset(name, cte))


def _plain_to_html(text: str) -> str:
    paras = [p for p in text.split("\n\n")]
    body = "\n".join("<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>" for p in paras)
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html\"></head>\n"
            "<body style=\"font-family:Arial,sans-serif;font-size:10pt\">\n" + body + "\n</body></html>")


def build_eml(case: dict) -> tuple[bytes, list[tuple[str, str]]]:
    """Return the raw message and the expected (subtype, text) parts."""
    e = case["eml"]
    cs_name, cte = e["charset"], e["cte"]
    subtype = e.get("subtype", "plain")
    if e.get("alternative"):
        html_text = _plain_to_html(case["body"])
        msg = MIMEMultipart("alternative")
        token = hashlib.sha1(e["message_id"].encode()).hexdigest()[:24]
        msg.set_boundary(f"----=_Part_{token}")  # fixed, so reruns are byte-identical
        msg.attach(_text_part(case["body"], "plain", cs_name, cte))
        msg.attach(_text_part(html_text, "html", cs_name, cte))
        expected = [("plain", case["body"]), ("html", html_text)]
        content_headers = []
    else:
        msg = _text_part(case["body"], subtype, cs_name, cte)
        expected = [(subtype, case["body"])]
        content_headers = list(msg.items())
        for k, _ in content_headers:
            del msg[k]
    hcs = Charset(cs_name)

    def address(pair):
        return formataddr(pair, charset=hcs)

    def hdr(text):
        try:
            text.encode("ascii")
            return text
        except UnicodeEncodeError:
            return Header(text, hcs)

    top = [
        ("From", address(case["sender"])),
        ("To", address(e["to"])),
    ]
    if e.get("cc"):
        top.append(("Cc", ", ".join(address(p) for p in e["cc"])))
    top += [
        ("Subject", hdr(case["subject"])),
        ("Date", format_datetime(case["date"])),
        ("Message-ID", e["message_id"]),
    ]
    if e.get("in_reply_to"):
        top.append(("In-Reply-To", e["in_reply_to"]))
        top.append(("References", " ".join(e.get("references", [e["in_reply_to"]]))))
    top += e.get("extra_headers", [])
    if e.get("alternative"):
        existing = list(msg.items())
        for k, _ in existing:
            del msg[k]
        for k, v in top:
            msg[k] = v
        for k, v in existing:
            msg[k] = v
    else:
        for k, v in top:
            msg[k] = v
        for k, v in content_headers:
            msg[k] = v
    return msg.as_bytes(policy=POLICY), expected


def _decode_header(raw: str) -> str:
    parts = []
    for chunk, cs in decode_header(raw):
        if isinstance(chunk, bytes):
            parts.append(chunk.decode(CODECS.get((cs or "ascii").lower(), cs or "ascii")))
        else:
            parts.append(chunk)
    return "".join(parts)


def check_eml(path: Path, case: dict, expected: list[tuple[str, str]]) -> None:
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), f"{path}: not CRLF"
    msg = email.message_from_bytes(raw, policy=policy.compat32)
    e = case["eml"]
    assert msg["Message-ID"] == e["message_id"], path
    assert _decode_header(msg["Subject"]) == case["subject"], (path, _decode_header(msg["Subject"]))
    name, addr = parseaddr(_decode_header(msg["From"]))
    assert (name, addr) == case["sender"], (path, name, addr)
    parts = [p for p in msg.walk() if p.get_content_maintype() == "text"]
    assert len(parts) == len(expected), path
    if e.get("alternative"):
        assert msg.get_content_type() == "multipart/alternative", path
    for part, (subtype, text) in zip(parts, expected):
        assert part.get_content_subtype() == subtype, path
        assert part.get_content_charset() == e["charset"], path
        cte = part["Content-Transfer-Encoding"].lower()
        assert cte == {"qp": "quoted-printable"}.get(e["cte"], e["cte"]), (path, cte)
        payload = part.get_payload(decode=True)
        codec = CODECS.get(e["charset"], e["charset"])
        got = payload.decode(codec).replace("\r\n", "\n")
        assert got == text, (path, got[:200])
        if codec not in ("utf-8", "us-ascii") and any(ord(c) > 127 for c in text):
            try:
                payload.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                raise AssertionError(f"{path}: payload in {codec} also decodes as UTF-8")
        if codec == "us-ascii":
            payload.decode("ascii")
    # the stdlib modern parser must at least read it without raising
    email.message_from_bytes(raw, policy=policy.default)


# ------------------------------------------------------------------------------ cases
def _addr(pair) -> str:
    return f"{pair[0]} <{pair[1]}>"


def build_cases() -> list[dict]:
    out = []
    for client, mod, am in (("saltvand", partb_saltvand, partb_saltvand.MARIA),
                            ("siamcraft", partb_siamcraft, partb_siamcraft.PLOY)):
        cases = sorted(mod.CASES, key=lambda c: c["date"])
        keys = [c["key"] for c in cases]
        assert len(keys) == len(set(keys)), client
        (ROOT / "mail" / client).mkdir(parents=True, exist_ok=True)
        for i, c in enumerate(cases, 1):
            cid = f"{client}-{i:03d}"
            row = {"id": cid}
            if "eml" in c:
                rel = f"mail/{client}/{cid}.eml"
                raw, expected = build_eml(c)
                (ROOT / rel).write_bytes(raw)
                check_eml(ROOT / rel, c, expected)
                row["eml"] = rel
            else:
                row["message"] = {
                    "from": _addr(c["sender"]),
                    "to": _addr(am),
                    "subject": c["subject"],
                    "date": c["date"].isoformat(),
                    "body": c["body"],
                }
            row.update({
                "label": c["label"],
                "red_flags": list(c["flags"]),
                "client": client,
                "language": c["lang"],
                "note": c["note"],
            })
            out.append((row, c))
    return out


def main() -> None:
    write_docs()
    built = build_cases()
    rows = [r for r, _ in built]
    for r in rows:
        assert r["label"] in ("in_scope", "out_of_scope", "red_flag"), r["id"]
        assert bool(r["red_flags"]) == (r["label"] == "red_flag"), r["id"]
        assert "\n" not in r["note"], r["id"]
    for c in CLIENTS:
        for d in c["documents"]:
            assert (ROOT / d["path"]).is_file(), d["path"]
    (ROOT / "parts").mkdir(exist_ok=True)
    (ROOT / "parts/partb.clients.json").write_text(json.dumps(CLIENTS, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (ROOT / "parts/partb.cases.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")

    # summary
    print(f"{len(rows)} cases")
    for client in ("saltvand", "siamcraft"):
        sub = [r for r in rows if r["client"] == client]
        print(client, dict(Counter(r["label"] for r in sub)), dict(Counter(r["language"] for r in sub)))
    print("labels:", dict(Counter(r["label"] for r in rows)))
    print("categories:", dict(Counter(f for r in rows for f in r["red_flags"])))
    print("two categories:", [r["id"] for r in rows if len(r["red_flags"]) == 2])
    print("languages:", dict(Counter(r["language"] for r in rows)))
    ch = Counter()
    for r, c in built:
        if "eml" in r:
            e = c["eml"]
            kind = "multipart/alternative" if e.get("alternative") else f"text/{e.get('subtype', 'plain')}"
            ch[(e["charset"], e["cte"], kind)] += 1
    print("eml:", sum(ch.values()))
    for k, v in sorted(ch.items()):
        print("  ", k, v)
    print("key -> id:", " ".join(f"{c['key'][0] if False else ''}{r['client'][:2]}:{c['key']}={r['id'][-3:]}" for r, c in built))


if __name__ == "__main__":
    main()
