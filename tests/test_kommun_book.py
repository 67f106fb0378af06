"""The municipality's own report as a reader sees it, built from the same ledger as its
nämnder's: every figure that stands in two places is the same in both."""
import os
import re
from pathlib import Path

from bs4 import BeautifulSoup

NB = "\u00a0"


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{page}.html").read_text("utf-8"), "html.parser")


def _row(soup: BeautifulSoup, caption: str, label: str) -> list[str]:
    """The amounts after the cell `label` in its row, in the (static) table with that
    caption; a statement's note column left out."""
    table = next(t for t in soup.select("table") if t.caption and not t.get("id")
                 and t.caption.get_text(strip=True).startswith(caption))
    head = [c.get_text(strip=True) for c in table.select("thead th")]
    for tr in table.select("tr"):
        cells = [c.get_text(strip=True) for c in tr.select("th, td")]
        if label in cells:
            i = cells.index(label)
            return [cell for cell, name in zip(cells[i + 1:], head[i + 1:]) if name != "Not"]
    raise AssertionError(f"{label} saknas i {caption}")


def test_each_nämnds_row_is_the_total_of_its_own_report(december_boards):
    kommun = december_boards / "kommunen" / "html"
    table = _soup(kommun, "namnderna")
    for namnd, name in [("kommunstyrelsen", "Kommunstyrelsen"),
                        ("socialnamnden", "Socialnämnden")]:
        own = _soup(december_boards / namnd / "html", "ekonomi")
        utfall = _row(own, "Driftredovisning 2025", f"Summa {name}")[0]
        assert _row(table, "Driftredovisning per nämnd", name)[0] == utfall, name


def test_the_statements_agree_with_each_other(december_boards):
    kommun = december_boards / "kommunen" / "html"
    rakenskaper = _soup(kommun, "rakenskaper")
    result = _row(rakenskaper, "Resultaträkning", "Årets resultat")[0]
    assert _row(_soup(kommun, "namnderna"), "Driftredovisning per nämnd",
                "Årets resultat")[0] == result
    assets = _row(rakenskaper, "Balansräkning", "Summa tillgångar")
    claims = _row(rakenskaper, "Balansräkning", "Summa eget kapital, avsättningar och skulder")
    assert assets == claims
    assert _row(rakenskaper, "Balansräkning", "Årets resultat")[-2] == result
    cash = _row(rakenskaper, "Kassaflödesanalys", "Likvida medel vid periodens slut")[0]
    assert _row(rakenskaper, "Balansräkning", "Kassa och bank")[-2] == cash
    text = _soup(kommun, "forvaltningsberattelse").select_one("article").get_text(" ")
    mnkr = f"{int(result.replace(NB, '').replace('−', '-')) / 1000:.1f}".replace(".", ",")
    assert f"Årets resultat blev {mnkr} mnkr" in text


def test_the_municipalitys_report_links_to_every_nämnds(december_boards):
    kommun = december_boards / "kommunen" / "html"
    links = [a["href"] for a in _soup(kommun, "index").select("ul.namndrapporter a")]
    assert len(links) == 4
    for href in links + [a["href"] for a in _soup(kommun, "forvaltningsberattelse").select(
            "table a[href]")]:
        assert Path(os.path.normpath(kommun / href)).is_file(), href  # as a browser resolves it
    assert re.search(r"Balanskravsresultatet är [\d,]+ mnkr",
                     _soup(kommun, "index").get_text(" "))


def test_the_municipalitys_delårsrapport(tmp_path):
    """The invented 2026-08: a delårsrapport with the year's prognos in the statements and the
    balanskravsutredning on it."""
    from builds import build_report

    site = build_report("2026-08", namnd="kommunen", out_root=tmp_path / "_build",
                        source_root=tmp_path / "book", say=lambda *_: None).parent
    rakenskaper = _soup(site, "rakenskaper")
    head = [th.get_text(strip=True) for th in next(
        t for t in rakenskaper.select("table") if t.caption.get_text().startswith(
            "Resultaträkning")).select("thead th")]
    assert "Helårsprognos 2026" in head and "Utfall 26‑08‑31".replace("‑", "-") in [
        h.replace("\u2011", "-") for h in head]
    krav = _soup(site, "forvaltningsberattelse")
    assert "Balanskravsresultatet beräknas bli" in krav.get_text(" ")
    table = next(t for t in krav.select("table") if t.caption.get_text().startswith(
        "Balanskravsutredning"))
    assert "Helårsprognos 2026" in table.get_text(" ")


def test_the_municipalitys_start_page_has_the_years_key_figures(december_boards):
    """As a nämnd's start page: the result against budget, the net cost, the investments and
    the balanskrav at a glance, each with its words; and the overall assessment of god
    ekonomisk hushållning, the risks and the internal control in the förvaltningsberättelse."""
    kommun = december_boards / "kommunen" / "html"
    cards = {c.dt.get_text(strip=True): " ".join(c.get_text(" ").split())
             for c in _soup(kommun, "index").select("dl.nyckeltal-kort div.kort")}
    assert list(cards) == ["Årets resultat", "Verksamhetens nettokostnad", "Nettoinvesteringar",
                           "Balanskravsresultat"]
    assert "22,6 mnkr" in cards["Årets resultat"] and "budget 14,4 mnkr" in cards["Årets resultat"]
    assert "balanskravet uppfyllt" in cards["Balanskravsresultat"]
    headings = [h.get_text(" ", strip=True).rstrip("#").strip()
                for h in _soup(kommun, "forvaltningsberattelse").select("h2, h3")]
    for heading in ("Sammanfattande bedömning",
                    "Viktiga förhållanden för resultat och ekonomisk ställning",
                    "Styrning och uppföljning av den egna verksamheten"):
        assert heading in headings
