"""The search syntax (guillemet.store.textquery): parse, FTS5 strings, highlights."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guillemet.store.textquery import fold, highlight, index_text, parse, stem, to_fts5

# query → (what must match, what must not), as FTS5 strings over stems
PARSED = [
    ("grève", ('("grev")', None)),
    ("Grèves", ('("grev")', None)),
    ("la grève des dockers", ('("grev") AND ("docker")', None)),    # common words left out
    ('"pouvoir d\'achat"', ('("pouvoir d achat")', None)),          # a phrase keeps them
    ("grève OR manifestation", ('("grev" OR "manifest")', None)),
    ("grève | manifestation", ('("grev" OR "manifest")', None)),
    ("grève NOT port", ('("grev")', '"port"')),
    ("grève -port -police", ('("grev")', '"port" OR "polic"')),
    ("NOT grève", (None, '"grev"')),
    ("électri*", ('("electri"*)', None)),
    ("porte-parole", ('("port parol")', None)),                     # hyphenated: adjacent words
    ("OR grève", ('("grev")', None)),                               # a dangling operator is ignored
    ("grève OR", ('("grev")', None)),
    ('"AND (NEAR*', ('("and near")', None)),                        # FTS5 syntax is just words
    ("le la des", (None, None)),                                    # nothing left to look for
    ("", (None, None)),
]


@pytest.mark.parametrize("query,expected", PARSED)
def test_parse_to_fts5(query, expected):
    assert to_fts5(parse(query)) == expected


@pytest.mark.parametrize("a,b", [("grève", "grèves"), ("greve", "GRÈVES"), ("céderons", "ceder"),
                                 ("électricité", "electricite"), ("élections", "élection")])
def test_forms_of_a_word_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_fold_and_index_text():
    assert fold("Élysée ÇA Œuvre") == "elysee ca œuvre"
    assert index_text("L'électricité coûtera") == "l electricit cout"


@pytest.mark.parametrize("text,query,marked", [
    ("Les grèves du port, la Grève générale.", "grève", ["grèves", "Grève"]),
    ("le pouvoir d'achat baisse, pouvoir", '"pouvoir d\'achat"', ["pouvoir", "d", "achat"]),
    ("électricité, électrique et électronique", "électri*", ["électricité", "électrique"]),
    ("la grève du port", "grève NOT port", ["grève"]),
    ("rien à voir", "grève", []),
])
def test_highlight(text, query, marked):
    assert [text[s:e] for s, e in highlight(text, parse(query))] == marked


@given(st.text(max_size=60))
def test_any_input_parses_to_safe_fts5(text):
    must, must_not = to_fts5(parse(text))
    for part in (must, must_not):
        if part:
            # every string is quoted; quotes inside never appear unescaped
            assert part.count('"') % 2 == 0


def test_concurrent_searches_stem_each_word_as_one_search_does():
    """A server highlights hits in many threads at once: every thread's stems must be those
    of a lone thread (a shared Snowball stemmer mixed words up: IndexError, HTTP 500)."""
    import sys
    import threading

    from guillemet.store import textquery

    words = [f"{stem}{suffix}" for stem in ("manifest", "gouvern", "déclar", "annonc", "réform", "négoci")
             for suffix in ("ations", "erions", "issements", "aient", "eraient", "ement", "ités")]
    expected = {w: textquery._stemmer().stemWord(textquery.fold(w)) for w in words}
    failures: list[str] = []

    def work() -> None:
        try:
            for _ in range(60):
                for w in words:
                    got = textquery._stemmer().stemWord(textquery.fold(w))
                    if got != expected[w]:
                        failures.append(f"{w} → {got}")
        except Exception as exc:  # noqa: BLE001 - what a shared stemmer raised
            failures.append(repr(exc))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not failures, failures[:5]
