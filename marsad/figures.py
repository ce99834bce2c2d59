"""Figures: the numbers a text states, with their unit, metric, period,
kind, qualifier, subject and the source they are credited to.

Numbers are found in the normalized text (Western digits, "." decimals,
"%" after normalization), never tokenized: a number is digits with optional
thousands separators and decimals, or number words, then an optional scale
word (ألف, ملايين, مليارات ...), then a unit from data/lexicon/figures.yaml.
A number without a unit is not a figure unless a scale word makes it one;
years, dates, durations and ordinals are not figures.

Everything around the number is read from cue phrases in the same clause,
else the same sentence: the metric ("حجم التجارة" → trade_volume), growth
words that turn a percent into the growth of that metric, kind cues
(target, forecast, cumulative), qualifiers ("أكثر من" → over) and
attribution cues ("وفقا للجمارك الصينية").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from marsad import gazetteer as gz
from marsad.dates import week_month
from marsad.doc import DateMention, Doc
from marsad.pipeline import component
from marsad.text import Phrases, Segment
from marsad.text import alternation as _alt
from marsad.text import match_key as _key

# thousands separated by commas ("1,250"), a decimal point, or a decimal
# comma before one or two digits ("2,5 مليار", as Maghrebi outlets write)
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+|,\d{1,2}(?!\d))?"


def _cue_re(words) -> Phrases:
    # A cue may carry proclitics (و ف ب ل س) and must end at a word boundary.
    return Phrases(words)


@dataclass
class _Lexicon:
    number: re.Pattern
    number_start: re.Pattern
    unit_of: dict[str, str]
    prefix_unit: dict[str, str]
    unit_metric: dict[str, str]
    metric_cues: list[tuple[str, Phrases]]
    growth: Phrases
    decline: Phrases
    growth_metric: dict[str, str]
    target: Phrases
    forecast: Phrases
    forecast_governors: Phrases
    cumulative: Phrases
    qualifiers: list[tuple[str, re.Pattern]]
    over_verbs: Phrases
    attribution: Phrases
    attribution_verbs: Phrases
    bilateral: re.Pattern
    generic_sources: Phrases
    table_metric_cues: list[tuple[str, Phrases]]
    ordinal_before: frozenset[str]
    scale_of: dict[str, float]
    word_value: dict[str, float]
    fraction_of: dict[str, float]
    currencies: frozenset[str]
    fiscal_years: list[tuple[int, Phrases]]  # (month a country's fiscal year starts, its words)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    lex = gz.lexicon("figures")
    num = gz.lexicon("numbers")
    unit_of = {_key(w): u for u, ws in [*lex["currencies"].items(), *lex["units"].items()] for w in ws}
    scale_of = {_key(w): float(v) for w, v in num["scales"].items()}
    word_value = {_key(w): float(v) for w, v in num["units"].items()}
    fraction_of = {_key(w): float(v) for w, v in num["fractions"].items()}
    not_units = _alt(lex["not_units"])
    prefix = _alt(lex["prefix_units"])
    SCALE = _alt(scale_of)
    WORD = _alt(word_value)
    FRACTION = _alt(fraction_of)
    UNIT = _alt(unit_of)
    # A scale word alone is a number when singular or dual ("مليون حاوية",
    # "ملياري دولار"); plurals alone are vague ("آلاف الشركات").
    LONE_SCALE = _alt(w for w in num["scales"] if w not in num["vague_plurals"])
    # Group names: pre (prefix unit), sign, a, b (range end), word, frac,
    # scale, unit, paren (a change in parentheses).
    # The characters a number can open with: checked first, so that the
    # lookbehinds below run at few positions of the text.
    openers = {"+", "-"} | {str(d) for d in range(10)} | {
        _key(w)[0] for w in [*lex["prefix_units"], *word_value, *fraction_of, *scale_of] if _key(w)}
    number = re.compile(
        rf"(?=[{re.escape(''.join(sorted(openers)))}])"
        # A number may carry proclitics ("بـ8.8"), never an article ("الـ30").
        rf"(?:(?<![\w.,])|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))(?:(?P<pre>{prefix})\s*)?"
        # "بين 12 و15 مليار": a range; "12-14": a range
        rf"(?:(?<=بين\s)(?P<ra>{NUM})\s+و\s*(?P<rb>{NUM})(?=\s+(?:{SCALE}|{UNIT}))"
        rf"|(?P<sign>[+]\s*|-(?=\d))?(?P<a>{NUM})(?:\s*[-–]\s*(?P<b>{NUM}))?"
        rf"|(?P<word>{WORD})|(?P<frac>{FRACTION})|(?P<lone>{LONE_SCALE}))"
        rf"(?:\s+(?P<scale>{SCALE}))?"
        rf"(?:\s*(?P<unit>{UNIT}|%)(?!\w)|(?=\s+(?P<notunit>{not_units})(?!\w)))?"
    )
    # Where a number can begin: a prefix unit, a sign, the first digit of a
    # run, or a number word. The scan looks for these alone and tries the
    # full pattern only there (see _numbers).
    number_start = re.compile(
        rf"{prefix}|[+\-]|(?<!\d)\d|{WORD}|{FRACTION}|{LONE_SCALE}")
    return _Lexicon(
        number=number,
        number_start=number_start,
        unit_of=unit_of | {"%": "percent"},
        prefix_unit=dict(lex["prefix_units"]),
        unit_metric=dict(lex["unit_metric"]),
        metric_cues=[(m, _cue_re(ws)) for m, ws in lex["metric_cues"].items()],
        growth=_cue_re(lex["growth_words"]),
        decline=_cue_re(lex["decline_words"]),
        growth_metric=dict(lex["growth_metric"]),
        target=_cue_re(lex["target_cues"]),
        forecast=_cue_re(lex["forecast_cues"]),
        forecast_governors=_cue_re(lex["forecast_governors"]),
        cumulative=_cue_re(lex["cumulative_cues"]),
        qualifiers=[(q, re.compile(rf"(?<!\w)(?:[وف])?(?:ب)?{_alt(ws)}\s*$")) for q, ws in lex["qualifiers"].items()],
        over_verbs=_cue_re(lex["over_verbs"]),
        attribution=_cue_re(lex["attribution_cues"]),
        attribution_verbs=_cue_re(lex["attribution_verbs"]),
        bilateral=re.compile(_alt(lex["bilateral_cues"])),
        generic_sources=_cue_re(lex["generic_sources"]),
        table_metric_cues=[(m, _cue_re(ws)) for m, ws in lex["table_metric_cues"].items()],
        ordinal_before=gz.normalized_set(lex["ordinal_before"]),
        scale_of=scale_of,
        word_value=word_value,
        fraction_of=fraction_of,
        currencies=frozenset(lex["currencies"]),
        fiscal_years=[(int(f["start"]), _cue_re(f["words"])) for f in lex["fiscal_years"]],
    )


@dataclass
class _Number:
    start: int  # normalized offsets of the value text
    end: int
    value: float
    unit: str
    value_max: float | None = None
    signed: bool = False
    parenthesized: bool = False
    bare: bool = False  # a table row's value, its unit from the table's unit line


def _to_float(text: str) -> float:
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def _numbers(lx: _Lexicon, text: str):
    """The matches `lx.number.finditer(text)` gives, found by trying the
    pattern only where a number can begin (every match begins at such a
    place), at every such place in turn, as finditer would."""
    pos = last_end = 0
    number, starts = lx.number, lx.number_start
    while (a := starts.search(text, pos)) is not None:
        p = a.start()
        pos = p + 1
        if p < last_end:
            continue
        m = number.match(text, p)
        if m and m.end() > m.start():
            last_end = m.end()
            yield m


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies in one of `spans` (sorted, not overlapping)."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


SPEED_AFTER = re.compile(r"\s*(?:في\s+(?:ال)?ساعه|/\s*(?:ال)?ساعه|/\s*س(?!\w))")
SPEED_BEFORE = re.compile(r"(?<!\w)(?:ب|ال)?سرع(?:ه|ات|تها|ته)?(?:\s+\S+){0,3}\s+$")


def find_numbers(text: str, excluded: list[tuple[int, int]]) -> list[_Number]:
    """Numbers that are figures, in normalized text; `excluded` are date
    spans (a year is not a figure)."""
    lx = lexicon()
    excluded = sorted(excluded)
    out: list[_Number] = []
    for m in _numbers(lx, text):
        if m.group("notunit") is not None:
            continue  # a duration or a count of times
        start, end = m.start(), m.end()
        a_group = "a" if m.group("a") else "ra" if m.group("ra") else None
        if a_group and _inside(excluded, m.start(a_group)):
            continue
        unit_text, scale_text = m.group("unit"), m.group("scale")
        pre = m.group("pre")
        if pre:
            unit = lx.prefix_unit.get(pre, "other")
        elif unit_text:
            unit = lx.unit_of.get(" ".join(unit_text.split()), "other")
        elif scale_text or m.group("frac"):
            unit = "other"
        else:
            continue  # a bare number: a year, an ordinal, a paragraph, a count of nothing
        if a_group:
            before = text[max(0, start - 12):start].split()
            if text[max(0, start - 3):start].rstrip().endswith(("ال", "الـ")) or (
                before and before[-1] in lx.ordinal_before):
                continue
            value = _to_float(m.group(a_group))
            if m.group("sign") and m.group("sign").strip() == "-" or text[max(0, start - 1):start] == "-":
                value = -value
            b_text = m.group("b") or m.group("rb")
            value_max = _to_float(b_text) if b_text else None
        elif m.group("word"):
            value = lx.word_value[" ".join(m.group("word").split())]
            value_max = None
        elif m.group("lone"):
            if not unit_text or scale_text:
                continue
            value, value_max = lx.scale_of[" ".join(m.group("lone").split())], None
        else:
            value = lx.fraction_of[" ".join(m.group("frac").split())]
            value_max = None
            if not scale_text and unit == "other":
                value, unit = value * 100, "percent"  # "نحو ربع الناتج"
        if m.group("word") and not (unit_text or scale_text):
            continue
        if m.group("frac") and not scale_text and unit not in ("percent", "other"):
            continue
        if unit == "other" and not (scale_text or unit_text or m.group("frac")):
            continue
        if unit == "km" and (SPEED_AFTER.match(text, end) or SPEED_BEFORE.search(text, max(0, start - 40), start)):
            continue  # a speed ("بسرعة 250 كيلومترا في الساعة"), not a length
        scale = lx.scale_of.get(" ".join(scale_text.split()), 1.0) if scale_text else 1.0
        value = _scaled(value, scale)
        if value_max is not None:
            value_max = _scaled(value_max, scale)
        if unit == "GW":  # SCHEMA.md counts capacity in MW
            value, unit = _scaled(value, 1000), "MW"
            value_max = _scaled(value_max, 1000) if value_max is not None else None
        paren = text[max(0, start - 3):start].lstrip().startswith("(") or text[max(0, start - 2):start].strip() == "("
        # Multipliers ("مائة ضعف") are unitless ratios.
        out.append(_Number(start, end, value, unit if unit != "times" else "other", value_max,
                           signed=bool(m.group("sign")) or value < 0, parenthesized=paren))
    taken = [(n.start, n.end) for n in out]
    for m in LONE_MULTIPLIER.finditer(text):
        if not (m.group("q") or m.group("of") is not None) or any(s < m.end("m") and m.start("m") < e for s, e in taken):
            continue
        out.append(_Number(m.start("m"), m.end("m"), 2.0, "other"))
    for m in DUAL_RATE.finditer(text):
        if not any(s < m.end("m") and m.start("m") < e for s, e in taken):
            out.append(_Number(m.start("m"), m.end("m"), 2.0, "trips"))
    out.sort(key=lambda n: n.start)
    return out


# "أكثر من ضعف مستواه", "نحو ضعفي ما كان عليه": a multiplier without a
# number is two ("ضعف الطلب", weakness, is no figure: it needs a qualifier
# before it or a level after it).
# A dual is a number too when a rate follows it: "بمعدل رحلتين أسبوعيا"
DUAL_RATE = re.compile(r"(?<!\w)[وب]?(?P<m>رحلت(?:ين|ان))(?=\s+(?:\S+\s+)?(?:اسبوعيا|يوميا|شهريا|في\s+الاسبوع|في\s+اليوم|في\s+الشهر)(?!\w))")
LONE_MULTIPLIER = re.compile(
    r"(?<!\w)(?P<q>(?:اي\s+)?(?:اكثر\s+من|ما\s+يزيد\s+(?:علي|عن)|نحو|حوالي|قرابه|اقل\s+من)\s+)?"
    r"(?P<m>ضعفي|ضعف)(?!\w)(?P<of>(?=\s+(?:مستوا(?:ه|ها|هما)|ما\s+كان(?:ت)?)(?!\w)))?")


# --- reading the context --------------------------------------------------------

def _nearest_cue(ctx: "_Context", lo: int, hi: int, pos: int) -> str | None:
    """The metric whose cue lies nearest before `pos` in [lo, hi), else the
    nearest after it."""
    cues = ctx.cues.get((lo, hi))
    if cues is None:  # several numbers share a clause: read its cues once
        # a cue inside a body's name is no cue ("وزارة الاستثمار والصناعة والتجارة")
        names = [(s, e) for s, e, i in ctx.mentions if lo <= s < hi and ctx.doc.entities[i].type == "organization"]
        cues = ctx.cues[(lo, hi)] = [
            (m.start(), m.end(), metric)
            for metric, pattern in lexicon().metric_cues for m in pattern.finditer(ctx.text, lo, hi)
            if not any(s <= m.start() < e for s, e in names)
        ]
    best_before: tuple[int, str] | None = None
    best_after: tuple[int, str] | None = None
    for start, end, metric in cues:
        if end <= pos:
            if best_before is None or end > best_before[0]:
                best_before = (end, metric)
        elif start >= pos:
            if best_after is None or start < best_after[0]:
                best_after = (start, metric)
    if best_before:
        value_word = next((s for s, e, m in cues if e == best_before[0]), None)
        if value_word is not None and VALUE_OF.fullmatch(ctx.text, value_word, best_before[0]):
            # "صادرات صينية ... بقيمة 24.8 مليار": the value of the thing named before
            named = [(e, m) for s, e, m in cues if e <= value_word and m != "project_value"]
            if named:
                return max(named)[1]
        return best_before[1]
    return best_after[1] if best_after else None


VALUE_OF = re.compile(r"(?:[وف])?(?:ب)?(?:قيمه|قيمتها|قيمته|قيمتهما)")


@dataclass
class _Context:
    doc: Doc
    text: str  # normalized
    clauses: list[tuple[int, int]]  # normalized offsets
    sentences: list[tuple[int, int]]
    dates: list[tuple[int, int, DateMention]]
    mentions: list[tuple[int, int, str]]  # normalized offsets, entity id
    cues: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)  # metric cues by segment


def _segment_bounds(segments: list[Segment], convert) -> list[tuple[int, int]]:
    return [(convert(s.start), convert(s.end)) for s in segments]


def _within(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect_right(bounds, pos, key=lambda b: b[0]) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return bounds[i]
    return (pos, pos)


COMPARISON = re.compile(
    r"(?<!\w)(?:[وف])?(?:مقارنه|مقابل|قياسا|بالمقارنه|عن(?=\s+(?:نفس|ال)?(?:فتره|عام|سنه|مستوي|نفس))"
    # "بارتفاع 3.6٪ على العام السابق"
    r"|علي(?=\s+(?:نفس\s+)?(?:الفتره|العام|السنه)\s+(?:السابق|الماضي|المنصرم|نفس|ذات))"
    # "بزيادة 21.4 في المئة على عام 2021"
    r"|علي(?=\s+(?:عام|سنه)\s+\d{4})"
    # "ضعفي مستواه في عام 2014", "عما كان عليه في 2019": the level of another time
    r"|مستوا(?:ه|ها|هما)|مستويات(?:ه|ها)|(?:ع)?ما\s+كان(?:ت)?\s+علي(?:ه|ها))(?!\w)")


BACKGROUND = re.compile(r"\s*(?:[وف])?كان(?:ت|وا|تا|ا)?\s+(?:\S+\s+){0,8}?قد(?!\w)")

RELATIVE_CLAUSE = re.compile(r"\s*[\"«(]?\s*(?:و)?(?:الذي|التي|اللذين|اللتين|اللذان|اللتان|الذين|اللواتي|اللاتي)(?!\w)")

# A clause after the number's that opens a predicate of its own ("، فيما
# تجاوزت ... منذ عام 2005", "، وفي يونيو الماضي انطلقت", "، بعد أن وقعت"):
# its date is its own.
NEW_PREDICATE = re.compile(r"\s*(?:فيما|بينما|في\s+حين|بعد\s+ان|قبل\s+ان|حيث|علي\s+ان|كما|و(?!\w)|و(?=\w))")
# A size told as an attribute of a thing: "بقدرة (إجمالية) (تبلغ)", "بطول", "يمتد لنحو"
ATTRIBUTIVE_SIZE = re.compile(r"(?<!\w)(?:ب(?:قدره|طاقه|طول)|يمتد|تمتد|بمساحه)(?:\s+\w+){0,3}\s+$")


def _attributive_size(text: str, clause: tuple[int, int], num: "_Number") -> bool:
    return ATTRIBUTIVE_SIZE.search(text, max(clause[0], num.start - 40), num.start) is not None

# the price of a thing ("الذي تقدر كلفته بنحو 17 مليار دولار", "باستثمارات
# تقدر بنحو 500 مليون دولار"): a property of the project, not of a period,
# though a date of its signing or launch stands beside it
COST = re.compile(r"(?<!\w)(?:[وف]?[بل]?(?:ال)?ت?كلف(?:ه|ته|تها|تهم|تهما)|[وف]?باستثمار(?:ات)?)(?!\w)")

# a rate a year after the quantity ("5.5 مليار متر مكعب سنويا"): the terms of
# a supply deal or a line's throughput, dated only by its own clause
PER_YEAR = re.compile(r"\A(?:\s+\S+){0,3}?\s+(?:سنويا|في\s+السنه|كل\s+(?:عام|سنه))(?!\w)")

NOW = re.compile(r"(?<!\w)(?:حاليا|في\s+الوقت\s+(?:الحالي|الراهن)|حتي\s+الان|الان|"
                 r"[وف]?(?:لا|ما)\s+(?:يزال|تزال|زال|زالت|يزالون))(?!\w)")  # "لا يزال نحو 200 ألف مهاجر يعملون"

# a present state: "يعمل في كازاخستان أكثر من 4 آلاف شركة"
OPERATING = re.compile(r"(?<!\w)[وف]?(?:يعمل|تعمل|ينشط|تنشط|يوجد|توجد|يتواجد|تتواجد)(?!\w)")
# the same, told by a verb that also reports on a year ("تستحوذ الصين على 60% منها
# في 2024"): as of publication only when the sentence gives no date
PRESENT_STATE = re.compile(r"(?<!\w)[وف]?(?:يدرس|تدرس|يسير|تسير|يشارك|تشارك|يستحوذ|تستحوذ|يمثل|تمثل|يعيش|تعيش|يقيم|تقيم|يومن|تومن|"
                           r"يزور|تزور)(?!\w)")
STATIC_METRICS = ("capacity", "count_other")


# "أظهرت إحصاءات نشرتها اللجنة يوم الثلاثاء أن ... بلغ ... في عام 2024": the
# day a report came out, told beside its verb, is not the period it reports on
REPORTED = re.compile(r"(?<!\w)[وف]?(?:اظهرت|اظهر|نشرت|نشر|نشرها|نشرتها|اعلنت|اعلن|قالت|قال|ذكرت|ذكر|افادت|افاد|"
                      r"اصدرت|اصدر|كشفت|كشف|اوردت|اورد)(?!\w)(?:\s+[^\s،,.]+){0,7}\s+\Z")


def _report_day(text: str, t: tuple[int, int, DateMention], lo: int) -> bool:
    s, _, d = t
    return d.kind == "relative" and bool(d.value) and len(d.value) == 10 and \
        REPORTED.search(text, max(lo, s - 90), s) is not None


def _scaled(value: float, scale: float) -> float:
    """value × scale without binary noise: 8.3 × 10⁹ is 8300000000, not
    8300000000.000001 (a decimal as written has at most a dozen digits)."""
    return float(f"{value * scale:.12g}")


def _period(ctx: _Context, num: _Number, clause, sentence, kind: str, metric: str,
            told_before: str | None = None) -> tuple[str | None, str | None]:
    """The value and kind of the date governing the number: in its clause,
    else its sentence, else the sentences before it that this one continues.
    A date after "مقارنة ب"/"مقابل" is a baseline, not the period, unless
    the number itself stands in that comparison."""
    text = ctx.text

    def usable(s: int, e: int, d: DateMention) -> bool:
        if d.value is None or (d.kind == "deadline" and kind not in ("target", "forecast") and not _past(ctx, d.value)):
            return False
        clause_lo, clause_hi = _within(ctx.clauses, s)
        if not clause_lo <= num.start < clause_hi and RELATIVE_CLAUSE.match(text, clause_lo):
            return False  # "محطة بقدرة 100 ميغاواط، التي دخلت الخدمة عام 2021": the station's date
        marker = None
        for m in COMPARISON.finditer(text, clause_lo, e):  # "عن" looks ahead at the date
            if m.start() < s:
                marker = m
        if marker is None:
            return True
        # A baseline ("مقابل 89 مليارا في العام السابق") dates only the
        # number standing in the comparison itself, in the same clause.
        return marker.end() <= num.start < clause_hi and clause_lo <= num.start

    def pick(lo: int, hi: int, later_clauses: bool = True) -> DateMention | None:
        inside = [(s, e, d) for s, e, d in ctx.dates if lo <= s and e <= hi and usable(s, e, d)
                  and (later_clauses or s < clause[1] or not NEW_PREDICATE.match(text, _within(ctx.clauses, s)[0]))
                  # "قرض بقيمة 50 مليون دولار، ليرتفع إجمالي ما قدمه منذ 2015 إلى ...": that clause's span to now
                  and not (s >= clause[1] and _key(d.text).startswith("منذ"))]
        if not inside:
            return None
        if kind == "target":
            deadlines = [t for t in inside if t[2].kind == "deadline"]
            inside = deadlines or inside
        inside.sort(key=lambda t: (_report_day(text, t, lo), 0 if t[1] <= num.start else 1,
                                   abs((t[0] + t[1]) / 2 - num.start)))
        return inside[0][2]

    if kind == "target":
        # A target's period is the date it is set for: its deadline or a
        # date in its own clause, never a past year told beside it.
        d = pick(*clause) or next((dm for s, e, dm in ctx.dates if sentence[0] <= s and e <= sentence[1]
                                   and dm.kind == "deadline" and dm.value), None)
        return _period_of(d)
    if kind in ("actual", "forecast") and COST.search(text, max(clause[0], num.start - 60), num.start):
        return None, None
    d = pick(*clause)
    if d is None and ctx.doc.published and (NOW.search(text, *clause) or (
            kind == "actual" and OPERATING.search(text, clause[0], num.start))):
        return ctx.doc.published[:7], "relative"  # "تعمل حاليا", "تنشط في البلاد 2800 شركة": as of publication
    if kind in ("actual", "forecast") and d is None and PER_YEAR.match(text[num.end:min(clause[1], num.end + 50)]):
        return None, None
    if metric == "capacity" or num.unit == "km":
        # "محطة رياح بقدرة 1000 ميغاواط", "خط بطول 272 كيلومترا": the size of a
        # thing, not of a period; a capacity is dated only by its own clause
        if _attributive_size(text, clause, num):
            return None, None
        return _period_of(d)
    if d is None and kind == "actual" and ctx.doc.published and PRESENT_STATE.search(text, clause[0], num.start) \
            and ((earlier := pick(sentence[0], clause[0])) is None or not _past(ctx, earlier.value)):
        # "ويدرس نحو 3 آلاف طالب", "تسير 12 رحلة أسبوعيا": as of publication,
        # whatever time a later clause tells ("، احتفلا بذكراها قبل عامين")
        return ctx.doc.published[:7], "relative"
    d = d or pick(*sentence, later_clauses=False)
    if metric in STATIC_METRICS and kind not in ("growth_rate", "target"):
        if d is None:
            return None, None  # a capacity or a count stands without a period unless its sentence gives one
        if d.kind == "relative" and d.value and re.fullmatch(r"\d{4}-\d\d-\d\d", d.value):
            # "يضم اليوم 150 دولة", "قمة الخميس ... عشر دول": a state around
            # that time, held as of its month like "حاليا"; a day the text
            # spells out ("في 24 يناير") stays a day.
            return d.value[:7], d.kind
    if d is None and told_before is not None:
        return told_before, None  # "بحسب البيانات ذاتها": the period of those data
    if d is None:
        for lo, hi in _earlier_sentences(ctx, sentence):
            if BACKGROUND.match(text, lo):
                break  # "وكان الرئيس قد بحث ... في يناير الماضي": a backstory's date frames nothing after it
            earlier = [dm for s, e, dm in ctx.dates if lo <= s and e <= hi and usable(s, e, dm)]
            if earlier:
                d = earlier[-1]
                break
    return _period_of(d)


def _period_of(d: DateMention | None) -> tuple[str | None, str | None]:
    """A date mention as a figure's period: a week told is held as its month."""
    return (week_month(d) or d.value, d.kind) if d else (None, None)


BACKGROUND_SINCE = re.compile(r"(?<!\w)منذ(?!\w)")


FISCAL = re.compile(r"(?<!\w)(?:السنه|العام)\s+المالي(?:ه)?(?!\w)")


def _fiscal_period(ctx: _Context, lx: _Lexicon, sentence: tuple[int, int], period: str | None) -> str | None:
    """"في السنة المالية 2023-2024" in a sentence naming a country whose fiscal
    year starts in July: July 2023 to June 2024. The first such country the
    sentence names decides; else the years stand as told."""
    m = re.fullmatch(r"(\d{4})/(\d{4})", period or "")
    if not m or int(m[2]) != int(m[1]) + 1 or not FISCAL.search(ctx.text, *sentence):
        return period
    found = []
    for start, words in lx.fiscal_years:
        hit = words.search(ctx.text, *sentence)
        if hit:
            found.append((hit.start(), start))
    if not found:
        return period
    month = min(found)[1]
    return f"{m[1]}-{month:02d}/{m[2]}-{month - 1:02d}"


def _earlier_sentences(ctx: _Context, sentence: tuple[int, int], limit: int = 2):
    """The sentences before this one that it continues, nearest first: each
    step back needs the later sentence to open with a continuation ("و",
    "كما", "في حين"). A subheading between paragraphs ("الشركاء الكبار")
    is passed over: a round-up goes on under it."""
    text = ctx.text
    i = next((k for k, b in enumerate(ctx.sentences) if b == sentence), None)
    if i is None:
        return
    later = ctx.sentences[i]
    k = i - 1
    while k >= 0 and limit > 0:
        if _is_subheading(text, ctx.sentences[k]):
            k -= 1
            continue
        # Only a sentence that opens as a continuation reads its period from the one before.
        if not re.match(r"\s*(?:و|ف|كما\s|في حين|بينما\s)", text[later[0]:later[0] + 8]):
            return
        if BACKGROUND_SINCE.search(text, *ctx.sentences[k]) and "\n" in text[ctx.sentences[k][1]:later[0]]:
            return  # "علما بأن ... علاقات منذ عام 1992" closes its paragraph; the next one is not its period
        yield ctx.sentences[k]
        later = ctx.sentences[k]
        k -= 1
        limit -= 1


def _is_subheading(text: str, sentence: tuple[int, int]) -> bool:
    """A short line of its own, with no digits and no closing stop."""
    lo, hi = sentence
    line = text[lo:hi]
    return (lo == 0 or text[lo - 1] == "\n") and (hi == len(text) or text[hi:hi + 1] == "\n") and \
        len(line.split()) <= 6 and not any(ch.isdigit() for ch in line) and not line.rstrip().endswith((".", "؟", "!", ":"))


def _multiple_of(ctx: _Context, num: _Number, clause: tuple[int, int], period: str) -> str:
    """A multiple of a level of another year ("أكثر من ضعفي مستواه في عام
    2014") spans from that year to the figure's: "2014/2024"."""
    for s, e, d in ctx.dates:
        if num.end <= s and e <= clause[1] and d.value and re.fullmatch(r"\d{4}", d.value) \
                and COMPARISON.search(ctx.text, num.end, s) and d.value < period[:4]:
            return f"{d.value}/{period[:4]}"
    return period


def _qualifier(lx: _Lexicon, text: str, clause_start: int, num: _Number) -> str:
    before = text[max(clause_start, num.start - 30):num.start]
    if NOT_OVER.search(before):
        return "up_to"  # "لم تتجاوز 3.3 مليار": at most that
    for name, pattern in lx.qualifiers:
        if pattern.search(before):
            return name
    after = text[num.end:num.end + 12]
    if re.match(r"\s*\(?\s*تقريبا", after):
        return "about"
    if lx.over_verbs.search(text, clause_start, num.start):
        return "over"
    return "exact"


def _attribution(ctx: _Context, lx: _Lexicon, sentence: tuple[int, int], clause: tuple[int, int],
                 num: _Number) -> str | None:
    """The source a figure is credited to: a body the gazetteer knows, else
    "<country> official statistics" for a country's statistics, else the
    Arabic phrase naming statistics; None when the sentence credits nobody."""
    source = _credited(ctx, lx, sentence, clause, num)
    if source and _unknown_body(ctx, source):
        # "تقدرها اللجنة الوطنية للإحصاء": a body named without its country
        # is the one of that name in the country the figure is about
        name = next(e.name_ar for e in ctx.doc.entities.values() if e.name_en == source)
        return _body_of_subject(ctx, lx, name, clause, sentence) or source
    return source


def _credited(ctx: _Context, lx: _Lexicon, sentence: tuple[int, int], clause: tuple[int, int],
              num: _Number) -> str | None:
    text = ctx.text
    # "قدرته الجمارك الصينية بـ...": a reporting verb in the clause with a body
    # after it, or before it ("مكتب الإحصاء الألماني يقدر التبادل بنحو ...")
    for m in lx.attribution_verbs.finditer(text, *clause):
        body = _body_beside(ctx, m, ("organization",), before_from=clause[0])
        if body:
            return body
    # "قال مسؤولون في ميناء خورغوس إن ...": officials speak for their body
    for m in OFFICIALS_OF.finditer(text, sentence[0], num.start):
        body = _body_beside(ctx, m, ("organization", "facility"))
        if body:
            return body
    cues = list(lx.attribution.finditer(text, *sentence))
    before = [m for m in cues if m.start() < num.start]
    best = before[-1] if before else (cues[0] if cues else None)
    if best is not None:
        phrase_end = min([i for i in (text.find(stop, best.end(), sentence[1]) for stop in "،,.\n؛") if i != -1]
                         + [sentence[1], best.end() + 90])
        if best.start() < num.start < phrase_end:
            phrase_end = num.start
        found = _source_in(ctx, lx, best, best.end(), phrase_end)
        if found and found.isascii() and not _unknown_body(ctx, found):
            return found
        ministry = _ministry_of_country(ctx, lx, best.end(), phrase_end, clause, sentence) or \
            _body_told_before(ctx, best.end(), phrase_end)
        if ministry or found:
            return ministry or found
    ministry = _ministry_of_speaker(ctx, sentence, num)
    if ministry:
        return ministry
    # "أعلنت وزارة السياحة ...، اليوم، أن 92 ألف ...": the body whose
    # statement the number stands in, named as the reporting verb's subject.
    for m in lx.attribution_verbs.finditer(text, sentence[0], num.start):
        body = _body_beside(ctx, m, ("organization",)) or _body_told_before(ctx, m.end(), m.end() + 3, at_start=True)
        if body:
            return body
    return None


# A body named again by its head noun alone, maybe with its country's
# nisba: "وذكرت الوكالة", "حسب بيانات اللجنة", "وفق اللجنة القرغيزية"
BODY_AGAIN = re.compile(r"\s*(?:(?:بيانات|ارقام|احصاءات|تقديرات)\s+)?(?:ال|لل|ل)(?P<head>وزاره|وكاله|لجنه|جنه|هيئه|مكتب|"
                        r"مصلحه|دائره|اداره|جمارك|مركز|مؤسسه|بنك)(?!\w)(?:\s+(?P<nisba>\w+))?")


def _body_told_before(ctx: _Context, lo: int, hi: int, at_start: bool = False) -> str | None:
    """The body a bare head noun at `lo` refers back to: the last
    organization named before with that head noun (of the nisba's country,
    when one follows)."""
    m = BODY_AGAIN.match(ctx.text, lo)
    if m is None or m.start("head") > hi + 30 or (at_start and m.start("head") > hi + 12):
        return None
    if any(s <= m.start("head") < e for s, e, _ in ctx.mentions):
        return None  # a name the gazetteer knows, read as such
    head = "لجنه" if m.group("head") == "جنه" else m.group("head")
    gaz = gz.load()
    country = gaz.adjective_of.get(m.group("nisba") or "")
    for s, e, entity_id in reversed(ctx.mentions):
        if e > lo:
            continue
        entity = ctx.doc.entities[entity_id]
        words = ctx.text[s:e].split()
        if entity.type != "organization" or not words or words[0].removeprefix("ال") != head:
            continue
        entry = gaz.entries.get(entity_id)
        if country and (entry is None or entry.country != country):
            continue
        return entity.name_en
    return None


def _body_beside(ctx: _Context, m: re.Match, types: tuple[str, ...], before_from: int | None = None) -> str | None:
    """The body named right after a reporting word, or, with `before_from`,
    right before it and from that offset on ("الجمارك الصينية قدرت")."""
    for s, e, entity_id in ctx.mentions:
        if (m.end() <= s <= m.end() + 2 or before_from is not None and e <= m.start() <= e + 3 and s >= before_from) \
                and ctx.doc.entities[entity_id].type in types:
            return ctx.doc.entities[entity_id].name_en
    return None


COMPLEMENT_ONLY = re.compile(r"[\s،,]*(?:بنسبه|بمعدل|بقيمه|بما\s+نسبته|بما\s+قيمته)\s*")


def _before_insert(ctx: _Context, start: int, sentence_start: int) -> int:
    """A position in the clause before the short inserts that precede the
    clause at `start` (", ومعظمها أدوية ومعدات،"), within the sentence."""
    lo, hi = _within(ctx.clauses, max(sentence_start, start - 2))
    while lo > sentence_start and len(ctx.text[lo:hi].split()) <= _INSERT_WORDS:
        lo, hi = _within(ctx.clauses, max(sentence_start, lo - 2))
    return lo


_INSERT_WORDS = 5
ESTIMATED_NOW = re.compile(r"(?<!\w)[وف]?(?:يقدر|تقدر)(?!\w)")  # not "تقديرات سابقة": an estimate told now
ESTIMATE = re.compile(r"(?<!\w)[وف]?(?:تقديرات|يقدر|تقدر|يقدره|يقدرها|تقدره|تقدرها)(?!\w)")
OFFICIALS_OF = re.compile(r"(?<!\w)[وف]?(?:ال)?(?:مسوولون|مسوولو|مسوولين|مسوولي)(?:\s+في)?\s+")
MINISTRY = re.compile(r"\s*(?P<name>وزاره\s+(?:ال\w+)(?:\s+و(?:ال\w+))*)")


def _unknown_body(ctx: _Context, name: str) -> bool:
    """A body the model found and no gazetteer knows (a `marsad:` entity)."""
    known = gz.load().entries
    return any(e.name_en == name and eid not in known for eid, e in ctx.doc.entities.items())


def _ministry_of_country(ctx: _Context, lx: _Lexicon, lo: int, hi: int, clause, sentence) -> str | None:
    """"بحسب وزارة الطاقة": a ministry named without its country is that of
    the country the figure is about, when the gazetteer knows such a ministry."""
    m = MINISTRY.match(ctx.text, lo, hi)
    return _body_of_subject(ctx, lx, m.group("name"), clause, sentence) if m else None


def _body_of_subject(ctx: _Context, lx: _Lexicon, name: str, clause, sentence) -> str | None:
    """The body the gazetteer knows as `name` in the country the figure is
    about ("X في <country>"); of a figure about two countries that both have
    such a body, neither."""
    gaz = gz.load()
    found = set()
    for country in _subject(ctx, lx, clause, sentence):
        entry = gaz.entries.get(country)
        if entry is None or entry.type != "country":
            continue
        found |= {e.en for e in gaz.lookup(f"{name} في {entry.ar}") if e.type == "organization"}
    return found.pop() if len(found) == 1 else None


MINISTER = re.compile(r"(?<!\w)(?:[وف])?(?:ال)?وزير(?:ه)?\s+((?:[^\s،,.]+\s+){0,5})")


def _ministry_of_speaker(ctx: _Context, sentence: tuple[int, int], num: _Number) -> str | None:
    """"قال وزير التجارة والتكامل الكازاخستاني ... إن حجم الاستثمارات ...":
    a minister's figures are his ministry's, when the gazetteer knows it."""
    text = ctx.text
    gaz = gz.load()
    for m in MINISTER.finditer(text, sentence[0], num.start):
        if not re.search(r"(?<!\w)ان(?!\w)", text[m.end(1):num.start]):
            continue
        words = m.group(1).split()
        for k in range(len(words), 0, -1):
            name = "وزاره " + " ".join(words[:k])
            for form in (name, name + "ه" if name.endswith("ي") else None):
                if form is None:
                    continue
                hits = [e for e in gaz.lookup(form) if e.type == "organization"]
                if len(hits) == 1:
                    return hits[0].en
    return None


SAME = re.compile(r"(?<!\w)(?:ذاتها|ذاته|نفسها|نفسه|عينها|عينه)(?!\w)")


def _same_source(ctx: _Context, lx: _Lexicon, sentence: tuple[int, int]) -> tuple[bool, str | None]:
    """Whether the sentence credits the source told before ("وبحسب البيانات
    الصينية ذاتها", "وفقا للمصدر نفسه"), and the country its adjective names."""
    text = ctx.text
    for cue in lx.attribution.finditer(text, *sentence):
        stops = [i for i in (text.find(c, cue.end(), sentence[1]) for c in "،,.\n؛") if i != -1]
        end = min(stops + [sentence[1], cue.end() + 60])
        same = SAME.search(text, cue.end(), end)
        if same is None:
            continue
        gaz = gz.load()
        for word in text[cue.start():same.start()].split():
            country = gaz.adjective_of.get(word) or gaz.adjective_of.get(re.sub(r"^(?:[وفبل])", "", word))
            if country and gaz.entries[country].type == "country":
                return True, country
        return True, None
    return False, None


def _source_country(ctx: _Context, name: str) -> str | None:
    """The country of a source named in a figure ("General Administration of
    Customs" -> China, "Kazakhstan official statistics" -> Kazakhstan)."""
    gaz = gz.load()
    for entity_id, entity in ctx.doc.entities.items():
        if entity.name_en == name:
            entry = gaz.entries.get(entity_id)
            if entity.type == "country":
                return entity_id
            return entry.country if entry is not None else None
    if name.endswith(" official statistics"):
        country = name.removesuffix(" official statistics")
        for entity_id, entity in ctx.doc.entities.items():
            if entity.type == "country" and entity.name_en == country:
                return entity_id
        for entry_id, entry in gaz.entries.items():
            if entry.type == "country" and entry.en == country:
                return entry_id
    return None


def _told_before(ctx: _Context, figures: list[dict[str, Any]], country: str | None) -> dict[str, Any] | None:
    """The last figure credited to a source (of `country` when given): what
    "the same data" refer to."""
    for figure in reversed(figures):
        source = figure["attributed_to"]
        if source and (country is None or _source_country(ctx, source) == country):
            return figure
    return None


BODY_WORD = re.compile(
    r"(?<!\w)[وفبل]?(?:ال|لل)?(?:وزاره|هييه|مكتب|وكاله|لجنه|مصلحه|دايره|اداره|معهد|مركز|بنك|مصرف|صندوق|شركه|امانه|"
    r"جمارك|مجلس|منظمه|اتحاد|رابطه|غرفه|حكومه|سلطات|مفوضيه)(?!\w)")


def _source_in(ctx: _Context, lx: _Lexicon, cue: re.Match, lo: int, hi: int) -> str | None:
    # A body, else what a body is named after ("للرابطة الدولية لطريق النقل
    # العابر لبحر قزوين": the route's association).
    for kinds in (("organization",), ("initiative",)):
        for s, e, entity_id in ctx.mentions:
            if lo <= s and e <= hi + 1 and ctx.doc.entities[entity_id].type in kinds:
                return ctx.doc.entities[entity_id].name_en
    text = ctx.text
    phrase = text[lo + 1 if text[lo:lo + 1] == " " else lo:hi]
    if phrase.startswith("لل"):  # "للبيانات": ل + البيانات
        phrase = "ا" + phrase[1:]
    generic = lx.generic_sources.fullmatch(cue.group(1)) or lx.generic_sources.match(phrase)
    if not generic:
        return None
    # "إحصاءات الحكومة الكازاخستانية" -> Kazakhstan official statistics,
    # "تقديرات دولية" -> international estimates
    noun = "estimates" if re.search(r"تقديرات", text[cue.start():hi]) else "statistics"
    gaz = gz.load()
    for word in text[lo:hi].split():
        country_id = gaz.adjective_of.get(word) or gaz.adjective_of.get(re.sub(r"^(?:[وفبل])", "", word))
        if country_id and gaz.entries[country_id].type == "country":
            return f"{gaz.entries[country_id].en} official {noun}"
    for s, e, entity_id in ctx.mentions:
        if lo <= s and e <= hi + 1 and ctx.doc.entities[entity_id].type == "country":
            return f"{ctx.doc.entities[entity_id].name_en} official {noun}"
    if re.search(r"(?<!\w)(?:ال)?دولي(?:ه)?(?!\w)", text[lo:hi]):
        return f"international {noun}"
    if re.search(r"(?<!\w)(?:ال)?رسمي(?:ه)?(?!\w)", text[lo:hi]):
        return f"official {noun}"
    os_, oe = ctx.doc.norm.span(cue.start(1), hi)
    words = ctx.doc.text[os_:oe].strip(" ،,:").split()
    # The phrase as written, unless cut short (half a name is no source) or
    # naming no body ("الأرقام", "لغة البيانات إلى لغة المشاريع").
    if not BODY_WORD.search(text, lo, hi):
        return None
    return " ".join(words) if 0 < len(words) <= 6 else None


def _paragraph(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos)


def _principal_parties(doc: Doc) -> list[str]:
    # names inside a summit's name do not make a country a principal party
    told = {e.id: [m for m in e.mentions if m.how != "inside"] for e in doc.entities.values() if e.type == "country"}
    return sorted((eid for eid, ms in told.items() if ms), key=lambda eid: (-len(told[eid]), told[eid][0].start))[:2]


def _subject(ctx: _Context, lx: _Lexicon, clause: tuple[int, int], sentence: tuple[int, int]) -> list[str]:
    kinds = ("country", "region")
    ids: list[str] = []
    for s, e, i in ctx.mentions:
        if clause[0] <= s and e <= clause[1] and ctx.doc.entities[i].type in kinds and i not in ids:
            ids.append(i)
    if ids:
        return ids
    clause_text = ctx.text[clause[0]:clause[1]]
    sentence_text = ctx.text[sentence[0]:sentence[1]]
    if lx.bilateral.search(clause_text + " " + sentence_text):
        return _principal_parties(ctx.doc)
    for s, e, i in ctx.mentions:
        if sentence[0] <= s and e <= sentence[1] and ctx.doc.entities[i].type in kinds and i not in ids:
            ids.append(i)
    return ids


# A table flattened into text: a caption line ("الجدول (1): أكبر خمسة شركاء
# تجاريين لقازاقستان في 2024"), perhaps a source line ("المصدر: ...") and a
# unit line ("القيمة بالمليار دولار"), then rows "الصين: 30.5 (+2.1%)." Its
# caption dates and measures the rows, its source line credits them, its unit
# line gives a bare row value its unit.
TABLE_CAPTION = re.compile(r"^[^\S\n]*(?:ال)?جدول(?:[^\S\n]*\(?[^\S\n]*\d+[^\S\n]*\)?)?[^\S\n]*[:\-–]", re.M)
TABLE_SOURCE = re.compile(r"[^\S\n]*(?:ال)?مصدر[^\S\n]*:(?P<src>[^\n.؛]*)")
TABLE_NOTE = re.compile(r"[^\S\n]*(?:القيم(?:ه)?|الارقام|المبالغ|الوحده|الاحجام)(?!\w)|.*بين\s+قوسين")
TABLE_SCALE = re.compile(r"(?<!\w)ب(?:ال)?(?P<scale>مليار|مليون|الف|تريليون|ترليون)\s+(?P<unit>\w+)")
TABLE_PIECE = re.compile(r"(?:[^.؛]|(?<=\d)\.(?=\d))+")  # a decimal point ends no row
TABLE_ROW = re.compile(r"[^\S\n]*(?P<label>[^:\n.؛]{2,60}?)[^\S\n]*:[^\S\n]*(?P<value>[+\-]?\d+(?:\.\d+)?)?")


@dataclass
class _Table:
    start: int  # normalized offsets: the caption line to the last row line
    end: int
    caption: tuple[int, int]
    period: str | None
    source: str | None
    metric: str | None
    unit: str | None  # a bare row value's unit and scale, from the unit line
    scale: float
    rows: list[tuple[int, int, int, int]]  # label start, label end, bare value start, end (-1 when none)


def _tables(ctx: _Context, lx: _Lexicon) -> list[_Table]:
    text = ctx.text
    tables: list[_Table] = []
    for cap in TABLE_CAPTION.finditer(text):
        cap_end = text.find("\n", cap.end())
        cap_end = len(text) if cap_end == -1 else cap_end
        source = unit = None
        scale = 1.0
        rows: list[tuple[int, int, int, int]] = []
        end = cap_end
        notes = [(cap.end(), cap_end)]
        pos = cap_end + 1
        while pos < len(text):
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end == -1 else line_end
            line = text[pos:line_end]
            if not line.strip():
                break
            src = TABLE_SOURCE.match(line)
            if src:
                lo, hi = pos + src.start("src"), pos + src.end("src")
                source = next((ctx.doc.entities[i].name_en for s, e, i in ctx.mentions
                               if lo <= s and e <= hi and ctx.doc.entities[i].type in ("organization", "initiative")), None)
                if source is None and BODY_WORD.search(text, lo, hi) and len(text[lo:hi].split()) <= 6:
                    os_, oe = ctx.doc.norm.span(lo, hi)
                    source = ctx.doc.text[os_:oe].strip()
                notes.append((pos, line_end))  # "المصدر: ... . القيمة بالمليار دولار"
            elif TABLE_NOTE.match(line):
                notes.append((pos, line_end))
            else:
                # a row line: every piece "label: value ..." (a sentence of prose is no row)
                pieces = [(pos + m.start(), m) for m in TABLE_PIECE.finditer(line) if m.group().strip()]
                found = []
                for at, piece in pieces:
                    row = TABLE_ROW.match(piece.group())
                    if row is None:
                        break
                    found.append((at + row.start("label"), at + row.end("label"),
                                  at + row.start("value") if row.group("value") else -1,
                                  at + row.end("value") if row.group("value") else -1))
                if not found or len(found) < len(pieces):
                    break
                rows.extend(found)
            end = line_end
            pos = line_end + 1
        if not rows:
            continue
        for lo, hi in notes:
            m = TABLE_SCALE.search(text, lo, hi)
            if m and m.group("unit") in lx.unit_of:
                unit, scale = lx.unit_of[m.group("unit")], lx.scale_of.get(m.group("scale"), 1.0)
                break
        dates = [d for s, e, d in ctx.dates if cap.start() <= s and e <= cap_end and d.value]
        metric = _nearest_cue(ctx, cap.end(), cap_end, cap_end) or next(
            (m for m, cue in lx.table_metric_cues if cue.search(text, cap.end(), cap_end)), None)
        tables.append(_Table(cap.start(), end, (cap.end(), cap_end), dates[0].value if dates else None,
                             source, metric, unit, scale, rows))
    return tables


def _table_numbers(text: str, tables: list[_Table], numbers: list[_Number]) -> list[_Number]:
    """The bare values of table rows whose unit line gives their unit."""
    taken = [(n.start, n.end) for n in numbers]
    extra = []
    for table in tables:
        if table.unit is None:
            continue
        for _, _, vs, ve in table.rows:
            if vs < 0 or any(s < ve and vs < e for s, e in taken):
                continue
            value = round(_to_float(text[vs:ve].lstrip("+")) * table.scale, 6)
            extra.append(_Number(vs, ve, value, table.unit, signed=text[vs] in "+-", bare=True))
    return extra


def _table_subject(ctx: _Context, table: _Table, row: tuple[int, int, int, int]) -> list[str]:
    """The countries and regions a row's label names, with its caption's."""
    ids: list[str] = []
    for lo, hi in ((row[0], row[1]), table.caption):
        for s, e, i in ctx.mentions:
            if lo <= s and e <= hi and ctx.doc.entities[i].type in ("country", "region") and i not in ids:
                ids.append(i)
    return ids


def _table_at(tables: list[_Table], pos: int) -> _Table | None:
    return next((t for t in tables if t.caption[1] < pos <= t.end), None)


def extract_figures(doc: Doc) -> list[dict[str, Any]]:
    lx = lexicon()
    norm = doc.norm
    text = norm.text
    convert = norm.to_normalized
    dates = [(convert(d.start), convert(d.end), d) for d in doc.dates]
    ctx = _Context(
        doc=doc, text=text,
        clauses=_segment_bounds(doc.clauses, convert),
        sentences=_segment_bounds(doc.sentences, convert),
        dates=dates,
        mentions=sorted((convert(m.start), convert(m.end), eid)
                        for eid, ent in doc.entities.items() for m in ent.mentions),
    )
    numbers = find_numbers(text, [(s, e) for s, e, _ in dates])
    tables = _tables(ctx, lx) if "جدول" in text else []
    if tables:
        numbers = sorted(numbers + _table_numbers(text, tables, numbers), key=lambda n: n.start)
    figures: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    previous_num: _Number | None = None
    last_in_sentence: dict[tuple[int, int], dict[str, Any]] = {}
    same_source: dict[tuple[int, int], dict[str, Any] | None] = {}  # sentence -> the figure whose source it repeats
    previous_paragraph = -1
    for num in numbers:
        clause = _within(ctx.clauses, num.start)
        sentence = _within(ctx.sentences, num.start)
        if clause == (num.start, num.start):
            clause = sentence
        if COMPLEMENT_ONLY.fullmatch(text, clause[0], num.start) and clause[0] > sentence[0]:
            # "ارتفعت الصادرات، ومعظمها أدوية، بنسبة 9%": the clause the insert broke off
            clause = (_before_insert(ctx, clause[0], sentence[0]), clause[1])
        if num.unit == "trips":  # "17 ألف رحلة" of freight trains, or of something else
            num.unit = "trains" if re.search(r"قطار", text[sentence[0]:sentence[1]]) else "other"
        # A change in parentheses right after a figure qualifies that figure.
        follows_previous = (
            previous is not None and previous_num is not None and num.unit == "percent"
            and (num.parenthesized or num.signed) and 0 <= num.start - previous_num.end <= 6
        )
        earlier = last_in_sentence.get(sentence)
        table = _table_at(tables, num.start) if tables else None
        row = max((r for r in table.rows if r[0] <= num.start), default=None) if table else None
        if row is not None and num.bare:  # a bare value: the table's measure
            metric = _nearest_cue(ctx, row[0], row[1], row[1]) or table.metric or lx.unit_metric.get(num.unit) or (
                "project_value" if num.unit in lx.currencies else "count_other")
            kind = "actual"
            clause = (row[0], num.end)
        else:
            metric, kind = _metric_and_kind(lx, ctx, num, clause, sentence,
                                            previous if follows_previous else None, earlier)
        value = num.value
        if kind == "growth_rate" and value > 0 and not num.signed:
            window = text[max(clause[0], num.start - 40):num.start]
            if lx.decline.search(window):
                value = -value
        if sentence not in same_source:
            same, country = _same_source(ctx, lx, sentence)
            same_source[sentence] = _told_before(ctx, figures, country) if same else None
        antecedent = same_source[sentence]
        if follows_previous:
            period, attributed, subject = previous["period"], previous["attributed_to"], list(previous["subject"])
        else:
            period, date_kind = _period(ctx, num, clause, sentence, kind, metric,
                                        antecedent["period"] if antecedent else None)
            if date_kind == "deadline" and kind == "actual" and not _past(ctx, period or ""):
                kind = "target"
            if kind == "forecast" and ctx.doc.published and (period is None or period[:7] < ctx.doc.published[:7]) and \
                    ESTIMATE.search(text, clause[0], num.start) and not lx.forecast_governors.search(text, clause[0], num.start):
                # "يقدر التبادل العام الماضي بنحو ...": an estimate of the past;
                # "يُقدَّر عدد الفرنسيين من أصل أرمني بنحو 600 ألف": of now
                kind = "actual"
                if period is None and ESTIMATED_NOW.search(text, clause[0], num.start):
                    period = ctx.doc.published[:7]
            if kind == "growth_rate" and earlier is not None and period is None:
                period = earlier["period"]
            if (period is None and kind == "actual" and previous is not None and previous["metric"] == metric
                    and previous["kind"] == "actual" and previous_paragraph == _paragraph(text, num.start)):
                period = previous["period"]  # a ranking runs on ("وحلت تركيا رابعة بـ3.2 مليار"): same measure, same year
            if kind == "growth_rate" and num.unit == "other" and period:
                period = _multiple_of(ctx, num, clause, period)
            period = _fiscal_period(ctx, lx, sentence, period)
            if kind == "target":
                attributed = None  # a goal someone sets, not a statistic a source reports
            else:
                attributed = _attribution(ctx, lx, sentence, clause, num) if antecedent is None else (
                    # a clause of that sentence crediting a source of its own
                    # ("... حسب المصدر نفسه، تلتها ... بحسب الوكالة") is not the same data
                    (not SAME.search(text, *clause) and _attribution(ctx, lx, clause, clause, num))
                    or antecedent["attributed_to"])
            if (attributed is None and previous is not None and kind not in ("target", "forecast")
                    and metric != "capacity"  # a capacity is a property, not a statistic a body counts
                    and previous_paragraph == _paragraph(text, num.start)
                    and not lx.attribution.search(text, *sentence)):  # the sentence credits its own source
                attributed = previous["attributed_to"]  # credits run on within a paragraph
            subject = _subject(ctx, lx, clause, sentence)
            if table is not None:
                period = period or table.period
                attributed = attributed or table.source
                if row is not None:
                    subject = _table_subject(ctx, table, row) or subject
        vs, ve = norm.span(num.start, num.end)
        es, ee = norm.span(*clause)
        figure = {
            "metric": metric,
            "value": int(value) if float(value).is_integer() and abs(value) >= 1 else value,
            "unit": "other" if num.unit == "kWh" else num.unit,
            "value_text": doc.text[vs:ve],
            "period": period,
            "kind": kind,
            "qualifier": _qualifier(lx, text, clause[0], num),
            "subject": subject,
            "attributed_to": attributed,
            "evidence": {"start": es, "end": ee, "text": doc.text[es:ee]},
        }
        if num.value_max is not None:
            vm = num.value_max
            figure["value_max"] = int(vm) if float(vm).is_integer() and abs(vm) >= 1 else vm
        figures.append(figure)
        previous, previous_num = figure, num
        previous_paragraph = _paragraph(text, num.start)
        if num.unit != "percent":
            last_in_sentence[sentence] = figure
    return figures


# "بنسبة 4.1%", "بأكثر من 340 بالمائة", "بنحو 5%": the change the clause's verb tells
GROWTH_BY = re.compile(r"(?<!\w)(?:بنسبه\s+(?:\S+\s+)?|ب(?:اكثر\s+من|اقل\s+من|نحو|حوالي|قرابه|ما\s+يزيد\s+علي|ما\s+يقارب|ما\s+يناهز)\s+)$")
MONEY_METRICS = ("trade_volume", "exports", "imports", "investment", "sales", "project_value")


def _metric_cue(lx: _Lexicon, ctx: _Context, num: _Number, clause, sentence) -> str | None:
    cue = _nearest_cue(ctx, clause[0], clause[1], num.start) or \
        _nearest_cue(ctx, sentence[0], sentence[1], num.start)
    if cue is None:
        for lo, hi in _earlier_sentences(ctx, sentence, limit=1):
            cue = _nearest_cue(ctx, lo, hi, hi)
    return cue


def _metric_and_kind(lx: _Lexicon, ctx: _Context, num: _Number, clause, sentence,
                     qualified: dict | None, before_in_sentence: dict | None) -> tuple[str, str]:
    """`qualified`: the figure a parenthesized change follows; `before_in_sentence`:
    the last figure earlier in the sentence, which a bare growth rate qualifies."""
    text = ctx.text
    before = text[clause[0]:num.start]
    if qualified is not None:
        base = qualified["metric"]
        return lx.growth_metric.get(base, base), "growth_rate"
    cue = _metric_cue(lx, ctx, num, clause, sentence)
    metric = lx.unit_metric.get(num.unit) or cue or "count_other"
    if num.unit in lx.currencies and metric not in MONEY_METRICS:
        metric = "project_value"
    growth_window = text[max(clause[0], num.start - 40):num.start]
    if GROWTH_BY.search(growth_window):  # "ارتفعت الصادرات ... إلى الصين بنسبة 4.1%": the clause's verb
        growth_window = text[clause[0]:num.start]
    is_growth = num.unit == "percent" and (
        lx.growth.search(growth_window) or lx.decline.search(growth_window) or num.signed)
    is_multiplier = num.unit == "other" and re.search(r"ضعف|اضعاف", text[num.start:num.end + 8]) is not None
    if is_growth or is_multiplier:
        clause_cue = _nearest_cue(ctx, clause[0], clause[1], num.start)
        base = clause_cue or (before_in_sentence["metric"] if before_in_sentence else None) or cue or "count_other"
        if base == "project_value" and clause_cue is None:
            base = "count_other"
        clause_text = text[clause[0]:clause[1]]
        if is_growth and re.search(r"بحلول", clause_text) and (lx.target.search(before) or _ahead_deadline(ctx, clause)):
            return lx.growth_metric.get(base, base), "target"  # "تستهدف رفع الواردات بنسبة 30% بحلول 2030"
        return lx.growth_metric.get(base, base), "growth_rate"
    if num.unit == "percent":
        metric = "count_other"  # a share, not an amount
    if lx.forecast.search(before) or _governs(lx.forecast_governors, text, sentence[0], num.start):
        return metric, "forecast"
    clause_text = text[clause[0]:clause[1]]
    if RESULT_OF.search(before):
        return metric, "actual"  # "ما رفع العجز إلى 11 مليار دولار": what it raised it to, not a goal
    if _attributive_size(text, clause, num):
        return metric, "actual"  # "بعد مد سكة بطول 150 كيلومترا": the size of a thing, even in a plan
    if lx.target.search(before) or (re.search(r"بحلول", clause_text) and lx.target.search(text, *sentence)):
        return metric, "target"
    if _ahead_deadline(ctx, clause):
        return metric, "target"  # "... 40 في المائة من الكهرباء بحلول عام 2030"
    if re.search(r"تراكمي", clause_text):
        return metric, "cumulative"
    if lx.cumulative.search(clause_text) and re.search(r"منذ|بين عامي|من عام", clause_text):
        return metric, "cumulative"
    return metric, "actual"


def _past(ctx: _Context, value: str) -> bool:
    """Whether a year lies before the year of publication ("بحلول نهاية 2020"
    in a text of 2024 dates what had happened by then)."""
    return bool(ctx.doc.published) and value[:4] < ctx.doc.published[:4]


THAT = re.compile(r"(?<!\w)ان(?!\w)")
NOT_OVER = re.compile(r"(?<!\w)[وف]?(?:لم|لا|لن)\s+(?:[يت]تجاوز|[يت]تخطي|[يت]زد|[يت]زيد|[يت]فق|[يت]فوق)\w*(?:\s+[^\s،,.]+){0,3}\s*\Z")
RESULT_OF = re.compile(r"(?<!\w)(?:ما|مما)\s+(?:رفع|رفعت|زاد|زادت|اوصل|اوصلت)(?!\w)")


def _governs(cue: Phrases, text: str, lo: int, pos: int) -> bool:
    """Whether a cue earlier in the sentence governs the "أن" clause the
    number stands in ("ومن المتوقع، بحسب ...، أن يتجاوز ... 100 مليار")."""
    for m in cue.finditer(text, lo, pos):
        that = None
        for that in THAT.finditer(text, m.end(), pos):
            pass
        # the number inside that clause, not in one joined after it ("، فيما بلغت ...")
        if that is not None and not re.search(r"[.؛\n،,]", text[that.start():pos]):
            return True
    return False


def _ahead_deadline(ctx: _Context, clause: tuple[int, int]) -> bool:
    """A "بحلول <year>" in the clause, not before the year of publication:
    the figure is a target (a past "بحلول نهاية 2020" dates an actual one)."""
    published = ctx.doc.published[:4] if ctx.doc.published else None
    for s, e, d in ctx.dates:
        if clause[0] <= s and e <= clause[1] and d.kind == "deadline" and d.value \
                and ctx.text.startswith("بحلول", s) and (published is None or d.value[:4] >= published):
            return True
    return False


@component("figures")
def figure_stage():
    lexicon()

    def figures(doc: Doc) -> None:
        doc.figures = extract_figures(doc)

    return figures
