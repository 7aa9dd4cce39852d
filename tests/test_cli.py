"""The command line: every verb has help with an example; extract and eval behave."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from guillemet.cli import main


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name, cmd in main.commands.items():
        res = runner.invoke(main, [name, "--help"])
        assert res.exit_code == 0, name
        assert "Example" in res.output, f"guillemet {name} --help shows no example"


def test_extract_jsonl_reports_bad_lines_and_keeps_the_good(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "« Nous partirons demain », a dit Paul Martin."}\n'
                   "{not json\n"
                   '{"id": "b", "text": "Rien à signaler ici."}\n', encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "guillemet.cli", "extract", "--format", "jsonl", str(src)],
                         capture_output=True, text=True)
    assert res.returncode == 1
    assert "in.jsonl:2" in res.stderr
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["a", "b"]
    q = lines[0]["quotes"][0]
    assert q["kind"] == "direct" and q["speaker"] == "Paul Martin"
    text = "« Nous partirons demain », a dit Paul Martin."
    assert text[q["content"][0]:q["content"][1]] == q["content_text"]


def test_extract_reads_standard_input():
    res = subprocess.run([sys.executable, "-m", "guillemet.cli", "extract", "--format", "jsonl", "-"],
                         input="« Tout est prêt », a assuré Claire Martin.", capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["quotes"][0]["speaker"] == "Claire Martin"


def test_a_mixed_language_file_extracts_in_one_run_and_reports_the_unsupported(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "fr", "lang": "fr", "text": "« Nous partirons demain », a dit Paul Martin."}\n'
                   '{"id": "de", "lang": "de", "text": "„Wir fahren morgen“, sagte Paul Martin in Berlin."}\n',
                   encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "guillemet.cli", "extract", "--format", "jsonl", str(src)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    lines = {d["id"]: d for d in map(json.loads, res.stdout.splitlines())}
    assert lines["fr"]["status"] == "ok" and lines["fr"]["quotes"]
    assert lines["de"]["status"] == "unsupported_language" and lines["de"]["quotes"] == []
    assert "not analysed de: no pipeline for language 'de' (supported: fr)" in res.stderr


def test_shared_options_are_declared_once():
    from pathlib import Path

    import guillemet.cli

    folder = Path(guillemet.cli.__file__).parent
    for option in ('"--db"', '"--model"'):
        declared = [p.name for p in folder.glob("*.py") if option in p.read_text(encoding="utf-8")]
        assert declared == ["options.py"], f"{option} declared in {declared}"
    helps = {name: {p.name: getattr(p, "help", None) for p in cmd.params} for name, cmd in main.commands.items()}
    assert len({h["db"] for h in helps.values() if "db" in h}) == 1
    assert len({h["model"] for h in helps.values() if "model" in h}) == 1
