"""French boilerplate of news sites and content farms, as data for :mod:`guillemet.clean`.

``LINES``: (kind, regex) pairs; a line whose stripped text matches a regex entirely (case
ignored, at most ``guillemet.clean.MAX_BOILERPLATE_LINE`` characters) is kept out of analysis.
``INLINE``: (kind, regex) pairs matched anywhere in the text.
"""

from __future__ import annotations

_SOCIAL = r"(?:facebook|twitter|x|linkedin|whatsapp|messenger|pinterest|telegram|flipboard|e-?mail|mail|courriel|imprimer|copier le lien|partager)"

LINES: tuple[tuple[str, str], ...] = (
    ("read_also", r"(?:[àa] )?lire (?:aussi|également|egalement|encore|la suite)\b.*"),
    ("read_also", r"(?:[àa] )?(?:voir|découvrir|decouvrir) (?:aussi|également|egalement)\b.*"),
    ("read_also", r"sur le même sujet\b.*"),
    ("share", r"partag(?:er|ez)(?: (?:sur|cet article|l['’]article|par|via)\b.*)?"),
    ("share", rf"(?:{_SOCIAL}[\s,|•·/-]*){{2,}}"),
    ("subscribe", r"(?:abonnez-vous|inscrivez-vous|s['’]abonner|suivez-nous|recevez (?:notre|nos|la) newsletters?)\b.*"),
    ("subscribe", r"(?:cet )?article réservé aux abonnés\.?"),
    ("subscribe", r"newsletters?"),
    ("advertising", r"publicité"),
)

INLINE: tuple[tuple[str, str], ...] = ()
