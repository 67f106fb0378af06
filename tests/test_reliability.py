"""What is published is exactly what was built: one identity per build, HTML and PDF swapped
together, one builder of a period at a time, a clear answer for any size of input, and
nothing left behind by a build that was killed."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pypdf
import pytest
from bs4 import BeautifulSoup
from builds import build_report
from conftest import PERIOD, edit

from kommunrapport.building import locking, outputs, workers
from kommunrapport.building.identity import Identity
from kommunrapport.common.checks import format_table
from kommunrapport.common.errors import BuildError
from kommunrapport.common.paths import DATA
from kommunrapport.model import report
from kommunrapport.publishing import publish


def pair(period_dir: Path) -> tuple[str | None, str | None]:
    """The build id the site's Om rapporten shows and the one the PDF's metadata carries."""
    html = period_dir / "html" / "om-rapporten.html"
    pdfs = list((period_dir / "pdf").glob("*.pdf"))
    shown = (BeautifulSoup(html.read_text("utf-8"), "html.parser").select_one("#bygget")
             .get_text() if html.is_file() else None)
    stamped = pypdf.PdfReader(pdfs[0]).metadata["/byggidentitet"] if pdfs else None
    return shown, stamped


def assert_one_build(period_dir: Path) -> str:
    shown, stamped = pair(period_dir)
    assert shown and stamped and stamped in shown, (shown, stamped)
    assert outputs.current_identity(period_dir).id == stamped
    return stamped


# One build, one identity.

def test_the_site_the_pdf_and_the_manifest_carry_one_identity(site, tmp_path):
    period_dir = site.parent
    build_id = outputs.current_identity(period_dir)
    # The number stands once on the site, on Om rapporten, not in every page's footer
    for name in ("index", "ekonomi", "datakontroller", "om-rapporten"):
        html = BeautifulSoup((site / f"{name}.html").read_text("utf-8"), "html.parser")
        assert "Bygge " not in html.select_one("footer.bd-footer").get_text(), name
        assert (f"Bygge {build_id.id}" in html.select_one("article").get_text()) == \
            (name == "om-rapporten"), name
    document = pypdf.PdfReader(next((period_dir / "pdf").glob("*.pdf")))
    assert document.metadata["/byggidentitet"] == build_id.id
    # and once in the PDF: its imprint, under the contents (not the cover, not Om rapporten)
    pages = [page.extract_text() for page in document.pages]
    assert [i for i, t in enumerate(pages) if f"Bygge {build_id.id}" in t] == [1]
    published = publish.publish(PERIOD, tmp_path / "intranat", build_root=period_dir.parent)
    manifest = json.loads((published / "manifest.json").read_text("utf-8"))
    assert manifest["bygge"] == build_id.id and manifest["byggd"] == build_id.built
    assert manifest["indata"] == build_id.inputs  # what the build used, recorded when built
    assert "data/2025-08/text/personal.md" in manifest["indata"]
    assert "kommunrapport/ (paketets kod)" in manifest["indata"]


def test_publish_refuses_a_build_whose_inputs_have_changed(site, tmp_path):
    root, data = tmp_path / "_build", tmp_path / "data"
    shutil.copytree(site.parent, root / PERIOD, symlinks=True)
    shutil.copytree(DATA / PERIOD, data / PERIOD)
    # The copied build was made from the project's data: point it at an identical copy.
    record = outputs.current(root / PERIOD) / "bygge.json"
    info = json.loads(record.read_text("utf-8"))
    info["roots"]["data"] = str(data)
    record.write_text(json.dumps(info), encoding="utf-8")
    publish.publish(PERIOD, tmp_path / "forsta", build_root=root)

    edit(data / PERIOD / "text" / "personal.md", "Sammantaget indikerar", "Sammantaget visar")
    with pytest.raises(BuildError) as refused:
        publish.publish(PERIOD, tmp_path / "andra", build_root=root)
    message = str(refused.value)
    assert "Underlaget har ändrats sedan rapporten byggdes" in message
    assert "data/2025-08/text/personal.md" in message
    assert "Kör först: make book PERIOD=2025-08" in message
    assert not (tmp_path / "andra" / PERIOD).exists()


# All or nothing.

class Interrupted(BaseException):
    """Stands for the process being killed at this moment."""


def _staged(period_dir: Path, build_id: str) -> tuple[Identity, Path]:
    """A complete build in staging whose HTML and PDF say which build they are."""
    made = Identity(build_id, PERIOD, "2026-01-01T00:00:00+00:00", "x", {}, True, {}, {})
    staged = outputs.staging(period_dir, made)
    for name, file in (("html", "index.html"), ("pdf", "rapport.pdf"), (".jb-html", "x")):
        (staged / name).mkdir()
        (staged / name / file).write_text(build_id)
    return made, staged


def _seen(period_dir: Path) -> tuple[str | None, str | None]:
    html, pdf = period_dir / "html" / "index.html", period_dir / "pdf" / "rapport.pdf"
    return (html.read_text() if html.is_file() else None,
            pdf.read_text() if pdf.is_file() else None)


def test_a_swap_interrupted_at_any_moment_never_shows_a_mismatched_pair(tmp_path, monkeypatch):
    """Every file-system call of the swap, in turn, fails as if the process died there."""
    period_dir = tmp_path / PERIOD
    made, staged = _staged(period_dir, "0" * 12)
    outputs.switch(period_dir, staged, made, "nyckel")
    shown = "0" * 12
    calls = {"n": 0, "fail_at": 0}
    originals = {(module, name): getattr(module, name) for module, name in (
        (os, "replace"), (os, "rename"), (os, "symlink"), (os, "unlink"), (os, "rmdir"))}

    def failing(original):
        def call(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == calls["fail_at"]:
                raise Interrupted()
            return original(*args, **kwargs)
        return call

    moment = 0
    while True:
        moment += 1
        outputs.clean(period_dir)  # what the next build does first, holding the lock
        made, staged = _staged(period_dir, f"{moment:012d}")
        calls.update(n=0, fail_at=moment)
        for (module, name), original in originals.items():
            monkeypatch.setattr(module, name, failing(original))
        try:
            outputs.switch(period_dir, staged, made, "nyckel")
            finished = True
        except Interrupted:
            finished = False
        finally:
            monkeypatch.undo()
        html, pdf = _seen(period_dir)
        assert html == pdf, f"moment {moment}: HTML {html}, PDF {pdf}"
        assert html in (shown, made.id), f"moment {moment}"
        shown = html
        if finished:
            break
    assert moment > 8  # the swap was interrupted at every one of its steps before this
    assert shown == made.id
    assert sorted(p.name for p in period_dir.iterdir()) == [
        "aktuell", f"bygge-{made.id}", "html", "pdf"]


KILLABLE = """
import sys
from pathlib import Path
from kommunrapport.building import build
from kommunrapport.building.target import Options, Target
build.build(Target.of(sys.argv[1], data_root=Path(sys.argv[2]), out_root=Path(sys.argv[3]),
                      source_root=Path(sys.argv[4])), Options(force=True, what="testbygge"))
"""


def test_killed_builds_leave_one_build_visible_and_the_next_build_succeeds(data_copy, tmp_path):
    out, source = tmp_path / "_build", tmp_path / "book"
    where = dict(out_root=out, source_root=source, say=lambda *_: None)
    build_report(PERIOD, data_copy, **where)
    assert_one_build(out / PERIOD)
    killed = []
    for delay in (2.5, 4.0, 8.0, 12.0):  # checking, executing chapters, rendering, swapping
        run = subprocess.Popen([sys.executable, "-c", KILLABLE, PERIOD, str(data_copy), str(out),
                                str(source)], start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if run.poll() is None and delay == 4.0:  # a second builder is refused, by name
            with pytest.raises(BuildError, match=rf"process {run.pid} \(testbygge"):
                build_report(PERIOD, data_copy, **where)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        killed.append(run.pid)
        assert_one_build(out / PERIOD)
    left = (out / f".{PERIOD}.las").read_text("utf-8")  # the last killed holder, if it held it
    said = []
    build_report(PERIOD, data_copy, out_root=out, source_root=source, say=said.append, force=True)
    assert_one_build(out / PERIOD)
    if left:
        assert any("lämnade efter sig togs bort" in s for s in said), said
    left = [p.name for p in (out / PERIOD).iterdir() if p.name.startswith(".")]
    assert not left
    scratch = [p for pid in killed for p in Path(tempfile.gettempdir()).glob(f"kommunrapport-{pid}-*")]
    assert not scratch


# One builder at a time.

HOLD = """
import sys, time
from pathlib import Path
from kommunrapport.building import locking
with locking.period_lock(Path(sys.argv[1]), sys.argv[2], "make book"):
    print("håller", flush=True)
    time.sleep(float(sys.argv[3]))
"""


def _holder(out: Path, seconds: float) -> subprocess.Popen:
    run = subprocess.Popen([sys.executable, "-c", HOLD, str(out), PERIOD, str(seconds)],
                           stdout=subprocess.PIPE, text=True)
    assert run.stdout.readline() == "håller\n"
    return run


def test_a_second_builder_is_refused_by_name_and_a_killed_holders_lock_is_cleared(
        tmp_path, data_copy):
    out = tmp_path / "_build"
    holder = _holder(out, 60)
    try:
        with pytest.raises(BuildError) as refused:
            build_report(PERIOD, data_copy, out_root=out, source_root=tmp_path / "book",
                        say=lambda *_: None)
        assert f"Perioden 2025-08 byggs eller publiceras redan av process {holder.pid} " \
               "(make book, startad" in str(refused.value)
        with pytest.raises(BuildError, match=f"process {holder.pid}"):
            publish.publish(PERIOD, tmp_path / "intranat", build_root=out)
        with locking.period_lock(out, "2025-12", "bygge"):  # another period is not held up
            pass
    finally:
        holder.kill()
        holder.wait()
    said = []
    with locking.period_lock(out, PERIOD, "bygge", say=said.append):
        pass
    assert said == [f"Ett lås som process {holder.pid} (make book, startad "
                    f"{said[0].split('startad ')[1].split(')')[0]}) lämnade efter sig togs bort "
                    "(processen finns inte längre)."]


def test_a_preview_rebuild_waits_for_the_running_build(tmp_path):
    out = tmp_path / "_build"
    holder = _holder(out, 2)
    said, start = [], time.monotonic()
    with locking.period_lock(out, PERIOD, "förhandsvisning", wait=True, say=said.append):
        waited = time.monotonic() - start
    holder.wait()
    assert said[0].startswith(f"Väntar på process {holder.pid} (make book")
    assert waited > 0.5


# Any size, a clear answer.

def test_a_ledger_sized_export_is_refused_with_a_clear_answer(data_copy):
    path = data_copy / PERIOD / "driftredovisning.csv"
    rows = ["kod;verksamhet;utfall;prognos;budget;avvikelse"]
    rows += [f"{1000 + i};Verksamhet {i};-1;-2;-1;-1" for i in range(200_000)]
    path.write_text("\n".join(rows + [";Summa;-200000;-400000;-200000;-200000"]) + "\n", "utf-8")
    start = time.monotonic()
    _, log = report.check(PERIOD, data_copy)
    print(f"kontroll av 200 000 rader: {time.monotonic() - start:.1f} s")
    [error] = log.errors
    assert (error.file, error.row) == ("driftredovisning.csv", 502)
    assert error.problem.replace("\u00a0", " ") == (
        "filen har 200 001 rader, fler än en tabell i rapporten kan visa (högst 500)")
    assert "exportera underlaget summerat" in error.expected


def test_many_findings_of_one_kind_are_summarised(data_copy):
    path = data_copy / PERIOD / "driftredovisning.csv"
    lines = path.read_text("utf-8").splitlines()
    wrong = [f"{100 + i};Verksamhet {i};-1;-2;-1;5" for i in range(300)]  # avvikelse ≠ −1
    path.write_text("\n".join(lines[:1] + wrong + lines[1:]) + "\n", encoding="utf-8")
    _, log = report.check(PERIOD, data_copy)
    assert len([f for f in log.errors if "är inte prognos − budget" in f.problem]) == 300
    problems = [row["Vad som är fel"] for row in log.table()]
    assert "… och 297 till av samma slag (rad 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 …)" in problems
    assert sum("är inte prognos − budget" in p for p in problems) == 3
    assert len(format_table(log).splitlines()) < 60


def test_chapters_glue_only_their_charts(site):
    """Figures are written into the text when a chapter runs: a notebook carries its charts,
    not every figure of the period (a large export no longer swells each chapter)."""
    executed = site.parents[2] / "book" / PERIOD

    def glued(chapter):
        nb = nbformat.read(executed / f"{chapter}.ipynb", as_version=4)
        return {o.metadata["scrapbook"]["name"] for c in nb.cells if c.cell_type == "code"
                for o in c.outputs if "scrapbook" in o.get("metadata", {})}

    # (no fig_prognoser: August is the year's first report in data/, a chart of one bar)
    assert glued("ekonomi") == {"fig_avvikelse", "fig_investeringar"}
    assert glued("personal") == {"fig_personal"} and glued("datakontroller") == set()
    assert (executed / "ekonomi.ipynb").stat().st_size < 2_000_000


def test_a_chapter_that_runs_too_long_is_named_with_its_cell_and_the_limit(tmp_path,
                                                                             monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    params = nbformat.v4.new_code_cell('period: str = "2025-08"\ndata_dir: str = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("import time\ntime.sleep(60)")]
    nbformat.write(nb, notebooks / "seg.ipynb")
    monkeypatch.setattr(workers, "CELL_LIMIT_S", 2)
    out = tmp_path / "out"
    with pytest.raises(BuildError) as err:
        build_report(PERIOD, out_root=out / "_build", source_root=out / "book",
                    notebooks=notebooks, chapters=["seg"], say=lambda *_: None)
    assert ("Kapitlet 'seg' misslyckades i cell 2: cellen kördes längre än gränsen 2 s och "
            "avbröts") in str(err.value)


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and text in (proc / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def _children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(proc.name))
        except (OSError, IndexError, ValueError):
            pass
    return found


def test_a_build_killed_alone_leaves_no_worker_or_kernel_behind(data_copy, tmp_path):
    """Only the build process is killed (not its group, as a kill of its pid does): its
    chapter workers and their warm kernels must go too."""
    script = (f"from pathlib import Path\nfrom kommunrapport.building.build import build\n"
              f"from kommunrapport.building.target import Options, Target\n"
              f"if __name__ == '__main__':\n"
              f"    build(Target.of('{PERIOD}', data_root=Path('{data_copy}'), "
              f"out_root=Path('{tmp_path}/_build'), source_root=Path('{tmp_path}/book')), "
              f"Options(force=True, pdf=False))\n")
    (tmp_path / "bygg.py").write_text(script, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, str(tmp_path / "bygg.py")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    mark = f"kommunrapport-{holder.pid}-"  # the build's scratch folder: kernels' files are in it
    deadline = time.monotonic() + 120
    while not any("ipykernel" in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")
                  for p in _processes_mentioning(mark)):
        assert time.monotonic() < deadline and holder.poll() is None
        time.sleep(0.2)
    workers = _children(holder.pid)
    assert workers
    holder.kill()
    holder.wait()
    deadline = time.monotonic() + 20
    while _processes_mentioning(mark) or any(Path(f"/proc/{p}").exists() for p in workers):
        assert time.monotonic() < deadline, (_processes_mentioning(mark), workers)
        time.sleep(0.5)
