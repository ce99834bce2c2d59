"""Train marsad's named-entity model (`make train-ner`).

    python -m marsad.train_ner [--data ../shared/datasets/ner] [--out marsad/data/ner/model.crfsuite]

Reads ANERcorp (news, CC BY-SA 4.0) and AQMAR (Arabic Wikipedia, CC BY-SA
3.0), maps their tags to BIO over PERS, LOC, ORG, MISC, keeps a dev split
(the last 10% of ANERcorp's sentences and three AQMAR articles), trains a CRF
on the rest and reports entity-level micro precision/recall/F1 on the dev
split (exact span and type, as conlleval counts). Then, unless --dev-only,
trains again on everything with the same settings and writes the model and a
small JSON card (settings, dev scores, sizes) beside it."""
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


def load(data: Path) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """(train, dev ANERcorp, dev AQMAR)."""
    aner = read_anercorp(data / "anercorp_train.txt")
    cut = int(len(aner) * 0.9)
    train, dev_aner, dev_aqmar = aner[:cut], aner[cut:], []
    for path in sorted((data / "aqmar").glob("*.txt")):
        (dev_aqmar if path.name in AQMAR_DEV else train).extend(read_aqmar(path))
    return train, dev_aner, dev_aqmar


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


def featurize(featurizer: ner.Featurizer, sents: list[Sentence], use_names: bool, folds: int = 5):
    """Features of the training sentences. The names-seen-in-training feature
    is jackknifed: the sentences of each contiguous fifth see only the names
    of the other four fifths, as new text sees only the names of the training
    data."""
    if not use_names:
        featurizer.names = {}
        for tokens, tags in sents:
            yield featurizer.sentence([ner.normalize_token(t) for t in tokens]), tags
        return
    bounds = [len(sents) * k // folds for k in range(folds + 1)]
    for k in range(folds):
        lo, hi = bounds[k], bounds[k + 1]
        featurizer.names = ner.names_from(sents[:lo] + sents[hi:])
        for tokens, tags in sents[lo:hi]:
            yield featurizer.sentence([ner.normalize_token(t) for t in tokens]), tags
    featurizer.names = ner.names_from(sents)


def names_path(model: Path) -> Path:
    return model.with_name(ner.NAMES_NAME) if model.name == ner.MODEL_NAME else model.with_suffix(".names.tsv")


def train(sents: list[Sentence], out: Path, params: dict, featurizer: ner.Featurizer, use_names: bool = True) -> float:
    import pycrfsuite

    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in featurize(featurizer, sents, use_names):
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    trainer.train(str(tmp))
    if use_names:
        ner.write_names(names_path(out), ner.names_from(sents))
    elif names_path(out).exists():
        names_path(out).unlink()
    os.replace(tmp, out)  # a pipeline loading the model never sees half a file
    return time.time() - t0


def evaluate(model: Path, sents: list[Sentence]) -> dict:
    tagger = ner.NerTagger(model)
    pred = [tagger.tag(tokens) for tokens, _ in sents]
    return score([tags for _, tags in sents], pred)


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
    ap.add_argument("--max-iterations", type=int, default=300)
    ap.add_argument("--no-aqmar", action="store_true", help="train on ANERcorp only")
    ap.add_argument("--no-names", action="store_true", help="without the names-seen-in-training feature")
    ap.add_argument("--dev-only", action="store_true", help="report dev scores; do not write the shipped model")
    args = ap.parse_args(argv)

    if not (args.data / "anercorp_train.txt").is_file():
        print(f"train_ner: no training data at {args.data} (see its README)", file=sys.stderr)
        return 2
    train_set, dev_aner, dev_aqmar = load(args.data)
    if args.no_aqmar:
        train_set = train_set[: int(len(read_anercorp(args.data / "anercorp_train.txt")) * 0.9)]
    params = {
        "c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations,
        "feature.minfreq": args.minfreq, "feature.possible_transitions": True,
    }
    ntok = sum(len(t) for t, _ in train_set)
    print(f"train {len(train_set)} sentences / {ntok} tokens; dev {len(dev_aner)} ANERcorp + {len(dev_aqmar)} AQMAR sentences")
    print("params", params)
    featurizer = ner.Featurizer()
    dev_model = args.out.with_name(args.out.stem + ".dev.crfsuite") if not args.dev_only else Path(f"/tmp/marsad_ner_dev.{os.getpid()}.crfsuite")
    secs = train(train_set, dev_model, params, featurizer, not args.no_names)
    scores = {"anercorp_dev": evaluate(dev_model, dev_aner), "aqmar_dev": evaluate(dev_model, dev_aqmar),
              "all_dev": evaluate(dev_model, dev_aner + dev_aqmar)}
    print(f"trained in {secs:.0f} s; model {dev_model.stat().st_size / 1e6:.2f} MB")
    for name, s in scores.items():
        print(_fmt(name, s))
    if args.dev_only:
        return 0
    dev_model.unlink()
    names_path(dev_model).unlink(missing_ok=True)
    everything = train_set + dev_aner + dev_aqmar
    secs = train(everything, args.out, params, featurizer, not args.no_names)
    size = args.out.stat().st_size
    print(f"final model on {len(everything)} sentences in {secs:.0f} s: {args.out} ({size / 1e6:.2f} MB)")
    card = {
        "model": args.out.name, "bytes": size, "params": params,
        "features": "ner.Featurizer (with pyarabic's Arabic proper-name words and office titles in the four words before)"
                    + ("" if args.no_names else "; names seen in training and their words (jackknifed, 5 folds)"),
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
