"""Finding the files behind the sources, opening them (decompressed), and sniffing their format."""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from guillemet.readers.options import COMPRESSED_SUFFIXES, ReadOptions, Skipped
from guillemet.readers.text import CutShort

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

#: Extension (after any compression suffix) → format.
FORMAT_BY_EXTENSION = {
    ".txt": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "warc",
}

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)


def expand_sources(sources: Iterable[str | os.PathLike], options: ReadOptions) -> Iterator[str | Skipped]:
    """Each source as a file path or "-"; folders are walked recursively: files in name order,
    then subfolders in name order.

    Inside a folder only files whose name ends with one of ``options.extensions`` (optionally
    followed by .gz or .zst) are read; hidden files and folders are passed over. A folder that
    cannot be listed (no permission, vanished) is a :class:`Skipped` naming it, not a silent gap.
    """
    endings = tuple(ext + comp for ext in options.extensions for comp in ("", *COMPRESSED_SUFFIXES))
    for src in sources:
        src = os.fspath(src)
        if src != "-" and os.path.isdir(src):
            unreadable: list[OSError] = []
            for root, dirs, files in os.walk(src, onerror=unreadable.append):
                yield from _unreadable_folders(unreadable)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(endings):
                        yield os.path.join(root, name)
            yield from _unreadable_folders(unreadable)
        else:
            yield src


def _unreadable_folders(errors: list[OSError]) -> Iterator[Skipped]:
    while errors:
        exc = errors.pop(0)
        yield Skipped(exc.filename or "?", f"cannot read folder ({exc.strerror or exc}); check its permissions "
                                           "(its files were not read)")


def open_binary(src: str) -> BinaryIO:
    """The raw byte stream of a path, or of standard input for "-".

    Raises:
        OSError: The file cannot be opened.
    """
    if src == "-":
        return sys.stdin.buffer
    return open(src, "rb")


def peek(stream: BinaryIO, size: int = 2048) -> bytes:
    """Up to ``size`` leading bytes of a buffered stream without consuming them."""
    head = stream.peek(size) if hasattr(stream, "peek") else b""
    return head[:size]


def compression_of(head: bytes) -> str | None:
    """ "gzip", "zstd" or None from a file's first bytes."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def decompressed_head(head: bytes, size: int = 2048) -> bytes:
    """The first decompressed bytes of a compressed file's first bytes, without reading on.

    Returns b"" when they cannot be decompressed (a corrupt file, reported once it is read).
    """
    kind = compression_of(head)
    try:
        if kind == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
        if kind == "zstd":
            import zstandard

            return zstandard.ZstdDecompressor().decompressobj().decompress(head)[:size]
    except Exception:  # zlib.error, zstandard.ZstdError: reported when the stream is read
        return b""
    return head[:size]


def decompressed(stream: BinaryIO) -> tuple[BinaryIO, str | None]:
    """The stream decompressed when it starts with a gzip or zstd magic number.

    Returns:
        The (buffered) stream to read and the compression found: "gzip", "zstd" or None.
    """
    head = peek(stream, 4)
    if head.startswith(GZIP_MAGIC):
        return io.BufferedReader(_Strict(gzip.GzipFile(fileobj=stream, mode="rb")), buffer_size=1 << 16), "gzip"
    if head.startswith(ZSTD_MAGIC):
        return io.BufferedReader(ZstdFrames(stream), buffer_size=1 << 16), "zstd"
    return stream, None


class _Strict(io.RawIOBase):
    """A gzip stream whose end inside a member (EOFError, or a member header cut to its first
    bytes) becomes :class:`CutShort`.

    The data before the cut is delivered first: the read that meets the cut returns what it
    has, the next one raises (a buffered reader would otherwise drop a whole buffer's worth).
    """

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self.inner = inner
        self._cut: Exception | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._cut is not None:
            raise CutShort(f"the compressed data ends early or is damaged ({self._cut})") from self._cut
        try:  # readinto1: what one read gives, so the data before a cut is delivered first
            return self.inner.readinto1(buffer)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            self._cut = exc
            return 0  # ends this read with what it had; the next read raises


class ZstdFrames(io.RawIOBase):
    """zstd frames decompressed one after the other, as a raw stream.

    zstandard's own stream reader ends quietly when the file ends inside a frame (a truncated
    download then reads as an empty file or a short last line); this one raises
    :class:`CutShort`, so the reader can say the file is cut short.
    """

    def __init__(self, raw: BinaryIO) -> None:
        import zstandard

        super().__init__()
        self.raw = raw
        self._dctx = zstandard.ZstdDecompressor()
        self._frame = self._dctx.decompressobj()
        self._out = bytearray()
        self._inside = False  # input was given to a frame that has not ended
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._out and not self._eof:
            chunk = self.raw.read(1 << 16)
            if not chunk:
                self._eof = True
                if self._inside:
                    raise CutShort("the file ends inside a zstd frame")
                break
            self._feed(chunk)
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        del self._out[:n]
        return n

    def _feed(self, data: bytes) -> None:
        while data:
            self._out += self._frame.decompress(data)
            if not self._frame.eof:
                self._inside = True
                return
            data, self._inside = self._frame.unused_data, False
            self._frame = self._dctx.decompressobj()


def inner_extension(src: str) -> str:
    """The extension that names the format: "a.jsonl.gz" → ".jsonl"."""
    path = Path(src.lower())
    if path.suffix in COMPRESSED_SUFFIXES:
        path = path.with_suffix("")
    return path.suffix


def sniff_format(src: str, head: bytes) -> str:
    """The format of a file from its extension, else from its first (decompressed) bytes.

    Args:
        src: Path or "-".
        head: The first bytes of the decompressed content.

    Returns:
        "text", "jsonl", "html" or "warc".
    """
    by_ext = FORMAT_BY_EXTENSION.get(inner_extension(src)) if src != "-" else None
    if by_ext:
        return by_ext
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if _HTML_START.match(stripped):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"
