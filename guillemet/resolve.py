"""Resolve each quote's speaker mention to the source it names: names clustered in the
article, descriptions tied to names, pronouns to their antecedents, continuations to the
speaker they continue.

No coreference model is available offline for French, so this is a ranked choice among the
article's mentions using syntax, distance, paragraph structure and salience; grammatical
gender counts as soft evidence only (machine-translated press gets it wrong).
"""

from __future__ import annotations

import re
from functools import lru_cache
from bisect import bisect_left, bisect_right
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from guillemet import syntax
from guillemet.found import Found
from guillemet.lang.base import Language
from guillemet.names import given_name_gender, is_given_name

_HYPHEN = re.compile(r"[-‐‑]")


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower-case, accents removed, apostrophes and hyphens as spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[’'`´\-]", " ", s)


@lru_cache(maxsize=8)
def _folded_words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=65536)
def name_words(name: str, lang: Language) -> frozenset[str]:
    """The words that tell a name apart (folded; titles, particles and articles left out)."""
    return frozenset(w for w in re.findall(r"\w+", fold(name)) if w not in lang.name_skip_words)


@dataclass(slots=True)
class Entity:
    """A source of the article: its names, descriptions and what we know of it."""

    name: str
    type: str = "unknown"
    gender: str = ""
    number: str = "s"
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """A place in the text where an entity is named or pointed to."""

    pos: int
    entity: Entity
    subject: bool = False
    speaker: bool = False
    paragraph: int = 0
    oblique: bool = False
    governor: int = -1  # character position of the word the mention depends on


@dataclass(slots=True)
class Resolved:
    """Who a quote's speaker is: a name (or description), its type, how sure, its entity, and
    for a quote without a mention of its own, the mention it was read from (token range: the
    mention of the quote it continues)."""

    speaker: str | None
    type: str
    confidence: float
    entity: Entity | None = None
    mention: tuple[int, int] | None = None


def resolve_speakers(doc: Doc, lang: Language, found: list[Found]) -> list[Resolved]:
    """The speaker of each quote, in order: each one may continue the one before.

    Reads: the parse and the quotes found. Writes nothing; returns one Resolved per quote.
    """
    return resolve_each(ArticleEntities(doc, lang, [f.content for f in found if f.kind == "direct"]), found)


def resolve_each(entities: "ArticleEntities", found: list[Found]) -> list[Resolved]:
    """The speaker of each quote among the article's ``entities``, in text order."""
    previous: list[tuple[Found, Resolved]] = []
    for f in found:
        previous.append((f, entities.resolve(f, previous)))
    return [res for _, res in previous]


def best_name(entity: Entity, lang: Language) -> str:
    """The most complete name of an entity, once the whole article is read."""
    best = entity.name
    for alias in entity.aliases:
        if name_words(best, lang) < name_words(alias, lang) and entity.type == "person":
            best = alias
    return best


class ArticleEntities:
    """The named people and organisations of one article, clustered, with their descriptions."""

    def __init__(self, doc: Doc, lang: Language, quote_spans: list[tuple[int, int]]) -> None:
        self.doc, self.lang = doc, lang
        self.text = syntax.text_of(doc)
        self.quote_spans = quote_spans
        spans = sorted(quote_spans)
        self._quote_starts = [s for s, _ in spans]
        self._quote_reach = []  # the furthest end of the spans opened so far
        for _, e in spans:
            self._quote_reach.append(max(e, self._quote_reach[-1]) if self._quote_reach else e)
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.ties: list[tuple[int, frozenset[str], Entity, str]] = []  # (pos, words, entity, head)
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        self.boundaries = [m.start() for m in re.finditer(r"[.!?…](?=[\s«“\"])|\n", self.text)
                           if not self._in_quote(m.start())]
        self._folded_roles = _folded_words(lang.person_roles)
        self._definite = lang.definite_articles | lang.demonstratives
        self._primary = "".join(lang.primary_marks)
        self._media: set[int] = set()  # ids of the organisations named as media ("Le Monde")
        self._media_names = lang.media_names
        self._collect_names()

    # -- building -------------------------------------------------------------------------
    def paragraph(self, pos: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, pos) - 1)

    def _in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside one of the direct quotes' contents."""
        k = bisect_right(self._quote_starts, pos) - 1
        return k >= 0 and self._quote_reach[k] > pos

    def _collect_names(self) -> None:
        names: list[tuple[int, str, str, Token]] = []
        media: set[str] = set()  # organisations written as a medium's name ("Le Monde", "France 3")
        for ent in self.doc.ents:
            if ent.label_ not in ("PER", "ORG"):
                continue
            clean = self._clean_name(ent)
            if clean:
                names.append((ent.start_char, clean, ent.label_, ent.root))
                if ent.label_ == "ORG" and clean in self._media_names:
                    media.add(clean)
        # person names: longest form first so that "Poutine" joins "Vladimir Poutine"
        # fuller names first, so that "Xi" joins "Xi Jinping" wherever each appears
        for _, name, label, _ in sorted(names, key=lambda n: -len(name_words(n[1], self.lang))):
            self.entity_for_name(name, "person" if label == "PER" else "organisation")
        for pos, name, label, root in names:
            if self._in_quote(pos):
                continue
            ent = self.entity_for_name(name, "person" if label == "PER" else "organisation")
            if name in media:
                self._media.add(id(ent))  # what "le journal", "la chaîne" may point to
            subj = root.dep_ in ("nsubj", "nsubj:pass") or (root.head.dep_ in ("nsubj",) and root.dep_ in ("appos", "flat:name"))
            oblique = any(c.dep_ == "case" for c in root.children) or root.dep_ in ("nmod", "obl", "obl:mod", "obl:arg")
            self.mentions.append(Mention(pos, ent, subject=subj, paragraph=self.paragraph(pos),
                                         oblique=oblique and not subj, governor=root.head.idx))
            self._record_ties(root, ent)
            self._record_title_before(ent, pos)
            self._record_role_set_off_before(ent, pos, pos + len(name))

    def _clean_name(self, ent: Span) -> str:
        def trailing(t: Token) -> bool:  # "Le Monde mardi": a day or a time after the name
            return t.is_punct or t.is_space or t.text.islower() and t.lower_ in self.lang.time_nouns

        end = len(ent)
        while end and trailing(ent[end - 1]):
            end -= 1
        written = ent[:end].text.strip()
        if ent.label_ == "ORG" and written in self._media_names:
            return written  # "Le Monde", "La Croix": the article is part of a paper's name
        toks = [t for t in ent[:end] if not (t.lower_ in self.lang.titles or t.lower_ in self.lang.determiners or t.is_space)]
        if not toks:
            return ""
        return self.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]

    def entity_for_name(self, name: str, type_: str, full: list[str] | None = None) -> Entity:
        """The entity a name belongs to, creating it; a partial name joins the unique fuller one."""
        name = " ".join(name.split())
        key = fold(name)
        if key in self.entities:
            return self.entities[key]
        words = name_words(name, self.lang)
        matches = {id(e): e for k, e in self.entities.items() if words and words <= name_words(e.name, self.lang)
                   and (e.type == type_ or "unknown" in (e.type, type_))
                   and not self._given_name_of(name, e.name)}
        if len(matches) == 1:
            ent = next(iter(matches.values()))
            if name not in ent.aliases and name != ent.name:
                ent.aliases.append(name)
            self.entities[key] = ent
            return ent
        ent = Entity(name=name, type=type_)
        if type_ == "person":
            first = name.split()[0] if name.split() else ""
            g = given_name_gender(first)
            ent.gender = g if g in ("m", "f") else ""
        self.entities[key] = ent
        # a fuller name seen later takes over as the entity's name
        return ent

    def _given_name_of(self, name: str, full: str) -> bool:
        """A lone given name that is only the given name of a fuller one ("Christophe" of
        "Christophe Castaner"): press names people by surname, so a bare given name is someone
        else (a witness, a protester), never the fuller name's alias."""
        words = name.split()
        full_words = full.split()
        return len(words) == 1 and len(full_words) > 1 and is_given_name(words[0]) \
            and fold(words[0]) == fold(full_words[0]) and fold(words[0]) != fold(full_words[-1])

    def _record_ties(self, root: Token, ent: Entity) -> None:
        """"le président russe Vladimir Poutine", "Alena Verbitskaya, commissaire …"."""
        head = root
        while head.dep_ in ("flat:name", "flat") and head.head.i != head.i:
            head = head.head
        bracketed = head.left_edge.i > 0 and self.doc[head.left_edge.i - 1].text == "(" and ent.type != "person"
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not bracketed:
            # (not "le président de l’Office régional des forêts (ORF)": the body's initials)
            desc = head.head
            self._tie(desc, ent, head)
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                self._tie(child, ent, None)

    def _record_title_before(self, ent: Entity, pos: int) -> None:
        """"Le ministre de l’Intérieur Jean Dupuis": the title right before a name, read from
        the tokens whatever the parse made of them."""
        doc = self.doc
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None:
            return
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in self.lang.titles:
            i -= 1
        if i < 0 or doc[i].pos_ not in ("NOUN", "ADJ", "PROPN"):
            return  # "une source policière à l’AFP": the name is a preposition's object
        toks = self._description_ending_at(i)
        if not toks or toks[0].pos_ != "DET":
            return
        if not any(t.lemma_.lower() in self.lang.person_roles or t.lemma_.lower() in self.lang.org_nouns
                   for t in toks if t.pos_ == "NOUN"):
            return
        head = next((t for t in toks if t.pos_ in ("NOUN", "ADJ", "PROPN")), None)
        if head is not None:
            self._tie_description(toks, ent, head)

    def _record_role_set_off_before(self, ent: Entity, start: int, end: int) -> None:
        """"Le procureur, Jean Dubois, a requis …": a role set off by commas right before a
        name, read from the tokens whatever the parse made of them (often two subjects)."""
        doc, text = self.doc, self.text
        before = text[:start].rstrip()
        after = text[end:].lstrip()
        if not before.endswith(",") or not after.startswith(","):
            return
        span = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if span is None or span.start == 0:
            return
        toks = self._description_ending_at(span.start - 1)
        if len(toks) < 2 or toks[0].pos_ != "DET" or toks[0].lower_ not in self._definite:
            return
        if toks.start > 0 and toks.start != toks.sent.start and doc[toks.start - 1].pos_ not in ("PUNCT", "CCONJ"):
            return  # only a description that opens its clause: not "il a rencontré le maire, X, et …"
        role = toks[1]
        if role.pos_ != "NOUN" or role.lemma_.lower() not in self.lang.person_roles:
            return
        self._tie_description(toks, ent, role)
        gender = role.morph.get("Gender")
        if gender and not ent.gender:
            ent.gender = "f" if gender == ["Fem"] else "m"

    def _description_ending_at(self, i: int) -> Span:
        """The words before a name that may describe it, ending at token ``i``: determiners,
        nouns, adjectives, prepositions and names, at most eight, never across punctuation."""
        doc, j = self.doc, i
        while j >= 0 and i - j < 8 and doc[j].pos_ in ("DET", "NOUN", "ADJ", "ADP", "PROPN") \
                and doc[j].text not in ",;:" + self._primary + '"':
            j -= 1
        return doc[j + 1:i + 1]

    def _tie_description(self, toks: Span, ent: Entity, head: Token) -> None:
        """Tie a description read from the tokens to the named person it describes."""
        words = frozenset(fold(t.lemma_) for t in toks if t.pos_ in ("NOUN", "ADJ", "PROPN"))
        self.ties.append((toks[0].idx, words, ent, fold(head.lemma_)))
        if ent.type == "unknown":
            ent.type = "person"

    def _tie(self, desc: Token, ent: Entity, name_head: Token | None) -> None:
        words = self.description_words(desc, exclude=name_head)
        if words:
            self.ties.append((desc.idx, words, ent, fold(desc.lemma_)))
            gender = desc.morph.get("Gender")
            if gender and not ent.gender:
                ent.gender = "f" if gender == ["Fem"] else "m"
            if ent.type == "unknown" and desc.lemma_.lower() in self.lang.person_roles:
                ent.type = "person"

    def description_words(self, head: Token, exclude: Token | None = None) -> frozenset[str]:
        """Content words of a description: its nouns and adjectives (lemmas, folded)."""
        lo, hi = syntax.noun_phrase(head)
        skip = set()
        if exclude is not None:
            skip = {t.i for t in exclude.subtree}
        return frozenset(fold(t.lemma_) for t in self.doc[lo:hi]
                         if t.i not in skip and t.pos_ in ("NOUN", "ADJ", "PROPN") and t.lower_ not in self.lang.determiners)

    # -- resolving ------------------------------------------------------------------------
    def resolve(self, found: Found, previous: list[tuple[Found, Resolved]]) -> Resolved:
        if found.mention is None:
            return self._continuation(found, previous)
        lo, hi = found.mention
        toks = self.doc[lo:hi]
        pos = toks[0].idx
        head = self._head(toks)
        low = head.lower_
        # "les propos de X", "un tweet de X", "une information de la radio X": X said it
        author = self._author_behind(head, found)
        if author is not None and author.i != head.i:
            lo, hi = syntax.noun_phrase(author)
            hi = next((t.i for t in self.doc[author.i + 1:hi] if t.pos_ == "ADP"
                       and t.lower_ not in self.lang.of_words), hi)  # not "… à la direction"
            return self.resolve(Found(found.kind, found.content, mention=(lo, hi)), previous)
        # "certains", "d’autres", "plusieurs": some of a group, never one named person
        if low in self.lang.indefinite_pronouns and not any(e.label_ == "PER" for e in syntax.ents_within(toks)):
            desc = self.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
            ent = self.entity_for_name(desc, "group")
            self._note(pos, ent, found)
            return Resolved(ent.name, "group", 0.5, ent)
        # pronouns, unless a name is apposed in the mention ("l’un d’eux, Jean Dupont")
        if (head.pos_ == "PRON" or low in self.lang.pronouns) and not any(e.label_ == "PER" for e in syntax.ents_within(toks)):
            if low in self.lang.relative_pronouns:
                return self._relative(head, found, previous)
            return self._pronoun(head, pos, previous, found.content)
        # names inside the mention, or in an apposition right after it
        name = self._name_in(toks, head)
        if name is None and head.pos_ == "NOUN":
            for child in head.children:
                if child.dep_ in ("appos", "flat:name") and child.i >= toks.end and child.i - toks.end <= 2 \
                        and (child.ent_type_ == "PER" or child.pos_ == "PROPN") \
                        and not (child.ent_type_ != "PER" and self.doc[child.i - 1].text == "(") \
                        and not any(t.pos_ == "ADP" for t in self.doc[toks.end:child.i + 1]) \
                        and not any(c.dep_ == "case" for c in child.children):
                    name = self._name_in(self.doc[child.i:child.i + 1 + sum(1 for c in child.children if c.dep_ == "flat:name")], child)
                    break
        if name is not None:
            ent_type = "person" if any(t.ent_type_ == "PER" for t in toks) else self._type_of(head, toks)
            ent = self.entity_for_name(name, ent_type)
            if head.pos_ == "NOUN" and head.i < toks[-1].i:
                self._tie(head, ent, None)
            self._note(pos, ent, found)
            return Resolved(ent.name, ent.type, 0.9, ent)
        # "l’économiste et fiscaliste, Luc Godbout": a name right after the description
        after = self._name_after(toks)
        if after is not None:
            ent = self.entity_for_name(after, "person")
            self._tie(head, ent, None)
            self._note(pos, ent, found)
            return Resolved(ent.name, ent.type, 0.85, ent)
        # "cette source": the last phrase headed by the same noun; "l’organisation": the last
        # organisation named
        if head.pos_ == "NOUN" and toks[0].lower_ in self.lang.demonstratives:
            ante = self._same_head_before(head, pos)
            if ante is not None:
                lo, hi = syntax.noun_phrase(ante)
                hi = next((t.i for t in self.doc[ante.i:hi] if t.text in ",;:(" + self._primary + '"'), hi)
                while hi < min(len(self.doc), ante.i + 8) and self.doc[hi].lower_ in self.lang.of_words \
                        and hi + 1 < len(self.doc) and self.doc[hi + 1].pos_ in ("DET", "NOUN", "PROPN"):
                    hi += 2  # "une source proche | de l’enquête"
                    while hi < len(self.doc) and self.doc[hi - 1].pos_ == "DET" and self.doc[hi].pos_ in ("NOUN", "PROPN", "ADJ"):
                        hi += 1
                return self.resolve(Found(found.kind, found.content, mention=(lo, hi)), previous)
        generic = self.lang.generic_nouns.get(head.lemma_.lower())
        if generic and toks[0].lower_ in self._definite and head.morph.get("Number") != ["Plur"] \
                and not any(t.pos_ == "PROPN" for t in toks) \
                and not (head.i + 1 < len(self.doc) and self.doc[head.i + 1].pos_ == "ADJ"):
            # "a reconnu auprès de l’AFP la chaîne": what the cue names is not the antecedent
            before = found.cue[0] if found.cue is not None and found.cue[0] < pos else pos
            ent = self._recent_of_type(generic, before, fold(head.lemma_))
            if ent is not None:
                self._note(pos, ent, found)
                return Resolved(ent.name, ent.type, 0.7, ent)
        # descriptions
        words = self.description_words(head)
        ent = self._tied(words, pos, fold(head.lemma_))
        if ent is None and head.lemma_.lower() in self.lang.person_roles and words \
                and toks[0].lower_ in self.lang.singular_definite_articles \
                and not any(t.dep_ == "nmod" for t in toks):
            ent = self._recent_person(pos, previous, words, head)
        if ent is not None:
            desc = self.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
            if desc not in ent.aliases:
                ent.aliases.append(desc)
            self._note(pos, ent, found)
            return Resolved(ent.name, ent.type, 0.75, ent)
        relation = self._relation(toks, head, pos, found)  # no name tied to it
        if relation is not None:
            return relation
        desc = self.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
        ent = self.entity_for_name(desc, self._type_of(head, toks))
        self._note(pos, ent, found)
        return Resolved(ent.name, ent.type, 0.6, ent)

    def _name_after(self, toks: Span) -> str | None:
        doc = self.doc
        if toks[0].lower_ not in self._definite | self.lang.singular_possessives:
            return None  # "une source anonyme, M. X …": X begins the next clause
        i = toks.end
        if i < len(doc) and doc[i].text == "," and i + 1 < len(doc):
            ent = syntax.entity_at(doc, i + 1)
            if ent is not None and ent.label_ == "PER":
                return self._clean_name(ent) or None
            return None
        # a role's title the parse cut short, the holder's name after it: "le député Les
        # Centristes (LC) Paul Durand", "la ministre de la Mer et des Pêches Claire Martin"
        if i + 1 < len(doc) and doc[i].text == "(":
            close = next((k for k in range(i + 1, min(len(doc), i + 6)) if doc[k].text == ")"), None)
            i = close + 1 if close is not None else i
        elif i + 2 < len(doc) and doc[i].lower_ in self.lang.and_words:
            k = i + 1
            while k < min(len(doc), i + 4) and doc[k].pos_ in ("ADP", "DET"):
                k += 1
            if k == i + 1 or k >= len(doc) or not doc[k].text[:1].isupper() or doc[k].ent_type_ == "PER":
                return None  # "le ministre et Paul Durand": two people
            i = k + 1
        if i == toks.end or i >= len(doc) or self._head(toks).lemma_.lower() not in self.lang.person_roles:
            return None
        ent = syntax.entity_at(doc, i)
        if ent is not None and ent.label_ == "PER" and ent.start == i:
            return self._clean_name(ent) or None
        return None

    def _note(self, pos: int, ent: Entity, found: Found) -> None:
        self.mentions.append(Mention(pos, ent, subject=True, speaker=True, paragraph=self.paragraph(pos)))

    @staticmethod
    def _head(toks: Span) -> Token:
        for t in toks:
            if t.head.i < toks.start or t.head.i >= toks.end or t.head.i == t.i:
                return t
        return toks[0]

    def _name_in(self, toks: Span, head: Token) -> str | None:
        """The proper name a mention carries ("le maire Vitali Klitschko" → "Vitali Klitschko"),
        None when the name only complements a common noun ("un porte-parole de Renault")."""
        pers = [e for e in syntax.ents_within(toks) if e.label_ == "PER" and not self._complements(e, head)
                and not self._described_noun(list(e))]
        if pers:
            clean = self._clean_name(pers[-1])
            if clean:
                return clean
        runs: list[list[Token]] = []
        for t in toks:
            if _HYPHEN.fullmatch(t.text) and runs and runs[-1][-1].i == t.i - 1 \
                    and not runs[-1][-1].whitespace_ and not t.whitespace_:
                runs[-1].append(t)  # "Vendée-Atlantique": one name across its hyphen
                continue
            if not t.text[:1].isupper() or t.lower_ in self.lang.titles:
                continue  # "M. Philippe": the title is no part of the name
            if t.pos_ == "PROPN" or (t.ent_type_ in ("PER", "ORG") and t.pos_ not in ("DET", "ADP", "PUNCT")):
                if runs and runs[-1][-1].i == t.i - 1:
                    runs[-1].append(t)
                else:
                    runs.append([t])
        runs = [run[:-1] if _HYPHEN.fullmatch(run[-1].text) else run for run in runs]
        runs = [run for run in runs if not self._described_noun(run)]
        if head.pos_ == "NOUN" and head.lemma_.lower() in self.lang.person_roles:
            # "le maire UDI", "la députée Les Républicains": a party after a person's role is
            # their affiliation, not their name
            runs = [run for run in runs if not all(t.ent_type_ == "ORG" for t in run)]
        def own(run: list[Token]) -> bool:  # "la Mer Paul Durand": the name from its given name
            first = run[0] if is_given_name(run[0].text) else next(
                (t for t in run[1:] if is_given_name(t.text)), run[0])
            return not self._complements(self.doc[first.i:run[-1].i + 1], head)

        runs = [run for run in runs if own(run)]
        if not runs:
            return None
        for run in runs:  # "… de l’Économie Jean Dupont": the name starts at a given name
            for k, t in enumerate(run):
                if is_given_name(t.text) and (k == 0 or not is_given_name(run[k - 1].text)) and k + 1 < len(run):
                    if k > 0 or head.pos_ != "NOUN" or t.i > head.i:
                        return self.text[t.idx: run[-1].idx + len(run[-1].text)]
        if head.pos_ == "NOUN":
            for run in runs:
                r = run[0]
                if head.i < r.i and any(t.pos_ == "ADP" for t in self.doc[head.i + 1:r.i]):
                    continue  # "le cycliste de la Cofidis": after a preposition, whatever the parse
                # a name hanging from the head by a preposition complements it
                anc = r
                while anc.i != head.i and anc.head.i != anc.i:
                    if any(c.dep_ == "case" or c.i < anc.i and c.lower_ in self.lang.of_words
                           for c in anc.children) and anc.dep_.startswith(("nmod", "obl")):
                        break
                    anc = anc.head
                else:
                    return self.text[run[0].idx: run[-1].idx + len(run[-1].text)]
            return None
        run = max(runs, key=len)
        return self.text[run[0].idx: run[-1].idx + len(run[-1].text)]

    def _described_noun(self, run) -> bool:
        """"la jeune Américaine": one capitalised noun after an article and an adjective is a
        description (a nationality, a demonym), not a name, whatever the entity recogniser says."""
        if len(run) != 1 or run[0].i < 2 or run[0].text.isupper() or is_given_name(run[0].text):
            return False  # (but "le petit Grégory": a given name)
        return self.doc[run[0].i - 1].pos_ == "ADJ" and self.doc[run[0].i - 2].pos_ == "DET"

    def _complements(self, name: Span, head: Token) -> bool:
        """Whether a name only complements the mention's noun, by a preposition of its own or
        as a possessor: "l’avocate de Jean Dubois", "Trump's campaign manager" name someone
        else. A title's name stays the mention's ("le président de la République Emmanuel
        Macron": no preposition of its own)."""
        if head.pos_ != "NOUN" or head.i in range(name.start, name.end):
            return False
        root = name.root
        if root.dep_ == "nmod:poss":
            return True
        return root.dep_ in ("nmod", "obl", "obl:mod") and any(
            c.dep_ == "case" and c.i < name.start for c in root.children)

    def _type_of(self, head: Token, toks: Span) -> str:
        lemma = head.lemma_.lower()
        low = head.lower_
        if head.ent_type_ == "PER":
            return "person"
        if lemma in self.lang.media_nouns:
            return "media"
        if lemma in self.lang.document_nouns:
            return "document"
        if low in self.lang.group_nouns or (head.morph.get("Number") == ["Plur"] and lemma in self.lang.person_roles):
            return "group"
        if lemma in self.lang.org_nouns or head.ent_type_ == "ORG":
            return "organisation"
        if lemma in self.lang.person_roles:
            return "person"
        if head.pos_ == "PROPN":
            return "person" if len(toks) >= 2 else "unknown"
        return "unknown"

    def _tied(self, words: frozenset[str], pos: int, head: str = "") -> Entity | None:
        """The entity a description was tied to: same head noun ("le ministre" → "le
        ministre de l’Intérieur X", not "le porte-parole du gouvernement X" for "le
        gouvernement"), every word of the description in the tie."""
        if not words:
            return None
        before = [(p, e) for p, w, e, h in self.ties if words <= w and p < pos and (not head or h == head)]
        if before:
            return max(before, key=lambda x: x[0])[1]
        after = [(p, e) for p, w, e, h in self.ties if words <= w and (not head or h == head)]
        if after:
            return min(after, key=lambda x: x[0])[1]
        return None

    def _author_behind(self, head: Token, found: Found) -> Token | None:
        """Who a mention's words or document are by: "les propos de X", "un tweet de X";
        "selon un bilan fourni par la mairie", "une étude publiée par l’OCDE" (the agent); and
        after a marker, "selon les prévisions de l’Insee" (the claim is the body's)."""
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN":
            return None
        if lemma in self.lang.speech_nouns:
            return self._author_of(head)
        if lemma in self.lang.document_nouns:
            return self._author_of(head, agent_only=found.kind != "according_to")
        return None

    def _author_of(self, head: Token, agent_only: bool = False) -> Token | None:
        """X in "les propos de X" (de-complement) or "un message adressé par X" (agent)."""
        for child in head.children:
            if not agent_only and child.i > head.i and child.dep_ in ("nmod", "nmod:poss") and child.pos_ in ("NOUN", "PROPN") \
                    and (head.lemma_.lower() in self.lang.speech_nouns
                         or syntax.is_source_like(self.doc, (child.i, child.i + 1), self.lang)) \
                    and any(c.dep_ == "case" and c.lower_ in self.lang.of_words for c in child.children):
                return child
            if child.dep_ == "acl" and child.i > head.i:
                for agent in child.children:
                    if agent.dep_ in ("obl:agent", "obl") and any(c.lower_ in self.lang.agent_prepositions for c in agent.children):
                        return agent
                # "publiée mercredi par l’OCDE": the parse may hang the agent on the time word
                doc = self.doc
                for j in range(child.i + 1, min(len(doc) - 1, child.i + 5)):
                    if doc[j].is_punct:
                        break
                    if doc[j].lower_ in self.lang.agent_prepositions:
                        return next((t for t in doc[j + 1:j + 4] if t.pos_ in ("NOUN", "PROPN")), None)
        return None

    def _same_head_before(self, head: Token, pos: int) -> Token | None:
        """The closest earlier noun with ``head``'s lemma, within three paragraphs."""
        lemma, para = head.lemma_.lower(), self.paragraph(pos)
        for tok in reversed(self.doc[max(0, head.i - 400):head.i]):
            if self.paragraph(tok.idx) < para - 3:
                break
            if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma and not self._in_quote(tok.idx):
                first = self.doc[syntax.noun_phrase(tok)[0]]
                if first.lower_ not in self.lang.demonstratives:
                    return tok
        return None

    def _recent_of_type(self, type_: str, pos: int, noun: str = "") -> Entity | None:
        """The body of this type named last, nearby: a proper name ("l’association Terre
        Vive"), or a description with the same noun; never another description ("la mairie"
        is not "l’association")."""
        para = self.paragraph(pos)
        cands = [m for m in self.mentions if m.pos < pos and para - m.paragraph <= 2
                 and (m.entity.type == type_ or type_ == "media" and id(m.entity) in self._media)
                 and (m.entity.name[:1].isupper() or noun in fold(m.entity.name).split())]
        return max(cands, key=lambda m: m.pos).entity if cands else None

    def _recent_person(self, pos: int, previous, words, head: Token | None = None) -> Entity | None:
        """"Le dirigeant russe" right after Poutine spoke: the person the passage is about,
        unless the other gender, or another role while the article gave this one to someone."""
        para = self.paragraph(pos)
        gender = syntax.phrase_gender(head) if head is not None else ""
        roles = {w for w in words if w in self._folded_roles}

        # a role the article gave someone points to them; a role it gave no one may describe
        # the person the passage is about, whatever other role they were given
        held = {w for _, ws, _, _ in self.ties for w in ws if w in roles}

        def compatible(ent: Entity) -> bool:
            if gender and ent.gender and gender != ent.gender:
                return False
            tied = {w for _, ws, e, _ in self.ties if e is ent for w in ws if w in self._folded_roles}
            return not tied or not roles or bool(tied & roles) or not held

        cands = [m for m in self.mentions if m.pos < pos and m.entity.type == "person" and (m.speaker or m.subject)
                 and para - m.paragraph <= 1 and m.entity.number == "s" and compatible(m.entity)]
        if not cands:
            return None
        best = max(cands, key=lambda m: (m.speaker, m.pos))
        return best.entity

    def _relative(self, tok: Token, found: Found, previous) -> Resolved:
        verb = tok.head
        if verb.dep_ == "acl:relcl" and verb.head.i != verb.i:
            ante = verb.head
            f = Found(found.kind, found.content, mention=syntax.noun_phrase(ante))
            n = len(self.mentions)
            res = self.resolve(f, previous)
            for m in self.mentions[n:]:
                m.subject = False  # "d’autres figures qui jugent que …": not the passage's topic
            return res
        if previous:
            prev = previous[-1][1]
            return Resolved(prev.speaker, prev.type, 0.5, prev.entity)
        return Resolved(None, "unknown", 0.0)

    def _pronoun(self, tok: Token, pos: int, previous, content: tuple[int, int] | None = None) -> Resolved:
        low = syntax.without_inversion_prefix(tok.lower_, self.lang)  # "-il" of "dit-il": "il"
        gender, number = self.lang.pronouns.get(low, ("", "s"))
        best, best_score = self._antecedent(low, gender, number, pos, content)
        if best is None:
            return Resolved(None, "unknown", 0.0)
        self.mentions.append(Mention(pos, best.entity, subject=True, speaker=True, paragraph=self.paragraph(pos)))
        conf = 0.8 if best_score > -1 else 0.6
        return Resolved(best.entity.name, best.entity.type, conf, best.entity)

    def _antecedent(self, low: str, gender: str, number: str, pos: int,
                    content: tuple[int, int] | None) -> tuple[Mention | None, float]:
        """The mention a pronoun (or a possessive) at ``pos`` points back to, and its score."""
        para = self.paragraph(pos)
        best, best_score = None, -1e9
        for m in self.mentions:
            if m.pos >= pos or pos - m.pos > 2500:
                continue
            dist_para = para - m.paragraph
            if dist_para > 3:
                continue
            sentences = bisect_left(self.boundaries, pos) - bisect_left(self.boundaries, m.pos)
            score = -1.0 * sentences - 0.3 * dist_para
            score += 0.6 if m.speaker else 0.0
            score += 1.2 if m.subject else 0.0
            score -= 0.8 if m.oblique else 0.0
            if sentences == 0 and not m.subject:
                score -= 1.0  # an object of the pronoun's own clause is not its antecedent
            ent = m.entity
            ent_number = "p" if ent.type == "group" else ent.number
            if number != ent_number:
                score -= 3.0
            if gender and ent.gender:  # weak: translated text may say "il" of a woman
                score += 0.4 if gender == ent.gender else -0.4
            if ent.type in ("document", "media", "organisation") and low in self.lang.personal_pronouns:
                score -= 1.2  # "il"/"elle"/"celui" point to people far more often than to bodies
            if content is not None and content[0] <= m.governor < content[1]:
                continue  # « … » subject of the quoted words themselves, not their speaker
            if score > best_score:
                best, best_score = m, score
        return best, best_score  # a pronoun's gender stays no evidence of its antecedent's

    def _relation(self, toks: Span, head: Token, pos: int, found: Found) -> Resolved | None:
        """"son entourage", "leurs avocats": the relation named after its owner, the person the
        possessive points back to ("l’entourage d’Emmanuel Macron", GUIDELINES)."""
        lang = self.lang
        owner_number = lang.possessive_owners.get(toks[0].lower_)
        if owner_number is None or lang.relation_name is None or head.pos_ != "NOUN" or len(toks) < 2 \
                or any(t.pos_ == "PROPN" or t.ent_type_ in ("PER", "ORG") for t in toks) \
                or (toks.start > 0 and self.doc[toks.start - 1].lower_ in lang.of_words):
            return None  # "de son côté": no source
        best, _ = self._antecedent(toks[0].lower_, "", owner_number, pos, found.content)
        if best is None or best.entity.type not in ("person", "organisation", "group") \
                or not best.entity.name[:1].isupper():
            return None  # an owner the article names, not one it only describes
        noun = self.text[toks[1].idx: toks[-1].idx + len(toks[-1].text)]
        gender = head.morph.get("Gender")
        name = lang.relation_name(noun, "f" if gender == ["Fem"] else "m", head.morph.get("Number") == ["Plur"],
                                  best.entity.name)
        ent = self.entity_for_name(name, self._type_of(head, toks))
        self._note(pos, ent, found)
        return Resolved(ent.name, ent.type, 0.6, ent)

    def _continuation(self, found: Found, previous) -> Resolved:
        if previous:
            prev_found, prev = previous[-1]
            gap = found.content[0] - prev_found.content[1]
            if self.paragraph(found.content[0]) - self.paragraph(prev_found.content[1]) <= 1 or gap < 400:
                return Resolved(prev.speaker, prev.type, min(prev.confidence, 0.8), prev.entity,
                                prev_found.mention if prev_found.mention is not None else prev.mention)
        # a quotation after a sentence that introduces its speaker
        pos = found.content[0]
        para = self.paragraph(pos)
        cands = [m for m in self.mentions if m.pos < pos and para - m.paragraph <= 1 and m.subject]
        if cands:
            m = max(cands, key=lambda m: m.pos)
            return Resolved(m.entity.name, m.entity.type, 0.5, m.entity)
        return Resolved(None, "unknown", 0.0)
