"""The store interface and the SQL both backends share.

A backend subclass supplies the connection, the placeholder style, the DDL that differs
(full-text index) and the full-text condition; everything else (upsert by article id,
loading, filters, speaker profiles) is written once here.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from guillemet.errors import StoreError
from guillemet.record import Article, Speaker, article_from_dict, quote_from_dict, speaker_from_dict
from guillemet.store.identity import SCHEMA as IDENTITY_SCHEMA
from guillemet.store.identity import StoreIdentity
from guillemet.store.query import QuoteHit, SearchQuery, SearchResult, SpeakerProfile
from guillemet.store.schema import ARTICLE_SPEAKERS, ARTICLES, QUOTES, SPEAKERS, Table

if TYPE_CHECKING:
    from guillemet.speakers import SpeakerIdentity

#: What a speaker id looks like (``speaker_id``: type and slug); a name never does.
_SPEAKER_ID = re.compile(r"(?:person|organisation|media|document|group|unknown):[a-z0-9-]+")

_HIT_ARTICLE_COLUMNS = ("title", "url", "outlet", "published")


def _cols(table: Table, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in table.columns)


def _slug(name: str) -> str:
    from guillemet.identity import normalise_name

    try:
        return normalise_name(name)
    except ValueError:
        return ""


#: Longest weekly series a speaker profile gives (twenty years, ending at the last quote).
MAX_WEEKS = 1040


@lru_cache(maxsize=65536)
def _monday(day: str) -> dt.date | None:
    from guillemet.readers.published import published_problem

    try:
        d = dt.date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None
    if published_problem(day[:10]):  # stored before dates were checked: "9999-12-31" overflows
        return None
    return d - dt.timedelta(days=d.weekday())


class Store:
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
        #: False for a store made by an earlier version and opened read-only (not migrated)
        self.has_quote_counts = True

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

    def _fts_condition(self, q: str) -> tuple[str, list[Any]]:
        """SQL condition on quote alias ``q`` matching the words of ``q``, and its params."""
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
        """Every statement that creates the store (idempotent)."""
        return [
            self._create_table(ARTICLES, suffix=", PRIMARY KEY (id)"),
            self._create_table(QUOTES, prefix=self._quotes_key_sql() + ", ",
                               suffix=", UNIQUE (article_id, position)"),
            self._create_table(ARTICLE_SPEAKERS, suffix=", PRIMARY KEY (article_id, position)"),
            self._create_table(SPEAKERS, suffix=", PRIMARY KEY (id)"),
            # a speaker's articles, and the speakers of an article, each from one index
            "CREATE INDEX IF NOT EXISTS quotes_speaker_article ON quotes (speaker_id, article_id)",
            "CREATE INDEX IF NOT EXISTS quotes_article_speaker ON quotes (article_id, speaker_id)",
            "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker)",
            "CREATE INDEX IF NOT EXISTS article_speakers_id ON article_speakers (id)",
            # in the order results are shown: a page is read off the index, never sorted whole
            f"CREATE INDEX IF NOT EXISTS articles_newest ON articles ({self._newest_first('published')}, id, "
            "quote_count)",
            f"CREATE INDEX IF NOT EXISTS articles_outlet_newest ON articles (outlet, {self._newest_first('published')}, "
            "id, quote_count)",
            # an article's date by its id without reading its row (its text comes first)
            "CREATE INDEX IF NOT EXISTS articles_id_published ON articles (id, published)",
            *IDENTITY_SCHEMA,
            *self._extra_schema(),
        ]

    def _newest_first(self, column: str) -> str:
        """``column`` in descending order, missing values last (SQLite puts NULLs last in DESC)."""
        return f"{column} DESC"

    def _page_source(self, walk: bool) -> str:
        """The FROM clause of a page of hits; ``walk``: so many hits that reading the articles
        newest first and stopping once the page is full beats sorting them all (a backend
        whose planner cannot see that may force the join order)."""
        return "quotes q JOIN articles a ON a.id = q.article_id"

    def _keys_sql(self, where: str, order: str, walk: bool) -> str:
        """The SQL of a page's quote keys (``qid``), ending with ``LIMIT ? OFFSET ?``."""
        return f"SELECT q.qid FROM {self._page_source(walk)}{where} ORDER BY {order} LIMIT ? OFFSET ?"

    def _fts_count(self, q: str) -> int:
        """Quotes whose content matches the words of ``q`` (no other filter)."""
        cond, params = self._fts_condition(q)
        return self._query(f"SELECT count(*) FROM quotes q WHERE {cond}", params)[0][0]

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

    def create_schema(self, cur: Any) -> None:
        """Make the tables and indexes, bringing a store made by an earlier version up to date
        first (:meth:`_migrate`, once the tables exist and before any index needs it)."""
        migrated = False
        for statement in self.schema_sql():
            if not migrated and not statement.startswith(("CREATE TABLE", "ALTER TABLE")):
                self._migrate(cur)
                migrated = True
            cur.execute(statement)

    def _column_names(self, cur: Any, table: str) -> set[str]:
        raise NotImplementedError

    def _migrate(self, cur: Any) -> None:
        """Columns that stores made by earlier versions lack, added and filled."""
        if "quote_count" not in self._column_names(cur, "articles"):
            cur.execute("ALTER TABLE articles ADD COLUMN quote_count INTEGER")
            cur.execute("UPDATE articles SET quote_count = (SELECT count(*) FROM quotes q "
                        "WHERE q.article_id = articles.id)")
        # indexes the ones of schema_sql replace: a planner might still pick them
        for name in ("articles_published", "articles_outlet", "quotes_speaker_id"):
            cur.execute(f"DROP INDEX IF EXISTS {name}")

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
            if present:
                touched |= self._speaker_ids_of(cur, sorted(present))
                if names is not None:
                    names.forget(sorted(present))
                for table in ("quotes", "article_speakers", "articles"):
                    key = "id" if table == "articles" else "article_id"
                    for chunk in _chunks(sorted(present), 500):
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
            self._insert(cur, QUOTES, [QUOTES.row(q, a.id, i) for a in stored for i, q in enumerate(a.quotes)])
            self._insert(cur, ARTICLE_SPEAKERS, [ARTICLE_SPEAKERS.row(s, a.id, i) for a in stored
                                                 for i, s in enumerate(a.speakers)])
            self._count_quotes(cur, sum(len(a.quotes) for a in stored) - removed)
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
        if rows:
            cols = _cols(table)
            cur.executemany(self._sql(f"INSERT INTO {table.name} ({cols}) VALUES ({self._marks(len(table.columns))})"),
                            rows)

    def _present(self, cur: Any, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), 500):
            cur.execute(self._sql(f"SELECT id FROM articles WHERE id IN ({self._marks(len(chunk))})"), chunk)
            found |= {r[0] for r in cur.fetchall()}
        return found

    def _speaker_ids_of(self, cur: Any, article_ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(list(article_ids), 500):
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
        cur.execute(self._sql("SELECT speaker, speaker_type FROM quotes WHERE speaker_id = ?"), [speaker_id])
        quoted = cur.fetchall()
        cur.execute(self._sql("DELETE FROM speakers WHERE id = ?"), [speaker_id])
        if not listed and not quoted:
            return
        names = Counter(s.name for s in listed) or Counter(n for n, _ in quoted if n)
        # the name the id was made from first ("person:vladimir-poutine" → "Vladimir Poutine"),
        # then the most frequent
        slug = speaker_id.split(":", 1)[-1]
        name = min(names, key=lambda n: (_slug(n) != slug, -names[n], -len(n), n)) if names else speaker_id
        types = Counter([s.type for s in listed] + [t for _, t in quoted])
        types.pop("unknown", None)
        kind = min(types, key=lambda t: (-types[t], t)) if types else "unknown"
        aliases = {x for s in listed for x in [s.name, *s.aliases]} | {n for n, _ in quoted if n}
        aliases.discard(name)
        wikidata = sorted({s.wikidata for s in listed if s.wikidata})
        merged = Speaker(id=speaker_id, name=name, type=kind, aliases=sorted(aliases),
                         wikidata=wikidata[0] if wikidata else None)
        self._insert(cur, SPEAKERS, [SPEAKERS.row(merged)])

    # -- reading ------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.reading() as cur:
            cur.execute(self._sql(sql), list(params))
            return cur.fetchall()

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

    def _where(self, query: SearchQuery) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if query.q:
            cond, p = self._fts_condition(query.q)
            conds.append(cond)
            params += p
        if query.speaker and _SPEAKER_ID.fullmatch(query.speaker):  # "person:paul-durand": an id
            conds.append("q.speaker_id = ?")  # one index, no OR: counted from the index alone
            params.append(query.speaker)
        elif query.speaker:
            conds.append("(q.speaker_id = ? OR q.speaker = ?)")
            params += [query.speaker, query.speaker]
        if query.outlet:
            conds.append("a.outlet = ?")
            params.append(query.outlet)
        if query.kind:
            conds.append("q.kind = ?")
            params.append(query.kind)
        # published is an ISO date or datetime: compared as text, the index on it serves the range
        if query.since:
            conds.append("a.published >= ?")
            params.append(query.since)
        if query.until:
            conds.append("a.published < ?")
            params.append((dt.date.fromisoformat(query.until) + dt.timedelta(days=1)).isoformat())
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    def search(self, query: SearchQuery) -> SearchResult:
        """Quotes matching the query's words and filters, newest articles first.

        Raises:
            InputError: A bad filter (kind, date, limit); the message says which.
        """
        query = query.checked()
        where, params = self._where(query)
        store_total = self.quote_total()
        if not where:
            total = store_total
        elif query.q and not (query.speaker or query.kind or query.outlet or query.since or query.until):
            total = self._fts_count(query.q)
        elif self.has_quote_counts and not (query.q or query.speaker or query.kind):  # sum articles' counts
            total = self._query(f"SELECT coalesce(sum(a.quote_count), 0) FROM articles a{where}", params)[0][0]
        else:  # the count needs the articles only when it filters on them
            joined = query.outlet or query.since or query.until
            total = self._query("SELECT count(*) FROM quotes q" + (" JOIN articles a ON a.id = q.article_id"
                                                                     if joined else "") + where, params)[0][0]
        if query.offset >= total:
            return SearchResult(total=total, items=[])
        # walking newest first reads about (offset + limit) × store_total / total quotes; sorting
        # reads total: walk when that is fewer
        walk = total * total > (query.offset + query.limit) * store_total
        order = f"{self._newest_first('a.published')}, a.id, q.position"
        # the page's keys from the indexes alone, then the 20 rows: skipped rows cost no columns
        keys = [r[0] for r in self._query(self._keys_sql(where, order, walk), params + [query.limit, query.offset])]
        if not keys:
            return SearchResult(total=total, items=[])
        cols = _cols(QUOTES, "q") + ", " + ", ".join(f"a.{c}" for c in _HIT_ARTICLE_COLUMNS)
        rows = self._query(f"SELECT {cols} FROM quotes q JOIN articles a ON a.id = q.article_id "
                           f"WHERE q.qid IN ({self._marks(len(keys))}) ORDER BY {order}", keys)
        n = len(QUOTES.columns)
        items = [QuoteHit(article_id=r[0], position=r[1], quote=quote_from_dict(QUOTES.plain(r[:n])),
                          **dict(zip(_HIT_ARTICLE_COLUMNS, r[n:]))) for r in rows]
        return SearchResult(total=total, items=items)

    def search_all(self, query: SearchQuery, page_size: int = 500) -> Iterator[QuoteHit]:
        """Every hit of a search (its limit and offset ignored), page by page."""
        offset = 0
        while True:
            page = self.search(SearchQuery(q=query.q, speaker=query.speaker, outlet=query.outlet,
                                           kind=query.kind, since=query.since, until=query.until,
                                           limit=page_size, offset=offset))
            yield from page.items
            offset += page_size
            if offset >= page.total or not page.items:
                return

    def get_speaker(self, speaker_id: str) -> Speaker | None:
        """The merged speaker row for an id, or None."""
        rows = self._query(f"SELECT {_cols(SPEAKERS)} FROM speakers WHERE id = ?", [speaker_id])
        return speaker_from_dict(SPEAKERS.plain(rows[0])) if rows else None

    #: Speakers quoted alongside are counted in a speaker's latest articles, at most this many
    #: (a speaker quoted in 15,000 articles would otherwise cost a scan of 150,000 quotes).
    ALONGSIDE_ARTICLES = 1000

    def speaker_profile(self, speaker_id: str, alongside: int = 15) -> SpeakerProfile | None:
        """A speaker's counts, quotes per week and co-quoted speakers; None if unknown.

        Quotes per week are counted per day in the database; speakers quoted alongside come from
        the speaker's latest :attr:`ALONGSIDE_ARTICLES` articles.
        """
        speaker = self.get_speaker(speaker_id)
        if speaker is None:
            return None
        days = self._query("SELECT substr(a.published, 1, 10) AS day, count(*) FROM quotes q "
                           "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? GROUP BY day",
                           [speaker_id])
        quote_count = sum(n for _, n in days)
        article_count = self._query("SELECT count(DISTINCT article_id) FROM quotes WHERE speaker_id = ?",
                                    [speaker_id])[0][0]
        weeks: Counter[dt.date] = Counter()
        for day, n in days:
            monday = _monday(day) if day else None
            if monday:
                weeks[monday] += n
        weekly: list[tuple[str, int]] = []
        if weeks:
            last = max(weeks)
            day = max(min(weeks), last - dt.timedelta(weeks=MAX_WEEKS - 1))
            while day <= last:
                weekly.append((day.isoformat(), weeks.get(day, 0)))
                day += dt.timedelta(days=7)
        # the speaker's latest articles, then the other speakers quoted in them, from indexes
        others = self._query(
            "SELECT o.speaker_id, COUNT(DISTINCT o.article_id) AS n FROM (SELECT DISTINCT a.id, a.published "
            "FROM quotes s JOIN articles a ON a.id = s.article_id WHERE s.speaker_id = ? "
            f"ORDER BY {self._newest_first('a.published')}, a.id LIMIT ?) m JOIN quotes o ON o.article_id = m.id "
            "WHERE o.speaker_id <> ? GROUP BY o.speaker_id ORDER BY n DESC, o.speaker_id LIMIT ?",
            [speaker_id, self.ALONGSIDE_ARTICLES, speaker_id, alongside])
        names = dict(self._query(f"SELECT id, name FROM speakers WHERE id IN ({self._marks(len(others))})",
                                 [i for i, _ in others])) if others else {}
        return SpeakerProfile(speaker=speaker, quote_count=quote_count, article_count=article_count, weekly=weekly,
                              alongside=[(i, names.get(i) or i, c) for i, c in others])

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
