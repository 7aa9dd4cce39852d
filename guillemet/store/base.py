"""The store interface and the SQL both backends share.

A backend subclass supplies the connection, the placeholder style, the DDL that differs
(full-text index) and the full-text condition; everything else (upsert by article id,
loading, filters, speaker profiles) is written once here.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from guillemet.record import Article, Speaker, article_from_dict, quote_from_dict, speaker_from_dict
from guillemet.store.identity import SCHEMA as IDENTITY_SCHEMA
from guillemet.store.identity import StoreIdentity
from guillemet.store.query import QuoteHit, SearchQuery, SearchResult, SpeakerProfile
from guillemet.store.schema import ARTICLE_SPEAKERS, ARTICLES, QUOTES, SPEAKERS, Table

if TYPE_CHECKING:
    from guillemet.speakers import SpeakerIdentity

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

    # -- backend hooks ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on error."""
        raise NotImplementedError

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A cursor for reads only; a backend may make it lighter than :meth:`transaction`."""
        with self.transaction() as cur:
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

    def _create_table(self, table: Table, prefix: str = "", suffix: str = "") -> str:
        cols = ", ".join(f'"{c}" {self.types[t]}' for c, t in table.column_types())
        return f"CREATE TABLE IF NOT EXISTS {table.name} ({prefix}{cols}{suffix})"

    def schema_sql(self) -> list[str]:
        """Every statement that creates the store (idempotent)."""
        return [
            self._create_table(ARTICLES, suffix=", PRIMARY KEY (id)"),
            self._create_table(QUOTES, prefix=self._quotes_key_sql() + ", ",
                               suffix=", UNIQUE (article_id, position)"),
            self._create_table(ARTICLE_SPEAKERS, suffix=", PRIMARY KEY (article_id, position)"),
            self._create_table(SPEAKERS, suffix=", PRIMARY KEY (id)"),
            "CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes (speaker_id)",
            "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker)",
            "CREATE INDEX IF NOT EXISTS article_speakers_id ON article_speakers (id)",
            "CREATE INDEX IF NOT EXISTS articles_published ON articles (published)",
            "CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet)",
            *IDENTITY_SCHEMA,
            *self._extra_schema(),
        ]

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
            if present:
                touched |= self._speaker_ids_of(cur, sorted(present))
                if names is not None:
                    names.forget(sorted(present))
                for table in ("quotes", "article_speakers", "articles"):
                    key = "id" if table == "articles" else "article_id"
                    for chunk in _chunks(sorted(present), 500):
                        cur.execute(self._sql(f"DELETE FROM {table} WHERE {key} IN ({self._marks(len(chunk))})"),
                                    chunk)
            stored = list(by_id.values())
            if names is not None:
                names.add(stored)
                names.settle()
                stored = [names.assign(a) for a in stored]
            self._insert(cur, ARTICLES, [ARTICLES.row(a) for a in stored])
            self._insert(cur, QUOTES, [QUOTES.row(q, a.id, i) for a in stored for i, q in enumerate(a.quotes)])
            self._insert(cur, ARTICLE_SPEAKERS, [ARTICLE_SPEAKERS.row(s, a.id, i) for a in stored
                                                 for i, s in enumerate(a.speakers)])
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
        with self._lock, self.reading() as cur:
            cur.execute(self._sql(sql), list(params))
            return cur.fetchall()

    def has(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        with self._lock, self.reading() as cur:
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
        if query.speaker:
            conds.append("(q.speaker_id = ? OR q.speaker = ?)")
            params += [query.speaker, query.speaker]
        if query.outlet:
            conds.append("a.outlet = ?")
            params.append(query.outlet)
        if query.kind:
            conds.append("q.kind = ?")
            params.append(query.kind)
        if query.since:
            conds.append("substr(a.published, 1, 10) >= ?")
            params.append(query.since)
        if query.until:
            conds.append("substr(a.published, 1, 10) <= ?")
            params.append(query.until)
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    def search(self, query: SearchQuery) -> SearchResult:
        """Quotes matching the query's words and filters, newest articles first.

        Raises:
            InputError: A bad filter (kind, date, limit); the message says which.
        """
        query = query.checked()
        where, params = self._where(query)
        base = "FROM quotes q JOIN articles a ON a.id = q.article_id" + where
        total = self._query(f"SELECT count(*) {base}", params)[0][0]
        cols = _cols(QUOTES, "q") + ", " + ", ".join(f"a.{c}" for c in _HIT_ARTICLE_COLUMNS)
        rows = self._query(
            f"SELECT {cols} {base} ORDER BY (a.published IS NULL), a.published DESC, q.article_id, q.position "
            f"LIMIT ? OFFSET ?", params + [query.limit, query.offset])
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

    def speaker_profile(self, speaker_id: str, alongside: int = 15) -> SpeakerProfile | None:
        """A speaker's counts, quotes per week and co-quoted speakers; None if unknown."""
        speaker = self.get_speaker(speaker_id)
        if speaker is None:
            return None
        rows = self._query("SELECT q.article_id, a.published FROM quotes q JOIN articles a ON a.id = q.article_id "
                           "WHERE q.speaker_id = ?", [speaker_id])
        weeks = Counter(m for m in (_monday(p) for _, p in rows if p) if m)
        weekly: list[tuple[str, int]] = []
        if weeks:
            last = max(weeks)
            day = max(min(weeks), last - dt.timedelta(weeks=MAX_WEEKS - 1))
            while day <= last:
                weekly.append((day.isoformat(), weeks.get(day, 0)))
                day += dt.timedelta(days=7)
        others = self._query(
            "SELECT q.speaker_id, MIN(s.name), COUNT(DISTINCT q.article_id) AS n FROM quotes q "
            "LEFT JOIN speakers s ON s.id = q.speaker_id "
            "WHERE q.speaker_id IS NOT NULL AND q.speaker_id <> ? AND q.article_id IN "
            "(SELECT article_id FROM quotes WHERE speaker_id = ?) "
            "GROUP BY q.speaker_id ORDER BY n DESC, q.speaker_id LIMIT ?", [speaker_id, speaker_id, alongside])
        return SpeakerProfile(speaker=speaker, quote_count=len(rows),
                              article_count=len({a for a, _ in rows}), weekly=weekly,
                              alongside=[(i, n or i, c) for i, n, c in others])

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
