"""Speaker resolution, on parsed sentences: each quote's mention to the article's source it
names or points to; and the name helpers it rests on."""

from __future__ import annotations

import pytest

from guillemet.find.quotes import find_quotes
from guillemet.found import Found
from guillemet.resolve import Entity, best_name, fold, name_words, resolve_speakers
from parsed import FR, parse


def resolved(text):
    doc = parse(text)
    found = find_quotes(doc, FR)
    return [(text[f.content[0]:f.content[1]], r.speaker, r.type) for f, r in zip(found, resolve_speakers(doc, FR, found))]


# (text, content of the last quote, speaker, type)
RESOLVED = [
    # a pronoun to the subject before it, gender agreeing
    ("Claire Martin est arrivée à midi. « Le budget est prêt », a-t-elle déclaré.",
     "Le budget est prêt", "Claire Martin", "person"),
    # of two candidates, the subject
    ("Paul Durand a rencontré Claire Martin mardi. « La rencontre a été utile », a-t-il déclaré.",
     "La rencontre a été utile", "Paul Durand", "person"),
    # a description to the name it was tied to
    ("Le ministre des Sports Jean Dupuis était à Lyon. Le ministre des Sports a ensuite annoncé "
     "que les stades seraient rénovés.", "les stades seraient rénovés", "Jean Dupuis", "person"),
    # a continuation takes the previous speaker
    ("« Le projet est lancé », a déclaré Claire Martin.\n« Nous ouvrirons trois écoles avant la fin de l’année. »",
     "Nous ouvrirons trois écoles avant la fin de l’année.", "Claire Martin", "person"),
    # a generic noun to the organisation just named
    ("L’association Terre Vive a publié un communiqué mardi. « Nous attendons des actes », ajoute l’organisation.",
     "Nous attendons des actes", "Terre Vive", "organisation"),
    # a demonstrative to the phrase with the same noun
    ("Le journal cite une source proche de l’enquête. « Le suspect a été arrêté hier », a précisé cette source.",
     "Le suspect a été arrêté hier", "une source proche de l’enquête", "person"),
    # an indefinite pronoun is some of a group
    ("Paul Durand a salué la réforme. Les participants ont applaudi, même si certains ont déploré "
     "« l’absence des syndicats ».", "l’absence des syndicats", "certains", "group"),
    # a short name joins the fuller one
    ("« Nous tiendrons », a déclaré M. Durand. Plus tard, Paul Durand a ajouté que rien ne changerait.",
     "Nous tiendrons", "Paul Durand", "person"),
    # a name complementing the noun by a preposition of its own is someone else's
    ("« C’est fini », a déclaré l’avocate de Jean Dubois.", "C’est fini", "l’avocate de Jean Dubois", "person"),
    ("« C’est fini », a déclaré le porte-parole d’Emmanuel Macron.", "C’est fini",
     "le porte-parole d’Emmanuel Macron", "person"),
    # a title's name, with no preposition of its own, is the speaker
    ("« C’est fini », a déclaré la ministre de la Culture Rachida Dati.", "C’est fini", "Rachida Dati", "person"),
    # a name across its hyphen complements the noun as a whole ("Vendée-Atlantique", not "Atlantique")
    ("« Je suis très heureux », a déclaré l'entraîneur de la Vendée-Atlantique.", "Je suis très heureux",
     "l'entraîneur de la Vendée-Atlantique", "person"),
    # a party after a person's role is their affiliation, not their name
    ("« Les habitants ont choisi », a déclaré le maire UDI de Fontenay.", "Les habitants ont choisi",
     "le maire UDI de Fontenay", "person"),
    ("Jean Dulac, député Les Républicains, était présent. « C'est une faute grave », a dénoncé le député "
     "Les Républicains.", "C'est une faute grave", "Jean Dulac", "person"),
    # a title is no part of the name, even when a no-break space cuts the parser's entity
    ("Le maire Louis Bernard était à Lyon. « Les travaux commenceront en mars », a déclaré M.\u00a0Bernard "
     "lundi.", "Les travaux commenceront en mars", "Louis Bernard", "person"),
    # a relation named by a possessive is named after its owner (GUIDELINES: speakers of relation)
    ("Paul Durand a été reçu à la préfecture mardi. « Le dossier avance », a indiqué son entourage.",
     "Le dossier avance", "l’entourage de Paul Durand", "unknown"),
    # … unless the article names who holds it
    ("Paul Durand a été mis en examen. Son avocate, Me Claire Martin, conteste la procédure. « Il n’a rien "
     "fait », a déclaré son avocate.", "Il n’a rien fait", "Claire Martin", "person"),
    # "selon X": X itself
    ("Selon la préfecture, 300 personnes ont manifesté samedi.",
     "300 personnes ont manifesté samedi", "la préfecture", "organisation"),
]


@pytest.mark.parametrize("text,content,speaker,type_", RESOLVED)
def test_speaker_resolved(text, content, speaker, type_):
    got = [r for r in resolved(text) if r[0] == content]
    assert got == [(content, speaker, type_)], resolved(text)


# nothing to point to: the speaker stays unknown
UNRESOLVED = [
    "« Tout va bien », a-t-il dit.",
    "« Nous ouvrirons trois écoles. »",
]


@pytest.mark.parametrize("text", UNRESOLVED)
def test_unresolved(text):
    assert [(speaker, type_) for _, speaker, type_ in resolved(text)] == [(None, "unknown")]


def test_a_continuation_with_nothing_before_is_unresolved():
    text = "Rien avant. « Une phrase seule ici. »"
    start = text.index("Une")
    (res,) = resolve_speakers(parse(text), FR, [Found("direct", (start, text.index(" »")), continuation=True)])
    assert res.speaker is None and res.entity is None


def test_name_helpers():
    assert fold("L’Élysée") == "l elysee"
    assert name_words("M. Paul de Durand", FR) == {"paul", "durand"}
    person = Entity(name="Durand", type="person", aliases=["Paul Durand", "M. Durand"])
    assert best_name(person, FR) == "Paul Durand"
    body = Entity(name="Terre Vive", type="organisation", aliases=["l’association Terre Vive"])
    assert best_name(body, FR) == "Terre Vive"


@pytest.mark.parametrize("text,name", [
    ("Les manifestants se sont réunis place de la Bastille puis sur la place Jean-Moulin.", "Jean-Moulin"),
    ("Elle a étudié au lycée Victor Hugo avant de partir.", "Victor Hugo"),
    ("Le cortège a remonté la rue Paul Durand sans incident.", "Paul Durand"),
])
def test_a_name_after_a_place_noun_names_a_place_not_a_person(text, name):
    doc = parse(text)
    assert name in text and not [e for e in doc.ents if e.label_ == "PER" and name in e.text]
