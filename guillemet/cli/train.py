"""``guillemet train``: rebuild the learned models of a language from the gold corpus."""

from __future__ import annotations

import datetime
import hashlib
import time

import click


@click.command("train")
@click.option("--lang", default="fr", show_default=True, help="Language whose models to rebuild.")
@click.option("--split", default="train", show_default=True, help="Gold split to learn from.")
@click.option("--dev", "dev_split", default="dev", show_default=True, help="Gold split to report on.")
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds (0: none).")
@click.option("--dry-run", is_flag=True, help="Measure, but do not overwrite the shipped models.")
def command(lang, split, dev_split, folds, dry_run):
    """Rebuild a language's quote and speaker models from ../shared and report how well they do.

    Parses the split (cached after the first run), runs the rules, learns which candidates
    are quotes, then which candidate source each quote's speaker is, and writes
    guillemet/lang/LANG/models/ with the recipe beside each model.

    Example:

        guillemet train --lang fr
    """
    from guillemet.learn.train import train_language

    start = time.time()
    report = train_language(lang, split, dev_split, folds, write=not dry_run, echo=lambda m: click.echo(m, err=True))
    click.echo(f"{'dry run, nothing written' if dry_run else 'models written'} in {time.time() - start:.0f} s", err=True)
    for line in report:
        click.echo(line)
