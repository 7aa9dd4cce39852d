"""Find verbs of saying and "selon" markers, with what each frames: step 2 of quote finding."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np

from spacy.tokens import Doc, Token

from guillemet import syntax
from guillemet.lang.base import Language
from guillemet.names import is_given_name


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
        if tok.pos_ in ("PROPN", "X") and tok.text.islower():
            return lang.cue_forms.get(tok.lower_)  # "a twitté" tagged as a name
        return None
    lemma = tok.lemma_.lower()
    if lemma in lang.not_cue_lemmas:
        return None
    if lemma in lang.cue_verbs and tok.pos_ in ("VERB", "AUX"):
        return lemma
    infinitive = lang.infinitive_of(tok.lower_)
    if tok.pos_ == "VERB" and lemma == tok.lower_ and infinitive in lang.cue_verbs:
        return infinitive  # "remarque" left as its own lemma
    form = lang.cue_forms.get(tok.lower_)
    if form:
        return form
    if tok.pos_ in ("NOUN", "ADJ") and infinitive in lang.cue_verbs and _in_incise(tok, lang):
        return infinitive  # «…, remarque Jean Dupont, …»: "remarque" tagged as a noun
    if tok.pos_ == "ADJ" and lemma in lang.cue_verbs and (
            tok.morph.get("VerbForm") == ["Part"] or tok.i > 0 and tok.doc[tok.i - 1].lemma_ in lang.perfect_auxiliaries):
        return lemma  # "a tempéré" tagged as an adjective
    return None


def naming_participle(doc: Doc, i: int, lang: Language) -> bool:
    """Whether the word at ``i`` names what comes before it with a short quotation: "dite",
    "dites" after a noun, a name or a comma ("Jeanne Martin, dite « Mamie Jeanne »"); "dit"
    only after a comma or a noun that is no speaker ("le forfait dit « solidaire »", not "Paul Durand
    dit « … »" nor "le ministre dit « … »")."""
    tok = doc[i]
    if tok.lower_ not in lang.naming_participles or not 0 < i < len(doc) - 1 or doc[i + 1].text not in lang.quote_pairs:
        return False
    close = next((k for k in range(i + 2, min(len(doc), i + 7)) if doc[k].text in lang.closing_marks), None)
    if close is None:
        return False  # a long quotation: words said
    prev = doc[i - 1]
    if prev.text == ",":
        return True
    if tok.morph.get("Gender") == ["Fem"] or tok.morph.get("Number") == ["Plur"]:
        return prev.pos_ in ("NOUN", "PROPN")  # agreeing with what it names: no verb of saying
    return prev.pos_ == "NOUN" and prev.lemma_.lower() not in lang.person_roles and prev.lemma_.lower() not in lang.org_nouns


def _in_incise(tok: Token, lang: Language) -> bool:
    """", remarque Jean Dupont,": a word between a comma and a name, as verbs of incises sit;
    also ", s’enthousiasme Jean Dupont" (its reflexive clitic before it) and ", soupire-t-elle"
    (its inverted pronoun after it)."""
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i > 0 and doc[i].lower_ in lang.reflexive_clitics:
        i -= 1
    if i < 0 or doc[i].text != ",":
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is not None and (nxt.pos_ == "PROPN" or nxt.ent_type_ == "PER" or nxt.lower_ in lang.incise_subject_starts
                                or nxt.lower_ in lang.inverted_pronouns or nxt.lower_ in lang.inversion_links)


_KEYS: dict[tuple[Language, int], tuple[np.ndarray, np.ndarray]] = {}


def _lexicon_keys(lang: Language, strings) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the cue lemmas and of the surface forms that may be cues, for a vector test."""
    key = (lang, id(strings))
    if key not in _KEYS:
        _KEYS[key] = _hash_lexicon(lang, strings)
    return _KEYS[key]


def _hash_lexicon(lang: Language, strings) -> tuple[np.ndarray, np.ndarray]:
    lemmas = {strings.add(v) for v in lang.cue_verbs} | {strings.add(v.split()[0]) for v in lang.cue_verbs}
    forms = {strings.add(f) for f in lang.cue_forms}
    forms |= {strings.add(f) for v in lang.cue_verbs for f in lang.bare_forms(v.split()[0])}  # "remarque", "laisse"
    return np.array(sorted(lemmas), dtype=np.uint64), np.array(sorted(forms), dtype=np.uint64)


def _candidates(doc: Doc, lang: Language) -> list[int]:
    """Tokens that may be cues: a lexicon lemma or form, or a verb just after « … »,"""
    if not len(doc):
        return []
    lemmas, forms = _lexicon_keys(lang, doc.vocab.strings)
    arr = doc.to_array(["LEMMA", "LOWER", "IDX", "LENGTH"])
    found = set(np.nonzero(np.isin(arr[:, 0], lemmas) | np.isin(arr[:, 1], forms))[0].tolist())
    text = syntax.text_of(doc)
    ends = (arr[:, 2] + arr[:, 3]).tolist()
    for m in _QUOTE_COMMA.finditer(text):
        k = bisect_right(ends, m.end())
        found.update(range(k, min(len(doc), k + 8)))
    return sorted(found)


def find_cues(doc: Doc, lang: Language) -> list[Cue]:
    """Every verb of saying in ``doc`` with its verb group, subject and framed content."""
    cues: list[Cue] = []
    for i in _candidates(doc, lang):
        tok = doc[i]
        lemma = cue_lemma(tok, lang)
        noun = _light_verb_noun(tok, lang)
        if noun is not None:  # "a fait état de", "called for": the verb and its word
            lemma = f"{_verb_lemma(tok, lang)} {noun.lower_}"
        frames = lang.frames(lemma) if lemma else frozenset()
        if "direct" not in frames and tok.pos_ == "VERB" and _incise_after_quote(tok, lang):
            # « … », s’est souvenu X: any verb with its subject inverted after a quotation
            lemma, frames = tok.lemma_.lower(), frames | {"direct", "inverted"}
        if lemma is None:
            continue
        if tok.pos_ == "AUX" and any(c.pos_ == "VERB" for c in tok.children):
            continue
        if tok.dep_ == "xcomp" and syntax.is_infinitive(tok, lang) and any(c.dep_.startswith("expl") for c in tok.head.children):
            continue  # "Il faut dire que …": the author's own comment, nobody reported
        if naming_participle(doc, i, lang):
            continue  # "le forfait dit « solidaire »", "Jeanne Martin, dite « Mamie Jeanne »": a label
        lo, hi = syntax.verb_group(tok, lang)
        lost = _lost_auxiliary(tok, lang)
        if lost is not None:
            lo = lost.i  # "», a pour sa part soutenu X": the auxiliary the parse lost opens the cue
        if noun is not None:
            hi = max(hi, noun.i + 1)
            # "a fait savoir": the parse may hang the auxiliary on the second word
            lo = min([lo] + [c.i for c in noun.children if c.dep_.startswith("aux") and c.i < tok.i])
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lang.observation_modals and lemma in lang.observation_verbs:
            continue  # "le Journal a pu constater que": what someone saw, not what they said
        if tok.dep_ == "xcomp" and tok.head.i < tok.i and tok.head.lemma_.lower() in lang.modal_verbs \
                and tok.i - tok.head.i <= 2:
            lo = min(lo, syntax.verb_group(tok.head, lang)[0])  # "a voulu prévenir", "ont dû convenir"
        cue = Cue(verb=tok, lemma=lemma, frames=frames, tokens=(lo, hi),
                  chars=syntax.char_span(doc[lo:hi]))
        _find_subject(cue, lang, lost_auxiliary=lost is not None)
        if syntax.is_participle_clause(tok, lang) and cues:
            prev = cues[-1]
            if prev.subject_span is not None and prev.verb.sent == tok.sent and tok.i - prev.verb.i <= 40:
                cue.subject, cue.subject_span, cue.inverted = prev.subject, prev.subject_span, prev.inverted
        if lemma in lang.impersonal_only and cue.kind != "impersonal":
            continue  # "il a appris que": learning, not a source
        if tok.morph.get("VerbForm") == ["Part"] and tok.morph.get("Tense") == ["Past"] \
                and tok.dep_ in ("acl", "amod", "advcl") and not any(c.dep_.startswith("aux") for c in tok.children) \
                and cue.subject is None:
            continue  # "un projet jugé coûteux": a participle used as an adjective
        if cue.subject is not None and (cue.subject.lower_ in lang.non_speaker_subjects
                                        or cue.subject.lemma_.lower() in lang.non_speaker_subjects):
            continue  # "cela signifie que", "des vidéos appellent à": a thing, not a source
        if lemma in lang.self_description_verbs and any(c.lower_ in lang.reflexive_clitics for c in tok.children) \
                and _attribute_follows(doc, cue.tokens[1]) and _counted_subject(cue):
            continue  # "6 % se disent « très satisfaits »": an answer, not a statement
        cue.content = _framed_content(cue, lang)
        if cue.content is not None and cue.subject is not None and cue.subject.lower_ in lang.relative_pronouns:
            cue.content = _within_relative(doc, cue.content)
        if cue.content is not None and _passive_request(cue, lang):
            continue  # "ils ont été invités à venir": the subject was asked, someone unnamed asked
        if cue.content is not None and tok.i == syntax.sentence_start(tok) and tok.lower_.endswith(lang.participle_endings):
            _main_clause_after(cue, lang)
        cues.append(cue)
    return cues


_QUOTE_COMMA = re.compile(r"[»”\"›“]\s*,")


def _incise_after_quote(verb: Token, lang: Language) -> bool:
    """Whether ``verb`` opens an incise right after a closing quotation mark and a comma,
    with its subject inverted ("», s’est souvenu Paul Durand" / "», sourit-il")."""
    text = syntax.text_of(verb.doc)
    if not _QUOTE_COMMA.search(text, max(0, verb.idx - 40), verb.idx):
        return False  # cheap test first: no "», " in the few words before
    if lang.is_not_cue(verb.lemma_.lower()):
        return False
    doc = verb.doc
    group = syntax.verb_group(verb, lang)
    if verb.morph.get("VerbForm") != ["Fin"] and not any(c.dep_.startswith("aux") for c in verb.children):
        aux = _auxiliary_before(verb, lang)
        if aux is None:
            return False  # "», restés insensibles": a participle, no incise
        group = (aux.i, group[1])  # "», a pour sa part souligné X": the parse lost the auxiliary
    if verb.dep_ == "xcomp" and verb.head.i < verb.i and verb.head.lemma_.lower() in lang.modal_verbs:
        group = (syntax.verb_group(verb.head, lang)[0], group[1])
    text = syntax.text_of(doc)
    comma = doc[group[0]].idx
    while comma > 0 and text[comma - 1].isspace():
        comma -= 1
    if comma == 0 or text[comma - 1] != "," or syntax.char_before(text, comma - 1) not in lang.closing_marks \
            or not syntax.char_before(text, comma - 1):
        return False
    if syntax.inverted_pronoun(verb, lang) is not None:
        return True
    nxt = doc[group[1]] if group[1] < len(doc) else None
    return nxt is not None and (nxt.pos_ in ("PROPN", "DET", "NOUN") or nxt.ent_type_ == "PER")


def _auxiliary_before(verb: Token, lang: Language) -> Token | None:
    """The auxiliary of a past participle a few adverbial words before it ("a pour sa part
    soutenu", "avait de son côté estimé"), where the parse did not tie them."""
    doc = verb.doc
    for j in range(verb.i - 1, max(-1, verb.i - 6), -1):
        tok = doc[j]
        if tok.lower_ in lang.perfect_auxiliaries or tok.lower_ in lang.auxiliary_forms:
            return tok if j < verb.i - 1 else None
        if tok.pos_ not in ("ADP", "DET", "NOUN", "ADV", "PRON") or tok.is_punct:
            return None
    return None


def _lost_auxiliary(verb: Token, lang: Language) -> Token | None:
    """The auxiliary of a participle opening an incise that the parse did not tie to it
    ("», a pour sa part soutenu X"), None for any other verb."""
    if verb.morph.get("VerbForm") != ["Part"] or any(c.dep_.startswith("aux") for c in verb.children):
        return None
    aux = _auxiliary_before(verb, lang)
    return aux if aux is not None and _incise_after_quote(verb, lang) else None


def _find_subject(cue: Cue, lang: Language, lost_auxiliary: bool = False) -> None:
    verb, doc = cue.verb, cue.verb.doc
    pron = syntax.inverted_pronoun(verb, lang)
    if pron is not None:
        cue.subject, cue.inverted = pron, True
        cue.subject_span = (pron.i, pron.i + 1)
        if lang.inverted_pronouns.get(pron.lower_) in lang.impersonal_pronouns:
            _impersonal_source(cue, lang)
        return
    if lost_auxiliary:
        subject_after_verb(cue, lang)  # "», a pour sa part soutenu X": X after the verb
        return
    # a passive verb of saying names its source as the agent: "des propos dénoncés par X",
    # "une somme estimée par X « … »", "it was announced by X"
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or (
        verb.dep_.startswith("acl") and verb.morph.get("VerbForm") == ["Part"]
        and not any(c.dep_.startswith("aux") for c in verb.children))
    agent = next((c for c in verb.children if c.dep_ == "obl:agent" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if agent is not None and passive:  # not "a affirmé Xi par l’intermédiaire d’un traducteur"
        cue.subject = agent
        cue.subject_span = _mention_span(agent, lang)
        return
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and not syntax.is_inversion_link(child, lang) \
                and not any(c.dep_ == "case" for c in child.children) and child.pos_ != "ADJ" \
                and not _is_time_word(child, lang) \
                and not (cue.tokens[0] <= child.i < cue.tokens[1] and child.lower_ in lang.clitics):
            lo_, hi_ = sorted((child.i, verb.i))
            if any(t.text in (".", "!", "?") or "\n" in t.text for t in doc[lo_:hi_]):
                continue  # the parser joined two sentences
            # « Le chantier progresse », a assuré le ministre: quoted words are no subject (but
            # "les « gilets jaunes » assurent": a quoted term after its determiner is the subject)
            if child.i < verb.i and any(len(t) == 1 and t.text in lang.closing_marks for t in doc[child.i + 1:verb.i]):
                opening = next((t for t in reversed(doc[child.sent.start:child.i]) if t.text in lang.quote_pairs), None)
                if opening is not None and not (opening.i > 0 and doc[opening.i - 1].pos_ == "DET"):
                    continue
            if child.i < verb.i and child.right_edge.i + 2 == cue.tokens[0] \
                    and doc[child.right_edge.i + 1].text == "," and _incise_before_predicate(cue, lang):
                return  # "Le plan, a précisé Paul Durand, coûtera …": an incise, its subject after it
            if child.i + 2 == cue.tokens[0] and doc[child.i + 1].text == "," and not list(child.children) \
                    and child.i == syntax.sentence_start(child) and subject_after_verb(cue, lang):
                return  # "Résultat, poursuit Paul Durand : « … »": a word of the author's, then the incise
            if child.lower_ in lang.impersonal_pronouns:
                cue.subject, cue.subject_span = child, (child.i, child.i + 1)
                _impersonal_source(cue, lang)
                return
            if child.lower_ in lang.expletive_pronouns and any(c.dep_ == "aux:pass" for c in verb.children):
                return  # "il a été annoncé que": impersonal passive, the source is not given
            if child.i > verb.i:
                before = syntax.char_before(syntax.text_of(doc), cue.chars[0])
                left = _subject_on_the_left(cue, lang) if before not in ",»”\"—–:(" else None
                if left is not None:  # "Paul, 29 ans, résume le dépit de tous": an object
                    cue.subject, cue.subject_span = left, _mention_span(left, lang)
                    return
                if subject_after_verb(cue, lang):
                    return  # read from the tokens: the parse stretches such phrases
            cue.subject = child
            cue.inverted = child.i > verb.i
            cue.subject_span = _mention_span(child, lang)
            return
    left = _subject_on_the_left(cue, lang)
    if left is not None:
        cue.subject, cue.subject_span = left, _mention_span(left, lang)
        return
    if syntax.is_participle_clause(verb, lang) or syntax.is_infinitive(verb, lang) or verb.dep_ in ("xcomp", "conj"):
        subj = syntax.main_subject(verb.head if verb.head is not verb else verb, lang)
        if subj is not None and subj.i != verb.i:
            cue.subject = subj
            cue.subject_span = _mention_span(subj, lang)
            return
    if syntax.char_before(syntax.text_of(doc), cue.chars[0]) in tuple(",»”\"—–(:") or cue.chars[0] == 0:
        subject_after_verb(cue, lang)  # an incise: the subject comes after the verb


def _incise_before_predicate(cue: Cue, lang: Language) -> bool:
    """Whether the cue is an incise between a subject and its predicate ("Le plan, a précisé
    Paul Durand, coûtera …"): its own subject after it, then a comma and a finite verb with
    no subject of its own. Sets the cue's subject when so."""
    if not subject_after_verb(cue, lang):
        return False
    if syntax.predicate_after_comma(cue.verb.doc, cue.subject_span[1], lang):
        return True
    cue.subject = cue.subject_span = None
    cue.inverted = False
    return False


def subject_after_verb(cue: Cue, lang: Language) -> bool:
    """Find a post-posed subject the parser missed or misread: the first noun phrase after
    the verb group that is no time word and sits in no prepositional phrase ("a déclaré
    vendredi à l’AFP le maire Vitali Klitschko", "s’est félicité sur Facebook Jean Dupont",
    "affirmait, dimanche, Paul Martin"). Read from the tokens, not the parse, which often
    hangs these words elsewhere."""
    doc = cue.verb.doc
    hi = cue.tokens[1]
    stop = hi
    while stop < min(len(doc), hi + 30):
        t = doc[stop]
        if t.text in ".;!?" or "\n" in t.text:
            break
        stop += 1
    persons = {k: e for k in range(hi, stop) if (e := syntax.entity_at(doc, k)) is not None and e.label_ == "PER"}
    i = hi
    while i < stop:
        tok = doc[i]
        if tok.text in ",«»“”\"()–—" or tok.pos_ == "ADV" or tok.is_space:
            i += 1
            continue
        if _is_time_word(tok, lang):
            i += 1
            continue
        if tok.pos_ in ("ADJ", "VERB", "NOUN") and i + 1 < stop and doc[i + 1].text == "," and doc[i - 1].text == ",":
            i += 1  # ", impassible, Jean Dupont", ", dépité, un chauffeur": a detached adjective
            continue
        if tok.pos_ == "DET" and i + 1 < stop and (_is_time_word(doc[i + 1], lang) or (
                doc[i + 1].like_num and i + 2 < stop and _is_time_word(doc[i + 2], lang))):
            i += 1
            continue
        if tok.like_num and i + 1 < stop and _is_time_word(doc[i + 1], lang):
            i += 1
            continue
        inf = _infinitive_after(doc, i + 1, stop, lang) if tok.pos_ == "ADP" else None
        if inf is not None:
            i = inf + 1  # ", sans les citer, le rapport": an aside before the subject
            continue
        if tok.pos_ == "ADP" or tok.lower_ in lang.to_contractions:
            i = _skip_pp(doc, i + 1, stop, persons, lang)
            continue
        if tok.pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ") or tok.dep_ == "det" or (
                tok.pos_ == "PRON" and tok.lower_ in lang.postposed_pronouns) or (
                tok.pos_ == "X" and tok.text[:1].isupper() and tok.text[1:2].islower()):  # a foreign name ("Dragos")
            return _take_subject(cue, i, stop, persons, lang)
        break
    return False


def _is_time_word(tok: Token, lang: Language) -> bool:
    return tok.lower_ in lang.time_nouns or tok.lemma_.lower() in lang.time_nouns


def _infinitive_after(doc: Doc, j: int, stop: int, lang: Language) -> int | None:
    """The infinitive a preposition governs, past object clitics ("sans | les nommer"), or None."""
    while j < stop and doc[j].lower_ in lang.object_clitics:
        j += 1
    return j if j < stop and doc[j].pos_ in ("VERB", "AUX") and doc[j].morph.get("VerbForm") == ["Inf"] else None


def _skip_pp(doc: Doc, j: int, stop: int, persons: dict, lang: Language) -> int:
    """End of the noun phrase a preposition governs: "à l’AFP", "sur la radio Europe 1",
    "parmi plusieurs centaines de manifestantes"; a determiner or a person's name after
    its noun begins the next phrase (the subject)."""
    seen_noun = False
    while j < stop:
        t = doc[j]
        if t.is_space or t.text in "«»“”\"" and not seen_noun or (t.text in "»”\"" and seen_noun):
            j += 1
            continue
        if t.lower_ in lang.of_words and seen_noun:
            seen_noun = False
            j += 1
            continue
        if t.pos_ == "DET" or t.dep_ == "det":  # ("l'" tagged as a pronoun, a determiner by its role)
            if seen_noun:
                break
            j += 1
            continue
        if t.pos_ in ("ADJ", "NUM"):
            j += 1
            continue
        if t.pos_ in ("NOUN", "PROPN", "X"):
            if seen_noun and (j in persons or _name_starts(doc, j) or _after_medium(doc, j, lang)):
                break
            seen_noun = True
            j += 1
            continue
        if t.text == "(" and seen_noun:
            close = next((k for k in range(j + 1, min(stop, j + 5)) if doc[k].text == ")"), None)
            if close is not None:  # "à l’Agence de presse régionale (APR) | Jean Dupont": its initials
                j = close + 1
                continue
        break
    return j


def _after_medium(doc: Doc, j: int, lang: Language) -> bool:
    """A capitalised word right after a medium's name ("à l’AFP | Dragos Pavelescu"): a name
    begins, the medium's name does not go on."""
    return doc[j - 1].text in lang.media_names and doc[j].text[:1].isupper() and doc[j].text[1:2].islower()


def _name_starts(doc: Doc, j: int) -> bool:
    """A person's name begins at token ``j``: a given name after no other, before a
    capitalised word ("Facebook | Jean Dupont")."""
    return is_given_name(doc[j].text) and not is_given_name(doc[j - 1].text) \
        and j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and doc[j + 1].pos_ in ("PROPN", "NOUN", "ADJ")


def _take_subject(cue: Cue, i: int, stop: int, persons: dict, lang: Language) -> bool:
    """Set the cue's subject to the noun phrase starting at token ``i``: its named person when
    it holds one ("le ministre de l’Économie Jean Dupont"), else its first noun; an
    apposed name after a comma ("son avocate, Me Jean Dupont") names a description."""
    doc = cue.verb.doc
    end = i
    while end < stop:
        t = doc[end]
        if end > i and t.text in lang.quote_pairs:
            term = _quoted_term_end(doc, end, stop, lang)
            if term is not None:  # "un « marcheur bleu » belge": a quoted term inside the phrase
                end = term
                continue
        if t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or t.lower_ in lang.of_words or t.text in ("-", "’", "'") or t.is_space \
                or syntax.participle_as_noun(t) \
                or (t.pos_ == "PRON" and (end == i or doc[end - 1].pos_ == "DET" or doc[end - 1].lower_ in lang.of_words
                                          or t.like_num and doc[end - 1].pos_ == "NOUN")) or (end > i and t.text[:1].isupper() and t.text[1:2].isalpha()):
            end += 1
            continue
        if t.lower_ in lang.and_words and end + 1 < stop and doc[end + 1].pos_ in ("DET", "NOUN", "PROPN"):
            end += 1
            continue
        break
    while end - 1 > i and (doc[end - 1].lower_ in lang.of_words or doc[end - 1].pos_ == "DET" or doc[end - 1].is_space
                           or doc[end - 1].text.islower() and doc[end - 1].lower_ in lang.time_nouns):
        end -= 1  # "a précisé le parquet jeudi soir": the time is no part of the source
    # "le secrétaire d’État à l’Intérieur Jean Dupont": a role's complement, then the name
    if end < stop and doc[end].lower_ in lang.role_complements:
        for k in range(end + 1, min(stop, end + 6)):
            if doc[k].text in ",;:" or doc[k].pos_ in ("VERB", "AUX"):
                break
            if k == end + 1 and doc[end].lower_ in lang.addressee_prepositions and (k in persons or _name_starts(doc, k)):
                break  # "écrivent les syndicalistes à Paul Durand": whom they write to
            if k in persons or _name_starts(doc, k):
                end = persons[k].end if k in persons else k + 1
                while end < stop and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
                    end += 1
                break
    if end <= i:
        return False
    head = None
    for k in range(i, end):
        if k in persons and not (k > i and doc[k - 1].lower_ in lang.of_words):  # not "le président du X"
            head = persons[k].root
            break
    if head is None:
        names = [k for k in range(i, end) if _name_starts(doc, k)]
        if names:
            head = doc[names[0]]
    if head is None:
        nouns = [t for t in doc[i:end] if t.pos_ in ("NOUN", "PROPN", "PRON") or syntax.participle_as_noun(t)]
        if not nouns:
            return False
        head = nouns[0]
        comma = _past_participle_phrase(doc, end, stop)  # "la ministre déléguée chargée des Sports, X"
        if head.lower_ not in lang.titles and head.pos_ != "PROPN" and comma < stop and doc[comma].text == ",":
            k = comma + 1
            if k in persons:
                head, end = persons[k].root, persons[k].end
            else:
                if k < stop and doc[k].lower_ in lang.titles:
                    k += 1
                if k in persons:
                    head, end = persons[k].root, persons[k].end
                elif k < stop and _name_starts(doc, k):
                    head, end = doc[k], k + 1
                    while end < stop and doc[end].text[:1].isupper() and doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
                        end += 1
    cue.subject, cue.inverted = head, True
    cue.subject_span = (i, end)
    return True


def _past_participle_phrase(doc: Doc, k: int, stop: int) -> int:
    """The comma after a participle phrase that starts at token ``k`` and describes the noun
    before it ("chargée de l’Égalité,"), or ``k`` when none does."""
    if k >= stop or doc[k].morph.get("VerbForm") != ["Part"] or doc[k].pos_ not in ("VERB", "ADJ"):
        return k
    for j in range(k + 1, min(stop, k + 8)):
        if doc[j].text == ",":
            return j
        if doc[j].text in ";:«»“”\"" or doc[j].pos_ in ("AUX",) or doc[j].morph.get("VerbForm") == ["Fin"]:
            break
    return k


def _quoted_term_end(doc: Doc, k: int, stop: int, lang: Language) -> int | None:
    """After the opening mark at token ``k``: the token after its closing mark when the marks
    hold a short noun phrase (a term, "« marcheur bleu »"), else None."""
    for j in range(k + 1, min(stop, k + 6)):
        if doc[j].text in lang.closing_marks:
            return j + 1 if j > k + 1 else None
        if doc[j].pos_ not in ("NOUN", "ADJ", "PROPN", "DET", "NUM") and doc[j].text not in "-’'":
            return None
    return None


def _subject_on_the_left(cue: Cue, lang: Language) -> Token | None:
    """"Xi, à son tour, a déclaré": the noun phrase right before a finite verb group, past a
    parenthetical between commas, when the parser left the verb without a subject."""
    verb, doc = cue.verb, cue.verb.doc
    if syntax.is_participle_clause(verb, lang) or syntax.is_infinitive(verb, lang):
        return None
    if verb.morph.get("VerbForm") not in (["Fin"], ["Part"]) and not any(c.dep_.startswith("aux") for c in verb.children):
        return None
    i = cue.tokens[0] - 1
    sent_start = syntax.sentence_start(doc[cue.tokens[0]])
    # an auxiliary and adverbs the parse left outside the group ("X a aussi fait état de")
    while i > sent_start and (doc[i].pos_ == "ADV" or doc[i].lower_ in lang.auxiliary_forms) and cue.tokens[0] - i <= 3:
        i -= 1
    if i >= sent_start and doc[i].text == ",":
        j = i - 1
        while j >= sent_start and doc[j].text not in (",", ".", ";", *lang.primary_marks):
            j -= 1
        if j >= sent_start and doc[j].text == "," and i - j <= 8 \
                and not any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in doc[j + 1:i]):
            i = j - 1  # (not "À Lyon, 300 policiers sont mobilisés, a indiqué X": a clause, no aside)
        else:
            return _subject_before_relative(cue, sent_start, lang)
    if i >= sent_start and doc[i].text in "»”\"" and i - 1 > sent_start:
        # "les femmes « gilets jaunes » criaient": a quoted term after the subject's noun
        k = i - 1
        while k > sent_start and doc[k].text not in "«“\"" and i - k <= 6:
            k -= 1
        noun = doc[k - 1] if k - 1 >= sent_start else None
        if doc[k].text in "«“\"" and noun is not None and noun.pos_ == "NOUN" \
                and not any(c.dep_ == "case" for c in noun.children) and doc[noun.i - 1].pos_ != "ADP":
            i = k - 1  # (not "aux mains « d’agitateurs »": a preposition's object)
        elif doc[k].text in "«“\"" and noun is not None and noun.pos_ == "DET" and noun.i - 1 >= sent_start \
                and doc[noun.i - 1].pos_ != "ADP":
            inner = [t for t in doc[k + 1:i] if t.pos_ in ("NOUN", "PROPN")]
            if inner:  # "les « gilets jaunes » assurent": the quoted term is the subject's noun
                return inner[0]
    if i < sent_start:
        return None
    tok = doc[i]
    if tok.pos_ in ("PROPN", "NOUN") or (tok.pos_ == "ADJ" and tok.dep_ == "amod"):
        head = tok
        while head.head.i != head.i and head.head.i < cue.tokens[0] and head.dep_ in ("flat:name", "flat", "amod", "appos", "nmod") \
                and head.head.i >= sent_start and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        if head.lemma_.lower() in lang.time_nouns:
            return None
        if not head.dep_.startswith("nsubj"):
            # "un pêcheur qui refuse de donner son prénom dit …": the word before the verb
            # ends a relative clause; the subject is the noun the clause describes
            relative = next((a for a in head.ancestors if a.dep_ == "acl:relcl"), None)
            if relative is not None and relative.head.pos_ in ("NOUN", "PROPN") and sent_start <= relative.head.i < head.i:
                return relative.head
        return head
    if tok.pos_ == "PRON" and tok.lower_ in lang.pronouns:
        return tok
    return _subject_before_relative(cue, sent_start, lang)


def _subject_before_relative(cue: Cue, sent_start: int, lang: Language) -> Token | None:
    """"Le gouvernement qui avait dénoncé « … » a appelé": the noun phrase opening the
    sentence, before a relative clause that runs up to the verb."""
    doc = cue.verb.doc
    k = sent_start
    while k < cue.tokens[0] and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN") and k - sent_start < 6:
        k += 1
    if k == sent_start or k >= cue.tokens[0]:
        return None
    if doc[k].lower_ not in lang.relative_pronouns and not _asides_up_to(doc, k, cue.tokens[0], lang):
        return None
    nouns = [t for t in doc[sent_start:k] if t.pos_ in ("NOUN", "PROPN")]
    if not nouns or _is_time_word(nouns[0], lang) or any(t.text in ".;:!?" for t in doc[k:cue.tokens[0]]):
        return None
    return nouns[0] if nouns[0].pos_ == "NOUN" else nouns[-1]


def _asides_up_to(doc: Doc, k: int, verb: int, lang: Language) -> bool:
    """Whether tokens [k, verb) are asides set off by commas that a subject may carry before
    its verb: adverbs, adjective or prepositional phrases, relative clauses ("D'autres élus,
    plus inquiets, encore, qui devaient signer l'accord, ont annoncé …")."""
    if doc[k].text != "," or doc[verb - 1].text != "," or verb - 1 <= k:
        return False
    j = k
    while j < verb - 1:
        nxt = next((c for c in range(j + 1, verb) if doc[c].text == ","), verb)
        chunk = [t for t in doc[j + 1:nxt] if not t.is_space]
        if not chunk:
            return False
        relative = chunk[0].lower_ in lang.relative_pronouns
        if not relative and (chunk[0].pos_ not in ("ADV", "ADJ", "ADP")
                             or any(t.pos_ in ("VERB", "AUX") for t in chunk)):
            return False
        j = nxt
    return True


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
    # a reported clause
    if "clause" in frames or "inverted" in frames:
        for child in verb.children:
            if child.i < verb.i or child.dep_ not in ("ccomp", "obj", "advcl", "xcomp", "csubj", "conj", "parataxis", "acl"):
                continue
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in lang.complementizers]
            if marks and marks[0].i > verb.i and doc[marks[0].i - 1].lower_ not in lang.compound_conjunction_heads:
                # not "avant que", "après que": a time or a concession, not what was said
                start = marks[0].idx + len(marks[0].text)
                return start, _clause_end(child, lang)
        # "a déclaré que" where the parser hung the clause elsewhere: a que right after the group
        stops = ".;!?" + "".join(lang.primary_marks) + '"'
        nxt = cue.tokens[1]
        while nxt < len(doc) and nxt < cue.tokens[1] + 8 and doc[nxt].lower_ not in lang.complementizers \
                and doc[nxt].text not in stops:
            nxt += 1
        if cue.inverted and cue.subject_span is not None and nxt < len(doc) \
                and any(doc[k].text == "," for k in range(cue.subject_span[1], nxt)):
            nxt = len(doc)  # "Le plan, a précisé X, coûtera moins cher que prévu": another clause's que
        if nxt < len(doc) and doc[nxt - 1].lower_ in lang.compound_conjunction_heads:
            nxt = len(doc)  # "après que", "bien que": the que of a conjunction
        if nxt < len(doc) and doc[nxt].lower_ in lang.complementizers and doc[nxt].dep_ == "mark":
            head = doc[nxt].head
            if head.i > nxt:
                return doc[nxt].idx + len(doc[nxt].text), _clause_end(head, lang)
        # "a annoncé lundi qu’elle …" read as a relative clause on "lundi": past time words,
        # adverbs and prepositional phrases, a que followed by a clause
        if nxt < len(doc) and doc[nxt].lower_ in lang.complementizers and doc[nxt - 1].lower_ not in lang.compound_conjunction_heads and (
                _only_adjuncts(doc, cue.tokens[1], nxt, lang)
                or "object_clause" in frames and _one_object(doc, cue.tokens[1], nxt)):
            verbs = [t for t in doc[nxt + 1:min(len(doc), nxt + 8)] if t.pos_ in ("VERB", "AUX")]
            if verbs and nxt + 1 < len(doc) and doc[nxt + 1].pos_ in ("PRON", "DET", "PROPN", "NOUN", "ADV"):
                head = verbs[0]
                while head.dep_.startswith("aux") and head.head.i > head.i:
                    head = head.head
                return doc[nxt].idx + len(doc[nxt].text), _clause_end(head, lang)
        if lang.complementizer_optional:
            bare = _bare_clause(cue, lang)  # "said he would", "told reporters the plan works"
            if bare is not None:
                return bare.left_edge.idx, _clause_end(bare, lang)
    # bare infinitive: "a dit vouloir", "raconte avoir subi"
    if "infinitive" in frames:
        nxt = doc[cue.tokens[1]] if cue.tokens[1] < len(doc) else None
        if nxt is not None and syntax.is_infinitive(nxt, lang) and nxt.pos_ in ("VERB", "AUX"):
            head = nxt.head if nxt.dep_ in ("cop", "aux:tense", "aux:pass") and nxt.head.i > nxt.i else nxt
            return nxt.idx, _clause_end(head, lang)  # "précisant attendre …"
        for child in verb.children:
            inf = syntax.is_infinitive(child, lang) or any(
                (c.dep_.startswith("aux") or c.dep_ == "cop") and syntax.is_infinitive(c, lang) for c in child.children)
            if child.i > verb.i and child.dep_ in ("xcomp", "ccomp", "obj") and inf:
                if not any(c.dep_ in ("mark", "case") for c in child.children if c.i < child.i):
                    return child.left_edge.idx, _clause_end(child, lang)
        start = _past_addressee(doc, cue.tokens[1], lang)  # "explique à la presse | ne pas l’avoir reconnue"
        if start is not None:
            j = start
            while j < len(doc) and j < start + 4 and (doc[j].pos_ == "ADV" or doc[j].lower_ in lang.clitics):
                j += 1
            if j < len(doc) and syntax.is_infinitive(doc[j], lang) and doc[j].pos_ in ("VERB", "AUX"):
                head = doc[j].head if doc[j].dep_ in ("cop", "aux:tense", "aux:pass") and doc[j].head.i > j else doc[j]
                return doc[start].idx, _clause_end(head, lang)
    # appeler X à + inf, demander à X de + inf
    if frames & {"to_infinitive", "of_infinitive"}:
        for tok in verb.subtree:
            if tok.i <= verb.i or tok.i - verb.i > 12:
                continue
            if tok.head.i != verb.i and tok.head.head.i != verb.i:
                continue  # "réclame un débat qui permettrait de parler de …": another verb's infinitive
            if not syntax.is_infinitive(tok, lang) and not any(
                    c.dep_ in ("cop", "aux:pass") and syntax.is_infinitive(c, lang) for c in tok.children):
                continue  # "à être « raisonnables »", "à être reçus": the copula or auxiliary carries the infinitive
            marks = [c for c in tok.children if c.dep_ in ("mark", "case") and c.i < tok.i
                     and c.lower_ in lang.infinitive_markers]
            if marks:
                start = marks[-1].idx + len(marks[-1].text)
                return _skip_space(syntax.text_of(doc), start), _clause_end(tok, lang)
    if "of_phrase" in frames:
        # "a fait état de 5 600 gardes à vue …": the noun phrase after de, unless it is a
        # possessive with a quoted fragment ("a fait part de sa « forte émotion »": mixed)
        k = cue.tokens[1]
        while k < len(doc) and k < cue.tokens[1] + 4 and (doc[k].pos_ == "ADV" or _is_time_word(doc[k], lang)):
            k += 1
        if k + 1 < len(doc) and doc[k].lower_ in lang.of_words:
            nxt = doc[k + 1]
            quoted = any(t.text in lang.quote_pairs for t in doc[k + 1:k + 4])
            if not quoted:  # "de sa « forte émotion »", "de « rassemblements épars »": a mixed quote
                text = syntax.text_of(doc)
                start = doc[k].idx if doc[k].lower_ in lang.of_contractions else _skip_space(text, doc[k].idx + len(doc[k].text))
                head = nxt if nxt.pos_ not in ("DET", "NUM", "ADJ") else nxt.head
                return start, _clause_end(head, lang)
    if "about_phrase" in frames:
        for child in verb.children:
            if child.i > verb.i and any(c.dep_ == "case" and c.lower_ in lang.about_words for c in child.children):
                first = [c for c in child.children if c.dep_ == "case"][0]
                return _skip_space(syntax.text_of(doc), first.idx + len(first.text)), _right_edge_char(child)
    if frames & {"object_complement", "object_phrase"}:
        obj = next((c for c in verb.children if c.dep_ == "obj" and c.i > verb.i), None)
        if obj is not None:
            complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > obj.i), None)
            if "object_complement" in frames and complement is not None:  # "called the plan “a disaster”"
                return obj.left_edge.idx, _right_edge_char(complement)
            if "object_phrase" in frames and obj.pos_ in ("NOUN", "PROPN"):  # "cited his endorsements"
                return obj.left_edge.idx, _right_edge_char(obj)
    return None




def _bare_clause(cue: Cue, lang: Language) -> Token | None:
    """The head of a finite clause with its own subject that the parse hangs on the verb,
    after it, without a complementizer ("said he would", "says it is fine")."""
    verb = cue.verb
    for child in verb.children:
        if child.i < cue.tokens[1] or child.dep_ not in ("ccomp", "parataxis") or child.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "mark" for c in child.children if c.i < child.i):
            continue  # "said if …", "said because …": an adverbial clause, or a complementizer read above
        if not any(c.dep_ in ("nsubj", "nsubj:pass", "expl", "csubj") for c in child.children):
            continue
        between = verb.doc[cue.tokens[1]:child.left_edge.i + 1]
        if any(t.text in ".!?" or "\n" in t.text for t in between[:-1]):
            continue
        if any(t.text in lang.quote_pairs for t in between):
            continue  # 'said, “We will …”': the quotation is what was said, direct
        return child
    return None


def _past_addressee(doc: Doc, k: int, lang: Language) -> int | None:
    """The token after a prepositional phrase of a few words opening at ``k`` ("à la
    presse", "au Parisien"), or None: whom a verb of saying addresses, before what it frames."""
    if k >= len(doc) or not (doc[k].pos_ == "ADP" or doc[k].lower_ in lang.to_contractions):
        return None
    j, named = k + 1, False
    while j < len(doc) and j <= k + 5 and (doc[j].pos_ in ("DET", "ADJ", "NOUN", "PROPN") or doc[j].text in "’'"):
        named = named or doc[j].pos_ in ("NOUN", "PROPN")
        j += 1
    return j if named and j < len(doc) else None


def _light_verb_noun(tok: Token, lang: Language) -> Token | None:
    """The noun of a multi-word cue ("fait" → "état" in "a fait état de"), if the lexicon has it."""
    if tok.pos_ not in ("VERB", "AUX") or not tok.i + 1 < len(tok.doc):
        return None
    nxt = tok.doc[tok.i + 1]
    if f"{_verb_lemma(tok, lang)} {nxt.lower_}" in lang.cue_verbs:
        return nxt
    return None


def _verb_lemma(tok: Token, lang: Language) -> str:
    """The verb's lemma, or its infinitive when the lemmatizer left the form as it is ("laisse")."""
    lemma = tok.lemma_.lower()
    return (lang.infinitive_of(tok.lower_) or lemma) if lemma == tok.lower_ else lemma


def _main_clause_after(cue: Cue, lang: Language) -> None:
    """"Jugeant que le projet « coûte trop cher », elle demande un nouveau vote": a
    participle opening the sentence reports up to the comma before the main clause, whose
    subject is the source."""
    doc = cue.verb.doc
    for k in range(cue.tokens[1], len(doc) - 2):
        t = doc[k]
        if t.idx >= cue.content[1] or t.text in ".!?;" or "\n" in t.text:
            return
        if t.text != ",":
            continue
        subj = doc[k + 1]
        if subj.dep_ in ("nsubj", "nsubj:pass") and subj.head.i > k and subj.pos_ in ("PRON", "PROPN", "NOUN", "DET") \
                and subj.head.morph.get("VerbForm") == ["Fin"] or (
                subj.pos_ == "PRON" and subj.lower_ in lang.pronouns and doc[k + 2].morph.get("VerbForm") == ["Fin"]):
            last = doc[k - 1]
            cue.content = (cue.content[0], last.idx + len(last.text))
            if cue.subject is None:
                cue.subject, cue.subject_span = subj, _mention_span(subj, lang)
            return


def _passive_request(cue: Cue, lang: Language) -> bool:
    """Whether a passive verb frames an infinitive with no agent ("sont appelés à voter",
    "a été prié de partir"): its subject is who was asked, not who spoke."""
    verb, doc = cue.verb, cue.verb.doc
    if not any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children):
        return False
    if any(c.dep_ == "obl:agent" for c in verb.children):
        return False
    start = cue.content[0]
    before = syntax.text_of(doc)[max(0, start - 8):start].rstrip().lower()  # "… invités à", "… prié d'"
    return before.endswith(tuple(f" {m}" for m in lang.infinitive_markers))


def _counted_subject(cue: Cue) -> bool:
    """Whether the cue's subject is a count of people ("6 % des interrogés", "la moitié des
    sondés") or missing: what a poll found, not what someone declared ("la directrice se dit
    « très inquiète »" is her statement)."""
    if cue.subject_span is None:
        return True
    words = set(cue.verb.doc[cue.subject_span[0]:cue.subject_span[1]]) | set(cue.subject.subtree)
    return any(t.like_num or t.text == "%" for t in words)


def _attribute_follows(doc: Doc, i: int) -> bool:
    """An adjective (past quotation marks and adverbs) right after the verb group."""
    while i < len(doc) and (doc[i].text in "«“\"" or doc[i].pos_ == "ADV" or doc[i].is_space):
        i += 1
    return i < len(doc) and (doc[i].pos_ == "ADJ" or doc[i].morph.get("VerbForm") == ["Part"])


def _one_object(doc: Doc, start: int, end: int) -> bool:
    """Tokens [start, end) are one short noun phrase: "a averti | les habitants | que"."""
    toks = doc[start:end]
    return 0 < len(toks) <= 5 and toks[0].pos_ in ("DET", "PROPN", "NOUN") \
        and all(t.pos_ in ("DET", "NOUN", "PROPN", "ADJ") for t in toks) and toks[-1].pos_ in ("NOUN", "PROPN")


def _only_adjuncts(doc: Doc, start: int, end: int, lang: Language) -> bool:
    """Whether tokens [start, end) are only time words, adverbs, commas and prepositional
    phrases: no object between a verb and its que."""
    prev = None
    for t in doc[start:end]:
        if t.pos_ == "DET" and (prev is None or prev.pos_ not in ("ADP", "DET")):
            return False
        if t.pos_ in ("NOUN", "PROPN") and not _is_time_word(t, lang) and (prev is None or prev.pos_ not in ("ADP", "DET", "NOUN", "PROPN", "ADJ")):
            return False
        if t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "PRON"):
            return False
        prev = t
    return True


def _author_resumes(nxt: Token, lang: Language) -> bool:
    """Whether the word after a comma starts a clause of the author's (", ajoutant", ", selon",
    ", en …", ", a-t-il dit")."""
    if nxt.lower_ in lang.clause_stops or lang.clause_stop_prefixes and nxt.lower_.startswith(lang.clause_stop_prefixes):
        return True
    if nxt.pos_ in ("VERB", "AUX") and (syntax.is_participle_clause(nxt, lang) or cue_lemma(nxt, lang)
                                        or nxt.lower_.endswith(lang.participle_endings)):
        return True
    if nxt.morph.get("VerbForm") == ["Part"] and nxt.pos_ in ("VERB", "ADJ") and not nxt.i + 1 < len(nxt.doc) \
            or nxt.morph.get("VerbForm") == ["Part"] and nxt.doc[nxt.i + 1].lower_ in lang.participle_phrase_starts:
        return True  # ", condamnées par le président"
    if nxt.lower_ in lang.adjunct_starts:
        return True  # ", au lendemain de …", ", lors de …"
    doc = nxt.doc
    if nxt.pos_ == "PRON" and nxt.lower_ in lang.demonstratives and nxt.i + 1 < len(doc) \
            and doc[nxt.i + 1].lower_ in lang.relative_pronouns:
        return True  # ", ce qui a poussé le maire à …": the author comments on the whole clause
    if nxt.pos_ == "SCONJ" and nxt.lower_ not in lang.complementizers and any(cue_lemma(t, lang) is not None and t.pos_ == "VERB"
                                   for t in doc[nxt.i + 1:min(len(doc), nxt.i + 6)]):
        return True  # ", comme il le disait hier": the author recalls another time it was said
    if nxt.lower_ in lang.auxiliary_forms:  # ", a annoncé à l’AFP X": an incise of the author's
        j = nxt.i + 1
        while j < len(doc) and j <= nxt.i + 3 and (doc[j].pos_ == "ADV" or doc[j].lower_ in lang.inversion_links
                                                   or doc[j].lower_ in lang.inverted_pronouns):
            j += 1
        if j < len(doc) and doc[j].pos_ == "VERB" and cue_lemma(doc[j], lang) is not None:
            return True
    prev = nxt.doc[nxt.i - 2] if nxt.i >= 2 else None
    if prev is not None and prev.text in "»”\"" and nxt.pos_ == "DET":
        return True  # « … », l’une des principales entrées: an apposition of the author's
    return False


def _within_relative(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """A reported clause of a verb in a relative clause ends where the sentence's own verb
    resumes after a comma: "Le maire, qui a assuré que le pont rouvrirait, est parti"."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None:
        return content
    for tok in span[:-1]:
        nxt = doc[tok.i + 1]
        if tok.text == "," and tok.i > span.start and nxt.pos_ in ("VERB", "AUX") and nxt.morph.get("VerbForm") == ["Fin"]:
            end = doc[tok.i - 1]
            return content[0], end.idx + len(end.text)
    return content


def _clause_end(head: Token, lang: Language) -> int:
    """End of a reported clause or infinitive: its subtree, stretched to the end of the sentence
    unless a new clause of the author's starts first (", ajoutant …", ", selon …", ", a-t-il
    dit", "tout en …")."""
    doc = head.doc
    texts = syntax.token_texts(doc)
    end_tok = _within_paragraph(head, head.right_edge)
    sent_end = max(head.sent.end, end_tok.i + 1)
    # the clause's own subtree may already hold the author's ", rejetant …"
    for k in range(head.i + 1, end_tok.i):
        if texts[k] == "," and _author_resumes(doc[k + 1], lang) or _another_cue_joined(doc, k, lang) \
                or texts[k] == ";" or _concessive_gerund(doc, k, lang):
            end_tok = doc[k - 1]
            break
    i = end_tok.i + 1
    last = end_tok.i
    while i < sent_end:
        text = texts[i]
        if text in (".", "!", "?", ";", "…") or text == "\n":
            break
        if text == "," and i + 1 < sent_end and (_author_resumes(doc[i + 1], lang) or _clause_of_its_own(doc, i, head)):
            break
        if _another_cue_joined(doc, i, lang) or _concessive_gerund(doc, i, lang):
            break
        if "\n" in text:
            break
        last = i
        i += 1
    end_tok = doc[last]
    while end_tok.i > head.i and (end_tok.is_punct and end_tok.text not in "»”\")" or end_tok.is_space):
        end_tok = doc[end_tok.i - 1]
    return end_tok.idx + len(end_tok.text)


def _clause_of_its_own(doc: Doc, k: int, head: Token) -> bool:
    """Whether a clause with its own subject starts after the comma at ``k`` and hangs
    outside the reported clause of ``head``: "qu’il ne signera pas le contrat, la direction
    attend sa réponse" (not ", que le maire parlerait": a second reported clause)."""
    for j in range(k + 1, min(len(doc), k + 7)):
        tok = doc[j]
        if tok.is_punct:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.morph.get("VerbForm") == ["Fin"]:
            if tok.dep_.startswith("aux") and tok.head.i > tok.i:
                tok = tok.head  # ", Paul Durand a répété": the subject hangs on the participle
            between = [c for c in tok.children if k < c.i < j]
            subject = any(c.dep_.startswith("nsubj") and (c.pos_ in ("NOUN", "PROPN") or c.pos_ == "PRON"
                                                        and c.morph.get("PronType") != ["Rel"]) for c in between)
            subordinate = any(c.dep_ == "mark" for c in between)  # ", même si c’est …"
            return subject and not subordinate and head not in tok.ancestors and tok is not head
    return False


def _another_cue_joined(doc: Doc, k: int, lang: Language) -> bool:
    """"… by March and suggested that …", "…, and he urged …": a conjunction at ``k`` joins
    another verb of saying, with or without its own subject, to the author's sentence."""
    if k not in syntax.coordinators(doc):
        return False
    j = k + 1
    while j < len(doc) and j <= k + 3 and (doc[j].pos_ in ("ADV", "AUX", "PRON", "PROPN", "DET", "NOUN")
                                           and cue_lemma(doc[j], lang) is None):
        j += 1
    return j < len(doc) and doc[j].pos_ == "VERB" and cue_lemma(doc[j], lang) is not None \
        and doc[j].dep_ in ("conj", "ROOT", "root") and doc[j].head.i < k


def _within_paragraph(head: Token, last: Token) -> Token:
    """``last``, or the last token before the paragraph break that follows ``head``: the parse
    may run a sentence on into the next paragraph, a reported clause never does."""
    texts = syntax.token_texts(head.doc)
    for k in range(head.i + 1, last.i + 1):
        if "\n" in texts[k]:
            return head.doc[k - 1]
    return last


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _concessive_gerund(doc: Doc, k: int, lang: Language) -> bool:
    """Whether token ``k`` opens the author's concessive gerund ("tout en saluant l’effort des équipes")."""
    return doc[k].lower_ in lang.concessive_gerund_words and k + 2 < len(doc) \
        and doc[k + 1].lower_ in lang.gerund_markers and doc[k + 2].lower_.endswith(lang.participle_endings)


def _right_edge_char(tok: Token) -> int:
    last = tok.right_edge
    doc = tok.doc
    # drop trailing punctuation that closes the sentence
    while last.i > tok.i and last.is_punct and last.text not in "»”\")":
        last = doc[last.i - 1]
    return last.idx + len(last.text)
