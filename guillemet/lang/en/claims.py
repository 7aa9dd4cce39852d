"""English words for dates and numbers inside claims, read by :mod:`guillemet.claims`.

Plain data only, the same tables as ``guillemet.lang.fr.claims``: "on Tuesday", "last week",
"Feb. 24", "March 3, 2016", "two days ago", "3,392", "1.2 billion", "seven", "15 percent".
Words are matched case-insensitively unless a table says otherwise.
"""

from __future__ import annotations

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}

#: Month names and their press abbreviations. English writes months with a capital: a month
#: named alone counts as a date only when capitalised (``MONTHS_CAPITALISED``), which keeps
#: the verbs "may" and "march" out.
MONTHS: dict[str, int] = {
    "january": 1, "jan.": 1, "february": 2, "feb.": 2, "march": 3, "mar.": 3, "april": 4,
    "apr.": 4, "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7, "august": 8, "aug.": 8,
    "september": 9, "sept.": 9, "sep.": 9, "october": 10, "oct.": 10, "november": 11,
    "nov.": 11, "december": 12, "dec.": 12,
}
MONTHS_CAPITALISED = True

RELATIVE_DAYS: dict[str, int] = {
    "the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
    "the day after tomorrow": 2,
}

THIS_WORDS: tuple[str, ...] = ("this",)

PARTS_OF_DAY: dict[str, str] = {
    "morning": "morning", "noon": "noon", "afternoon": "afternoon", "evening": "evening",
    "night": "night",
}

#: Connectors allowed between a day word and its part ("Tuesday in the evening").
PART_CONNECTORS: tuple[str, ...] = ("in the", "at")

DIRECTIONS: dict[str, int] = {"last": -1, "past": -1, "next": 1, "this coming": 1}

RELATIVE_PERIODS: dict[str, tuple[str, int]] = {
    "last week": ("week", -1), "this week": ("week", 0), "next week": ("week", 1),
    "last month": ("month", -1), "this month": ("month", 0), "next month": ("month", 1),
    "last year": ("year", -1), "this year": ("year", 0), "next year": ("year", 1),
    "earlier this week": ("week", 0), "earlier this month": ("month", 0),
    "earlier this year": ("year", 0), "later this year": ("year", 0),
}

#: Words before a count and its unit ("in two weeks") and after them ("three days ago").
AGO_WORDS: dict[str, int] = {"in": 1, "within": 1}
AGO_AFTER_WORDS: dict[str, int] = {"ago": -1, "earlier": -1, "later": 1, "from now": 1}
DURATION_UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year",
}

FIRST_DAY_WORDS: tuple[str, ...] = ("1st",)

#: "February 24", "Feb. 24, 2016": the month first.
DAY_MONTH_ORDER = "md"

YEAR_PREFIXES: tuple[str, ...] = (
    "in", "since", "by", "until", "before", "after", "from", "early", "late", "mid",
    "during", "of", "the", "between", "spring", "summer", "fall", "autumn", "winter",
)

FORWARD_WORDS: tuple[str, ...] = ("by", "until", "no later than", "ahead of")

TIME_PATTERNS: tuple[str, ...] = (
    r"\b\d{1,2}(?::\d{2})?\s?[ap]\.?m\b\.?",
    r"\b\d{1,2}:\d{2}\b",
    r"\b\d{1,2}\s+o['’]clock\b",
)

#: "one" is listed for compounds ("one hundred", "one million") but never reported alone.
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
NOT_ALONE: tuple[str, ...] = ("one",)

HUNDRED_WORDS: dict[str, int] = {"hundred": 100}
THOUSAND_WORDS: dict[str, int] = {"thousand": 1000}

#: "one hundred and five".
AND_WORD = "and"
AND_BEFORE: tuple[str, ...] = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)

SCALES: dict[str, float] = {
    "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    "trillions": 1e12,
}

#: "3,392" is three thousand …; "1.2 billion" a decimal.
DECIMAL_MARKS = "."
THOUSANDS_SEPARATORS = ","

OF_WORDS: tuple[str, ...] = ("of",)

UNITS: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "percentage points": "points",
    "$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD", "€": "EUR", "euro": "EUR",
    "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP", "yen": "JPY", "yuan": "CNY",
    "rubles": "RUB", "ruble": "RUB",
}

SCALED_UNITS: dict[str, tuple[float, str]] = {}

SKIPPED_ADJECTIVES: tuple[str, ...] = (
    "other", "new", "more", "additional", "extra", "former", "current", "young", "old",
    "registered", "likely", "million", "billion", "small", "big", "large", "major",
)

NOT_UNITS: tuple[str, ...] = (
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "down", "during", "each", "few",
    "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "just", "me", "more", "most", "my", "no", "nor", "not",
    "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "said",
    "says", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why",
    "will", "with", "would", "you", "your", "percent", "times", "ago",
)
