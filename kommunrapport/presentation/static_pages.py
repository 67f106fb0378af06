"""What the book's static pages (book/static/*.md: Om rapporten, the accessibility statement)
say that comes from the data or the build: MyST substitutions (`{{ kontakt }}`), set in the
book's configuration when its source is written (the data's) and when it is rendered (the
build's number and date, which Om rapporten alone shows on the site)."""
from __future__ import annotations

from datetime import datetime

from ..common.periods import MONTHS
from .materialize import escape_md


def contact_markdown(organisation: str, forvaltning: str | None, contact) -> str:
    """Whom a reader contacts: rapport.yaml's kontakt (namn, epost, telefon), with its e-mail
    and telephone as links; without one, the förvaltning that made the report, or the
    municipality (no address or number invented)."""
    where = escape_md(organisation)
    if not contact:
        if not forvaltning:
            return where
        return f"{escape_md(forvaltning[0].upper() + forvaltning[1:])} i {where}, som har tagit fram rapporten"
    parts = [f"{escape_md(contact.namn)}, {where}"]
    if contact.epost:
        parts.append(f"e-post <{contact.epost}>")
    if contact.telefon:
        digits = "".join(c for c in contact.telefon if c.isdigit() or c == "+")
        parts.append(f"telefon [{escape_md(contact.telefon)}](tel:{digits})")
    return ", ".join(parts)


def data_substitutions(report) -> dict[str, str]:
    """The static pages' words from the report's data: a nämnd's (rapport.yaml) or the
    municipality's report."""
    meta = report.meta
    return {"organisation": escape_md(report.organisation),
            "kontakt": contact_markdown(report.organisation, getattr(meta, "forvaltning", None),
                                        getattr(meta, "kontakt", None))}


def _date_words(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def build_substitutions(label: str, built: str | None) -> dict[str, str]:
    """The build's number (Om rapporten, not every page's footer) and its date (when the
    accessibility statement was last updated); the preview has neither."""
    day = (f"den {_date_words(datetime.fromisoformat(built))}" if built
           else "när rapporten byggs (det här är en förhandsvisning)")
    return {"bygge": label, "bygge_datum": day}
