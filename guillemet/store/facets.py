"""Counts over a search's quotes: facets (speaker, outlet, kind, speaker type, month) and the
share of quotes by women, men and unknown (the Gender Gap Tracker's question)."""

from __future__ import annotations

from guillemet.store.query import Facets, FacetValue, GenderOverview, GenderShare, SearchQuery

#: How many values the speaker and outlet facets show.
TOP_SPEAKERS = 10
TOP_OUTLETS = 15


class FacetQueries:
    """The counting methods of :class:`guillemet.store.Store` (mixed in)."""

    def facets(self, query: SearchQuery, top: int = TOP_SPEAKERS) -> Facets:
        """How a search's quotes divide by speaker (the ``top`` most quoted), outlet, kind,
        speaker type and month; its limit, offset and sort are ignored.

        Raises:
            InputError: A bad filter, as :meth:`search` says.
        """
        found = self._filtered(query.checked())

        def count(expr: str, *conds: str, order: str = "n DESC, v", limit: int | None = None) -> list[tuple]:
            sql = f"SELECT {expr} AS v, count(*) AS n {found.sql('', *conds)} GROUP BY {expr} ORDER BY {order}"
            return self._query(sql + (f" LIMIT {int(limit)}" if limit else ""), found.params)

        speakers = count("q.speaker_id", "q.speaker_id IS NOT NULL", "q.speaker_id <> ''", limit=top)
        names = dict(self._query(f"SELECT id, name FROM speakers WHERE id IN ({self._marks(len(speakers))})",
                                 [v for v, _ in speakers])) if speakers else {}
        return Facets(
            speaker=[FacetValue(v, names.get(v, v), n) for v, n in speakers],
            outlet=[FacetValue(v, v, n) for v, n in count("a.outlet", "a.outlet IS NOT NULL", limit=TOP_OUTLETS)],
            kind=[FacetValue(v, v, n) for v, n in count("q.kind")],
            speaker_type=[FacetValue(v, v, n) for v, n in count("q.speaker_type")],
            month=[FacetValue(v, v, n) for v, n in count("substr(a.published, 1, 7)", "a.published IS NOT NULL",
                                                         order="v")],
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
