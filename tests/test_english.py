"""English extraction as tables of short sentences we wrote: one row per construction,
negatives included (scare quotes, titles, verbs of thought)."""

from __future__ import annotations

import pytest

from guillemet import extract


def quotes_of(text):
    return [(q.kind, q.content_text, q.speaker_mention_text, q.speaker) for q in extract(text, lang="en")]


# (text, kind, content, mention, speaker) — a quote that must be found
FOUND = [
    # direct, every mark, the cue before or after, the subject before or after the verb
    ("“We will not back down,” said Senator Maria Lopez.", "direct", "We will not back down",
     "Senator Maria Lopez", "Maria Lopez"),
    ("“We will not back down,” Maria Lopez said on Tuesday.", "direct", "We will not back down",
     "Maria Lopez", "Maria Lopez"),
    ('"We will not back down," Maria Lopez told reporters.', "direct", "We will not back down",
     "Maria Lopez", "Maria Lopez"),
    ("'We will not back down,' Maria Lopez said.", "direct", "We will not back down", "Maria Lopez", "Maria Lopez"),
    ("''We will not back down,'' Maria Lopez said.", "direct", "We will not back down", "Maria Lopez", "Maria Lopez"),
    ("“Why now?” Maria Lopez asked.", "direct", "Why now?", "Maria Lopez", "Maria Lopez"),
    ("“We are ready,” Maria Lopez, 54, said after the vote.", "direct", "We are ready", "Maria Lopez", "Maria Lopez"),
    ("“We are ready,” Mr. Lopez said.", "direct", "We are ready", "Mr. Lopez", "Lopez"),
    ("Maria Lopez said: “The budget is ready.”", "direct", "The budget is ready.", "Maria Lopez", "Maria Lopez"),
    ("Maria Lopez said, “The budget is ready.”", "direct", "The budget is ready.", "Maria Lopez", "Maria Lopez"),
    ("Maria Lopez said:\n\n“The budget is ready.”", "direct", "The budget is ready.", "Maria Lopez", "Maria Lopez"),
    # indirect, with and without "that", the cue after the clause, inverted
    ("Maria Lopez said that the budget was ready.", "indirect", "the budget was ready", "Maria Lopez", "Maria Lopez"),
    ("Maria Lopez said the budget was ready.", "indirect", "the budget was ready", "Maria Lopez", "Maria Lopez"),
    ("Maria Lopez told reporters the budget was ready.", "indirect", "the budget was ready", "Maria Lopez",
     "Maria Lopez"),
    ("Maria Lopez warned that the budget would fail.", "indirect", "the budget would fail", "Maria Lopez",
     "Maria Lopez"),
    ("The budget is ready, Maria Lopez said.", "indirect", "The budget is ready", "Maria Lopez", "Maria Lopez"),
    ("The budget is ready, said Maria Lopez.", "indirect", "The budget is ready", "Maria Lopez", "Maria Lopez"),
    ("Maria Lopez urged Congress to pass the budget.", "indirect", "pass the budget", "Maria Lopez", "Maria Lopez"),
    ("Maria Lopez called for an investigation into the budget.", "indirect", "an investigation into the budget",
     "Maria Lopez", "Maria Lopez"),
    # said in a statement; X, who …, said
    ("Maria Lopez said in a statement that the budget was ready.", "indirect", "the budget was ready",
     "Maria Lopez", "Maria Lopez"),
    ("The budget is ready, the governor said in a statement.", "indirect", "The budget is ready", "the governor",
     "the governor"),
    ("Maria Lopez, who chairs the committee, said the budget was ready.", "indirect", "the budget was ready",
     "Maria Lopez", "Maria Lopez"),
    # mixed: a quoted fragment in the author's sentence
    ("Maria Lopez called the plan “a disaster for farmers.”", "mixed", "a disaster for farmers.", "Maria Lopez",
     "Maria Lopez"),
    # according to
    ("According to the report, the budget is ready.", "according_to", "the budget is ready", "the report",
     "the report"),
    ("The budget is ready, according to Maria Lopez.", "according_to", "The budget is ready", "Maria Lopez",
     "Maria Lopez"),
    ("The union released a study according to which wages fell by 4 percent in ten years.", "according_to",
     "wages fell by 4 percent in ten years", "a study", "a study"),
    # pronouns and descriptions resolved to the name before them
    ("Maria Lopez arrived at noon. “The budget is ready,” she said.", "direct", "The budget is ready", "she",
     "Maria Lopez"),
    ("Paul Durand arrived at noon. The budget is ready, he said.", "indirect", "The budget is ready", "he",
     "Paul Durand"),
    ("Officials said the budget was ready.", "indirect", "the budget was ready", "Officials", "Officials"),
    ("The senators met on Monday. “We are ready,” they said.", "direct", "We are ready", "they", "The senators"),
    # "according to" names the whole noun phrase, its modifiers before the noun included
    ("Repairs will cost $4.5 million, according to the city budget office.", "according_to",
     "Repairs will cost $4.5 million", "the city budget office", "the city budget office"),
    ("According to the mayor's office, the bridge will reopen.", "according_to", "the bridge will reopen",
     "the mayor's office", "the mayor's office"),
    # a subject-first incise with a comma-set apposition, and one between subject and predicate
    ("The bridge will stay shut until April, the city's transport director, Ellen Park, said on Monday.",
     "indirect", "The bridge will stay shut until April", "the city's transport director", "Ellen Park"),
    ("The plan, Lopez said, would cost less than expected.", "indirect", "would cost less than expected",
     "Lopez", "Lopez"),
    # a passive verb of saying: the agent is the source
    ("The damage, estimated by Mayor Ellen Park at “more than $3 million”, will take months to repair.",
     "mixed", "more than $3 million", "Mayor Ellen Park", "Ellen Park"),
    # a possessor or a name after "for" is someone else than the speaker
    ("“It is over,” Trump's campaign manager said.", "direct", "It is over", "Trump's campaign manager",
     "Trump's campaign manager"),
    ("“It is over,” said a spokesman for Hillary Clinton.", "direct", "It is over",
     "a spokesman for Hillary Clinton", "a spokesman for Hillary Clinton"),
]


@pytest.mark.parametrize("text,kind,content,mention,speaker", FOUND)
def test_english_quote_found(text, kind, content, mention, speaker):
    assert (kind, content, mention, speaker) in quotes_of(text)


# (text, the later quote: (kind, content, mention, speaker)) — quotes that continue a speaker
CONTINUED = [
    # a quotation after the cue's sentence: no cue of its own, the mention it continues
    ("“The budget is ready,” Maria Lopez said. “We will vote on Friday.”",
     ("direct", "We will vote on Friday.", "Maria Lopez", "Maria Lopez")),
    # one quotation over three paragraphs: “ opens each, ” closes only the last
    ("“The budget is ready,” Maria Lopez said.\n\n“We will vote on Friday.\n\n“Then we will go home.”",
     ("direct", "We will vote on Friday.\n\n“Then we will go home.", "Maria Lopez", "Maria Lopez")),
    ('"The budget is ready," Maria Lopez said.\n\n"We will vote on Friday.\n\n"Then we will go home."',
     ("direct", 'We will vote on Friday.\n\n"Then we will go home.', "Maria Lopez", "Maria Lopez")),
    # a clause broken by its cue: two quotes, one speaker
    ("The new budget is ready, she said, and the vote will be held on Friday.",
     ("indirect", "and the vote will be held on Friday", "she", None)),
    ("“It's a good day,” said Paul Durand, the mayor's spokesman. 'We're happy.'",
     ("direct", "We're happy.", "Paul Durand", "Paul Durand")),
]


@pytest.mark.parametrize("text,later", CONTINUED)
def test_english_quote_continues_its_speaker(text, later):
    quotes = quotes_of(text)
    assert len(quotes) == 2 and quotes[1] == later


# text in which nothing is a quote
NOTHING = [
    "The so-called “budget hawks” met on Monday.",  # scare quotes
    "She read “The Grapes of Wrath” last summer.",  # a title
    "He thinks that the budget is ready.",  # a thought, not an act of saying
    "Maria Lopez believes the budget is ready.",
    "The plan, which was announced in May, includes new taxes.",
    "It's the senator's budget, and it doesn't add up.",  # apostrophes, and "add" with no clause
    "On Tuesday, the senator announced her candidacy.",  # an object, not an incise
]


@pytest.mark.parametrize("text", NOTHING)
def test_english_no_quote(text):
    assert quotes_of(text) == []


def test_english_offsets_index_the_text_as_given():
    text = "Maria Lopez arrived.\n\n“The budget is ready,” she said. ''We vote Friday,'' she added."
    for q in extract(text, lang="en"):
        assert text[q.content[0]:q.content[1]] == q.content_text
        assert text[q.cue[0]:q.cue[1]] == q.cue_text
        assert text[q.speaker_mention[0]:q.speaker_mention[1]] == q.speaker_mention_text


def test_english_dates_and_numbers_in_a_claim():
    text = "The city lost 3,392 jobs last week and will spend $1.2 billion, Maria Lopez said on Friday."
    (quote,) = extract(text, lang="en", published="2016-09-30")
    assert [d.value for d in quote.dates] == ["2016-09-19"]
    assert [(n.value, n.unit) for n in quote.numbers] == [(3392.0, "jobs"), (1.2e9, "USD")]
    assert [n.text for n in quote.numbers] == ["3,392 jobs", "$1.2 billion"]
