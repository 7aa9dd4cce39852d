"""Language identification: detect when the source says nothing, route unsupported languages."""

from __future__ import annotations

import pytest

from guillemet.readers import identify_language, prepare
from guillemet.readers.langid import detect_language
from guillemet.readers.options import Skipped
from guillemet.record import Article

FR = ("« Nous ne laisserons pas tomber les agriculteurs », a assuré mardi le ministre de "
      "l'Agriculture lors d'un déplacement dans le Gers, où la sécheresse inquiète.")
EN = ("\"We will not let farmers down,\" the agriculture minister said on Tuesday during a visit "
      "to the south-west, where the drought is causing concern.")
DE = ("„Wir werden die Landwirte nicht im Stich lassen“, sagte der Landwirtschaftsminister am "
      "Dienstag bei einem Besuch im Südwesten, wo die Dürre Sorgen bereitet.")
ES = ("\"No vamos a abandonar a los agricultores\", aseguró el martes el ministro de Agricultura "
      "durante una visita al suroeste, donde la sequía preocupa.")


@pytest.mark.parametrize("text, lang_source, given, expected_lang, expected_status", [
    (FR, None, "fr", "fr", "ok"),
    (EN, None, "fr", "en", "ok"),                         # English has a pipeline
    (DE, "default", "fr", "de", "unsupported_language"),
    (ES, None, "fr", "es", "unsupported_language"),
    (FR, "source", "de", "de", "unsupported_language"),   # the source's word is kept
    (EN, "source", "fr", "fr", "ok"),                     # ... even when it looks wrong
    ("Oui.", None, "fr", "fr", "ok"),                     # too short to overrule the default
])
def test_identify_language(text, lang_source, given, expected_lang, expected_status):
    meta = {"lang_source": lang_source} if lang_source else {}
    a = identify_language(Article(text=text, lang=given, meta=meta))
    assert (a.lang, a.status) == (expected_lang, expected_status)


def test_detection_is_recorded_in_meta():
    a = identify_language(Article(text=EN))
    assert a.meta["lang_detected"] == "en" and a.meta["lang_confidence"] > 0.9
    assert a.meta["lang_source"] == "detected"


def test_ignored_stretches_do_not_sway_detection():
    junk = "Source link " * 30
    text = junk + "\n" + FR
    a = Article(text=text, ignored=[(0, len(junk))])
    assert identify_language(a).lang == "fr"


def test_detect_language_returns_none_for_too_little_text():
    assert detect_language("   12 34 ") == (None, 0.0)


def test_unsupported_articles_are_kept_and_skipped_items_pass_through():
    items = [Article(text=DE, id="de1"), Skipped("x.jsonl:3", "not valid JSON"), Article(text=FR, id="fr1")]
    out = list(prepare(items))
    assert [getattr(x, "id", None) for x in out] == ["de1", None, "fr1"]
    assert out[0].status == "unsupported_language" and out[2].status == "ok"
