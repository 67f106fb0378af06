"""The invented delår period 2026-08, made from the invented 2025-12 (PÅHITTADE EXEMPELDATA,
like it): the same municipality eight months into the next year, to show and test a
delårsrapport of the municipality and its nämnder, with the year's prognos in the ledger.

The ledger: each result row's utfall is eight twelfths of 2025's grown by 3 %, give or take;
its budget 2025's grown by 3 %; its prognos the budget, give or take; its utfall a year before
eight twelfths of 2025's. The balance accounts open (IB) where 2025 closed, with 2025's result
in the equity, and move by eight twelfths of 2025's movements; the bank balances the ledger.
The nämnder's folders are 2025-12's with the period's dates, an analysis for every deviation
the ledger gives, and texts that say they are invented. Run `python tests/delar_exempel.py`.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml
from huvudbok_exempel import invented_texts

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "2025-12"
PERIOD = "2026-08"
SHARE = 8 / 12
GROWTH = 1.03
NOTICE = ("Påhittade exempeldata: perioden januari–augusti 2026 är uppfunnen för att visa en "
          "delårsrapport. Siffror och texter kommer inte från en verklig rapport.")
HEADER = ("Ansvar;Vht;Konto;Projekt;IB kr;Utfall ack kr;Budget år kr;Prognos år kr;"
          "Utfall fg år ack kr")
BANK = 1930
EQUITY = 2090


def _num(text: str) -> int:
    text = text.replace(" ", "").replace("\u2212", "-")
    return int(text) if text not in ("", "-") else 0


def _kr(value: int) -> str:
    return ("-" if value < 0 else "") + f"{abs(value):,}".replace(",", " ")


def _rows() -> list[dict]:
    lines = (SOURCE / "huvudbok.csv").read_text("utf-8").splitlines()
    head = lines[0].split(";")
    return [dict(zip(head, line.split(";"))) for line in lines[1:]]


def ledger(rnd: random.Random) -> list[str]:
    out, closing, result = [], {}, 0
    for r in _rows():
        konto, ib, utfall, budget = (int(r["Konto"]), _num(r["IB kr"]),
                                     _num(r["Utfall ack kr"]), _num(r["Budget år kr"]))
        key = (r["Ansvar"], r["Vht"], r["Konto"], r["Projekt"])
        if konto >= 3000:  # a result row
            result += utfall
            now = round(utfall * GROWTH * SHARE * rnd.uniform(0.96, 1.04))
            year_budget = round(budget * GROWTH)
            out.append((key, "", now, year_budget, round(year_budget * rnd.uniform(0.97, 1.03)),
                        round(utfall * SHARE * rnd.uniform(0.98, 1.02))))
        elif r["Projekt"]:  # an investment project's row: its asset is in the balance now
            closing[konto] = closing.get(konto, 0) + ib + utfall
            year_budget = round(budget * GROWTH)
            out.append((key, 0, round(utfall * SHARE), year_budget, year_budget, None))
        else:
            closing[konto] = closing.get(konto, 0) + ib + utfall
            out.append((key, None, round(utfall * SHARE), 0, 0, None))
    closing[EQUITY] += result  # 2025's result closed into the equity
    rows = []
    for (ansvar, vht, konto, projekt), ib, now, budget, prognos, before in out:
        if ib is None:  # a balance account outside the projects opens at 2025's close
            ib = closing.pop(int(konto))
        rows.append([ansvar, vht, konto, projekt, ib, now, budget, prognos, before])
    for konto, ib in sorted(closing.items()):  # a project's account with no balance row yet
        rows.append(["9050", "99", str(konto), "", ib, 0, 0, 0, None])
    bank = next(r for r in rows if int(r[2]) == BANK and not r[3])
    bank[5] = 0
    bank[5] = -sum(r[5] for r in rows)
    assert sum(r[4] for r in rows if r[4] != "") == 0, "the opening balances do not balance"
    return [HEADER] + [";".join([a, v, k, p, "" if ib == "" else _kr(ib), _kr(now), _kr(budget),
                                 _kr(prognos), "" if before is None else _kr(before)])
                       for a, v, k, p, ib, now, budget, prognos, before in rows]


_DATES = [("2025-12-31", "2026-08-31"), ("'2025-12'", "'2026-08'"), ("2025-12", "2026-08"),
          ("1 januari–30 november", "1 januari–31 juli"), (";december;", ";augusti;"),
          (";november;", ";juli;"), (";hela året;", ";januari–augusti;"),
          ("löneöversyn 2025", "löneöversyn 2026")]


def _dated(text: str) -> str:
    for old, new in _DATES:
        text = text.replace(old, new)
    return re.sub(r"(?m)^exempeldata: .*(\n  .*)*", "exempeldata: '" + NOTICE + "'", text)


def folders(target: Path) -> None:
    """The nämnder's and the municipality's folders, from 2025-12's."""
    for source in sorted(p for p in SOURCE.iterdir() if p.is_dir()):
        folder = target / source.name
        shutil.copytree(source, folder)
        for path in folder.glob("*.yaml"):
            path.write_text(_dated(path.read_text("utf-8")), encoding="utf-8")
        for path in folder.glob("*.csv"):
            path.write_text(_dated(path.read_text("utf-8")), encoding="utf-8")
        meta = yaml.safe_load((folder / "rapport.yaml").read_text("utf-8"))
        invented_texts(folder, "Påhittad exempeltext för "
                       f"{meta.get('namnd') or 'kommunen'}s delårsrapport januari–augusti 2026")
        if "pensionsforpliktelser" in meta:  # the municipality's: opening where 2025 closed
            pensions = meta["pensionsforpliktelser"]
            pensions.update(ib=pensions["ub"], ub=round(pensions["ub"] * 0.97),
                            kalla="Pensionsförvaltarens beräkning per 2026-08-31 (påhittad)")
            guarantees = meta["borgensataganden"]
            guarantees.update(ib=guarantees["ub"], ub=guarantees["ub"] - 4_000_000,
                              kalla="Kommunens borgensförteckning per 2026-08-31 (påhittad)")
            meta["exempeldata"] = NOTICE
            (folder / "rapport.yaml").write_text(
                "# PÅHITTADE EXEMPELDATA (tests/delar_exempel.py).\n"
                + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
        ekonomi = folder / "ekonomi.yaml"
        if ekonomi.is_file():
            texts = yaml.safe_load(ekonomi.read_text("utf-8"))
            texts.update(prognosposter={}, analyser_drift={}, analyser_investeringar={})
            ekonomi.write_text("# PÅHITTADE EXEMPELDATA.\n" + yaml.safe_dump(
                texts, allow_unicode=True, sort_keys=False), encoding="utf-8")


def last_year(target: Path) -> None:
    """Kommunstyrelsen's personnel figures a year before are 2025-08's (the reference
    report's, which the nämnd's comparison reads)."""
    real = {line.split(";")[0]: line.split(";")[4]
            for line in (ROOT / "data" / "2025-08" / "personal.csv").read_text("utf-8").splitlines()[1:]}
    path = target / "kommunstyrelsen" / "personal.csv"
    lines = path.read_text("utf-8").splitlines()
    out = [lines[0]] + [";".join(cells[:5] + [real.get(cells[0], cells[5])])
                        for cells in (line.split(";") for line in lines[1:])]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def analyses(target: Path) -> None:
    """An invented analysis for every deviation of the period that asks for one."""
    from kommunrapport.model import report

    for folder in sorted(p for p in target.iterdir() if (p / "ekonomi.yaml").is_file()):
        _, log = report.check(PERIOD, target.parent, namnd=folder.name)
        texts = yaml.safe_load((folder / "ekonomi.yaml").read_text("utf-8"))
        for f in log.findings:  # the check asks for each analysis by its key
            part, _, key = (f.column or "").partition(".")
            if f.file == "ekonomi.yaml" and part == "analyser_drift":
                texts[part][int(key)] = "Påhittad exempelanalys av avvikelsen."
            elif f.file == "ekonomi.yaml" and part == "analyser_investeringar":
                texts[part][key] = "Påhittad exempelanalys av avvikelsen."
        (folder / "ekonomi.yaml").write_text("# PÅHITTADE EXEMPELDATA.\n" + yaml.safe_dump(
            texts, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write(data_root: Path = ROOT / "data") -> Path:
    target = data_root / PERIOD
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / "huvudbok.csv").write_text("\n".join(ledger(random.Random(2026_08))) + "\n",
                                         encoding="utf-8")
    kommun = (SOURCE / "kommun.yaml").read_text("utf-8").replace(
        "utfall_fg: Utfall fg år ack kr", "utfall_fg: Utfall fg år ack kr\n    prognos: Prognos år kr")
    (target / "kommun.yaml").write_text(_dated(kommun), encoding="utf-8")
    shutil.copy(SOURCE / "kontoplan.yaml", target / "kontoplan.yaml")
    folders(target)
    last_year(target)
    analyses(target)
    return target


if __name__ == "__main__":
    print(f"{write()}")
