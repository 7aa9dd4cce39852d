"""Counts kept per common word, so that a search for one common word is ranked and faceted
without visiting its matches.

At a million quotes a common word ("français") matches tens of thousands of them; ranking
them by relevance or counting their facets visits every one (about 3 µs each: a quarter of a
second). For the language's common stems (``search.COMMON_STEMS``) :meth:`Store.put` keeps,
in the same transaction as the quotes:

    word_tally (stem, facet, value, n)         matches per outlet, month, kind, speaker type
    word_speakers (stem, speaker_type, speaker, n)
                                               matches per speaker name as the quote writes it
                                               (its id is looked up in ``speaker_names``, so a
                                               later merge of ids changes nothing here)
    word_lengths (stem, tf, dl, n)             matches per (occurrences of the stem, words in
                                               the quote): what bm25 ranks by
    word_best (stem, tf, dl, published, article_id, position, qid)
                                               the matches that can rank first: the stem
                                               twice or more, or a quote of at most
                                               :data:`SHORT` words

Everything here is a count or a copy of stored rows, so the same quotes stored in any order
and any batches give the same rows. A search of one common word and nothing else reads its
facets from these tables, and (SQLite) its page of results from ``word_best`` in the order
bm25 gives (:meth:`WordCounts.ranked_groups`); any other search, or a page deeper than
``word_best`` reaches, visits the matches as before.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from guillemet.folding import WORD
from guillemet.lang import get_language
from guillemet.store.textquery import SEARCH_LANG, TextQuery, stem

#: A quote of at most this many words is kept in ``word_best`` whatever its stem count.
SHORT = 6
#: What the counts hold (another version, another count: a store is counted again).
VERSION = 2
#: Facets counted per common stem (the speaker facet is ``word_speakers``).
FACETS = ("outlet", "month", "kind", "speaker_type")

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS word_tally (stem TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (stem, facet, value))",
    "CREATE TABLE IF NOT EXISTS word_speakers (stem TEXT NOT NULL, speaker_type TEXT NOT NULL, speaker TEXT NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (stem, speaker_type, speaker))",
    "CREATE TABLE IF NOT EXISTS word_lengths (stem TEXT NOT NULL, tf INTEGER NOT NULL, dl INTEGER NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (stem, tf, dl))",
    "CREATE TABLE IF NOT EXISTS word_best (stem TEXT NOT NULL, tf INTEGER NOT NULL, dl INTEGER NOT NULL, "
    "published TEXT, article_id TEXT NOT NULL, position INTEGER NOT NULL, qid INTEGER NOT NULL, "
    "PRIMARY KEY (stem, qid))",
    # the words of quotes stored more than once (same text key): where a page of quote groups
    # of one common word starts
    "CREATE TABLE IF NOT EXISTS word_repeats (stem TEXT NOT NULL, text_key TEXT NOT NULL, "
    "PRIMARY KEY (stem, text_key))",
]


def index_sql(newest_first: Callable[[str], str]) -> list[str]:
    """The index a page of ``word_best`` is read from, in the order results are shown."""
    return [f"CREATE INDEX IF NOT EXISTS word_best_order ON word_best (stem, tf, dl, {newest_first('published')}, "
            "article_id, position)",
            "CREATE INDEX IF NOT EXISTS word_best_qid ON word_best (qid)",
            "CREATE INDEX IF NOT EXISTS word_repeats_key ON word_repeats (text_key)"]


def common_stems() -> frozenset[str]:
    """The stems counted: the search language's common ones."""
    return frozenset(getattr(get_language(SEARCH_LANG).search, "COMMON_STEMS", ()))


def fingerprint(stems: Iterable[str]) -> str:
    """What the counts were made for (the stems, :data:`SHORT`, :data:`VERSION`): another
    list, another count."""
    return hashlib.sha1((f"{VERSION}:{SHORT}:" + ",".join(sorted(stems))).encode()).hexdigest()[:16]


@dataclass(slots=True)
class StoredQuote:
    """What the counts need of a stored quote."""

    qid: int
    text_key: str | None
    article_id: str
    position: int
    text: str | None
    kind: str | None
    speaker_type: str | None
    speaker: str | None
    speaker_id: str | None
    outlet: str | None
    published: str | None

    def tally_key(self) -> tuple[str, str, str, str]:
        """Its key in the quote tally: outlet, month, kind, speaker type ("" when missing)."""
        return self.outlet or "", (self.published or "")[:7], self.kind or "", self.speaker_type or ""

    #: The SQL that reads one from ``quotes q JOIN articles a``, in field order.
    SELECT = ("q.qid, q.text_key, q.article_id, q.position, q.content_text, q.kind, q.speaker_type, "
              "q.speaker, q.speaker_id, a.outlet, a.published")


def words_of(text: str | None) -> tuple[int, Counter]:
    """(words in the quote, occurrences of each stem): what the full-text index holds."""
    stems = [stem(w) for w in WORD.findall(text or "")]
    return len(stems), Counter(stems)


class WordDeltas:
    """The changes to the word counts that storing and removing quotes make."""

    def __init__(self, stems: frozenset[str]) -> None:
        self.stems = stems
        self.tally: Counter = Counter()
        self.speakers: Counter = Counter()
        self.lengths: Counter = Counter()
        self.best: list[tuple] = []
        self.gone: list[int] = []
        #: text key → its common stems, for the quotes written or removed
        self.keys: dict[str, list[str]] = {}

    def add(self, quotes: Iterable[StoredQuote], sign: int) -> "WordDeltas":
        """Count these quotes in (``sign`` +1: written) or out (-1: removed); returns itself."""
        for q in quotes:
            dl, counts = words_of(q.text)
            common = [s for s in counts if s in self.stems]
            if not common:
                continue
            if sign < 0:
                self.gone.append(q.qid)
            if q.text_key:
                self.keys[q.text_key] = sorted(common)
            values = q.tally_key()
            for s in common:
                tf = counts[s]
                for facet, value in zip(FACETS, values):
                    if value:
                        self.tally[(s, facet, value)] += sign
                if q.speaker and q.speaker_id:
                    self.speakers[(s, q.speaker_type or "", q.speaker)] += sign
                self.lengths[(s, tf, dl)] += sign
                if sign > 0 and (tf > 1 or dl <= SHORT):
                    self.best.append((s, tf, dl, q.published, q.article_id, q.position, q.qid))
        return self


@dataclass(slots=True)
class Group:
    """Matches of one stem that bm25 scores alike: their (tf, dl) pairs and how many."""

    score: float
    pairs: list[tuple[int, int]]
    n: int


def bm25_groups(lengths: Sequence[tuple[int, int, int]], rows: int, tokens: int, hits: int) -> list[Group]:
    """The matches of one stem grouped by score, best first, as FTS5's bm25 scores them.

    With one phrase bm25 depends only on its occurrences (tf) and the quote's length (dl):
    the score is FTS5's own formula (``fts5_aux.c``, k1 = 1.2, b = 0.75), computed in the same
    order of operations, so equal scores are equal here too.

    Args:
        lengths: (tf, dl, matches) of the stem.
        rows: Rows in the full-text index.
        tokens: Tokens in it.
        hits: Rows the stem matches.
    """
    k1, b = 1.2, 0.75
    avgdl = float(tokens) / float(rows)
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    if idf <= 0.0:
        idf = 1e-6
    scored: dict[float, Group] = {}
    for tf, dl, n in lengths:
        freq, size = float(tf), float(dl)
        score = -1.0 * (0.0 + idf * ((freq * (k1 + 1.0)) / (freq + k1 * (1 - b + b * size / avgdl))))
        group = scored.setdefault(score, Group(score, [], 0))
        group.pairs.append((tf, dl))
        group.n += n
    return [scored[s] for s in sorted(scored)]


def page_slices(sizes: Iterable[int], offset: int, limit: int) -> Iterator[tuple[int, int, int]]:
    """(group index, rows to skip in it, rows to take from it) for the page [offset, offset +
    limit) of groups of these sizes read one after another."""
    start = 0
    for i, size in enumerate(sizes):
        if start >= offset + limit:
            return
        end = start + size
        if end > offset:
            yield i, max(0, offset - start), min(end, offset + limit) - max(start, offset)
        start = end


def single_stem(text: TextQuery) -> str | None:
    """The stem of a query that is one word and nothing else ("grèves" → "grev"), or None."""
    if len(text.groups) != 1 or len(text.groups[0]) != 1 or text.excluded:
        return None
    term = text.groups[0][0]
    if term.phrase or term.prefix or len(term.words) != 1:
        return None
    return term.stems[0]


def stored_quotes(rows: Iterable[Sequence[Any]]) -> list[StoredQuote]:
    """Rows read with :attr:`StoredQuote.SELECT`, as records."""
    return [StoredQuote(*r) for r in rows]
