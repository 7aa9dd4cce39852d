"""Readers: turn files, folders, archives and streams into ``Article`` records.

``read_articles(sources)`` yields, in input order, either an :class:`~guillemet.record.Article`
or a :class:`Skipped` saying which document could not be read and why; a bad document never
stops the stream, and nothing larger than one document is held in memory.

Formats (``--input-format``, default "auto": extension, then content):

    text    one article per file, UTF-8
    jsonl   one article per line, also .gz/.zst; key names configurable (Fields)
    html    one page per file, main text and metadata by trafilatura
    warc    WARC/WARC.gz archives: every HTML response is an article

``prepare(items)`` then runs the steps every command wants before extraction:
clean (boilerplate spans) → identify_language → find_published, optionally de-duplication.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator, Mapping

from guillemet.readers.html import read_html
from guillemet.readers.jsonl import article_from_json, read_jsonl
from guillemet.readers.options import (
    DEFAULT_MAX_BYTES,
    INPUT_FORMATS,
    Fields,
    ReadOptions,
    ReadStats,
    Skipped,
)
from guillemet.readers.prepare import find_published, identify_language, prepare
from guillemet.readers.published import check_published, published_problem
from guillemet.readers.sources import (
    compression_of,
    decompressed,
    decompressed_head,
    expand_sources,
    open_binary,
    peek,
    sniff_format,
)
from guillemet.readers.text import STREAM_ERRORS, confirm_end, describe_stream_error, read_limited, read_text
from guillemet.readers.warc import read_warc
from guillemet.record import Article


def read_articles(
    sources: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    input_format: str | None = None,
    fields: Fields | Mapping[str, str] | list[str] | None = None,
    options: ReadOptions | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from files, folders (recursive) and standard input ("-"), in order, streaming.

    Args:
        sources: Paths, folders, or "-" for standard input (a single path is accepted too).
        input_format: Overrides ``options.input_format`` (one of INPUT_FORMATS).
        fields: Overrides ``options.fields``: JSONL key names, as Fields, a mapping or
            ``["text=content", ...]``.
        options: Everything else (size limit, folder extensions, HTML fast mode...).
        stats: Counters to fill (articles, skipped, records that are not articles).

    Yields:
        An Article per document read, a Skipped per document or file that could not be.

    Raises:
        ValueError: An unknown input format or field name (before anything is read).

    Example:
        >>> for item in read_articles(["news/", "crawl.warc.gz"]):
        ...     print(item.reason if isinstance(item, Skipped) else item.title)
    """
    options = options or ReadOptions()
    overrides = {}
    if input_format is not None:
        overrides["input_format"] = input_format
    if fields is not None:
        overrides["fields"] = fields if isinstance(fields, Fields) else Fields.parse(fields)
    if overrides:
        options = ReadOptions(**{**{f: getattr(options, f) for f in options.__slots__}, **overrides})
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for src in expand_sources(sources, options):
        items = [src] if isinstance(src, Skipped) else _read_source(src, options, stats)
        for item in items:
            if isinstance(item, Article):
                check_published(item)
            if stats is not None:
                if isinstance(item, Skipped):
                    stats.skipped += 1
                else:
                    stats.articles += 1
            yield item


def _read_source(src: str, options: ReadOptions, stats: ReadStats | None) -> Iterator[Article | Skipped]:
    try:
        raw = open_binary(src)
    except OSError as exc:
        yield Skipped(src, f"cannot read file ({exc.strerror or exc}); check the path")
        return
    try:
        raw_head = peek(raw, 8192)
        if not raw_head:
            yield Skipped(src, "empty file")
            return
        compression = compression_of(raw_head)
        head = decompressed_head(raw_head) if compression else raw_head[:2048]
        fmt = options.input_format if options.input_format != "auto" else sniff_format(src, head)
        try:
            stream, _ = decompressed(raw)
            if compression and not peek(stream, 1) and confirm_end(stream):
                yield Skipped(src, "empty file (nothing inside the compressed file)")
                return
        except STREAM_ERRORS as exc:
            yield Skipped(src, describe_stream_error(exc))
            return
        if fmt == "warc":
            yield from read_warc(stream, src, options, stats)
        elif fmt == "jsonl":
            yield from read_jsonl(stream, src, options)
        else:
            data = read_limited(stream, src, options.max_bytes)
            if isinstance(data, Skipped):
                yield data
            elif fmt == "html":
                yield read_html(data, src, options)
            else:
                yield read_text(data, src, options)
    finally:
        if src != "-":
            raw.close()


__all__ = [
    "DEFAULT_MAX_BYTES", "INPUT_FORMATS", "Fields", "ReadOptions", "ReadStats", "Skipped",
    "article_from_json", "check_published", "find_published", "published_problem", "identify_language", "prepare", "read_articles",
    "read_html", "read_jsonl", "read_text", "read_warc",
]
