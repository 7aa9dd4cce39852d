"""Dates and numbers inside claims: sentence tables, negatives, and a property test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guillemet.claims import find_claims
from guillemet.errors import UnsupportedLanguage

FRIDAY = "2022-12-30"  # a Friday


def dates_of(sentence: str, published: str | None = FRIDAY) -> list[tuple]:
    dates, _ = find_claims(sentence, (0, len(sentence)), published)
    return [(d.text, d.value, d.end, d.part) for d in dates]


def numbers_of(sentence: str) -> list[tuple]:
    _, numbers = find_claims(sentence, (0, len(sentence)), FRIDAY)
    return [(n.value, n.unit) for n in numbers]


# sentence, published, expected (text, value, end, part)
DATES = [
    ("Vendredi, les tirs ont repris.", FRIDAY, [("Vendredi", "2022-12-30", None, None)]),
    ("Les tirs ont repris jeudi soir.", FRIDAY, [("jeudi soir", "2022-12-29", None, "evening")]),
    ("Il est arrivé lundi matin.", FRIDAY, [("lundi matin", "2022-12-26", None, "morning")]),
    ("Samedi, il pleuvait.", FRIDAY, [("Samedi", "2022-12-24", None, None)]),
    ("Nous reviendrons vendredi prochain.", FRIDAY,
     [("vendredi prochain", "2023-01-06", None, None)]),
    ("Il l'a vu vendredi dernier.", FRIDAY, [("vendredi dernier", "2022-12-23", None, None)]),
    ("Il a plu mardi dans la soirée.", FRIDAY,
     [("mardi dans la soirée", "2022-12-27", None, "evening")]),
    ("L'offensive a commencé le 24 février.", FRIDAY,
     [("24 février", "2022-02-24", None, None)]),
    ("L'offensive a commencé le 24 février 2021.", FRIDAY,
     [("24 février 2021", "2021-02-24", None, None)]),
    ("Le texte entre en vigueur le 1er janvier.", FRIDAY,
     [("1er janvier", "2023-01-01", None, None)]),
    ("Rendez-vous le 24 février prochain.", FRIDAY,
     [("24 février prochain", "2023-02-24", None, None)]),
    ("Le sommet du vendredi 16 décembre a échoué.", FRIDAY,
     [("vendredi 16 décembre", "2022-12-16", None, None)]),
    ("La décision date du 24/02/2022.", None, [("24/02/2022", "2022-02-24", None, None)]),
    ("Les prix ont bondi en mars.", FRIDAY, [("mars", "2022-03", None, None)]),
    ("Il est parti en décembre dernier.", FRIDAY, [("décembre dernier", "2021-12", None, None)]),
    ("Elle reviendra en mars prochain.", FRIDAY, [("mars prochain", "2023-03", None, None)]),
    ("Il était maire en mai 2019.", None, [("mai 2019", "2019-05", None, None)]),
    ("La loi date de 2019.", FRIDAY, [("2019", "2019", None, None)]),
    ("Depuis 2014, rien n'a changé.", None, [("2014", "2014", None, None)]),
    ("Je l'ai vu hier.", FRIDAY, [("hier", "2022-12-29", None, None)]),
    ("Hier soir, tout a brûlé.", FRIDAY, [("Hier soir", "2022-12-29", None, "evening")]),
    ("Nous voterons demain.", FRIDAY, [("demain", "2022-12-31", None, None)]),
    ("C'est fini aujourd’hui.", FRIDAY, [("aujourd’hui", "2022-12-30", None, None)]),
    ("Ce matin, il faisait froid.", FRIDAY, [("Ce matin", "2022-12-30", None, "morning")]),
    ("La semaine dernière a été dure.", FRIDAY,
     [("La semaine dernière", "2022-12-19", "2022-12-25", None)]),
    ("Cette semaine a été dure.", FRIDAY, [("Cette semaine", "2022-12-26", "2023-01-01", None)]),
    ("Ils viendront la semaine prochaine.", FRIDAY,
     [("la semaine prochaine", "2023-01-02", "2023-01-08", None)]),
    ("Le mois dernier fut calme.", FRIDAY, [("Le mois dernier", "2022-11", None, None)]),
    ("L'an dernier, la récolte fut bonne.", FRIDAY, [("L'an dernier", "2021", None, None)]),
    ("L’année prochaine sera difficile.", FRIDAY,
     [("L’année prochaine", "2023", None, None)]),
    ("Il est parti il y a trois jours.", FRIDAY,
     [("il y a trois jours", "2022-12-27", None, None)]),
    ("Cela date d'il y a 2 ans.", FRIDAY, [("il y a 2 ans", "2020", None, None)]),
    # a published datetime anchors like a date
    ("Vendredi, les tirs ont repris.", "2022-12-30T08:15:00+01:00",
     [("Vendredi", "2022-12-30", None, None)]),
    # another anchor: Monday 2023-01-02
    ("Le 28 décembre, il neigeait.", "2023-01-02", [("28 décembre", "2022-12-28", None, None)]),
    ("Vendredi, les tirs ont repris.", "2023-01-02", [("Vendredi", "2022-12-30", None, None)]),
    ("Les prix ont bondi en décembre.", "2023-01-02", [("décembre", "2022-12", None, None)]),
    # no anchor: relative dates stay unresolved, absolute ones still resolve
    ("Vendredi, les tirs ont repris.", None, [("Vendredi", None, None, None)]),
    ("La semaine dernière a été dure.", None, [("La semaine dernière", None, None, None)]),
    ("Le 24 février 2021, tout a changé.", None,
     [("24 février 2021", "2021-02-24", None, None)]),
    ("Vendredi, les tirs ont repris.", "pas une date", [("Vendredi", None, None, None)]),
    # negatives
    ("La planète Mars est rouge.", FRIDAY, []),
    ("Nous avons la semaine de quatre jours.", FRIDAY, []),
    ("Il a tiré 2000 missiles.", FRIDAY, []),
    # an impossible day is still a date expression, left unresolved (and not a count)
    ("Le 31 février n'existe pas.", FRIDAY, [("31 février", None, None, None)]),
    ("Ils étaient sept.", FRIDAY, []),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), DATES)
def test_dates(sentence, published, expected):
    assert dates_of(sentence, published) == expected


# Dates across a year's end: (sentence, published, expected value). Words that look ahead
# ("d'ici") take the coming date, this one included; without them the past is preferred,
# except a day and month at most seven days ahead.
ROLLOVERS = [
    ("Tout sera réglé d'ici janvier.", "2019-11-19", "2020-01"),
    ("Tout sera réglé d’ici janvier.", "2019-11-19", "2020-01"),
    ("Tout sera réglé d'ici décembre.", "2019-11-19", "2019-12"),
    ("Tout sera réglé d'ici novembre.", "2019-11-19", "2019-11"),
    ("Tout sera réglé d'ici fin février.", "2019-11-19", "2020-02"),
    ("Tout sera réglé d'ici mi-janvier.", "2019-12-02", "2020-01"),
    ("Tout sera réglé d'ici à janvier.", "2019-11-19", "2020-01"),
    ("Le texte sera voté d'ici le 15 janvier.", "2019-12-20", "2020-01-15"),
    ("Le texte sera voté d'ici le 10 janvier.", "2019-12-30", "2020-01-10"),
    ("Nous aurons fini d'ici vendredi.", "2019-12-28", "2020-01-03"),
    ("Nous aurons fini d'ici vendredi.", "2019-12-27", "2019-12-27"),
    ("Nous aurons fini d'ici le 2 janvier.", "2019-12-30", "2020-01-02"),
    # a written direction wins over "d'ici"
    ("Rien n'a bougé d'ici janvier dernier.", "2019-11-19", "2019-01"),
    # no word looking ahead: the past (as before)
    ("Les prix ont bondi en janvier.", "2019-11-19", "2019-01"),
    ("Le 10 janvier, il neigeait.", "2019-12-30", "2019-01-10"),
    ("Le 2 janvier, tout reprendra.", "2019-12-30", "2020-01-02"),
    ("Le 28 décembre, il neigeait.", "2020-01-02", "2019-12-28"),
    ("Il reviendra en janvier prochain.", "2019-12-30", "2020-01"),
    ("Il est parti en décembre dernier.", "2020-01-05", "2019-12"),
    ("Nous reviendrons vendredi prochain.", "2019-12-28", "2020-01-03"),
    ("Il a neigé vendredi.", "2020-01-01", "2019-12-27"),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), ROLLOVERS)
def test_dates_across_a_year_end(sentence, published, expected):
    assert [value for _, value, _, _ in dates_of(sentence, published)] == [expected]


# sentence, expected (value, unit)
NUMBERS = [
    ("La Russie a tiré 85 missiles.", [(85, "missiles")]),
    ("Au total, 3 392 militaires ont été tués.", [(3392, "militaires")]),
    ("Au total, 3\u00a0392 militaires ont été tués.", [(3392, "militaires")]),
    ("Au total, 3\u202f392 militaires ont été tués.", [(3392, "militaires")]),
    ("Ils ont abattu sept drones.", [(7, "drones")]),
    ("Sept drones ont été abattus.", [(7, "drones")]),
    ("Le plan coûte 1,2 milliard d'euros.", [(1.2e9, "EUR")]),
    ("Le plan coûte 1,2 milliard d’euros.", [(1.2e9, "EUR")]),
    ("Trois millions d'habitants sont privés d'eau.", [(3e6, "habitants")]),
    ("Un million de personnes ont fui.", [(1e6, "personnes")]),
    ("Les prix ont monté de 15 %.", [(15, "percent")]),
    ("Les prix ont monté de 15%.", [(15, "percent")]),
    ("Les prix ont monté de 15 pour cent.", [(15, "percent")]),
    ("Le taux atteint 12,5 %.", [(12.5, "percent")]),
    ("Il en reste deux.", [(2, None)]),
    ("Ils étaient vingt-trois.", [(23, None)]),
    ("Il y a eu vingt et un blessés.", [(21, "blessés")]),
    ("On compte quatre-vingt-dix-sept victimes.", [(97, "victimes")]),
    ("Deux cent cinquante mille habitants sont partis.", [(250000, "habitants")]),
    ("Ils ont évacué 15 000 autres personnes.", [(15000, "personnes")]),
    ("Le contrat vaut 20 millions de dollars.", [(2e7, "USD")]),
    ("Le stade coûte 300 M€.", [(3e8, "EUR")]),
    ("Le billet coûte €15.", [(15, "EUR")]),
    ("Il a payé 2.500 euros.", [(2500, "EUR")]),
    ("Il a tiré 2000 missiles.", [(2000, "missiles")]),
    ("Près de 40 soldats et 12 chars.", [(40, "soldats"), (12, "chars")]),
    ("Deux ont été blessés.", [(2, None)]),
    # negatives: vague quantities, dates, times, ordinals, articles
    ("Des centaines de personnes ont manifesté.", []),
    ("Des milliers de personnes ont manifesté.", []),
    ("L'offensive a commencé le 24 février.", []),
    ("L'offensive a commencé le 24 février 2022.", []),
    ("Le budget 2022 est voté.", []),
    ("Le discours est prévu à 20h30.", []),
    ("Le discours est prévu à 20 h 30.", []),
    ("Le discours est prévu à 20 heures.", []),
    ("Le 1er régiment est parti.", []),
    ("Le premier ministre a parlé.", []),
    ("Il est arrivé 2e de la course.", []),
    ("C'est la deuxième fois.", []),
    ("Un homme a dit qu'une femme était là.", []),
    ("La pandémie de COVID-19 et le G7.", []),
    ("Il est parti il y a trois jours.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), NUMBERS)
def test_numbers(sentence, expected):
    assert numbers_of(sentence) == expected


def test_spans_are_absolute_and_limited_to_the_given_stretch():
    text = "Hors citation : 12 chars. « Vendredi, 85 missiles. » Après : 40 soldats."
    start = text.index("«")
    end = text.index("»") + 1
    dates, numbers = find_claims(text, (start, end), FRIDAY)
    assert [(d.text, d.value) for d in dates] == [("Vendredi", "2022-12-30")]
    assert [(n.text, n.value, n.unit) for n in numbers] == [("85 missiles", 85, "missiles")]
    for ref in [*dates, *numbers]:
        assert text[ref.span[0]:ref.span[1]] == ref.text
        assert start <= ref.span[0] <= ref.span[1] <= end


def test_unknown_language_says_which():
    with pytest.raises(UnsupportedLanguage, match="xx"):
        find_claims("Vendredi", (0, 8), FRIDAY, lang="xx")


_PIECES = st.sampled_from([
    "vendredi", "jeudi soir", "le 24 février", "1er", "janvier", "2022", "3 392", "85",
    "missiles", "sept", "vingt-trois", "vingt et un", "mille", "milliard", "d'euros", "%",
    "pour cent", "20h30", "il y a", "trois jours", "la semaine dernière", "hier", " ", ",",
    "\u00a0", "\u202f", "’", "-", "un", "deux", "quatre-vingt", "cent", "M€", ".", "/",
])
_TEXT = st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=25).map(" ".join),
                  st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=25).map("".join))
_PUBLISHED = st.one_of(st.none(), st.dates().map(str), st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, a=st.integers(-5, 200), b=st.integers(-5, 200), published=_PUBLISHED)
def test_never_raises_and_spans_lie_inside(text, a, b, published):
    start, end = sorted((max(0, min(a, len(text))), max(0, min(b, len(text)))))
    dates, numbers = find_claims(text, (start, end), published)
    for ref in [*dates, *numbers]:
        assert start <= ref.span[0] < ref.span[1] <= end
        assert ref.text == text[ref.span[0]:ref.span[1]]


@pytest.mark.xfail(reason="'neuf' after a noun is the adjective 'new'; needs the parse, not a regex")
def test_neuf_as_adjective_is_not_a_count():
    assert numbers_of("Ils ont un bâtiment neuf.") == []


@pytest.mark.xfail(reason="'la nuit de jeudi à vendredi' is read as two days, not one night")
def test_night_between_two_days():
    assert dates_of("Dans la nuit de jeudi à vendredi, il a plu.") == [
        ("la nuit de jeudi à vendredi", "2022-12-29", None, "night")]


def test_the_language_object_and_its_code_read_the_same_data():
    from guillemet.lang import get_language

    text = "« Nous avons reçu 85 plaintes vendredi », a-t-il dit."
    by_object = find_claims(text, (0, len(text)), FRIDAY, get_language("fr"))
    by_code = find_claims(text, (0, len(text)), FRIDAY, "fr")
    assert by_object == by_code
    assert [d.value for d in by_object[0]] == [FRIDAY] and [n.value for n in by_object[1]] == [85.0]


def english_claims(sentence, published=FRIDAY):
    dates, numbers = find_claims(sentence, (0, len(sentence)), published, "en")
    return [(d.text, d.value, d.end) for d in dates], [(n.value, n.unit) for n in numbers]


# English: the month first, capitalised months, "ago" after its count, thousands with commas
ENGLISH_DATES = [
    ("The talks resumed on Tuesday.", [("Tuesday", "2022-12-27", None)]),
    ("We will meet next Monday.", [("next Monday", "2023-01-02", None)]),
    ("It rained yesterday.", [("yesterday", "2022-12-29", None)]),
    ("Prices rose last week.", [("last week", "2022-12-19", "2022-12-25")]),
    ("Prices rose last month.", [("last month", "2022-11", None)]),
    ("The war began on February 24.", [("February 24", "2022-02-24", None)]),
    ("The war began on Feb. 24, 2021.", [("Feb. 24, 2021", "2021-02-24", None)]),
    ("Prices rose in March.", [("March", "2022-03", None)]),
    ("He left three days ago.", [("three days ago", "2022-12-27", None)]),
    ("The law dates from 2019.", [("2019", "2019", None)]),
    # "may" and "march" the verbs are no months
    ("They may march on Sunday.", [("Sunday", "2022-12-25", None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), ENGLISH_DATES)
def test_english_dates(sentence, expected):
    assert english_claims(sentence)[0] == expected


ENGLISH_NUMBERS = [
    ("In all, 3,392 soldiers were killed.", [(3392, "soldiers")]),
    ("They shot down seven drones.", [(7, "drones")]),
    ("The plan costs 1.2 billion dollars.", [(1.2e9, "USD")]),
    ("Turnout was 15 percent.", [(15, "percent")]),
    ("The fee is $300.", [(300, "USD")]),  # a currency sign before its number
    ("Repairs will cost £2 million.", [(2e6, "GBP")]),
    ("They paid $2016 for it.", [(2016, "USD")]),  # a sum, not a year
    ("Twenty-three voters came.", [(23, "voters")]),
    ("One voter came.", []),  # "one" alone: an article's job more often than a count
]


@pytest.mark.parametrize(("sentence", "expected"), ENGLISH_NUMBERS)
def test_english_numbers(sentence, expected):
    assert english_claims(sentence)[1] == expected
