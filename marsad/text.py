"""The Arabic text layer: normalization for matching, with an exact map from
normalized positions back to original offsets; sentence and clause
segmentation; word-boundary and proclitic checks.

Normalization is done with one `str.translate` table (fast, C speed). Only the
characters whose replacement is not exactly one character (deleted marks,
expanded ligatures) shift offsets, so the map is stored as a short list of
breakpoints rather than one integer per character.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from typing import NamedTuple

from pyarabic import araby

# Characters deleted for matching: harakat and Quranic marks (the list comes
# from pyarabic), tatweel, zero-width and bidi controls.
_DELETE = set(araby.TASHKEEL) | {araby.TATWEEL, "\u0670"}
_DELETE |= {chr(c) for c in range(0x0610, 0x061B)}  # Quranic signs above/below
_DELETE |= {chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DD, 0x06DE, 0x06E9)}
_DELETE |= {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad", "\u2060"}
_DELETE |= {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}

# One-to-one replacements.
_REPLACE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ی": "ي", "ې": "ي", "ک": "ك", "ڪ": "ك", "ھ": "ه", "ۀ": "ه", "ہ": "ه",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "گ": "ك",
    "٫": ".", "٬": ",", "٪": "%", "\u066d": "*",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
}
for _i in range(10):
    _REPLACE[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _REPLACE[chr(0x06F0 + _i)] = str(_i)  # Persian digits
for _c in range(ord("A"), ord("Z") + 1):
    _REPLACE[chr(_c)] = chr(_c).lower()


def _fold(ch: str) -> str:
    """The matching form of one character (may be empty or longer than one)."""
    if ch in _DELETE:
        return ""
    if ch in _REPLACE:
        return _REPLACE[ch]
    return ch


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ch in _DELETE:
        table[ord(ch)] = None
    for ch, rep in _REPLACE.items():
        table[ord(ch)] = rep
    # Arabic presentation forms (isolated/initial/medial/final glyphs and
    # ligatures such as ﻻ): their compatibility decomposition, then folded.
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        ch = chr(cp)
        nfkc = unicodedata.normalize("NFKC", ch)
        if nfkc == ch:
            continue
        folded = "".join(_fold(c) for c in nfkc if not c.isspace() or nfkc.strip() == "")
        table[cp] = folded or None
    return table


_TABLE = _build_table()
# Characters whose folded form is not exactly one character: these shift offsets.
_SHIFTING = "".join(
    sorted(chr(cp) for cp, rep in _TABLE.items() if rep is None or len(rep) != 1)
)
_SHIFTING_RE = re.compile("[" + re.escape(_SHIFTING) + "]")


# Any character the table changes. str.translate looks every character up
# in the table (slow for Arabic text, which is all non-ASCII); replacing only
# the few distinct characters present is several times faster.
_CHANGING_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")


def _translate(text: str) -> str:
    for ch in set(_CHANGING_RE.findall(text)):
        text = text.replace(ch, _TABLE[ord(ch)] or "")
    return text


def normalize(text: str) -> str:
    """The matching form of `text` (no offset map): for lexicon keys."""
    return _translate(text)


def match_key(text: str) -> str:
    """The form lexicon and gazetteer entries are compared in: normalized,
    with single spaces."""
    return " ".join(normalize(str(text)).split())


def alternation(words) -> str:
    """A regex alternation of `words` in match-key form, any run of spaces
    between their words, written as a trie ("شهر|شهور" → "شه(?:ر|ور)") so
    the regex engine does not retry every word at every position. Like an
    alternation sorted longest first, it prefers the longest word that
    matches and backtracks to shorter ones."""
    trie: dict = {}
    for form in {k for k in map(match_key, words) if k}:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")" if trie else "(?!)"


def _trie_regex(node: dict) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
        for ch, child in sorted(node.items()) if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer ones are optional
        return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


class PhraseMatch:
    """Where a `Phrases` lexicon matched: the span with its proclitics;
    group(1) is the phrase without them."""

    __slots__ = ("_string", "_start", "_phrase_start", "_end")

    def __init__(self, string: str, start: int, phrase_start: int, end: int):
        self._string, self._start, self._phrase_start, self._end = string, start, phrase_start, end

    def start(self, group: int = 0) -> int:
        return self._start if group == 0 else self._phrase_start

    def end(self, group: int = 0) -> int:
        return self._end

    def group(self, group: int = 0) -> str:
        return self._string[self.start(group):self._end]


class Phrases:
    """The phrases of a lexicon, found in normalized text at word boundaries,
    after optional proclitics ("وبحسب", "للصادرات").

    Equivalent to the regex (?<!\\w)(?:proclitic)?(phrases)(?!\\w), but the
    scan looks for the phrases alone and checks what is glued before them
    afterwards: a leading lookbehind and optional group make the regex
    engine do that work at every position of the text, several times
    slower."""

    def __init__(self, words, proclitics: tuple[str, ...] = ("و", "ف", "ب", "ل", "س", "وب", "ول", "فب", "فل", "وس")):
        self._bare = re.compile(f"({alternation(words)})(?!\\w)")
        self._proclitics = frozenset(proclitics) | {""}

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None):
        end_at = len(string) if endpos is None else endpos
        search = self._bare.search
        while (m := search(string, pos, end_at)) is not None:
            ws = word_start(string, m.start())
            found = self.match(string, ws, end_at) if ws >= pos and m.start() - ws <= 2 else None
            if found is None:
                pos = m.start() + 1
                continue
            yield found
            pos = found.end()

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> PhraseMatch | None:
        return next(self.finditer(string, pos, endpos), None)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> PhraseMatch | None:
        """A phrase starting at `pos`, after optional proclitics (tried as
        the regex would: one letter, two letters, none)."""
        if pos > 0 and is_word_char(string[pos - 1]):
            return None
        end_at = len(string) if endpos is None else endpos
        for k in (1, 2, 0):
            if pos + k <= end_at and string[pos:pos + k] in self._proclitics:
                m = self._bare.match(string, pos + k, end_at)
                if m:
                    return PhraseMatch(string, pos, pos + k, m.end())
        return None

    def fullmatch(self, string: str) -> PhraseMatch | None:
        m = self.match(string)
        return m if m and m.end() == len(string) else None


@dataclass(frozen=True)
class Normalized:
    """A normalized text and the way back to the original's offsets.

    `_norm_bp[k]`, `_orig_bp[k]` are breakpoints: from normalized position
    `_norm_bp[k]` on, normalized index n maps to `_orig_bp[k] + (n - _norm_bp[k])`
    until the next breakpoint.
    """

    original: str
    text: str
    _norm_bp: tuple[int, ...]
    _orig_bp: tuple[int, ...]

    @property
    def shifts(self) -> bool:
        """Whether normalization moved any offset (deleted or expanded a
        character); when not, normalized and original offsets are equal."""
        return bool(self._norm_bp)

    def to_original(self, n: int) -> int:
        """Original offset of the character at normalized position n
        (n == len(text) maps to len(original))."""
        if not self._norm_bp:
            return n
        k = bisect.bisect_right(self._norm_bp, n) - 1
        if k < 0:
            return n
        return self._orig_bp[k] + (n - self._norm_bp[k])

    def to_normalized(self, o: int) -> int:
        """Normalized position of original offset o (a deleted character maps
        to the position of what follows it)."""
        if not self._norm_bp:
            return o
        k = bisect.bisect_right(self._orig_bp, o) - 1
        if k < 0:
            return o
        n = self._norm_bp[k] + (o - self._orig_bp[k])
        if k + 1 < len(self._norm_bp):
            n = min(n, self._norm_bp[k + 1])
        return min(n, len(self.text))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end).

        The end takes in marks deleted right after the span (a final
        diacritic belongs to its letter) and never cuts a ligature.
        """
        if start >= end:
            o = self.to_original(start)
            return o, o
        o_start = self.to_original(start)
        o_end = max(self.to_original(end), self.to_original(end - 1) + 1)
        # Deleted characters after the span are swallowed by to_original(end);
        # give back trailing spaces-like deletions (bidi marks) only if they
        # are not combining marks, so the span stays the word.
        while o_end > o_start + 1 and self.original[o_end - 1] in _NON_MARK_DELETIONS:
            o_end -= 1
        return o_start, o_end


_NON_MARK_DELETIONS = frozenset(
    ch for ch in _DELETE if unicodedata.category(ch) not in ("Mn", "Lm")
)


def normalize_with_map(text: str) -> Normalized:
    """Normalize `text` and keep the map back to original offsets."""
    norm = _translate(text)
    if len(norm) == len(text) and not _SHIFTING_RE.search(text):
        return Normalized(text, norm, (), ())
    norm_bp: list[int] = []
    orig_bp: list[int] = []
    delta = 0  # normalized position minus original position, so far
    for m in _SHIFTING_RE.finditer(text):
        p = m.start()
        rep = _TABLE.get(ord(text[p]))
        width = 0 if rep is None else len(rep)
        q = p + delta
        if width == 0:
            norm_bp.append(q)
            orig_bp.append(p + 1)
        else:
            for j in range(1, width):
                norm_bp.append(q + j)
                orig_bp.append(p)
            norm_bp.append(q + width)
            orig_bp.append(p + 1)
        delta += width - 1
    # Collapse runs of breakpoints at the same normalized position (the last wins).
    nb: list[int] = []
    ob: list[int] = []
    for n, o in zip(norm_bp, orig_bp):
        if nb and nb[-1] == n:
            ob[-1] = o
        else:
            nb.append(n)
            ob.append(o)
    return Normalized(text, norm, tuple(nb), tuple(ob))


# --- words, proclitics, boundaries ------------------------------------------

ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# Proclitics that may stand before a name: a conjunction (و, ف), then a
# preposition (ب, ك, ل). A key beginning with the article takes لل for ل+ال.
_PROCLITICS = re.compile(r"^(?:[وف]?[بكل]?)$")
_LAM_ARTICLE = re.compile(r"^[وف]?لل$")


def word_start(text: str, pos: int) -> int:
    """Start of the word that contains or ends right before `pos`."""
    while pos > 0:
        ch = text[pos - 1]
        if not (ch.isalnum() or ch == "_"):
            break
        pos -= 1
    return pos


def word_end(text: str, pos: int) -> int:
    """End of the word that contains or starts at `pos`."""
    while pos < len(text) and (text[pos].isalnum() or text[pos] == "_"):
        pos += 1
    return pos


@lru_cache(maxsize=256)  # a handful of distinct prefixes, asked for at every match
def prefix_ok(prefix: str, article_dropped: bool = False) -> bool:
    """True when `prefix` (the letters glued before a match) is a run of
    proclitics. `article_dropped`: the match is a key whose ال was dropped,
    which is only valid after لل ("للصين" for "ل" + "الصين")."""
    if article_dropped:
        return bool(_LAM_ARTICLE.match(prefix))
    return len(prefix) <= 2 and bool(_PROCLITICS.match(prefix))


def boundary_after(text: str, end: int) -> bool:
    return end >= len(text) or not is_word_char(text[end])


# --- segmentation ------------------------------------------------------------

class Segment(NamedTuple):  # a tuple: made by the thousand, and cheap so
    start: int
    end: int


# A sentence ends at . ! ? ؟ … or a line break — but not at a dot between
# digits (8.8), after a single-letter or known abbreviation (ج.ت, د., U.S.).
_SENT_END_RE = re.compile(r"[.!?؟…]+[\"'”»)]*|\n+")
_ABBREV_WORDS = frozenset(
    normalize(w) for w in ("د", "م", "ق", "ه", "ج", "ت", "أ", "ص", "ب", "ش", "هـ", "ص.ب", "إلخ", "دكتور",
                           "mr", "dr", "st", "no", "vs", "etc", "inc", "co", "jr", "u.s", "u.n")
)
# "اللجنة السعودية - الكازاخستانية": a dash between two nisbas joins them
_CLAUSE_END_RE = re.compile(r"[،؛;:]|,(?!\d)|(?<!ية)\s[-–—]\s|(?<=ية)\s[-–—]\s(?!ال\S*ية(?!\S))")


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (is_word_char(text[start - 1]) or text[start - 1] == "."):
        start -= 1
        if dot - start > _LONGEST_ABBREVIATION:
            return False  # a longer word: every abbreviation is short (tatweel and all)
    word = text[start:dot]
    if not word:
        return False
    if len(word.replace(".", "")) == 1:
        return True  # single letters: initials, "ج.ت"
    return normalize(word).lower() in _ABBREV_WORDS


_LONGEST_ABBREVIATION = 2 * max(map(len, _ABBREV_WORDS))


def sentences(text: str) -> list[Segment]:
    """Sentence spans of `text` (original offsets), stripped of outer space."""
    out: list[Segment] = []
    start = 0
    size = len(text)
    for m in _marks(_SENT_END_RE, _SENT_END_FIRST, text, 0, size):
        mark = m.group()
        at, end = m.span()
        if mark[0] == ".":
            after = text[end] if end < size else ""
            if after.isdigit() and at > 0 and text[at - 1].isdigit():
                continue  # a decimal point
            if mark == "." and (after and not after.isspace() and after not in "\"'”»)" or _is_abbreviation(text, at)):
                continue  # inside a token (a.b, U.S.A) or after an abbreviation
        elif mark[0] == "\n":
            end = at
        _append_stripped(text, start, end, out)
        start = m.end()
    _append_stripped(text, start, size, out)
    return out


def clauses(text: str, sentence: Segment) -> list[Segment]:
    """Clause spans inside one sentence: split at Arabic and Latin commas
    (not thousands separators), semicolons, colons, brackets and spaced dashes."""
    out: list[Segment] = []
    start = sentence.start
    for m in _marks(_CLAUSE_END_RE, _CLAUSE_END_FIRST, text, sentence.start, sentence.end):
        _append_stripped(text, start, m.start(), out)
        start = m.end()
    _append_stripped(text, start, sentence.end, out)
    return out


# The characters every mark holds (a dash's spaces aside): a search for one
# of them is six times faster than the marks' alternation tried at every
# position, and a document has a few dozen.
_SENT_END_FIRST = re.compile(r"[.!?؟…\n]")
_CLAUSE_END_FIRST = re.compile(r"[،؛;:,\-–—]")


def _marks(mark_re: re.Pattern, first_re: re.Pattern, text: str, pos: int, endpos: int):
    """The matches of `mark_re` in text[pos:endpos], as its finditer would
    give them, found from the positions of `first_re`'s characters; a match
    may begin one character before (the space of " - ")."""
    while True:
        f = first_re.search(text, pos, endpos)
        if f is None:
            return
        at = f.start()
        m = None
        if at > pos:
            m = mark_re.match(text, at - 1, endpos)
        if m is None:
            m = mark_re.match(text, at, endpos)
        if m is None:
            pos = at + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def _append_stripped(text: str, start: int, end: int, out: list[Segment]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Segment(start, end))
