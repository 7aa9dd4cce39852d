"""Plain-text files: one article per file (UTF-8)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from guillemet.readers.options import ReadOptions, Skipped
from guillemet.record import Article

class CutShort(OSError):
    """A compressed file ends before its end marker (a truncated download).

    Not an EOFError on purpose: parsers such as warcio take an EOFError for the normal end of
    their input and would stop quietly.
    """


#: Errors a (compressed) stream raises when it is truncated or corrupt.
STREAM_ERRORS: tuple[type[BaseException], ...] = (EOFError, OSError)
try:  # zstandard's error is not an OSError
    import zstandard as _zstd

    STREAM_ERRORS += (_zstd.ZstdError,)
except ImportError:  # pragma: no cover - zstandard is a dependency
    pass
import zlib

STREAM_ERRORS += (zlib.error,)


def confirm_end(stream: BinaryIO) -> bool:
    """Whether a stream that just gave no more data really ends there.

    A decompressing stream cut short first ends its last read with the data it had, then
    raises :class:`CutShort` on the next one: this is that next read. Raises what the stream
    raises; True at a real end, False when data follows after all.
    """
    head = stream.peek(1) if hasattr(stream, "peek") else b""
    return not head


def describe_stream_error(exc: BaseException) -> str:
    """A one-line reason for a read that failed half way, saying what to do."""
    if isinstance(exc, (EOFError, CutShort)):
        return f"compressed file ends early (truncated download?): {exc}; re-fetch or recompress it"
    return f"cannot read ({type(exc).__name__}: {exc}); check the file is complete and not corrupt"


def read_limited(stream: BinaryIO, name: str, max_bytes: int) -> bytes | Skipped:
    """All bytes of a one-document stream, or a Skipped when it is too large or unreadable."""
    try:
        data = stream.read(max_bytes + 1)
        if len(data) <= max_bytes:
            confirm_end(stream)
    except STREAM_ERRORS as exc:
        return Skipped(name, describe_stream_error(exc))
    if len(data) > max_bytes:
        return Skipped(name, f"larger than the {max_bytes:,}-byte limit for one document; "
                             "raise ReadOptions.max_bytes (--max-bytes) if it really is one article")
    return data


def decode_text(data: bytes, name: str) -> str | Skipped:
    """UTF-8 text without BOM, or a Skipped for invalid UTF-8, binary data or no text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skipped(name, f"not UTF-8 text ({exc.reason} at byte {exc.start}); "
                             "convert it with `iconv -t UTF-8` first")
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        return Skipped(name, "binary data (NUL bytes), not text")
    if not text.strip():
        return Skipped(name, "empty file (no text)")
    return text


def read_text(data: bytes, name: str, options: ReadOptions | None = None) -> Article | Skipped:
    """One article from the bytes of a plain-text file (UTF-8); its id is the file's stem."""
    options = options or ReadOptions()
    text = decode_text(data, name)
    if isinstance(text, Skipped):
        return text
    stem = Path(name).name.split(".")[0] if name != "-" else ""
    return Article(text=text, id=stem, lang=options.default_lang,
                   meta={"source": name, "lang_source": "default"})
