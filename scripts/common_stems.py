"""Print the common stems a store keeps counts for (``search.COMMON_STEMS`` of a language):
the stems found in the most quotes of a store of the corpus, stop words left out.

    guillemet ingest ../shared/data/fr-news.jsonl.gz --db corpus.db
    python scripts/common_stems.py corpus.db 400
"""

from __future__ import annotations

import sys
import textwrap
from collections import Counter

from guillemet.folding import WORD, fold
from guillemet.store import open_store
from guillemet.store.textquery import stem, stop_words


def main() -> None:
    db, size = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 400
    stops = stop_words()
    found: Counter[str] = Counter()
    with open_store(db, readonly=True) as store:
        for (text,) in store._query("SELECT content_text FROM quotes"):
            found.update({stem(w) for w in WORD.findall(text or "") if fold(w) not in stops})
    common = sorted(s for s, _ in found.most_common(size))
    print(textwrap.fill(" ".join(common), 96, initial_indent="    ", subsequent_indent="    "))


if __name__ == "__main__":
    main()
