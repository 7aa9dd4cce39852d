"""The web UI in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A uvicorn server runs the app on 127.0.0.1 over a store filled with the sample articles.
Set GUILLEMET_SCREENSHOTS=DIR to keep a screenshot of each page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import TESTS, sample_articles

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

SERVER = """
import sys
sys.path.insert(0, {tests!r})
import uvicorn
from conftest import fake_extract_one
from guillemet.store import open_store
from guillemet.web import create_app
uvicorn.run(create_app(open_store(sys.argv[1]), extract=fake_extract_one), host="127.0.0.1",
            port=int(sys.argv[2]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("uvicorn", reason="install guillemet[web]")
    from guillemet.store import open_store

    db = tmp_path_factory.mktemp("ui") / "ui.db"
    with open_store(db) as store:
        store.put(sample_articles())
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER.format(tests=str(TESTS)), str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/quotes?limit=1", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("the uvicorn server exited at start")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 850})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def shot(page, name: str) -> None:
    folder = os.environ.get("GUILLEMET_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_search_with_accentless_words(server, page):
    page.goto(server + "/")
    assert page.locator("li.hit").count() == 6
    shot(page, "search")
    page.fill("input[name=q]", "electricite")
    page.click("button[type=submit]")
    page.wait_for_url("**/?q=electricite*")
    hits = page.locator("li.hit")
    assert hits.count() == 1
    assert "L’électricité coûtera moins cher" in hits.first.inner_text()
    assert page.locator("#total").inner_text().startswith("1 citation")


def test_filters_and_paging(server, page):
    page.goto(server + "/?limit=4")
    assert page.locator("li.hit").count() == 4
    page.click("a[rel=next]")
    assert page.locator("li.hit").count() == 2
    page.goto(server + "/")
    page.select_option("select[name=outlet]", "autre.be")
    page.click("button[type=submit]")
    assert page.locator("li.hit").count() == 2


def test_open_a_speaker(server, page):
    page.goto(server + "/?q=illusion")
    page.click("li.hit a.speaker")
    page.wait_for_url("**/speakers/**")
    assert page.locator("h1").inner_text() == "Paul Durand"
    assert page.locator("svg#timeline rect").count() >= 2  # a bar per week, empty weeks included
    assert "Claire Martin" in page.locator(".alongside").inner_text()
    assert "Durand" in page.locator(".aliases").inner_text()
    shot(page, "speaker")


def test_open_an_article_and_click_a_highlight(server, page):
    page.goto(server + "/?q=budget")
    page.click("li.hit a.article-link")
    page.wait_for_url("**/articles/t-001*")
    marks = page.locator("mark.q")
    assert marks.count() == 2
    colours = {marks.nth(i).evaluate("m => getComputedStyle(m).backgroundColor") for i in range(2)}
    assert len(colours) == 2  # one colour per speaker
    assert page.locator("#quote-panel").is_hidden()
    page.locator("mark.q", has_text="Le budget est équilibré").click()
    panel = page.locator("#quote-panel")
    assert panel.is_visible()
    text = panel.inner_text()
    assert "direct" in text and "a affirmé" in text and "Claire Martin" in text and "90 %" in text
    shot(page, "article")


def test_hostile_quote_renders_as_text(server, page):
    page.goto(server + "/articles/t-004")
    mark = page.locator("mark.q").first
    assert mark.inner_text().startswith("<script>alert('x')</script>")
    assert page.locator("h1").inner_text() == "<b>Titre</b> piégé"
    assert page.locator("#article-text script").count() == 0
    assert page.locator("a.source").count() == 0  # the javascript: URL is not linked
    mark.click()
    page.goto(server + "/?q=code")
    assert "<script>alert('x')</script>" in page.locator("li.hit").first.inner_text()
    assert page.dialogs == []  # nothing ran
    shot(page, "hostile")
