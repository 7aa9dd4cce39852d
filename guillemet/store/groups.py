"""One quote, all its occurrences: quotes grouped by their words and speaker, with variants.

The same words (:func:`guillemet.variants.text_key`, kept in ``quotes.text_key``) from the
same speaker id in several articles are one quote: its occurrences (article, outlet, date),
first and last seen, how many. Quotes of the same speaker worded differently but close
(:func:`guillemet.variants.is_variant`) are listed as its variants. Quotes without a speaker
id group by their words alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guillemet.record import quote_from_dict
from guillemet.store.query import SearchQuery
from guillemet.store.schema import QUOTES, chunks
from guillemet.variants import Wording, WordingIndex, text_key, variant_ratio

if TYPE_CHECKING:
    from guillemet.store.base import Filtered

__all__ = ["GroupPage", "GroupQueries", "Occurrence", "QuoteGroup", "Variant", "text_key"]

#: Most variants listed per quote, closest first.
MAX_VARIANTS = 10
#: Speakers whose distinct quotes (read and folded once) a store keeps for variant searches.
SAID_CACHE = 256
_ARTICLE = ("outlet", "published", "title", "url")
#: A page of groups of one common word is read newest first when that reads fewer than this
#: share (1 / WALK_SHARE) of its matches; else its matches are grouped.
WALK_SHARE = 4


@dataclass(slots=True)
class Occurrence:
    """Where a quote appeared: the article, its outlet and date, the quote's position."""

    article_id: str
    position: int
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Variant:
    """Another wording of a quote by the same speaker: its group key, text, occurrences and
    how similar it is (difflib's ratio over words, 0..1)."""

    key: str
    speaker_id: str | None
    content_text: str
    count: int
    similarity: float


@dataclass(slots=True)
class QuoteGroup:
    """One quote and all its occurrences in the store.

    Attributes:
        key: The quote's text key (same words, same key).
        speaker_id: Its speaker's id; None for quotes without one.
        speaker: The speaker's name as the first occurrence gives it.
        kind: The first occurrence's kind.
        content_text: The words, as the first occurrence has them.
        count: Occurrences.
        outlets: The outlets that carried it, in order of first appearance.
        first_seen: The earliest publication date of an occurrence.
        last_seen: The latest.
        occurrences: Every occurrence, oldest first.
        variants: The same speaker's other wordings close to this one, closest first.
    """

    key: str
    speaker_id: str | None
    speaker: str | None
    kind: str
    content_text: str
    count: int = 0
    outlets: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    occurrences: list[Occurrence] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)


@dataclass(slots=True)
class GroupPage:
    """A page of quote groups and how many groups the search has."""

    total: int
    items: list[QuoteGroup] = field(default_factory=list)


def _speaker_cond(speaker_id: str | None) -> tuple[str, list[str]]:
    return ("q.speaker_id IS NULL", []) if speaker_id is None else ("q.speaker_id = ?", [speaker_id])


class GroupQueries:
    """The quote-group methods of :class:`guillemet.store.Store` (mixed in)."""

    def quote_groups(self, query: SearchQuery) -> GroupPage:
        """A search's quotes as groups (same words, same speaker): the most repeated first,
        or the most recently seen first with ``sort="date"``.

        Each group carries all its occurrences in the store and its variants.

        Raises:
            InputError: A bad filter, as :meth:`search` says.
        """
        query = query.checked()
        found = self._filtered(query)
        counted = self._word_groups(query, found)
        if counted is not None:
            total, page = counted
        else:
            groups = f"{found.sql()} GROUP BY q.text_key, q.speaker_id"
            last = "max(coalesce(a.published, ''))"
            order = f"{last} DESC, n DESC" if query.sort == "date" else f"n DESC, {last} DESC"
            # one pass over the matches: the page and, beside each row, how many groups there are
            rows = self._query(f"SELECT q.text_key, q.speaker_id, count(*) AS n, count(*) OVER () {groups} "
                               f"ORDER BY {order}, q.text_key, coalesce(q.speaker_id, '') LIMIT ? OFFSET ?",
                               found.params + [query.limit, query.offset])
            if rows:
                total = rows[0][3]
            else:  # a page past the end: counted apart
                total = self._query(f"SELECT count(*) FROM (SELECT q.text_key {groups}) t", found.params)[0][0]
            page = [(key, speaker_id) for key, speaker_id, _, _ in rows]
        items = [self.quote_group(key, speaker_id) for key, speaker_id in page]
        return GroupPage(total=total, items=[g for g in items if g is not None])

    def _word_groups(self, query: SearchQuery, found: "Filtered") -> tuple[int, list[tuple[str, str | None]]] | None:
        """(groups, the page's (key, speaker id)) of a search of one common word, without
        grouping every match: the groups of its repeated quotes (``word_repeats``), and its
        quotes stored once read newest first; None where that would read more than grouping."""
        stem = self._counted_stem(query)
        if stem is None:
            return None
        matches = self._text_count(found)
        keys = [k for (k,) in self._query("SELECT text_key FROM word_repeats WHERE stem = ?", [stem])]
        repeated: list[tuple[str, str | None, int, str]] = []
        for chunk in chunks(keys, 500):
            repeated += [r for r in self._query(
                "SELECT q.text_key, q.speaker_id, count(*), max(coalesce(a.published, '')) FROM quotes q "
                f"JOIN articles a ON a.id = q.article_id WHERE q.text_key IN ({self._marks(len(chunk))}) "
                "GROUP BY q.text_key, q.speaker_id", chunk) if r[2] > 1]
        in_repeated = sum(n for _, _, n, _ in repeated)
        need = query.offset + query.limit
        # walking newest first reads about (quotes wanted) × store / matches quotes
        if (need + in_repeated) * self.quote_total() * WALK_SHARE > matches * matches:
            return None
        total = matches - in_repeated + len(repeated)
        once = self._newest_once(found, need, {(k, s) for k, s, _, _ in repeated})

        def key(g):  # ties as the SQL orders them: text key, then speaker id
            return g[0], g[1] or ""

        if query.sort == "date":  # most recently seen first, then most repeated
            rows = sorted(repeated + once, key=key)
            rows.sort(key=lambda g: g[2], reverse=True)
            rows.sort(key=lambda g: g[3], reverse=True)
        else:  # most repeated first: every repeated group before the quotes stored once
            rows = sorted(repeated, key=key)
            rows.sort(key=lambda g: g[3], reverse=True)
            rows.sort(key=lambda g: g[2], reverse=True)
            rows += once
        return total, [(k, s) for k, s, _, _ in rows[query.offset:need]]

    def _newest_once(self, found: "Filtered", need: int, repeated: set) -> list[tuple[str, str | None, int, str]]:
        """The ``need`` most recent groups of one quote among a search's matches (outside
        ``repeated``), ordered as grouping orders them: date, newest first, then text key; a
        date cut in two is read whole."""
        where = found.where()
        newest = f"{self._newest_first('a.published')}, a.id, q.position"
        size = 2 * need + len(repeated) + 50
        while True:
            qids = [r[0] for r in self._query(self._keys_sql(where, newest, True), found.params + [size, 0])]
            rows = {}
            for chunk in chunks(qids, 500):
                rows.update((r[0], r[1:]) for r in self._query(
                    "SELECT q.qid, q.text_key, q.speaker_id, coalesce(a.published, '') FROM quotes q "
                    f"JOIN articles a ON a.id = q.article_id WHERE q.qid IN ({self._marks(len(chunk))})", chunk))
            once = [(k, s, 1, p) for k, s, p in (rows[q] for q in qids if q in rows) if (k, s) not in repeated]
            complete = len(qids) < size  # every match read
            # the date of the last group wanted is read whole once a later (older) one was read
            if complete or (len(once) > need and once[-1][3] != once[need - 1][3]):
                break
            size *= 2
        once.sort(key=lambda g: (g[0], g[1] or ""))
        once.sort(key=lambda g: g[3], reverse=True)
        return once[:need]

    def quote_group(self, key: str, speaker_id: str | None, variants: bool = True) -> QuoteGroup | None:
        """One quote (text key and speaker id) with every occurrence and, if asked, its
        variants; None when the store has no such quote."""
        cond, params = _speaker_cond(speaker_id)
        rows = self._query(
            f"SELECT {QUOTES.select('q')}, " + ", ".join(f"a.{c}" for c in _ARTICLE) +
            f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.text_key = ? AND {cond} "
            "ORDER BY (a.published IS NULL), a.published, q.article_id, q.position", [key, *params])
        if not rows:
            return None
        n = len(QUOTES.columns)
        first = quote_from_dict(QUOTES.plain(rows[0][:n]))
        occurrences = [Occurrence(r[0], r[1], **dict(zip(_ARTICLE, r[n:]))) for r in rows]
        dates = [o.published for o in occurrences if o.published]
        group = QuoteGroup(key=key, speaker_id=speaker_id, speaker=first.speaker, kind=first.kind,
                           content_text=first.content_text, count=len(rows),
                           outlets=list(dict.fromkeys(o.outlet for o in occurrences if o.outlet)),
                           first_seen=min(dates) if dates else None, last_seen=max(dates) if dates else None,
                           occurrences=occurrences)
        if variants and speaker_id is not None:
            group.variants = self.variants_of(group.content_text, key, speaker_id)
        return group

    def variants_of(self, text: str, key: str, speaker_id: str) -> list[Variant]:
        """The speaker's other quotes worded close to ``text``, closest first."""
        mine = Wording.of(text)
        found = []
        said, index = self._said(speaker_id)
        for i in index.sharing(mine):  # those sharing too few words are no variants: never compared
            other_key, other_text, count, wording = said[i]
            if other_key == key:
                continue
            ratio = variant_ratio(mine, wording)
            if ratio is not None:
                found.append(Variant(other_key, speaker_id, other_text, count, ratio))
        found.sort(key=lambda v: (-v.similarity, -v.count, v.key))
        return found[:MAX_VARIANTS]

    def _said(self, speaker_id: str) -> tuple[list[tuple[str, str, int, Wording]], WordingIndex]:
        """A speaker's distinct quotes, each with its wording read once, and their index: kept for the
        :data:`SAID_CACHE` speakers last asked for, and read again once the store's quotes
        changed (its highest quote id, or their number, moved)."""
        stamp = tuple(self._query("SELECT max(qid), count(*) FROM quotes WHERE speaker_id = ?", [speaker_id])[0])
        cache, lock = self._said_cache, self._said_lock
        with lock:
            hit = cache.get(speaker_id)
            if hit is not None and hit[0] == stamp:
                cache.move_to_end(speaker_id)
                return hit[1]
        rows = [(k, t, n, Wording.of(t)) for k, t, n in self._query(
            "SELECT text_key, min(content_text), count(*) FROM quotes WHERE speaker_id = ? GROUP BY text_key",
            [speaker_id])]
        said = rows, WordingIndex([w for *_, w in rows])
        with lock:
            cache[speaker_id] = (stamp, said)
            cache.move_to_end(speaker_id)
            while len(cache) > SAID_CACHE:
                cache.popitem(last=False)
        return said
