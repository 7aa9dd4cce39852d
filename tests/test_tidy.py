"""What every quote must satisfy (guillemet/tidy.py), on parsed sentences of our own."""

from __future__ import annotations

import pytest

from guillemet import nlp as nlp_mod
from guillemet.found import Found
from guillemet.lang import get_language
from guillemet.tidy import is_noun_phrase, tidy


@pytest.fixture(scope="module")
def parse():
    nlp = nlp_mod.load(get_language("fr").model)
    return lambda text: nlp(text)


def _span(text, part):
    start = text.index(part)
    return start, start + len(part)


def _tokens(doc, part):
    s, e = _span(doc.text, part)
    span = doc.char_span(s, e, alignment_mode="expand")
    return span.start, span.end


@pytest.mark.parametrize("text,mention,expected", [
    ("Il a déclaré que le pont était fermé.", "Il", True),
    ("Ce dernier a expliqué que la route serait coupée.", "Ce dernier", True),
    ("La maire de Lille a annoncé la fermeture.", "La maire de Lille", True),
    ("Un, deux, trois, a compté la foule.", "Un", False),
])
def test_a_mention_is_a_noun_phrase(parse, text, mention, expected):
    doc = parse(text)
    lo, hi = _tokens(doc, mention)
    assert is_noun_phrase(doc[lo:hi]) is expected


def test_a_content_holding_its_own_verb_cue_is_split_in_two(parse):
    text = "Le vieux pont de pierre, a précisé le maire, restera fermé tout l'hiver."
    doc = parse(text)
    found = Found("indirect", _span(text, text[:-1]), cue=_span(text, "a précisé"),
                  mention=_tokens(doc, "le maire"))
    got = [(f.kind, text[f.content[0]:f.content[1]], f.cue is not None) for f in tidy(doc, [found])]
    assert got == [("indirect", "Le vieux pont de pierre", True), ("indirect", "restera fermé tout l'hiver", False)]


def test_a_marker_heading_its_own_claim_is_cut_off(parse):
    text = "Selon la préfecture, la route est coupée."
    doc = parse(text)
    found = Found("according_to", _span(text, text[:-1]), cue=_span(text, "Selon"), mention=_tokens(doc, "la préfecture"))
    assert [text[f.content[0]:f.content[1]] for f in tidy(doc, [found])] == ["la route est coupée"]


def test_a_marker_inside_its_claim_stays(parse):
    text = "Les dégâts, selon la préfecture, dépassent un million d'euros."
    doc = parse(text)
    found = Found("according_to", _span(text, text[:-1]), cue=_span(text, "selon"), mention=_tokens(doc, "la préfecture"))
    assert [f.content for f in tidy(doc, [found])] == [_span(text, text[:-1])]


def test_a_verbless_subject_before_its_cue_is_no_reported_clause(parse):
    text = "Le maire de Villeneuve, Jeanne Martin, a annoncé mardi la fermeture du pont."
    doc = parse(text)
    found = Found("indirect", _span(text, "Le maire de Villeneuve, Jeanne Martin"), cue=_span(text, "a annoncé"),
                  mention=_tokens(doc, "la fermeture du pont"))
    assert tidy(doc, [found]) == []


def test_the_issues_sentence_credits_jeanne_martin():
    from guillemet.pipeline import extract

    got = [(q.kind, q.content_text, q.speaker) for q in extract(
        "Le maire de Villeneuve-sur-Lot, Jeanne Martin, a annoncé mardi la fermeture du pont de pierre. "
        "« Le pont est dangereux », a-t-elle déclaré.")]
    assert got == [("direct", "Le pont est dangereux", "Jeanne Martin")]


@pytest.mark.parametrize("text,content,cue,cut,whole", [
    # the mention stops at the link, or just before it: it goes on over the office served
    ("« Le dossier est clos », a affirmé le secrétaire d’État auprès du ministre des Armées, Luc Berthier.",
     "Le dossier est clos", "a affirmé", "le secrétaire d’État", "le secrétaire d’État auprès du ministre des Armées"),
    ("La secrétaire d’État auprès de la ministre des Sports a déclaré que le dossier était clos.",
     "le dossier était clos", "a déclaré", "La secrétaire d’État auprès",
     "La secrétaire d’État auprès de la ministre des Sports"),
])
def test_a_role_goes_on_over_the_office_it_serves(parse, text, content, cue, cut, whole):
    doc = parse(text)
    found = Found("direct", _span(text, content), cue=_span(text, cue), mention=_tokens(doc, cut))
    (tidied,) = tidy(doc, [found], get_language("fr"))
    lo, hi = tidied.mention
    assert doc[lo:hi].text == whole
