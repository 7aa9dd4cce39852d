"""WARC archives (also .warc.gz): HTML responses become articles, streaming record by record."""

from __future__ import annotations

from typing import BinaryIO, Iterator

from guillemet.readers.html import NO_MAIN_TEXT, read_html
from guillemet.readers.options import ReadOptions, ReadStats, Skipped
from guillemet.readers.text import STREAM_ERRORS, confirm_end, describe_stream_error
from guillemet.record import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _not_article(stats: ReadStats | None, why: str) -> None:
    if stats is not None:
        stats.not_articles[why] += 1


def _cut_short(name: str, index: int, where: str) -> Skipped:
    return Skipped(name, f"WARC record {index} cut short: the file ends {where} (truncated download?); "
                         f"the records before were read ({index - 1}); re-fetch the file")


def _drain(record) -> bool:
    """Read what is left of a record's block; False when the file ends before its Content-Length."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    return getattr(stream, "limit", 0) <= 0


def read_warc(stream: BinaryIO, name: str, options: ReadOptions | None = None,
              stats: ReadStats | None = None) -> Iterator[Article | Skipped]:
    """Articles from the HTML responses of a WARC file, one record in memory at a time.

    ``stream`` is the uncompressed WARC (a .warc.gz is decompressed before, strictly: a gzip
    member cut short is an error, which warcio alone would not report).

    Request, metadata, warcinfo and revisit records, redirects, errors and non-HTML responses
    and HTML pages without main text are not articles: they are left out silently and counted
    in ``stats.not_articles``. The article's URL is the record's WARC-Target-URI; its capture
    date (WARC-Date) is kept in ``meta["captured"]`` and is the published date when the page
    itself gives none. A file that ends inside a record (its headers or its block) yields a
    Skipped naming the record; the records before it are read.
    """
    from warcio.archiveiterator import ArchiveIterator

    options = options or ReadOptions()
    index = 0
    try:
        first = stream.peek(1)[:1] if hasattr(stream, "peek") else b""
        records = ArchiveIterator(stream)
        for index, record in enumerate(records, 1):
            # warcio leaves Content-Length out, or empties it, when a record's headers (WARC or
            # HTTP) end with the file
            if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                yield _cut_short(name, index, "inside its headers")
                return
            item = _article_of(record, index, name, options, stats)
            if not _drain(record):
                yield _cut_short(name, index, "inside its content")
                return
            if item is not None:
                yield item
        if records.next_line or (index == 0 and first.strip()):  # bytes that make no whole record
            yield _cut_short(name, index + 1, "inside its headers")
            return
        confirm_end(stream)
    except STREAM_ERRORS as exc:
        yield Skipped(name, f"after record {index}: {describe_stream_error(exc)}; "
                            "the records before were read")
    except Exception as exc:  # warcio's ArchiveLoadFailed and parse errors on corrupt input
        yield Skipped(name, f"after record {index}: not a readable WARC ({type(exc).__name__}: {exc}); "
                            "the records before were read")


def _article_of(record, index: int, name: str, options: ReadOptions,
                stats: ReadStats | None) -> Article | Skipped | None:
    """The article of one record, a Skipped, or None for a record that is no article."""
    if record.rec_type != "response":
        _not_article(stats, f"warc_{record.rec_type}")
        return None
    http = record.http_headers
    if http is None:
        _not_article(stats, "warc_response_without_http")
        return None
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        _not_article(stats, f"http_{status or 'unknown'}")
        return None
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        _not_article(stats, "non_html")
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{name}:{url or f'record {index}'}"
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    if length > options.max_bytes:
        return Skipped(where, f"WARC record larger than the {options.max_bytes:,}-byte limit; "
                              "raise ReadOptions.max_bytes (--max-bytes) to read it")
    payload = record.content_stream().read(options.max_bytes + 1)
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length
        return None  # the caller reports the record cut short
    item = read_html(payload, where, options, url=url)
    if isinstance(item, Skipped) and item.reason == NO_MAIN_TEXT:
        _not_article(stats, "html_without_main_text")
        return None
    if isinstance(item, Article):
        captured = record.rec_headers.get_header("WARC-Date")
        item.meta["captured"] = captured
        if item.published is None and captured:
            item.published = captured
            item.meta["published_from"] = "warc"
        item.meta["warc_record_id"] = record.rec_headers.get_header("WARC-Record-ID")
    return item
