"""What every quote must satisfy, enforced after the quotes are found and before speakers.

    a speaker mention is a noun phrase   a name, a description with a noun (or a nominal
                                         adjective after a determiner: "ce dernier"), or a
                                         pronoun, outside its own content; anything else is
                                         no mention at all
    a reported clause is no subject      a verbless content before its cue that holds the
                                         cue verb's own subject ("Le maire, Jeanne Martin, a
                                         annoncé la fermeture …") is the sentence's subject,
                                         not what was said: no quote
    a content ends with no comma         the comma of “We will win,” he said is the sentence's
    a content never holds its own cue    a verb of saying inside the content splits it into
                                         two quotes of the same speaker (GUIDELINES: a quote
                                         broken by its cue is two quotes); a marker at the
                                         head of its own claim is cut off with its source

A "selon X" inside the claim stays (GUIDELINES: "Les dégâts, selon la préfecture, dépassent …").
Property tests over the corpus check these hold (tests/test_invariants.py).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from guillemet import syntax
from guillemet.find.scan import trim
from guillemet.found import Found
from guillemet.lang.base import Language

_NOMINAL = ("NOUN", "PROPN", "PRON")


def is_noun_phrase(toks: Span) -> bool:
    """A name, a description with a noun, a pronoun, or a determiner and a nominal adjective
    or participle ("un jeune détenu", "l’accusé", tagged as verbs)."""
    if not len(toks) or not toks.text.strip("-–— "):
        return False  # the hyphen of "-t-il" or a lone dash
    if any(t.pos_ in _NOMINAL and t.text.strip("-–—'’") for t in toks):
        return len(toks) > 1 or toks[0].pos_ != "PRON" or toks[0].lower_.strip("-–—") not in ("l'", "l’", "un")
    return toks[0].pos_ == "DET" and any(t.pos_ in ("ADJ", "NUM") or syntax.participle_as_noun(t) for t in toks[1:])


def tidy(doc: Doc, found: list[Found], lang: Language | None = None) -> list[Found]:
    """The quotes with non-phrase mentions dropped, mentions cut short before the office a
    role serves carried on, and contents freed of their own cue and of a comma closing them
    (“We will win,” he said)."""
    text = syntax.text_of(doc)
    out: list[Found] = []
    for f in found:
        if f.mention is not None and lang is not None:
            f.mention = _with_office(doc, f.mention, lang)
        s, e = f.content
        while e > s and text[e - 1] in ", ":
            e -= 1
        if e <= s:
            continue
        f.content = (s, e)
        if f.mention is not None and not is_noun_phrase(doc[f.mention[0]:f.mention[1]]):
            f.mention, f.continuation = None, f.cue is None
        if _is_cue_subject(doc, f):
            continue
        for part in _free_of_cue(text, doc, f):
            if part.mention is not None and part.kind != "according_to" \
                    and _inside(doc, part.mention, part.content):  # ("Les dégâts, selon X, …" keeps X)
                part.mention, part.continuation = None, part.cue is None
            out.append(part)
    return out


def _inside(doc: Doc, mention: tuple[int, int], content: tuple[int, int]) -> bool:
    """Whether a mention lies within the words it would have said: no speaker does."""
    s, e = syntax.char_span(doc[mention[0]:mention[1]])
    return content[0] <= s and e <= content[1]


def _with_office(doc: Doc, mention: tuple[int, int], lang: Language) -> tuple[int, int]:
    """"le secrétaire d’État auprès | du ministre des Armées": a mention that ends at, or
    right before, a word joining a role to its office goes on over that office (the parser
    often hangs the link on the verb). Only a role has an office: "une voisine auprès de
    l’AFP" is someone speaking to the agency."""
    lo, hi = mention
    link = hi - 1 if doc[hi - 1].lower_ in lang.role_links else hi
    if link >= len(doc) or doc[link].lower_ not in lang.role_links or link + 1 >= len(doc) \
            or doc[link + 1].lower_ not in lang.of_words:
        return mention
    office = next((t for t in doc[link + 1:link + 4] if t.pos_ in ("NOUN", "PROPN")), None)
    if office is None or office.text in lang.media_names \
            or not any(t.lemma_.lower() in lang.person_roles for t in doc[lo:link]):
        return mention  # "une voisine auprès de l’AFP": a medium the words were said to, no office
    end = syntax.noun_phrase(office)[1]
    return (lo, end) if end > link + 1 else mention


def _is_cue_subject(doc: Doc, f: Found) -> bool:
    """Whether the content, before its cue, holds the cue verb's own subject."""
    if f.cue is None or f.kind == "direct" or f.cue[0] < f.content[1]:
        return False
    span = doc.char_span(f.cue[0], f.cue[1], alignment_mode="expand")
    verbs = [t for t in span or [] if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return False
    verb = verbs[-1]
    content = doc.char_span(f.content[0], f.content[1], alignment_mode="expand") or []
    if any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in content):
        return False  # a clause of its own: the parser hung its subject on the cue
    return any(c.dep_ in ("nsubj", "nsubj:pass") and f.content[0] <= c.idx < f.content[1] for c in verb.children)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _free_of_cue(text: str, doc: Doc, f: Found) -> list[Found]:
    if f.cue is None or not (f.content[0] <= f.cue[0] < f.content[1]):
        return [f]
    s, e = f.content
    cs, ce = f.cue
    verb = any(t.pos_ in ("VERB", "AUX") for t in (doc.char_span(cs, ce, alignment_mode="expand") or []))
    if not verb:
        if _words(text[s:cs]) <= 1:  # nothing, or a connector ("Mais selon X, …")
            # "Selon X, claim" taken whole: the claim starts after the source's comma
            comma = text.find(",", ce, e)
            if comma < 0:
                return []
            f.content = trim(text, comma + 1, e)
            return [f] if _words(text[slice(*f.content)]) >= 2 else []
        return [f]  # "selon X" inside the claim stays (GUIDELINES)
    after, before = ce, cs
    if f.mention is not None:
        ms, me = syntax.char_span(doc[f.mention[0]:f.mention[1]])
        after = max(after, me)
        if s < ms < cs:
            before = ms  # "A, she said, B": the subject opens the incise
    parts = []
    a = trim(text, s, before)
    b = trim(text, after, e)
    if _words(text[a[0]:a[1]]) >= 2:
        parts.append(Found(f.kind, a, cue=f.cue, mention=f.mention, continuation=f.continuation,
                           confidence=f.confidence))
    if _words(text[b[0]:b[1]]) >= 2:
        parts.append(Found(f.kind, b, cue=None, mention=None, continuation=True, confidence=f.confidence))
    return parts
