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
