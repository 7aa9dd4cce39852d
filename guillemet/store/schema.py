"""The store's tables, derived from the record's dataclasses (no second schema).

Each field of :class:`~guillemet.record.Article`, :class:`~guillemet.record.Quote` and
:class:`~guillemet.record.Speaker` becomes a column by its type:

    str, int, float        TEXT, INTEGER, REAL (DOUBLE PRECISION on PostgreSQL)
    tuple[int, int]        two INTEGER columns ``<name>_start`` and ``<name>_end`` (a span)
    list, dict, dataclass  TEXT holding JSON (dates, numbers, aliases, urls, ignored, meta,
                           gender_evidence)

An article's quotes and speakers live in child tables keyed by ``(article_id, position)``, so
an article loads back exactly as it was stored. The ``speakers`` table, keyed by
``Speaker.id``, is recomputed from those rows whenever an article changes: it is a function
of the stored articles, never a second source of truth.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any

import orjson

from guillemet.record import Article, Quote, Speaker

SCALAR, SPAN, JSON = "scalar", "span", "json"


@dataclass(frozen=True, slots=True)
class Field:
    """One record field and how it maps to columns."""

    name: str
    shape: str  # SCALAR, SPAN or JSON
    sql_type: str  # "TEXT", "INTEGER" or "REAL" (JSON and spans use TEXT and INTEGER)

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names this field occupies."""
        if self.shape == SPAN:
            return (f"{self.name}_start", f"{self.name}_end")
        return (self.name,)

    def encode(self, value: Any) -> tuple[Any, ...]:
        """The column values for a field value."""
        if self.shape == SPAN:
            return (None, None) if value is None else (int(value[0]), int(value[1]))
        if self.shape == JSON:
            return (orjson.dumps(dataclass_to_plain(value)).decode(),)
        return (value,)

    def decode(self, values: tuple[Any, ...]) -> Any:
        """The plain (``to_dict``-shaped) value from column values."""
        if self.shape == SPAN:
            return None if values[0] is None else [values[0], values[1]]
        if self.shape == JSON:
            return None if values[0] is None else orjson.loads(values[0])
        return values[0]


def dataclass_to_plain(value: Any) -> Any:
    """``to_dict`` without importing it in a cycle: dataclasses to dicts, tuples to lists."""
    if dataclasses.is_dataclass(value):
        return {f.name: dataclass_to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [dataclass_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: dataclass_to_plain(v) for k, v in value.items()}
    return value


def _field_for(name: str, annotation: Any) -> Field:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    origin = typing.get_origin(annotation) or annotation
    if origin is tuple:
        return Field(name, SPAN, "INTEGER")
    if origin in (list, dict) or dataclasses.is_dataclass(origin):
        return Field(name, JSON, "TEXT")
    sql = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER"}.get(origin)
    if sql is None:
        raise TypeError(f"no column type for field {name!r} ({annotation!r}): extend schema._field_for")
    return Field(name, SCALAR, sql)


@dataclass(frozen=True, slots=True)
class Table:
    """A table: key columns the store adds, then the columns of one record type."""

    name: str
    record: type
    keys: tuple[tuple[str, str], ...]  # (column, sql type) added before the record's fields
    fields: tuple[Field, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column, keys first, in order."""
        return tuple(k for k, _ in self.keys) + tuple(c for f in self.fields for c in f.columns)

    def column_types(self) -> list[tuple[str, str]]:
        """(column, generic sql type) for every column."""
        out = list(self.keys)
        for f in self.fields:
            out += [(c, f.sql_type) for c in f.columns]
        return out

    def select(self, alias: str = "") -> str:
        """Every column, quoted, for a SELECT list (``q."kind"`` with alias ``q``)."""
        prefix = f"{alias}." if alias else ""
        return ", ".join(f'{prefix}"{c}"' for c in self.columns)

    def row(self, record: Any, *keys: Any) -> tuple[Any, ...]:
        """The column values of one record, after the given key values."""
        values: list[Any] = list(keys)
        for f in self.fields:
            values += f.encode(getattr(record, f.name))
        return tuple(values)

    def plain(self, row: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
        """A ``to_dict``-shaped dict of the record's fields from a full row (keys skipped)."""
        i = len(self.keys)
        out: dict[str, Any] = {}
        for f in self.fields:
            n = len(f.columns)
            out[f.name] = f.decode(tuple(row[i:i + n]))
            i += n
        return out


def table_for(name: str, record: type, keys: tuple[tuple[str, str], ...] = (),
              exclude: tuple[str, ...] = ()) -> Table:
    """A :class:`Table` whose columns are the fields of the dataclass ``record``."""
    hints = typing.get_type_hints(record)
    fields = tuple(_field_for(f.name, hints[f.name]) for f in dataclasses.fields(record)
                   if f.name not in exclude)
    return Table(name, record, keys, fields)


#: Articles without their quotes and speakers (those have their own tables); key ``id``. The
#: store adds ``quote_count`` (how many quotes the article has), so that counting the quotes
#: of an outlet or a month sums one index instead of probing every quote.
ARTICLES = table_for("articles", Article, keys=(("quote_count", "INTEGER"),), exclude=("quotes", "speakers"))
#: One row per quote, in article order; ``text_key`` is a digest of its folded words
#: (:func:`guillemet.store.groups.text_key`): the same words in two articles share it.
QUOTES = table_for("quotes", Quote, keys=(("article_id", "TEXT"), ("position", "INTEGER"),
                                          ("text_key", "TEXT")))
#: The speakers each article lists, as the article lists them.
ARTICLE_SPEAKERS = table_for("article_speakers", Speaker,
                             keys=(("article_id", "TEXT"), ("position", "INTEGER")))
#: One row per speaker id across the store; recomputed from the two tables above, with
#: what lists and finds speakers fast: their quote and article counts, and every name and
#: alias folded (" emmanuel macron , macron ", words between spaces).
SPEAKERS = table_for("speakers", Speaker, keys=(("quote_count", "INTEGER"), ("article_count", "INTEGER"),
                                                ("names_folded", "TEXT")))


def chunks(items: list[Any], size: int = 500) -> "typing.Iterator[list[Any]]":
    """``items`` in lists of at most ``size``: SQL parameter lists under the drivers' limits."""
    for i in range(0, len(items), size):
        yield items[i:i + size]
