"""A readable Latin transliteration of Arabic names (for `name_en` of names
no gazetteer knows) and ascii slugs for `marsad:` ids.

Written by hand: the offline libraries at hand give Buckwalter-style
one-to-one codes ("t$AnG"), which no reader recognizes as a name; news
transliteration of foreign names ("تشانغ" -> "Chang") wants digraph rules."""
from __future__ import annotations

import re
import unicodedata

from marsad.text import normalize

_DIGRAPHS = (
    ("تش", "ch"), ("دج", "j"), ("كس", "x"), ("نغ", "ng"), ("نج", "ng"),
)
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "ڤ": "v", "پ": "p", "چ": "ch", "گ": "g",
}
_VOWELS = set("اوي")


def _word(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        digraph = next((lat for ar, lat in _DIGRAPHS if pair == ar and (ar not in ("نغ", "نج") or i + 2 == len(word))), None)
        if digraph:
            out.append(digraph)
            i += 2
            continue
        ch = word[i]
        prev_is_consonant = i > 0 and word[i - 1] not in _VOWELS
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if i == len(word) - 2 and (word.endswith("او") or (word.endswith("وي") and prev_is_consonant)):
            out.append("ao" if ch == "ا" else "ui")  # شياو -> Shyao, هوي -> Hui
            break
        if ch == "و" and i > 0 and prev_is_consonant and nxt not in _VOWELS:
            out.append("o" if i + 1 == len(word) else "u")
        elif ch == "ي" and i > 0 and prev_is_consonant and nxt not in _VOWELS:
            out.append("i")
        elif ch == "ه" and i + 1 == len(word) and i > 0:
            out.append("a")  # taa marbuta, normalized to ه
        elif ch in _LETTERS:
            out.append(_LETTERS[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        i += 1
    latin = "".join(out).replace("aa", "a").strip("'")
    return latin[:1].upper() + latin[1:]


def transliterate(name: str) -> str:
    """"تشانغ شياو" -> "Chang Shyao"; Latin input is returned title-cased."""
    words = normalize(name).split()
    return " ".join(w for w in (_word(w) for w in words) if w)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return s or "unnamed"
