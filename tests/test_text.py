"""The text layer: every normalization rule, the offset map, segmentation."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import clauses, normalize, normalize_with_map, prefix_ok, sentences


@pytest.mark.parametrize("raw, norm", [
    ("كَتَبَ", "كتب"),                      # harakat
    ("سلامٌ", "سلام"),                      # tanwin
    ("مـــرصد", "مرصد"),                    # tatweel
    ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # alef forms
    ("مؤتمر", "موتمر"),                     # hamza on waw
    ("رئيس", "رييس"),                       # hamza on yeh
    ("مستشفى", "مستشفي"),                   # alef maqsura
    ("مدينة", "مدينه"),                     # taa marbuta
    ("٣١٫٢", "31.2"),                       # Arabic-Indic digits, decimal separator
    ("۱۲۳", "123"),                         # Persian digits
    ("١٬٠٤٦", "1,046"),                     # thousands separator
    ("٢٦٫٣٪", "26.3%"),                     # percent sign
    ("ﻻ", "لا"),                            # lam-alef ligature (presentation form)
    ("ﺑﻜﻴﻦ", "بكين"),                       # contextual presentation forms
    ("كازا\u200bخستان", "كازاخستان"),        # zero-width space
    ("\u200fالصين\u202c", "الصين"),          # bidi controls
    ("XI Jinping", "xi jinping"),           # Latin case
    ("ی ک", "ي ك"),                          # Persian yeh and kaf
])
def test_normalization_rules(raw, norm):
    assert normalize(raw) == norm
    assert normalize_with_map(raw).text == norm


def test_offsets_map_back_to_the_original_word():
    text = "قالَ الرئيسُ \u200fكازاخستانُ ﻻ ٣١٫٢٪"
    n = normalize_with_map(text)
    for word in ("كازاخستان", "الرييس", "لا", "31.2%"):
        i = n.text.index(word)
        s, e = n.span(i, i + len(word))
        assert normalize(text[s:e]) == word
    i = n.text.index("كازاخستان")
    s, e = n.span(i, i + len("كازاخستان"))
    assert text[s:e] == "كازاخستانُ"  # the final vowel mark belongs to the word


def test_identity_text_has_identity_map():
    n = normalize_with_map("abc def")
    assert n.span(4, 7) == (4, 7)


arabicish = st.text(
    alphabet=st.sampled_from(list("كازاخستانالصينأإآىةؤئ٠١٢٣٫٬٪ًٌٍَُِّْـ\u200b\u200f ﻻﺑ.،\nXi") + ["\U0001F600"]),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(arabicish, st.data())
def test_every_normalized_span_maps_inside_the_original(text, data):
    n = normalize_with_map(text)
    assert len(n.text) == len(normalize(text))
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    s, e = n.span(a, b)
    assert 0 <= s <= e <= len(text)
    # what the original span normalizes to contains the normalized span
    assert n.text[a:b] in normalize(text[s:e])


@settings(max_examples=200, deadline=None)
@given(arabicish)
def test_mentions_found_in_any_text_are_exact_substrings(text):
    from marsad.doc import Doc

    doc = _pipeline()(Doc("h", text + " كازاخستان و" + text))
    for ent in doc.entities.values():
        for m in ent.mentions:
            assert 0 <= m.start < m.end <= len(doc.text)
            assert doc.text[m.start:m.end] == m.text
    assert "Q232" in doc.entities or any(e.type == "country" for e in doc.entities.values())


_PIPE = []


def _pipeline():
    from marsad.pipeline import Pipeline

    if not _PIPE:
        _PIPE.append(Pipeline())
    return _PIPE[0]


def _split(text):
    return [text[s.start:s.end] for s in sentences(text)]


def test_sentences_do_not_split_decimals_or_abbreviations():
    text = "بلغت التجارة 8.8 مليار دولار. قال د. أحمد إن ج.ت سألت! هل تعرف؟ نعم\nسطر جديد"
    assert _split(text) == [
        "بلغت التجارة 8.8 مليار دولار.",
        "قال د. أحمد إن ج.ت سألت!",
        "هل تعرف؟",
        "نعم",
        "سطر جديد",
    ]


def test_sentences_keep_latin_abbreviations_and_decimals_with_arabic_separator():
    text = "وصل وفد U.S. إلى بكين. النمو ٢٦٫٣٪ هذا العام."
    assert _split(text) == ["وصل وفد U.S. إلى بكين.", "النمو ٢٦٫٣٪ هذا العام."]


def test_clauses_split_at_commas_but_not_thousands():
    text = "قال الوزير، إن 1,046 شركة صدرت؛ وارتفع النمو"
    sent = sentences(text)[0]
    assert [text[c.start:c.end] for c in clauses(text, sent)] == ["قال الوزير", "إن 1,046 شركة صدرت", "وارتفع النمو"]


@pytest.mark.parametrize("prefix, dropped, ok", [
    ("", False, True), ("و", False, True), ("ف", False, True), ("ب", False, True),
    ("وب", False, True), ("فل", False, True), ("ك", False, True),
    ("ال", False, False), ("م", False, False), ("ست", False, False), ("بو", False, False),
    ("لل", True, True), ("ولل", True, True), ("ب", True, False),
])
def test_proclitic_prefixes(prefix, dropped, ok):
    assert prefix_ok(prefix, dropped) is ok


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="بسمٌَُِّـ الله ١٢٣\u200f أإآ", max_size=40))
def test_to_normalized_inverts_to_original(text):
    from marsad.text import normalize_with_map

    norm = normalize_with_map(text)
    for n in range(len(norm.text) + 1):
        assert norm.to_normalized(norm.to_original(n)) == n


@settings(max_examples=400)
@given(st.text(alphabet=" \n\t.،,;:!؟…-–—\"»)ab1دج", max_size=60))
def test_marks_are_found_as_the_marks_regex_finds_them(text):
    # sentences() and clauses() look for the marks' first characters, then
    # match there: the same spans as the marks' own finditer
    from marsad import text as textlib

    for mark_re, first_re in ((textlib._SENT_END_RE, textlib._SENT_END_FIRST),
                              (textlib._CLAUSE_END_RE, textlib._CLAUSE_END_FIRST)):
        expected = [m.span() for m in mark_re.finditer(text)]
        assert [m.span() for m in textlib._marks(mark_re, first_re, text, 0, len(text))] == expected


def test_a_spaced_dash_between_two_nisbas_joins_them():
    text = "في ختام أعمال الدورة الثالثة للجنة السعودية - الكازاخستانية المشتركة. الرياض - أعلنت الوزارة"
    found = [text[c.start:c.end] for s in sentences(text) for c in clauses(text, s)]
    assert found == ["في ختام أعمال الدورة الثالثة للجنة السعودية - الكازاخستانية المشتركة.", "الرياض", "أعلنت الوزارة"]
