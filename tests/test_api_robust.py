"""The server under hostile or heavy use: no 500s, bounded bodies and extraction, safe headers,
CSV export that no spreadsheet runs, dates that cannot blow up a page, a read-only store."""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
import subprocess
import threading
import time

import pytest

pytest.importorskip("fastapi", reason="install guillemet[web]")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import fake_extract_one, sample_articles  # noqa: E402
from guillemet.record import Article, Quote, Speaker  # noqa: E402
from guillemet.store import open_store  # noqa: E402
from guillemet.web import create_app  # noqa: E402
from guillemet.web.api import MAX_EXTRACT_BYTES  # noqa: E402


@pytest.fixture
def client(sqlite_store):
    sqlite_store.put(sample_articles())
    return TestClient(create_app(sqlite_store, extract=fake_extract_one))


HUGE = "9223372036854775808"


@pytest.mark.parametrize("url", [f"/api/quotes?offset={HUGE}", f"/?offset={HUGE}",
                                 f"/speakers/person:paul-durand?offset={HUGE}", f"/api/quotes?limit={HUGE}",
                                 "/api/quotes?offset=1000000001", f"/export?format=csv&offset={HUGE}"])
def test_huge_numbers_are_a_clear_error_not_a_500(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:200])


@pytest.mark.parametrize("field", ["text", "title", "published"])
def test_a_lone_surrogate_is_refused_with_422(client, field):
    body = {"text": "« Oui », a dit Anne Roux.", field: "a\ud800b" if field != "text" else "« Oui » \ud800"}
    r = client.post("/api/extract", content=_json_with_surrogates(body), headers={"content-type": "application/json"})
    assert r.status_code == 422 and "lone surrogate" in r.json()["error"]["message"]


def _json_with_surrogates(body: dict) -> bytes:
    import json

    return json.dumps(body).encode("ascii")  # "\ud800" escaped, as a client may send it


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "2023-02-30"])
def test_published_out_of_range_is_refused_with_422(client, published):
    r = client.post("/api/extract", json={"text": "« Oui », a dit Anne Roux.", "published": published})
    assert r.status_code == 422 and "published" in r.json()["error"]["message"]


def test_a_chunked_body_is_cut_at_the_limit_not_read_whole():
    """A body without Content-Length (chunked): refused once it passes the limit, the rest
    never read, the app never called."""
    from guillemet.web.guard import BodySizeLimit

    pulled, sent = 0, []

    async def receive():
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * 65536, "more_body": pulled < 1280}  # 80 MB offered

    async def send(message):
        sent.append(message)

    async def app(scope, receive, send):
        raise AssertionError("the app must not see an oversized body")

    scope = {"type": "http", "path": "/api/extract", "method": "POST", "headers": []}
    asyncio.run(BodySizeLimit(app, max_bytes=MAX_EXTRACT_BYTES, paths=("/api/extract",))(scope, receive, send))
    assert sent[0]["status"] == 413
    assert pulled <= MAX_EXTRACT_BYTES // 65536 + 1


def test_a_chunked_body_under_the_limit_is_read():
    from guillemet.web.guard import BodySizeLimit

    seen = {}

    async def app(scope, receive, send):
        message = await receive()
        seen["body"] = message["body"]
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    parts = [{"type": "http.request", "body": b"ab", "more_body": True},
             {"type": "http.request", "body": b"cd", "more_body": False}]

    async def receive():
        return parts.pop(0)

    async def send(message):
        pass

    scope = {"type": "http", "path": "/api/extract", "headers": []}
    asyncio.run(BodySizeLimit(app, max_bytes=10, paths=("/api/extract",))(scope, receive, send))
    assert seen["body"] == b"abcd"


def test_extraction_is_queued_and_refused_when_the_queue_is_full(sqlite_store):
    release = threading.Event()
    started = []

    def slow_extract(article: Article) -> Article:
        started.append(article.text)
        release.wait(10)
        return fake_extract_one(article)

    app = create_app(sqlite_store, extract=slow_extract, extract_workers=1, extract_waiting=2)
    results: list[int] = []
    with TestClient(app) as client:  # one event loop, as under uvicorn; requests from threads

        def post(i: int) -> None:
            results.append(client.post("/api/extract", json={"text": f"« Oui {i} », a dit Anne Roux."}).status_code)

        threads = [threading.Thread(target=post, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10
        while (app.state.extract_queue._inside < 3 or not started) and time.monotonic() < deadline:
            time.sleep(0.01)  # (the worker may not have begun the first when the queue holds all three)
        assert len(started) == 1  # one at a time: the two others wait
        r = client.post("/api/extract", json={"text": "« Non », a dit Paul Roux."})
        assert r.status_code == 429 and r.json()["error"]["code"] == "busy" and r.headers["retry-after"]
        release.set()
        for t in threads:
            t.join(10)
    assert sorted(results) == [200, 200, 200]


@pytest.mark.parametrize("url", ["/", "/api/quotes", "/articles/t-001", "/static/style.css", "/nothing", "/docs"])
def test_security_headers(client, url):
    headers = client.get(url).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    if url != "/docs":
        assert "script-src 'self';" in policy  # no inline script on our pages


FORMULAS = ["=HYPERLINK(\"http://x\",\"clic\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_csv_export_cells_are_never_formulas(sqlite_store):
    text = " ".join(FORMULAS)
    quotes = [Quote(kind="direct", content=(0, len(f)), content_text=f, speaker=f, speaker_id="person:x",
                    speaker_type="person") for f in FORMULAS]
    sqlite_store.put([Article(text=text, id="=cmd|' /C calc'!A0", title="@titre", outlet="+outlet",
                              quotes=quotes, speakers=[Speaker(id="person:x", name="X")])])
    client = TestClient(create_app(sqlite_store, extract=fake_extract_one))
    rows = list(csv.reader(io.StringIO(client.get("/export?format=csv").text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells and not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert "'=HYPERLINK(\"http://x\",\"clic\")" in cells  # kept, shown as text


def test_speaker_page_with_dates_far_apart_stays_small(sqlite_store):
    articles = []
    for i, day in enumerate(["0001-01-01", "9999-12-31", "1900-01-01", "2199-12-20", "2023-03-06"]):
        text = f"« Oui {i} », a dit Anne Roux."
        articles.append(Article(text=text, id=f"d{i}", published=day, speakers=[Speaker(id="person:anne-roux", name="Anne Roux")],
                                quotes=[Quote(kind="direct", content=(2, 7), content_text=text[2:7], speaker="Anne Roux",
                                              speaker_id="person:anne-roux", speaker_type="person")]))
    sqlite_store.put(articles)  # stored as given: a store filled before dates were checked
    client = TestClient(create_app(sqlite_store, extract=fake_extract_one))
    started = time.monotonic()
    page = client.get("/speakers/person:anne-roux")
    assert page.status_code == 200 and len(page.content) < 400_000
    assert time.monotonic() - started < 5
    weekly = client.get("/api/speakers/person:anne-roux").json()["weekly"]
    assert len(weekly) <= 1040 and weekly[-1]["week"] == "2199-12-16"


def test_ingest_drops_published_dates_out_of_range(tmp_path):
    from click.testing import CliRunner

    import guillemet.ingest
    from conftest import fake_extract, write_jsonl
    from guillemet.cli.ingest import command

    docs = [{"id": f"p{i}", "published": day, "text": f"« Oui {i} », a déclaré Anne Roux."}
            for i, day in enumerate(["9999-12-31", "0001-01-01", "2023-03-06"])]
    db = str(tmp_path / "s.db")
    original = guillemet.ingest.default_extract_stage
    guillemet.ingest.default_extract_stage = lambda *a, **k: fake_extract
    try:
        result = CliRunner().invoke(command, [str(write_jsonl(tmp_path / "in.jsonl", docs)), "--db", db])
    finally:
        guillemet.ingest.default_extract_stage = original
    assert result.exit_code == 0, result.output
    assert "2 with a published date dropped" in result.stderr and "'9999-12-31' is out of range" in result.stderr
    with open_store(db) as store:
        stored = {a.id: a.published for a in store.articles()}
        assert stored == {"p0": None, "p1": None, "p2": "2023-03-06"}
        assert store.get_article("p0").meta["published_rejected"] == "9999-12-31"


def _make_read_only(path) -> callable:
    """Make a file and its folder unwritable even for root (chattr +i) or for a user (chmod)."""
    folder = path.parent
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path), str(folder)],
                                                 capture_output=True).returncode == 0:
        return lambda: subprocess.run(["chattr", "-i", str(path), str(folder)], check=True)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except OSError:
        return lambda: (folder.chmod(0o755), path.chmod(0o644))
    folder.chmod(0o755)
    path.chmod(0o644)
    pytest.skip("cannot make a read-only file here (root without chattr)")


def test_serve_and_export_work_on_a_read_only_store(tmp_path):
    from click.testing import CliRunner

    from guillemet.cli.export import command as export

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "store.db"
    with open_store(db) as store:
        store.put(sample_articles())
    undo = _make_read_only(db)
    try:
        with open_store(db, readonly=True) as store:
            client = TestClient(create_app(store, extract=fake_extract_one))
            assert client.get("/api/quotes").json()["total"] == 6
            assert client.get("/speakers/person:paul-durand").status_code == 200
        out = CliRunner().invoke(export, ["--db", str(db), "--format", "csv"])
        assert out.exit_code == 0 and len(out.output.strip().splitlines()) == 7
    finally:
        undo()


def test_a_read_only_store_sees_what_an_ingest_writes_meanwhile(tmp_path):
    db = tmp_path / "store.db"
    writer = open_store(db)
    writer.put(sample_articles()[:2])
    reader = open_store(db, readonly=True)
    assert reader.counts()["articles"] == 2
    writer.put(sample_articles()[2:])
    assert reader.counts()["articles"] == 4
    reader.close()
    writer.close()


def test_a_read_only_store_answers_many_threads_at_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from guillemet.store import SearchQuery

    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.put(sample_articles())
    with open_store(db, readonly=True) as store:  # each thread reads on its own connection
        def search(i: int) -> tuple[int, int]:
            return (store.search(SearchQuery(q="budget" if i % 2 else None)).total,
                    store.speaker_profile("person:paul-durand").quote_count)

        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(search, range(64)))
    assert set(results) == {(6, 2), (1, 2)}
