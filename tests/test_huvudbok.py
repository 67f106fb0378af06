"""The ekonomisystem's ledger export as input: aggregation by hand, the reconciliation, the
bad-input answers, and kommunstyrelsen's book from the ledger equal to the one from the
hand-made tables."""
import shutil
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from builds import build_report

from kommunrapport.common.checks import CheckLog
from kommunrapport.common.errors import DataError
from kommunrapport.common.paths import DATA
from kommunrapport.model import report
from kommunrapport.sources.huvudbok import aggregate
from kommunrapport.sources.loading import FileRejected

FIXTURES = Path(__file__).parent / "fixtures"
KOMMUN = """
organisation: Testkommun
huvudbok:
  fil: saldolista.csv
  kolumner: {ansvar: Ansvar, verksamhet: Vht, konto: Konto, projekt: Projekt,
             utfall: "Utfall kr", budget: "Budget kr", prognos: "Prognos kr"}
kontoplan: kontoplan.yaml
namnder:
  - {id: ks, namn: Kommunstyrelsen, ansvar: ["100-199", "500"]}
  - {id: sn, namn: Socialnämnden, ansvar: ["200-299"]}
utanfor_namnder: ["900-999"]
verksamheter: {10: Politik, 20: Lokaler, 50: Omsorg}
projekt:
  - {kod: P1, namn: Skolan}
  - {kod: P2, namn: Reinvesteringar}
  - {kod: P3, namn: Taket, ingar_i: P2}
"""
KONTOPLAN = """
regler:
  - {konton: "1000-1999", post: investering}
  - {konton: "3000-3999", post: intakt}
  - {konton: "4000-4999", post: kostnad}
  - {konton: "5000-5999", post: kostnad, varav: personal}
  - {konton: "6000-7799", post: kostnad}
  - {konton: "7800-7899", post: kostnad, varav: kapital}
  - {konton: "8000-8999", post: utanfor}
eliminera: ["3900-3999"]
"""
# Debet positive, as exported: income −, costs +. Every rule has an account here.
LEDGER = """\
Ansvar;Vht;Konto;Projekt;Utfall kr;Budget kr;Prognos kr
110;10;3110;;-1 499;-1 000;-1 600
120;10;4010;;2 600,40;2 000;2 700
130;10;5010;;10 000;9 000;10 400
140;10;7810;;1 500;1 500;1 500
500;20;6110;;- 700;0;-700
150;20;3910;;-5 000;-5 000;-5 000
160;20;1210;P1;8 000;10 000;9 000
170;20;1210;P3;1 200;0;1 200
170;20;1230;P2;0;2 000;1 500
210;50;5410;;40 000;41 000;41 000
950;10;8410;;-90 000;-90 000;-90 000
"""


@pytest.fixture
def town(tmp_path) -> Path:
    folder = tmp_path / "2025-08"
    folder.mkdir()
    (folder / "kommun.yaml").write_text(KOMMUN, encoding="utf-8")
    (folder / "kontoplan.yaml").write_text(KONTOPLAN, encoding="utf-8")
    (folder / "saldolista.csv").write_text(LEDGER, encoding="utf-8")
    return folder


def test_the_ledger_aggregates_to_the_nämnds_tables_by_hand(town):
    ledger = aggregate.load(town, CheckLog())
    t = aggregate.tables(ledger, "ks", True, limit_tkr=0.5)
    r = t["resultat"].set_index("post")
    # Intäkter 1 499 kr (3110; 3910 is eliminated) -> 1 tkr; costs 2 600,40 + 10 000 + 1 500
    # + (−700) kr = 13 400,40 kr -> −13 tkr, budget 12 500 kr -> −13 (half away from zero);
    # Resultat −11 901,40 kr -> −12 tkr.
    assert r.loc["Intäkter", ["utfall", "budget", "prognos"]].tolist() == [1, 1, 2]
    assert r.loc["Kostnader", ["utfall", "budget", "prognos"]].tolist() == [-13, -13, -14]
    assert r.loc["varav personalkostnader", "utfall"] == -10
    assert r.loc["varav kapitalkostnader", "utfall"] == -2  # 1 500 kr: half away from zero
    assert r.loc["Resultat", ["utfall", "budget", "avvikelse"]].tolist() == [-12, -12, 0]
    drift = t["driftredovisning"]
    assert drift["kod"].tolist() == ["10", "20", ""]
    assert drift.iloc[0][["utfall", "prognos", "budget"]].tolist() == [-13, -13, -12]
    assert drift.iloc[1][["utfall", "prognos", "budget"]].tolist() == [1, 1, 0]  # −(−700) kr
    # The rows' sum is −12 (−13 + 1), the total's rounding −12 too: no difference here.
    assert drift.iloc[2]["verksamhet"] == "Summa Kommunstyrelsen"
    analys = t["verksamhetsanalys"]
    assert analys["kod"].tolist() == [10, 20]  # both deviate by more than 0,5 tkr
    assert analys.iloc[0][["intakt_prognos", "intakt_budget", "kostnad_prognos",
                           "kostnad_budget"]].tolist() == [2, 1, -15, -13]
    inv = t["investeringar"]
    assert inv["projekt"].tolist() == ["Skolan", "Reinvesteringar", "Taket", "Summa"]
    assert inv.iloc[0][["utfall", "budget", "prognos"]].tolist() == [-8, -10, -9]
    assert inv.iloc[1][["utfall", "budget", "prognos"]].tolist() == [-1, -2, -3]  # P2 + P3
    assert inv.iloc[2]["utfall"] == -1 and inv.iloc[2]["ingar_i"] == "Reinvesteringar"
    assert inv.iloc[3][["utfall", "budget"]].tolist() == [-9, -12]


def test_every_krona_lands_once_and_the_parts_sum_to_the_export(town):
    log = CheckLog()
    ledger = aggregate.load(town, log)
    table = aggregate.reconciliation(ledger).set_index("Del")
    assert table.loc["Kommunstyrelsen, resultat", "Rader"] == 5
    assert table.loc["Kommunstyrelsen, investeringar", "Rader"] == 3
    assert table.loc["eliminerat, övrigt", "Utfall (kr)"] == 5000  # the report's sign
    assert table.loc["utanför nämnderna, övrigt", "Utfall (kr)"] == 90000
    summed, export = table.loc["Summa"], table.iloc[-1]
    assert summed["Rader"] == export["Rader"] == 11
    assert summed["Utfall (kr)"] == pytest.approx(export["Utfall (kr)"])
    aggregate.check_reconciled(ledger, log)
    assert not log.errors


def test_an_unmapped_account_and_an_ansvar_of_no_nämnd_are_named_with_their_rows(town):
    path = town / "saldolista.csv"
    path.write_text(LEDGER + "300;10;4010;;5;0;0\n310;10;4020;;5;0;0\n120;10;2440;;7;0;0\n"
                    "130;77;4010;;1;0;0\n140;10;1210;;100;0;0\n", encoding="utf-8")
    log = CheckLog()
    with pytest.raises(DataError):
        aggregate.load(town, log)
    found = {(e.row, e.column): e.problem for e in log.errors}
    assert found[(13, "Ansvar")] == "ansvaret 300 hör inte till någon nämnd (rad 13)"
    assert found[(14, "Ansvar")] == "ansvaret 310 hör inte till någon nämnd (rad 14)"
    assert found[(15, "Konto")] == "kontot 2440 matchar ingen regel i kontoplanen (rad 15)"
    assert found[(16, "Vht")] == "verksamheten 77 saknar namn (rad 16)"
    assert found[(17, "Projekt")].startswith("investeringskonto utan investeringsprojekt")
    assert all(e.file == "saldolista.csv" for e in log.errors)


@pytest.mark.parametrize("old, new, row, column, problem", [
    ("120;10;4010;;2 600,40", "120;10;4010;;2 6OO", 3, "Utfall kr", "'2 6OO' är inte ett belopp"),
    ("130;10;5010", "13O;10;5010", 4, "Ansvar", "'13O' är inte en kod"),
    ("Budget kr", "Budget", 1, "Budget kr", "kolumnen 'Budget kr' (budget) saknas"),
])
def test_a_bad_ledger_cell_is_named_by_file_row_and_column(town, old, new, row, column, problem):
    path = town / "saldolista.csv"
    path.write_text(LEDGER.replace(old, new), encoding="utf-8")
    log = CheckLog()
    with pytest.raises((DataError, FileRejected)) as failure:
        aggregate.load(town, log)
    found = log.errors or [failure.value]
    first = found[0]
    assert (first.row, first.column) == (row, column)
    assert problem in first.problem


def test_a_bad_organisation_file_is_named_by_line_and_field(town):
    (town / "kommun.yaml").write_text(KOMMUN.replace('ansvar: ["200-299"]', 'ansvar: ["2x0"]'),
                                      encoding="utf-8")
    log = CheckLog()
    with pytest.raises(FileRejected):
        aggregate.load(town, log)
    [error] = log.errors
    assert (error.file, error.row, error.column) == ("kommun.yaml", 10, "namnder.2.ansvar.1")


def test_a_nämnd_uses_the_ledger_or_its_own_tables_never_both(tmp_path):
    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    shutil.copy(FIXTURES / "kommunstyrelsen-2025-12" / "resultat.csv",
                tmp_path / "2025-12" / "kommunstyrelsen")
    _, log = report.check("2025-12", tmp_path, namnd="kommunstyrelsen")
    assert any("både egna ekonomitabeller och rader i huvudbok.csv" in e.problem
               for e in log.errors)


def test_the_example_ledger_gives_kommunstyrelsens_hand_made_tables_exactly(tmp_path):
    ledger = aggregate.load(DATA / "2025-12", CheckLog())
    assert len(ledger.rows) >= 20_000
    assert set(ledger.rows["namnd"]) >= {"kommunstyrelsen", "socialnamnden",
                                         "barn-och-utbildningsnamnden", "samhallsbyggnadsnamnden"}
    tables = aggregate.tables(ledger, "kommunstyrelsen", False, 100)
    for name in ("resultat", "driftredovisning", "verksamhetsanalys", "investeringar"):
        tables[name].to_csv(tmp_path / f"{name}.csv", sep=";", index=False, float_format="%.0f")
        ours = pd.read_csv(tmp_path / f"{name}.csv", sep=";", dtype=str, keep_default_na=False)
        theirs = pd.read_csv(FIXTURES / "kommunstyrelsen-2025-12" / f"{name}.csv", sep=";",
                             dtype=str, keep_default_na=False)
        theirs = theirs.apply(lambda c: c.str.replace(r"[\s\u00a0]", "", regex=True)
                              if c.name not in ("post", "verksamhet", "projekt", "ingar_i") else c)
        pd.testing.assert_frame_equal(ours[theirs.columns], theirs, check_dtype=False, obj=name)


@pytest.fixture(scope="session")
def hand_made_site(december_site, tmp_path_factory) -> Path:
    """Kommunstyrelsen 2025-12 as one board with the hand-made tables, beside 2025-08."""
    out = tmp_path_factory.mktemp("handgjord")
    shutil.copytree(DATA / "2025-08", out / "data" / "2025-08")
    shutil.copytree(DATA / "2025-12" / "kommunstyrelsen", out / "data" / "2025-12")
    for table in (FIXTURES / "kommunstyrelsen-2025-12").iterdir():
        shutil.copy(table, out / "data" / "2025-12")
    return build_report("2025-12", out / "data", out_root=out / "_build",
                       source_root=out / "book", say=lambda *_: None).parent


def _article(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / f"{page}.html").read_text("utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text(" ").split())


@pytest.mark.parametrize("page", ["index", "verksamhet", "personal", "mal", "ekonomi"])
def test_kommunstyrelsens_book_from_the_ledger_equals_the_one_from_hand_made_tables(
        page, december_site, hand_made_site):
    assert _article(december_site, page) == _article(hand_made_site, page)


def test_the_data_check_page_shows_the_reconciliation(december_site):
    text = _article(december_site, "datakontroller")
    assert "Avstämning mot huvudboken" in text
    assert "Exportens summa (huvudbok.csv) 22 288 0 " in text.replace("\u00a0", " ")
    # The tables computed from the ledger are no file the user has: no finding names them
    # (their Summa rows are rounded from kronor, so rounding differences are expected).
    soup = BeautifulSoup((december_site / "datakontroller.html").read_text("utf-8"),
                         "html.parser")
    findings = " ".join(t.get_text(" ") for t in soup.select("table")
                        if t.caption and "Varningar" in t.caption.get_text())
    assert "beräknad" not in findings and "avrundningsdifferens" not in findings


def test_the_ledger_may_come_as_excel(town):
    frame = pd.read_csv(town / "saldolista.csv", sep=";", dtype=str)
    frame.to_excel(town / "saldolista.xlsx", index=False)
    (town / "saldolista.csv").unlink()
    edit_kommun = (town / "kommun.yaml").read_text("utf-8").replace("saldolista.csv", "saldolista.xlsx")
    (town / "kommun.yaml").write_text(edit_kommun, encoding="utf-8")
    ledger = aggregate.load(town, CheckLog())
    assert aggregate.tables(ledger, "ks", True, 0.5)["resultat"].iloc[0]["utfall"] == 1


def test_a_new_period_takes_every_nämnd_and_waits_for_the_new_export(tmp_path):
    from kommunrapport.model.newperiod import new_period

    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    folder = new_period("2026-04", "2025-12", tmp_path)
    assert not (folder / "huvudbok.csv").exists()  # the new period's export replaces it
    assert "exempeldata: null" in (folder / "kommun.yaml").read_text("utf-8")
    for board in ("kommunstyrelsen", "socialnamnden", "barn-och-utbildningsnamnden",
                  "samhallsbyggnadsnamnden"):
        meta = (folder / board / "rapport.yaml").read_text("utf-8")
        assert "period: 2026-04" in meta and "exempeldata: null" in meta
        _, log = report.check("2026-04", tmp_path, namnd=board)
        assert any(e.file == "huvudbok.csv" and e.problem == "filen saknas" for e in log.errors)


def test_one_nämnds_edits_leave_the_other_nämnders_builds_current(tmp_path):
    """A build's inputs are the municipality's files and the nämnd's own folder: editing
    socialnämnden's goals changes nothing of kommunstyrelsen's identity or chapter keys, and
    a text edit runs no chapter again; the municipality's files count for every nämnd."""
    from kommunrapport.building import cache, identity
    from kommunrapport.common.paths import BOOK, NOTEBOOKS
    from kommunrapport.common.periods import Period

    shutil.copytree(DATA / "2025-12", tmp_path / "2025-12")
    period = Period.parse("2025-12")
    roots = {"data": tmp_path, "notebooks": NOTEBOOKS, "static": BOOK / "static"}

    def state(namnd):
        data = cache.data_digest(identity.data_files(period, tmp_path, namnd), tmp_path)
        key = cache.chapter_key(NOTEBOOKS / "ekonomi.ipynb", data, {"n": namnd}, "kod")
        return identity.hashes(period, roots, namnd, "kod"), key

    ks, sn = state("kommunstyrelsen"), state("socialnamnden")
    assert not any("socialnamnden" in label for label in ks[0])
    assert "data/2025-12/huvudbok.csv" in ks[0] and "data/2025-12/kommun.yaml" in ks[0]
    _append(tmp_path / "2025-12" / "socialnamnden" / "mal.yaml", "\n# ändrad\n")
    assert state("kommunstyrelsen") == ks
    assert state("socialnamnden")[1] != sn[1]
    text = next((tmp_path / "2025-12" / "socialnamnden" / "text").glob("*.md"))
    sn = state("socialnamnden")
    _append(text, "\nEn mening till.\n")
    assert state("socialnamnden")[1] == sn[1]  # the prose is put in when the book is assembled
    assert state("socialnamnden")[0] != sn[0]  # but the build's identity names it
    (tmp_path / "2025-12" / "kontoplan.yaml").write_text(
        (tmp_path / "2025-12" / "kontoplan.yaml").read_text(encoding="utf-8") + "\n# ändrad\n",
        encoding="utf-8")
    assert state("kommunstyrelsen") != ks


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


PROGNOS_SECTION = """
prognos:
  fil: prognos.csv
  niva: verksamhet
  kolumner: {namnd: Nämnd, verksamhet: Vht, projekt: Projekt, prognos: "Prognos helår kr"}
"""
# Net per verksamhet, debet positive as the ledger; projects by their code.
PROGNOS = """\
Nämnd;Vht;Projekt;Prognos helår kr
Kommunstyrelsen;10;;12 600
ks;20;;- 1 000
Socialnämnden;50;;41 500
;;P1;9 400
;;P2;2 600
"""


@pytest.fixture
def town_with_prognos(town) -> Path:
    kommun = KOMMUN.replace(', prognos: "Prognos kr"}', "}") + PROGNOS_SECTION
    (town / "kommun.yaml").write_text(kommun, encoding="utf-8")
    (town / "prognos.csv").write_text(PROGNOS, encoding="utf-8")
    return town


def test_a_separate_prognos_per_verksamhet_gives_the_tables_by_hand(town_with_prognos):
    ledger = aggregate.load(town_with_prognos, CheckLog())
    t = aggregate.tables(ledger, "ks", True, limit_tkr=0.5)
    r = t["resultat"].set_index("post")
    # Net per verksamhet says nothing of intäkter and kostnader: only the result's prognos.
    assert r.loc[["Intäkter", "Kostnader", "varav personalkostnader"], "prognos"].isna().all()
    # −12 600 + 1 000 kr = −11 600 kr -> −12 tkr; budget −12 tkr.
    assert r.loc["Resultat", ["prognos", "budget", "avvikelse"]].tolist() == [-12, -12, 0]
    drift = t["driftredovisning"]
    assert drift["prognos"].tolist() == [-13, 1, -12]  # −12,6 -> −13 (half away from zero)
    assert drift["avvikelse"].tolist() == [-1, 1, 0]
    analys = t["verksamhetsanalys"]
    assert analys["intakt_prognos"].isna().all() and analys["kostnad_prognos"].isna().all()
    assert analys["nettoavvikelse"].tolist() == [-1, 1]
    inv = t["investeringar"].set_index("projekt")
    assert inv.loc[["Skolan", "Reinvesteringar", "Summa"], "prognos"].tolist() == [-9, -3, -12]
    assert aggregate.tables(ledger, "sn", True, 0.5)["resultat"].set_index("post").at[
        "Resultat", "prognos"] == -42  # −41,5 tkr, half away from zero


def test_the_separate_prognos_is_named_by_file_row_and_column_when_it_does_not_fit(
        town_with_prognos):
    (town_with_prognos / "prognos.csv").write_text(
        PROGNOS.replace("ks;20;;- 1 000\n", "Kulturnämnden;20;;- 1 000\n")
        + ";;P3;100\nSocialnämnden;10;;5\n", encoding="utf-8")
    log = CheckLog()
    with pytest.raises(DataError):
        aggregate.load(town_with_prognos, log)
    found = {(e.row, e.column): e.problem for e in log.errors}
    assert found[(3, "Nämnd")].startswith("nämnden 'Kulturnämnden' finns inte i kommun.yaml")
    assert found[(7, "Projekt")].startswith("projektet P3 är inget investeringsprojekt")
    assert found[(8, "Vht")].startswith("verksamhet 10 har en prognos men inga rader för nämnden")
    assert any(e.problem.startswith("ingen prognos för verksamhet 20 Lokaler (ks)")
               for e in log.errors)
    assert all(e.file == "prognos.csv" for e in log.errors)


def test_a_prognos_per_ansvar_goes_to_the_ansvars_one_verksamhet(town_with_prognos):
    kommun = (town_with_prognos / "kommun.yaml").read_text(encoding="utf-8")
    (town_with_prognos / "kommun.yaml").write_text(kommun.replace(
        "niva: verksamhet", "niva: ansvar").replace("{namnd: Nämnd, verksamhet: Vht,",
                                                    "{ansvar: Ansvar,"), encoding="utf-8")
    rows = "Ansvar;Projekt;Prognos helår kr\n110;;-1 600\n120;;2 700\n130;;10 400\n140;;1 500\n"
    (town_with_prognos / "prognos.csv").write_text(
        rows + "500;;-1 000\n210;;41 000\n950;;-90 000\n;P1;9 000\n;P2;2 700\n", encoding="utf-8")
    ledger = aggregate.load(town_with_prognos, CheckLog())
    drift = aggregate.tables(ledger, "ks", True, 0.5)["driftredovisning"]
    assert drift["prognos"].tolist() == [-13, 1, -12]  # 110–140 are verksamhet 10, 500 is 20
    # An ansvar with rows on two verksamheter cannot have one prognos.
    (town_with_prognos / "saldolista.csv").write_text(LEDGER + "120;20;4010;;1;0;0\n",
                                                      encoding="utf-8")
    log = CheckLog()
    with pytest.raises(DataError):
        aggregate.load(town_with_prognos, log)
    [error] = log.errors
    assert (error.row, error.column) == (3, "Ansvar")
    assert "ansvaret 120 har rader på flera verksamheter" in error.problem


def test_the_prognos_comes_from_the_ledger_or_the_separate_file_never_both(town_with_prognos):
    kommun = (town_with_prognos / "kommun.yaml").read_text(encoding="utf-8")
    (town_with_prognos / "kommun.yaml").write_text(kommun.replace(
        'budget: "Budget kr"}', 'budget: "Budget kr", prognos: "Prognos kr"}'), encoding="utf-8")
    log = CheckLog()
    with pytest.raises(FileRejected):
        aggregate.load(town_with_prognos, log)
    assert "ur huvudboken (huvudbok.kolumner.prognos) och ur en egen fil" in log.errors[0].problem


@pytest.fixture(scope="session")
def prognos_site(december_site, tmp_path_factory) -> Path:
    """Kommunstyrelsen's 2025-12 example again as a delårsrapport (2025-10) whose prognos is
    a separate file, net per verksamhet (tests/huvudbok_exempel.py); HTML only."""
    from huvudbok_exempel import as_delarsrapport_with_prognos

    out = tmp_path_factory.mktemp("prognosfil")
    as_delarsrapport_with_prognos(out / "data")
    return build_report("2025-10", out / "data", out_root=out / "_build", source_root=out / "book",
                       say=lambda *_: None, namnd="kommunstyrelsen", pdf=False).parent


def _table(site: Path, page: str, caption: str) -> list[list[str]]:
    soup = BeautifulSoup((site / f"{page}.html").read_text("utf-8"), "html.parser")
    table = next(t for t in soup.select("table")
                 if t.caption and t.caption.get_text().startswith(caption))
    return [[c.get_text(" ", strip=True) for c in row.select("th, td")]
            for row in table.select("tr")]


def test_a_net_prognos_per_verksamhet_shows_the_results_prognos_and_says_why_only_that(
        prognos_site):
    rows = _table(prognos_site, "ekonomi", "Resultat")
    heading = rows[0]
    column = next(i for i, h in enumerate(heading) if "prognos" in h.lower())
    by_post = {r[0]: r for r in rows[1:]}
    assert by_post["Intäkter"][column] == "" and by_post["Kostnader"][column] == ""
    assert by_post["Resultat"][column] == "−181\u00a0324"  # the ledger's utfall, as invented
    text = _article(prognos_site, "ekonomi")
    assert ("Prognosen lämnas netto per verksamhet och delas inte upp på intäkter och "
            "kostnader; därför visas den bara för resultatet.") in text
    assert "med budgeten uppdelad på intäkter och kostnader (prognosen lämnas netto" in text
    analysis = _table(prognos_site, "ekonomi", "Verksamhetsanalys")[0]
    assert not any("prognos" in h.lower() for h in analysis)
    checks = _article(prognos_site, "datakontroller").replace("\u00a0", " ")
    assert "Filens summa (prognos.csv) 52" in checks


def test_a_new_period_leaves_the_separate_prognos_out_and_asks_for_the_new_one(tmp_path):
    from huvudbok_exempel import as_delarsrapport_with_prognos

    from kommunrapport.model.newperiod import new_period

    as_delarsrapport_with_prognos(tmp_path)
    folder = new_period("2026-04", "2025-10", tmp_path)
    assert not (folder / "prognos.csv").exists() and not (folder / "huvudbok.csv").exists()
    shutil.copy(tmp_path / "2025-10" / "huvudbok.csv", folder)
    _, log = report.check("2026-04", tmp_path, namnd="kommunstyrelsen")
    assert any(e.file == "prognos.csv" and e.problem == "filen saknas" for e in log.errors)


def test_the_ledgers_tables_are_read_in_memory_and_leave_no_files():
    """The tables a nämnd's ledger rows give go straight into its model: nothing is written
    to a temporary folder (or anywhere) to be read back."""
    import tempfile

    before = set(Path(tempfile.gettempdir()).iterdir())
    rep, log = report.check("2025-12", namnd="socialnamnden")
    assert rep is not None and not log.errors
    assert not rep.ekonomi.verksamhetsanalys.empty
    assert {p for p in set(Path(tempfile.gettempdir()).iterdir()) - before
            if p.name.startswith("kommunrapport")} == set()
