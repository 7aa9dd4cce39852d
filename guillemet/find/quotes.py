"""Assemble quotes from quotation marks, cues and "selon" markers: step 3 of quote finding.

Each quote is a :class:`Found` with its kind, content span, cue and the token range of its
speaker mention; speakers are resolved to names afterwards (guillemet.resolve).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from guillemet import syntax
from guillemet.find.cues import Cue, subject_after_verb
from guillemet.find.marks import Marked
from guillemet.find.scan import SPACE, TERMINATORS, Scan, Sentences, in_quote, trim
from guillemet.found import Found
from guillemet.lang.base import Language

_PRIORITY = {"direct": 0, "indirect": 1, "according_to": 2, "mixed": 3}


def find_quotes(doc: Doc, lang: Language, ignored: list[tuple[int, int]] = (), scan: Scan | None = None) -> list[Found]:
    """All quotes of a parsed article, in text order, speakers not yet resolved.

    Args:
        scan: The article's :class:`Scan` when the caller made it (built here otherwise).

    Reads: the parse, its quotation marks and cues, outside the ``ignored`` stretches.
    Writes nothing; returns the quotes (direct over indirect over "selon" over mixed where
    two cover one stretch).
    """
    scan = scan or Scan.of(doc, lang, ignored)
    text, outer = scan.text, scan.quotations
    found: list[Found] = []
    directs = _direct_quotes(scan)
    found.extend(directs)
    found.extend(_framed_quotes(scan, directs))
    found.extend(_according_quotes(scan))
    found.extend(_mixed_quotes(scan, found))
    for f in found:
        # a speaker is never inside another quotation: the cue's subject was quoted words
        # (a nickname in marks, « Mamyray », is the whole quotation and stays)
        if f.mention is None:
            continue
        first = doc[f.mention[0]]
        around = [m for m in outer if m.open < first.idx < m.close]
        if around and not (f.content[0] <= first.idx < f.content[1]) \
                and not (around[0].open < f.content[0] < around[0].close) \
                and _word_count(text[around[0].start:around[0].end]) > f.mention[1] - f.mention[0]:
            f.mention, f.continuation = None, True
    return _dedupe(found, doc)


def _after(text: str, pos: int) -> int:
    """Skip spaces, commas and dashes after a closing mark."""
    n = len(text)
    while pos < n and text[pos] in SPACE + ",—–-":
        pos += 1
    return pos


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


#: Quoted parts of a clause before an inverted cue with this many words or more are the
#: speaker's own words (direct quotes); shorter ones are fragments of the reported clause.
MIN_PART = 3


def _direct_quotes(scan: Scan) -> list[Found]:
    """Quotations with the cue next to them, an incise inside, a colon before, or none."""
    doc, lang, text, tx, outer = scan.doc, scan.lang, scan.text, scan.sentences, scan.quotations
    cues, cue_of_token, token_at = scan.cues, scan.cue_of_token, scan.token_at
    out: list[Found] = []
    for m in outer:
        content = text[m.start:m.end]
        nwords = _word_count(content)
        # 1. cue right after the closing mark: « … », a déclaré X / a-t-il dit / selon X
        pos = _after(text, m.close + 1)
        cue = None
        if pos < len(text) and pos - m.close <= 4:
            t = token_at[pos]
            cue = cue_of_token.get(t)
            if cue is None and _incise_punctuation(text, m, pos):
                cue = _cue_after_subject(scan, t)  # “…,” Trump said / “…,” the senator told reporters
            if cue is not None and (cue.verb.i - t > 4 and not (cue.subject_span and cue.subject_span[0] == t)
                                    or "direct" not in cue.frames and "inverted" not in cue.frames):
                cue = None
            if cue is not None and not tx.starts_sentence(m.open) and "inverted" in cue.frames \
                    and (nwords < MIN_PART or not _has_finite_verb(doc, m.start, m.end)) \
                    and _word_count(text[tx.sentence_start(m.open):m.open]) >= max(3, nwords + 1):
                cue = None  # "Il veut opposer « A » à « B », a dit X": fragments, the whole clause is reported
            if cue is not None and not tx.starts_sentence(m.open) and _after_determiner(doc, token_at[m.open]):
                cue = None  # "un sketch où il moquait les « gilets verts », X s'est excusé": a term
            if cue is not None and cue.subject is not None and cue.subject.i < cue.verb.i \
                    and not cue.inverted and cue.subject.idx < cue.chars[0]:
                if cue.subject.idx > m.close:
                    if not _incise_punctuation(text, m, pos) or not tx.starts_sentence(m.open):
                        cue = None  # "« … » Paul a dit": a new sentence; "X pense que « … », elle dit": a clause
                else:
                    # the parser took a word of the quotation for the subject: look after the verb
                    cue.subject = cue.subject_span = None
                    subject_after_verb(cue, lang)
            if cue is None and t < len(doc) and doc[t].lower_ in _first_words(lang.according_markers) \
                    and "," in text[m.close:pos] \
                    and (tx.starts_sentence(m.open) or text[:m.open].rstrip(SPACE).endswith(":")) \
                    and not _said_before_colon(scan, m.open):
                head = _according_source(doc, t, lang)
                if head is not None and tx.sentence_end(pos) >= syntax.char_span(doc[slice(*head)])[1]:
                    for part in _split_incise(scan, m):
                        out.append(Found("direct", part[0], cue=(doc[t].idx, doc[t].idx + len(doc[t].text)) if part[1] else None,
                                         mention=head if part[1] else None, continuation=not part[1]))
                    continue
        if cue is not None:
            gap = text[m.close + 1:cue.chars[0]]
            separated = any(c in gap for c in ",—–") or _incise_punctuation(text, m, pos)
            if not separated and not cue.inverted and not tx.starts_sentence(m.open):
                cue = None  # "les « gilets jaunes » ont affirmé": a term inside the subject
        if cue is not None and (nwords >= 2 or tx.starts_sentence(m.open)):
            cue.used = True
            if "inverted" in cue.frames and not tx.starts_sentence(m.open):
                # « A » pour « B », a dit X: the clause's earlier quoted parts, the same speaker's
                first = tx.sentence_start(m.open)
                for o in outer:
                    if first <= o.open and o.close < m.open and _word_count(text[o.start:o.end]) >= MIN_PART \
                            and not any(f.content[0] < o.end and o.start < f.content[1] for f in out):
                        out.append(Found("direct", o.span, cue=cue.chars, mention=cue.subject_span, confidence=0.9))
            parts = _split_incise(scan, m)
            for span, first in parts:
                out.append(Found("direct", span, cue=cue.chars, mention=cue.subject_span,
                                 confidence=0.95 if cue.subject_span else 0.6))
            continue
        # 2. cue before, ending with a colon or right against the opening mark; the colon may
        # end the paragraph before ("He said:" / "“…”")
        before = m.open
        while before > 0 and text[before - 1] in SPACE:
            before -= 1
        k = before
        while k > 0 and text[k - 1] in SPACE + "\n":
            k -= 1
        if k < before and text[k - 1:k] == ":":
            before = k
        colon = before > 0 and text[before - 1] == ":"
        prev_cue = _cue_before(scan, before - (1 if colon else 0))
        if prev_cue is not None and (colon or (text[prev_cue.chars[1]:before].strip() in ("", ",") and "direct" in prev_cue.frames)):
            if prev_cue.content is None or not (prev_cue.content[0] <= m.start < prev_cue.content[1]):
                prev_cue.used = True
                for span, first in _split_incise(scan, m):
                    out.append(Found("direct", span, cue=prev_cue.chars, mention=prev_cue.subject_span,
                                     confidence=0.9))
                continue
        if _inside_framed(cues, m):
            continue  # part of a reported clause: the indirect quote carries it
        if colon and nwords >= 3:
            mention = _name_before_colon(scan, before - 1) \
                or _people_before_colon(scan, before - 1) or _leading_name_before_colon(scan, before - 1)
            incise = _find_incise(scan, m)
            incise = incise[0] if incise else None
            for span, first in _split_incise(scan, m):
                if incise is not None and mention is None:
                    out.append(Found("direct", span, cue=incise.chars, mention=incise.subject_span, confidence=0.85))
                else:
                    out.append(Found("direct", span, mention=mention, continuation=mention is None,
                                     confidence=0.7))
            continue
        # « A », a-t-il dit, « B »: B continues A with the same cue and speaker
        if out and out[-1].cue is not None and out[-1].cue[1] <= m.open \
                and not text[out[-1].cue[1]:m.open].strip(SPACE + ",") \
                or (out and out[-1].cue is not None and out[-1].mention is not None
                    and _mention_end(doc, out[-1]) <= m.open
                    and not text[_mention_end(doc, out[-1]):m.open].strip(SPACE + ",")):
            out.append(Found("direct", m.span, cue=None, continuation=True, confidence=0.8))
            continue
        # 3. a quotation standing as its own sentence: continues the speaker before it
        if _labels_a_noun(doc, token_at[m.open], content, lang):
            continue  # "surnommé… « l’Obama de Sarcelles »": a name
        if tx.starts_sentence(m.open) and (nwords >= 4 or content.rstrip()[-1:] in TERMINATORS):
            ending = _after_is_end(scan, m.close + 1)
            if ending:
                # « A, remarque X, B »: the incise names the speaker of both parts
                incise = _find_incise(scan, m)
                incise = incise[0] if incise else None
                for span, first in _split_incise(scan, m):
                    if incise is not None:
                        out.append(Found("direct", span, cue=incise.chars, mention=incise.subject_span,
                                         confidence=0.85))
                    else:
                        out.append(Found("direct", span, continuation=True, confidence=0.7))
    return out


def _word_before(doc: Doc, i: int) -> int:
    """Index of the last token before token ``i`` that is no white space (-1 when none)."""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k


def _after_determiner(doc: Doc, mark_tok: int) -> bool:
    """Whether the word before an opening mark is a determiner ("les « gilets verts »"): the
    quotation is part of a noun phrase."""
    k = _word_before(doc, mark_tok)
    return k >= 0 and doc[k].pos_ == "DET"


def _incise_punctuation(text: str, m: Marked, pos: int) -> bool:
    """The quotation's sentence may go on after it: a comma (or ?, !, a dash) ends its content
    inside the marks, or a comma or dash sits between the closing mark and ``pos``
    (“We will win,” he said / « Nous gagnerons », a-t-il dit)."""
    return text[m.start:m.end].rstrip()[-1:] in (",", "—", "–", "?", "!") \
        or any(c in text[m.close + 1:pos] for c in ",—–")


def _cue_after_subject(scan: Scan, t: int) -> Cue | None:
    """The cue whose subject starts at token ``t`` and runs up to its verb group, within a few
    words and the same sentence (“…,” White House Press Secretary Josh Earnest said)."""
    doc = scan.doc
    for k in range(t + 1, min(len(doc), t + 30)):
        if doc[k].text in ".!?;" or "\n" in doc[k].text or doc[k].text in scan.lang.quote_pairs:
            return None
        cue = scan.cue_of_token.get(k)
        if cue is None:
            continue
        span = cue.subject_span
        if span is None or span[0] != t or span[1] > cue.tokens[0] or cue.inverted:
            return None
        j = span[1]
        if j < cue.tokens[0] and doc[j].text in ",(":  # "Quina Jones, 25, said", "Rep. X (R-Ohio) said"
            close = next((c for c in range(cue.tokens[0] - 1, j, -1) if doc[c].text in ",)"), None)
            j = close + 1 if close is not None else j
        if all(doc[x].pos_ in ("ADV", "AUX", "PART") for x in range(j, cue.tokens[0])):
            return cue
        return None
    return None


def _mention_end(doc: Doc, found: Found) -> int:
    last = doc[found.mention[1] - 1]
    return last.idx + len(last.text)


def _after_is_end(scan: Scan, pos: int) -> bool:
    """The quotation ends its sentence (or is followed by another sentence's start)."""
    text, tx = scan.text, scan.sentences
    i = pos
    while i < len(text) and text[i] in SPACE:
        i += 1
    if i >= len(text) or text[i] in "\n.!?…«“\"" + ")":
        return True
    if text[i] == ",":
        return True  # "« … », avant d'ajouter …"
    if text[i].isupper():
        return True
    # "« … » pendant ce temps.": a few words of the author's before the full stop
    end = tx.sentence_end(i)
    return _word_count(text[i:end]) <= 3 and scan.lang.primary_marks[0] not in text[i:end]


def _cue_before(scan: Scan, pos: int) -> Cue | None:
    """The last cue ending before ``pos`` in the same sentence."""
    best = None
    start = scan.sentences.sentence_start(pos)
    for cue in scan.cues:
        if start <= cue.chars[0] and cue.chars[1] <= pos and "direct" in cue.frames | ({"direct"} if "mixed" in cue.frames else set()):
            if best is None or cue.chars[1] > best.chars[1]:
                best = cue
    return best


def _inside_framed(cues: list[Cue], m: Marked) -> bool:
    return any(c.content and c.content[0] <= m.open + 1 and m.start < c.content[1] for c in cues)


def _name_before_colon(scan: Scan, colon: int) -> tuple[int, int] | None:
    """"Paul Durand : « … »" — a name right before the colon stands for the speaker."""
    doc, token_at, tx = scan.doc, scan.token_at, scan.sentences
    t = token_at[colon] - 1
    if 0 <= t < len(doc) and doc[t].pos_ in ("PROPN", "NOUN") and doc[t].idx >= tx.sentence_start(colon):
        head = doc[t]
        while head.dep_ in ("flat:name", "flat") and head.head.i < head.i:
            head = head.head
        if (head.pos_ == "PROPN" or head.ent_type_ in ("PER", "ORG")) and head.text[:1].isupper() \
                and not _complement(head):
            return syntax.noun_phrase(head)
    return None


def _complement(tok: Token) -> bool:
    """A word that completes a verb or a noun ("venu de l’Ardèche", "pour rejoindre Lyon"),
    not one that names who speaks."""
    return tok.dep_ in ("obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod") \
        or any(c.dep_ == "case" for c in tok.children)


def _leading_name_before_colon(scan: Scan, colon: int) -> tuple[int, int] | None:
    """"Marius, venu de l’Ardèche : « … »" — a person named at the head of the sentence,
    set off by a comma, stands for the speaker of the quotation its colon opens."""
    doc, token_at, tx = scan.doc, scan.token_at, scan.sentences
    start = token_at[tx.sentence_start(colon)]
    ent = syntax.entity_at(doc, start)
    if ent is None or ent.label_ != "PER" or ent.end >= token_at[colon] or doc[ent.end].text != ",":
        return None
    return ent.start, ent.end


def _people_before_colon(scan: Scan, colon: int) -> tuple[int, int] | None:
    """"Les jeunes filles sont d’accord : « … »" — the subject of the clause before the colon,
    when it names people (a person, a role, a group)."""
    doc, token_at, tx, lang = scan.doc, scan.token_at, scan.sentences, scan.lang
    start = token_at[tx.sentence_start(colon)]
    end = token_at[colon]
    for tok in doc[start:end]:
        if tok.dep_ not in ("nsubj", "nsubj:pass") or not (start <= tok.head.i < end):
            continue
        lemma = tok.lemma_.lower()
        if tok.ent_type_ == "PER" or lemma in lang.person_roles or tok.lower_ in lang.group_nouns \
                or lemma in lang.group_nouns or lemma in lang.speech_nouns:
            return syntax.noun_phrase(tok)  # ("Les tweets de X ont fait le buzz : « … »": resolved to X)
    return None


def _find_incise(scan: Scan, m: Marked) -> tuple[Cue, int, int] | None:
    """The cue of an incise inside a quotation (« A, a-t-il dit. B »), with the comma before
    it and the punctuation after its subject."""
    doc, text = scan.doc, scan.text
    for cue in scan.cues:
        s, e = cue.chars
        if not (m.start < s and e < m.end) or cue.subject is None or not cue.inverted:
            continue
        i = s
        while i > m.start and text[i - 1] in SPACE:
            i -= 1
        if i <= m.start or text[i - 1] != ",":
            continue
        j = e
        if cue.subject_span:
            j = max(j, syntax.char_span(doc[slice(*cue.subject_span)])[1])
        j = _incise_end(scan, j, m.end)
        if j is not None:
            return cue, i, j
    return None


def _incise_end(scan: Scan, j: int, end: int) -> int | None:
    """Where an incise inside a quotation ends, from the end of its subject: the comma or full
    stop right after it, or past words that only situate it ("a-t-elle déclaré lundi au micro
    sur une radio locale. B") or an apposition ("s'agace X, délégué des riverains. B"), up to the full stop."""
    text, doc = scan.text, scan.doc
    while j < end and text[j] in SPACE:
        j += 1
    stop = j
    while stop < end and text[stop] not in ".,;!?«»“”\"":
        stop += 1
    if stop >= end or text[stop] not in ".,":
        return None
    if stop > j:  # words before the punctuation: adjuncts only
        words = doc.char_span(j, stop, alignment_mode="expand")
        if words is None or len(words) > 10 or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
    if text[stop] == ",":
        full = text.find(".", stop, end)
        rest = doc.char_span(stop + 1, full, alignment_mode="expand") if full > 0 else None
        if rest is not None and 0 < len(rest) <= 10 and rest[0].pos_ in ("NOUN", "DET", "ADJ") \
                and not any(t.pos_ in ("VERB", "AUX") or t.text in ",;" for t in rest):
            return full  # "…, s'agace X, délégué des riverains. B"
    return stop


def _split_incise(scan: Scan, m: Marked):
    """« A, a-t-il dit. B » → (A, True) and (B, False); else the whole content once."""
    text = scan.text
    found = _find_incise(scan, m)
    if found is None:
        return [(m.span, True)]
    cue, i, j = found
    cue.used = True
    a = trim(text, m.start, i - 1)
    b = trim(text, j + 1, m.end)
    parts = [(a, True)]
    if b[1] - b[0] > 0:
        parts.append(((b[0], m.end), False))
    return parts


def _framed_quotes(scan: Scan, directs: list[Found]) -> list[Found]:
    """Indirect quotes: reported clauses (que …, infinitives) and inverted cues (X, a dit Y)."""
    doc, lang, text, tx, outer = scan.doc, scan.lang, scan.text, scan.sentences, scan.quotations
    cues = scan.cues
    out = []
    direct_spans = [f.content for f in directs]
    for cue in cues:
        if cue.used:
            continue
        if in_quote(outer, cue.chars[0]):
            continue  # reported speech inside a quotation: nested, left to the outer quote
        if cue.content is not None:
            s, e = _close_marks(text, cue.content, outer)
            s, e = trim(text, s, e)
            if e - s >= 3 and not cue.verb.dep_ == "acl" or (e - s >= 3 and cue.verb.dep_ == "acl" and cue.subject is not None):
                out.append(Found("indirect", (s, e), cue=cue.chars, mention=cue.subject_span,
                                 confidence=0.85 if cue.subject_span else 0.5))
                cue.used = True
            continue
        if not ("inverted" in cue.frames or cue.kind == "impersonal"):
            continue
        if syntax.is_participle_clause(cue.verb, lang):
            continue  # "…, assurant être prêt": a participle adds to a cue, never inverts one
        # inverted cue: "<clause>, a déclaré X" / "<clause>, explique-t-il"; or its subject
        # first: "<clause>, the senator said" / "<clause>, he said, <clause>"
        lead = _subject_first_incise(scan, cue)
        if lead is None and not (cue.inverted or cue.kind == "impersonal" or cue.subject is None):
            before_group = text[:cue.chars[0]].rstrip(SPACE)
            if not before_group.endswith(",") or cue.subject.idx > len(before_group):
                continue
            # the parser took the reported clause's subject for the cue's: look after the verb
            if syntax.is_participle_clause(cue.verb, lang):
                continue
            sent_end = tx.sentence_end(cue.chars[1])
            if not _has_finite_verb(doc, tx.sentence_start(cue.chars[0]), len(before_group)) \
                    and not _has_finite_verb(doc, cue.chars[1], sent_end):
                continue  # "Les parents, eux, dénoncent une « situation »": no clause to report
            old_subject = (cue.subject, cue.subject_span)
            cue.subject = cue.subject_span = None
            if not subject_after_verb(cue, lang) or _word_count(
                    text[syntax.char_span(doc[slice(*cue.subject_span)])[1]:tx.sentence_end(cue.chars[1])]) > 6 \
                    or not _predicate_or_nothing(scan, cue.subject_span[1]):
                cue.subject, cue.subject_span = old_subject
                continue
        i = cue.chars[0] if lead is None else lead
        while i > 0 and text[i - 1] in SPACE:
            i -= 1
        # clitics between the comma and the verb: "…, nous a expliqué le chanteur"
        k = cue.tokens[0] - 1
        while k >= 0 and doc[k].lower_ in lang.object_clitics and doc[k].idx < i:
            i = doc[k].idx
            while i > 0 and text[i - 1] in SPACE:
                i -= 1
            k -= 1
        if i == 0 or text[i - 1] not in ",—–":
            continue
        comma = i - 1
        if any(c.dep_.startswith("aux") and c.pos_ == "AUX" and c.idx < comma for c in cue.verb.children):
            continue  # "les voisins y ont, en vain, demandé un rendez-vous": the verb's own clause goes on
        start = tx.sentence_start(comma)
        s, e = trim(text, start, comma)
        first = doc.char_span(s, e, alignment_mode="expand")
        if first is not None and len(first) and first[0].morph.get("VerbForm") == ["Part"] \
                and not _has_finite_verb(doc, s, e):
            continue  # "Installés depuis lundi, les panneaux ont fait réagir": a participle's adjunct
        head_words = _word_count(text[s:e])  # "Les dégâts, a expliqué la préfète, dépassent …":
        if not head_words:                   # a short head, when the clause runs on
            continue
        if any(ds <= s and e <= de for ds, de in direct_spans):
            continue
        if _only_relative_verbs(doc, s, e, lang):
            continue  # "Les accusés, qui encourent 20 ans, nient les faits": a subject, not a claim
        # an incise "A, explique-t-il, B.": the clause runs on after the cue
        after = cue.chars[1]
        if cue.subject_span:
            after = max(after, syntax.char_span(doc[slice(*cue.subject_span)])[1])
        end = tx.sentence_end(after)
        rest = text[after:end].strip(" ,")
        rest_span = doc.char_span(after, end, alignment_mode="expand") if end > after else None
        if rest and text[after:end].lstrip().startswith(",") \
                and (_word_count(rest) > head_words or not _has_finite_verb(doc, s, e)) \
                and rest_span is not None and any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]
                                                  for t in rest_span):
            e = trim(text, s, end)[1]  # the clause runs on after the incise, with its own verb
        elif rest and text[after:end].lstrip().startswith(",") and rest_span is not None \
                and _opens_with_infinitive(rest_span, lang):
            e = trim(text, s, end)[1]  # "Il faudra, dit-elle, revoir les horaires"
        elif head_words < 3:
            continue
        if cue.subject_span is None and not _has_finite_verb(doc, s, e) and lead is None:
            continue  # "Paul Dorval, un retraité de 70 ans, s'est énervé": the subject, not a claim
        cue.used = True
        opened = [m for m in outer if m.open <= s < m.start + 1 and m.close < e]
        if opened and _word_count(text[opened[0].close + 1:e]) <= 3:
            # « … » mardi soir, dit-il: a quotation with a time word after it is direct
            out.append(Found("direct", opened[0].span, cue=cue.chars, mention=cue.subject_span,
                             confidence=0.9 if cue.subject_span else 0.6))
            continue
        # "…, a-t-on appris de source policière": a selon-type quote (GUIDELINES.md)
        kind = "according_to" if cue.kind == "impersonal" else "indirect"
        out.append(Found(kind, (s, e), cue=cue.chars, mention=cue.subject_span,
                         confidence=0.85 if cue.subject_span else 0.5))
    return out


def _opens_with_infinitive(span, lang: Language) -> bool:
    """Whether the words after an incise's comma start with an infinitive: the complement the
    incise cut from its clause."""
    words = [t for t in span if not t.is_space and t.text != ","]
    return bool(words) and words[0].pos_ in ("VERB", "AUX") and syntax.is_infinitive(words[0], lang)


def _predicate_or_nothing(scan: Scan, k: int) -> bool:
    """After an inverted subject: the sentence ends, or a comma opens the predicate the incise
    cut from its subject ("…, a précisé le maire, restera fermé"), not a clause of its own
    ("…, soutiennent les grévistes, mais ils restent prudents")."""
    doc = scan.doc
    end = scan.token_at[scan.sentences.sentence_end(doc[k - 1].idx)] if k < len(doc) else len(doc)
    rest = doc[k:end]
    if not any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in rest):
        return True
    return syntax.predicate_after_comma(doc, k, scan.lang, end)


def _subject_first_incise(scan: Scan, cue: Cue) -> int | None:
    """Where an incise whose subject comes before its verb starts ("…, the IMF said." /
    "…, Mr. Obama said, …"): the subject's first character, when the subject runs right up to
    the verb group (adverbs aside) and a comma or dash comes right before it; else None."""
    if cue.subject_span is None or cue.inverted or cue.kind != "verb":
        return None
    doc, text = scan.doc, scan.text
    lo, hi = cue.subject_span
    # between the subject and its verb: adverbs, auxiliaries, and an apposition set off by
    # commas ("…, the city's transport director, Ellen Park, said")
    subject = doc[lo:hi].root
    apposed = {t.i for c in subject.children if c.dep_ == "appos" and c.i >= hi for t in c.subtree}
    if hi > cue.tokens[0] or any(doc[k].pos_ not in ("ADV", "AUX", "PART") and k not in apposed
                                 and not (doc[k].text == "," and doc[k].head.i == subject.i and apposed)
                                 for k in range(hi, cue.tokens[0])):
        return None
    start = doc[lo].idx
    before = text[:start].rstrip(SPACE)
    if not before.endswith((",", "—", "–")):
        return None
    if doc[lo].lower_ in scan.lang.relative_pronouns or doc[lo].lower_ in scan.lang.relative_markers:
        return None  # "…, selon le préfet, qui a évoqué": a relative clause on the source
    for child in cue.verb.children:  # "Dimanche, le maire a annoncé sa candidature": an object, no incise
        if child.dep_ == "aux:pass" or child.i >= cue.tokens[1] and (
                child.dep_ in ("ccomp", "xcomp", "csubj") or child.dep_ == "obj" and "object_clause" not in cue.frames):
            return None
    # what it reports is a clause, before the incise or after it ("Too often, he said, the
    # debate is …"): "Comme d’autres, les Français s’inquiètent" reports nothing
    finite = lambda toks: any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in toks)
    sent = scan.token_at[scan.sentences.sentence_start(len(before) - 1)]
    if finite(doc[sent:lo]):
        return start
    k = cue.tokens[1]
    while k < len(doc) and (doc[k].pos_ == "ADV" or doc[k].lower_ in scan.lang.time_nouns):
        k += 1
    if k < len(doc) and doc[k].text in (",", "—", "–"):
        end = scan.token_at[scan.sentences.sentence_end(doc[k].idx)]
        if finite(doc[k + 1:end]):
            return start
    return None


def _only_relative_verbs(doc: Doc, s: int, e: int, lang: Language) -> bool:
    """Whether the stretch has finite verbs and all of them sit in relative clauses."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    finite = [t for t in span if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]]
    if not finite:
        return False  # a verbless claim ("Du jamais-vu dans sa carrière") stays one

    def relative(tok: Token) -> bool:
        for _ in range(4):
            if tok.dep_ == "acl:relcl" or any(c.lower_ in lang.relative_markers and c.i < tok.i
                                              and c.dep_ in ("nsubj", "obj", "mark", "obl")
                                              and c.pos_ == "PRON" for c in tok.children):
                return True
            if tok.head is tok:
                return False
            tok = tok.head
        return False

    return all(relative(t if not t.dep_.startswith("aux") else t.head) for t in finite)


def _close_marks(text: str, span: tuple[int, int], outer: list[Marked]) -> tuple[int, int]:
    """Extend a clause so that a quotation it opens is closed inside it."""
    s, e = span
    for m in outer:
        if s <= m.open < e < m.close + 1:
            e = m.close + 1
    return s, e


def _first_words(markers: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(m[0] for m in markers)


def _marker_end(doc: Doc, t: int, markers: tuple[tuple[str, ...], ...]) -> int | None:
    """Index of the last token of the marker (a token sequence) starting at token ``t``."""
    for marker in sorted(markers, key=len, reverse=True):
        n = len(marker)
        if t + n <= len(doc) and all(doc[t + k].lower_ == marker[k] for k in range(n)):
            return t + n - 1
    return None


def _marker_regex(lang: Language) -> re.Pattern[str]:
    """Where an "according to" marker or a "cited by" participle may start in the text."""
    phrases = set(lang.cited_forms)
    for marker in lang.according_markers + lang.according_start_markers:
        phrase = marker[0]
        for word in marker[1:]:
            phrase += "" if phrase.endswith(("’", "'")) else " "  # "d’après": elided, no space
            phrase += word
        phrases.add(phrase)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=lambda p: (-len(p), p)))
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


_MARKER_RES: dict[Language, re.Pattern[str]] = {}


def _said_before_colon(scan: Scan, at: int) -> bool:
    """Whether a verb of saying with its subject ends right before the colon that opens the
    quotation at ``at``: "Elle avait lancé : « … », selon le voisin" is hers, as the voisin
    reports it."""
    text = scan.text
    before = text[:at].rstrip(SPACE)
    if not before.endswith(":"):
        return False
    j = len(before) - 2  # before the colon
    while j > 0 and text[j] in SPACE:
        j -= 1
    cue = scan.cue_of_token.get(scan.token_at[j]) if j >= 0 else None
    return cue is not None and cue.subject_span is not None and "direct" in cue.frames and not cue.inverted


def _according_source(doc: Doc, t: int, lang: Language) -> tuple[int, int] | None:
    """Token range of X in "selon X" / "d’après X" / "pour X," when X can be a source."""
    end = _marker_end(doc, t, lang.according_markers + lang.according_start_markers)
    if end is None:
        return None
    if doc[end].pos_ == "NOUN" and end > t:
        return syntax.noun_phrase(doc[end])  # "de source policière": the marker names the source
    t = end
    stops = ",.;:!?" + "".join(lang.primary_marks)
    # X: the first noun, proper noun or pronoun after the marker
    for j in range(t + 1, min(len(doc), t + 6)):
        x = doc[j]
        if x.text in stops or x.lower_ in lang.complementizers:
            return None
        if x.pos_ in ("NOUN", "PROPN", "PRON"):
            if x.lemma_.lower() in lang.non_source_nouns or x.lower_ in lang.non_source_nouns:
                return None
            if x.lower_ in lang.time_nouns or x.like_num:
                return None
            if x.pos_ == "PRON" and x.lower_ not in lang.pronouns:
                return None
            while x.dep_ in ("flat:name", "flat") and x.head.i < x.i:
                x = x.head
            # a modifier before its noun ("the city budget office", "the mayor's office"):
            # the source is the noun it modifies
            while x.dep_ in ("compound", "nmod:poss") and x.head.i > x.i and x.head.pos_ in ("NOUN", "PROPN"):
                x = x.head
            if x.pos_ == "PRON":
                return (x.i, x.i + 1)
            lo, hi = syntax.noun_phrase(x)
            lo = max(lo, t + 1)  # never the words before the marker the parse hung on X
            while hi < len(doc) and doc[hi].text[:1].isupper() and doc[hi].is_alpha and hi - lo < 8:
                hi += 1  # "Pour le président Macron,": a name the tagger read as something else
            return lo, hi
    return None


def _has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in span)


#: A count set before its source: "3 500", "3.500 personnes".
_COUNT = re.compile(r"\d[\d\s.,’']*(?:\s+\w+)?")
#: A rubric before a headline or lead, "VIDÉO - ", "EXCLUSIF – ": no part of the sentence.
_RUBRIC = re.compile(r"\s*[^\W\d_a-zà-ÿ][^\W\da-zà-ÿ]*(?: [^\W\da-zà-ÿ]+)*\s+[-–—]\s*")


def _according_quotes(scan: Scan) -> list[Found]:
    """"Selon X, claim", "claim, selon X", "Pour X, claim", "cité par X"."""
    doc, lang, text, tx, outer = scan.doc, scan.lang, scan.text, scan.sentences, scan.quotations
    token_at = scan.token_at
    out = []
    if lang not in _MARKER_RES:
        _MARKER_RES[lang] = _marker_regex(lang)
    starts = sorted({token_at[m.start()] for m in _MARKER_RES[lang].finditer(text)})
    first_words = _first_words(lang.according_markers + lang.according_start_markers)
    for i in starts:
        if i >= len(doc):
            continue
        tok = doc[i]
        low = tok.lower_
        if low not in first_words and low not in lang.cited_forms:
            continue
        if in_quote(outer, tok.idx):
            continue
        marker = (tok.idx, tok.idx + len(tok.text))
        if low in lang.cited_forms:
            if _describes_a_marked_source(doc, tok.i, first_words, lang):
                continue  # "Selon un cadre de la mairie, cité par la radio, …": who relayed the source
            if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in lang.agent_prepositions:
                src = None
                # "cité par X": X follows "par"
                for j in range(tok.i + 2, min(len(doc), tok.i + 6)):
                    if doc[j].pos_ in ("NOUN", "PROPN"):
                        src = syntax.noun_phrase(doc[j])
                        break
                if src is None:
                    continue
            else:
                continue
        else:
            relative = _relative_claim(scan, tok.i)
            if relative is not None:
                out.append(relative)
                continue
            src = _according_source(doc, tok.i, lang)
            if src is None:
                continue
            last = doc[_marker_end(doc, tok.i, lang.according_markers + lang.according_start_markers)]
            marker = (tok.idx, last.idx + len(last.text))
            if _marker_end(doc, tok.i, lang.according_markers) is None:
                # only "Pour X, claim" at the head of a sentence (after a connector: "Mais pour
                # X,"), X a person or organisation
                opening = text[tx.sentence_start(tok.idx):tok.idx].strip(SPACE + ",").lower()
                if not (tx.starts_sentence(tok.idx) or opening in lang.sentence_connectors) \
                        or not syntax.is_source_like(doc, src, lang):
                    continue
                end_src = syntax.char_span(doc[slice(*src)])[1]
                k = end_src
                while k < len(text) and text[k] in SPACE:
                    k += 1
                if k >= len(text) or text[k] != ",":
                    continue
        src_chars = syntax.char_span(doc[slice(*src)])
        sent_s = tx.sentence_start(tok.idx)
        sent_e = tx.sentence_end(src_chars[1])
        # "…: Selon X, claim": a colon opens the claim's sentence
        head_s = max([sent_s] + [k + 1 for k in range(sent_s, tok.idx) if text[k] == ":" and not in_quote(outer, k)])
        head_text = text[head_s:tok.idx]
        if not head_text.strip(SPACE + "—–-") or head_text.strip(SPACE + ",").lower() in lang.sentence_connectors \
                or _RUBRIC.fullmatch(head_text):
            # "Selon X, claim."
            k = src_chars[1]
            while k < sent_e and text[k] not in ",:":
                k += 1
            if k >= sent_e and _has_finite_verb(doc, src_chars[1], sent_e):
                k = src_chars[1] - 1  # "Selon l’éditeur il manque …": no comma, the clause follows
            for _ in range(3):  # "Pour X, président de la coopérative, ancien berger, claim"
                nxt = _skip_apposition(doc, text, k, sent_e, lang)
                if nxt == k:
                    break
                k = nxt
            s, e = trim(text, k + 1, _before_quotation_colon(text, k + 1, sent_e, outer))
        else:
            j = tok.i - 1
            while j > 0 and doc[j].pos_ == "ADV" and doc[j].idx > sent_s:
                j -= 1  # "…, toujours selon le ministère": adverbs of the marker's
            before = text[:tok.idx].rstrip(SPACE)
            if j < tok.i - 1 and doc[j].text == ",":
                before = text[:doc[j].idx + 1]
            # the claim starts after the last colon, dash or parenthesis of the sentence
            left = max([sent_s] + [k + 1 for k in range(sent_s, len(before) - 1)
                                   if (text[k] in ":—–" or text[k] == "(" and ")" not in text[k:len(before)])
                                   and not in_quote(outer, k)])
            k = src_chars[1]
            while k < len(text) and text[k] in SPACE:
                k += 1
            prev_word = doc.char_span(len(before) - 2, len(before) - 1, alignment_mode="expand") if len(before) > 2 else None
            if before.endswith(",") and prev_word is not None and k < sent_e and text[k] == "," \
                    and (prev_word[-1].lower_ in lang.subordinators or prev_word[-1].pos_ in ("SCONJ", "CCONJ")) \
                    and _word_count(text[k:sent_e]) >= 3:
                # "alors même que, selon lui, « … »", "… et, selon X, claim": the claim follows the source
                s, e = trim(text, k + 1, sent_e)
            elif before.endswith(",") and k < sent_e and text[k] == "," and _word_count(text[k:sent_e]) >= 2 \
                    and _inside_clause(doc, token_at, (left, len(before) - 1), (k + 1, sent_e), lang):
                # "Les dégâts, selon la préfecture, dépassent …": "selon X" inside the claim
                s, e = trim(text, left, sent_e)
            elif before.endswith("(") and k < sent_e and text[k] == ")" \
                    and _has_finite_verb(doc, k + 1, sent_e) and not _has_finite_verb(doc, left, len(before) - 1):
                # "Mardi, près de 3 000 bénévoles (selon l’association) nettoyaient les plages"
                s, e = trim(text, left, sent_e)
            elif before.endswith((",", "—", "–", "(")) or before.endswith("-"):
                s, e = trim(text, left, len(before) - 1)
                if s < e and text[e - 1] in "»”\"" and text[sent_s] in "«“\"":
                    continue  # « … », selon X: the direct quotation carries it
            elif k < sent_e and text[k] == ":":
                s, e = trim(text, left, sent_e)  # "… sont selon lui : l’exercice de …"
            elif k < sent_e and text[k] == "," and _word_count(text[k:sent_e]) >= 3 \
                    and tok.i > 0 and (doc[tok.i - 1].pos_ in ("ADP", "CCONJ", "SCONJ") or doc[tok.i - 1].lower_ in lang.clause_openers):
                # "… avec selon les chiffres du ministère, 66 000 manifestants"
                s, e = trim(text, _skip_apposition(doc, text, k, sent_e, lang) + 1, sent_e)
            elif k < sent_e and text[k] not in ",;:.!?)»”\"" and _word_count(text[k:sent_e]) >= 2 \
                    and not before.endswith((",", "—", "–", "(", "-")):
                # "D'autres ont décidé selon la préfecture de défiler en blanc": "selon X" inside
                # the clause, no comma on either side: the clause from its last comma before
                comma = max([left] + [k + 1 for k in range(left, len(before)) if text[k] == ","
                                      and not in_quote(outer, k)])
                s, e = trim(text, comma, sent_e)
            else:
                # "en référence à l’acte I qui avait réuni 282 000 personnes selon les autorités"
                comma = max([left] + [k + 1 for k in range(left, len(before)) if text[k] == ","
                                      and not in_quote(outer, k)])
                s, e = trim(text, comma, len(before))
                if _word_count(text[s:e]) < 3 and not _COUNT.fullmatch(text[s:e]):
                    s, e = trim(text, left, sent_e)
        if _word_count(text[s:e]) < 3 and not _COUNT.fullmatch(text[s:e]):
            continue  # but "1 200 selon la police, 3 500 selon les organisateurs": a count is a claim
        if in_quote(outer, s) and in_quote(outer, e - 1):
            continue
        out.append(Found("according_to", (s, e), cue=marker, mention=src, confidence=0.8))
    return out


def _describes_a_marked_source(doc: Doc, i: int, markers: frozenset[str], lang: Language) -> bool:
    """Whether the word at ``i`` ("citée") follows a comma after the source of a marker of its
    sentence, no verb between: "Selon un cadre de la mairie, cité par la radio, …"."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].text != ",":
        return False
    for k in range(j - 1, max(-1, j - 16), -1):
        tok = doc[k]
        if tok.text in ".!?;:" or "\n" in tok.text or tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.lower_ in markers:
            return True
    return False


def _relative_claim(scan: Scan, t: int) -> Found | None:
    """A claim in a relative clause whose pronoun is the marker's source: "une étude selon
    laquelle les salaires ont baissé", "le procureur, pour qui les prévenus mentaient" (with
    "pour", only a person or body before it: "les gens pour qui il travaille" is no claim).
    The claim is the relative clause after its pronoun; the source, the noun it hangs on."""
    doc, lang, text = scan.doc, scan.lang, scan.text
    end = _marker_end(doc, t, lang.according_markers)
    opinion = end is None
    if opinion:
        end = _marker_end(doc, t, lang.according_start_markers)
    if end is None or end + 1 >= len(doc) or doc[end + 1].lower_ not in lang.relative_pronouns:
        return None
    pron = doc[end + 1]
    j = t - 1
    while j >= 0 and doc[j].text == ",":
        j -= 1
    if j < 0 or doc[j].pos_ not in ("NOUN", "PROPN", "ADJ") or doc[j].sent.start != pron.sent.start:
        return None
    antecedent = doc[j]
    while antecedent.pos_ == "ADJ" and antecedent.head.i < antecedent.i and antecedent.head.pos_ in ("NOUN", "PROPN"):
        antecedent = antecedent.head  # "du président français selon qui": the noun
    while antecedent.dep_ in ("flat:name", "flat") and antecedent.head.i < antecedent.i:
        antecedent = antecedent.head
    if antecedent.pos_ == "ADJ":
        return None
    src = syntax.noun_phrase(antecedent)
    if not syntax.is_source_like(doc, src, lang) and antecedent.lemma_.lower() not in lang.document_nouns:
        return None  # "des rumeurs selon lesquelles …": the noun names the claim, not its source
    verb = pron.head
    if verb.i > pron.i and verb.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        last = min(max(x.i for x in verb.subtree), pron.sent.end - 1)
        subjects = [x for x in verb.children if x.dep_ in ("nsubj", "nsubj:pass", "expl:subj")]
        if opinion and any(x.lower_ in lang.pronouns for x in subjects):
            return None  # "la députée pour qui il a voté": "qui" is the verb's, not an opinion's
    else:  # the parse hung the pronoun on the marker: the clause runs to the sentence's end
        last = pron.sent.end - 1
        if opinion:
            return None
    while last > pron.i and (doc[last].is_punct and doc[last].text not in "»”\"" or doc[last].text == ","):
        last -= 1
    end = min(doc[last].idx + len(doc[last].text), scan.sentences.sentence_end(pron.idx))
    s, e = trim(text, pron.idx + len(pron.text), end)
    if _word_count(text[s:e]) < 3 or not _has_finite_verb(doc, s, e) or in_quote(scan.quotations, pron.idx):
        return None
    marker = (doc[t].idx, pron.idx + len(pron.text))
    quoted = next((m for m in scan.quotations if m.open == s), None)
    if quoted is not None and not text[quoted.close + 1:max(e, quoted.close + 1)].strip(SPACE + ".,;»”\""):
        # "Manuel Valls, pour qui « … »": the clause is the speaker's own words
        return Found("direct", quoted.span, cue=marker, mention=src, confidence=0.8)
    return Found("according_to", (s, e), cue=marker, mention=src, confidence=0.8)


def _inside_clause(doc: Doc, token_at: list[int], head: tuple[int, int], rest: tuple[int, int],
                   lang: Language) -> bool:
    """Whether "…, selon X, …" interrupts one clause (chars ``head`` before the marker's comma,
    ``rest`` after the source's comma) rather than closing the clause before it:

    * a subject before, its verb after ("Les dégâts, selon la préfecture, dépassent …");
    * an auxiliary or copula left hanging ("Le projet sera, selon le ministère, présenté …");
    * a verb before and the verbless rest of it after ("L'enquête visait, selon lui, les
      comptes de la mairie", "La grève a été suivie, selon le syndicat, par 40 % des agents")
      — unless that rest describes the source ("…, selon Jean Dupont, maire de la ville",
      "…, selon Jean Dupont, de l'Inserm").
    """
    head_verb = _has_finite_verb(doc, *head)
    rest_verb = _has_finite_verb(doc, *rest)
    if not head_verb:
        if not rest_verb:
            return False
        if doc[token_at[head[0]]].pos_ in ("DET", "NOUN", "PROPN", "PRON"):
            return True
        # "Entre 80 et 90 cyclistes, selon la mairie, ont fermé …": the rest opens with the
        # predicate (not "avec 12 000 spectateurs, selon X, la billetterie a …")
        first = next((t for t in doc.char_span(*rest, alignment_mode="expand") or [] if not t.is_space), None)
        return first is not None and (first.pos_ in ("VERB", "AUX") or first.lower_ in lang.reflexive_clitics
                                      or first.morph.get("Polarity") == ["Neg"])
    last = doc.char_span(*head, alignment_mode="expand")
    if last is not None and len(last) and (last[-1].pos_ == "AUX" or last[-1].lower_ in lang.auxiliary_forms):
        return True
    if rest_verb:
        return False
    words = [t for t in doc.char_span(*rest, alignment_mode="expand") or [] if not t.is_space]
    if not words or not (words[0].pos_ in ("DET", "NUM") or words[0].pos_ == "ADP" and words[0].lower_ not in lang.of_words):
        return False  # (an adjunct goes on the clause too: "a été bien reçu, selon lui, dans d'autres villes")
    noun = next((t for t in words if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is not None and words[0].pos_ == "ADP":
        return noun.pos_ != "PROPN"  # "dans d'autres villes", not "à l'Inserm"
    return noun is not None and not syntax.is_source_like(doc, (noun.i, noun.i + 1), lang)


def _before_quotation_colon(text: str, start: int, end: int, outer: list[Marked]) -> int:
    """Where a claim ends before a colon that opens a quotation ("Pour X, ces sanctions sont
    disproportionnées : « … »"); ``end`` when there is none."""
    for m in outer:
        if start < m.open < end:
            k = m.open
            while k > start and text[k - 1] in SPACE:
                k -= 1
            if text[k - 1] == ":":
                return k - 1
    return end


def _skip_apposition(doc: Doc, text: str, comma: int, limit: int, lang: Language) -> int:
    """"Pour Sophie Vidal, viticultrice à Arbois, la récolte …": step over a short verbless
    apposition between commas; returns the comma the claim follows."""
    nxt = text.find(",", comma + 1, limit)
    if nxt < 0:
        return comma
    span = doc.char_span(comma + 1, nxt, alignment_mode="expand")
    if span is not None and span and span[0].lower_ in lang.noun_relatives and len(span) <= 12:
        return nxt  # "Selon le journal, qui cite une source, …": a relative clause
    if span is not None and span and span[0].lower_ in lang.cited_forms and len(span) <= 8:
        return nxt  # "Selon un cadre, cité par la radio, …": who relayed it
    if span is None or len(span) > 7 or any(t.pos_ in ("VERB", "AUX") for t in span):
        return comma
    if span and span[0].pos_ in ("NOUN", "DET", "ADJ", "NUM"):
        return nxt
    if span and len(span) <= 4 and all(t.pos_ == "PROPN" or t.ent_type_ == "PER" for t in span):
        return nxt  # "Pour le maire, Paul Durand, il faut …": the holder's name
    return comma


def _mixed_quotes(scan: Scan, found: list[Found]) -> list[Found]:
    """Quoted fragments in the author's sentence credited to a cue of the same sentence."""
    doc, lang, text, tx, outer = scan.doc, scan.lang, scan.text, scan.sentences, scan.quotations
    cues, token_at = scan.cues, scan.token_at
    taken = [f.content for f in found]
    terms = _terms(text, outer)
    out = []
    for m in outer:
        if any(s <= m.start and m.end <= e for s, e in taken) or any(s <= m.open <= e for s, e in taken):
            continue
        if _folded(text[m.start:m.end]) in terms or _is_name(text[m.start:m.end], lang):
            continue  # « gilets jaunes », « Gaulois de Calais »: a term or a name, not words said
        if _labels_a_noun(doc, token_at[m.open], text[m.start:m.end], lang):
            continue  # le plan « neige verglas », surnommé « l’Obama de Sarcelles »: a label
        if any(m.start < s < m.end for s, e in taken):
            continue
        sent_s = tx.sentence_start(m.open)
        best = None
        for cue in cues:
            if cue.subject_span is None or in_quote(outer, cue.chars[0]):
                continue
            if not (cue.frames & {"mixed", "clause", "direct"}):
                continue
            if sent_s <= cue.chars[0] and cue.chars[1] <= m.open and cue.chars[0] >= sent_s:
                if best is None or cue.chars[0] > best.chars[0]:
                    best = cue
        if best is None:
            continue
        if best.subject_span is not None and best.subject_span[0] <= token_at[m.open] < best.subject_span[1]:
            continue  # "regrette un « marcheur bleu » belge": a term inside the source's own name
        if best.subject_span is not None and best.subject_span[1] <= token_at[m.open]:
            between = doc[best.subject_span[1]:token_at[m.open]]
            if between.text.lstrip().startswith(",") and not between.text.rstrip().endswith(",") \
                    and _word_count(between.text) <= 4 \
                    and not any(t.pos_ in ("VERB", "AUX") for t in between):
                continue  # "a déclaré X, un autre « gilet jaune libre »": an apposition on the speaker
        # the fragment must hang from the cue in the parse
        frag_tokens = [t for t in doc.char_span(m.start, m.end, alignment_mode="expand") or []]
        if frag_tokens and not any(best.verb in t.ancestors for t in frag_tokens[:3]) \
                and not _right_after_source(doc, best, token_at[m.open]):
            continue
        out.append(Found("mixed", m.span, cue=best.chars, mention=best.subject_span, confidence=0.6))
    return out


def _right_after_source(doc: Doc, cue: Cue, mark_tok: int) -> bool:
    """Whether only the cue's source after it (and its apposition) stands between the verb
    group and an opening mark: "une somme estimée par la maire, Anne Dubois, « … »"."""
    if cue.subject_span is None or cue.subject_span[0] < cue.tokens[1]:
        return False
    source = {t.i for k in range(*cue.subject_span) for t in doc[k].subtree}
    return all(k in source or doc[k].is_punct or doc[k].is_space or doc[k].pos_ == "ADP"
               for k in range(cue.tokens[1], mark_tok))


def _labels_a_noun(doc: Doc, mark_tok: int, fragment: str, lang: Language) -> bool:
    """A short quotation right after a common noun ("le plan « neige verglas »") or a naming
    verb ("surnommé « … »") names something: it is no quote."""
    k = _word_before(doc, mark_tok)
    if k < 0:
        return False
    prev = doc[k]
    if prev.lemma_.lower() in lang.naming_verbs or prev.lower_.rstrip(".…") in lang.naming_verbs:
        return True
    if k > 0 and set(doc[k].text) <= set(".…,") and doc[k - 1].lemma_.lower() in lang.naming_verbs:
        return True  # "surnommé... « … »"
    if k > 0 and prev.lower_ in lang.naming_participles and (doc[k - 1].pos_ in ("NOUN", "PROPN") or doc[k - 1].text == ","):
        return True  # "le forfait dit « solidaire »", "Jeanne Martin, dite « Mamie Jeanne »"
    first = doc[mark_tok + 1] if mark_tok + 1 < len(doc) else None
    if first is not None and first.pos_ in ("ADJ", "ADV"):
        return False  # les retards « franchement inacceptables »: the speaker's words on the noun
    return prev.pos_ == "NOUN" and prev.text[:1].islower() and _word_count(fragment) <= 3


def _folded(fragment: str) -> str:
    return " ".join(fragment.lower().replace("’", "'").split())


def _terms(text: str, outer: list[Marked]) -> set[str]:
    """Short quoted fragments the article uses as terms: quoted twice or more, or also
    written without marks by the author ("les « gilets verts »" … "les gilets verts") —
    not inside a quotation, where the speaker's own words repeat what was quoted of them
    (la « dérive inquiétante » … « une dérive inquiétante de ce dossier »)."""
    counts: dict[str, int] = {}
    for m in outer:
        frag = _folded(text[m.start:m.end])
        if 0 < _word_count(frag) <= 4:
            counts[frag] = counts.get(frag, 0) + 1
    if not counts:
        return set()
    pieces, at = [], 0
    for m in outer:  # the author's text: every quotation cut out
        pieces.append(text[at:m.open])
        at = max(at, m.close + 1)
    pieces.append(text[at:])
    low = _folded(" | ".join(pieces))
    return {f for f, n in counts.items() if n >= 2 or f in low}


def _is_name(fragment: str, lang: Language) -> bool:
    """« Mamyray », « Gaulois de Calais »: every word capitalised but small linking words."""
    words = re.findall(r"\w+", fragment)
    big = [w for w in words if w[0].isupper()]
    return bool(big) and len(words) <= 5 and all(w[0].isupper() or w.lower() in lang.name_linking_words for w in words)


def _heads_claim(doc: Doc, claim: tuple[int, int], cue: tuple[int, int]) -> bool:
    """Whether the verb of saying at ``cue`` is the main verb of the "selon" claim ("Selon X,
    le ministre a déclaré que …"), not the verb of a phrase inside it ("Selon X, la marche a
    réuni 300 personnes appelées par la CGT à …")."""
    span = doc.char_span(*claim, alignment_mode="expand")
    verb = doc.char_span(*cue, alignment_mode="expand")
    if span is None or verb is None:
        return True
    return any(t.i == span.root.i for t in verb)


def _fragment_of(text: str, part: Found, clause: Found) -> bool:
    """Whether a quoted fragment lies within a reported clause, past its first words, with no
    verb of saying of its own but the clause's or a verb of the clause before it: "qu'il
    observerait « constamment » les programmes" (not "…, « … », a dit X": its own incise)."""
    (s, e), (cs, ce) = part.content, clause.content
    return cs < s and e <= ce and e - s < 0.5 * (ce - cs) and any(ch.isalnum() for ch in text[cs:s]) \
        and (part.cue is None or part.cue == clause.cue or cs <= part.cue[0] < s)


def _dedupe(found: list[Found], doc: Doc) -> list[Found]:
    """Keep one quote per stretch: direct over indirect over "selon" over mixed; but a quoted
    fragment inside a reported clause is part of that clause ("il a annoncé qu'il observerait
    « constamment » les programmes": the clause is the quote)."""
    text = syntax.text_of(doc)
    clauses = [f for f in found if f.kind == "indirect"]
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (_PRIORITY[f.kind], f.content[0])):
        s, e = f.content
        if e <= s:
            continue
        if f.kind in ("direct", "mixed") and any(_fragment_of(text, f, c) for c in clauses):
            continue
        clash = False
        if f.kind == "according_to" and any(k.cue and s <= k.cue[0] < e and (
                k.kind == "according_to" or _heads_claim(doc, (s, e), k.cue)) for k in kept):
            continue  # the claim is already reported with its own verb of saying
        for k in kept:
            ks, ke = k.content
            inter = min(e, ke) - max(s, ks)
            if f.kind == "according_to" and k.kind != "according_to" and s <= ks and ke <= e and inter < 0.5 * (e - s):
                continue  # a claim reporting more than the quote inside it: both stand
            if inter > 0 and (inter >= 0.5 * (e - s) or inter >= 0.5 * (ke - ks)):
                clash = True
                break
        if not clash:
            kept.append(f)
    kept.sort(key=lambda f: f.content[0])
    return kept
