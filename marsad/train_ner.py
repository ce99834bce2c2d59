"""Train marsad's named-entity model (`make train-ner`).

    python -m marsad.train_ner [--data ../shared/datasets/ner] [--out marsad/data/ner/model.crfsuite]

Reads ANERcorp (news, CC BY-SA 4.0) and AQMAR (Arabic Wikipedia, CC BY-SA
3.0), maps their tags to BIO over PERS, LOC, ORG, MISC, keeps a dev split
(the last 10% of ANERcorp's sentences and three AQMAR articles), trains the
two CRFs on the rest (a first pass on the word features, jackknifed in two
folds so that its tags of training text are like those of new text, and the
second on the same features and the first pass's tags of each word elsewhere
in a window of 15 sentences around it; --one-pass for the first alone) and
reports entity-level micro precision/recall/F1 on the dev split (exact span
and type, as conlleval counts). Then, unless --dev-only, trains again on
everything with the same settings and writes the models and a small JSON card
(settings, dev scores, sizes) beside them."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

from marsad import ner

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "ner"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "ner" / ner.MODEL_NAME
AQMAR_DEV = ("Damascus.txt", "Nuclear_Power.txt", "Real_Madrid.txt")

Sentence = tuple[list[str], list[str]]  # tokens, tags


def clean_tag(tag: str | None) -> str:
    """ANERcorp and AQMAR tags, strays included, as BIO over PERS/LOC/ORG/MISC."""
    m = re.match(r"^([BI])-+([A-Za-z]+)", (tag or "").strip())
    if not m:
        return "O"  # O, and strays such as OO, IO
    prefix, label = m.group(1), m.group(2).upper()
    if label in ("PER", "PERS"):
        label = "PERS"
    elif label.startswith("MIS"):
        label = "MISC"
    elif label not in ("LOC", "ORG"):
        return "O"  # B-ENGLISH, B-SPANISH: language tags, not entities
    return f"{prefix}-{label}"


def _sentence(pairs: list[tuple[str, str]]) -> Sentence | None:
    pairs = [(t, g) for t, g in pairs if t.strip()]
    if not pairs:
        return None
    tokens = [t for t, _ in pairs]
    return tokens, ner.fix_bio([g for _, g in pairs])


def read_anercorp(path: Path) -> list[Sentence]:
    """One `token TAG` a line, no sentence breaks: split after . ! ?"""
    out: list[Sentence] = []
    pairs: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            token, tag = parts[0].replace("\u200f", ""), clean_tag(parts[-1])
            pairs.append((token, tag))
            if token in (".", "!", "?", "؟"):
                if (s := _sentence(pairs)):
                    out.append(s)
                pairs = []
    if pairs and (s := _sentence(pairs)):
        out.append(s)
    return out


def read_aqmar(path: Path) -> list[Sentence]:
    with open(path, encoding="utf-8") as f:
        sents = [_sentence([(t, clean_tag(g)) for t, g in s]) for s in ner.read_conll(f)]
    return [s for s in sents if s]


def load_docs(data: Path) -> tuple[list[list[Sentence]], list[list[Sentence]], list[list[Sentence]]]:
    """(train, dev ANERcorp, dev AQMAR) as documents: ANERcorp's train part
    is one (it has no document breaks), its dev part another, each AQMAR
    article one."""
    aner = read_anercorp(data / "anercorp_train.txt")
    cut = int(len(aner) * 0.9)
    train, dev_aner, dev_aqmar = [aner[:cut]], [aner[cut:]], []
    for path in sorted((data / "aqmar").glob("*.txt")):
        (dev_aqmar if path.name in AQMAR_DEV else train).append(read_aqmar(path))
    return train, dev_aner, dev_aqmar


def flat(docs: list[list[Sentence]]) -> list[Sentence]:
    return [s for d in docs for s in d]


def load(data: Path) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """(train, dev ANERcorp, dev AQMAR) sentences."""
    train, dev_aner, dev_aqmar = load_docs(data)
    return flat(train), flat(dev_aner), flat(dev_aqmar)


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Entity-level micro P/R/F1 (exact span and type) and per label."""
    counts = Counter()
    for g, p in zip(gold, pred):
        gs = set(ner.spans(g))
        ps = set(ner.spans(p))
        for s in gs:
            counts["gold", s[2]] += 1
        for s in ps:
            counts["pred", s[2]] += 1
        for s in gs & ps:
            counts["hit", s[2]] += 1

    def prf(labels):
        hit = sum(counts["hit", l] for l in labels)
        gold_n = sum(counts["gold", l] for l in labels)
        pred_n = sum(counts["pred", l] for l in labels)
        p = hit / pred_n if pred_n else 0.0
        r = hit / gold_n if gold_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": gold_n}

    out = {"micro": prf(ner.LABELS)}
    for label in ner.LABELS:
        out[label] = prf([label])
    return out


def featurize(featurizer: ner.Featurizer, sents: list[Sentence], use_names: bool, folds: int = 5,
              extra: list[list[list[str]]] | None = None):
    """Features of the training sentences (with the second pass's `extra`
    features of each word, if given). The names-seen-in-training feature is
    jackknifed: the sentences of each contiguous fifth see only the names of
    the other four fifths, as new text sees only the names of the training
    data."""
    def feats(i: int, tokens: list[str]) -> list[list[str]]:
        x = featurizer.sentence([ner.normalize_token(t) for t in tokens])
        if extra is not None:
            for f, e in zip(x, extra[i]):
                f += e
        return x

    if not use_names:
        featurizer.names = {}
        for i, (tokens, tags) in enumerate(sents):
            yield feats(i, tokens), tags
        return
    bounds = [len(sents) * k // folds for k in range(folds + 1)]
    for k in range(folds):
        lo, hi = bounds[k], bounds[k + 1]
        featurizer.names = ner.names_from(sents[:lo] + sents[hi:])
        for i in range(lo, hi):
            tokens, tags = sents[i]
            yield feats(i, tokens), tags
    featurizer.names = ner.names_from(sents)


def first_pass_folds(docs: list[list[Sentence]], folds: int) -> list[int]:
    """The fold of each sentence for jackknifing the first pass: a long
    document (ANERcorp) is cut into `folds` contiguous parts, short ones
    (articles) are dealt to the folds in turn, so that the first pass tags
    each sentence with a model that has seen neither it nor its neighbours."""
    out: list[int] = []
    turn = 0
    for doc in docs:
        if len(doc) >= 1000:
            out += [i * folds // len(doc) for i in range(len(doc))]
        else:
            out += [turn % folds] * len(doc)
            turn += 1
    return out


def names_path(model: Path) -> Path:
    return model.with_name(ner.NAMES_NAME) if model.name == ner.MODEL_NAME else model.with_suffix(".names.tsv")


def _train_crf(seqs, path: Path, params: dict) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in seqs:
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    trainer.train(str(path))


def train(docs: list[list[Sentence]], out: Path, params: dict, featurizer: ner.Featurizer, use_names: bool = True,
          first_params: dict | None = None, folds: int = 2) -> float:
    """Train the model on documents of sentences and write it to `out` (and
    the names list beside it). With `first_params`, two passes: a first CRF
    on the word features (written beside `out`, see ner.first_pass_path) and
    the model at `out` on the same features and the first pass's tags of the
    other sentences in each sentence's window (ner.window_features). On the
    training data those tags come from first-pass models trained without the
    sentence's fold, as new text is tagged by a first pass that never saw it."""
    import pycrfsuite

    t0 = time.time()
    sents = flat(docs)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    extra = None
    if first_params is not None:
        fold_of = first_pass_folds(docs, folds)
        first: list[list[str]] = [[] for _ in sents]
        for k in range(folds):
            part = [s for s, f in zip(sents, fold_of) if f != k]
            _train_crf(featurize(featurizer, part, use_names), tmp, first_params)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(tmp))
            for i, (tokens, _) in enumerate(sents):
                if fold_of[i] == k:
                    first[i] = ner.fix_bio(tagger.tag(featurizer.sentence([ner.normalize_token(t) for t in tokens])))
            tagger.close()
        first_tmp = out.with_name(out.name + ".first.tmp")
        _train_crf(featurize(featurizer, sents, use_names), first_tmp, first_params)
        extra, i = [], 0
        for doc in docs:
            words = [[ner.normalize_token(t) for t in tokens] for tokens, _ in doc]
            extra += ner.window_features(words, first[i:i + len(doc)])
            i += len(doc)
    _train_crf(featurize(featurizer, sents, use_names, extra=extra), tmp, params)
    if use_names:
        ner.write_names(names_path(out), ner.names_from(sents))
    elif names_path(out).exists():
        names_path(out).unlink()
    # a pipeline loading the model never sees half a file
    if first_params is not None:
        os.replace(first_tmp, ner.first_pass_path(out))
    else:
        ner.first_pass_path(out).unlink(missing_ok=True)
    os.replace(tmp, out)
    return time.time() - t0


def evaluate(model: Path, docs: list[list[Sentence]]) -> dict:
    tagger = ner.NerTagger(model)
    gold, pred = [], []
    for doc in docs:
        gold += [tags for _, tags in doc]
        pred += tagger.tag_document([tokens for tokens, _ in doc])
    return score(gold, pred)


def _fmt(name: str, s: dict) -> str:
    m = s["micro"]
    per = "  ".join(f"{l} {s[l]['f1']:.3f}" for l in ner.LABELS)
    return f"{name:<12} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}   ({per})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--max-iterations", type=int, default=150)
    ap.add_argument("--first-iterations", type=int, default=100, help="of the first pass")
    ap.add_argument("--folds", type=int, default=2, help="first-pass jackknife folds")
    ap.add_argument("--one-pass", action="store_true", help="one CRF, without the second pass")
    ap.add_argument("--no-aqmar", action="store_true", help="train on ANERcorp only")
    ap.add_argument("--no-names", action="store_true", help="without the names-seen-in-training feature")
    ap.add_argument("--dev-only", action="store_true", help="report dev scores; do not write the shipped model")
    args = ap.parse_args(argv)

    if not (args.data / "anercorp_train.txt").is_file():
        print(f"train_ner: no training data at {args.data} (see its README)", file=sys.stderr)
        return 2
    train_docs, dev_aner, dev_aqmar = load_docs(args.data)
    if args.no_aqmar:
        train_docs = train_docs[:1]
    params = {
        "c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations,
        "feature.minfreq": args.minfreq, "feature.possible_transitions": True,
    }
    first_params = None if args.one_pass else dict(params, max_iterations=args.first_iterations)
    train_set = flat(train_docs)
    ntok = sum(len(t) for t, _ in train_set)
    print(f"train {len(train_set)} sentences / {ntok} tokens; dev {len(flat(dev_aner))} ANERcorp"
          f" + {len(flat(dev_aqmar))} AQMAR sentences")
    print("params", params, "first pass", first_params, f"folds {args.folds}")
    featurizer = ner.Featurizer()
    dev_model = args.out.with_name(args.out.stem + ".dev.crfsuite") if not args.dev_only else Path(f"/tmp/marsad_ner_dev.{os.getpid()}.crfsuite")
    secs = train(train_docs, dev_model, params, featurizer, not args.no_names, first_params, args.folds)
    scores = {"anercorp_dev": evaluate(dev_model, dev_aner), "aqmar_dev": evaluate(dev_model, dev_aqmar),
              "all_dev": evaluate(dev_model, dev_aner + dev_aqmar)}
    sizes = dev_model.stat().st_size + (ner.first_pass_path(dev_model).stat().st_size if first_params else 0)
    print(f"trained in {secs:.0f} s; model{'s' if first_params else ''} {sizes / 1e6:.2f} MB")
    for name, s in scores.items():
        print(_fmt(name, s))
    if args.dev_only:
        return 0
    dev_model.unlink()
    names_path(dev_model).unlink(missing_ok=True)
    ner.first_pass_path(dev_model).unlink(missing_ok=True)
    # ANERcorp's dev part continues its train part: one document again
    everything = [train_docs[0] + dev_aner[0]] + train_docs[1:] + dev_aqmar
    secs = train(everything, args.out, params, featurizer, not args.no_names, first_params, args.folds)
    size = args.out.stat().st_size
    first_size = ner.first_pass_path(args.out).stat().st_size if first_params else 0
    print(f"final model on {len(flat(everything))} sentences in {secs:.0f} s: {args.out} ({size / 1e6:.2f} MB)"
          + (f" + first pass {ner.first_pass_path(args.out).name} ({first_size / 1e6:.2f} MB)" if first_params else ""))
    card = {
        "model": args.out.name, "bytes": size, "params": params,
        "first_pass": None if first_params is None else {
            "model": ner.first_pass_path(args.out).name, "bytes": first_size, "params": first_params,
            "jackknife_folds": args.folds, "window_sentences": ner.WINDOW},
        "features": "ner.Featurizer (with pyarabic's Arabic proper-name words and office titles in the four words before)"
                    + ("" if args.no_names else "; names seen in training and their words (jackknifed, 5 folds)")
                    + ("" if first_params is None else "; second pass: ner.window_features, the first pass's tags of"
                       f" the same word and its names in the {ner.WINDOW} sentences before and after"),
        "aqmar": not args.no_aqmar,
        "data": {"ANERcorp": "CC BY-SA 4.0 (Benajiba, Rosso and Benedí Ruiz 2007; CAMeL Lab distribution)",
                 "AQMAR": "CC BY-SA 3.0 (Mohit, Schneider, Bhowmick, Oflazer and Smith 2012)"},
        "dev_split": "last 10% of ANERcorp train sentences; AQMAR " + ", ".join(AQMAR_DEV),
        "dev_scores": scores,
    }
    args.out.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
