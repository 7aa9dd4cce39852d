"""Small readings of a spaCy parse shared by the quote and speaker steps."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from guillemet.lang.base import Language

NP_DEPS = {"det", "amod", "flat:name", "flat:foreign", "flat", "nmod", "case", "fixed",
           "compound", "nummod", "appos", "det:poss", "nmod:poss", "dep"}
STOP_CHARS = ",;:.!?«»“”\"()[]"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins every token on each read)."""
    text = doc.user_data.get("guillemet.text")
    if text is None:
        text = doc.user_data["guillemet.text"] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, read once per document (a spaCy Token per lookup costs more)."""
    texts = doc.user_data.get("guillemet.tokens")
    if texts is None or len(texts) != len(doc):
        text = doc.text  # one string sliced: cheaper than a Token per word
        spans = doc.to_array(["IDX", "LENGTH"]).tolist() if len(doc) else []
        texts = doc.user_data["guillemet.tokens"] = [text[i:i + n] for i, n in spans]
    return texts


def coordinators(doc: Doc) -> frozenset[int]:
    """Indices of the coordinating conjunctions that join (CCONJ, cc), read once per document
    once the steps read it (after Language.to_universal)."""
    key = (len(doc), bool(doc.user_data.get("guillemet.universal")))  # relabelled: read again
    held = doc.user_data.get("guillemet.cc")
    if held is None or held[0] != key:
        import numpy as np
        from spacy.attrs import DEP, POS

        strings = doc.vocab.strings
        found: list[int] = []
        if len(doc):
            arr = doc.to_array([POS, DEP])
            found = ((arr[:, 0] == np.uint64(strings["CCONJ"]))
                     & (arr[:, 1] == np.uint64(strings["cc"]))).nonzero()[0].tolist()
        held = doc.user_data["guillemet.cc"] = (key, frozenset(found))
    return held[1]


def predicate_after_comma(doc: Doc, k: int, lang: Language, end: int | None = None) -> bool:
    """Whether a comma at token ``k`` opens a predicate: adverbs and object clitics, then a
    finite verb before ``end`` ("…, a précisé le maire, [restera] fermé")."""
    end = len(doc) if end is None else end
    if k >= end or doc[k].text != ",":
        return False
    k += 1
    while k < end and (doc[k].pos_ == "ADV" or doc[k].lower_ in lang.object_clitics):
        k += 1
    return k < end and doc[k].pos_ in ("VERB", "AUX") and doc[k].morph.get("VerbForm") == ["Fin"]


def char_before(text: str, pos: int) -> str:
    """The last non-space character before ``pos`` ("" at the start)."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > 0 else ""


def char_span(tokens) -> tuple[int, int]:
    """(start, end) characters of a run of tokens."""
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last.text)


def noun_phrase(head: Token, limit: int = 16) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``.

    Keeps determiners, adjectives, names, "de" complements and a title's name
    ("le maire Vitali Klitschko"); stops at commas, quotation marks, relative clauses and
    appositions set off by a comma ("Alena Verbitskaya, commissaire …").
    """
    texts = token_texts(head.doc)
    keep = {head.i}
    todo = [head]
    while todo:
        tok = todo.pop()
        for child in tok.children:
            if child.dep_ not in NP_DEPS:
                continue
            if tok is head and child.dep_ in ("case", "fixed") and child.i < head.i:
                continue  # "selon le rapport": the preposition is not part of the mention
            if child.i < head.i and child.morph.get("PronType") == ["Rel"]:
                continue  # "où les autorités ont annoncé": a relative word opens the clause, not the phrase
            if child.dep_ == "dep" and child.pos_ not in ("PROPN", "NOUN", "ADJ") \
                    and not (child.pos_ == "X" and child.text[:1].isupper()):
                continue  # (a capitalised foreign word is a name's: "South China Morning Post")
            lo, hi = sorted((tok.i, child.i))
            if any(texts[j] in STOP_CHARS for j in range(lo + 1, hi)):
                continue
            if texts[child.i] in STOP_CHARS:
                continue
            keep.add(child.i)
            todo.append(child)
    start, end = min(keep), max(keep) + 1
    # contiguous: cut at the first stop character on either side of the head
    for i in range(head.i - 1, start - 1, -1):
        if texts[i] in STOP_CHARS:
            start = i + 1
            break
    for i in range(head.i + 1, end):
        if texts[i] in STOP_CHARS:
            end = i
            break
    if end - start > limit:
        end = min(end, head.i + limit // 2)
        start = max(start, head.i - limit // 2)
    # words glued by a hyphen or apostrophe the tokenizer split ("L’état-major")
    doc = head.doc
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].text not in STOP_CHARS \
            and (doc[start - 1].text in "-–" or doc[start].text in "-–" or doc[start - 1].text.endswith(("’", "'"))):
        start -= 1
    if start > 0 and doc[start - 1].pos_ == "DET" and doc[start - 1].head.i in range(start, end):
        start -= 1
    # a name the parser left outside ("l'avocat de l'accusée Me Hugues Roumeau")
    while end < len(doc) and doc[end - 1].whitespace_ and end - start < limit and (
            doc[end].pos_ == "PROPN" or doc[end - 1].pos_ == "PROPN" and doc[end].text[:1].isupper()
            and doc[end].text[1:2].islower() and doc[end].pos_ in ("NOUN", "X", "ADJ")):
        end += 1  # "… South China Morning Post": a capitalised word tagged as a noun ends the name
    # no trailing preposition or determiner left dangling
    while end - 1 > head.i and head.doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT"):
        end -= 1
    return start, end


def verb_group(verb: Token, lang: Language) -> tuple[int, int]:
    """Token range of a verb with its auxiliaries, inverted pronoun and inner adverbs.

    "a-t-il déclaré", "a également averti", "dit-il", "s’est félicité".
    """
    doc = verb.doc
    start = verb.i
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("aux:tense", "aux:pass", "aux", "expl:comp",
                                                "expl:pv", "expl:subj", "expl", "advmod", "obj",
                                                "iobj") and verb.i - child.i <= 6:
            if child.dep_ in ("obj", "iobj", "advmod") and child.i < start and not _between_aux(child, verb):
                continue
            start = min(start, child.i)
    # never across punctuation: "…, ont circulé, a précisé" starts after the comma
    for k in range(verb.i - 1, start - 1, -1):
        if doc[k].is_punct and not doc[k].text.startswith("-"):
            start = k + 1
            break
    # "a-t-elle twitté" where the tagger broke the tree: auxiliary, link, pronoun, then the verb
    j = verb.i - 1
    if start == verb.i and j > 0 and doc[j].lower_ in lang.inverted_pronouns:
        k = j - 1 if doc[j - 1].lower_ in lang.inversion_links else j
        if k > 0 and doc[k - 1].lower_ in lang.auxiliary_forms:
            start = k - 1
    # reflexive "se"/"s’" and object clitics right before the group ("les encourageait")
    clitics = lang.clitics
    while start > 0 and doc[start - 1].lower_ in clitics and (
            doc[start - 1].pos_ == "PRON" and doc[start - 1].head.i == verb.i
            or doc[start - 1].pos_ == "DET" and doc[start].pos_ in ("VERB", "AUX")):
        start -= 1
    end = verb.i + 1
    while end < len(doc) and lang.inversion_prefixes and doc[end].text.startswith(lang.inversion_prefixes) \
            and doc[end].pos_ == "PRON":
        end += 1
    return start, end


def _between_aux(tok: Token, verb: Token) -> bool:
    """True when ``tok`` sits between an auxiliary of ``verb`` and the verb."""
    auxes = [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]
    return bool(auxes) and min(auxes) < tok.i < verb.i


def inverted_pronoun(verb: Token, lang: Language) -> Token | None:
    """The "-il" of "a-t-il dit" / "dit-il", when the verb has one."""
    doc = verb.doc
    lo, hi = verb_group(verb, lang)
    for tok in doc[lo:hi]:
        if tok.lower_ in lang.inverted_pronouns:
            return tok
    return None


def sentence_start(tok: Token, limit: int = 80) -> int:
    """Index of the first token of ``tok``'s sentence, read from punctuation: the parser's
    sentence splits break at names followed by a comma ("Paul, 29 ans, …")."""
    doc = tok.doc
    i = tok.i
    floor = max(0, tok.i - limit)
    while i > floor:
        prev = doc[i - 1]
        if prev.text in (".", "!", "?", "…") or "\n" in prev.text:
            break
        i -= 1
    while i < tok.i and doc[i].is_space:
        i += 1
    return i


def is_participle_clause(verb: Token, lang: Language) -> bool:
    """A present participle or gerund ("assurant que", "en précisant")."""
    if verb.morph.get("VerbForm") == ["Part"] and verb.morph.get("Tense") == ["Pres"]:
        return True
    return lang.is_gerund(verb)


def is_infinitive(tok: Token, lang: Language) -> bool:
    """An infinitive by its tag and its ending (the tagger calls "souvenu" one)."""
    return tok.morph.get("VerbForm") == ["Inf"] and tok.lower_.endswith(lang.infinitive_endings)


def is_source_like(doc: Doc, span: tuple[int, int], lang: Language) -> bool:
    """Whether the tokens of ``span`` name a person, an organisation, a group or a role — a
    source ("pour le syndicat,", "les prévisions de l’Insee") — not a purpose or a thing
    ("pour la forme,", "le décompte de précision")."""
    for tok in doc[span[0]:span[1]]:
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PER", "ORG"):
            return True
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and (lemma in lang.person_roles or lemma in lang.org_nouns
                                   or lemma in lang.group_nouns or tok.lower_ in lang.group_nouns):
            return True
        if tok.pos_ == "PRON" and tok.lower_ in lang.stressed_pronouns:
            return True
    return False


def participle_as_noun(tok: Token) -> bool:
    """"un jeune détenu", "l’accusé": a participle right after a determiner or an adjective
    of it, which the tagger took for a verb, names a person."""
    return tok.pos_ == "VERB" and tok.morph.get("VerbForm") == ["Part"] and tok.i > 0 \
        and tok.doc[tok.i - 1].pos_ in ("DET", "ADJ") and not tok.doc[tok.i - 1].is_punct


def phrase_gender(head: Token) -> str:
    """"f", "m" or "" for a noun phrase's gender: its head's, unless a determiner or adjective
    of it is marked feminine ("l’ancienne ministre": the tagger calls the epicene noun masculine)."""
    if any(c.morph.get("Gender") == ["Fem"] for c in head.children if c.dep_ in ("det", "amod")):
        return "f"
    g = head.morph.get("Gender")
    return {"Fem": "f", "Masc": "m"}.get(g[0], "") if g else ""


def main_subject(verb: Token, lang: Language) -> Token | None:
    """The nominal or pronominal subject of ``verb``, following participles and infinitives
    up to the verb that has one."""
    seen = 0
    tok = verb
    while seen < 4:
        for child in tok.children:
            if child.dep_ == "expl:subj":
                return None  # "il est fréquent d'évoquer …": no one in particular
            if child.dep_ in ("nsubj", "nsubj:pass") and not is_inversion_link(child, lang) \
                    and not (child.pos_ == "NOUN" and child.lemma_.lower() in lang.time_nouns):
                return child  # (not "avait une nouvelle fois dénoncé": a time the parse took for a subject)
        if tok.pos_ in ("VERB", "AUX"):
            pron = inverted_pronoun(tok, lang)  # "…, a-t-il répété …, avant de déclarer que"
            if pron is not None:
                return pron
        if tok.head is tok:
            return None
        tok = tok.head
        seen += 1
    return None


def is_inversion_link(tok: Token, lang: Language) -> bool:
    """The "-t" of "a-t-il": it links the verb to its pronoun and is no subject."""
    return bool(lang.inversion_links) and tok.text.startswith(lang.inversion_links)


def without_inversion_prefix(word: str, lang: Language) -> str:
    """``word`` without the prefixes that glue an inverted pronoun to its verb ("-il" → "il")."""
    stripped = True
    while stripped:
        stripped = False
        for prefix in lang.inversion_prefixes:
            if prefix and word.startswith(prefix):
                word, stripped = word[len(prefix):], True
    return word


def ents_within(toks: Span) -> list[Span]:
    """The named entities lying wholly inside ``toks`` (as ``Span.ents``), read from the tokens'
    IOB tags: ``Span.ents`` walks every entity of the document on each call, which costs
    milliseconds on a long article."""
    out = []
    i = toks.start
    while i < toks.end:
        ent = entity_at(toks.doc, i)
        if ent is None:
            i += 1
            continue
        if ent.end <= toks.end:
            out.append(ent)
        i = ent.end
    return out


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity that starts at token ``i``, if any."""
    if i >= len(doc) or doc[i].ent_iob_ != "B":
        return None
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return Span(doc, i, j, label=doc[i].ent_type_)
