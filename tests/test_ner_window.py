"""The named-entity model's second pass: features of a word from what the
first pass made of it in the other sentences of its window, the jackknife
folds of the first pass, and the shipped pair of models on a document."""
from marsad import ner
from marsad import train_ner


def _feats(sents, first, window=ner.WINDOW):
    return ner.window_features([s.split() for s in sents], [t.split() for t in first], window)


def test_a_name_found_elsewhere_marks_the_word():
    sents = ["قال الرئيس جوزيه إن", "ورفض جوزيه الإفصاح"]
    first = ["O O B-PERS O", "O O O"]
    f = _feats(sents, first)
    assert {"dc=B-PERS", "dm=PERS", "dmaj=PERS", "dn=B-PERS"} <= set(f[1][1])
    assert "1:dn=B-PERS" in f[1][0] and "-1:dn=B-PERS" in f[1][2]
    # the first sentence sees the second, where the first pass left the word alone
    assert "dm=O" in f[0][2] and "dc=B-PERS" not in f[0][2]


def test_the_own_sentence_does_not_count():
    f = _feats(["زار جوزيه جوزيه"], ["O B-PERS B-PERS"])
    assert f[0][1] == ["d0"] and f[0][2] == ["d0"]


def test_only_sentences_in_the_window_count():
    sents = ["وصل جوزيه"] + ["كلام عادي"] * 3 + ["ورفض جوزيه"]
    first = ["O B-PERS"] + ["O O"] * 3 + ["O O"]
    assert "dc=B-PERS" in _feats(sents, first, window=4)[4][1]
    assert "d0" in _feats(sents, first, window=3)[4][1]


def test_multiword_names_and_the_article_elsewhere():
    sents = ["وصل بيل كلينتون", "التقى بيل كلينتون الرئيس", "الرئيس قال"]
    first = ["O B-PERS I-PERS", "O O O O", "O O"]
    f = _feats(sents, first)
    assert "dn=B-PERS" in f[1][1] and "dn=I-PERS" in f[1][2]
    assert "dal" in f[2][0]  # الرئيس has the article in the second sentence
    assert "dal" not in f[1][1]


def test_punctuation_and_one_letter_words_get_nothing():
    f = _feats([". و", ". و"], ["O O", "O O"])
    assert f == [[[], []], [[], []]]


def test_first_pass_folds():
    long_doc = [(["w"], ["O"])] * 1000
    short = [(["w"], ["O"])] * 3
    folds = train_ner.first_pass_folds([long_doc, short, short, short], 2)
    assert folds[:500] == [0] * 500 and folds[500:1000] == [1] * 500
    assert folds[1000:] == [0] * 3 + [1] * 3 + [0] * 3


def test_shipped_model_tags_a_document_in_two_passes():
    tagger = ner.NerTagger()
    assert tagger.first is not None, "the first-pass model is shipped beside the model"
    doc = ["وقال وزير الخارجية الفرنسي جان مارك إيرولت إن المحادثات كانت مثمرة .".split(),
           "وأضاف إيرولت أن باريس تدعم الحل .".split()]
    tags = tagger.tag_document(doc)
    assert [len(t) for t in tags] == [len(s) for s in doc]
    assert all(t == "O" or t[2:] in ner.LABELS for sent in tags for t in sent)
    # one sentence alone is a document of one
    assert tagger.tag(doc[1]) == tagger.tag_document([doc[1]])[0]
