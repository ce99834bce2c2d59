"""A trained named-entity tagger (a linear-chain CRF, python-crfsuite) for
names no gazetteer knows: ambassadors, companies, universities, refineries,
towns.

- `tokenize`: words, numbers kept whole ("8.8", "1,000", "70%") and single
  punctuation marks, over normalized text, with offsets.
- `sentence_features`: the features of one sentence (normalized form,
  clitic-stripped stem, prefixes and suffixes, word shape, Latin script and
  digits, gazetteer membership, Arabic proper-name words (pyarabic's list),
  office titles and head nouns, a title among the four words before, names
  seen in training and the words in them, neighbouring words). Features of
  one word are computed once and cached, so tagging is mostly list
  concatenation.
- `NerTagger`: loads the model shipped in `data/ner/` and tags token
  sequences (BIO over PERS, LOC, ORG, MISC), with per-token confidence.
- `read_conll` / `write_conll`: the `marsad ner` command's formats.
- the pipeline stage "ner" (after "entities"): model spans that no gazetteer
  mention overlaps become entities with `marsad:` ids, typed from the tag and
  the head word (جامعة, شركة, مصفاة, محطة, ميناء, مزرعة ...).

Training: `marsad/train_ner.py` (`make train-ner`)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TextIO

from marsad import gazetteer as gz
from marsad.doc import Doc, Entity, Mention
from marsad.pipeline import component
from marsad.text import match_key, normalize
from marsad.translit import slug, transliterate

LABELS = ("PERS", "LOC", "ORG", "MISC")
MODEL_NAME = "model.crfsuite"

# Numbers (so "8.8", "1,000", "70%" stay whole, and "و31.2" is و + 31.2),
# runs of letters, then any other single visible character.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+|\S")
# Tokens after which a sentence ends (and line breaks, handled by tokenize).
_SENT_END = frozenset({".", "!", "?", "؟", "…"})
_LINE_RE = re.compile(r"[^\n]+")
_ARABIC_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_LATIN_RE = re.compile(r"[A-Za-z]")


# -- tokens ------------------------------------------------------------------

class Token(NamedTuple):
    start: int  # offsets in the text that was tokenized
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def sentences(text: str, max_len: int = 150) -> Iterator[list[Token]]:
    """Token sequences of `text`: split after . ! ? ؟ … and at line breaks;
    very long runs are cut so that no sequence exceeds `max_len` tokens."""
    current: list[Token] = []
    for line in _LINE_RE.finditer(text):
        for m in _TOKEN_RE.finditer(text, line.start(), line.end()):
            word = m.group()
            current.append(Token(m.start(), m.end(), word))
            if word in _SENT_END or len(current) >= max_len:
                yield current
                current = []
        if current:
            yield current
            current = []


# -- features ----------------------------------------------------------------

_CLITIC_RE = re.compile(r"^(?:([وف]?)([بكل]?)(ال)|([وف]?)(لل))(?=\w\w)")


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> tuple[str, str]:
    """(proclitics, stem) of a normalized word: the conjunction, preposition
    and article are taken off when the article is there ("وبالصين" ->
    ("وبال", "صين")); a bare و is taken off a long word ("وتشانغ")."""
    m = _CLITIC_RE.match(word)
    if m:
        return word[:m.end()], word[m.end():]
    if word.startswith("و") and len(word) >= 5 and word[1] not in "اي":
        return "و", word[1:]
    return "", word


def _shape(w: str) -> str:
    if w.isdigit():
        return "D" + str(min(len(w), 4))
    if w[0].isdigit():
        return "num"
    if _LATIN_RE.match(w):
        return "lat"
    if not w[0].isalnum():
        return "p" + w if len(w) == 1 else "punct"
    if _ARABIC_RE.match(w):
        return "ar" + str(min(len(w), 8))
    return "other"


class Lexicon:
    """Word lists the features consult: gazetteer name words by entity type
    (stems), office titles and head nouns of bodies and facilities."""

    def __init__(self, gazetteer: gz.Gazetteer | None = None):
        gaz = gazetteer or gz.load()
        self.gaz_words: dict[str, set[str]] = {}
        for entry in gaz.entries.values():
            for name in entry.names:
                words = match_key(name).split()
                for i, w in enumerate(words):
                    s = stem(w)[1]
                    if len(s) < 2 or not _ARABIC_RE.match(s):
                        continue
                    pos = "1" if len(words) == 1 else ("B" if i == 0 else "I")
                    self.gaz_words.setdefault(s, set()).add(entry.type + pos)
        titles = gz.lexicon("titles")
        self.titles = {stem(w)[1] for t in titles["titles"] + titles["bylines"] for w in match_key(t).split()[:1]}
        self.heads = {stem(w)[1] for h in gz.lexicon("heads")["heads"] for w in match_key(h).split()[:1]}
        self.heads |= set(HEAD_TYPES)
        self.gaz_types = {s: tuple(sorted(t)) for s, t in self.gaz_words.items()}
        # nisba adjectives of countries and places ("الصيني", "الكازاخستانية")
        self.nisba = frozenset(gaz.adjective_of)
        self.person_names = person_name_words()


@lru_cache(maxsize=1)
def person_name_words() -> dict[str, tuple[str, ...]]:
    """Stem -> kinds ("nom" given name, "nasab", "laqab", "konia" ...) of the
    words of pyarabic's list of Arabic proper names (about 7,000 names, mostly
    classical: "محمد", "سفيان", "البغدادي"); the word after ابو/ابن/بن/عبد
    in a two-word name has its kind with a "2"."""
    from pyarabic import propernouns

    out: dict[str, set[str]] = {}
    for line in propernouns.TEXT.splitlines():
        parts = line.rsplit(None, 1)
        if len(parts) != 2:
            continue
        name, kind = parts
        kind = kind.lower().rstrip("2")
        words = normalize(name).split()
        if len(words) == 1:
            s = stem(words[0])[1]
            if len(s) >= 2:
                out.setdefault(s, set()).add(kind)
        elif len(words) == 2 and words[0] in ("ابو", "ابن", "بن", "ابا", "ام", "عبد"):
            out.setdefault(stem(words[1])[1], set()).add(kind + "2")
    return {k: tuple(sorted(v)) for k, v in out.items()}


# Head nouns that type an unknown name: facility, organization, event, ...
HEAD_TYPES = {
    normalize(w): t for t, words in {
        "facility": ["مصفاة", "محطة", "ميناء", "مزرعة", "مطار", "مصنع", "منجم", "حقل", "سد", "جسر", "مجمع",
                     "مرفأ", "معمل", "خط", "مستشفى", "فندق", "ملعب", "مسجد", "برج", "قاعدة", "محطات"],
        "organization": ["جامعة", "شركة", "مجموعة", "بنك", "مصرف", "مؤسسة", "هيئة", "وكالة", "معهد", "أكاديمية",
                         "صندوق", "اتحاد", "منظمة", "حزب", "جمعية", "مجلس", "وزارة", "لجنة", "مركز", "صحيفة",
                         "قناة", "نادي", "منتدى", "كلية", "بورصة", "سوق", "غرفة", "مكتب", "إدارة", "حركة", "جبهة"],
        "city": ["مدينة", "بلدة", "قرية", "العاصمة"],
        "region": ["منطقة", "إقليم", "ولاية", "محافظة", "مقاطعة", "جزيرة", "جزر", "نهر", "بحر", "بحيرة", "جبل",
                   "جبال", "صحراء", "وادي", "خليج"],
        "event": ["قمة", "مؤتمر", "معرض", "مهرجان", "دورة", "بطولة", "كأس", "حرب", "اتفاقية", "معاهدة"],
        "initiative": ["مبادرة", "مشروع", "برنامج", "ممر", "استراتيجية", "خطة", "رؤية"],
    }.items() for w in words
}
HEAD_TYPES = {stem(w)[1]: t for w, t in HEAD_TYPES.items()}


NAMES_NAME = "names.tsv"
MAX_PHRASE = 4


def phrase_key(words: Iterable[str]) -> str:
    """The key of a name in the list of names seen in training: the stems of
    its (normalized) words."""
    return " ".join(stem(w)[1] for w in words)


def names_from(sents: Iterable[tuple[list[str], list[str]]]) -> dict[str, str]:
    """Phrase key -> label of every name tagged in (tokens, tags) sentences,
    the most frequent label where one name had several."""
    counts: dict[str, dict[str, int]] = {}
    for tokens, tags in sents:
        for a, b, label in spans(tags):
            if b - a <= MAX_PHRASE:
                key = phrase_key(normalize_token(t) for t in tokens[a:b])
                by_label = counts.setdefault(key, {})
                by_label[label] = by_label.get(label, 0) + 1
    return {k: max(v, key=lambda l: (v[l], l)) for k, v in counts.items() if len(k) >= 2}


def read_names(path: Path) -> dict[str, str]:
    names = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, label = line.rstrip("\n").rpartition("\t")
            if key and label in LABELS:
                names[key] = label
    return names


def write_names(path: Path, names: dict[str, str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for key in sorted(names):
            f.write(f"{key}\t{names[key]}\n")


class Featurizer:
    def __init__(self, lexicon: Lexicon | None = None, names: dict[str, str] | None = None):
        self.lex = lexicon or Lexicon()
        # names seen in the training data (phrase key -> label): a feature the
        # CRF learns to trust as much as it deserves (trained jackknifed)
        self.names = names or {}
        self._own: dict[str, list[str]] = {}
        self._ctx: dict[tuple[str, int], list[str]] = {}
        self._words: dict[str, tuple] = {}

    @property
    def names(self) -> dict[str, str]:
        return self._names

    @names.setter
    def names(self, names: dict[str, str]) -> None:
        self._names = names
        # first word -> the most words a name opening with it has, so that
        # name_marks tries only the lengths a name can have there
        self._longest: dict[str, int] = {}
        # word (stem) -> "tn=B-PERS", "tn=I-ORG" ...: where it stands in the known names
        word_marks: dict[str, set[str]] = {}
        for key, label in names.items():
            words = key.split(" ")
            if self._longest.get(words[0], 0) < len(words):
                self._longest[words[0]] = len(words)
            for i, w in enumerate(words):
                word_marks.setdefault(w, set()).add(("tn=B-" if i == 0 else "tn=I-") + label)
        self._word_marks = {w: sorted(m) for w, m in word_marks.items()}

    def name_marks(self, words: list[str], stems: list[str] | None = None) -> list[str | None]:
        """For each word, "B-LOC"/"I-LOC"... where a known name (longest first)
        covers it, else None."""
        n = len(words)
        marks: list[str | None] = [None] * n
        if not self._names:
            return marks
        if stems is None:
            stems = [stem(w)[1] for w in words]
        names, longest = self._names, self._longest
        i = 0
        while i < n:
            most = longest.get(stems[i])
            if most is None:
                i += 1
                continue
            for length in range(min(most, n - i), 0, -1):
                label = names.get(" ".join(stems[i:i + length]) if length > 1 else stems[i])
                if label:
                    marks[i] = "B-" + label
                    for j in range(i + 1, i + length):
                        marks[j] = "I-" + label
                    i += length
                    break
            else:
                i += 1
        return marks

    def own(self, w: str) -> list[str]:
        """Features of a normalized word in its own position."""
        f = self._own.get(w)
        if f is not None:
            return f
        pre, s = stem(w)
        f = ["b", "w=" + w, "s=" + s, "sh=" + _shape(s or w)]
        if len(s) >= 3:
            f += ["p2=" + s[:2], "p3=" + s[:3], "x2=" + s[-2:], "x3=" + s[-3:], "x1=" + s[-1:]]
            if len(s) >= 5:
                f += ["p4=" + s[:4], "x4=" + s[-4:]]
        if w in self.lex.nisba or s in self.lex.nisba:
            f.append("nisba")
        if pre:
            f.append("pre=" + pre)
        if w.startswith("ال") or pre.endswith("ال") or pre.endswith("لل"):
            f.append("def")
        for t in self.lex.gaz_types.get(s, ()):
            f.append("g=" + t)
        if not pre and len(w) >= 5 and w[0] in "وفبكل":
            # a proclitic the stem rule leaves on: "بأبوجا", "وباسكال"
            alt = w[2:] if w[1] in "بكل" and w[0] in "وف" else w[1:]
            f.append("alt=" + alt)
            for t in self.lex.gaz_types.get(alt, ()):
                f.append("ag=" + t)
        if s in self.lex.titles:
            f.append("title")
        if s in self.lex.heads:
            f.append("head=" + HEAD_TYPES.get(s, "x"))
        for t in self.lex.person_names.get(s, ()):
            f.append("pn=" + t)
        if len(self._own) < 500_000:
            self._own[w] = f
        return f

    def ctx(self, w: str, k: int) -> list[str]:
        """Features a neighbour at offset k contributes."""
        key = (w, k)
        f = self._ctx.get(key)
        if f is not None:
            return f
        p = str(k) + ":"
        pre, s = stem(w)
        f = [p + "w=" + w]
        if s != w:
            f.append(p + "s=" + s)
        if w in self.lex.nisba or s in self.lex.nisba:
            f.append(p + "nisba")
        if abs(k) == 1:
            f.append(p + "sh=" + _shape(s or w))
            if len(s) >= 3:
                f.append(p + "x2=" + s[-2:])
            if pre:
                f.append(p + "pre=" + pre)
            for t in self.lex.gaz_types.get(s, ()):
                f.append(p + "g=" + t)
            for t in self.lex.person_names.get(s, ()):
                f.append(p + "pn=" + t)
        if s in self.lex.titles:
            f.append(p + "title")
        if s in self.lex.heads:
            f.append(p + "head=" + HEAD_TYPES.get(s, "x"))
        if len(self._ctx) < 1_000_000:
            self._ctx[key] = f
        return f

    def _word(self, w: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        """A word's own features, then those it gives as the neighbour at
        offset -2, -1, +1 and +2 of another word, in one lookup."""
        e = self._words.get(w)
        if e is None:
            ctx = self.ctx
            e = (self.own(w), ctx(w, -2), ctx(w, -1), ctx(w, 1), ctx(w, 2))
            if len(self._words) < 500_000:
                self._words[w] = e
        return e

    def sentence(self, words: list[str]) -> list[list[str]]:
        """Features of each word of a sentence (words already normalized)."""
        n = len(words)
        out = []
        feats = [self._word(w) for w in words]
        stems = [stem(w)[1] for w in words]
        marks = self.name_marks(words, stems)
        word_marks = self._word_marks
        titles = self.lex.titles
        last_title = -99
        for i, w in enumerate(words):
            f = feats[i][0].copy()
            if i - last_title <= 4:
                f.append("titlewin")  # an office title among the four words before
            if stems[i] in titles:
                last_title = i
            tn = word_marks.get(stems[i])
            if tn:
                f += tn
            if marks[i]:
                f.append("nm=" + marks[i])
            if i > 0 and marks[i - 1]:
                f.append("-1:nm=" + marks[i - 1])
            if i + 1 < n and marks[i + 1]:
                f.append("1:nm=" + marks[i + 1])
            if i > 0:
                f += feats[i - 1][2]
                f.append("bg=" + words[i - 1] + "|" + w)
                if i > 1:
                    f += feats[i - 2][1]
            else:
                f.append("BOS")
            if i + 1 < n:
                f += feats[i + 1][3]
                f.append("bg+=" + w + "|" + words[i + 1])
                if i + 2 < n:
                    f += feats[i + 2][4]
            else:
                f.append("EOS")
            out.append(f)
        return out


def normalize_token(token: str) -> str:
    w = normalize(token).strip()
    return w or "_"


# -- the model ---------------------------------------------------------------

def default_model_path() -> Path:
    return Path(str(resources.files("marsad") / "data" / "ner" / MODEL_NAME))


class NerTagger:
    def __init__(self, model_path: Path | str | None = None, lexicon: Lexicon | None = None):
        import pycrfsuite

        path = Path(model_path) if model_path else default_model_path()
        if not path.is_file():
            raise FileNotFoundError(f"no NER model at {path} (run `make train-ner`)")
        self.path = path
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        names_path = path.with_name(NAMES_NAME) if path.name == MODEL_NAME else path.with_suffix(".names.tsv")
        self.features = Featurizer(lexicon, read_names(names_path) if names_path.is_file() else None)

    def tag(self, tokens: list[str], normalized: bool = False) -> list[str]:
        """BIO tags for one sentence of tokens."""
        if not tokens:
            return []
        words = tokens if normalized else [normalize_token(t) for t in tokens]
        return fix_bio(self.tagger.tag(self.features.sentence(words)))

    def tag_with_confidence(self, words: list[str]) -> list[tuple[str, float]]:
        """BIO tags and each tag's marginal probability, for normalized words."""
        if not words:
            return []
        tags = fix_bio(self.tagger.tag(self.features.sentence(words)))
        marginal = self.tagger.marginal
        return [(t, marginal(t, i) if t != "O" else 1.0) for i, t in enumerate(tags)]


def fix_bio(tags: list[str]) -> list[str]:
    """An I- tag that does not continue a span of its type starts one."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of a BIO sequence (end exclusive)."""
    out = []
    start = label = None
    for i, t in enumerate(list(tags) + ["O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == label):
            out.append((start, i, label))
            start = label = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, label = i, t[2:]
    return out


# -- CoNLL -------------------------------------------------------------------

def read_conll(lines: Iterable[str]) -> Iterator[list[tuple[str, str | None]]]:
    """Sentences of (token, tag or None) from CoNLL-style lines: the token in
    the first column, an optional tag in the last, blank lines between
    sentences."""
    sent: list[tuple[str, str | None]] = []
    for line in lines:
        parts = line.split()
        if not parts:
            if sent:
                yield sent
                sent = []
            continue
        sent.append((parts[0], parts[-1] if len(parts) > 1 else None))
    if sent:
        yield sent


def write_conll(out: TextIO, sentences_: Iterable[list[tuple[str, str]]]) -> None:
    for sent in sentences_:
        for token, tag in sent:
            out.write(f"{token} {tag}\n")
        out.write("\n")


def tag_conll(inp: TextIO, out: TextIO, tagger: NerTagger | None = None) -> int:
    """Tag a CoNLL file; returns the number of tokens written."""
    tagger = tagger or NerTagger()
    n = 0

    def tagged():
        nonlocal n
        for sent in read_conll(inp):
            tokens = [t for t, _ in sent]
            n += len(tokens)
            yield list(zip(tokens, tagger.tag(tokens)))

    write_conll(out, tagged())
    return n


# -- the pipeline stage --------------------------------------------------------

_LABEL_TYPE = {"PERS": "person", "LOC": "city", "ORG": "organization", "MISC": "other"}
_GENERIC_ADJECTIVES = frozenset(normalize(w) for w in (
    "دولي", "عالمي", "وطني", "حكومي", "محلي", "أجنبي", "إقليمي", "خاص", "عام", "جديد", "كبير", "كبرى",
    "صغير", "مشترك", "رسمي", "مستقل", "عربي", "غربي", "شرقي", "آسيوي", "أوروبي", "أفريقي",
))
# Every token of a span must carry its tag with at least this marginal
# probability: the stage would rather miss a name than invent one.
_MIN_CONFIDENCE = 0.5


class NerStage:
    """Adds model spans that no earlier mention overlaps: a span whose name a
    known entity of the document already bears (a bare "تشانغ" after "تشانغ
    شياو") becomes a mention of it, any other a `marsad:` entity."""

    def __init__(self, tagger: NerTagger | None = None, min_confidence: float = _MIN_CONFIDENCE):
        self.tagger = tagger or NerTagger()
        self.min_confidence = min_confidence
        self.stopwords = gz.normalized_set(gz.lexicon("stopwords")["stopwords"])
        # words the tagged corpora use often and never inside a name
        self.common = gz.word_list("common_words")
        self.titles = self.tagger.features.lex.titles
        dates = gz.lexicon("dates")
        self.calendar = frozenset(w for name in gz.normalized_set(
            [m for ms in dates["months"].values() for m in ms] + [d for ds in dates["weekdays"].values() for d in ds])
            for w in name.split())

    def __call__(self, doc: Doc) -> None:
        norm = doc.norm
        text = norm.text
        taken = _Intervals(
            len(text), [(norm.to_normalized(m.start), norm.to_normalized(m.end)) for m in doc.mentions()]
        )
        found: list[tuple[int, int, str]] = []  # normalized start, end, label
        for sent in sentences(text):
            words = [t.text for t in sent]
            if not any(_ARABIC_RE.match(w) or _LATIN_RE.match(w) for w in words):
                continue
            tagged = self.tagger.tag_with_confidence(words)
            for a, b, label in spans([t for t, _ in tagged]):
                while a < b and not words[a][0].isalnum():
                    a += 1  # no punctuation at either end of a name
                while b > a and not words[b - 1][0].isalnum():
                    b -= 1
                if a < b and min(c for _, c in tagged[a:b]) >= self.min_confidence:
                    found.append((sent[a].start, sent[b - 1].end, label))
        if not found:
            return
        known = self._known_names(doc)
        added = {}
        for start, end, label in found:
            eid = self._add(doc, start, end, label, taken, known)
            if eid and eid not in added:
                added[eid] = start
        self._family_names(doc, added, taken)

    def _family_names(self, doc: Doc, added: dict[str, int], taken: "_Intervals") -> None:
        """"محمد عرقاب ... حيث سلّمه عرقاب رسالة": a person the model found,
        named later by his last name alone, the model not tagging it there."""
        norm = doc.norm
        text = norm.text
        last: dict[str, str | None] = {}
        for eid, start in added.items():
            entity = doc.entities[eid]
            words = _name_key(entity.name_ar).split()
            if entity.type != "person" or len(words) < 2:
                continue
            w = words[-1]
            if len(w) < 4 or w in self.stopwords or self._ordinary(w) or gz.load().names(w):
                continue
            last[w] = eid if w not in last else None  # two persons of one family name: neither
        last = {w: eid for w, eid in last.items() if eid}
        if not last:
            return
        rx = re.compile(r"(?<!\w)[وفبل]?(" + "|".join(map(re.escape, last)) + r")(?!\w)")
        for m in rx.finditer(text):
            eid = last[m.group(1)]
            start, end = m.start(1), m.end(1)
            if start <= added[eid] or taken.overlaps(start, end):
                continue
            o_start, o_end = norm.span(start, end)
            doc.entities[eid].mentions.append(Mention(o_start, o_end, doc.text[o_start:o_end], eid, "model"))
            taken.add(start, end)

    def _ordinary(self, word: str) -> bool:
        """A word the tagged corpora use often and never in a name, also
        behind its proclitics or as the present of such a past ("يتعهد")."""
        common = self.common
        return word in common or stem(word)[1] in common or gz.past_of_present(word) in common

    def _generic(self, words: list[str]) -> bool:
        """An indefinite noun and adjectives only."""
        if words[0].startswith("ال") or stem(words[0])[0]:
            return False
        nisba = self.tagger.features.lex.nisba
        return all(w.endswith("يه") or w in nisba or w in _GENERIC_ADJECTIVES for w in words[1:])

    def _known_names(self, doc: Doc) -> dict[str, str | None]:
        """Name key -> entity id for every mention so far, and for persons
        their first and last words too (None where two entities share one)."""
        known: dict[str, str | None] = {}
        words: dict[str, set[str]] = {}
        for eid, entity in doc.entities.items():
            for m in entity.mentions:
                known.setdefault(_name_key(m.text), eid)
                parts = _name_key(m.text).split()
                if entity.type == "person" and len(parts) > 1:
                    for w in (parts[0], parts[-1]):
                        if len(w) >= 3 and w not in self.stopwords:
                            words.setdefault(w, set()).add(eid)
        for w, ids in words.items():
            if w not in known:
                known[w] = next(iter(ids)) if len(ids) == 1 else None
        return known

    def _add(self, doc: Doc, start: int, end: int, label: str, taken: "_Intervals",
             known: dict[str, str | None]) -> str | None:
        norm = doc.norm
        text = norm.text
        # proclitics of the first word are not part of the name
        first = text[start:end].split(" ", 1)[0]
        pre, _ = stem(first)
        if pre.endswith("ال"):
            pre = pre[:-2]
        elif pre.endswith("لل"):
            pre = pre[:-1]  # "للجامعة": the second ل stands for the article
        start += len(pre)
        name = text[start:end]
        if taken.overlaps(start, end):
            return  # the gazetteer (and every earlier rule) wins
        words = name.split()
        if not words or not _ARABIC_RE.match(words[0]) and not _LATIN_RE.match(words[0]):
            return
        if len(words) == 1 and (stem(words[0])[1] in self.stopwords or words[0] in self.stopwords
                                or stem(words[0])[1] in self.titles or len(stem(words[0])[1]) < 2):
            return
        if (label == "PERS" or len(words) == 1) and any(self._ordinary(w) for w in words):
            return  # "حسن الجوار", "يتعهد بتعميق": an ordinary word is no part of a person's name
        if len(words) == 1 and words[0].startswith("ال"):
            # a lone word with the article the gazetteer does not know ("السيول", the
            # floods) is an adjective or a noun more often than a name
            return
        if len(words) > 1 and self._generic(words):
            return  # "منظمة دولية", "شركة صينية": a description, not a name
        if all(stem(w)[1] in self.calendar or w in self.calendar for w in words):
            return  # "جويلية", "تشرين الثاني": a month, not a name
        key = _name_key(name)
        eid = known.get(key, "")
        if eid is None:
            return  # a bare word two known persons share
        etype = _type_of(label, words)
        if not eid and etype == "other":
            return  # currencies, languages, products: not entities marsad keeps
        o_start, o_end = norm.span(start, end)
        surface = doc.text[o_start:o_end]
        if not eid:
            eid = "marsad:" + slug(transliterate(key))
        entity = doc.entities.get(eid)
        if entity is None:
            entity = doc.entities[eid] = Entity(eid, etype, _english_name(key), surface, None)
            known[key] = eid
        entity.mentions.append(Mention(o_start, o_end, surface, eid, "model"))
        taken.add(start, end)
        return eid


def _name_key(name: str) -> str:
    """The form two spellings of one name share: normalized, single spaces,
    the article off the first word."""
    words = match_key(name).split()
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    return " ".join(words)


_HEAD_EN = {stem(normalize(ar))[1]: en for ar, en in (
    ("جامعة", "University"), ("شركة", "Company"), ("مصفاة", "Refinery"), ("محطة", "Station"), ("ميناء", "Port"),
    ("مزرعة", "Farm"), ("مطار", "Airport"), ("مصنع", "Plant"), ("منجم", "Mine"), ("حقل", "Field"), ("بنك", "Bank"),
    ("معهد", "Institute"), ("مصرف", "Bank"), ("مستشفى", "Hospital"), ("صندوق", "Fund"), ("منطقة", "Region"),
)}


def _english_name(key: str) -> str:
    """A Latin name_en: "جامعة ساتباييف" -> "Satbayyf University"; else the
    transliteration of the whole name."""
    words = key.split()
    head = _HEAD_EN.get(stem(words[0])[1]) if len(words) == 2 else None
    if head and not stem(words[1])[0]:
        return f"{transliterate(words[1])} {head}"
    return transliterate(key)


def _type_of(label: str, words: list[str]) -> str:
    """person from PERS; else the head word's type ("مصفاة ..." facility,
    "جامعة ..." organization, "قمة ..." event); else by the tag (LOC city,
    ORG organization, MISC other)."""
    if label == "PERS":
        return "person"
    head = HEAD_TYPES.get(stem(words[0])[1]) if len(words) > 1 else None
    return head or _LABEL_TYPE[label]


class _Intervals:
    """Characters taken by earlier mentions (normalized offsets)."""

    def __init__(self, size: int, pairs: Iterable[tuple[int, int]]):
        self.taken = bytearray(size + 1)
        for a, b in pairs:
            self.add(a, b)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self.taken[start:end]

    def add(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * max(0, end - start)


@component("ner")
def ner_stage() -> NerStage:
    return NerStage()
