"""Hostile input: archives cut at every byte, corrupted at random, and documents built to break
the extractor. Nothing raises, nothing is lost without a message, offsets stay exact.

Kept fast for CI: archives are small (three records), the HTML step is a stand-in (what is
under test is where a cut is noticed, not trafilatura), documents are short.
"""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guillemet.readers import ReadStats, Skipped, read_articles
from guillemet.record import Article
from samples_io import write_warc

RECORDS = [{"url": f"https://ex.fr/{i}", "body": f"<html><body><p>Texte {i}.</p></body></html>".encode()}
           for i in range(3)]


@pytest.fixture(autouse=True)
def fast_html(monkeypatch):
    """A stand-in for trafilatura: one article per HTML payload, its text the payload."""
    import guillemet.readers.warc as warc

    def read_html(data, where, options, url=None):
        return Article(text=data.decode("utf-8", "replace"), id=url or where, url=url)

    monkeypatch.setattr(warc, "read_html", read_html)


def _warc(tmp_path: Path, compressed: bool) -> tuple[bytes, set[int]]:
    """A three-record WARC and the offsets where a cut leaves a whole, shorter file."""
    data, ends = b"", {0}
    for i, rec in enumerate(RECORDS):
        part = write_warc(tmp_path / f"part-{i}.warc", [rec], gzip=compressed).read_bytes()
        data += part
        ends |= {len(data)} if compressed else set(range(len(data) - 4, len(data) + 1))  # "\r\n\r\n" after it
    return data, ends


def _jsonl() -> bytes:
    return b"".join(orjson.dumps({"id": f"j{i}", "text": f"Texte {i}."}) + b"\n" for i in range(3))


def _zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


@pytest.fixture(scope="module")
def archive_set(tmp_path_factory) -> list[tuple[str, bytes, set[int]]]:
    """The archives of :func:`archives`, made once (WARC record ids are random)."""
    return archives(tmp_path_factory.mktemp("archives"))


def archives(tmp_path: Path) -> list[tuple[str, bytes, set[int]]]:
    """(file name, bytes, cuts that leave a valid file) for each format."""
    warc_gz, gz_ends = _warc(tmp_path, True)
    warc, ends = _warc(tmp_path, False)
    lines = _jsonl()
    two_frames = _zstd(lines[:len(lines) // 2]) + _zstd(lines[len(lines) // 2:])
    return [("crawl.warc.gz", warc_gz, gz_ends), ("crawl.warc", warc, ends),
            ("news.jsonl.gz", gzip.compress(lines), {0}), ("news.jsonl.zst", _zstd(lines), {0}),
            ("two.jsonl.zst", two_frames, {0})]


def read_all(path: Path) -> tuple[list[str], list[Skipped]]:
    items = list(read_articles([path], stats=ReadStats()))
    return [a.id for a in items if isinstance(a, Article)], [s for s in items if isinstance(s, Skipped)]


def test_every_truncation_is_named_and_keeps_what_came_before(tmp_path, archive_set):
    for name, data, whole_at in archive_set:
        path = tmp_path / name
        path.write_bytes(data)
        full, problems = read_all(path)
        assert len(full) == 3 and not problems, (name, full, problems)
        for cut in range(1, len(data)):
            path.write_bytes(data[:cut])
            ids, skipped = read_all(path)
            where = f"{name} cut at {cut} of {len(data)}"
            assert ids == full[:len(ids)], where  # nothing invented, order kept
            if cut in whole_at:
                assert not skipped, where
            else:
                assert skipped and all(s.source.startswith(str(path)) for s in skipped), where
                # it says where: the record or line it stops at, or that nothing could be read
                assert re.search(r"record \d+|line \d+|ends early", skipped[-1].reason), (where, skipped[-1].reason)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupted_archives_are_reported_never_raised(tmp_path, archive_set, data):
    name, content, _ = data.draw(st.sampled_from(archive_set))
    corrupt = bytearray(content)
    for _ in range(data.draw(st.integers(1, 4))):
        corrupt[data.draw(st.integers(0, len(corrupt) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        corrupt = corrupt[:data.draw(st.integers(1, len(corrupt)))]
    path = tmp_path / name
    path.write_bytes(bytes(corrupt))
    ids, skipped = read_all(path)  # never raises
    assert all(s.source.startswith(str(path)) for s in skipped)


def test_an_unreadable_folder_is_named(tmp_path, monkeypatch):
    import os

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "un.txt").write_text("Bonjour.", encoding="utf-8")
    (tmp_path / "b" / "fermé").mkdir(parents=True)
    (tmp_path / "b" / "fermé" / "deux.txt").write_text("Salut.", encoding="utf-8")
    (tmp_path / "b" / "trois.txt").write_text("Re.", encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("fermé"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_articles([tmp_path]))
    assert [a.id for a in items if isinstance(a, Article)] == ["un", "trois"]
    [skipped] = [s for s in items if isinstance(s, Skipped)]
    assert skipped.source.endswith("fermé") and "cannot read folder (Permission denied)" in skipped.reason


# --- hostile documents ------------------------------------------------------------------------

MARKS = list("«»“”„‹›\"'’") + ["« ", " »", "<<", ">>"]
WORDS = ["a déclaré", "a-t-il dit", "selon", "Paul Durand", "la ministre", "Mme Roux", "qu'il", "que",
         "Nous tiendrons", ",", ".", "\n", "\n\n", " ", "—", "–", "-", ":", "(", ")", "...", "…"]
HOSTILE = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\u200b", "\u200d", "\u2028", "\u2029", "\ufeff", "\ufffd",
           "\u0301", "\u0308\u0308\u0308", "\r", "\t", "\x0b", "\x0c", "\U0001F469\u200D\U0001F4BB",
           "مرحبا", "你好世界", "Привет", "שלום", "ﬁ", "Ⅻ", "𝔓𝔞𝔲𝔩", "İ", "ß", "ǅ"]
pieces = st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.sampled_from(HOSTILE),
                   st.text(max_size=8),
                   st.integers(200, 3000).map(lambda n: "x" * n),                # a huge token
                   st.integers(2, 40).map(lambda n: "«" * n + " " + "»" * (n // 2)))  # nesting
documents = st.lists(pieces, min_size=1, max_size=40).map("".join)


@pytest.fixture(scope="module")
def extractor():
    from guillemet.pipeline import get_extractor

    return get_extractor("fr")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(documents, min_size=1, max_size=4),
       lone=st.sampled_from(["", "\ud800", "\udfff"]))
def test_extract_never_raises_and_offsets_are_exact(extractor, texts, lone):
    from guillemet.output import jsonl_line

    articles = [Article(text=t + (lone if i == 0 else ""), id=f"d{i}", published="2023-03-06")
                for i, t in enumerate(texts)]
    done = list(extractor.pipe(articles))
    assert [a.id for a in done] == [a.id for a in articles]
    for article in done:
        text = article.text
        if lone and article.id == "d0":
            assert article.status == "error" and "lone surrogate" in article.meta["error"]
            continue
        for q in article.quotes:
            for span, said in ((q.content, q.content_text), (q.cue, q.cue_text),
                               (q.speaker_mention, q.speaker_mention_text)):
                if span is not None:
                    assert 0 <= span[0] <= span[1] <= len(text) and text[span[0]:span[1]] == said
            for ref in (*q.dates, *q.numbers):
                assert 0 <= ref.span[0] <= ref.span[1] <= len(text) and text[ref.span[0]:ref.span[1]] == ref.text
        assert orjson.loads(jsonl_line(article))["id"] == article.id  # it can be written out


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(st.one_of(documents.map(lambda t: orjson.dumps({"text": t})),
                                st.binary(max_size=60), st.just(b'{"text": "a\\ud800"}'),
                                st.just(b'{"text": "caf\xe9"}')), min_size=1, max_size=8))
def test_hostile_jsonl_lines_are_named_never_raised(lines):
    data = b"\n".join(lines) + b"\n"
    items = list(read_articles_from_bytes(data))
    for item in items:
        if isinstance(item, Skipped):
            assert item.source.startswith("hostile.jsonl")
        else:
            assert isinstance(item.text, str) and item.text.strip()


def read_articles_from_bytes(data: bytes):
    from guillemet.readers.jsonl import read_jsonl

    return read_jsonl(io.BufferedReader(io.BytesIO(data)), "hostile.jsonl")
