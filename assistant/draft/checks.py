"""Checks on a draft reply, per language: does it agree to free work, does it offer both
options? Used by the draft stage's tests and by the evaluation harness on any engine's
drafts.

``promises_free_work`` looks for phrases that give work away ("for free", "uden
beregning", "kostenlos", "ฟรี", ...). A phrase does not count when:

- it is negated in its own clause ("we can't do this for free", "vi kan ikke ... gratis",
  "nicht kostenlos", "ไม่สามารถ...ฟรีได้", "ทำฟรีไม่ได้");
- it stands inside quotation marks: a quoted clause or a quoted line of the client's
  request is not the agency's promise;
- for the softer phrases only ("happy to add that in", "det klarer vi"), the same sentence
  puts a price on it (change request, fee, hourly rate, quote).

Patterns are checked for the draft's language plus English (drafts mix in English terms);
for a language without its own patterns, every language's patterns are used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_I = re.IGNORECASE


@dataclass(frozen=True)
class _Lang:
    free: tuple[str, ...]  # giving work away, outright
    soft: tuple[str, ...] = ()  # agreeing to extra work; fine when priced in the same sentence
    negation_before: str = ""  # a negator earlier in the clause
    negation_after: str = ""  # a negator right after the phrase ("ทำฟรีไม่ได้")
    change_request: tuple[str, ...] = ()  # option (a)
    keep_focus: tuple[str, ...] = ()  # option (b)
    words: bool = True  # the script separates words with spaces
    compiled: dict[str, re.Pattern[str] | None] = field(default_factory=dict, compare=False)

    def pattern(self, name: str) -> re.Pattern[str] | None:
        if name not in self.compiled:
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = "|".join(f"(?:{p})" for p in value)
            self.compiled[name] = re.compile(value, _I) if value else None
        return self.compiled[name]


_LANGS: dict[str, _Lang] = {
    "en": _Lang(
        free=(
            r"\bfor free\b", r"\bfree of charge\b", r"\bat no (?:extra |additional )?(?:cost|charge)\b",
            r"\bno (?:extra |additional )?(?:cost|charge|fee)s?\b(?! (?:is|are) (?:included|covered))",
            r"\bwithout (?:a |an |any )?(?:extra |additional )?(?:cost|charge|fee|payment)s?\b",
            r"\bon the house\b", r"\bcomplimentary\b", r"\bgratis\b", r"\bfree(?:ly)? of cost\b",
            r"\b(?:won't|will not|wouldn't|would not|don't|do not|needn't|need not)"
            r" (?:need to )?(?:charge|bill|invoice)(?: you)?(?: for (?:it|this|that))?\b",
            r"\b(?:won't|will not|doesn't|does not|shouldn't|should not) cost (?:you )?(?:anything|a thing|extra|more)\b",
            r"\bas a (?:small )?(?:goodwill gesture|freebie|bonus)\b",
        ),
        soft=(
            r"\b(?:happy|glad|pleased) to (?:just )?(?:add|include|throw) (?:that|this|it|them|those)(?: in)?\b",
            r"\b(?:we'll|we will|i'll|i will) (?:just |happily )?(?:add|include|throw|squeeze) (?:that|this|it|them) in\b",
            r"\bas a (?:one-off |small )?favou?r\b",
            r"\b(?:we|i) can (?:easily )?(?:squeeze|fit|slip) (?:that|this|it) in\b",
        ),
        negation_before=r"\b(?:not|no longer|never|cannot|unable|without)\b|n't\b|n’t\b",
        negation_after=r"^\W{0,3}(?:is|would be|will be)\s+not\s+(?:possible|an option)"
        r"|^\W{0,3}(?:isn't|isn’t|wouldn't be|won't be)\s+(?:possible|an option)",
        change_request=(
            r"\bchange request\b", r"\bchange order\b",
            r"\b(?:adjust|change|extend|expand|update)\w* (?:the |our )?scope and (?:the )?(?:fee|price|budget)\b",
            r"\bwritten (?:quote|proposal|estimate)\b",
        ),
        keep_focus=(
            r"\bkeep (?:the |our )?focus on\b", r"\b(?:stay|remain) focused on\b",
            r"\bfocus on the (?:agreed|original|current)\b", r"\bstick to the (?:agreed|original|current)\b",
            r"\bcontinue with the (?:agreed|original|current)\b",
        ),
    ),
    "da": _Lang(
        free=(
            r"\bgratis\b", r"\bvederlagsfri(?:t)?\b", r"\bomkostningsfri(?:t)?\b",
            r"\buden (?:ekstra |yderligere )?(?:beregning|betaling|merpris|omkostninger|udgifter|beregne)\b",
            r"\buden at det koster\b", r"\bpå (?:vores|bureauets|vor) regning\b",
            r"\bingen (?:ekstra |yderligere )?(?:beregning|omkostninger|merpris|betaling|ekstraregning|regning)\b",
            r"\bkoster (?:jer |dig |Dem )?ikke (?:noget|ekstra|en krone)\b",
            r"\boveni (?:købet|handlen)\b",
            r"\b(?:sender|fakturerer|tager) (?:vi |jeg )?ikke (?:noget |ekstra )?(?:for det|for det her|en regning|en faktura)\b",
        ),
        soft=(
            r"\b(?:vi|jeg) (?:tager|lægger|smider) (?:det|den|dem) (?:gerne |bare |lige )?(?:med|oveni)\b",
            r"\b(?:det|den|dem) (?:tager|lægger|smider) (?:vi|jeg) (?:gerne |bare |lige )?(?:med|oveni)\b",
            r"\bsom en (?:lille )?tjeneste\b", r"\bsom en gestus\b",
        ),
        negation_before=r"\b(?:ikke|ikk|ingen|intet|aldrig|hverken|næppe|uden)\b",
        negation_after=r"^\W{0,3}(?:er|bliver|vil være)\s+(?:desværre\s+)?ikke\s+(?:muligt|en mulighed)",
        change_request=(
            r"ændringsanmodning", r"ændringsønske", r"tillægsaftale", r"skriftligt tilbud",
            r"\btilpass\w* (?:opgaven|omfanget|scope\w*) og honorar",
        ),
        keep_focus=(
            r"\bholde[r]? (?:os |vi )?fokus på\b", r"\bfokus på det(?:,)? (?:vi har aftalt|aftalte)\b",
            r"\bfortsætte med det aftalte\b", r"\bholde os til det(?:,)? (?:vi har aftalt|aftalte)\b",
        ),
    ),
    "sv": _Lang(
        free=(
            r"\bgratis\b", r"\bkostnadsfri(?:tt)?\b", r"\bvederlagsfri(?:tt)?\b",
            r"\butan (?:extra |ytterligare )?(?:kostnad|avgift|debitering|betalning|ersättning)\b",
            r"\butan att det kostar\b", r"\bpå (?:vår|byråns) bekostnad\b",
            r"\bingen (?:extra |ytterligare )?(?:kostnad|avgift|debitering)\b",
            r"\bkostar (?:er |dig )?inget(?: extra)?\b", r"\bpå köpet\b", r"\bkostar (?:er |dig )?inte något(?: extra)?\b",
        ),
        soft=(
            r"\b(?:vi|jag) (?:lägger|tar) (?:gärna )?med (?:det|den|dem)\b", r"\bsom en tjänst\b",
        ),
        negation_before=r"\b(?:inte|ej|icke|aldrig|ingen|inget|varken|utan)\b",
        negation_after=r"^\W{0,3}(?:är|blir)\s+(?:tyvärr\s+)?inte\s+(?:möjligt|ett alternativ)",
        change_request=(
            r"ändringsbegäran", r"ändringsförfrågan", r"ändringsorder", r"tilläggsavtal", r"skriftlig offert",
            r"\bjustera\w* (?:uppdraget|omfattningen) och arvode",
        ),
        keep_focus=(
            r"\b(?:behåll|behålla|behåller|hålla|håller) (?:vi )?fokus\b",
            r"\bfokus på det (?:vi har kommit överens om|överenskomna|avtalade)\b",
            r"\bhålla oss till det (?:vi har kommit överens om|överenskomna|avtalade)\b",
        ),
    ),
    "no": _Lang(
        free=(
            r"\bgratis\b", r"\bkostnadsfri(?:tt)?\b", r"\bvederlagsfri(?:tt)?\b",
            r"\buten (?:ekstra |ytterligere )?(?:kostnad|betaling|vederlag|fakturering|tillegg)\b",
            r"\buten at det koster\b", r"\bpå (?:vår|byråets) regning\b",
            r"\bingen (?:ekstra |ytterligere )?(?:kostnad|betaling|fakturering)\b",
            r"\bkoster (?:dere |deg )?ikke noe(?: ekstra)?\b", r"\bpå kjøpet\b",
        ),
        soft=(
            r"\b(?:vi|jeg) tar (?:gjerne )?med (?:det|den|dem)\b", r"\bsom en tjeneste\b",
        ),
        negation_before=r"\b(?:ikke|ikkje|ingen|intet|aldri|verken|uten)\b",
        negation_after=r"^\W{0,3}(?:er|blir)\s+(?:dessverre\s+)?ikke\s+(?:mulig|et alternativ)",
        change_request=(
            r"endringsforespørsel", r"endringsanmodning", r"endringsordre", r"tilleggsavtale", r"skriftlig tilbud",
            r"\bjuster\w* (?:oppdraget|omfanget) og honorar",
        ),
        keep_focus=(
            r"\b(?:holde|holder) (?:vi )?fokus\b", r"\bfokus på det (?:vi har avtalt|avtalte)\b",
            r"\bholde oss til det (?:vi har avtalt|avtalte)\b",
        ),
    ),
    "de": _Lang(
        free=(
            r"\bkostenlos\w*", r"\bkostenfrei\w*", r"\bgratis\b", r"\bunentgeltlich\w*", r"\bumsonst\b",
            r"\bohne (?:jeglichen |jegliche )?(?:Aufpreis|Aufschlag|Mehrkosten|zusätzliche Kosten|weitere Kosten"
            r"|Berechnung|Zusatzkosten|Kosten|Extrakosten)\b",
            r"\bauf unsere Kosten\b", r"\baus Kulanz\b", r"\baufs Haus\b",
            r"\bkeine (?:zusätzlichen |weiteren |extra )?(?:Kosten|Mehrkosten|Berechnung)\b",
            r"\b(?:nicht|nichts) (?:extra |zusätzlich )?(?:berechnen|in Rechnung stellen)\b",
            r"\b(?:berechnen|stellen) wir (?:Ihnen )?(?:das |dies |es )?(?:nicht|nichts)(?: in Rechnung)?\b",
        ),
        soft=(
            r"\b(?:übernehmen|erledigen|machen) wir (?:das |dies |es )?(?:gerne |gern )?(?:mit|nebenbei|zusätzlich|einfach mit)\b",
            r"\bals (?:kleine )?Gefälligkeit\b",
        ),
        negation_before=r"\b(?:nicht|kein|keine|keinen|keinem|keiner|niemals|nie|weder|ohne)\b",
        negation_after=r"^\W{0,3}(?:ist|wäre|sind)\s+(?:das\s+|es\s+|dies\s+)?(?:leider\s+)?nicht\s+(?:möglich|machbar|drin)",
        change_request=(
            r"änderungsantrag", r"änderungsanfrage", r"nachtragsangebot", r"change request",
            r"schriftliche[sn]? angebot", r"leistungsumfang und (?:das )?honorar",
        ),
        keep_focus=(
            r"\bkonzentrieren (?:uns|wir uns) (?:weiterhin |weiter )?auf\b",
            r"\bfokus (?:weiterhin )?auf (?:die |den )?vereinbarte", r"\bbei den vereinbarten Leistungen bleiben\b",
            r"\bbeim vereinbarten (?:Umfang|Leistungsumfang) bleiben\b",
        ),
    ),
    "th": _Lang(
        free=(
            r"ฟรี(?!แลนซ์)", r"ไม่มีค่าใช้จ่าย", r"ไม่มีค่าบริการ", r"ไม่คิดค่า", r"ไม่คิดเงิน", r"ไม่เสียค่าใช้จ่าย",
            r"ไม่ต้องจ่าย", r"ไม่ต้องชำระ", r"แถมให้", r"ให้เปล่า", r"ไม่เก็บเงิน", r"ไม่เรียกเก็บ",
        ),
        soft=(r"ยินดีทำเพิ่มให้", r"ทำเพิ่มให้ได้เลย", r"จัดให้เลย"),
        negation_before=r"ไม่|มิได้|มิใช่|ไม่ได้|ไม่สามารถ|ไม่อาจ",
        negation_after=r"^\S{0,12}?(?:ไม่ได้|ไม่ไหว)",
        change_request=(r"คำขอเปลี่ยนแปลง", r"change request", r"ใบเสนอราคา", r"ปรับขอบเขตงานและค่าบริการ"),
        keep_focus=(r"มุ่งเน้นงาน", r"โฟกัส(?:ที่)?งาน", r"คงการทำงานตามขอบเขต", r"ทำงานตามขอบเขตงานเดิม"),
        words=False,
    ),
    "nl": _Lang(
        free=(
            r"\bgratis\b", r"\bkosteloos\b", r"\bkostenloos\b", r"\bvoor niets\b", r"\bop onze kosten\b",
            r"\bzonder (?:extra |meer|bijkomende )?(?:kosten|meerprijs|meerkosten|vergoeding)\b",
            r"\bgeen (?:extra |bijkomende )?(?:kosten|meerprijs|meerkosten)\b",
            r"\b(?:niet|niets) (?:extra )?in rekening (?:brengen|gebracht)\b",
            r"\bbrengen (?:we|wij) (?:u )?(?:niet|niets) in rekening\b",
        ),
        soft=(r"\b(?:dat|dit) (?:nemen|doen) (?:we|wij) (?:graag )?(?:even )?mee\b", r"\bals (?:kleine )?gunst\b"),
        negation_before=r"\b(?:niet|geen|nooit|noch|zonder)\b",
        negation_after=r"^\W{0,3}(?:is|zou)\s+(?:helaas\s+)?niet\s+(?:mogelijk|haalbaar)",
        change_request=(r"wijzigingsverzoek", r"meerwerk(?:offerte|voorstel)", r"schriftelijke offerte",
                        r"scope en (?:het )?honorarium"),
        keep_focus=(r"\b(?:houden|houdt) (?:we |wij )?de focus\b", r"\bfocus (?:houden )?op (?:de )?afgesproken\b",
                    r"\bblijven bij (?:het afgesprokene|de afgesproken)\b"),
    ),
    "fr": _Lang(
        free=(
            r"\bgratuit\w*", r"\bgracieusement\b", r"\bà titre gracieux\b", r"\ben cadeau\b",
            r"\bsans (?:aucun )?(?:frais|coût|supplément|surcoût|facturation)(?: supplémentaires?)?\b",
            r"\bsans (?:vous )?(?:le )?facturer\b", r"\bà nos frais\b",
        ),
        soft=(r"\bnous (?:l'|les )?ajout\w+ volontiers\b", r"\bà titre exceptionnel\b"),
        negation_before=r"\bne\b|\bn['’]|\bpas\b|\bjamais\b|\baucune?\b|\bni\b",
        negation_after=r"^\W{0,3}(?:n'est|ne serait|n’est)\s+pas\s+(?:possible|envisageable)",
        change_request=(r"demande de modification", r"\bavenant\b", r"\bdevis\b", r"périmètre et (?:les )?honoraires"),
        keep_focus=(r"\b(?:rest\w+|demeur\w+) concentrés? sur\b", r"\bconcentr\w+ sur le travail convenu\b",
                    r"\bnous en tenir au\b"),
    ),
    "es": _Lang(
        free=(
            r"\bgratis\b", r"\bgratuit\w*", r"\bsin (?:ningún )?(?:coste|costo|cargo|cobro)(?: (?:adicional|extra))?\b",
            r"\bsin cobrar\b", r"\bde regalo\b", r"\bcorre por nuestra cuenta\b",
            r"\bno (?:le |les |te )?(?:cobraremos|cobramos|vamos a cobrar|facturaremos)\b",
        ),
        soft=(r"\blo (?:añadimos|incluimos) con gusto\b", r"\bcomo (?:un )?favor\b"),
        negation_before=r"\b(?:no|nunca|ni|tampoco|jamás|sin)\b",
        negation_after=r"^\W{0,3}(?:no es|no sería)\s+(?:posible|viable)",
        change_request=(r"solicitud de cambio", r"orden de cambio", r"\bpresupuesto por escrito\b",
                        r"alcance y (?:los )?honorarios"),
        keep_focus=(r"\bmanten\w+ el foco\b", r"\bcentrarnos en el trabajo acordado\b", r"\bceñirnos a lo acordado\b"),
    ),
}

#: A price in the same sentence makes a soft phrase ("happy to add that in") acceptable.
_PRICED = re.compile(
    r"change request|\bfee\b|hourly|\brate\b|\bquote\b|\bestimate\b|\binvoice|\bprice|\bcharged?\b"
    r"|ændringsanmodning|honorar|timepris|\bpris|tilbud|faktur|ändringsbegäran|arvode|timpris|offert"
    r"|endringsforespørsel|änderungsantrag|stundensatz|angebot|berechne|คำขอเปลี่ยนแปลง|ค่าบริการ|ใบเสนอราคา"
    r"|wijzigingsverzoek|uurtarief|offerte|demande de modification|devis|tarif|solicitud de cambio|tarifa",
    _I,
)
# Paired quotation marks: what stands between them is quoted, not promised.
_QUOTED = re.compile(r"“[^”\n]*”|”[^”\n]*”|„[^“”\n]*[“”]|»[^«\n]*«|«[^»\n]*»|\"[^\"\n]*\"")
_CLAUSE_END = re.compile(r"[.!?;:\n]|,\s")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _specs(language: str) -> list[_Lang]:
    lang = (language or "").lower()[:2]
    if lang == "nb" or lang == "nn":
        lang = "no"
    if lang in _LANGS:
        return [_LANGS[lang]] + ([_LANGS["en"]] if lang != "en" else [])
    return list(_LANGS.values())


def _mask_quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def _clause_before(text: str, start: int, spec: _Lang) -> str:
    window = text[max(0, start - 80) : start]
    cut = 0
    for m in _CLAUSE_END.finditer(window):
        cut = m.end()
    window = window[cut:]
    if not spec.words:  # Thai: the clause is the run of text since the last space, roughly
        window = window.rstrip()
        window = window[window.rfind(" ") + 1 :][-40:]
    return window


def _sentence_of(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)]


def _negated(text: str, start: int, end: int, spec: _Lang) -> bool:
    before, after = spec.pattern("negation_before"), spec.pattern("negation_after")
    if before and before.search(_clause_before(text, start, spec)):
        return True
    return bool(after and after.search(text[end : end + 40]))


def promises_free_work(text: str, language: str) -> list[str]:
    """The phrases in ``text`` that agree to free or unpriced extra work (empty when none)."""
    masked = _mask_quotes(text)
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    specs = _specs(language)
    for spec in specs:
        for kind in ("free", "soft"):
            pattern = spec.pattern(kind)
            if pattern is None:
                continue
            for m in pattern.finditer(masked):
                span = (m.start(), m.end())
                if span in seen or any(_negated(masked, m.start(), m.end(), s) for s in specs):
                    continue
                if kind == "soft" and _PRICED.search(_sentence_of(masked, m.start(), m.end())):
                    continue
                seen.add(span)
                found.append(text[m.start() : m.end()])
    return found


def offers_both_options(text: str, language: str) -> bool:
    """True when ``text`` offers (a) a written change request with scope and fee AND (b)
    keeping the focus on the agreed work."""
    specs = _specs(language)
    has = {
        name: any((p := spec.pattern(name)) is not None and p.search(text) for spec in specs)
        for name in ("change_request", "keep_focus")
    }
    return has["change_request"] and has["keep_focus"]
