"""Find the stretches of text inside quotation marks: step 1 of quote finding.

Pure text scanning, no parse: typographic pairs are matched with a stack, straight quotes
are paired inside each paragraph by their shape, a quotation reopened at the start of the
next paragraph (French convention, « at each new paragraph, » only at the end) is followed
across paragraphs, and a mark that never closes is dropped rather than allowed to swallow
the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True)
class Marked:
    """A quoted stretch: ``open`` and ``close`` are the mark positions, content lies between."""

    open: int
    close: int  # index of the closing mark (exclusive end of the content)
    start: int  # content start, inner white space trimmed
    end: int  # content end, inner white space trimmed
    depth: int = 0  # 0 for an outermost stretch, 1+ when nested inside another

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_SPACES = " \t\u00a0\u202f\u2009"
#: Marks that are also apostrophes: between two letters ("don’t", "Clinton's") they are
#: never a quotation mark.
APOSTROPHES = "’'"
_DOUBLED = "''"


def _is_apostrophe(text: str, i: int) -> bool:
    """Whether the mark at ``i`` stands between two word characters (an apostrophe)."""
    return text[i] in APOSTROPHES and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACES + "\n":
        start += 1
    while end > start and text[end - 1] in _SPACES + "\n":
        end -= 1
    return start, end


def _paragraph_reopens(text: str, nl: int, opener: str) -> int | None:
    """Position of ``opener`` when the paragraph after the newline at ``nl`` starts with it."""
    i = nl
    n = len(text)
    while i < n and text[i] in _SPACES + "\n":
        i += 1
    if i < n and text[i] == opener:
        return i
    return None


def find_marked(text: str, pairs: dict[str, str], max_len: int = 6000) -> list[Marked]:
    """All quoted stretches of ``text``, outermost and nested, in text order.

    Args:
        text: The article text.
        pairs: Opening mark → closing marks (a string of one or more characters); a mark that
            is its own closer (the straight double quote) is paired by shape within a paragraph.
        max_len: A stretch longer than this is taken for a stray mark and dropped.

    Returns:
        The stretches sorted by start, each with its nesting depth.
    """
    found: list[Marked] = []
    typographic = {o: c for o, c in pairs.items() if o not in c}
    closers = {c for cs in typographic.values() for c in cs}
    stack: list[tuple[str, int]] = []
    # only line breaks and typographic marks do anything: jump from one to the next
    special = re.compile("[" + re.escape("\n" + "".join(typographic) + "".join(closers)) + "]")
    i = 0
    while (hit := special.search(text, i)) is not None:
        i = hit.start()
        ch = text[i]
        if ch == "\n" and stack:
            # paragraph end: an open quotation continues only if the next paragraph reopens it
            opener, _ = stack[-1]
            reopen = _paragraph_reopens(text, i, opener)
            if reopen is None:
                stack.clear()  # stray opener(s): drop them, keep scanning
            else:
                i = reopen + 1
                continue
        elif _is_apostrophe(text, i) or (ch in typographic and ch in APOSTROPHES and i > 0 and text[i - 1].isalnum()):
            pass  # "don’t", "rock‘n": a letter's apostrophe, no mark
        elif stack and ch in typographic.get(stack[-1][0], ""):
            opener, pos = stack.pop()
            if i - pos <= max_len:
                s, e = _trim(text, pos + 1, i)
                found.append(Marked(pos, i, s, e, depth=len(stack)))
        elif ch in typographic:
            stack.append((ch, i))
        elif ch in closers and stack:
            # a closer of another family: close the matching opener below if there is one
            for k in range(len(stack) - 1, -1, -1):
                if ch in typographic[stack[k][0]]:
                    opener, pos = stack[k]
                    del stack[k:]
                    s, e = _trim(text, pos + 1, i)
                    found.append(Marked(pos, i, s, e, depth=len(stack)))
                    break
        i += 1
    # two apostrophes stand for a straight double quote (''…'', typewriter style): read them
    # as one when the double quote is a mark, never as two single ones
    doubled = text.replace(_DOUBLED, ' "') if '"' in pairs and _DOUBLED in text else text
    singles = text.replace(_DOUBLED, "  ") if _DOUBLED in text else text
    for mark in (o for o, c in pairs.items() if o in c):
        for m in _pair_straight(doubled if mark == '"' else singles, mark, max_len):
            if doubled is not text and text[m.open] != mark:
                m.open -= 1  # ''…'': the quotation opens at the first apostrophe
            found.append(m)
    found.sort(key=lambda m: (m.open, -m.close))
    _set_depths(found)
    return found


def _pair_straight(text: str, mark: str, max_len: int) -> list[Marked]:
    """Pair straight quotes paragraph by paragraph, using the shape of each mark; a quotation
    still open at a paragraph's end goes on when the next paragraph opens with the mark."""
    out: list[Marked] = []
    start = 0
    opened: int | None = None
    reopened: int | None = None
    for para in text.split("\n"):
        positions = [start + j for j in _find_all(para, mark) if not _is_apostrophe(text, start + j)]
        if opened is not None and reopened is None and para.strip(_SPACES):
            if para.lstrip(_SPACES).startswith(mark):
                reopened = start + len(para) - len(para.lstrip(_SPACES))
            else:
                opened = None  # a stray opener: dropped
        for pos in positions:
            if pos == reopened:
                reopened = None
                continue
            before = text[pos - 1] if pos > 0 else " "
            after = text[pos + 1] if pos + 1 < len(text) else " "
            can_open = before in _SPACES + "\n([{'’:—–-/" or not before.strip()
            can_close = after in _SPACES + "\n.,;:!?)]}…—–-/" or not after.strip()
            if opened is None:
                if can_open or not can_close:
                    opened = pos
            elif can_close or not can_open:
                if pos - opened <= max_len and pos - opened > 1:
                    s, e = _trim(text, opened + 1, pos)
                    out.append(Marked(opened, pos, s, e))
                opened = None
            else:  # looks like another opener: the previous one was stray
                opened = pos
        start += len(para) + 1
    return out


def _find_all(text: str, ch: str) -> list[int]:
    """Every position of the character ``ch`` in ``text``."""
    out, j = [], text.find(ch)
    while j >= 0:
        out.append(j)
        j = text.find(ch, j + 1)
    return out


def _set_depths(found: list[Marked]) -> None:
    """Nesting depth from containment, whatever family the marks belong to."""
    open_stack: list[Marked] = []
    for m in found:
        while open_stack and open_stack[-1].close < m.open:
            open_stack.pop()
        m.depth = len(open_stack)
        open_stack.append(m)
