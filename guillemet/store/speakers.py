"""Finding and listing speakers: by id, name, surname, alias or part of one; ranked by quotes.

Each ``speakers`` row keeps ``names_folded``, its name and aliases folded (accents and case
removed) with every word between spaces (`` emmanuel macron , macron ``), so a word of a
name is found with ``LIKE '% macron %'`` and the start of one with ``LIKE '% macr%'`` on
SQLite and PostgreSQL alike; and its ``quote_count``, so lists rank without counting.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import lru_cache
from typing import Iterable

from guillemet.record import Speaker, speaker_from_dict
from guillemet.store.query import SpeakerCount, SpeakerProfile
from guillemet.store.schema import SPEAKERS
from guillemet.store.textquery import WORD, fold

#: Most speakers one name filter stands for ("Martin" may name many).
MAX_SPEAKERS_PER_NAME = 200


def names_folded(names: Iterable[str]) -> str:
    """The ``names_folded`` column for a speaker's names: folded words between spaces."""
    parts = [" ".join(WORD.findall(fold(n))) for n in names]
    return " " + " , ".join(p for p in parts if p) + " "


def _words(text: str) -> list[str]:
    """The folded words of a speaker filter, as ``names_folded`` holds them."""
    return WORD.findall(fold(text))


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


class SpeakerQueries:
    """The speaker methods of :class:`guillemet.store.Store` (mixed in)."""

    def get_speaker(self, speaker_id: str) -> Speaker | None:
        """The merged speaker row for an id, or None."""
        rows = self._query(f"SELECT {SPEAKERS.select()} FROM speakers WHERE id = ?", [speaker_id])
        return speaker_from_dict(SPEAKERS.plain(rows[0])) if rows else None

    def _words_conds(self, words: list[str], prefix: bool, alias: str = "s") -> tuple[list[str], list[str]]:
        """Conditions (and parameters) that each word is a word of a speaker's names or
        aliases, or the start of one with ``prefix``; read from the ``speaker_words`` index."""
        conds, params = [], []
        if not self.has_speaker_words:  # a store made before the word index, open for reading
            for w in words:
                conds.append(f"{alias}.names_folded LIKE ?")
                params.append(f"% {w}%" if prefix else f"% {w} %")
            return conds, params
        for w in words:
            if prefix:
                cond, p = self._prefix_cond("word", w)
            else:
                cond, p = "word = ?", [w]
            conds.append(f"{alias}.id IN (SELECT speaker_id FROM speaker_words WHERE {cond})")
            params += p
        return conds, params

    def _prefix_cond(self, column: str, start: str) -> tuple[str, list[str]]:
        """``column`` starts with ``start``, in a form the column's index serves."""
        return f"{column} >= ? AND {column} < ?", [start, start + "\U0010ffff"]

    def _ids_matching(self, words: list[str], prefix: bool, limit: int) -> list[str]:
        conds, params = self._words_conds(words, prefix)
        rows = self._query(f"SELECT s.id FROM speakers s WHERE {' AND '.join(conds)} "
                           "ORDER BY s.quote_count DESC, s.id LIMIT ?", params + [limit])
        return [r[0] for r in rows]

    def speaker_ids_for(self, text: str) -> list[str]:
        """The speaker ids a speaker filter names, most quoted first.

        An id names itself; otherwise every word must be a word of one of the speaker's
        names or aliases ("Macron", "emmanuel macron"), or, when no speaker has such words,
        the start of one ("Macr").
        """
        if self._query("SELECT 1 FROM speakers WHERE id = ?", [text]):
            return [text]
        words = _words(text)
        if not words:
            return []
        for prefix in (False, True):
            ids = self._ids_matching(words, prefix, MAX_SPEAKERS_PER_NAME)
            if ids:
                return ids
        return []

    def find_speaker(self, name_or_id: str) -> Speaker | None:
        """The speaker an id or a name stands for: the id itself, else the most quoted speaker
        of that exact name (accents and case ignored), else of that surname or alias."""
        speaker = self.get_speaker(name_or_id)
        if speaker is not None:
            return speaker
        folded = names_folded([name_or_id]).strip()
        if not folded:
            return None
        exact = [r[0] for r in self._query("SELECT id FROM speakers WHERE names_folded LIKE ? "
                                           "ORDER BY quote_count DESC, id LIMIT 1", [f"% {folded} %"])]
        ids = exact or self.speaker_ids_for(name_or_id)
        return self.get_speaker(ids[0]) if ids else None

    def list_speakers(self, q: str | None = None, type: str | None = None, outlet: str | None = None,
                      limit: int = 50, offset: int = 0) -> tuple[int, list[SpeakerCount]]:
        """Speakers ranked by number of quotes: (how many match, one page of them).

        Args:
            q: Words that start words of a speaker's names or aliases ("macr" finds Emmanuel
                Macron), accents and case ignored; the autocomplete of the search form.
            type: Only this speaker type.
            outlet: Only quotes in this outlet (case ignored); counts are within it.
            limit: Page size.
            offset: Speakers to skip.
        """
        conds, params = ["s.quote_count > 0"], []
        word_conds, word_params = self._words_conds(_words(q or ""), prefix=True)
        conds += word_conds
        params += word_params
        if type:
            conds.append("s.type = ?")
            params.append(type)
        cols = SPEAKERS.select("s")
        if outlet:
            conds.append("lower(a.outlet) = ?")
            params.append(outlet.lower())
            base = ("FROM quotes q JOIN articles a ON a.id = q.article_id JOIN speakers s ON s.id = q.speaker_id "
                    "WHERE " + " AND ".join(conds) + " GROUP BY s.id")
            total = self._query(f"SELECT count(*) FROM (SELECT s.id {base}) t", params)[0][0]
            rows = self._query(f"SELECT {cols}, count(*) AS n, count(DISTINCT q.article_id) {base} "
                               "ORDER BY n DESC, s.id LIMIT ? OFFSET ?", params + [limit, offset])
        else:
            where = " WHERE " + " AND ".join(conds)
            total = self._query(f"SELECT count(*) FROM speakers s{where}", params)[0][0]
            rows = self._query(f"SELECT {cols}, s.quote_count, s.article_count FROM speakers s{where} "
                               "ORDER BY s.quote_count DESC, s.id LIMIT ? OFFSET ?", params + [limit, offset])
        n = len(SPEAKERS.columns)
        return total, [SpeakerCount(speaker=speaker_from_dict(SPEAKERS.plain(r[:n])), quote_count=r[n],
                                    article_count=r[n + 1]) for r in rows]

    #: Speakers quoted alongside are counted in a speaker's latest articles, at most this many
    #: (a speaker quoted in 15,000 articles would otherwise cost a scan of 150,000 quotes).
    ALONGSIDE_ARTICLES = 1000

    def speaker_profile(self, speaker_id: str, alongside: int = 15) -> SpeakerProfile | None:
        """A speaker's counts, quotes per week, outlets and co-quoted speakers; None if unknown.

        Quotes per week and per outlet are counted per day in the database; speakers quoted
        alongside come from the speaker's latest :attr:`ALONGSIDE_ARTICLES` articles.
        """
        speaker = self.get_speaker(speaker_id)
        if speaker is None:
            return None
        days = self._query("SELECT substr(a.published, 1, 10) AS day, a.outlet, count(*) FROM quotes q "
                           "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? GROUP BY day, a.outlet",
                           [speaker_id])
        quote_count = sum(n for *_, n in days)
        article_count = self._query("SELECT count(DISTINCT article_id) FROM quotes WHERE speaker_id = ?",
                                    [speaker_id])[0][0]
        weeks: Counter[dt.date] = Counter()
        outlets: Counter[str] = Counter()
        for day, outlet, n in days:
            monday = _monday(day) if day else None
            if monday:
                weeks[monday] += n
            if outlet:
                outlets[outlet] += n
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
                              alongside=[(i, names.get(i) or i, c) for i, c in others],
                              outlets=sorted(outlets.items(), key=lambda x: (-x[1], x[0])))
