"""Date expressions: find them, resolve them to ISO partial dates.

Spans are found with patterns over the normalized text, built from the
vocabulary in data/lexicon/dates.yaml (month names of the Egyptian/Gulf,
Levantine and Maghrebi calendars, weekdays, relative words). Values are
computed from the matched parts with `datetime` arithmetic: explicit parts
as written, relative ones ("العام الماضي", "يوم الأربعاء", "أمس") against
the document's publication date, and null when that date is unknown.

Two stages live here: "dateline" reads the opening dateline and credits
("أستانا 3 يوليو 2024 (شينخوا)", "المصدر: ...") into `document.published`
and `document.source` when the input gave none; "dates" fills `doc.dates`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from marsad import gazetteer as gz
from marsad.doc import DateMention, Doc
from marsad.pipeline import component
from marsad.text import alternation as _alt
from marsad.text import match_key as _key

YEAR = r"(?:19|20)\d\d"
_YEAR_ANCHOR = "<year>"


@dataclass
class _Vocab:
    month_of: dict[str, int]
    weekday_of: dict[str, int]
    number_of: dict[str, int]
    direction_of: dict[str, int]
    relative_days: dict[str, int]
    unit_of: dict[str, str]
    ordinal_day_of: dict[str, int]
    season_of: dict[str, int]  # season word without ال -> its first month
    ago_unit_of: dict[str, str]  # "عامين" -> year
    future: re.Pattern
    patterns: list[tuple[str, re.Pattern, int]]  # name, pattern, lead
    anchor: re.Pattern  # any anchor word of any pattern
    patterns_of: dict[str, list[int]]  # anchor word -> ranks of its patterns
    not_year_before: frozenset[str]


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    lex = gz.lexicon("dates")
    num = gz.lexicon("numbers")
    month_of = {_key(w): int(m) for m, ws in lex["months"].items() for w in ws}
    weak = {_key(w) for w in lex["weak_months"]}
    strong = [w for w in month_of if w not in weak]
    weekday_of = {_key(w)[2:]: int(d) for d, ws in lex["weekdays"].items() for w in ws}  # without ال
    number_of = {_key(w): int(v) for w, v in num["units"].items()}
    direction_of = {_key(w): int(d) for d, ws in lex["period_directions"].items() for w in ws}
    unit_of = {_key(w): u for u, ws in lex["period_units"].items() for w in ws}
    relative_days = {_key(w): int(v) for w, v in lex["relative_days"].items()}
    ordinal_day_of = {_key(w): int(v) for w, v in lex["ordinal_days"].items()}
    season_of = {_key(w)[2:]: int(m) for m, ws in lex["seasons"].items() for w in ws}  # without ال
    ago_unit_of = {_key(w): u for u, ws in lex["ago_units"].items() for w in ws}

    MON = "(?:شهر\\s+)?" + _alt(month_of)
    MON_STRONG = "(?:شهر\\s+)?" + _alt(strong)
    # "سبتمبر/أيلول", "سبتمبر (أيلول)", and as Reuters writes them, "يونيو حزيران"
    MONS = rf"{MON}(?:\s*(?:/|\(|-)\s*{MON}\s*\)?|\s+{MON})?"
    N = rf"(?:\d{{1,2}}|{_alt(number_of)})"
    DIR = _alt(direction_of)
    BOUND = _alt(lex["boundaries"])
    OTHER_YEAR = r"(?:الماليه|المالي|الايراني|الهجري|الفارسي|الشمسي|الدراسي|الزراعي)(?!\w)"
    WD = "ال" + _alt(weekday_of)
    YKW = r"(?:(?:ال)?عام|(?:ال)?سن[هة]|عامي|سنتي)"
    YREF = rf"(?:{YEAR}|(?:العام|السنه)\s+{DIR}|هذا\s+العام|هذه\s+السنه)"
    Y_OPT_KW = rf"(?:{YKW}\s+)?"
    TO = r"(?:الي|حتي|و|-|–)"
    ORD = _alt(ordinal_day_of)

    def named(body: str, *names: str) -> str:
        # The k-th "⟦" opens the group named by the k-th name.
        parts = body.split("⟦")
        assert len(parts) == len(names) + 1, (body, names)
        return parts[0] + "".join(f"(?P<{n}>" + rest for n, rest in zip(names, parts[1:]))

    patterns = [
        ("range_months", named(
            rf"(?:(?:في|خلال)\s+الفتره\s+)?(?:من|بين)\s+(?:{BOUND}\s+)?⟦\d{{1,2}}\s+)?⟦{MONS})"
            rf"(?:\s+{Y_OPT_KW}⟦{YREF}))?\s*{TO}\s*(?:{BOUND}\s+)?⟦\d{{1,2}}\s+)?⟦{MONS})"
            rf"(?:\s*(?:من\s+)?{Y_OPT_KW}⟦{YREF}))?", "da", "ma", "ya", "db", "mb", "yb")),
        # "في الفترة من 23 إلى 25 يناير 2024", "يومي 3 و4 يوليو", "بين 8 و10 أيار"
        ("range_days", named(
            rf"(?:(?:(?:(?:في|خلال)\s+الفتره\s+)?(?:من|بين)|يومي|ايام)\s+)?⟦\d{{1,2}}|{ORD})\s*{TO}\s*⟦\d{{1,2}}|{ORD})\s+(?:من\s+)?⟦{MONS})"
            rf"(?:\s*[،,]?\s*(?:من\s+)?{Y_OPT_KW}⟦{YREF}))?", "da", "db", "m", "y")),
        ("range_years", named(
            # "2023/2024" too, as fiscal and school years are written
            rf"(?:(?:(?:في|خلال)\s+الفتره\s+)?(?:من|بين)\s+{Y_OPT_KW})?⟦{YEAR})\s*(?:{TO}|/)\s*{Y_OPT_KW}⟦{YEAR})",
            "ya", "yb")),
        ("since_to_month", named(
            rf"(?:منذ|من)\s+(?:مطلع|بدايه|اول)\s+⟦{YREF})\s+و?(?:حتي|الي)\s+(?:{BOUND}\s+)?⟦{MON})",
            "ya", "mb")),
        # "منذ 2015", and "منذ إطلاقه عام 2015", "منذ إقامة العلاقات بين البلدين سنة 1992": from the event's year
        ("since", named(rf"منذ\s+(?:(?:{BOUND}\s+)?{Y_OPT_KW}|(?:(?!{YKW}\s)[^\s\d،,.؛:()«»\"]+\s+){{1,5}}(?:في\s+)?{YKW}\s+)"
                        rf"⟦{YEAR})(?!\s*{TO}\s*{YEAR})", "ya")),
        # "منذ مطلع العام (الجاري)": from January of the year of publication to now
        ("since_year_start", named(rf"منذ\s+(?:مطلع|بدايه|اول|مستهل)\s+(?:العام|السنه)(?:\s+⟦{DIR}))?(?!\s+\d{{4}})", "dir")),
        ("months_of_year", named(
            rf"(?:(?:خلال|في)\s+)?(?:ال)?(?:⟦{N})\s+(?:ال)?(?:اشهر|شهور)|(?:اشهر|شهور)\s+(?:ال)?⟦{N})"
            rf"|⟦شهرين)(?=\s+(?:ال)?(?:اولين|اوليين)))"
            rf"(?:\s+(?:ال)?(?:اولي|اولين|اوليين))?(?:\s+(?!\d)\w+){{0,2}}?\s+(?:من\s+)?(?:{Y_OPT_KW}⟦{YREF})|(?<=من\s)⟦العام|السنه)(?!\s+(?:\d{{4}}|{OTHER_YEAR})))",
            "n", "n2", "dual", "y", "y0")),  # "السنة المالية", "العام الإيراني": not the calendar's year
        ("quarter", named(rf"الربع\s+⟦\w+)\s+(?:من\s+)?{Y_OPT_KW}⟦{YREF})", "q", "y")),
        ("half", named(rf"النصف\s+⟦الاول|الثاني)\s+(?:من\s+)?{Y_OPT_KW}⟦{YREF})", "h", "y")),
        ("last_years", named(
            rf"(?:خلال|في|علي\s+مدي|علي\s+مدار)\s+(?:ال)?(?:(?:سنوات|اعوام)\s+(?:ال)?⟦{N})|⟦{N})\s+(?:سنوات|اعوام|عاما|سنه))"
            rf"\s+(?:ال)?(?:ماضيه|اخيره)", "n", "n2")),
        ("last_decade", r"(?:خلال\s+)?العقد\s+(?:الماضي|الاخير)"),
        ("deadline", named(rf"(?:بحلول|حتي|قبل)\s+(?:(?:نهايه|عام|العام|سنه)\s+)*⟦{YEAR})", "y")),
        # "قبل عامين": not "قبل يومين من القمة", which counts from another event
        ("ago", rf"قبل\s+{_span_regex(number_of, ago_unit_of)}(?!\s+(?:من|علي)(?!\w))"),
        # "في نهاية عام 2022": its December, as a count held at the year's end is dated
        ("year_end", named(rf"(?:نهايه|اواخر|ختام)\s+(?:{YKW}\s+)?⟦{YEAR})", "y")),
        ("day", named(
            rf"(?:(?:يوم\s+)?⟦{WD})\s*[،,]?\s*)?(?:⟦\d{{1,2}})\s+(?:من\s+)?|⟦{_alt(ordinal_day_of)})\s+من\s+)⟦{MONS})"
            rf"(?:\s*[،,]?\s*(?:من\s+)?{Y_OPT_KW}⟦{YREF})|\s+⟦{DIR}))?", "wd", "d", "dw", "m", "y", "dir")),
        # "26/11/2024", "26-11-2024", "26 - 11 - 2024" (as KUNA's datelines), "2024-11-26": day first
        # but for the ISO form, whose year opens it
        ("numeric_day", named(rf"⟦\d{{1,2}})\s*(?P<sep>[/.\-])\s*⟦\d{{1,2}})\s*(?P=sep)\s*⟦{YEAR})"
                              rf"|⟦{YEAR})(?P<sep2>[-/])⟦\d{{1,2}})(?P=sep2)⟦\d{{1,2}})", "d", "m", "y", "y2", "m2", "d2")),
        ("month_year", named(rf"(?:{BOUND}\s+)?⟦{MONS})\s*[،,]?\s*(?:من\s+)?{Y_OPT_KW}⟦{YREF})", "m", "y")),
        ("month_relative", named(rf"(?:{BOUND}\s+)?⟦{MONS})\s+⟦{DIR})", "m", "dir")),
        ("month_bare", named(rf"(?:(?<=في\s)|(?<=منذ\s)|(?<=حتي\s))⟦{MON_STRONG})|(?:{BOUND})\s+⟦{MON_STRONG})", "m", "m2")),
        ("year", named(rf"(?:{YKW}\s+)?⟦{YEAR})(?:\s*م)?", "y")),
        ("weekday", named(
            rf"(?:⟦اول\s+امس|امس\s+الاول|امس|اليوم|غدا)\s+)?(?:يومي?\s+)?⟦{WD})(?:\s+و\s*(?:يوم\s+)?⟦{WD}))?(?:\s+⟦{DIR}))?",
            "rel", "wd", "wd2", "dir")),
        ("relative_day", named(rf"⟦{_alt(relative_days)})", "rd")),
        ("relative_period", named(
            rf"(?:{BOUND}\s+)?(?:⟦(?:ال)(?:اسبوع|شهر|عام|سنه))\s+⟦{DIR})|هذا\s+⟦(?:ال)(?:اسبوع|شهر|عام))|هذه\s+⟦السنه))"
            # "قبل نهاية العام", "مطلع العام": a bound of the year told is this year's
            rf"|(?:نهايه|اواخر|مطلع|بدايه|اوايل|منتصف)\s+⟦(?:ال)(?:عام|سنه))(?!\s+(?:\d|{DIR}|الذي|التي))",
            "unit", "dir", "unit2", "unit3", "unit4")),
        ("season", named(rf"(?:ال)?⟦{_alt(season_of)})\s+⟦{DIR})", "season", "dir")),
        # "منذ ذلك الحين": from the year last named to now
        ("since_then", r"منذ\s+ذلك\s+(?:الحين|التاريخ|الوقت)"),
        ("anaphoric", named(
            r"(?:نفس\s+⟦الفتره|العام|السنه|الشهر|اليوم)|⟦الفتره|العام|السنه|الشهر|اليوم|الاشهر\s+\w+)\s+(?:ذاتها|ذاته|نفسها|نفسه))"
            # "الفترة ذاتها من العام الماضي": that period, a year earlier
            r"(?:\s+⟦من\s+(?:العام|السنه)\s+(?:الماضي|الماضيه|السابق|السابقه|المنصرم|الفائت)))?",
            "ref", "ref2", "back")),
    ]
    # Every match of a pattern contains one of its anchor words, at most
    # `lead` words after the match's first word (proclitics are glued to
    # their word). One scan finds every anchor of every pattern; each
    # pattern is then tried only at the few word starts before its anchors,
    # instead of at every position of the text. The leads count the words a
    # pattern allows before its anchor: "في الفتره من بدايه 3 شهر يونيو" has 6.
    months = list(month_of)
    anchors = {
        "range_months": (months, 6), "range_days": (months, 6), "day": (months, 5), "month_year": (months, 2),
        "month_relative": (months, 2), "month_bare": (months, 2),
        "range_years": ([_YEAR_ANCHOR], 4), "year": ([_YEAR_ANCHOR], 1), "numeric_day": ([_YEAR_ANCHOR], 2),
        "since_to_month": (["مطلع", "بدايه", "اول"], 1),
        "since": (["منذ"], 0), "since_year_start": (["منذ"], 0),
        "months_of_year": (["اشهر", "شهور", "شهرين"], 2),
        "quarter": (["الربع"], 0),
        "half": (["النصف"], 0),
        "last_years": (["سنوات", "اعوام", "عاما", "سنه"], 3),
        "last_decade": (["العقد"], 1),
        "deadline": (["بحلول", "حتي", "قبل"], 0),
        "ago": (["قبل"], 0),
        "year_end": (["نهايه", "اواخر", "ختام"], 0),
        "weekday": (list(weekday_of), 2),
        "relative_day": (list(relative_days), 1),
        "relative_period": (["اسبوع", "شهر", "عام", "سنه"], 2),
        "anaphoric": (["الفتره", "العام", "السنه", "الشهر", "الاشهر", "اليوم"], 1),
        "since_then": (["منذ"], 0),
        "season": (["ال" + w for w in season_of] + list(season_of), 0),
    }
    compiled = []
    patterns_of: dict[str, list[int]] = {}  # anchor word -> ranks of the patterns it anchors
    for rank, (name, body) in enumerate(patterns):
        words, lead = anchors[name]
        # "2025م": the year's era letter may be glued on
        compiled.append((name, re.compile(rf"(?<!\w)(?:[وفبل]|وب|فب|ول|فل)?(?P<all>{body})(?:(?<=\d)م)?(?!\w)"), lead))
        for w in words:
            patterns_of.setdefault(w if w == _YEAR_ANCHOR else _key(w), []).append(rank)
    anchor = re.compile(rf"(?P<year>{YEAR})|" + _alt(w for w in patterns_of if w != _YEAR_ANCHOR))
    return _Vocab(
        month_of=month_of, weekday_of=weekday_of, number_of=number_of, direction_of=direction_of,
        relative_days=relative_days, unit_of=unit_of, ordinal_day_of=ordinal_day_of, season_of=season_of,
        ago_unit_of=ago_unit_of,
        future=re.compile(rf"(?<!\w)[وف]?{_alt(lex['future_markers'])}(?!\w)"),  # "ومن المقرر"
        patterns=compiled,
        anchor=anchor,
        patterns_of=patterns_of,
        not_year_before=gz.normalized_set(
            # a currency's first word is enough: "2025 دينار كويتي"
            list(num["scales"]) + [w for ws in gz.lexicon("figures")["units"].values() for w in ws]
            + [w.split()[0] for ws in gz.lexicon("figures")["currencies"].values() for w in ws]),
    )


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class _Found:
    start: int  # normalized offsets
    end: int
    value: str | None
    kind: str
    # "بعد تشغيل رافعات جديدة في الربيع الماضي": a season is a loose time
    # of the story, no antecedent of a statistic's "الفترة ذاتها"
    antecedent: bool = True


def _month(v: _Vocab, text: str | None) -> int | None:
    if not text:
        return None
    text = re.sub(r"^شهر\s+", "", text)
    words = re.split(r"\s*[/(\-]\s*", text)[0].split()
    # the first of two names told side by side ("اكتوبر تشرين الاول")
    return next((v.month_of[" ".join(words[:k])] for k in range(len(words), 0, -1)
                 if " ".join(words[:k]) in v.month_of), None)


def _number(v: _Vocab, text: str | None) -> int | None:
    if not text:
        return None
    text = " ".join(text.split())
    if text.isdigit():
        return int(text)
    return v.number_of.get(text)


def _direction(v: _Vocab, text: str) -> int:
    return v.direction_of.get(text.split()[-1], 0)


def _year(v: _Vocab, text: str | None, pub: date | None) -> int | None:
    """A year as written ("2022") or relative ("العام الماضي", "هذا العام")."""
    if not text:
        return None
    m = re.search(YEAR, text)
    if m:
        return int(m.group())
    if pub is None:
        return None
    if text.startswith("هذ"):
        return pub.year
    return pub.year + _direction(v, text)


def _ym(year: int | None, month: int | None) -> str | None:
    if year is None or month is None:
        return None
    return f"{year:04d}-{month:02d}"


def _day(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _interval(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return None
    return f"{a}/{b}"


def _weekday_date(pub: date, weekday: int, ahead: bool) -> date:
    """The weekday nearest the publication date, in the direction the text
    implies: the publication day itself when it falls on that weekday."""
    if pub.weekday() == weekday:
        return pub
    if ahead:
        return pub + timedelta(days=(weekday - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


def _week(pub: date, offset: int) -> str:
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _add_months(d: date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def _month_year(pub: date, month: int, direction: int) -> int:
    """The year of "نوفمبر الماضي" (direction -1), "المقبل" (+1) or "الجاري" (0)."""
    if direction < 0:
        return pub.year if month < pub.month else pub.year - 1
    if direction > 0:
        return pub.year if month > pub.month else pub.year + 1
    return pub.year


def _resolve(v: _Vocab, name: str, g: dict, text: str, start: int, end: int,
             pub: date | None, future_context) -> tuple[str | None, str] | None:
    """(value, kind) for one match, or None when the match is not a date."""
    if name == "range_months":
        ma, mb = _month(v, g["ma"]), _month(v, g["mb"])
        if g["yb"]:
            yb = _year(v, g["yb"], pub)
        elif g["ya"]:
            yb = _year(v, g["ya"], pub)
        elif pub is not None and mb is not None:
            # "من يناير حتى يوليو" with no year: the last such span up to
            # publication, or the coming one when the sentence looks ahead
            yb = pub.year - 1 if mb > pub.month and not future_context(start) else pub.year
        else:
            return None, "relative"
        ya = _year(v, g["ya"], pub) if g["ya"] else (yb if (ma or 0) <= (mb or 0) else (yb - 1 if yb else None))
        if g["da"] and g["db"]:
            return _interval(_day(ya, ma, int(g["da"])), _day(yb, mb, int(g["db"]))), "range"
        return _interval(_ym(ya, ma), _ym(yb, mb)), "range"
    if name == "range_days":
        da, db = (int(x) if x.isdigit() else v.ordinal_day_of[" ".join(x.split())] for x in (g["da"], g["db"]))
        if da >= db or (not g["db"].isdigit() and db in (20, 30) and da < 10):
            return None  # "3-1 مايو" is no span of days, "الثاني والعشرين" one day
        y = _year(v, g["y"], pub) if g["y"] else (pub.year if pub else None)
        m = _month(v, g["m"])
        value = _interval(_day(y, m, da), _day(y, m, db))
        if y is not None and value is None:
            return None
        return value, ("range" if g["y"] and g["y"].isdigit() else "relative")
    if name == "range_years":
        a, b = int(g["ya"]), int(g["yb"])
        if b <= a or b - a > 60:
            return None
        return f"{a}/{b}", "range"
    if name == "since_to_month":
        y = _year(v, g["ya"], pub)
        return _interval(_ym(y, 1), _ym(y, _month(v, g["mb"]))), "range"
    if name == "since":
        return (f"{g['ya']}/{pub.year}" if pub else f"{g['ya']}/.."), "range"
    if name == "since_year_start":
        if pub is None:
            return None, "range"
        return _interval(_ym(pub.year + (_direction(v, g["dir"]) if g["dir"] else 0), 1), _ym(pub.year, pub.month)), "range"
    if name == "months_of_year":
        n = 2 if g["dual"] else _number(v, g["n"] or g["n2"])
        # "من العام": this year, the last one when its months have not all passed
        y = _year(v, g["y"], pub) if g["y"] else (pub.year - (n >= pub.month) if pub and n else None)
        if not n or n > 12:
            return None
        return _interval(_ym(y, 1), _ym(y, n)), "range"
    if name == "quarter":
        q = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4}.get(g["q"])
        if q is None:
            return None
        y = _year(v, g["y"], pub)
        return _interval(_ym(y, 3 * q - 2), _ym(y, 3 * q)), "range"
    if name == "half":
        h = 1 if g["h"] == "الاول" else 2
        y = _year(v, g["y"], pub)
        return _interval(_ym(y, 6 * h - 5), _ym(y, 6 * h)), "range"
    if name in ("last_years", "last_decade"):
        n = 10 if name == "last_decade" else _number(v, g["n"] or g["n2"])
        if not n or pub is None:
            return (None, "relative") if n else None
        return f"{pub.year - n}/{pub.year}", "relative"
    if name == "deadline":
        return g["y"], "deadline"
    if name == "year_end":
        return f"{g['y']}-12", "date"
    if name == "day":
        m = _month(v, g["m"])
        y = _year(v, g["y"], pub) if g["y"] else (pub.year if pub else None)
        if g["dir"] and pub is not None and m is not None:  # "10 نوفمبر الماضي"
            y = _month_year(pub, m, _direction(v, g["dir"]))
        d = int(g["d"]) if g["d"] else v.ordinal_day_of[" ".join(g["dw"].split())]
        if not g["y"] and not g["dir"] and pub is not None and m is not None and (m, d) > (pub.month, pub.day) \
                and m - pub.month >= 2 and not future_context(start):
            y = pub.year - 1  # "في 28 ديسمبر" told in October: the December past, not to come
        value = _day(y, m, d)
        if y is not None and value is None:
            return None  # "31 فبراير": not a date
        return value, ("date" if g["y"] and g["y"].isdigit() else "relative")
    if name == "numeric_day":
        y, m, d = (int(g["y"]), int(g["m"]), int(g["d"])) if g["y"] else (int(g["y2"]), int(g["m2"]), int(g["d2"]))
        value = _day(y, m, d)
        return (value, "date") if value else None  # "31/02/2024", "2024-13-01": no date
    if name == "month_year":
        # "يناير من العام الماضي": the month of a year told relative to the article's
        return _ym(_year(v, g["y"], pub), _month(v, g["m"])), ("date" if g["y"].isdigit() else "relative")
    if name == "month_relative":
        m = _month(v, g["m"])
        if pub is None or m is None:
            return None, "relative"
        return _ym(_month_year(pub, m, _direction(v, g["dir"])), m), "relative"
    if name == "month_bare":
        m = _month(v, g["m"] or g["m2"])
        if pub is None or m is None:
            return None, "relative"
        ahead = future_context(start)
        year = pub.year - 1 if (m > pub.month and not ahead) else pub.year + 1 if (m < pub.month and ahead) else pub.year
        return _ym(year, m), "relative"
    if name == "year":
        after = text[end:end + 16].split()
        # "2000 شركة" counts companies; "عام 2001 منظمة ..." is still a year
        if after and after[0] in v.not_year_before and not re.match(r"(?:ال)?(?:عام|سن)", text[start:end]) \
                and not re.search(r"(?<!\w)(?:[وف])?(?:في|منذ|خلال|حتي|قبل|بعد)\s+$", text[max(0, start - 8):start]):
            return None
        if start > 0 and text[start - 1] in ".,-" and start > 1 and text[start - 2].isdigit():
            return None
        if _IN_QUOTED_NAME.search(text, max(0, start - 40), start) and text[end:end + 2].lstrip().startswith("»"):
            return None  # «رؤية إيكو 2025», «إكسبو 2030»: the name of a plan or a fair
        return g["y"], "date"
    if name == "weekday":
        if pub is None:
            return None, "relative"
        wd = v.weekday_of[g["wd"][2:]]
        if g["rel"]:
            base = pub + timedelta(days=v.relative_days.get(" ".join(g["rel"].split()), 0))
            return base.isoformat(), "relative"
        if g["dir"]:
            ahead = _direction(v, g["dir"]) > 0
            d = _weekday_date(pub - timedelta(days=1) if not ahead else pub + timedelta(days=1), wd, ahead)
        else:
            d = _weekday_date(pub, wd, future_context(start))
        if g["wd2"]:
            d2 = d + timedelta(days=(v.weekday_of[g["wd2"][2:]] - wd) % 7)
            return f"{d.isoformat()}/{d2.isoformat()}", "relative"
        return d.isoformat(), "relative"
    if name == "relative_day":
        rd = " ".join(g["rd"].split())
        if rd == "اليوم":
            nxt = text[end:end + 14].split()
            if nxt and nxt[0].startswith("ال") and nxt[0] != "الي" and \
                    (nxt[0].endswith(("ي", "يه")) or nxt[0] in _DAY_QUALIFIERS):
                # "اليوم الوطني", "اليوم الأول": a day so qualified, not today
                # ("يلتقي اليوم الرئيس", "ينتقل اليوم إلى" are)
                return None
        if pub is None:
            return None, "relative"
        return (pub + timedelta(days=v.relative_days[rd])).isoformat(), "relative"
    if name == "relative_period":
        unit_word = (g["unit"] or g["unit2"] or g["unit3"] or g["unit4"])[2:]
        unit = v.unit_of.get("ال" + unit_word) or v.unit_of.get(_key("ال" + unit_word))
        offset = _direction(v, g["dir"]) if g["dir"] else 0
        if g["dir"] and _key(g["dir"]) in ("السابق", "السابقه"):
            return None, "anaphoric_previous"
        if pub is None:
            return None, "relative"
        if unit == "year":
            return str(pub.year + offset), "relative"
        if unit == "month":
            return _ym(*_add_months(pub, offset)), "relative"
        if unit == "week":
            return _week(pub, offset), "relative"
        return None
    if name == "ago":
        span = span_of(g["unit"], g["n"])
        if span is None:
            return None  # "قبل سنوات": some years ago
        if pub is None:
            return None, "relative"
        unit, n = span
        if unit == "week":
            return _week(pub, -n), "relative"
        return shift(pub.isoformat(), unit, -n), "relative"
    if name == "season":
        if pub is None:
            return None, "relative"
        first, direction = v.season_of[g["season"]], _direction(v, g["dir"])
        last = (first + 1) % 12 + 1  # the third month: winter ends in February
        if direction > 0:  # the next one to begin
            return str(pub.year if pub.month < first else pub.year + 1), "relative"
        if direction < 0:  # the last one to have ended
            ended_this_year = last < pub.month and (first <= last or pub.month <= first)
            return str(pub.year if ended_this_year and first <= last else pub.year - 1), "relative"
        return str(pub.year if first <= last or pub.month >= first else pub.year - 1), "relative"
    if name == "since_then":
        return None, "anaphoric_since"
    if name == "anaphoric":
        ref = g["ref"] or g["ref2"]
        what = {"العام": "year", "السنه": "year", "الشهر": "month", "اليوم": "day"}.get(ref, "period")
        return None, "anaphoric_" + what + ("_back" if g["back"] else "")
    return None


_VAGUE_PLURALS = frozenset({"ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات"})


def span_of(unit_word: str, number: str | None = None) -> tuple[str, int] | None:
    """The unit ("day", "week", "month" or "year") and count a span of time
    names: "عامين" (year, 2), "ثلاثة أشهر" (month, 3), "يوم" (day, 1); None
    for a plural without a number ("سنوات") or a word that is no unit."""
    v = vocab()
    word = " ".join(unit_word.split())
    unit = v.ago_unit_of.get(word)
    if unit is None:
        return None
    if number:
        n = int(number) if number.isdigit() else v.number_of.get(" ".join(number.split()))
    elif word.endswith("ين"):
        n = 2  # "عامين"
    elif word in _VAGUE_PLURALS:
        return None
    else:
        n = 1
    return (unit, n) if n else None


def shift(value: str, unit: str, n: int) -> str | None:
    """An ISO partial date moved by `n` units, at the precision the unit
    allows (a day needs a day to move from)."""
    if unit in ("day", "week"):
        if len(value) < 10:
            return None
        return (date.fromisoformat(value[:10]) + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if unit == "month":
        if len(value) < 7:
            return None
        return _ym(*_add_months(date(int(value[:4]), int(value[5:7]), 1), n))
    return str(int(value[:4]) + n)


def span_pattern() -> str:
    """A number (digits or words) and a unit of time, as news writes a span:
    the groups `n` and `unit`, for span_of."""
    v = vocab()
    return _span_regex(v.number_of, v.ago_unit_of)


def _span_regex(number_of, unit_of) -> str:
    return rf"(?:(?P<n>\d{{1,2}}|{_alt(number_of)})\s+)?(?P<unit>{_alt(unit_of)})"


_DAY_QUALIFIERS = frozenset({"الاول", "الاخير", "السابق", "المحدد", "المنتظر", "الموعود", "المفتوح", "الموالي",
                             "العالمي", "الدولي", "الوطني", "التالي", "الختامي", "الثاني", "الثالث"})


def _future_context(text: str, v: _Vocab):
    """Whether the sentence around a position speaks of what lies ahead."""

    def ahead(pos: int) -> bool:
        left = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
        right_dot = [i for i in (text.find(".", pos), text.find("\n", pos)) if i != -1]
        right = min(right_dot) if right_dot else len(text)
        return any(not SEQUENCE_BEFORE.search(text, max(left, m.start() - 10), m.start())
                   for m in v.future.finditer(text, left, right))

    return ahead


# "قبل أن يصل يوم الأربعاء", "بعد أن يزور": a present verb after these tells
# a sequence, in whatever time the sentence is told, not what lies ahead
# (for the date stage and for the events' status)
SEQUENCE_BEFORE = re.compile(r"(?<!\w)(?:قبل|بعد|منذ)\s+ان\s+\Z")


_WORD = re.compile(r"\w+")


def _anchor_hits(v: _Vocab, text: str) -> dict[int, list[int]]:
    """Pattern rank -> positions of its anchor words, overlapping ones too:
    in "الاول امس" the month's "الاول" must not hide the "امس" of "اول امس".
    At each position the scan gives the longest anchor word; the shorter
    ones there are its prefixes."""
    hits: dict[int, list[int]] = {}
    patterns_of = v.patterns_of
    pos = 0
    while (a := v.anchor.search(text, pos)) is not None:
        p = pos = a.start()
        pos += 1
        if a.lastgroup == "year":
            ranks = patterns_of[_YEAR_ANCHOR]
        else:
            word = a.group()
            ranks = []
            for k in range(1, len(word) + 1):
                ranks += patterns_of.get(word[:k] if " " not in word else " ".join(word[:k].split()), ())
        for rank in ranks:
            hits.setdefault(rank, []).append(p)
    return hits


def _scan(v: _Vocab, text: str):
    """(rank, pattern name, match) for every pattern, as `finditer` would give
    them, trying each pattern only at word starts near one of its anchors.
    A match begins at a word start: its pattern opens with (?<!\\w) and a
    word character."""
    hits_of = _anchor_hits(v, text)
    if not hits_of:
        return
    starts = [w.start() for w in _WORD.finditer(text)]
    for rank in sorted(hits_of):
        name, pattern, lead = v.patterns[rank]
        tries: set[int] = set()
        for pos in hits_of[rank]:
            k = bisect.bisect_right(starts, pos) - 1
            tries.update(starts[max(0, k - lead):k + 1])
        last_end = -1
        for s in sorted(tries):
            if s < last_end:
                continue
            m = pattern.match(text, s)
            if m:
                last_end = m.end()
                yield rank, name, m


_IN_QUOTED_NAME = re.compile(r"«[^«»\n\d]*[^\W\d]\s+$")  # guillemets open and close unambiguously


def find_dates(norm_text: str, published: date | None) -> list[_Found]:
    """Date expressions in normalized text, non-overlapping, in text order;
    the longest wins where two overlap."""
    v = vocab()
    ahead = _future_context(norm_text, v)
    candidates: list[tuple[int, int, int, str, dict]] = []
    for rank, name, m in _scan(v, norm_text):
        candidates.append((m.start("all"), m.end("all"), rank, name, m.groupdict()))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = bytearray(len(norm_text) + 1)
    found: list[_Found] = []
    for start, end, _, name, groups in candidates:
        if 1 in taken[start:end]:
            continue
        resolved = _resolve(v, name, groups, norm_text, start, end, published, ahead)
        if resolved is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        found.append(_Found(start, end, *resolved, antecedent=name != "season"))
    found.sort(key=lambda f: f.start)
    _resolve_anaphora(found, published, norm_text)
    return found


_BASELINE_BEFORE = re.compile(
    r"(?:(?<!\w)(?:[وف])?(?:مقارنه|بالمقارنه|قياسا|مقابل)(?:\s+(?:ب|مع))?|(?<!\w)(?:عن|علي))\s*$")


# "مقابل 11.8 مليار متر مكعب في 2023": the year of the value compared with
_BASELINE_VALUE_BEFORE = re.compile(r"(?<!\w)[وف]?(?:مقابل|مقارنه|بالمقارنه)\s+(?:ب|مع\s+)?\d[\d.,]*[^،,.\n]{0,40}?\s(?:في|عام|خلال)\s+$")


def _year_back(value: str) -> str:
    """The same span a year earlier: "2024-01/2024-02" -> "2023-01/2023-02"."""
    return re.sub(r"(?<![\d-])(\d{4})", lambda m: str(int(m.group(1)) - 1), value)


def _resolve_anaphora(found: list[_Found], published: date | None, text: str = "") -> None:
    """"الفترة ذاتها" takes the value of the date before it; "العام السابق"
    the year before the year last named. A date told as a comparison's
    baseline ("مقارنة بالفترة ذاتها من العام الماضي") is no antecedent:
    "خلال الفترة نفسها" after it is the period of the statement itself."""
    last: str | None = None
    # "اليوم نفسه" is the last day named, though a year may have been named
    # since ("بلغ في عام 2023 ... وفي اليوم نفسه"): the last date of each precision.
    last_of: dict[int, str] = {}
    for f in found:
        baseline = bool(text) and (_BASELINE_BEFORE.search(text, max(0, f.start - 16), f.start) is not None or
                                   _BASELINE_VALUE_BEFORE.search(text, max(0, f.start - 60), f.start) is not None)
        if f.kind.startswith("anaphoric_") and f.kind not in ("anaphoric_previous", "anaphoric_since"):
            kind = f.kind.removesuffix("_back")
            cut = {"anaphoric_year": 4, "anaphoric_month": 7, "anaphoric_day": 10}.get(kind)
            value = last
            if cut:
                value = last_of.get(cut)
                value = value[:cut] if value else None
            if value and f.kind.endswith("_back"):
                value = _year_back(value)
            f.value, f.kind = value, "relative"
            if baseline:
                continue
        elif f.kind == "anaphoric_since":
            year = last_of.get(4, "")[:4]
            f.value = f"{year}/{published.year}" if year and published and int(year) < published.year else None
            f.kind = "range"
            continue  # a span to now is no antecedent of what follows
        elif f.kind == "anaphoric_previous":
            year = int(last[:4]) if last and last[:4].isdigit() else (published.year if published else None)
            f.value, f.kind = (str(year - 1) if year else None), "relative"
        if f.value and f.kind != "deadline" and not baseline and f.antecedent:
            last = f.value
            first, _, final = last.partition("/")
            for cut in (4, 7, 10):  # a range counts where its ends agree ("2022-01/2022-05": 2022)
                if len(first) >= cut and (not final or final[:cut] == first[:cut]):
                    last_of[cut] = first
            # A month named since the day ("زيارة بدأت الثلاثاء ... في أيلول 2022
            # ... في اليوم نفسه") leaves "the same day" without its antecedent;
            # a bare year does not (it is most often a statistic's period).
            if len(first) == 7 and last_of.get(10, "")[:7] != first:
                last_of.pop(10, None)


def week_month(d: DateMention) -> str | None:
    """The month of a week told ("الأسبوع الماضي") when the week lies in
    one: the text does not say which of its days, and news tells such a
    time by its month."""
    first, _, last = (d.value or "").partition("/")
    if last and first[:7] == last[:7] and "اسبوع" in _key(d.text):
        return first[:7]
    return None


def extract_dates(doc: Doc) -> list[DateMention]:
    norm = doc.norm
    out = []
    for f in find_dates(norm.text, parse_published(doc.published)):
        start, end = norm.span(f.start, f.end)
        out.append(DateMention(start, end, doc.text[start:end], f.value, f.kind))
    return out


@component("dates")
def date_stage():
    vocab()

    def dates(doc: Doc) -> None:
        doc.dates = extract_dates(doc)

    return dates


# --- dateline and credits ----------------------------------------------------------

@lru_cache(maxsize=4096)
def _outlet_name(name: str) -> str | None:
    """The short name of a news outlet the gazetteer knows ("Xinhua", "AFP")."""
    hits = [e for e in gz.load().lookup(name) if e.type == "organization"]
    if not hits:
        return None
    entry = hits[0]
    latin = [n for n in entry.names if n.isascii() and len(n) <= 24 and " " not in n.strip()]
    return latin[0] if latin else entry.en


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    # the outlet in parentheses, or after a slash as wires write it: "/تاس/", "باكو/ الأناضول"
    parenthesis = re.compile(r"\((?P<src>[^()\n]{2,40})\)\s*[-–—:]?|/(?P<slashed>[^/\n\d|]{2,30}?)\s*(?=/|\n|\||$)")
    opening = re.compile(r"^\s*(?P<src>[^\n\d:()–-]{2,30}?)\s*[-–—]\s*(?:ترجمه|خاص|متابعه|كتب|تحرير|تقرير)")
    closing = re.compile(r"(?:^|\n)\s*المصدر\s*[:\-–—]\s*(?P<src>[^\n]{2,60}?)\s*$")
    return parenthesis, opening, closing


def read_dateline(doc: Doc) -> None:
    """Fill `published` and `source` from the text when the input lacks them.

    A dateline is a line opening with a place, optional parenthesized
    precisions and a date, then the outlet in parentheses:
    "شيآن (الصين)، 17 مايو 2023 (رويترز) -"."""
    norm = doc.norm.text
    parenthesis, opening, closing = _credit_patterns()
    head = norm[:1000]
    for m in parenthesis.finditer(head):
        line_start = head.rfind("\n", 0, m.start()) + 1
        prefix = head[line_start:m.start()].rstrip(" .")
        if len(prefix) > 90 or "." in prefix:
            continue
        outlet = _outlet_name(m.group("src") or m.group("slashed"))
        if outlet is None:
            # "دوشنبه 2 ديسمبر 2025 (د.ب.أ) -": a place, a day and a credit
            # closed by a dash is a dateline though the outlet is unknown
            days = _days(prefix) if m.group("src") and m.group(0).rstrip()[-1:] in "-–—" else []
            if not days or line_start > 0 and head[:line_start].strip() or \
                    not _is_place(re.sub(r"\([^()]*\)", " ", prefix[:days[-1].start])) or \
                    prefix[days[-1].end:].strip(" ،,"):
                continue
            if doc.source is None:
                s, e = doc.norm.span(m.start("src"), m.end("src"))
                doc.source = doc.text[s:e].strip()
            if doc.published is None:
                doc.published = days[-1].value
            break
        if doc.source is None:
            doc.source = outlet
        if doc.published is None:
            days = _days(prefix)
            if days:
                doc.published = days[-1].value
        break
    if doc.published is None:
        doc.published, outlet = _dated_heading(head)
        if doc.source is None:
            doc.source = outlet
    if doc.published is None:
        doc.published = _closing_day(norm)
    if doc.source is None:
        m = opening.match(head)
        if m:
            doc.source = _outlet_name(m.group("src"))
    if doc.source is None:
        tail_start = max(0, len(norm) - 400)
        m = closing.search(norm, tail_start)
        if m:
            s, e = doc.norm.span(m.start("src"), m.end("src"))
            doc.source = _outlet_name(m.group("src")) or doc.text[s:e].strip()


def _is_place(text: str) -> bool:
    """A city or country named alone ("دوشنبه", "بكين،")."""
    name = " ".join(text.replace("،", " ").replace(",", " ").split())
    return bool(name) and any(e.type in ("city", "country") for e in gz.load().lookup(name))


def _days(text: str) -> list[_Found]:
    """The dates of `text` that name a day ("11 أيلول 2024", not "أيلول")."""
    return [f for f in find_dates(text, None) if f.kind == "date" and f.value and len(f.value) == 10]


# A weekday's name in normalized text, with or without its article
WEEKDAY_WORD = r"(?:ال)?(?:اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد)"
_WEEKDAY_BEFORE = rf"(?:\s+(?:يوم\s+)?{WEEKDAY_WORD})?"
# What a heading's Gregorian day leaves of it: a Hijri day and "الموافق", or
# the era letter alone, each perhaps after its weekday
_HIJRI_BESIDE = re.compile(rf"{_WEEKDAY_BEFORE}(?:\s+في)?\s+\d{{1,2}}\s+\S+(?:\s+\S+)?\s+\d{{3,4}}\s*ه?\s+الموافق(?:\s+م)?$"
                           rf"|{_WEEKDAY_BEFORE}\s+م$")
_HEADING_END = re.compile(r"\s[-–—]\s|\n")


def _dated_heading(head: str) -> tuple[str | None, str | None]:
    """The day of a heading line that is a place and a date and little else,
    as press releases and bulletins open ("عشق آباد، 11 أيلول/سبتمبر 2024"),
    among the first lines, and the outlet a wire credits bare at its end
    ("... 14 يناير 2026 م واس"); (None, None) when there is none."""
    pos = 0
    for _ in range(5):
        m = _HEADING_END.search(head, pos)
        end = m.start() if m else len(head)
        found = _place_and_day(head[pos:end])
        if found is not None:
            return found
        if m is None:
            break
        pos = m.end()
    return None, None


def _place_and_day(line: str) -> tuple[str, str | None] | None:
    """(day, outlet) of a line that is a place and a day and little else."""
    if not 0 < len(line.strip()) <= 80:
        return None
    days = _days(line)
    if len(days) != 1:
        return None
    rest = " ".join((line[:days[0].start] + line[days[0].end:]).replace("،", " ").replace(",", " ")
                    .replace("-", " ").replace("–", " ").split())
    rest = re.sub(r"\s+في\s*:?$", "", rest)  # "القاهرة في 23 يناير 2024", "القاهرة في: 2026/2/17"
    # "مسقط في 10 شعبان 1446هـ الموافق 9 فبراير 2025م": the Hijri day beside it; twice,
    # as "الموافق الأحد 9 فبراير 2025م" leaves the Gregorian day's weekday and era letter first
    outlet = None
    if " " in rest and (outlet := _outlet_name(rest.rsplit(" ", 1)[1])):
        rest = rest.rsplit(" ", 1)[0]  # "... 2026 م واس": SPA's bare credit
    rest = re.sub(r"\s+م$", "", rest)  # the Gregorian era letter, set apart
    rest = _HIJRI_BESIDE.sub("", _HIJRI_BESIDE.sub("", rest)).strip()
    if not rest or _is_place(rest):
        return days[0].value, outlet
    return None


def _closing_day(text: str) -> str | None:
    """The day of a release that signs off with its place and day, as
    Maghrebi communiqués do ("... \nالرباط، في 9 يونيو 2026")."""
    lines = [line for line in text[-300:].split("\n") if line.strip()]
    for line in lines[-2:]:
        found = _place_and_day(line)
        if found is not None:
            return found[0]
    return None


@component("dateline")
def dateline_stage():
    _credit_patterns()
    vocab()  # the dateline's day is read with the date patterns: built now, not at the first document
    return read_dateline
