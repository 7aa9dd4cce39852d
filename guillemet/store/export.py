"""Search hits as JSONL or CSV: one writer for ``guillemet export`` and the web UI.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe; JSONL is written as stored.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator

import orjson

from guillemet.errors import InputError
from guillemet.record import to_dict
from guillemet.store.query import QuoteHit

FORMATS = {"jsonl": "application/x-ndjson", "csv": "text/csv"}

#: CSV columns: the hit's article fields, then the quote's fields (spans as "start:end",
#: dates and numbers as JSON), all taken from the record.
_ARTICLE_COLUMNS = ("article_id", "position", "published", "outlet", "title", "url")


def hit_to_dict(hit: QuoteHit) -> dict:
    """A hit as JSON-ready data: the article fields and the quote under ``"quote"``."""
    return to_dict(hit)


#: What a spreadsheet reads as a formula at the start of a cell (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: object) -> object:
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, int) for v in value):
            return f"{value[0]}:{value[1]}"
        value = orjson.dumps(value).decode()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text: a quote saying "=HYPERLINK(…)" must not run as one
    return "" if value is None else value


def iter_export(hits: Iterable[QuoteHit], fmt: str) -> Iterator[str]:
    """Chunks of text (lines) in the format ``fmt`` ("jsonl" or "csv").

    Raises:
        InputError: An unknown format.
    """
    if fmt not in FORMATS:  # checked now, not when the first chunk is asked for
        raise InputError(f"format={fmt!r} is not an export format: use one of {', '.join(FORMATS)}.")
    return _jsonl(hits) if fmt == "jsonl" else _csv(hits)


def _jsonl(hits: Iterable[QuoteHit]) -> Iterator[str]:
    for hit in hits:
        yield orjson.dumps(hit_to_dict(hit)).decode() + "\n"


def _csv(hits: Iterable[QuoteHit]) -> Iterator[str]:
    header: list[str] | None = None
    for hit in hits:
        d = hit_to_dict(hit)
        quote = d.pop("quote")
        row = {k: d[k] for k in _ARTICLE_COLUMNS} | quote
        buf = io.StringIO()
        writer = csv.writer(buf)
        if header is None:
            header = list(row)
            writer.writerow(header)
        writer.writerow([_csv_value(row[k]) for k in header])
        yield buf.getvalue()
