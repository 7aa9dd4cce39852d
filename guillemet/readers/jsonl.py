"""JSON lines: one article per line, field names configurable (:class:`Fields`)."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import orjson

from guillemet.readers.options import Fields, ReadOptions, Skipped
from guillemet.readers.text import STREAM_ERRORS, confirm_end, describe_stream_error
from guillemet.record import Article


def article_from_json(obj: Any, source: str, options: ReadOptions | None = None) -> Article | Skipped:
    """An Article from one decoded JSON object, or a Skipped saying which field is missing."""
    options = options or ReadOptions()
    f: Fields = options.fields
    if not isinstance(obj, dict):
        return Skipped(source, "not a JSON object")
    text = obj.get(f.text)
    if not isinstance(text, str):
        return Skipped(source, f"no {f.text!r} field (a string) in this JSON object; "
                               "name the text field with --field text=KEY")
    if not text.strip():
        return Skipped(source, f"empty {f.text!r} field")
    published = obj.get(f.published)
    lang = obj.get(f.lang)
    return Article(
        text=text,
        id=str(obj[f.id]) if obj.get(f.id) is not None else "",
        url=obj.get(f.url) or None,
        outlet=obj.get(f.outlet) or None,
        published=str(published) if published else None,
        lang=lang if isinstance(lang, str) and lang else options.default_lang,
        title=obj.get(f.title) or None,
        meta={"source": source, "lang_source": "source" if lang else "default",
              **({"published_from": "source"} if published else {})},
    )


def read_jsonl(stream: Iterable[bytes], name: str,
               options: ReadOptions | None = None) -> Iterator[Article | Skipped]:
    """Articles from JSON lines, streaming; a bad line or a truncated file is a Skipped.

    Args:
        stream: Lines of bytes (an open, possibly decompressing, binary file).
        name: The file's name, used in ``Skipped.source`` as ``name:line``.
        options: Field names and the per-document size limit.
    """
    options = options or ReadOptions()
    lineno = done = 0
    try:
        for lineno, line in enumerate(stream, 1):
            done = lineno - 1  # lines read whole before this one
            if not line.endswith(b"\n"):
                confirm_end(stream)  # a last line without its newline: raises if the file is cut short
            if not line.strip():
                continue
            where = f"{name}:{lineno}"
            if len(line) > options.max_bytes:
                yield Skipped(where, f"line longer than the {options.max_bytes:,}-byte limit")
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Skipped(where, f"not valid JSON ({exc})")
                continue
            yield article_from_json(obj, where, options)
        done = lineno
        confirm_end(stream)
    except STREAM_ERRORS as exc:
        yield Skipped(name, f"after line {done}: {describe_stream_error(exc)}; "
                            "the lines before were read")
