"""Step 2 of quote finding, on parsed sentences: verbs of saying, their subject and what they
frame; and the syntax readings they rest on."""

from __future__ import annotations

import pytest

from guillemet import syntax
from guillemet.find.cues import cue_lemma, find_cues
from parsed import FR, parse


def cues_of(text):
    doc = parse(text)
    out = []
    for c in find_cues(doc, FR):
        subject = doc[slice(*c.subject_span)].text if c.subject_span else None
        content = text[c.content[0]:c.content[1]].strip() if c.content else None
        out.append((text[c.chars[0]:c.chars[1]], c.lemma, subject, c.inverted, content))
    return out


# (sentence, (verb group, lemma, subject mention, inverted, framed content)) — the first cue
CUES = [
    ("« Nous tiendrons bon », a déclaré Paul Durand.",
     ("a déclaré", "déclarer", "Paul Durand", True, None)),
    ("« Je suis fatigué », dit-il.", ("dit-il", "dire", "-il", True, None)),
    ("« Le budget est prêt », a-t-elle affirmé.", ("a-t-elle affirmé", "affirmer", "-elle", True, None)),
    ("« Nous tiendrons bon », a déclaré vendredi à l’AFP le maire Louis Bernard.",
     ("a déclaré", "déclarer", "le maire Louis Bernard", True, None)),
    ("« Allez, courage », les encourageait Claire Martin depuis le trottoir.",
     ("les encourageait", "encourager", "Claire Martin", True, None)),
    # the clause frame
    ("Le ministre Jean Dupuis a déclaré que la réforme serait votée en juin.",
     ("a déclaré", "déclarer", "Le ministre Jean Dupuis", False, "la réforme serait votée en juin")),
    # the object_clause frame: a person told between the verb and its clause
    ("Le maire a averti les habitants que l'eau serait coupée.",
     ("a averti", "avertir", "Le maire", False, "l'eau serait coupée")),
    # infinitive, to_infinitive and of_infinitive frames
    ("Le maire a dit vouloir rouvrir le pont.", ("a dit", "dire", "Le maire", False, "vouloir rouvrir le pont")),
    ("Le gouvernement a appelé les grévistes à reprendre le travail.",
     ("a appelé", "appeler", "Le gouvernement", False, "reprendre le travail")),
    ("La préfecture a demandé aux habitants de rester chez eux.",
     ("a demandé", "demander", "La préfecture", False, "rester chez eux")),
    # of_phrase and about_phrase frames
    ("La mairie a fait état de 300 plaintes en un mois.",
     ("a fait état", "faire état", "La mairie", False, "300 plaintes en un mois")),
    ("Le syndicat a alerté sur la fermeture du site.",
     ("a alerté", "alerter", "Le syndicat", False, "la fermeture du site")),
    # an impersonal source: the phrase after the verb
    ("Le pont sera fermé, a-t-on appris de source policière.",
     ("a-t-on appris", "apprendre", "source policière", True, None)),
    # a verb the tagger left as its own lemma: the French infinitive_of hook
    ("« Tout va bien », remarque Jean Dupont, souriant.", ("remarque", "remarquer", "Jean Dupont", True, None)),
    # an impersonal passive names no source
    ("Il a été annoncé que le pont serait fermé.",
     ("a été annoncé", "annoncer", None, False, "le pont serait fermé")),
]


@pytest.mark.parametrize("text,expected", CUES)
def test_cue_found(text, expected):
    got = cues_of(text)
    assert got and got[0] == expected, got


# no verb of saying: thought, observation, learning, an adjective, a thing as subject, an answer
NO_CUE = [
    "Il pense que la réforme est injuste.",
    "Le journal a pu constater que la salle était pleine.",
    "Il a appris que sa mère était malade.",
    "Le projet, jugé trop coûteux par les experts, a été abandonné.",
    "Si la courbe monte, cela signifie que les ventes progressent.",
    "Dans la région, 6 % des interrogés se disent « très satisfaits » du maire.",
    "La pluie tombe sur la ville depuis lundi.",
]


@pytest.mark.parametrize("text", NO_CUE)
def test_no_cue(text):
    assert cues_of(text) == []


def test_frames_are_those_of_the_lexicon():
    doc = parse("La mairie a fait état de 300 plaintes en un mois.")
    (cue,) = find_cues(doc, FR)
    assert cue.frames == FR.frames("faire état") == {"of_phrase", "inverted", "mixed"}


def test_cue_lemma_of_a_word_that_is_no_verb_is_none():
    doc = parse("La table est ronde.")
    assert [cue_lemma(t, FR) for t in doc] == [None] * len(doc)


# syntax readings: (sentence, verb, verb group, inverted pronoun)
GROUPS = [
    ("« Oui », a-t-il dit.", "dit", "a-t-il dit", "-il"),
    ("« Oui », dit-elle.", "dit", "dit-elle", "-elle"),
    ("Paul s’est félicité du vote.", "félicité", "s’est félicité", None),
    ("Le maire a également averti les habitants.", "averti", "a également averti", None),
]


@pytest.mark.parametrize("text,verb,group,pronoun", GROUPS)
def test_verb_group_and_inverted_pronoun(text, verb, group, pronoun):
    doc = parse(text)
    tok = next(t for t in doc if t.text == verb)
    lo, hi = syntax.verb_group(tok, FR)
    assert doc[lo:hi].text == group
    found = syntax.inverted_pronoun(tok, FR)
    assert (found.text if found is not None else None) == pronoun


def test_inversion_prefix_and_link():
    assert syntax.without_inversion_prefix("-il", FR) == "il"
    assert syntax.without_inversion_prefix("il", FR) == "il"
    doc = parse("« Oui », a-t-il dit.")
    assert [t.text for t in doc if syntax.is_inversion_link(t, FR)] == ["-t"]


def test_gerund_hook():
    doc = parse("Il a répondu en souriant aux journalistes.")
    souriant = next(t for t in doc if t.text == "souriant")
    assert FR.is_gerund(souriant) and syntax.is_participle_clause(souriant, FR)
    assert not FR.is_gerund(next(t for t in doc if t.text == "répondu"))


def test_a_relative_word_the_parse_hangs_on_a_subject_is_no_part_of_its_phrase():
    # "… en Bretagne où les maires ont annoncé …" parsed with "où" under "maires" (as the
    # tagger does in some sentences): the mention is "les maires"
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from guillemet import syntax

    words = ["une", "première", "en", "Bretagne", "où", "les", "maires", "ont", "annoncé"]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 3, 1, 6, 6, 8, 8, 1],
              deps=["det", "ROOT", "case", "nmod", "nmod", "det", "nsubj", "aux:tense", "acl:relcl"],
              pos=["DET", "NOUN", "ADP", "PROPN", "PRON", "DET", "NOUN", "AUX", "VERB"],
              morphs=["", "", "", "", "PronType=Rel", "", "", "", ""])
    assert syntax.noun_phrase(doc[6]) == (5, 7)
