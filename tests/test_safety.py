"""Nothing is lost or run: text from the data stays text, a failed build keeps the last good one."""
import pdfplumber
import pytest
from bs4 import BeautifulSoup
from builds import build_report
from conftest import PERIOD, edit

from kommunrapport.building import pdf
from kommunrapport.common.errors import BuildError

INJECTION = "<script>alert('x')</script> {raw}`html` ```{raw} html"


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """A book whose data carries markup in a goal comment and a verksamhet name."""
    import shutil

    from kommunrapport.common.paths import DATA

    root = tmp_path_factory.mktemp("injected")
    data = root / "data"
    shutil.copytree(DATA / PERIOD, data / PERIOD)
    edit(data / PERIOD / "mal.yaml", "Arbetet går sakta framåt.", f"Arbetet går {INJECTION} sakta.")
    edit(data / PERIOD / "driftredovisning.csv", "44;Skolskjutsar", "44;Skolskjutsar <b>$x$</b>")
    build_report(PERIOD, data, out_root=root / "_build", source_root=root / "book",
                say=lambda *_: None)
    return root


def test_markup_from_the_data_is_shown_as_text_in_html_and_pdf(injected):
    period_dir = injected / "_build" / PERIOD
    html = (period_dir / "html" / "mal.html").read_text(encoding="utf-8")
    assert "<script>alert('x')" not in html
    text = BeautifulSoup(html, "html.parser").select_one("article").get_text(" ")
    assert INJECTION in text
    with pdfplumber.open(next((period_dir / "pdf").glob("*.pdf"))) as document:
        words = " ".join(page.extract_text() or "" for page in document.pages)
    assert "<script>alert('x')</script>" in words
    assert "Skolskjutsar <b>$x$</b>" in words  # in the static table and the chart's labels


def broken_pdf(*_args, **_kwargs):
    """At module level: the PDF is made in a chapter worker, which gets it by reference."""
    raise BuildError("PDF:en kunde inte byggas (simulerat fel)")


def test_a_failed_build_leaves_the_last_good_html_and_pdf(injected, monkeypatch):
    period_dir = injected / "_build" / PERIOD
    before = {p: p.read_bytes() for p in period_dir.rglob("*") if p.is_file()}
    monkeypatch.setattr(pdf, "build_pdf", broken_pdf)
    with pytest.raises(BuildError, match="simulerat"):  # fails after the new HTML was built
        build_report(PERIOD, injected / "data", out_root=injected / "_build",
                    source_root=injected / "book", say=lambda *_: None, force=True)
    after = {p: p.read_bytes() for p in period_dir.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in period_dir.iterdir() if p.name.startswith(".")]  # staging removed
