"""Readers: every format on files we write ourselves, bad input skipped with its reason."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import orjson
import pytest
import zstandard

from guillemet.readers import (
    INPUT_FORMATS,
    ReadOptions,
    ReadStats,
    Skipped,
    find_published,
    read_articles,
)
from guillemet.readers.sources import sniff_format
from guillemet.record import Article

sys.path.insert(0, str(Path(__file__).parent))
from samples_io import PARAGRAPHS, article_text, html_page, write_warc  # noqa: E402


def jsonl_bytes(rows: list[dict]) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in rows)


def articles(items) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def skipped(items) -> list[Skipped]:
    return [x for x in items if isinstance(x, Skipped)]


# --- format sniffing -------------------------------------------------------------------------

@pytest.mark.parametrize("name, head, expected", [
    ("a.txt", b"<html>", "text"),                       # the extension wins
    ("a.jsonl.gz", b"", "jsonl"),
    ("a.ndjson", b"", "jsonl"),
    ("a.htm", b"", "html"),
    ("crawl.warc.gz", b"", "warc"),
    ("noext", b"WARC/1.1\r\n", "warc"),
    ("noext", b"  <!DOCTYPE html><html>", "html"),
    ("noext", b"<!-- x --><html lang=fr>", "html"),
    ("noext", b'{"text": "x"}\n', "jsonl"),
    ("noext", "« Nous tiendrons », a dit Paul.".encode(), "text"),
    ("-", b"<html><body>", "html"),
])
def test_sniff_format(name, head, expected):
    assert sniff_format(name, head) == expected


def test_input_formats_constant_lists_auto_first():
    assert INPUT_FORMATS[0] == "auto" and set(INPUT_FORMATS) >= {"text", "jsonl", "html", "warc"}


def test_unknown_input_format_fails_before_reading():
    with pytest.raises(ValueError, match="choose among"):
        list(read_articles(["x"], input_format="pdf"))


# --- each format ---------------------------------------------------------------------------

def test_text_file_is_one_article_named_by_its_stem(tmp_path):
    (tmp_path / "lyon.txt").write_text(article_text(), encoding="utf-8")
    [a] = list(read_articles([str(tmp_path / "lyon.txt")]))
    assert a.id == "lyon" and a.text == article_text() and a.lang == "fr"


def test_folder_is_walked_recursively_by_extension_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deux.txt").write_text(article_text(2), encoding="utf-8")
    (tmp_path / "un.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".cache.txt").write_text("caché", encoding="utf-8")
    (tmp_path / "trois.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes([{"id": "t", "text": article_text(3)}])))
    ids = [a.id for a in read_articles([tmp_path])]
    assert ids == ["t", "un", "deux"]          # a folder's files, then its subfolders


@pytest.mark.parametrize("suffix, compress", [
    (".jsonl", lambda b: b),
    (".jsonl.gz", gzip.compress),
    (".jsonl.zst", lambda b: zstandard.ZstdCompressor().compress(b)),
    ("", gzip.compress),                                  # sniffed from the gzip magic + content
])
def test_jsonl_plain_and_compressed(tmp_path, suffix, compress):
    rows = [{"id": f"a{i}", "text": article_text(i), "url": f"https://ex.fr/{i}", "published": "2023-01-0" + str(i + 1),
             "outlet": "ex.fr", "title": f"Titre {i}"} for i in range(3)]
    path = tmp_path / ("news" + suffix)
    path.write_bytes(compress(jsonl_bytes(rows)))
    got = list(read_articles([path]))
    assert [a.id for a in got] == ["a0", "a1", "a2"]
    assert got[1].url == "https://ex.fr/1" and got[1].published == "2023-01-02" and got[1].title == "Titre 1"
    assert got[1].meta["published_from"] == "source"


def test_jsonl_field_names_are_configurable(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(jsonl_bytes([{"uid": 7, "content": article_text(), "date": "2022-12-30", "language": "fr"}]))
    [a] = list(read_articles([path], fields=["text=content", "id=uid", "published=date", "lang=language"]))
    assert (a.id, a.published, a.lang, a.meta["lang_source"]) == ("7", "2022-12-30", "fr", "source")


def test_unknown_field_name_is_refused():
    with pytest.raises(ValueError, match="Unknown article field"):
        list(read_articles([], fields={"body": "content"}))


def test_html_page_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(html_page("La maire tient bon", PARAGRAPHS), encoding="utf-8")
    [a] = list(read_articles([path]))
    assert a.title == "La maire tient bon"
    assert a.published == "2023-03-04" and a.meta["published_from"] == "html"
    assert a.outlet == "Le Courrier du Rhône" and a.meta["author"] == "Jeanne Martin"
    assert a.lang == "fr" and a.meta["lang_source"] == "source"
    assert PARAGRAPHS[0] in a.text and PARAGRAPHS[3] in a.text
    for chrome in ("Accueil", "Politique", "Mentions légales", "Plan du site", "Partager sur"):
        assert chrome not in a.text, chrome


def test_warc_html_responses_only_with_url_and_capture_date(tmp_path):
    page = html_page("Grève à Lyon", PARAGRAPHS, date=None).encode()
    path = write_warc(tmp_path / "crawl.warc.gz", [
        {"url": "https://ex.fr/greve", "type": "request"},
        {"url": "https://ex.fr/greve", "body": page, "date": "2023-03-05T08:30:00Z"},
        {"url": "https://ex.fr/logo.png", "content_type": "image/png", "body": b"\x89PNG"},
        {"url": "https://ex.fr/ancien", "status": "301 Moved Permanently", "body": b""},
        {"url": "https://ex.fr/meteo", "body": html_page("Météo", [PARAGRAPHS[1]]).encode()},
    ])
    stats = ReadStats()
    got = list(read_articles([path], stats=stats))
    assert [a.url for a in got] == ["https://ex.fr/greve", "https://ex.fr/meteo"]
    assert got[0].meta["captured"] == "2023-03-05T08:30:00Z"
    assert got[0].published == "2023-03-05T08:30:00Z" and got[0].meta["published_from"] == "warc"
    assert got[1].published == "2023-03-04"                # the page's own date beats the capture
    assert stats.articles == 2 and stats.skipped == 0
    assert stats.not_articles == {"warc_request": 1, "non_html": 1, "http_301": 1}


def test_uncompressed_warc_is_read_too(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [{"url": "https://ex.fr/a", "body": html_page("A", PARAGRAPHS).encode()}],
                      gzip=False)
    assert [a.url for a in read_articles([path])] == ["https://ex.fr/a"]


@pytest.mark.parametrize("data, fmt", [
    (article_text().encode(), "text"),
    (jsonl_bytes([{"text": article_text()}]), "jsonl"),
    (html_page("Depuis l'entrée standard", PARAGRAPHS).encode(), "html"),
])
def test_stdin(monkeypatch, data, fmt):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    [a] = list(read_articles(["-"]))
    assert isinstance(a, Article) and PARAGRAPHS[0][:40] in a.text


def test_input_format_overrides_the_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(html_page("Forcé", PARAGRAPHS), encoding="utf-8")
    [as_text] = list(read_articles([path]))
    [as_html] = list(read_articles([path], input_format="html"))
    assert "<p>" in as_text.text and "<p>" not in as_html.text and as_html.title == "Forcé"


# --- bad input: each skipped with its reason, the good ones all read -----------------------------

def _truncated_gzip(tmp_path):
    data = gzip.compress(jsonl_bytes([{"id": f"g{i}", "text": article_text(i)} for i in range(200)]))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    return path


def _invalid_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le préfet a déclaré".encode("latin-1"))
    return path


def _huge_html(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as fh:
        fh.write(b"<html><body>")
        fh.write(b"<p>" + b"x" * (50 * 1024 * 1024) + b"</p>")
        fh.write(b"</body></html>")
    return path


def _empty(tmp_path):
    path = tmp_path / "vide.txt"
    path.write_bytes(b"")
    return path


def _bad_json_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(jsonl_bytes([{"id": "ok1", "text": article_text(1)}]) + b"{not json\n"
                     + jsonl_bytes([{"id": "ok2", "text": article_text(2)}]))
    return path


def _truncated_warc(tmp_path):
    path = write_warc(tmp_path / "cut.warc.gz", [
        {"url": f"https://ex.fr/{i}", "body": html_page(f"Titre {i}", [article_text(i)]).encode()} for i in range(5)])
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.7)])
    return path


def _missing(tmp_path):
    return tmp_path / "absent.txt"


def _html_without_text(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Vide</title></head><body><script>var a = 1;</script></body></html>",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("make, reason", [
    (_truncated_gzip, "ends early"),
    (_invalid_utf8, "not UTF-8"),
    (_huge_html, "byte limit"),
    (_empty, "empty file"),
    (_bad_json_line, "not valid JSON"),
    (_truncated_warc, "the records before were read"),
    (_missing, "cannot read file"),
    (_html_without_text, "no main text"),
])
def test_bad_input_is_skipped_with_reason_and_good_ones_still_read(tmp_path, make, reason):
    good_before = tmp_path / "avant.txt"
    good_before.write_text(article_text(10), encoding="utf-8")
    good_after = tmp_path / "apres.txt"
    good_after.write_text(article_text(11), encoding="utf-8")
    stats = ReadStats()
    items = list(read_articles([good_before, make(tmp_path), good_after], stats=stats))
    bad = skipped(items)
    assert bad and all(reason in s.reason for s in bad[-1:]), [s.reason for s in bad]
    ids = [a.id for a in articles(items)]
    assert ids[0] == "avant" and ids[-1] == "apres"
    assert stats.skipped == len(bad)


def test_partial_files_keep_what_was_before_the_damage(tmp_path):
    items = list(read_articles([_truncated_gzip(tmp_path), _bad_json_line(tmp_path), _truncated_warc(tmp_path)]))
    ids = [a.id for a in articles(items)]
    assert sum(i.startswith("g") for i in ids) > 10      # lines before the cut
    assert "ok1" in ids and "ok2" in ids
    assert sum(a.url is not None and a.url.startswith("https://ex.fr/") for a in articles(items)) >= 2


def test_size_limit_is_an_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(article_text(), encoding="utf-8")
    [s] = list(read_articles([path], options=ReadOptions(max_bytes=100)))
    assert isinstance(s, Skipped) and "100-byte limit" in s.reason


# --- published date from the text ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Paris, 30 décembre 2022 (AFP) - Le ministre a déclaré...", "2022-12-30"),
    ("LYON, 1er mars 2023. La maire a annoncé...", "2023-03-01"),
    ("Publié le 30/12/2022 à 18h05\nLe ministre a déclaré...", "2022-12-30"),
    ("Mis à jour 2023-02-14 — Le maire a dit...", "2023-02-14"),
    ("Le maire a dit que la réunion du 31 février 2023 était annulée.", None),   # no such day
    ("Le ministre a déclaré qu'il viendrait.", None),
    ("x" * 500 + " 30 décembre 2022", None),                                      # too far down
])
def test_find_published_from_dateline(text, expected):
    assert find_published(Article(text=text)).published == expected


def test_find_published_never_replaces_the_source_date():
    a = find_published(Article(text="Paris, 30 décembre 2022 - texte", published="2023-01-01"))
    assert a.published == "2023-01-01"
