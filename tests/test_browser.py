"""The book in a real browser (Debian's Chromium through Playwright): loads cleanly, stays on
the intranet, tables work, search finds Swedish words, and axe-core finds no WCAG 2.1 A/AA
violation on any page. Screenshots of each page go to _build/testartefakter/."""
import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from kommunrapport.building.target import CHAPTERS
from kommunrapport.common.paths import BUILD
from kommunrapport.presentation import charts

PAGES = list(CHAPTERS) + ["om-rapporten", "tillganglighet", "search"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTEFACTS = BUILD / "testartefakter"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def base(site):
    """The period's folder is served, so the site's links to its PDF (../pdf/) resolve."""
    server = serve(site.parent)
    yield f"http://127.0.0.1:{server.server_address[1]}/html"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"konsol: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"fel i sidan: {e}"))  # uncaught
    page.on("requestfailed", lambda r: page.problems.append(f"misslyckad: {r.url}"))
    page.on("response", lambda r: page.problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 else None)
    page.on("request", lambda r: None if re.match(r"(http://127\.0\.0\.1:\d+/|data:|blob:)", r.url)
            else page.problems.append(f"utanför intranätet: {r.url}"))
    yield page
    context.close()


def assert_accessible(page) -> None:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                  for v in result.response["violations"]]
    if violations:
        raise AssertionError(violations)


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_is_accessible(page, base, name):
    page.goto(f"{base}/{name}.html")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert not page.problems, page.problems
    tables = page.locator("table.dataTable")
    assert page.locator("article table[id^=itables_]").count() == tables.count()  # all initialised
    for i in range(tables.count()):
        table = tables.nth(i)
        assert table.locator("caption").count() == 1 and table.locator("thead th").count() > 1
    article = page.locator("article").inner_text() if page.locator("article").count() else ""
    assert "NaN" not in article  # an empty cell stays empty
    for i in range(page.locator("article table").count()):  # no column cut off
        table = page.locator("article table").nth(i)
        if table.is_visible():
            assert _fits(page, table), (name, i)
    assert not _english(page), (name, _english(page))
    assert_accessible(page)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def _fits(page, table) -> bool:
    """The table is inside the article, or inside a frame that scrolls it."""
    return page.evaluate(
        "t => { const a = document.querySelector('article').getBoundingClientRect();"
        " const r = t.getBoundingClientRect(); if (r.right <= a.right + 1) return true;"
        " const f = t.closest('.tabell-ram, .dt-scroll-body, .dt-layout-table');"
        " return !!f && getComputedStyle(f).overflowX === 'auto'; }", table.element_handle())


# The theme's English interface strings: none may reach a reader or a screen reader.
ENGLISH = re.compile(r"\b(Skip to|Back to top|Link to this|Color mode|Toggle|next page|"
                     r"previous page|System Settings|Light|Dark|On this page|Site navigation|"
                     r"Main|Page|Search|Contents|Table of contents|Loading|Please)\b")


def _english(page) -> list[str]:
    texts = page.evaluate(
        "() => { const out = []; for (const e of document.querySelectorAll('*')) {"
        " for (const a of ['title', 'aria-label', 'placeholder', 'alt', 'data-bs-title'])"
        "  if (e.getAttribute(a)) out.push(e.getAttribute(a)); }"
        " for (const e of document.querySelectorAll('header, nav, footer, .bd-sidebar-primary,"
        " .bd-sidebar-secondary, .prev-next-area, #pst-back-to-top, .skip-link'))"
        "  out.push(e.innerText); return out; }")
    return [t for t in texts if ENGLISH.search(t or "")]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_reads_on_a_phone(browser, base, name):
    """375 px: nothing wider than the screen, every chart's labels at least 8 px."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{base}/{name}.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 376
    for img in page.locator("article figure img").all():
        scale = img.evaluate("i => i.getBoundingClientRect().width / i.naturalWidth")
        assert (charts.FONT_PT - 1) * 4 / 3 * scale >= 8, (name, scale)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}-375.png"), full_page=True)
    context.close()


def test_only_sum_rows_are_set_apart(page, base):
    page.goto(f"{base}/ekonomi.html")
    page.wait_for_load_state("networkidle")
    drift = page.locator("table.dataTable").nth(0)

    def weight(text):
        cell = drift.locator("tbody tr", has_text=text).locator("td").nth(1)
        return int(cell.evaluate("c => getComputedStyle(c).fontWeight"))

    assert weight("Summa Kommunstyrelsen") >= 600
    assert weight("Gemensamma verksamheter") < 600
    drift.locator("thead th", has_text="Avvikelse").click()  # after sorting too
    assert weight("Gemensamma lokaler") < 600 and weight("Summa Kommunstyrelsen") >= 600
    page.goto(f"{base}/personal.html")
    last = page.locator("article table tbody tr").last
    assert int(last.locator("td").first.evaluate("c => getComputedStyle(c).fontWeight")) < 600


def test_short_tables_are_plain_and_headings_wrap_between_words(page, base):
    page.goto(f"{base}/personal.html")
    page.wait_for_load_state("networkidle")
    assert page.locator(".dt-search, .dt-info").count() == 0
    assert "Visar" not in page.locator("article").inner_text()
    page.goto(f"{base}/ekonomi.html")
    page.wait_for_load_state("networkidle")
    assert page.locator(".dt-search").count() >= 1  # the long tables keep search and sort
    for th in page.locator("th", has_text="Utfall 25").all():
        if th.is_visible():  # "Utfall" and "25‑08‑31": at most two lines, the date whole
            title = th.locator(".dt-column-title") if th.locator(".dt-column-title").count() else th
            lines = title.evaluate("h => { const r = document.createRange(); r.selectNodeContents(h);"
                                   " return new Set([...r.getClientRects()].map(c => Math.round(c.top))).size }")
            assert lines <= 2


def test_the_start_page_and_the_navigation_link_to_the_pdf(page, base):
    page.goto(f"{base}/index.html")
    page.wait_for_load_state("networkidle")
    for link in (page.locator("article a.pdf-lank"), page.locator(".bd-sidebar-primary a.pdf-lank")):
        assert re.search(r"\(\d+\u00a0kB\)", link.inner_text()), link.inner_text()
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.status == 200 and response.body().startswith(b"%PDF")


def test_the_start_page_shows_the_period_at_a_glance(page, base):
    page.goto(f"{base}/index.html")
    cards = dict(zip(page.locator("dl.nyckeltal-kort dt").all_inner_texts(),
                     page.locator("dl.nyckeltal-kort dd.varde, dl.nyckeltal-kort ul").all_inner_texts()))
    NB = "\u00a0"
    assert cards["Resultat mot budget"] == f"−2{NB}161 tkr"
    assert cards["Investeringar mot budget"] == f"−9{NB}405 tkr"  # like with like: deviations
    assert page.locator("article").inner_text().count("Preliminär: ännu inte beslutad av kommunstyrelsen") == 1
    assert cards["Årsarbetare"] == "968,4"
    assert cards["Sjukfrånvaro"] == f"7,96{NB}%"
    goals = next(v for k, v in cards.items() if k.startswith("Nämndmål"))
    assert goals.split() == ["15", "helt", "uppfyllda", "1", "delvis", "6", "inte", "uppfyllda",
                             "2", "utan", "bedömning"]


def test_the_accessibility_check_fails_on_a_page_with_known_violations(page):
    page.set_content((Path(__file__).parent / "fixtures" / "otillganglig.html").read_text("utf-8"))
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    found = {v[0] for v in failure.value.args[0]}
    assert {"image-alt", "html-has-lang", "color-contrast"} <= found


def _column(table, header: str) -> list[str]:
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    index = headers.index(header) + 1
    return table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()


def _value(text: str) -> float:
    return float(text.replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace(",", "."))


def test_tables_sort_by_value_filter_and_speak_swedish(page, base):
    page.goto(f"{base}/ekonomi.html")
    page.wait_for_load_state("networkidle")
    drift = page.locator("table.dataTable").nth(0)
    wrapper = page.locator(".dt-container").nth(0)
    assert "Visar 24 rader" in wrapper.inner_text()
    sort = drift.locator("thead th .dt-column-order").last
    assert sort.get_attribute("aria-label") == "Avvikelse: aktivera för att sortera"
    drift.locator("thead th", has_text="Avvikelse").click()
    values = [_value(v) for v in _column(drift, "Avvikelse")]
    assert values[:-1] == sorted(values[:-1])  # numeric: −41 222 first, 40 664 last
    assert values[0] == -41222 and values[-2] == 40664
    assert _column(drift, "Verksamhet")[-1] == "Summa Kommunstyrelsen"  # stays last
    drift.locator("thead th", has_text="Avvikelse").click()  # descending
    assert _column(drift, "Verksamhet")[-1] == "Summa Kommunstyrelsen"
    wrapper.locator("input[type=search]").fill("skolskjuts")
    assert _column(drift, "Verksamhet") == ["Skolskjutsar"]
    assert "filtrerat från 24 rader" in wrapper.inner_text()


def test_site_search_finds_inflected_swedish_words(page, base):
    page.goto(f"{base}/search.html?q=n%C3%A4mnd")
    page.wait_for_selector("#search-results li", timeout=15000)
    count, stable = -1, 0
    for _ in range(60):  # results are added one at a time: wait until the list stops growing
        now = page.locator("#search-results li").count()
        stable, count = (stable + 1 if now == count else 0), now
        if stable >= 4:
            break
        page.wait_for_timeout(250)
    results = page.locator("#search-results").inner_text()
    for chapter in ["Mål och uppdrag", "Delårsresultat och prognos"]:
        assert chapter in results
    assert re.search(r"nämnden|nämndmål", results, flags=re.I)


def test_next_links_and_the_contents_reach_every_chapter(page, base):
    page.goto(f"{base}/index.html")
    contents = page.locator("nav.bd-links a").all_inner_texts()
    visited = [page.locator("article h1").first.inner_text().strip()]
    while page.locator("a.right-next").count():
        page.locator("a.right-next").click()
        page.wait_for_load_state()
        visited.append(page.locator("article h1").first.inner_text().strip().rstrip("#").strip())
    assert [v.split("\n")[0] for v in visited] == [c.strip() for c in contents]
    page.locator("a.left-prev").click()
    page.wait_for_load_state()
    assert page.locator("article h1").first.inner_text().startswith(contents[-2])


def test_keyboard_reaches_navigation_search_and_tables(page, base):
    page.goto(f"{base}/ekonomi.html")
    page.wait_for_load_state("networkidle")
    reached = set()
    for _ in range(160):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(
            "() => { const e = document.activeElement; return [e.tagName, e.className, "
            "e.getAttribute('type') || '', e.closest('nav') ? 'nav' : ''].join('|') }"))
    text = "\n".join(reached)
    assert "nav" in text                       # the table of contents
    assert "search" in text.lower()            # the site search and the tables' search boxes
    assert "dt-column-order" in text           # a column header's sort control


def test_phone_width_and_print(browser, base):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
    page = context.new_page()
    for name in ("index", "ekonomi", "mal"):
        page.goto(f"{base}/{name}.html")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 376, (name, width)  # wide tables scroll inside themselves, not the page
        page.screenshot(path=str(ARTEFACTS / f"{name}-mobil.png"), full_page=False)
    context.close()


def test_print_shows_the_text_without_the_navigation(page, base):
    page.emulate_media(media="print")
    page.goto(f"{base}/ekonomi.html")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Driftredovisning").is_visible()
    assert page.get_by_text("Summa för nämnden").is_visible()
    assert not page.locator(".bd-sidebar-primary").is_visible()


def test_published_index_page_is_accessible(page, site, tmp_path):
    import shutil

    from kommunrapport.publishing import publish

    shutil.copytree(site.parent, tmp_path / "_build" / "2025-08", symlinks=True)
    target = tmp_path / "intranat"
    publish.publish("2025-08", target, build_root=tmp_path / "_build")
    server = serve(target)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        page.wait_for_load_state("networkidle")
        assert_accessible(page)
        page.get_by_role("link", name="Webbversion").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("article h1").first.inner_text().startswith("Delårsrapport")
        assert not page.problems, page.problems
    finally:
        server.shutdown()


@pytest.mark.parametrize("name", ["index", "ekonomi"])
def test_the_second_periods_pages_are_clean_and_accessible(page, december_site, name):
    """The årsredovisning's own layout: the example-data notice and tables without prognos."""
    server = serve(december_site)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{name}.html")
        page.wait_for_load_state("networkidle")
        assert not page.problems, page.problems
        assert_accessible(page)
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"2025-12-{name}.png"), full_page=True)
    finally:
        server.shutdown()


def test_an_uncaught_error_in_a_page_is_a_problem(page):
    """The error every page had ("Identifier 'THEBE_JS_URL' has already been declared") is
    an uncaught page error, not a console message: the listener must see it."""
    page.set_content("<script>const X = 1;</script><script>const X = 2;</script>")
    assert any("already been declared" in p for p in page.problems), page.problems


def _results(page, url: str, least: int = 1) -> list[tuple[str, str]]:
    """The search page's results (title, summary) once the list stops growing."""
    page.goto(url)
    page.wait_for_selector("#search-results li", timeout=15000)
    count, stable = -1, 0
    for _ in range(60):
        now = page.locator("#search-results li").count()
        summaries = page.locator("#search-results li p.context").count()
        stable, count = (stable + 1 if now == count and summaries >= min(now, least) else 0), now
        if stable >= 4:
            break
        page.wait_for_timeout(250)
    items = page.locator("#search-results li")
    return [(items.nth(i).locator("a").first.inner_text(),
             items.nth(i).locator("p.context").inner_text() if items.nth(i).locator("p.context").count() else "")
            for i in range(items.count())]


def test_search_shows_what_readers_see(page, base):
    """Searching a table's word: the summary quotes the formatted table, never the raw copy
    of an interactive table ("3900.0-4100.0", "_summa")."""
    results = _results(page, f"{base}/search.html?q=Aff%C3%A4rsverksamhet")
    text = " ".join(summary for _, summary in results)
    assert "Affärsverksamhet" in text or "affärsverksamhet" in text.lower()
    assert "_summa" not in text and not re.search(r"\d\.0\b", text), text
    assert re.search(r"−\d{1,3}\u00a0\d{3}", text), text  # −41 222, as the table shows it
    index = (page.context.request.get(f"{base}/searchindex.js").text())
    assert "_summa" not in index and "itables" not in index


def test_search_finds_the_inflected_forms_the_statement_promises(page, base):
    results = _results(page, f"{base}/search.html?q=sjukfr%C3%A5nvaro")
    titles = [title for title, _ in results]
    assert any(t.startswith("Delårsrapport") for t in titles), titles  # "Sjukfrånvaron" there
    assert "Verksamhet" in titles, titles  # "… minska sjukfrånvaron inom verksamheterna"


def test_search_over_file_shows_summaries_too(browser, site):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    results = _results(page, (site / "search.html").as_uri() + "?q=budgetram", least=1)
    assert results and all(summary for _, summary in results), results
    assert any("116" in summary for _, summary in results), results
    context.close()


def test_without_javascript_the_tables_are_the_formatted_ones(browser, base):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    for name in ("ekonomi", "mal"):
        page.goto(f"{base}/{name}.html")
        article = page.locator("article").inner_text()
        assert not re.search(r"-\d+\.0\b", article), name  # no "-1886.0"
        assert "_summa" not in article, name
    page.goto(f"{base}/ekonomi.html")
    drift = page.locator(".print-only table", has_text="Driftredovisning 2025, tkr")
    assert drift.is_visible()
    assert "−2\u00a0719" in drift.inner_text() and "Summa Kommunstyrelsen" in drift.inner_text()
    page.screenshot(path=str(ARTEFACTS / "ekonomi-utan-javascript.png"), full_page=True)
    context.close()


REPORT_PAGES = ["index", "personal", "mal", "ekonomi"]
KEY_COLUMN = re.compile(r"avvikelse|måluppfyllelse|^målet$|^bedömning$", re.I)


def _tables(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('article table')]
      .filter(t => t.offsetParent && !t.closest('.print-only'))
      .map(t => { const frame = t.closest('.tabell-ram, .dt-layout-table') || t.parentElement;
        const heads = [...t.querySelectorAll('thead th')].filter(h => h.offsetParent);
        const note = (frame.closest('.dt-container, .tabell-ram') || frame).nextElementSibling;
        return {caption: t.querySelector('caption')?.innerText || '',
                heads: heads.map(h => [h.innerText.replace(/\\u00ad/g, ''), h.getBoundingClientRect().right]),
                scrolls: frame.scrollWidth > frame.clientWidth + 1,
                note: note && note.matches('.smal-not') && note.offsetParent ? note.innerText : ''}; })""")


def test_a_phone_shows_the_deviation_and_the_assessment(browser, site, december_boards):
    """375 px, every report page of both periods, every nämnd and the municipality's report:
    a table's deviation or assessment column is on the screen without scrolling; a table
    that still scrolls says so under it."""
    sites = [(site, REPORT_PAGES)] + [(december_boards / n / "html", REPORT_PAGES) for n in (
        "kommunstyrelsen", "socialnamnden", "barn-och-utbildningsnamnden", "samhallsbyggnadsnamnden")]
    sites.append((december_boards / "kommunen" / "html",
                  ["index", "forvaltningsberattelse", "rakenskaper", "namnderna"]))
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
    page = context.new_page()
    for folder, names in sites:
        for name in names:
            page.goto((folder / f"{name}.html").as_uri())
            page.wait_for_load_state("load")
            for table in _tables(page):
                where = (folder.parent.name, name, table["caption"])
                for head, right in table["heads"]:
                    if KEY_COLUMN.search(head.strip()):
                        assert right <= 375, where
                if table["scrolls"]:
                    assert "sidled" in table["note"], where
            if folder == site:
                page.screenshot(path=str(ARTEFACTS / f"{name}-375-tabeller.png"), full_page=True)
    context.close()


def test_no_report_table_is_cut_on_a_wide_screen(page, site, december_boards):
    """1280 px: every report table fits its column (the Verksamhetsanalys' Nettoavvikelse was
    cut)."""
    for folder in [site, december_boards / "kommunstyrelsen" / "html"]:
        for name in REPORT_PAGES:
            page.goto((folder / f"{name}.html").as_uri())
            page.wait_for_load_state("load")
            for table in _tables(page):
                assert not table["scrolls"], (folder.parent.name, name, table["caption"])
