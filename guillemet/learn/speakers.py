"""Speaker candidates of a quote and what describes each: the rows the speaker model ranks.

The rules resolve each quote's mention to one source (guillemet.resolve). This step lists the
sources the quote could have instead — every person or body the article names near it, the
noun-phrase subjects around it, the sources of the quotes before it — and describes each by
its relation to the quote: distance, syntax, agreement with a pronoun, who spoke just before,
whether the rules chose it. A trained model (guillemet.learn.model) scores the rows; the best
candidate becomes the speaker.

Reads: the parse, the rules' quotes and their resolutions, the article's entities.
Writes: nothing; :func:`choose_speakers` applies a model's choice to the resolutions.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from guillemet import syntax
from guillemet.names import given_name_gender, is_given_name
from guillemet.resolve import ArticleEntities, Entity, Resolved, fold, name_words

#: How far before a quote's cue a source may have been named (characters).
WINDOW_BEFORE = 3000
#: How far after the cue (inverted or post-posed subjects).
WINDOW_AFTER = 200
_TYPES = ("person", "organisation", "group", "media", "document", "unknown")
_KINDS = ("direct", "indirect", "mixed", "according_to")
_MENTION_KINDS = ("none", "pronoun", "relative", "name", "description", "indefinite")
_FAR = 12.0  # log1p of a distance when there is none


@dataclass(slots=True)
class Candidate:
    """A source a quote may be credited to."""

    name: str
    type: str
    entity: Entity | None  # None for a noun phrase the rules never made a source
    positions: list[int] = field(default_factory=list)  # character positions of its mentions
    subject_at: set[int] = field(default_factory=set)
    oblique_at: set[int] = field(default_factory=set)
    context: frozenset[str] = frozenset()  # content words around its mentions (lemmas, folded)


FEATURES: tuple[str, ...] = (
    "rule_choice", "is_entity", "n_name_words", "has_given_name", "gender_known", "n_mentions",
    "log_before", "sentences_before", "paragraphs_before", "log_after", "same_sentence",
    "nearest_is_subject", "nearest_is_oblique", "ever_subject", "mention_in_content",
    "spoke_before", "prev1", "prev2", "rank_by_distance", "mention_overlap", "mention_is_it",
    "tie_head", "pron_gender", "pron_number", "first_position", "quote_words_log",
    "cue_after_content", "has_cue", "n_candidates", "cue_subject", "cue_agent", "marker_object",
    "cue_dependent", "intervening", "subject_sentence_before", "same_paragraph", "role_head",
    "person_entity", "context_overlap", "det_definite", "det_indefinite", "det_demonstrative",
    "det_possessive", "mention_plural",
    *(f"type_{t}" for t in _TYPES), *(f"kind_{k}" for k in _KINDS),
    *(f"mention_{m}" for m in _MENTION_KINDS),
    "most_recent_person", "most_recent_agreeing", "best_context", "most_recent_subject", "most_recent_speaker",
)


def mention_kind(ents: ArticleEntities, mention: tuple[int, int] | None) -> str:
    """What the quote's mention is: a pronoun, a relative, a name, a description."""
    if mention is None:
        return "none"
    toks = ents.doc[mention[0]:mention[1]]
    head = ents._head(toks)
    low = head.lower_.lstrip("-")
    lang = ents.lang
    if low in lang.indefinite_pronouns:
        return "indefinite"
    if low in lang.relative_pronouns:
        return "relative"
    if (head.pos_ == "PRON" or low in lang.pronouns or "-" + low in lang.pronouns) \
            and not any(e.label_ == "PER" for e in toks.ents):
        return "pronoun"
    if any(t.ent_type_ in ("PER", "ORG") or t.pos_ == "PROPN" for t in toks):
        return "name"
    return "description"


def collect_candidates(ents: ArticleEntities) -> list[Candidate]:
    """Every source of the article and every noun-phrase subject outside quotations."""
    by_entity: dict[int, Candidate] = {}
    for m in ents.mentions:
        if m.speaker and not _written_at(ents.text, m.pos, m.entity):
            continue  # a pronoun or description the rules tied to it: their guess, not the text
        c = by_entity.get(id(m.entity))
        if c is None:
            c = by_entity[id(m.entity)] = Candidate(m.entity.name, m.entity.type, m.entity)
        c.positions.append(m.pos)
        if m.subject:
            c.subject_at.add(m.pos)
        if m.oblique:
            c.oblique_at.add(m.pos)
    known = {fold(c.name) for c in by_entity.values()}
    phrases: dict[str, Candidate] = {}
    doc = ents.doc
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubj:pass") or tok.pos_ != "NOUN" or ents._in_quote(tok.idx):
            continue
        lo, hi = syntax.noun_phrase(tok)
        hi = next((t.i for t in doc[tok.i:hi] if t.text in ",;:(«»\""), hi)
        toks = doc[lo:hi]
        if not len(toks) or toks[0].lower_ in ents.lang.demonstratives:
            continue
        name = ents.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
        key = fold(name)
        if key in known:
            continue
        named = _named_in(by_entity.values(), name_words(name, ents.lang), ents.lang)
        if named is not None:  # "le cycliste valaisan Steve Morabito": a mention of Morabito
            named.positions.append(toks[0].idx)
            named.subject_at.add(toks[0].idx)
            continue
        c = phrases.get(key)
        if c is None:
            c = phrases[key] = Candidate(name, ents._type_of(tok, toks), None)
        c.positions.append(toks[0].idx)
        c.subject_at.add(toks[0].idx)
    out = list(by_entity.values()) + list(phrases.values())
    starts = [t.idx for t in doc]
    content = [fold(t.lemma_) if t.pos_ in ("NOUN", "ADJ", "PROPN") else None for t in doc]
    for c in out:
        c.positions.sort()
        words = set()
        for p in c.positions:
            i = bisect_left(starts, p)
            words.update(w for w in content[max(0, i - 8):i + 10] if w is not None)
        c.context = frozenset(words)
    return out


def _named_in(cands, words: frozenset[str], lang) -> Candidate | None:
    """The one named source whose whole name is in a phrase ("l’association Terre Vive"), if
    exactly one is; a person's name counts from two words on."""
    hits = [c for c in cands if name_words(c.name, lang) and name_words(c.name, lang) <= words
            and (c.type != "person" or len(name_words(c.name, lang)) >= 2)]
    return hits[0] if len(hits) == 1 else None


def _written_at(text: str, pos: int, ent: Entity) -> bool:
    """Whether one of the entity's names or descriptions is written at ``pos``."""
    here = fold(text[pos:pos + 120])
    return any(here.startswith(fold(n)) for n in (ent.name, *ent.aliases) if n)


def _log(d: float | None) -> float:
    return math.log1p(d) if d is not None else _FAR


def quote_rows(ents: ArticleEntities, candidates: list[Candidate], found, resolved: Resolved,
               previous: list[tuple[object, Resolved]]) -> tuple[list[Candidate], list[list[float]]]:
    """The candidates in reach of one quote and their feature rows (in FEATURES order).

    Args:
        ents: The article's entities (after the rules resolved this quote).
        candidates: :func:`collect_candidates` of the article.
        found: The quote (guillemet.find.quotes.Found).
        resolved: The rules' resolution of this quote.
        previous: (quote, resolution) of the quotes before it, in text order.
    """
    text = ents.text
    anchor = found.cue[0] if found.cue else found.content[0]
    cue_after = bool(found.cue and found.cue[0] >= found.content[1])
    reach_lo = anchor - WINDOW_BEFORE
    reach_hi = max(anchor, found.cue[1] if found.cue else found.content[0]) + WINDOW_AFTER
    mkind = mention_kind(ents, found.mention)
    mention_chars = None
    mention_words: frozenset[str] = frozenset()
    pron_gender, pron_number = "", ""
    head_lemma = ""
    desc_words: frozenset[str] = frozenset()
    det = ""
    plural = False
    if found.mention is not None:
        toks = ents.doc[found.mention[0]:found.mention[1]]
        mention_chars = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
        mention_words = name_words(text[mention_chars[0]:mention_chars[1]], ents.lang)
        head = ents._head(toks)
        head_lemma = fold(head.lemma_)
        if mkind == "pronoun":
            low = head.lower_.lstrip("-")
            pron_gender, pron_number = ents.lang.pronouns.get(low, ents.lang.pronouns.get("-" + low, ("", "s")))
        elif mkind == "description":
            desc_words = frozenset(fold(t.lemma_) for t in toks if t.pos_ in ("NOUN", "ADJ", "PROPN"))
            g = head.morph.get("Gender")
            pron_gender = {"Fem": "f", "Masc": "m"}.get(g[0], "") if g else ""
            pron_number = "p" if head.morph.get("Number") == ["Plur"] else "s"
        first = toks[0].lower_
        lang = ents.lang
        det = ("demonstrative" if first in lang.demonstratives else
               "possessive" if toks[0].morph.get("Poss") == ["Yes"] else
               "definite" if toks[0].pos_ == "DET" and toks[0].morph.get("Definite") == ["Def"] else
               "indefinite" if toks[0].pos_ == "DET" else "")
        plural = head.morph.get("Number") == ["Plur"]
    relations = _cue_relations(ents, found)
    spoke = {}
    for _, res in previous:
        if res.entity is not None:
            spoke[id(res.entity)] = spoke.get(id(res.entity), 0) + 1
    prev1 = previous[-1][1].entity if previous else None
    prev2 = previous[-2][1].entity if len(previous) > 1 else None
    sent_anchor = bisect_left(ents.boundaries, anchor)
    para_anchor = ents.paragraph(anchor)
    in_reach: list[tuple[Candidate, int | None, int | None]] = []
    for c in candidates:
        k = bisect_right(c.positions, anchor) - 1
        before = c.positions[k] if k >= 0 else None
        after = next((p for p in c.positions[k + 1:] if p <= reach_hi), None)
        if before is not None and before < reach_lo:
            before = None
        is_rule = resolved.entity is not None and c.entity is resolved.entity
        if before is None and after is None and not is_rule:
            continue
        in_reach.append((c, before, after))
    order = sorted(range(len(in_reach)), key=lambda i: anchor - in_reach[i][1] if in_reach[i][1] is not None else 1e9)
    latest = sorted(b for _, b, _ in in_reach if b is not None)
    sent_content = bisect_left(ents.boundaries, found.content[0])
    rank = {i: r for r, i in enumerate(order)}
    rows = []
    n_text = max(1, len(text))
    for i, (c, before, after) in enumerate(in_reach):
        ent = c.entity
        words = name_words(c.name, ents.lang)
        aliases = set(words)
        if ent is not None:
            for a in ent.aliases:
                aliases |= name_words(a, ents.lang)
        overlap = len(mention_words & aliases) / len(mention_words | aliases) if mention_words and aliases else 0.0
        mention_is_it = bool(mention_chars and any(mention_chars[0] <= p < mention_chars[1] for p in c.positions))
        tie_head = bool(ent is not None and head_lemma and any(e is ent and h == head_lemma for _, _, e, h in ents.ties))
        gender = ent.gender if ent is not None else ""
        if not gender and c.type == "person":
            first = c.name.split()[0] if c.name.split() else ""
            g = given_name_gender(first)
            gender = g if g in ("m", "f") else ""
        number = "p" if c.type == "group" else (ent.number if ent is not None else "s")
        nearest = before if before is not None else after
        row = [
            float(resolved.entity is not None and ent is resolved.entity),
            float(ent is not None),
            float(len(words)),
            float(bool(c.name.split()) and is_given_name(c.name.split()[0])),
            float(bool(gender)),
            float(len(c.positions)),
            _log(anchor - before if before is not None else None),
            float(min(20, sent_anchor - bisect_left(ents.boundaries, before))) if before is not None else 20.0,
            float(min(10, para_anchor - ents.paragraph(before))) if before is not None else 10.0,
            _log(after - anchor if after is not None else None),
            float(before is not None and bisect_left(ents.boundaries, before) == sent_anchor),
            float(nearest is not None and nearest in c.subject_at),
            float(nearest is not None and nearest in c.oblique_at),
            float(bool(c.subject_at)),
            float(nearest is not None and found.content[0] <= nearest < found.content[1]),
            float(spoke.get(id(ent), 0) if ent is not None else 0),
            float(ent is not None and ent is prev1),
            float(ent is not None and ent is prev2),
            float(min(rank[i], 15)),
            overlap,
            float(mention_is_it),
            float(tie_head),
            (1.0 if gender == pron_gender else -1.0) if pron_gender and gender else 0.0,
            (1.0 if number == pron_number else -1.0) if pron_number else 0.0,
            c.positions[0] / n_text if c.positions else 1.0,
            math.log1p(len(text[found.content[0]:found.content[1]].split())),
            float(cue_after),
            float(found.cue is not None),
            float(len(in_reach)),
            *(float(any(relations.get(p) == r for p in c.positions)) for r in ("subject", "agent", "marker", "dependent")),
            float(len(latest) - bisect_right(latest, before) if before is not None else len(latest)),
            float(any(bisect_left(ents.boundaries, p) == sent_content - 1 for p in c.subject_at)),
            float(nearest is not None and ents.paragraph(nearest) == para_anchor),
            float(c.type in ("person", "group") and ent is None),
            float(ent is not None and ent.type == "person" and len(words) >= 2),
            len(desc_words & c.context) / len(desc_words) if desc_words else 0.0,
            float(det == "definite"), float(det == "indefinite"), float(det == "demonstrative"),
            float(det == "possessive"), float(plural),
            *(float(c.type == t) for t in _TYPES),
            *(float(found.kind == k) for k in _KINDS),
            *(float(mkind == m) for m in _MENTION_KINDS),
        ]
        rows.append(row)
    _add_relative(rows, [c for c, _, _ in in_reach], previous)
    return [c for c, _, _ in in_reach], rows


_I = {name: i for i, name in enumerate(FEATURES)}


def _add_relative(rows: list[list[float]], cands: list[Candidate], previous) -> None:
    """Features that compare a candidate with the others of the same quote."""
    def best(score) -> int | None:
        scored = [(score(r, c), k) for k, (r, c) in enumerate(zip(rows, cands))]
        scored = [(v, k) for v, k in scored if v is not None]
        return max(scored)[1] if scored else None

    people = lambda r, c: -r[_I["log_before"]] if c.type == "person" and r[_I["log_before"]] < _FAR else None
    agreeing = lambda r, c: people(r, c) if r[_I["pron_gender"]] >= 0 and r[_I["pron_number"]] >= 0 else None
    context = lambda r, c: r[_I["context_overlap"]] if r[_I["context_overlap"]] > 0 and c.type != "unknown" else None
    subject = lambda r, c: -r[_I["log_before"]] if r[_I["nearest_is_subject"]] and r[_I["log_before"]] < _FAR else None
    last = previous[-1][1].entity if previous else None
    chosen = [best(people), best(agreeing), best(context), best(subject)]
    for k, (r, c) in enumerate(zip(rows, cands)):
        r.extend(float(k == b) for b in chosen)
        r.append(float(last is not None and c.entity is last))


_UP = frozenset({"det", "case", "flat:name", "flat", "appos", "amod", "nmod", "compound", "fixed", "nummod",
                 "det:poss", "flat:foreign"})


def _cue_relations(ents: ArticleEntities, found) -> dict[int, str]:
    """How the words near the cue relate to it: character position of a word → "subject",
    "agent" (par X), "marker" (selon X) or "dependent" (any other tie to the verb)."""
    if found.cue is None:
        return {}
    doc = ents.doc
    span = doc.char_span(found.cue[0], found.cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return {}
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    verb = verbs[-1] if verbs else span[0]
    heads = {verb.i, verb.head.i} if verb.dep_ in ("xcomp", "conj") else {verb.i}
    sent = verb.sent
    out: dict[int, str] = {}
    for tok in doc[max(sent.start, verb.i - 60):min(sent.end, verb.i + 40)]:
        x, steps = tok, 0
        while x.dep_ in _UP and x.head.i != x.i and steps < 4 and x.head.i not in heads:
            x, steps = x.head, steps + 1
        rel = None
        if any(c.i in range(span.start, span.end) and c.dep_ in ("case", "fixed", "mark") for c in x.children):
            rel = "marker"
        elif x.head.i in heads and x.i not in heads:
            if x.dep_ in ("nsubj", "nsubj:pass"):
                rel = "subject"
            elif x.dep_ == "obl:agent" or any(c.lower_ == "par" and c.dep_ == "case" for c in x.children):
                rel = "agent"
            else:
                rel = "dependent"
        if rel is not None:
            out[tok.idx] = rel
    return out


def candidate_entity(ents: ArticleEntities, c: Candidate) -> Entity:
    """The entity a chosen candidate stands for (a noun phrase becomes one)."""
    if c.entity is not None:
        return c.entity
    return ents.entity_for_name(c.name, c.type)




#: The model's candidate replaces the rules' only when it scores this much higher: the rules
#: are right three times out of four. Chosen on dev, fr-dev and the seed, never on test.
OVERRIDE_MARGIN = 0.3


def choose_speakers(rp, model, margin: float = OVERRIDE_MARGIN) -> list[Resolved]:
    """Each quote's source as the speaker model ranks the candidates (the rules' when the
    model agrees, or when a quote has no candidate).

    Args:
        rp: The article read up to its speakers (guillemet.pipeline.Reading), rules only.
        model: A :class:`guillemet.learn.model.Model` trained on :data:`FEATURES`.
    """
    candidates = collect_candidates(rp.entities)
    groups, rows, previous = [], [], []
    for f, res in zip(rp.found, rp.resolved):
        cands, feats = quote_rows(rp.entities, candidates, f, res, previous)
        groups.append((cands, len(rows)))
        rows.extend(feats)
        previous.append((f, res))
    scores = model.predict(rows)
    out = []
    for (cands, lo), res, f in zip(groups, rp.resolved, rp.found):
        if not cands or (res.entity is not None and mention_kind(rp.entities, f.mention) == "name"):
            # a name written at the cue is the speaker: the model only weighs what points back
            out.append(res)
            continue
        # a noun phrase the lexicon cannot type ("ses discours") is no source on its own
        allowed = [j for j, c in enumerate(cands) if c.entity is not None or c.type != "unknown"]
        # a pronoun takes an antecedent of its gender when one was named since the other:
        # gender stays soft evidence otherwise (translations get it wrong, as in the seed)
        gender = [rows[lo + j][_I["pron_gender"]] for j in range(len(cands))]
        near = [rows[lo + j][_I["log_before"]] for j in range(len(cands))]
        agreeing = [near[j] for j in allowed if gender[j] > 0]
        if agreeing:
            allowed = [j for j in allowed if gender[j] >= 0 or near[j] <= min(agreeing)]
        if not allowed:
            out.append(res)
            continue
        k = max(allowed, key=lambda j: scores[lo + j])
        rule = next((j for j, c in enumerate(cands) if res.entity is not None and c.entity is res.entity
                     and j in allowed), None)
        if rule is not None and scores[lo + k] - scores[lo + rule] <= margin:
            k = rule
        c, score = cands[k], float(scores[lo + k])
        if res.entity is not None and c.entity is res.entity:
            out.append(Resolved(res.speaker, res.type, max(res.confidence, score), res.entity, res.mention))
            continue
        ent = candidate_entity(rp.entities, c)
        # a quote without a mention of its own takes the chosen source's mention nearest its cue
        mention = nearest_mention(rp.entities, c, f.cue[0] if f.cue else f.content[0]) if f.mention is None else None
        if mention is not None:  # never inside the words it would have said
            s, e = syntax.char_span(rp.entities.doc[mention[0]:mention[1]])
            if f.content[0] < e and s < f.content[1]:
                mention = None
        out.append(Resolved(ent.name, ent.type, score, ent, mention))
    return out


def nearest_mention(ents: ArticleEntities, c: Candidate, anchor: int) -> tuple[int, int] | None:
    """Token range of the candidate's written mention nearest ``anchor`` (the last before it,
    else the first after)."""
    if not c.positions:
        return None
    k = bisect_right(c.positions, anchor) - 1
    pos = c.positions[k] if k >= 0 else c.positions[0]
    names = (c.name, *(c.entity.aliases if c.entity is not None else ()))
    here = fold(ents.text[pos:pos + 120])
    length = max((len(n) for n in names if n and here.startswith(fold(n))), default=0)
    span = ents.doc.char_span(pos, pos + length, alignment_mode="expand") if length else None
    if span is None or not len(span):
        tok = ents.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return syntax.noun_phrase(tok.root) if tok is not None and len(tok) else None
    return span.start, span.end


__all__ = ["Candidate", "FEATURES", "candidate_entity", "choose_speakers", "collect_candidates", "mention_kind",
           "nearest_mention", "quote_rows"]
