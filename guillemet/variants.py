"""The same quote in two articles, or nearly: text keys, wording variants, word differences.

* :func:`text_key` — a digest of a quote's words, folded (accents, case and punctuation
  ignored): wire copy republished by several outlets gives one key, so the store can count a
  quote's occurrences.
* :func:`is_variant` — two quotes of one speaker worded differently but close enough to be
  the same statement (an edited wire, a quote cut short, a translation retouched); what a
  fact-checker compares.
* :func:`diff_words` — both texts cut into pieces, the ones that differ marked, to show them
  side by side.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from guillemet.folding import WORD, fold

#: Two wordings at least this similar (difflib's ratio over their words) are variants.
MIN_RATIO = 0.6
#: A quote cut short is a variant when this share of its words comes in order in the other,
#: and it has at least MIN_EXCERPT_WORDS words.
MIN_CONTAINED = 0.8
MIN_EXCERPT_WORDS = 5
#: Two wordings sharing less than this share of the smaller one's distinct words are never
#: variants: the cheap first test, which :class:`WordingIndex` applies to many at once.
MIN_SHARED = 0.5
_PIECE = re.compile(r"[^\W_]+|\s+|[^\w\s]+|_+")


def words_of(text: str | None) -> list[str]:
    """The folded words of a text ("L'État a dit" → ["l", "etat", "a", "dit"])."""
    return list(_words(text or ""))


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold(text)))


def text_key(text: str | None) -> str:
    """16 hex digits naming a quote's words: equal for the same words, whatever the accents,
    case, punctuation or spacing."""
    return hashlib.sha1(" ".join(words_of(text)).encode("utf-8")).hexdigest()[:16]


def similarity(a: str, b: str) -> tuple[float, float]:
    """(ratio, contained) of two texts' words: difflib's ratio, and the share of the shorter
    text's words found in order in the longer one."""
    return _similarity(words_of(a), words_of(b))


def _similarity(wa, wb) -> tuple[float, float]:
    if not wa or not wb:
        return 0.0, 0.0
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matcher.ratio(), matched / min(len(wa), len(wb))


@dataclass(frozen=True, slots=True)
class Wording:
    """A text's folded words, read once, to compare it with many others (a speaker's quotes)."""

    words: tuple[str, ...]
    word_set: frozenset[str]

    @classmethod
    def of(cls, text: str | None) -> "Wording":
        words = _words(text or "")
        return cls(words, _word_set(words))


def is_variant(a: str, b: str) -> float | None:
    """The similarity ratio when ``b`` is another wording of ``a``, else None.

    The same words (equal :func:`text_key`) are the same quote, not a variant.
    """
    wa, wb = _words(a or ""), _words(b or "")
    return variant_ratio(Wording(wa, _word_set(wa)), Wording(wb, _word_set(wb)))


def variant_ratio(a: Wording, b: Wording) -> float | None:
    """:func:`is_variant` on wordings already read."""
    wa, wb = a.words, b.words
    if wa == wb or not wa or not wb:
        return None
    sa, sb = a.word_set, b.word_set
    shared = len(sa & sb) / min(len(sa), len(sb))
    if shared < MIN_SHARED:  # cheap first test: most pairs of one speaker's quotes stop here
        return None
    ratio, contained = _similarity(wa, wb)
    if ratio >= MIN_RATIO or (contained >= MIN_CONTAINED and min(len(wa), len(wb)) >= MIN_EXCERPT_WORDS):
        return round(ratio, 3)
    return None


@lru_cache(maxsize=65536)
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


class WordingIndex:
    """Many wordings (a speaker's quotes), indexed so that those sharing enough words with
    another — :func:`variant_ratio`'s first test — are found in one vectorised pass instead of
    one comparison each: a speaker quoted 30,000 times is compared word by word with a
    handful."""

    def __init__(self, wordings: list[Wording]) -> None:
        import numpy as np

        self.vocabulary: dict[str, int] = {}
        words, owners = [], []
        for i, w in enumerate(wordings):
            for word in w.word_set:
                words.append(self.vocabulary.setdefault(word, len(self.vocabulary)))
                owners.append(i)
        self._words = np.asarray(words, dtype=np.int32)
        self._owners = np.asarray(owners, dtype=np.int32)
        self._sizes = np.asarray([len(w.word_set) for w in wordings], dtype=np.int32)

    def sharing(self, wording: Wording) -> list[int]:
        """The indices of the wordings that share at least :data:`MIN_SHARED` of the words of
        the smaller of the two sets with ``wording``, in order."""
        import numpy as np

        mine = [self.vocabulary[w] for w in wording.word_set if w in self.vocabulary]
        if not mine or not len(self._sizes):
            return []
        shared = np.bincount(self._owners[np.isin(self._words, mine)], minlength=len(self._sizes))
        return np.flatnonzero(shared >= MIN_SHARED * np.minimum(self._sizes, len(wording.word_set))).tolist()


@dataclass(slots=True)
class Piece:
    """A stretch of one text in a side-by-side comparison; ``changed`` when the other lacks it."""

    text: str
    changed: bool = False


def diff_words(a: str, b: str) -> tuple[list[Piece], list[Piece]]:
    """Both texts in pieces, the words each has that the other lacks marked ``changed``.

    Words compare folded (accents and case ignored); spacing never counts as a change.
    """
    pa, pb = _PIECE.findall(a or ""), _PIECE.findall(b or "")

    def key(piece: str) -> str:
        return " " if piece.isspace() else fold(piece)

    matcher = difflib.SequenceMatcher(None, [key(p) for p in pa], [key(p) for p in pb], autojunk=False)
    left: list[Piece] = []
    right: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        for pieces, lo, hi, out in ((pa, i1, i2, left), (pb, j1, j2, right)):
            for piece in pieces[lo:hi]:
                _append(out, piece, op != "equal" and not piece.isspace())
    return left, right


def _append(out: list[Piece], text: str, changed: bool) -> None:
    if out and out[-1].changed == changed:
        out[-1].text += text
    else:
        out.append(Piece(text, changed))
