"""The store interface and the SQL both backends share.

A backend subclass supplies the connection, the placeholder style, the DDL that differs
(full-text index) and the full-text match and rank; everything else (upsert by article id,
loading, filters, ranking, speaker profiles) is written once here, and the speaker lists,
facets and quote groups in the mixins of :mod:`~guillemet.store.speakers`,
:mod:`~guillemet.store.facets` and :mod:`~guillemet.store.groups`.
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Iterable, Iterator, Sequence

from dataclasses import dataclass, field

from guillemet.gender import read_gender
from guillemet.record import Article, Speaker, article_from_dict, quote_from_dict, speaker_from_dict
from guillemet.store.facets import FacetQueries
from guillemet.store.groups import GroupQueries, text_key
from guillemet.store.query import QuoteHit, SearchQuery, SearchResult
from guillemet.store.schema import ARTICLE_SPEAKERS, ARTICLES, QUOTES, SPEAKERS, Table
from guillemet.store.speakers import SpeakerQueries, names_folded
from guillemet.store.textquery import TextQuery, highlight, parse

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

    def sql(self, join: str = "", *conds: str) -> str:
        """``FROM … WHERE …`` with more joins (no parameters) and conditions if given."""
        where = [*self.conds, *conds]
        return (f"FROM quotes q JOIN articles a ON a.id = q.article_id {self.join} {join}"
                + (" WHERE " + " AND ".join(where) if where else ""))


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

    # -- backend hooks ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on success, rolled back on error."""
        raise NotImplementedError

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

    def _create_table(self, table: Table, prefix: str = "", suffix: str = "") -> str:
        cols = ", ".join(f'"{c}" {self.types[t]}' for c, t in table.column_types())
        return f"CREATE TABLE IF NOT EXISTS {table.name} ({prefix}{cols}{suffix})"

    def schema_sql(self) -> list[str]:
        """The statements that create the tables (idempotent)."""
        return [
            self._create_table(ARTICLES, suffix=", PRIMARY KEY (id)"),
            self._create_table(QUOTES, prefix=self._quotes_key_sql() + ", ",
                               suffix=", UNIQUE (article_id, position)"),
            self._create_table(ARTICLE_SPEAKERS, suffix=", PRIMARY KEY (article_id, position)"),
            self._create_table(SPEAKERS, suffix=", PRIMARY KEY (id)"),
        ]

    def index_sql(self) -> list[str]:
        """The statements that create indexes and the full-text index (idempotent)."""
        return [
            "CREATE INDEX IF NOT EXISTS quotes_speaker_id ON quotes (speaker_id)",
            "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker)",
            "CREATE INDEX IF NOT EXISTS quotes_text_key ON quotes (text_key, speaker_id)",
            "CREATE INDEX IF NOT EXISTS article_speakers_id ON article_speakers (id)",
            "CREATE INDEX IF NOT EXISTS articles_published ON articles (published)",
            "CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet)",
            "CREATE INDEX IF NOT EXISTS articles_outlet_lower ON articles (lower(outlet))",
            "CREATE INDEX IF NOT EXISTS speakers_quote_count ON speakers (quote_count)",
            *self._extra_schema(),
        ]

    def _create_schema(self, cur: Any) -> None:
        """Create what is missing; a store made by an older guillemet gets the columns a
        newer record has, filled from what it holds."""
        for statement in self.schema_sql():
            cur.execute(statement)
        added = set()
        for table in (ARTICLES, QUOTES, ARTICLE_SPEAKERS, SPEAKERS):
            have = self._existing_columns(cur, table.name)
            for column, sql_type in table.column_types():
                if column not in have:
                    cur.execute(f'ALTER TABLE {table.name} ADD COLUMN "{column}" {self.types[sql_type]}')
                    added.add((table.name, column))
        for statement in self.index_sql():
            cur.execute(statement)
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

    def put(self, articles: Sequence[Article]) -> None:
        """Store articles in one transaction, replacing any stored under the same ids.

        Storing the same articles again changes nothing; if the process dies midway, none of
        the batch is stored.

        Raises:
            StoreError: The database refused the batch (nothing of it is stored).
        """
        if not articles:
            return
        by_id = {a.id: a for a in articles}  # the last of duplicate ids wins, as in a rerun
        ids = list(by_id)
        with self._lock, self.transaction() as cur:
            present = self._present(cur, ids)
            touched: set[str] = set()
            if present:
                touched |= self._speaker_ids_of(cur, sorted(present))
                for table in ("quotes", "article_speakers", "articles"):
                    key = "id" if table == "articles" else "article_id"
                    for chunk in _chunks(sorted(present), 500):
                        cur.execute(self._sql(f"DELETE FROM {table} WHERE {key} IN ({self._marks(len(chunk))})"),
                                    chunk)
            self._insert(cur, ARTICLES, [ARTICLES.row(a) for a in by_id.values()])
            self._insert(cur, QUOTES, [QUOTES.row(q, a.id, i, text_key(q.content_text)) for a in by_id.values()
                                       for i, q in enumerate(a.quotes)])
            self._insert(cur, ARTICLE_SPEAKERS, [ARTICLE_SPEAKERS.row(s, a.id, i) for a in by_id.values()
                                                 for i, s in enumerate(a.speakers)])
            for a in by_id.values():
                touched |= {q.speaker_id for q in a.quotes if q.speaker_id}
                touched |= {s.id for s in a.speakers if s.id}
            for speaker_id in sorted(touched - {""}):  # an empty id names no one: no speakers row
                self._refresh_speaker(cur, speaker_id)

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
        cur.execute(self._sql("SELECT speaker, speaker_type, speaker_mention_text, article_id FROM quotes "
                              "WHERE speaker_id = ?"), [speaker_id])
        quoted = cur.fetchall()
        cur.execute(self._sql("DELETE FROM speakers WHERE id = ?"), [speaker_id])
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

    def rename_speakers(self, moved: dict[str, str]) -> None:
        """Move stored quotes and article speakers from old speaker ids to new ones (a name
        seen later joined them to a fuller one), and recompute both speakers rows."""
        if not moved:
            return
        with self._lock, self.transaction() as cur:
            for old, new in sorted(moved.items()):
                cur.execute(self._sql("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?"), [new, old])
                cur.execute(self._sql("UPDATE article_speakers SET id = ? WHERE id = ?"), [new, old])
            for speaker_id in sorted(set(moved) | set(moved.values())):
                self._refresh_speaker(cur, speaker_id)

    def speaker_names(self) -> Iterator[tuple[str, str, str]]:
        """(name, type, id) of every name stored for a speaker: each speaker's names and aliases."""
        for row in self._query(f"SELECT {_cols(SPEAKERS)} FROM speakers ORDER BY id"):
            sp = speaker_from_dict(SPEAKERS.plain(row))
            for name in (sp.name, *sp.aliases):
                yield name, sp.type, sp.id

    # -- reading ------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self.transaction() as cur:
            cur.execute(self._sql(sql), list(params))
            return cur.fetchall()

    def has(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        with self._lock, self.transaction() as cur:
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
        if query.speaker:
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
        if query.since:
            conds.append("substr(a.published, 1, 10) >= ?")
            params.append(query.since)
        if query.until:
            conds.append("substr(a.published, 1, 10) <= ?")
            params.append(query.until)
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
        total = self._query(f"SELECT count(*) {found.sql()}", found.params)[0][0]
        cols = _cols(QUOTES, "q") + ", " + ", ".join(f"a.{c}" for c in _HIT_ARTICLE_COLUMNS)
        newest = "(a.published IS NULL), a.published DESC, q.article_id, q.position"
        order, order_params = newest, []
        if found.rank and query.sort == "relevance":
            order, order_params = f"{found.rank}, {newest}", found.rank_params
        rows = self._query(f"SELECT {cols} {found.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                           found.params + order_params + [query.limit, query.offset])
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
