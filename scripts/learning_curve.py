#!/usr/bin/env python3
"""The learning curve and cross-validation of the learned decisions, end to end.

    python scripts/learning_curve.py [--sizes 30 60 120 269] [--folds 5] [--lang fr]

For each size n, the quote and speaker models are trained on the first n articles of the
train split (in a seeded random order) and the whole system is scored on dev with the
reference scorer's rules (attribution F1). Then k-fold cross-validation over the train split:
each fold's articles are scored by models trained on the others. The test split is never read.
Prints a Markdown table for the README.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guillemet import gold  # noqa: E402
from guillemet.evaluate import score  # noqa: E402
from guillemet.learn import quotes as quote_step, speakers as speaker_step  # noqa: E402
from guillemet.learn.data import parsed  # noqa: E402
from guillemet.learn.model import Model  # noqa: E402
from guillemet.learn.speaker_training import RANKER_PARAMS, fit_ranker  # noqa: E402
from guillemet.learn.train import fit_speaker, quote_rows, speaker_rows  # noqa: E402
from guillemet.output import article_json  # noqa: E402
from guillemet.pipeline import analyse_doc  # noqa: E402


def fit(docs):
    """Quote model, then speaker model on the quotes it keeps (as guillemet train does)."""
    chooser = quote_step.QuoteChooser(Model("quote", quote_step.FEATURES, {}, fit_speaker(quote_rows(docs))))
    rows = speaker_rows(docs, choose=chooser)
    X, y, group, _ = rows.arrays()
    speaker = Model("speaker", speaker_step.FEATURES, {"params": RANKER_PARAMS, "lexicon": rows.lexicon().to_meta()},
                    fit_ranker(X, y, group))
    return chooser, speaker


def scored(docs, chooser, speaker, rules_only=False):
    preds = {}
    for item in parsed(docs):
        models = {"choose": None, "speaker_model": None} if rules_only else {"choose": chooser, "speaker_model": speaker}
        analyse_doc(item.doc, item.article, item.lang, **models)
        preds[item.article.id] = article_json(item.article)
    return score(docs, preds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[30, 60, 120, 269])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--split", default="train")
    ap.add_argument("--dev", default="dev")
    args = ap.parse_args()
    train, dev = gold.load_split(args.split), gold.load_split(args.dev)
    order = list(train)
    random.Random(7).shuffle(order)
    start = time.time()
    rules = scored(dev, None, None, rules_only=True)
    print("| training articles | dev quote F1 | dev attribution F1 | dev speaker accuracy |")
    print("|---|---|---|---|")
    print(f"| 0 (rules only) | {rules['quote']['f1']:.3f} | {rules['attribution']['f1']:.3f} | {rules['speaker_accuracy']:.3f} |")
    for n in args.sizes:
        res = scored(dev, *fit(order[:n]))
        print(f"| {n} | {res['quote']['f1']:.3f} | {res['attribution']['f1']:.3f} | {res['speaker_accuracy']:.3f} |", flush=True)
    if args.folds:
        f1s, rule_f1s = [], []
        for k in range(args.folds):
            test = order[k::args.folds]
            ids = {d["id"] for d in test}
            res = scored(test, *fit([d for d in order if d["id"] not in ids]))
            base = scored(test, None, None, rules_only=True)
            f1s.append(res["attribution"]["f1"])
            rule_f1s.append(base["attribution"]["f1"])
            print(f"fold {k + 1}: attribution F1 {f1s[-1]:.3f} (rules {rule_f1s[-1]:.3f})", flush=True)
        print(f"{args.folds}-fold cross-validated attribution F1 over {args.split}: mean {sum(f1s) / len(f1s):.3f} "
              f"(rules {sum(rule_f1s) / len(rule_f1s):.3f}), folds {', '.join(f'{f:.3f}' for f in f1s)}")
    print(f"({time.time() - start:.0f} s)")


if __name__ == "__main__":
    main()
