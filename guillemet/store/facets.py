"""Counts over a search's quotes: facets (speaker, outlet, kind, speaker type, month) and the
share of quotes by women, men and unknown (the Gender Gap Tracker's question)."""

from __future__ import annotations

from collections import Counter

from guillemet.store.query import Facets, FacetValue, GenderOverview, GenderShare, SearchQuery

#: How many values the speaker and outlet facets show.
TOP_SPEAKERS = 10
TOP_OUTLETS = 15


def _ranked(counts, by_value: bool) -> list[tuple[str, int]]:
    """(value, count) pairs, the most frequent first (ties by value), or by value; the same
    order on every backend (values compare by code point, not by a database collation)."""
    key = (lambda vn: vn[0]) if by_value else (lambda vn: (-vn[1], vn[0]))
    return sorted(counts.items(), key=key)


class FacetQueries:
    """The counting methods of :class:`guillemet.store.Store` (mixed in)."""

    def facets(self, query: SearchQuery, top: int = TOP_SPEAKERS) -> Facets:
        """How a search's quotes divide by speaker (the ``top`` most quoted), outlet, kind,
        speaker type and month; its limit, offset and sort are ignored.

        Raises:
            InputError: A bad filter, as :meth:`search` says.
        """
        query = query.checked()
        if not query.filters() and self.has_tally:
            return self._store_facets(top)
        stem = self._counted_stem(query)
        if stem is not None and self._ids_follow_names():
            return self._word_facets(stem, top)
        found = self._filtered(query)
        # one pass over the matches, their five values counted as they are read (not five
        # GROUP BYs: at a million quotes, visiting the matches is the cost, not counting them)
        counts = self._column_counts(f"SELECT q.speaker_id, a.outlet, q.kind, q.speaker_type, "
                                     f"substr(a.published, 1, 7) {found.sql()}", found.params, 5)

        def count(column: int, by_value: bool = False, limit: int | None = None) -> list[tuple]:
            present = {v: n for v, n in counts[column].items() if v is not None and v != ""}
            return _ranked(present, by_value)[:limit]

        speakers = count(0, limit=top)
        names = dict(self._query(f"SELECT id, name FROM speakers WHERE id IN ({self._marks(len(speakers))})",
                                 [v for v, _ in speakers])) if speakers else {}
        return Facets(
            speaker=[FacetValue(v, names.get(v, v), n) for v, n in speakers],
            outlet=[FacetValue(v, v, n) for v, n in count(1, limit=TOP_OUTLETS)],
            kind=[FacetValue(v, v, n) for v, n in count(2)],
            speaker_type=[FacetValue(v, v, n) for v, n in count(3)],
            month=[FacetValue(v, v, n) for v, n in count(4, by_value=True)],
        )

    def _store_facets(self, top: int) -> Facets:
        """The facets of every quote, read off the quote tally and the speakers' counts (both
        kept by ``put``), the same as counting the quotes."""
        columns = ("outlet", "month", "kind", "speaker_type")
        counts: list[Counter] = [Counter() for _ in columns]
        for i, key, n in self._query(" UNION ALL ".join(
                f"SELECT {i}, {c}, sum(n) FROM quote_tally WHERE {c} <> '' GROUP BY {c}" for i, c in enumerate(columns))):
            counts[i][key] = int(n)
        # the top speakers and every speaker tied with the last of them
        rows = self._query("SELECT quote_count FROM speakers WHERE quote_count > 0 ORDER BY quote_count DESC "
                           "LIMIT 1 OFFSET ?", [top - 1]) if top > 0 else []
        least = rows[0][0] if rows else 1
        named = self._query("SELECT id, name, quote_count FROM speakers WHERE quote_count >= ?", [least])
        speakers = _ranked({i: n for i, _, n in named}, False)[:top]
        names = {i: name for i, name, _ in named}
        outlet, month, kind, speaker_type = counts
        return Facets(
            speaker=[FacetValue(v, names.get(v, v), n) for v, n in speakers],
            outlet=[FacetValue(v, v, n) for v, n in _ranked(outlet, False)[:TOP_OUTLETS]],
            kind=[FacetValue(v, v, n) for v, n in _ranked(kind, False)],
            speaker_type=[FacetValue(v, v, n) for v, n in _ranked(speaker_type, False)],
            month=[FacetValue(v, v, n) for v, n in _ranked(month, True)],
        )

    def _ids_follow_names(self) -> bool:
        """Whether every stored quote's speaker id is the one ``speaker_names`` gives its name
        (the last write gave ids across the store; a write without leaves them as given)."""
        return bool(self._query("SELECT 1 FROM guillemet_meta WHERE key = 'speaker_identity'"))

    def _word_facets(self, stem: str, top: int) -> Facets:
        """The facets of the quotes matching one common stem, read off its counts
        (:mod:`guillemet.store.words`), the same as counting the quotes."""
        counts: dict[str, Counter] = {}
        for facet, value, n in self._query("SELECT facet, value, n FROM word_tally WHERE stem = ?", [stem]):
            counts.setdefault(facet, Counter())[value] = int(n)
        by_id = Counter({sid: int(n) for sid, n in self._query(
            "SELECT sn.sid, sum(w.n) FROM word_speakers w JOIN speaker_names sn ON sn.type = w.speaker_type "
            "AND sn.name = w.speaker WHERE w.stem = ? AND sn.sid IS NOT NULL AND sn.sid <> '' GROUP BY sn.sid",
            [stem])})
        speakers = _ranked(by_id, False)[:top]
        names = dict(self._query(f"SELECT id, name FROM speakers WHERE id IN ({self._marks(len(speakers))})",
                                 [v for v, _ in speakers])) if speakers else {}

        def ranked(facet: str, by_value: bool = False) -> list[tuple[str, int]]:
            return _ranked(counts.get(facet, Counter()), by_value)

        return Facets(
            speaker=[FacetValue(v, names.get(v, v), n) for v, n in speakers],
            outlet=[FacetValue(v, v, n) for v, n in ranked("outlet")[:TOP_OUTLETS]],
            kind=[FacetValue(v, v, n) for v, n in ranked("kind")],
            speaker_type=[FacetValue(v, v, n) for v, n in ranked("speaker_type")],
            month=[FacetValue(v, v, n) for v, n in ranked("month", True)],
        )

    def gender_overview(self, query: SearchQuery | None = None) -> GenderOverview:
        """Quotes of persons by their speaker's gender: in all, per outlet, per month.

        Only quotes whose speaker has an id and is a person count; the search's filters
        (words, outlet, dates…) narrow them. Genders come from the speakers rows
        (:mod:`guillemet.gender`).
        """
        found = self._filtered((query or SearchQuery()).checked())
        rows = self._query(
            "SELECT a.outlet, substr(a.published, 1, 7), s.gender, count(*) "
            + found.sql("JOIN speakers s ON s.id = q.speaker_id", "s.type = 'person'")
            + " GROUP BY a.outlet, substr(a.published, 1, 7), s.gender", found.params)
        overall = GenderShare("all")
        outlets: dict[str, GenderShare] = {}
        months: dict[str, GenderShare] = {}
        for outlet, month, gender, n in rows:
            slices = [overall]
            if outlet:
                slices.append(outlets.setdefault(outlet, GenderShare(outlet)))
            if month:
                slices.append(months.setdefault(month, GenderShare(month)))
            field = gender if gender in ("female", "male") else "unknown"
            for share in slices:
                setattr(share, field, getattr(share, field) + n)
        return GenderOverview(overall=overall,
                              outlets=sorted(outlets.values(), key=lambda s: (-s.total, s.key)),
                              months=sorted(months.values(), key=lambda s: s.key))
