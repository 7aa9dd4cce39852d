"""Readers: turn files, folders and streams into ``Article`` records.

``read_articles(sources)`` yields, in input order, either an :class:`~guillemet.record.Article`
or a :class:`Skipped` saying which document could not be read and why; a bad document never
stops the stream.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from guillemet.record import Article


@dataclass(slots=True)
class Skipped:
    """A document or file that was not read: where it is and why."""

    source: str
    reason: str


def _article_from_json(obj: dict, source: str) -> Article | Skipped:
    if not isinstance(obj, dict):
        return Skipped(source, "not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        return Skipped(source, "no 'text' field (a string) in this JSON object")
    published = obj.get("published")
    return Article(
        text=text,
        id=str(obj["id"]) if obj.get("id") is not None else "",
        url=obj.get("url"),
        outlet=obj.get("outlet"),
        published=str(published) if published else None,
        lang=obj.get("lang") or "fr",
        title=obj.get("title"),
    )


def read_jsonl(stream: Iterable[bytes], name: str) -> Iterator[Article | Skipped]:
    """Articles from JSON lines (``id``, ``text``, optional ``published``, ``lang``...)."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield Skipped(f"{name}:{lineno}", f"not valid JSON ({exc})")
            continue
        yield _article_from_json(obj, f"{name}:{lineno}")


def read_text(data: bytes, name: str) -> Article | Skipped:
    """One article from a plain-text file (UTF-8)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skipped(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    return Article(text=text, id=Path(name).stem if name != "-" else "")


def read_articles(sources: Iterable[str]) -> Iterator[Article | Skipped]:
    """Articles from paths ("-" is standard input): JSONL by extension or content, else text."""
    for src in sources:
        try:
            if src == "-":
                data = sys.stdin.buffer.read()
            else:
                data = Path(src).read_bytes()
        except OSError as exc:
            yield Skipped(src, f"cannot read file ({exc.strerror or exc})")
            continue
        if src.endswith((".jsonl", ".ndjson")) or data.lstrip()[:1] == b"{":
            yield from read_jsonl(io.BytesIO(data), src)
        else:
            yield read_text(data, src)
