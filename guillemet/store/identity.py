"""Speaker ids across a store, recomputed from what it holds, inside the writing transaction.

A store gives a speaker an id across articles from its *name* as the article writes it, its
type, and every other name stored (:func:`guillemet.identity.merge_names`, with the rules of
:class:`guillemet.speakers.SpeakerIdentity`). It keeps, per stored name, how many articles
write it and the id it leads to:

    speaker_names (type, name, grp, articles, sid, display, wikidata)

A batch of articles changes only the names of the groups it touches (one type, one last
word: "person:poutine"), so only those groups are merged again; a stored quote whose name
now leads elsewhere is moved, and each ``speakers`` row touched is recomputed from the
names and aliases that lead to it. Everything is a function of the stored articles: the
same articles stored in any order, in any batches, with any interruption, give the same
tables, byte for byte.

When the rules or the alias table change (:attr:`SpeakerIdentity.fingerprint`, kept in
``guillemet_meta``), or articles were stored without identity, the next write recomputes
every id once.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import orjson

from guillemet.gender import read_gender
from guillemet.record import Article, Speaker
from guillemet.store.schema import SPEAKERS, chunks
from guillemet.store.speakers import names_folded

if TYPE_CHECKING:
    from guillemet.speakers import SpeakerIdentity
    from guillemet.store.base import Store

#: The store-side tables (not records: bookkeeping, like the full-text index).
SCHEMA = [
    "CREATE TABLE IF NOT EXISTS speaker_names (type TEXT NOT NULL, name TEXT NOT NULL, grp TEXT NOT NULL, "
    "articles INTEGER NOT NULL, sid TEXT, display TEXT, wikidata TEXT, PRIMARY KEY (type, name))",
    "CREATE INDEX IF NOT EXISTS speaker_names_grp ON speaker_names (grp)",
    "CREATE INDEX IF NOT EXISTS speaker_names_sid ON speaker_names (sid)",
    "CREATE TABLE IF NOT EXISTS guillemet_meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE INDEX IF NOT EXISTS article_speakers_name ON article_speakers (name)",
]

_META_KEY = "speaker_identity"

Name = tuple[str, str]  # (type, name as written)


def article_names(article: Article, identity: "SpeakerIdentity") -> set[Name]:
    """The (type, name) of an article's speakers that get an id across articles: its listed
    speakers, and its quotes' speakers that the extractor gave an id."""
    names = {(s.type, s.name) for s in article.speakers}
    names |= {(q.speaker_type, q.speaker) for q in article.quotes if q.speaker and q.speaker_id}
    return {n for n in names if identity.group(n[1], n[0]) is not None}


class StoreIdentity:
    """The speaker-id bookkeeping of one write transaction (see the module docstring).

    Args:
        store: The store (for its SQL dialect).
        cur: A cursor inside the write transaction.
        identity: The rules and alias table.
    """

    def __init__(self, store: "Store", cur: Any, identity: "SpeakerIdentity") -> None:
        self.store, self.cur, self.identity = store, cur, identity
        self.groups: dict[str, set[str]] = {}  # group → its names counted anew in this write
        self.touched: set[str] = set()
        self.ids: dict[Name, str] = {}
        self.rebuilding = False

    # -- SQL ----------------------------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self.cur.execute(self.store._sql(sql), list(params))
        return self.cur.fetchall() if self.cur.description else []

    def _many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.cur.executemany(self.store._sql(sql), rows)

    # -- state --------------------------------------------------------------------------

    def is_current(self) -> bool:
        """Whether the stored ids were made under these rules and this alias table."""
        rows = self._run("SELECT value FROM guillemet_meta WHERE key = ?", [_META_KEY])
        return bool(rows) and rows[0][0] == self.identity.fingerprint

    @staticmethod
    def mark_stale(store: "Store", cur: Any) -> None:
        """Articles were stored with their own ids: the next write with identity recomputes all."""
        cur.execute(store._sql("DELETE FROM guillemet_meta WHERE key = ?"), [_META_KEY])

    def _rows_named(self, names: Iterable[str], columns: str) -> list[tuple]:
        """``columns`` of the speaker_names rows with these names (any type), 500 names a query."""
        out: list[tuple] = []
        for chunk in chunks(sorted(set(names)), 500):
            out += self._run(f"SELECT {columns} FROM speaker_names WHERE name IN ({self.store._marks(len(chunk))})",
                             chunk)
        return out

    def _count(self, names: Counter[Name], sign: int) -> None:
        wanted: dict[Name, tuple[str, int]] = {}
        for (type_, name), n in sorted(names.items()):
            group = self.identity.group(name, type_)
            if group is not None:
                wanted[(type_, name)] = (group, n)
                self.groups.setdefault(group, set()).add(name)
        stored = {(t, n): (a, sid) for t, n, a, sid in self._rows_named((n for _, n in wanted), "type, name, articles, sid")}
        updates, deletes, inserts = [], [], []
        for (type_, name), (group, n) in wanted.items():
            if (type_, name) in stored:
                articles, sid = stored[(type_, name)]
                left = articles + sign * n
                if left > 0:
                    updates.append((left, type_, name))
                else:
                    self.touched.add(sid or "")
                    deletes.append((type_, name))
            elif sign > 0:
                inserts.append((type_, name, group, n))
        self._many("UPDATE speaker_names SET articles = ? WHERE type = ? AND name = ?", updates)
        self._many("DELETE FROM speaker_names WHERE type = ? AND name = ?", deletes)
        self._many("INSERT INTO speaker_names (type, name, grp, articles) VALUES (?, ?, ?, ?)", inserts)

    def forget(self, article_ids: Sequence[str]) -> None:
        """Stop counting the names of stored articles about to be replaced."""
        names: Counter[Name] = Counter()
        for chunk in chunks(sorted(article_ids), 500):
            marks = self.store._marks(len(chunk))
            rows = self._run(f"SELECT article_id, type, name FROM article_speakers WHERE article_id IN ({marks}) "
                             f"UNION SELECT article_id, speaker_type, speaker FROM quotes WHERE article_id IN ({marks}) "
                             "AND speaker IS NOT NULL AND speaker_id IS NOT NULL AND speaker_id <> ''", chunk + chunk)
            names.update((t, n) for _, t, n in set(rows))
        self._count(names, -1)

    def add(self, articles: Iterable[Article]) -> None:
        """Count the names of articles about to be stored."""
        names: Counter[Name] = Counter()
        for article in articles:
            names.update(article_names(article, self.identity))
        self._count(names, +1)

    def settle(self) -> None:
        """Merge the groups touched again; move stored rows whose name now leads elsewhere."""
        by_group: dict[str, list[tuple]] = {}
        for chunk in chunks(sorted(self.groups), 500):
            for row in self._run("SELECT grp, type, name, articles, sid, display, wikidata FROM speaker_names "
                                 f"WHERE grp IN ({self.store._marks(len(chunk))})", chunk):
                by_group.setdefault(row[0], []).append(row[1:])
        changed, moved = [], []
        for group in sorted(by_group):
            rows = by_group[group]
            type_ = rows[0][0]
            # only the names this write can change: those counted anew and the shorter ones they end
            merged = self.identity.merge(type_, {name: n for _, name, n, _, _, _ in rows},
                                         changed=None if self.rebuilding else self.groups[group])
            for _, name, _, sid, display, wikidata in rows:
                new = merged.get(name)
                if new is None:
                    self.ids[(type_, name)] = sid
                    continue
                self.ids[(type_, name)] = new.id
                if (sid, display, wikidata) == (new.id, new.name, new.wikidata):
                    continue
                changed.append((new.id, new.name, new.wikidata, type_, name))
                self.touched.add(new.id)
                if sid and sid != new.id:
                    self.touched.add(sid)
                    moved.append((new.id, name, type_, sid))
        self._many("UPDATE speaker_names SET sid = ?, display = ?, wikidata = ? WHERE type = ? AND name = ?", changed)
        moved.sort(key=lambda m: (m[2], m[1], m[3]))
        self._many("UPDATE quotes SET speaker_id = ? WHERE speaker = ? AND speaker_type = ? AND speaker_id = ?", moved)
        self._many("UPDATE article_speakers SET id = ? WHERE name = ? AND type = ? AND id = ?", moved)
        self.groups.clear()

    def assign(self, article: Article) -> Article:
        """A copy of the article whose speakers and quotes carry their ids across the store
        (no id for a speaker that is no identity: :func:`guillemet.speakers.is_identity`)."""
        def sid(type_: str, name: str | None) -> str | None:
            return self.ids.get((type_, name)) if name else None

        quotes = [dataclasses.replace(q, speaker_id=sid(q.speaker_type, q.speaker)) if q.speaker_id else q
                  for q in article.quotes]
        speakers = [dataclasses.replace(s, id=sid(s.type, s.name) or "") for s in article.speakers]
        self.touched |= {q.speaker_id for q in quotes if q.speaker_id} | {s.id for s in speakers if s.id}
        return dataclasses.replace(article, quotes=quotes, speakers=speakers)

    def refresh(self, speaker_ids: Iterable[str]) -> None:
        """Recompute the ``speakers`` rows of these ids from the names and aliases leading there."""
        ids = sorted(set(speaker_ids) - {""})
        rows: list[tuple[Any, ...]] = []
        for chunk in chunks(ids, 500):
            marks = self.store._marks(len(chunk))
            self.store._delete_speakers(self.cur, chunk)
            names: dict[str, list[tuple]] = {}
            for sid, name, display, wikidata, n in self._run(
                    f"SELECT sid, name, display, wikidata, articles FROM speaker_names WHERE sid IN ({marks})", chunk):
                names.setdefault(sid, []).append((name, display, wikidata, n))
            listed: dict[str, set[str]] = {}
            for sid, aliases in self._run(f"SELECT DISTINCT id, aliases FROM article_speakers WHERE id IN ({marks})",
                                          chunk):
                listed.setdefault(sid, set()).update(orjson.loads(aliases) if aliases else [])
            counts = {sid: (n, a) for sid, n, a in self._run(
                f"SELECT speaker_id, count(*), count(DISTINCT article_id) FROM quotes WHERE speaker_id IN ({marks}) "
                "GROUP BY speaker_id", chunk)}
            mentions: dict[str, list[str | None]] = {}
            for sid, mention, n in self._run(
                    f"SELECT speaker_id, speaker_mention_text, count(*) FROM quotes WHERE speaker_id IN ({marks}) "
                    "GROUP BY speaker_id, speaker_mention_text", chunk):
                mentions.setdefault(sid, []).extend([mention] * n)
            for speaker_id in chunk:
                if speaker_id not in names:
                    continue
                weight: Counter[tuple[str, str | None]] = Counter()
                for _, display, wikidata, n in names[speaker_id]:
                    weight[(display, wikidata)] += n
                (display, wikidata), _ = min(weight.items(), key=lambda x: (-x[1], x[0][0], x[0][1] or ""))
                others = {name for name, *_ in names[speaker_id]} | listed.get(speaker_id, set())
                type_ = speaker_id.split(":", 1)[0]
                gender, evidence = read_gender(display, type_, mentions.get(speaker_id, []))
                speaker = Speaker(id=speaker_id, name=display, type=type_,
                                  aliases=self.identity.clean_aliases(display, others - {display}),
                                  wikidata=wikidata, gender=gender, gender_evidence=evidence)
                quotes, articles = counts.get(speaker_id, (0, 0))
                rows.append(SPEAKERS.row(speaker, quotes, articles, names_folded([display, *speaker.aliases])))
        self.store._insert(self.cur, SPEAKERS, rows)

    # -- everything at once ---------------------------------------------------------------

    def rebuild(self) -> None:
        """Recompute every id of the store from its stored names (rules or aliases changed)."""
        self._run("DELETE FROM speaker_names")
        self.rebuilding = True
        rows = self._run("SELECT article_id, type, name FROM article_speakers UNION SELECT article_id, speaker_type, "
                         "speaker FROM quotes WHERE speaker IS NOT NULL AND speaker_id IS NOT NULL AND speaker_id <> ''")
        self._count(Counter((t, n) for _, t, n in set(rows)), +1)
        self.settle()
        self.rebuilding = False
        # every stored row takes the id of its name now (or none: not an identity)
        quoted = self._run("SELECT DISTINCT speaker_type, speaker, speaker_id FROM quotes "
                           "WHERE speaker_id IS NOT NULL AND speaker_id <> ''")
        for type_, name, old in sorted(quoted, key=lambda r: tuple(x or "" for x in r)):
            new = self.ids.get((type_, name)) if name else None
            if new != old:
                if name is None:
                    self._run("UPDATE quotes SET speaker_id = NULL WHERE speaker IS NULL AND speaker_id = ?", [old])
                else:
                    self._run("UPDATE quotes SET speaker_id = ? WHERE speaker = ? AND speaker_type = ? "
                              "AND speaker_id = ?", [new, name, type_, old])
        listed = self._run("SELECT DISTINCT type, name, id FROM article_speakers")
        for type_, name, old in sorted(listed, key=lambda r: tuple(x or "" for x in r)):
            new = self.ids.get((type_, name)) or ""
            if new != old:
                self._run("UPDATE article_speakers SET id = ? WHERE name = ? AND type = ? AND id = ?",
                          [new, name, type_, old])
        self.store._delete_speakers(self.cur)
        self.refresh(sid for (sid,) in self._run("SELECT DISTINCT sid FROM speaker_names"))
        self._run("DELETE FROM guillemet_meta WHERE key = ?", [_META_KEY])
        self._run("INSERT INTO guillemet_meta (key, value) VALUES (?, ?)", [_META_KEY, self.identity.fingerprint])
        self.touched.clear()
