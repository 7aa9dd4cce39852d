"""Shards: numbered slices of the input, the unit a sharded ingest extracts, writes and skips.

    split_shards(articles, 500)   Shard("shard-000000-1f3a9c0b2d", [500 articles]), ...
    ShardDir("out/")              one Parquet file per shard, written whole or not at all

A shard's file is written under a temporary name and renamed when complete, so its presence
is the completion marker: a rerun skips the shard, and a run killed while writing leaves only
a hidden temporary file, which the rerun overwrites and ``guillemet load`` ignores.

Parquet columns (``pyarrow``, from the extra ``guillemet[ray]``): ``id``; ``quotes``, how many;
``record``, the article as the JSON of :func:`guillemet.record.to_dict`, read back with
:func:`guillemet.record.article_from_dict`. No second schema: the record is the schema.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

import orjson

from guillemet.errors import UnreadableFile, require
from guillemet.record import Article, article_from_dict, to_dict


@dataclass(slots=True)
class Shard:
    """A slice of the input: its stable name and its articles, extracted or not yet."""

    name: str
    articles: list[Article]


#: A stage that takes shards and yields each of them (in any order) with quotes filled in.
ShardStage = Callable[[Iterable[Shard]], Iterator[Shard]]


class ShardWriter(Protocol):
    """Where a sharded ingest writes: :class:`ShardDir` or ``guillemet.ingest.StoreShards``."""

    def has(self, ids: set[str]) -> set[str]:
        """The ids already written, left out before sharding."""

    def is_done(self, name: str) -> bool:
        """Whether the shard of this name is already written whole."""

    def write(self, shard: Shard) -> list[tuple[str, str]]:
        """Write one shard whole; (article id, reason) of each article refused."""


def split_shards(articles: Iterable[Article], size: int) -> Iterator[Shard]:
    """Cut articles into shards of ``size``, named by position and a digest of their ids.

    The same input cut with the same size gives the same names, so a rerun recognises the
    shards it wrote; a changed input or size gives new names, never a false "already done".

    Raises:
        ValueError: ``size`` is below 1.
    """
    if size < 1:
        raise ValueError(f"shard size must be at least 1, not {size}")
    stream = iter(articles)
    index = 0
    while chunk := list(islice(stream, size)):
        digest = hashlib.sha1("\n".join(a.id for a in chunk).encode("utf-8")).hexdigest()[:10]
        yield Shard(f"shard-{index:06d}-{digest}", chunk)
        index += 1


class ShardDir:
    """A folder of Parquet shards, one file per shard (``<name>.parquet``).

    Args:
        path: The folder; created on the first write.

    Raises:
        MissingExtra: pyarrow is not installed (``pip install 'guillemet[ray]'``).
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.pa = require("pyarrow", "ray")
        self.pq = require("pyarrow.parquet", "ray")
        self.path = Path(path)

    def _file(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def has(self, ids: set[str]) -> set[str]:
        """Nothing by id: a folder is resumed shard by shard (:meth:`is_done`)."""
        return set()

    def is_done(self, name: str) -> bool:
        """Whether the shard's file exists (it only appears once written whole)."""
        return self._file(name).exists()

    def write(self, shard: Shard) -> list[tuple[str, str]]:
        """Write the shard's articles to ``<name>.parquet``, atomically; refuses none."""
        table = self.pa.table({
            "id": self.pa.array([a.id for a in shard.articles], self.pa.string()),
            "quotes": self.pa.array([len(a.quotes) for a in shard.articles], self.pa.int32()),
            "record": self.pa.array([orjson.dumps(to_dict(a)).decode() for a in shard.articles],
                                    self.pa.string()),
        })
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / f".{shard.name}.parquet.tmp"
        with open(tmp, "wb") as f:
            self.pq.write_table(table, f, compression="zstd")
            f.flush()
            os.fsync(f.fileno())  # the rename must never publish a file still in the page cache only
        os.replace(tmp, self._file(shard.name))
        return []

    def names(self) -> list[str]:
        """Every finished shard in the folder, sorted (temporary files left out)."""
        if not self.path.is_dir():
            return []
        return sorted(p.name[:-len(".parquet")] for p in self.path.glob("shard-*.parquet"))

    def ids(self, name: str) -> list[str]:
        """The article ids of one shard, in order, without decoding the records.

        Raises:
            UnreadableFile: The file is missing or not a Parquet shard.
        """
        return self._column(name, "id")

    def read(self, name: str, only: set[str] | None = None) -> list[Article]:
        """The articles of one shard, in order; with ``only``, just those ids.

        Raises:
            UnreadableFile: The file is missing or not a Parquet shard.
        """
        ids, records = self._column(name, "id"), self._column(name, "record")
        return [article_from_dict(orjson.loads(r)) for i, r in zip(ids, records)
                if only is None or i in only]

    def _column(self, name: str, column: str) -> list:
        try:
            return self.pq.read_table(self._file(name), columns=[column]).column(column).to_pylist()
        except (OSError, KeyError, self.pa.ArrowException) as exc:
            raise UnreadableFile(f"cannot read shard {self._file(name)} ({exc}): delete it and rerun "
                                 "the ingest that wrote it to write it again") from exc
