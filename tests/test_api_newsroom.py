"""The API on our sample articles (samples/, real extractor): what a newsroom asks of the record.

Speakers found by any part of their name; facets; gender and the overview; ranked French
search; one quote with all its occurrences and its variants; the same options everywhere.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="install guillemet[web]")

from fastapi.testclient import TestClient  # noqa: E402

from guillemet.store import open_store  # noqa: E402
from guillemet.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(samples_db):
    with open_store(samples_db) as store:
        yield TestClient(create_app(store))


def speakers_of(body) -> set[str]:
    return {item["quote"]["speaker_id"] for item in body["items"]}


# -- 1. speakers you can find ------------------------------------------------------------------

@pytest.mark.parametrize("speaker,expected", [
    ("person:nadia-benali", {"person:nadia-benali"}),
    ("Nadia Benali", {"person:nadia-benali"}),
    ("nadia BENALI", {"person:nadia-benali"}),
    ("Benali", {"person:nadia-benali", "person:karim-benali"}),  # a surname: both Benali
    ("Nadia", {"person:nadia-benali"}),                          # part of a name
    ("bénali", {"person:nadia-benali", "person:karim-benali"}),  # accents folded
    ("Lefo", {"person:bernard-lefort"}),                         # the start of a name
])
def test_quotes_by_any_part_of_a_name(client, speaker, expected):
    body = client.get("/api/quotes", params={"speaker": speaker, "limit": 100}).json()
    assert speakers_of(body) == expected and body["total"] >= len(expected)


def test_speakers_autocomplete_ranked_by_quotes(client):
    body = client.get("/api/speakers?q=bena").json()
    assert [(i["speaker"]["name"], i["quote_count"]) for i in body["items"]] == [("Nadia Benali", 4),
                                                                                  ("Karim Benali", 1)]
    assert body["total"] == 2
    first = client.get("/api/speakers?limit=2").json()["items"]
    assert [i["speaker"]["id"] for i in first] == ["person:bernard-lefort", "person:nadia-benali"]


def test_speakers_filtered_by_type_and_outlet(client):
    orgs = client.get("/api/speakers?type=organisation").json()["items"]
    assert orgs and all(i["speaker"]["type"] == "organisation" for i in orgs)
    courrier = client.get("/api/speakers?outlet=LECOURRIER.BE").json()["items"]
    assert [(i["speaker"]["id"], i["quote_count"]) for i in courrier] == [("person:bernard-lefort", 2),
                                                                          ("person:nadia-benali", 2)]
    assert client.get("/api/speakers?type=alien").json()["error"]["code"] == "bad_input"


@pytest.mark.parametrize("name", ["Nadia%20Benali", "nadia%20benali", "Benali", "person:nadia-benali"])
def test_speaker_by_name(client, name):
    body = client.get(f"/api/speakers/{name}").json()
    assert body["speaker"]["id"] == "person:nadia-benali" and body["quote_count"] == 4


def test_unknown_speaker_name_is_404(client):
    r = client.get("/api/speakers/Personne%20Inconnue")
    assert r.status_code == 404 and "/api/speakers?q=" in r.json()["error"]["message"]


# -- 3. facets, timelines, gender ----------------------------------------------------------------

def test_facets_of_a_search(client):
    body = client.get("/api/facets", params={"q": "chantage OR grève"}).json()
    assert body["speaker"][0] == {"value": "person:nadia-benali", "label": "Nadia Benali", "count": 3}
    assert {f["value"] for f in body["outlet"]} >= {"ouest-matin.fr", "lecourrier.be", "journaldusud.fr"}
    assert sum(f["count"] for f in body["kind"]) == sum(f["count"] for f in body["month"])
    assert [f["value"] for f in body["month"]] == sorted(f["value"] for f in body["month"])
    assert body["speaker_type"][0]["value"] == "person"


def test_speaker_profile_has_outlets_and_gender_evidence(client):
    body = client.get("/api/speakers/Nadia%20Benali").json()
    assert body["outlets"][0] == {"outlet": "lecourrier.be", "count": 2}
    assert {o["outlet"] for o in body["outlets"]} == {"lecourrier.be", "ouest-matin.fr", "journaldusud.fr"}
    assert body["speaker"]["gender"] == "female"
    assert body["speaker"]["gender_evidence"]["given_name"] == "Nadia"
    lefort = client.get("/api/speakers/Bernard%20Lefort").json()["speaker"]
    assert lefort["gender"] == "male" and lefort["gender_evidence"]["male_pronouns"] >= 1  # "a-t-il ajouté"


def test_overview_shares_by_outlet_and_month(client):
    body = client.get("/api/overview").json()
    overall = body["overall"]
    assert overall["total"] == overall["female"] + overall["male"] + overall["unknown"] > 0
    assert 0 < overall["female_share"] < 1
    months = {m["key"]: m for m in body["months"]}
    assert months["2019-11"]["female"] == 4 and months["2019-11"]["male"] == 3  # Nadia ×3, Sophie; Lefort ×2, Karim
    outlets = {o["key"] for o in body["outlets"]}
    assert {"ouest-matin.fr", "lecourrier.be", "journaldusud.fr"} <= outlets
    one = client.get("/api/overview?outlet=LeCourrier.be").json()
    assert [o["key"] for o in one["outlets"]] == ["lecourrier.be"]


# -- 4. search that ranks ------------------------------------------------------------------------

def test_search_stems_and_highlights(client):
    body = client.get("/api/quotes", params={"q": "grève"}).json()
    texts = [i["quote"]["content_text"] for i in body["items"]]
    assert any("grèves" in t for t in texts) and any("en grève" in t for t in texts)
    for item in body["items"]:
        text = item["quote"]["content_text"]
        assert {text[s:e].lower() for s, e in item["highlights"]} <= {"grève", "grèves"}
        assert item["highlights"]


def test_search_phrases_or_not_and_sort(client):
    phrase = client.get("/api/quotes", params={"q": '"au chantage des syndicats"'}).json()
    assert phrase["total"] == 3
    reordered = client.get("/api/quotes", params={"q": '"syndicats des chantage"'}).json()
    assert reordered["total"] == 0
    without = client.get("/api/quotes", params={"q": "chantage NOT jamais"}).json()
    assert without["total"] == 3 and all("jamais" not in i["quote"]["content_text"] for i in without["items"])
    either = client.get("/api/quotes", params={"q": "négociations OR mobilisation"}).json()
    assert either["total"] == 2
    by_date = client.get("/api/quotes", params={"q": "chantage", "sort": "date"}).json()
    dates = [i["published"] for i in by_date["items"]]
    assert dates == sorted(dates, reverse=True)
    assert client.get("/api/quotes?sort=loudest").json()["error"]["code"] == "invalid_request"


# -- 5. one quote, all its occurrences -----------------------------------------------------------

def test_grouped_quotes_with_occurrences_and_variants(client):
    body = client.get("/api/quotes", params={"q": "chantage syndicats", "group": "quote"}).json()
    assert body["group"] == "quote" and body["total"] == 2
    wire = body["items"][0]
    assert wire["count"] == 2 and wire["outlets"] == ["ouest-matin.fr", "lecourrier.be"]
    assert (wire["first_seen"], wire["last_seen"]) == ("2019-11-19", "2019-11-20")
    assert [o["article_id"] for o in wire["occurrences"]] == ["sample-greve-2019-11-19", "sample-greve-2019-11-20"]
    assert [v["content_text"] for v in wire["variants"]] == [body["items"][1]["content_text"]]
    assert "jamais" in body["items"][1]["content_text"]


def test_variant_side_by_side_with_differences_marked(client):
    wire = client.get("/api/quotes", params={"q": "chantage syndicats", "group": "quote"}).json()["items"][0]
    detail = client.get(f"/api/quote-groups/{wire['key']}", params={"speaker_id": wire["speaker_id"]}).json()
    assert detail["group"]["count"] == 2
    diff = detail["diffs"][0]
    left = [p["text"] for p in diff["left"] if p["changed"]]
    right = [p["text"] for p in diff["right"] if p["changed"]]
    assert left == ["pas", "votée"] and right == ["jamais", "et", "adoptée"]
    assert "".join(p["text"] for p in diff["right"]) == diff["variant"]["content_text"]
    missing = client.get("/api/quote-groups/0000000000000000?speaker_id=person:x")
    assert missing.status_code == 404


# -- 6. the same options everywhere --------------------------------------------------------------

def test_outlet_filter_ignores_case(client):
    lower = client.get("/api/quotes?outlet=lecourrier.be").json()["total"]
    assert lower > 0 and client.get("/api/quotes?outlet=LeCourrier.BE").json()["total"] == lower


def test_no_server_path_in_articles(client):
    body = client.get("/api/articles/sample-greve-2019-11-19").json()
    assert body["meta"]["source"] == "newsroom.jsonl:1"
    assert "/" not in str(body["meta"])


@pytest.mark.parametrize("payload,status,expected", [
    ({"text": "« Nous tiendrons jusqu'au bout, quoi qu'il arrive », a déclaré Paul Durand devant la presse.",
      "published": "2019-11-19"}, 200, {"lang": "fr", "lang_detected": True}),
    ({"text": "« Nous tiendrons », a déclaré Paul Durand.", "published": "2019-11-19T08:00:00+01:00",
      "lang": "fr"}, 200, {"lang": "fr", "lang_detected": False}),
    ({"text": "\"We will not give in to blackmail from anyone at all\", the minister told reporters on Tuesday "
              "in London.", "published": "2019-11-19"}, 422, "unsupported_language"),
    ({"text": "« Oui », a dit Anne Roux.", "published": "19/11/2019"}, 422, "invalid_request"),
    ({"text": "« Oui », a dit Anne Roux.", "published": "hier"}, 422, "invalid_request"),
])
def test_extract_detects_language_and_checks_published(client, payload, status, expected):
    r = client.post("/api/extract", json=payload)
    assert r.status_code == status, r.text
    body = r.json()
    if status == 200:
        assert {k: body[k] for k in expected} == expected and body["quotes"]
    else:
        assert body["error"]["code"] == expected
        if expected == "invalid_request":
            assert "published" in body["error"]["message"] and "YYYY-MM-DD" in body["error"]["message"]


def test_openapi_describes_answers_and_export(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert {"/api/quotes", "/api/speakers", "/api/facets", "/api/overview", "/export"} <= set(paths)
    for path in ("/api/quotes", "/api/speakers", "/api/facets", "/api/overview", "/api/extract"):
        for method, op in paths[path].items():
            ok = op["responses"]["200"]["content"]["application/json"]["schema"]
            assert ok, f"{method} {path} has no response schema"
            assert "404" in op["responses"] and "400" in op["responses"]
    export = paths["/export"]["get"]
    assert {"text/csv", "application/x-ndjson"} <= set(export["responses"]["200"]["content"])
    assert {p["name"] for p in export["parameters"]} >= {"format", "q", "speaker", "outlet"}
    q = next(p for p in paths["/api/quotes"]["get"]["parameters"] if p["name"] == "q")
    assert "OR" in q["description"] and "NOT" in q["description"] and "phrase" in q["description"]
    assert "QuotePage" in str(paths["/api/quotes"]["get"]["responses"]["200"])


# -- 7. dates ------------------------------------------------------------------------------------

def test_future_dates_resolve_forward(client):
    quote = client.get("/api/articles/sample-greve-2019-11-19").json()["quotes"][0]
    assert [(d["text"], d["value"]) for d in quote["dates"]] == [("janvier", "2020-01")]
    later = client.get("/api/articles/sample-greve-2020-01-08").json()["quotes"][0]
    assert [(d["text"], d["value"]) for d in later["dates"]] == [("15 janvier", "2020-01-15")]


@pytest.mark.parametrize("source,shown", [
    ("/srv/data/news.jsonl:12", "news.jsonl:12"),
    ("samples/newsroom.jsonl:1", "newsroom.jsonl:1"),
    ("/crawls/2023/crawl.warc.gz:https://exemple.fr/a/b", "crawl.warc.gz:https://exemple.fr/a/b"),
    ("C:\\data\\in\\page.html", "page.html"),
    ("-", "-"),
])
def test_public_article_keeps_file_names_not_folders(source, shown):
    from guillemet.record import Article
    from guillemet.web.api import public_article

    assert public_article(Article(text="x", meta={"source": source}))["meta"]["source"] == shown
