"""The REST API and the server-rendered pages, through FastAPI's TestClient."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="install guillemet[web]")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import fake_extract_one, sample_articles  # noqa: E402
from guillemet.web import create_app  # noqa: E402
from guillemet.web.api import MAX_EXTRACT_CHARS  # noqa: E402


@pytest.fixture
def client(sqlite_store):
    sqlite_store.put(sample_articles())
    return TestClient(create_app(sqlite_store, extract=fake_extract_one))


@pytest.mark.parametrize("params,total,first", [
    ("", 6, "t-004"),
    ("?q=electricite", 1, "t-002"),
    ("?speaker=person:paul-durand", 2, "t-002"),
    ("?outlet=autre.be&kind=direct", 2, "t-004"),
    ("?since=2023-04-01", 2, "t-004"),
    ("?until=2023-03-10", 2, "t-001"),
    ("?q=budget&speaker=person:paul-durand", 0, None),
    ("?limit=1&offset=5", 6, "t-001"),
])
def test_quotes_search(client, params, total, first):
    body = client.get("/api/quotes" + params).json()
    assert body["total"] == total
    assert (body["items"][0]["article_id"] if body["items"] else None) == first


def test_quote_items_carry_the_record(client):
    item = client.get("/api/quotes?q=budget").json()["items"][0]
    assert item["quote"]["content_text"] == "Le budget est équilibré"
    assert item["quote"]["speaker_id"] == "person:claire-martin"
    assert item["quote"]["content"] == [126, 149]
    assert {"title", "url", "outlet", "published", "position"} <= set(item)


def test_speaker(client):
    body = client.get("/api/speakers/person:paul-durand").json()
    assert body["speaker"]["name"] == "Paul Durand" and body["speaker"]["aliases"] == ["Durand"]
    assert body["quote_count"] == 2
    assert [w for w in body["weekly"] if w["count"]] == [{"week": "2023-03-06", "count": 1},
                                                         {"week": "2023-03-13", "count": 1}]
    assert body["alongside"] == [{"id": "person:claire-martin", "name": "Claire Martin", "articles": 2}]


def test_article(client):
    body = client.get("/api/articles/t-003").json()
    assert body["title"] == "Inondations dans la vallée"
    q = body["quotes"][0]
    assert body["text"][q["content"][0]:q["content"][1]] == q["content_text"]


def test_extract(client):
    r = client.post("/api/extract", json={"text": "« Oui », a dit Anne Roux.", "published": "2023-01-02"})
    assert r.status_code == 200
    assert r.json()["quotes"][0]["speaker"] == "Anne Roux"


@pytest.mark.parametrize("method,url,payload,status,code", [
    ("get", "/api/quotes?kind=shouted", None, 400, "bad_input"),
    ("get", "/api/quotes?since=yesterday", None, 400, "bad_input"),
    ("get", "/api/quotes?limit=0", None, 422, "invalid_request"),
    ("get", "/api/quotes?limit=abc", None, 422, "invalid_request"),
    ("get", "/api/speakers/person:nobody", None, 404, "not_found"),
    ("get", "/api/articles/missing", None, 404, "not_found"),
    ("get", "/api/nothing-here", None, 404, "not_found"),
    ("post", "/api/extract", {"title": "no text"}, 422, "invalid_request"),
    ("post", "/api/extract", {"text": "   "}, 400, "bad_input"),
    ("post", "/api/extract", {"text": "x" * (MAX_EXTRACT_CHARS + 1)}, 413, "too_large"),
    ("post", "/api/extract", {"text": "Hello.", "lang": "xx"}, 422, "unsupported_language"),
    ("get", "/export?format=xml", None, 400, "bad_input"),
])
def test_errors_are_json_with_code_and_message(client, method, url, payload, status, code):
    if "lang" in (payload or {}):  # the real default extractor decides which languages exist
        client.app.state.extract = create_app.__globals__["_default_extract"]
    r = getattr(client, method)(url, **({"json": payload} if payload is not None else {}))
    assert r.status_code == status
    error = r.json()["error"]
    assert error["code"] == code and error["message"]


def test_body_too_large_is_refused_before_parsing(client):
    r = client.post("/api/extract", content=b"x" * (MAX_EXTRACT_CHARS * 5),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("url,contains", [
    ("/", "6</strong> citations"),
    ("/?q=electricite", "L’<mark class=\"hl\">électricité</mark> coûtera moins cher"),  # matched word marked
    ("/?kind=indirect", "Aucune citation ne correspond"),
    ("/speakers/person:claire-martin", "Citations par semaine"),
    ("/articles/t-001", 'class="legend"'),
    ("/docs", "swagger"),
])
def test_pages(client, url, contains):
    r = client.get(url)
    assert r.status_code == 200 and contains in r.text


def test_page_not_found_is_html(client):
    r = client.get("/articles/missing")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "No article &#39;missing&#39;" in r.text


@pytest.mark.parametrize("url", ["/", "/?q=code", "/articles/t-004", "/speakers/person:marc-petit"])
def test_hostile_text_is_escaped(client, url):
    text = client.get(url).text
    assert "<script>alert" not in text and "<b>Titre</b>" not in text
    assert 'href="javascript:' not in text


def test_json_carries_hostile_text_verbatim(client):
    r = client.get("/api/articles/t-004")
    assert r.headers["content-type"] == "application/json"
    assert r.json()["quotes"][0]["content_text"].startswith("<script>alert('x')</script>")


def test_export_csv_and_jsonl(client):
    csv_text = client.get("/export?format=csv&speaker=person:claire-martin").text
    assert csv_text.splitlines()[0].startswith("article_id,position")
    assert len(csv_text.strip().splitlines()) == 3
    jsonl = client.get("/export?format=jsonl&q=budget")
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert len(jsonl.text.splitlines()) == 1


def test_openapi_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/quotes", "/api/extract"} <= set(paths)
    assert any(p.startswith("/api/speakers/") for p in paths)


def test_extract_answers_422_for_an_article_the_extractor_did_not_analyse(client):
    def unsupported(article):
        article.status = "unsupported_language"
        return article

    client.app.state.extract = unsupported
    r = client.post("/api/extract", json={"text": "Hello, he said.", "lang": "en"})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "unsupported_language" and "'en'" in error["message"] and "fr" in error["message"]
