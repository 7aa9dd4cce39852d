"""A person's gender as the press shows it: from a given name and the pronouns naming them.

The question the Gender Gap Tracker asks (who gets quoted, women or men) needs a gender per
speaker. We read it from two things only, and say "unknown" when they are thin or disagree:

* the **given name** that starts the speaker's name, looked up in the name list of
  :mod:`guillemet.names` (gender-guesser's): "female"/"male" count 2, "mostly_…" count 1,
  "andy" (used for both) counts nothing;
* the **pronouns** that name the speaker at a cue ("a-t-elle dit", "elle a ajouté"), one
  point each, from the language's pronoun table.

A side wins with at least 2 points and at least twice the other side's: "Claire Martin" is
female; "Claire Martin" named "il" twice is unknown (translated copy gets pronouns wrong);
a single "elle" alone is unknown. A title alone ("Mme Dupont", "la ministre") never decides:
titles are skipped before the given name is looked for, and that is all they do.
"""

from __future__ import annotations

from typing import Iterable

from guillemet.lang import get_language
from guillemet.record import GenderEvidence

#: Points a given name's gender is worth.
_NAME_POINTS = {"female": ("f", 2), "mostly_female": ("f", 1), "male": ("m", 2), "mostly_male": ("m", 1)}
#: Points needed to decide, and how many times the other side's they must be.
MIN_POINTS = 2
MARGIN = 2


def _pronoun_gender(mention: str | None, lang: str) -> str | None:
    """"f" or "m" for a singular gendered pronoun ("elle", "-t-il"), else None."""
    if not mention:
        return None
    word = mention.strip().lower()
    if word.startswith("-t-"):
        word = word[2:]
    gender, number = get_language(lang).pronouns.get(word, ("", ""))
    return gender if number == "s" and gender in ("f", "m") else None


def given_name_of(name: str, lang: str = "fr") -> tuple[str | None, str | None]:
    """(given name, the name list's answer) for the first word of ``name`` after titles.

    ("Mme Claire Martin" → ("Claire", "female"); "Mme Dupont" → (None, None)).
    """
    from guillemet.names import given_name_answer

    titles = get_language(lang).titles
    for word in name.split():
        if word.lower() in titles or word.lower().rstrip(".") in titles:
            continue
        answer = given_name_answer(word)
        return (word, answer) if answer else (None, None)
    return None, None


def read_gender(name: str, type: str, mentions: Iterable[str | None], lang: str = "fr"
                ) -> tuple[str, GenderEvidence | None]:
    """A speaker's gender and its evidence.

    Args:
        name: The speaker's display name.
        type: The speaker type; only persons have a gender here.
        mentions: The mention text of each of the speaker's quotes ("elle", "Claire Martin").
        lang: Language of the names and pronouns.

    Returns:
        ("female" | "male" | "unknown", the evidence), or ("unknown", None) for a non-person.
    """
    if type != "person":
        return "unknown", None
    given, answer = given_name_of(name, lang)
    evidence = GenderEvidence(given_name=given, name_gender=answer)
    for mention in mentions:
        side = _pronoun_gender(mention, lang)
        if side == "f":
            evidence.female_pronouns += 1
        elif side == "m":
            evidence.male_pronouns += 1
    return decide(evidence), evidence


def decide(evidence: GenderEvidence) -> str:
    """The gender the evidence supports (see the module docstring), or "unknown"."""
    points = {"f": evidence.female_pronouns, "m": evidence.male_pronouns}
    if evidence.name_gender in _NAME_POINTS:
        side, worth = _NAME_POINTS[evidence.name_gender]
        points[side] += worth
    for side, other, gender in (("f", "m", "female"), ("m", "f", "male")):
        if points[side] >= MIN_POINTS and points[side] >= MARGIN * points[other]:
            return gender
    return "unknown"
