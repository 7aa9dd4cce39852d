"""What a search box means, written once for both stores: words, phrases, OR, NOT, prefixes.

The syntax (documented on the search page and in the API)::

    grève dockers            both words (any form: "grèves" too; accents and case ignored)
    "pouvoir d'achat"        these words in this order
    grève OR manifestation   either (OR in capitals, or |)
    grève NOT port           "grève" but not "port" (also: grève -port)
    électri*                 words starting with "électri"

Words are folded (accents and case removed) and stemmed with the language's Snowball stemmer
(French: "grèves" → "grev"); common words ("le", "de", "que") are left out of a query, as
PostgreSQL's ``french`` configuration leaves them out of its index (inside a phrase they
still hold their place). SQLite indexes the stems of each quote (:func:`index_text`), PostgreSQL its
``french`` configuration with ``unaccent`` (the same algorithm), and :func:`highlight` marks
the matched words of a quote in Python for both.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from guillemet.folding import WORD, fold
from guillemet.lang import get_language

_TOKEN = re.compile(r'"[^"]*"?|\S+')
_OR = {"OR", "|"}
_NOT = {"NOT"}
#: The language of search stems: the store's corpus language.
SEARCH_LANG = "fr"




_PER_THREAD = threading.local()


def _stemmer():
    """This thread's stemmer: a Snowball stemmer keeps the word it works on in itself, so two
    threads sharing one corrupt each other's words (a server's concurrent searches did)."""
    stemmer = getattr(_PER_THREAD, "stemmer", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _PER_THREAD.stemmer = snowballstemmer.stemmer(get_language(SEARCH_LANG).search.STEMMER)
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The search stem of one word: folded, then stemmed ("Grèves" → "grev")."""
    return _stemmer().stemWord(fold(word))


def stop_words() -> frozenset[str]:
    """Folded words a query leaves out when it has others."""
    return get_language(SEARCH_LANG).search.STOP_WORDS


def index_text(text: str) -> str:
    """What SQLite's full-text index holds for a quote: the stems of its words, in order."""
    return " ".join(stem(w) for w in WORD.findall(text or ""))


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to find: a word, a phrase (``words`` in order) or a prefix (one word)."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False

    @property
    def stems(self) -> tuple[str, ...]:
        """Stems of the words (a prefix keeps its folded word: stems are cut shorter)."""
        return (fold(self.words[0]),) if self.prefix else tuple(stem(w) for w in self.words)


@dataclass(slots=True)
class TextQuery:
    """A parsed search: every group must match (a group is terms joined by OR), no excluded
    term may."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups or self.excluded)

    def positive_terms(self) -> list[Term]:
        """Every term that must or may match (what highlighting marks)."""
        return [t for g in self.groups for t in g]


def _term(token: str) -> Term | None:
    if token.startswith('"'):
        words = tuple(WORD.findall(token.strip('"')))
        return Term(words, phrase=len(words) > 1) if words else None
    prefix = token.endswith("*")
    words = tuple(WORD.findall(token))
    if not words:
        return None
    if prefix and len(words) == 1:
        return Term(words, prefix=True)
    return Term(words, phrase=len(words) > 1)  # "l'électricité", "porte-parole": adjacent words


def parse(text: str | None) -> TextQuery:
    """The query a search box's text means (see the module docstring); never raises.

    Anything that is not syntax is a word: quotes, stars and operators in odd places are
    read as plainly as possible, never passed to a database's own query language.
    """
    query = TextQuery()
    join_next = negate_next = False
    for token in _TOKEN.findall(text or ""):
        if token in _OR:
            join_next = bool(query.groups)
            continue
        if token in _NOT:
            negate_next = True
            continue
        negate = negate_next or (token.startswith("-") and len(token) > 1)
        term = _term(token[1:] if token.startswith("-") and not negate_next else token)
        negate_next = False
        if term is None:
            continue
        if negate:
            query.excluded.append(term)
            join_next = False
        elif join_next:
            query.groups[-1].append(term)
            join_next = False
        else:
            query.groups.append([term])
    return _without_stop_words(query)


def _without_stop_words(query: TextQuery) -> TextQuery:
    """Drop single stop words: they are not in PostgreSQL's french vectors either, so a query
    of stop words alone finds nothing on both stores."""
    stops = stop_words()

    def is_stop(term: Term) -> bool:
        return not term.phrase and not term.prefix and fold(term.words[0]) in stops

    query.groups = [g for g in ([t for t in g if not is_stop(t)] for g in query.groups) if g]
    query.excluded = [t for t in query.excluded if not is_stop(t)]
    return query


# -- SQLite FTS5 ------------------------------------------------------------------------------


def _fts5_term(term: Term) -> str:
    if term.prefix:
        return f'"{term.stems[0]}"*'
    return '"' + " ".join(term.stems) + '"'


def to_fts5(query: TextQuery) -> tuple[str | None, str | None]:
    """(what must match, what must not) as FTS5 MATCH strings over stems; None when empty.

    Every word is a quoted FTS5 string, so user input is never FTS5 syntax.
    """
    must = " AND ".join("(" + " OR ".join(_fts5_term(t) for t in g) + ")" for g in query.groups)
    must_not = " OR ".join(_fts5_term(t) for t in query.excluded)
    return must or None, must_not or None


# -- highlighting -----------------------------------------------------------------------------


def highlight(text: str, query: TextQuery) -> list[tuple[int, int]]:
    """(start, end) of the words of ``text`` that the query's terms match, in order.

    A word matches a word term when their stems are equal (any form of the word), a prefix
    term when it starts with it; a phrase marks its words only where they come in order.
    Excluded terms are never marked.
    """
    words = [(m.start(), m.end(), stem(m.group())) for m in WORD.finditer(text or "")]
    marked: set[int] = set()
    for term in query.positive_terms():
        if term.prefix:
            marked.update(i for i, (s, e, _) in enumerate(words) if fold(text[s:e]).startswith(term.stems[0]))
            continue
        size = len(term.stems)
        for i in range(len(words) - size + 1):
            if all(words[i + k][2] == term.stems[k] for k in range(size)):
                marked.update(range(i, i + size))
    return [(words[i][0], words[i][1]) for i in sorted(marked)]
