"""The ``guillemet`` command: a thin skin over the library, one module per verb."""

from __future__ import annotations

import importlib
import sys

import click

from guillemet.errors import GuillemetError

#: Modules under guillemet.cli that each define a click command named ``command``.
COMMANDS = ("extract", "evaluate", "ingest", "load", "export", "serve", "train")


class _Group(click.Group):
    """Turns guillemet's errors into one line on stderr and a non-zero exit."""

    def invoke(self, ctx):  # noqa: D102
        try:
            return super().invoke(ctx)
        except GuillemetError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guillemet")
def main() -> None:
    """guillemet: who said what in the news.

    Example:

        guillemet extract samples/articles.jsonl
    """


for _name in COMMANDS:
    try:
        main.add_command(importlib.import_module(f"guillemet.cli.{_name}").command)
    except ImportError as _exc:  # an optional extra missing must not break the other verbs
        if _exc.name and _exc.name.startswith("guillemet"):
            raise
