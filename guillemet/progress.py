"""What `guillemet ingest`'s progress bar shows: how many documents there are (so it can give
a total and an ETA) and whether the model is still loading.

Counting reads the input once ahead (JSONL lines, decompressed on the fly: about a second for
the 4,500-article corpus); a WARC archive or standard input has no total we can know cheaply,
and the bar then counts without one.
"""

from __future__ import annotations

from typing import Iterable

from guillemet.readers.options import ReadOptions
from guillemet.readers.sources import (compression_of, decompressed, decompressed_head, expand_sources,
                                       open_binary, peek, sniff_format)

def count_documents(sources: Iterable[str], options: ReadOptions | None = None) -> int | None:
    """How many documents the sources hold (a JSONL file's non-empty lines, one per text or
    HTML file), or None when any is a WARC archive, standard input or unreadable."""
    options = options or ReadOptions()
    total = 0
    for src in expand_sources(sources, options):
        if src == "-":
            return None
        try:
            with open_binary(src) as raw:
                head = peek(raw, 8192)
                if not head:
                    continue
                fmt = options.input_format
                if fmt == "auto":
                    fmt = sniff_format(src, decompressed_head(head) if compression_of(head) else head[:2048])
                if fmt == "warc":
                    return None
                if fmt != "jsonl":
                    total += 1
                    continue
                stream, _ = decompressed(raw)
                total += _lines(stream)
        except Exception:  # noqa: BLE001 - the reader will report it; the bar just has no total
            return None
    return total


def _lines(stream) -> int:
    return sum(1 for line in stream if line.strip())


def stage_label(report, model: str) -> str:
    """The bar's description: the model loading until the first article comes back from the
    extractor, then what is done."""
    waiting = report.read - report.already_present - len(report.skipped)
    if report.extracted == 0 and waiting > 0:
        return f"loading {model}"
    return "ingest"
