"""Quote candidates and the rows the quote model scores: is this stretch a quote?

The rules find quotes with high precision and miss some: quotations whose cue they do not
see, fragments woven into a sentence. Every outermost quotation the rules left out becomes a
candidate too, credited to the nearest cue of its sentence (or to the speaker it continues).
Each candidate — the rules' quotes included — is described by its shape (length, where it sits
in its sentence, first-person words, punctuation), its surroundings (a cue before or after,
a colon, a noun it may label, how often the article repeats it) and, for the rules' quotes,
how they were found. A trained model scores them; those above the threshold are kept.

Reads: the parse, the rules' quotes. Writes: nothing; :func:`choose_quotes` returns the list.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from guillemet import syntax
from guillemet.find import scan as rule_scan
from guillemet.find.cues import Cue
from guillemet.find.quotes import _after_is_end, _folded, _is_name, _labels_a_noun, _terms
from guillemet.found import Found
from guillemet.lang.base import Language

_KINDS = ("direct", "indirect", "mixed", "according_to")
_PREV_POS = ("NOUN", "VERB", "AUX", "DET", "ADP", "PUNCT", "ADJ", "PROPN", "PRON", "CCONJ", "SCONJ", "ADV")
_FAR = 12.0

SOURCES = ("rule", "mark", "clause", "marker")

FEATURES: tuple[str, ...] = (
    *(f"from_{g}" for g in SOURCES), "rule_confidence", "starts_after_cue", "cue_framed",
    "begins_infinitive", "begins_complementizer",
    "has_cue", "has_mention", "continuation", "log_words", "log_chars",
    "starts_sentence", "ends_sentence", "after_colon", "cue_before_in_sentence", "cue_after_close",
    "log_cue_distance", "cue_has_subject", "is_term", "is_name", "ends_with_stop", "finite_verbs",
    "first_person", "second_person", "question_or_exclamation", "capital_start", "in_marks",
    "log_prev_quote_gap", "prev_quote_same_paragraph", "quotes_in_paragraph", "inside_other_quote",
    "paragraph_start", "sentence_words_log", "share_of_sentence", "comma_after", "noun_before",
    *(f"kind_{k}" for k in _KINDS), *(f"prev_pos_{p}" for p in _PREV_POS),
)


class Scan:
    """The rules' reading of one article (guillemet.find.scan.Scan), with what the candidates
    also need: cue positions, the article's terms, paragraphs, tokens by start."""

    def __init__(self, doc: Doc, lang: Language, ignored=(), rules: rule_scan.Scan | None = None) -> None:
        self.rules = rules or rule_scan.Scan.of(doc, lang, ignored)
        self.doc, self.lang, self.text = doc, lang, self.rules.text
        self.outer = self.rules.quotations
        self.tx = self.rules.sentences
        self.cues: list[Cue] = sorted(self.rules.cues, key=lambda c: c.chars[0])
        self.cue_starts = [c.chars[0] for c in self.cues]
        self.terms = _terms(self.text, self.outer)
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        self._starts: dict[int, int] = {}
        self._ends: dict[int, int] = {}

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.paragraph_starts, pos) - 1

    def sentence_start(self, pos: int) -> int:
        if pos not in self._starts:
            self._starts[pos] = self.tx.sentence_start(pos)
        return self._starts[pos]

    def sentence_end(self, pos: int) -> int:
        if pos not in self._ends:
            self._ends[pos] = self.tx.sentence_end(pos)
        return self._ends[pos]

    def token_at(self, pos: int) -> int:
        """The token that starts at or before ``pos``."""
        return max(0, bisect_right(self.starts, pos) - 1)


def mark_candidates(scan: Scan, found: list[Found]) -> list[Found]:
    """A quote for every outermost quotation the rules left out, credited to the nearest cue
    of its sentence that has a subject, else continuing the speaker before it."""
    taken = sorted(f.content for f in found)
    out = []
    for m in scan.outer:
        if any(s <= m.start < e or m.start <= s < m.end for s, e in taken):
            continue
        fragment = scan.text[m.start:m.end]
        words = len(re.findall(r"\w+", fragment))
        if words == 0 or _folded(fragment) in scan.terms or _is_name(fragment, scan.lang) \
                or _labels_a_noun(scan.doc, scan.token_at(m.open), fragment, scan.lang):
            continue  # a term, a name or a label the rules already ruled out
        sent_s = scan.tx.sentence_start(m.open)
        sent_e = scan.tx.sentence_end(m.close + 1)
        cue = _nearest_cue(scan, sent_s, sent_e, m.open, m.close)
        starts = scan.tx.starts_sentence(m.open)
        kind = "direct" if starts and words >= 3 else "mixed"
        if cue is None:
            out.append(Found(kind, m.span, continuation=True, confidence=0.3))
        else:
            out.append(Found(kind, m.span, cue=cue.chars, mention=cue.subject_span, confidence=0.3))
    return out


def _nearest_cue(scan: Scan, sent_s: int, sent_e: int, open_: int, close: int) -> Cue | None:
    lo, hi = bisect_left(scan.cue_starts, sent_s), bisect_left(scan.cue_starts, sent_e)
    best, dist = None, None
    for cue in scan.cues[lo:hi]:
        if cue.subject_span is None or open_ <= cue.chars[0] < close:
            continue
        d = open_ - cue.chars[1] if cue.chars[1] <= open_ else cue.chars[0] - close
        if dist is None or d < dist:
            best, dist = cue, d
    return best


def candidates(scan: Scan, found: list[Found]) -> tuple[list[Found], list[str]]:
    """The candidates beyond the rules' quotes, each once, none repeating a rule's quote,
    with the generator that proposed each (one of SOURCES)."""
    from guillemet.learn.candidates import clause_candidates, marker_candidates

    out, sources, seen = [], [], {f.content for f in found}
    for source, cands in (("mark", mark_candidates(scan, found)), ("clause", clause_candidates(scan)),
                          ("marker", marker_candidates(scan))):
        for c in cands:
            if c.content in seen or any(_clash(c.content, f.content) for f in found):
                continue
            seen.add(c.content)
            out.append(c)
            sources.append(source)
    return out, sources


def _clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans that the scorer could pair with one gold quote (half of either shared)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and (inter >= 0.5 * (a[1] - a[0]) or inter >= 0.5 * (b[1] - b[0]))


def quote_rows(scan: Scan, quotes: list[Found], sources: list[str], only: range | None = None) -> list[list[float]]:
    """Feature rows (in FEATURES order) for each quote, rules' and candidates' alike.

    Args:
        only: The indices of the quotes to describe (default all); the others still count
            as the article's quotes (gaps, quotes per paragraph, nesting).
    """
    text, doc = scan.text, scan.doc
    order = sorted(range(len(quotes)), key=lambda i: quotes[i].content[0])
    prev_end = {}
    last = None
    for i in order:
        prev_end[i] = last
        last = quotes[i].content[1]
    per_paragraph: dict[int, int] = {}
    for q in quotes:
        p = scan.paragraph(q.content[0])
        per_paragraph[p] = per_paragraph.get(p, 0) + 1
    rows = []
    for i in only if only is not None else range(len(quotes)):
        q = quotes[i]
        s, e = q.content
        content = text[s:e]
        words = re.findall(r"\w+", content)
        open_ = s - 1
        while open_ > 0 and text[open_] in " \u00a0\u202f\u2009":
            open_ -= 1
        in_marks = open_ >= 0 and text[open_] in scan.lang.quote_pairs
        sent_s = scan.sentence_start(s)
        sent_e = scan.sentence_end(e)
        sent_words = len(re.findall(r"\w+", text[sent_s:sent_e]))
        before = text[max(0, open_ - 3):open_ + 1] if in_marks else text[max(0, s - 3):s]
        ti, tj = scan.token_at(s), scan.token_at(max(s, e - 1))
        toks = doc[ti:tj + 1]
        prev = doc[ti - 1] if ti > 0 else None
        if in_marks and prev is not None and prev.idx >= open_ and ti > 1:
            prev = doc[ti - 2]
        lo, hi = bisect_left(scan.cue_starts, sent_s), bisect_left(scan.cue_starts, sent_e)
        sentence_cues = scan.cues[lo:hi]
        cue_before = any(c.chars[1] <= s for c in sentence_cues)
        close_end = e + 1 if in_marks else e
        after = close_end
        while after < len(text) and text[after] in " ,\u00a0\u202f\u2009—–-":
            after += 1
        cue_after = any(0 <= c.chars[0] - close_end <= 6 for c in sentence_cues) or any(
            0 <= c.chars[0] - after <= 2 for c in sentence_cues)
        cue_distance = None
        if q.cue is not None:
            cue_distance = s - q.cue[1] if q.cue[1] <= s else q.cue[0] - e
        gap = s - prev_end[i] if prev_end[i] is not None else None
        first = doc[ti] if ti < len(doc) else None
        row = [
            *(float(sources[i] == g) for g in SOURCES),
            q.confidence if sources[i] == "rule" else 0.0,
            float(q.cue is not None and 0 <= s - q.cue[1] <= 6),
            float(any(c.content is not None and c.chars == q.cue and _clash(c.content, q.content) for c in sentence_cues)),
            float(first is not None and syntax.is_infinitive(first, scan.lang)),
            float(first is not None and first.lower_ in scan.lang.complementizers),
            float(q.cue is not None),
            float(q.mention is not None),
            float(q.continuation),
            math.log1p(len(words)),
            math.log1p(e - s),
            float(scan.tx.starts_sentence(open_ if in_marks else s)),
            float(_after_is_end(scan.rules, close_end)),
            float(":" in before),
            float(cue_before),
            float(cue_after),
            math.log1p(abs(cue_distance)) if cue_distance is not None else _FAR,
            float(q.mention is not None and q.cue is not None),
            float(_folded(content) in scan.terms),
            float(_is_name(content, scan.lang)),
            float(content.rstrip()[-1:] in ".!?…"),
            float(sum(1 for t in toks if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"])),
            float(sum(1 for t in toks if t.morph.get("Person") == ["1"])),
            float(sum(1 for t in toks if t.morph.get("Person") == ["2"])),
            float("?" in content or "!" in content),
            float(content[:1].isupper()),
            float(in_marks),
            math.log1p(gap) if gap is not None and gap >= 0 else _FAR,
            float(prev_end[i] is not None and scan.paragraph(prev_end[i]) == scan.paragraph(s)),
            float(per_paragraph.get(scan.paragraph(s), 0)),
            float(any(o is not q and o.content[0] <= s and e <= o.content[1] and o.content != q.content for o in quotes)),
            float(scan.paragraph_starts[scan.paragraph(s)] >= (open_ if in_marks else s) - 2),
            math.log1p(sent_words),
            len(words) / sent_words if sent_words else 1.0,
            float(after < len(text) and text[close_end:after].strip().startswith(",")),
            float(prev is not None and prev.pos_ == "NOUN"),
            *(float(q.kind == k) for k in _KINDS),
            *(float(prev is not None and prev.pos_ == p) for p in _PREV_POS),
        ]
        rows.append(row)
    return rows


#: A candidate the rules did not find is kept from this score on; a rule's quote is dropped
#: below ``DROP_BELOW``. Chosen out of fold on train (5 folds, attribution F1: never dropping
#: 0.731, under 0.15 0.732, under 0.2 0.735) and checked on dev and fr-dev, never on test;
#: 0.15 rather than 0.2 because the model, trained on whole articles, scores a lone sentence
#: low (0.17 for "Les fouilles ont repris, a précisé la source") — docs/learning.md.
KEEP_FROM = 0.8
DROP_BELOW = 0.15


def _framed(q: Found) -> bool:
    """A direct or indirect quote the rules found with its own verb of saying and speaker:
    the quote model does not drop it (out of fold on train, attribution F1 0.732 → 0.734;
    dev and fr-dev unchanged) — a lone sentence, which the model trained on whole articles
    scores low, keeps its quote."""
    return q.cue is not None and q.mention is not None and q.kind in ("direct", "indirect")


def choose_quotes(scan: Scan, found: list[Found], model, keep_from: float = KEEP_FROM,
                  drop_below: float = DROP_BELOW) -> list[Found]:
    """The rules' quotes the quote model does not reject, and the candidates it keeps (the
    best of any that clash), in text order."""
    extra, sources = candidates(scan, found)
    quotes = found + extra
    judged = range(len(quotes)) if drop_below > 0 else range(len(found), len(quotes))  # a score of 0 drops nothing
    scores = dict(zip(judged, model.predict(quote_rows(scan, quotes, ["rule"] * len(found) + sources, judged))))
    kept = [q for k, q in enumerate(found) if drop_below <= 0 or scores[k] >= drop_below or _framed(q)]
    for k in sorted(range(len(found), len(quotes)), key=lambda k: -scores[k]):
        if scores[k] >= keep_from and not any(_clash(quotes[k].content, q.content) for q in kept):
            kept.append(quotes[k])
    kept.sort(key=lambda f: f.content[0])
    return kept


class QuoteChooser:
    """The quote model as a step of the rules' pass: ``(doc, lang, ignored, found) -> found``."""

    def __init__(self, model, keep_from: float = KEEP_FROM, drop_below: float = DROP_BELOW) -> None:
        self.model, self.keep_from, self.drop_below = model, keep_from, drop_below

    def __call__(self, doc: Doc, lang: Language, ignored, found: list[Found], scan=None) -> list[Found]:
        return choose_quotes(Scan(doc, lang, ignored, scan), found, self.model, self.keep_from, self.drop_below)


__all__ = ["FEATURES", "QuoteChooser", "SOURCES", "Scan", "candidates", "choose_quotes", "mark_candidates", "quote_rows"]
