"""The server store: PostgreSQL through psycopg 3, full text with the French configuration.

Search uses ``to_tsvector`` with a text search configuration copied from ``french`` that also
strips accents (``unaccent``) when that extension can be created; otherwise plain ``french``.
A parsed search (:mod:`guillemet.store.textquery`) becomes a ``tsquery`` built from
``plainto_tsquery`` (words), ``phraseto_tsquery`` (phrases) and ``to_tsquery('…:*')``
(prefixes) joined with ``&&``, ``||`` and ``!!``; results rank by ``ts_rank_cd``.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

from guillemet.errors import StoreError, require
from guillemet.store import words
from guillemet.store.base import Filtered, Store, TextSQL
from guillemet.store.textquery import Term, TextQuery, fold

#: Our text search configuration: ``french`` with accents removed before stemming.
UNACCENT_CONFIG = "guillemet_french"


class PostgresStore(Store):
    """A store in a PostgreSQL database (tables created if missing).

    Args:
        url: A libpq URL, ``postgresql://user:password@host:port/dbname``.

    Raises:
        MissingExtra: psycopg is not installed (``pip install 'guillemet[postgres]'``).
        StoreError: The server cannot be reached or refuses the schema.
    """

    placeholder = "%s"
    types = {"TEXT": "TEXT", "INTEGER": "INTEGER", "REAL": "DOUBLE PRECISION"}

    def __init__(self, url: str, readonly: bool = False) -> None:
        super().__init__()
        self.psycopg = require("psycopg", "postgres")
        self.url = url
        self.readonly = readonly
        try:
            self.conn = self.psycopg.connect(url, autocommit=True)
        except self.psycopg.Error as exc:
            raise StoreError(f"Cannot connect to PostgreSQL ({str(exc).strip()}): check the --db URL "
                             "and that the server is running (scripts/start-postgres.sh starts one).") from exc
        if readonly:  # no DDL, no writes: a role with SELECT rights only is enough
            with self.transaction() as cur:
                cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                cur.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s AND pg_ts_config_is_visible(oid)",
                            [UNACCENT_CONFIG])
                self.ts_config = UNACCENT_CONFIG if cur.fetchone() else "french"
                cur.execute("SELECT 1 FROM articles, quotes, speakers LIMIT 0")
                self.has_quote_counts = "quote_count" in self._existing_columns(cur, "articles")
                self.has_speaker_words = bool(self._existing_columns(cur, "speaker_words"))
                self.has_tally = bool(self._existing_columns(cur, "quote_tally"))
                self.has_word_counts = bool(self._existing_columns(cur, "word_best")) and self._words_counted(
                    lambda sql: cur.execute(sql).fetchall())
            return
        self.ts_config = self._text_search_config()
        with self.transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(4242)")  # two ingests creating tables at once
            self._create_schema(cur)

    def _text_search_config(self) -> str:
        """Our unaccenting configuration if it exists or can be made, else ``french``.

        The configuration must be visible on this connection's search_path: one made in
        another schema (another store on the same server) cannot be named from here. The
        unaccent extension goes to ``public`` so that dropping a store's schema leaves it be.
        """
        try:
            with self.transaction() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(4242)")
                cur.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s AND pg_ts_config_is_visible(oid)",
                            [UNACCENT_CONFIG])
                if cur.fetchone():
                    return UNACCENT_CONFIG
                cur.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
                cur.execute("SELECT n.nspname FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace "
                            "WHERE d.dictname = 'unaccent'")
                dict_schema = cur.fetchone()[0]
                cur.execute(f"CREATE TEXT SEARCH CONFIGURATION {UNACCENT_CONFIG} (COPY = pg_catalog.french)")
                cur.execute(f"ALTER TEXT SEARCH CONFIGURATION {UNACCENT_CONFIG} ALTER MAPPING FOR "
                            f'hword, hword_part, word WITH "{dict_schema}".unaccent, pg_catalog.french_stem')
            return UNACCENT_CONFIG
        except StoreError:
            return "french"  # no unaccent (not installed, or no right to create it)

    def _newest_first(self, column: str) -> str:
        return f"{column} DESC NULLS LAST"

    def _keys_sql(self, where: str, order: str, walk: bool) -> str:
        if walk:
            return super()._keys_sql(where, order, walk)
        # few hits: find them all, then sort. OFFSET 0 keeps the planner from walking the
        # articles in date order instead, which for a rare word reads the whole store
        inner = f"SELECT q.qid, q.position, a.published, a.id FROM quotes q JOIN articles a ON a.id = q.article_id{where}"
        order = order.replace("a.", "m.").replace("q.", "m.")
        return f"SELECT m.qid FROM ({inner} OFFSET 0) m ORDER BY {order} LIMIT ? OFFSET ?"

    def _word_page(self, stem: str, found: Filtered, total: int, offset: int, limit: int) -> list[Any] | None:
        # ts_rank_cd of one word is 0.1 a occurrence whatever the quote's length: the matches
        # rank by occurrences (tf), then newest first
        by_tf: dict[int, int] = {}
        for tf, n in self._query("SELECT tf, sum(n) FROM word_lengths WHERE stem = ? GROUP BY tf", [stem]):
            by_tf[int(tf)] = int(n)
        if sum(by_tf.values()) != total:
            return None  # PostgreSQL's words and ours disagree (compounds): rank by the index
        keys: list[Any] = []
        newest = f"{self._newest_first('published')}, article_id, position"
        counts = sorted(by_tf, reverse=True)
        for i, skip, take in words.page_slices((by_tf[tf] for tf in counts), offset, limit):
            if counts[i] > 1:  # every match of two occurrences or more is in word_best
                keys += [r[0] for r in self._query(f"SELECT qid FROM word_best WHERE stem = ? AND tf = ? "
                                                   f"ORDER BY {newest} LIMIT ? OFFSET ?", [stem, counts[i], take, skip])]
            else:  # once: the matches newest first, less those of word_best's higher counts
                where = found.where("q.qid NOT IN (SELECT qid FROM word_best WHERE stem = ? AND tf > 1)")
                order = f"{self._newest_first('a.published')}, a.id, q.position"
                keys += [r[0] for r in self._query(self._keys_sql(where, order, True),
                                                   [*found.params, stem, take, skip])]
        return keys

    def _quotes_key_sql(self) -> str:
        return "qid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

    def schema_sql(self) -> list[str]:
        statements = super().schema_sql()
        # The tsvector is a generated column: it follows content_text with no trigger.
        statements.insert(2, "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
                             f"(to_tsvector('{self.ts_config}'::regconfig, coalesce(content_text, ''))) STORED")
        return statements

    def _extra_schema(self) -> list[str]:
        return ["CREATE INDEX IF NOT EXISTS quotes_tsv ON quotes USING GIN (tsv)",
                # prefixes of speakers' words (LIKE 'macr%') whatever the database's collation
                "CREATE INDEX IF NOT EXISTS speaker_words_prefix ON speaker_words (word text_pattern_ops)"]

    def _prefix_cond(self, column: str, start: str) -> tuple[str, list[str]]:
        escaped = start.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{column} LIKE ?", [escaped + "%"]

    def _existing_columns(self, cur: Any, table: str) -> set[str]:
        cur.execute("SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = %s", [table])
        return {row[0] for row in cur.fetchall()}

    def _tsquery(self, terms: list[Term], op: str) -> tuple[str, list[Any]]:
        """One tsquery expression for terms joined by ``op`` ("||" or "&&")."""
        config = f"'{self.ts_config}'::regconfig"
        parts, params = [], []
        for term in terms:
            if term.prefix:
                parts.append(f"to_tsquery({config}, ?)")
                params.append(fold(term.words[0]) + ":*")  # a word of letters and digits only
            else:
                parts.append(f"{'phraseto_tsquery' if term.phrase else 'plainto_tsquery'}({config}, ?)")
                params.append(" ".join(term.words))
        return "(" + f" {op} ".join(parts) + ")", params

    def _text_sql(self, text: TextQuery) -> TextSQL:
        found = TextSQL()
        parts, params = [], []
        for group in text.groups:
            sql, p = self._tsquery(group, "||")
            parts.append(sql)
            params += p
        if parts:
            must = " && ".join(parts)
            found.conds.append(f"q.tsv @@ ({must})")
            found.params += params
            found.rank = f"-ts_rank_cd(q.tsv, ({must}))"
            found.rank_params = list(params)
        if text.excluded:
            sql, p = self._tsquery(text.excluded, "||")
            found.conds.append(f"NOT (q.tsv @@ {sql})")
            found.params += p
        return found

    @contextmanager
    def ingest_lock(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        # a session lock: the server drops it when this connection goes, kill -9 included
        key = "hashtext(current_schema() || ':guillemet-ingest')"
        with self._lock:
            with self.transaction() as cur:
                cur.execute(f"SELECT pg_try_advisory_lock({key})")
                got = cur.fetchone()[0]
            if not got:
                if on_wait is not None:
                    on_wait()
                with self.transaction() as cur:
                    cur.execute(f"SELECT pg_advisory_lock({key})")
        try:
            yield
        finally:
            with self._lock, self.transaction() as cur:
                cur.execute(f"SELECT pg_advisory_unlock({key})")

    def _lock_writers(self, cur: Any) -> None:
        # one writer at a time per store (schema): speaker ids are recomputed from what is stored
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':guillemet-write'))")

    def _insert(self, cur: Any, table: Any, rows: list[tuple[Any, ...]]) -> None:
        try:
            super()._insert(cur, table, rows)
        except ValueError as exc:  # psycopg refuses NUL characters before the server sees them
            raise StoreError(f"PostgreSQL cannot store this text ({exc}).") from exc

    @contextmanager
    def reading(self) -> Iterator[Any]:
        if not self.readonly:
            with self._lock, self.transaction() as cur:
                yield cur
            return
        conn = self._thread_reader(self._connect_reader)  # read-only (a server): one per thread
        try:
            with conn.transaction(), conn.cursor() as cur:
                yield cur
        except self.psycopg.Error as exc:
            raise StoreError(f"PostgreSQL refused the operation ({str(exc).strip()}).") from exc

    def _connect_reader(self) -> Any:
        try:
            conn = self.psycopg.connect(self.url, autocommit=True)
            conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        except self.psycopg.Error as exc:
            raise StoreError(f"Cannot connect to PostgreSQL ({str(exc).strip()}).") from exc
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                yield cur
        except self.psycopg.Error as exc:
            raise StoreError(f"PostgreSQL refused the operation ({str(exc).strip()}).") from exc
