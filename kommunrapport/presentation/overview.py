"""The start page's key figures, to be taken in at a glance: result against budget, the
prognosis, investments, årsarbetare, sick leave and the goals by assessment.

Every value is one of report.figures (the formatted figures the text quotes), so the cards
and the prose can never disagree. Colour is never the only signal: each value says in words
whether it is a surplus or a deficit.
"""
from __future__ import annotations

from html import escape

from ..common.periods import Period

_GOAL_STATES = [("helt_uppfyllt", "helt uppfyllda"), ("uppfyllt_i_hog_grad", "i hög grad"),
                ("delvis_uppfyllt", "delvis"), ("ej_uppfyllt", "inte uppfyllda"),
                ("ej_angiven", "utan bedömning")]


def _card(label: str, value: str, note: str, tone: str = "", unit: str = "") -> str:
    unit_html = f' <span class="enhet">{escape(unit)}</span>' if unit else ""
    return (f'<div class="kort{" " + tone if tone else ""}"><dt>{escape(label)}</dt>'
            f'<dd class="varde">{escape(value)}{unit_html}</dd>'
            f'<dd class="not">{escape(note)}</dd></div>')


def _tone(amount: str) -> str:
    """The card's colour: a deviation below zero is worse than budget, above it better."""
    return ("underskott" if amount.startswith("\u2212") else "" if amount == "0"
            else "overskott")


def _word(amount: str, worse: str = "underskott", better: str = "överskott") -> str:
    return {"underskott": worse, "overskott": better}.get(_tone(amount), "som budget")


def cards(f: dict[str, str], period: Period) -> list[str]:
    forecast = period.has_prognos
    deviation = f["resultat_avvikelse"]
    # A nämnd's utfall: "årets resultat" is the municipality's.
    basis = "Helårsprognos" if forecast else "Årets utfall"
    result = f["resultat_prognos" if forecast else "resultat_utfall"]
    out = [
        _card("Resultat mot budget", deviation,
              f"{_word(deviation)}: {basis.lower()} {result} tkr mot budget "
              f"{f['resultat_budget']} tkr", _tone(deviation), "tkr"),
    ]
    if forecast:
        out.append(_card(f"Utfall per {period.end_words}", f["resultat_utfall"],
                         f"{period.months}", unit="tkr"))
    if f["inv_antal_projekt"] != "0":  # a nämnd without investment projects has no card
        # Like the result: the deviation, coloured by the same rule, the amounts beneath.
        spent = f["inv_summa_prognos" if forecast else "inv_summa_utfall"]
        inv_deviation = f["inv_summa_avvikelse"]
        out.append(_card("Investeringar mot budget", inv_deviation,
                         f"{_word(inv_deviation, 'högre utgifter', 'lägre utgifter')} än budget: "
                         f"{basis.lower()} {spent} tkr mot budget "
                         f"{f['inv_summa_budget']} tkr", _tone(inv_deviation), "tkr"))
    if "personal_arsarbetare" in f:
        previous = f.get("personal_arsarbetare_fg")
        out.append(_card("Årsarbetare", f["personal_arsarbetare"],
                         f"anställda, exklusive timavlönade ({f['personal_arsarbetare_avser']})"
                         + (f"; föregående år {previous}" if previous else "")))
    if "personal_sjukfranvaro" in f:
        out.append(_card("Sjukfrånvaro", f["personal_sjukfranvaro_med_enhet"],
                         f"av ordinarie arbetstid, {f['personal_sjukfranvaro_avser']}"))
    return out


def goals_card(f: dict[str, str], period: Period) -> str:
    counted = [(int(f[f"mal_antal_{key}"]), key, words) for key, words in _GOAL_STATES
               if int(f[f"mal_antal_{key}"])]
    items = "".join(f'<li class="mal-{key}"><span class="antal">{count}</span> {escape(words)}</li>'
                    for count, key, words in counted)
    verb = "prognos för årets slut" if period.has_prognos else "bedömning"
    return (f'<div class="kort mal"><dt>Nämndmål ({f["mal_antal"]} st, {verb})</dt>'
            f'<dd><ul class="malfordelning">{items}</ul></dd></div>')


def key_figures_html(f: dict[str, str], period: Period) -> str:
    """The cards, as a definition list (a screen reader reads each label with its value)."""
    body = "".join(cards(f, period)) + goals_card(f, period)
    return (f'<section class="nyckeltal-oversikt" aria-label="Perioden i korthet">'
            f'<dl class="nyckeltal-kort">{body}</dl></section>')


def kommun_key_figures_html(f: dict[str, str], period: Period) -> str:
    """The municipality's start page: its result against budget (the prognos in a
    delårsrapport), net cost, investments and the balanskrav, as the nämnder's cards."""
    basis = "helårsprognos" if period.has_prognos else "utfall"
    better = f["kommun_resultat_avvikelse_ord"] == "bättre än"
    krav = f["kommun_balanskravsresultat_mnkr"]
    body = "".join([
        _card("Årets resultat", f["kommun_resultat_mnkr"],
              f"{basis}; budget {f['kommun_resultat_budget_mnkr']} mnkr; "
              f"{f['kommun_resultat_andel']} av skatteintäkter och statsbidrag",
              "overskott" if better else "underskott", "mnkr"),
        _card("Verksamhetens nettokostnad", f["kommun_nettokostnad_mnkr"], basis, unit="mnkr"),
        _card("Nettoinvesteringar", f["kommun_nettoinvesteringar_mnkr"], basis, unit="mnkr"),
        _card("Balanskravsresultat", krav,
              "balanskravet uppfyllt" if _tone(krav) != "underskott" else
              "balanskravet inte uppfyllt", _tone(krav), "mnkr"),
    ])
    return (f'<section class="nyckeltal-oversikt" aria-label="Året i korthet">'
            f'<dl class="nyckeltal-kort">{body}</dl></section>')


def pdf_link_html(pdf_name: str) -> str:
    """A link to the period's PDF; the build fills in its size (build.link_pdf)."""
    return (f'<p class="pdf-lank-ram"><a class="pdf-lank" href="../pdf/{escape(pdf_name)}" '
            f'download>Ladda ned rapporten som PDF<span class="pdf-storlek"></span></a></p>')
