"""Words as search and quote comparison see them: folded case and accents."""

from __future__ import annotations

import re
import unicodedata

#: A word: letters and digits (an apostrophe or hyphen separates words).
WORD = re.compile(r"[^\W_]+")

#: Combining marks (accents) left by NFKD decomposition; removed by :func:`fold`.
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower case without accents: "Élysée" → "elysee"."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
