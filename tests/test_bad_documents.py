"""Documents the parser cannot take are reported by name and skipped; every good one is kept.

One article over spaCy's one-million-character limit (E088) used to abort `extract` and
`ingest`, losing the good articles before it; lines that are not valid UTF-8 or hold a lone
surrogate are reported with their line. Run with the real extractor, in this process and on
two worker processes.
"""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from guillemet.record import Article


def good(i: int) -> bytes:
    return orjson.dumps({"id": f"ok-{i}", "published": "2023-03-06",
                         "text": f"« Nous tiendrons », a déclaré Paul Durand{'x' * i} vendredi."})


@pytest.fixture
def hostile_jsonl(tmp_path):
    lines = [good(1),
             orjson.dumps({"id": "huge", "text": "Mot. " * 250_000}),      # 1,250,000 characters
             good(2),
             b'{"id": "surrogate", "text": "a\\ud800 b"}',                   # line 4: a lone surrogate
             good(3),
             b'{"id": "latin1", "text": "caf\xe9"}',                         # line 6: not UTF-8
             good(4)]
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.mark.parametrize("options", [["--batch-size", "2"], ["--workers", "2", "--batch-size", "2"]])
def test_extract_names_what_it_skips_and_keeps_the_rest(hostile_jsonl, options):
    from guillemet.cli.extract import command

    result = CliRunner().invoke(command, [str(hostile_jsonl), "--format", "jsonl", *options])
    assert result.exit_code == 1, result.output
    out = [orjson.loads(line) for line in result.stdout.splitlines()]
    ok = [d["id"] for d in out if d["status"] == "ok"]
    assert ok == ["ok-1", "ok-2", "ok-3", "ok-4"]
    assert all(d["quotes"] and d["quotes"][0]["speaker"].startswith("Paul Durand") for d in out if d["status"] == "ok")
    assert "failed huge: too long for the parser: 1,250,000 characters" in result.stderr
    assert f"{hostile_jsonl}:4: not valid JSON" in result.stderr
    assert f"{hostile_jsonl}:6: not valid JSON" in result.stderr


def test_ingest_names_what_it_skips_and_stores_the_rest(hostile_jsonl, tmp_path):
    # (the worker processes run the extractor of the test above: ingest adds batches and the store)
    from guillemet.cli.ingest import command
    from guillemet.store import open_store

    db = str(tmp_path / "store.db")
    result = CliRunner().invoke(command, [str(hostile_jsonl), "--db", db, "--batch-size", "2"])
    assert result.exit_code == 1, result.output
    assert "stored 4" in result.stderr
    assert "too long for the parser: 1,250,000 characters" in result.stderr
    assert result.stderr.count("not valid JSON") == 2
    with open_store(db) as store:
        assert store.article_ids() == ["ok-1", "ok-2", "ok-3", "ok-4"]


def test_the_library_marks_what_the_parser_cannot_take():
    from guillemet.pipeline import get_extractor

    extractor = get_extractor("fr")
    articles = [Article(text="« Oui », a dit Anne Roux.", id="a"), Article(text="x" * 1_000_001, id="b"),
                Article(text="Il a dit \ud800 « non ».", id="c"), Article(text="« Non », a dit Paul Roux.", id="d")]
    done = list(extractor.pipe(articles))
    assert [(a.id, a.status) for a in done] == [("a", "ok"), ("b", "error"), ("c", "error"), ("d", "ok")]
    assert "lone surrogate (U+D800) at character 9" in done[2].meta["error"]
    assert [q.speaker for a in (done[0], done[3]) for q in a.quotes] == ["Anne Roux", "Paul Roux"]
