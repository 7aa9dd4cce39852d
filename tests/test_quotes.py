"""Step 3 of quote finding, on parsed sentences: quotes assembled from marks and cues, speakers
not yet resolved (the mention is the words at the cue); and the Scan they read."""

from __future__ import annotations

import pytest

from guillemet.find.quotes import find_quotes
from guillemet.find.scan import Scan, trim
from parsed import FR, parse


def quotes_of(text, ignored=()):
    doc = parse(text)
    return [(f.kind, text[f.content[0]:f.content[1]], text[f.cue[0]:f.cue[1]] if f.cue else None,
             doc[slice(*f.mention)].text if f.mention else None)
            for f in find_quotes(doc, FR, list(ignored))]


# (sentence, [(kind, content, cue, mention)])
QUOTES = [
    ("« Nous tiendrons bon », a déclaré Paul Durand.",
     [("direct", "Nous tiendrons bon", "a déclaré", "Paul Durand")]),
    ("Claire Martin a déclaré : « Le budget est prêt. »",
     [("direct", "Le budget est prêt.", "a déclaré", "Claire Martin")]),
    # an incise inside the quotation: two quotes, one cue
    ("« A, dit-elle, sera fait. B suivra. »",
     [("direct", "A", "dit-elle", "-elle"), ("direct", "sera fait. B suivra.", "dit-elle", "-elle")]),
    # a quotation standing alone continues the speaker before it: no cue, no mention
    ("« Nous ouvrirons trois écoles. »", [("direct", "Nous ouvrirons trois écoles.", None, None)]),
    ("Le ministre a déclaré que la réforme serait votée en juin.",
     [("indirect", "la réforme serait votée en juin", "a déclaré", "Le ministre")]),
    ("Le maire a qualifié la réforme d'« injuste et brutale ».",
     [("mixed", "injuste et brutale", "a qualifié", "Le maire")]),
    # "according to" markers, before and after the claim, and "Pour X," at a sentence's head
    ("Selon la préfecture, 300 personnes ont manifesté samedi.",
     [("according_to", "300 personnes ont manifesté samedi", "Selon", "la préfecture")]),
    ("Quelque 300 personnes ont manifesté samedi, selon la préfecture.",
     [("according_to", "Quelque 300 personnes ont manifesté samedi", "selon", "la préfecture")]),
    ("D’après le syndicat, la grève sera reconduite lundi.",
     [("according_to", "la grève sera reconduite lundi", "D’après", "le syndicat")]),
    ("Pour le maire Louis Bernard, la ville doit investir davantage.",
     [("according_to", "la ville doit investir davantage", "Pour", "le maire Louis Bernard")]),
    ("Les travaux dureront encore deux ans, d'après un ingénieur cité par Le Parisien.",
     [("according_to", "Les travaux dureront encore deux ans", "d'après", "un ingénieur")]),
    # an impersonal cue is an "according to" quote
    ("Le pont sera fermé, a-t-on appris de source policière.",
     [("according_to", "Le pont sera fermé", "a-t-on appris", "source policière")]),
]


@pytest.mark.parametrize("text,expected", QUOTES)
def test_quotes_found(text, expected):
    assert quotes_of(text) == expected


# no quote: a term in marks, a title, "pour" of purpose, "selon" of manner
NO_QUOTE = [
    "Les « gilets jaunes » ont manifesté samedi.",
    "Le film « Les Misérables » sort mercredi.",
    "Pour la première fois, le club a gagné à l'extérieur.",
    "Les sondages sont réalisés selon la méthode des quotas.",
    "La préfecture a déclenché le plan « grand froid » mardi.",
]


@pytest.mark.parametrize("text", NO_QUOTE)
def test_no_quote(text):
    assert quotes_of(text) == []


def test_an_ignored_stretch_holds_no_quote():
    text = "Lire aussi : « Le maire parle », a dit Paul Durand.\n« Nous tiendrons bon », a déclaré Claire Martin."
    first_line = (0, text.index("\n"))
    assert [q[1] for q in quotes_of(text)] == ["Le maire parle", "Nous tiendrons bon"]
    assert [q[1] for q in quotes_of(text, [first_line])] == ["Nous tiendrons bon"]


def test_scan_reads_marks_cues_and_sentences_once():
    text = "M. Durand est arrivé. « Oui », a-t-il dit. Fin."
    scan = Scan.of(parse(text), FR)
    assert [text[m.start:m.end] for m in scan.quotations] == ["Oui"]
    assert [text[c.chars[0]:c.chars[1]] for c in scan.cues] == ["a-t-il dit"]
    assert all(scan.cue_of_token[i] is scan.cues[0] for i in range(*scan.cues[0].tokens))
    # "M." ends no sentence (an abbreviation of the language); the full stop after "arrivé" does
    assert scan.sentences.sentence_start(text.index("Durand")) == 0
    assert scan.sentences.sentence_start(text.index("« Oui")) == text.index("« Oui")
    assert scan.token_at[text.index("Oui")] == 6


def test_trim_strips_edges():
    text = " , le pont tiendra. "
    assert text[slice(*trim(text, 0, len(text)))] == "le pont tiendra"
