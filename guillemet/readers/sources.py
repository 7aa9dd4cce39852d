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

from guillemet.readers.options import COMPRESSED_SUFFIXES, ReadOptions

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


def expand_sources(sources: Iterable[str | os.PathLike], options: ReadOptions) -> Iterator[str]:
    """Each source as a file path or "-"; folders are walked recursively: files in name order,
    then subfolders in name order.

    Inside a folder only files whose name ends with one of ``options.extensions`` (optionally
    followed by .gz or .zst) are read; hidden files and folders are passed over.
    """
    endings = tuple(ext + comp for ext in options.extensions for comp in ("", *COMPRESSED_SUFFIXES))
    for src in sources:
        src = os.fspath(src)
        if src != "-" and os.path.isdir(src):
            for root, dirs, files in os.walk(src):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(endings):
                        yield os.path.join(root, name)
        else:
            yield src


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
        return gzip.GzipFile(fileobj=stream, mode="rb"), "gzip"
    if head.startswith(ZSTD_MAGIC):
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True)
        return io.BufferedReader(reader, buffer_size=1 << 16), "zstd"
    return stream, None


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
