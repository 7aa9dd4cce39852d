#!/usr/bin/env python3
"""Print the README's accuracy rows: each gold split scored with the reference scorer's rules.

    python scripts/accuracy_table.py seed fr-dev dev test
    python scripts/accuracy_table.py --rules-only en-dev     # the rules alone, no trained model

Only aggregate numbers are printed: the test split is for reports, never for reading errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guillemet import gold, pipeline  # noqa: E402
from guillemet.evaluate import score  # noqa: E402
from guillemet.output import article_json  # noqa: E402
from guillemet.pipeline import extract_articles  # noqa: E402
from guillemet.record import Article  # noqa: E402


def row(split: str) -> str:
    docs = gold.load_split(split)
    arts = (Article(text=d["text"], id=d["id"], published=d.get("published"), lang=d.get("lang") or "fr")
            for d in docs)
    res = score(docs, {a.id: article_json(a) for a in extract_articles(arts)}, gold.speakers_by(split))
    q, a = res["quote"], res["attribution"]
    return (f"| {split} | {res['documents']} | {res['gold_quotes']} required, {res['predicted_quotes']} predicted "
            f"| {q['p']:.3f} / {q['r']:.3f} / {q['f1']:.3f} | {a['p']:.3f} / {a['r']:.3f} / **{a['f1']:.3f}** "
            f"| {res['speaker_accuracy']:.3f} |")


if __name__ == "__main__":
    if "--rules-only" in sys.argv:
        sys.argv.remove("--rules-only")
        pipeline.learned_steps = lambda lang: (None, None)
    print("| gold set | articles | quotes | quote P / R / F1 | attribution P / R / F1 | speaker accuracy |")
    print("|---|---|---|---|---|---|")
    for split in sys.argv[1:] or ["seed", "fr-dev", "dev"]:
        print(row(split), flush=True)
