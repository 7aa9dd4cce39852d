"""The same quote, or nearly (guillemet.variants): text keys, variants, word differences."""

from __future__ import annotations

import pytest

from guillemet.variants import Wording, WordingIndex, diff_words, is_variant, text_key, variant_ratio

QUOTE = "Nous ne céderons pas au chantage des syndicats"


@pytest.mark.parametrize("other", [
    "Nous ne céderons pas au chantage des syndicats",
    "nous ne CEDERONS pas, au chantage des syndicats !",      # case, accents, punctuation
    "Nous  ne céderons pas au chantage des syndicats.",       # spacing
])
def test_same_words_same_key(other):
    assert text_key(other) == text_key(QUOTE)


# (other wording, a variant of QUOTE?)
VARIANTS = [
    ("Nous ne céderons jamais au chantage des syndicats", True),              # one word changed
    ("Nous ne céderons pas au chantage des syndicats, ni aujourd'hui ni demain", True),  # longer
    ("Nous ne céderons pas au chantage", True),                                # cut short
    ("Les syndicats ne céderont pas au chantage du gouvernement", False),     # another statement
    ("La réforme sera votée", False),
    ("Nous ne céderons pas au chantage des syndicats", False),                 # the same words
    ("", False),
]


@pytest.mark.parametrize("other,expected", VARIANTS)
def test_variants(other, expected):
    assert (is_variant(QUOTE, other) is not None) == expected


def test_diff_marks_the_words_each_side_lacks():
    left, right = diff_words("Nous ne céderons pas au chantage", "Nous ne céderons jamais au Chantage !")
    assert [p.text for p in left if p.changed] == ["pas"]
    assert [p.text for p in right if p.changed] == ["jamais", "!"]
    assert "".join(p.text for p in left) == "Nous ne céderons pas au chantage"
    assert "".join(p.text for p in right) == "Nous ne céderons jamais au Chantage !"


def test_the_index_finds_every_wording_sharing_enough_words():
    """WordingIndex.sharing keeps exactly the wordings variant_ratio's word test lets through,
    so skipping the others loses no variant."""
    texts = [other for other, _ in VARIANTS] + [QUOTE, "Au chantage nous répondrons", "Des syndicats",
                                               "La grève des syndicats durera", "céderons céderons chantage"]
    wordings = [Wording.of(t) for t in texts]
    index = WordingIndex(wordings)
    for text in texts + ["Nous ne céderons pas", "chantage", "Rien de commun ici", ""]:
        mine = Wording.of(text)
        expected = [i for i, w in enumerate(wordings)
                    if mine.word_set and w.word_set
                    and 2 * len(mine.word_set & w.word_set) >= min(len(mine.word_set), len(w.word_set))]
        assert [i for i in index.sharing(mine) if wordings[i].word_set] == expected, text
        assert [i for i in range(len(texts)) if variant_ratio(mine, wordings[i])] == \
            [i for i in index.sharing(mine) if variant_ratio(mine, wordings[i])]
