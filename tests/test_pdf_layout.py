"""The PDF's layout, read back from the PDF itself (its tagged structure and the positions of
its text): headings never end a page and stay with what they introduce, no page is left
mostly empty except before a chapter, heading sizes fall with their level, the running header
names the report, and the PDF links to its web version. Both periods, every nämnd."""
from __future__ import annotations

import statistics
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

HEADINGS = ["H2", "H3", "H4", "H5", "H6"]
BLOCKS = set(HEADINGS) | {"P", "Table", "Figure", "L"}
MARGIN = 62  # the print stylesheet's top and bottom margins, in points: header and footer
BOARDS = ["kommunstyrelsen", "socialnamnden", "barn-och-utbildningsnamnden",
          "samhallsbyggnadsnamnden"]


@pytest.fixture(scope="module")
def pdfs(site, december_boards) -> dict[str, Path]:
    found = {"2025-08": next((site.parent / "pdf").glob("*.pdf"))}
    for board in BOARDS:
        found[f"2025-12/{board}"] = next((december_boards / board / "pdf").glob("*.pdf"))
    return found


class Layout:
    """A PDF as blocks in reading order (headings, paragraphs, lists, tables, figures), each
    with the pages it is on and the size of its text, from the tagged structure."""

    def __init__(self, path: Path):
        with pdfplumber.open(path) as pdf:
            self.pages = []
            chars: dict[tuple[int, int], list] = {}
            for number, page in enumerate(pdf.pages, start=1):
                for char in page.chars:
                    if char.get("mcid") is not None:
                        chars.setdefault((number, char["mcid"]), []).append(char)
                self.pages.append(page)
            self.height = pdf.pages[0].height
            self.blocks = []
            self._walk(pdf.structure_tree, chars)
            self.graphics = {n: [o["bottom"] for o in p.rects + p.curves + p.lines + p.images
                                 if MARGIN - 5 < o["bottom"] < self.height - MARGIN + 5]
                             for n, p in enumerate(self.pages, start=1)}

    def _walk(self, nodes, chars):
        for node in nodes:
            kind = node.get("type")
            if kind in BLOCKS:
                found = []
                self._collect(node, chars, found)
                if found:
                    self.blocks.append((kind, found))
                continue
            self._walk(node.get("children", []), chars)

    def _collect(self, node, chars, found):
        for mcid in node.get("mcids") or []:
            found += chars.get((node["page_number"], mcid), [])
        for child in node.get("children", []):
            self._collect(child, chars, found)

    @staticmethod
    def first_page(block) -> int:
        return min(c["page_number"] for c in block[1])

    @staticmethod
    def last_page(block) -> int:
        return max(c["page_number"] for c in block[1])

    def text_of(self, block) -> str:
        return "".join(c["text"] for c in block[1])


@pytest.fixture(scope="module")
def layouts(pdfs) -> dict[str, Layout]:
    return {name: Layout(path) for name, path in pdfs.items()}


def test_a_heading_never_ends_a_page_and_stays_with_its_table_or_chart(layouts):
    for name, layout in layouts.items():
        blocks = layout.blocks
        for i, block in enumerate(blocks[:-1]):
            if block[0] not in HEADINGS:
                continue
            page = layout.last_page(block)
            after = blocks[i + 1]
            assert layout.first_page(after) == page, (name, page, layout.text_of(block))
            # a heading, the paragraph introducing a table or a chart, and its first rows
            if after[0] == "P" and i + 2 < len(blocks) and blocks[i + 2][0] in ("Table", "Figure"):
                assert layout.first_page(blocks[i + 2]) == page, (name, page, layout.text_of(block))
            if after[0] in ("Table", "Figure"):
                assert layout.first_page(after) == page, (name, page, layout.text_of(block))


def test_a_label_never_ends_a_page(layouts):
    """A goal's "Målprecisering:" or "Kommentar:" stays with its text."""
    for name, layout in layouts.items():
        for number, page in enumerate(layout.pages, start=1):
            body = [c for c in page.chars if MARGIN < c["top"] and c["bottom"] < layout.height - MARGIN]
            if not body:
                continue
            bottom = max(c["top"] for c in body)
            last = "".join(c["text"] for c in sorted(body, key=lambda c: c["x0"])
                           if abs(c["top"] - bottom) < 2).strip()
            assert not (last.endswith(":") and len(last) < 30), (name, number, last)


def test_no_page_is_mostly_empty_except_before_a_chapter(layouts):
    """Three quarters empty is allowed on the cover, the contents, and a chapter's last page."""
    for name, layout in layouts.items():
        chapter_starts = {layout.first_page(b) for b in layout.blocks if b[0] == "H2"}
        for number, page in enumerate(layout.pages, start=1):
            if number <= 2 or number + 1 in chapter_starts or number == len(layout.pages):
                continue
            bottoms = [c["bottom"] for c in page.chars
                       if MARGIN < c["top"] and c["bottom"] < layout.height - MARGIN]
            bottom = max(bottoms + layout.graphics[number] + [MARGIN])
            filled = (bottom - MARGIN) / (layout.height - 2 * MARGIN)
            assert filled >= 0.25, (name, number, round(filled, 2))


def test_heading_sizes_fall_with_their_level_and_never_below_the_body(layouts):
    for name, layout in layouts.items():
        def size(kind):
            sizes = [c["size"] for b in layout.blocks if b[0] == kind for c in b[1]]
            return statistics.median(sizes) if sizes else None
        body = size("P")
        levels = [(kind, size(kind)) for kind in HEADINGS if size(kind)]
        assert [s for _, s in levels] == sorted((s for _, s in levels), reverse=True), (name, levels)
        assert len({s for _, s in levels}) == len(levels), (name, levels)  # each level its own
        assert all(s >= body for _, s in levels), (name, levels, body)
        assert {"H2", "H3", "H4"} <= {k for k, _ in levels}, name


def test_the_running_header_names_the_report(layouts):
    titles = {"2025-08": "Delårsrapport januari–augusti 2025 · Kommunstyrelsen",
              "2025-12/socialnamnden": "Årsredovisning januari–december 2025 · Socialnämnden"}
    for name, title in titles.items():
        layout = layouts[name]
        for number, page in enumerate(layout.pages[1:], start=2):
            header = page.crop((0, 0, page.width, MARGIN - 20)).extract_text() or ""
            assert title in header.replace("\u00a0", " "), (name, number, header)
        cover = layout.pages[0].crop((0, 0, layout.pages[0].width, MARGIN - 20)).extract_text()
        assert not cover


def test_the_pdf_links_to_its_web_version(pdfs):
    for name, path in pdfs.items():
        reader = PdfReader(path)
        links = [annotation.get_object()["/A"].get("/URI")
                 for page in reader.pages[:2] for annotation in page.get("/Annots", [])
                 if "/A" in annotation.get_object()]
        assert "../html/index.html" in links, (name, links)  # the site published beside it
        assert "öppna webbversionen" in reader.pages[1].extract_text()
