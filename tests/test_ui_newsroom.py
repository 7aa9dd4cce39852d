"""The newsroom pages in headless Chromium, on a store of our sample articles (samples/).

Speaker autocomplete, facets and the query's chart, grouped quotes, a quote's variants side by
side, the speakers list and the gender overview. GUILLEMET_SCREENSHOTS=DIR keeps a screenshot
of each page (docs/screenshots holds the committed ones).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_ui_browser import CHROMIUM, CHROMIUM_ARGS, _free_port

pytestmark = pytest.mark.browser

SERVER = """
import sys
import uvicorn
from guillemet.store import open_store
from guillemet.web import create_app
uvicorn.run(create_app(open_store(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


@pytest.fixture(scope="module")
def server(samples_db):
    pytest.importorskip("uvicorn", reason="install guillemet[web]")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, samples_db, str(port)])
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
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
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> None:
    folder = os.environ.get("GUILLEMET_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        height = min(page.evaluate("document.documentElement.scrollHeight"), 1500)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), clip={"x": 0, "y": 0, "width": 1200, "height": height},
                        full_page=True)


def test_speaker_autocomplete(server, page):
    page.goto(server + "/")
    page.fill("#speaker-input", "bena")
    options = page.locator("#speaker-suggestions li[role=option]")
    options.first.wait_for()
    assert options.count() == 2
    assert "Nadia Benali" in options.nth(0).inner_text() and "4 citations" in options.nth(0).inner_text()
    assert "Karim Benali" in options.nth(1).inner_text()
    shot(page, "autocomplete")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**speaker=Nadia+Benali*")
    names = page.locator("li.hit a.speaker").all_inner_texts()
    assert len(names) == 4 and set(names) == {"Nadia Benali"}


def test_facets_and_the_query_chart(server, page):
    page.goto(server + "/?q=" + "gr%C3%A8ve+OR+chantage")
    speakers = page.locator("section.facet[data-facet=speaker] li")
    assert speakers.first.inner_text().split() == ["Nadia", "Benali", "3"]
    kinds = page.locator("section.facet[data-facet=kind] li").all_inner_texts()
    assert [k.split() for k in kinds] == [["directe", "4"], ["indirecte", "2"]]  # in French
    assert "personne" in page.locator("section.facet[data-facet=speaker_type]").inner_text()
    assert page.locator("svg#query-timeline rect").count() >= 2  # a bar a month, empty months included
    assert page.locator("li.hit mark.hl").count() >= 3
    shot(page, "search-facets")
    page.locator("section.facet[data-facet=outlet] a", has_text="lecourrier.be").click()
    page.wait_for_url("**outlet=lecourrier.be*")
    outlets = page.locator("li.hit .outlet").all_inner_texts()
    assert outlets and set(outlets) == {"lecourrier.be"}
    assert "Média : lecourrier.be" in page.locator(".chips").inner_text()
    page.locator("section.facet[data-facet=month] a").first.click()
    page.wait_for_url("**since=*until=*")
    assert page.locator("li.hit").count() >= 1


def test_grouped_quotes_and_a_variant(server, page):
    page.goto(server + "/?q=chantage+syndicats&group=quote")
    groups = page.locator("li.group")
    assert groups.count() == 2
    first = groups.first
    assert "2 reprises" in first.inner_text() and "ouest-matin.fr, lecourrier.be" in first.inner_text()
    assert "19 novembre 2019" in first.inner_text()
    assert first.locator(".variant-flag").inner_text().lower() == "1 variante"
    shot(page, "quote-groups")
    first.locator("a.group-link").click()
    page.wait_for_url("**/quotes/**")
    assert page.locator("#occurrences tbody tr").count() == 2
    assert "2 reprises" in page.locator("#occurrence-count").inner_text()
    variant = page.locator("#variants .variant")
    assert variant.count() == 1
    assert variant.locator("del").all_inner_texts() == ["pas", "votée"]
    assert variant.locator("ins").all_inner_texts() == ["jamais", "et", "adoptée"]
    shot(page, "variant")


def test_speakers_page_ranked_and_filtered(server, page):
    page.goto(server + "/speakers")
    rows = page.locator("#speakers tbody tr")
    assert rows.first.locator("a.speaker").inner_text() == "Bernard Lefort"
    assert "homme" in rows.first.inner_text()
    shot(page, "speakers")
    page.select_option("select[name=type]", "organisation")
    page.click("button[type=submit]")
    page.wait_for_url("**type=organisation*")
    types = page.locator("#speakers tbody tr td:nth-child(3)").all_inner_texts()
    assert types and set(types) == {"organisation"}
    page.goto(server + "/speakers/Nadia%20Benali")
    assert page.locator("h1").inner_text() == "Nadia Benali"
    assert page.locator("#speaker-outlets li").count() == 3
    shot(page, "speaker")


def test_overview_who_is_quoted(server, page):
    page.goto(server + "/overview")
    assert page.locator("#overall .gbar .g-female").count() == 1
    assert page.locator("#by-outlet tr").count() >= 4
    months = page.locator("#by-month th").all_inner_texts()
    assert "novembre 2019" in months and "janvier 2020" in months
    assert "jamais d’un titre seul" in page.locator(".method").inner_text()
    shot(page, "overview")
    page.locator("#by-outlet a", has_text="journaldusud.fr").click()
    page.wait_for_url("**outlet=journaldusud.fr*")
    assert page.locator("#by-outlet tr").count() == 1
