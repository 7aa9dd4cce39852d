"""The speaker model's candidates and features, on short sentences we wrote; and the speakers
it chooses for the constructions it was built for (the shipped model, through ``extract``)."""

from __future__ import annotations

import numpy as np
import pytest

from guillemet import extract
from guillemet.evaluate import speaker_matches
from guillemet.found import Found
from guillemet.lang import get_language
from guillemet.learn import speakers
from guillemet.learn.lexicon import MIN_SAVED, SMOOTHING, Lexicon
from guillemet.learn.rules import run_rules
from guillemet.learn.speaker_training import SpeakerRows, lexicon_columns
from guillemet.nlp import load
from guillemet.record import Article

FR = get_language("fr")


def rules(text: str):
    doc = load(FR.model)(text)
    return run_rules(doc, Article(text=text, id="t"), FR)


def tokens(doc, phrase: str) -> tuple[int, int]:
    """Token range of the first occurrence of ``phrase`` in the parsed text."""
    start = doc.text.index(phrase)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    return span.start, span.end


# (sentence, mention, kind): what a quote's mention is
MENTION_KINDS = [
    ("Jean Dubois a déclaré que le pont fermerait.", "Jean Dubois", "name"),
    ("Le syndicat Alliance a déclaré que le pont fermerait.", "Le syndicat Alliance", "name"),
    # a role of a named body or person: someone else, whom the article may name
    ("Le président de la Fédération des artisans a déclaré que le pont fermerait.",
     "Le président de la Fédération des artisans", "role"),
    ("L’avocate de Jean Dubois a déclaré que le pont fermerait.", "L’avocate de Jean Dubois", "role"),
    ("La jeune femme a déclaré que le pont fermerait.", "La jeune femme", "description"),
    ("Elle a déclaré que le pont fermerait.", "Elle", "pronoun"),
]


@pytest.mark.parametrize("text,mention,kind", MENTION_KINDS)
def test_mention_kind(text, mention, kind):
    rp = rules(text)
    assert speakers.mention_kind(rp.entities, tokens(rp.entities.doc, mention)) == kind


# (name, proper): a proper name, or a description that may point to one
PROPER = [
    ("Jean Dubois", True), ("M. Dubois", True), ("la CGT", True), ("l’Élysée", True), ("les Britanniques", True),
    ("la secrétaire d’État", False), ("le ministre de l’Intérieur", False), ("le président Macron", False),
    ("gilets jaunes", False), ("la même source", False),
]


@pytest.mark.parametrize("name,proper", PROPER)
def test_is_proper(name, proper):
    assert speakers.is_proper(name) is proper


# (sentence, word, role): what a mention is to its clause
ROLES = [
    ("Le ministre a visité l’usine.", "ministre", "subject"),
    ("Les dégâts, estimés par la maire de Lyon, sont lourds.", "maire", "agent"),
    ("Selon le maire, les travaux dureront deux ans.", "maire", "marker"),
    ("L’avocate de Jean Dubois a fait appel.", "Jean", "genitive"),
    ("Le juge a entendu Jean Dubois mardi.", "Jean", "object"),
]


@pytest.mark.parametrize("text,word,role", ROLES)
def test_role(text, word, role):
    doc = load(FR.model)(text)
    tok = doc[tokens(doc, word)[0]]
    assert speakers._role(speakers._phrase_root(tok)) == role


def candidate_names(text: str):
    rp = rules(text)
    src = speakers.collect_candidates(rp.entities, [f.content for f in rp.found])
    return rp, src


def test_a_title_with_a_surname_is_a_mention_of_the_full_name():
    # "Le président Macron" names Emmanuel Macron: one candidate, not a second noun phrase
    text = "Emmanuel Macron est arrivé à Lyon. Le président Macron a visité l’usine."
    _, src = candidate_names(text)
    macron = [c for c in src.candidates if "macron" in c.alias_words]
    assert len(macron) == 1 and text.index("Le président") in macron[0].subject_at


def test_a_name_after_its_determiner_is_written_there():
    # the rules note "l’Élysée" at the determiner: the entity named "Élysée" is still a candidate
    rp, src = candidate_names("« Le président ne viendra pas », a indiqué l’Élysée.")
    assert any(speaker_matches(c.name, {"speaker": "l’Élysée"}) for c in src.candidates)


def test_a_short_name_inside_another_word_is_not_written_there():
    from guillemet.resolve import Entity

    assert not speakers._written_at("que la réforme passe", 0, Entity("UE"))
    assert speakers._written_at("l’UE a répondu", 0, Entity("UE"))


# (text, quote, name, inverted): a name right after a quote, after a verb in the same sentence
INVERTED = [
    # (the parser reads "s’inquiète" there as an adjective: a verb the parse knows)
    ("« Nous tiendrons », affirme Jean Dubois à Lyon.", "Nous tiendrons", "Jean Dubois", True),
    ("« Nous tiendrons. » Jean Dubois est arrivé ensuite.", "Nous tiendrons", "Jean Dubois", False),
]


@pytest.mark.parametrize("text,quote,name,inverted", INVERTED)
def test_named_after_content(text, quote, name, inverted):
    rp, src = candidate_names(text)
    end = text.index(quote) + len(quote)
    assert speakers._inverted_after(src, end, text.index(name)) is inverted


def test_lexicon_rates_smooth_toward_the_prior_and_leave_an_article_out():
    lex = Lexicon()
    for right in (True, True, True, False):
        lex.add("self", "parquet", right)
    for _ in range(4):
        lex.add("self", "femme", False)
    prior = 3 / 8
    assert lex.rate("self", "inconnu")[0] == pytest.approx(prior)
    assert lex.rate("self", "parquet")[0] == pytest.approx((3 + SMOOTHING * prior) / (4 + SMOOTHING))
    assert lex.rate("self", "femme")[0] < prior < lex.rate("self", "parquet")[0]
    own = Lexicon()
    own.add("self", "parquet", True, times=3)
    own.add("self", "parquet", False)
    assert lex.rate("self", "parquet", without=own) == (pytest.approx(prior), 0.0)


def test_lexicon_saves_frequent_keys_and_its_priors():
    lex = Lexicon()
    lex.add("candidate", "parquet", True, times=MIN_SAVED)
    lex.add("candidate", "loi", False, times=MIN_SAVED - 1)
    back = Lexicon.from_meta(lex.to_meta())
    assert "loi" not in back.counts["candidate"]
    assert back.rate("candidate", "parquet") == pytest.approx(lex.rate("candidate", "parquet"), abs=1e-4)
    assert back.prior("candidate") == 1.0
    assert back.priors["candidate"] == pytest.approx(lex.prior("candidate"), abs=1e-4)


def test_training_rows_read_the_lexicon_without_their_own_article():
    mkeys = ("femme", ("jeune",))
    ckeys = ("<person>", ())
    rows = SpeakerRows(y=[1, 0], article=[0, 1], keys=[(mkeys, ckeys), (mkeys, ckeys)])
    for a, right in ((0, False), (1, True)):
        rows.lexicons[a] = Lexicon()
        speakers.count_lexicon(rows.lexicons[a], mkeys, right, [(ckeys, right)])
    cols = lexicon_columns(rows, rows.lexicon(), leave_out=True)
    i = speakers.LEXICON_FEATURES.index("lex_self")
    # article 0 reads article 1's count (right), article 1 reads article 0's (wrong)
    assert cols[0, i] > cols[1, i]


def test_a_description_pairs_with_the_nouns_its_holder_was_described_by():
    # "l'édile" was, in the training articles, the person the article had called "maire"
    lex = Lexicon()
    mayor, other = ("<person>", ("maire",)), ("<person>", ("ministre",))
    for _ in range(10):
        speakers.count_lexicon(lex, ("edile", ()), False, [(mayor, True), (other, False)])
    i, seen = speakers.LEXICON_FEATURES.index("lex_pair"), speakers.LEXICON_FEATURES.index("lex_pair_seen")
    to_mayor = speakers.lexicon_features(lex, ("edile", ()), mayor)
    to_other = speakers.lexicon_features(lex, ("edile", ()), other)
    assert to_mayor[i] > 0.8 > 0.2 > to_other[i] and to_mayor[seen] > 0
    # a pronoun pairs with nothing: the table's prior, never seen
    assert speakers.lexicon_features(lex, ("<pronoun>", ()), mayor)[seen] == 0.0


class _AgainstRules:
    """A stand-in ranker that puts every candidate before the rules' choice."""

    meta = {"params": {"objective": "lambdarank"}}

    def predict(self, rows):
        return np.array([-5.0 * row[speakers.FEATURES.index("rule_choice")] for row in rows])


def test_the_model_overrides_the_rules_only_by_the_margin():
    rp = rules("Jean Dubois a reçu Paul Martin. « Nous tiendrons », a-t-il déclaré.")
    ruled = rp.resolved[-1].speaker
    assert ruled in ("Jean Dubois", "Paul Martin")
    assert speakers.choose_speakers(rp, _AgainstRules(), margin=1.0)[-1].speaker == ruled
    assert speakers.choose_speakers(rp, _AgainstRules(), margin=0.0)[-1].speaker != ruled


def test_a_name_written_at_the_cue_stays_the_speaker():
    rp = rules("Claire Martin est arrivée. « Nous tiendrons », a déclaré Paul Durand.")
    assert speakers.choose_speakers(rp, _AgainstRules(), margin=0.0)[-1].speaker == "Paul Durand"


# (text, speaker): constructions the speaker model resolves that the rules alone got wrong or
# left as a bare description
CHOSEN = [
    # a definite description for the person the article named with that title
    ("Le ministre de l’Économie Jean Dubois a visité l’usine de Lyon mardi. "
     "« Nous tiendrons », a déclaré le ministre.", "Jean Dubois"),
    # a pronoun for the person it agrees with, not the last name written
    ("Claire Martin a reçu Paul Durand à la mairie. « Le budget est prêt », a-t-elle déclaré.", "Claire Martin"),
    # the name after a determiner
    ("« Le président ne viendra pas », a indiqué l’Élysée.", "l’Élysée"),
]


@pytest.mark.parametrize("text,speaker", CHOSEN)
def test_speaker_chosen(text, speaker):
    quotes = extract(text)
    assert quotes and speaker_matches(quotes[-1].speaker, {"speaker": speaker}), [q.speaker for q in quotes]


def test_found_without_mention_has_rows():
    rp = rules("Jean Dubois est maire de Lyon. Il parle du pont : « Nous tiendrons. »")
    src = speakers.collect_candidates(rp.entities, [f.content for f in rp.found])
    found = Found("direct", rp.found[-1].content)
    cands, rows = speakers.quote_rows(src, found, rp.resolved[-1], [])
    assert cands and all(len(r) == len(speakers.FEATURES) for r in rows)
