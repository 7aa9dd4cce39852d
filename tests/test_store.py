"""The store on an SQLite file: round trips, upserts, search, speakers, ingest reruns and kills.

tests/test_store_postgres.py runs these same tests against PostgreSQL by overriding the
``make_store`` fixture.
"""

from __future__ import annotations

import dataclasses

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_ARTICLES, TESTS, fake_extract, fake_extract_one, said_by, sample_articles, write_jsonl
from guillemet.errors import InputError
from guillemet.ingest import ingest
from guillemet.record import QUOTE_KINDS, Article, DateRef, NumberRef, Quote, Speaker, to_dict
from guillemet.store import SearchQuery, open_store


@pytest.fixture
def db(tmp_path) -> str:
    """The --db value of a fresh database."""
    return str(tmp_path / "store.db")


@pytest.fixture
def make_store(db):
    """Opens (or reopens) the test database; every store opened is closed after the test."""
    opened = []

    def make():
        opened.append(open_store(db))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


def dump(store) -> dict:
    """Everything a store holds, as plain data, for comparing two stores."""
    articles = {a.id: to_dict(a) for a in store.articles()}
    speaker_ids = sorted({q["speaker_id"] for a in articles.values() for q in a["quotes"] if q["speaker_id"]}
                         | {s["id"] for a in articles.values() for s in a["speakers"]})
    return {"counts": store.counts(), "articles": articles,
            "speakers": {i: to_dict(store.get_speaker(i)) for i in speaker_ids}}


def many_articles(n: int) -> list[dict]:
    """n distinct article dicts built from the samples (ids and dates vary)."""
    out = []
    for i in range(n):
        d = dict(SAMPLE_ARTICLES[i % len(SAMPLE_ARTICLES)])
        d["id"] = f"{d['id']}-{i:04d}"
        d["published"] = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(d)
    return out


# -- round trips -----------------------------------------------------------------------------

def test_sample_articles_round_trip(make_store, articles):
    store = make_store()
    store.put(articles)
    for article in articles:
        assert store.get_article(article.id) == article


spans = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000))
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
opt_texts = st.none() | texts
json_values = st.recursive(st.none() | st.booleans() | st.integers(-2**53, 2**53) | texts
                           | st.floats(allow_nan=False, allow_infinity=False),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                           max_leaves=6)
dates = st.builds(DateRef, span=spans, text=texts, value=opt_texts, end=opt_texts, part=opt_texts)
numbers = st.builds(NumberRef, span=spans, text=texts, unit=opt_texts,
                    value=st.floats(allow_nan=False, allow_infinity=False))
quotes = st.builds(Quote, kind=st.sampled_from(QUOTE_KINDS), content=spans, content_text=texts,
                   cue=st.none() | spans, cue_text=opt_texts, speaker_mention=st.none() | spans,
                   speaker_mention_text=opt_texts, speaker=opt_texts,
                   speaker_id=st.none() | st.sampled_from(["person:a", "person:b", "org:c"]),
                   speaker_type=st.sampled_from(["person", "unknown"]), confidence=st.floats(0, 1),
                   dates=st.lists(dates, max_size=2), numbers=st.lists(numbers, max_size=2))
speakers = st.builds(Speaker, id=st.sampled_from(["person:a", "person:b", "org:c"]), name=texts,
                     type=st.sampled_from(["person", "organisation"]), aliases=st.lists(texts, max_size=3),
                     wikidata=st.none() | st.just("Q42"))
records = st.builds(Article, text=texts, id=st.text("abcdef0123456789-", min_size=1, max_size=12),
                    url=opt_texts, outlet=opt_texts, published=st.none() | st.just("2023-05-01T10:00:00+02:00"),
                    lang=st.sampled_from(["fr", "en"]), title=opt_texts, urls=st.lists(texts, max_size=2),
                    status=st.sampled_from(["ok", "error"]), ignored=st.lists(spans, max_size=2),
                    quotes=st.lists(quotes, max_size=4), speakers=st.lists(speakers, max_size=3),
                    meta=st.dictionaries(texts, json_values, max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=records)
def test_store_then_load_gives_identical_records(make_store, article):
    store = make_store() if not hasattr(make_store, "one") else make_store.one
    make_store.one = store
    store.put([article])
    assert store.get_article(article.id) == article


# -- upsert ----------------------------------------------------------------------------------

def test_put_again_changes_nothing(make_store, articles):
    store = make_store()
    store.put(articles)
    before = dump(store)
    store.put(sample_articles())
    assert dump(store) == before
    assert before["counts"] == {"articles": 4, "quotes": 6, "speakers": 4}


def test_put_replaces_an_article_and_its_speakers(make_store, articles):
    store = make_store()
    store.put(articles)
    changed = articles[2]
    changed.quotes, changed.speakers = [], []
    store.put([changed])
    assert store.get_article(changed.id).quotes == []
    assert store.get_speaker("person:jeanne-leroy") is None  # quoted nowhere else any more
    assert store.counts()["quotes"] == 5


def test_speakers_merge_names_across_articles(make_store, articles):
    store = make_store()
    articles[1].speakers[0].aliases.append("la ministre")
    store.put(articles)
    claire = store.get_speaker("person:claire-martin")
    assert claire.name == "Claire Martin"
    assert claire.aliases == ["Martin", "la ministre"]
    profile = store.speaker_profile("person:claire-martin")
    assert (profile.quote_count, profile.article_count) == (2, 2)
    assert [w for w, n in profile.weekly if n] == ["2023-03-06", "2023-03-13"]
    assert [(i, n) for i, _, n in profile.alongside] == [("person:paul-durand", 2)]


def test_quote_without_speaker_id_is_stored_as_null(make_store):
    store = make_store()
    text = "« Rien n’est décidé », selon une source proche du dossier."
    article = Article(text=text, id="anon", quotes=[Quote(kind="direct", content=(2, 19), content_text=text[2:19])])
    store.put([article])
    assert store.get_article("anon").quotes[0].speaker_id is None
    assert store.counts()["speakers"] == 0


def test_speakers_without_an_id_get_no_speakers_row(make_store):
    store = make_store()
    text = "« Rien », a dit Anne."
    article = Article(text=text, id="noid", speakers=[Speaker(id="", name="Anne")],
                      quotes=[Quote(kind="direct", content=(2, 6), content_text="Rien", speaker="Anne", speaker_id="")])
    store.put([article])
    assert store.get_article("noid") == article
    assert store.counts()["speakers"] == 0


def test_reopening_keeps_everything(make_store, articles):
    make_store().put(articles)
    assert dump(make_store())["counts"]["articles"] == 4


# -- search ----------------------------------------------------------------------------------

SEARCHES = [
    # (filters, expected (article id, position) in result order)
    ({"q": "electricite"}, [("t-002", 0)]),                       # accents optional
    ({"q": "ÉCOLES"}, [("t-001", 0)]),                            # case and accents
    ({"q": "budget équilibré"}, [("t-001", 1)]),                  # all words
    ({"q": "promesse"}, [("t-001", 0)]),                          # plural found from singular
    ({"q": "budget illusion"}, []),
    ({"q": "code"}, [("t-004", 0)]),
    ({"speaker": "person:paul-durand"}, [("t-002", 1), ("t-001", 0)]),
    ({"speaker": "Claire Martin"}, [("t-002", 0), ("t-001", 1)]),  # by name too
    ({"outlet": "autre.be"}, [("t-004", 0), ("t-003", 0)]),
    ({"kind": "indirect"}, []),
    ({"since": "2023-03-10", "until": "2023-04-05"}, [("t-003", 0), ("t-002", 0), ("t-002", 1)]),
    ({"q": "\"AND (NEAR*"}, []),                                  # FTS syntax is just text
    ({"q": "   "}, [("t-004", 0), ("t-003", 0), ("t-002", 0), ("t-002", 1), ("t-001", 0), ("t-001", 1)]),
]


@pytest.mark.parametrize("filters,expected", SEARCHES)
def test_search(make_store, articles, filters, expected):
    store = make_store()
    store.put(articles)
    result = store.search(SearchQuery(**filters))
    assert [(h.article_id, h.position) for h in result.items] == expected
    assert result.total == len(expected)


def test_search_pages_and_counts(make_store, articles):
    store = make_store()
    store.put(articles)
    page = store.search(SearchQuery(limit=2, offset=3))
    assert page.total == 6
    assert [(h.article_id, h.position) for h in page.items] == [("t-002", 1), ("t-001", 0)]
    assert page.items[0].outlet == "exemple.fr" and page.items[0].title == "Débat sur l’énergie"
    assert len(list(store.search_all(SearchQuery(), page_size=4))) == 6


@pytest.mark.parametrize("filters,message", [
    ({"kind": "shouted"}, "not a quote kind"),
    ({"since": "last week"}, "not a date"),
    ({"limit": 0}, "out of range"),
    ({"offset": -1}, "negative"),
])
def test_search_rejects_bad_filters(make_store, filters, message):
    with pytest.raises(InputError, match=message):
        make_store().search(SearchQuery(**filters))


# -- ingest ----------------------------------------------------------------------------------

def test_ingest_rerun_adds_nothing(make_store, tmp_path):
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(30)))
    store = make_store()
    first = ingest([source], store, extract=fake_extract, batch_size=7)
    before = dump(store)
    assert (first.read, first.stored, first.already_present, first.skipped) == (30, 30, 0, [])
    assert first.quotes == before["counts"]["quotes"] == 46
    extracted = []
    second = ingest([source], store, extract=lambda arts: fake_extract(extracted.extend(arts) or extracted))
    assert (second.read, second.stored, second.already_present) == (30, 0, 30)
    assert extracted == []  # nothing already stored is extracted again
    assert dump(store) == before


def speaker_ids(store) -> dict[str, str]:
    return {a.id: a.quotes[0].speaker_id for a in store.articles()}


def test_speaker_ids_join_across_articles_and_runs(make_store, tmp_path):
    from guillemet.ingest import speaker_identity

    store = make_store()
    first = write_jsonl(tmp_path / "1.jsonl", [{"id": "a1", "text": "Poutine|Nous avancerons."}])
    ingest([str(first)], store, extract=said_by, identity=speaker_identity())
    assert speaker_ids(store) == {"a1": "person:poutine"}
    # a later run brings the full name: the stored quote moves to it, one speaker remains
    second = write_jsonl(tmp_path / "2.jsonl", [{"id": "a2", "text": "Vladimir Poutine|La paix viendra."},
                                                {"id": "a3", "text": "Poutine|Rien ne change."}])
    ingest([str(second)], store, extract=said_by, identity=speaker_identity())
    assert speaker_ids(store) == {"a1": "person:vladimir-poutine", "a2": "person:vladimir-poutine",
                                  "a3": "person:vladimir-poutine"}
    speaker = store.get_speaker("person:vladimir-poutine")
    assert speaker.name == "Vladimir Poutine" and "Poutine" in speaker.aliases
    assert store.get_speaker("person:poutine") is None
    # two people with that surname contradict each other: the bare surname keeps its own id
    third = write_jsonl(tmp_path / "3.jsonl", [{"id": "b1", "text": "Emmanuel Macron|Oui."},
                                               {"id": "b2", "text": "Brigitte Macron|Non."},
                                               {"id": "b3", "text": "Macron|Peut-être."}])
    ingest([str(third)], store, extract=said_by, identity=speaker_identity())
    ids = speaker_ids(store)
    assert (ids["b1"], ids["b2"], ids["b3"]) == ("person:emmanuel-macron", "person:brigitte-macron", "person:macron")


def test_alias_table_merges_speakers_on_ingest(make_store, tmp_path):
    from guillemet.ingest import speaker_identity

    table = tmp_path / "aliases.csv"
    table.write_text("alias,canonical,wikidata\nLe maître du Kremlin,Vladimir Poutine,Q7747\n", encoding="utf-8")
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "k1", "text": "Le maître du Kremlin|Assez."}])
    store = make_store()
    ingest([str(source)], store, extract=said_by, identity=speaker_identity(table))
    assert speaker_ids(store) == {"k1": "person:vladimir-poutine"}
    assert store.get_speaker("person:vladimir-poutine").wikidata == "Q7747"


def test_ingest_skips_bad_documents_and_keeps_the_rest(make_store, tmp_path):
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(b'{"id": "ok-1", "text": "\xc2\xab Oui \xc2\xbb, a dit Anne Roux."}\n'
                       b'{"id": "bad", "text": \n'
                       b'{"id": "notext"}\n'
                       b'{"id": "ok-1", "text": "doublon"}\n')

    def failing(articles):
        for a in fake_extract(articles):
            yield a

    report = ingest([str(source), str(tmp_path / "missing.jsonl")], make_store(), extract=failing)
    assert report.stored == 1 and report.already_present == 1
    reasons = report.skipped_by_reason()
    assert len(report.skipped) == 3
    assert any("not valid JSON" in r for r in reasons) and any("cannot read" in r for r in reasons)


def test_ingest_skips_articles_the_extractor_marks_bad(make_store, tmp_path):
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(3)))

    def broken(articles):
        for a in fake_extract(articles):
            if a.id.endswith("1"):
                a.status, a.meta["error"] = "error", "ValueError: boom"
            yield a

    report = ingest([source], make_store(), extract=broken)
    assert report.stored == 2
    assert report.skipped == [("t-002-0001", "error: ValueError: boom")]


def test_sharded_ingest_into_a_store_skips_what_it_holds(make_store, tmp_path):
    from guillemet.ingest import StoreShards, ingest_shards, local_shard_stage

    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(20)))
    store = make_store()
    first = ingest_shards([source], StoreShards(store), local_shard_stage(fake_extract), shard_size=6)
    before = dump(store)
    assert (first.read, first.stored, first.shards_written, first.skipped) == (20, 20, 4, [])
    assert first.quotes == before["counts"]["quotes"] == 30
    extracted = []
    again = ingest_shards([source], StoreShards(store),
                          local_shard_stage(lambda arts: fake_extract(extracted.extend(arts) or extracted)),
                          shard_size=6)
    assert (again.read, again.stored, again.already_present, again.shards_written) == (20, 0, 20, 0)
    assert extracted == []  # stored articles never reach a shard
    assert dump(store) == before


KILLABLE = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from conftest import slow_extract
    from guillemet.ingest import ingest
    from guillemet.store import open_store

    with open_store(sys.argv[1]) as store:
        ingest([sys.argv[2]], store, extract=slow_extract({delay}), batch_size=8)
""")


def run_ingest(db: str, source: str, delay: float) -> subprocess.Popen:
    script = KILLABLE.format(tests=str(TESTS), delay=delay)
    return subprocess.Popen([sys.executable, "-c", script, db, source])


def test_killed_ingest_rerun_equals_uninterrupted(make_store, db, tmp_path, request):
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(120)))
    reference_db = request.getfixturevalue("reference_db")
    assert run_ingest(reference_db, source, 0).wait(120) == 0
    with open_store(reference_db) as reference:
        expected = dump(reference)

    proc = run_ingest(db, source, 0.03)
    watcher = make_store()
    deadline = time.monotonic() + 60
    while watcher.counts()["articles"] < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)  # kill -9, mid-batch
    proc.wait()
    killed_at = watcher.counts()["articles"]
    assert 0 < killed_at < 120 and killed_at % 8 == 0  # whole batches only
    assert run_ingest(db, source, 0).wait(120) == 0
    assert dump(watcher) == expected


@pytest.fixture
def reference_db(tmp_path) -> str:
    """A second database for an uninterrupted run."""
    return str(tmp_path / "reference.db")


def test_cli_ingest_then_export(tmp_path, monkeypatch, db):
    from click.testing import CliRunner

    import guillemet.ingest
    from guillemet.cli.export import command as export
    from guillemet.cli.ingest import command as ingest_cmd

    monkeypatch.setattr(guillemet.ingest, "default_extract_stage", lambda *args, **kwargs: fake_extract)
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(8)))
    runner = CliRunner()
    first = runner.invoke(ingest_cmd, [source, "--db", db, "--batch-size", "3"])
    assert first.exit_code == 0, first.output
    assert "stored 8 (12 quotes)" in first.output
    again = runner.invoke(ingest_cmd, [source, "--db", db])
    assert again.exit_code == 0 and "stored 0" in again.output and "already present 8" in again.output
    bad = runner.invoke(ingest_cmd, [str(tmp_path / "missing.jsonl"), "--db", db])
    assert bad.exit_code == 1 and "cannot read file" in bad.output
    out = runner.invoke(export, ["--db", db, "--format", "csv", "--speaker", "person:marc-petit"])
    assert out.exit_code == 0
    lines = out.output.strip().splitlines()
    assert lines[0].startswith("article_id,position,published") and len(lines) == 3
    assert "<script>" in lines[1]  # exported as data, verbatim
    jsonl = runner.invoke(export, ["--db", db, "-q", "electricite"])
    assert jsonl.exit_code == 0 and len(jsonl.output.splitlines()) == 2


def _real_extractor_or_skip():
    try:
        from guillemet.pipeline import analyse_doc  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the extractor is not available yet ({exc})")


def test_ingest_with_the_real_extractor(make_store, tmp_path):
    _real_extractor_or_skip()
    docs = [{"id": "e2e-1", "published": "2023-06-02", "outlet": "exemple.fr",
             "text": "« Nous ne céderons pas », a déclaré vendredi le ministre Paul Durand devant les députés."}]
    store = make_store()
    report = ingest([str(write_jsonl(tmp_path / "in.jsonl", docs))], store)
    assert report.stored == 1 and not report.skipped
    stored = store.get_article("e2e-1")
    assert stored.quotes and stored.quotes[0].content_text == "Nous ne céderons pas"
    assert store.search(SearchQuery(q="cederons")).total == 1


CONCURRENT = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {tests!r})
    from conftest import slow_extract
    from guillemet.ingest import ingest
    from guillemet.store import open_store

    def noting(articles):
        for article in articles:
            with open(sys.argv[3], "a") as log:
                log.write(article.id + "\\n")
            while sys.argv[4] and not os.path.exists(sys.argv[4]):
                time.sleep(0.01)  # hold the first batch until the test lets go
            yield article

    with open_store(sys.argv[1]) as store:
        report = ingest([sys.argv[2]], store, extract=slow_extract(0.005, noting), batch_size=8,
                        on_wait=lambda: print("waiting", flush=True))
    print("stored", report.stored, "present", report.already_present, flush=True)
""")


def test_a_second_concurrent_ingest_extracts_nothing_the_first_stores(make_store, db, tmp_path):
    source = str(write_jsonl(tmp_path / "in.jsonl", many_articles(60)))
    logs, release = [tmp_path / "first.log", tmp_path / "second.log"], tmp_path / "release"
    script = CONCURRENT.format(tests=str(TESTS))
    first = subprocess.Popen([sys.executable, "-c", script, db, source, str(logs[0]), str(release)],
                             stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (logs[0].exists() and logs[0].read_text()) and time.monotonic() < deadline:
        time.sleep(0.02)  # the first one is extracting (and held)
    second = subprocess.Popen([sys.executable, "-c", script, db, source, str(logs[1]), ""],
                              stdout=subprocess.PIPE, text=True)
    assert second.stdout.readline().strip() == "waiting"  # it found the first one at work
    release.touch()
    out = [first.communicate(timeout=120)[0], second.communicate(timeout=120)[0]]
    assert first.returncode == second.returncode == 0
    assert "stored 60 present 0" in out[0]
    assert "stored 0 present 60" in out[1]
    assert not logs[1].exists() or logs[1].read_text() == ""  # the second extracted nothing
    assert make_store().counts()["articles"] == 60


# -- search at scale: the page plans and the counts kept by the store -------------------------

def test_pages_in_both_plans_are_in_the_order_of_the_records(make_store):
    """Many hits: the page walks articles newest first; few: it sorts them. Same order either
    way, articles without a date last, and totals the store keeps are exact after upserts."""
    store = make_store()
    articles = [fake_extract_one(Article(**d)) for d in many_articles(60)]
    articles[7].published = None
    store.put(articles)
    store.put([fake_extract_one(Article(**many_articles(60)[3]))])  # an upsert changes no count
    expected = sorted(((a.published is None, "" if a.published is None else a.published, a.id, i)
                       for a in articles for i, _ in enumerate(a.quotes)),
                      key=lambda k: (k[0], [-ord(c) for c in k[1]], k[2], k[3]))
    expected = [(k[2], k[3]) for k in expected]
    assert store.quote_total() == len(expected) == store.counts()["quotes"]
    for limit, offset in ((5, 0), (7, 20), (50, 60), (90, 0)):  # walks (few per page), then sorts
        page = store.search(SearchQuery(limit=limit, offset=offset))
        assert page.total == len(expected)
        assert [(h.article_id, h.position) for h in page.items] == expected[offset:offset + limit]
    assert store.search(SearchQuery(outlet="exemple.fr")).total == sum(
        len(a.quotes) for a in articles if a.outlet == "exemple.fr")
    may = store.search(SearchQuery(since="2023-05-01", until="2023-05-31", limit=100))
    assert may.total == len(may.items) == sum(len(a.quotes) for a in articles
                                              if a.published and "2023-05-01" <= a.published <= "2023-05-31")


def test_a_store_from_an_earlier_version_is_brought_up_to_date(make_store, db):
    """No per-article quote counts, no kept total, the old indexes: opening it migrates it."""
    store = make_store()
    store.put(sample_articles())
    with store.transaction() as cur:
        for name in ("articles_newest", "articles_outlet_newest"):
            cur.execute(f"DROP INDEX {name}")
        cur.execute("CREATE INDEX articles_published ON articles (published)")
        cur.execute("ALTER TABLE articles DROP COLUMN quote_count")
        cur.execute("DELETE FROM guillemet_meta")
    store.close()
    reopened = make_store()
    assert reopened.search(SearchQuery(outlet="autre.be")).total == 2
    assert reopened.quote_total() == 6
    assert reopened.search(SearchQuery(since="2023-03-10")).total == 4


# -- a newsroom's questions: ranking, stemming, speakers, facets, gender, quote groups ----------

def quoted(article_id: str, outlet: str, published: str, *said: tuple[str, str, str]) -> Article:
    """An article whose text is its quotes: (speaker name, words, mention) each, direct."""
    text, quotes, speakers = "", [], {}
    for name, words, mention in said:
        text += "« "
        start = len(text)
        text += words
        end = len(text)
        text += " », a dit " + mention + ".\n"
        sid = "person:" + "-".join(name.lower().replace("é", "e").split())
        m_start = text.index(mention, end)
        quotes.append(Quote(kind="direct", content=(start, end), content_text=words, speaker=name,
                            speaker_id=sid, speaker_type="person", speaker_mention=(m_start, m_start + len(mention)),
                            speaker_mention_text=mention, confidence=0.9))
        speakers.setdefault(sid, Speaker(id=sid, name=name, type="person"))
    return Article(text=text, id=article_id, outlet=outlet, published=published, title=f"Article {article_id}",
                   quotes=quotes, speakers=list(speakers.values()))


WIRE = "Nous ne céderons pas au chantage des transporteurs"


@pytest.fixture
def newsroom() -> list[Article]:
    """Our own sentences: a wire quote republished, a variant, strikes, a woman, a man."""
    return [
        quoted("n-1", "Ouest-Matin.fr", "2024-03-10",
               ("Emmanuel Macron", WIRE, "Emmanuel Macron"),
               ("Claire Martin", "La grève des dockers continue", "Claire Martin")),
        quoted("n-2", "lecourrier.be", "2024-03-11",
               ("Emmanuel Macron", WIRE, "il"),
               ("Claire Martin", "Les grèves se multiplient, la grève durera", "elle")),
        quoted("n-3", "ouest-matin.fr", "2024-04-02",
               ("Emmanuel Macron", "Nous ne céderons jamais au chantage des transporteurs", "le président"),
               ("Mme Dupont", "Le port reste fermé", "Mme Dupont")),
        quoted("n-4", "lecourrier.be", "2024-04-05",
               ("Brigitte Macron", "Le pouvoir d'achat des familles baisse", "Brigitte Macron"),
               ("Paul Durand", "Une manifestation est prévue au port", "Paul Durand")),
    ]


TEXT_SEARCHES = [
    # (q, expected article ids: a list in relevance order, a set where the order is bm25's call)
    ("grève", ["n-2", "n-1"]),                      # every form; more occurrences rank first
    ("greves", ["n-2", "n-1"]),                     # accents optional, plural finds singular
    ("GRÈVE dockers", ["n-1"]),                     # all words
    ('"pouvoir d\'achat"', ["n-4"]),                # phrase
    ('"achat pouvoir"', []),                        # a phrase keeps its order
    ("grève OR manifestation", {"n-2", "n-1", "n-4"}),
    ("port NOT manifestation", ["n-3"]),
    ("port -manifestation", ["n-3"]),
    ("transport*", {"n-1", "n-2", "n-3"}),          # prefix
    ("la des", []),                                 # only common words: nothing to look for
]


@pytest.mark.parametrize("q,expected", TEXT_SEARCHES)
def test_text_search_stems_phrases_or_not(make_store, newsroom, q, expected):
    store = make_store()
    store.put(newsroom)
    hits = [h.article_id for h in store.search(SearchQuery(q=q)).items]
    assert (set(hits) if isinstance(expected, set) else hits) == expected
    assert len(hits) == len(expected)


def test_not_alone_excludes(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    result = store.search(SearchQuery(q="NOT grève"))
    assert result.total == 6 and all("grève" not in h.quote.content_text for h in result.items)


def test_sort_by_date_and_highlights(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    by_date = store.search(SearchQuery(q="grève OR manifestation", sort="date")).items
    assert [h.article_id for h in by_date] == ["n-4", "n-2", "n-1"]
    hit = store.search(SearchQuery(q="grève")).items[0]
    text = hit.quote.content_text
    assert [text[s:e] for s, e in hit.highlights] == ["grèves", "grève"]
    phrase = store.search(SearchQuery(q='"pouvoir d\'achat"')).items[0]
    assert [phrase.quote.content_text[s:e] for s, e in phrase.highlights] == ["pouvoir", "d", "achat"]
    with pytest.raises(InputError, match="not an order"):
        store.search(SearchQuery(sort="loudest"))


@pytest.mark.parametrize("speaker,expected", [
    ("person:emmanuel-macron", {"person:emmanuel-macron"}),
    ("Emmanuel Macron", {"person:emmanuel-macron"}),
    ("emmanuel macron", {"person:emmanuel-macron"}),
    ("Macron", {"person:emmanuel-macron", "person:brigitte-macron"}),   # a surname: both
    ("MACRÓN", {"person:emmanuel-macron", "person:brigitte-macron"}),   # case and accents folded
    ("Emmanuel", {"person:emmanuel-macron"}),                           # part of a name
    ("Brigi", {"person:brigitte-macron"}),                              # the start of one
    ("Martine", set()),
])
def test_speaker_filter_by_name_part(make_store, newsroom, speaker, expected):
    store = make_store()
    store.put(newsroom)
    hits = store.search(SearchQuery(speaker=speaker, limit=100)).items
    assert {h.quote.speaker_id for h in hits} == expected


def _word_index_holds(store) -> bool:
    """speaker_words is exactly the words of every speaker's names_folded."""
    expected = {(w, sid) for sid, folded in store._query("SELECT id, names_folded FROM speakers")
                for w in (folded or "").replace(",", " ").split()}
    return set(store._query("SELECT word, speaker_id FROM speaker_words")) == expected


def test_speaker_words_follow_the_speakers(db, make_store, newsroom):
    """A name filter reads the word index; it follows every change of a speaker's names, and
    a store made before it gets it on opening (read-only: the names are read as before)."""
    store = make_store()
    store.put(newsroom)
    assert _word_index_holds(store)
    assert store.speaker_ids_for("brig macr") == ["person:brigitte-macron"]  # starts of words
    renamed = [dataclasses.replace(newsroom[0], speakers=[dataclasses.replace(s, name=s.name + " Junior")
                                                          for s in newsroom[0].speakers])]
    store.put(renamed)  # the article's speakers change: their rows and words are rewritten
    assert _word_index_holds(store)
    expected = {sid: sorted(store.speaker_ids_for(name)) for sid, name in store._query("SELECT id, name FROM speakers")}
    with store.transaction() as cur:  # as an older guillemet left it
        cur.execute("DROP TABLE speaker_words")
    store.close()
    reader = open_store(db, readonly=True)
    try:
        assert not reader.has_speaker_words
        assert {sid: sorted(reader.speaker_ids_for(name)) for sid, name in
                reader._query("SELECT id, name FROM speakers")} == expected
    finally:
        reader.close()
    reopened = make_store()
    assert _word_index_holds(reopened)
    assert {sid: sorted(reopened.speaker_ids_for(name)) for sid, name in
            reopened._query("SELECT id, name FROM speakers")} == expected


def test_outlet_filter_ignores_case(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    assert store.search(SearchQuery(outlet="OUEST-MATIN.FR")).total == 4
    assert store.search(SearchQuery(outlet="ouest-matin.fr")).total == 4


def test_speakers_ranked_found_and_filtered(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    total, listed = store.list_speakers()
    assert total == 5
    assert [(s.speaker.name, s.quote_count, s.article_count) for s in listed[:2]] == [
        ("Emmanuel Macron", 3, 3), ("Claire Martin", 2, 2)]
    assert [s.speaker.id for s in store.list_speakers(q="macr")[1]] == ["person:emmanuel-macron",
                                                                       "person:brigitte-macron"]
    assert [s.speaker.id for s in store.list_speakers(q="CLAI mar")[1]] == ["person:claire-martin"]
    by_outlet = store.list_speakers(outlet="LECOURRIER.BE")[1]
    assert [(s.speaker.id, s.quote_count) for s in by_outlet][:2] == [("person:brigitte-macron", 1),
                                                                     ("person:claire-martin", 1)]
    assert store.list_speakers(type="organisation") == (0, [])
    assert store.find_speaker("Emmanuel Macron").id == "person:emmanuel-macron"
    assert store.find_speaker("emmanuel MACRON").id == "person:emmanuel-macron"
    assert store.find_speaker("Macron").id == "person:emmanuel-macron"  # the most quoted Macron
    assert store.find_speaker("Personne Inconnue") is None


def test_speaker_profile_lists_outlets(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    profile = store.speaker_profile("person:emmanuel-macron")
    assert profile.outlets == [("Ouest-Matin.fr", 1), ("lecourrier.be", 1), ("ouest-matin.fr", 1)]


def test_facets_count_a_search(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    facets = store.facets(SearchQuery(q="grève OR chantage OR port"))
    assert [(f.value, f.label, f.count) for f in facets.speaker] == [
        ("person:emmanuel-macron", "Emmanuel Macron", 3), ("person:claire-martin", "Claire Martin", 2),
        ("person:mme-dupont", "Mme Dupont", 1), ("person:paul-durand", "Paul Durand", 1)]
    assert [(f.value, f.count) for f in facets.outlet] == [("lecourrier.be", 3), ("Ouest-Matin.fr", 2),
                                                          ("ouest-matin.fr", 2)]
    assert [(f.value, f.count) for f in facets.kind] == [("direct", 7)]
    assert [(f.value, f.count) for f in facets.speaker_type] == [("person", 7)]
    assert [(f.value, f.count) for f in facets.month] == [("2024-03", 4), ("2024-04", 3)]


def test_store_facets_read_off_the_tally_equal_counting_the_quotes(make_store, newsroom):
    """Facets of every quote come from the tally put() keeps: the same values and order as
    counting the quotes, after articles are replaced, and in a store made before the tally."""
    store = make_store()
    store.put(newsroom)

    def counted(top: int = 10):
        store.has_tally = False  # what a store without the tally does: count the quotes
        try:
            return store.facets(SearchQuery(), top=top)
        finally:
            store.has_tally = True

    assert store.facets(SearchQuery()) == counted()
    assert store.facets(SearchQuery(), top=2) == counted(top=2)
    assert sum(v.count for v in store.facets(SearchQuery()).kind) == store.quote_total() == 8
    # an article replaced under its id: its old outlet, month, kinds leave the tally
    moved = dataclasses.replace(newsroom[3], outlet="Autre.net", published="2025-01-09",
                                quotes=[dataclasses.replace(q, kind="indirect") for q in newsroom[3].quotes[:1]])
    store.put([moved])
    facets = store.facets(SearchQuery())
    assert facets == counted()
    assert {v.value for v in facets.month} == {"2024-03", "2024-04", "2025-01"}
    assert ("Autre.net", 1) in [(v.value, v.count) for v in facets.outlet]
    assert sum(v.count for v in facets.kind) == store.quote_total() == 7
    # a store made before the tally: it is counted when the store is opened
    with store.transaction() as cur:
        cur.execute("DELETE FROM quote_tally")
    assert make_store().facets(SearchQuery()) == facets


def test_facets_of_a_search_count_its_quotes(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    facets = store.facets(SearchQuery(q="grève OR chantage OR port"))
    assert [(v.value, v.count) for v in facets.speaker] == [("person:emmanuel-macron", 3),
                                                           ("person:claire-martin", 2),
                                                           ("person:mme-dupont", 1), ("person:paul-durand", 1)]
    assert [(v.value, v.count) for v in facets.month] == [("2024-03", 4), ("2024-04", 3)]
    outlet = store.facets(SearchQuery(outlet="lecourrier.be"))
    assert sorted((v.value, v.count) for v in outlet.outlet) == [("lecourrier.be", 4)]


def test_gender_from_given_names_and_pronouns_never_a_title(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    assert store.get_speaker("person:claire-martin").gender == "female"
    assert store.get_speaker("person:claire-martin").gender_evidence.female_pronouns == 1
    assert store.get_speaker("person:emmanuel-macron").gender == "male"
    assert store.get_speaker("person:mme-dupont").gender == "unknown"  # a title alone
    overview = store.gender_overview()
    assert (overview.overall.female, overview.overall.male, overview.overall.unknown) == (3, 4, 1)
    months = {m.key: (m.female, m.male, m.unknown) for m in overview.months}
    assert months == {"2024-03": (2, 2, 0), "2024-04": (1, 2, 1)}
    outlets = {o.key: (o.female, o.male, o.unknown) for o in overview.outlets}
    assert outlets["lecourrier.be"] == (2, 2, 0)
    since = store.gender_overview(SearchQuery(since="2024-04-01"))
    assert since.overall.total == 4


def test_one_quote_with_all_its_occurrences_and_a_variant(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    page = store.quote_groups(SearchQuery(q="chantage"))
    assert page.total == 2  # the wire quote (twice) and its variant
    wire = page.items[0]
    assert (wire.content_text, wire.count, wire.first_seen, wire.last_seen) == (WIRE, 2, "2024-03-10", "2024-03-11")
    assert wire.outlets == ["Ouest-Matin.fr", "lecourrier.be"]
    assert [(o.article_id, o.position) for o in wire.occurrences] == [("n-1", 0), ("n-2", 0)]
    assert [v.content_text for v in wire.variants] == ["Nous ne céderons jamais au chantage des transporteurs"]
    assert 0.6 <= wire.variants[0].similarity < 1
    variant = page.items[1]
    assert variant.count == 1 and [v.key for v in variant.variants] == [wire.key]
    again = store.quote_group(wire.key, "person:emmanuel-macron")
    assert again.count == 2 and again.occurrences == wire.occurrences
    # quotes of other speakers are no variants, however close
    assert store.quote_groups(SearchQuery(speaker="Brigitte Macron")).items[0].variants == []


def test_variants_follow_the_store_as_it_grows(make_store, newsroom):
    # a speaker's quotes are read once and kept for the next searches: a quote added later
    # must still show as a variant
    store = make_store()
    store.put(newsroom[:2])
    wire = store.quote_groups(SearchQuery(q="chantage")).items[0]
    assert wire.variants == []
    store.put(newsroom[2:])
    wire = store.quote_groups(SearchQuery(q="chantage")).items[0]
    assert [v.content_text for v in wire.variants] == ["Nous ne céderons jamais au chantage des transporteurs"]


def test_a_store_from_before_gets_the_new_columns(make_store, newsroom):
    store = make_store()
    store.put(newsroom)
    with store.transaction() as cur:
        cur.execute("DROP INDEX IF EXISTS quotes_text_key")
        cur.execute("DROP INDEX IF EXISTS speakers_quote_count")
        for table, column in (("quotes", "text_key"), ("speakers", "quote_count"), ("speakers", "names_folded"),
                              ("speakers", "gender"), ("speakers", "gender_evidence")):
            cur.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    store.close()
    reopened = make_store()
    assert reopened.quote_groups(SearchQuery(q="chantage")).items[0].count == 2
    assert reopened.list_speakers(q="macr")[1][0].quote_count == 3
    assert reopened.get_speaker("person:claire-martin").gender == "female"


def test_an_sqlite_store_from_before_gets_the_stemmed_index(make_store, newsroom):
    store = make_store()
    if store.placeholder != "?":
        pytest.skip("SQLite's full-text index only")
    store.put(newsroom)
    with store.transaction() as cur:  # the index an older guillemet made: content_text, unstemmed
        for name in ("quotes_stems_insert", "quotes_stems_delete"):
            cur.execute(f"DROP TRIGGER {name}")
        cur.execute("DROP TABLE quotes_fts")
        cur.execute("CREATE VIRTUAL TABLE quotes_fts USING fts5(content_text, content='quotes', "
                    "content_rowid='qid', tokenize='unicode61 remove_diacritics 2')")
        cur.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    store.close()
    reopened = make_store()
    assert reopened.search(SearchQuery(q="grève")).total == 2  # « grèves » too, stemmed
    reopened.put([quoted("n-5", "x.fr", "2024-05-01", ("Paul Durand", "Les grévistes et la grève", "Paul Durand"))])
    assert reopened.search(SearchQuery(q="grève")).total == 3


# -- counts per common word (guillemet.store.words) -----------------------------------------------

STRIKES = [  # (speaker, words): "grève" once or twice, in quotes short and long
    ("Claire Martin", "La grève continue"),
    ("Claire Martin", "Grève, grève et encore grève"),
    ("Paul Durand", "Nous soutenons la grève des dockers du port de Brest depuis le premier jour"),
    ("Paul Durand", "Une grève"),
    ("Sophie Leroy", "Les grèves se multiplient et chaque grève coûte cher aux familles du quartier"),
    ("Sophie Leroy", "Le port est fermé"),
    ("Emmanuel Macron", "Cette grève doit cesser"),
    ("Emmanuel Macron", "La grève, je la comprends, mais le port doit rouvrir avant le prochain été"),
    ("Paul Durand", "Grève illimitée"),
    ("Claire Martin", "Nos grèves sont justes"),
]


def strike_articles(order: int = 1) -> list[Article]:
    """Ten articles of two quotes each, over three outlets and four months (reversed: -1)."""
    out = []
    for i in range(10):
        a, b = STRIKES[i], STRIKES[(i * 3 + 1) % len(STRIKES)]
        outlet = ("Ouest-Matin.fr", "lecourrier.be", "brest-infos.fr")[i % 3]
        out.append(quoted(f"s-{i}", outlet, f"2024-0{1 + i % 4}-1{i % 10}", (a[0], a[1], a[0]), (b[0], b[1], "il")))
    return out[::order]


@pytest.fixture
def counted_words(monkeypatch):
    """Stores opened in this test count "grève" and "port" as common words."""
    from guillemet.store import words

    stems = frozenset({"grev", "port"})
    monkeypatch.setattr(words, "common_stems", lambda: stems)
    return stems


def visiting(store, method, query):
    """What a search gives when it visits the matches (no word counts)."""
    store.has_word_counts = False
    try:
        return method(query)
    finally:
        store.has_word_counts = True


def word_rows(store) -> dict:
    """The word counts a store keeps, without the quote keys (those follow the order of writes)."""
    return {t: sorted(store._query(f"SELECT {cols} FROM {t}")) for t, cols in (
        ("word_tally", "stem, facet, value, n"), ("word_speakers", "stem, speaker_type, speaker, n"),
        ("word_lengths", "stem, tf, dl, n"), ("word_best", "stem, tf, dl, published, article_id, position"),
        ("word_repeats", "stem, text_key"))}


def test_one_common_word_is_ranked_and_faceted_from_its_counts_as_by_visiting(make_store, counted_words):
    from guillemet.ingest import speaker_identity

    store = make_store()
    store.put(strike_articles(), speaker_identity())
    for q in ("grève", "grèves", "port"):
        facets = store.facets(SearchQuery(q=q))
        assert facets == visiting(store, store.facets, SearchQuery(q=q)), q
        assert sum(v.count for v in facets.kind) == store.search(SearchQuery(q=q)).total
        for offset, limit in ((0, 20), (0, 3), (2, 4), (5, 5), (9, 20), (40, 5)):
            query = SearchQuery(q=q, offset=offset, limit=limit)
            assert ([h.quote.content_text for h in store.search(query).items]
                    == [h.quote.content_text for h in visiting(store, store.search, query).items]), (q, offset, limit)
    assert [v.count for v in store.facets(SearchQuery(q="grève")).speaker][:1] == [6]
    # the counts served the first page (a backend that ranks otherwise visits the matches)
    query = SearchQuery(q="grève").checked()
    total = store.search(query).total
    assert store._word_page("grev", store._filtered(query), total, 0, 5) is not None
    # any other search visits the matches
    assert store._counted_stem(SearchQuery(q="grève", outlet="lecourrier.be")) is None
    assert store._counted_stem(SearchQuery(q="grève dockers")) is None
    assert store._counted_stem(SearchQuery(q="dockers")) is None


def test_word_counts_follow_replaced_articles_and_not_the_order_of_writes(make_store, counted_words, tmp_path, db):
    from guillemet.ingest import speaker_identity

    store = make_store()
    store.put(strike_articles(), speaker_identity())
    # an article replaced under its id: its old quotes leave the counts
    changed = dataclasses.replace(strike_articles()[1], outlet="Autre.net", published="2025-01-09")
    changed.quotes[0] = dataclasses.replace(changed.quotes[0], kind="indirect")
    store.put([changed], speaker_identity())
    for q in ("grève", "port"):
        assert store.facets(SearchQuery(q=q)) == visiting(store, store.facets, SearchQuery(q=q))
    assert ("Autre.net", 2) in [(v.value, v.count) for v in store.facets(SearchQuery(q="grève")).outlet]
    # the same articles written in another order and other batches: the same counts
    other = open_store(str(tmp_path / "other.db"))  # SQLite beside either backend
    try:
        later = [a if a.id != changed.id else changed for a in strike_articles(-1)]
        for i in range(0, len(later), 3):
            other.put(later[i:i + 3], speaker_identity())
        assert word_rows(other) == word_rows(store)
    finally:
        other.close()
    # a store whose counts were made for other stems (or an older one) is counted again when opened
    kept = word_rows(store)
    with store.transaction() as cur:
        cur.execute("DELETE FROM word_tally")
        cur.execute("DELETE FROM word_best")
        cur.execute("DELETE FROM word_repeats")
        cur.execute("UPDATE guillemet_meta SET value = 'older' WHERE key = 'word_counts'")
    # read-only, such a store is searched by visiting the matches (nothing can be counted)
    reader = open_store(db, readonly=True)
    try:
        assert not reader.has_word_counts
        assert reader.facets(SearchQuery(q="grève")) == visiting(store, store.facets, SearchQuery(q="grève"))
    finally:
        reader.close()
    assert word_rows(make_store()) == kept


def test_quote_groups_of_one_common_word_equal_grouping_its_matches(make_store, counted_words, monkeypatch):
    from guillemet.ingest import speaker_identity
    from guillemet.store import groups

    store = make_store()
    once = [quoted(f"o-{i}", "brest-infos.fr", date, ("Lucie Bernard", f"La grève du {day} a réuni du monde", "elle"))
            for i, (date, day) in enumerate([("2024-05-02", "lundi"), ("2024-05-02", "mardi"),
                                             ("2023-12-30", "mercredi"), ("2024-06-11", "jeudi")])]
    store.put(strike_articles() + once, speaker_identity())
    monkeypatch.setattr(groups, "WALK_SHARE", 0)  # read newest first whatever the store's size
    for sort in ("relevance", "date"):
        for offset, limit in ((0, 20), (0, 3), (2, 4), (6, 3), (8, 20), (30, 5)):
            query = SearchQuery(q="grève", sort=sort, offset=offset, limit=limit)
            found = store._filtered(query.checked())
            counted = store._word_groups(query.checked(), found)
            assert counted is not None
            page = store.quote_groups(query)
            assert page == visiting(store, store.quote_groups, query), (sort, offset, limit)
            assert (page.total, [(g.key, g.speaker_id) for g in page.items]) == counted
    page = store.quote_groups(SearchQuery(q="grève"))
    assert [g.count for g in page.items][:10] == [2] * 9 + [1]  # the repeated first, then the newest once
    assert page.items[9].content_text == "La grève du jeudi a réuni du monde"


def test_a_word_newest_first_walks_the_articles_not_every_match_times_every_article(make_store, newsroom):
    """sort=date of a common word walks the articles newest first and looks each quote up in
    the word's matches (read once); the plan that scanned every article for each match took
    minutes at a million quotes."""
    store = make_store()
    store.put(newsroom)
    query = SearchQuery(q="grève OR chantage", sort="date").checked()
    found = store._filtered(query)
    where = f" {found.join}" + " WHERE " + " AND ".join(found.conds)
    walked = [r[0] for r in store._query(store._keys_sql(where, "a.published DESC, a.id, q.position", True),
                                         found.params + [20, 0])]
    sorted_ = [r[0] for r in store._query(store._keys_sql(where, "a.published DESC, a.id, q.position", False),
                                          found.params + [20, 0])]
    assert walked == sorted_ and len(walked) == 5
    if store.placeholder == "?":  # SQLite's plan: the articles outside, by their newest-first index
        plan = [r[3] for r in store._query("EXPLAIN QUERY PLAN " + store._keys_sql(
            where, "a.published DESC, a.id, q.position", True), found.params + [20, 0])]
        assert plan[0].startswith("SCAN a USING") and "articles_newest" in plan[0], plan


def test_a_deep_page_of_every_quote_skips_whole_articles_and_equals_sorting(make_store, monkeypatch):
    """A page deep in every quote (no filter) is read from the few articles it falls in, found
    by the articles' quote counts: the same page as sorting every quote, dates missing or tied
    and articles without quotes included."""
    from guillemet.store import base

    store = make_store()
    articles = [fake_extract_one(Article(**d)) for d in many_articles(40)]
    articles += [dataclasses.replace(a, id=a.id + "-undated", published=None) for a in articles[:5]]
    articles += [dataclasses.replace(articles[6], id="no-quotes", quotes=[])]
    store.put(articles)
    total = store.quote_total()
    assert total > 30

    def page(offset, limit, deep):
        monkeypatch.setattr(base, "DEEP_PAGE", 0 if deep else 10**12)
        return [(h.article_id, h.position) for h in store.search(SearchQuery(offset=offset, limit=limit)).items]

    for offset in (0, 1, 7, total // 2, total - 3, total - 1):
        for limit in (1, 5, 20):
            assert page(offset, limit, True) == page(offset, limit, False), (offset, limit)
