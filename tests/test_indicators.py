"""Indikatorer: rank and quartile, the Kolada client against a local server that answers like
Kolada v3, the cache, the declaration's validation, and the indicators in the built books."""
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import kolada_exempel
import pytest
from conftest import PERIOD, edit
from pypdf import PdfReader

from kommunrapport.common.paths import DATA
from kommunrapport.model import indicator_words, indicators, report
from kommunrapport.model.indicators import among_best, quartile, rank_among
from kommunrapport.presentation import indicator_views
from kommunrapport.sources import kolada

# Rank and quartile, by hand.

def test_rank_shares_ties_and_leaves_out_missing_municipalities_riket_and_regions():
    values = {"0000": 99.0, "0003": 100.0,  # riket and a region: never ranked
              "1882": 70.0, "1883": 80.0, "1884": 70.0, "1885": 60.0}  # 1886 has no value
    assert rank_among(values, "1883", True) == (1, 4)
    assert rank_among(values, "1882", True) == (2, 4)  # tied with 1884: both second
    assert rank_among(values, "1884", True) == (2, 4)
    assert rank_among(values, "1885", True) == (4, 4)
    assert rank_among(values, "1882", False) == (2, 4)  # lower is better: only 1885 before
    assert rank_among(values, "1886", True) is None
    assert [quartile(r, 4) for r in (1, 2, 3, 4)] == [1, 2, 3, 4]
    assert [quartile(r, 290) for r in (1, 72, 73, 145, 146, 290)] == [1, 1, 2, 2, 3, 4]
    assert among_best(72, 290, 25) and not among_best(73, 290, 25)  # 290 / 4 = 72,5


def test_the_example_periods_ranks_are_computed_from_the_cache(tmp_path):
    rep = report.load("2025-12")
    nki = next(i for i in rep.indikatorer.items if i.id == "nki_foretag")
    data = {r["municipality"]: r["values"][0]["value"] for r in kolada_exempel.records("U07451")
            if r["period"] == 2025 and r["values"][0]["value"] is not None}
    mine = data["1882"]
    ranked = {k: v for k, v in data.items() if not k.startswith("00")}
    assert nki.rank == (1 + sum(v > mine for v in ranked.values()), len(ranked))
    assert nki.rank[1] < 290  # municipalities without a value that year are left out
    assert nki.group["2025"] == pytest.approx(
        sum(data[m] for m in kolada_exempel.group_members() if m in data)
        / len([m for m in kolada_exempel.group_members() if m in data]))
    assert indicator_words.target_text(nki).endswith("på väg (rangen har förbättrats)")


# A local server that answers like Kolada v3.

class _Kolada(http.server.BaseHTTPRequestHandler):
    """Answers /kpi/<id>, /municipality_groups/<id> and /data/kpi/<id>/year/<years>, the data
    in pages of 400 records linked by next_url; `faults` sets what goes wrong."""
    faults: dict
    requests: list

    def log_message(self, *args):
        pass

    def _json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.requests.append(self.path)
        url = urlsplit(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.faults.get("fail_all"):
            return self._json(503, {"error": "Service unavailable"})
        if (m := re.fullmatch(r"/v3/kpi/(\w+)", url.path)):
            kpi = m[1]
            if kpi not in kolada_exempel.KPIS:
                return self._json(200, {"count": 0, "values": []})
            return self._json(200, {"count": 1, "values": [
                {"id": kpi, "title": kolada_exempel.KPIS[kpi][0], "is_divided_by_gender": 1}]})
        if (m := re.fullmatch(r"/v3/municipality_groups/(\w+)", url.path)):
            members = [{"id": k, "title": f"Kommun {k}"} for k in kolada_exempel.group_members()]
            return self._json(200, {"count": 1, "values": [
                {"id": m[1], "title": "Liknande kommuner (test)", "members": members}]})
        if (m := re.fullmatch(r"/v3/data/kpi/(\w+)/year/([\d,]+)", url.path)):
            kpi, years = m[1], [int(y) for y in m[2].split(",")]
            page = int((url.query or "page=1").split("=")[1])
            if self.faults.get("flaky") and page == 2 and not self.faults.get("failed_once"):
                self.faults["failed_once"] = True
                return self._json(502, {"error": "Bad gateway"})
            records = kolada_exempel.records(kpi, [y for y in years if y in kolada_exempel.YEARS])
            if self.faults.get("no_own_values"):
                records = [r for r in records if r["municipality"] != kolada_exempel.ASKERSUND]
            chunk = records[(page - 1) * 400: page * 400]
            more = page * 400 < len(records)
            next_url = (f"{base}{url.path}?page={page + 1}" if more else None)
            if self.faults.get("endless"):
                next_url = f"{base}{url.path}?page=1"
            return self._json(200, {"count": len(chunk), "values": chunk, "next_url": next_url})
        self._json(404, {"error": "Not found"})


@pytest.fixture
def server():
    faults, requests = {}, []
    handler = type("Handler", (_Kolada,), {"faults": faults, "requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd, faults, requests
    httpd.shutdown()


@pytest.fixture
def december(tmp_path, server, monkeypatch) -> Path:
    """A copy of the 2025-12 data, with KOLADA_API pointing at the local server."""
    shutil.copytree(DATA / "2025-12", tmp_path / "data" / "2025-12")
    monkeypatch.setenv("KOLADA_API", f"http://127.0.0.1:{server[0].server_address[1]}/v3")
    return tmp_path / "data"


def _fetch(root: Path, **options):
    said = []
    kolada.fetch_period("2025-12", root, say=said.append, backoff=0.01, **options)
    return said


def test_the_fetch_follows_the_pages_retries_a_5xx_and_writes_the_cache(december, server):
    _, faults, requests = server
    faults["flaky"] = True
    cache_path = december / "2025-12" / "kommunstyrelsen" / "kolada.json"
    cache_path.unlink()
    said = _fetch(december)
    assert faults["failed_once"]  # the 502 was retried
    assert sum("page=3" in r for r in requests) == 3  # 1 164 records: three pages per KPI
    cache = json.loads(cache_path.read_text("utf-8"))
    assert cache["ar"] == [2022, 2023, 2024, 2025] and cache["kommun"] == "1882"
    assert cache["jamforelsegrupp"]["medlemmar"] == kolada_exempel.group_members()
    assert len(cache["kpi"]["U07451"]["data"]) == len(kolada_exempel.records("U07451"))
    assert "exempeldata" not in cache  # a fetched cache is Kolada's, credited as such
    assert any("U07451" in s for s in said)
    rep = report.load("2025-12", december)
    nki = next(i for i in rep.indikatorer.items if i.id == "nki_foretag")
    assert nki.source_text.startswith("Källa: Kolada (RKA), hämtat ")
    assert nki.points[-1] == ("2025", 78.0) and nki.rank is not None


@pytest.mark.parametrize("fault, message", [
    ("unknown_kpi", "Nyckeltalet N99999 finns inte i Kolada"),
    ("fail_all", "Kolada svarade 503"),
    ("endless", "sidorna tar inte slut"),
    ("no_own_values", "Kolada har inga värden för kommunen 1882 åren 2022–2025"),
])
def test_a_failed_fetch_names_the_kpi_and_leaves_the_cache_byte_identical(december, server,
                                                                          fault, message):
    _, faults, _ = server
    cache_path = december / "2025-12" / "kommunstyrelsen" / "kolada.json"
    before = cache_path.read_bytes()
    if fault == "unknown_kpi":
        edit(december / "2025-12" / "kommunstyrelsen" / "indikatorer.yaml", "kpi: N99902", "kpi: N99999")
    else:
        faults[fault] = True
    with pytest.raises(kolada.FetchError) as failure:
        _fetch(december, retries=1)
    assert message in str(failure.value)
    assert cache_path.read_bytes() == before
    assert [p.name for p in cache_path.parent.glob(".kolada*")] == []


def test_an_unreachable_kolada_is_a_swedish_message_with_the_address(december, monkeypatch):
    monkeypatch.setenv("KOLADA_API", "http://127.0.0.1:9/v3")
    with pytest.raises(kolada.FetchError, match=r"Kolada gick inte att nå .* KOLADA_API"):
        _fetch(december, retries=1)


# The declaration: the same row-precise answers as the other files.

@pytest.mark.parametrize("old, new, column, line, problem", [
    ("    kpi: N99901\n", "", "indikatorer.1", 10, "behöver sitt kpi-id"),
    ("    malomrade: 5\n", "    malomrade: 9\n", "indikatorer.4.malomrade", 46,
     "målområde 9 finns inte i mal.yaml"),
    ("    battre: hogre\n    mal:\n      varde", "    battre: uppåt\n    mal:\n      varde",
     "indikatorer.3.battre", 41, "otillåtet värde 'uppåt'"),
    ("basta_andel: 25\n      ar: 2030\n  - id: nki", "ar: 2030\n  - id: nki",
     "indikatorer.1.mal", 20, "ange antingen varde eller basta_andel"),
])
def test_a_bad_declaration_is_named_by_file_line_and_field(tmp_path, old, new, column, line, problem):
    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    edit(tmp_path / "2025-12" / "kommunstyrelsen" / "indikatorer.yaml", old, new)
    _, log = report.check("2025-12", tmp_path)
    found = [e for e in log.errors if e.file == "indikatorer.yaml"]
    assert found, log.errors
    assert (found[0].column, found[0].row) == (column, line)
    assert problem in found[0].problem


def test_an_own_value_for_an_unknown_indicator_is_named_by_row_and_column(data_copy):
    path = data_copy / PERIOD / "indikatorvarden.csv"
    path.write_text(path.read_text("utf-8") + "nki_foretget;Senaste mätning;80\n", "utf-8")
    _, log = report.check(PERIOD, data_copy)
    [error] = log.errors
    assert (error.file, error.row, error.column) == ("indikatorvarden.csv", 7, "indikator")
    assert "'nki_foretget' finns inte i indikatorer.yaml" in error.problem


def test_a_kolada_indicator_without_fetched_values_is_a_warning_saying_what_to_run(tmp_path):
    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    board = tmp_path / "2025-12" / "kommunstyrelsen"
    (board / "kolada.json").unlink()
    rep, log = report.check("2025-12", tmp_path)
    # The text quotes Kolada's NKI: without the values that is an error, naming the figure
    assert rep is None and any("ind_nki_foretag_senaste" in e.problem for e in log.errors)
    text = board / "text" / "verksamhet.md"
    text.write_text("\n".join(line for line in text.read_text("utf-8").splitlines()
                              if "ind_nki_foretag" not in line), encoding="utf-8")
    rep, log = report.check("2025-12", tmp_path)
    assert rep is not None
    assert any("make indikatorer PERIOD=2025-12 NAMND=kommunstyrelsen" in (w.expected or "") for w in log.warnings)


def test_the_reference_periods_own_measurements_are_the_reports_figures(rep):
    own = {i.id: i.points for i in rep.indikatorer.items}
    assert own["nki_foretag"] == [("Föregående mätning", 68.0), ("Senaste mätning", 78.0)]
    assert own["sn_omdome"] == [("Föregående mätning", 3.39), ("Senaste mätning", 3.42)]
    assert own["arbetsloshet"] == [("Senaste mätning", 3.7)]
    figures = report.figures(rep)
    assert figures["ind_nki_foretag_forandring"] == "+10"
    assert figures["ind_arbetsloshet_senaste"] == "3,7\u00a0%"


# In the books.

def test_the_goal_chapter_shows_each_areas_indicators_and_the_overview(site, december_site):
    reference = (site / "mal.html").read_text("utf-8")
    assert "Källa: Kommunens NKI-mätning (egen uppföljning)" in reference
    assert "Inga indikatorer redovisas för perioden. Fastställs och kompletteras" in reference
    page = (december_site / "mal.html").read_text("utf-8")
    assert page.count("<h3>Indikatorrapportering<") == 5  # every målområde has the section
    assert "plats 105 av 270 kommuner 2025, kvartil 2" in page
    assert "Indikatorer i översikt" in page and "105 av 270 (2)" in page
    assert "inte hämtade från Kolada" in page and "Källa: Kolada (RKA)" not in page  # example values
    assert page.count('<figure class="align-default" id="fig-ind-') == 4
    assert "Askersunds kommun: 2022 70, 2023 72, 2024 75, 2025 78; riket:" in page  # text alternative


def test_the_pdf_has_the_indicators(december_site):
    pdf = next((december_site.parent / "pdf").glob("*.pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\u00a0", " ")
    assert "Indikatorer i översikt" in text
    assert "plats 105 av 270 kommuner 2025, kvartil 2" in " ".join(text.split())


def _indicator(points, ranks=None, better="hogre", mal=None):
    decl = {"id": "x", "battre": better, "mal": mal, "enhet": "", "decimaler": 0,
            "malomrade": 1, "titel": "X"}
    return indicators.Indicator(decl, "kolada" if ranks else "egen", "", points,
                                ranks=ranks or {})


@pytest.mark.parametrize("ind, status", [
    (_indicator([("2024", 70.0), ("2025", 75.0)], {"2024": (80, 290), "2025": (72, 290)},
                mal={"basta_andel": 25, "ar": 2030}), "uppfyllt"),       # 72 ≤ 290/4
    (_indicator([("2024", 70.0), ("2025", 71.0)], {"2024": (80, 290), "2025": (73, 290)},
                mal={"basta_andel": 25, "ar": 2030}), "på väg"),
    (_indicator([("2024", 70.0), ("2025", 69.0)], {"2024": (80, 290), "2025": (90, 288)},
                mal={"basta_andel": 25, "ar": 2030}), "inte på väg"),
    (_indicator([("2024", 4.1), ("2025", 3.7)], better="lagre",
                mal={"varde": 3.8, "ar": 2027}), "uppfyllt"),
    (_indicator([("2024", 4.1), ("2025", 3.9)], better="lagre",
                mal={"varde": 3.8, "ar": 2027}), "på väg"),
    (_indicator([("2025", 3.9)], better="lagre", mal={"varde": 3.8, "ar": 2027}), "inte på väg"),
    (_indicator([("2025", 78.0)], mal={"basta_andel": 25, "ar": 2030}), "kan inte bedömas"),
    (_indicator([("2025", 78.0)]), "inget mål"),
])
def test_target_status_by_hand(ind, status):
    assert indicators.target_status(ind)[0] == status


def test_the_overview_says_each_targets_status(tmp_path):
    table = indicator_views.overview_table(report.load("2025-12").indikatorer)
    assert table["Målet"].tolist() == ["på väg"] * 4
    assert table["Rang (kvartil)"].tolist() == ["120 av 264 (2)", "105 av 270 (2)", "–",
                                                "144 av 271 (3)"]
