"""Speaker ids across a store: the same articles in any order, batches or interruption give
the same tables, and the ids are ones a reader would accept.

tests/test_store_postgres.py runs these again on PostgreSQL (it overrides ``db``).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import TESTS, said_by, write_jsonl
from guillemet.ingest import ingest, speaker_identity
from guillemet.store import open_store
from test_store import db, make_store, reference_db  # noqa: F401  (fixtures; PostgreSQL overrides them)

#: "Name;type;aliases|what was said" (see conftest.said_by_one): short names before and after
#: their full names, two people with one surname, descriptions, a lawyer, a bare given name.
LINES = [
    "Poutine|Nous avancerons.",
    "M. Poutine|La paix viendra.",
    "Vladimir Poutine;person;le président russe,Vladimir|Rien ne change.",
    "V. Poutine|Nous verrons.",
    "Macron|Je ne céderai pas.",
    "Emmanuel Macron;person;Emmanuel,le président,E.M.,ce dernier|Nous tiendrons.",
    "Brigitte Macron|Je le soutiens.",
    "Me Philippe;person;Me|Mon client est innocent.",
    "M. Philippe|La réforme se fera.",
    "Édouard Philippe;person;le Premier ministre,Philippe|Le cap est fixé.",
    "Edouard Philippe|Le cap reste fixé.",
    "Philippe|J'étais là samedi.",
    "la même source|Rien n'est décidé.",
    "une source policière;person|Deux interpellations.",
    "la police;organisation;la même source|Le calme est revenu.",
    "AFP;media|Dépêche.",
    "l'AFP;media|Autre dépêche.",
    "Le Pen|Nous gagnerons.",
    "Marine Le Pen|Le peuple a parlé.",
    "Jean-Marie Le Pen|Je l'avais dit.",
    "22%;unknown|estiment que tout va mal.",
    "E.F.|Je préfère rester anonyme.",
    "les manifestants;group|Nous reviendrons.",
    "le Premier ministre|Le dialogue reste ouvert.",
]


def corpus(n: int = len(LINES)) -> list[dict]:
    """n articles cycling through LINES, so that names come back in later articles."""
    return [{"id": f"n-{i:03d}", "text": LINES[i % len(LINES)]} for i in range(n)]


def tables(store) -> dict[str, list[tuple]]:
    """Every row of the tables speaker ids live in, in a fixed order (surrogate keys left out)."""
    quote_cols = "article_id, position, speaker, speaker_id, speaker_type"
    return {
        "speakers": store._query("SELECT * FROM speakers ORDER BY id"),
        "speaker_words": store._query("SELECT * FROM speaker_words ORDER BY word, speaker_id"),
        "speaker_names": store._query("SELECT * FROM speaker_names ORDER BY type, name"),
        "quotes": store._query(f"SELECT {quote_cols} FROM quotes ORDER BY article_id, position"),
        "article_speakers": store._query("SELECT * FROM article_speakers ORDER BY article_id, position"),
    }


@pytest.fixture
def fresh_db(db, tmp_path, request):
    """Opens a new, empty database each call (another schema on PostgreSQL)."""
    made = []

    def make(i: int) -> str:
        if i == 0:
            return db
        if "pg_schema" in request.fixturenames:
            url = request.getfixturevalue("pg_schema_factory")()
            made.append(url)
            return url
        return str(tmp_path / f"store-{i}.db")

    return make


def ingest_runs(db: str, tmp_path, runs: list[list[dict]], batch_size: int, aliases=None) -> dict:
    with open_store(db) as store:
        for k, docs in enumerate(runs):
            source = write_jsonl(tmp_path / f"run-{db[-6:].replace('/', '_')}-{k}.jsonl", docs)
            report = ingest([str(source)], store, extract=said_by, batch_size=batch_size,
                            identity=speaker_identity(aliases))
            assert not report.skipped
        return tables(store)


def test_speaker_tables_do_not_depend_on_order_or_batches(fresh_db, tmp_path):
    docs = corpus(3 * len(LINES))
    expected = ingest_runs(fresh_db(0), tmp_path, [docs], batch_size=64)
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    variants = [
        ([docs[::-1]], 1),                      # reversed, one article per transaction
        ([shuffled], 3),                        # shuffled, small batches
        ([shuffled[:20], shuffled[20:]], 2),    # two runs: the second finds the first stored
        ([docs[40:], docs[:40]], 5),            # full names first, then the short ones
    ]
    for i, (runs, batch_size) in enumerate(variants, 1):
        assert ingest_runs(fresh_db(i), tmp_path, runs, batch_size) == expected, f"variant {i}"


def ids_by_name(store) -> dict[str, str | None]:
    return {a.quotes[0].speaker: a.quotes[0].speaker_id for a in store.articles() if a.quotes}


def test_speaker_ids_a_reader_accepts(make_store, tmp_path):
    store = make_store()
    ingest([str(write_jsonl(tmp_path / "in.jsonl", corpus()))], store, extract=said_by)
    ids = ids_by_name(store)
    assert ids["Poutine"] == ids["M. Poutine"] == ids["V. Poutine"] == "person:vladimir-poutine"
    assert ids["Macron"] == "person:macron"  # two Macrons: the bare surname stays apart
    assert ids["Me Philippe"] == "person:me-philippe"  # the lawyer is not the Prime Minister
    assert ids["M. Philippe"] == ids["Edouard Philippe"] == "person:edouard-philippe"
    assert ids["Marine Le Pen"] != ids["Jean-Marie Le Pen"] and ids["Le Pen"] == "person:le-pen"
    assert ids["AFP"] == ids["l'AFP"] == "media:afp"
    assert ids["la police"] == "organisation:police"
    for nobody in ("Philippe", "la même source", "une source policière", "22%", "E.F.",
                   "les manifestants", "le Premier ministre"):
        assert ids[nobody] is None, nobody
    philippe = store.get_speaker("person:edouard-philippe")
    assert philippe.name == "Édouard Philippe"
    assert "Me Philippe" not in philippe.aliases and "le Premier ministre" in philippe.aliases
    macron = store.get_speaker("person:emmanuel-macron")
    assert macron.aliases == ["le président"]  # no "Emmanuel", no initials, no "ce dernier"
    poutine = store.get_speaker("person:vladimir-poutine")
    assert poutine.name == "Vladimir Poutine" and "Vladimir" not in poutine.aliases
    assert store.get_speaker("organisation:police").aliases == []
    stored = {s for (s,) in store._query("SELECT id FROM speakers")}
    assert not any(s.endswith(("meme-source", "source-policiere", "philippe")) and s != "person:edouard-philippe"
                   and s != "person:me-philippe" for s in stored)


def test_an_alias_table_given_later_recomputes_every_id(fresh_db, tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text("alias,canonical,wikidata\nMacron,Emmanuel Macron,Q3052772\n", encoding="utf-8")
    docs = corpus()
    expected = ingest_runs(fresh_db(0), tmp_path, [docs], batch_size=64, aliases=table)
    # first without the table, then the rest with it: the store ends as if the table was always there
    with open_store(fresh_db(1)) as store:
        ingest([str(write_jsonl(tmp_path / "a.jsonl", docs[:10]))], store, extract=said_by)
        ingest([str(write_jsonl(tmp_path / "b.jsonl", docs[10:]))], store, extract=said_by,
               identity=speaker_identity(table))
        assert tables(store) == expected
        assert ids_by_name(store)["Macron"] == "person:emmanuel-macron"


def test_articles_stored_without_identity_are_given_ids_on_the_next_write(make_store, tmp_path):
    store = make_store()
    docs = corpus()
    store.put([said_by_article(d) for d in docs[:12]])  # ids as each article gives them
    assert ids_by_name(store)["Poutine"] == "person:poutine"
    ingest([str(write_jsonl(tmp_path / "b.jsonl", docs[12:]))], store, extract=said_by)
    assert ids_by_name(store)["Poutine"] == "person:vladimir-poutine"
    assert ids_by_name(store)["la même source"] is None


def said_by_article(doc: dict):
    from conftest import said_by_one
    from guillemet.record import Article

    return said_by_one(Article(text=doc["text"], id=doc["id"]))


KILLABLE = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from conftest import said_by, slow_extract
    from guillemet.ingest import ingest
    from guillemet.store import open_store

    with open_store(sys.argv[1]) as store:
        ingest([sys.argv[2]], store, extract=slow_extract({delay}, said_by), batch_size=4)
""")


def run_ingest(db: str, source: str, delay: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", KILLABLE.format(tests=str(TESTS), delay=delay), db, source])


def test_killed_ingests_rerun_give_the_speaker_tables_of_one_run(make_store, db, tmp_path, request):
    docs = corpus(4 * len(LINES))
    random.Random(3).shuffle(docs)
    source = str(write_jsonl(tmp_path / "in.jsonl", docs))
    reference_db = request.getfixturevalue("reference_db")
    assert run_ingest(reference_db, source, 0).wait(120) == 0
    with open_store(reference_db) as reference:
        expected = tables(reference)
    watcher = make_store()
    for stop_at in (12, 40):  # killed twice, at two points, then run to the end
        proc = run_ingest(db, source, 0.02)
        deadline = time.monotonic() + 60
        while watcher.counts()["articles"] < stop_at and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert 0 < watcher.counts()["articles"] < len(docs)
    assert run_ingest(db, source, 0).wait(120) == 0
    assert tables(watcher) == expected
