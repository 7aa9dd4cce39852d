"""Who counts as a speaker, who as an identity across articles, which aliases a reader accepts."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from guillemet.record import Article, Quote, Speaker
from guillemet.speakers import SpeakerIdentity, clean_aliases, is_identity, is_speaker, settle_speakers

# (name, type, is a speaker, is an identity across articles)
NAMES = [
    # names
    ("Emmanuel Macron", "person", True, True),
    ("Marine Le Pen", "person", True, True),
    ("Jean-Luc Mélenchon", "person", True, True),
    ("Peskov", "person", True, True),            # a surname
    ("M. Philippe", "person", True, True),       # a title makes a given name a surname
    ("Me Philippe", "person", True, True),       # the lawyer: an identity of its own
    ("AFP", "media", True, True),
    ("l'AFP", "media", True, True),
    ("LFI", "organisation", True, True),
    ("Facebook", "unknown", True, True),
    # institutions by their description
    ("la police", "organisation", True, True),
    ("le parquet de Paris", "organisation", True, True),
    ("ministère de l'Intérieur", "organisation", True, True),
    # speakers in their article, no identity across articles
    ("Philippe", "person", True, False),         # a bare given name
    ("Emmanuel", "unknown", True, False),
    ("E.F.", "person", True, False),             # initials
    ("J.-M. L.", "person", True, False),
    ("Me", "person", True, False),               # a lone title
    ("la même source", "person", True, False),   # pointing back
    ("même source", "person", True, False),
    ("ce dernier", "unknown", True, False),
    ("Cette dernière", "unknown", True, False),
    ("l'intéressé", "unknown", True, False),
    ("l'un d'eux", "group", True, False),
    ("une source policière", "person", True, False),  # no one in particular
    ("un manifestant", "person", True, False),
    ("sa porte-parole", "person", True, False),
    ("Tout le monde", "unknown", True, False),
    ("le Premier ministre", "person", True, False),   # a role, not a name
    ("le chef de l'Etat", "person", True, False),
    ("l'accusé", "unknown", True, False),
    ("ministre de l'Intérieur", "organisation", True, False),  # a person's role, mistyped
    ("les manifestants", "group", True, False),
    ("Certains", "group", True, False),             # part of a group speaks
    ("journalistes", "group", True, False),
    ("le communiqué", "document", True, False),
    ("31% des Français", "unknown", True, False),
    # no speakers at all
    ("indiqué", "unknown", False, False),
    ("voiture", "unknown", False, False),
    ("photo", "unknown", False, False),
    ("22%", "unknown", False, False),
    ("71 %", "unknown", False, False),
    ("L'année 2018", "unknown", False, False),
    ("ce week-end", "unknown", False, False),
    ("Ce mardi matin", "unknown", False, False),
    ("mi-décembre", "unknown", False, False),
    ("Lundi", "person", False, False),
    ("-on", "unknown", False, False),
    ("« »", "unknown", False, False),
]


@pytest.mark.parametrize(("name", "type_", "speaker", "identity"), NAMES)
def test_who_is_a_speaker_and_an_identity(name, type_, speaker, identity):
    assert (is_speaker(name), is_identity(name, type_)) == (speaker, identity)


ALIASES = [
    ("Emmanuel Macron", ["Emmanuel", "Macron", "le président", "E.M.", "M.", "ce dernier"],
     ["Macron", "le président"]),
    ("Édouard Philippe", ["Philippe", "le Premier ministre", "la même source", "Édouard Philippe"],
     ["Philippe", "le Premier ministre"]),   # the surname stays, the name itself goes
    ("la police", ["La police", "les forces de l'ordre", "une source policière", "22%"],
     ["les forces de l'ordre"]),
]


@pytest.mark.parametrize(("name", "aliases", "kept"), ALIASES)
def test_clean_aliases(name, aliases, kept):
    assert clean_aliases(name, aliases) == kept


def _doc(words: list[str], pos: list[str]) -> Doc:
    return Doc(Vocab(), words=words, pos=pos)


def test_settle_speakers_takes_off_what_is_no_source():
    text = "Faut-il partir ? « Oui », a dit Paul Roux. « Non », selon la voiture."
    doc = _doc(["Faut", "-il", "partir", "?", "«", "Oui", "»", ",", "a", "dit", "Paul", "Roux", ".", "Certains"],
               ["AUX", "PRON", "VERB", "PUNCT", "PUNCT", "INTJ", "PUNCT", "PUNCT", "AUX", "VERB", "PROPN",
                "PROPN", "PUNCT", "PRON"])
    quotes = [Quote(kind="direct", content=(18, 21), content_text="Oui", speaker="Faut", speaker_id="unknown:faut"),
              Quote(kind="direct", content=(18, 21), content_text="Oui", speaker="Paul Roux",
                    speaker_id="person:paul-roux", speaker_type="person"),
              Quote(kind="according_to", content=(45, 48), content_text="Non", speaker="voiture",
                    speaker_id="unknown:voiture"),
              Quote(kind="indirect", content=(45, 48), content_text="Non", speaker="Certains",
                    speaker_id="group:certains", speaker_type="group")]
    speakers = [Speaker(id="unknown:faut", name="Faut"),
                Speaker(id="person:paul-roux", name="Paul Roux", type="person", aliases=["Paul", "Roux", "M."]),
                Speaker(id="unknown:voiture", name="voiture")]
    article = settle_speakers(Article(text=text, quotes=quotes, speakers=speakers), doc)
    assert [(q.speaker, q.speaker_id, q.speaker_type) for q in article.quotes] == [
        (None, None, "unknown"), ("Paul Roux", "person:paul-roux", "person"), (None, None, "unknown"),
        ("Certains", "group:certains", "group")]
    assert [(s.name, s.aliases) for s in article.speakers] == [("Paul Roux", ["Roux"])]


def test_a_name_in_the_alias_table_is_always_an_identity(tmp_path):
    from guillemet.identity import AliasTable

    table = AliasTable([("Le maître du Kremlin", "Vladimir Poutine", None)])
    assert SpeakerIdentity().group("Le maître du Kremlin", "person") is None
    assert SpeakerIdentity(table).group("Le maître du Kremlin", "person") == "person:kremlin"
    assert SpeakerIdentity(table).fingerprint != SpeakerIdentity().fingerprint
