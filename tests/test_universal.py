"""An English parse (ClearNLP labels) rewritten in Universal Dependencies before any step reads
it (guillemet.lang.en.universal): the relations the steps read, on sentences of our own."""

from __future__ import annotations

import pytest

from parsed import EN, FR, parse


def relations(text):
    doc = parse(text, EN)
    return {(t.text, t.dep_, t.head.text) for t in doc}


# (sentence, relations that must hold as (dependent, label, head))
UNIVERSAL = [
    # a preposition becomes the case of its object, which takes the preposition's head
    ("The senator spoke in a statement.", {("statement", "obl", "spoke"), ("in", "case", "statement")}),
    ("The report of the committee was late.", {("committee", "nmod", "report"), ("of", "case", "committee")}),
    # a passive's agent
    ("The bill was passed by the House.", {("bill", "nsubj:pass", "passed"), ("House", "obl:agent", "passed"),
                                           ("by", "case", "House"), ("was", "aux:pass", "passed")}),
    # a multi-word preposition: the first word is the case, the second fixed on it
    ("According to the report, taxes rose.", {("report", "obl", "rose"), ("According", "case", "report"),
                                              ("to", "fixed", "According")}),
    # a preposition before a clause
    ("She spoke about leaving the party.", {("leaving", "advcl", "spoke"), ("about", "mark", "leaving")}),
    # names: the first word heads, the others are flat; a title stays a compound
    ("Senator John Smith said no.", {("John", "nsubj", "said"), ("Smith", "flat:name", "John"),
                                     ("Senator", "compound", "John")}),
    # relabelled: direct object, relative clause, possessive, infinitive marker
    ("Mr. Smith's aide, who left, told reporters to wait.",
     {("reporters", "obj", "told"), ("left", "acl:relcl", "aide"), ("Smith", "nmod:poss", "aide"),
      ("to", "mark", "wait")}),
]


@pytest.mark.parametrize("text,expected", UNIVERSAL)
def test_english_parse_in_universal_dependencies(text, expected):
    got = relations(text)
    assert expected <= got, expected - got


def test_no_clearnlp_label_is_left_that_a_step_reads():
    doc = parse("According to officials, the mayor, who was elected by voters in May, told reporters "
                "that the city's budget was ready for a vote on Tuesday.", EN)
    assert not {t.dep_ for t in doc} & {"prep", "pobj", "agent", "dobj", "nsubjpass", "auxpass", "poss", "relcl"}


def test_sentences_and_the_tree_survive_the_rewrite():
    text = "He said in a statement that it was fine. She left by the back door."
    doc = parse(text, EN)
    assert [s.text for s in doc.sents] == ["He said in a statement that it was fine.", "She left by the back door."]
    for tok in doc:  # every token reaches its sentence's root
        seen = set()
        while tok.head.i != tok.i:
            assert tok.i not in seen
            seen.add(tok.i)
            tok = tok.head


def test_rewriting_twice_changes_nothing():
    doc = parse("The bill was passed by the House.", EN)
    before = [(t.dep_, t.head.i) for t in doc]
    EN.to_universal(doc)
    assert [(t.dep_, t.head.i) for t in doc] == before


def test_a_french_parse_is_already_universal():
    doc = parse("Le projet a été adopté par le Sénat.", FR)
    before = [(t.dep_, t.head.i) for t in doc]
    FR.to_universal(doc)
    assert [(t.dep_, t.head.i) for t in doc] == before


def test_a_paragraph_starts_a_sentence_in_english():
    doc = parse("He said it was over in the U.S.\n\n“Bad things are coming,” he warned.", EN)
    assert any(s.text.startswith("“Bad") for s in doc.sents)
