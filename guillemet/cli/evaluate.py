"""``guillemet eval``: score the system on a gold set."""

from __future__ import annotations

import json

import click

from guillemet.errors import UnreadableFile


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option("--model", default=None, help="spaCy model (default: fr_core_news_md).")
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="Write the system's predictions (JSONL) here too.")
def command(gold, as_json, model, predictions):
    """Score guillemet on a gold file (../shared/eval format), per kind of quote.

    Example:

        guillemet eval ../shared/eval/fr-dev.jsonl
    """
    from guillemet.evaluate import format_report, score
    from guillemet.output import article_json
    from guillemet.pipeline import extract_articles
    from guillemet.record import Article

    try:
        with open(gold, encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as exc:
        raise UnreadableFile(f"cannot read gold file {gold}: {exc}") from exc
    articles = (Article(text=d["text"], id=d["id"], published=d.get("published"),
                        lang=d.get("lang") or "fr") for d in docs)
    preds = {}
    for article in extract_articles(articles, model=model):
        preds[article.id] = article_json(article)
    if predictions:
        with open(predictions, "w", encoding="utf-8") as f:
            for p in preds.values():
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
    res = score(docs, preds)
    click.echo(json.dumps(res, indent=2, ensure_ascii=False) if as_json else format_report(res))
