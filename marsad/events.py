"""Events: who met, visited, talked with, signed with, agreed with,
supported or cooperated with whom, when, where, and whether it happened, is
under way or is only planned or expected.

Triggers come from data/lexicon/events.yaml as stems ("زار يزور",
"زيارة"); the loader inflects them by rule (persons, numbers, object and
possessive pronouns, the article, proclitics, the future prefix) into one
Aho-Corasick automaton over the normalized text. A document is scanned once;
everything else is read inside the trigger's clause (and, for a missing
subject or date, its sentence): the cues that complete a trigger, the
status, negation, the actors, the date and the place. Repeated mentions of
one real-world event merge into one record with the most informative
evidence, which is always the trigger's clause in original offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache, partial
from typing import Any

import ahocorasick

from marsad import gazetteer as gz
from marsad.dates import SEQUENCE_BEFORE, WEEKDAY_WORD, shift, span_of, span_pattern, week_month
from marsad.doc import DateMention, Doc
from marsad.pipeline import component
from marsad.text import alternation as _alt
from marsad.text import is_word_char, match_key, word_end

# --- inflection rules -------------------------------------------------------------

_CONJ = ("", "و", "ف")
_VERB_PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "نا", "تم")
_VERB_PRESENT_SUFFIXES = ("", "ان", "ون", "ين", "وا", "ا")
_OBJECT_SUFFIXES = ("", "ه", "ها", "هما", "هم")
_POSSESSIVES = ("ه", "ها", "هما", "هم", "نا", "كم")  # not ي: "حضوري" is an adjective
_NOUN_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_ARTICLE_PROCLITICS = ("ال", "وال", "فال", "بال", "وبال", "فبال", "كال", "وكال", "لل", "ولل", "فلل")
_WEAK_FINAL = ("ا", "ي")  # normalized ى is ي


def past_forms(past: str, objects: bool = True) -> set[str]:
    """3rd-person forms of a past verb: زار → زار زارت زارا زاروا ...; a weak
    final (التقى, دعا) drops before the suffix: التقت التقوا التقيا."""
    if past[-1] in _WEAK_FINAL and len(past) > 2:
        base = past[:-1]
        stems = {past, base + "ت", base + "تا", base + "وا", base + "يا", base + "ينا"}
    else:
        stems = {past + s for s in _VERB_PAST_SUFFIXES}
    return {s + o for s in stems for o in (_OBJECT_SUFFIXES if objects else ("",))}


def present_forms(present: str, objects: bool = True) -> set[str]:
    """Forms of a present verb in ي, with ت/ن persons: يزور → تزور يزوران
    يزورون; a weak final (يلتقي, يدعو) takes the dual/plural on its base."""
    body = present[1:] if present[0] in "يتن" else present
    if body[-1] in ("ي", "و") and len(body) > 2:
        base = body[:-1]
        bodies = {body, base + "يان", base + "وان", base + "ون", base + "ين", base + "وا", base + "يا"}
    else:
        bodies = {body + s for s in _VERB_PRESENT_SUFFIXES}
    return {p + b + o for p in "يتن" for b in bodies for o in (_OBJECT_SUFFIXES if objects else ("",))}


def noun_forms(noun: str) -> tuple[set[str], set[str]]:
    """(forms without the article, forms taking the article) of a noun:
    زياره → زياره زيارته زيارتها زيارتان ...; لقاء → لقاء لقاءا لقاءه ..."""
    if noun.endswith("ه"):
        base = noun[:-1] + "ت"
        bare = {noun, base + "ان", base + "ين"} | {base + p for p in _POSSESSIVES}
        with_article = {noun, base + "ان", base + "ين"}
    elif noun.endswith("ات"):
        bare = {noun} | {noun + p for p in _POSSESSIVES}
        with_article = {noun}
    else:
        bare = {noun, noun + "ا", noun + "ان", noun + "ين"} | {noun + p for p in _POSSESSIVES}
        with_article = {noun, noun + "ان", noun + "ين"}
        if noun.endswith("اء"):
            # a final hamza sits on ي or و before a suffix: لقائه، لقاؤهما
            base = noun[:-1]
            bare |= {base + seat + p for seat in "يو" for p in _POSSESSIVES}
            bare |= {base + "يين", base + "يان"}
    return bare, with_article


# --- the lexicon ------------------------------------------------------------------

@dataclass(frozen=True)
class Trigger:
    index: int
    type: str
    mode: str
    requires: tuple[str, ...] = ()
    requires_before: tuple[str, ...] = ()
    next: str | None = None
    overrides: tuple[tuple[str, str, str], ...] = ()  # (type, mode, cue list)
    objects: bool = False
    directed: bool = False
    person: bool = False
    persons_only: bool = False
    explicit_target: bool = False
    confidence: float = 0.8

    @property
    def fixed_type(self) -> bool:
        """No override gives this trigger another type."""
        return all(t == self.type for t, _, _ in self.overrides)


@dataclass(frozen=True)
class Form:
    trigger: int
    kind: str  # past | present | noun
    future: bool = False
    participle: bool = False  # "مشيدا بـ": its subject is its sentence's, never after it
    possessed: bool = False  # a noun with a possessive pronoun ("لقائه"): whose it is is told, not a genitive


@dataclass
class Lexicon:
    triggers: list[Trigger]
    automaton: Any
    cues: dict[str, re.Pattern]
    specials: dict[str, tuple[str, ...]]  # cue list -> its @-items
    objects: list[tuple[str, re.Pattern]]
    status: list[tuple[str, re.Pattern]]
    future_after: re.Pattern
    negation: frozenset[str]
    speech: re.Pattern
    pair_persons: re.Pattern
    pair_countries: re.Pattern
    own_country: re.Pattern
    counted: re.Pattern
    event_references: list[tuple[str, re.Pattern]]  # mode of the earlier event, phrase naming it
    event_nouns: list[tuple[str, re.Pattern]]  # mode of the earlier event, the noun naming it


_DEMONSTRATIVE = r"(?:هذه|هذا|تلك|ذلك)"  # "هذه الزيارة", "تلك القمة": the event just told
_PROCLITIC_RE = r"(?<!\w)(?:[وفبلك]|وب|ول|فب|فل|وك|لل|ولل|فلل)?"
# the same prefixes as sets, for the word index (what may stand between a
# word's start and a listed word)
_PROCLITIC_SET = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل", "ولل", "فلل"})
_WITH_ARTICLE = frozenset(p + a for p in _PROCLITIC_SET for a in ("", "ال"))
_BARE = frozenset({""})
_CONJUNCTION = frozenset({"", "و", "ف"})


_NON_WORD = re.compile(r"[^\w ]")


def _spaced(text: str) -> str:
    """The text with every non-word character a space, between two spaces:
    automaton keys written " word " then match whole words only, and a
    match ending at index `last` of a key of `length` letters starts at
    `last - length - 1` in the text."""
    return " " + _NON_WORD.sub(" ", text) + " "


def _scan(lx: "Lexicon", spaced: str) -> tuple[list[tuple[int, int, tuple]], dict[str, list[tuple[int, int]]]]:
    """The one automaton pass over a document (given as _spaced(text)):
    its whole-word trigger matches, longest first where they overlap, and
    where each word list of the lexicon occurs: list name -> sorted (start,
    end), the start being the word's, its proclitics included."""
    found: dict[int, tuple[int, tuple]] = {}
    index: dict[str, list[tuple[int, int]]] = {}
    for last, (trigger, entries) in lx.automaton.iter(spaced):
        if trigger is not None:
            length, forms = trigger
            start = last - length - 1
            if start not in found or found[start][0] < length:
                found[start] = (length, forms)
        for length, name in entries:
            start = last - length - 1
            index.setdefault(name, []).append((start, start + length))
    for spans in index.values():
        spans.sort()
    hits = []
    covered = -1
    for start in sorted(found):
        length, forms = found[start]
        if start < covered:
            continue
        hits.append((start, start + length, forms))
        covered = start + length
    return hits, index


def _object_forms(words) -> list[str]:
    """The objects as listed and, for a noun not ending in a vowel or taa
    marbuta, its accusative and dual: "افتتحت مصنعا", "مصنعين"."""
    out = []
    for w in words:
        first, _, rest = match_key(w).partition(" ")
        out.append(w)
        if first and first[-1] not in "هايى" and not first.endswith("ات") and not first.startswith("ال"):
            out += [(first + suffix + (" " + rest if rest else "")) for suffix in ("ا", "ين", "ان")]
    return out


def _word_re(words, article: bool = True) -> re.Pattern:
    """Words (or phrases) at a word start, with proclitics and the article."""
    art = r"(?:ال)?" if article else ""
    return re.compile(rf"{_PROCLITIC_RE}{art}{_alt(words)}(?!\w)")


def _keys(trigger: Trigger, raw: dict) -> dict[str, list[Form]]:
    out: dict[str, list[Form]] = {}

    def put(key: str, form: Form) -> None:
        forms = out.setdefault(key, [])
        if form.future:
            forms[:] = [form]
        elif not any(f.kind == form.kind for f in forms) and not any(f.future for f in forms):
            forms.append(form)

    objects = raw.get("object_suffixes", True)
    for pair in raw.get("verbs") or []:
        past, present = (match_key(w) for w in pair.split())
        for form in past_forms(past, objects):
            for conj in _CONJ:
                put(conj + form, Form(trigger.index, "past"))
        for form in present_forms(present, objects):
            for conj in _CONJ:
                put(conj + form, Form(trigger.index, "present"))
                put(conj + "ل" + form, Form(trigger.index, "present"))
                put(conj + "س" + form, Form(trigger.index, "present", future=True))
    for participle in raw.get("participles") or []:
        # a circumstantial participle ("مشيدا بـ", "مرحبة بـ") shares the
        # tense of the verb it follows: read as a past verb
        base = match_key(participle)
        for form in (base + "ا", base + "ين", base + "ه", base + "تين"):
            for conj in _CONJ:
                put(conj + form, Form(trigger.index, "past", participle=True))
    nouns = [(n, False) for n in raw.get("nouns") or []] + [(n, True) for n in raw.get("nouns_no_article") or []]
    for noun, no_article in nouns:
        head, *tail = match_key(noun).split()
        bare, with_article = noun_forms(head)
        for form in bare:
            if tail and not form.endswith(("ه", "ا")) and form != head:
                continue  # no pronoun inside a phrase
            for p in _NOUN_PROCLITICS:
                for t in _tails(tail, article=False, accusative=form.endswith("ا") and not head.endswith("ا")):
                    put(p + form + t, Form(trigger.index, "noun", possessed=form != head and form.endswith(_POSSESSIVES)))
        if no_article:
            continue
        for form in with_article:
            for p in _ARTICLE_PROCLITICS:
                for t in _tails(tail, article=True, accusative=False):
                    put(p + form + t, Form(trigger.index, "noun"))
    return out


def _tails(words: list[str], article: bool, accusative: bool) -> list[str]:
    if not words:
        return [""]
    if article:
        return [" " + " ".join("ال" + w for w in words)]
    tails = [" " + " ".join(words)]
    if accusative:
        tails.append(" " + " ".join(w + "ا" if not w.endswith("ه") else w for w in words))
    return tails


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = dict(gz.lexicon("events"))
    lex["_inline"] = {}
    triggers: list[Trigger] = []
    keys: dict[str, list[Form]] = {}
    for i, raw in enumerate(lex["triggers"]):
        overrides = tuple((o.get("type", raw["type"]), o["mode"], cue)
                          for o in raw.get("overrides") or [] for cue in o["cues"])
        trigger = Trigger(
            index=i, type=raw["type"], mode=raw["mode"],
            requires=tuple(raw.get("requires") or ()), requires_before=tuple(raw.get("requires_before") or ()),
            next=(raw["next"][0] if len(raw.get("next") or []) == 1 and raw["next"][0] in lex["cues"] else
                  _inline_cue(lex, raw.get("next"))),
            overrides=overrides, objects=bool(raw.get("objects")), directed=bool(raw.get("directed")),
            person=bool(raw.get("person")), persons_only=bool(raw.get("persons_only")), explicit_target=bool(raw.get("explicit_target")),
            confidence=float(raw.get("confidence", 0.8)),
        )
        triggers.append(trigger)
        for key, forms in _keys(trigger, raw).items():
            keys.setdefault(key, []).extend(forms)
    cue_lists = dict(lex["cues"])
    for name, words in lex.get("_inline", {}).items():
        cue_lists[name] = words
    cues: dict[str, re.Pattern] = {}
    specials: dict[str, tuple[str, ...]] = {}
    for name, words in cue_lists.items():
        plain = [w for w in words if not str(w).startswith("@")]
        specials[name] = tuple(str(w) for w in words if str(w).startswith("@"))
        cues[name] = _word_re(plain) if plain else re.compile(r"(?!x)x")
    status = [(name, re.compile(rf"(?<!\w){_alt(words)}(?!\w)"))
              for name, words in lex["status_markers"].items()]
    lists: dict[str, tuple[list, frozenset[str]]] = {
        **{name: ([w for w in words if not str(w).startswith("@")], _WITH_ARTICLE) for name, words in cue_lists.items()},
        **{"status:" + name: (words, _CONJUNCTION) for name, words in lex["status_markers"].items()},
        **{"object:" + mode: (_object_forms(words), _WITH_ARTICLE) for mode, words in lex["cooperation_objects"].items()},
        "speech": (lex["speech_verbs"], _CONJUNCTION),
        "pair_persons": (lex["pair_persons"], _PROCLITIC_SET),
        "pair_countries": (lex["pair_countries"], _PROCLITIC_SET),
    }
    entries: dict[str, set] = {}
    for name, (words, prefixes) in lists.items():
        for word in {match_key(w) for w in words} - {""}:
            for prefix in prefixes:
                key = prefix + word
                entries.setdefault(f" {key} ", set()).add((len(key), name))
    # one automaton for the triggers and the word lists, keys " word " matched
    # in _spaced(text): key -> (trigger length and forms or None, list entries)
    automaton = ahocorasick.Automaton()
    for key in {f" {k} " for k in keys} | set(entries):
        forms = keys.get(key[1:-1])
        automaton.add_word(key, ((len(key) - 2, tuple(forms)) if forms else None,
                                 tuple(sorted(entries.get(key, ())))))
    automaton.make_automaton()
    return Lexicon(
        triggers=triggers, automaton=automaton, cues=cues, specials=specials,
        objects=[(mode, _word_re(words)) for mode, words in lex["cooperation_objects"].items()],
        status=status,
        future_after=re.compile(rf"\s*{_alt(lex['future_after'])}(?!\w)"),
        negation=gz.normalized_set(lex["negation"]),
        speech=re.compile(rf"(?<!\w)[وف]?{_alt(lex['speech_verbs'])}(?!\w)"),
        pair_persons=_word_re(lex["pair_persons"], article=False),
        pair_countries=_word_re(lex["pair_countries"], article=False),
        own_country=_word_re(lex["own_country"], article=False),
        counted=re.compile(r"(?<![\w.,])\d[\d.,]*\s+(?:(?:الف|الاف|مليون|ملايين)\s+)?" + _alt(lex["counted"]) + r"(?!\w)"),
        event_references=[
            # "خلال المباحثات", "وخلال هذه المباحثات"
            (mode, re.compile(rf"(?<!\w)[وف]?{_alt(lex['event_references']['phrases'])}\s+(?:{_DEMONSTRATIVE}\s+)?"
                              rf"{_alt(nouns)}(?!\w)"))
            for mode, nouns in lex["event_references"]["nouns"].items()],
        event_nouns=[(mode, re.compile(rf"(?<!\w){_alt(nouns)}(?!\w)"))
                     for mode, nouns in lex["event_references"]["nouns"].items()],
    )


def _inline_cue(lex: dict, words) -> str | None:
    """A `next:` given as words rather than a cue list name: register it."""
    if not words:
        return None
    name = "_next_" + "_".join(map(str, words))
    lex["_inline"][name] = list(words)
    return name


# --- per document -----------------------------------------------------------------

ACTOR_TYPES = frozenset({"person", "country", "organization", "region"})
PLACE_TYPES = frozenset({"city", "country", "region", "facility"})
_PLACE_NOUNS = frozenset({"مدينه", "العاصمه", "عاصمه", "ولايه", "مقاطعه", "منطقه", "جمهوريه", "بمدينه",
                          "لمدينه", "بالعاصمه", "للعاصمه", "بجمهوريه", "لجمهوريه"})
_AND_ONLY = re.compile(r"\s*و")
_ROUTE_NOUN = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:خط|خطوط|طيران|رحلات|رحله|طريق|ممر|سكه|سكك|قطار|قطارات|جسر|انبوب)(?!\w)")
_PREPOSITIONS = {"الي": "to", "مع": "with", "علي": "on", "في": "in", "من": "from", "عن": "about",
                 "لدي": "at", "بين": "between", "ضد": "against"}


@dataclass
class _Mention:
    start: int  # normalized
    end: int
    id: str
    type: str
    how: str
    prep: str | None = "?"  # the preposition or proclitic before it; "?" until read


@dataclass
class _Ctx:
    doc: Doc
    text: str
    lx: Lexicon
    clauses: list[tuple[int, int]]
    clause_starts: list[int]
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    mentions: list[_Mention]
    mention_starts: list[int]
    dates: list[tuple[int, int, Any]]
    date_starts: list[int]
    published: date | None
    dateline_city: str | None
    dateline_end: int
    principal_persons: list[str]
    principal_countries: list[str]
    gaz: Any = None
    memo: dict = field(default_factory=dict)  # per-clause results: mentions, pair words
    index: dict = field(default_factory=dict)  # word list -> its spans in the document (_scan)


@dataclass
class _Event:
    trigger: Trigger
    type: str
    mode: str
    actors: list[str]
    source: str | None
    target: str | None
    date: str | None
    date_text: str | None
    location: str | None
    status: str
    clause: tuple[int, int]
    pos: int
    confidence: float
    extra: dict = field(default_factory=dict)


def _bounds(segments, convert) -> tuple[list[tuple[int, int]], list[int]]:
    out = [(convert(s.start), convert(s.end)) for s in segments]
    return out, [b[0] for b in out]


def _within(bounds, starts, pos: int) -> tuple[int, int] | None:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return bounds[i]
    return None


_TITLE_WORDS = frozenset({"الرييس", "رييس", "نظيره", "نظيرها", "نظيريه", "السيد", "الزعيم", "وزير", "الوزراء",
                          "الخارجيه", "الملك", "العاهل", "الامير", "نايب", "الرييسين", "رييسي", "رووساء",
                          # "لقيادة كازاخستان", "لحكومة أوزبكستان", "للشعب الأفغاني": to the country
                          "قياده", "القياده", "حكومه", "الحكومه", "شعب", "الشعب"})


def _prep_before(text: str, start: int, depth: int = 0) -> str | None:
    """The preposition before a mention: a proclitic glued to it (ل, ب, لل)
    or the previous word."""
    i = start
    while i > 0 and is_word_char(text[i - 1]):
        i -= 1
    glued = text[i:start]
    if glued:
        if glued.endswith("لل") or glued.rstrip("و").endswith("ل") or glued in ("ل", "ول", "فل"):
            return "to"
        if glued.endswith("ب") or glued in ("ب", "وب"):
            return "by"
        return None
    j = start - 1
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and is_word_char(text[k - 1]):
        k -= 1
    word = text[k:j].strip()
    if word.startswith("و") and word[1:] in _PREPOSITIONS:
        word = word[1:]
    if word in _PLACE_NOUNS and k > 0:
        return _prep_before(text, k)  # "في مدينة ألماتي", "إلى العاصمة أستانا"
    if depth < 4 and k > 0:
        # "مع الرئيس الصيني شي", "لنظيره الكازاخستاني": look past titles and nisbas
        bare = word[1:] if word[:1] == "و" and len(word) > 4 else word
        for glue, prep in (("لل", "to"), ("ل", "to"), ("ب", "by"), ("", None)):
            rest = bare[len(glue):] if bare.startswith(glue) else None
            if rest is None:
                continue
            if glue == "لل":
                rest = "ال" + rest
            if rest in _TITLE_WORDS or (rest.startswith("ال") and rest.endswith("ي") and len(rest) > 4):
                return prep if glue else _prep_before(text, k, depth + 1)
    return _PREPOSITIONS.get(word)


def _converter(norm):
    """A fast original → normalized offset map (the same as
    Normalized.to_normalized, without a method call per offset)."""
    nb, ob = norm._norm_bp, norm._orig_bp
    if not nb:
        return lambda o: o
    last, size = len(nb) - 1, len(norm.text)

    def convert(o: int) -> int:
        k = bisect_right(ob, o) - 1
        if k < 0:
            return o
        n = nb[k] + (o - ob[k])
        if k < last and n > nb[k + 1]:
            n = nb[k + 1]
        return n if n < size else size

    return convert


def _convert_all(norm, offsets: list[int]) -> list[int]:
    """_converter's map over many offsets at once: the breakpoints found by
    bisect in C (map), the arithmetic in one comprehension."""
    nb, ob = norm._norm_bp, norm._orig_bp
    if not nb:
        return list(offsets)
    last, size = len(nb) - 1, len(norm.text)
    out = []
    for o, k in zip(offsets, map(partial(bisect_right, ob), offsets)):
        k -= 1
        if k < 0:
            out.append(o)
            continue
        n = nb[k] + (o - ob[k])
        if k < last and n > nb[k + 1]:
            n = nb[k + 1]
        out.append(n if n < size else size)
    return out


def _context(doc: Doc, lx: Lexicon, index: dict[str, list[tuple[int, int]]]) -> _Ctx:
    norm = doc.norm
    text = norm.text
    convert = _converter(norm)
    clauses, clause_starts = _bounds(doc.clauses, convert)
    sentences, sentence_starts = _bounds(doc.sentences, convert)
    # names inside a summit's name are read through the summit (_inner_actors)
    raw = [(m, eid, ent.type) for eid, ent in doc.entities.items() for m in ent.mentions if m.how != "inside"]
    offsets = _convert_all(norm, [o for m, _, _ in raw for o in (m.start, m.end)])
    mentions = [_Mention(offsets[2 * i], offsets[2 * i + 1], eid, etype, m.how)
                for i, (m, eid, etype) in enumerate(raw)]
    mentions.sort(key=lambda m: m.start)
    dates = sorted(((convert(d.start), convert(d.end), d) for d in doc.dates), key=lambda t: (t[0], t[1]))
    published = None
    if doc.published:
        try:
            published = date.fromisoformat(doc.published[:10]) if len(doc.published) >= 10 else None
        except ValueError:
            published = None
    dateline_city, dateline_end = _dateline(text, mentions)
    persons = _most_mentioned(doc, "person")
    countries = _most_mentioned(doc, "country")
    return _Ctx(doc, text, lx, clauses, clause_starts, sentences, sentence_starts, mentions,
                [m.start for m in mentions], dates, [d[0] for d in dates], published, dateline_city, dateline_end,
                persons, countries, gz.load(), index=index)


# "أستانا 3 يوليو 2024 (شينخوا) —", and as QNA writes it, "واشنطن في 09 أغسطس 2025 /قنا/"
_DATELINE_RE = re.compile(r"^[^\n()./]{2,80}?(?:\(([^()\n]{2,40})\)|/([^/\n\d]{2,30})/)\s*[-–—:]*")


def _dateline(text: str, mentions: list[_Mention]) -> tuple[str | None, int]:
    """The city of a wire dateline ("أستانا 3 يوليو 2024 (شينخوا) —") and
    where the dateline ends; (None, 0) when the text opens otherwise."""
    head = text[:200]
    for line_start in (0, *[m.end() for m in re.finditer(r"\n\s*", head)]):
        m = _DATELINE_RE.match(text, line_start)
        if not m:
            continue
        cities = [x for x in mentions if line_start <= x.start < m.start(1 if m.group(1) else 2) and x.type == "city"]
        if cities:
            return cities[0].id, m.end()
    return None, 0


def _most_mentioned(doc: Doc, etype: str, n: int = 2) -> list[str]:
    told = {e.id: [m for m in e.mentions if m.how != "inside"] for e in doc.entities.values() if e.type == etype}
    ents = sorted((eid for eid, ms in told.items() if ms), key=lambda eid: (-len(told[eid]), min(m.start for m in told[eid])))
    return ents[:n]


# --- reading one trigger ------------------------------------------------------------

def _spans(ctx: _Ctx, name: str, lo: int, hi: int):
    """The spans of a word list within [lo, hi), from the document's index."""
    spans = ctx.index.get(name)
    if not spans:
        return
    i = bisect_left(spans, (lo, -1))
    while i < len(spans) and spans[i][0] < hi:
        if spans[i][1] <= hi:
            yield spans[i]
        i += 1


def _first(ctx: _Ctx, name: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The first span of a word list within [lo, hi)."""
    return next(_spans(ctx, name, lo, hi), None)


def _has_cue(ctx: _Ctx, name: str, lo: int, hi: int, trigger_end: int) -> bool:
    lx = ctx.lx
    if _first(ctx, name, lo, hi):
        return True
    for special in lx.specials.get(name, ()):
        if special.startswith("@place_after:"):
            word = match_key(special.split(":", 1)[1])
            for m in re.finditer(rf"(?<!\w){word}(?!\w)", ctx.text[trigger_end:hi]):
                at = trigger_end + m.end()
                if any(x.type in PLACE_TYPES and (at <= x.start <= at + 2 or x.start <= at + 14 and
                       ctx.text[at:x.start].split() and ctx.text[at:x.start].split()[-1] in _PLACE_NOUNS)
                       for x in _mentions_in(ctx, at, hi)):
                    return True
        elif special == "@joint_commission":
            if _joint_commission(ctx, lo, hi):
                return True
        elif special in ("@city", "@statement_name"):
            if _city_right_after(ctx, trigger_end, hi) if special == "@city" else _statement_name(ctx, lo, hi):
                return True
    return False


_THE_COMMISSION = re.compile(r"(?<!\w)[وفب]?(?:ال|لل)لجنه(?!\w)")


def _joint_commission(ctx: _Ctx, lo: int, hi: int) -> bool:
    """A standing commission of two countries the entity stage found
    ("للجنة السعودية - الكازاخستانية المشتركة") in [lo, hi), or "اللجنة"
    alone there once one has been named ("ومن المقرر أن تعقد اللجنة
    اجتماعها الثالث")."""
    if any(x.how == "commission" for x in _mentions_in(ctx, lo, hi)):
        return True
    return _THE_COMMISSION.search(ctx.text, lo, hi) is not None and \
        any(x.how == "commission" for x in _mentions_in(ctx, 0, lo))


def _type_of(ctx: _Ctx, actor: str) -> str:
    return ctx.doc.entities[actor].type if actor in ctx.doc.entities else "country"


def _with_party(ctx: _Ctx, actors: list[str], types: list[str], party: str) -> tuple[list[str], list[str]]:
    """The actors and their types with a party the clause does not name."""
    if party in actors:
        return actors, types
    return actors + [party], types + [_type_of(ctx, party)]


def _commission_parties(ctx: _Ctx, actors: list[str]) -> list[str]:
    """A joint commission's session is held by its two countries, whoever
    chairs it ("ترأس الوزيران"): the commission is no party, and one that
    names none of its countries ("الدورة الرابعة للجنة المشتركة") is the
    principal pair's."""
    countries: list[str] = []
    for a in actors:
        if a in ctx.doc.entities and ctx.doc.entities[a].type == "organization" and \
                "لجن" in match_key(ctx.doc.entities[a].name_ar):
            continue
        c = _country_of(ctx, a) or a
        if c not in countries:
            countries.append(c)
    if len(countries) < 2 and len(ctx.principal_countries) == 2:
        countries += [c for c in ctx.principal_countries if c not in countries]
    return countries


def _city_right_after(ctx: _Ctx, pos: int, hi: int) -> bool:
    return any(pos <= x.start <= pos + 2 and x.type == "city" for x in _mentions_in(ctx, pos, hi))


def _statement_name(ctx: _Ctx, lo: int, hi: int) -> bool:
    """"إعلان تيانجين": a declaration named after a city, or one the gazetteer
    knows by name (an event whose mention opens with "إعلان")."""
    for m in re.finditer(r"(?<!\w)[وفب]?(?:ال)?اعلان(?!\w)", ctx.text[lo:hi]):
        if _city_right_after(ctx, lo + m.end(), hi) or _named_event_at(ctx, lo + m.start(), lo + m.end()):
            return True
    return False


def _mentions_in(ctx: _Ctx, lo: int, hi: int) -> list[_Mention]:
    i = bisect_left(ctx.mention_starts, lo)
    j = bisect_left(ctx.mention_starts, hi)
    return ctx.mentions[i:j]


_THREE_STATES = re.compile(r"(?<!\w)[وف]?(?:ال)?(?:دول|بلدان)\s+(?:ال)?(?:ثلاث|ثلاثه)(?!\w)")
_ALSO = re.compile(r"(?<!\w)[وف]?(?:كما|ايضا|كذلك)(?!\w)")
_TOPIC_BEFORE = re.compile(r"(?<!\w)(?:بشان|حول|بخصوص)\s+$")
_STILL = re.compile(r"[يت]?زال(?:ت|وا|ا|ون|ان)?")
_NEGATED_AUXILIARY = re.compile(r"(?<!\w)[وف]?(?:(?:لم|لن|لا)\s+(?:يتم|تتم|يجر|تجر|يجري|تجري|يكن|تكن|توجد|يوجد)|ليس(?:ت)?\s+هناك)(?!\w)")
# "لم يتفقا على موعد لاستئناف البناء", "لم يتمكن الجانبان من توقيع": failing or
# not agreeing to do a thing does not do it
_NEGATED_ATTEMPT = re.compile(r"(?<!\w)[وف]?(?:لم|لن)\s+(?:[يت](?:تفق|توصل|تمكن|نجح|ستطع)\w*|[يت]حدد\w*)(?!\w)")


def _negated(ctx: _Ctx, clause_start: int, pos: int) -> bool:
    # "لم تفرض أي عقوبات": "any" stands between the negated verb and its noun
    # (a quotation may open on the negation: «"لم تفرض)
    words = [w.strip("\"'«»“”(") for w in ctx.text[max(clause_start, pos - 36):pos].split()[-3:]]
    words = [w for w in words if w != "اي"][-2:]
    if len(words) == 2 and _STILL.fullmatch(words[1]):
        words = []  # "لا تزال المفاوضات جارية": still, not a negation
    if any(w in ctx.lx.negation or (w[:1] in "وف" and w[1:] in ctx.lx.negation) for w in words):
        return True
    # "لم يتم خلال القمة التوقيع على ...": the negated auxiliary governs the
    # verbal noun however far into its clause
    return _NEGATED_AUXILIARY.search(ctx.text, clause_start, pos) is not None or \
        _NEGATED_ATTEMPT.search(ctx.text, clause_start, pos) is not None


def _status(ctx: _Ctx, form: Form, clause: tuple[int, int], sentence: tuple[int, int], pos: int, end: int,
            when: str | None) -> str:
    text = ctx.text
    if form.future:
        return "planned"
    for name, _ in ctx.lx.status:
        if _first(ctx, "status:" + name, clause[0], pos):
            if name == "occurred" and form.kind == "present":
                continue
            return name
    # a clause that continues a sentence opened by "من المقرر أن ...": "وأن ...",
    # "حيث يلتقي ...", "قبل أن يغادر ..." (a present verb: the plan goes on)
    if sentence[0] < clause[0] and (_THAT_OPENING.match(text, clause[0], clause[0] + 10) or
                                    (form.kind == "present" or form.participle) and _PLAN_GOES_ON.match(text, clause[0], clause[0] + 12)):
        for name, _ in ctx.lx.status:
            if name in ("planned", "expected") and _first(ctx, "status:" + name, sentence[0], clause[0]):
                return name
    if form.kind == "noun" and sentence[0] < clause[0] and \
            (opening := _STATUS_OPENING.match(text, sentence[0], clause[0])) and \
            not _REFERENCE_BEFORE.search(text, max(clause[0], pos - 16), pos):  # "خلال زيارة ... المقبلة" frames it
        # "ومن المتوقع، خلال زيارة ... المقبلة، توقيع اتفاقيات": the opening governs the noun
        return "planned" if opening.group(1) in ("المقرر", "المزمع") else "expected"
    if form.kind == "noun":
        phrase = _NP_END.split(text[end:min(clause[1], end + 60)], 1)[0]
        if (after := ctx.lx.future_after.search(phrase)):
            # "زيارة مرتقبة": anticipated, not scheduled
            return "expected" if "مرتقب" in after.group() or "منتظر" in after.group() else "planned"
        fut = _FUTURE_VERB.search(text, max(clause[0], pos - 30), pos)
        if fut and not _mentions_in(ctx, fut.start(), fut.start() + len(fut.group().split()[0])):
            return "planned"  # (a name such as "سيرغي" is no future verb)
        if _UNDER_WAY.search(text, end, min(clause[1], end + 70)):
            return "ongoing"  # "المفاوضات بشأنه لا تزال جارية"
    future = _is_future(ctx, when)
    if form.kind == "past":
        return "occurred"
    if form.kind == "present":
        if SEQUENCE_BEFORE.search(text, max(clause[0], pos - 12), pos):
            return "planned" if future else "occurred"  # "أنهى جولته قبل أن يتوجه أمس إلى منغوليا"
        if not future and _PLUPERFECT.search(text, max(clause[0], pos - 50), pos):
            return "occurred"  # "كان أول رئيس وزراء هندي يزور أولان باتار": a past told in the present
        return "planned" if future else "ongoing"
    if future:
        return "planned"
    # "زيارة الدولة التي يقوم بها" is under way; "التي قام بها" happened
    rel = _RELATIVE_AFTER.match(text, end, min(clause[1], end + 60))
    if rel and rel.group(1)[:1] in "يت" and not rel.group(1).startswith(("تم", "تمت")) and len(rel.group(1)) > 3 and \
            not (ctx.lx.triggers[form.trigger].type in _STANCES and _OBJECT_WORD.search(text, end, rel.start(1))):
        return "ongoing"  # ("أعرب عن تقديره للدعم الذي تقدمه الإمارات": the support goes on, the thanks were told)
    if _PRESENT_LIGHT_BEFORE.search(text, max(clause[0], pos - 24), pos):
        return "ongoing"  # "الذي يقوم بزيارة عمل إلى تركمانستان": under way as told
    return "occurred"


# trigger words in set phrases that state no event: "انطلاقا من" (starting
# from), "لا ... إطلاقا" (not at all)
_IDIOM = re.compile(r"[وف]?(?:انطلاقا\s+من|اطلاقا(?!\w))"
                    r"|(?:(?<=اقرب )|(?<=احسن )|(?<=ادني )|(?<=اسوا )|(?<=ابعد ))تقدير(?!\w)")  # "على أقرب تقدير": at the earliest
_YESTERDAY_TODAY = re.compile(r"(?<!\w)(?:امس|اليوم)(?!\w)")
_CANCELLED = re.compile(r"(?<!\w)[وف]?(?:الغي|الغت|الغيا|الغوا|الغيت|يلغي|تلغي|الغاء|بالغاء|عن\s+الغاء)(?!\w)")
_POSTPONED = re.compile(r"(?<!\w)[وف]?(?:اجل|اجلت|اجلا|ارجا|ارجات|تاجيل|بتاجيل|ارجاء|تاجلت|تاجل|ارجيت|ارجي|يرجا|ارجئ)(?!\w)")
_VERB_SLOT = re.compile(r"(?<!\w)(?:الذي|التي|اللذين|اللتين|قد|حيث)\s+$")
_PRESENT_LIGHT_BEFORE = re.compile(r"(?<!\w)(?:يقوم|تقوم|يقومان|يجري|تجري|يجريان)\s+(?:ب?\S+\s+)?$")
_UNDER_WAY = re.compile(r"(?<!\w)(?:جاريه|جاريا|مستمره|متواصله)(?!\w)")
# "قبل أن يرجأ", "إلا أنها تأجلت": put off after it was set
_PUT_OFF_AFTER = re.compile(r"(?<!\w)(?:قبل\s+ان|الا\s+ان(?:ها|ه)?|لكن(?:ها|ه)?)\s+(?:\S+\s+)?[يت]?"
                            r"(?:رجا|رجي|وجل|تاجل|لغي|الغي)(?:ت|تا)?(?!\w)")
_ROUTE_BEFORE = re.compile(r"(?<!\w)(?:بين|من|الي|حتي)\s+(?:\S+\s+)?و?$")  # "خط بين القاهرة وأستانا": the route's ends
_HOSTING = re.compile(r"[وف]?(?:است?ضاف|احتضن|يستضيف|تستضيف|يحتضن|تحتضن|ستستضيف|سيستضيف)")
_FRAME_WORD = re.compile(r"(?<!\w)(?:خلال|اثناء|في|علي|عقب|بعد|قبل|مع|لدي)(?!\w)")


def _governed_by(ctx: _Ctx, verb: re.Pattern, lo: int, pos: int) -> bool:
    """Whether a verb such as "ألغى" before the trigger takes it as object:
    its subject's words may stand between, a frame ("خلال زيارة") may not
    ("أعلنا إلغاء التأشيرات خلال زيارة الرئيس": the visit stands)."""
    m = None
    for m in verb.finditer(ctx.text, max(lo, pos - 70), pos):
        pass
    if m is None:
        return False
    between = ctx.text[m.end():pos]
    return len(between.split()) <= 7 and not _FRAME_WORD.search(between)


_STATUS_OPENING = re.compile(r"\s*[وف]?من\s+(المتوقع|المنتظر|المرتقب|المقرر|المزمع|المرجح)\s*[،,]")
_PLAN_GOES_ON = re.compile(r"\s*(?:و|ف)?(?:حيث|ثم|قبل\s+ان|بعد\s+ان)\s")
_THAT_OPENING = re.compile(r"\s*(?:و|ف)?(?:علي ان|ان)\s")
_RELATIVE_PRONOUN = r"(?:الذي|التي|الذين|اللذين|اللذان|اللتين|اللتان|اللواتي)"
_RELATIVE_AFTER = re.compile(rf"\s*(?:\w+\s+){{0,2}}?{_RELATIVE_PRONOUN}\s+(\w+)")
_THAT = re.compile(r"(?<!\w)(?:ان|انه|انها|بان|الي ان)(?!\w)")
_SPACES = re.compile(r"\s*")
_NP_END = re.compile(r"(?<!\w)(?:الي|في|مع|علي|من|عن|التي|الذي)(?!\w)")
_FUTURE_VERB = re.compile(r"(?<!\w)[وف]?(?:س[يتن]\w{2,}|سوف\s+\w+)\s+(?:\w+\s+)?$")


def _is_future(ctx: _Ctx, when: str | None) -> bool:
    if not when or ctx.published is None:
        return False
    first = when.split("/")[0]
    pub = ctx.published.isoformat()
    return first[:len(pub)] > pub[:len(first)]


def _date(ctx: _Ctx, clause: tuple[int, int], sentence: tuple[int, int], pos: int,
          stance: bool = False, past: bool = False, said_from: int | None = None,
          verb: bool = False) -> tuple[str | None, ...]:
    """The date nearest the trigger in its clause, else its sentence (up to
    `said_from`, where what someone said begins). For a stance (support,
    request) a future date after the trigger dates what is supported, not
    the support ("أيد استضافة القمة العام المقبل")."""
    dates = ctx.dates
    reported = _reported_from(ctx, clause, sentence)
    # a noun with its own time told before it in the clause (a time set off by commas after its light verb)
    told_before = not verb and any(clause[0] <= s < pos and d.value
                                   for s, _, d in dates[bisect_left(ctx.date_starts, clause[0]):][:4])
    for lo, hi in (clause, (sentence[0], reported if said_from is None else min(reported, said_from))):
        best = None
        for k in range(bisect_left(ctx.date_starts, lo), len(dates)):
            s, e, d = dates[k]
            if s >= hi:
                break
            if d.value and d.kind != "deadline":
                if stance and s > pos and (_is_future(ctx, d.value) or _AHEAD.search(ctx.text, s, e) or
                                           _RELATIVE_BETWEEN.search(ctx.text, pos, s)):
                    continue  # "دعم بلاده لمبادرة تركمانستان التي أعلنت بموجبها الأمم المتحدة عام 2025 ...": the object's
                if stance and s > pos and _object_date(ctx, pos, s):
                    continue  # "أعرب عن تقدير مصر لدعم طاجيكستان لانتخاب العناني في نوفمبر الماضي": the object's
                since_start = match_key(d.text).startswith("منذ")  # "منذ مارس 2022": the span the date opens
                other_clause = lo != clause[0] and not clause[0] <= s < clause[1]
                if other_clause and _WHEN_OPENING.match(ctx.text, clause[0]) and not ctx.text[e:clause[0]].strip(" ،,"):
                    best = (-1, d)  # "وتعود الشراكة إلى جويلية 2023، حين أعلنها": the time the clause is the when of
                    break
                if other_clause and s in _figure_periods(ctx):
                    continue  # "بلغ التبادل 23.7 مليون دولار خلال العام الماضي، حيث اتفق الوزيران": the figure's period
                if (verb or told_before) and (other_clause or s > pos) and \
                        _in_relative_clause(ctx, clause, pos, s, other_clause):
                    # "اتفقا على تحديث الاتفاقية التي دخلت حيز التنفيذ في يناير 2018": the agreement's date;
                    # "أجرى X، اليوم الثلاثاء، مباحثات مع Y، الذي يقوم بزيارة ... من 8 إلى 10 يونيو": the visit's
                    continue
                if other_clause and not _WHEN_OPENING.match(ctx.text, clause[0]) and (
                        since_start or _SINCE_BEFORE.search(ctx.text, max(lo, s - 12), s)):
                    # "... في إطار زيارة يقوم بها منذ يوم الثلاثاء": that clause's start
                    # ("منذ حزيران 2019، حين شارك في قمة": the when of this one)
                    continue
                if past and (other_clause or s > pos) and _is_future(ctx, d.value):
                    continue  # "ووقع الجانبان اتفاقية ...، واتفقا على عقد الاجتماع ... العام المقبل": what is to come
                if _COVERAGE_BEFORE.search(ctx.text, max(lo, s - 12), s):
                    continue  # "خطة المشاورات للفترة 2025-2026": the years the plan covers
                if other_clause and _UNTIL_BEFORE.search(ctx.text, max(lo, s - 16), s):
                    continue  # another clause's "وتتواصل إلى غاية اليوم الخميس": when that span ends
                if s > pos and since_start and "/" in d.value:
                    continue  # "وقع ... اتفاقية، ليرتفع ما قدمه منذ 2015 إلى ...": a span to now is no event's day
                since = _SINCE_BEFORE.search(ctx.text, max(pos, s - 60), s) if s > pos else None
                if s > pos and (since and since.group(1) or (since or since_start) and
                                _FIRST_SINCE.search(ctx.text, max(clause[0], pos - 20), s)):
                    # "منذ انتخابه في تموز", "أول زيارة منذ 2019": when a span began, not
                    # the event ("زيارة يجريها منذ أمس" began then)
                    continue
                dist = abs(s - pos) if s >= pos else abs(pos - e)
                if best is None or dist < best[0]:
                    best = (dist, d)
        if best:
            return _event_day(best[1]), best[1].text, best[1].kind, lo == clause[0]
    return None, None, None, False


# "خلال الخريف المقبل": still to come, this year or not (the date lexicon's words for ahead)
_PART_OF_YEAR = re.compile(r"(?<!\w)(?:النصف|الربع|الثلث)(?!\w)")
_AHEAD = re.compile(r"(?<!\w)" + _alt(gz.normalized_set(gz.lexicon("dates")["period_directions"][1])) + r"(?!\w)")
_ACCUSATIONS = re.compile(r"(?<!\w)(?:ال|هذه\s+ال|تلك\s+ال)?(?:اتهامات|اتهام|مزاعم|ادعاءات)(?!\w)")
# asking ("طلب"), not calling for ("دعا إلى"), nor a student ("طالب", "طلبة")
_ASKED = re.compile(r"[وف]?[يت]?(?:طلب|طلبت|طلبا|طلبوا)(?!\w)")
_RELATIVE_BETWEEN = re.compile(rf"(?<!\w){_RELATIVE_PRONOUN}(?!\w)")
_DURING_IT = re.compile(r"\s+(?:خلالها|خلاله|اثناءها|اثناءه)(?!\w)")  # "زيارة ...، التقى خلالها مودي"
def _in_date(ctx: _Ctx, i: int) -> bool:
    """Whether offset `i` lies inside a date mention."""
    k = bisect_right(ctx.date_starts, i) - 1
    return k >= 0 and ctx.dates[k][0] <= i < ctx.dates[k][1]


_COUNT_BEFORE = re.compile(r"(?<![\w.,])\d[\d.,]*\s+(?:(?:الف|الاف|مليون)\s+)?$")
_DESCRIBED_AS = re.compile(r"(?<!\w)(?:بانه|بانها|بانهما|بانهم)\s*[«\"]?\s*$")
_STANCE_DATE_WORDS = 4  # how far after a stance its own time is told ("أشاد الرئيس أمس بـ")
_STANCE_OBJECT = re.compile(r"(?<!\w)[بل](?:ال)?\w{3,}|(?<!\w)بـ")  # "بمبادرات", "لدعم": what the stance is about


def _object_date(ctx: _Ctx, pos: int, s: int) -> bool:
    """A date at `s` told inside what a stance at `pos` is about: far
    enough after the trigger, past a preposition's object ("لدعم",
    "بمبادرات") after the first name told, and not set off by commas as
    the stance's own time ("طلبت من المنظمة، خلال قمتها يوم 27 نوفمبر،")."""
    if len(ctx.text[pos:s].split()) <= _STANCE_DATE_WORDS or "،" in ctx.text[pos:s] or "," in ctx.text[pos:s]:
        return False
    k = bisect_right(ctx.mention_starts, pos)
    lo = ctx.mentions[k].end if k < len(ctx.mentions) and ctx.mentions[k].end < s else pos
    return _STANCE_OBJECT.search(ctx.text, lo, s) is not None


def _figure_periods(ctx: _Ctx) -> frozenset[int]:
    """Where the dates that are some figure's period begin (normalized
    offsets): a date inside a figure's evidence with the figure's period."""
    if "figure_periods" not in ctx.memo:
        starts = set()
        convert = _converter(ctx.doc.norm)
        for f in ctx.doc.figures:
            if not f.get("period"):
                continue
            lo, hi = convert(f["evidence"]["start"]), convert(f["evidence"]["end"])
            for k in range(bisect_left(ctx.date_starts, lo), len(ctx.dates)):
                s, e, d = ctx.dates[k]
                if e > hi:
                    break
                if d.value == f["period"]:
                    starts.add(s)
        ctx.memo["figure_periods"] = frozenset(starts)
    return ctx.memo["figure_periods"]


def _in_relative_clause(ctx: _Ctx, clause: tuple[int, int], pos: int, s: int, other_clause: bool) -> bool:
    """A date at `s`, after a verb trigger or in another clause, told in a
    relative clause on some noun: "اتفقا على تحديث الاتفاقية التي دخلت حيز
    التنفيذ في يناير 2018" dates the agreement, not the agreeing. (A
    gathering's relative clause dates it, and a trigger noun may be the
    antecedent: "الزيارة التي بدأت في 3 مارس"; a clause that opens with the
    pronoun is left to the reach of the clause before it.)"""
    own = _within(ctx.clauses, ctx.clause_starts, s) if other_clause else clause
    if own is None:
        return False
    rel = None
    for rel in _RELATIVE_BETWEEN.finditer(ctx.text, own[0] if other_clause else pos, s):
        pass
    if rel is None or other_clause and not ctx.text[own[0]:rel.start()].strip(" ،,و"):
        return False
    # "يشارك في قمة المنظمة التي تستضيفها قازان في ...": a gathering's time is that of taking part in it
    return _first(ctx, "meeting_nouns", own[0] if other_clause else pos, rel.start()) is None


def _event_day(d: DateMention) -> str:
    """An event's date from a date mention: a range's first day ("يومي 3 و4
    يوليو" began on the 3rd), but a week's month when the week lies in one
    ("الأسبوع الماضي": some day of it, the text does not say which)."""
    return week_month(d) or d.value.partition("/")[0]


def _reported_from(ctx: _Ctx, clause: tuple[int, int], sentence: tuple[int, int]) -> int:
    """Where the sentence, after the clause, goes on to report what someone
    said ("وخلال المحادثات، أشار إلى أنه، العام الماضي، التقى ..."): the
    dates and places there are those of the reported event."""
    that = _COMPLEMENTIZER.search(ctx.text, clause[1], sentence[1])
    # "قادما من أستانا، حيث شارك يومي ... في قمة": where and when something else happened
    elsewhere = _ELSEWHERE.search(ctx.text, clause[1] - 1 if clause[1] > clause[0] else clause[1], sentence[1])
    return min(that.start() if that else sentence[1], elsewhere.start() if elsewhere else sentence[1])


_SINCE_BEFORE = re.compile(r"(?<!\w)منذ((?:\s+\S+){1,7})?\s+$")  # "منذ تولي الرئيس لي جيه ميونغ منصبه في يونيو"
_UNTIL_BEFORE = re.compile(r"(?<!\w)(?:الي|حتي)\s+(?:غايه\s+)?$")
# "خطة المشاورات للفترة 2025-2026", "خارطة طريق برسم الفترة 2026-2028": the years a plan covers
_COVERAGE_BEFORE = re.compile(r"(?<!\w)(?:(?:لل|ل)(?:فتره|اعوام|سنوات|عامين)|برسم(?:\s+(?:ال)?(?:فتره|اعوام|سنوات))?)\s+$")
_WHEN_OPENING = re.compile(r"[\s،,]*(?:حين|عندما|حينما|يوم)\s")
_FIRST_SINCE = re.compile(r"(?<!\w)(?:ال)?(?:اول|الاولي|اولي)(?!\w)")
_ELSEWHERE = re.compile(r"[،,]\s*(?:حيث|حين|عندما)(?!\w)")


# verbs whose object is the event noun: "عقد جلسة محادثات", "أجرى مباحثات"
_LIGHT_VERB_PAST = "عقد|عقدت|عقدا|اجري|اجرت|اجريا"
_WITNESSED_PAST = "شهد|شهدا|شهدوا|شهدت"
_LIGHT_VERB = re.compile(rf"(?<!\w)[وف]?(?:{_LIGHT_VERB_PAST})(?!\w)")
_TITLE_WORD = re.compile(r"(?<!\w)[وفل]?(?:ال)?(?:وزير|رييس|سفير|مبعوث|نايب|امين|متحدث|متحدثه|ناطق|ناطقه)(?!\w)")
_TO_OBJECT = re.compile(r"(?:\s+\w+)?\s+[وف]?ل\w{3,}")
_TITLE_OF_BODY = re.compile(r"(?<!\w)(?:[وفلب]?(?:ال)?(?:رييس|رييسه|امين عام|الامين العام|امين|مدير|وزير|نايب رييس|عضو)"
                            r"|باسم)\s+$")  # "المتحدثة باسم الخارجية الروسية ماريا زاخاروفا"
_NISBAS_ONLY = re.compile(r"(?:\s+(?:ال)?\w+ي(?:ه)?)*\s+")
# a relative clause with its own verb after a noun: "قمة ... التي تستضيفها أستانا"
_RELATIVE_PREDICATE = re.compile(r"(?:\s+\S+){0,5}?\s+(?:التي|الذي|المقرر|المزمع)\s+(?:[تيس]\w{3,}|عقد\w*)")
_SUMMIT_OF = re.compile(r"(?<!\w)[وفبل]?(?:ال)?قمه\s+$")
_DONE_RIGHT_BEFORE = re.compile(r"(?<!\w)[وف]?(?:تم|جري|يتم|سيتم|جرت|يجري)\s+$")
# "لقاء مع رئيس اللجنة ... الصيني تشاو": all that follows is the partner
_WITH_NEXT = re.compile(r"\s+مع(?!\w)")
_IN_NEXT = re.compile(r"\s+في(?!\w)")
_PARTICIPATED_IN = re.compile(r"[\s،,]*[وف]?(?:كما\s+)?(?:شارك|شاركت|حضر|حضرت|يشارك|تشارك)\s+(?:\S+\s+){0,4}?في\s+")
_OPENING_CONJUNCTION = r"(?:و|ف|كما\s+|ثم\s+)"
_OPENS = re.compile(rf"[\s،,]*{_OPENING_CONJUNCTION}?(?:قد\s+)?")  # nothing but particles before the verb
_OPENS_NOUN = re.compile(rf"[\s،,]*{_OPENING_CONJUNCTION}?(?:قد\s+)?(?:(?:جلسه|جوله)\s+)?")  # "، جلسة مباحثات رسمية"
_COUNTERPART = re.compile(r"(?<!\w)[وفل]?نظير(?:ه|ها|هم)(?!\w)")
_ILA = re.compile(r"(?<!\w)الي(?!\w)")
_EVERY_BEFORE = re.compile(r"(?<!\w)[وفبل]?كل\s+$")


def _counted(ctx: _Ctx, clause: tuple[int, int]) -> bool:
    """A count of people or companies (not a date) in the clause."""
    for m in ctx.lx.counted.finditer(ctx.text, clause[0], clause[1]):
        if not _in_date(ctx, m.start()):
            return True
    return False


def _speaker(ctx: _Ctx, sentence: tuple[int, int], pos: int) -> str | None:
    """X of "قال X إن ..." when the trigger is in what X said."""
    text = ctx.text
    for _, said in _spans(ctx, "speech", sentence[0], pos):
        after = [x for x in _mentions_in(ctx, said, pos) if x.type in ("person", "country", "organization")
                 and not (x.type == "country" and x.how == "adjective")
                 and _prep_before(text, x.start) != "to"]  # "قال مصدر للأناضول": told to, not by
        if after and after[0].start - said <= 40:
            x = after[0]
            between = text[x.end:pos]
            if _THAT.search(between):
                return x.id
    return None


def _country_of(ctx: _Ctx, entity_id: str | None) -> str | None:
    if entity_id is None:
        return None
    ent = ctx.doc.entities.get(entity_id)
    if ent is not None and ent.type == "country":
        return entity_id
    entry = ctx.gaz.entries.get(entity_id)
    if entry is not None:
        return entry.country or None
    if ent is not None and ent.type == "person":
        return _titled_country(ctx, entity_id)
    return None


_COMMA = re.compile(r"\s*[،,]\s*")
_COMMA_AT = re.compile(r"[،,]")


def _titled_country(ctx: _Ctx, person: str) -> str | None:
    """The country of a person no gazetteer knows, from a title around one
    of his names: "رئيس مجلس الوزراء في الجمهورية القرغيزية أديلبيك
    كاسيمالييف", "ميكائيل جباروف، وزير الاقتصاد بجمهورية أذربيجان،"."""
    memo = ctx.memo.setdefault("titled_country", {})
    if person in memo:
        return memo[person]
    found = None
    for x in ctx.mentions:
        if x.id != person:
            continue
        lo = max(ctx.text.rfind("،", 0, x.start), ctx.text.rfind(".", 0, x.start), ctx.text.rfind("\n", 0, x.start),
                 x.start - 80)
        if (title := _TITLE_WORD.search(ctx.text, lo, x.start)) is not None:
            span = (title.start(), x.start)  # the title before the name
        elif (after := _COMMA.match(ctx.text, x.end)) and (title := _TITLE_WORD.match(ctx.text, after.end())):
            end = _COMMA_AT.search(ctx.text, title.end())  # the title between commas after it
            span = (title.start(), end.start() if end else len(ctx.text))
        else:
            continue
        inside = _mentions_in(ctx, *span)
        if any(y.type == "person" for y in inside):
            continue
        found = next((y.id for y in inside if y.type == "country"), None)
        if found:
            break
    memo[person] = found
    return found


# "رئيس الدولة", "جلالة الملك", "صاحب الجلالة السلطان": the home press's own head of state
_HEAD_OF_STATE = re.compile(r"(?<!\w)[وفلب]?(?:ال)?رييس\s+الدوله(?!\w)"
                            r"|(?<!\w)[وفلب]?(?:صاحب\s+)?(?:ال)?جلاله\s+(?:الملك|السلطان)(?!\w)"
                            r"|(?<!\w)[وفلب]?(?:ال)?رييس\s+الجمهوريه(?!\w)|(?<!\w)[وفلب]?(?:ال)?امير\s+البلاد(?!\w)")
_COMPLEMENTIZER = re.compile(r"(?<!\w)(?:[وف]?(?:ان|انه|انها|بان|بانه)|الي ان)(?!\w)")
_TITLE_BEFORE = re.compile(r"(?:الرييس|رييس|الزعيم|رييس الوزراء|رييس وزراء|العاهل|الملك|الامير|نظيره|نظيرها)\s*$")
_TITLE_OF = re.compile(r"(?<!نايب )(?<!\w)[وفلب]?(?:رييس|رييسه|زعيم|ملك|امير)\s+(?:جمهوريه\s+|دوله\s+)?$")
# "مشيدا بالسياسة التي ينتهجها (الرئيس) X": whose policy is praised
_OWNER_BEFORE = re.compile(r"(?<!\w)(?:التي|الذي)\s+\w+\s+(?:(?:ال)?\w+\s+){0,2}$")
# "جباروف، وزير الاقتصاد الأذربيجاني، الذي يقوم بزيارة": past the antecedent's title
_ANTECEDENT_GAP = re.compile(r"[\s،,]*(?:[،,]?\s*(?:ال)?(?:وزير|رييس|نايب|سفير|مبعوث|امين|مستشار)(?!\w)[^،,.\n]{0,60}[،,]\s*)?")
# "نظيره X، الذي يقوم بأول زيارة له": the visit noun of a relative light verb
# "كاسيمالييف، الذي بدأ أمس الأول زيارة": a visit begun, held, ended or continued
_RELATIVE_LIGHT_VERB = re.compile(r"[\s،,]*[وف]?(?:الذي|التي)\s+(?:يقوم|تقوم|قام|قامت|يجري|تجري|اجري|اجرت|"
                                  r"بدا|بدات|يبدا|تبدا|اختتم|اختتمت|يختتم|تختتم|يواصل|تواصل|واصل|واصلت|"
                                  r"وصل|وصلت|يصل|تصل)\s+(?:\S+\s+){0,6}$")  # "الذي وصل إلى البلاد مساء أمس في زيارة"
_RELATIVE_BEFORE = re.compile(rf"(?<!\w){_RELATIVE_PRONOUN}\s+$")
_DUAL_VERB = re.compile(r"(?:[^ي]ا|تا|يا)$")
_PRONOUN_AND = re.compile(r"\s+(?:هو|هي)\s+و")


def _person_for(ctx: _Ctx, country: str) -> str | None:
    """The person of `country` the document names most ("الرئيس الصيني" alone)."""
    best = None
    for eid, ent in ctx.doc.entities.items():
        if ent.type != "person":
            continue
        entry = ctx.gaz.entries.get(eid)
        if entry is not None and entry.country == country:
            if best is None or len(ent.mentions) > len(ctx.doc.entities[best].mentions):
                best = eid
    return best


def _head_of_state(ctx: _Ctx) -> str | None:
    """Whom the text calls "رئيس الدولة": the person it once names so
    ("استقبل رئيس الدولة قاسم جومارت توكاييف"), else the person of its
    dateline's country."""
    if "head_of_state" not in ctx.memo:
        person = None
        for m in _HEAD_OF_STATE.finditer(ctx.text):
            # the name after the words, or the mention they open ("الملك محمد السادس")
            after = _HONORIFIC.match(ctx.text, m.end()).end()  # "رئيس الجمهورية، السيد عبد المجيد تبون"
            near = [x for x in _mentions_in(ctx, m.start(), max(after, m.end()) + 3) if x.type == "person"]
            if near:
                person = near[0].id
                break
        if person is None and ctx.dateline_city:
            person = _person_for(ctx, _country_of(ctx, ctx.dateline_city) or "")
        ctx.memo["head_of_state"] = person
    return ctx.memo["head_of_state"]


_HIS_HIGHNESS = re.compile(r"(?<!\w)[وفلب]?(?:صاحب\s+)?(?:ال)?سمو\s+(?:ال)?امير(?!\w)(?!\s+(?:ال)?(?:شيخ|سيد))")
_TO_THE_COUNTRY = re.compile(r"(?<!\w)(?:الي\s+ال|لل)(بلاد)(?!\w)")  # "إلى البلاد", "للبلاد"
_HEADING_CITY = re.compile(r"[^\n]{2,30}?\s+[-–—]\s+[^\n]{2,30}\n")  # "الدوحة - الشرق"


def _home_country(ctx: _Ctx) -> str | None:
    """The country the story is told from: its dateline's, a heading
    city's ("الدوحة - الشرق"), else its head of state's ("رئيس الدولة X")."""
    if "home" not in ctx.memo:
        home = _country_of(ctx, ctx.dateline_city) if ctx.dateline_city else None
        if home is None and (heading := _HEADING_CITY.match(ctx.text)):
            place = next((x for x in _mentions_in(ctx, 0, heading.end()) if x.type in ("city", "country")), None)
            home = _country_of(ctx, place.id) if place else None  # ("الكويت - القبس": the city-state's name)
        if home is None:
            home = _country_of(ctx, _head_of_state(ctx))
        ctx.memo["home"] = home
    return ctx.memo["home"]


def _clause_mentions(ctx: _Ctx, lo: int, hi: int) -> list[_Mention]:
    """Mentions in [lo, hi) as actors read them: a nisba that qualifies the
    person who follows is dropped ("الرئيس الصيني شي"); one after a title
    with no name stands for that country's person the document names."""
    key = ("m", lo, hi)
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached
    raw = _mentions_in(ctx, max(lo, ctx.dateline_end), hi)
    head = _HEAD_OF_STATE.search(ctx.text, max(lo, ctx.dateline_end), hi)
    named = head is not None and any(  # "رئيس الجمهورية، السيد عبد المجيد تبون": named after all
        x.type == "person" and x.start == _HONORIFIC.match(ctx.text, head.end()).end()
        for x in _mentions_in(ctx, head.end(), head.end() + 30))
    if head is not None and not named and \
            not any(head.end() <= x.start <= head.end() + 2 and (x.type == "person" or x.how == "adjective") for x in raw):
        # "رئيس الدولة" alone, as the home press calls its own president (Kazinform, WAM)
        person = _head_of_state(ctx)
        if person:
            raw = sorted(raw + [_Mention(head.start(), head.end(), person, "person", "title")], key=lambda x: x.start)
    highness = _HIS_HIGHNESS.search(ctx.text, max(lo, ctx.dateline_end), hi)
    if highness is not None and not any(highness.end() <= x.start <= highness.end() + 2 for x in raw) and \
            (person := _head_of_state(ctx) or _person_for(ctx, _home_country(ctx) or "")):
        # "وأعرب سمو الأمير عن تقديره" in the Qatari or Kuwaiti press: its own emir
        raw = sorted(raw + [_Mention(highness.start(), highness.end(), person, "person", "title")], key=lambda x: x.start)
    home = None
    for m in _TO_THE_COUNTRY.finditer(ctx.text, max(lo, ctx.dateline_end), hi):
        # "وصل إلى البلاد في زيارة دولة", "زيارة الدولة التي يقوم بها للبلاد": the home press's own country
        home = home or _home_country(ctx)
        if home is None:
            break
        raw = sorted(raw + [_Mention(m.start(1), m.end(1), home, "country", "home", "to")], key=lambda x: x.start)
    for x in raw:
        if x.prep == "?":
            x.prep = _prep_before(ctx.text, x.start)
    out: list[_Mention] = []
    for k, x in enumerate(raw):
        if x.type in ("person", "country") and _ABSENT_BEFORE.search(ctx.text, max(lo, x.start - 60), x.start):
            continue
        if _TELLER_BEFORE.search(ctx.text, max(lo, x.start - 48), x.start):
            continue
        if x.how == "commission":
            continue  # "للجنة السعودية القرغيزية المشتركة": its countries, named inside it, are the parties
        if x.how == "place" and (place := _IN_PLACE_NOUN.search(ctx.text, max(0, x.start - 40), x.start)):
            if not place.group().startswith("الي"):
                continue  # "في مدينة تيانجين الصينية": where it happens, not a party (a host city's is)
            # "وصل إلى العاصمة الأوزبكية": where he goes, the country he visits
            x = _Mention(x.start, x.end, x.id, x.type, x.how, "to")
        if x.type == "organization" and k + 1 < len(raw) and raw[k + 1].type == "person" and \
                _TITLE_OF_BODY.search(ctx.text, max(0, x.start - 14), x.start) and \
                _NISBAS_ONLY.fullmatch(ctx.text, x.end, raw[k + 1].start):
            continue  # "رئيس مجلس الدولة الصيني لي تشيانغ": the body is his title
        if x.type == "country" and x.how == "adjective":
            nxt = raw[k + 1] if k + 1 < len(raw) else None
            if nxt is not None and nxt.type == "person" and nxt.start - x.end <= 3:
                continue
            if _TITLE_BEFORE.search(ctx.text, max(0, x.start - 16), x.start):
                person = _person_for(ctx, x.id)
                if person:
                    x = _Mention(x.start, x.end, person, "person", "title", x.prep)
        elif x.type == "country" and _TITLE_OF.search(ctx.text, max(0, x.start - 12), x.start):
            person = _person_for(ctx, x.id)  # "رئيس كازاخستان": its president
            x = _Mention(x.start, x.end, person or x.id, "person" if person else "country", "title", x.prep)
        out.append(x)
    ctx.memo[key] = out
    return out


def _inner_actors(ctx: _Ctx, x: _Mention) -> list[str]:
    """Countries, regions and organizations named inside a named event's
    mention ("قمة الصين وآسيا الوسطى" → China, Central Asia)."""
    text = ctx.text[x.start:x.end]
    found: list[tuple[int, str]] = []
    for last, (length, forms) in ctx.gaz.automaton.iter(text):
        start = last - length + 1
        if (start > 0 and is_word_char(text[start - 1]) and text[start - 1] not in "وبل") or \
                (last + 1 < len(text) and is_word_char(text[last + 1])):
            continue
        for f in forms:
            entry = ctx.gaz.entries[f.entity_id]
            if f.kind in (gz.NAME, gz.ADJECTIVE) and entry.type in ("country", "region") and f.entity_id != x.id:
                found.append((start, last + 1, f.entity_id))
                break
    out: list[str] = []
    covered = -1
    for start, end, i in sorted(found, key=lambda f: (f[0], -f[1])):
        if end <= covered:
            continue  # "آسيا" inside "آسيا الوسطى"
        covered = end
        if i not in out:
            out.append(i)
    return out


def _actors(ctx: _Ctx, trig: Trigger, form: Form, clause: tuple[int, int], sentence: tuple[int, int],
            pos: int, end: int, previous: _Event | None,
            told: list[_Event] = ()) -> tuple[list[str], str | None, str | None, str | None, bool]:
    """(actors, source, target, location) read from the clause; a subject
    the clause leaves out is inherited from its sentence, the previous
    event or the previous sentence ("... وقال إن ...، وأضاف ...")."""
    text = ctx.text
    cut = clause[0]
    for m in _COMPLEMENTIZER.finditer(text, clause[0], pos):
        cut = m.end()  # "قال X إن Y ...": Y is the subject, X the speaker
    location = None
    before: list[_Mention] = []
    after: list[_Mention] = []
    targets: list[_Mention] = []
    hosting = _HOSTING.match(text, pos, end) is not None
    between_end = -1
    mentions = _clause_mentions(ctx, clause[0], clause[1])
    # two persons meeting "في قصر الإليزيه": a seat named after its body is where, not who
    two_persons = trig.mode in ("meet", "talks", "visit", "call") and sum(x.type == "person" for x in mentions) >= 2
    for x in mentions:
        is_after = x.start >= end
        capital = x.type == "city" and getattr(ctx.gaz.entries.get(x.id), "capital", False)
        if capital and (
                (x.prep == "between" and not _ROUTE_NOUN.search(text, max(clause[0], x.start - 40), x.start))
                or (x.prep is None and between_end >= 0 and _AND_ONLY.fullmatch(text, between_end, x.start))):
            # "المفاوضات جارية بين مينسك وأستانا": the parties are the two governments
            between_end = x.end
            x = _Mention(x.start, x.end, _country_of(ctx, x.id) or x.id, "country", "capital", "between")
        elif capital and x.prep is None and not hosting and (trig.type != "CONSULT" or not is_after) \
                and not _IN_PLACE_NOUN.search(text, max(0, x.start - 40), x.start) \
                and not _ROUTE_BEFORE.search(text, max(0, x.start - 30), x.start):
            # a capital standing for its government: "وقعته بغداد وعشق آباد وطهران", "بكين تدعم"
            x = _Mention(x.start, x.end, _country_of(ctx, x.id) or x.id, "country", "capital", x.prep)
        if x.type in ("city", "facility"):
            if x.type == "city" and x.prep in ("in", "by"):
                location = location or x.id
            elif x.type == "city" and x.prep == "to" and is_after:
                location = location or x.id
                country = _country_of(ctx, x.id)
                if country:
                    targets.append(_Mention(x.start, x.end, country, "country", "city", "to"))
            elif x.type == "city" and is_after and trig.directed:
                if trig.type == "CONSULT":
                    location = location or x.id  # "زار بكين"
                country = _country_of(ctx, x.id)
                if country:
                    after.append(_Mention(x.start, x.end, country, "country", "city", x.prep))
            elif x.type == "city" and trig.type == "CONSULT" and x.prep is None:
                location = location or x.id  # "استضافت شيان القمة"
            continue
        if x.type == "event" and trig.type in ("CONSULT", "AGREE") and not trig.directed:
            for inner in _inner_actors(ctx, x):  # "قمة الصين وآسيا الوسطى"
                after.append(_Mention(x.start, x.end, inner, "country", "event", x.prep))
            continue
        if x.type in ("initiative", "other", "event"):
            if is_after and (trig.directed or trig.objects):
                # the named thing's parties: "عام السياحة الكازاخستانية في الصين"
                inner = _inner_actors(ctx, x)
                country = _country_of(ctx, x.id)
                if country and country not in inner:
                    inner.append(country)
                for c in inner:  # "عام السياحة الكازاخستانية في الصين"
                    after.append(_Mention(x.start, x.end, c, "country", "owner", x.prep))
            continue
        if x.type not in ACTOR_TYPES or (x.type == "region" and x.prep == "on"):
            continue  # "ميناء أكتاو على بحر قزوين": a place on the sea
        if x.type == "organization" and (_AT_SEAT.search(text, max(0, x.start - 12), x.start) or
                                         two_persons and x.prep == "in"):
            continue  # "بمقر وزارة الخارجية", "في قصر الإليزيه": where, not who
        if x.type == "organization" and is_after and trig.mode not in ("summit", "multilateral_meeting") and \
                _SUMMIT_OF.search(text, max(0, x.start - 10), x.start):
            continue  # "يلتقي نظيره لبحث التحضيرات لقمة منظمة شنغهاي": the summit's, not the meeting's
        if x.type == "person" and x.prep == "to" and is_after and form.kind == "noun" and trig.directed \
                and not _ILA.search(text, end, x.start):
            x = _Mention(x.start, x.end, x.id, x.type, x.how, None)  # "زيارة لوزير الخارجية": his own
        if x.type == "country" and x.prep == "in" and is_after and trig.type == "CONSULT":
            continue  # "في كازاخستان": a place
        if x.start < pos:
            if x.start >= cut and x.prep == "to" and form.kind == "noun" and trig.directed and x.type == "country":
                targets.append(x)  # "وصل إلى البلاد مساء أمس في زيارة دولة": where the visit is to
            elif x.start >= cut and x.prep not in ("in", "from"):  # "طائرات من كازاخستان", "في جامعة X"
                before.append(x)
        elif is_after:
            (targets if x.prep == "to" and trig.directed else after).append(x)
    ids: list[str] = []

    def add(i: str | None) -> None:
        if i and i not in ids:
            ids.append(i)

    words = text[pos:end].split()
    word = words[0] if words else ""
    object_from = end  # where the verb's object may begin: after its subject when the verb comes first
    both = form.kind != "noun" and not form.participle and _DUAL_VERB.search(word) is not None \
        or word.endswith("هما")
    pair_p, pair_c = _pair_words(ctx, clause)
    source = before[-1].id if before else None
    if (form.participle or form.possessed) and (persons := [x for x in before if x.type == "person"]):
        # "غادر الرئيس X عشق آباد متوجها إلى أستانا", "بحث X مع Y خلال زيارته إلى باكو": the verb's subject, not its object
        source = persons[0].id
    if form.kind != "noun" and _RELATIVE_BEFORE.search(text, max(clause[0], pos - 8), pos) or \
            form.kind == "noun" and _RELATIVE_LIGHT_VERB.match(text, clause[0], pos):
        # "نائب رئيس مجلس الدولة دينغ، الذي يزور": the person right before;
        # "كان توكاييف أول الزعماء الذين وصلوا": the antecedent, told before
        right_before = [x for x in _mentions_in(ctx, max(0, clause[0] - 100), clause[0])
                        if x.type == "person" and _ANTECEDENT_GAP.fullmatch(text, x.end, clause[0])]
        source = right_before[-1].id if right_before else _earlier_subject(ctx, sentence, (pos, pos)) or source
    if source is None and form.kind != "noun" and _PRONOUN_AND.match(text, end, clause[1]):
        # "أشار X إلى أنه ... التقى هو وY": "he" is who speaks, else the
        # sentence's subject
        source = _speaker(ctx, sentence, pos) or _earlier_subject(ctx, sentence, clause)
    if source is None and form.kind != "noun" and (_WHERE_OPENING.fullmatch(text, clause[0], pos) or
                                                   _DURING_IT.match(text, end)) and \
            previous is not None and previous.clause[0] >= sentence[0] and previous.source and \
            ctx.doc.entities.get(previous.source) is not None and ctx.doc.entities[previous.source].type == "person" and \
            any(x.type == "person" for x in after) and all(x.id != previous.source for x in after):
        # "بدأ جولته في دوشنبه، حيث التقى الرئيس الطاجيكي": where he went, he met him
        source, inherited = previous.source, True
    # "أن بلاده تدعم X": a subject stands before the verb, X is its object
    svo = any(w not in _PARTICLES for w in text[cut:pos].split()) and cut > clause[0]
    if source is None and form.kind != "noun" and trig.directed and not svo and \
            clause[0] > sentence[0] and _coordinated(ctx, clause, pos, end) and \
            len({x.id for x in after}) == 1 and after[0].prep is None and after[0].start - end <= 12:
        # "أعرب المتحدث X عن صدمته، وطالب دوشنبه بضمان ...": the subject the
        # coordinated clause leaves out is the sentence's; the one name after the verb is its object
        source = _earlier_subject(ctx, sentence, clause)
    if source is None and form.kind != "noun" and not form.participle and not svo and after \
            and after[0].prep not in ("with", "to", "on") and not _COUNTERPART.search(text, end, after[0].start) \
            and (after[0].start - end <= 30 or after[0].type == "person" and after[0].start - end <= 60
                 and _TITLE_WORD.search(text, end, after[0].start)) \
            and not _pair_between(pair_p, pair_c, end, after[0].start) \
            and not _institution(ctx, after[0].id):
        subject = after.pop(0)  # verb first: "التقى الرئيس X ..."
        source, object_from = subject.id, subject.end
    if source is None and form.kind == "noun" and trig.directed and after and after[0].prep is None and \
            after[0].type == "country" and after[0].start - end <= 8 and \
            _TO_OBJECT.match(text, after[0].end, clause[1]):
        source = after.pop(0).id  # "دعم الصين الحازم لسيادة كازاخستان": the genitive, then the object
    if source is not None and form.kind == "noun" and trig.directed and after and after[0].type == "person" and \
            after[0].prep is None and after[0].start - end <= 60 and _TITLE_WORD.search(text, end, after[0].start) and \
            _ILA.search(text, after[0].end, clause[1]):
        # "أعلنت الوزارة تأجيل زيارة وزير الخارجية الروسي لافروف إلى أستانا": the visitor is the genitive
        source = after.pop(0).id
    if source is None and form.kind == "noun" and not form.possessed and after and after[0].prep is None \
            and not _WITH_NEXT.match(text, end) and \
            (after[0].start - end <= 25 or after[0].type == "person" and after[0].start - end <= 60
             and _TITLE_WORD.search(text, end, after[0].start)) \
            and (not trig.directed or after[0].type != "country" or after[0].how in ("adjective", "title")):
        source = after.pop(0).id  # "زيارة الرئيس X": the genitive; "دعم قازاقستان" is the object
    plural = inherited = False
    if source is None and not before and _THREE_STATES.search(text, clause[0], pos) and \
            len(three := _most_mentioned(ctx.doc, "country", 3)) == 3:
        plural = True  # "وكانت الدول الثلاث قد وقعت": the document's three most named countries
        for i in three:
            add(i)
    if source is None and not plural and (pair_p or pair_c) and \
            not (trig.directed and _pair_between(pair_p, pair_c, end, clause[1])) and \
            not (both and not word.endswith(("ها", "هما")) and not _pair_between(pair_p, pair_c, clause[0], end)):
        # ("واتفقا على عقد المشاورات بين البلدين": a dual verb's subject is not the pair its object names)
        plural = True
        for i in _local_pair(ctx, previous, sentence, bool(pair_p)):
            add(i)
    own = not trig.directed and len({x.id for x in after}) >= 2 and not _WITH_NEXT.match(text, end)  # "إعلان شيان الصادر عن قمة الصين وآسيا الوسطى"
    speaker = None if own else _speaker(ctx, sentence, pos)
    if speaker and not plural and (source is None or _country_of(ctx, speaker) == source):
        source = speaker
    if source is None and not plural and not own and not trig.directed and not targets and after and \
            (all(x.prep == "with" or _COUNTERPART.search(text, max(end, x.start - 25), x.start) for x in after)
             or _WITH_NEXT.match(text, end)
             # "وشارك في اليوم التالي في قمة منظمة ...": who took part is left out
             or form.kind != "noun" and _IN_NEXT.match(text, end) and _OPENS.fullmatch(text, clause[0], pos)) \
            and (form.kind != "noun" or _LIGHT_VERB.search(text, clause[0], pos)) \
            and previous is not None and previous.actors and _recent(ctx, previous, sentence):
        # "وعقد جلسة محادثات مع توكاييف", "واتفق مع الرئيس شي", "أن يلتقي نظيره": the subject
        # the clause leaves out is the previous event's ("وتناول اللقاء ..." only
        # refers back to an event: its subject is that event's)
        lead = next((e for e in reversed(told) if not e.extra.get("anaphoric")), previous) \
            if previous.extra.get("anaphoric") else previous
        subject = lead.source or lead.actors[0]
        if subject not in {x.id for x in after}:
            source, inherited = subject, True
    if source is None and not plural and not own:
        if (both or _dual_opening(text, clause[0], pos) or _IN_THEIR_PRESENCE.search(text, clause[0], pos)) \
                and ctx.principal_persons:
            plural = True  # "وشهدا التوقيع", "كما شاركا في ..."
            # "وكان وزيرا الخارجية، X وY، قد عقدا ...": the two the sentence names before
            named = list(dict.fromkeys(x.id for x in _clause_mentions(ctx, sentence[0], clause[0]) if x.type == "person"))
            for i in named if len(named) == 2 else ctx.principal_persons:
                add(i)
        else:
            same = previous is not None and previous.clause[0] >= sentence[0] and previous.actors
            source = None if same else _earlier_subject(ctx, sentence, clause)
            if same and trig.directed and previous.type == trig.type and previous.target and not after and not targets:
                # "تدعمها كازاخستان، كما تؤيد أيضا ...": the same target
                targets.append(_Mention(pos, pos, previous.target, "country", "inherited", "to"))
            if source is None and (same or _recent(ctx, previous, sentence)) and previous.actors and \
                    (trig.directed or not (after or targets)):
                inherited = True
                if trig.directed:
                    source = previous.source or previous.actors[0]
                else:
                    for i in _inherited(ctx, previous, clause):  # "ووقع القادة الستة معاهدة"
                        add(i)
    add(source)
    if form.kind == "noun" and not plural and _PARTICIPATED_IN.fullmatch(text, clause[0], pos) and \
            previous is not None and previous.actors and _recent(ctx, previous, sentence):
        # "وشارك في اليوم التالي في قمة منظمة ...": the summit's, and who took part, left out
        add(previous.source or previous.actors[0])
        inherited = True
    if not trig.directed:
        for x in before:  # "اتفقت الصين وكازاخستان": coordinated subjects
            add(x.id)
    target = targets[0].id if targets else None
    if trig.directed and trig.type == "CONSULT" and form.kind != "noun" and after and after[0].prep is None \
            and after[0].type == "country" and after[0].start - end <= 3 and after[0].id != source:
        target = after[0].id  # "يزور قازاقستان للمشاركة في اجتماع للجنة": the object, not a genitive after it
    for x in after:
        if target is None and trig.directed and x.id != source and not _institution(ctx, x.id) \
                and (trig.type not in _STANCES or x.start - object_from <= 30 or x.prep in ("to", "by")
                     or _OWNER_BEFORE.search(text, end, x.start)) \
                and (source is None or _projection(ctx, [x.id]) != _projection(ctx, [source])):
            target = x.id
        if not trig.directed:
            add((_country_of(ctx, x.id) or x.id) if _institution(ctx, x.id) else x.id)
    if trig.directed and not plural:
        if trig.mode == "visit" and target and source and _projection(ctx, [target]) == _projection(ctx, [source]):
            # "استقبل أمير البلاد رئيس الوزراء ...، بمناسبة زيارته للبلاد": the guest's visit, not the host's
            guest = next((a for a in (previous.actors if previous is not None and form.possessed and
                                      previous.clause[0] >= sentence[0] else ())
                          if a in ctx.doc.entities and ctx.doc.entities[a].type == "person"
                          and _country_of(ctx, a) and _projection(ctx, [a]) != _projection(ctx, [target])), None)
            if guest is not None:
                ids = [i for i in ids if i != source]
                source = guest
                add(source)
            else:
                target = None  # "توجه الرئيس الكازاخستاني إلى العاصمة الكازاخستانية": home, not a visit
        if target is None and trig.mode == "visit" and location and (country := _country_of(ctx, location)) and \
                (source is None or _projection(ctx, [country]) != _projection(ctx, [source])):
            target = country  # "توقف في سمرقند", "بدأ جولته في أستانا": the country of the stop, if not his own
        if target is None and form.kind != "noun" and _object_pronoun(word):
            if _recent(ctx, previous, sentence):
                target = next((i for i in ((previous.source,) + tuple(previous.actors)) if i and i != source), None)
            else:  # "المبادرات التي طرحها الرئيس شي ... تدعمها كازاخستان"
                target = _earlier_subject(ctx, sentence, (pos, pos))
        if target == source:
            target = None
        if target is None and trig.type == "COOPERATE" and source in ctx.principal_countries:
            # "وتحتضن أوزبكستان سنة السياحة الصينية": with the document's other country
            target = next((c for c in ctx.principal_countries if c != source), None)
        add(target)
        return ids, source, target, location, inherited
    add(target)
    if len(ids) < 2 and not plural and cut > clause[0]:
        # "وأعلنت الصين وأوزبكستان أنه تم الاتفاق على ...": those who say it
        sayers = [x.id for x in _clause_mentions(ctx, clause[0], cut)
                  if x.type in ACTOR_TYPES and x.prep not in ("in", "from", "to") and not _institution(ctx, x.id)]
        if len(set(sayers) | set(ids)) >= 2:
            for i in sayers:
                add(i)
    if len(ids) < 2 and not plural:
        if pair_p or pair_c:
            for i in _local_pair(ctx, previous, sentence, bool(pair_p)):
                add(i)
        elif form.kind != "noun" and _object_pronoun(word) and _recent(ctx, previous, sentence):
            for i in previous.actors:  # "استقبله توكاييف": him, of the sentence before
                if _projection(ctx, [i]) - _projection(ctx, ids):
                    add(i)
                    break
    if not ids and trig.type in ("AGREE", "COOPERATE") and _recent(ctx, previous, sentence, 2):
        inherited = True
        for i in _inherited(ctx, previous, clause):
            add(i)
    if trig.type in ("AGREE", "COOPERATE") and (not ids or len(ids) == 1 and ids[0] in ctx.principal_countries):
        # "تم توقيع اتفاقية", "وتحتضن أوزبكستان سنة السياحة الصينية": between
        # the document's two countries
        for i in ctx.principal_countries:
            add(i)
    return ids, None, None, location, inherited


_LEADERS = re.compile(r"(?<!\w)[وفل]?(?:ال)?(?:قاده|زعماء|رووساء|رؤساء|الزعماء)(?!\w)")


def _inherited(ctx: _Ctx, previous: _Event, clause: tuple[int, int]) -> list[str]:
    """The parties of the previous event for a clause that names none: as
    they were when the clause speaks of leaders ("القادة"), else the
    countries they stand for ("الاتفاق على ...")."""
    if _LEADERS.search(ctx.text, clause[0], clause[1]):
        return list(previous.actors)
    out: list[str] = []
    for i in previous.actors:
        c = _country_of(ctx, i) or i
        if c not in out:
            out.append(c)
    return out


def _pair_words(ctx: _Ctx, clause: tuple[int, int]):
    """The clause's words for the principal pair of persons and of countries."""
    key = ("p", clause)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = (_first(ctx, "pair_persons", clause[0], clause[1]),
                                 _first(ctx, "pair_countries", clause[0], clause[1]))
    return found


def _pair(ctx: _Ctx, persons: bool) -> list[str]:
    """The principal pair: its two persons ("الرئيسان"), completed by the
    countries when the document names only one of them; else the two countries."""
    if not persons:
        return ctx.principal_countries
    out = list(ctx.principal_persons)
    if len(out) < 2:
        covered = _projection(ctx, out)
        out += [c for c in ctx.principal_countries if c not in covered][:2 - len(out)]
    return out


def _local_pair(ctx: _Ctx, previous: _Event | None, sentence: tuple[int, int], persons: bool) -> list[str]:
    """The pair "الجانبان" speaks of: the two parties of the event just told
    in the same paragraph when they are not the document's principal pair
    (a round-up's second item), else the principal pair."""
    pair = _pair(ctx, persons)
    if previous is None or not _recent(ctx, previous, sentence) or \
            "\n" in ctx.text[previous.clause[0]:sentence[0]]:
        return pair
    countries = _projection(ctx, list(previous.actors))
    if len(countries) != 2:
        return pair
    if persons:
        # "التقى وزير الخارجية ... نظيره ... واتفق الوزيران": the two who just met
        people = [i for i in previous.actors if i in ctx.doc.entities and ctx.doc.entities[i].type == "person"]
        if len(people) == 2 and _projection(ctx, people) == countries:
            return people
    if countries == _projection(ctx, pair):
        return pair
    return sorted(countries, key=lambda c: next(k for k, i in enumerate(previous.actors) if (_country_of(ctx, i) or i) == c))


def _pair_between(pair_p, pair_c, lo: int, hi: int) -> bool:
    """A pair word ("البلدين") between lo and hi: the verb's object, not its subject."""
    return any(m is not None and lo <= m[0] < hi for m in (pair_p, pair_c))


_OBJECT_PRONOUN = re.compile(r"(?:[^ت]ه|ها|هما|هم)$")


def _object_pronoun(word: str) -> bool:
    return len(word) > 4 and _OBJECT_PRONOUN.search(word) is not None


_DENIAL = re.compile(r"(?<!\w)[وف]?(?:نفي|نفت|ينفي|تنفي|نفيا|نفتا|نفوا|ونفي|نافيا|نافيه|نافين|تكذيب|كذبت)(?!\w)")
# "قمة ... التي غاب عنها رئيس الوزراء X": X was absent, no party to it
_ABSENT_BEFORE = re.compile(r"(?<!\w)(?:غاب|غابت|تغيب|تغيبت)\s+عن(?:ها|ه)?\s+(?:\S+\s+){0,5}$")
_IN_PLACE_NOUN = re.compile(r"(?<!\w)(?:في|الي|من)\s+(?:ال)?(?:مدينه|عاصمه|ولايه|منطقه|مقاطعه|اقليم|محافظه|ميناء)(?:\s+\S+)?\s+$")
_COORDINATED_OPENING = re.compile(rf"[\s،,]*{_OPENING_CONJUNCTION}(?:قد\s+)?")


def _coordinated(ctx: _Ctx, clause: tuple[int, int], pos: int, end: int) -> bool:
    """The verb opens its clause after "و", "ف", "كما" or "ثم", written apart
    or glued to it ("وطالب": "طالب" is a trigger too, as "صف" of "وصف" is not)."""
    if _COORDINATED_OPENING.fullmatch(ctx.text, clause[0], pos):
        return True
    if ctx.text[pos] not in "وف" or ctx.text[clause[0]:pos].strip(" ،,"):
        return False
    entry = ctx.lx.automaton.get(" " + ctx.text[pos + 1:end] + " ", None)
    return entry is not None and entry[0] is not None
_WHERE_OPENING = re.compile(r"\s*[وف]?حيث\s+(?:قد\s+)?")
# "وشهد الوزيران التوقيع", "عقد الجانبان محادثات": a noun the past verb opening its clause governs tells what took place
_PAST_GOVERNOR = re.compile(r"[\s،,]*(?:و|ف|كما\s+|ثم\s+)?(?:قد\s+)?(?:" + _WITNESSED_PAST + "|" + _LIGHT_VERB_PAST +
                            r"|جري|جرت|تم|تمت|تراس|تراسا|تراست)(?!\w)")
_WITNESSED = re.compile(rf"(?<!\w)[وف]?(?:{_WITNESSED_PAST}|يشهد|تشهد|يشهدان|بحضور|حضور)(?:هما|هم)?(?!\w)")
_IN_THEIR_PRESENCE = re.compile(r"(?<!\w)[وف]?(?:ب|في\s+)حضورهما(?!\w)")  # "جرى بحضورهما توقيع"
_DUAL_OPENING = re.compile(r"\s*(?:[وف]|كما\s+|ثم\s+)?(?:قد\s+)?([^\W\d_]{3,}(?:ا|تا))\s")
_NOT_DUAL = frozenset({"ايضا", "كذلك", "اولا", "ثانيا", "ثالثا", "حاليا", "تماما", "مجددا", "سابقا", "لاحقا",
                       "رسميا", "هذا", "لذا", "اذا", "وهذا", "مما", "كما", "بينما", "عندما", "حينما"})


def _dual_opening(text: str, lo: int, pos: int) -> bool:
    """A clause opened by a dual verb with no subject named: "وشهدا", "كما شاركا"."""
    m = _DUAL_OPENING.match(text, lo, pos + 1)
    return m is not None and m.group(1) not in _NOT_DUAL and not m.group(1).endswith(("اا", "يا"))


def _recent(ctx: _Ctx, previous: _Event | None, sentence: tuple[int, int], back: int = 1) -> bool:
    """The previous event is in this sentence or in one of the `back` before it."""
    if previous is None:
        return False
    i = bisect_right(ctx.sentence_starts, sentence[0]) - 1
    lo = ctx.sentences[max(0, i - back)][0] if i >= 0 else sentence[0]
    return previous.clause[0] >= lo


def _earlier_subject(ctx: _Ctx, sentence: tuple[int, int], clause: tuple[int, int]) -> str | None:
    """The first person (else actor) named in the sentence before the clause."""
    first = None
    for x in _clause_mentions(ctx, sentence[0], clause[0]):
        if x.type == "person":
            return x.id
        if first is None and x.type in ACTOR_TYPES and x.prep not in ("in", "from") and not _institution(ctx, x.id):
            first = x.id
    return first


_INSTITUTION_WORDS = frozenset({"university", "institute", "college", "school", "academy", "museum", "center",
                                "centre", "hospital", "library"})


def _institution(ctx: _Ctx, entity_id: str) -> bool:
    """A university or the like: a place of the event, not a party to relations."""
    ent = ctx.doc.entities.get(entity_id)
    if ent is None or ent.type != "organization":
        return False
    return not _INSTITUTION_WORDS.isdisjoint(ent.name_en.lower().split())


def _mode(ctx: _Ctx, trig: Trigger, clause: tuple[int, int], pos: int, end: int) -> tuple[str, str] | None:
    if trig.objects:
        best = None
        for mode, _ in ctx.lx.objects:
            m = _first(ctx, "object:" + mode, end, clause[1])
            if m and (best is None or m[0] < best[0]):
                best = (m[0], mode)
        if best is None:
            return None
        return trig.type, best[1]
    for etype, mode, cue in trig.overrides:
        if _has_cue(ctx, cue, clause[0], clause[1], end):
            return etype, mode
    return trig.type, trig.mode


_DAY_PART = re.compile(r"\s*(?:في\s+)?(?:يوم\s+)?(?:امس|اليوم|(?:ال)?(?:سبت|احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه)|[\d\s/]+\s*\w*\s*\d*)\s*$")


def _object_past_subject(ctx: _Ctx, trig: Trigger, form: Form, end: int, clause: tuple[int, int],
                         sentence: tuple[int, int]) -> int | None:
    """Where the required object of a verb ends when a subject listed with
    commas puts it clauses later ("وقع الرئيس X، والرئيس Y، الأربعاء،
    اتفاقية"): the commas between hold only names and a day, no other verb."""
    if form.kind == "noun":
        return None
    hi = min(sentence[1], end + 160)
    for c in trig.requires:
        m = _first(ctx, c, clause[1], hi)
        if m is None:
            continue
        between = ctx.text[clause[1]:m[0]]
        if len(between.split()) <= 12 and all(_mentions_in(ctx, a, b) or _DAY_PART.match(ctx.text[a:b])
                                               for a, b in _comma_parts(ctx.text, clause[1], m[0])):
            return m[1]
    return None


def _comma_parts(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    parts, at = [], lo
    for i in range(lo, hi):
        if text[i] in "،,":
            parts.append((at, i))
            at = i + 1
    parts.append((at, hi))
    return [(a, b) for a, b in parts if text[a:b].strip()]


def _document_before(ctx: _Ctx, clause: tuple[int, int], pos: int) -> bool:
    """The word right before `pos` is a document noun in construct ("خطة
    المشاورات", "مذكرة تفاهم"): indefinite, as the first noun of a genitive
    is ("تضمن البيان الاتفاق على": the statement held the agreement)."""
    m = _LAST_WORD.search(ctx.text, max(clause[0], pos - 14), pos)
    return m is not None and ctx.lx.cues["documents"].fullmatch(m.group(1)) is not None \
        and not _DEFINITE.match(m.group(1)) \
        and not _LIGHT_VERB.fullmatch(m.group(1))  # "عقدا قمة": held, not a contract


_LAST_WORD = re.compile(r"(\w+)\s+$")
_REACTION_OPENING = re.compile(r"[\s،,]*[وف]?(?:ما|مما)\s+(?:دفع|دعا|استدعي|حمل)(?!\w)")
# after a visit noun: its adjectives, then where to ("إلى باكو", "لكازاخستان", "للبلاد")
_DESTINATION = re.compile(r"(?:\s+ال\w+(?:ي|يه)){0,2}\s+(?P<to>(?P<ila>الي\s+)|(?=(?P<glued>لل|ل)\w))")
_NOW = re.compile(r"(?<!\w)حاليا(?!\w)")
_OBJECT_WORD = re.compile(r"(?<!\w)(?:لل|ل|ب|بال)\w{2,}")
_NOTED_AFTER = re.compile(r"(?<!\w)الي\s+ان(?:ه|ها)?(?!\w)")  # ("وصفها بأنها ركيزة" is praise)
_DEMONSTRATIVE_BEFORE = re.compile(rf"(?<!\w)[وفب]?{_DEMONSTRATIVE}\s+$")
_WEEKDAY = re.compile(rf"(?<!\w){WEEKDAY_WORD}(?!\w)")
_IN_BEFORE = re.compile(r"(?<!\w)[وف]?في\s+$")
_ORDINAL_AFTER = re.compile(r"\s+(?:ال)(?:اولي|اول|ثانيه|ثاني|ثالثه|ثالث|رابعه|رابع|خامسه|خامس|سادسه|سادس|سابعه|سابع|"
                            r"ثامنه|ثامن|تاسعه|تاسع|عاشره|عاشر|حاديه|حادي)(?!\w)")
_NUMBERED_SESSION_BEFORE = re.compile(r"(?<!\w)(?:ال)?(?:دوره|جوله)" + _ORDINAL_AFTER.pattern + r"(?:\s+من)?\s+$")


def _definite_document_after(ctx: _Ctx, end: int) -> bool:
    """The word right after a verb is a document with the article ("الاتفاقية")."""
    m = _NEXT_WORD.match(ctx.text, end)
    return m is not None and _DEFINITE.match(m.group(1)) is not None and \
        ctx.lx.cues["documents"].fullmatch(m.group(1)[2:]) is not None


_NEXT_WORD = re.compile(r"\s+(\w+)")
# "وفقا للجمارك", "بحسب بيان": who or what tells it
_ACCORDING_TO = r"(?:(?:[وف]?(?:بحسب|حسب|وفق)|نقلا\s+عن)(?!\w)|[وف]?(?:وفقا|طبقا)\s+ل)"
_CITED_BEFORE = re.compile(rf"(?<!\w)(?:{_ACCORDING_TO}|[وف]?(?:استنادا\s+(?:الي|ل)|بموجب)|[وف]?ل)\s*$")


def _antecedent_from(ctx: _Ctx, trig: Trigger, clause: tuple[int, int], sentence: tuple[int, int], pos: int) -> int:
    """Where the noun a verb's object pronoun refers to may stand: just
    before the verb, or, for a document signed after a relative pronoun,
    in the clause before it too ("اتفاقية التجارة الحرة بين X وY، التي
    وقعها الجانبان": the signing is told there, not before. A summit
    "التي احتضنتها سمرقند" was told with its antecedent)."""
    if trig.type == "AGREE" and _RELATIVE_BEFORE.search(ctx.text, max(clause[0], pos - 8), pos):
        return max(sentence[0], pos - 90)
    return max(clause[0], pos - 30)


def _read(ctx: _Ctx, trig: Trigger, form: Form, pos: int, end: int, previous: _Event | None,
          clause: tuple[int, int], sentence: tuple[int, int], told: list[_Event] = ()) -> _Event | None:
    """The event a trigger states in its clause, or None (its clause is
    known, and the trigger is past the dateline and not negated)."""
    reach = _relative_reach(ctx, clause, sentence)  # "قمة X، التي اختتمت في ..."
    if trig.requires and not any(_has_cue(ctx, c, end, reach, end) or
                                 (c.startswith("summit") and _has_cue(ctx, c, clause[0], pos, end)) or
                                 (_OBJECT_PRONOUN_END.search(ctx.text, pos, end) and form.kind != "noun" and
                                  _has_cue(ctx, c, _antecedent_from(ctx, trig, clause, sentence, pos), pos, end)) or
                                 # "اتفقا على عقد الدورة الرابعة في باكو": the commission named just before
                                 (c == "joint_commission" and form.kind == "noun" and _ORDINAL_AFTER.match(ctx.text, end)
                                  and _joint_commission(ctx, max(0, sentence[0] - 300), pos))
                                 for c in trig.requires):
        # "اتفاقا وقعته شركة X مع شركة Y": the document before a verb with its pronoun
        far = _object_past_subject(ctx, trig, form, end, clause, sentence)
        if far is None:
            return None
        clause = (clause[0], far)
    elif trig.requires and not any(_first(ctx, c, end, clause[1]) for c in trig.requires):
        far = _object_past_subject(ctx, trig, form, end, clause, sentence)
        if far is not None:
            clause = (clause[0], far)
    if trig.requires_before and not any(_has_cue(ctx, c, clause[0], pos, end) for c in trig.requires_before):
        # "مع فرض وزارة الخزانة، في الثالث من تموز الجاري، عقوبات": the verb before a time set off by commas
        lo = _before_inserts(ctx, clause, sentence)
        if lo is None or not any(_has_cue(ctx, c, lo, pos, end) for c in trig.requires_before):
            return None
        clause = (lo, clause[1])
    if trig.next:
        window_end = min(clause[1], end + 30)
        at = _SPACES.match(ctx.text, end, window_end).end()
        if not (any(s == at for s, _ in _spans(ctx, trig.next, at, window_end)) or
                ("@city" in ctx.lx.specials.get(trig.next, ()) and
                 (_city_right_after(ctx, end, clause[1]) or _named_event_at(ctx, pos, end)))):
            return None
    kind = _mode(ctx, trig, clause, pos, end)
    if kind is None:
        return None
    if "flights" in trig.requires and form.kind == "past":
        return None  # "سيّرت الشركة العام الماضي 420 رحلة": a count, not a service run
    if kind[1] == "praise" and form.kind != "noun" and _NOTED_AFTER.search(ctx.text, end, min(clause[1], end + 60)):
        return None  # "نوه إلى أن": he noted, not praised
    if _governed_by(ctx, _CANCELLED, clause[0], pos):
        return None  # "ألغى الرئيس زيارته المقررة": it will not happen
    etype, mode = kind
    if form.kind == "noun" and _document_before(ctx, clause, pos):
        return None  # "خطة المشاورات", "اتفاقية التعاون": a document's name, not an event
    if mode == "joint_statement" and form.kind == "noun" and _CITED_BEFORE.search(ctx.text, max(clause[0], pos - 12), pos):
        return None  # "واتفق الجانبان، بحسب البيان المشترك، على": the statement is the source told
    if form.kind == "noun" and _EVERY_BEFORE.search(ctx.text, max(clause[0], pos - 8), pos):
        return None  # "في كل زيارة": any visit, not one
    if etype == "COOPERATE" and form.kind == "noun" and _TOPIC_BEFORE.search(ctx.text, max(clause[0], pos - 12), pos):
        return None  # "المفاوضات بشأن إنشاء مركز": what the talks are about, not done
    if (etype == "CONSULT" or trig.mode == "diplomatic" and trig.directed) and _counted(ctx, clause):
        return None  # "زار 92 ألف سائح صيني كازاخستان": a statistic
    actors, source, target, location, inherited = _actors(ctx, trig, form, clause, sentence, pos, end, previous, told)
    if mode == "talks" and ("joint_commission" in trig.requires or _joint_commission(ctx, clause[0], clause[1])):
        actors = _commission_parties(ctx, actors)
    types = [_type_of(ctx, a) for a in actors]
    if trig.persons_only:
        actors = [a for a, t in zip(actors, types) if t == "person"]
        types = ["person"] * len(actors)
    if not actors:
        return None
    if trig.person and "person" not in types:
        return None
    if form.kind != "noun" and (count := _COUNT_BEFORE.search(ctx.text, max(clause[0], pos - 16), pos)) and \
            not _in_date(ctx, count.start()):
        return None  # "أزيد من 140 طالبا تركمانيا": a counted noun, not the verb it is spelled like ("في شباط 2022 حضر")
    if form.kind == "noun" and _DESCRIBED_AS.search(ctx.text, max(clause[0], pos - 12), pos):
        return None  # "واصفا المشروع بأنه «تهديد لأمن المنطقة»": what a thing is called, no event
    if etype == "ACCUSE" and form.kind == "noun" and previous is not None and previous.type == "REJECT" and \
            previous.clause[0] <= pos < previous.clause[1]:
        return None  # "رفضت الخارجية الفرنسية «هذه الاتهامات»": what is rejected, not a new accusation
    if trig.explicit_target and target is None and source is not None and _ASKED.match(ctx.text, pos) and \
            len(ctx.principal_countries) == 2 and (_country_of(ctx, source) or source) in ctx.principal_countries:
        # "وطلب الجانب الكازاخستاني تخصيص أرض": one of the two asks the other
        target = next(c for c in ctx.principal_countries if c != (_country_of(ctx, source) or source))
        actors, types = _with_party(ctx, actors, types, target)
    if etype == "REJECT" and target is None and source is not None and \
            _ACCUSATIONS.search(ctx.text, end, min(clause[1], end + 60)):
        # "رفض المتحدث باسم الخارجية الهندية الاتهامات": those of the accuser just told
        accuser = next((e.source for e in reversed(told) if e.type == "ACCUSE" and e.source), None)
        if accuser is not None and accuser != source:
            target = accuser
            actors, types = _with_party(ctx, actors, types, accuser)
    if etype in ("PROTEST", "THREATEN", "REJECT") and _REACTION_OPENING.match(ctx.text, clause[0], pos) and \
            (actor := next((e.source for e in reversed(told) if e.source and e.source != source
                            and e.extra.get("sentence") == sentence[0] and e.clause[0] < clause[0]), None)):
        # "فرضت جورجيا رسوما ...، ما دفع وزارة التجارة التركية إلى الاحتجاج والتلويح بإحالة الملف
        # إلى منظمة التجارة": a reaction to whoever acted, not to where the matter is taken
        target = actor
        actors = [a for a in actors if a == source] + [target]
        types = [_type_of(ctx, a) for a in actors]
    if etype == "SANCTION" and target is None and (goods := _first(ctx, "trade_flows", end, clause[1])):
        # "فرضت جورجيا رسوما على واردات حديد التسليح التركي": whose goods
        window = _Mention(goods[1], min(clause[1], goods[1] + 50), "", "other", "goods", None)
        origin = next((c for c in _inner_actors(ctx, window) if c != (_country_of(ctx, source) or source)), None)
        if origin is not None:
            target = origin
            actors, types = _with_party(ctx, actors, types, origin)
    if trig.explicit_target and target is None:
        return None
    if len(actors) < 2 and "organization" not in types and mode not in ("multilateral_meeting", "summit"):
        return None
    if trig.directed and source is None and target is None and len(actors) < 2:
        return None
    said = _COMPLEMENTIZER.search(ctx.text, sentence[0], clause[0]) if form.participle else None
    if said is not None:
        # "قال علييف إن بلاده ... في يوليو الماضي، ...، مشيدا بـ": the participle
        # goes with the saying, not with what was said, nor its times
        told = [e for e in told if not said.start() <= e.pos < clause[0]]
        previous = told[-1] if told else None
    # what is supported or agreed may lie ahead: "اتفقا على عقد الاجتماع في نوفمبر المقبل"
    past = form.kind == "past" or form.kind == "noun" and _PAST_GOVERNOR.match(ctx.text, clause[0], pos) is not None
    when, when_text, when_kind, own_clause = _date(ctx, clause, sentence, pos, etype in _STANCES or mode == "agree",
                                                   past, said and said.start(),
                                                   form.kind != "noun")
    if not own_clause and (offset := _offset_from(ctx, clause, pos, told))[0]:
        when, when_text, when_kind, own_clause = *offset, "relative", True
    weak_date = False
    status = _status(ctx, form, clause, sentence, pos, end, when)
    if when and status in ("planned", "expected") and when_text and _PART_OF_YEAR.search(match_key(when_text)):
        when = when[:4]  # "خلال النصف الثاني من العام": some time in that year
    if status == "ongoing" and etype in _STANCES and form.kind == "present" and _speaker(ctx, sentence, pos):
        status = "occurred"  # "وأكد شي أن الصين تدعم ...": the stance was stated, an event that took place
    if _governed_by(ctx, _POSTPONED, clause[0], pos) or _PUT_OFF_AFTER.search(ctx.text, end, sentence[1]):
        # "أعلنت الوزارة أمس تأجيل زيارة ...", "أُرجئ الاجتماع إلى موعد لم يحدد",
        # "كان التوقيع مقررا ... قبل أن يرجأ": put off, it is not asserted to
        # happen (a new date is a new report)
        return None
    if mode == "visit" and status == "occurred" and when and len(when) == 10 and ctx.published and \
            (lasting := _LASTING.search(ctx.text, end, sentence[1])):
        if date.fromisoformat(when) + timedelta(days=_day_count(lasting) - 1) >= ctx.published:
            status = "ongoing"  # "وصل أمس في زيارة تستمر ثلاثة أيام": still under way
    elif mode == "visit" and status == "occurred" and when and ctx.published and when[:10] <= ctx.published.isoformat() \
            and _LASTING_UNTIL_TOMORROW.search(ctx.text, end, sentence[1]):
        status = "ongoing"
    if status in ("planned", "expected") and when and ctx.published and when[:4].isdigit() and \
            int(when[:4]) < ctx.published.year:
        # "يتوقع أن يوقعا بروتوكولا لتحديث الاتفاقية الموقعة عام 2007": a year gone is no plan's time
        when = when_text = when_kind = None
    if status in ("planned", "expected") and when and not own_clause and not _is_future(ctx, when):
        # "في عام 2019 افتتحت ...، وهي على استعداد لـ": a plan is not dated by
        # the past its sentence tells elsewhere
        when = when_text = when_kind = None
    if status in ("planned", "expected", "ongoing") and form.kind != "past" and when_kind in ("relative", "range") \
            and _WEEKDAY.search(match_key(when_text or "")) and when and len(when) == 10 and ctx.published and when < ctx.published.isoformat() and own_clause and \
            not _YESTERDAY_TODAY.search(match_key(when_text or "")) and \
            (ctx.published - date.fromisoformat(when)).days < 7 and not _first(ctx, "status:ongoing", clause[0], pos):
        # "من المقرر أن يشارك يوم الخميس", "وتستضيف شيان يومي الخميس والجمعة":
        # the coming Thursday, not the last one
        when = (date.fromisoformat(when) + timedelta(days=7)).isoformat()
        status = "planned" if status == "ongoing" else status
    # "the talks" refer back; "تم الاتفاق" (it was agreed) does not
    anaphoric = form.kind == "noun" and _DEFINITE.match(ctx.text, pos, end) is not None and \
        not _DONE_RIGHT_BEFORE.search(ctx.text, max(clause[0], pos - 10), pos) and \
        not ((_ORDINAL_AFTER.match(ctx.text, end) or _NUMBERED_SESSION_BEFORE.search(ctx.text, max(clause[0], pos - 30), pos))
             # "ترأسا الدورة الثالثة للجنة", "الدورة الأولى للمشاورات السياسية": told first, by its number
             and not _REFERENCE_BEFORE.search(ctx.text, max(clause[0], pos - 16), pos)
             and not _IN_BEFORE.search(ctx.text, max(clause[0], pos - 6), pos))
    if form.kind != "noun" and mode == "sign_agreement" and _OBJECT_PRONOUN_END.search(ctx.text, pos, end) and \
            not _first(ctx, "documents", max(clause[0], pos - 30), clause[1]) and previous is not None and previous.mode == mode and \
            _recent(ctx, previous, sentence):
        return None  # "ووقعه عن الجانب الإيراني وزير النفط": who signed the document just told
    signing = next((e for e in reversed(told) if e.mode == mode), None) if form.kind != "noun" and mode == "sign_agreement" else None
    if signing is not None and _recent(ctx, signing, sentence) and _definite_document_after(ctx, end):
        return None  # "ووقع الاتفاقية عن الصندوق مديره العام": who signed the document just told, named again
    pointed = anaphoric and _DEMONSTRATIVE_BEFORE.search(ctx.text, max(clause[0], pos - 8), pos) is not None
    if pointed:
        # "وتندرج هذه الزيارة في إطار ...، وتعزيز الزخم الذي أعطته المباحثات ... في نونبر الماضي":
        # the visit just told, of its time, not of a time the clause goes on to tell
        when, when_text = _pointed_date(mode, told)
        when_kind = None
    if anaphoric and _refers_back(ctx, clause, pos, mode, told):
        return None  # "ولم يوقع الجانبان خلال الزيارة ...": the visit told before, not another
    if anaphoric and when is None and etype == "COOPERATE" and \
            any(e.mode == mode and e.type == etype and not e.extra.get("anaphoric") for e in told):
        return None  # "أن الانضمام امتداد طبيعي": the joining told before, talked about
    if when and len(when) == 10 and form.kind == "noun":
        when = _first_day(ctx, clause, sentence, pos, end, when)
    visit = next((e for e in reversed(told) if e.mode == "visit"), None) if told else None
    if visit is not None and visit.date and len(visit.date) == 10 and not own_clause and \
            "\n" not in ctx.text[visit.clause[0]:clause[0]] and \
            (day := _DAY_OF_VISIT.search(ctx.text, clause[0], clause[1])):
        # "زيارة ... أجرى في يومها الأول محادثات ..., وشارك في اليوم التالي في قمة"
        when = (date.fromisoformat(visit.date) + timedelta(days=0 if day.group("first") else 1)).isoformat()
        when_text = day.group()
    if when is None:
        lo = sentence[0]
        if status in ("planned", "expected"):
            for m in _COMPLEMENTIZER.finditer(ctx.text, sentence[0], pos):
                lo = m.end()  # "أعلن خلال القمة أن كازاخستان ستنضم": the summit dates the saying
        when, when_text = _referenced_date(ctx, lo, pos, told)
    if when is None and form.kind != "noun":
        # "ووقع الرئيسان في ختام المحادثات": the reference after the verb
        when, when_text = _referenced_date(ctx, end, clause[1], told)
    if when is None and not pointed and previous is not None and previous.date and \
            (previous.clause[0] >= sentence[0] or (inherited and _recent(ctx, previous, sentence))) and \
            not (etype in _STANCES and _is_future(ctx, previous.date)) and \
            not (status in ("planned", "expected", "ongoing") and previous.status == "occurred") and \
            not (status == "occurred" and previous.status in ("planned", "expected")):
        # what is still going on, or yet to come, is not dated by what was done, nor what was done by a plan
        when, when_text, weak_date = previous.date, previous.date_text, previous.extra.get("weak_date", False)
    held = _last_held(previous, told)
    if when is None and not pointed and held is not None and held.date and not held.extra.get("weak_date") and \
            status == "occurred" and \
            (_recent(ctx, held, sentence) and "\n" not in ctx.text[held.clause[0]:sentence[0]] or
             held.type == "CONSULT" and held.mode in _ENCOUNTERS and _pair_words(ctx, clause)[0] and
             ctx.text.count("\n", held.clause[0], sentence[0]) == 1):
        # "وفي 24 يناير جرت المفاوضات ... . ووقع الرئيسان بيانا مشتركا": the
        # paragraph's day goes on until another is named; "the two presidents"
        # right after their talks are still at them, even in a new paragraph
        when, when_text = held.date, held.date_text
    if when is None and status == "occurred" and (etype in _STANCES or etype == "AGREE"):
        when, when_text = _said_at(ctx, told, actors, clause, sentence)
    if when is None and status == "occurred" and form.kind != "present" and \
            not _PLUPERFECT.search(ctx.text, clause[0], pos):
        # "وأشاد بيرديمحمدوف بـ«الإصلاحات»" paragraphs after the meeting: told
        # in a story of that day, with no day of its own, it is of that day; a
        # default, before a dateline's day
        when, when_text = _story_day(ctx, told)
        weak_date = when is not None
    if when is None and ctx.dateline_city and ctx.doc.published and status in ("occurred", "ongoing"):
        when, when_text, weak_date = ctx.doc.published, None, True
    service_now = "flights" in trig.requires and _NOW.search(ctx.text, clause[0], clause[1]) is not None
    if service_now:
        status = "ongoing"  # "تسيّر «أزال» حاليا ثلاث رحلات ...، وتعتزم إطلاق خط ... الشهر المقبل": now, whatever comes
    if status == "ongoing" and mode == "talks" or service_now:
        # "لا تزال المفاوضات جارية", "وتسيّر «فلاي دبي» حاليا 18 رحلة": under way, of no day
        when = when_text = None
    if location is None:
        location = _sentence_location(ctx, sentence, clause)
    if location is None and previous is not None and previous.clause[0] >= sentence[0]:
        location = previous.location
    if location is None and ctx.dateline_city and when and ctx.doc.published and \
            when[:10] == ctx.doc.published[:10]:
        location = ctx.dateline_city
    if etype == "CONSULT" and trig.mode in ("meet", "talks") and len(actors) >= 2 and \
            (side := _SIDELINES.search(ctx.text, pos, clause[1])) is not None:
        # "التقى شريف توكاييف على هامش قمة منظمة شنغهاي": the summit is the setting, not a party
        setting = {x.id for x in _clause_mentions(ctx, side.end(), clause[1])}
        kept = [a for a in actors if a not in setting or ctx.doc.entities.get(a) is None
                or ctx.doc.entities[a].type not in ("organization", "event")]
        if len(kept) >= 2:
            types = [t for a, t in zip(actors, types) if a in kept]
            actors, mode = kept, trig.mode
    if mode == "sign_agreement" and types and all(t == "person" for t in types) and \
            _WITNESSED.search(ctx.text, clause[0], pos):
        # "وشهد الرئيسان توقيع 6 اتفاقيات": they witnessed; their states signed
        for a in list(actors):
            country = _country_of(ctx, a)
            if country and country not in actors:
                actors.append(country)
    if "flights" in trig.requires or "runs" in trig.requires:
        # "تسيّر «طيران سومون» رحلتين أسبوعيا بين دوشانبيه والدوحة": the countries the route joins
        for x in _mentions_in(ctx, end, clause[1]):
            country = _country_of(ctx, x.id) if x.type == "city" else None
            if country and country not in actors and _ROUTE_BEFORE.search(ctx.text, max(0, x.start - 30), x.start):
                actors.append(country)
                types.append("country")
    if etype == "CONSULT" and mode == "meet" and any(t == "organization" for t in types):
        mode = "multilateral_meeting"
    return _Event(trig, etype, mode, actors, source, target, when, when_text, location, status,
                  clause, pos, trig.confidence, {"weak_date": weak_date, "inherited": inherited, "anaphoric": anaphoric,
                                                 "sentence": sentence[0],
                                                 "list_item": _LIST_ITEM.fullmatch(ctx.text, clause[0], pos) is not None})


# "اختتم الرئيس، أمس الخميس، زيارة استمرت يومين": the visit began the day before
_CONCLUDED = re.compile(r"(?<!\w)[وف]?(?:اختتم|اختتمت|انهي|انهت|ختم|ختمت)(?!\w)")
_DAYS = {"ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "ثمانيه": 8, "تسعه": 9, "عشره": 10}
# "ثلاثة أيام", "10 أيام", "يومين": how long a visit lasts
_DAY_COUNT = r"(?:(?P<n>\d{1,2}|" + "|".join(_DAYS) + r")\s+(?:ايام|يوما)|(?P<two>يومين))(?!\w)"
_LASTED = re.compile(r"\s*[،,]?\s*(?:\S+\s+){0,4}?(?:استمرت|استمر|دامت|دام|استغرقت|استغرق)\s+" + _DAY_COUNT)
_GOES_ON = "تستمر|يستمر|تمتد|يمتد"  # a visit that lasts
_LASTING = re.compile(rf"(?<!\w)[وف]?(?:{_GOES_ON}|تستغرق|يستغرق)\s+" + _DAY_COUNT)
# "في زيارة رسمية تستمر حتى غد الثلاثاء": ends after the day of publication
_LASTING_UNTIL_TOMORROW = re.compile(rf"(?<!\w)[وف]?(?:{_GOES_ON}|تتواصل|يتواصل)\s+(?:حتي|الي)\s+"
                                     r"(?:يوم\s+)?(?:غد|الغد|بعد\s+غد)(?!\w)")
_DAY_OF_VISIT = re.compile(r"(?<!\w)في\s+(?:(?P<first>(?:يومها|يومه)\s+الاول|اليوم\s+الاول\s+(?:منها|منه))|"
                           r"اليوم\s+(?:التالي|الثاني)|(?:يومها|يومه)\s+الثاني)(?!\w)")


def _first_day(ctx: _Ctx, clause: tuple[int, int], sentence: tuple[int, int], pos: int, end: int, when: str) -> str:
    """The first day of an event told as concluded on `when` after lasting N days."""
    if not _CONCLUDED.search(ctx.text, max(sentence[0], pos - 60), pos):
        return when
    lasted = _LASTED.match(ctx.text, end, sentence[1])
    if lasted is None:
        return when
    return (date.fromisoformat(when) - timedelta(days=_day_count(lasted) - 1)).isoformat()


# "وتأتي المكالمة بعد يوم من تهديد ...": how long before (or after) the event just named
_SPAN_OF = re.compile(rf"(?<!\w)(?P<dir>بعد|قبل)\s+{span_pattern()}\s+(?:فقط\s+)?من\s+$")


def _offset_from(ctx: _Ctx, clause: tuple[int, int], pos: int, told: list[_Event]) -> tuple[str | None, str | None]:
    """The date of an event told as a span before or after one just named
    in the clause ("وتأتي المكالمة بعد يوم من تهديد كوريا الشمالية": the
    threat was the day before the call), to the precision the span allows."""
    m = _SPAN_OF.search(ctx.text, max(clause[0], pos - 40), pos)
    span = span_of(m.group("unit"), m.group("n")) if m else None
    if span is None:
        return None, None
    mode = next((mode for mode, noun in ctx.lx.event_nouns if noun.search(ctx.text, clause[0], m.start())), None)
    anchor = next((e for e in reversed(told) if e.mode == mode and e.status == "occurred" and e.date
                   and not e.extra.get("weak_date")), None) if mode else None
    if anchor is None:
        return None, None
    unit, n = span
    when = shift(anchor.date, unit, -n if m.group("dir") == "بعد" else n)
    return (when, m.group()) if when else (None, None)


def _day_count(m: re.Match) -> int:
    """The number of days a _LASTED or _LASTING match says."""
    if m.group("two"):
        return 2
    return int(m.group("n")) if m.group("n").isdigit() else _DAYS[m.group("n")]


_OBJECT_PRONOUN_END = re.compile(r"(?:ه|ها|هما)$")
_SAYING_OCCASIONS = frozenset({"visit", "talks", "meet", "call", "summit", "multilateral_meeting"})
_SIGNED_AT_OCCASIONS = frozenset({"sign_agreement", "joint_statement"})
_OCCASIONS = _SAYING_OCCASIONS | _SIGNED_AT_OCCASIONS


def _last_held(previous: _Event | None, told: list[_Event]) -> _Event | None:
    """The event just told if it was held; past a visit still under way
    ("الذي يقوم بزيارة دولة ... منذ أمس"), dated by its first day, the one
    held before it ("استقبل X أمس ... الذي يقوم بزيارة ... وعقد الرئيسان")."""
    if previous is None or previous.status == "occurred":
        return previous
    if previous.status == "ongoing" and previous.mode == "visit":
        return next((e for e in reversed(told) if e is not previous and e.status == "occurred"
                     and e.clause[0] < previous.clause[0]), None)
    return None


# "وكان شي قد وصل": a backstory, told in the pluperfect, is not of the story's day
_PLUPERFECT = re.compile(r"(?<!\w)[وف]?(?:كان|كانت|كانا|كانوا)(?!\w)")


def _story_day(ctx: _Ctx, told: list[_Event]) -> tuple[str | None, str | None]:
    """The day the story is about: that of the first occasion it tells as
    held on a day the text gives, in the week before publication, or in the
    month of publication when the text gives no day ("الأسبوع الماضي")."""
    if ctx.published is None:
        return None, None
    for e in told:
        if e.mode in _OCCASIONS and e.status == "occurred" and e.date and not e.extra.get("weak_date") and (
                len(e.date) == 10 and 0 <= (ctx.published - date.fromisoformat(e.date)).days <= 7 or
                e.date == ctx.published.isoformat()[:7]):
            return e.date, e.date_text
    # "شارك الوزير أمس الثلاثاء في افتتاح أسبوع باكو للطاقة": a lead that
    # tells no event still gives the story's day
    k = bisect_left(ctx.date_starts, ctx.dateline_end)
    if k < len(ctx.dates):
        s, _, d = ctx.dates[k]
        if s - ctx.dateline_end < _LEAD_CHARS and d.kind == "relative" and d.value and len(d.value) == 10 and \
                0 <= (ctx.published - date.fromisoformat(d.value)).days <= 7 and not _is_future(ctx, d.value):
            return d.value, d.text
    return None, None


_LEAD_CHARS = 300  # where a lead's time is told


def _said_at(ctx: _Ctx, told: list[_Event], actors: list[str], clause: tuple[int, int],
             sentence: tuple[int, int]) -> tuple[str | None, str | None]:
    """"أجرى شي اتصالا هاتفيا بتوكاييف أمس ... \n وأشاد شي ...، فيما جدد
    توكاييف ...، واتفق الزعيمان على ...": what the parties of a dated call,
    meeting, visit or signing say or agree in its paragraph or the next was
    said there and then. An occasion of others told in between (a summit the
    guest came from) is passed over."""
    pair = _pair_words(ctx, clause)[0]
    for occasion in reversed(told):
        if occasion.mode not in _OCCASIONS or occasion.status != "occurred" or occasion.extra.get("anaphoric"):
            continue
        if ctx.text.count("\n", occasion.clause[0], sentence[0]) > (2 if pair else 1):
            return None, None  # "the two leaders" reach a paragraph further than a name
        if not (set(actors) & set(occasion.actors) or pair):
            continue
        if not occasion.date or occasion.extra.get("weak_date"):
            if occasion.mode in _SIGNED_AT_OCCASIONS:
                continue  # a signing told without its day: the meeting it closed may give it
            return None, None
        return occasion.date, occasion.date_text
    return None, None


# A clause that is only a time set off by commas: "استقبل X، أمس الأربعاء، في مقر الرئاسة Y"
_TIME_INSERT = re.compile(
    rf"\s*(?:(?:يوم|مساء|صباح|ظهر|ليله|فجر)\s+)?(?:اول\s+امس|امس|اليوم|غدا|بعد\s+غد|{WEEKDAY_WORD})"
    r"(?:\s+\S+){0,5}\s*$"
    # "، اليوم الثلاثاء بمقر الوزارة في العاصمة الإدارية الجديدة،": a time, then the seat
    r"|\s*(?:(?:يوم|مساء|صباح|ظهر)\s+)?(?:اول\s+امس|امس|اليوم|غدا)(?:\s+\S+)?"
    r"\s+(?:ب|في\s+)(?:ال)?(?:مقر|قصر|ديوان)(?:\s+\S+){1,7}\s*$")


_AGAIN = re.compile(r"\s+(?:مجددا|مره\s+اخري|مره\s+ثانيه|ثانيه)(?!\w)")

_SIDELINES = re.compile(r"(?<!\w)علي\s+هامش(?!\w)")
_NEW_CLAUSE = re.compile(r"[\s،,]*(?:و|ف(?!ي\s)|ثم\s|كما\s|حيث\s|اذ\s|الذي\s|التي\s|بينما\s|فيما\s)")


def _past_inserts(ctx: _Ctx, clause: tuple[int, int], sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause read on past a time set off by commas to the clause after
    it, when it names too few parties on its own ("استقبل توكاييف، أمس
    الأربعاء، في مقر الرئاسة نائب رئيس مجلس الدولة الصيني")."""
    i = bisect_right(ctx.clause_starts, clause[0])
    if len({x.id for x in _clause_mentions(ctx, clause[0], clause[1]) if x.type in ACTOR_TYPES}) >= 2:
        # "وقع الاتحاد الأوروبي وقرغيزستان، أول أمس الثلاثاء، في لوكسمبورغ اتفاقية":
        # past a time to the rest of the predicate, when the clause after it goes on with it
        if i + 1 < len(ctx.clauses) and ctx.clauses[i + 1][1] <= sentence[1] and \
                (_TIME_INSERT.match(ctx.text, *ctx.clauses[i]) or _SOURCE_INSERT.match(ctx.text, *ctx.clauses[i])) and \
                not _NEW_CLAUSE.match(ctx.text, ctx.clauses[i + 1][0]):
            return (clause[0], ctx.clauses[i + 1][1])
        return clause
    end = clause[1]
    inserts = 0
    # "استقبل X، وزير الخارجية ...، أمس الأربعاء، بمقر الوزارة بالقاهرة، نظيره Y":
    # up to three inserts (a time, the subject's title, the place) before the object
    while i + 1 < len(ctx.clauses) and ctx.clauses[i + 1][1] <= sentence[1] and inserts < 3 and \
            (_insert(ctx, ctx.clauses[i]) or not inserts and _subject_name(ctx, clause, ctx.clauses[i])):
        inserts += 1
        end = ctx.clauses[i + 1][1]
        i += 1
        if not _insert(ctx, ctx.clauses[i]):
            break
    return (clause[0], end)


def _before_inserts(ctx: _Ctx, clause: tuple[int, int], sentence: tuple[int, int]) -> int | None:
    """Where the clause begins that inserts set off by commas (a time, "،
    في الثالث من تموز الجاري،", a place or a title) separate from this one,
    in the same sentence; None when no insert comes right before it."""
    i = bisect_right(ctx.clause_starts, clause[0]) - 1
    skipped = 0
    while i - skipped >= 1 and skipped < 3:
        insert = ctx.clauses[i - skipped - 1]
        words = len(ctx.text[insert[0]:insert[1]].split())
        if insert[0] < sentence[0] or words > _INSERT_MAX_WORDS and \
                not (words <= _TITLE_MAX_WORDS and (_APPOSITION.match(ctx.text, *insert) or
                                                    _coordinated_subject(ctx, insert))):
            break  # (a title may be long: "وزير الشؤون الخارجية والتعاون الإفريقي والمغاربة المقيمين بالخارج")
        dated = any(insert[0] <= s < insert[1] for s, _, _ in ctx.dates[bisect_left(ctx.date_starts, insert[0]):][:3])
        if not (dated or _insert(ctx, insert) or _coordinated_subject(ctx, insert)):
            break
        skipped += 1
    if not skipped or i - skipped - 1 < 0:
        return None
    before = ctx.clauses[i - skipped - 1]
    return before[0] if before[0] >= sentence[0] else None


_INSERT_MAX_WORDS = 6
_AND_OPENING = re.compile(r"[\s،,]*و")


def _coordinated_subject(ctx: _Ctx, c: tuple[int, int]) -> bool:
    """A clause that is a second subject and its title: "عقد الشيخ تميم ...
    أمير البلاد، وفخامة الرئيس إمام علي رحمن رئيس جمهورية طاجيكستان، جلسة مباحثات"."""
    persons = [x for x in _clause_mentions(ctx, c[0], c[1]) if x.type == "person"]
    return len({x.id for x in persons}) == 1 and _AND_OPENING.match(ctx.text, c[0]) is not None and \
        len(ctx.text[c[0]:persons[0].start].split()) <= 3
_TITLE_MAX_WORDS = 10
_HONORIFIC = re.compile(r"[\s،,]*(?:(?:السيد|السيده|الدكتور|الدكتوره|المهندس|الفريق|اللواء)\s+)?")


def _subject_name(ctx: _Ctx, clause: tuple[int, int], c: tuple[int, int]) -> bool:
    """Whether clause c is only the name of a subject the clause before
    gives by its office: "استقبل رئيس الجمهورية، السيد عبد المجيد تبون،
    أمس ... رشيد مريدوف"."""
    if any(x.type in ACTOR_TYPES for x in _clause_mentions(ctx, clause[0], clause[1])):
        return False
    named = _clause_mentions(ctx, c[0], c[1])
    if len(named) != 1 or named[0].type != "person":
        return False
    return _HONORIFIC.fullmatch(ctx.text, c[0], named[0].start) is not None and \
        not ctx.text[named[0].end:c[1]].strip(" ،,")


def _insert(ctx: _Ctx, c: tuple[int, int]) -> bool:
    """A clause set off by commas that is only a time, or a title or a place
    naming no party ("، وزير الخارجية والهجرة،", "، بمقر الوزارة بالقاهرة،")."""
    if _TIME_INSERT.match(ctx.text, *c) or _SOURCE_INSERT.match(ctx.text, *c):
        return True  # the teller's names are no parties (_TELLER_BEFORE)
    # a title may name its own country ("، وزير خارجية جمهورية طاجيكستان،"), not another person
    named = {x.type for x in _clause_mentions(ctx, c[0], c[1])}
    if _APPOSITION.match(ctx.text, *c):
        return "person" not in named
    return bool(_PLACE_INSERT.match(ctx.text, *c)) and not named & {"person", "country"}


_AT_SEAT = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:مقر|قصر|مبني|ديوان(?:\s+عام)?)\s+$")  # "بديوان عام الوزارة"
_APPOSITION = re.compile(r"[\s،,]*(?:ال)?(?:وزير|رييس|نايب|سفير|مبعوث|امين|مستشار|ولي\s+العهد)(?!\w)")
# "وطلب فاضل، بحسب بيان للوزارة، من الجانب التركماني": who tells it, set off by commas
_SOURCE_INSERT = re.compile(rf"[\s،,]*{_ACCORDING_TO}")
# "، حسب بيان لوزارة الطاقة الجزائرية،": the teller set off by commas, not a party
_TELLER_BEFORE = re.compile(rf"[،,]\s*{_ACCORDING_TO}[^،,.؛:]*$")
_PLACE_INSERT = re.compile(r"[\s،,]*(?:ب|في\s+)(?:ال)?(?:مقر|قصر|العاصمه|مدينه|ضواحي)")


_REFERENCE_BEFORE = re.compile(
    r"(?<!\w)[وفل]?(?:خلال|اثناء|عقب|بعد|في\s+اعقاب|في\s+ختام|ختام|علي\s+هامش|في\s+اطار|"
    r"(?:ل|ب)?(?:تقييم\s+)?(?:نتايج|حصيله|ثمار|مخرجات)|(?:اسفرت|اسفر|تمخضت|تمخض)\s+عن(?:ه|ها)?)\s+$")


def _framing_visit(ctx: _Ctx, pos: int) -> bool:
    """A visit named, with where it went, as the frame of what its clause
    tells: "بحث الشرع مع علييف خلال زيارته إلى باكو", "استقبل الأمير رئيس
    الوزراء بمناسبة زيارته الرسمية للبلاد"."""
    text = ctx.text
    end = word_end(text, pos)
    if not (text[pos:end].endswith(_POSSESSIVES) or _REFERENCE_BEFORE.search(text, max(0, pos - 16), pos)):
        return False
    to = _DESTINATION.match(text, end)
    if to is None:
        return False
    if _TO_THE_COUNTRY.match(text, to.start("to")):
        return _home_country(ctx) is not None
    at = to.end()
    return any(x.type in PLACE_TYPES and x.start == at + (len(to.group("glued") or "") if not to.group("ila") else 0)
               for x in _mentions_in(ctx, at, at + 4))


def _refers_back(ctx: _Ctx, clause: tuple[int, int], pos: int, mode: str, told: list[_Event]) -> bool:
    """A definite event noun after "خلال", "على هامش", "في ختام", "ما أسفرت عنه" ... names an
    event told before (of its mode, or a meeting for talks, a summit for a
    meeting) and is no event of its own."""
    if not _REFERENCE_BEFORE.search(ctx.text, max(clause[0], pos - 16), pos):
        return False
    if mode == "visit" and not any(e.mode == "visit" for e in told) and _framing_visit(ctx, pos):
        return False  # "بحث مع علييف خلال زيارته إلى باكو في تموز": the visit is told here first
    return any(e.mode in _kin(mode) and not e.extra.get("anaphoric") for e in told)


def _kin(mode: str) -> frozenset[str]:
    """The modes a mention of this mode may refer back to."""
    return _ENCOUNTERS if mode in _ENCOUNTERS else _GATHERINGS | {"meet"} if mode in _GATHERINGS else frozenset({mode})


def _pointed_date(mode: str, told: list[_Event]) -> tuple[str | None, str | None]:
    """The date of the event "هذه الزيارة" / "تلك القمة" points to: the last
    of its kind told in its own right, if it has a date of its own."""
    e = next((e for e in reversed(told) if e.mode in _kin(mode) and not e.extra.get("anaphoric")), None)
    if e is not None and e.date and not e.extra.get("weak_date"):
        return e.date, e.date_text
    return None, None


def _referenced_date(ctx: _Ctx, lo: int, pos: int, told: list[_Event]) -> tuple[str | None, str | None]:
    """The date of the earlier event the sentence names before the trigger
    ("في أعقاب المفاوضات"): the last one told of that mode in its own right
    (not a mention that itself refers back), if it has a date of its own
    (not only the dateline's)."""
    for mode, phrase in ctx.lx.event_references:
        if phrase.search(ctx.text, lo, pos):
            told = [e for e in told if e.status == "occurred" and not e.extra.get("anaphoric")]
            if mode in _GATHERINGS:
                # "the summit" is the gathering the story is about, the first told
                # (others are its backstory: "استضافت بلاده القمة الأولى")
                pool = [e for e in told if e.mode in _GATHERINGS or e.mode == "meet"]
                e = pool[0] if pool else None
            else:  # the last talks told, else meeting, else visit
                pool = []
                for m in (mode, *(("talks", "meet", "visit") if mode in _ENCOUNTERS else ())):
                    pool = pool or [e for e in told if e.mode == m]
                e = pool[-1] if pool else None
            if e is not None and e.date and not e.extra.get("weak_date"):
                return e.date, e.date_text
            return None, None
    return None, None


_LIST_ITEM = re.compile(r"[\s،,]*(?:و|وعلي\s+|علي\s+)?")
_STANCES = frozenset({"SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"})
_DEFINITE = re.compile(r"(?:[وف]?[بلك]?ال|[وف]?لل)")


_RELATIVE_OPENING = re.compile(r"[\s،,]*(?:التي|الذي|اللتين|اللذين)(?!\w)")


def _relative_reach(ctx: _Ctx, clause: tuple[int, int], sentence: tuple[int, int]) -> int:
    """The clause's end, or the next clause's when that one is a relative
    clause on it ("قمة الصين وآسيا الوسطى، التي اختتمت في شيان"), or the end
    of the clause that short parentheses interrupt ("وقع القادة، اليوم
    الثلاثاء، في أستانا، معاهدة")."""
    hi = clause[1]
    if hi < sentence[1] and _RELATIVE_OPENING.match(ctx.text, hi, min(sentence[1], hi + 12)):
        nxt = _within(ctx.clauses, ctx.clause_starts, ctx.text.find(" ", hi + 1) + 1)
        if nxt is not None and nxt[1] <= sentence[1]:
            return nxt[1]
    i = bisect_right(ctx.clause_starts, clause[0])
    skipped = 0
    while i < len(ctx.clauses) and ctx.clauses[i][1] <= sentence[1]:
        lo, end = ctx.clauses[i]
        if skipped == 2 or len(ctx.text[lo:end].split()) > _PARENTHESIS_WORDS:
            return end if skipped else hi
        skipped += 1
        i += 1
    return hi


_PARENTHESIS_WORDS = 4


def _named_event_at(ctx: _Ctx, pos: int, end: int) -> bool:
    """The trigger opens a named event ("إعلان شيان" as a declaration's name)."""
    return any(x.type == "event" and x.start <= pos + 2 and x.end > end for x in _mentions_in(ctx, pos - 2, end))


def _sentence_location(ctx: _Ctx, sentence: tuple[int, int], clause: tuple[int, int]) -> str | None:
    """The first city "in" which the sentence puts something (only cities'
    prepositions are read)."""
    for x in _mentions_in(ctx, max(sentence[0], ctx.dateline_end), _reported_from(ctx, clause, sentence)):
        if x.type == "city":
            if x.prep == "?":
                x.prep = _prep_before(ctx.text, x.start)
            if x.prep == "in":
                return x.id
    return None


# --- merging --------------------------------------------------------------------------

def _dates_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a, b = a.split("/")[0], b.split("/")[0]
    return a.startswith(b) or b.startswith(a)


def _strong(e: _Event) -> str | None:
    """The event's date unless it is only the dateline's, by default."""
    return None if e.extra.get("weak_date") else e.date


def _projection(ctx: _Ctx, ids: list[str]) -> set[str]:
    return {_country_of(ctx, i) or i for i in ids}


def _joins(ctx: _Ctx, o: _Event, e: _Event) -> bool:
    """A later "participation in the summit" is the summit told before."""
    return (o.type == e.type == "CONSULT" and o.mode == "summit" and e.mode == "multilateral_meeting"
            and _ANAPHORIC_SUMMIT.search(ctx.text, *e.clause) is not None and _dates_agree(_strong(o), _strong(e)))


# A visit holds its talks and meetings: "the talks" told after a visit are its own.
_ENCOUNTERS = frozenset({"visit", "talks", "meet"})
_GATHERINGS = frozenset({"summit", "multilateral_meeting"})
_ANAPHORIC_SUMMIT = re.compile(r"(?<!\w)[وفب]?(?:في\s+)?القمه(?!\s+(?:ال)?(?:مقبله|قادمه|ثالثه|رابعه|خامسه|اولي))(?!\w)")


def _persons(ctx: _Ctx, actors: list[str]) -> set[str]:
    return {a for a in actors if a in ctx.doc.entities and ctx.doc.entities[a].type == "person"}


def _bodies(ctx: _Ctx, actors: list[str]) -> set[str]:
    return {a for a in actors if a in ctx.doc.entities and ctx.doc.entities[a].type == "organization"}


def _info(e: _Event) -> tuple:
    return (not e.extra.get("inherited"), _strong(e) is not None, len(e.actors), e.location is not None, e.source is not None, -e.pos)


def _stop_within(o: _Event, e: _Event) -> bool:
    """A stop planned within a visit going on ("قبل أن يتوجه غدا إلى مراكش"):
    the same visitor, the same country, within the week."""
    if not (o.mode == e.mode == "visit" and o.status == "ongoing" and e.status in ("planned", "expected")
            and o.source == e.source and o.target == e.target and o.date and e.date
            and len(o.date) == len(e.date) == 10):
        return False
    return 0 <= (date.fromisoformat(e.date) - date.fromisoformat(o.date)).days <= 7


def _merge(ctx: _Ctx, events: list[_Event]) -> list[_Event]:
    out: list[_Event] = []
    for e in events:
        twin = None
        for o in out:
            if _joins(ctx, o, e):
                twin = o  # "وشارك في القمة ...": a party to the summit told before
                break
            within = _stop_within(o, e)
            if o.type != e.type or not within and (not _dates_agree(_strong(o), _strong(e)) or
                                                   not _dates_agree((o.date or "")[:4], (e.date or "")[:4])):
                continue  # a dateline's day still rules out another year
            ahead = {"planned", "expected"}
            # "المفاوضات ... لا تزال جارية" goes on: not the talks a visit held (nor the visit)
            if e.extra.get("anaphoric") and not (e.status == "ongoing" and o.status == "occurred") and \
                    not (e.mode == "talks" and e.status == "ongoing" and o.mode != "talks") and \
                    (e.status in ahead) == (o.status in ahead) and (
                    e.extra.get("inherited") and o.mode == e.mode or
                    e.type == "CONSULT" and e.mode in _ENCOUNTERS and o.mode in _ENCOUNTERS and
                    (e.extra.get("inherited") or _projection(ctx, e.actors) <= _projection(ctx, o.actors))):
                twin = o  # "وعقب المحادثات": the talks (of the visit) told before
                break
            if e.extra.get("anaphoric") and e.type == o.type == "CONSULT" and o.mode in _GATHERINGS and \
                    e.mode in _GATHERINGS | {"meet"} and \
                    (o.status == e.status or "occurred" not in (o.status, e.status)):
                twin = o  # "في ختام الاجتماع": the summit told before
                break
            if o.mode != e.mode:
                continue
            if _AGAIN.match(ctx.text, word_end(ctx.text, e.pos)):
                continue  # "ثم التقيا مجددا في قازان": another meeting
            if o.status != e.status and "occurred" not in (o.status, e.status) and o.date != e.date and not within:
                continue  # ("قبل أن يتوجه غدا إلى مراكش": a stop of the visit going on)
            if o.mode == "talks" and {o.status, e.status} == {"occurred", "ongoing"}:
                continue  # "عقد الرئيسان محادثات" and "يجري البلدان حاليا مشاورات بشأن ...": held, and still going on
            if {o.status, e.status} & {"planned", "expected"} and "occurred" in (o.status, e.status) and \
                    not (_strong(o) and _strong(e)):
                continue  # "ستستضيف قمة" is not the summit "عقدت العام الماضي"
            bodies_o, bodies_e = _bodies(ctx, o.actors), _bodies(ctx, e.actors)
            if e.type == "COOPERATE" and bodies_o and bodies_e and not bodies_o & bodies_e:
                continue  # "«مصدر» تطور محطة" and "«فلاي دبي» تسيّر رحلات": two companies, two undertakings
            po, pe = _projection(ctx, o.actors), _projection(ctx, e.actors)
            so, se = _persons(ctx, o.actors), _persons(ctx, e.actors)
            if len(so) >= 2 and len(se) >= 2 and not (so <= se or se <= so):
                continue  # he met the premier, then the speaker: two meetings, though one country
            if o.source and e.source and (_projection(ctx, [o.source]) != _projection(ctx, [e.source]) or
                                          o.source != e.source and len(_persons(ctx, [o.source, e.source])) == 2):
                continue  # (Aliyev's visit is not his minister's)
            if e.type in _STANCES and (_projection(ctx, [o.source, o.target]) != _projection(ctx, [e.source, e.target])
                                       or not _recent(ctx, o, (e.extra["sentence"], e.extra["sentence"]))):
                continue  # two statements of support are two events unless one repeats the other
            if e.mode == "sign_agreement" and not e.extra.get("anaphoric") and \
                    _ALSO.search(ctx.text, e.clause[0], e.clause[1]):
                continue  # "كما وقع الجانبان اتفاقية ...": another document, another signing
            if e.mode == "agree" and not e.extra.get("anaphoric") and \
                    not _recent(ctx, o, (e.extra["sentence"], e.extra["sentence"])):
                continue  # "اتفقا على ..." and, paragraphs later, "تم الاتفاق لـ ...": two matters
            if po <= pe or pe <= po or (len(po & pe) >= 2):
                twin = o
                break
        if twin is None:
            out.append(e)
            continue
        keep, other = (twin, e) if _info(twin) >= _info(e) or _joins(ctx, twin, e) or \
            e.extra.get("anaphoric") and e.mode != twin.mode else (e, twin)  # (what refers back is not what it names)
        if keep.mode == "visit" and other.status == "ongoing" and keep.status in ("planned", "expected"):
            keep, other = other, keep  # "يواصل زيارته" and "من المقرر أن ينتقل اليوم إلى لاهور": the visit goes on
        if _strong(keep) is None and _strong(other) is not None:
            keep.date, keep.date_text, keep.extra["weak_date"] = other.date, other.date_text, False
        for attr in ("date", "date_text", "location", "source", "target"):
            value = getattr(other, attr)
            if getattr(keep, attr) is None and value is not None and \
                    (attr not in ("source", "target") or _projection(ctx, [value]) <= _projection(ctx, keep.actors)):
                setattr(keep, attr, value)
        for a in other.actors:
            if a not in keep.actors and _projection(ctx, [a]) - _projection(ctx, keep.actors):
                keep.actors.append(a)
        keep.confidence = min(0.99, max(keep.confidence, other.confidence) + 0.05)
        if keep is e:
            out[out.index(twin)] = e
    out.sort(key=lambda e: e.pos)
    return out


# --- the stage --------------------------------------------------------------------------

def extract_events(doc: Doc) -> list[dict[str, Any]]:
    lx = lexicon()
    text = doc.norm.text
    hits, index = _scan(lx, _spaced(text))
    if not hits:
        return []
    if "documents" in index:
        # "الاجتماع، الذي عقد برئاسة الزعيمين": "عقد" after a relative pronoun is held, not a contract
        index["documents"] = [(s, e) for s, e in index["documents"]
                              if not (text[s:e] in ("عقد", "وعقد") and _VERB_SLOT.search(text, max(0, s - 8), s))]
    ctx = _context(doc, lx, index)
    events: list[_Event] = []
    seen: set[tuple[tuple[int, int], str]] = set()
    previous: _Event | None = None
    for start, end, forms in hits:
        if start < ctx.dateline_end:
            continue
        clause = _within(ctx.clauses, ctx.clause_starts, start)
        if clause is None or _negated(ctx, clause[0], start):
            continue
        if clause[0] < ctx.dateline_end:
            # "بشكيك - 26 - 11 - 2024 (كونا) -- أجرى": the clause split at a dateline's dash holds its tail
            clause = (_SPACES.match(text, ctx.dateline_end, start).end(), clause[1])
        sentence = _within(ctx.sentences, ctx.sentence_starts, start) or clause
        if _OPENS_NOUN.fullmatch(text, clause[0], start) and (lo := _before_inserts(ctx, clause, sentence)) is not None \
                and _LIGHT_VERB.search(text, lo, clause[0]):
            # "أجرى X، أمس الثلاثاء في إسلام آباد، محادثات رسمية مع Y": the light verb before the inserts
            clause = (max(lo, _SPACES.match(text, ctx.dateline_end, start).end() if ctx.dateline_end else 0), clause[1])
        clause = _past_inserts(ctx, clause, sentence)
        if _DENIAL.search(text, sentence[0], start):
            continue  # "نفت الوزارة ما نشرته وسائل إعلام عن توقيع اتفاق": what is denied is not asserted
        if text[sentence[0]:sentence[1]].rstrip().endswith(("؟", "?")):
            continue  # "ما الجديد في اجتماع كابل؟": a question asserts nothing
        if _IDIOM.match(text, start):
            continue  # "انطلاقا من مدينة ترمذ": starting from, not a launch
        for form in _readings(text, start, forms):
            trig = lx.triggers[form.trigger]
            framing = trig.mode == "visit" and _framing_visit(ctx, start)
            if (clause, trig.type, trig.mode == "summit") in seen and trig.fixed_type and not framing:
                continue  # the clause has told this event already
            ev = _read(ctx, trig, form, start, end, previous, clause, sentence, events)
            if ev is None:
                continue
            # a summit the clause names beside a meeting or visit is another event
            # ("يلتقي نظيره لبحث التحضيرات لقمة منظمة شنغهاي التي تستضيفها أستانا")
            key = (ev.clause, ev.type, "visit" if framing else ev.mode == "summit")
            if ev.mode == "summit" and (ev.clause, ev.type, False) in seen and \
                    not _RELATIVE_PREDICATE.match(text, end, ev.clause[1]):
                break  # "على هامش القمة": the setting of the clause's meeting
            if key in seen:
                break
            if not (ev.extra["anaphoric"] and ev.extra["inherited"]):
                # "وتأتي الزيارة تتويجا للمكالمة الهاتفية التي جمعت ...": the visit
                # referred to frames the clause; the call after it is told anew
                seen.add(key)
            events.append(ev)
            if not (framing and previous is not None and previous.type == "CONSULT" and
                    previous.extra.get("sentence") == sentence[0]):
                previous = ev  # (a visit framing the meeting just told is no subject for what follows it)
            break
    # the visit referred to that frames a clause telling another event is no news of its own
    events = [e for e in events if not (e.type == "CONSULT" and e.extra["anaphoric"] and e.extra["inherited"] and
                                        any(o.clause == e.clause and o.pos > e.pos for o in events))]
    events = _drop_agreed_content(events)
    return [_to_json(doc, e) for e in _merge(ctx, events)]


_PARTICLES = frozenset({"و", "ف", "كما", "قد", "وقد", "فقد", "لقد", "ثم", "وكان", "كان", "وكانت", "كانت",
                        "حيث", "اذ", "بعدما", "عندما", "حين", "ان", "وان", "انه", "انها", "الذي", "التي"})


def _readings(text: str, start: int, forms: tuple[Form, ...]) -> list[Form]:
    """A bare form that is both a past verb and a noun ("دعم", "تبادل"): a
    verb when it opens its clause or follows a particle, else a noun
    ("ستواصل دعم")."""
    kinds = {f.kind for f in forms}
    if not {"past", "noun"} <= kinds:
        return list(forms)
    before = text[max(0, start - 20):start]
    words = before.split()
    opens = not words or before.rstrip()[-1:] in "،,.:؛(\"" or words[-1] in _PARTICLES
    keep = "past" if opens else "noun"
    # the other reading stays as a fallback ("ستواصل، مهما ...، دعم قازاقستان")
    return sorted(forms, key=lambda f: f.kind != keep)


def _drop_agreed_content(events: list[_Event]) -> list[_Event]:
    """"اتفقا على فتح قنصلية": the opening is what was agreed, not a second event."""
    governing = {}
    agreed_in: set[int] = set()  # sentences with an agreement
    kept = []
    for e in events:
        if e.type in ("AGREE", "SUPPORT", "REQUEST"):
            governing.setdefault(e.clause, e)
        if e.type == "AGREE" and e.mode == "agree":
            agreed_in.add(e.extra.get("sentence", -1))
        if e.type == "COOPERATE" and e.extra.get("list_item") and e.extra.get("sentence", -1) in agreed_in:
            continue  # "اتفقا على فتح قنصليتين، وإطلاق رحلات مباشرة"
        kept.append(e)
    events = kept
    # "وتدعم تنظيم عام السياحة", "تدعم كازاخستان في استضافة قمة": what is
    # supported or agreed is not a second event; but a meeting agreed on is
    # one planned ("اتفقا على عقد الدورة الثالثة للجنة المشتركة في القاهرة")
    out = []
    for e in events:
        g = governing.get(e.clause)
        if g is not None and e.type != g.type and e.type in ("COOPERATE", "CONSULT") and \
                (g.pos < e.pos and g.type != "AGREE" or g.mode == "agree" and e.type == "COOPERATE" or
                 g.mode == "agree" and g.pos < e.pos and e.status == "occurred"):
            continue
        out.append(e)
    return out


def _to_json(doc: Doc, e: _Event) -> dict[str, Any]:
    s, t = doc.norm.span(*e.clause)
    return {
        "type": e.type,
        "mode": e.mode,
        "actors": e.actors,
        "source_actor": e.source,
        "target_actor": e.target,
        "date": e.date,
        "date_text": e.date_text,
        "location": e.location,
        "status": e.status,
        "confidence": round(e.confidence, 2),
        "evidence": {"start": s, "end": t, "text": doc.text[s:t]},
    }


_SIGNING = re.compile(r"(?<!\w)[وف]?(?:وقع|وقعت|وقعا|وقعوا|وقعتا|توقيع|التوقيع|بتوقيع)(?!\w)")


def date_signed_counts(doc: Doc) -> None:
    """"وقع الجانبان 15 وثيقة": a count of the documents signed is dated by the
    signing. The figure stage, which runs first, finds at most the month of a
    day told sentences before ("وفي ختام المباحثات"). A signing the text tells
    again for its count ("ووقع الجانبان عقب المحادثات 10 اتفاقيات", "إلى جانب
    15 وثيقة أخرى") was merged into the one told first: the count takes the
    date of that signing, the nearest before it."""
    documents = lexicon().cues["documents"]
    signings = [ev for ev in doc.events if ev["type"] == "AGREE" and ev.get("mode") == "sign_agreement"
                and ev["status"] == "occurred" and ev.get("date") and not ev.get("negated")]
    if not signings:
        return
    for f in doc.figures:
        fs, fe = f["evidence"]["start"], f["evidence"]["end"]
        if f["metric"] != "count_other" or f["kind"] != "actual" or not documents.search(match_key(f["value_text"])):
            continue
        told = [ev for ev in signings if fs < ev["evidence"]["end"] and ev["evidence"]["start"] < fe
                and f["value_text"] in ev["evidence"]["text"]]
        if not told:
            sentence_start = max(doc.text.rfind(".", 0, fs), doc.text.rfind("\n", 0, fs)) + 1
            if not _SIGNING.search(match_key(doc.text[sentence_start:fe])):
                continue
            told = [ev for ev in signings if ev["evidence"]["start"] < fs][-1:]
        for ev in told:
            if f["period"] is None or ev["date"].startswith(f["period"]):
                f["period"] = ev["date"]


@component("events")
def event_stage():
    lexicon()

    def events(doc: Doc) -> None:
        doc.events = extract_events(doc)
        date_signed_counts(doc)

    return events
