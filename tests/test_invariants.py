"""Invariants of every quote, checked over real press (../shared/data/fr-news.jsonl.gz).

CI reads the first 300 articles of the corpus (GUILLEMET_INVARIANT_ARTICLES raises that, up to
all 4,477). Each article is parsed once; the checks read the parse, independently of the code
that enforces them (guillemet/tidy.py):

- every speaker mention is a noun phrase: a name, a description headed by a noun, a pronoun;
- no content holds its own verb of saying, and no "according to" marker opens its own claim;
- a pronoun takes an antecedent of its gender whenever the article named one since the
  antecedent it took (gender is otherwise soft evidence: machine-translated press gets it
  wrong, as the seed's "a-t-il déclaré" about a woman);
- offsets are exact: each content, cue and mention is the text at its span.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os

import pytest

from guillemet import nlp as nlp_mod
from guillemet.lang import get_language
from guillemet.names import given_name_gender
from guillemet.record import Article
from shared_data import shared_path

N_ARTICLES = int(os.environ.get("GUILLEMET_INVARIANT_ARTICLES", "300"))


@pytest.fixture(scope="module")
def analysed():
    from guillemet.pipeline import analyse_doc
    from guillemet.readers import prepare

    path = shared_path("data/fr-news.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in itertools.islice(f, N_ARTICLES)]
    lang = get_language("fr")
    nlp = nlp_mod.load(lang.model)
    articles = list(prepare(Article(text=r["text"], id=r["id"], published=r.get("published"), lang="fr")
                            for r in rows))
    out = []
    for doc, article in zip(nlp.pipe((nlp_mod.analysis_text(a) for a in articles), batch_size=16), articles):
        analyse_doc(doc, article, lang)
        out.append((doc, article))
    return out


def _tokens(doc, span):
    return doc.char_span(span[0], span[1], alignment_mode="expand") or []


_NOMINAL_ROLES = ("nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "nmod", "appos", "iobj")


def _is_noun_phrase(toks) -> bool:
    heads = [t for t in toks if t.head.i < toks[0].i or t.head.i > toks[-1].i or t.head.i == t.i]
    if any(t.ent_type_ in ("PER", "ORG", "LOC") for t in toks):
        return True
    for head in heads:
        if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and head.text.strip("-–—'’"):
            return True
        if head.dep_ in _NOMINAL_ROLES:
            return True  # the parser gives it a noun's role ("aucune règle" with règle tagged VERB)
        if head.pos_ in ("ADJ", "NUM") and toks[0].pos_ == "DET":
            return True  # "ce dernier", "l'un"
    return False


@pytest.mark.shared
def test_every_mention_is_a_noun_phrase(analysed):
    mentions = [(doc, a, q) for doc, a in analysed for q in a.quotes if q.speaker_mention]
    bad = [(a.id, q.speaker_mention_text) for doc, a, q in mentions if not _is_noun_phrase(_tokens(doc, q.speaker_mention))]
    assert not bad, f"{len(bad)} of {len(mentions)} mentions: {bad[:20]}"


@pytest.mark.shared
def test_no_content_holds_its_own_cue(analysed):
    markers = get_language("fr").according_markers
    bad = []
    for doc, a in analysed:
        for q in a.quotes:
            if q.cue is None or not (q.content[0] <= q.cue[0] < q.content[1]):
                continue
            is_verb = any(t.pos_ in ("VERB", "AUX") for t in _tokens(doc, q.cue))
            at_head = len(a.text[q.content[0]:q.cue[0]].split()) <= 1
            if is_verb or (q.cue_text.lower() in markers and at_head):
                bad.append((a.id, q.cue_text, q.content_text[:60]))
    assert not bad, f"{len(bad)} quotes: {bad[:20]}"


@pytest.mark.shared
def test_offsets_are_exact(analysed):
    for _, a in analysed:
        for q in a.quotes:
            assert a.text[q.content[0]:q.content[1]] == q.content_text and q.content_text.strip()
            if q.cue:
                assert a.text[q.cue[0]:q.cue[1]] == q.cue_text
            if q.speaker_mention:
                assert a.text[q.speaker_mention[0]:q.speaker_mention[1]] == q.speaker_mention_text


@pytest.mark.shared
def test_a_pronoun_agrees_with_its_antecedent_when_one_agrees(analysed):
    pronouns = get_language("fr").pronouns
    bad = []
    for doc, a in analysed:
        for q in a.quotes:
            mention = (q.speaker_mention_text or "").lower().lstrip("-–")
            gender = pronouns.get(mention, ("", ""))[0]
            if not gender or not q.speaker or q.speaker_type != "person":
                continue
            first = q.speaker.split()[0]
            if first.lower() in ("le", "la", "les", "l'", "l’", "un", "une"):
                continue  # a description: its gender is not a given name's
            said = given_name_gender(first)
            if said not in ("m", "f") or said == gender:
                continue
            # the chosen one's last mention before the pronoun, and the people named since
            quoted = [x.content for x in a.quotes]
            before = [e for e in doc.ents if e.label_ == "PER" and e.start_char < q.speaker_mention[0]
                      and not any(s <= e.start_char < t for s, t in quoted)]
            last = max((e.start_char for e in before if e.text.split()[-1] in q.speaker), default=-1)
            since = {e.text.split()[0] for e in before if e.start_char > last}
            if any(given_name_gender(n) == gender for n in since):
                bad.append((a.id, q.speaker_mention_text, q.speaker))
    assert not bad, f"{len(bad)} pronouns: {bad[:20]}"
