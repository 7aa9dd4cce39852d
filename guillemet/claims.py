"""Dates and numbers inside a claim: adds ``Quote.dates`` and ``Quote.numbers``.

:func:`find_claims` scans one stretch of an article (a quote's content) for

* **dates**, resolved against the article's publication date: weekdays ("vendredi",
  "jeudi soir", "vendredi prochain"), days relative to it ("hier", "demain matin"), periods
  ("la semaine dernière", "le mois dernier", "l'an dernier"), durations back or ahead
  ("il y a trois jours"), written dates ("le 24 février", "le 1er janvier 2023",
  "24/02/2022"), months ("en mars", "en décembre dernier") and years ("en 2019");
* **numbers** with what they count: digits with thousands separators ("3 392 militaires"),
  numbers in words ("vingt-trois", "sept drones"), scale words ("1,2 milliard d'euros"),
  currencies and percentages ("15 %" → 15, "percent").

Resolution rules (``published`` is the anchor; without it every relative value is None):

* a weekday is the published day itself when they match, else the most recent past one
  (the press mostly reports the past); "prochain" looks forward, "dernier" strictly back;
* a day and month without a year is the most recent occurrence up to seven days after the
  publication date (so "le 1er janvier" in an article of 30 December is the coming one);
  "prochain"/"dernier" force the direction;
* a month alone is the current month or the most recent past one; "prochain"/"dernier"
  force the next/previous one;
* a week is a range: ``value`` its Monday, ``end`` its Sunday;
* after a word that looks ahead ("d'ici janvier", "d'ici vendredi", "d'ici le 15 mars") a
  weekday, a day and month or a month is the coming one, the current one included: "d'ici
  janvier" in an article of 2019-11-19 is 2020-01.

Not counts: parts of dates ("24 février", "2022"), times ("20h30", "à 20 heures"), ordinals
("1er", "premier", "2e"), vague quantities ("des centaines"), and "un"/"une" alone (the
indefinite article far more often than a count).

All words come from the language's claims data (``Language.claims``, e.g.
``guillemet.lang.fr.claims``); the patterns are built once per language and cached, and no
code here branches on the language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any

from guillemet.lang import Language, as_language
from guillemet.record import DateRef, NumberRef

__all__ = ["find_claims"]

_APOSTROPHES = "'’"
_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
#: How far a written day and month may lie after the publication date and still be this one.
_AHEAD_DAYS = 7
#: Four-digit numbers in this range may be years.
_YEAR_RANGE = (1800, 2100)


def _phrase(text: str) -> str:
    """A regex for a data phrase: any apostrophe, any run of spaces."""
    out = []
    for char in text:
        if char in _APOSTROPHES:
            out.append("['’]")
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _alt(phrases: Any) -> str:
    """An alternation of phrases, longest first so that the regex prefers the longest."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_phrase(p) for p in unique) + ")"


def _key(text: str) -> str:
    """The lookup form of matched text: lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("’", "'").split())


def _bounded(pattern: str) -> str:
    return rf"(?<![\w]){pattern}(?![\w])"


@dataclass(frozen=True)
class _Grammar:
    """Compiled patterns and lookup tables of one language."""

    data: ModuleType
    date_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    time_pattern: re.Pattern[str]
    number: re.Pattern[str]
    number_word: re.Pattern[str]
    scale: re.Pattern[str]
    unit: re.Pattern[str]
    of_word: re.Pattern[str]
    word: re.Pattern[str]
    year_prefix: re.Pattern[str]
    forward: re.Pattern[str] | None
    months: dict[str, int]
    weekdays: dict[str, int]
    directions: dict[str, int]
    parts: dict[str, str]
    relative_days: dict[str, int]
    periods: dict[str, tuple[str, int]]
    ago: dict[str, int]
    durations: dict[str, str]
    units: dict[str, tuple[float, str]]
    symbols: frozenset[str]  # one-character units that may come before the number ("$300")
    scales: dict[str, float]
    number_words: dict[str, int]
    hundreds: dict[str, int]
    thousands: dict[str, int]
    not_alone: frozenset[str]
    not_units: frozenset[str]
    skipped: frozenset[str]
    first_day: frozenset[str]


def _build(data: ModuleType) -> _Grammar:
    """Compile one language's data module into a grammar."""
    flags = re.IGNORECASE
    months = {_key(k): v for k, v in data.MONTHS.items()}
    weekdays = {_key(k): v for k, v in data.WEEKDAYS.items()}
    directions = {_key(k): v for k, v in data.DIRECTIONS.items()}
    parts = {_key(k): v for k, v in data.PARTS_OF_DAY.items()}
    number_words = {_key(k): v for k, v in data.NUMBER_WORDS.items()}
    hundreds = {_key(k): v for k, v in data.HUNDRED_WORDS.items()}
    thousands = {_key(k): v for k, v in data.THOUSAND_WORDS.items()}

    month = _alt(months)
    weekday = _alt(weekdays)
    direction = _alt(directions)
    part = rf"(?:{_alt(data.PART_CONNECTORS)}\s+)?(?P<part>{_alt(parts)})"
    day = rf"(?P<day>\d{{1,2}}|{_alt(data.FIRST_DAY_WORDS)})"
    year = r"(?P<year>\d{4})(?!\d)"
    word_alt = _alt([*number_words, *hundreds, *thousands])
    one_word = rf"{word_alt}(?![\w])"
    sep = rf"(?:\s+|-)(?:{_phrase(data.AND_WORD)}(?:\s+|-)(?={_alt(data.AND_BEFORE)}(?![\w])))?"
    words = rf"(?<![\w-]){one_word}(?:{sep}{one_word})*(?![\w-])"

    if data.DAY_MONTH_ORDER == "dm":
        day_month = rf"{day}\s+(?P<month>{month})"
        numeric = r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})"
    else:
        day_month = rf"(?P<month>{month})\s+{day}"
        numeric = r"(?P<m>\d{1,2})[/.](?P<d>\d{1,2})[/.](?P<y>\d{4})"
    date_patterns = (
        ("numeric", numeric),
        ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
        ("day_month", rf"(?:(?P<weekday>{weekday})\s+)?{day_month}"
                      rf"(?:,?\s+{year})?(?:\s+(?P<dir>{direction}))?"),
        ("month", rf"(?P<month>{_alt(k for k in months if not k.endswith('.'))})"
                  rf"(?:\s+{year})?(?:\s+(?P<dir>{direction}))?"),
        ("weekday", rf"(?:(?P<dir0>{direction})\s+)?(?P<weekday>{weekday})"
                    rf"(?:\s+(?P<dir>{direction}))?(?:\s+{part})?"),
        ("relative_day", rf"(?P<rel>{_alt(data.RELATIVE_DAYS)})(?:\s+{part})?"),
        ("this_part", rf"{_alt(data.THIS_WORDS)}\s+(?P<part>{_alt(parts)})"),
        ("period", rf"(?P<period>{_alt(data.RELATIVE_PERIODS)})"),
        ("ago", rf"(?P<ago>{_alt(data.AGO_WORDS)})\s+(?P<count>\d+|{words})"
                rf"\s+(?P<unit>{_alt(data.DURATION_UNITS)})"),
    )
    if getattr(data, "AGO_AFTER_WORDS", None):  # "three days ago": the direction word last
        date_patterns += (("ago", rf"(?P<count>\d+|{words})\s+(?P<unit>{_alt(data.DURATION_UNITS)})"
                                  rf"\s+(?P<ago>{_alt(data.AGO_AFTER_WORDS)})"),)
    compiled = tuple((kind, re.compile(_bounded(p), flags)) for kind, p in date_patterns)

    seps = re.escape(data.THOUSANDS_SEPARATORS)
    marks = re.escape(data.DECIMAL_MARKS)
    digits = (rf"\d{{1,3}}(?:[{seps}]\d{{3}})+(?![\d])(?:[{marks}]\d+)?"
              rf"|\d+(?:[{marks}]\d+)?")
    number = rf"(?<![\w.,/:-])(?:(?P<digits>{digits})|(?P<words>{words}))"

    units = {_key(k): (1.0, v) for k, v in data.UNITS.items()}
    units.update({_key(k): v for k, v in data.SCALED_UNITS.items()})
    unit = rf"(?:{_alt(units)})(?![\w])"
    of_words = [_phrase(w) + (r"\s*" if w[-1] in _APOSTROPHES else r"\s+") for w in data.OF_WORDS]
    return _Grammar(
        data=data,
        date_patterns=compiled,
        time_pattern=re.compile("|".join(data.TIME_PATTERNS), flags),
        number=re.compile(number, flags),
        number_word=re.compile(one_word, flags),
        scale=re.compile(rf"\s+(?:{_alt(data.SCALES)})(?![\w])", flags),
        unit=re.compile(rf"\s*{unit}", flags),
        of_word=re.compile(rf"\s+(?:{'|'.join(of_words)})", flags),
        word=re.compile(rf"\s*({_WORD})"),
        year_prefix=re.compile(rf"(?<![\w]){_alt(data.YEAR_PREFIXES)}\s+\Z", flags),
        forward=(re.compile(rf"(?<![\w]){_alt(data.FORWARD_WORDS)}(?:\s+|-)\Z", flags)
                 if getattr(data, "FORWARD_WORDS", ()) else None),
        months=months,
        weekdays=weekdays,
        directions=directions,
        parts=parts,
        relative_days={_key(k): v for k, v in data.RELATIVE_DAYS.items()},
        periods={_key(k): v for k, v in data.RELATIVE_PERIODS.items()},
        ago={_key(k): v for k, v in {**data.AGO_WORDS, **getattr(data, "AGO_AFTER_WORDS", {})}.items()},
        durations={_key(k): v for k, v in data.DURATION_UNITS.items()},
        units=units,
        symbols=frozenset(u for u in units if len(u) == 1 and not u.isalnum() and u != "%"),
        scales={_key(k): v for k, v in data.SCALES.items()},
        number_words=number_words,
        hundreds=hundreds,
        thousands=thousands,
        not_alone=frozenset(_key(w) for w in data.NOT_ALONE),
        not_units=frozenset(_key(w) for w in data.NOT_UNITS),
        skipped=frozenset(_key(w) for w in data.SKIPPED_ADJECTIVES),
        first_day=frozenset(_key(w) for w in data.FIRST_DAY_WORDS),
    )


@lru_cache(maxsize=None)
def _grammar(lang: Language) -> _Grammar:
    if lang.claims is None:
        raise ValueError(f"Language {lang.code!r} has no claims data: give its Language a "
                         "claims module (see guillemet.lang.fr.claims).")
    return _build(lang.claims)


def _published_date(published: Any) -> dt.date | None:
    """The publication day, or None when absent or unreadable (batch work never stops on it)."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


# --- numbers -------------------------------------------------------------------------------


def _words_value(g: _Grammar, text: str) -> tuple[float, int] | None:
    """The value of a number in words and the length of its valid prefix, or None.

    Stops at the first word that cannot continue a well-formed number ("deux trois" → 2).
    """
    total = current = 0
    last_additive = 10**9
    end = 0
    used = 0
    for m in g.number_word.finditer(text):
        w = _key(m.group())
        if w in g.number_words:
            v = g.number_words[w]
            if v >= last_additive:
                break
            current += v
            last_additive = v
        elif w in g.hundreds:
            if current >= 100:
                break
            current = (current or 1) * g.hundreds[w]
            last_additive = 100
        else:
            if total:
                break
            total = (current or 1) * g.thousands[w]
            current = 0
            last_additive = 1000
        end = m.end()
        used += 1
    if not used:
        return None
    return float(total + current), end


def _digits_value(g: _Grammar, text: str) -> float:
    seps = g.data.THOUSANDS_SEPARATORS
    marks = g.data.DECIMAL_MARKS
    m = re.fullmatch(rf"(\d{{1,3}}(?:[{re.escape(seps)}]\d{{3}})+)(?:[{re.escape(marks)}](\d+))?",
                     text)
    if m:
        whole = re.sub(r"\D", "", m.group(1))
        return float(whole + ("." + m.group(2) if m.group(2) else ""))
    return float(re.sub(f"[{re.escape(marks)}]", ".", text))


def _unit_after(g: _Grammar, text: str, pos: int, scaled: bool) -> tuple[str | None, float, int]:
    """The unit after ``pos``: (unit, extra scale, end of the unit) or (None, 1, pos).

    A normalised unit ("%", "euros") comes first; after a scale word a linking "de"/"d'" may
    come before it ("1,2 milliard d'euros"); otherwise the next noun, past skipped
    adjectives ("15 000 autres personnes").
    """
    start = pos
    if scaled:
        of = g.of_word.match(text, pos)
        if of:
            start = of.end()
    for at in dict.fromkeys((pos, start)):
        m = g.unit.match(text, at)
        if m:
            scale, unit = g.units[_key(m.group().strip())]
            return unit, scale, m.end()
    for _ in range(3):
        m = g.word.match(text, start)
        if not m:
            break
        w = _key(m.group(1))
        if w in g.skipped:
            start = m.end()
            continue
        if w in g.not_units or w in g.number_words or w in g.months:
            break
        return m.group(1).lower(), 1.0, m.end()
    return None, 1.0, pos


def _glued_ok(g: _Grammar, text: str, end: int) -> bool:
    """Digits glued to letters are a count only when the letters are a unit ("15%", "3M€")."""
    if end >= len(text) or not (text[end].isalpha() or text[end] in "%€$£"):
        return True
    m = g.unit.match(text, end)
    return bool(m) and m.start() == end and not m.group()[:1].isspace()


# --- dates ---------------------------------------------------------------------------------


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _month_str(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _infer_day(pub: dt.date, month: int, day: int, direction: int) -> dt.date | None:
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if direction > 0:
        ahead = [c for c in candidates if c >= pub]
        return min(ahead) if ahead else None
    limit = pub if direction < 0 else pub + dt.timedelta(days=_AHEAD_DAYS)
    past = [c for c in candidates if c <= limit]
    return max(past) if past else None


def _infer_month(pub: dt.date, month: int, direction: int, ahead: bool = False) -> str:
    now = (pub.year, pub.month)
    candidates = [(y, month) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if ahead:
        return _month_str(*min(c for c in candidates if c >= now))
    if direction > 0:
        return _month_str(*min(c for c in candidates if c > now))
    if direction < 0:
        return _month_str(*max(c for c in candidates if c < now))
    return _month_str(*max(c for c in candidates if c <= now))


def _weekday_date(pub: dt.date, weekday: int, direction: int, ahead: bool = False) -> dt.date:
    if ahead:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
    if direction > 0:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - weekday) % 7
    if direction < 0 and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def _count(g: _Grammar, text: str) -> int | None:
    if text.isdigit():
        return int(text)
    parsed = _words_value(g, text)
    return int(parsed[0]) if parsed and parsed[1] == len(text) else None


def _resolve(g: _Grammar, kind: str, m: re.Match[str], pub: dt.date | None, ahead: bool = False
             ) -> tuple[str | None, str | None, str | None] | None:
    """(value, end, part) of a date match; None when the match is not a date after all.

    ``ahead``: a word looking ahead comes before the match ("d'ici"); a written direction
    ("dernier", "prochain") still wins over it.
    """
    groups = m.groupdict()
    part = g.parts.get(_key(groups["part"])) if groups.get("part") else None
    direction = 0
    for name in ("dir0", "dir"):
        if groups.get(name):
            direction = g.directions[_key(groups[name])]
    ahead = ahead and direction == 0

    if kind in ("numeric", "iso"):
        try:
            return _iso(dt.date(int(groups["y"]), int(groups["m"]), int(groups["d"]))), None, None
        except ValueError:
            return None
    if kind == "day_month":
        month = g.months[_key(groups["month"])]
        raw = _key(groups["day"])
        day = 1 if raw in g.first_day else int(raw)
        if not 1 <= day <= 31:
            return None
        if groups.get("year"):
            try:
                return _iso(dt.date(int(groups["year"]), month, day)), None, None
            except ValueError:
                return None, None, None
        found = _infer_day(pub, month, day, 1 if ahead else direction) if pub else None
        return (_iso(found) if found else None), None, None
    if kind == "month":
        written = groups["month"]
        capitalised = getattr(g.data, "MONTHS_CAPITALISED", False)
        if not (groups.get("year") or groups.get("dir")) and (
                not written[:1].isupper() if capitalised else written != written.lower()):
            return None  # "Mars" the planet, "may" the verb: a month alone is written as the language writes months
        month = g.months[_key(written)]
        if groups.get("year"):
            return _month_str(int(groups["year"]), month), None, None
        return (_infer_month(pub, month, direction, ahead) if pub else None), None, None
    if pub is None:
        return None, None, part
    if kind == "weekday":
        day = _weekday_date(pub, g.weekdays[_key(groups["weekday"])], direction, ahead)
        return _iso(day), None, part
    if kind == "relative_day":
        return _iso(pub + dt.timedelta(days=g.relative_days[_key(groups["rel"])])), None, part
    if kind == "this_part":
        return _iso(pub), None, part
    if kind == "period":
        unit, offset = g.periods[_key(groups["period"])]
        return _period(pub, unit, offset)
    if kind == "ago":
        n = _count(g, groups["count"])
        if n is None:
            return None
        unit = g.durations[_key(groups["unit"])]
        offset = g.ago[_key(groups["ago"])] * n
        if unit == "day":
            return _iso(pub + dt.timedelta(days=offset)), None, None
        if unit == "week":
            return _iso(pub + dt.timedelta(days=7 * offset)), None, None
        if unit == "month":
            return _month_str(*_shift_month(pub.year, pub.month, offset)), None, None
        return f"{pub.year + offset:04d}", None, None
    return None


def _period(pub: dt.date, unit: str, offset: int) -> tuple[str, str | None, None]:
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=offset)
        return _iso(monday), _iso(monday + dt.timedelta(days=6)), None
    if unit == "month":
        return _month_str(*_shift_month(pub.year, pub.month, offset)), None, None
    return f"{pub.year + offset:04d}", None, None


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


# --- entry point ---------------------------------------------------------------------------


def find_claims(text: str, span: tuple[int, int], published: str | None,
                lang: Language | str | None = None) -> tuple[list[DateRef], list[NumberRef]]:
    """Find the dates and numbers inside one stretch of an article.

    Args:
        text: The whole article text; offsets returned point into it.
        span: (start, end) of the stretch to scan, usually a quote's content; clamped to
            the text.
        published: The article's publication date or datetime, ISO ("2022-12-30",
            "2022-12-30T08:15:00+01:00"); None or unreadable leaves relative dates
            unresolved (``value`` None) while absolute ones still resolve.
        lang: The language whose claims data is read (the pipeline passes its Language; a
            code is looked up); None for French.

    Returns:
        (dates, numbers), each sorted by position, with absolute spans inside ``span`` and
        ``ref.text == text[ref.span[0]:ref.span[1]]``.

    Raises:
        UnsupportedLanguage: ``lang`` is a code guillemet has no package for.
    """
    g = _grammar(as_language(lang))
    start = max(0, min(span[0], len(text)))
    end = max(start, min(span[1], len(text)))
    sub = text[start:end]
    pub = _published_date(published)

    candidates = []
    for kind, pattern in g.date_patterns:
        for m in pattern.finditer(sub):
            candidates.append((m.start(), -(m.end() - m.start()), kind, m))
    candidates.sort(key=lambda c: (c[0], c[1]))
    dates: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for _, _, kind, m in candidates:
        local = (m.start(), m.end())
        if _overlaps(local, taken):
            continue
        ahead = g.forward is not None and bool(g.forward.search(sub, max(0, m.start() - 30), m.start()))
        try:
            resolved = _resolve(g, kind, m, pub, ahead)
        except (ValueError, OverflowError):
            resolved = (None, None, None)
        if resolved is None:
            continue
        taken.append(local)
        value, until, part = resolved
        dates.append(DateRef(span=(start + local[0], start + local[1]), text=m.group(),
                             value=value, end=until, part=part))

    masked = taken + [(m.start(), m.end()) for m in g.time_pattern.finditer(sub)]
    numbers: list[NumberRef] = []
    consumed = 0
    for m in g.number.finditer(sub):
        if m.start() < consumed or _overlaps((m.start(), m.end()), masked):
            continue
        number_end = m.end()
        if m.group("digits"):
            if not _glued_ok(g, sub, number_end):
                continue
            value = _digits_value(g, m.group("digits"))
        else:
            parsed = _words_value(g, m.group("words"))
            if parsed is None:
                continue
            value, length = parsed
            number_end = m.start() + length
        scale = g.scale.match(sub, number_end)
        if scale:
            value *= g.scales[_key(scale.group())]
            number_end = scale.end()
        elif m.group("words") and _key(sub[m.start():number_end]) in g.not_alone:
            continue
        unit, unit_scale, unit_end = _unit_after(g, sub, number_end, scaled=bool(scale))
        value *= unit_scale
        begin = m.start()
        if unit is None and begin and sub[begin - 1] in g.symbols:  # "$300", "£2 million"
            begin -= 1
            unit = g.units[sub[begin]][1]
        digits = m.group("digits") or ""
        if (digits.isdigit() and len(digits) == 4 and not scale and begin == m.start()
                and _YEAR_RANGE[0] <= value <= _YEAR_RANGE[1]
                and (unit is None or g.year_prefix.search(sub, max(0, m.start() - 24), m.start())
                     or not sub[number_end:unit_end].strip()[:1].islower())):
            local = (m.start(), m.end())
            dates.append(DateRef(span=(start + local[0], start + local[1]), text=digits,
                                 value=digits))
            consumed = m.end()
            continue
        final_end = unit_end if unit else number_end
        consumed = final_end
        numbers.append(NumberRef(span=(start + begin, start + final_end),
                                 text=sub[begin:final_end], value=value, unit=unit))
    dates.sort(key=lambda d: d.span)
    return dates, numbers
