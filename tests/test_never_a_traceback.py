"""Whatever a writer saves, however unfinished, the check, new-period and the data check that
`make book` and `make preview` run before any chapter answer with findings: never a traceback.

A property test over mutations of real periods (2025-08; 2025-12 and 2026-08 with their ledger,
four nämnder and the municipality's own report) and of a scaffolded, partly filled one (its
arbetsbok.xlsx too, a sheet at a time): emptied cells, text in number cells, dropped
or duplicated columns and rows, short rows, a header-only file, Windows-1252 with CRLF, a BOM,
xlsx instead of CSV, YAML with a stray colon, a tab indent, a truncated file, an empty value.
The tests run with KOMMUNRAPPORT_FELSOK=1 (conftest), so an unexpected error raises here
instead of becoming its one line for the user.
"""
import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunrapport.building import identity
from kommunrapport.building.prepare import _load as data_check_of_the_build
from kommunrapport.building.target import Target
from kommunrapport.common.checks import INTERNAL, WIDTH, ChecksFailed, checklist, format_table
from kommunrapport.common.errors import BuildError
from kommunrapport.common.paths import DATA, ROOT, namnder
from kommunrapport.common.periods import Period
from kommunrapport.model import report
from kommunrapport.model.newperiod import new_period

SCAFFOLD = "2026-04"
NEXT = "2027-04"


def _rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _write(path: Path, rows: list[list], encoding="utf-8", newline="\n") -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator=newline).writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding, errors="replace"))


def _partly_filled(root: Path) -> None:
    """The scaffolded period as a controller leaves it half-way: the operating statement
    filled in (not avvikelse, nor the Summa row), saved by Swedish Excel; one goal written."""
    folder = root / SCAFFOLD
    source = _rows(root / "2025-08" / "driftredovisning.csv")
    rows = _rows(folder / "driftredovisning.csv")
    for row, old in zip(rows[1:], source[1:]):
        if row[0]:
            row[2:5] = old[2:5]
    _write(folder / "driftredovisning.csv", rows, "cp1252", "\r\n")
    staff = _rows(folder / "personal.csv")
    for row in staff[1:4]:
        row[4] = "12,5"
    _write(folder / "personal.csv", staff, "cp1252", "\r\n")
    goals = folder / "mal.yaml"
    goals.write_text(goals.read_text("utf-8").replace(
        "kommentar: ''", "kommentar: Arbetet pågår.", 1).replace(
        "bedomning: ''", "bedomning: Målet delvis uppfyllt", 1), encoding="utf-8")
    from openpyxl import load_workbook  # and another in the workbook, a drop-down's word

    book = load_workbook(folder / "arbetsbok.xlsx")
    book["Mål"]["D4"], book["Mål"]["E4"] = "Arbetet fortsätter.", "Målet helt uppfyllt"
    book.save(folder / "arbetsbok.xlsx")


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> dict[str, Path]:
    """Data roots to mutate: each holds the period named by its key."""
    out = {}
    for period in ("2025-08", "2025-12", "2026-08"):
        root = tmp_path_factory.mktemp(period) / "data"
        shutil.copytree(DATA / period, root / period)
        out[period] = root
    root = tmp_path_factory.mktemp("scaffold") / "data"
    shutil.copytree(DATA / "2025-08", root / "2025-08")
    new_period(SCAFFOLD, "2025-08", root)
    _partly_filled(root)
    out[SCAFFOLD] = root
    return out


# What a writer does to a table file (its rows, as a spreadsheet shows them).
def _table_mutation(rows: list[list], rnd) -> list[list]:
    rows = [list(r) for r in rows]
    if len(rows) < 2 or not rows[0]:
        return rows
    kind = rnd.choice(["empty cell", "text in a number", "drop column", "duplicate column",
                       "drop row", "duplicate row", "short row", "header only", "empty file",
                       "header spelled otherwise"])
    r, c = rnd.randrange(1, len(rows)), rnd.randrange(len(rows[0]))
    if kind == "empty cell" and c < len(rows[r]):
        rows[r][c] = ""
    elif kind == "text in a number" and c < len(rows[r]):
        rows[r][c] = rnd.choice(["ca 300", "#DIV/0!", "1.234", "12 34", "n/a", "–", "1e9",
                                 "   ", "−0", "1 234,5,6", "Summa"])
    elif kind == "drop column":
        rows = [row[:c] + row[c + 1:] for row in rows]
    elif kind == "duplicate column":
        rows = [row[:c + 1] + row[c:c + 1] + row[c + 1:] for row in rows]
    elif kind == "drop row":
        del rows[r]
    elif kind == "duplicate row":
        rows.insert(r, list(rows[r]))
    elif kind == "short row":
        rows[r] = rows[r][:c]
    elif kind == "header only":
        rows = rows[:1]
    elif kind == "empty file":
        rows = []
    elif kind == "header spelled otherwise":
        rows[0][c] = f" {rows[0][c].upper()} "
    return rows


def _text_mutation(text: str, rnd) -> str:
    """What happens to a YAML, Markdown or JSON file: a stray colon, a tab, an emptied value,
    a truncation, a deleted or repeated line, an odd value."""
    lines = text.split("\n")
    n = rnd.randrange(len(lines))
    kind = rnd.choice(["stray colon", "tab indent", "empty value", "truncate", "delete line",
                       "repeat line", "odd value"])
    line = lines[n]
    if kind == "stray colon" and ":" in line:
        lines[n] = line.rstrip() + " Status: pågår"
    elif kind == "tab indent":
        lines[n] = "\t" + line.lstrip(" ")
    elif kind == "empty value" and ":" in line:
        lines[n] = line.split(":", 1)[0] + ":"
    elif kind == "truncate":
        return text[:rnd.randrange(len(text) + 1)]
    elif kind == "delete line":
        del lines[n]
    elif kind == "repeat line":
        lines.insert(n, line)
    elif kind == "odd value" and ":" in line:
        lines[n] = line.split(":", 1)[0] + ": " + rnd.choice(
            ["[1, 2", "{x", "*alias", "&", "@x", "`x`", '"C:\\x"', "2026-04-31", "- a", "null",
             "0", "-1", "ja", "'", "Målet HELT uppfyllt", "Status: pågår"])
    return "\n".join(lines)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (
        ".csv", ".yaml", ".md", ".xlsx", ".json"))


@st.composite
def mutated(draw, bases):
    """A copy of one base period with one to three files changed as a writer might."""
    name = draw(st.sampled_from(["2025-08", "2025-08", "2025-12", "2026-08", SCAFFOLD, SCAFFOLD]))
    return name, [draw(_change(name, bases)) for _ in range(draw(st.integers(1, 3)))]


@st.composite
def _change(draw, name, bases):
    files = _files(bases[name] / name)
    path = draw(st.sampled_from(files)).relative_to(bases[name])
    how = draw(st.sampled_from(["content", "content", "content", "encoding", "xlsx", "delete",
                                "garbage"]))
    seed = draw(st.randoms(use_true_random=False))
    return path, how, seed


def _apply(root: Path, path: Path, how: str, rnd) -> None:
    file = root / path
    if not file.is_file():
        return
    if how == "delete":
        file.unlink()
    elif how == "garbage":
        file.write_bytes(bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 64))))
    elif how == "encoding":
        text = file.read_bytes().decode("utf-8-sig", errors="replace")
        choice = rnd.choice(["cp1252 crlf", "bom", "crlf"])
        data = text.replace("\n", "\r\n") if "crlf" in choice else text
        file.write_bytes(data.encode("cp1252", errors="replace") if "cp1252" in choice
                         else b"\xef\xbb\xbf" + data.encode("utf-8"))
    elif how == "xlsx" and file.suffix == ".csv":
        from openpyxl import Workbook

        book = Workbook()
        for row in _rows(file):
            book.active.append([_number(c) for c in row])
        book.save(file.with_suffix(".xlsx"))
        file.unlink()
    elif file.suffix == ".xlsx" and how == "content":  # a sheet of it, as a table
        from openpyxl import load_workbook

        try:
            book = load_workbook(file)
        except Exception:  # noqa: BLE001 - already broken: left as it is
            return
        sheet = book[rnd.choice(book.sheetnames)]
        rows = [["" if c is None else str(c) for c in row]
                for row in sheet.iter_rows(values_only=True)]
        book.remove(sheet)
        sheet = book.create_sheet(sheet.title)
        for row in _table_mutation(rows, rnd):
            sheet.append([_number(c) for c in row])
        book.save(file)
    elif file.suffix == ".csv":
        _write(file, _table_mutation(_rows(file), rnd))
    elif file.suffix in (".yaml", ".md", ".json"):
        text = file.read_bytes().decode("utf-8-sig", errors="replace")
        file.write_text(_text_mutation(text, rnd), encoding="utf-8")


def _number(cell: str):
    """As Excel stores a typed number: a number cell when it reads as one (a text with
    characters no worksheet holds, without them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    try:
        return float(cell.replace(" ", "").replace(",", "."))
    except ValueError:
        return ILLEGAL_CHARACTERS_RE.sub("", cell)


def _answers(root: Path, period: str) -> None:
    """Every report's check: findings, no traceback, nothing internal; the views of them fit
    the terminal; the data check make book and make preview run before any chapter passes or
    refuses with ChecksFailed."""
    for nämnd in namnder(period, root) or [None]:
        _, log = report.check(period, root, namnd=nämnd)
        assert not [f for f in log.findings if f.kind == INTERNAL]
        for view in (format_table(log), checklist(log)):
            assert max(map(len, view.splitlines())) <= WIDTH, view
        draft, log = report.check(period, root, namnd=nämnd, draft=True)  # the preview's
        assert not [f for f in log.findings if f.kind == INTERNAL]
        if draft is not None:
            report.figures(draft)
    for target in Target.every(period, data_root=root):
        identity.data_files(Period.parse(period), root, target.namnd)
        try:
            data_check_of_the_build(target)
        except ChecksFailed as refused:
            assert max(map(len, str(refused).splitlines())) <= WIDTH


@given(data=st.data())
def test_whatever_a_writer_saves_gets_findings_never_a_traceback(bases, tmp_path_factory, data):
    name, changes = data.draw(mutated(bases))
    root = tmp_path_factory.mktemp("mutated") / "data"
    shutil.copytree(bases[name], root)
    for path, how, rnd in changes:
        _apply(root, path, how, rnd)
    _answers(root, name)
    try:
        new_period(NEXT, name, root)
    except BuildError as refused:  # a source that cannot be read: its findings, nothing made
        assert "kan inte användas som förlaga" in str(refused) or "finns" in str(refused)
        assert not (root / NEXT).exists()
        return
    _answers(root, NEXT)


def test_make_book_on_a_broken_period_answers_with_findings_and_an_exit_code(tmp_path):
    """End to end, as `make book` runs it: a goal comment with an unquoted colon stops the
    build before any chapter with the finding and exit code 2, no traceback."""
    shutil.copytree(DATA / "2025-08", tmp_path / "2025-08")
    goals = tmp_path / "2025-08" / "mal.yaml"
    text = goals.read_text("utf-8")
    at = text.index("kommentar: |")
    goals.write_text(text[:at] + "kommentar: Status: pågår\n        bedomning_grund: x\n"
                     "        x" + text[at + len("kommentar: |"):], encoding="utf-8")
    env = {**os.environ, "KOMMUNRAPPORT_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "kommunrapport", "build", "--period", "2025-08"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    out = done.stdout + done.stderr
    assert done.returncode == 2, out
    assert "Traceback" not in out
    assert "inget kapitel har körts" in out and "mal.yaml" in out
    assert 'kommentar: "Status: pågår"' in out.replace("\n", " ").replace("  ", " ") or \
        "citattecken" in out
