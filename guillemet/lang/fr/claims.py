"""French words for dates and numbers inside claims, read by :mod:`guillemet.claims`.

Plain data only: the engine builds and caches its regular expressions from these tables, so a
new language adds a module like this one and no code. Words are matched case-insensitively
unless a table says otherwise; a straight apostrophe in a phrase also matches "’".
"""

from __future__ import annotations

#: Weekday names → Python weekday numbers (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3,
    "vendredi": 4, "samedi": 5, "dimanche": 6,
}

#: Month names and their usual abbreviations → month numbers. A month named alone (no day,
#: no year) counts as a date only when written in lower case, as French writes months; this
#: keeps "Mars" (the planet, the god) out. Datelines ("Paris, 30 décembre 2022",
#: guillemet.readers.published) read the names written in full, those without a final dot.
MONTHS: dict[str, int] = {
    "janvier": 1, "janv.": 1, "février": 2, "fevrier": 2, "févr.": 2, "mars": 3,
    "avril": 4, "avr.": 4, "mai": 5, "juin": 6, "juillet": 7, "juil.": 7, "août": 8,
    "aout": 8, "septembre": 9, "sept.": 9, "octobre": 10, "oct.": 10, "novembre": 11,
    "nov.": 11, "décembre": 12, "decembre": 12, "déc.": 12,
}

#: Words that name a day relative to the publication date → offset in days.
RELATIVE_DAYS: dict[str, int] = {
    "avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2,
}

#: Determiners meaning "the current one": before a part of the day they name today
#: ("ce soir"); before a period, the current period ("cette semaine").
THIS_WORDS: tuple[str, ...] = ("ce", "cet", "cette")

#: Parts of the day, written after a day word ("jeudi soir", "hier matin", "ce soir").
PARTS_OF_DAY: dict[str, str] = {
    "matin": "morning", "matinée": "morning", "midi": "noon", "après-midi": "afternoon",
    "soir": "evening", "soirée": "evening", "nuit": "night",
}

#: Connectors allowed between a day word and its part ("mardi dans la soirée").
PART_CONNECTORS: tuple[str, ...] = ("au", "dans la", "en", "en fin de", "en début de")

#: Direction words written next to a weekday, month or period ("vendredi prochain",
#: "le mois dernier", "en décembre dernier") → -1 for the past, +1 for the future.
DIRECTIONS: dict[str, int] = {
    "dernier": -1, "dernière": -1, "passé": -1, "passée": -1,
    "prochain": 1, "prochaine": 1,
}

#: Periods relative to the publication date: phrase → (unit, offset). Units are "week"
#: (Monday to Sunday), "month" and "year".
RELATIVE_PERIODS: dict[str, tuple[str, int]] = {
    "la semaine dernière": ("week", -1), "la semaine passée": ("week", -1),
    "la semaine prochaine": ("week", 1), "cette semaine": ("week", 0),
    "le mois dernier": ("month", -1), "le mois passé": ("month", -1),
    "le mois prochain": ("month", 1), "ce mois-ci": ("month", 0),
    "l'an dernier": ("year", -1), "l'an passé": ("year", -1), "l'an prochain": ("year", 1),
    "l'année dernière": ("year", -1), "l'année passée": ("year", -1),
    "l'année prochaine": ("year", 1), "cette année": ("year", 0),
}

#: "il y a trois jours" / "dans deux semaines": phrase before the count → direction, and
#: the unit nouns after it → unit.
AGO_WORDS: dict[str, int] = {"il y a": -1, "voici": -1, "dans": 1}
DURATION_UNITS: dict[str, str] = {
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week",
    "mois": "month", "an": "year", "ans": "year", "année": "year", "années": "year",
}

#: The first day of a month written as an ordinal ("le 1er janvier").
FIRST_DAY_WORDS: tuple[str, ...] = ("1er", "premier")

#: Order of day and month in a written date: "dm" for "24 février", "md" for "February 24".
DAY_MONTH_ORDER = "dm"

#: Words that make a bare four-digit number a year ("en 2019", "depuis 2014").
YEAR_PREFIXES: tuple[str, ...] = (
    "en", "depuis", "dès", "d'ici", "jusqu'en", "avant", "après", "début", "fin",
    "courant", "année", "l'année", "printemps", "été", "automne", "hiver", "entre",
)

#: Words before a date that look ahead: the date is the coming one, the current one included
#: ("d'ici janvier" written in November is next January; "d'ici vendredi" on a Friday is that
#: day). Only unambiguous ones: "à partir de janvier" reports the past as often as the future.
FORWARD_WORDS: tuple[str, ...] = (
    "d'ici", "d'ici à", "d'ici au", "d'ici le", "d'ici la", "d'ici fin", "d'ici la fin",
    "d'ici à la fin", "d'ici début", "d'ici le début", "d'ici mi", "d'ici la mi",
)

#: Times of day, never counts ("20h30", "8 h", "20:30", "à 20 heures"): regular expressions.
TIME_PATTERNS: tuple[str, ...] = (
    r"\b\d{1,2}\s?h\s?\d{2}\b",
    r"\b\d{1,2}\s?h(?![^\W\d_])",
    r"\b\d{1,2}:\d{2}\b",
    r"\b(?:à|vers|dès|jusqu'à|jusqu’à|avant|après)\s+\d{1,2}\s+heures?\b",
)

#: Numbers written in words → value. Multi-word entries ("quatre-vingt") are single words
#: for the engine. "un"/"une" are listed for compounds ("vingt et un", "un million") but are
#: never reported alone: they are the indefinite article far more often than a count.
NUMBER_WORDS: dict[str, int] = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
    "octante": 80, "nonante": 90, "quatre-vingt": 80, "quatre-vingts": 80,
}
NOT_ALONE: tuple[str, ...] = ("un", "une")

#: Multipliers inside a number written in words: "cent" multiplies what precedes it,
#: "mille" closes a group of thousands.
HUNDRED_WORDS: dict[str, int] = {"cent": 100, "cents": 100}
THOUSAND_WORDS: dict[str, int] = {"mille": 1000}

#: The word joining tens and units ("vingt et un") and the words it may precede.
AND_WORD = "et"
AND_BEFORE: tuple[str, ...] = ("un", "une", "onze")

#: Scale words after a number ("1,2 milliard", "trois millions").
SCALES: dict[str, float] = {
    "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
    "billion": 1e12, "billions": 1e12,
}

#: Decimal marks and thousands separators in written numbers ("3 392,5", "2.500"). Groups of
#: exactly three digits after a separator are thousands; otherwise a mark is decimal.
DECIMAL_MARKS = ",."
THOUSANDS_SEPARATORS = " \u00a0\u202f\u2009."

#: Words linking a scale word to what it counts ("1,2 milliard d'euros").
OF_WORDS: tuple[str, ...] = ("de", "d'")

#: Units with a normalised name: currencies (ISO 4217) and percentages. Matched before any
#: noun, longest first; symbols may be glued to the number ("15%", "20€").
UNITS: dict[str, str] = {
    "%": "percent", "pour cent": "percent", "pourcent": "percent", "pour-cent": "percent",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "$": "USD", "dollar": "USD", "dollars": "USD", "dollars américains": "USD",
    "dollars canadiens": "CAD", "dollars australiens": "AUD", "usd": "USD",
    "£": "GBP", "livres sterling": "GBP", "livre sterling": "GBP",
    "francs suisses": "CHF", "franc suisse": "CHF", "francs cfa": "XOF",
    "francs": "francs", "franc": "francs",
    "roubles": "RUB", "rouble": "RUB", "hryvnias": "UAH", "hryvnia": "UAH",
    "yuans": "CNY", "yuan": "CNY", "yens": "JPY", "yen": "JPY",
}

#: Abbreviations carrying a scale and a unit ("15 M€", "3 Md€").
SCALED_UNITS: dict[str, tuple[float, str]] = {
    "k€": (1e3, "EUR"), "m€": (1e6, "EUR"), "md€": (1e9, "EUR"), "mds€": (1e9, "EUR"),
    "mrd€": (1e9, "EUR"), "mrds€": (1e9, "EUR"), "m$": (1e6, "USD"), "md$": (1e9, "USD"),
}

#: Adjectives skipped between a number and the noun it counts ("15 000 autres personnes").
SKIPPED_ADJECTIVES: tuple[str, ...] = (
    "autres", "nouveaux", "nouvelles", "nouveau", "nouvelle", "premiers", "premières",
    "derniers", "dernières", "petits", "petites", "grands", "grandes", "anciens",
    "anciennes", "seuls", "seules", "vrais", "vraies", "bons", "bonnes", "gros", "grosses",
    "jeunes", "principaux", "principales", "millions", "milliards", "supplémentaires",
)

#: Words that cannot be the noun a number counts: the number then has no unit.
NOT_UNITS: tuple[str, ...] = (
    "a", "à", "ai", "as", "au", "aux", "avec", "après", "avant", "avaient", "avait", "avoir",
    "aussi", "c", "car", "ce", "ces", "cet", "cette", "chez", "comme", "contre", "d", "dans",
    "de", "depuis", "des", "doit", "doivent", "donc", "dont", "du", "elle", "elles", "en",
    "entre", "environ", "est", "et", "étaient", "était", "été", "être", "eux", "fait", "font",
    "fut", "il", "ils", "j", "je", "jusqu", "l", "la", "le", "les", "leur", "leurs", "lors",
    "lui", "m", "mais", "me", "même", "moins", "n", "ne", "ni", "nous", "on", "ont", "or",
    "ou", "où", "par", "parmi", "pas", "pendant", "peu", "peut", "peuvent", "plus", "pour",
    "près", "qu", "que", "qui", "s", "sa", "sans", "se", "selon", "sera", "seraient",
    "serait", "seront", "ses", "si", "soit", "son", "sont", "sous", "sur", "t", "te", "tous",
    "tout", "toutes", "très", "tu", "un", "une", "vers", "vous", "y", "déjà", "encore",
    "seulement",
)
