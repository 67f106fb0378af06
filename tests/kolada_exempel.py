"""Invented Kolada data in Kolada's v3 response shape, for the example period 2025-12 and
for the test server. Nothing here comes from Kolada: the values are drawn from a seeded
random generator. Run `python tests/kolada_exempel.py` to write data/2025-12/kolada.json.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

NOTICE = "Påhittade exempelvärden i Kolada-format, inte hämtade från Kolada."
COUNTIES = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17",
            "18", "19", "20", "21", "22", "23", "24", "25"]
ASKERSUND = "1882"
YEARS = [2022, 2023, 2024, 2025]
# kpi: (title, mean, spread, decimals, Askersund's values by year, gender split)
KPIS = {
    "U07451": ("Företagsklimat enligt Insikt, NKI totalt (exempel)", 74, 5, 0,
               [70, 72, 75, 78], False),
    "N99901": ("Invånarnas betyg på kommunens skolor, index (exempel)", 60, 6, 0,
               [57, 58, 61, 63], True),
    "N99902": ("Hållbart medarbetarengagemang (HME), totalt (exempel)", 79, 3, 0,
               [78, 78, 80, 81], False),
}
GROUP = {"id": "G999001", "title": "Liknande kommuner (exempel)"}


def municipalities() -> list[str]:
    codes = []
    for i in range(290):
        county = COUNTIES[i % len(COUNTIES)]
        codes.append(f"{county}{60 + i // len(COUNTIES):02d}")
    codes[codes.index("1860") if "1860" in codes else 0] = ASKERSUND
    return sorted(set(codes))


def group_members() -> list[str]:
    return [m for m in municipalities() if m.startswith(("18", "19", "20", "21"))][:12]


def _record(kpi: str, code: str, year: int, total: float | None, split: bool, rnd) -> dict:
    values = [{"gender": "T", "count": 1, "status": "" if total is not None else "Missing",
               "value": total}]
    if split and total is not None:
        gap = rnd.choice([-2, -1, 1, 2])
        values += [{"gender": "K", "count": 1, "status": "", "value": total + gap},
                   {"gender": "M", "count": 1, "status": "", "value": total - gap}]
    return {"kpi": kpi, "municipality": code, "period": year, "values": values}


def records(kpi: str, years: list[int] = YEARS) -> list[dict]:
    """Every municipality's and riket's values of one KPI: some missing, many tied (whole
    numbers), Askersund's series as given."""
    title, mean, spread, decimals, own, split = KPIS[kpi]
    rnd = random.Random(kpi)
    out = []
    for year in years:
        drawn = []
        for code in municipalities():
            if code == ASKERSUND:
                value = own[YEARS.index(year)]
            elif rnd.random() < 0.06:
                value = None  # the municipality did not take part that year
            else:
                value = round(rnd.gauss(mean + (year - 2022), spread), decimals)
            if value is not None:
                drawn.append(value)
            out.append(_record(kpi, code, year, value, split, rnd))
        out.append(_record(kpi, "0000", year, round(sum(drawn) / len(drawn), 1), split, rnd))
    return out


def cache() -> dict:
    return {"exempeldata": NOTICE, "kalla": "Kolada", "api": "https://api.kolada.se/v3",
            "hamtad": "2026-01-15", "kommun": ASKERSUND, "ar": YEARS,
            "jamforelsegrupp": {"id": GROUP["id"], "titel": GROUP["title"],
                                "medlemmar": group_members()},
            "kpi": {k: {"titel": v[0], "data": records(k)} for k, v in KPIS.items()}}


def write(path: Path) -> None:
    """One record per line: the file stays diffable."""
    data = cache()
    kpis = data.pop("kpi")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]
    parts = []
    for kpi, entry in kpis.items():
        rows = ",\n".join("   " + json.dumps(r, ensure_ascii=False) for r in entry["data"])
        parts.append(f'  {json.dumps(kpi)}: {{"titel": {json.dumps(entry["titel"], ensure_ascii=False)}, '
                     f'"data": [\n{rows}\n  ]}}')
    path.write_text(head + ',\n "kpi": {\n' + ",\n".join(parts) + "\n }\n}\n", encoding="utf-8")


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "data" / "2025-12" / "kolada.json"
    write(target)
    json.loads(target.read_text(encoding="utf-8"))
    print(f"{target}: {target.stat().st_size // 1000} kB")
