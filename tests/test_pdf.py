"""The PDF for kommunfullmäktige, read back as text, fonts and positions."""
import re

import pdfplumber
import pytest
from pypdf import PdfReader

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def pdf_file(site):
    files = list((site.parent / "pdf").glob("*.pdf"))
    assert [f.name for f in files] == ["delarsrapport-2025-08-kommunstyrelsen.pdf"]
    return files[0]


@pytest.fixture(scope="module")
def pages(pdf_file):
    with pdfplumber.open(pdf_file) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def normal(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_key_figures_in_swedish_format(pages):
    text = normal("\n".join(pages))
    for figure in ["−118 340", "−181 875", "−179 714", "−2 161", "−20 115", "−24 740",
                   "−15 335", "−9 405", "968,4", "7,96 %", "116 013", "−41 222"]:
        assert figure in text, figure
    assert "Summa Kommunstyrelsen −118 340 −181 875 −179 714 −2 161" in text
    assert "avrundningsdifferenser kan förekomma" in text
    assert len(re.findall(r"Måluppfyllelse: (Målet beräknas (inte bli|bli delvis|bli helt) "
                          r"uppfyllt|Målet beräknas bli uppfyllt i hög grad|Ingen bedömning "
                          r"angiven)", text)) == 24


def test_title_page(pages):
    first = normal(pages[0])
    for line in ["Askersunds kommun", "Kommunstyrelsen", "Delårsrapport", "januari–augusti 2025",
                 "Preliminär"]:
        assert line in first
    assert "januari–\n" not in first  # the period is never broken


def test_contents_page_numbers_match_the_headings(pages):
    contents = normal(pages[1]).split("\n", 1)[1]  # below the running header
    assert contents.startswith("Innehåll")
    entries = re.findall(r"^(.+?) ?\.{3,} ?(\d+)$", contents, flags=re.M)
    chapters = {"Sammanfattning", "Verksamhet", "Väsentliga personalförhållanden",
                "Mål och uppdrag", "Delårsresultat och prognos", "Om rapporten"}
    found = {title: int(page) for title, page in entries}
    assert chapters <= set(found)
    for title in chapters:
        page_text = normal(pages[found[title] - 1])
        body = page_text.split("\n", 1)[1]  # below the running header
        assert body.lstrip().startswith(title), (title, found[title])
    sub = found["Driftredovisning"]
    assert "Driftredovisning\n" in normal(pages[sub - 1])


def test_a4_fonts_embedded_metadata_and_language(pdf_file):
    reader = PdfReader(pdf_file)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = (font.get("/FontDescriptor") or
                          font["/DescendantFonts"][0].get_object()["/FontDescriptor"]).get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert reader.metadata.title.startswith("Delårsrapport januari–augusti 2025")
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF


def test_nothing_is_cut_off_at_the_page_edge(pdf_file):
    with pdfplumber.open(pdf_file) as pdf:
        assert len(pdf.pages) > 20
        for number, page in enumerate(pdf.pages, start=1):
            for char in page.chars:
                # Inside the page, and inside the 20 mm side margins where the text block ends.
                assert 50 <= char["x0"] and char["x1"] <= page.width - 50, (number, char["text"])
                assert 0 <= char["top"] and char["bottom"] <= page.height, (number, char["text"])
