"""Kolada's API v3: fetch the declared KPIs once, into the period's folder (kolada.json).

`make indikatorer PERIOD=…` is the only step that goes online; the cache is committed with
the period's data, so every build is offline and reproducible, and the build's identity
hashes it like any other input. Per KPI it holds Kolada's own records (the shape the API
returns: kpi, municipality, period, values per gender with count, status and value) for
every municipality and riket over the years shown, so rank and quartile are computed from
the same numbers the reader sees, and the comparison group's members.

The base address comes from KOLADA_API (a proxy, or a test server). Requests go one at a
time, with retries and backoff on network errors and 5xx answers. A fetch that fails in any
way leaves the existing cache as it was: the new one replaces it in one rename.
"""
from __future__ import annotations

import datetime
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..common.errors import DataError

DEFAULT_API = "https://api.kolada.se/v3"
CACHE = "kolada.json"
RIKET = "0000"
MAX_PAGES = 100  # a KPI's values for all municipalities over a few years fill a page or two
TIMEOUT_S = 30


class FetchError(Exception):
    """A fetch that failed, in Swedish, naming the KPI and what happened."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status Kolada answered, if it answered


def api_base() -> str:
    return os.environ.get("KOLADA_API", DEFAULT_API).rstrip("/")


def is_municipality(code: str) -> bool:
    """Kolada's ids: kommuner have SCB's four-digit codes; riket is 0000 and the regions
    0001–0025, which a municipality's rank leaves out."""
    return len(code) == 4 and code.isdigit() and not code.startswith("00")


def _get(url: str, what: str, retries: int, backoff: float) -> dict:
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT_S) as answer:
                return json.loads(answer.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                raise FetchError(f"{what}: Kolada svarade {exc.code} ({exc.reason}) på {url}",
                                 exc.code) from None
            problem = f"Kolada svarade {exc.code} ({exc.reason})"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            problem = f"Kolada gick inte att nå ({reason})"
        except ValueError:
            raise FetchError(f"{what}: svaret från {url} är inte JSON") from None
        if attempt < retries:
            time.sleep(backoff * 2 ** attempt)
    raise FetchError(f"{what}: {problem}, också efter {retries} nya försök. Adressen var {url}; "
                     f"kontrollera nätverket eller KOLADA_API (nu {api_base()}).")


def _pages(url: str, what: str, retries: int, backoff: float) -> list[dict]:
    """Every record of a paged answer, following next_url to the end."""
    records, seen = [], set()
    while url:
        if url in seen or len(seen) >= MAX_PAGES:
            raise FetchError(f"{what}: sidorna tar inte slut ({len(seen)} sidor hämtade, "
                             f"nästa sida {'har redan hämtats' if url in seen else 'är fler än ' + str(MAX_PAGES)}).")
        seen.add(url)
        page = _get(url, what, retries, backoff)
        if not isinstance(page.get("values"), list):
            raise FetchError(f"{what}: svaret från {url} saknar listan 'values'")
        records += page["values"]
        url = page.get("next_url") or page.get("next_page")
    return records


def _kpi_title(base: str, kpi: str, retries: int, backoff: float) -> str:
    what = f"Nyckeltalet {kpi}"
    try:
        answer = _get(f"{base}/kpi/{kpi}", what, retries, backoff)
    except FetchError as exc:
        if exc.status == 404:
            raise FetchError(f"{what} finns inte i Kolada: kontrollera kpi i indikatorer.yaml.") from None
        raise
    found = answer.get("values", [answer]) if isinstance(answer, dict) else []
    found = [v for v in found if isinstance(v, dict) and v.get("id") == kpi]
    if not found:
        raise FetchError(f"{what} finns inte i Kolada: kontrollera kpi i indikatorer.yaml.")
    return found[0].get("title", kpi)


def _group(base: str, group: str, retries: int, backoff: float) -> dict:
    what = f"Jämförelsegruppen {group}"
    answer = _get(f"{base}/municipality_groups/{urllib.parse.quote(group)}", what, retries, backoff)
    found = answer.get("values", [answer])
    found = [v for v in found if isinstance(v, dict) and v.get("id") == group]
    if not found or not found[0].get("members"):
        raise FetchError(f"{what} finns inte i Kolada eller har inga medlemmar: kontrollera "
                         "jamforelsegrupp i indikatorer.yaml.")
    return {"id": group, "titel": found[0].get("title", group),
            "medlemmar": sorted(m["id"] for m in found[0]["members"])}


def fetch(folder: Path, municipality: str, kpis: list[str], years: list[int],
          group: str | None = None, *, say=print, retries: int = 3, backoff: float = 1.0) -> Path:
    """Fetch the KPIs for all municipalities and riket over the years; write folder/kolada.json.

    Raises FetchError; the existing cache is then untouched."""
    base = api_base()
    span = ",".join(str(y) for y in years)
    cache = {"kalla": "Kolada", "api": base, "hamtad": datetime.date.today().isoformat(),
             "kommun": municipality, "ar": years, "kpi": {}}
    if group:
        cache["jamforelsegrupp"] = _group(base, group, retries, backoff)
    for kpi in kpis:
        title = _kpi_title(base, kpi, retries, backoff)
        what = f"Nyckeltalet {kpi} ({title})"
        records = _pages(f"{base}/data/kpi/{kpi}/year/{span}", what, retries, backoff)
        own = [r for r in records if r.get("municipality") == municipality
               and any(v.get("value") is not None for v in r.get("values", []))]
        if not own:
            raise FetchError(f"{what}: Kolada har inga värden för kommunen {municipality} "
                             f"åren {years[0]}–{years[-1]}. Välj ett annat nyckeltal eller "
                             "redovisa det som egen uppföljning.")
        cache["kpi"][kpi] = {"titel": title, "data": records}
        say(f"  {kpi} {title}: {len(records)} värden")
    target = folder / CACHE
    staging = folder / f".{CACHE}.ny"
    try:
        staging.write_text(json.dumps(cache, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(staging, target)  # all or nothing: a failed fetch never reaches the cache
    finally:
        staging.unlink(missing_ok=True)
    return target


def read(folder: Path) -> dict | None:
    """The period's cache, or None when Kolada has not been fetched for it."""
    path = folder / CACHE
    if not path.is_file():
        return None
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataError(path, f"kan inte läsas som JSON ({exc})",
                        expected="filen som make indikatorer skriver; hämta den igen") from None
    if not isinstance(cache.get("kpi"), dict):
        raise DataError(path, "nyckeln 'kpi' saknas", expected="filen som make indikatorer skriver")
    return cache


def values(cache: dict, kpi: str, gender: str = "T") -> dict[str, dict[int, float]]:
    """municipality -> year -> value, for one KPI and gender (missing values left out)."""
    out: dict[str, dict[int, float]] = {}
    for record in cache["kpi"].get(kpi, {}).get("data", []):
        for v in record.get("values", []):
            if v.get("gender") == gender and v.get("value") is not None:
                out.setdefault(str(record["municipality"]), {})[int(record["period"])] = float(v["value"])
    return out


def fetch_period(period: str, data_root: Path, say=print, namnd: str | None = None,
                 **options) -> Path:
    """make indikatorer: the Kolada KPIs declared in the nämnd's indikatorer.yaml."""
    from ..common.paths import data_dir
    from ..common.periods import Period
    from .loading import read_yaml
    from .schemas import IndikatorFil, RapportFil

    folder = data_dir(Period.parse(period), data_root, namnd)
    spec = read_yaml(folder / "indikatorer.yaml", IndikatorFil)
    meta = read_yaml(folder / "rapport.yaml", RapportFil)
    if not meta.kommunkod:
        raise DataError(folder / "rapport.yaml", "kommunkoden saknas", column="kommunkod",
                        expected='kommunens kod i Kolada, till exempel "1882" för Askersund')
    kpis = sorted({i.kpi for i in spec.indikatorer if i.kpi})
    if not kpis:
        raise FetchError(f"{folder / 'indikatorer.yaml'} anger inget Kolada-nyckeltal (kpi).")
    year = int(period[:4])
    years = list(range(year - spec.antal_ar + 1, year + 1))
    group = spec.jamforelsegrupp.id if spec.jamforelsegrupp else None
    say(f"Hämtar {len(kpis)} nyckeltal från {api_base()} för {meta.kommunkod}, riket och alla "
        f"kommuner {years[0]}–{years[-1]} …")
    target = fetch(folder, meta.kommunkod, kpis, years, group, say=say, **options)
    say(f"Sparat i {target}. Bygg boken igen för att visa värdena.")
    return target
