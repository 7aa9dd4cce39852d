"""English boilerplate of news sites, as data for :mod:`guillemet.clean`.

``LINES``: (kind, regex) pairs; a line whose stripped text matches a regex entirely (case
ignored, at most ``guillemet.clean.MAX_BOILERPLATE_LINE`` characters) is kept out of analysis.
``INLINE``: (kind, regex) pairs matched anywhere in the text.
"""

from __future__ import annotations

_SOCIAL = r"(?:facebook|twitter|x|linkedin|whatsapp|messenger|pinterest|reddit|flipboard|e-?mail|print|copy link|share)"

LINES: tuple[tuple[str, str], ...] = (
    ("read_also", r"(?:read|see) (?:also|more|the rest(?: here)?|the full story|next)\b.*"),
    ("read_also", r"related(?: coverage| stories| articles)?\s*:.*"),
    ("read_also", r"(?:more|also) on (?:this|the) (?:topic|story)\b.*"),
    ("share", r"share (?:this|on|via)\b.*"),
    ("share", rf"(?:{_SOCIAL}[\s,|•·/-]*){{2,}}"),
    ("subscribe", r"(?:subscribe|sign up|follow us|get our newsletter|click here to subscribe)\b.*"),
    ("subscribe", r"newsletters?"),
    ("advertising", r"advertisement|sponsored(?: content)?"),
)

INLINE: tuple[tuple[str, str], ...] = ()
