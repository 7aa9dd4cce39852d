"""Shared test material: hand-written French articles and a tiny rule-based stand-in extractor.

``fake_extract`` gives store, API and UI tests deterministic quotes without loading spaCy;
end-to-end tests use the real extractor instead.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

import orjson
import pytest

from guillemet.record import Article, DateRef, NumberRef, Quote, Speaker

TESTS = Path(__file__).parent

#: Hand-written articles (our own sentences). The last one carries hostile markup.
SAMPLE_ARTICLES: list[dict] = [
    {"id": "t-001", "outlet": "exemple.fr", "published": "2023-03-06", "url": "https://exemple.fr/a/1",
     "title": "Le maire défend son budget",
     "text": "« Nous tiendrons nos promesses sur les écoles », a déclaré Paul Durand lundi.\n"
             "Le maire a ajouté que 12 classes ouvriraient. « Le budget est équilibré », a affirmé Claire Martin."},
    {"id": "t-002", "outlet": "exemple.fr", "published": "2023-03-14", "url": "https://exemple.fr/a/2",
     "title": "Débat sur l’énergie",
     "text": "« L’électricité coûtera moins cher l’hiver prochain », a assuré Claire Martin mardi.\n"
             "« C’est une illusion », a répondu Paul Durand."},
    {"id": "t-003", "outlet": "autre.be", "published": "2023-04-02", "url": "https://autre.be/x",
     "title": "Inondations dans la vallée",
     "text": "Les pompiers sont intervenus toute la nuit. « La situation reste très préoccupante », "
             "a déclaré Jeanne Leroy, préfète de la région."},
    {"id": "t-004", "outlet": "autre.be", "published": "2023-04-20", "url": "javascript:alert(1)",
     "title": "<b>Titre</b> piégé",
     "text": "« <script>alert('x')</script> n’est pas du code ici », a dit Marc Petit."},
]


def slug(name: str) -> str:
    """An ASCII id part for a name ("Jeanne Leroy" -> "jeanne-leroy")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


_QUOTE = re.compile(r"«\s*(?P<content>[^»]+?)\s*»,\s*(?P<cue>a \w+)\s+(?P<name>[A-Z]\w+ [A-Z]\w+)")
_NUMBER = re.compile(r"\b\d+\b")


def fake_extract_one(article: Article) -> Article:
    """Quotes of the shape « … », a <verbe> Prénom Nom — enough for store and UI tests."""
    quotes, speakers = [], {}
    for m in _QUOTE.finditer(article.text):
        name = m["name"]
        sid = "person:" + slug(name)
        content = m.span("content")
        text = m["content"]
        numbers = [NumberRef(span=(content[0] + n.start(), content[0] + n.end()), text=n.group(),
                             value=float(n.group())) for n in _NUMBER.finditer(text)]
        dates = [DateRef(span=m.span("cue"), text=m["cue"], value=article.published)] if "lundi" in text else []
        quotes.append(Quote(kind="direct", content=content, content_text=text, cue=m.span("cue"),
                            cue_text=m["cue"], speaker_mention=m.span("name"), speaker_mention_text=name,
                            speaker=name, speaker_id=sid, speaker_type="person", confidence=0.9,
                            dates=dates, numbers=numbers))
        speakers.setdefault(sid, Speaker(id=sid, name=name, type="person", aliases=[name.split()[-1]]))
    article.quotes, article.speakers = quotes, list(speakers.values())
    return article


def fake_extract(articles: Iterable[Article]) -> Iterator[Article]:
    """``fake_extract_one`` as an ingest extract stage."""
    for article in articles:
        yield fake_extract_one(article)


def slow_extract(delay: float):
    """``fake_extract`` sleeping ``delay`` seconds per article: a stage to kill mid-run."""
    import time

    def stage(articles: Iterable[Article]) -> Iterator[Article]:
        for article in fake_extract(articles):
            time.sleep(delay)
            yield article

    return stage


def sample_articles() -> list[Article]:
    """Fresh, extracted copies of :data:`SAMPLE_ARTICLES`."""
    return [fake_extract_one(Article(**d)) for d in SAMPLE_ARTICLES]


def write_jsonl(path: Path, docs: Iterable[dict]) -> Path:
    """Write dicts as JSON lines and return the path."""
    path.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    return path


@pytest.fixture
def articles() -> list[Article]:
    """The sample articles, extracted by the stand-in extractor."""
    return sample_articles()


@pytest.fixture
def sqlite_store(tmp_path):
    """An empty SQLite store in a temporary file."""
    from guillemet.store import open_store

    with open_store(tmp_path / "test.db") as store:
        yield store


def pg_url_or_skip() -> str:
    """GUILLEMET_PG_URL, or a skip (a failure when CI=true: CI must test PostgreSQL)."""
    url = os.environ.get("GUILLEMET_PG_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("GUILLEMET_PG_URL is unset under CI: run `source scripts/start-postgres.sh` first.")
        pytest.skip("GUILLEMET_PG_URL is unset: run `source scripts/start-postgres.sh` (or scripts/test.sh).")
    return url


#: Our own sample articles (samples/): a wire quote republished by two outlets and reworded
#: by a third, strikes, women and men quoted.
SAMPLES = TESTS.parent / "samples"


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory) -> str:
    """An SQLite store of every article in samples/, extracted by the real extractor (read by
    absolute path, as a server would), with speaker ids across articles as `guillemet ingest`."""
    try:
        from guillemet.pipeline import get_extractor

        get_extractor("fr")
    except Exception as exc:  # noqa: BLE001 - the model or the extractor is missing
        pytest.skip(f"the real extractor is not available ({exc})")
    from guillemet.ingest import ingest, speaker_registry
    from guillemet.store import open_store

    db = tmp_path_factory.mktemp("samples") / "samples.db"
    with open_store(db) as store:
        report = ingest([str(SAMPLES.resolve())], store, registry=speaker_registry(store))
    assert report.stored >= 8 and not report.skipped, report.summary()
    return str(db)
