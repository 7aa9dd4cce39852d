"""``guillemet eval``: score the system on a gold set."""

from __future__ import annotations

import json
import os

import click

from guillemet.cli.options import model_option
from guillemet.errors import UnreadableFile


@click.command("eval")
@click.argument("gold")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@model_option
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="Write the system's predictions (JSONL) here too.")
@click.option("--speaker-by", type=click.Choice(["name", "mention"]), default=None,
              help="Judge speakers by resolved name, or by overlap of the speaker mention span "
                   "(gold whose sources are mentions). Default: the split's own (mention for "
                   "en-dev and en-train, from PolNeAR), name for a file.")
def command(gold, as_json, model, predictions, speaker_by):
    """Score guillemet on a gold file (../shared/eval format) or a split, per kind of quote.

    GOLD is a JSONL file or the name of a split rebuilt from ../shared (guillemet.gold):
    train, dev, test, fr-dev, seed, agreement, en-dev, en-train.

    Example:

        guillemet eval dev

        guillemet eval en-dev --speaker-by mention
    """
    from guillemet.evaluate import format_report, score
    from guillemet.output import article_json
    from guillemet.pipeline import extract_articles
    from guillemet.record import Article

    from guillemet import gold as gold_sets

    if not os.path.exists(gold) and gold in gold_sets.split_names():
        docs = gold_sets.load_split(gold)
        speaker_by = speaker_by or gold_sets.speakers_by(gold)
    else:
        try:
            with open(gold, encoding="utf-8") as f:
                docs = [json.loads(line) for line in f if line.strip()]
        except (OSError, ValueError) as exc:
            raise UnreadableFile(f"cannot read gold file {gold} ({exc}); give a JSONL file or a split: "
                                 f"{', '.join(gold_sets.split_names())}") from exc
    articles = (Article(text=d["text"], id=d["id"], published=d.get("published"),
                        lang=d.get("lang") or "fr") for d in docs)
    preds = {}
    for article in extract_articles(articles, model=model):
        preds[article.id] = article_json(article)
    if predictions:
        with open(predictions, "w", encoding="utf-8") as f:
            for p in preds.values():
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
    res = score(docs, preds, speaker_by or "name")
    click.echo(json.dumps(res, indent=2, ensure_ascii=False) if as_json else format_report(res))
