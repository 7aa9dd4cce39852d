#!/usr/bin/env python3
"""Rebuild guillemet/gold/fr-corpus.tsv: the split of the annotated French corpus.

    python scripts/make_splits.py [--shared ../shared]

The 329 articles of ../shared/eval/fr-train-*.jsonl are split by article, stratified by
outlet, with a fixed seed: each outlet's articles are shuffled and placed at evenly spread
random positions of one list; the first 60 alternate test, dev; the rest is train. fr-dev and
the seed keep their own names. Each row keeps the article's source file and the SHA-256 of its
text, so a changed corpus is caught (guillemet.gold). Never rerun this to pick another split:
the test split must stay the one nobody has read.
"""
from __future__ import annotations

import argparse
import collections
import glob
import hashlib
import json
import random
from pathlib import Path

SEED = 20261201
HELD = 30  # articles in each of dev and test


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared).resolve()
    rows = []
    for path in sorted(glob.glob(str(shared / "eval" / "fr-train-*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            doc = json.loads(line)
            rows.append((doc["id"], doc["outlet"], "eval/" + Path(path).name,
                         hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()))
    rng = random.Random(SEED)
    by_outlet = collections.defaultdict(list)
    for row in sorted(rows):
        by_outlet[row[1]].append(row)
    order = []
    for _, lst in sorted(by_outlet.items()):
        rng.shuffle(lst)
        order += [((i + rng.random()) / len(lst), row) for i, row in enumerate(lst)]
    order.sort(key=lambda x: x[0])
    split = {}
    for k, (_, row) in enumerate(order):
        split[row[0]] = ("test" if k % 2 == 0 else "dev") if k < 2 * HELD else "train"
    out = Path(__file__).resolve().parents[1] / "guillemet" / "gold" / "fr-corpus.tsv"
    extra = []
    for name, rel in (("fr-dev", "eval/fr-dev.jsonl"), ("seed", "seed/gold.jsonl")):
        for line in open(shared / rel, encoding="utf-8"):
            doc = json.loads(line)
            extra.append((doc["id"], doc.get("outlet") or "", rel,
                          hashlib.sha256(doc["text"].encode("utf-8")).hexdigest(), name))
    with open(out, "w", encoding="utf-8") as f:
        f.write("id\tsplit\toutlet\tsource\tsha256\n")
        for row in sorted(rows, key=lambda r: (split[r[0]], r[0])):
            f.write(f"{row[0]}\t{split[row[0]]}\t{row[1]}\t{row[2]}\t{row[3]}\n")
        for row in extra:
            f.write(f"{row[0]}\t{row[4]}\t{row[1]}\t{row[2]}\t{row[3]}\n")
    print(collections.Counter(split.values()), f"-> {out}")


if __name__ == "__main__":
    main()
