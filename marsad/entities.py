"""The entity stage: gazetteer matching over normalized text (longest match
first, word boundaries and proclitics respected), nisba adjectives that
qualify an office or a body, short forms of persons after a full mention or
a title, persons the gazetteer lacks that the text introduces with an
office title or a byline, and bodies the gazetteer lacks that the text names
with a head noun ("وزارة السياحة والرياضة", "الشركة الصينية لهندسة الطاقة",
"شركة «أكوا باور»")."""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

import ahocorasick

from marsad import gazetteer as gz
from marsad.doc import Doc, Entity, Mention
from marsad.pipeline import component
from marsad.text import is_word_char, match_key, prefix_ok, word_start
from marsad.translit import slug, transliterate

_TOKEN_RE = re.compile(r"\w+")
# a definite word right after a name that is also a common noun makes it the
# noun ("وترأس الوفد التركماني": the delegation, not the daily «الوفد»)
_QUALIFIED_AFTER = re.compile(r"\s+ال\w{2,}(?:ي|يه)(?!\w)")
_IN_PLACE = re.compile(r"\s+(?:\w+\s+)?في\s+(?:العاصمه\s+|مدينه\s+)?")
MAX_TITLE_WORDS = 4
MAX_NAME_WORDS = 3


@lru_cache(maxsize=1 << 16)
def stems(word: str) -> frozenset[str]:
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
    return frozenset(out)


def _phrase_set(words: list[str]) -> frozenset[str]:
    """Normalized phrases with the article taken off their first word."""
    out = set()
    for phrase in gz.normalized_set(words):
        first, _, rest = phrase.partition(" ")
        if first.startswith("ال") and len(first) > 3:
            first = first[2:]
        out.add((first + " " + rest).strip())
    return frozenset(out)


@dataclass(slots=True)
class _Match:
    start: int   # normalized offsets of the name itself (proclitics excluded)
    end: int
    by_kind: dict[str, list[gz.Form]]  # the forms the key may be here, by kind (shared: do not change)


# the offices of heads of state and government and their ministers, which no envoy holds
_TOP_ROLES = frozenset({"president", "prime_minister", "foreign_minister", "king", "emir", "crown_prince",
                        "vice_president", "premier", "chancellor", "supreme_leader"})


class EntityRecognizer:
    def __init__(self, gazetteer: gz.Gazetteer | None = None):
        self.gaz = gazetteer or gz.load()
        heads = gz.lexicon("heads")
        self.heads = _phrase_set(heads["heads"])
        self.place_heads = _phrase_set(heads["place_heads"])
        titles = gz.lexicon("titles")
        self.titles = _phrase_set(titles["titles"])
        self.qualifiers = gz.normalized_set(titles["title_qualifiers"])
        self.envoy_titles = gz.normalized_set(titles["envoy_titles"])
        self.stopwords = gz.normalized_set(gz.lexicon("stopwords")["stopwords"])
        self.stopwords_only = self.stopwords  # function words, without the corpus's common words
        # ordinary words (from tagged news text): a name does not run into them
        self.stopwords |= gz.word_list("common_words")
        self.organizations = frozenset(i for i, e in self.gaz.entries.items() if e.type == "organization")
        anaphoric = sorted(gz.normalized_set(heads["anaphoric_heads"]))
        # "الوزارة", "وللوزارة", "بالوزارة": the head with its article, nothing after it that names it
        # scanned for from the article on (a literal the engine finds fast); the
        # proclitics before it are checked after
        self.anaphor_re = re.compile(rf"(?:ال|لل)(?P<head>{'|'.join(anaphoric)})(?!\w)(?!\s+ال)")
        self.introducers = _phrase_automaton(self.titles, _phrase_set(titles["bylines"]))
        self._valid_forms: dict[tuple[str, int], dict[str, list[gz.Form]]] = {}  # (prefix, forms) -> forms it allows
        called: dict[str, list[str]] = {}
        for entry in self.gaz.entries.values():
            for noun in entry.called:
                called.setdefault(noun, []).append(entry.id)
        self.called = called
        # the nouns alone, a proclitic checked by hand: an alternation of
        # words the regex engine can scan for by their first letters
        self.called_re = re.compile(rf"(?:{'|'.join(map(re.escape, called))})(?!\w)") if called else None

    # -- the component -----------------------------------------------------
    def __call__(self, doc: Doc) -> None:
        norm = doc.norm.text
        found = _Found(norm)
        found.doc = doc
        deferred: list[tuple[_Match, gz.Form]] = []
        candidates = self._candidates(norm)
        chosen = self._select(candidates)
        for match in chosen:
            self._resolve(match, norm, found, deferred)
        named = {eid for _, _, eid, _ in found.accepted}
        if doc.source:  # the outlet the document credits is named: "(الأناضول)" is the agency
            outlets = [e for e in self.gaz.lookup(doc.source) if e.type == "organization"]
            if len(outlets) == 1:
                named.add(outlets[0].id)
        for match, form in deferred:
            placed = self._country_before(norm, match, found)
            if placed is not None:  # "في العاصمة الأردنية عمان": Jordan's, whatever else is named
                entry = self.gaz.entries[form.entity_id]
                if (form.entity_id if entry.type == "country" else entry.country) == placed:
                    found.accept(match.start, match.end, form.entity_id, "coreference")
                continue
            if form.entity_id in named and not (self.gaz.entries[form.entity_id].type == "organization"
                                                and _QUALIFIED_AFTER.match(norm, match.end)) or \
                    self._owned_by_known_body(norm, match, form, found) or \
                    self._placed_in_its_country(norm, match, form, found) or \
                    self._capital_of_named_country(match, form, named):
                found.accept(match.start, match.end, form.entity_id, "coreference")
        self._called(norm, found)
        self._commissions(norm, found)
        self._foreign_ministries(norm, found)
        self._quoted_bodies(norm, found)
        self._bodies(norm, found)
        self._features(norm, found)
        self._office_persons(norm, found)
        self._anaphoric_bodies(norm, found)
        self._emit(doc, found.accepted + self._named_inside(candidates, chosen, found))

    # -- gazetteer matches -------------------------------------------------
    def _candidates(self, norm: str) -> list[_Match]:
        out = []
        size = len(norm)
        valid = self._valid_forms
        # Most hits sit inside longer words: the checks below are inlined
        # and bounded (a run of proclitics is at most three letters).
        for last, (length, forms) in self.gaz.automaton.iter(norm):
            end = last + 1
            if end < size and ((ch := norm[end]).isalnum() or ch == "_"):
                continue
            start = ws = end - length
            if start and ((ch := norm[start - 1]).isalnum() or ch == "_"):
                while ws > 0 and ws > start - 4 and ((ch := norm[ws - 1]).isalnum() or ch == "_"):
                    ws -= 1
                if ws == start - 4 and ws > 0 and ((ch := norm[ws - 1]).isalnum() or ch == "_"):
                    continue  # glued to a longer run of letters
                prefix = norm[ws:start]
                if prefix not in _PROCLITIC_RUNS:
                    continue
            else:
                prefix = ""
            # The automaton hands back the same tuple for a key every time.
            by_kind = valid.get((prefix, id(forms)))
            if by_kind is None:
                by_kind = valid[(prefix, id(forms))] = _by_kind(prefix, forms)
            if by_kind:
                out.append(_Match(start, end, by_kind))
        return out

    def _named_inside(self, candidates: list[_Match], chosen: list[_Match], found: "_Found") -> list:
        """Countries and regions named inside the name of a summit ("القمة
        الثانية بين الصين وآسيا الوسطى"): its parties, mentions too though the
        longer name took their words. (Inside a route's or a body's name they
        are not: "طريق النقل العابر لبحر قزوين".)"""
        holders = [(a[0], a[1]) for a in found.accepted if a[2] and self.gaz.entries[a[2]].type == "event"]
        if not holders:
            return []
        taken = {id(m) for m in chosen}
        inner = [m for m in candidates if id(m) not in taken and gz.NAME in m.by_kind
                 and self.gaz.entries[m.by_kind[gz.NAME][0].entity_id].type in ("country", "region")
                 and any(lo <= m.start and m.end <= hi for lo, hi in holders)]
        # the longest inside names, as outside ("آسيا الوسطى", not "آسيا")
        return [(m.start, m.end, m.by_kind[gz.NAME][0].entity_id, "inside") for m in self._select(inner)]

    @staticmethod
    def _select(cands: list[_Match]) -> list[_Match]:
        """Longest first, then leftmost; no two chosen matches overlap."""
        if not cands:
            return []
        taken = bytearray(max(m.end for m in cands))
        chosen = []
        for m in sorted(cands, key=lambda m: (-(m.end - m.start), m.start)):
            if 1 in taken[m.start:m.end]:
                continue
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _resolve(self, match: _Match, norm: str, found: "_Found", deferred: list) -> None:
        by_kind = match.by_kind
        if gz.NAME in by_kind:
            names = by_kind[gz.NAME]
            eid = names[0].entity_id
            if len(names) > 1:  # a name shared by several entries: prefer one already named
                seen = [e for _, _, e, _ in found.accepted]
                eid = next((f.entity_id for f in names if f.entity_id in seen), eid)
            # "للصين": the name keeps the ل that stands for its article
            dropped = names[0].article_dropped if len(names) == 1 else \
                all(f.article_dropped for f in names if f.entity_id == eid)
            found.accept(match.start - dropped, match.end, eid, "gazetteer")
            return
        ws = word_start(norm, match.start)
        if gz.ADJECTIVE in by_kind and (how := self._after_head(norm, ws, found)):
            found.accept(match.start, match.end, by_kind[gz.ADJECTIVE][0].entity_id, how)
            return
        if gz.SHORT in by_kind:
            eid = self._short_form(by_kind[gz.SHORT], norm, ws, found)
            if eid:
                found.accept(match.start, match.end, eid, "coreference")
                return
        if gz.SURNAME in by_kind:
            candidates = {f.entity_id for f in by_kind[gz.SURNAME]}
            seen = [eid for _, _, eid, _ in found.accepted if eid in candidates]
            if seen:
                found.accept(match.start, match.end, seen[-1], "coreference")
                return
        for f in by_kind.get(gz.AMBIGUOUS, []):
            deferred.append((match, f))

    def _phrase_before(self, phrases: frozenset[str], words: list[str]) -> bool:
        for k in range(1, len(words) + 1):
            first, rest = words[-k], words[len(words) - k + 1:]
            for stem in stems(first):
                if " ".join([stem, *rest]) in phrases:
                    return True
        return False

    def _after_head(self, norm: str, ws: int, found: "_Found") -> str | None:
        """How a nisba at `ws` names its country: "adjective" after an office
        or body ("الرئيس الصيني"), "place" after a place noun ("العاصمة
        الكازاخية", "مدينة قبلة الأذربيجانية": where, not who), else None."""
        prev = previous_words(norm, ws, 3)
        if not prev:
            return None
        how = self._head_before(tuple(w for _, w in prev))
        if how:
            return how
        # a chain of adjectives: "الرئيسين الصيني والكازاخستاني"
        p_start, p_word = prev[-1]
        eid = found.covered.get(p_start)
        chained = eid is not None and self.gaz.entries[eid].type in ("country", "region") \
            and any(s in self.gaz.adjective_of for s in stems(p_word))
        return "adjective" if chained else None

    @lru_cache(maxsize=1 << 14)  # "الرئيس الصيني", "العاصمة الكازاخية": the same few words, again and again
    def _head_before(self, words: tuple[str, ...]) -> str | None:
        if self._phrase_before(self.place_heads, words) or \
                len(words) >= 2 and not stems(words[-2]).isdisjoint(self.place_heads):
            return "place"
        if self._phrase_before(self.heads, words):
            return "adjective"
        for i, w in enumerate(words[:-1]):
            # "اللجنة الحكومية المشتركة الإماراتية": a body's head, its own adjectives, then the nisba
            if not stems(w).isdisjoint(self.heads) and \
                    all(x.startswith("ال") and x not in self.gaz.adjective_of for x in words[i + 1:]):
                return "adjective"
        return None

    def _short_form(self, forms: list[gz.Form], norm: str, ws: int, found: "_Found") -> str | None:
        candidates = [f.entity_id for f in forms]
        seen = [eid for _, _, eid, _ in found.accepted if eid in candidates]
        if seen:
            return seen[-1]  # the most recently named of them
        prev = previous_words(norm, ws, MAX_TITLE_WORDS)
        country = None
        if prev and (eid := found.covered.get(prev[-1][0])) and self.gaz.entries[eid].type == "country":
            country = eid  # "الرئيس الصيني شي": look past the adjective
            prev = prev[:-1]
        if not prev or not self._phrase_before(self.titles, [w for _, w in prev]):
            return None
        if not stems(prev[-1][1]).isdisjoint(self.envoy_titles) and \
                all({o.get("role") for o in self.gaz.entries[c].offices} & _TOP_ROLES for c in candidates):
            return None  # "السفير تميم خلاف": an envoy, not the emir whose first name he bears
        if country:
            # "السفير الأوكراني بيترو": a Ukrainian, not Colombia's Petro
            fitting = [c for c in candidates if self.gaz.entries[c].country == country]
            return fitting[0] if len(set(fitting)) == 1 else None
        return candidates[0] if len(set(candidates)) == 1 else None

    # -- bodies the gazetteer lacks ------------------------------------------
    def _owned_by_known_body(self, norm: str, match: _Match, form: gz.Form, found: "_Found") -> bool:
        """An ambiguous form of a body followed by "التابع(ة) ل" and a body
        of its own country ("مكتب الإحصاء الوطني التابع لوكالة التخطيط ...")."""
        entry = self.gaz.entries[form.entity_id]
        if entry.type != "organization" or not entry.country:
            return False
        m = _OWNED_RE.match(norm, match.end)
        if m is None:
            return False
        eid = found.starting_at.get(m.end())
        if not eid:
            return False
        owner = self.gaz.entries[eid]
        return owner.type == "organization" and owner.country == entry.country

    def _called(self, norm: str, found: "_Found") -> None:
        """"المملكة" alone in a document that names one kingdom (a Saudi
        daily's "يزور الرئيس المملكة"): that country."""
        if self.called_re is None:
            return
        named = {eid for _, _, eid, _ in found.accepted}
        named |= {self.gaz.entries[eid].country for eid in named
                  if eid in self.gaz.entries and self.gaz.entries[eid].type == "city"}  # "الرياض"
        for m in self.called_re.finditer(norm):
            start = m.start()
            ws = word_start(norm, start)
            if norm[ws:start] not in _ONE_PROCLITIC:
                continue  # one proclitic may be glued on ("والمملكة", "بالسلطنة"), no more
            if ws in found.covered or start in found.covered:
                continue  # "المملكة العربية السعودية", "المملكة المتحدة": named in full
            owners = [eid for eid in self.called[m.group()] if eid in named]
            if len(owners) == 1:
                found.accept(start, m.end(), owners[0], "coreference")

    def _anaphoric_bodies(self, norm: str, found: "_Found") -> None:
        """"وطالبت الوزارة في بيانها": the body named last whose name opens
        with that head noun (a ministry, a committee, a fund)."""
        anaphors = [m for m in self.anaphor_re.finditer(norm)
                    if norm[word_start(norm, m.start()):m.start()] in _ANAPHOR_PROCLITICS]
        if not anaphors:
            return
        bodies = []  # (start, head stems, entity id, how) of the bodies named
        organizations = self.organizations
        for start, end, eid, how in sorted(a for a in found.accepted
                                           if a[2] in organizations or not a[2] and a[3].startswith("body:")):
            first = norm[start:end].split(" ", 1)[0]
            quoted = _HEAD_BEFORE_QUOTE.search(norm, max(0, start - 20), start)
            if quoted:  # "شركة «برقي تاجيك»": the head noun stands before the quotes
                first = quoted.group(1)
            bodies.append((start, stems(first), eid, how))
        if not bodies:
            return
        for m in anaphors:
            start = m.start("head") - 2  # "الوزارة", or "للوزارة" with its fused article
            if m.start() in found.covered or found.crosses(start, m.end()):
                continue
            head = m.group("head")
            before = [b for b in bodies if b[0] < start and head in b[1]]
            if before:
                _, _, eid, how = before[-1]
                found.accept(start, m.end(), eid, "coreference" if eid else how)

    def _commissions(self, norm: str, found: "_Found") -> None:
        """A standing commission of two countries, named by its head and the
        words that make it joint: "اللجنة الحكومية المشتركة", "للجنة
        السعودية القرغيزية المشتركة", "لجنة التعاون القازاقستانية الصينية",
        "اللجنة الحكومية الروسية المنغولية للتعاون التجاري والاقتصادي". The
        nisbas inside stay the countries' mentions."""
        named = None  # the last commission named with its countries
        for m in _COMMISSION_HEAD.finditer(norm):
            end = m.end()
            nisbas, joint, state, cooperation = 0, False, False, False
            while (w := _NEXT_WORD.match(norm, end)) is not None:
                word = w.group("w")
                bare = word[2:] if word.startswith("ال") else word
                eid = found.covered.get(w.start("w"))
                if bare in _JOINT_WORDS:
                    joint = True
                elif bare in _STATE_WORDS:
                    state = True
                elif bare in ("تعاون", "مشاورات") and end == m.end():
                    cooperation = True  # "لجنة التعاون ...", "لجنة المشاورات السياسية"
                elif eid and eid in self.gaz.entries and self.gaz.entries[eid].type == "country" or \
                        not eid and any(e.type == "country" for e in self.gaz.lookup(word)):
                    nisbas += 1  # "الجزائرية-الأذربيجانية": the second glued on by a dash
                elif not (word.startswith("ال") and (word.endswith("يه") or cooperation and word.endswith("ي"))):
                    break  # "اللجنة الاقتصادية المشتركة", "لجنة التعاون الاقتصادي ...": adjectives go on
                end = w.end()
            if not (joint or cooperation or nisbas >= 2 or state and nisbas):
                continue  # "اللجنة الحكومية للإحصاء", "لجنة الجمارك الحكومية": a body of one state
            if (g := _COOPERATION_OF.match(norm, end)) is not None:
                end = g.end()
            start = m.start("head")
            if found.crosses(start, end):
                continue
            name = "اللجنه" + norm[m.end():end]
            if nisbas:
                named = name
            elif named is not None:
                name = named  # "اللجنة الحكومية المشتركة" after "اللجنة الكويتية الأوزبكية المشتركة": that one
            found.accept(start, end, "", "commission:" + name)

    def _foreign_ministries(self, norm: str, found: "_Found") -> None:
        """"الخارجية البولندية", "للخارجية التركمانية": the foreign ministry of
        the country its nisba names, when the gazetteer lists none for it."""
        for m in _FOREIGN_MINISTRY.finditer(norm):
            country = found.covered.get(m.start("nisba"))
            entry = self.gaz.entries.get(country) if country else None
            if entry is None or entry.type != "country" or m.start("head") in found.covered or \
                    found.crosses(m.start("head"), m.end()):
                continue
            found.accept(m.start("head"), m.end(), "", "ministry:" + country)

    def _quoted_bodies(self, norm: str, found: "_Found") -> None:
        """A company, bank or outlet whose name the text quotes after its
        head noun: "شركة «أكوا باور»" -> أكوا باور."""
        for m in _QUOTED_RE.finditer(norm):
            head = norm[word_start(norm, m.start()):m.start()]
            if not head or stems(head).isdisjoint(_QUOTE_HEADS):
                continue
            start, end = m.start("name"), m.end("name")
            name = m.group("name").strip()
            if not name or any(ch.isdigit() for ch in name) or len(name.split()) > 4:
                continue
            inner = [a for a in found.accepted if start <= a[0] and a[1] <= end]
            if any(a[0] == start and a[1] == end for a in inner):
                continue  # the gazetteer knows it
            if found.crosses(start, end):
                continue
            eid = self._known_body(head, name)
            # names inside a company's name are not mentions ("أوراسيا" in «أوراسيا كابيتال»)
            found.remove([a for a in inner if a[2] and self.gaz.entries[a[2]].type != "country"])
            found.accept(start, end, eid or "", "body:" + name)

    def _known_body(self, head: str, name: str) -> str | None:
        """The gazetteer's organization named `name` or "head name" ("شركة مصدر")."""
        head = sorted(stems(head) & _QUOTE_HEADS, key=len)[-1] if stems(head) & _QUOTE_HEADS else ""
        for key in (f"{head} {name}", name):
            if key in self.gaz.automaton:
                _, forms = self.gaz.automaton.get(key)
                for f in forms:
                    if not f.article_dropped and self.gaz.entries[f.entity_id].type == "organization":
                        return f.entity_id
        return None

    def _bodies(self, norm: str, found: "_Found") -> None:
        """A head noun of a body and the words that name it: genitives and
        adjectives up to a country's nisba, punctuation or an ordinary word
        ("وزارة السياحة والرياضة", "دائرة حرس الحدود", "الشركة الصينية
        لهندسة الطاقة"). A definite head needs a genitive with ل ("الشركة
        الصينية" alone is "the Chinese company" told before)."""
        size = len(norm)
        for last, (length, head) in _head_automaton().iter(norm):
            end = last + 1
            if end < size and is_word_char(norm[end]) or end > length and is_word_char(norm[end - length - 1]):
                continue  # not the whole word
            if end - length in found.covered:
                continue
            hm = _TOKEN_RE.match(norm, end - length)
            core_start, definite = head
            facility = _facility_head(hm.group()[core_start:])
            span = self._body_span(norm, hm, definite, found, facility)
            if span is None and definite is None:
                span = self._body_span(norm, hm, True, found, facility)
            if span is None:
                continue
            start, end = hm.start() + core_start, span
            if found.crosses(start, end):
                continue  # crosses a known name
            if re.match(r" [«\"“]", norm[end:end + 2]):
                continue  # "شركة السكك الحديدية الوطنية «قازاقستان تمير جولي»": a descriptor of the quoted name
            found.accept(start, end, "", "body:" + norm[start:end])

    def _features(self, norm: str, found: "_Found") -> None:
        """A river, lake, desert or mountain the gazetteer lacks, named by
        its head noun and the proper words after it ("نهر وخش", "جبال
        الألب"): the head and the name are one place, as news writes it."""
        for m in _FEATURE_RE.finditer(norm):
            start = m.start()
            ws = word_start(norm, start)
            if norm[ws:start] not in _FEATURE_PROCLITICS or start in found.covered or ws in found.covered:
                continue  # inside a longer word; "نهر سيرداريا": the gazetteer's
            end, pos = None, m.end()
            for k in range(3):
                w = _TOKEN_RE.match(norm, pos + 1)
                if w is None or norm[pos:w.start()] != " ":
                    break
                word = w.group()
                eid = found.covered.get(w.start())
                if eid and self.gaz.entries[eid].type not in ("city", "region"):
                    break
                if word.startswith("ال"):
                    if k > 0 or eid or len(word) < 4 or stems(word) & self.stopwords or _is_head_core(word[2:]):
                        break
                    end = w.end()  # "نهر الفرات": a definite name, alone
                    break
                if word.isdigit() or stems(word) & self.stopwords or _is_head_core(word) \
                        or gz.past_of_present(word) is not None or word in self.gaz.adjective_of:
                    break
                end = pos = w.end()
            if end is None:
                continue
            if found.crosses(start, end):
                continue  # crosses a name found already
            found.accept(start, end, "", "body:" + norm[start:end])

    def _body_span(self, norm: str, hm: re.Match, definite: bool | None, found: "_Found",
                   facility: bool = False) -> int | None:
        """End of the body's name after the head word `hm`, or None. After a
        facility's head a genitive with ل is part of the name as after a
        definite head, and a place alone names it."""
        parts: list[str] = []
        kinds: list[str] = []
        valid_end = None
        nisba_seen = False
        construct = 0
        pos = hm.end()
        while len(parts) < 8:
            m = _TOKEN_RE.match(norm, pos + 1)
            if m is None or norm[pos:m.start()] != " ":
                break
            w = m.group()
            eid = found.covered.get(m.start())
            if eid and self.gaz.entries[eid].type == "person" or w.isdigit():
                break
            if w in ("التابع", "التابعه") and parts and not nisba_seen:
                owner = _TOKEN_RE.match(norm, m.end() + 1)
                if owner and norm[m.end():owner.start()] == " " and owner.start() not in found.covered \
                        and owner.group().startswith("لل") and not _is_head_core(owner.group()[2:]) \
                        and not _is_head_core(owner.group()[1:]):
                    # "معهد الدراسات الاستراتيجية التابع للرئاسة": part of its name, unlike
                    # "التابعة للجنة الأمن القومي", a body of its own
                    parts.append(w); kinds.append("owned")
                    definite = True  # the owner's genitive with ل follows
                    pos = m.end()
                    continue
            if w in self.stopwords_only or w in _END_WORDS:
                break
            core = w[2:] if w.startswith("ال") else w[3:] if w.startswith("وال") else ""
            if kinds and kinds[-1] in ("lgen", "lgen_indef", "lgen_def") and len(core) > 1 and not eid \
                    and w not in self.gaz.adjective_of and not _is_head_core(core):
                # the genitive's own nouns and adjectives: "للسكك الحديدية",
                # "للتعاون التجاري والاقتصادي"
                parts.append(w); kinds.append("lgen_def")
                valid_end = m.end()
                pos = m.end()
                continue
            nisba = w in self.gaz.adjective_of
            if nisba:
                if not w.startswith("ال"):
                    break  # "شركة صينية": a description
                parts.append(w); kinds.append("nisba")
                nisba_seen = True
                valid_end = m.end()
                pos = m.end()
                continue
            lgen = w.startswith("لل") and len(w) > 4
            lgen_indef = not lgen and w.startswith("ل") and len(w) > 3 and not w.startswith("ال")
            if nisba_seen and not ((definite or facility) and (lgen or lgen_indef)):
                break
            if w.startswith("ال") and len(w) > 3 and not eid or eid and w.startswith("ال") and self._place(eid):
                if _is_head_core(w[2:]):
                    break  # another body begins
                parts.append(w); kinds.append("def")
                valid_end = m.end()
            elif w.startswith("وال") and len(w) > 4 and parts and kinds[-1] in ("def", "and"):
                if _is_head_core(w[3:]):
                    break
                parts.append(w); kinds.append("and")
                valid_end = m.end()
            elif (definite or facility) and lgen and parts:
                if _is_head_core(w[2:]):
                    break
                parts.append(w); kinds.append("lgen")
                valid_end = m.end()
            elif facility and kinds and kinds[-1] == "def" and not eid and not w.startswith(("ال", "ل", "و", "بال")) \
                    and not (stems(w) & self.stopwords) and not _is_head_core(w) and gz.past_of_present(w) is None:
                parts.append(w); kinds.append("name")  # a titled name: "محطة الشهيد بهشتي", "مطار الملك خالد"
                valid_end = m.end()
            elif (definite or facility) and lgen_indef and parts and not eid:
                parts.append(w); kinds.append("lgen_indef")
            elif eid and self._place(eid) and not definite and not (parts and w.startswith("و")):
                parts.append(w); kinds.append("place")  # "جامعة بكين", "شرق كازاخستان"
                valid_end = m.end()
            elif not definite and not eid and construct == 0 and not w.startswith("ال") \
                    and not (stems(w) & self.stopwords_only) and not _is_head_core(w) \
                    and gz.past_of_present(w) is None and self._genitive_follows(norm, m.end(), found):
                construct += 1
                parts.append(w); kinds.append("construct")
            else:
                break
            pos = m.end()
        if valid_end is None:
            return None
        n = len(norm[hm.end():valid_end].split())
        kinds = kinds[:n]
        if definite:
            if "lgen" not in kinds and not (kinds and kinds[-1] in ("def", "lgen_def") and "lgen_indef" in kinds):
                return None  # "الشركة الصينية", "اللجنة الدائمة": a body told before
        elif kinds[0] not in ("def", "construct", "place"):
            return None
        elif all(k in ("place", "nisba") for k in kinds) and not facility:
            return None  # "بنك أستانا": a place's bank, told by the gazetteer if it is a name
        elif facility and (kinds[:2] in (["def", "def"], ["def", "and"]) or kinds[0] == "construct" and parts[0].startswith("ل")):
            return None  # "محطة الطاقة النووية", "محطة لتوليد الكهرباء": what it is, not its name
        return valid_end

    def _genitive_follows(self, norm: str, pos: int, found: "_Found") -> bool:
        m = _TOKEN_RE.match(norm, pos + 1)
        if m is None or norm[pos:m.start()] != " ":
            return False
        w = m.group()
        eid = found.covered.get(m.start())
        if eid:
            return self._place(eid)
        return w.startswith("ال") and len(w) > 3 and w not in self.stopwords_only and w not in _END_WORDS \
            and w not in self.gaz.adjective_of

    def _place(self, eid: str) -> bool:
        return bool(eid) and self.gaz.entries[eid].type in ("country", "city", "region")

    def _country_before(self, norm: str, match: _Match, found: "_Found") -> str | None:
        """The country a place noun and its nisba right before the match name
        ("العاصمة الأردنية", "مدينة ... الكازاخستانية" aside), else None."""
        prev = previous_words(norm, word_start(norm, match.start), 2)
        if len(prev) != 2 or not stems(prev[0][1]) & self.place_heads:
            return None
        eid = found.covered.get(prev[1][0])
        return eid if eid and self.gaz.entries[eid].type == "country" else None

    def _capital_of_named_country(self, match: _Match, form: gz.Form, named: set[str]) -> bool:
        """A capital whose only other sense is a common word ("سيول", floods)
        in a document that names its country: the capital."""
        entry = self.gaz.entries[form.entity_id]
        return entry.type == "city" and entry.capital and entry.country in named and \
            all(f.entity_id == form.entity_id for forms in match.by_kind.values() for f in forms)

    def _placed_in_its_country(self, norm: str, match: _Match, form: gz.Form, found: "_Found") -> bool:
        """An ambiguous name of an event or facility followed closely by
        "في" and a place of its entry's country ("الألعاب الأولمبية الشتوية
        في بكين"): that one."""
        entry = self.gaz.entries[form.entity_id]
        if entry.type not in ("event", "facility") or not entry.country:
            return False
        m = _IN_PLACE.match(norm, match.end)
        if m is None:
            return False
        eid = found.covered.get(m.end())
        if eid is None:
            return False
        place = self.gaz.entries[eid]
        return eid == entry.country or place.type == "city" and place.country == entry.country


    # -- persons introduced by an office title or a byline --------------------
    def _name_word(self, word: str, start: int, found: "_Found") -> bool:
        if start in found.covered or len(word) < 2 or word.isdigit():
            return False
        if word.startswith("ال") or word.startswith("لل"):
            return False
        if word == "علي" and found.doc is not None and _spelled_as_name(found.doc, start):
            return True  # "علي" written with its ي, the name Ali, not "على"
        ws = stems(word)
        if gz.past_of_present(word) in self.stopwords:
            return False  # "يتعهد": a verb, its past an ordinary word
        # "الأمين العام لمنظمة ...": a body's head noun is no part of a name
        return not (ws & self.stopwords) and not (ws & self.titles) and not any(map(_is_head_core, ws))

    def _office_persons(self, norm: str, found: "_Found") -> None:
        new: dict[str, int] = {}  # name -> where it is first introduced
        after = 0  # text before this is taken by a name already
        for last, (length, byline) in self.introducers.iter(norm):
            end = last + 1
            start = end - length
            ws = word_start(norm, start)
            if ws < after or ws in found.covered or (end < len(norm) and is_word_char(norm[end])):
                continue
            prefix = norm[ws:start]
            if not (prefix_ok(prefix) or prefix_ok(prefix, article_dropped=True) or prefix.endswith("ال") and prefix_ok(prefix[:-2])):
                continue
            if byline and not _line_initial(norm, ws):
                continue
            pos = end
            words = []
            while True:  # skip qualifiers of the office: adjectives, places, "لدى", "آنذاك"
                m = _TOKEN_RE.search(norm, pos)
                if m is None or not _gap_ok(norm[pos:m.start()]):
                    break
                if byline or not (m.start() in found.covered or stems(m.group()) & self.qualifiers):
                    words.append(m)
                    break
                pos = m.end()
            if not words or not self._name_word(words[0].group(), words[0].start(), found):
                continue
            while len(words) < MAX_NAME_WORDS:
                m = _TOKEN_RE.match(norm, words[-1].end() + 1)
                if m is None or norm[words[-1].end():m.start()] != " " or \
                        not (m.group() == "الله" or self._name_word(m.group(), m.start(), found)):
                    break  # "ذبيح الله مجاهد", "عبد الله": God's name goes on a name
                words.append(m)
            if len(words) >= 2:
                found.accept(words[0].start(), words[-1].end(), "", "office")
                new.setdefault(" ".join(w.group() for w in words), words[0].start())
                after = words[-1].end()
        if new:
            self._person_coreference(norm, found, new)

    def _person_coreference(self, norm: str, found: "_Found", new: dict[str, int]) -> None:
        """Later bare first or last names of persons introduced by a title."""
        short: dict[str, str] = {}
        for name in new:
            words = name.split()
            for w in (words[0], words[-1]):
                if len(w) >= 3 and not (stems(w) & self.stopwords) and not self.gaz.names(w):
                    short.setdefault(w, name)
        if not short:
            return
        rx = re.compile(r"(?<!\w)([وف]?[بكل]?)(" + "|".join(map(re.escape, short)) + r")(?!\w)")
        for m in rx.finditer(norm):
            name = short[m.group(2)]
            if m.start(2) > new[name] and m.start() not in found.covered:
                found.accept(m.start(2), m.end(2), "", "office:" + name)


    # -- output ------------------------------------------------------------
    def _emit(self, doc: Doc, accepted) -> None:
        norm = doc.norm
        same = not norm.shifts  # offsets need no mapping back
        for start, end, eid, how in sorted(accepted):
            o_start, o_end = (start, end) if same else norm.span(start, end)
            surface = doc.text[o_start:o_end]
            if eid:
                entry = self.gaz.entries[eid]
                entity = doc.entities.get(eid)
                if entity is None:
                    entity = doc.entities[eid] = Entity(eid, entry.type, entry.en, entry.ar, entry.wikidata)
            elif how.startswith("ministry:"):
                country = self.gaz.entries[how.split(":", 1)[1]]
                eid = "marsad:mfa-" + slug(country.en)
                entity = doc.entities.get(eid)
                if entity is None:
                    entity = doc.entities[eid] = Entity(eid, "organization", f"Ministry of Foreign Affairs ({country.en})",
                                                        surface, None)
                how = "body"
            elif how.startswith(("body:", "commission:")):
                kind, name = how.split(":", 1)
                eid = "marsad:" + slug(transliterate(_name_key(name)))
                entity = doc.entities.get(eid)
                if entity is None:
                    head = stems(name.split()[0])
                    etype = "event" if head & _EVENT_HEADS else "facility" if head & _FACILITY_HEADS \
                        else "region" if head & _FEATURE_HEADS else "organization"
                    entity = doc.entities[eid] = Entity(eid, etype, transliterate(name), surface, None)
                how = "body" if kind == "body" else "commission"
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


# Every run of letters prefix_ok lets stand before a name, as a set: asked
# at every gazetteer hit.
_PROCLITIC_RUNS = frozenset(
    run for run in (c + p for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل", "لل"))
    if prefix_ok(run) or prefix_ok(run, True))


def _by_kind(prefix: str, forms: tuple[gz.Form, ...]) -> dict[str, list[gz.Form]]:
    """The forms a key may be after `prefix` (a run of proclitics), by kind."""
    by_kind: dict[str, list[gz.Form]] = {}
    for f in forms:
        if prefix_ok(prefix, f.article_dropped):
            by_kind.setdefault(f.kind, []).append(f)
    return by_kind


# Normalization writes "على" (on) as "علي", the name Ali: the original text
# still tells them apart.
_MARKS = re.compile("[\u064b-\u065f\u0670]")
# "الوزارة", "والوزارة", "للوزارة", "وللوزارة", "بالوزارة" ("بالوكالة" is "acting")
_ANAPHOR_PROCLITICS = frozenset({"", "و", "ف", "ل", "ول", "فل"})
_HEAD_BEFORE_QUOTE = re.compile(r"(\w+)\s*[«\"“]\s*$")


def _spelled_as_name(doc: Doc, start: int) -> bool:
    """The normalized "علي" at `start` is spelled with ي in the text, as the name."""
    s, e = doc.norm.span(start, start + 3)
    return _MARKS.sub("", doc.text[s:e])[-1:] == "ي"


class _Found:
    """Mentions accepted so far, in normalized offsets, and the words they cover."""

    def __init__(self, norm: str):
        self.norm = norm
        self.accepted: list[tuple[int, int, str, str]] = []  # (start, end, entity id, how)
        self.covered: dict[int, str] = {}  # word start -> entity id of the mention over it
        self.starting_at: dict[int, str] = {}  # word start of a mention -> its entity id
        self.doc: Doc | None = None  # the document, for what normalization loses

    def crosses(self, start: int, end: int) -> bool:
        """A mention accepted so far overlaps [start, end) without lying inside it."""
        return any(a[0] < end and a[1] > start and not (start <= a[0] and a[1] <= end) for a in self.accepted)

    def accept(self, start: int, end: int, entity_id: str, how: str) -> None:
        self.accepted.append((start, end, entity_id, how))
        ws = word_start(self.norm, start)
        self.starting_at[ws] = entity_id
        if self.norm[ws:end].isalnum():  # one word, as most names are
            self.covered[ws] = entity_id
            return
        for m in _TOKEN_RE.finditer(self.norm, ws, end):
            self.covered[m.start()] = entity_id

    def remove(self, mentions: list[tuple[int, int, str, str]]) -> None:
        if not mentions:
            return
        self.accepted = [a for a in self.accepted if a not in mentions]
        for start, end, _, _ in mentions:
            self.starting_at.pop(word_start(self.norm, start), None)
            for m in _TOKEN_RE.finditer(self.norm, word_start(self.norm, start), end):
                self.covered.pop(m.start(), None)


def previous_words(norm: str, pos: int, n: int) -> list[tuple[int, str]]:
    """Up to n (start, word) pairs right before `pos`, nearest last, separated
    by spaces only: punctuation or a line break ends the run."""
    out: list[tuple[int, str]] = []
    end = pos
    while len(out) < n:
        j = end
        while j > 0 and norm[j - 1] == " ":
            j -= 1
        if j == end or j == 0:
            break
        k = word_start(norm, j)
        if k == j:
            break
        out.insert(0, (k, norm[k:j]))
        end = k
    return out


def _gap_ok(gap: str) -> bool:
    """Between a title and its name: spaces or a comma, not a line break."""
    return "\n" not in gap and gap.strip() in ("", "،", ",")


def _line_initial(norm: str, ws: int) -> bool:
    """A byline stands at the start of a line, after punctuation, or after "من"."""
    before = norm[max(0, ws - 40):ws]
    stripped = before.rstrip(" ")
    if not stripped or stripped.endswith("\n") or not is_word_char(stripped[-1]):
        return True
    return stripped.endswith(" من") or stripped == "من"


def _phrase_automaton(titles: frozenset[str], bylines: frozenset[str]):
    """Titles and bylines with and without their article, for one pass."""
    auto = ahocorasick.Automaton()
    for phrases, is_byline in ((titles, False), (bylines, True)):
        for p in phrases:
            for key in (p, "ال" + p):
                auto.add_word(key, (len(key), is_byline))
    auto.make_automaton()
    return auto


# Head nouns of bodies (normalized, without the article).
_HEADS = frozenset(map(match_key, (
    "وزارة", "لجنة", "دائرة", "هيئة", "وكالة", "مصرف", "بنك", "رابطة", "معهد", "جامعة", "شركة", "منتدى",
    "مؤسسة")))
_EVENT_HEADS = frozenset(map(match_key, ("منتدى",)))
# Heads of a facility's name: a place may name it alone ("ميناء بندر عباس"),
# and so may a genitive with ل ("محطة الضبعة للطاقة النووية").
_FACILITY_HEADS = frozenset(map(match_key, ("محطة", "ميناء", "مطار", "مصفاة", "منجم", "ساحة")))
# Heads of a natural feature's name: "نهر وخش", "بحيرة سريكول", "صحراء قره قوم"
_FEATURE_HEADS = frozenset(map(match_key, ("نهر", "بحيرة", "صحراء", "جبل", "جبال", "هضبة")))
# The proclitics glued before a common noun a country is called by, and before a feature's head
_ONE_PROCLITIC = frozenset(("", "و", "ف", "ب", "ل"))
_FEATURE_PROCLITICS = _ONE_PROCLITIC | frozenset(("وب", "فب", "ول", "فل"))
# the heads alone, their proclitics checked by hand: an alternation of words
# the regex engine scans for by their first letters (a leading optional
# group would have it try every position)
_FEATURE_RE = re.compile("(?:" + "|".join(sorted(_FEATURE_HEADS, key=len, reverse=True)) + r")(?= )")
# Heads after which a quoted name is the body's own name.
_QUOTE_HEADS = _HEADS | frozenset(map(match_key, ("مجلس", "مجموعة", "صحيفة", "جريدة", "قناة", "مصنع")))
# Bodies' names do not run into these: days, "the same", relative times, "التابع".
_END_WORDS = frozenset(map(match_key, (
    "اليوم", "الأمس", "أمس", "الأحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "الماضي", "الماضية", "الجاري", "الجارية", "المقبل", "المقبلة", "الحالي", "الحالية", "السابق", "السابقة",
    "نفسها", "نفسه", "ذاتها", "ذاته", "الجديد", "الجديدة", "التابع", "التابعة", "والتي", "والذي", "الذي", "التي", "الأخير", "الأخيرة",
    # what follows a body's name: "هيئة المحطات النووية برئاسة الدكتور ..."
    "برئاسة", "بقيادة", "بحضور", "بمشاركة", "برعاية", "بإشراف", "الدكتور", "المهندس",
)))
_FOREIGN_MINISTRY = re.compile(r"(?<!\w)[وفب]?(?P<head>(?:ال|لل)خارجيه|وزاره\s+الخارجيه)\s+(?P<nisba>ال\w+يه)(?!\w)")
# A commission of two states ("للجنة", "واللجنة"): the head, then its words one by one
_COMMISSION_HEAD = re.compile(r"(?<!\w)[وفب]?(?P<head>(?:ال|لل|ل)?لجنه)(?!\w)")
_NEXT_WORD = re.compile(r"(?:\s+|\s*-\s*)(?P<w>\w+)")
_JOINT_WORDS = frozenset({"مشتركه", "وزاريه"})
_STATE_WORDS = frozenset({"حكوميه"})
# "... المشتركة للتعاون الاقتصادي والتجاري والثقافي"
_COOPERATION_OF = re.compile(r"\s+للتعاون(?:\s+و?ال\w+ي(?!\w))*")
_OWNED_RE = re.compile(r" (?:ال)?تابع[هي]? (?=ل)")  # ends where the owner's word starts
# A quoted name after a space; the head noun is the word before the space
# (scanning for the quote, not for every word, is what keeps this cheap).
_QUOTED_RE = re.compile(r" [«\"“](?P<name>[^«»\"“”\n]{2,40})[»\"”]")


@lru_cache(maxsize=1)
def _head_automaton():
    """Every head noun behind every run of proclitics, with where the head
    starts in the word and whether it is definite (None: "للجنة" is ل +
    لجنة or ل + اللجنة). One automaton pass finds them; a document has a
    few heads among hundreds of words."""
    forms: dict[str, tuple[int, bool | None]] = {}
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ك", "ل"):
            k = len(conj) + len(prep)
            for head in _HEADS | _FACILITY_HEADS:
                forms.setdefault(conj + prep + "ال" + head, (k, True))
                forms.setdefault(conj + prep + head, (k, None if prep == "ل" and head.startswith("ل") else False))
    auto = ahocorasick.Automaton()
    for word, head in forms.items():
        auto.add_word(word, (len(word), head))
    auto.make_automaton()
    return auto


def _facility_head(word: str) -> bool:
    """The head word (proclitics off) is a facility's: "محطة", "الميناء"."""
    return word in _FACILITY_HEADS or word.startswith("ال") and word[2:] in _FACILITY_HEADS


def _is_head_core(w: str) -> bool:
    return w in _HEADS or w in _FACILITY_HEADS or w in _PLURAL_BODIES


_PLURAL_BODIES = frozenset(map(match_key, (
    "وزارات", "شركات", "لجان", "هيئات", "مؤسسات", "سفارة", "حكومة", "جامعات", "بنوك", "مجلس", "منظمة")))


def _name_key(name: str) -> str:
    """The form two spellings of one body's name share: normalized, the
    article off the first word."""
    words = match_key(name).split()
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)


@component("entities")
def entity_recognizer() -> EntityRecognizer:
    return EntityRecognizer()
