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
