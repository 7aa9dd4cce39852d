"""Gender from given names and pronouns (guillemet.gender): a table, negatives included."""

from __future__ import annotations

import pytest

from guillemet.gender import read_gender

# (name, type, mention texts of the speaker's quotes, expected gender)
GENDERS = [
    ("Claire Martin", "person", ["Claire Martin"], "female"),
    ("Paul Durand", "person", [], "male"),
    ("Jean-Luc Mélenchon", "person", [], "male"),              # hyphenated: its first part
    ("Élisabeth Borne", "person", [], "female"),               # accents
    ("Mme Claire Martin", "person", [], "female"),             # the title is skipped, not read
    ("Claire Martin", "person", ["il"], "female"),             # one stray pronoun does not flip it
    ("Claire Martin", "person", ["il", "il"], "unknown"),      # two do: the evidence disagrees
    ("Camille Roux", "person", ["elle", "elle"], "female"),    # a name used for both, pronouns decide
    ("Dominique Roux", "person", [], "unknown"),               # used for both, nothing else
    ("Mme Dupont", "person", [], "unknown"),                   # a title alone never decides
    ("la ministre", "person", [], "unknown"),
    ("Le Pen", "person", ["elle", "-t-elle", "elle"], "female"),  # pronouns alone, enough of them
    ("Dupont", "person", ["elle"], "unknown"),                 # one pronoun alone is too little
    ("Claire Martin", "organisation", [], "unknown"),          # only persons have a gender here
]


@pytest.mark.parametrize("name,type,mentions,expected", GENDERS)
def test_gender(name, type, mentions, expected):
    gender, evidence = read_gender(name, type, mentions)
    assert gender == expected
    if type != "person":
        assert evidence is None


def test_evidence_says_what_was_read():
    _, evidence = read_gender("Mme Camille Roux", "person", ["elle", "Camille Roux", "-t-il"])
    assert (evidence.given_name, evidence.name_gender) == ("Camille", "mostly_female")
    assert (evidence.female_pronouns, evidence.male_pronouns) == (1, 1)


def test_the_name_list_reads_as_gender_guesser_reads_it():
    import gender_guesser.detector as gd

    from guillemet.names import _detector

    assert _detector().names == gd.Detector(case_sensitive=False).names
