"""Duplicate articles: exact ones merged (every URL kept), near ones linked, over a stream.

Exact duplicates share a hash of their normalised text (case, accents kept; spacing,
punctuation and boilerplate stretches ignored) or a URL already seen: the first article is
kept and the later one's URLs are appended to its ``urls``. Near duplicates (the same wire
story lightly edited) are found with MinHash LSH over word shingles and linked with
``meta["near_duplicate_of"] = <id of the earlier article>``; both are kept.

Memory grows with the number of distinct articles seen (a hash and a MinHash each).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from typing import Callable, Iterable, Iterator

from guillemet.nlp import analysis_text
from guillemet.record import Article

_WORD = re.compile(r"\w+")


def normalised_words(article: Article) -> list[str]:
    """The article's words, case-folded, boilerplate stretches left out."""
    text = unicodedata.normalize("NFKC", analysis_text(article)).casefold()
    return _WORD.findall(text)


def text_hash(words: list[str]) -> str:
    """A hash of the normalised words: equal for texts that differ only in spacing or case."""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()


class Deduplicator:
    """Drops exact duplicates and links near duplicates in a stream of articles.

    Args:
        threshold: Estimated Jaccard similarity of word shingles above which two articles are
            near duplicates (0.8: the same story with a changed sentence or two).
        num_perm: MinHash permutations (more: more precise, slower).
        shingle: Words per shingle.
        near: Set False to find exact duplicates only (faster, constant work per article).
        on_duplicate: Called with (kept, duplicate) for each exact duplicate dropped, e.g. to
            add the URL to a kept article a store has already saved.

    Attributes:
        counts: "seen", "kept", "exact_duplicates", "same_url", "near_duplicates".

    Example:
        >>> dedup = Deduplicator()
        >>> unique = list(dedup(articles))
        >>> dedup.counts["exact_duplicates"]
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5, *,
                 near: bool = True,
                 on_duplicate: Callable[[Article, Article], None] | None = None) -> None:
        self.threshold, self.num_perm, self.shingle, self.near = threshold, num_perm, shingle, near
        self.on_duplicate = on_duplicate
        self.counts: Counter = Counter()
        self._by_hash: dict[str, Article] = {}
        self._by_url: dict[str, Article] = {}
        self._lsh = None
        self._minhashes: dict[str, object] = {}
        self._ids: dict[str, str] = {}
        if near:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles that are not exact duplicates, in order, near ones linked."""
        for article in articles:
            if self.keep(article):
                yield article

    def keep(self, article: Article) -> bool:
        """Whether to keep this article; records it, merges or links it. See the class doc."""
        self.counts["seen"] += 1
        words = normalised_words(article)
        digest = text_hash(words)
        kept = self._by_hash.get(digest)
        reason = "exact_duplicates"
        if kept is None:
            kept = next((self._by_url[u] for u in article.urls if u in self._by_url), None)
            reason = "same_url"
        if kept is not None:
            self.counts[reason] += 1
            for url in article.urls:
                if url not in kept.urls:
                    kept.urls.append(url)
                self._by_url.setdefault(url, kept)
            kept.meta.setdefault("duplicates", []).append(article.id)
            if self.on_duplicate is not None:
                self.on_duplicate(kept, article)
            return False
        self._by_hash[digest] = article
        for url in article.urls:
            self._by_url[url] = article
        if self._lsh is not None:
            self._link_near(article, words)
        self.counts["kept"] += 1
        return True

    def _link_near(self, article: Article, words: list[str]) -> None:
        from datasketch import MinHash

        n = self.shingle
        shingles = {" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}
        mh = MinHash(num_perm=self.num_perm)
        mh.update_batch([s.encode("utf-8") for s in shingles])
        candidates = self._lsh.query(mh)
        if candidates:
            best = max(candidates, key=lambda key: mh.jaccard(self._minhashes[key]))
            article.meta["near_duplicate_of"] = self._ids[best]
            article.meta["near_duplicate_similarity"] = round(mh.jaccard(self._minhashes[best]), 3)
            self.counts["near_duplicates"] += 1
        key = article.id
        if key in self._minhashes:  # two different texts with one source id: keep both apart
            key = f"{article.id}#{self.counts['seen']}"
        self._minhashes[key] = mh
        self._ids[key] = article.id
        self._lsh.insert(key, mh)
