"""Loader for the actor gazetteer (data/gazetteer/*.yaml) and the lexicons
(data/lexicon/*.yaml): builds one Aho-Corasick automaton over the normalized
surface forms. See data/gazetteer/README.md for the file format."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from marsad.text import match_key, normalize

try:  # the C loader is several times faster where libyaml is present
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

TYPES = frozenset({"country", "person", "organization", "city", "region", "facility", "initiative", "event", "other"})

# How a surface form may be used:
NAME = "name"            # anywhere
SHORT = "short"          # after a full mention, or right after an office title
SURNAME = "surname"      # after a full mention only (a last name the loader derives)
ADJECTIVE = "adjective"  # after an office or body noun ("الرئيس الصيني")
AMBIGUOUS = "ambiguous"  # only when the entity is named unambiguously elsewhere in the document

# Nisba endings the loader derives from a masculine singular adjective.
_NISBA_SUFFIXES = ("", "ه", "ون", "ين", "ات", "ان", "تان", "تين")


@dataclass(frozen=True)
class Form:
    entity_id: str
    kind: str
    article_dropped: bool = False  # key is a form without its ال, valid after لل


@dataclass
class Entry:
    id: str
    type: str
    en: str
    ar: str
    country: str | None = None
    capital: bool = False  # a city that is the national capital of `country`
    offices: list[dict[str, Any]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every listed surface form
    called: list[str] = field(default_factory=list)  # common nouns the press calls it by ("المملكة")

    @property
    def wikidata(self) -> str | None:
        return self.id if self.id.startswith("Q") and self.id[1:].isdigit() else None


@dataclass
class Gazetteer:
    entries: dict[str, Entry]
    automaton: Any  # ahocorasick.Automaton: key -> (len, tuple[Form, ...])
    adjective_of: dict[str, str]  # normalized adjective form -> entity id

    @cached_property
    def by_english(self) -> dict[str, list[Entry]]:
        """Lower-cased English name -> its entries (built once; lookup is asked per document)."""
        index: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            index.setdefault(entry.en.lower(), []).append(entry)
        return index

    def names(self, key: str) -> bool:
        """Whether the normalized `key` is a form of some entry in its own
        right, not only a last name the loader derived."""
        hit = self.automaton.get(key, None)
        return hit is not None and any(f.kind != SURNAME for f in hit[1])

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose surface forms include `name` (any spelling), or whose id or English name is `name`."""
        if name.strip() in self.entries:
            return [self.entries[name.strip()]]
        key = match_key(name)
        hits = self.by_english.get(name.strip().lower())
        if hits:
            return list(hits)
        if key in self.automaton:
            _, forms = self.automaton.get(key)
            seen = []
            for f in forms:
                if f.entity_id not in seen:
                    seen.append(f.entity_id)
            return [self.entries[i] for i in seen]
        return []


def _data_dir(sub: str) -> Path:
    return Path(str(resources.files("marsad") / "data" / sub))


def read_yaml_list(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=_Loader)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a YAML list of entries")
    return data


def _spellings(form: str) -> set[str]:
    """Normalized keys for one listed form: hyphens as written, as spaces, and
    spaced; apostrophes kept and dropped (Xi'an / Xian)."""
    key = match_key(form)
    keys = {key}
    if "-" in key:
        bare = key.replace(" - ", "-").replace("- ", "-").replace(" -", "-")
        keys |= {bare, bare.replace("-", " "), bare.replace("-", " - ")}
    for apostrophe in ("'", "’"):
        if apostrophe in key:
            keys |= {k.replace(apostrophe, "") for k in keys}
    return {k for k in keys if k}


def _nisba_forms(adjective: str) -> set[str]:
    stem = normalize(adjective).strip()
    forms = set()
    for suffix in _NISBA_SUFFIXES:
        word = stem + suffix
        forms |= {word, "ال" + word}
    return forms


def _country_spellings(body: Entry, country: Entry, stems: list[str], capitals: list[Entry]) -> set[str]:
    """A body's names with its country spelled every way the country is:
    "مكتب الإحصاء الوطني الكازاخستاني" also as "... القازاقستاني", "لجنة
    الإحصاء في كازاخستان" also as "... في قازاقستان" and "... في أستانا"
    (its capital). The listed names give one spelling; news uses them all."""
    country_keys = {match_key(n) for n in [country.ar, *country.names] if not n.isascii()}
    place_keys = country_keys | {match_key(n) for c in capitals for n in [c.ar, *c.names] if not n.isascii()}
    out: set[str] = set()
    for name in body.names:
        key = match_key(name)
        head, _, last = key.rpartition(" ")
        if not head:
            continue
        article = "ال" if last.startswith("ال") else ""
        bare = last[len(article):]
        for stem in stems:
            if bare.startswith(stem) and bare[len(stem):] in _NISBA_SUFFIXES:
                suffix = bare[len(stem):]
                out |= {f"{head} {article}{other}{suffix}" for other in stems}
                break
        for ck in sorted(country_keys, key=len, reverse=True):
            if key.endswith(" في " + ck):
                stub = key[:len(key) - len(ck)]
                out |= {stub + other for other in place_keys}
                # "المكتب الوطني للإحصاء في كازاخستان" is also "... الكازاخي", its
                # nisba agreeing with the head noun ("الإدارة ... الكويتية")
                suffix = "ه" if key.split()[0].endswith("ه") else ""
                out |= {f"{stub[:-len(' في ')]} ال{other}{suffix}" for other in stems}
                break
            if key.endswith(" " + ck) or key.endswith(" ل" + ck):
                # "وكالة الإحصاء التابعة لرئيس أوزبكستان": "... لرئيس جمهورية أوزبكستان" too
                stub = key[:len(key) - len(ck)]
                out |= {stub + other for other in country_keys}
                break
    return out - {match_key(n) for n in body.names}


def build(entries_raw: list[dict[str, Any]], source: str = "<data>") -> Gazetteer:
    entries: dict[str, Entry] = {}
    forms: dict[str, list[Form]] = {}
    adjective_of: dict[str, str] = {}
    nisba_stems: dict[str, list[str]] = {}  # country id -> its adjectives' stems

    def add(key: str, form: Form) -> None:
        bucket = forms.setdefault(key, [])
        if form not in bucket:
            bucket.append(form)

    for raw in entries_raw:
        missing = [k for k in ("id", "type", "en", "ar") if not raw.get(k)]
        if missing:
            raise ValueError(f"{source}: entry {raw!r} lacks {', '.join(missing)}")
        if raw["type"] not in TYPES:
            raise ValueError(f"{source}: entry {raw['id']} has unknown type {raw['type']!r}")
        if raw["id"] in entries:
            raise ValueError(f"{source}: duplicate id {raw['id']}")
        if "capital" in raw and (not isinstance(raw["capital"], bool) or raw["capital"]
                                 and (raw["type"] != "city" or not raw.get("country"))):
            raise ValueError(f"{source}: entry {raw['id']}: capital is true or false, and true only on a city with a country")
        entry = Entry(
            id=str(raw["id"]), type=raw["type"], en=str(raw["en"]), ar=str(raw["ar"]),
            country=raw.get("country"), capital=bool(raw.get("capital")),
            offices=list(raw.get("offices") or []),
            called=[match_key(str(n)) for n in raw.get("called") or []],
        )
        entries[entry.id] = entry
        kinds = (
            (NAME, [entry.ar, *(raw.get("variants") or [])]),
            (SHORT, raw.get("short") or []),
            (AMBIGUOUS, raw.get("ambiguous") or []),
        )
        for kind, names in kinds:
            for name in names:
                entry.names.append(str(name))
                for key in _spellings(str(name)):
                    add(key, Form(entry.id, kind))
                    # "للصين" is ل + (ال)صين; "ألما" is no article + ما
                    if key.startswith("ال") and len(key[2:].split()[0]) >= 3:
                        add(key[2:], Form(entry.id, kind, article_dropped=True))
        for adjective in raw.get("adjectives") or []:
            nisba_stems.setdefault(entry.id, []).append(normalize(str(adjective)).strip())
            for key in _nisba_forms(str(adjective)):
                add(key, Form(entry.id, ADJECTIVE))
                adjective_of.setdefault(key, entry.id)

    # A person's family name alone names him, unless it is a common word ("هو"
    # of Hu Jintao), names something else, is a family's or tribe's ("الصباح")
    # or a father's ("زايد" of "عبدالله بن زايد"): told first ("يون" of "يون
    # سوك يول") it is a short form, also after a title; told last ("عطاف" of
    # "أحمد عطاف") only after the full name ("رشيد" alone is many men).
    family_first = {str(raw["id"]) for raw in entries_raw if raw.get("family_name_first")}
    common = word_list("common_words")
    for entry in entries.values():
        if entry.type != "person":
            continue
        first = entry.country in family_first
        for name in entry.names:
            words = name.split()
            if len(words) < 2 or name.isascii():
                continue
            if first:
                key, kind = match_key(words[0]), SHORT
            elif any(match_key(w) in ("بن", "ابن", "بنت") for w in words) or match_key(words[-1]).startswith("ال"):
                continue
            else:
                key, kind = match_key(words[-1]), SURNAME
            if len(key) >= 3 and key not in common and all(f.kind in (SHORT, SURNAME) for f in forms.get(key, ())):
                add(key, Form(entry.id, kind))

    capitals_of: dict[str, list[Entry]] = {}
    for entry in entries.values():
        if entry.capital:
            capitals_of.setdefault(entry.country, []).append(entry)
    for entry in entries.values():
        if entry.type in ("organization", "facility") and entry.country in entries:
            capitals = capitals_of.get(entry.country, [])
            for key in _country_spellings(entry, entries[entry.country], nisba_stems.get(entry.country, []), capitals):
                add(key, Form(entry.id, NAME))

    automaton = ahocorasick.Automaton()
    for key, bucket in forms.items():
        automaton.add_word(key, (len(key), tuple(bucket)))
    automaton.make_automaton()
    return Gazetteer(entries, automaton, adjective_of)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    raw: list[dict[str, Any]] = []
    for path in sorted(_data_dir("gazetteer").glob("*.yaml")):
        raw.extend(read_yaml_list(path))
    return build(raw, "data/gazetteer")


@lru_cache(maxsize=None)
def lexicon(name: str) -> Any:
    """A lexicon file from data/lexicon/<name>.yaml."""
    with open(_data_dir("lexicon") / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A one-word-a-line list from data/lexicon/<name>.txt ('#' lines are comments)."""
    with open(_data_dir("lexicon") / f"{name}.txt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


def past_of_present(word: str) -> str | None:
    """The past whose letters a present-tense verb (prefix ي, ت or ن) repeats
    after its prefix: measures V and VI ("يتعهد" -> "تعهد", "يتبادل" ->
    "تبادل") and plain verbs whose root opens with a hamza or ن ("ياخذ" ->
    "اخذ", "ينقل" -> "نقل"); a word list that holds the past then knows the
    present too. None when `word` cannot be such a verb."""
    if len(word) >= 5 and word[0] in "يتن" and word[1] in "تان":
        return word[1:]
    return None


def normalized_set(words: list[str]) -> frozenset[str]:
    return frozenset(map(match_key, words))
