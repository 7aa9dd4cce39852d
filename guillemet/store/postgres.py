"""The server store: PostgreSQL through psycopg 3, full text with the French configuration.

Search uses ``to_tsvector`` with a text search configuration copied from ``french`` that also
strips accents (``unaccent``) when that extension can be created; otherwise plain ``french``.
A parsed search (:mod:`guillemet.store.textquery`) becomes a ``tsquery`` built from
``plainto_tsquery`` (words), ``phraseto_tsquery`` (phrases) and ``to_tsquery('…:*')``
(prefixes) joined with ``&&``, ``||`` and ``!!``; results rank by ``ts_rank_cd``.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from guillemet.errors import StoreError, require
from guillemet.store.base import Store, TextSQL
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

    def __init__(self, url: str) -> None:
        super().__init__()
        self.psycopg = require("psycopg", "postgres")
        self.url = url
        try:
            self.conn = self.psycopg.connect(url, autocommit=True)
        except self.psycopg.Error as exc:
            raise StoreError(f"Cannot connect to PostgreSQL ({str(exc).strip()}): check the --db URL "
                             "and that the server is running (scripts/start-postgres.sh starts one).") from exc
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

    def _quotes_key_sql(self) -> str:
        return "qid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

    def schema_sql(self) -> list[str]:
        statements = super().schema_sql()
        # The tsvector is a generated column: it follows content_text with no trigger.
        statements.insert(2, "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
                             f"(to_tsvector('{self.ts_config}'::regconfig, coalesce(content_text, ''))) STORED")
        return statements

    def _extra_schema(self) -> list[str]:
        return ["CREATE INDEX IF NOT EXISTS quotes_tsv ON quotes USING GIN (tsv)"]

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

    def _insert(self, cur: Any, table: Any, rows: list[tuple[Any, ...]]) -> None:
        try:
            super()._insert(cur, table, rows)
        except ValueError as exc:  # psycopg refuses NUL characters before the server sees them
            raise StoreError(f"PostgreSQL cannot store this text ({exc}).") from exc

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                yield cur
        except self.psycopg.Error as exc:
            raise StoreError(f"PostgreSQL refused the operation ({str(exc).strip()}).") from exc
