"""Given names: where a person's name begins, and the grammatical gender it suggests.

The name list is gender-guesser's (about 45,000 given names from many countries, shipped in
its PyPI package). It helps where the parser's entities fail: "sur Facebook Jean Dupont"
is a preposition's object followed by a name, "le ministre de l’Économie Jean Dupont" ends
with one. Gender from a given name is soft evidence only (see resolve.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from guillemet.lang.base import Language
from guillemet.syntax import text_of

_CAPITALISED = re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")
_GENDER = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": "?"}


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gd

    class Detector(gd.Detector):
        """gender_guesser's detector, its name list read with the built-in ``open`` (its own
        ``codecs`` reader takes twice as long, every process); a test checks the lists match."""

        def _parse(self, filename):
            self.names = {}
            with open(filename, encoding="utf-8") as f:
                for line in f:
                    self._eat_name_line(line.strip())

    return Detector(case_sensitive=False)


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def given_name_gender(word: str) -> str | None:
    """"m", "f" or "?" when ``word`` is a known given name ("Karen" → "f"), else None.

    Only capitalised words of two letters or more count; hyphenated names are read by their
    first part ("Jean-Luc" → "m").
    """
    if len(word) < 2 or not word[0].isupper() or not word[1:2].isalpha() or word.isupper():
        return None
    first = word.split("-")[0]
    det = _detector()
    gender = det.get_gender(first)
    if gender == "unknown":
        gender = det.get_gender(_fold(first))
    return _GENDER.get(gender)


@lru_cache(maxsize=65536)
def given_name_answer(word: str) -> str | None:
    """The name list's own answer for a capitalised given name: "female", "mostly_female",
    "male", "mostly_male" or "andy"; None when ``word`` is not a given name.

    Read by :mod:`guillemet.gender`, which weighs "mostly_…" less than a sure answer.
    """
    if given_name_gender(word) is None:
        return None
    first = word.split("-")[0]
    det = _detector()
    answer = det.get_gender(first)
    return answer if answer != "unknown" else det.get_gender(_fold(first))


def is_given_name(word: str) -> bool:
    return given_name_gender(word) is not None


def _age_follows(doc, i: int, lang: Language) -> bool:
    """", 15 ans": an age after a name makes it a person's."""
    return i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].lower_ in lang.age_words


#: The entity labels the steps read (those of the French models); a language whose model
#: labels otherwise maps its labels onto these (``Language.entity_labels``).
LABELS = ("PER", "ORG", "LOC", "MISC")


def relabel_entities(doc, lang: Language) -> None:
    """Give the parser's entities guillemet's labels (``Language.entity_labels``), in place."""
    if not lang.entity_labels or not any(e.label_ in lang.entity_labels for e in doc.ents):
        return
    from spacy.tokens import Span

    doc.ents = [Span(doc, e.start, e.end, label=lang.entity_labels.get(e.label_, e.label_)) for e in doc.ents]


def repair_entities(doc, lang: Language) -> None:
    """Fix the parser's person names in place, using given names and the language's words.

    - the model's labels become guillemet's (:func:`relabel_entities`);
    - a name glued to the word before it is cut off ("Facebook Jean Dupont" → "Jean Dupont",
      "Économie Jean Dupont" → a person "Jean Dupont"), except after a place or institution
      noun ("Lycée Victor Hugo");
    - a name the parser took for a miscellaneous entity and that starts with a given name
      is a person ("Patrick");
    - a single capitalised adverb or verb is no person ("Déjà");
    - a name after a place or institution noun names the place ("la place Jean-Moulin");
    - a given name the parser left out becomes a person: before a capitalised word ("Karen
      Dupont") or alone before a comma ("Karen, une infirmière de 42 ans").
    """
    from spacy.tokens import Span

    relabel_entities(doc, lang)
    named_after = lang.named_after_nouns
    ents = list(doc.ents)
    out = []
    covered = set()
    for ent in ents:
        if ent.label_ == "PER" and len(ent) == 1 and ent[0].pos_ in ("ADV", "VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "DET"):
            continue  # "Déjà", "Casser": a capitalised word, not a name
        if ent.label_ in ("PER", "ORG") and not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in ent):
            continue  # "d'argot": no capital, no name
        if ent.label_ == "PER" and ent.start > 0 and doc[ent.start - 1].is_lower \
                and doc[ent.start - 1].lower_ in named_after:
            out.append(Span(doc, ent.start, ent.end, label="LOC"))  # "la place Jean-Moulin": a place
            continue
        cut = None
        for k in range(ent.start + 1, ent.end):
            before = doc[k - 1]
            if not given_name_gender(doc[k].text) or given_name_gender(before.text) \
                    or before.lower_ in named_after or before.lower_ in lang.name_particles or before.is_punct:
                continue
            if (k + 1 < ent.end and doc[k + 1].text[:1].isupper()) \
                    or (k + 1 == ent.end and (before.is_lower or before.is_upper and len(before) > 1)):
                cut = k
                break
        if cut is None and given_name_gender(ent[0].text) and (
                ent.label_ == "MISC" and all(t.text[:1].isupper() for t in ent if not t.is_space)
                or ent.label_ == "LOC" and _age_follows(doc, ent.end, lang)):
            out.append(Span(doc, ent.start, ent.end, label="PER"))  # "Patrick, gilet jaune, …"
        elif cut is not None and ent.label_ in ("PER", "ORG", "MISC"):
            if ent.label_ != "PER" and doc[ent.start].lower_ in named_after:
                out.append(ent)
            else:
                out.append(Span(doc, cut, ent.end, label="PER"))
                if ent.label_ != "PER" and cut - ent.start >= 1:
                    out.append(Span(doc, ent.start, cut, label=ent.label_))
        else:
            out.append(ent)
    for ent in out:
        covered.update(range(ent.start, ent.end))
    n = len(doc)
    # only capitalised words can be given names: find them in the text, not token by token
    arr = doc.to_array(["IDX"]) if n else []
    starts = {int(x): k for k, x in enumerate(arr)}
    capitalised = sorted(starts[m.start()] for m in _CAPITALISED.finditer(text_of(doc)) if m.start() in starts)
    for i in capitalised:
        tok = doc[i]
        if i in covered or tok.pos_ not in ("PROPN", "NOUN") or not given_name_gender(tok.text):
            continue
        if i > 0 and (doc[i - 1].pos_ in ("DET", "ADP") or doc[i - 1].lower_ in named_after):
            continue
        end = i + 1
        while end < n and end not in covered and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end == i + 1 and not (end < n and doc[end].text == ","):
            continue
        if any(k in covered for k in range(i, end)):
            continue
        out.append(Span(doc, i, end, label="PER"))
        covered.update(range(i, end))
    out.sort(key=lambda e: e.start)
    doc.ents = out
