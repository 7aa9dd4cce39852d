"""More quote candidates than the rules keep, for the quote model to judge.

The rules drop a reported clause or a "selon" claim whenever one of their conditions fails;
these generators propose them again, with each plausible edge, and leave the decision to
the model (guillemet.learn.quotes):

    clause candidates     the clause every verb of saying frames (que …, an infinitive), and
                          the clause before a verb set off by a comma ("…, a précisé X")
    marker candidates     for each "according to" marker of the language, the clause before
                          it and the clause after its source

Reads: the scan of the article (marks, cues, sentences). Writes: nothing.
"""

from __future__ import annotations

import re

from guillemet import syntax
from guillemet.find.cues import _clause_end
from guillemet.find.scan import trim
from guillemet.found import Found

_SPACE = " \t\u00a0\u202f\u2009"
_CLAUSE_DEPS = ("ccomp", "xcomp", "obj", "advcl", "csubj", "parataxis")


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def clause_candidates(scan) -> list[Found]:
    """Indirect quotes every cue could frame, whether or not the rules kept them."""
    text, doc, out = scan.text, scan.doc, []
    for cue in scan.cues:
        spans = {cue.content} if cue.content is not None else set()
        for child in cue.verb.children:  # a clause or infinitive the frames did not expect
            if child.i > cue.verb.i and child.dep_ in _CLAUSE_DEPS and child.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                first = child.left_edge
                while first.i < child.i and (first.dep_ in ("mark", "case") or first.is_punct):
                    first = doc[first.i + 1]
                spans.add((first.idx, _clause_end(child, scan.lang)))
        for span in spans:
            s, e = trim(text, *span)
            if _words(text[s:e]) >= 2:
                out.append(Found("indirect", (s, e), cue=cue.chars, mention=cue.subject_span, confidence=0.2))
        i = cue.chars[0]
        k = cue.tokens[0] - 1
        while k >= 0 and doc[k].pos_ == "PRON" and doc[k].idx < i:  # "…, nous a expliqué X"
            i, k = doc[k].idx, k - 1
        while i > 0 and text[i - 1] in _SPACE:
            i -= 1
        if i == 0 or text[i - 1] not in ",—–":
            continue
        start = scan.tx.sentence_start(i - 1)
        s, e = trim(text, start, i - 1)
        if _words(text[s:e]) >= 3:
            out.append(Found("indirect", (s, e), cue=cue.chars, mention=cue.subject_span, confidence=0.2))
    return out


def marker_candidates(scan) -> list[Found]:
    """"According to" claims on each side of every marker of the language."""
    text, doc, lang, out = scan.text, scan.doc, scan.lang, []
    low = text.lower()
    for marker in lang.according_markers:
        pattern = r"\s*".join(re.escape(part) for part in marker)
        for m in re.finditer(r"(?<!\w)" + pattern + r"(?!\w)", low):
            src = _source_after(doc, scan.token_at(m.end() - 1) + 1, lang)
            if src is None:
                continue
            cue = (m.start(), m.end())
            sent_s, sent_e = scan.tx.sentence_start(m.start()), scan.tx.sentence_end(m.end())
            # before the marker: the whole sentence head, or from the last comma or colon
            before = text[:m.start()].rstrip(_SPACE + ",—–-(")
            stops = [k + 1 for k in range(sent_s, len(before)) if text[k] in ",:;—–("]
            for left in {sent_s, max(stops, default=sent_s)}:
                s, e = trim(text, left, len(before))
                if _words(text[s:e]) >= 3:
                    out.append(Found("according_to", (s, e), cue=cue, mention=src, confidence=0.2))
            # after the source: from the comma that ends it to the end of the sentence
            src_end = syntax.char_span(doc[src[0]:src[1]])[1]
            comma = text.find(",", src_end, sent_e)
            if comma >= 0 and not text[src_end:comma].strip(_SPACE + ")"):
                s, e = trim(text, comma + 1, sent_e)
                if _words(text[s:e]) >= 3:
                    out.append(Found("according_to", (s, e), cue=cue, mention=src, confidence=0.2))
    return out


def _source_after(doc, i: int, lang) -> tuple[int, int] | None:
    """Token range of the noun phrase a marker introduces ("selon [le ministère]")."""
    for j in range(i, min(len(doc), i + 5)):
        x = doc[j]
        if x.text in ",.;:!?«»":
            return None
        if x.pos_ in ("NOUN", "PROPN", "PRON"):
            while x.dep_ in ("flat:name", "flat") and x.head.i < x.i:
                x = x.head
            return syntax.noun_phrase(x) if x.pos_ != "PRON" else (x.i, x.i + 1)
    return None
