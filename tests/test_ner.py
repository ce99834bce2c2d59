"""The named-entity model: tokens, clitics, BIO spans, CoNLL in and out, the
shipped model on made-up sentences, and the "ner" stage's rules (gazetteer
wins, one entity per name, types from head words). Nothing here reads the
training data."""
import io
import subprocess
import sys

import pytest

from marsad import gazetteer as gz
from marsad import ner
from marsad.doc import Doc
from marsad.entities import EntityRecognizer
from marsad.text import normalize
from tests.conftest import check_record

SMALL = [
    dict(id="Q232", type="country", en="Kazakhstan", ar="كازاخستان", variants=["قازاقستان"], adjectives=["كازاخستاني"]),
    dict(id="Q148", type="country", en="China", ar="الصين", adjectives=["صيني"]),
    dict(id="Q1520", type="city", en="Astana", ar="أستانا"),
    dict(id="marsad:test-person", type="person", en="Nurbek Sultanov", ar="نوربيك سلطانوف"),
]


# -- tokens and clitics ---------------------------------------------------------

def test_tokenize_keeps_numbers_whole():
    text = "ارتفع بنسبة 8.8% إلى 1,000 حاوية و31.2 مليار."
    toks = ner.tokenize(text)
    assert [t.text for t in toks] == ["ارتفع", "بنسبة", "8.8%", "إلى", "1,000", "حاوية", "و", "31.2", "مليار", "."]
    for t in toks:
        assert text[t.start:t.end] == t.text


def test_tokenize_separates_punctuation():
    assert [t.text for t in ner.tokenize("(شينخوا) - قال،")] == ["(", "شينخوا", ")", "-", "قال", "،"]


def test_sentences_split_at_stops_and_line_breaks_not_decimals():
    text = "نما 8.8 في المئة. ثم توقف\nسطر جديد"
    sents = [[t.text for t in s] for s in ner.sentences(text)]
    assert sents == [["نما", "8.8", "في", "المئة", "."], ["ثم", "توقف"], ["سطر", "جديد"]]


def test_long_runs_are_cut():
    sents = list(ner.sentences(" ".join(["كلمة"] * 400), max_len=150))
    assert [len(s) for s in sents] == [150, 150, 100]


@pytest.mark.parametrize("word, expected", [
    ("وبالصين", ("وبال", "صين")),
    ("للجامعه", ("لل", "جامعه")),
    ("الشركه", ("ال", "شركه")),
    ("وتشانغ", ("و", "تشانغ")),
    ("وانغ", ("", "وانغ")),      # Wang: not و + انغ
    ("بكين", ("", "بكين")),      # Beijing: ب without the article stays
    ("فرنسا", ("", "فرنسا")),    # France: ف without the article stays
    ("ويليام", ("", "ويليام")),  # William
])
def test_stem(word, expected):
    assert ner.stem(word) == expected


# -- BIO ----------------------------------------------------------------------------

def test_fix_bio_and_spans():
    tags = ner.fix_bio(["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "I-ORG", "B-ORG"])
    assert tags == ["B-PERS", "I-PERS", "O", "B-LOC", "B-ORG", "I-ORG", "B-ORG"]
    assert ner.spans(tags) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 6, "ORG"), (6, 7, "ORG")]


def test_spans_at_the_end():
    assert ner.spans(["O", "B-MISC", "I-MISC"]) == [(1, 3, "MISC")]


# -- CoNLL ----------------------------------------------------------------------------

CONLL = "قال O\nالرئيس O\nبرند B-PERS\nجوتشولك I-PERS\n. O\n\nفي\nألمانيا\n"


def test_read_conll_optional_tag_column():
    sents = list(ner.read_conll(io.StringIO(CONLL)))
    assert [len(s) for s in sents] == [5, 2]
    assert sents[0][2] == ("برند", "B-PERS")
    assert sents[1][1] == ("ألمانيا", None)


def test_tag_conll_keeps_tokens_in_order():
    out = io.StringIO()
    n = ner.tag_conll(io.StringIO(CONLL), out)
    assert n == 7
    blocks = [b.splitlines() for b in out.getvalue().strip("\n").split("\n\n")]
    assert [[l.split()[0] for l in b] for b in blocks] == [["قال", "الرئيس", "برند", "جوتشولك", "."], ["في", "ألمانيا"]]
    for b in blocks:
        for line in b:
            tag = line.split()[1]
            assert tag == "O" or tag[:2] in ("B-", "I-") and tag[2:] in ner.LABELS


def test_cli_ner(tmp_path):
    src = tmp_path / "in.conll"
    src.write_text(CONLL, encoding="utf-8")
    dst = tmp_path / "out.conll"
    proc = subprocess.run([sys.executable, "-m", "marsad", "ner", str(src), "-o", str(dst)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = dst.read_text(encoding="utf-8").splitlines()
    assert [l.split()[0] if l else "" for l in lines] == ["قال", "الرئيس", "برند", "جوتشولك", ".", "", "في", "ألمانيا", ""]
    assert all(len(l.split()) == 2 for l in lines if l)


def test_cli_ner_missing_file(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "marsad", "ner", str(tmp_path / "nope.conll")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2


# -- the shipped model --------------------------------------------------------------------

@pytest.fixture(scope="module")
def tagger():
    return ner.NerTagger()


def test_model_is_small():
    assert ner.default_model_path().stat().st_size < 5_000_000


def _labels(tagger, sentence):
    tokens = sentence.split()
    tags = tagger.tag(tokens)
    return {" ".join(tokens[a:b]): label for a, b, label in ner.spans(tags)}


def test_model_finds_a_person_after_a_title(tagger):
    found = _labels(tagger, "وقال وزير الخارجية الفرنسي جان مارك إيرولت إن المحادثات كانت مثمرة .")
    assert found.get("جان مارك إيرولت") == "PERS" or found.get("مارك إيرولت") == "PERS", found


def test_model_finds_places_and_organizations(tagger):
    found = _labels(tagger, "وصل الوفد إلى القاهرة قادما من باريس .")
    assert found.get("القاهرة") == "LOC" and found.get("باريس") == "LOC", found


def test_model_leaves_ordinary_words(tagger):
    tags = tagger.tag("وقال إن الاقتصاد نما بنسبة 8.8 في المئة خلال العام الماضي .".split())
    assert set(tags) == {"O"}


# -- the stage: rules, with a tagger whose answers the test fixes ---------------------------

class StubTagger:
    """Tags words from a table (normalized word -> tag), confidence 0.9."""

    def __init__(self, table):
        self.table = {normalize(k): v for k, v in table.items()}
        self.features = ner.Featurizer(ner.Lexicon(gz.build(SMALL)))

    def tag_with_confidence(self, words):
        return [(self.table.get(w, "O"), 0.9) for w in words]


def run_stage(text, table, min_confidence=0.5):
    doc = Doc("t", text)
    EntityRecognizer(gz.build(SMALL))(doc)
    ner.NerStage(StubTagger(table), min_confidence=min_confidence)(doc)
    return check_record(doc.to_record(), text), doc


def test_stage_adds_unknown_names_as_marsad_entities():
    record, doc = run_stage("زار تشانغ شياو أستانا .", {"تشانغ": "B-PERS", "شياو": "I-PERS"})
    people = [e for e in record["entities"] if e["type"] == "person"]
    assert len(people) == 1
    p = people[0]
    assert p["id"].startswith("marsad:") and p["wikidata"] is None
    assert p["name_ar"] == "تشانغ شياو" and p["name_en"] == "Chang Shyao"
    assert [m["text"] for m in p["mentions"]] == ["تشانغ شياو"]
    assert all(m.how == "model" for m in doc.entities[p["id"]].mentions)


def test_gazetteer_wins_on_overlap():
    # the model would read "أستانا" as the start of an organization: the gazetteer's city stays
    record, _ = run_stage("افتتح بنك أستانا الجديد .", {"أستانا": "B-ORG", "الجديد": "I-ORG"})
    ids = {e["id"] for e in record["entities"]}
    assert ids == {"Q1520"}


def test_same_name_twice_is_one_entity():
    text = "وقال تشانغ شياو إن ... وأضاف تشانغ شياو أن"
    record, _ = run_stage(text, {"تشانغ": "B-PERS", "شياو": "I-PERS"})
    assert len(record["entities"]) == 1
    assert len(record["entities"][0]["mentions"]) == 2


def test_proclitic_is_not_part_of_the_name():
    record, _ = run_stage("وصل الوفد وتشانغ شياو .", {"وتشانغ": "B-PERS", "شياو": "I-PERS"})
    (ent,) = record["entities"]
    assert [m["text"] for m in ent["mentions"]] == ["تشانغ شياو"]


@pytest.mark.parametrize("text, table, etype", [
    ("تعمل مصفاة شيمكنت بطاقتها الكاملة .", {"مصفاة": "B-ORG", "شيمكنت": "I-ORG"}, "facility"),
    ("وقعت جامعة الفارابي اتفاقية .", {"جامعة": "B-ORG", "الفارابي": "I-ORG"}, "organization"),
    ("وصلت الشحنة إلى ميناء أكتاو أمس .", {"ميناء": "B-LOC", "أكتاو": "I-LOC"}, "facility"),
    ("أعلنت شركة سامروك عن خطة .", {"شركة": "B-ORG", "سامروك": "I-ORG"}, "organization"),
    ("زار الوفد شيمكنت أمس .", {"شيمكنت": "B-LOC"}, "city"),
])
def test_types_from_tag_and_head_word(text, table, etype):
    record, _ = run_stage(text, table)
    (ent,) = record["entities"]
    assert ent["type"] == etype


def test_low_confidence_spans_are_dropped():
    record, _ = run_stage("زار تشانغ شياو أستانا .", {"تشانغ": "B-PERS", "شياو": "I-PERS"}, min_confidence=0.95)
    assert [e["id"] for e in record["entities"]] == ["Q1520"]


def test_a_lone_title_or_function_word_is_not_a_name():
    record, _ = run_stage("قال الرئيس إن", {"الرئيس": "B-PERS", "إن": "B-PERS"})
    assert [e["id"] for e in record["entities"]] == []


def test_offsets_survive_diacritics():
    text = "زار تَشانغ شِياو أستانا ."
    record, _ = run_stage(text, {"تشانغ": "B-PERS", "شياو": "I-PERS"})
    person = next(e for e in record["entities"] if e["type"] == "person")
    assert person["mentions"][0]["text"] == "تَشانغ شِياو"


def test_misc_without_a_head_word_is_left_out():
    record, _ = run_stage("بلغت قيمة الصفقة مليار دولار .", {"دولار": "B-MISC"})
    assert record["entities"] == []


def test_misc_with_an_event_head_is_kept():
    record, _ = run_stage("افتتحت قمة بيشكيك أعمالها .", {"قمة": "B-MISC", "بيشكيك": "I-MISC"})
    assert [e["type"] for e in record["entities"]] == ["event"]


def test_punctuation_is_trimmed_from_a_span():
    record, _ = run_stage("انضمت إلى منظمة التعاون .", {"منظمة": "B-ORG", "التعاون": "I-ORG", ".": "I-ORG"})
    (ent,) = record["entities"]
    assert [m["text"] for m in ent["mentions"]] == ["منظمة التعاون"]


def test_bare_word_of_a_known_person_is_that_person():
    # the gazetteer lists no short form "نوربيك" (it derives last names only):
    # the model's bare name joins the full one
    text = "التقى نوربيك سلطانوف الوفد . وقال نوربيك إن العلاقات متينة"
    record, doc = run_stage(text, {"نوربيك": "B-PERS"})
    assert [e["id"] for e in record["entities"]] == ["marsad:test-person"]
    mentions = doc.entities["marsad:test-person"].mentions
    assert [(m.text, m.how) for m in mentions] == [("نوربيك سلطانوف", "gazetteer"), ("نوربيك", "model")]


@pytest.mark.parametrize("text, table", [
    ("انضمت إلى منظمة دولية .", {"منظمة": "B-ORG", "دولية": "I-ORG"}),
    ("وقعت شركة وطنية عقدا .", {"شركة": "B-ORG", "وطنية": "I-ORG"}),
    ("وقعت شركة روسية عقدا .", {"شركة": "B-ORG", "روسية": "I-ORG"}),
])
def test_a_description_is_not_a_name(text, table):
    record, _ = run_stage(text, table)
    assert record["entities"] == []


def test_english_name_of_a_head_and_a_name():
    record, _ = run_stage("وقعت جامعة ساتباييف اتفاقية .", {"جامعة": "B-ORG", "ساتباييف": "I-ORG"})
    (ent,) = record["entities"]
    assert ent["name_en"].endswith(" University") and ent["name_ar"] == "جامعة ساتباييف"
    assert ent["id"].startswith("marsad:")


def test_ordinary_words_and_lone_definite_persons_are_not_names():
    # "الجوار" is in the shipped list of words the tagged corpora never use inside a name
    record, _ = run_stage("وقعا معاهدة حسن الجوار .", {"حسن": "B-PERS", "الجوار": "I-PERS"})
    assert record["entities"] == []
    record, _ = run_stage("في المجال الطلابي .", {"الطلابي": "B-PERS"})
    assert record["entities"] == []


def test_a_month_name_is_never_a_name():
    record, _ = run_stage("وصل الوفد في جويلية إلى أستانا .", {"جويلية": "B-PERS"})
    assert not [e for e in record["entities"] if e["id"].startswith("marsad:")]
    record, _ = run_stage("وصل الوفد في تشرين الثاني إلى أستانا .", {"تشرين": "B-ORG", "الثاني": "I-ORG"})
    assert not [e for e in record["entities"] if e["id"].startswith("marsad:")]


class FirstNameTagger(StubTagger):
    """Tags the last name only right after the first name: as the model
    does, which seldom tags a bare family name."""

    def tag_with_confidence(self, words):
        tags = super().tag_with_confidence(words)
        return [("I-PERS", c) if t == "I-PERS" and k and words[k - 1] == normalize("محمد") else
                ("O", c) if t == "I-PERS" else (t, c) for k, (t, c) in enumerate(tags)]


def test_a_person_named_again_by_his_last_name_alone_is_the_same():
    text = "شارك محمد عرقاب في الافتتاح . وسلّمه عرقاب رسالة ، ثم أجرى عرقاب محادثات ."
    doc = Doc("t", text)
    EntityRecognizer(gz.build(SMALL))(doc)
    ner.NerStage(FirstNameTagger({"محمد": "B-PERS", "عرقاب": "I-PERS"}))(doc)
    record = check_record(doc.to_record(), text)
    (person,) = [e for e in record["entities"] if e["type"] == "person"]
    assert [m["text"] for m in person["mentions"]] == ["محمد عرقاب", "عرقاب", "عرقاب"]


def test_a_lone_word_with_the_article_is_no_name_whatever_its_tag():
    record, _ = run_stage("تضرر سكان العاصمة من السيول .", {"السيول": "B-LOC"})
    assert record["entities"] == []
    record, _ = run_stage("زار الوفد مدينة كاراكول .", {"كاراكول": "B-LOC"})
    assert [e["type"] for e in record["entities"]] == ["city"]
