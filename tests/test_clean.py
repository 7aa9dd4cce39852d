"""Clean-up: boilerplate becomes ignored spans; the text and every offset stay as given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guillemet.clean import clean, find_boilerplate
from guillemet.nlp import analysis_text
from guillemet.readers import prepare, read_articles
from guillemet.record import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "article.txt"

BODY = "« Nous ne céderons pas », a déclaré jeudi le ministre de l'Intérieur devant les députés."


def ignored_texts(text: str, title: str | None = None, lang: str = "fr") -> list[str]:
    a = clean(Article(text=text, title=title, lang=lang))
    return [a.text[s:e] for s, e in a.ignored]


@pytest.mark.parametrize("text, expected", [
    (f"[ad_1]\n{BODY}\n[ad_2]\nSource link -41", ["[ad_1]", "[ad_2]", "Source link -41"]),
    (f"{BODY} [ad_3] Suite du texte.", ["[ad_3]"]),
    (f"{BODY}\nSource link", ["Source link"]),
    (f"{BODY}\nLire aussi : Le ministre visite Marseille\nSuite.", ["Lire aussi : Le ministre visite Marseille"]),
    (f"{BODY}\nÀ lire également - La grève continue", ["À lire également - La grève continue"]),
    (f"{BODY}\nPartager sur Facebook\n", ["Partager sur Facebook"]),
    (f"{BODY}\nFacebook Twitter LinkedIn E-mail", ["Facebook Twitter LinkedIn E-mail"]),
    (f"{BODY}\nAbonnez-vous à notre newsletter pour ne rien manquer", ["Abonnez-vous à notre newsletter pour ne rien manquer"]),
    (f"{BODY}\n  Suivez-nous sur Instagram  ", ["Suivez-nous sur Instagram"]),
    (f"{BODY}\nPublicité\nSuite.", ["Publicité"]),
])
def test_boilerplate_is_found(text, expected):
    assert ignored_texts(text) == expected


@pytest.mark.parametrize("text", [
    BODY,
    "Le maire a invité les habitants à lire aussi le rapport de la Cour des comptes publié mardi.",
    "Partager les richesses reste la priorité du gouvernement, a affirmé la Première ministre devant les "
    "sénateurs réunis en séance publique, sans convaincre l'opposition qui dénonce un projet flou et "
    "coûteux pour les finances publiques déjà très dégradées selon plusieurs économistes interrogés.",
    "« Abonnez-vous à la sobriété », a lancé la ministre de la Transition énergétique, mi-sérieuse.\n"
    "Elle a ensuite détaillé son plan.",
    "Le [adjoint] au maire a démissionné.",
    "La source a indiqué que le lien entre les deux affaires restait à établir.",
])
def test_real_sentences_are_not_boilerplate(text):
    assert ignored_texts(text) == []


@pytest.mark.parametrize("text, title, expected", [
    (f"La grève s'étend\n{BODY}", "La grève s'étend", ["La grève s'étend"]),
    (f"LA GRÈVE S’ÉTEND !\n{BODY}", "La grève s'étend", ["LA GRÈVE S’ÉTEND !"]),
    (f"La grève s'étend\nLa grève s'étend\n{BODY}", None, ["La grève s'étend"]),   # printed twice, no title
    (f"La grève s'étend\n{BODY}", None, []),
])
def test_repeated_headline(text, title, expected):
    assert ignored_texts(text, title) == expected


def test_language_without_boilerplate_module_gets_neutral_patterns_only():
    assert ignored_texts("[ad_1]\nRead more about it\nPartager sur Facebook", lang="xx") == ["[ad_1]"]


def test_clean_keeps_text_and_offsets_and_is_idempotent():
    text = f"[ad_1]\n{BODY}\n[ad_2]\nSource link -41"
    a = clean(Article(text=text))
    once = list(a.ignored)
    clean(a)
    assert a.text == text and a.ignored == once
    blanked = analysis_text(a)
    assert len(blanked) == len(text) and BODY in blanked and "[ad_" not in blanked
    assert a.meta["boilerplate"] == {"ad_marker": 2, "source_link": 1}


def test_spans_never_include_the_newline():
    for start, end, _ in find_boilerplate("Texte.\nSource link\nSuite."):
        assert "\n" not in "Texte.\nSource link\nSuite."[start:end]


@pytest.mark.shared
def test_seed_article_boilerplate_is_kept_out_of_analysis():
    if not SEED.exists():
        if os.environ.get("GUILLEMET_REQUIRE_SHARED") == "1":
            pytest.fail(f"{SEED} is missing and GUILLEMET_REQUIRE_SHARED=1")
        pytest.skip(f"{SEED} not present (shared data is not in this checkout)")
    [a] = list(prepare(read_articles([str(SEED)])))
    covered = [a.text[s:e] for s, e in a.ignored]
    assert covered == ["[ad_1]", "[ad_2]", "Source link -41"]
    blanked = analysis_text(a)
    assert len(blanked) == len(a.text) == len(SEED.read_text(encoding="utf-8"))
    assert a.text == SEED.read_text(encoding="utf-8")
    for junk in ("[ad_", "Source link", "-41"):
        assert junk not in blanked
    assert a.lang == "fr" and a.status == "ok"
