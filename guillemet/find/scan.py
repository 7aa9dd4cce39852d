"""What the rules that assemble quotes read about one article, built once: a :class:`Scan`.

The quote rules (:mod:`guillemet.find.quotes`) take one ``Scan`` instead of passing the
parse, the language, the text, its sentences, its quotations, the cues and a token index
from rule to rule.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from guillemet import syntax
from guillemet.find.cues import Cue, find_cues
from guillemet.find.marks import Marked, find_marked
from guillemet.lang.base import Language

SPACE = " \t\u00a0\u202f\u2009"
TERMINATORS = ".!?…"
#: Closing quotation marks that may follow a sentence's full stop.
CLOSERS = "»”\"'’"
EDGE = SPACE + "\n,;:—–-"
#: Characters that may end a sentence (Sentences.is_boundary reads the one before a position).
_MAY_END = re.compile("[" + re.escape("\n" + TERMINATORS + CLOSERS + "»”") + "]")


@dataclass(slots=True)
class Scan:
    """One article as the quote rules read it.

    Attributes:
        doc: The parse.
        lang: Its language.
        text: The parsed text (``syntax.text_of(doc)``); spans index it.
        sentences: Sentence and clause boundaries read from the text.
        quotations: The outermost quoted stretches, in text order.
        cues: The verbs of saying and markers outside ignored stretches and quotations
            (inverted incises inside quotations kept).
        cue_of_token: Token index → the cue whose verb group holds it.
        token_at: Character → index of the token covering or following it.
    """

    doc: Doc
    lang: Language
    text: str
    sentences: Sentences
    quotations: Quotations
    cues: list[Cue]
    cue_of_token: dict[int, Cue]
    token_at: TokenAt

    @classmethod
    def of(cls, doc: Doc, lang: Language, ignored: list[tuple[int, int]] = ()) -> Scan:
        """Read marks and cues of ``doc``, leaving out what starts in an ``ignored`` stretch."""
        text = syntax.text_of(doc)
        marks = [m for m in find_marked(text, lang.quote_pairs)
                 if not any(s <= m.open < e for s, e in ignored)]
        cues = [c for c in find_cues(doc, lang) if not any(s <= c.chars[0] < e for s, e in ignored)]
        outer = Quotations(m for m in marks if m.depth == 0 and m.end > m.start)
        # a verb of saying inside quotation marks is quoted, not the author's cue, unless it is
        # an incise with its subject inverted (« A, a-t-il dit. B »)
        cues = [c for c in cues if c.inverted or not in_quote(outer, c.verb.idx)]
        cue_of_token = {}
        for cue in cues:
            for i in range(*cue.tokens):
                cue_of_token[i] = cue
        return cls(doc=doc, lang=lang, text=text, sentences=Sentences(text, marks, lang),
                   quotations=outer, cues=cues, cue_of_token=cue_of_token, token_at=TokenAt(doc))


class Sentences:
    """Sentence and clause boundaries read from the text, quotations kept whole."""

    def __init__(self, text: str, marks: list[Marked], lang: Language) -> None:
        self.text = text
        self.lang = lang
        outer = [m for m in marks if m.depth == 0]
        self.opens = [m.open for m in outer]
        self.outer = outer
        # The walks below only stop where something can happen: a character that may end a
        # sentence, or the edge of a quotation's inside (as _inside reads it); they jump over
        # the rest, which they would only step across one character at a time.
        ends = [m.start() for m in re.finditer(_MAY_END, text)]
        bounds = [min(m.close, self.opens[k + 1]) if k + 1 < len(outer) else m.close for k, m in enumerate(outer)]
        self._back = sorted({e + 1 for e in ends} | {b for m, b in zip(outer, bounds) if b > m.open + 1})
        self._ahead = sorted({e for e in ends if text[e] in "\n" + TERMINATORS}
                             | {m.open + 1 for m, b in zip(outer, bounds) if b > m.open + 1})

    def _inside(self, pos: int) -> Marked | None:
        k = bisect_right(self.opens, pos) - 1
        if k >= 0 and self.outer[k].open < pos < self.outer[k].close:
            return self.outer[k]
        return None

    def is_boundary(self, i: int) -> bool:
        """True when a sentence ends just before position ``i``."""
        text = self.text
        if i <= 0:
            return True
        ch = text[i - 1]
        if ch == "\n":
            return True
        if ch in TERMINATORS and (i >= len(text) or text[i] in SPACE + "\n«“\"" or _glued(text, i)):
            return self._inside(i - 1) is None and not _abbreviation(text, i - 1, self.lang)
        if ch in CLOSERS:  # "… fin. »", "… end.”", "… end.''": the marks close a sentence
            j = i - 1
            while j > 0 and text[j] in CLOSERS:
                j -= 1
            if text[j] in TERMINATORS:
                return True
        if ch in "»”" and i < len(text) and text[i] in "«“":
            return True  # "… les «gilets jaunes»«Une mobilisation …»": glued paragraphs
        return False

    def sentence_start(self, pos: int) -> int:
        i = pos
        while i > 0:
            m = self._inside(i - 1)
            if m is not None and m.open < i - 1:
                i = m.open
                continue
            if self.is_boundary(i):
                break
            k = bisect_left(self._back, i) - 1  # the next position down where anything can happen
            i = self._back[k] if k >= 0 else 0
        while i < pos and self.text[i] in SPACE + "\n":
            i += 1
        return i

    def sentence_end(self, pos: int) -> int:
        text, n = self.text, len(self.text)
        i = pos
        while i < n:
            m = self._inside(i)
            if m is not None and i > m.open:
                i = m.close + 1
                continue
            ch = text[i]
            if ch == "\n":
                return i
            if ch in TERMINATORS and (i + 1 >= n or text[i + 1] in SPACE + "\n«“\"" or _glued(text, i + 1)) \
                    and not _abbreviation(text, i, self.lang):
                return i
            k = bisect_right(self._ahead, i)  # the next position up where anything can happen
            i = self._ahead[k] if k < len(self._ahead) else n
        return n

    def starts_sentence(self, pos: int) -> bool:
        i = pos
        while i > 0 and self.text[i - 1] in SPACE:
            i -= 1
        return self.is_boundary(i) or (i > 0 and self.text[i - 1] in ":")


def _abbreviation(text: str, dot: int, lang: Language) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("M. Meng", "Dr. X", "J. Dupont")."""
    if text[dot] != ".":
        return False
    k = dot
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    word = text[k:dot]
    if not word or (k > 0 and text[k - 1] in ".-"):
        return bool(word) and len(word) == 1
    return word.lower() in lang.abbreviations or (len(word) == 1 and word.isupper())


def _glued(text: str, i: int) -> bool:
    """"irréversibles.Rosa": a sentence glued to the full stop before it (scraped pages),
    not an initial ("M.Dupont") or an abbreviation ("U.S.")."""
    return i >= 2 and i < len(text) and text[i].isupper() and text[i - 1] in ".!?" \
        and (text[i - 2].islower() and (i < 3 or text[i - 3].isalpha()) or text[i - 2] in "»”\")")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, commas, dashes and a final full stop from both edges of a span."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE + ".":
        end -= 1
    return start, end



class TokenAt:
    """Index of the token covering or following each character (bisect over token ends)."""

    def __init__(self, doc: Doc) -> None:
        arr = doc.to_array(["IDX", "LENGTH"])
        self.ends = (arr[:, 0] + arr[:, 1]).tolist() if len(doc) else []

    def __getitem__(self, c: int) -> int:
        return bisect_right(self.ends, c)


class Quotations(list):
    """Outermost quotations in text order, with their opening positions for bisect."""

    def __init__(self, marks) -> None:
        super().__init__(sorted(marks, key=lambda m: m.open))
        self.opens = [m.open for m in self]



def in_quote(outer: list[Marked], pos: int) -> bool:
    """Whether ``pos`` lies inside one of the outermost quotations."""
    opens = getattr(outer, "opens", None)
    if opens is None:
        return any(m.open < pos < m.close for m in outer)
    k = bisect_right(opens, pos - 1) - 1  # the last quotation opened before pos
    return k >= 0 and outer[k].open < pos < outer[k].close
