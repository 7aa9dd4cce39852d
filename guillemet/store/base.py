"""The store interface and the SQL both backends share.

A backend subclass supplies the connection, the placeholder style, the DDL that differs
(full-text index) and the full-text match and rank; everything else (upsert by article id,
loading, filters, ranking, speaker profiles) is written once here, and the speaker lists,
facets and quote groups in the mixins of :mod:`~guillemet.store.speakers`,
:mod:`~guillemet.store.facets` and :mod:`~guillemet.store.groups`.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter, OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from guillemet.errors import StoreError
from guillemet.gender import read_gender
from guillemet.record import Article, Quote, Speaker, article_from_dict, quote_from_dict, speaker_from_dict
from guillemet.store.facets import FacetQueries
from guillemet.store.groups import GroupQueries, text_key
from guillemet.store.identity import SCHEMA as IDENTITY_SCHEMA
from guillemet.store.identity import StoreIdentity
from guillemet.store.query import QuoteHit, SearchQuery, SearchResult
from guillemet.store.schema import ARTICLES, ARTICLE_SPEAKERS, QUOTES, SPEAKERS, Table, chunks
from guillemet.store.speakers import SpeakerQueries, names_folded
from guillemet.store.textquery import TextQuery, highlight, parse
from guillemet.store import words

if TYPE_CHECKING:
    from guillemet.speakers import SpeakerIdentity

#: What a speaker id looks like (``speaker_id``: type and slug); a name never does.
_SPEAKER_ID = re.compile(r"(?:person|organisation|media|document|group|unknown):[a-z0-9-]+")

_HIT_ARTICLE_COLUMNS = ("title", "url", "outlet", "published")


def _cols(table: Table, alias: str = "") -> str:
    return table.select(alias)


def _slug(name: str) -> str:
    from guillemet.identity import normalise_name

    try:
        return normalise_name(name)
    except ValueError:
        return ""


@dataclass(slots=True)
class TextSQL:
    """How a backend finds the words of a search: a join, conditions and a rank.

    The rank is an SQL expression over the joined rows, smaller is better; None when the
    search has no words to rank by.
    """

    join: str = ""
    join_params: list[Any] = field(default_factory=list)
    conds: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    rank: str | None = None
    rank_params: list[Any] = field(default_factory=list)


@dataclass(slots=True)
class Filtered:
    """The quotes a search selects (quote alias ``q``, article ``a``): joins, conditions and
    their parameters, the rank expression and the parsed words."""

    join: str
    conds: list[str]
    params: list[Any]
    rank: str | None = None
    rank_params: list[Any] = field(default_factory=list)
    text: TextQuery = field(default_factory=TextQuery)

    def where(self, *conds: str) -> str:
        """The search's joins and ``WHERE …`` (with more conditions if given), to follow a FROM
        of quotes q and articles a."""
        where = [*self.conds, *conds]
        return (f" {self.join}" if self.join else "") + (" WHERE " + " AND ".join(where) if where else "")

    def sql(self, join: str = "", *conds: str) -> str:
        """``FROM … WHERE …`` with more joins (no parameters) and conditions if given."""
        where = [*self.conds, *conds]
        return (f"FROM quotes q JOIN articles a ON a.id = q.article_id {self.join} {join}"
                + (" WHERE " + " AND ".join(where) if where else ""))


#: A page of every quote starting this deep skips whole articles by their quote counts.
DEEP_PAGE = 1000

#: The quote tally's key of a stored quote, in SQL (quotes q joined with articles a) …
_TALLY_KEYS = ("coalesce(a.outlet, ''), coalesce(substr(a.published, 1, 7), ''), coalesce(q.kind, ''), "
               "coalesce(q.speaker_type, '')")


def _tally_key(article: Article, quote: Quote) -> tuple[str, str, str, str]:
    """… and of a quote about to be stored."""
    return article.outlet or "", (article.published or "")[:7], quote.kind or "", quote.speaker_type or ""


class Store(SpeakerQueries, FacetQueries, GroupQueries):
    """Articles, their quotes and speakers, in a database; upsert by article id.

    Use :func:`guillemet.store.open_store` to get one. Every method is safe to call from
    several threads (calls are serialised); a store is a context manager that closes itself.
    """

    #: The placeholder the driver expects ("?" or "%s").
    placeholder = "?"
    #: SQL type names for the generic ones the schema uses.
    types = {"TEXT": "TEXT", "INTEGER": "INTEGER", "REAL": "REAL"}

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.conn: Any = None
        self._local = threading.local()  # a read-only store: each thread's own connection
        self._readers: list[Any] = []  # every such connection, closed with the store
        #: False for a store made by an earlier version and opened read-only (not migrated)
        self.has_quote_counts = True
        self.has_speaker_words = True  # False: an older store open for reading (names_folded LIKE)
        self.has_tally = True  # False: an older store open for reading (facets count the quotes)
        #: the common stems whose matches are counted (:mod:`guillemet.store.words`)
        self.word_stems = words.common_stems()
        self.has_word_counts = True  # False: counts made for other stems, or none (an older store)
        # speakers' distinct quotes for variant searches (guillemet.store.groups), its own lock:
        # a reader never waits on a write transaction for it
        self._said_cache: OrderedDict = OrderedDict()
        self._said_lock = threading.Lock()

    # -- backend hooks ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on error."""
        raise NotImplementedError

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A cursor for reads only, serialised with every other use of the connection; a
        backend may make it lighter, or give each thread its own connection."""
        with self._lock, self.transaction() as cur:
            yield cur

    def _text_sql(self, text: TextQuery) -> TextSQL:
        """How to find a parsed search's words in quotes (alias ``q``), and rank them."""
        raise NotImplementedError

    def _existing_columns(self, cur: Any, table: str) -> set[str]:
        """The columns a table has now (to add those a newer record has)."""
        raise NotImplementedError

    def _quotes_key_sql(self) -> str:
        """The surrogate key column of the quotes table (its full-text index points at it)."""
        raise NotImplementedError

    def _extra_schema(self) -> list[str]:
        """Backend DDL run after the tables exist (full-text index, triggers)."""
        return []

    # -- schema -------------------------------------------------------------------------

    #: Columns that hold long text, stored after the others: SQLite reads a row's columns in
    #: order, so an article's date or a quote's speaker is found without reading past its text.
    WIDE_COLUMNS = frozenset({"text", "meta", "ignored", "urls", "content_text", "dates", "numbers", "aliases"})

    def _create_table(self, table: Table, prefix: str = "", suffix: str = "") -> str:
        typed = sorted(table.column_types(), key=lambda ct: ct[0] in self.WIDE_COLUMNS)  # stable
        cols = ", ".join(f'"{c}" {self.types[t]}' for c, t in typed)
        return f"CREATE TABLE IF NOT EXISTS {table.name} ({prefix}{cols}{suffix})"

    def schema_sql(self) -> list[str]:
        """The statements that create the tables (idempotent)."""
        return [
            self._create_table(ARTICLES, suffix=", PRIMARY KEY (id)"),
            self._create_table(QUOTES, prefix=self._quotes_key_sql() + ", ",
                               suffix=", UNIQUE (article_id, position)"),
            self._create_table(ARTICLE_SPEAKERS, suffix=", PRIMARY KEY (article_id, position)"),
            self._create_table(SPEAKERS, suffix=", PRIMARY KEY (id)"),
            # every word of a speaker's names and aliases: a name filter reads an index, not
            # every speaker's names_folded
            "CREATE TABLE IF NOT EXISTS speaker_words (word TEXT NOT NULL, speaker_id TEXT NOT NULL, "
            "PRIMARY KEY (word, speaker_id))",
            # how many quotes per outlet, month, kind and speaker type, kept by put(): the store's
            # facets without visiting a million quotes ("" for a missing value)
            "CREATE TABLE IF NOT EXISTS quote_tally (outlet TEXT NOT NULL, month TEXT NOT NULL, kind TEXT NOT NULL, "
            "speaker_type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (outlet, month, kind, speaker_type))",
            *words.SCHEMA,
        ]

    def index_sql(self) -> list[str]:
        """The statements that create indexes and the full-text index (idempotent)."""
        return [
            # a speaker's articles, and the speakers of an article, each from one index
            "CREATE INDEX IF NOT EXISTS quotes_speaker_article ON quotes (speaker_id, article_id)",
            "CREATE INDEX IF NOT EXISTS quotes_article_speaker ON quotes (article_id, speaker_id)",
            "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker)",
            "CREATE INDEX IF NOT EXISTS quotes_text_key ON quotes (text_key, speaker_id)",
            "CREATE INDEX IF NOT EXISTS article_speakers_id ON article_speakers (id)",
            # in the order results are shown: a page is read off the index, never sorted whole
            f"CREATE INDEX IF NOT EXISTS articles_newest ON articles ({self._newest_first('published')}, id, "
            "quote_count)",
            # outlets are compared without case (lower(outlet) = ?)
            "CREATE INDEX IF NOT EXISTS articles_outlet_newest ON articles (lower(outlet), "
            f"{self._newest_first('published')}, id, quote_count)",
            # an article's date by its id without reading its row (its text comes first)
            "CREATE INDEX IF NOT EXISTS articles_id_published ON articles (id, published)",
            "CREATE INDEX IF NOT EXISTS speakers_quote_count ON speakers (quote_count)",
            "CREATE INDEX IF NOT EXISTS speaker_words_id ON speaker_words (speaker_id)",
            *words.index_sql(self._newest_first),
            *IDENTITY_SCHEMA,
            *self._extra_schema(),
        ]

    #: Indexes of earlier versions that those of :meth:`index_sql` replace (a planner might
    #: still pick them).
    REPLACED_INDEXES = ("articles_published", "articles_outlet", "articles_outlet_lower", "quotes_speaker_id")

    def _newest_first(self, column: str) -> str:
        """``column`` in descending order, missing values last (SQLite puts NULLs last in DESC)."""
        return f"{column} DESC"

    def _page_source(self, walk: bool) -> str:
        """The FROM clause of a page of hits; ``walk``: so many hits that reading the articles
        newest first and stopping once the page is full beats sorting them all (a backend
        whose planner cannot see that may force the join order)."""
        return "quotes q JOIN articles a ON a.id = q.article_id"

    def _keys_sql(self, where: str, order: str, walk: bool) -> str:
        """The SQL of a page's quote keys (``qid``) newest first, ending with ``LIMIT ? OFFSET ?``;
        ``where`` is the search's joins and conditions."""
        return f"SELECT q.qid FROM {self._page_source(walk)}{where} ORDER BY {order} LIMIT ? OFFSET ?"

    def _deep_page(self, offset: int, limit: int) -> list[Any]:
        """A page deep in every quote, newest first: whole articles are skipped by their quote
        counts (read off the newest-first index), then the page is read from the few articles it
        falls in, in the same order as sorting every quote."""
        newest = f"{self._newest_first('a.published')}, a.id"
        skipped, articles, wanted = 0, [], 0
        with self.reading() as cur:
            cur.execute(self._sql(f"SELECT a.id, a.quote_count FROM articles a WHERE a.quote_count > 0 ORDER BY {newest}"))
            while skipped + wanted < offset + limit and (rows := cur.fetchmany(4096)):
                for article_id, count in rows:
                    if not articles and skipped + count <= offset:
                        skipped += count  # the page starts after this article
                    elif skipped + wanted < offset + limit:
                        articles.append(article_id)
                        wanted += count
        if not articles:
            return []
        return [r[0] for r in self._query(
            f"SELECT q.qid FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.id IN ({self._marks(len(articles))}) "
            f"ORDER BY {newest}, q.position LIMIT ? OFFSET ?", [*articles, limit, offset - skipped])]

    def _word_page(self, stem: str, found: Filtered, total: int, offset: int, limit: int) -> list[Any] | None:
        """The quote keys of a page of one common stem's matches in relevance order, read
        off its counts (:mod:`guillemet.store.words`); None where they do not tell (a backend
        that cannot rebuild its rank from them, a page deeper than ``word_best``)."""
        return None

    def _best_keys(self, stem: str, groups: list[words.Group], offset: int, limit: int) -> list[Any] | None:
        """A page of the matches of ``groups`` (best first; alike within a group, newest first
        there) read from ``word_best``; None if the page reaches a group it does not hold."""
        keys: list[Any] = []
        for i, skip, take in words.page_slices((g.n for g in groups), offset, limit):
            pairs = groups[i].pairs
            if any(tf == 1 and dl > words.SHORT for tf, dl in pairs):
                return None
            keys += [r[0] for r in self._query(
                f"SELECT qid FROM word_best WHERE stem = ? AND ({' OR '.join(['(tf = ? AND dl = ?)'] * len(pairs))}) "
                f"ORDER BY {self._newest_first('published')}, article_id, position LIMIT ? OFFSET ?",
                [stem, *(x for pair in pairs for x in pair), take, skip])]
        return keys

    def _text_count(self, found: Filtered) -> int:
        """Quotes matching a search that has words and no other filter."""
        where = " WHERE " + " AND ".join(found.conds) if found.conds else ""
        return self._query(f"SELECT count(*) FROM quotes q {found.join}{where}", found.params)[0][0]

    def quote_total(self) -> int:
        """Quotes in the store, kept by :meth:`put` (counting a million rows each time is slow)."""
        try:
            rows = self._query("SELECT value FROM guillemet_meta WHERE key = 'quotes'")
        except StoreError:  # a store made by an earlier version, opened read-only
            rows = []
        return int(rows[0][0]) if rows else self._query("SELECT count(*) FROM quotes")[0][0]

    def _count_quotes(self, cur: Any, delta: int) -> None:
        cur.execute("SELECT value FROM guillemet_meta WHERE key = 'quotes'")
        row = cur.fetchone()
        if row is None:
            cur.execute("SELECT count(*) FROM quotes")
            total = cur.fetchone()[0]  # the rows just written are in it already
            cur.execute(self._sql("INSERT INTO guillemet_meta (key, value) VALUES ('quotes', ?)"), [str(total)])
        else:
            cur.execute(self._sql("UPDATE guillemet_meta SET value = ? WHERE key = 'quotes'"),
                        [str(int(row[0]) + delta)])

    def _add_tally(self, cur: Any, deltas: dict[tuple[str, str, str, str], int]) -> None:
        """Add to the quote tally (negative counts remove), dropping the rows that reach 0."""
        self._add_counts(cur, "quote_tally", ("outlet", "month", "kind", "speaker_type"), deltas)

    def _add_counts(self, cur: Any, table: str, keys: tuple[str, ...], deltas: dict[tuple, int]) -> None:
        """Add counts to a table of ``keys`` and ``n`` (negative counts remove), dropping the rows
        that reach 0."""
        rows = [(*key, n) for key, n in sorted(deltas.items()) if n]
        if not rows:
            return
        cols = ", ".join(keys)
        for chunk in chunks(rows, 5000):
            cur.executemany(self._sql(f"INSERT INTO {table} ({cols}, n) VALUES ({self._marks(len(keys) + 1)}) "
                                      f"ON CONFLICT ({cols}) DO UPDATE SET n = {table}.n + excluded.n"), chunk)
        lowered = [row[:-1] for row in rows if row[-1] < 0]
        if lowered:
            where = " AND ".join(f"{k} = ?" for k in keys)
            cur.executemany(self._sql(f"DELETE FROM {table} WHERE {where} AND n <= 0"), lowered)

    # -- counts per common word (guillemet.store.words) -----------------------------------

    def _stored_quotes(self, cur: Any, article_ids: Sequence[str]) -> Iterator[words.StoredQuote]:
        """The stored quotes of these articles, as the tally and the word counts read them."""
        for chunk in chunks(list(article_ids), 500):
            cur.execute(self._sql(f"SELECT {words.StoredQuote.SELECT} FROM quotes q JOIN articles a ON a.id = q.article_id "
                                  f"WHERE a.id IN ({self._marks(len(chunk))})"), chunk)
            yield from words.stored_quotes(cur.fetchall())

    def _add_word_counts(self, cur: Any, deltas: words.WordDeltas) -> None:
        """Apply the changes of a write to the word counts, dropping the counts that reach 0."""
        self._add_counts(cur, "word_tally", ("stem", "facet", "value"), deltas.tally)
        self._add_counts(cur, "word_speakers", ("stem", "speaker_type", "speaker"), deltas.speakers)
        self._add_counts(cur, "word_lengths", ("stem", "tf", "dl"), deltas.lengths)
        for chunk in chunks(sorted(set(deltas.gone)), 500):
            cur.execute(self._sql(f"DELETE FROM word_best WHERE qid IN ({self._marks(len(chunk))})"), chunk)
        for chunk in chunks(deltas.best, 5000):
            cur.executemany(self._sql("INSERT INTO word_best (stem, tf, dl, published, article_id, position, qid) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)"), chunk)
        # a text key stored twice or more lists its stems in word_repeats, else none
        for chunk in chunks(sorted(deltas.keys), 500):
            marks = self._marks(len(chunk))
            cur.execute(self._sql(f"SELECT text_key FROM quotes WHERE text_key IN ({marks}) GROUP BY text_key "
                                  "HAVING count(*) > 1"), chunk)
            repeated = {r[0] for r in cur.fetchall()}
            cur.execute(self._sql(f"SELECT DISTINCT text_key FROM word_repeats WHERE text_key IN ({marks})"), chunk)
            listed = {r[0] for r in cur.fetchall()}
            gone = sorted(listed - repeated)
            if gone:
                cur.execute(self._sql(f"DELETE FROM word_repeats WHERE text_key IN ({self._marks(len(gone))})"), gone)
            new = [(stem, key) for key in sorted(repeated - listed) for stem in deltas.keys[key]]
            if new:
                cur.executemany(self._sql("INSERT INTO word_repeats (stem, text_key) VALUES (?, ?)"), new)

    def _recount_words(self, cur: Any) -> None:
        """Count the stored quotes' common words again when the counts were made for other
        stems, or by a version that kept none."""
        wanted = words.fingerprint(self.word_stems)
        cur.execute("SELECT value FROM guillemet_meta WHERE key = 'word_counts'")
        row = cur.fetchone()
        if row is not None and row[0] == wanted:
            return
        for table in ("word_tally", "word_speakers", "word_lengths", "word_best", "word_repeats"):
            cur.execute(f"DELETE FROM {table}")
        last = -1
        while True:  # 20,000 quotes at a time, in key order
            cur.execute(self._sql(f"SELECT {words.StoredQuote.SELECT} FROM quotes q JOIN articles a "
                                  "ON a.id = q.article_id WHERE q.qid > ? ORDER BY q.qid LIMIT 20000"), [last])
            rows = words.stored_quotes(cur.fetchall())
            if not rows:
                break
            last = rows[-1].qid
            self._add_word_counts(cur, words.WordDeltas(self.word_stems).add(rows, +1))
        cur.execute("DELETE FROM guillemet_meta WHERE key = 'word_counts'")
        cur.execute(self._sql("INSERT INTO guillemet_meta (key, value) VALUES ('word_counts', ?)"), [wanted])

    def _words_counted(self, run: Callable[[str], list]) -> bool:
        """Whether a store opened for reading has word counts made for this version's stems
        (``run`` runs a query on its connection)."""
        try:
            rows = run("SELECT value FROM guillemet_meta WHERE key = 'word_counts'")
        except Exception:  # an older store: no meta table  # noqa: BLE001
            return False
        return bool(rows) and rows[0][0] == words.fingerprint(self.word_stems)

    def _counted_stem(self, query: SearchQuery) -> str | None:
        """The stem of a search that is one common word and no filter, when its counts are
        kept; else None."""
        if not self.has_word_counts or not query.q or set(query.filters()) != {"q"}:
            return None
        found = words.single_stem(parse(query.q))
        return found if found in self.word_stems else None

    def _create_schema(self, cur: Any) -> None:
        """Create what is missing; a store made by an older guillemet gets the columns a
        newer record has, filled from what it holds, before any index needs them."""
        for statement in self.schema_sql():
            cur.execute(statement)
        added = set()
        for table in (ARTICLES, QUOTES, ARTICLE_SPEAKERS, SPEAKERS):
            have = self._existing_columns(cur, table.name)
            for column, sql_type in table.column_types():
                if column not in have:
                    cur.execute(f'ALTER TABLE {table.name} ADD COLUMN "{column}" {self.types[sql_type]}')
                    added.add((table.name, column))
        if ("articles", "quote_count") in added:
            cur.execute("UPDATE articles SET quote_count = (SELECT count(*) FROM quotes q "
                        "WHERE q.article_id = articles.id)")
        cur.execute("SELECT 1 FROM speaker_words LIMIT 1")
        if cur.fetchone() is None:  # a store made before the word index: fill it
            cur.execute("SELECT id, names_folded FROM speakers")
            self._insert_speaker_words(cur, cur.fetchall())
        cur.execute("SELECT 1 FROM quote_tally LIMIT 1")
        if cur.fetchone() is None:  # a store made before the tally (or an empty one): count
            cur.execute(f"SELECT {_TALLY_KEYS}, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
                        "GROUP BY 1, 2, 3, 4")
            self._add_tally(cur, {tuple(r[:4]): r[4] for r in cur.fetchall()})
        for name in self.REPLACED_INDEXES:
            cur.execute(f"DROP INDEX IF EXISTS {name}")
        for statement in self.index_sql():
            cur.execute(statement)
        self._recount_words(cur)
        if ("quotes", "text_key") in added:
            cur.execute("SELECT qid, content_text FROM quotes")
            rows = [(text_key(t), qid) for qid, t in cur.fetchall()]
            if rows:
                cur.executemany(self._sql("UPDATE quotes SET text_key = ? WHERE qid = ?"), rows)
        if any(t == "speakers" for t, _ in added):
            cur.execute("SELECT id FROM speakers UNION SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL "
                        "UNION SELECT id FROM article_speakers")
            for (speaker_id,) in cur.fetchall():
                if speaker_id:
                    self._refresh_speaker(cur, speaker_id)

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _marks(self, n: int) -> str:
        return ", ".join("?" * n)

    # -- writing ------------------------------------------------------------------------

    def put(self, articles: Sequence[Article], identity: "SpeakerIdentity | None" = None) -> None:
        """Store articles in one transaction, replacing any stored under the same ids.

        Storing the same articles again changes nothing; if the process dies midway, none of
        the batch is stored.

        Args:
            articles: Extracted articles.
            identity: Give speakers their ids across the store (:mod:`guillemet.store.identity`),
                in this same transaction; None stores each article's own ids as given.

        Raises:
            StoreError: The database refused the batch (nothing of it is stored).
        """
        if not articles:
            return
        by_id = {a.id: a for a in articles}  # the last of duplicate ids wins, as in a rerun
        ids = list(by_id)
        with self._lock, self.transaction() as cur:
            self._lock_writers(cur)
            names = None
            if identity is not None:
                names = StoreIdentity(self, cur, identity)
                if not names.is_current():
                    names.rebuild()
            else:
                StoreIdentity.mark_stale(self, cur)
            present = self._present(cur, ids)
            touched: set[str] = set()
            removed = 0
            tally: Counter = Counter()
            word_deltas = words.WordDeltas(self.word_stems)
            if present:
                # the quotes about to be replaced, read once: out of the tally and the word counts
                leaving = list(self._stored_quotes(cur, sorted(present)))
                tally.subtract(q.tally_key() for q in leaving)
                word_deltas.add(leaving, -1)
                touched |= self._speaker_ids_of(cur, sorted(present))
                if names is not None:
                    names.forget(sorted(present))
                for table in ("quotes", "article_speakers", "articles"):
                    key = "id" if table == "articles" else "article_id"
                    for chunk in chunks(sorted(present), 500):
                        cur.execute(self._sql(f"DELETE FROM {table} WHERE {key} IN ({self._marks(len(chunk))})"),
                                    chunk)
                        if table == "quotes":
                            removed += max(cur.rowcount, 0)
            stored = list(by_id.values())
            if names is not None:
                names.add(stored)
                names.settle()
                stored = [names.assign(a) for a in stored]
            self._insert(cur, ARTICLES, [ARTICLES.row(a, len(a.quotes)) for a in stored])
            self._insert(cur, QUOTES, [QUOTES.row(q, a.id, i, text_key(q.content_text)) for a in stored
                                       for i, q in enumerate(a.quotes)])
            self._insert(cur, ARTICLE_SPEAKERS, [ARTICLE_SPEAKERS.row(s, a.id, i) for a in stored
                                                 for i, s in enumerate(a.speakers)])
            self._count_quotes(cur, sum(len(a.quotes) for a in stored) - removed)
            tally.update(_tally_key(a, q) for a in stored for q in a.quotes)
            self._add_tally(cur, tally)
            word_deltas.add(self._stored_quotes(cur, ids), +1)
            self._add_word_counts(cur, word_deltas)
            if names is not None:
                names.refresh(touched | names.touched)
                return
            for a in stored:
                touched |= {q.speaker_id for q in a.quotes if q.speaker_id}
                touched |= {s.id for s in a.speakers if s.id}
            for speaker_id in sorted(touched - {""}):  # an empty id names no one: no speakers row
                self._refresh_speaker(cur, speaker_id)

    @contextmanager
    def ingest_lock(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Held by an ingest or load for its whole run: a second one into the same store waits
        for the first to finish, then finds its articles stored and extracts none of them again.

        The lock dies with its process (``kill -9`` included), so a crashed run never blocks
        the next one.

        Args:
            on_wait: Called once if another run holds the lock (to say why nothing happens).
        """
        yield

    def _lock_writers(self, cur: Any) -> None:
        """Serialise writers for the transaction (SQLite's BEGIN IMMEDIATE already does)."""

    def _insert(self, cur: Any, table: Table, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows; a speaker's row brings its names' words into ``speaker_words``."""
        if rows:
            cols = _cols(table)
            cur.executemany(self._sql(f"INSERT INTO {table.name} ({cols}) VALUES ({self._marks(len(table.columns))})"),
                            rows)
            if table is SPEAKERS:
                at = SPEAKERS.columns.index("id"), SPEAKERS.columns.index("names_folded")
                self._insert_speaker_words(cur, [(r[at[0]], r[at[1]]) for r in rows])

    def _insert_speaker_words(self, cur: Any, speakers: Sequence[tuple[str, str | None]]) -> None:
        """The ``speaker_words`` rows of (id, names_folded) pairs."""
        rows = sorted({(w, sid) for sid, folded in speakers for w in (folded or "").replace(",", " ").split()})
        for chunk in chunks(rows, 5000):
            cur.executemany(self._sql("INSERT INTO speaker_words (word, speaker_id) VALUES (?, ?)"), chunk)

    def _delete_speakers(self, cur: Any, ids: Sequence[str] | None = None) -> None:
        """Delete the speakers rows of these ids (all when None), and their words."""
        if ids is None:
            cur.execute("DELETE FROM speakers")
            cur.execute("DELETE FROM speaker_words")
            return
        for chunk in chunks(list(ids), 500):
            marks = self._marks(len(chunk))
            cur.execute(self._sql(f"DELETE FROM speakers WHERE id IN ({marks})"), chunk)
            cur.execute(self._sql(f"DELETE FROM speaker_words WHERE speaker_id IN ({marks})"), chunk)

    def _present(self, cur: Any, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(ids), 500):
            cur.execute(self._sql(f"SELECT id FROM articles WHERE id IN ({self._marks(len(chunk))})"), chunk)
            found |= {r[0] for r in cur.fetchall()}
        return found

    def _speaker_ids_of(self, cur: Any, article_ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk in chunks(list(article_ids), 500):
            marks = self._marks(len(chunk))
            cur.execute(self._sql(f"SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL AND article_id IN ({marks}) "
                                  f"UNION SELECT id FROM article_speakers WHERE article_id IN ({marks})"), chunk + chunk)
            out |= {r[0] for r in cur.fetchall()}
        return out

    def _refresh_speaker(self, cur: Any, speaker_id: str) -> None:
        """Recompute one ``speakers`` row from every article that names this id.

        The result depends only on the stored articles, not on the order they came in, so an
        interrupted ingest rerun ends with exactly the rows of an uninterrupted one.
        """
        cur.execute(self._sql(f"SELECT {_cols(ARTICLE_SPEAKERS)} FROM article_speakers WHERE id = ?"), [speaker_id])
        listed = [speaker_from_dict(ARTICLE_SPEAKERS.plain(r)) for r in cur.fetchall()]
        cur.execute(self._sql("SELECT speaker, speaker_type, speaker_mention_text, article_id FROM quotes "
                              "WHERE speaker_id = ?"), [speaker_id])
        quoted = cur.fetchall()
        self._delete_speakers(cur, [speaker_id])
        if not listed and not quoted:
            return
        names = Counter(s.name for s in listed) or Counter(n for n, *_ in quoted if n)
        # the name the id was made from first ("person:vladimir-poutine" → "Vladimir Poutine"),
        # then the most frequent
        slug = speaker_id.split(":", 1)[-1]
        name = min(names, key=lambda n: (_slug(n) != slug, -names[n], -len(n), n)) if names else speaker_id
        types = Counter([s.type for s in listed] + [t for _, t, *_ in quoted])
        types.pop("unknown", None)
        kind = min(types, key=lambda t: (-types[t], t)) if types else "unknown"
        aliases = {x for s in listed for x in [s.name, *s.aliases]} | {n for n, *_ in quoted if n}
        aliases.discard(name)
        wikidata = sorted({s.wikidata for s in listed if s.wikidata})
        gender, evidence = read_gender(name, kind, [m for _, _, m, _ in quoted])
        merged = Speaker(id=speaker_id, name=name, type=kind, aliases=sorted(aliases),
                         wikidata=wikidata[0] if wikidata else None, gender=gender, gender_evidence=evidence)
        self._insert(cur, SPEAKERS, [SPEAKERS.row(merged, len(quoted), len({a for *_, a in quoted}),
                                                  names_folded([name, *merged.aliases]))])

    # -- reading ------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.reading() as cur:
            cur.execute(self._sql(sql), list(params))
            return cur.fetchall()

    def _column_counts(self, sql: str, params: Sequence[Any], columns: int) -> list[Counter]:
        """How often each value occurs in each of the first ``columns`` columns of a query's
        rows: one pass, read in batches, so the rows are never all held at once."""
        counts: list[Counter] = [Counter() for _ in range(columns)]
        with self.reading() as cur:
            cur.execute(self._sql(sql), list(params))
            while rows := cur.fetchmany(4096):
                for count, values in zip(counts, zip(*rows)):
                    count.update(values)
        return counts

    def has(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        with self.reading() as cur:
            return self._present(cur, list(ids))

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with its quotes and speakers, exactly as stored; None if absent."""
        rows = self._query(f"SELECT {_cols(ARTICLES)} FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        d = ARTICLES.plain(rows[0])
        d["quotes"] = [QUOTES.plain(r) for r in self._query(
            f"SELECT {_cols(QUOTES)} FROM quotes WHERE article_id = ? ORDER BY position", [article_id])]
        d["speakers"] = [ARTICLE_SPEAKERS.plain(r) for r in self._query(
            f"SELECT {_cols(ARTICLE_SPEAKERS)} FROM article_speakers WHERE article_id = ? ORDER BY position",
            [article_id])]
        return article_from_dict(d)

    def article_ids(self) -> list[str]:
        """Every stored article id, sorted."""
        return [r[0] for r in self._query("SELECT id FROM articles ORDER BY id")]

    def articles(self) -> Iterator[Article]:
        """Every stored article, in id order."""
        for article_id in self.article_ids():
            article = self.get_article(article_id)
            if article is not None:
                yield article

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, quotes, speakers."""
        return {t: self._query(f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "quotes", "speakers")}

    def outlets(self) -> list[str]:
        """Every outlet with stored articles, sorted."""
        return [r[0] for r in self._query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")]

    def _filtered(self, query: SearchQuery) -> Filtered:
        """The quotes a (checked) search selects, joined with their articles."""
        conds: list[str] = []
        params: list[Any] = []
        text = parse(query.q)
        found = TextSQL()
        if query.q:
            found = self._text_sql(text) if text else TextSQL(conds=["0 = 1"])
        conds += found.conds
        params += found.params
        if query.speaker and _SPEAKER_ID.fullmatch(query.speaker):  # "person:paul-durand": an id
            conds.append("q.speaker_id = ?")  # one index, no OR: counted from the index alone
            params.append(query.speaker)
        elif query.speaker:
            ids = self.speaker_ids_for(query.speaker)
            conds.append(f"(q.speaker = ? OR q.speaker_id IN ({self._marks(len(ids) + 1)}))")
            params += [query.speaker, query.speaker, *ids]
        if query.outlet:
            conds.append("lower(a.outlet) = ?")
            params.append(query.outlet.lower())
        if query.kind:
            conds.append("q.kind = ?")
            params.append(query.kind)
        if query.speaker_type:
            conds.append("q.speaker_type = ?")
            params.append(query.speaker_type)
        # published is an ISO date or datetime: compared as text, the index on it serves the range
        if query.since:
            conds.append("a.published >= ?")
            params.append(query.since)
        if query.until:
            conds.append("a.published < ?")
            params.append((dt.date.fromisoformat(query.until) + dt.timedelta(days=1)).isoformat())
        return Filtered(found.join, conds, found.join_params + params, found.rank, found.rank_params, text)

    def search(self, query: SearchQuery) -> SearchResult:
        """Quotes matching the query's words and filters: the most relevant first (bm25 on
        SQLite, ts_rank_cd on PostgreSQL), newest first without words or with
        ``sort="date"``. Each hit carries the spans of the words it matched.

        Raises:
            InputError: A bad filter (kind, date, sort, limit); the message says which.
        """
        query = query.checked()
        found = self._filtered(query)
        store_total = self.quote_total()
        where = found.where()
        on_quotes = query.q or query.speaker or query.kind or query.speaker_type
        on_articles = query.outlet or query.since or query.until
        if not found.conds:
            total = store_total
        elif query.q and not (query.speaker or query.kind or query.speaker_type or on_articles):
            total = self._text_count(found)
        elif self.has_quote_counts and not on_quotes:  # sum the articles' counts
            total = self._query("SELECT coalesce(sum(a.quote_count), 0) FROM articles a WHERE "
                                + " AND ".join(found.conds), found.params)[0][0]
        else:  # the count needs the articles only when it filters on them
            total = self._query("SELECT count(*) FROM quotes q" + (" JOIN articles a ON a.id = q.article_id"
                                                                     if on_articles else "") + where,
                                found.params)[0][0]
        if query.offset >= total:
            return SearchResult(total=total, items=[])
        newest = f"{self._newest_first('a.published')}, a.id, q.position"
        relevance = bool(found.rank) and query.sort == "relevance"
        stem = self._counted_stem(query) if relevance else None
        # one common word: the page from its counts, when they reach that deep
        keys = self._word_page(stem, found, total, query.offset, query.limit) if stem is not None else None
        if keys is None and not found.conds and query.offset >= DEEP_PAGE and self.has_quote_counts:
            keys = self._deep_page(query.offset, query.limit)
        if keys is None:
            if relevance:
                keys_sql = (f"SELECT q.qid FROM quotes q JOIN articles a ON a.id = q.article_id{where} "
                            f"ORDER BY {found.rank}, {newest} LIMIT ? OFFSET ?")
                keys_params = found.params + found.rank_params
            else:
                # walking newest first reads about (offset + limit) × store_total / total quotes;
                # sorting reads total: walk when that is fewer
                walk = total * total > (query.offset + query.limit) * store_total
                keys_sql, keys_params = self._keys_sql(where, newest, walk), list(found.params)
            # the page's keys from the indexes alone, then its rows: skipped rows cost no columns
            keys = [r[0] for r in self._query(keys_sql, keys_params + [query.limit, query.offset])]
        if not keys:
            return SearchResult(total=total, items=[])
        cols = _cols(QUOTES, "q") + ", " + ", ".join(f"a.{c}" for c in _HIT_ARTICLE_COLUMNS)
        fetched = {r[0]: r[1:] for r in self._query(f"SELECT q.qid, {cols} FROM quotes q JOIN articles a "
                                                      f"ON a.id = q.article_id WHERE q.qid IN ({self._marks(len(keys))})",
                                                      keys)}
        rows = [fetched[k] for k in keys if k in fetched]
        n = len(QUOTES.columns)
        items = []
        for r in rows:
            quote = quote_from_dict(QUOTES.plain(r[:n]))
            items.append(QuoteHit(article_id=r[0], position=r[1], quote=quote,
                                  highlights=highlight(quote.content_text, found.text),
                                  **dict(zip(_HIT_ARTICLE_COLUMNS, r[n:]))))
        return SearchResult(total=total, items=items)

    def search_all(self, query: SearchQuery, page_size: int = 500) -> Iterator[QuoteHit]:
        """Every hit of a search (its limit and offset ignored), page by page, in its order."""
        offset = 0
        while True:
            page = self.search(replace(query, limit=page_size, offset=offset))
            yield from page.items
            offset += page_size
            if offset >= page.total or not page.items:
                return

    def _thread_reader(self, connect: Callable[[], Any]) -> Any:
        """This thread's own read-only connection, made by ``connect`` on first use, so that a
        server's requests read in parallel; closed with the store."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect()
            with self._lock:
                self._readers.append(conn)
        return conn

    def close(self) -> None:
        """Close the connection, and every thread's reading one."""
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            if self.conn is not None:
                self.conn.close()
                self.conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
