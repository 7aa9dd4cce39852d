"""Step 1 of quote finding, on text alone: the stretches inside quotation marks."""

from __future__ import annotations

import pytest

from guillemet.find.marks import find_marked
from guillemet.lang import get_language

PAIRS = get_language("fr").quote_pairs


def stretches(text):
    return [(text[m.start:m.end], m.depth) for m in find_marked(text, PAIRS)]


# (text, [(content, depth)]): every family of marks, nesting, paragraphs reopened with «
MARKED = [
    ("Il a dit « oui » hier.", [("oui", 0)]),
    ("Il a dit «\u202foui\u202f» hier.", [("oui", 0)]),
    ("“Oui”, a-t-il dit.", [("Oui", 0)]),
    ("„Ja“, sagte er.", [("Ja", 0)]),
    ("‹ Oui ›, dit-il.", [("Oui", 0)]),
    ('Il a dit "oui" et "non".', [("oui", 0), ("non", 0)]),
    ("« A « B » C »", [("A « B » C", 0), ("B", 1)]),
    ("« A “B” C »", [("A “B” C", 0), ("B", 1)]),
    ("« Oui ».\n« Non ».", [("Oui", 0), ("Non", 0)]),
    ("Il a dit : « Premier.\n« Second. »\nFin.", [("Premier.\n« Second.", 0)]),
]


@pytest.mark.parametrize("text,expected", MARKED)
def test_marked_stretches(text, expected):
    assert stretches(text) == expected


# text with no quotation in it: apostrophes, a lone inch mark, a mark that never closes
NOT_MARKED = [
    "L’homme d’affaires est là.",
    'Un écran de 27" est grand.',
    "Il a dit « jamais fermé.\nLe reste de l'article.",
    "Aucune citation ici.",
]


@pytest.mark.parametrize("text", NOT_MARKED)
def test_nothing_marked(text):
    assert stretches(text) == []


def test_marks_never_swallow_the_article():
    text = "Il a dit « jamais fermé.\nLe reste de l'article. « Court », a dit Paul Martin."
    assert all("Le reste" not in content for content, _ in stretches(text))
    assert ("Court", 0) in stretches(text)


def test_a_stretch_longer_than_the_limit_is_a_stray_mark():
    text = "« Oui » puis « " + "mot " * 2000 + "»"
    assert stretches(text) == [("Oui", 0)]


EN_PAIRS = get_language("en").quote_pairs


def english_stretches(text):
    return [(text[m.start:m.end], m.depth) for m in find_marked(text, EN_PAIRS)]


# English: curly and straight, double and single marks; apostrophes are no marks; a
# quotation over several paragraphs opens each with its mark and closes only at the end
ENGLISH_MARKED = [
    ("He said “yes” today.", [("yes", 0)]),
    ('He said "yes" and "no".', [("yes", 0), ("no", 0)]),
    ("He said ‘yes’ today.", [("yes", 0)]),
    ("He said 'yes' today.", [("yes", 0)]),
    ("“I don’t know,” said O’Neil, the senator’s aide.", [("I don’t know,", 0)]),
    ("'It's Clinton's plan,' he said.", [("It's Clinton's plan,", 0)]),
    ("“He told me ‘never’ and left,” she said.", [("He told me ‘never’ and left,", 0), ("never", 1)]),
    ('"He told me \'never\' and left," she said.', [("He told me 'never' and left,", 0), ("never", 1)]),
    ("''We won,'' he said.", [("We won,", 0)]),
    ("“We won.\n\n“Now we govern.”", [("We won.\n\n“Now we govern.", 0)]),
    ('"We won.\n\n"Now we govern."', [('We won.\n\n"Now we govern.', 0)]),
    ("“We won,\" he said.", [("We won,", 0)]),
]


@pytest.mark.parametrize("text,expected", ENGLISH_MARKED)
def test_english_marked_stretches(text, expected):
    assert english_stretches(text) == expected


ENGLISH_NOT_MARKED = [
    "It's the senators' plan, and it doesn't work.",
    "Rock ’n’ roll isn’t dead.",
    '"We won.\nThe rest is the author\'s.',  # a straight mark that never closes, no next paragraph opened
]


@pytest.mark.parametrize("text", ENGLISH_NOT_MARKED)
def test_english_nothing_marked(text):
    assert english_stretches(text) == []
