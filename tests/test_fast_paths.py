"""The fast paths agree with the plain regexes they replace.

Each fast path (trie alternations, `Phrases`, the anchored date scan) is
checked against the straightforward form on texts that hypothesis builds
from the real vocabulary, glued with proclitics, spaces and punctuation —
the places where a boundary check could slip."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import dates, figures
from marsad import text as text_module
from marsad import gazetteer as gz
from marsad.text import Phrases, alternation, match_key

_DATE_WORDS = sorted({match_key(w) for ws in gz.lexicon("dates")["months"].values() for w in ws}
                     | {"العام", "الماضي", "المقبل", "منذ", "بحلول", "حتي", "من", "الي", "خلال", "الفتره",
                        "الاشهر", "الخمسه", "الاولي", "الربع", "الاول", "نهايه", "مطلع", "يوم", "الاربعاء",
                        "امس", "اليوم", "ذاتها", "السنوات", "العشر", "عامي", "2022", "2023", "1999", "3", "17",
                        "شهر", "هذا", "الاسبوع", "الجاري", "قبل", "العقد", "الماضيه", "عام"})
_GLUE = st.sampled_from([" ", " ", " ", "  ", "، ", ". ", "\n", "/", " - ", "(", ") ", "و", "ب", "ل", "وال", "ا"])


def _texts(words):
    return st.lists(st.tuples(st.sampled_from(words), _GLUE), max_size=25).map(
        lambda parts: "".join(w + g for w, g in parts))


def _plain_alternation(words) -> str:
    forms = sorted({k for k in map(match_key, words) if k}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + ")"


@settings(max_examples=300, deadline=None)
@given(_texts(_DATE_WORDS))
def test_trie_alternation_matches_like_a_longest_first_alternation(text):
    words = _DATE_WORDS
    trie, plain = re.compile(alternation(words)), re.compile(_plain_alternation(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


_CUE_WORDS = sorted({match_key(w) for ws in gz.lexicon("figures")["metric_cues"].values() for w in ws})[:60] + ["واردات"]


@settings(max_examples=300, deadline=None)
@given(_texts(_CUE_WORDS), st.integers(0, 20), st.integers(0, 40))
def test_phrases_find_what_the_lookbehind_regex_finds(text, lo, width):
    phrases = Phrases(_CUE_WORDS)
    regex = re.compile(rf"(?<!\w)(?:[وفبلس]|وب|ول|فب|فل|وس)?({alternation(_CUE_WORDS)})(?!\w)")
    lo = min(lo, len(text))
    hi = min(len(text), lo + width * 5)
    got = [(m.start(), m.start(1), m.end()) for m in phrases.finditer(text, lo, hi)]
    want = [(m.start(), m.start(1), m.end()) for m in regex.finditer(text, lo, hi)]
    assert got == want


@settings(max_examples=400, deadline=None)
@given(_texts(_DATE_WORDS))
def test_anchored_date_scan_finds_what_a_full_scan_finds(text):
    v = dates.vocab()
    full = [(rank, name, m.span()) for rank, (name, pattern, _) in enumerate(v.patterns)
            for m in pattern.finditer(text)]
    fast = [(rank, name, m.span()) for rank, name, m in dates._scan(v, text)]
    assert sorted(fast) == sorted(full)


_TABLE_CHARS = sorted(chr(cp) for cp in text_module._TABLE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TABLE_CHARS + list("كازاخستان الصين 2022 abc")), max_size=80))
def test_replacing_present_characters_is_the_same_as_translate(s):
    assert text_module.normalize(s) == s.translate(text_module._TABLE)


_NUMBER_WORDS = sorted({match_key(w) for section in ("units", "scales", "fractions")
                        for w in gz.lexicon("numbers")[section]}
                       | {"دولار", "مليار", "%", "$", "+", "-", "8.8", "1,200", "2022", "12-14", "بـ", "الـ", "حاويه",
                          "ايام", "مره", "طن", "يوان", "(", ")"})


@settings(max_examples=400, deadline=None)
@given(_texts(_NUMBER_WORDS))
def test_number_scan_finds_what_finditer_finds(text):
    lx = figures.lexicon()
    assert [m.span() for m in figures._numbers(lx, text)] == [m.span() for m in lx.number.finditer(text)]
