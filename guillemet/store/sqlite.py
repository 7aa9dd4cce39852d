"""The embedded store: one SQLite file, WAL journal, FTS5 index over the stems of quotes.

FTS5 has no French stemmer, so the index holds each quote's words folded and stemmed in
Python (:func:`guillemet.store.textquery.index_text`, registered on the connection as the
SQL function ``guillemet_stems`` that the triggers call): "grève" finds « grèves », as on
PostgreSQL. Results rank by FTS5's bm25.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from guillemet.errors import StoreError
from guillemet.store.base import Filtered, Store, TextSQL
from guillemet.store import words
from guillemet.store.textquery import TextQuery, index_text, to_fts5

#: The full-text table and its triggers as this version makes them.
_FTS_TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(stems, "
              "tokenize='unicode61 remove_diacritics 2')")
_FTS_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS quotes_stems_insert AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, stems) VALUES (new.qid, guillemet_stems(new.content_text)); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_stems_delete AFTER DELETE ON quotes BEGIN "
    "DELETE FROM quotes_fts WHERE rowid = old.qid; END",
)


#: How a search's words join the full-text index, and its condition.
_FTS_JOIN = "JOIN quotes_fts ON quotes_fts.rowid = q.qid"
_FTS_MATCH = "quotes_fts MATCH ?"

#: Each connection maps up to this much of the file into memory (pages are read in place, with
#: no system call and no copy; the OS page cache holds them once for every connection) …
MMAP_BYTES = 1 << 40
#: … and keeps this many KiB of pages of its own (SQLite's default is 2 MiB): a search that
#: visits tens of thousands of quotes reads each page once.
CACHE_KIB = 16 * 1024


def _tuned(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


class SQLiteStore(Store):
    """A store in an SQLite file (created if missing).

    Search is accent- and case-insensitive and finds every form of a word: "president"
    finds "Présidents", "ceder" finds "céderons", "grève" finds "grèves".

    Args:
        path: The database file.
        readonly: Open for reading only (``guillemet serve``, ``export``): nothing is created
            or written, so a file on a read-only disk or without write permission works. When
            even SQLite's lock files cannot be made, the file is read as immutable (a
            concurrent ingest's writes are then not seen until the store is reopened).

    Raises:
        StoreError: The file cannot be opened or is not a guillemet database.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        super().__init__()
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                self.conn = self._open_readonly()
                return
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                        timeout=30)
            _tuned(self.conn)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.create_function("guillemet_stems", 1, index_text, deterministic=True)
            with self.transaction() as cur:
                self._create_schema(cur)
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot open the SQLite store {self.path!r} ({exc}): "
                             "check the path is writable and is a guillemet database.") from exc

    def _open_readonly(self) -> sqlite3.Connection:
        if not Path(self.path).is_file():
            raise StoreError(f"No SQLite store at {self.path!r}: check the path, or make one with "
                             f"`guillemet ingest FILES --db {self.path}`.")
        uri = Path(self.path).resolve().as_uri()
        last: sqlite3.Error | None = None
        for mode in ("mode=ro", "mode=ro&immutable=1"):
            conn = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=30)
            try:
                conn.execute("SELECT 1 FROM articles, quotes, speakers LIMIT 0").fetchall()
                _tuned(conn)
                self.has_quote_counts = "quote_count" in {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
                self.has_speaker_words = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                                           "AND name = 'speaker_words'").fetchall())
                self.has_tally = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                                   "AND name = 'quote_tally'").fetchall())
                self.has_word_counts = self._words_counted(lambda sql: conn.execute(sql).fetchall())
                return conn
            except sqlite3.Error as exc:
                conn.close()
                last = exc
        raise StoreError(f"Cannot read the SQLite store {self.path!r} ({last}): check that it is a "
                         "guillemet database.")

    def _keys_sql(self, where: str, order: str, walk: bool) -> str:
        if walk and _FTS_MATCH in where:
            # walking the articles newest first: the matches are found once (a set of rowids),
            # then looked up as the walk goes; joined, SQLite would scan the full-text matches
            # outside and every article for each of them
            where = where.replace(" " + _FTS_JOIN, "").replace(_FTS_MATCH, f"q.qid IN (SELECT rowid FROM quotes_fts "
                                                                         f"WHERE {_FTS_MATCH})")
        return super()._keys_sql(where, order, walk)

    def _page_source(self, walk: bool) -> str:
        if walk:  # CROSS JOIN: SQLite keeps this join order, articles outside, newest first
            return "articles a CROSS JOIN quotes q ON q.article_id = a.id"
        return "quotes q JOIN articles a ON a.id = q.article_id"

    def _text_count(self, found: Filtered) -> int:
        must, must_not = to_fts5(found.text)
        if must and not must_not:  # from the full-text index alone
            return self._query("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", [must])[0][0]
        return super()._text_count(found)

    def _word_page(self, stem: str, found: Filtered, total: int, offset: int, limit: int) -> list[Any] | None:
        lengths = self._query("SELECT tf, dl, n FROM word_lengths WHERE stem = ?", [stem])
        averages = self._query("SELECT block FROM quotes_fts_data WHERE id = 1")
        if not averages or sum(n for *_, n in lengths) != total:
            return None  # counts and index disagree (a tokenizer edge): rank by the index
        rows, tokens = _varints(bytes(averages[0][0]))[:2]
        return self._best_keys(stem, words.bm25_groups(lengths, rows, tokens, total), offset, limit)

    def _quotes_key_sql(self) -> str:
        return "qid INTEGER PRIMARY KEY"

    def _create_schema(self, cur: sqlite3.Cursor) -> None:
        cur.execute("SELECT sql FROM sqlite_master WHERE name = 'quotes_fts'")
        found = cur.fetchone()
        rebuild = found is None or "stems" not in found[0]
        if found is not None and rebuild:  # an older store indexed content_text unstemmed
            for old in ("quotes_fts_insert", "quotes_fts_delete"):
                cur.execute(f"DROP TRIGGER IF EXISTS {old}")
            cur.execute("DROP TABLE quotes_fts")
        super()._create_schema(cur)
        if rebuild:
            cur.execute("INSERT INTO quotes_fts(rowid, stems) SELECT qid, guillemet_stems(content_text) FROM quotes")

    def _extra_schema(self) -> list[str]:
        return [_FTS_TABLE, *_FTS_TRIGGERS]

    def _existing_columns(self, cur: sqlite3.Cursor, table: str) -> set[str]:
        cur.execute(f"PRAGMA table_info({table})")
        return {row[1] for row in cur.fetchall()}

    def _text_sql(self, text: TextQuery) -> TextSQL:
        # every word is a quoted FTS5 string of stems (to_fts5): user input is never FTS5 syntax
        must, must_not = to_fts5(text)
        found = TextSQL()
        if must:
            found.join = _FTS_JOIN
            found.conds.append(_FTS_MATCH)
            found.params.append(must)
            found.rank = "bm25(quotes_fts)"
        if must_not:
            found.conds.append("q.qid NOT IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            found.params.append(must_not)
        return found

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        with self._begin("BEGIN IMMEDIATE") as cur:
            yield cur

    @contextmanager
    def ingest_lock(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        if self.path == ":memory:":
            yield
            return
        import fcntl

        with open(self.path + ".ingest-lock", "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Cursor]:
        # a deferred transaction: reads never take the write lock an ingest needs
        if self.readonly:  # each thread its own connection: a server's requests read in parallel
            with self._begin("BEGIN", self._thread_reader(self._open_readonly)) as cur:
                yield cur
            return
        with self._lock, self._begin("BEGIN") as cur:
            yield cur

    @contextmanager
    def _begin(self, begin: str, conn: sqlite3.Connection | None = None) -> Iterator[sqlite3.Cursor]:
        if self.readonly and begin != "BEGIN":
            raise StoreError(f"The SQLite store {self.path!r} is open for reading only.")
        cur = (conn or self.conn).cursor()
        try:
            cur.execute(begin)
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot write to {self.path!r} ({exc}): another process may hold it.") from exc
        try:
            yield cur
        except sqlite3.Error as exc:
            cur.execute("ROLLBACK")
            raise StoreError(f"The SQLite store {self.path!r} refused the write ({exc}).") from exc
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")
        finally:
            cur.close()


def _varints(blob: bytes) -> list[int]:
    """The integers of an FTS5 record (SQLite's varints: 7 bits a byte, big-endian, a ninth
    byte of 8): the averages record is the rows, then the tokens of each column."""
    out, i = [], 0
    while i < len(blob):
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out
