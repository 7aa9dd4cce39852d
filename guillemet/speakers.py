"""Who counts as a speaker at all, and who as an identity a reader can follow across articles.

Two questions, answered from a name, its speaker type and the language's word lists
(``guillemet/lang/<code>/speaker_types.py``):

* :func:`is_speaker` — is this a source at all? A verb or conjunction the parse took for a
  name ("Faut", "Si"), a bare word that names a thing or an act ("voiture", "indiqué"), a
  bare number ("22%") or a time ("L'année 2018", "ce week-end") is not. :func:`settle_speakers`,
  the last step of extraction, takes such speakers off an article's quotes.
* :func:`is_identity` — is it someone to follow across articles? A name is ("Emmanuel
  Macron", "Peskov", "AFP", "Me Philippe"), and so is an institution named by its
  description ("la police", "le parquet de Paris"). These are not: a bare given name
  ("Philippe", "Emmanuel"), initials ("E.F."), a lone title ("Me"), a description that points
  back or picks no one in particular ("la même source", "ce dernier", "une source policière",
  "sa porte-parole"), a person described only by a role ("le Premier ministre", "l'accusé"),
  groups and documents. They stay the speaker of their quotes, in their article, with no id
  across articles.

:func:`clean_aliases` keeps of a speaker's other names only those a reader would take for
that speaker: not the bare given name ("Emmanuel" of "Emmanuel Macron"), not initials, lone
titles or anaphoric descriptions.

:class:`SpeakerIdentity` bundles these rules with the alias table for a store
(:mod:`guillemet.store.identity`), which gives ids with :func:`guillemet.identity.merge_names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping

from guillemet.identity import (
    AliasTable,
    Assigned,
    _clean,
    _fold,
    _strip_front,
    _type_data,
    group_of,
    merge_names,
)
from guillemet.lang import Language, as_language
from guillemet.names import is_given_name
from guillemet.record import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SpeakerIdentity", "clean_aliases", "is_identity", "is_speaker", "settle_speakers"]

#: Parts of speech a one-word name never has: "Faut", "Si", "Assis" are no sources.
NOT_NAME_POS = frozenset({"VERB", "AUX", "SCONJ", "CCONJ", "ADP", "ADV", "DET", "PRON", "NUM", "INTJ"})

_NUMBER = re.compile(r"[\d\s.,%‰+\-–]+")
_INITIALS = re.compile(r"(?:[A-Za-zÀ-ÖØ-öø-ÿ]\.[-‐]?)*[A-Za-zÀ-ÖØ-öø-ÿ]\.?")
_EDGE_PUNCT = "«»\"“”„‹›'’()[],;:!?.… \t\n-–—"
_ELIDED = re.compile(r"^(?:l|d|qu|j|n|s|c)'")


@dataclass(frozen=True)
class _Rules:
    determiners: re.Pattern[str]
    anaphoric: frozenset[str]
    not_heads: frozenset[str]
    role_start: re.Pattern[str]
    common_start: re.Pattern[str]
    speaker_words: frozenset[str]
    titles: frozenset[str]


def _start(words: Iterable[str]) -> re.Pattern[str]:
    items = sorted({_fold(w) for w in words}, key=lambda w: (-len(w), w))
    alternation = "|".join(re.escape(w) for w in items) or "(?!)"
    return re.compile(rf"^(?:{alternation})(?:(?<=')|(?![\w-]))")


@lru_cache(maxsize=None)
def _rules(language: Language) -> _Rules:
    data = _type_data(language).data
    roles = set(data.PERSON_WORDS) | set(language.person_roles)
    common = (roles | set(data.ORGANISATION_WORDS) | set(data.MEDIA_WORDS) | set(data.DOCUMENT_WORDS)
              | set(data.GROUP_WORDS) | set(language.group_nouns) | set(language.org_nouns)
              | set(language.document_nouns) | set(language.media_nouns))
    return _Rules(
        determiners=_start(getattr(data, "NON_IDENTITY_DETERMINERS", ())),
        anaphoric=frozenset(_fold(w) for w in getattr(data, "ANAPHORIC_WORDS", ())),
        not_heads=frozenset(_fold(w) for w in getattr(data, "NOT_SPEAKER_HEADS", ())),
        role_start=_start(roles),
        common_start=_start(common),
        speaker_words=frozenset(_fold(w) for w in common | set(data.GROUP_WORDS)),
        titles=frozenset(_fold(t).rstrip(".") for t in (*data.PERSON_TITLES, *language.titles)),
    )


def _text(name: str) -> str:
    """The name on one line, apostrophes straight, without quotation marks or dashes around it."""
    return _clean(name).strip(_EDGE_PUNCT)


def _unarticled(folded: str, lang: Language) -> str:
    """Folded text without a leading article ("l'annee 2018" → "annee 2018")."""
    m = _type_data(lang).articles.match(folded)
    return folded[m.end():].lstrip() if m and folded[m.end():].strip() else folded


def _is_initials(text: str) -> bool:
    return bool(text) and all(_INITIALS.fullmatch(w) or (len(w) == 1 and w.isalpha()) for w in text.split())


def is_speaker(name: str | None, lang: Language | str | None = None, pos: Mapping[str, set[str]] | None = None) -> bool:
    """Whether a speaker's name can be a source at all.

    Args:
        name: The speaker as the article gives it.
        lang: Language of the word lists.
        pos: Parts of speech the parse gave each one-word name where it occurs in the text
            ({"Faut": {"AUX"}}); a name tagged only as a verb, conjunction, adverb... is none.

    Returns:
        False for no letter, a bare number ("22%"), a time ("L'année 2018", "ce week-end"),
        a lower-case word that names no kind of source ("voiture", "indiqué", "on"), and a
        capitalised word the parse never took for a noun; True otherwise.
    """
    text = _text(name or "")
    if not any(c.isalpha() for c in text) or _NUMBER.fullmatch(text):
        return False
    lang = as_language(lang)
    rules = _rules(lang)
    folded = _fold(text)
    rest = _unarticled(folded, lang)
    m = rules.determiners.match(rest)
    head = (rest[m.end():].strip() if m and rest[m.end():].strip() else rest).split()[0]
    if head in rules.not_heads or _ELIDED.sub("", head) in rules.not_heads:
        return False
    words = text.split()
    if len(words) == 1 and not _ELIDED.match(folded):
        word = words[0]
        # "certains", "Beaucoup", "journalistes": words that name sources, whatever their tag
        if folded in rules.speaker_words or folded[:-1] in rules.speaker_words and folded[-1:] in "sx":
            return True
        if not word[:1].isupper():
            return False
        tags = (pos or {}).get(word)
        if tags and tags <= NOT_NAME_POS:
            return False
    return True


def _anaphoric(folded: str, rules: _Rules) -> bool:
    if rules.determiners.match(folded):
        return True
    return any(w in rules.anaphoric or _ELIDED.sub("", w) in rules.anaphoric for w in folded.split())


def _is_title(text: str, rules: _Rules) -> bool:
    return all(_fold(w).rstrip(".") in rules.titles for w in text.split())


def is_identity(name: str | None, type: str = "unknown", lang: Language | str | None = None) -> bool:
    """Whether a speaker gets an id across articles (rules: module docstring).

    Args:
        name: The speaker's name or description as its article gives it.
        type: Its speaker type; groups and documents never do.
        lang: Language of the word lists.
    """
    lang = as_language(lang)
    if not is_speaker(name, lang) or type in ("group", "document"):
        return False
    text = _text(name or "")
    rules = _rules(lang)
    folded = _fold(text)
    if text[:1].isdigit() or _is_initials(text) or _is_title(text, rules) or _anaphoric(folded, rules):
        return False
    core = _strip_front(text, lang)
    if _type_data(lang).distinctive.match(core):
        return True  # "Me Philippe": a surname and the profession that tells it apart
    if type in ("organisation", "media"):
        # "ministre de l'Intérieur" is a person's role, whatever the type says
        return not rules.role_start.match(_unarticled(folded, lang))
    words = core.split()
    if len(words) == 1:
        titled = len(text.split()) == 2 and _is_title(text.split()[0], rules)  # "M. Philippe": a surname
        return core[:1].isupper() and (titled or not is_given_name(core)) \
            and not rules.common_start.match(_fold(core))
    if is_given_name(words[0]):
        return True  # "Marine Le Pen": a given name and more
    # "l'accusé", "le Premier ministre", "Médias": a description, no name
    return core[:1].isupper() and not rules.common_start.match(_fold(core))


def clean_aliases(name: str, aliases: Iterable[str], lang: Language | str | None = None) -> list[str]:
    """The aliases a reader would take for other names of the speaker called ``name``.

    Dropped: the name itself, what is no speaker, initials, lone titles, descriptions that
    point back or pick no one ("la même source", "ce dernier", "une source"), and a bare given
    name that is not the name's last word ("Emmanuel" of "Emmanuel Macron"; the surname
    "Philippe" of "Édouard Philippe" stays).

    Returns:
        The kept aliases, sorted, each once.
    """
    lang = as_language(lang)
    rules = _rules(lang)
    own = _fold(_text(name))
    last = own.split()[-1] if own.split() else ""
    kept = set()
    for alias in aliases:
        text = _text(alias)
        folded = _fold(text)
        if not text or folded == own or not is_speaker(text, lang) or _is_initials(text) \
                or _is_title(text, rules) or _anaphoric(folded, rules):
            continue
        if len(text.split()) == 1 and is_given_name(text) and folded != last:
            continue
        kept.add(alias)
    return sorted(kept)


def _pos_of_names(doc: "Doc", names: set[str]) -> dict[str, set[str]]:
    """Parts of speech of the one-word names wherever they occur as a token of the parse."""
    words = {n for n in names if n and " " not in n}
    out: dict[str, set[str]] = {}
    if words and len(doc):
        import numpy as np
        from spacy.attrs import ORTH, POS  # the parse's own modules: only a parse comes here
        from spacy.strings import get_string_id

        # the parse as arrays, the words as hashes: a spaCy Token per word costs more
        arr = doc.to_array([ORTH, POS])
        wanted = {get_string_id(w): w for w in words}
        strings = doc.vocab.strings
        for i in np.nonzero(np.isin(arr[:, 0], np.array(list(wanted), dtype=np.uint64)))[0].tolist():
            out.setdefault(wanted[int(arr[i, 0])], set()).add(strings[int(arr[i, 1])])
    return out


def settle_speakers(article: Article, doc: "Doc | None" = None, lang: Language | str | None = None) -> Article:
    """Take off an article's quotes the speakers that are no source, and clean aliases.

    Reads: quotes' speakers, ``speakers``, the parse (parts of speech of one-word names).
    Writes: ``speaker``, ``speaker_id`` and ``speaker_type`` of quotes whose speaker is no
    source (:func:`is_speaker`: None, None, "unknown"); ``speakers`` without them, each
    with :func:`clean_aliases`.
    """
    lang = as_language(lang)
    names = {q.speaker for q in article.quotes if q.speaker} | {s.name for s in article.speakers}
    pos = _pos_of_names(doc, {_text(n) for n in names}) if doc is not None else None
    verdict = {n: is_speaker(n, lang, pos) for n in names}
    for q in article.quotes:
        if q.speaker and not verdict[q.speaker]:
            q.speaker, q.speaker_id, q.speaker_type = None, None, "unknown"
    kept = []
    for sp in article.speakers:
        if verdict[sp.name]:
            sp.aliases = clean_aliases(sp.name, sp.aliases, lang)
            kept.append(sp)
    article.speakers = kept
    return article


class SpeakerIdentity:
    """The rules that give a store's speakers their ids: who takes part, and the alias table.

    Args:
        aliases: The user's alias table (merges and splits), if any.
        lang: Language of the names.
    """

    #: Raised when the rules change, so that a store recomputes every id once.
    VERSION = 2

    def __init__(self, aliases: AliasTable | None = None, lang: Language | str | None = None) -> None:
        self.aliases = aliases
        self.lang = as_language(lang)
        self._groups: dict[tuple[str, str], str | None] = {}

    def group(self, name: str | None, type: str) -> str | None:
        """The merge group of a speaker with an id across articles (see
        :func:`guillemet.identity.group_of`), None for one without (:func:`is_identity`); a
        name of the alias table always has one."""
        if not name:
            return None
        key = (name, type)
        if key not in self._groups:  # a store asks for the same names batch after batch
            named = self.aliases is not None and name in self.aliases  # the user's word goes
            ok = named or is_identity(name, type, self.lang)
            if len(self._groups) > 500_000:
                self._groups.clear()
            self._groups[key] = group_of(name, type, self.lang) if ok else None
        return self._groups[key]

    def merge(self, type: str, names: Mapping[str, int],
              changed: Iterable[str] | None = None) -> dict[str, Assigned]:
        """Ids for the names of one group, with how many articles write each (``changed``:
        see :func:`guillemet.identity.merge_names`)."""
        return merge_names(names, type, self.aliases, self.lang, changed)

    def clean_aliases(self, name: str, aliases: Iterable[str]) -> list[str]:
        """See :func:`clean_aliases`."""
        return clean_aliases(name, aliases, self.lang)

    @property
    def fingerprint(self) -> str:
        """Changes when the rules or the alias table change: the store then recomputes."""
        table = self.aliases.digest() if self.aliases is not None else "-"
        return f"v{self.VERSION}:{self.lang.code}:{table}"

