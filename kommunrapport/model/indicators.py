"""Indikatorer: each målområde's indicators, their values over time, rank and target.

indikatorer.yaml declares them (per målområde, optionally per KF strategic goal or
nämndmål); the values come from Kolada's cache (kolada.json, written by make indikatorer)
or, for the board's own measurements, from indikatorvarden.csv. An indicator declared as
egen uppföljning with a Kolada KPI id takes Kolada's values once they have been fetched.

Rank is among all municipalities with a value that year (competition ranking: tied values
share the better place, "1, 2, 2, 4"), so a missing municipality neither counts nor ranks.
Quartile 1 is the best quarter: quartile = ⌈4 · rank / n⌉, so "bland de 25 % bästa" and
quartile 1 agree (rank ≤ n / 4).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..common.checks import CheckLog
from ..common.errors import DataError
from ..common.reading import read_text
from ..sources import kolada
from ..sources.loading import read_export, read_yaml, yaml_line
from ..sources.schemas import IndikatorFil, IndikatorvardeRow

FILE = "indikatorer.yaml"
OWN_VALUES = "indikatorvarden"


@dataclass
class Indicator:
    decl: dict
    source: str                      # "kolada" or "egen" (where the values shown come from)
    source_text: str                 # "Källa: Kolada …" or the own measurement's source
    points: list[tuple[str, float]]  # the municipality's values, oldest first (label, value)
    riket: dict[str, float] = field(default_factory=dict)
    group: dict[str, float] = field(default_factory=dict)  # the comparison group's mean
    ranks: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (rank, of)

    @property
    def id(self) -> str:
        return self.decl["id"]

    @property
    def higher_is_better(self) -> bool:
        return self.decl["battre"] == "hogre"

    @property
    def latest(self) -> tuple[str, float] | None:
        return self.points[-1] if self.points else None

    @property
    def change(self) -> float | None:
        return self.points[-1][1] - self.points[-2][1] if len(self.points) > 1 else None

    @property
    def rank(self) -> tuple[int, int] | None:
        return self.ranks.get(self.latest[0]) if self.latest else None


@dataclass
class Indicators:
    items: list[Indicator]
    group_name: str | None
    fetched: str | None     # the date Kolada's values were fetched
    example: str | None     # set when the values are invented example data

    def of_area(self, area: int) -> list[Indicator]:
        return [i for i in self.items if i.decl["malomrade"] == area]


def rank_among(values: dict[str, float], me: str, higher_is_better: bool) -> tuple[int, int] | None:
    """(rank, number ranked) of `me` among the municipalities with a value; ties share."""
    ranked = {k: v for k, v in values.items() if kolada.is_municipality(k) and v is not None}
    if me not in ranked:
        return None
    mine = ranked[me]
    better = sum(1 for v in ranked.values() if (v > mine if higher_is_better else v < mine))
    return better + 1, len(ranked)


def quartile(rank: int, of: int) -> int:
    return min(4, max(1, math.ceil(4 * rank / of)))


def among_best(rank: int, of: int, share: int) -> bool:
    """Whether a rank is within the best `share` percent (rank ≤ of · share / 100)."""
    return rank * 100 <= of * share


def target_status(ind: Indicator) -> tuple[str, str]:
    """(status, in words): uppfyllt, på väg or inte på väg, judged from the latest value and
    the change (or the rank and its change); the overview shows the status, the chapter the
    words."""
    target = ind.decl.get("mal")
    if not target:
        return "inget mål", "inget mål angivet"
    if not ind.latest:
        return "kan inte bedömas", "kan inte bedömas: värden saknas"
    if target.get("basta_andel"):
        if not ind.ranks:
            return "kan inte bedömas", "kan inte bedömas: rang saknas (egen uppföljning)"
        if not ind.rank:
            return "kan inte bedömas", "kan inte bedömas: rang saknas för senaste året"
        rank, of = ind.rank
        if among_best(rank, of, target["basta_andel"]):
            return "uppfyllt", "uppfyllt"
        earlier = [ind.ranks[label] for label, _ in ind.points[:-1] if label in ind.ranks]
        if earlier and rank / of < earlier[-1][0] / earlier[-1][1]:
            return "på väg", "inte uppfyllt än, på väg (rangen har förbättrats)"
        return "inte på väg", "inte uppfyllt än, inte på väg (rangen har inte förbättrats)"
    value, goal = ind.latest[1], target["varde"]
    if (value >= goal) if ind.higher_is_better else (value <= goal):
        return "uppfyllt", "uppfyllt"
    if ind.change and (ind.change > 0) == ind.higher_is_better:
        return "på väg", "inte uppfyllt än, på väg (utvecklingen går åt rätt håll)"
    return "inte på väg", "inte uppfyllt än, inte på väg"


def _own_values(folder: Path, ids: set[str], log: CheckLog) -> dict[str, list[tuple[int, str, float]]]:
    if not any(folder.glob(f"{OWN_VALUES}.*")):
        return {}
    path, rows = read_export(folder, OWN_VALUES, IndikatorvardeRow, log)
    out: dict[str, list] = {}
    for number, row in rows:
        if row.indikator not in ids:
            raise DataError(path, f"indikatorn '{row.indikator}' finns inte i {FILE}", row=number,
                            column="indikator", expected="ett id från indikatorer.yaml med kalla: egen")
        out.setdefault(row.indikator, []).append((number, row.matning, row.varde))
    return out


def _from_kolada(decl: dict, cache: dict, municipality: str, members: list[str]) -> Indicator | None:
    by_municipality = kolada.values(cache, decl["kpi"], decl["kon"])
    own = by_municipality.get(municipality, {})
    if not own:
        return None
    years = sorted(y for y in own if y in set(cache.get("ar", own)))
    source = (f"Källa: Kolada (RKA), hämtat {cache.get('hamtad', '')}; rang, kvartil och "
              "jämförelsegruppens medelvärde beräknade av kommunen")
    if cache.get("exempeldata"):  # invented values are never credited to Kolada
        source = cache["exempeldata"].rstrip(".")
    ind = Indicator(decl, "kolada", source, [(str(y), own[y]) for y in years])
    for y in years:
        label = str(y)
        if y in by_municipality.get(kolada.RIKET, {}):
            ind.riket[label] = by_municipality[kolada.RIKET][y]
        group = [by_municipality[m][y] for m in members if y in by_municipality.get(m, {})]
        if group:
            ind.group[label] = sum(group) / len(group)  # unweighted, as Kolada's own comparisons
        ranked = rank_among({m: v[y] for m, v in by_municipality.items() if y in v},
                            municipality, decl["battre"] == "hogre")
        if ranked:
            ind.ranks[label] = ranked
    return ind


def load(folder: Path, period, municipality: str | None, log: CheckLog) -> Indicators:
    """The period's indicators; none when indikatorer.yaml is absent."""
    path = folder / FILE
    if not path.is_file():
        return Indicators([], None, None, None)
    spec = read_yaml(path, IndikatorFil, log)
    seen: set[str] = set()
    text = read_text(path)
    for n, ind in enumerate(spec.indikatorer, start=1):
        if ind.id in seen:
            log.error(path, f"indikatorn '{ind.id}' förekommer flera gånger",
                      row=yaml_line(text, ("indikatorer", n - 1, "id")),
                      column=f"indikatorer.{n}.id", expected="ett unikt id per indikator")
        seen.add(ind.id)
    cache = kolada.read(folder)
    kolada_ids = [i.kpi for i in spec.indikatorer if i.kpi]
    if kolada_ids and not municipality:
        log.error(folder / "rapport.yaml", "kommunkoden saknas", column="kommunkod",
                  expected="kommunens fyrsiffriga kod i Kolada, till exempel \"1882\" för Askersund")
    own = _own_values(folder, {i.id for i in spec.indikatorer if i.kalla == "egen"}, log)
    members = (cache or {}).get("jamforelsegrupp", {}).get("medlemmar", [])
    items = []
    for ind in spec.indikatorer:
        decl = ind.model_dump()
        found = (_from_kolada(decl, cache, municipality, members)
                 if cache and ind.kpi and municipality and ind.kpi in cache["kpi"] else None)
        if found is None and ind.kalla == "kolada":
            log.warn(path, f"indikatorn '{ind.id}' ({ind.kpi}) har inga värden från Kolada",
                     expected=f"kör {_fetch_command(folder, period)} för att hämta dem")
        if found is None:
            rows = own.get(ind.id, [])
            found = Indicator(decl, "egen", f"Källa: {ind.kalla_namn} (egen uppföljning)",
                              [(label, value) for _, label, value in rows])
            if ind.kalla == "egen" and not rows:
                log.warn(path, f"indikatorn '{ind.id}' har inga värden",
                         expected=f"mätningarna i {OWN_VALUES}.csv (indikator;matning;varde)")
        items.append(found)
    if cache and kolada_ids:
        years = cache.get("ar") or [0]
        if max(years) < period.year:  # carried over from an earlier period
            log.warn(folder / kolada.CACHE, f"Kolada-värdena gäller åren {years[0]}–{years[-1]} "
                     f"(hämtade {cache.get('hamtad')})",
                     expected=f"periodens år: kör {_fetch_command(folder, period)}")
        else:
            log.ok(f"Kolada-värden hämtade {cache.get('hamtad')}")
    return Indicators(items, spec.jamforelsegrupp.namn if spec.jamforelsegrupp else None,
                      cache.get("hamtad") if cache else None,
                      spec.exempeldata or (cache or {}).get("exempeldata"))


def _fetch_command(folder: Path, period) -> str:
    board = f" NAMND={folder.name}" if folder.name != str(period) else ""
    return f"make indikatorer PERIOD={period}{board}"


def check_goals(found: Indicators, mal, folder: Path, log: CheckLog) -> None:
    """Each indicator belongs to a målområde of mal.yaml, and to its goals where it names one."""
    path = folder / FILE
    text = read_text(path) if path.is_file() else ""
    areas = {a["nr"]: a for a in mal.data["malomraden"]}

    def error(n: int, field: str, problem: str, expected: str | None = None) -> None:
        log.error(path, problem, row=yaml_line(text, ("indikatorer", n - 1, field)),
                  column=f"indikatorer.{n}.{field}", expected=expected)

    for n, ind in enumerate(found.items, start=1):
        d = ind.decl
        area = areas.get(d["malomrade"])
        if area is None:
            error(n, "malomrade", f"målområde {d['malomrade']} finns inte i mal.yaml",
                  f"ett av {', '.join(map(str, sorted(areas)))}")
            continue
        if d["strategiskt_mal"] and not 1 <= d["strategiskt_mal"] <= len(area["strategiska_mal"]):
            error(n, "strategiskt_mal", f"målområde {d['malomrade']} har inget strategiskt mål "
                  f"nummer {d['strategiskt_mal']}", f"1–{len(area['strategiska_mal'])}")
        if d["namndmal"] and d["namndmal"] not in {g["nr"] for g in area["namndmal"]}:
            error(n, "namndmal", f"målområde {d['malomrade']} har inget nämndmål nummer "
                  f"{d['namndmal']}")
