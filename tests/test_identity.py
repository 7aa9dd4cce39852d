"""Speaker identity across articles: slugs, ids, the alias table, the registry, types."""

from __future__ import annotations

import itertools

import pytest

from guillemet.errors import InputError, UnreadableFile, UnsupportedLanguage
from guillemet.identity import (
    AliasTable,
    Assigned,
    SpeakerRegistry,
    group_of,
    guess_speaker_type,
    merge_names,
    normalise_name,
    speaker_id,
)

NAMES = [
    ("Vladimir Poutine", "vladimir-poutine"),
    ("M. Vladimir Poutine", "vladimir-poutine"),
    ("Mme Olena Zelenska", "olena-zelenska"),
    ("le président Emmanuel Macron", "emmanuel-macron"),
    ("Le président Emmanuel Macron", "emmanuel-macron"),
    ("M. Macron", "macron"),
    ("Jean-Marie Le Pen", "jean-marie-le-pen"),
    ("Le Pen", "le-pen"),            # a capitalised article inside the name stays
    ("Le Monde", "le-monde"),
    ("le Kremlin", "kremlin"),       # a lower-case article before the name goes
    ("l’Élysée", "elysee"),
    ("François  Hollande ", "francois-hollande"),
    ("Alena Verbitskaya,", "alena-verbitskaya"),
    ("le ministère de l’Intérieur", "ministere-de-l-interieur"),
    ("le président", "president"),   # nothing but a title: the title is the name
    ("Me Philippe", "me-philippe"),  # a profession's title before a lone surname stays
    ("Me Vincent Lurquin", "vincent-lurquin"),
    ("Dr Martin", "dr-martin"),
    ("« ... »", ""),
]


@pytest.mark.parametrize(("name", "slug"), NAMES)
def test_normalise_name(name, slug):
    assert normalise_name(name) == slug


IDS = [
    ("Vladimir Poutine", "person", "person:vladimir-poutine"),
    ("le Kremlin", "organisation", "organisation:kremlin"),
    ("CCTV", "media", "media:cctv"),
    ("le rapport militaire", "document", "document:rapport-militaire"),
]


@pytest.mark.parametrize(("name", "type_", "expected"), IDS)
def test_speaker_id(name, type_, expected):
    assert speaker_id(name, type_) == expected


@pytest.mark.parametrize(("name", "type_", "message"), [
    ("Vladimir Poutine", "human", "use one of"),
    ("« »", "person", "no letter or digit"),
])
def test_speaker_id_refuses_bad_input(name, type_, message):
    with pytest.raises(ValueError, match=message):
        speaker_id(name, type_)


def test_unknown_language_says_which():
    with pytest.raises(UnsupportedLanguage, match="xx"):
        normalise_name("Vladimir Poutine", lang="xx")


# names seen across a run → (name, expected id)
REGISTRY = [
    (["Vladimir Poutine", "Poutine"], "Poutine", "person:vladimir-poutine"),
    (["Vladimir Poutine", "M. Poutine"], "M. Poutine", "person:vladimir-poutine"),
    (["Vladimir Poutine", "V. Poutine"], "V. Poutine", "person:vladimir-poutine"),
    (["Vladimir Poutine", "V. Poutine", "Poutine"], "Poutine", "person:vladimir-poutine"),
    (["Marine Le Pen", "Le Pen"], "Le Pen", "person:marine-le-pen"),
    (["vladimir poutine", "Vladimir Poutine"], "vladimir poutine", "person:vladimir-poutine"),
    # nothing known to join: the name keeps its own id
    (["Poutine"], "Poutine", "person:poutine"),
    # two full names share the surname: a contradiction, no merge
    (["Emmanuel Macron", "Brigitte Macron", "Macron"], "Macron", "person:macron"),
    (["Marine Le Pen", "Jean-Marie Le Pen", "Le Pen"], "Le Pen", "person:le-pen"),
    # an initial that does not match is another person
    (["Vladimir Poutine", "A. Poutine"], "A. Poutine", "person:a-poutine"),
    # a longer name never joins a shorter one
    (["Poutine", "Vladimir Poutine"], "Vladimir Poutine", "person:vladimir-poutine"),
]


@pytest.mark.parametrize(("seen", "name", "expected"), REGISTRY)
def test_registry_ids(seen, name, expected):
    registry = SpeakerRegistry()
    for other in seen:
        registry.observe(other)
    assert registry.speaker_id(name) == expected


def test_registry_is_order_independent():
    names = ["Poutine", "Vladimir Poutine", "V. Poutine", "Macron", "Emmanuel Macron",
             "Brigitte Macron", "E. Macron", "Le Pen", "Marine Le Pen"]
    results = set()
    for order in itertools.islice(itertools.permutations(names), 0, 720, 7):
        registry = SpeakerRegistry()
        for name in order:
            registry.observe(name)
        results.add(tuple(registry.speaker_id(name) for name in names))
    assert len(results) == 1


def test_registry_types_never_merge():
    registry = SpeakerRegistry()
    registry.observe("Evgueni Wagner", "person")
    assert registry.speaker_id("Wagner", "organisation") == "organisation:wagner"


def test_registry_ids_follow_names_seen_later():
    registry = SpeakerRegistry()
    assert registry.speaker_id("Poutine") == "person:poutine"
    registry.observe("Vladimir Poutine")
    assert registry.speaker_id("Poutine") == "person:vladimir-poutine"


def test_a_surname_after_a_profession_title_never_joins():
    # "Me Philippe" is a lawyer, not the Prime Minister; "M. Philippe" may be him
    names = ["Édouard Philippe", "Me Philippe", "M. Philippe", "Dr Martin", "Lucie Martin"]
    merged = merge_names(names)
    assert merged["Me Philippe"] == Assigned("person:me-philippe", "Me Philippe")
    assert merged["M. Philippe"].id == "person:edouard-philippe"
    assert merged["Dr Martin"].id == "person:dr-martin"


def test_merge_names_is_a_function_of_the_set():
    names = ["Poutine", "Vladimir Poutine", "V. Poutine", "M. Poutine", "Macron", "Emmanuel Macron",
             "Brigitte Macron", "E. Macron", "Le Pen", "Marine Le Pen", "Edouard Philippe",
             "Édouard Philippe", "Me Philippe"]
    results = set()
    for order in itertools.islice(itertools.permutations(names), 0, 5000, 97):
        merged = merge_names(list(order))
        results.add(tuple(sorted((k, v.id, v.name) for k, v in merged.items())))
    assert len(results) == 1


def test_display_name_is_the_most_complete_in_the_most_written_spelling():
    merged = merge_names({"Edouard Philippe": 2, "Édouard Philippe": 2, "Philippe": 9, "M. Philippe": 1})
    assert {a.name for a in merged.values()} == {"Édouard Philippe"}  # accents break the tie
    merged = merge_names({"Edouard Philippe": 5, "Édouard Philippe": 2})
    assert {a.name for a in merged.values()} == {"Edouard Philippe"}  # most articles write it so


def test_group_of_names_that_can_merge():
    assert group_of("M. Vladimir Poutine") == group_of("Poutine") == "person:poutine"
    assert group_of("Poutine", "organisation") == "organisation:poutine"
    assert group_of("« »") is None


def test_resolve_returns_the_record_speaker():
    registry = SpeakerRegistry()
    registry.observe("Vladimir Poutine")
    speaker = registry.resolve("M. Poutine")
    assert (speaker.id, speaker.name, speaker.type, speaker.aliases) == (
        "person:vladimir-poutine", "Vladimir Poutine", "person", ["M. Poutine"])


ALIAS_CSV = """alias,canonical,wikidata
Poutine,Vladimir Poutine,Q7747
Le Pen,Jean-Marie Le Pen,
Macron,Macron
# a comment line

Tsar,Vladimir Poutine
"""


@pytest.fixture
def alias_table(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text(ALIAS_CSV, encoding="utf-8")
    return AliasTable.from_csv(path)


ALIASED = [
    # merge, with the Wikidata id
    ("Poutine", "person:vladimir-poutine", "Q7747"),
    ("M. Poutine", "person:vladimir-poutine", "Q7747"),
    ("Vladimir Poutine", "person:vladimir-poutine", "Q7747"),
    ("Tsar", "person:vladimir-poutine", "Q7747"),
    # split: the surname goes where the table says, not to the one known full name
    ("Le Pen", "person:jean-marie-le-pen", None),
    ("Macron", "person:macron", None),
    # untouched by the table
    ("Emmanuel Macron", "person:emmanuel-macron", None),
]


@pytest.mark.parametrize(("name", "expected", "wikidata"), ALIASED)
def test_alias_table_merges_and_splits(alias_table, name, expected, wikidata):
    registry = SpeakerRegistry(alias_table)
    for known in ("Marine Le Pen", "Emmanuel Macron", "Vladimir Poutine"):
        registry.observe(known)
    speaker = registry.resolve(name)
    assert (speaker.id, speaker.wikidata) == (expected, wikidata)


def test_alias_table_without_header(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("Poutine,Vladimir Poutine\n", encoding="utf-8")
    assert AliasTable.from_csv(path).lookup("M. Poutine").canonical == "Vladimir Poutine"


BAD_ROWS = [
    ("alias,canonical\nPoutine\n", "line 2: expected 2 or 3 columns"),
    ("Poutine,Vladimir Poutine,Q7747,extra\n", "line 1: expected 2 or 3 columns"),
    ("Poutine,Vladimir Poutine,Poutine\n", "line 1: 'Poutine' is not a Wikidata id"),
    ("« »,Vladimir Poutine\n", "line 1: the alias and the canonical name"),
    ("Poutine,Vladimir Poutine\nPoutine,Vladimir Vladimirovitch Poutine\n",
     "line 2: 'Poutine' already leads to 'Vladimir Poutine'"),
]


@pytest.mark.parametrize(("content", "message"), BAD_ROWS)
def test_alias_table_names_the_bad_line(tmp_path, content, message):
    path = tmp_path / "aliases.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        AliasTable.from_csv(path)


def test_alias_table_missing_file(tmp_path):
    with pytest.raises(UnreadableFile, match="Check the path"):
        AliasTable.from_csv(tmp_path / "missing.csv")


TYPES = [
    # persons: two capitalised words, or a title, or a role as head
    ("Vladimir Poutine", "person"),
    ("Alena Verbitskaya", "person"),
    ("Charles de Gaulle", "person"),
    ("Ursula von der Leyen", "person"),
    ("Jean-Luc Mélenchon", "person"),
    ("M. Macron", "person"),
    ("Mme Zelenska", "person"),
    ("le dirigeant russe", "person"),
    ("le porte-parole du Kremlin", "person"),
    ("le ministre de l’Intérieur", "person"),
    # organisations
    ("le Kremlin", "organisation"),
    ("la préfecture", "organisation"),
    ("l’état-major ukrainien", "organisation"),
    ("le ministère de la Défense", "organisation"),
    ("l'armée russe", "organisation"),
    ("le gouvernement", "organisation"),
    ("le syndicat", "organisation"),
    ("la gendarmerie", "organisation"),
    ("l'ONU", "organisation"),
    ("CGT", "organisation"),
    ("Acme SAS", "organisation"),
    # media
    ("CCTV", "media"),
    ("l'AFP", "media"),
    ("Reuters", "media"),
    ("Le Monde", "media"),
    ("la chaîne publique", "media"),
    ("la radio d'État", "media"),
    # documents
    ("le rapport militaire", "document"),
    ("un communiqué", "document"),
    ("le rapport de l'ONU", "document"),
    ("un sondage", "document"),
    ("le décret", "document"),
    # groups
    ("les manifestants", "group"),
    ("des habitants", "group"),
    ("les syndicats", "group"),
    ("les « gilets jaunes »", "group"),
    ("les experts", "group"),
    ("ils", "group"),
    ("Elles", "group"),
    ("les voisins d'en face", "group"),
    # unknown
    ("Poutine", "unknown"),
    ("le monde entier", "unknown"),
    ("quelqu'un", "unknown"),
    ("", "unknown"),
]


@pytest.mark.parametrize(("name", "expected"), TYPES)
def test_guess_speaker_type(name, expected):
    assert guess_speaker_type(name) == expected


def test_merging_only_what_changed_gives_the_ids_of_a_full_merge():
    """A store merges again only the names a write can change (the new ones and the shorter
    names they end); applied to the previous ids, that must equal merging everything."""
    import random

    pool = ["Poutine", "Vladimir Poutine", "V. Poutine", "M. Poutine", "Macron", "Emmanuel Macron",
            "Brigitte Macron", "E. Macron", "Le Pen", "Marine Le Pen", "Jean-Marie Le Pen", "Edouard Philippe",
            "Édouard Philippe", "Philippe", "Me Philippe", "M. Philippe", "Jean Martin", "Martin", "J. Martin",
            "Pierre Jean Martin", "Jean-Pierre Martin"]
    rng = random.Random(1)
    for _ in range(400):
        before = {n: rng.randint(1, 3) for n in rng.sample(pool, rng.randint(1, len(pool)))}
        after, changed = dict(before), set()
        for _ in range(rng.randint(1, 3)):
            name = rng.choice(pool)
            if name in after and rng.random() < 0.4:
                del after[name]
            else:
                after[name] = after.get(name, 0) + 1
            changed.add(name)
        updated = {n: a for n, a in merge_names(before).items() if n in after}
        updated.update(merge_names(after, changed=changed))
        assert updated == merge_names(after), (before, after, changed)
