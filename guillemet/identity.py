"""Who a speaker is across articles: normalised names, stable ids, aliases, speaker types.

* :func:`normalise_name` turns a name into a slug: titles and roles in front dropped
  ("M.", "Mme", "le président"), a leading article dropped when it is not part of the name
  ("le Kremlin" → "kremlin", but "Le Pen" and "Le Monde" keep theirs), accents and
  punctuation folded: "M. Vladimir Poutine" → "vladimir-poutine".
* :func:`speaker_id` is ``"<type>:<slug>"`` ("person:vladimir-poutine").
* :class:`AliasTable` is a user's CSV of ``alias,canonical name[,Wikidata id]`` rows.
* :class:`SpeakerRegistry` gives one id to the names of one speaker across the articles of
  a run or store.
* :func:`guess_speaker_type` says whether a name or description is a person, an
  organisation, a medium, a document or a group, from the language's word lists.

How the registry decides (the rule, in order):

1. **The alias table first.** A name whose slug is an alias (or a canonical name) in the
   table gets the table's canonical name and Wikidata id. A row pins its alias: that is how
   a user *merges* ("Poutine,Vladimir Poutine") and *splits* ("Le Pen,Jean-Marie Le Pen"
   sends the bare surname to the father, "Macron,Macron" keeps the bare surname apart).
2. **A short person name joins the one longer name it ends.** A person name whose words are
   the last words of known longer person names ("Poutine" ← "Vladimir Poutine", "Le Pen" ←
   "Marine Le Pen", "V. Poutine" with a matching initial) takes that name's id when all such
   names lead to the *same* speaker. Two different candidates ("Brigitte Macron" and
   "Emmanuel Macron") are a contradiction: the short name keeps its own id ("person:macron").
3. **Otherwise** the id is the name's own slug and type.

Types never merge: "organisation:wagner" and "person:wagner" stay two speakers.

The decision depends only on the *set* of names the registry knows and on the alias table,
never on the order they were seen: observe every name of a batch (:meth:`SpeakerRegistry.observe`)
before resolving it and the ids are order-independent. Resolving as names stream in is also
fine; :meth:`SpeakerRegistry.refresh` then lists the ids issued earlier that a name seen
later has changed ("person:poutine" → "person:vladimir-poutine"), for the store to rewrite.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Iterable

from guillemet.errors import InputError, UnreadableFile
from guillemet.lang import Language, as_language
from guillemet.record import SPEAKER_TYPES, Article, Speaker

__all__ = [
    "Alias",
    "AliasTable",
    "SpeakerRegistry",
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
    )


# --- names and ids -------------------------------------------------------------------------


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).replace("’", "'").split())


def _strip_front(name: str, lang: Language) -> str:
    """The name without titles, roles and a leading article that is not part of it."""
    td = _type_data(lang)
    text = _clean(name)
    while True:
        for pattern in (td.prefixes, td.articles):
            m = pattern.match(text)
            # "Le Pen", "Le Monde": a capitalised article before a capitalised word is the name's
            if (m and pattern is td.articles and text[:1].isupper()
                    and text[m.end():m.end() + 1].isupper()):
                m = None
            if m and text[m.end():].strip():
                text = text[m.end():].strip()
                break
        else:
            return text


def _slug(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                     if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "-", folded.replace("œ", "oe").replace("æ", "ae")).strip("-")


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


class SpeakerRegistry:
    """Stable speaker ids across the articles of one run or store (rules: module docstring).

    Args:
        aliases: The user's alias table, if any.
        lang: Language of the names.
    """

    def __init__(self, aliases: AliasTable | None = None, lang: Language | str | None = None) -> None:
        self.aliases = aliases
        self.lang = as_language(lang)
        self._names: dict[str, dict[tuple[str, ...], str]] = {}
        self._by_last: dict[str, dict[str, set[tuple[str, ...]]]] = {}
        self._issued: dict[tuple[str, str], str] = {}
        self._moved: dict[str, str] = {}

    def observe(self, name: str, type: str = "person") -> None:
        """Make a name known, so that shorter names of the same speaker can join it.

        Args:
            name: A name as the article gives it (titles are dropped).
            type: Its speaker type.
        """
        tokens = _tokens(name, self.lang)
        if not tokens:
            return
        spellings = self._names.setdefault(type, {})
        self._by_last.setdefault(type, {}).setdefault(tokens[-1], set()).add(tokens)
        written = _strip_front(name, self.lang)
        old = spellings.get(tokens)
        # keep one spelling per name whatever the order: the capitalised one, then the smallest
        if old is None or (not written[:1].isupper(), written) < (not old[:1].isupper(), old):
            spellings[tokens] = written

    def resolve(self, name: str, type: str = "person") -> Speaker:
        """The speaker a name stands for; the name is observed first.

        Args:
            name: A name as the article gives it.
            type: Its speaker type (one of ``SPEAKER_TYPES``).

        Returns:
            A :class:`~guillemet.record.Speaker` with the id, the canonical name, the type,
            the Wikidata id when the alias table has one, and ``aliases`` holding ``name``
            when it differs from the canonical name.

        Raises:
            ValueError: ``type`` is not a speaker type, or the name has no letter or digit.
        """
        self.observe(name, type)
        canonical, wikidata = self._canonical(name, type)
        sid = speaker_id(canonical, type, self.lang)
        old = self._issued.get((_clean(name), type))
        if old is not None and old != sid:
            self._moved[old] = sid  # issued before under another id: refresh() reports it
        self._issued[(_clean(name), type)] = sid
        aliases = [] if _clean(name) == canonical else [_clean(name)]
        return Speaker(id=sid, name=canonical, type=type, aliases=aliases, wikidata=wikidata)

    def speaker_id(self, name: str, type: str = "person") -> str:
        """The id of the speaker a name stands for (see :meth:`resolve`)."""
        return self.resolve(name, type).id

    def know(self, name: str, type: str, sid: str) -> None:
        """Record a name already stored under ``sid``: observed, and watched by :meth:`refresh`
        so that a fuller name seen later moves it ("person:poutine" → "person:vladimir-poutine")."""
        if type not in SPEAKER_TYPES or not _tokens(name, self.lang):
            return
        self.observe(name, type)
        self._issued[(_clean(name), type)] = sid

    def assign(self, articles: Iterable[Article]) -> None:
        """Give the speakers of extracted articles their ids across articles, in place.

        Every speaker name of the batch is observed first, so the ids do not depend on the
        order of the articles; quotes follow their speaker's new id. Speakers an article
        lists twice under one id after this (two spellings of one person) become one.
        """
        articles = list(articles)
        for article in articles:
            for sp in article.speakers:
                if sp.type in SPEAKER_TYPES and _tokens(sp.name, self.lang):
                    self.observe(sp.name, sp.type)
        for article in articles:
            moved: dict[str, str] = {}
            merged: dict[str, Speaker] = {}
            for sp in article.speakers:
                try:
                    new = self.resolve(sp.name, sp.type)
                except ValueError:
                    merged.setdefault(sp.id, sp)
                    continue
                moved[sp.id] = new.id
                if new.id in merged:
                    kept = merged[new.id]
                    kept.aliases = sorted(set(kept.aliases) | {sp.name, *sp.aliases} - {kept.name})
                    continue
                sp.id = new.id
                sp.wikidata = sp.wikidata or new.wikidata
                merged[new.id] = sp
            article.speakers = list(merged.values())
            for q in article.quotes:
                if q.speaker_id in moved:
                    q.speaker_id = moved[q.speaker_id]

    def refresh(self) -> dict[str, str]:
        """Ids issued earlier that names observed since have changed.

        Returns:
            ``{old id: new id}`` for each changed id (the caller rewrites stored quotes).
        """
        changed, self._moved = dict(self._moved), {}
        for (name, type), old in sorted(self._issued.items()):
            new = speaker_id(self._canonical(name, type)[0], type, self.lang)
            if new != old:
                changed[old] = new
                self._issued[(name, type)] = new
        return changed

    def _canonical(self, name: str, type: str) -> tuple[str, str | None]:
        """(canonical name, Wikidata id) of a name under the rules of the module docstring."""
        if self.aliases is not None:
            entry = self.aliases.lookup(name)
            if entry is not None:
                return entry.canonical, entry.wikidata
        tokens = _tokens(name, self.lang)
        if tokens not in self._names.get(type, {}):
            return _strip_front(name, self.lang), None
        return self._target(tokens, type)

    def _target(self, tokens: tuple[str, ...], type: str) -> tuple[str, str | None]:
        """Where a known name leads; recursion always moves to a strictly longer name."""
        written = self._names[type][tokens]
        if self.aliases is not None:
            entry = self.aliases.lookup(written)
            if entry is not None:
                return entry.canonical, entry.wikidata
        if type != "person":
            return written, None
        targets: dict[str, tuple[str, str | None]] = {}
        for longer in sorted(self._by_last[type].get(tokens[-1], ())):
            if _ends_with(longer, tokens):
                target = self._target(longer, type)
                targets[normalise_name(target[0], self.lang)] = target
        if len(targets) == 1:
            return next(iter(targets.values()))
        return written, None


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
