"""Build marsad/data/lexicon/common_words.txt from the NER training corpora
in ../shared/datasets/ner: normalized words seen at least MIN_COUNT times
outside any entity and never inside one. A name an office title introduces
stops at such a word ("... توكاييف ضيفا", "... لتمثيل").

The output is derived data (a word list, no sentences); the corpora's
licenses are in the README."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from marsad.text import normalize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "datasets" / "ner"
OUT = ROOT / "marsad" / "data" / "lexicon" / "common_words.txt"
MIN_COUNT = 2


def tagged_tokens():
    files = [DATA / "anercorp_train.txt", *sorted((DATA / "aqmar").glob("*.txt"))]
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                yield parts[0], parts[-1]


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"{DATA} not found: the NER datasets live in ../shared/datasets/ner")
    outside: Counter[str] = Counter()
    inside: set[str] = set()
    for token, tag in tagged_tokens():
        word = normalize(token)
        if not word.isalpha():
            continue
        if tag == "O" or tag in ("OO",):
            outside[word] += 1
        else:
            inside.add(word)
    words = sorted(w for w, n in outside.items() if n >= MIN_COUNT and w not in inside and len(w) > 1)
    OUT.write_text("# derived by scripts/build_common_words.py; do not edit by hand\n" + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
