"""How often a noun names a source, counted on the training articles: a small learned lexicon.

Tables, each mapping a key to (times seen, times right):

    self       a description's head noun → its quote's source is the description itself
               ("le parquet", "une source proche") rather than someone the article named
               ("la jeune femme", "le ministre")
    self_word  the same, for each other word of the description
    candidate  a candidate's head noun (or "<person>" for a proper name …) → it is the source
    pair       "description head|noun the article described the candidate by" ("edile|maire")
               → that candidate is the description's source

A rate is smoothed toward the table's prior, so a noun seen once says little. The lexicon is
saved in the speaker model's recipe (``lexicon``) and rebuilt with it by ``guillemet train``;
when training, each article's rows read counts that leave that article out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

#: Weight of the prior in a rate: a key seen this many times counts as much as the prior.
SMOOTHING = 5.0
#: Keys seen fewer times are not saved (they would hardly move the rate off the prior).
MIN_SAVED = 2


@dataclass
class Lexicon:
    """Counts per table and key, with each table's prior rate."""

    counts: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    priors: dict[str, float] = field(default_factory=dict)  # filled on first use, or as saved

    def add(self, table: str, key: str, right: bool, times: int = 1) -> None:
        seen = self.counts.setdefault(table, {}).setdefault(key, [0, 0])
        seen[0] += times
        seen[1] += int(right) * times

    def prior(self, table: str) -> float:
        seen = self.counts.get(table, {})
        n = sum(v[0] for v in seen.values())
        return sum(v[1] for v in seen.values()) / n if n else 0.5

    def rate(self, table: str, key: str, without: "Lexicon | None" = None) -> tuple[float, float]:
        """(smoothed rate, log of times seen) of a key, less ``without``'s counts if given."""
        n, k = self.counts.get(table, {}).get(key, (0, 0))
        if without is not None:
            n0, k0 = without.counts.get(table, {}).get(key, (0, 0))
            n, k = n - n0, k - k0
        prior = self.priors.get(table)
        if prior is None:
            prior = self.priors[table] = self.prior(table)
        return (k + SMOOTHING * prior) / (n + SMOOTHING), math.log1p(n)

    @classmethod
    def merged(cls, parts: Iterable["Lexicon"]) -> "Lexicon":
        out = cls()
        for part in parts:
            for t, keys in part.counts.items():
                for k, (n, r) in keys.items():
                    v = out.counts.setdefault(t, {}).setdefault(k, [0, 0])
                    v[0] += n
                    v[1] += r
        return out

    def to_meta(self) -> dict[str, Any]:
        """The saved form: priors, and the keys seen at least :data:`MIN_SAVED` times."""
        return {"smoothing": SMOOTHING,
                "priors": {t: round(self.prior(t), 4) for t in sorted(self.counts)},
                "counts": {t: {k: v for k, v in sorted(keys.items()) if v[0] >= MIN_SAVED}
                           for t, keys in sorted(self.counts.items())}}

    @classmethod
    def from_meta(cls, meta: dict[str, Any] | None) -> "Lexicon":
        """The lexicon saved in a model's recipe (an empty one when there is none)."""
        if not meta:
            return cls()
        return cls({t: {k: list(v) for k, v in keys.items()} for t, keys in meta["counts"].items()},
                   dict(meta["priors"]))


__all__ = ["Lexicon", "MIN_SAVED", "SMOOTHING"]
