"""Finding and listing speakers: by id, name, surname, alias or part of one; ranked by quotes.

Each ``speakers`` row keeps ``names_folded``, its name and aliases folded (accents and case
removed) with every word between spaces (`` emmanuel macron , macron ``), so a word of a
name is found with ``LIKE '% macron %'`` and the start of one with ``LIKE '% macr%'`` on
SQLite and PostgreSQL alike; and its ``quote_count``, so lists rank without counting.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
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


def _word_patterns(text: str, prefix: bool) -> list[str]:
    return [f"% {w}%" if prefix else f"% {w} %" for w in WORD.findall(fold(text))]


def _monday(day: str) -> dt.date | None:
    try:
        d = dt.date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None
    return d - dt.timedelta(days=d.weekday())


class SpeakerQueries:
    """The speaker methods of :class:`guillemet.store.Store` (mixed in)."""

    def get_speaker(self, speaker_id: str) -> Speaker | None:
        """The merged speaker row for an id, or None."""
        rows = self._query(f"SELECT {SPEAKERS.select()} FROM speakers WHERE id = ?", [speaker_id])
        return speaker_from_dict(SPEAKERS.plain(rows[0])) if rows else None

    def _ids_matching(self, patterns: list[str], limit: int) -> list[str]:
        conds = " AND ".join("names_folded LIKE ?" for _ in patterns)
        rows = self._query(f"SELECT id FROM speakers WHERE {conds} ORDER BY quote_count DESC, id LIMIT ?",
                           patterns + [limit])
        return [r[0] for r in rows]

    def speaker_ids_for(self, text: str) -> list[str]:
        """The speaker ids a speaker filter names, most quoted first.

        An id names itself; otherwise every word must be a word of one of the speaker's
        names or aliases ("Macron", "emmanuel macron"), or, when no speaker has such words,
        the start of one ("Macr").
        """
        if self._query("SELECT 1 FROM speakers WHERE id = ?", [text]):
            return [text]
        for prefix in (False, True):
            patterns = _word_patterns(text, prefix)
            if not patterns:
                return []
            ids = self._ids_matching(patterns, MAX_SPEAKERS_PER_NAME)
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
        exact = self._ids_matching([f"% {folded} %"], 1)
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
        for pattern in _word_patterns(q or "", prefix=True):
            conds.append("s.names_folded LIKE ?")
            params.append(pattern)
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

    def speaker_profile(self, speaker_id: str, alongside: int = 15) -> SpeakerProfile | None:
        """A speaker's counts, quotes per week, outlets and co-quoted speakers; None if unknown."""
        speaker = self.get_speaker(speaker_id)
        if speaker is None:
            return None
        rows = self._query("SELECT q.article_id, a.published, a.outlet FROM quotes q "
                           "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ?", [speaker_id])
        weeks = Counter(m for m in (_monday(p) for _, p, _ in rows if p) if m)
        weekly: list[tuple[str, int]] = []
        if weeks:
            day, last = min(weeks), max(weeks)
            while day <= last:
                weekly.append((day.isoformat(), weeks.get(day, 0)))
                day += dt.timedelta(days=7)
        outlets = Counter(o for _, _, o in rows if o)
        others = self._query(
            "SELECT q.speaker_id, MIN(s.name), COUNT(DISTINCT q.article_id) AS n FROM quotes q "
            "LEFT JOIN speakers s ON s.id = q.speaker_id "
            "WHERE q.speaker_id IS NOT NULL AND q.speaker_id <> ? AND q.article_id IN "
            "(SELECT article_id FROM quotes WHERE speaker_id = ?) "
            "GROUP BY q.speaker_id ORDER BY n DESC, q.speaker_id LIMIT ?", [speaker_id, speaker_id, alongside])
        return SpeakerProfile(speaker=speaker, quote_count=len(rows),
                              article_count=len({a for a, _, _ in rows}), weekly=weekly,
                              alongside=[(i, n or i, c) for i, n, c in others],
                              outlets=sorted(outlets.items(), key=lambda x: (-x[1], x[0])))
