"""Publishing to the intranet folder: atomic, keeps other periods, lists them all."""
import json
import shutil

import pytest

from kommunrapport.common.errors import BuildError
from kommunrapport.publishing import publish


@pytest.fixture
def builds(site, december_boards, tmp_path):
    """Two built periods: the real 2025-08 and the invented 2025-12 with its four nämnder."""
    root = tmp_path / "_build"
    shutil.copytree(site.parent, root / "2025-08", symlinks=True)
    shutil.copytree(december_boards, root / "2025-12", symlinks=True,
                    ignore=shutil.ignore_patterns(".*.las"))
    return root


def test_publish_two_periods_and_list_them_newest_first(builds, tmp_path):
    target = tmp_path / "intranat"
    publish.publish("2025-12", target, build_root=builds)
    publish.publish("2025-08", target, build_root=builds)
    boards = ["kommunen", "kommunstyrelsen", "socialnamnden", "barn-och-utbildningsnamnden",
              "samhallsbyggnadsnamnden"]
    for report in ["2025-08"] + [f"2025-12/{b}" for b in boards]:
        assert (target / report / "html" / "index.html").is_file()
        assert list((target / report / "pdf").glob("*.pdf"))
    info = json.loads((target / "2025-08" / "manifest.json").read_text("utf-8"))
    assert info["period"] == "2025-08" and len(info["git_commit"]) in (40, 5)
    assert "data/2025-08/driftredovisning.csv" in info["indata"]
    assert len(info["indata"]["data/2025-08/driftredovisning.csv"]) == 64
    assert "data/2025-08/text/ekonomi-resultat.md" in info["indata"]  # the period's prose too
    index = (target / "index.html").read_text("utf-8")
    assert index.index("Årsredovisning januari–december 2025") < index.index(
        "Delårsrapport januari–augusti 2025")
    assert 'href="2025-08/html/index.html"' in index
    # every nämnd's report, HTML and PDF, in kommun.yaml's order, marked as example data
    assert [index.index(f'href="2025-12/{b}/html') for b in boards] == sorted(
        index.index(f'href="2025-12/{b}/html') for b in boards)
    for board in boards:
        pdf = "askersunds-kommun" if board == "kommunen" else board
        assert f'href="2025-12/{board}/html/index.html"' in index
        assert f'href="2025-12/{board}/pdf/arsredovisning-2025-12-{pdf}.pdf"' in index
    for name in ("Askersunds kommun", "Socialnämnden", "Barn- och utbildningsnämnden",
                 "Samhällsbyggnadsnämnden"):
        assert f"<td>{name} (påhittade exempeldata)</td>" in index
    assert index.count("<td>Preliminär</td>") == 6
    sn = json.loads((target / "2025-12" / "socialnamnden" / "manifest.json").read_text("utf-8"))
    assert sn["namnd"] == "Socialnämnden" and sn["exempeldata"] and sn["status"] == "Preliminär"
    assert not [p for p in target.rglob(".*") if p.name.endswith((".ny", ".gammal"))]


def test_an_interrupted_publish_leaves_the_published_folder_as_it_was(builds, tmp_path,
                                                                       monkeypatch):
    target = tmp_path / "intranat"
    publish.publish("2025-08", target, build_root=builds)
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    real_copytree = shutil.copytree

    def copy_then_fail(src, dst, *args, **kwargs):
        if str(src).endswith("pdf"):
            raise OSError("disken blev full (simulerat)")
        return real_copytree(src, dst, *args, **kwargs)

    monkeypatch.setattr(publish.shutil, "copytree", copy_then_fail)
    with pytest.raises(OSError, match="simulerat"):
        publish.publish("2025-08", target, build_root=builds)
    after = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert after == before


def test_publishing_an_unbuilt_period_says_what_to_do(tmp_path):
    with pytest.raises(BuildError, match="Kör först: make book PERIOD=2024-08"):
        publish.publish("2024-08", tmp_path / "intranat", build_root=tmp_path / "_build")


def test_a_period_is_published_whole_or_not_at_all(builds, tmp_path):
    """One nämnd not built: the others are not published either, and nothing is half-done."""
    shutil.rmtree(builds / "2025-12" / "samhallsbyggnadsnamnden")
    target = tmp_path / "intranat"
    with pytest.raises(BuildError, match="NAMND=samhallsbyggnadsnamnden"):
        publish.publish("2025-12", target, build_root=builds)
    assert not (target / "2025-12").exists() and not (target / "index.html").exists()


def test_the_index_says_a_decided_reports_date_and_board(data_copy):
    """'Preliminär', or 'Beslutad <datum> av <nämnd>', as the start page says it."""
    from conftest import edit

    from kommunrapport.building.identity import Identity
    from kommunrapport.building.target import Target

    build_id = Identity(id="x", period="2025-08", built="2025-09-01T00:00:00+00:00", commit="",
                        parameters={}, pdf=True, inputs={}, roots={})
    target = Target.of("2025-08", data_root=data_copy)
    assert publish.manifest(build_id, target, 0)["status"] == "Preliminär"
    edit(data_copy / "2025-08" / "rapport.yaml", "beslutsdatum:\n", "beslutsdatum: 2025-09-22\n")
    assert publish.manifest(build_id, target, 0)["status"] == (
        "Beslutad 22 september 2025 av kommunstyrelsen")
