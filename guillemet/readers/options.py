"""What a reader yields besides articles, and the one options object every reader takes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields as dc_fields
from typing import Mapping

#: Values of ``--input-format``: "auto" sniffs each file from its extension, then its content.
INPUT_FORMATS = ("auto", "text", "jsonl", "html", "warc")

#: File name endings read when a folder is given (compressed variants are added below).
DEFAULT_EXTENSIONS = (".txt", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml", ".warc", ".arc")

#: Compression suffixes understood on top of any extension.
COMPRESSED_SUFFIXES = (".gz", ".zst")

#: A single document (a text file, an HTML page, a WARC payload, a JSON line) larger than this
#: is skipped: trafilatura's own default limit, and far above any real news article.
DEFAULT_MAX_BYTES = 20_000_000


@dataclass(slots=True)
class Skipped:
    """A document or file that was not read: where it is and why."""

    source: str
    reason: str


@dataclass(slots=True, frozen=True)
class Fields:
    """Names of the JSONL keys that fill each Article field (``--field text=content``)."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    outlet: str = "outlet"
    published: str = "published"
    lang: str = "lang"
    title: str = "title"

    @classmethod
    def parse(cls, pairs: Mapping[str, str] | list[str] | tuple[str, ...] | None) -> "Fields":
        """Field names from ``{"text": "content"}`` or ``["text=content", ...]``.

        Raises:
            ValueError: An unknown Article field or a pair without "=", with the valid names.
        """
        if not pairs:
            return cls()
        if not isinstance(pairs, Mapping):
            items = {}
            for pair in pairs:
                key, sep, value = pair.partition("=")
                if not sep or not value:
                    raise ValueError(f"Field mapping {pair!r} must look like ARTICLE_FIELD=JSON_KEY, "
                                     "e.g. text=content.")
                items[key.strip()] = value.strip()
            pairs = items
        known = {f.name for f in dc_fields(cls)}
        unknown = sorted(set(pairs) - known)
        if unknown:
            raise ValueError(f"Unknown article field(s) {', '.join(unknown)}; "
                             f"choose among {', '.join(sorted(known))}.")
        return cls(**dict(pairs))


@dataclass(slots=True, frozen=True)
class ReadOptions:
    """How to read sources; one object instead of many keyword arguments.

    Attributes:
        input_format: One of INPUT_FORMATS; "auto" sniffs each file.
        fields: JSONL key names.
        max_bytes: Larger documents are skipped with a reason.
        extensions: Endings picked up when walking a folder (".gz"/".zst" variants too).
        html_fast: trafilatura's fast mode (no fallback extractors): quicker, less recall.
        default_lang: Language given to articles whose source names none (language
            identification may change it later).
    """

    input_format: str = "auto"
    fields: Fields = field(default_factory=Fields)
    max_bytes: int = DEFAULT_MAX_BYTES
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    html_fast: bool = False
    default_lang: str = "fr"

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"Unknown input format {self.input_format!r}; "
                             f"choose among {', '.join(INPUT_FORMATS)}.")


@dataclass(slots=True)
class ReadStats:
    """Counters filled while reading: articles, skipped documents, records that are no articles.

    ``not_articles`` counts what is left out silently because it never was an article (WARC
    request/metadata records, non-HTML responses, redirects), keyed by why.
    """

    articles: int = 0
    skipped: int = 0
    not_articles: Counter = field(default_factory=Counter)
