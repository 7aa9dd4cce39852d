"""The README shows what the program prints: its examples run on our sample articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from guillemet.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(after: str, lang: str) -> str:
    """The first fenced block of ``lang`` after the line holding ``after``."""
    start = README.index(after)
    m = re.compile(r"```" + lang + r"\n(.*?)```", re.S).search(README, start)
    assert m, f"no ```{lang} block after {after!r}"
    return m.group(1)


def test_the_table_example_is_what_extract_prints(monkeypatch):
    monkeypatch.chdir(ROOT)
    block = _block("## What it gives", "console")
    command, *shown = block.rstrip("\n").split("\n")
    assert command == "$ guillemet extract samples/articles.jsonl --format table"
    res = CliRunner().invoke(main, command.split()[2:])
    assert res.exit_code == 0, res.output
    assert res.stdout.rstrip("\n").split("\n") == shown


def test_the_json_example_holds_for_the_first_quote(monkeypatch):
    monkeypatch.chdir(ROOT)
    shown = _block("Piped, `guillemet extract`", "json")
    res = CliRunner().invoke(main, ["extract", "samples/articles.jsonl", "--format", "jsonl"])
    first = json.loads(res.stdout.splitlines()[0])
    quote = first["quotes"][0]
    for key in ("kind", "content", "cue", "cue_text", "speaker_mention", "speaker_mention_text",
                "speaker", "speaker_id", "speaker_type"):
        value = json.dumps(quote[key], ensure_ascii=False)
        assert f'"{key}": {value}' in shown, (key, value)
    assert f'"id": "{first["id"]}"' in shown and f'"published": "{first["published"]}"' in shown
    speaker = next(s for s in first["speakers"] if s["id"] == quote["speaker_id"])
    assert json.dumps(speaker["aliases"], ensure_ascii=False) in shown


def test_the_python_example_prints_what_the_readme_says():
    block = _block("Offsets index the text exactly as given", "python")
    code, _, expected = block.partition("# prints:")
    printed = []
    exec(code, {"print": lambda *args: printed.append(" ".join(str(a) for a in args))})
    assert printed == [line.lstrip("# ").rstrip() for line in expected.strip().splitlines()]
