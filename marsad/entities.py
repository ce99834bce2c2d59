"""The entity stage: gazetteer matching over normalized text (longest match
first, word boundaries and proclitics respected), nisba adjectives that
qualify an office or a body, short forms of persons after a full mention or
a title, and persons the gazetteer lacks that the text introduces with an
office title or a byline."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from marsad import gazetteer as gz
from marsad.doc import Doc, Entity, Mention
from marsad.pipeline import component
from marsad.text import boundary_after, prefix_ok, word_start
from marsad.translit import slug, transliterate

_TOKEN_RE = re.compile(r"\w+")
_PROCLITIC_SPLIT = re.compile(r"^(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)")
MAX_TITLE_WORDS = 4
MAX_NAME_WORDS = 3


def stems(word: str) -> set[str]:
    """`word` and what remains of it once proclitics and the article are
    taken off, in every valid way ("وللحكومه" -> {"وللحكومه", "حكومه", ...})."""
    out = {word}
    for conj in ("", "و", "ف"):
        if conj and not word.startswith(conj):
            continue
        w1 = word[len(conj):]
        for prep in ("", "ب", "ك", "ل"):
            if prep and not w1.startswith(prep):
                continue
            w2 = w1[len(prep):]
            if len(w2) >= 2:
                out.add(w2)
            if w2.startswith("ال") and len(w2) > 3:
                out.add(w2[2:])
            if prep == "ل" and w2.startswith("ل") and len(w2) > 2:
                out.add(w2[1:])  # لل = ل + ال
    return out


def _phrase_set(words: list[str]) -> frozenset[str]:
    """Normalized phrases with the article taken off their first word."""
    out = set()
    for phrase in gz.normalized_set(words):
        first, _, rest = phrase.partition(" ")
        if first.startswith("ال") and len(first) > 3:
            first = first[2:]
        out.add((first + " " + rest).strip())
    return frozenset(out)


@dataclass
class _Match:
    start: int   # normalized offsets of the name itself (proclitics excluded)
    end: int
    forms: tuple[gz.Form, ...]


@dataclass
class _Tok:
    start: int
    end: int
    text: str


class EntityRecognizer:
    def __init__(self, gazetteer: gz.Gazetteer | None = None):
        self.gaz = gazetteer or gz.load()
        self.heads = _phrase_set(gz.lexicon("heads")["heads"])
        titles = gz.lexicon("titles")
        self.titles = _phrase_set(titles["titles"])
        self.bylines = _phrase_set(titles["bylines"])
        self.qualifiers = gz.normalized_set(titles["title_qualifiers"])
        self.stopwords = gz.normalized_set(gz.lexicon("stopwords")["stopwords"])

    # -- the component -----------------------------------------------------
    def __call__(self, doc: Doc) -> None:
        norm = doc.norm.text
        tokens = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(norm)]
        starts = [t.start for t in tokens]
        accepted: list[tuple[int, int, str, str]] = []  # (start, end, entity_id, how), normalized
        covered: dict[int, str] = {}  # token index -> entity id of the accepted mention over it
        deferred: list[tuple[_Match, gz.Form]] = []

        def accept(start: int, end: int, entity_id: str, how: str) -> None:
            accepted.append((start, end, entity_id, how))
            i = bisect_left(starts, start)
            while i < len(tokens) and tokens[i].start < end:
                covered[i] = entity_id
                i += 1

        for match in self._select(self._candidates(norm)):
            self._resolve(match, norm, tokens, starts, covered, accepted, accept, deferred)
        named = {eid for _, _, eid, _ in accepted}
        for match, form in deferred:
            if form.entity_id in named:
                accept(match.start, match.end, form.entity_id, "coreference")
        self._office_persons(doc, norm, tokens, covered, accepted, accept)
        self._emit(doc, accepted)

    # -- gazetteer matches -------------------------------------------------
    def _candidates(self, norm: str) -> list[_Match]:
        out = []
        for last, (length, forms) in self.gaz.automaton.iter(norm):
            end = last + 1
            start = end - length
            if not boundary_after(norm, end):
                continue
            ws = word_start(norm, start)
            prefix = norm[ws:start]
            ok = tuple(f for f in forms if prefix_ok(prefix, f.article_dropped))
            if ok:
                out.append(_Match(start, end, ok))
        return out

    @staticmethod
    def _select(cands: list[_Match]) -> list[_Match]:
        """Longest first, then leftmost; no two chosen matches overlap."""
        taken: list[tuple[int, int]] = []
        chosen = []
        for m in sorted(cands, key=lambda m: (-(m.end - m.start), m.start)):
            if any(m.start < e and s < m.end for s, e in taken):
                continue
            taken.append((m.start, m.end))
            chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _resolve(self, match, norm, tokens, starts, covered, accepted, accept, deferred) -> None:
        by_kind: dict[str, list[gz.Form]] = {}
        for f in match.forms:
            by_kind.setdefault(f.kind, []).append(f)
        if gz.NAME in by_kind:
            names = by_kind[gz.NAME]
            eid = names[0].entity_id
            if len(names) > 1:  # a name shared by several entries: prefer one already named
                seen = [e for _, _, e, _ in accepted]
                eid = next((f.entity_id for f in names if f.entity_id in seen), eid)
            # "للصين": the name keeps the ل that stands for its article
            dropped = all(f.article_dropped for f in names if f.entity_id == eid)
            accept(match.start - dropped, match.end, eid, "gazetteer")
            return
        ws = word_start(norm, match.start)
        i = bisect_left(starts, ws)  # the token the match starts in
        if gz.ADJECTIVE in by_kind:
            if self._after_head(tokens, i, norm, covered):
                accept(match.start, match.end, by_kind[gz.ADJECTIVE][0].entity_id, "adjective")
                return
        if gz.SHORT in by_kind:
            eid = self._short_form(by_kind[gz.SHORT], tokens, i, norm, covered, accepted)
            if eid:
                accept(match.start, match.end, eid, "coreference")
                return
        for f in by_kind.get(gz.AMBIGUOUS, []):
            deferred.append((match, f))

    def _previous_words(self, tokens: list[_Tok], i: int, norm: str, n: int) -> list[str]:
        """Up to n words right before token i, nearest last, stopping at punctuation."""
        out: list[str] = []
        j = i - 1
        while j >= 0 and len(out) < n:
            gap = norm[tokens[j].end:tokens[j + 1].start if j + 1 < len(tokens) else len(norm)]
            if gap.strip():
                break
            out.insert(0, tokens[j].text)
            j -= 1
        return out

    def _phrase_before(self, phrases: frozenset[str], words: list[str]) -> bool:
        for k in range(1, len(words) + 1):
            first, rest = words[-k], words[-k + 1:] if k > 1 else []
            for stem in stems(first):
                if " ".join([stem, *rest]) in phrases:
                    return True
        return False

    def _after_head(self, tokens, i, norm, covered) -> bool:
        words = self._previous_words(tokens, i, norm, 3)
        if not words:
            return False
        if self._phrase_before(self.heads, words):
            return True
        # a chain of adjectives: "الرئيسين الصيني والكازاخستاني"
        prev = i - 1
        return prev >= 0 and prev in covered and self.gaz.entries[covered[prev]].type in ("country", "region") \
            and any(s in self.gaz.adjective_of for s in stems(tokens[prev].text))

    def _short_form(self, forms, tokens, i, norm, covered, accepted) -> str | None:
        candidates = [f.entity_id for f in forms]
        seen = [eid for _, _, eid, _ in accepted if eid in candidates]
        if seen:
            return seen[-1]  # the most recently named of them
        words = self._previous_words(tokens, i, norm, MAX_TITLE_WORDS)
        country = None
        if words and (i - 1) in covered and self.gaz.entries[covered[i - 1]].type == "country":
            country = covered[i - 1]  # "الرئيس الصيني شي": skip the adjective
            words = words[:-1]
        if not words or not self._phrase_before(self.titles, words):
            return None
        if country:
            fitting = [c for c in candidates if self.gaz.entries[c].country == country]
            if len(fitting) == 1:
                return fitting[0]
        return candidates[0] if len(set(candidates)) == 1 else None

    # -- persons introduced by an office title or a byline --------------------
    def _title_at(self, tokens: list[_Tok], i: int, norm: str, phrases: frozenset[str]) -> int:
        """Number of tokens of the longest title phrase starting at token i (0 if none)."""
        for n in range(min(MAX_TITLE_WORDS, len(tokens) - i), 0, -1):
            if n > 1 and any(norm[tokens[k].end:tokens[k + 1].start].strip() for k in range(i, i + n - 1)):
                continue
            words = [t.text for t in tokens[i:i + n]]
            first, rest = words[0], words[1:]
            if any(" ".join([s, *rest]) in phrases for s in stems(first)):
                return n
        return 0

    def _name_word(self, tok: _Tok, k: int, covered) -> bool:
        w = tok.text
        if k in covered or len(w) < 2 or w.isdigit():
            return False
        if w.startswith("ال") or w.startswith("لل"):
            return False
        return not (stems(w) & self.stopwords) and not (stems(w) & self.titles)

    def _office_persons(self, doc, norm, tokens, covered, accepted, accept) -> None:
        new: dict[str, list[int]] = {}  # name -> token indices of its first mention
        i = 0
        while i < len(tokens):
            if i in covered:
                i += 1
                continue
            byline = self._title_at(tokens, i, norm, self.bylines)
            if byline and not self._line_initial(tokens, i, norm):
                byline = 0
            title = 0 if byline else self._title_at(tokens, i, norm, self.titles)
            if not (byline or title):
                i += 1
                continue
            j = i + (byline or title)
            if title:  # skip qualifiers of the office: adjectives, places, "لدى", "آنذاك"
                while j < len(tokens) and self._gap_ok(norm, tokens, j) and (
                    j in covered or stems(tokens[j].text) & self.qualifiers
                ):
                    j += 1
            if j >= len(tokens) or not self._gap_ok(norm, tokens, j):
                i += 1
                continue
            k = j
            while k < len(tokens) and k - j < MAX_NAME_WORDS and self._name_word(tokens[k], k, covered) \
                    and (k == j or not norm[tokens[k - 1].end:tokens[k].start].strip()):
                k += 1
            if k - j >= 2:
                accept(tokens[j].start, tokens[k - 1].end, "", "office")
                new.setdefault(" ".join(t.text for t in tokens[j:k]), list(range(j, k)))
                i = k
            else:
                i += 1
        if new:
            self._person_coreference(norm, tokens, covered, accepted, accept, new)

    @staticmethod
    def _gap_ok(norm, tokens, j) -> bool:
        """The text between token j-1 and token j is spaces or a comma."""
        if j == 0:
            return True
        gap = norm[tokens[j - 1].end:tokens[j].start].strip()
        return gap in ("", "،", ",")

    @staticmethod
    def _line_initial(tokens, i, norm) -> bool:
        before = norm[tokens[i - 1].end if i else 0:tokens[i].start]
        if i == 0 or "\n" in before or before.strip(" "):
            return True
        return tokens[i - 1].text == "من"

    def _person_coreference(self, norm, tokens, covered, accepted, accept, new) -> None:
        """Later bare first or last names of persons introduced by a title."""
        short: dict[str, str] = {}
        for name in new:
            words = name.split()
            for w in (words[0], words[-1]):
                if len(w) >= 3 and not (stems(w) & self.stopwords) and w not in self.gaz.automaton:
                    short.setdefault(w, name)
        first_at = {name: tokens[idx[0]].start for name, idx in new.items()}
        for k, tok in enumerate(tokens):
            if k in covered:
                continue
            for s in stems(tok.text):
                name = short.get(s)
                if name and tok.start > first_at[name] and tok.text.endswith(s):
                    start = tok.end - len(s)
                    if prefix_ok(norm[tok.start:start]):
                        accept(start, tok.end, "", "office:" + name)
                    break

    # -- output ------------------------------------------------------------
    def _emit(self, doc: Doc, accepted) -> None:
        norm = doc.norm
        for start, end, eid, how in sorted(accepted):
            o_start, o_end = norm.span(start, end)
            surface = doc.text[o_start:o_end]
            if eid:
                entry = self.gaz.entries[eid]
                entity = doc.entities.get(eid)
                if entity is None:
                    entity = doc.entities[eid] = Entity(eid, entry.type, entry.en, entry.ar, entry.wikidata)
            else:
                name = how.split(":", 1)[1] if ":" in how else norm.text[start:end]
                if how == "office":
                    name = norm.text[start:end]
                eid = "marsad:" + slug(transliterate(name))
                entity = doc.entities.get(eid)
                if entity is None:
                    entity = doc.entities[eid] = Entity(eid, "person", transliterate(name), surface, None)
                how = "office" if how == "office" else "coreference"
            entity.mentions.append(Mention(o_start, o_end, surface, eid, how))


@component("entities")
def entity_recognizer() -> EntityRecognizer:
    return EntityRecognizer()
