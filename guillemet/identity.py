"""Who a speaker is across articles: normalised names, stable ids, aliases, speaker types.

* :func:`normalise_name` turns a name into a slug: titles and roles in front dropped
  ("M.", "Mme", "le président"), a leading article dropped when it is not part of the name
  ("le Kremlin" → "kremlin", but "Le Pen" and "Le Monde" keep theirs), accents and
  punctuation folded: "M. Vladimir Poutine" → "vladimir-poutine".
* :func:`speaker_id` is ``"<type>:<slug>"`` ("person:vladimir-poutine").
* :class:`AliasTable` is a user's CSV of ``alias,canonical name[,Wikidata id]`` rows.
* :func:`merge_names` gives one id to the names of one speaker across articles, from the
  set of names known; :class:`SpeakerRegistry` is the same in memory. Which names take part
  at all (no "la même source", no bare given name) is :mod:`guillemet.speakers`.
* :func:`guess_speaker_type` says whether a name or description is a person, an
  organisation, a medium, a document or a group, from the language's word lists.

How a name's id is decided (the rule, in order):

1. **The alias table first.** A name whose slug is an alias (or a canonical name) in the
   table gets the table's canonical name and Wikidata id. A row pins its alias: that is how
   a user *merges* ("Poutine,Vladimir Poutine") and *splits* ("Le Pen,Jean-Marie Le Pen"
   sends the bare surname to the father, "Macron,Macron" keeps the bare surname apart).
2. **A short person name joins the one longer name it ends.** A person name whose words are
   the last words of known longer person names ("Poutine" ← "Vladimir Poutine", "Le Pen" ←
   "Marine Le Pen", "V. Poutine" with a matching initial) takes that name's id when all such
   names lead to the *same* speaker. Two different candidates ("Brigitte Macron" and
   "Emmanuel Macron") are a contradiction: the short name keeps its own id ("person:macron").
   A surname after a title that tells a profession ("Me Philippe", "Dr Martin") never joins:
   the lawyer Philippe is not the Prime Minister.
3. **Otherwise** the id is the name's own slug and type.

Types never merge: "organisation:wagner" and "person:wagner" stay two speakers. The display
name of an id is the name it was made from — the most complete — in the spelling most
articles use (then the one with its accents).

The decision is a function of the *set* of names and of the alias table, never of the order
they were seen, and it only compares names of one type that end with the same word
(:func:`group_of`): a store that adds articles recomputes the groups they touch and gets
exactly the ids of a store built in one go.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Iterable, Mapping

from guillemet.errors import InputError, UnreadableFile
from guillemet.lang import Language, as_language
from guillemet.record import SPEAKER_TYPES, Article, Speaker

__all__ = [
    "Alias",
    "AliasTable",
    "Assigned",
    "SpeakerRegistry",
    "group_of",
    "merge_names",
    "guess_speaker_type",
    "normalise_name",
    "speaker_id",
]

_WIKIDATA = re.compile(r"[Qq][1-9]\d*")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,6}")


# --- language data -------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions stay comparable)."""
    return "".join(unicodedata.normalize("NFKD", c)[:1] for c in text.lower())


def _words_regex(words: Iterable[str], fold: bool) -> re.Pattern[str] | None:
    items = sorted({_fold(w) if fold else w for w in words}, key=lambda w: (-len(w), w))
    if not items:
        return None
    alternation = "|".join(re.escape(w).replace("'", "['’]") for w in items)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


@dataclass(frozen=True)
class _TypeData:
    data: ModuleType
    prefixes: re.Pattern[str]
    articles: re.Pattern[str]
    titles: re.Pattern[str]
    categories: tuple[tuple[str, re.Pattern[str], bool], ...]
    group_start: re.Pattern[str]
    particles: frozenset[str]
    company_suffixes: frozenset[str]
    media_names: frozenset[str]
    distinctive: re.Pattern[str]


@lru_cache(maxsize=None)
def _type_data(lang: Language) -> _TypeData:
    data = lang.speaker_types
    if data is None:
        raise ValueError(f"Language {lang.code!r} has no speaker_types data: give its Language "
                         "one (see guillemet.lang.fr.speaker_types).")

    def start(words: Iterable[str]) -> re.Pattern[str]:
        items = sorted(set(words), key=lambda w: (-len(w), w))
        alternation = "|".join(
            re.escape(w).replace("'", "['’]") + (r"\s*" if w.endswith("'") else r"\.?(?:\s+|$)")
            for w in items
        )
        return re.compile(rf"^(?:{alternation})", re.IGNORECASE)

    categories = []
    # order breaks ties between equally long matches at one position
    for kind, words, names in (
        ("document", data.DOCUMENT_WORDS, ()),
        ("media", data.MEDIA_WORDS, data.MEDIA_NAMES),
        ("organisation", data.ORGANISATION_WORDS, data.ORGANISATION_NAMES),
        ("group", data.GROUP_WORDS, ()),
        ("person", data.PERSON_WORDS, ()),
    ):
        categories.append((kind, _words_regex(words, fold=True), True))
        if names:
            categories.append((kind, _words_regex(names, fold=False), False))
    return _TypeData(
        data=data,
        prefixes=start(data.NAME_PREFIXES),
        articles=start(data.ARTICLES),
        titles=start(data.PERSON_TITLES),
        categories=tuple(categories),
        group_start=start(data.GROUP_DETERMINERS),
        particles=frozenset(_fold(p) for p in data.NAME_PARTICLES),
        company_suffixes=frozenset(data.COMPANY_SUFFIXES),
        media_names=frozenset(data.MEDIA_NAMES),
        distinctive=start(getattr(data, "DISTINCTIVE_TITLES", ())),
    )


# --- names and ids -------------------------------------------------------------------------


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).replace("’", "'").replace("\u00ad", "").split())


@lru_cache(maxsize=262144)
def _strip_front(name: str, lang: Language) -> str:
    """The name without titles, roles and a leading article that is not part of it.

    A title that tells a profession ("Me", "Dr", "Mgr") stays before a lone surname: "Me
    Philippe" is a lawyer, not "Édouard Philippe", and keeps its own id.
    """
    td = _type_data(lang)
    text = _clean(name)
    while True:
        for pattern in (td.prefixes, td.articles):
            m = pattern.match(text)
            # "Le Pen", "Le Monde": a capitalised article before a capitalised word is the name's
            if (m and pattern is td.articles and text[:1].isupper()
                    and text[m.end():m.end() + 1].isupper()):
                m = None
            if m and pattern is td.prefixes and len(text[m.end():].split()) == 1 \
                    and td.distinctive.match(text):
                return text
            if m and text[m.end():].strip():
                text = text[m.end():].strip()
                break
        else:
            return text


@lru_cache(maxsize=262144)
def _display(name: str, lang: Language) -> str:
    """The name as shown: titles dropped ("M. Vladimir Poutine" → "Vladimir Poutine"), and the
    article of a description kept, in lower case ("La police" → "la police")."""
    text = _clean(name)
    core = _strip_front(text, lang)
    if not core[:1].islower() or not text.endswith(core):
        return core
    before = text[:len(text) - len(core)].rstrip()
    last = re.split(r"(?<=['\s])", before)[-1].strip() if before else ""
    if last and _type_data(lang).articles.fullmatch(last.lower()) or last.lower() in ("l'", "l’"):
        return last.lower() + ("" if last.endswith(("'", "’")) else " ") + core
    return core


def _slug(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                     if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "-", folded.replace("œ", "oe").replace("æ", "ae")).strip("-")


@lru_cache(maxsize=262144)
def _tokens(name: str, lang: Language) -> tuple[str, ...]:
    """The slugs of the name's words, titles and leading article dropped."""
    return tuple(t for t in (_slug(w) for w in _strip_front(name, lang).split()) if t)


def normalise_name(name: str, lang: Language | str | None = None) -> str:
    """A name as a slug: lower case, no accents, no titles, no leading article.

    Args:
        name: A speaker's name or description ("M. Vladimir Poutine", "le Kremlin").
        lang: Language whose titles and articles are dropped (or its code; None: French).

    Returns:
        Words joined by hyphens ("vladimir-poutine", "kremlin"); "" when the name has no
        letter or digit.

    Raises:
        UnsupportedLanguage: ``lang`` is a code guillemet has no package for.
    """
    return "-".join(_tokens(name, as_language(lang)))


def speaker_id(name: str, type: str = "person", lang: Language | str | None = None) -> str:
    """A speaker's id across articles: its type and normalised name.

    Args:
        name: The speaker's (canonical) name.
        type: One of ``SPEAKER_TYPES``.
        lang: Language of the name (or its code; None: French).

    Returns:
        ``"<type>:<slug>"``, e.g. ``"person:vladimir-poutine"``.

    Raises:
        ValueError: ``type`` is not a speaker type, or the name has no letter or digit.
    """
    if type not in SPEAKER_TYPES:
        raise ValueError(f"Unknown speaker type {type!r}: use one of {', '.join(SPEAKER_TYPES)}.")
    slug = normalise_name(name, lang)
    if not slug:
        raise ValueError(f"Cannot make a speaker id from {name!r}: it has no letter or digit; "
                         "pass the speaker's name.")
    return f"{type}:{slug}"


# --- alias table ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alias:
    """Where an alias leads: the canonical name and its Wikidata id, if known."""

    canonical: str
    wikidata: str | None = None


class AliasTable:
    """A user's table of aliases: merges names into one speaker, or keeps them apart.

    Each entry maps an alias to a canonical name and an optional Wikidata id; lookups are by
    normalised name, so "M. Poutine" finds the row of "Poutine". A canonical name also finds
    itself, with its Wikidata id.

    Args:
        rows: (alias, canonical name, Wikidata id or None) triples.
        lang: Language of the names.

    Raises:
        InputError: A row is empty, or an alias leads to two different canonical names.
    """

    def __init__(self, rows: Iterable[tuple[str, str, str | None]] = (),
                 lang: Language | str | None = None) -> None:
        self.lang = as_language(lang)
        self._entries: dict[str, Alias] = {}
        self._origin: dict[str, str] = {}
        for number, (alias, canonical, wikidata) in enumerate(rows, 1):
            self._add(alias, canonical, wikidata, f"row {number}")

    def _add(self, alias: str, canonical: str, wikidata: str | None, where: str) -> None:
        alias_key = normalise_name(alias, self.lang)
        canonical_name = _clean(canonical)
        if not alias_key or not normalise_name(canonical_name, self.lang):
            raise InputError(f"Alias table, {where}: the alias and the canonical name must both "
                             "contain letters; write `alias,canonical name[,Wikidata id]`.")
        if wikidata is not None and not _WIKIDATA.fullmatch(wikidata):
            raise InputError(f"Alias table, {where}: {wikidata!r} is not a Wikidata id; write "
                             "one like Q7747 or leave the third column empty.")
        entry = Alias(canonical_name, wikidata.upper() if wikidata else None)
        canonical_key = normalise_name(canonical_name, self.lang)
        for key, new in ((alias_key, entry), (canonical_key, entry)):
            old = self._entries.get(key)
            if old is None:
                self._entries[key], self._origin[key] = new, where
            elif normalise_name(old.canonical, self.lang) != canonical_key:
                if key == canonical_key and key != alias_key:
                    continue  # a canonical name that is itself an alias: the alias row rules
                raise InputError(f"Alias table, {where}: {alias!r} already leads to "
                                 f"{old.canonical!r} ({self._origin[key]}); keep one row.")
            elif new.wikidata and not old.wikidata:
                self._entries[key] = Alias(old.canonical, new.wikidata)

    @classmethod
    def from_csv(cls, path: str | Path, lang: Language | str | None = None) -> AliasTable:
        """Load a CSV of ``alias,canonical name[,Wikidata id]`` rows.

        A first row starting with "alias" is a header; blank lines and lines starting with
        "#" are skipped.

        Args:
            path: The CSV file (UTF-8).
            lang: Language of the names.

        Returns:
            The table.

        Raises:
            UnreadableFile: The file is missing or unreadable.
            InputError: A row is malformed; the message names its line.
        """
        path = Path(path)
        table = cls(lang=lang)
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                first = True
                for cells in reader:
                    line = reader.line_num
                    cells = [c.strip() for c in cells]
                    if not any(cells) or cells[0].startswith("#"):
                        continue
                    if first and cells[0].lower() == "alias":
                        first = False
                        continue
                    first = False
                    while cells and not cells[-1]:
                        cells.pop()
                    if not 2 <= len(cells) <= 3:
                        raise InputError(
                            f"{path}, line {line}: expected 2 or 3 columns, found {len(cells)}; "
                            "write `alias,canonical name[,Wikidata id]`.")
                    table._add(cells[0], cells[1], cells[2] if len(cells) == 3 else None,
                               f"{path}, line {line}")
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise UnreadableFile(f"Cannot read the alias table {path}: {exc}. Check the path and "
                                 "that it is a UTF-8 CSV.") from exc
        return table

    def lookup(self, name: str) -> Alias | None:
        """The entry for a name, following chains ("Poutine" → "V. Poutine" → ...).

        Args:
            name: Any spelling of a name.

        Returns:
            The canonical name and Wikidata id, or None when the table does not know the name.
        """
        key = normalise_name(name, self.lang)
        found = None
        seen = set()
        while key in self._entries and key not in seen:
            seen.add(key)
            found = self._entries[key]
            key = normalise_name(found.canonical, self.lang)
        return found

    def __contains__(self, name: str) -> bool:
        return normalise_name(name, self.lang) in self._entries

    def digest(self) -> str:
        """A short hash of the table's entries: it changes when the table says something else."""
        h = hashlib.sha1()
        for key in sorted(self._entries):
            entry = self._entries[key]
            h.update(f"{key}\x1f{entry.canonical}\x1f{entry.wikidata or ''}\x1e".encode("utf-8"))
        return h.hexdigest()[:16]

    def __len__(self) -> int:
        return len(self._entries)


# --- registry ------------------------------------------------------------------------------


def _ends_with(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """True when ``shorter`` is a less complete form of ``longer``, by its last words.

    Leading one-letter words of ``shorter`` are initials: "v poutine" ends "vladimir poutine".
    Always a strict step: ``longer`` has more words, or as many with initials spelled out.
    """
    if not shorter or shorter == longer:
        return False
    initials = 0
    while initials < len(shorter) - 1 and len(shorter[initials]) == 1:
        initials += 1
    rest = shorter[initials:]
    if len(rest) >= len(longer) or longer[len(longer) - len(rest):] != rest:
        return False
    head = longer[:len(longer) - len(rest)]
    if initials > len(head):
        return False
    return all(head[i].startswith(shorter[i]) for i in range(initials))


def _accents(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Assigned:
    """Where a name leads across articles: the speaker id, its display name, its Wikidata id."""

    id: str
    name: str
    wikidata: str | None = None


def group_of(name: str, type: str = "person", lang: Language | str | None = None) -> str | None:
    """The names a name can merge with share its type and last word: ``"person:poutine"``.

    :func:`merge_names` over one group never needs a name of another group, so a store
    recomputes only the groups a new article touches. None when the name has no word.
    """
    tokens = _tokens(name, as_language(lang))
    return f"{type}:{tokens[-1]}" if tokens else None


def _rest(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens after leading initials: ("v", "poutine") → ("poutine",)."""
    initials = 0
    while initials < len(tokens) - 1 and len(tokens[initials]) == 1:
        initials += 1
    return tokens[initials:]


def merge_names(names: Mapping[str, int] | Iterable[str], type: str = "person",
                aliases: AliasTable | None = None, lang: Language | str | None = None,
                changed: Iterable[str] | None = None) -> dict[str, Assigned]:
    """The speaker each name stands for, given every name known (rules: module docstring).

    A pure function of the *set* of names (and of how often each is written, which only picks
    the display spelling) and of the alias table: the same names in any order, in any
    batches, give the same ids.

    Args:
        names: Names of one type as articles write them, with how many articles write each
            (or just the names). Names of other groups are ignored by the rules, so passing
            one group (:func:`group_of`) is enough.
        type: Their speaker type.
        aliases: The user's alias table, if any.
        lang: Language of the names (or its code; None: French).
        changed: Names added, removed or counted anew since the ids were last given: only the
            names whose id or display name they can change are answered (a name itself, and
            the shorter names it ends: "Vladimir Poutine" changes "Poutine" and "V. Poutine",
            never a longer name), so a big group costs little per batch.

    Returns:
        ``{name: Assigned}`` for every name with at least one word (with ``changed``: every
        name it can change).
    """
    lang = as_language(lang)
    counts = dict(names) if isinstance(names, Mapping) else {n: 1 for n in names}
    spellings: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    # longer names under each of their proper endings: "vladimir poutine" under ("poutine",)
    by_ending: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for name, n in counts.items():
        tokens = _tokens(name, lang)
        if tokens:
            if tokens not in spellings:
                for j in range(1, len(tokens)):
                    by_ending.setdefault(tokens[j:], set()).add(tokens)
            spellings.setdefault(tokens, []).append((name, n))
    td = _type_data(lang)

    def display(tokens: tuple[str, ...]) -> str:
        # the spelling most articles use, then the one with its accents, then capitalised
        counted: dict[str, int] = {}
        for name, n in spellings[tokens]:
            written = _display(name, lang)
            counted[written] = counted.get(written, 0) + n
        return min(counted, key=lambda w: (-counted[w], -_accents(w), not w[:1].isupper(), w))

    memo: dict[tuple[str, ...], tuple[str, str | None]] = {}

    def target(tokens: tuple[str, ...]) -> tuple[str, str | None]:
        """(canonical name, Wikidata id); recursion always moves to a strictly longer name."""
        if tokens in memo:
            return memo[tokens]
        written = display(tokens)
        found: tuple[str, str | None] = (written, None)
        entry = aliases.lookup(written) if aliases is not None else None
        if entry is not None:
            found = (entry.canonical, entry.wikidata)
        elif type == "person" and not td.distinctive.match(written):
            targets: dict[str, tuple[str, str | None]] = {}
            for longer in sorted(by_ending.get(_rest(tokens), ())):
                # "Me Philippe" is no fuller name of "Philippe": the title is no given name
                if _ends_with(longer, tokens) and not td.distinctive.match(display(longer)):
                    t = target(longer)
                    targets[normalise_name(t[0], lang)] = t
            if len(targets) == 1:
                found = next(iter(targets.values()))
        memo[tokens] = found
        return found

    wanted: Iterable[tuple[str, ...]] = spellings
    if changed is not None:
        by_rest: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for tokens in spellings:
            by_rest.setdefault(_rest(tokens), set()).add(tokens)
        touched: set[tuple[str, ...]] = set()
        for name in changed:
            tokens = _tokens(name, lang)
            touched.add(tokens)
            for j in range(0, len(tokens)):  # it and every name ending it, initials or not
                touched |= by_rest.get(tokens[j:], set())
        wanted = [t for t in spellings if t in touched]
    out: dict[str, Assigned] = {}
    for tokens in wanted:
        written = spellings[tokens]
        canonical, wikidata = target(tokens)
        assigned = Assigned(speaker_id(canonical, type, lang), canonical, wikidata)
        for name, _ in written:
            out[name] = assigned
    return out


class SpeakerRegistry:
    """Speaker ids for names seen in memory (rules: module docstring).

    Every id is recomputed from the set of names observed so far, so the result never
    depends on the order they came in. A store does the same from its stored names
    (:mod:`guillemet.store.identity`).

    Args:
        aliases: The user's alias table, if any.
        lang: Language of the names.
    """

    def __init__(self, aliases: AliasTable | None = None, lang: Language | str | None = None) -> None:
        self.aliases = aliases
        self.lang = as_language(lang)
        self._groups: dict[str, set[str]] = {}

    def observe(self, name: str, type: str = "person") -> None:
        """Make a name known, so that shorter names of the same speaker can join it."""
        group = group_of(name, type, self.lang)
        if group is not None:
            self._groups.setdefault(group, set()).add(_clean(name))

    def resolve(self, name: str, type: str = "person") -> Speaker:
        """The speaker a name stands for; the name is observed first.

        Returns:
            A :class:`~guillemet.record.Speaker` with the id, the canonical name, the type,
            the Wikidata id when the alias table has one, and ``aliases`` holding ``name``
            when it differs from the canonical name.

        Raises:
            ValueError: ``type`` is not a speaker type, or the name has no letter or digit.
        """
        if type not in SPEAKER_TYPES:
            raise ValueError(f"Unknown speaker type {type!r}: use one of {', '.join(SPEAKER_TYPES)}.")
        self.observe(name, type)
        group = group_of(name, type, self.lang)
        if group is None:
            raise ValueError(f"Cannot make a speaker id from {name!r}: it has no letter or digit; "
                             "pass the speaker's name.")
        found = merge_names(self._groups[group], type, self.aliases, self.lang)[_clean(name)]
        aliases = [] if _clean(name) == found.name else [_clean(name)]
        return Speaker(id=found.id, name=found.name, type=type, aliases=aliases, wikidata=found.wikidata)

    def speaker_id(self, name: str, type: str = "person") -> str:
        """The id of the speaker a name stands for (see :meth:`resolve`)."""
        return self.resolve(name, type).id


# --- speaker types -------------------------------------------------------------------------


def guess_speaker_type(name: str, lang: Language | str | None = None) -> str:
    """Guess what kind of source a name or description is, from the language's word lists.

    The leftmost listed word decides ("le rapport de l'ONU" → document, "le porte-parole du
    Kremlin" → person); a title before a name makes a person ("M. Macron"); a plural
    determiner a group ("les voisins"); an acronym or a company suffix an organisation
    ("CGT", "Acme SA"); two or more capitalised words a person ("Alena Verbitskaya").

    Args:
        name: A speaker's name or description.
        lang: Language whose ``speaker_types`` data is used (or its code; None: French).

    Returns:
        One of ``SPEAKER_TYPES``: "person", "organisation", "media", "document", "group",
        or "unknown" when nothing points anywhere (a bare surname: "Poutine").

    Raises:
        UnsupportedLanguage: ``lang`` is a code guillemet has no package for.
    """
    td = _type_data(as_language(lang))
    text = _clean(name)
    if not text:
        return "unknown"
    if td.titles.match(text) and text[td.titles.match(text).end():][:1].isupper():
        return "person"
    folded = _fold(text)
    best: tuple[int, int, int, str] | None = None
    for rank, (kind, pattern, fold) in enumerate(td.categories):
        if pattern is None:
            continue
        m = pattern.search(folded if fold else text)
        if m:
            key = (m.start(), -(m.end() - m.start()), rank, kind)
            best = key if best is None or key < best else best
    if best is not None:
        return best[3]
    if td.group_start.match(text):
        return "group"
    words = text.split()
    if words[-1] in td.company_suffixes and len(words) > 1:
        return "organisation"
    if len(words) == 1 and _ACRONYM.fullmatch(words[0]) and words[0] not in td.media_names:
        return "organisation"
    capitalised = [w for w in words if w[:1].isupper() and not any(c.isdigit() for c in w)]
    others = [w for w in words if w not in capitalised]
    if len(capitalised) >= 2 and all(_fold(w) in td.particles for w in others):
        return "person"
    return "unknown"
