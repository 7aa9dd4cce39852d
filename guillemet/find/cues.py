"""Find verbs of saying and "selon" markers, with what each frames: step 2 of quote finding."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from guillemet.find import syntax
from guillemet.lang.base import Language


@dataclass(slots=True)
class Cue:
    """A verb of saying (or marker) in the parse.

    Attributes:
        verb: The head token (the verb, or the marker's first token).
        lemma: Its lemma as looked up in the lexicon.
        frames: What it may frame (Language.cue_verbs).
        tokens: Token range [start, end) of the verb group.
        chars: Character span of the verb group.
        subject: The token standing for the source, when the parse gives one.
        inverted: The subject comes after the verb ("a déclaré Poutine", "a-t-il dit").
        content: Character span of the reported clause / infinitive, when it has one.
        kind: "verb", "according" or "impersonal".
    """

    verb: Token
    lemma: str
    frames: frozenset[str]
    tokens: tuple[int, int]
    chars: tuple[int, int]
    subject: Token | None = None
    subject_span: tuple[int, int] | None = None  # token range of the mention
    inverted: bool = False
    content: tuple[int, int] | None = None
    kind: str = "verb"
    used: bool = field(default=False)


def cue_lemma(tok: Token, lang: Language) -> str | None:
    """The cue lemma of a token, or None when it is no verb of saying."""
    if tok.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
        return None
    lemma = tok.lemma_.lower()
    if lemma in lang.not_cue_lemmas:
        return None
    if lemma in lang.cue_verbs and tok.pos_ in ("VERB", "AUX"):
        return lemma
    form = lang.cue_forms.get(tok.lower_)
    if form:
        return form
    if tok.pos_ == "ADJ" and tok.morph.get("VerbForm") == ["Part"] and lemma in lang.cue_verbs:
        return lemma
    return None


def find_cues(doc: Doc, lang: Language) -> list[Cue]:
    """Every verb of saying in ``doc`` with its verb group, subject and framed content."""
    cues: list[Cue] = []
    for tok in doc:
        lemma = cue_lemma(tok, lang)
        if lemma is None:
            continue
        if tok.pos_ == "AUX" and any(c.pos_ == "VERB" for c in tok.children):
            continue
        lo, hi = syntax.verb_group(tok)
        cue = Cue(verb=tok, lemma=lemma, frames=lang.frames(lemma), tokens=(lo, hi),
                  chars=syntax.char_span(doc[lo:hi]))
        _find_subject(cue, lang)
        if syntax.is_participle_clause(tok) and cues:
            prev = cues[-1]
            if prev.subject_span is not None and prev.verb.sent == tok.sent and tok.i - prev.verb.i <= 40:
                cue.subject, cue.subject_span, cue.inverted = prev.subject, prev.subject_span, prev.inverted
        cue.content = _framed_content(cue, lang)
        cues.append(cue)
    return cues


def _find_subject(cue: Cue, lang: Language) -> None:
    verb, doc = cue.verb, cue.verb.doc
    pron = syntax.inverted_pronoun(verb, lang)
    if pron is not None:
        cue.subject, cue.inverted = pron, True
        cue.subject_span = (pron.i, pron.i + 1)
        if pron.lower_ in ("-on",):
            _impersonal_source(cue, lang)
        return
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and not child.text.startswith("-t"):
            lo_, hi_ = sorted((child.i, verb.i))
            if any(t.text in (".", "!", "?") or "\n" in t.text for t in doc[lo_:hi_]):
                continue  # the parser joined two sentences
            if child.lower_ == "on":
                cue.subject, cue.subject_span = child, (child.i, child.i + 1)
                _impersonal_source(cue, lang)
                return
            cue.subject = child
            cue.inverted = child.i > verb.i
            cue.subject_span = _mention_span(child, lang)
            return
    left = _subject_on_the_left(cue, lang)
    if left is not None:
        cue.subject, cue.subject_span = left, _mention_span(left, lang)
        return
    if syntax.is_participle_clause(verb) or syntax.is_infinitive(verb) or verb.dep_ in ("xcomp", "conj"):
        subj = syntax.main_subject(verb.head if verb.head is not verb else verb)
        if subj is not None and subj.i != verb.i:
            cue.subject = subj
            cue.subject_span = _mention_span(subj, lang)
            return
    subject_after_verb(cue, lang)


def subject_after_verb(cue: Cue, lang: Language) -> bool:
    """Find a post-posed subject the parser missed: the first bare noun phrase after the
    verb group, past time words and prepositional phrases ("a déclaré vendredi à l’AFP le
    maire Vitali Klitschko"). A named person in that stretch wins over other nouns."""
    verb, doc = cue.verb, cue.verb.doc
    lo, hi = cue.tokens
    sent_end = len(doc)
    stop = hi
    while stop < min(sent_end, hi + 25):
        t = doc[stop]
        if t.text in ".;!?«»“”\"" or "\n" in t.text:
            break
        stop += 1
    # a person named in the stretch right after the verb
    for ent in doc.ents:
        if ent.label_ == "PER" and hi <= ent.start < stop and not _inside_pp(doc, ent.start, hi):
            # only when no comma separates it from the verb group, or it is the only noun
            if "," not in doc[hi:ent.start].text or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[hi:ent.start]):
                head = ent.root
                cue.subject, cue.inverted = head, True
                cue.subject_span = _extend_left_title(head, hi, lang)
                return True
    i = hi
    while i < stop:
        tok = doc[i]
        if tok.text == "," and i > hi:
            break
        if tok.pos_ == "ADP":
            j = i + 1
            while j < stop and doc[j].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "NUM") \
                    and doc[j].text not in ",.;:":
                if doc[j].pos_ in ("NOUN", "PROPN") and (j + 1 >= stop or doc[j + 1].pos_ not in ("ADP", "ADJ", "PROPN", "NOUN")):
                    j += 1
                    break
                j += 1
            i = j
            continue
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.lemma_.lower() not in lang.time_nouns \
                and tok.lower_ not in lang.time_nouns and not tok.text.startswith("-"):
            cue.subject, cue.inverted = tok, True
            head = tok
            while head.head.i != head.i and head.dep_ in ("flat:name", "flat", "appos", "amod") \
                    and head.head.i >= hi:
                head = head.head
            cue.subject_span = _mention_span(head, lang)
            return True
        i += 1
    return False


_NAME_PREPS = {"de", "d’", "d'", "du", "des"}


def _inside_pp(doc: Doc, start: int, floor: int) -> bool:
    """Whether the name at ``start`` sits in a prepositional phrase ("sur la radio Europe 1"),
    as opposed to a title's complement ("le ministre de l’Économie Bruno Le Maire")."""
    i = start - 1
    while i >= floor:
        tok = doc[i]
        if tok.pos_ in ("NOUN", "ADJ", "DET", "PROPN", "NUM") or tok.lower_ in _NAME_PREPS:
            i -= 1
            continue
        if tok.pos_ == "ADP":
            # "sur la radio X": a preposition before any determiner-led title
            j = i + 1
            while j < start and doc[j].pos_ in ("DET", "NOUN", "ADJ", "PROPN", "NUM"):
                if doc[j].pos_ == "DET" and j > i + 1:
                    return False  # "à l’AFP le maire X": a new noun phrase begins
                j += 1
            return True
        return False
    return False


def _extend_left_title(head: Token, floor: int, lang: Language) -> tuple[int, int]:
    """The mention of a name with the title before it ("le maire Vitali Klitschko")."""
    lo, hi = syntax.noun_phrase(head)
    doc = head.doc
    i = lo - 1
    while i >= floor and doc[i].pos_ in ("NOUN", "ADJ", "DET", "ADP", "PROPN") and doc[i].text not in ",;:":
        i -= 1
    start = i + 1
    while start < lo and doc[start].pos_ == "ADP":
        start += 1
    # keep the title only when it begins with a determiner ("le ministre … X")
    if start < lo and doc[start].pos_ != "DET":
        start = lo
    return start, hi


def _subject_on_the_left(cue: Cue, lang: Language) -> Token | None:
    """"Xi, à son tour, a déclaré": the noun phrase right before a finite verb group, past a
    parenthetical between commas, when the parser left the verb without a subject."""
    verb, doc = cue.verb, cue.verb.doc
    if syntax.is_participle_clause(verb) or syntax.is_infinitive(verb):
        return None
    if verb.morph.get("VerbForm") not in (["Fin"], ["Part"]) and not any(c.dep_.startswith("aux") for c in verb.children):
        return None
    i = cue.tokens[0] - 1
    sent_start = verb.sent.start
    if i >= sent_start and doc[i].text == ",":
        j = i - 1
        while j >= sent_start and doc[j].text not in (",", ".", ";", "»", "«"):
            j -= 1
        if j >= sent_start and doc[j].text == "," and i - j <= 8:
            i = j - 1
        else:
            return None
    if i < sent_start:
        return None
    tok = doc[i]
    if tok.pos_ in ("PROPN", "NOUN") or (tok.pos_ == "ADJ" and tok.dep_ == "amod"):
        head = tok
        while head.head.i != head.i and head.head.i < cue.tokens[0] and head.dep_ in ("flat:name", "flat", "amod", "appos", "nmod") and head.head.i >= sent_start:
            head = head.head
        if head.lemma_.lower() in lang.time_nouns:
            return None
        return head
    if tok.pos_ == "PRON" and tok.lower_ in lang.pronouns:
        return tok
    return None


def _impersonal_source(cue: Cue, lang: Language) -> None:
    """"a-t-on appris de source policière / auprès de X": the source is the phrase after."""
    cue.kind = "impersonal"
    doc = cue.verb.doc
    for tok in doc[cue.tokens[1]:min(cue.verb.sent.end, cue.tokens[1] + 12)]:
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in lang.time_nouns:
            cue.subject = tok
            cue.subject_span = _mention_span(tok, lang)
            return
    cue.subject = None
    cue.subject_span = None


def _mention_span(tok: Token, lang: Language) -> tuple[int, int]:
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    return syntax.noun_phrase(tok)


def _framed_content(cue: Cue, lang: Language) -> tuple[int, int] | None:
    """Character span of the clause or infinitive a verb of saying introduces."""
    verb, doc = cue.verb, cue.verb.doc
    frames = cue.frames
    # que-clause
    if "que" in frames or "inverted" in frames:
        for child in verb.children:
            if child.i < verb.i or child.dep_ not in ("ccomp", "obj", "advcl", "xcomp", "csubj", "conj", "parataxis", "acl"):
                continue
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in lang.complementizers]
            if marks and marks[0].i > verb.i:
                start = marks[0].idx + len(marks[0].text)
                return start, _clause_end(child, lang)
        # "a déclaré que" where the parser hung the clause elsewhere: a que right after the group
        nxt = cue.tokens[1]
        while nxt < len(doc) and nxt < cue.tokens[1] + 8 and doc[nxt].lower_ not in lang.complementizers \
                and doc[nxt].text not in ".;!?«»\"":
            nxt += 1
        if nxt < len(doc) and doc[nxt].lower_ in lang.complementizers and doc[nxt].dep_ == "mark":
            head = doc[nxt].head
            if head.i > nxt:
                return doc[nxt].idx + len(doc[nxt].text), _clause_end(head, lang)
    # bare infinitive: "a dit vouloir", "raconte avoir subi"
    if "inf" in frames:
        for child in verb.children:
            inf = syntax.is_infinitive(child) or any(
                c.dep_.startswith("aux") and syntax.is_infinitive(c) for c in child.children)
            if child.i > verb.i and child.dep_ in ("xcomp", "ccomp", "obj") and inf:
                if not any(c.dep_ in ("mark", "case") for c in child.children if c.i < child.i):
                    return child.left_edge.idx, _right_edge_char(child)
    # appeler X à + inf, demander à X de + inf
    if frames & {"a_inf", "de_inf"}:
        for tok in verb.subtree:
            if tok.i <= verb.i or not syntax.is_infinitive(tok) or tok.i - verb.i > 12:
                continue
            marks = [c for c in tok.children if c.dep_ in ("mark", "case") and c.i < tok.i
                     and c.lower_ in ("à", "de", "d’", "d'")]
            if marks:
                start = marks[-1].idx + len(marks[-1].text)
                return _skip_space(doc.text, start), _right_edge_char(tok)
    if "sur" in frames:
        for child in verb.children:
            if child.i > verb.i and any(c.dep_ == "case" and c.lower_ == "sur" for c in child.children):
                first = [c for c in child.children if c.dep_ == "case"][0]
                return _skip_space(doc.text, first.idx + len(first.text)), _right_edge_char(child)
    return None


_CLAUSE_STOPS = {"selon", "ajoutant", "précisant", "estimant", "assurant", "expliquant",
                 "soulignant", "rappelant", "affirmant", "indiquant", "avant", "tandis", "alors"}


def _clause_end(head: Token, lang: Language) -> int:
    """End of a reported clause: its subtree, stretched to the end of the sentence unless a
    new clause of the author's starts first (", ajoutant …", ", selon …", ", a-t-il dit")."""
    doc = head.doc
    end_tok = head.right_edge
    sent_end = head.sent.end
    i = end_tok.i + 1
    while i < sent_end:
        tok = doc[i]
        if tok.text in (".", "!", "?", ";", "…") or tok.text == "\n":
            break
        if tok.text == "," and i + 1 < sent_end:
            nxt = doc[i + 1]
            if nxt.lower_ in _CLAUSE_STOPS or nxt.lower_ == "en" or nxt.lower_.startswith(("d’", "d'")) \
                    or (nxt.pos_ in ("VERB", "AUX") and (syntax.is_participle_clause(nxt) or cue_lemma(nxt, lang))):
                break
        if "\n" in tok.text:
            break
        end_tok = tok
        i += 1
    while end_tok.i > head.i and (end_tok.is_punct and end_tok.text not in "»”\")" or end_tok.is_space):
        end_tok = doc[end_tok.i - 1]
    return end_tok.idx + len(end_tok.text)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _right_edge_char(tok: Token) -> int:
    last = tok.right_edge
    doc = tok.doc
    # drop trailing punctuation that closes the sentence
    while last.i > tok.i and last.is_punct and last.text not in "»”\")":
        last = doc[last.i - 1]
    return last.idx + len(last.text)
