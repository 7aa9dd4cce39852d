"""The words the web UI shows, in French: quote kinds, speaker types, genders, dates.

The store and the API keep their codes ("according_to", "organisation", "2024-03-15"); only
the pages translate them, through the Jinja filters :func:`install` registers.
"""

from __future__ import annotations

import datetime as dt

KINDS = {"direct": "directe", "indirect": "indirecte", "mixed": "mixte", "according_to": "selon"}
SPEAKER_TYPES = {"person": "personne", "organisation": "organisation", "media": "média",
                 "document": "document", "group": "groupe", "unknown": "inconnu"}
GENDERS = {"female": "femmes", "male": "hommes", "unknown": "inconnu"}
GENDER_ONE = {"female": "femme", "male": "homme", "unknown": "genre inconnu"}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                "nov.", "déc.")


def date_fr(value: str | None) -> str:
    """"2024-03-15" (or a datetime) → "15 mars 2024"; "1er" for the first; as given otherwise."""
    if not value:
        return ""
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def day_fr_short(value: str | None) -> str:
    """"2019-11-18" → "18 nov. 19" (a chart label)."""
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return str(value or "")
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year % 100:02d}"


def month_fr(value: str | None, short: bool = False) -> str:
    """"2024-03" → "mars 2024" (short: "mars 24")."""
    try:
        year, month = int(str(value)[:4]), int(str(value)[5:7])
    except (TypeError, ValueError):
        return str(value or "")
    if short:
        return f"{MONTHS_SHORT[month - 1]} {year % 100:02d}"
    return f"{MONTHS[month - 1]} {year}"


def install(env) -> None:
    """Register the filters on a Jinja environment: ``kind_fr``, ``type_fr``, ``gender_fr``,
    ``date_fr``, ``month_fr``."""
    env.filters["kind_fr"] = lambda k: KINDS.get(k, k or "")
    env.filters["type_fr"] = lambda t: SPEAKER_TYPES.get(t, t or "")
    env.filters["gender_fr"] = lambda g: GENDER_ONE.get(g, g or "")
    env.filters["date_fr"] = date_fr
    env.filters["month_fr"] = month_fr
