"""Counts over a search's quotes: facets (speaker, outlet, kind, speaker type, month) and the
share of quotes by women, men and unknown (the Gender Gap Tracker's question)."""

from __future__ import annotations

from collections import Counter

from guillemet.store.query import Facets, FacetValue, GenderOverview, GenderShare, SearchQuery

#: How many values the speaker and outlet facets show.
TOP_SPEAKERS = 10
TOP_OUTLETS = 15


#: Up to this many quotes, facets read the quotes' values once and count them in Python (one
#: pass over the matches instead of five); beyond, the database counts each facet.
ONE_PASS = 25_000
_EXPRS = ("q.speaker_id", "a.outlet", "q.kind", "q.speaker_type", "substr(a.published, 1, 7)")


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
        found = self._filtered(query.checked())
        # up to ONE_PASS quotes: their five values read once and counted here; more: each
        # facet counted by the database
        rows = self._query(f"SELECT q.speaker_id, a.outlet, q.kind, q.speaker_type, substr(a.published, 1, 7) "
                           f"{found.sql()} LIMIT {ONE_PASS + 1}", found.params)
        if len(rows) <= ONE_PASS:
            def count(column: int, by_value: bool = False, limit: int | None = None) -> list[tuple]:
                counts = Counter(r[column] for r in rows if r[column] is not None and r[column] != "")
                return _ranked(counts, by_value)[:limit]
        else:
            def count(column: int, by_value: bool = False, limit: int | None = None) -> list[tuple]:
                expr = _EXPRS[column]
                present, not_empty = f"{expr} IS NOT NULL", f"{expr} <> ''"
                sql = f"SELECT {expr} AS v, count(*) AS n {found.sql('', present, not_empty)} GROUP BY {expr}"
                if limit:  # the database keeps the top ones (its ties may break otherwise at the edge)
                    sql += f" ORDER BY n DESC, v LIMIT {int(limit)}"
                return _ranked(dict(self._query(sql, found.params)), by_value)[:limit]

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
