"""What a chapter notebook calls: `kapitel = chapter.start(...)`, then the chapter's text with
its figures, the period's prose, charts and the report's sections.

A chapter shows the same thing in JupyterLab as in the book. Text with figures is written
with `{key}` fields (`kapitel.md("Budgeten är {budgetram} tkr.")`) and the period's prose is
read from data/<period>/text/ (`kapitel.prose("personal.md")`, whose `{glue:text}`key:s``
roles are filled in); both are shown as Markdown output, which JupyterLab renders. When the
book is built, materialize.py turns these outputs into the Markdown cells Jupyter Book reads
(real headings and sections), drops what is only for the writer, and puts each chart where
it stands. Values from the data are escaped, so they are always text.

Everything a chapter shows comes from its Chapter object, made by `start`: no call depends
on another cell having run before it, except `start` itself.
"""
from __future__ import annotations

import ast
import copy
from pathlib import Path

import matplotlib.pyplot as plt
from IPython import get_ipython
from IPython.display import HTML, display
from matplotlib_inline.backend_inline import set_matplotlib_formats
from myst_nb import glue

from ..common.checks import ChecksFailed
from ..common.gaps import Saknas, marker
from ..common.nearest import did_you_mean
from ..model import report as report_module
from ..model.report import Report
from . import goals, tables, writer
from .materialize import MIME, PROSE, ROLE, WRITER, escape_md, fill


class _Figures(dict):
    """The period's figures, escaped for Markdown; an unknown key names the period and the
    nearest keys that exist."""

    def __init__(self, figures: dict[str, str], period, draft: bool = False):
        super().__init__({k: escape_md(v) for k, v in figures.items()})
        self.period = period
        self.draft = draft

    def __missing__(self, key):
        if self.draft:  # a figure of a part the draft does not have yet
            return escape_md(marker(key))
        raise KeyError(f"Siffran '{key}' finns inte för perioden {self.period}"
                       f"{did_you_mean(key, self)}")


def start(period: str = "", data_dir: str = "", namnd: str = "") -> Chapter:
    """Load and check the period's data, prepare SVG charts and offline tables, and show the
    writer (not the book) which report this is, where its texts live and which figures they
    may quote. An empty period is the writer's: the one `make lab` opened (writer.choose).

    Call it in a cell tagged remove-input: its output embeds DataTables.
    """
    choice = writer.choose(period, namnd, data_root=Path(data_dir) if data_dir else None)
    report, log = report_module.check(choice.period, data_dir or None,
                                      namnd=choice.namnd or None, draft=True)
    if report is None:
        raise ChecksFailed(log)
    return _begin(report, report_module.figures(report), choice)


def start_kommun(period: str = "", data_dir: str = "") -> Chapter:
    """As `start`, for a chapter of the municipality's own report."""
    from ..model.kommun import figures as kommun_figures
    from ..model.kommun import report as kommun_report

    choice = writer.choose(period, kommun=True, data_root=Path(data_dir) if data_dir else None)
    report = kommun_report.load(choice.period, data_dir or None)
    return _begin(report, kommun_figures.figures(report), choice)


def _begin(report, figures: dict[str, str], choice: writer.Choice) -> Chapter:
    set_matplotlib_formats("svg")
    tables.init()
    display(HTML(writer.panel(report, figures, choice)), metadata={ROLE: WRITER})
    shell = get_ipython()
    if shell is not None and not any(isinstance(t, _GapsShown) for t in shell.ast_transformers):
        shell.ast_transformers.append(_GapsShown())
    draft = getattr(report, "draft", False)
    return Chapter(report, _Figures(figures, report.period, draft))


def show_gap(gap: Saknas) -> None:
    """What a cell of a draft shows when it needs a part the period does not have yet: the
    gap, marked, in the chapter's text."""
    _markdown(f"**{escape_md(marker(str(gap)))}**")


_TRY = ast.parse("""
try:
    pass
except __import__("kommunrapport.common.gaps", fromlist=["Saknas"]).Saknas as _gap:
    __import__("kommunrapport.presentation.chapter", fromlist=["show_gap"]).show_gap(_gap)
""").body[0]
_SHOW = ast.parse("""__import__("IPython").get_ipython().displayhook(_value)""").body[0]


class _GapsShown(ast.NodeTransformer):
    """Every later cell of the chapter, in JupyterLab as in the build: a draft's missing part
    (gaps.Saknas) shows its gap where the cell's output would be, and the cell ends without
    an error, so Run All and the build go on to the next cell. A cell's last expression is
    still shown as IPython shows it."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        body = list(node.body)
        if body and isinstance(body[-1], ast.Expr):
            body[-1:] = [ast.Assign(targets=[ast.Name("_value", ast.Store())],
                                    value=body[-1].value), copy.deepcopy(_SHOW)]
        wrapped = copy.deepcopy(_TRY)
        wrapped.body = body or [ast.Pass()]
        node.body = [wrapped]
        return ast.fix_missing_locations(node)


def _markdown(text: str, **source) -> None:
    display({"text/markdown": text}, raw=True, metadata={ROLE: PROSE, **source})


class Chapter:
    def __init__(self, report: Report, figures: _Figures):
        self.rapport = report
        self.figures = figures

    def md(self, template: str) -> None:
        """A passage of the chapter: `{key}` fields are the period's figures."""
        _markdown(template.strip("\n").format_map(self.figures))

    def prose(self, name: str) -> None:
        """The period's own text, data/<period>/text/<name>, with its figures filled in."""
        path = self.rapport.folder / "text" / name
        display(HTML(f'<p class="skribent"><em>Texten nedan kommer från '
                     f"{writer.link(path)}: klicka för att öppna den, ändra, "
                     "spara och kör cellen igen.</em></p>"), metadata={ROLE: WRITER})
        _markdown(fill(path.read_text(encoding="utf-8"), self.figures), fil=name)

    def chart(self, key: str, fig, description: str, *, name: str, alt: str,
              caption: str) -> None:
        """A chart here, with its caption (`{key}` fields filled in; `{<key>_text}` is
        `description`, its text alternative). JupyterLab shows the chart and the caption; the
        book gets a numbered figure with the same caption and alt text (materialize.py).
        A chart function returns None where its chart would show a single bar: the
        description is then the chapter's sentence, without a chart."""
        if fig is None:
            _markdown(escape_md(description))
            return
        glue(key, fig, display=False)
        plt.close(fig)
        fields = _Figures({}, self.rapport.period)
        fields.update(self.figures, **{f"{key}_text": escape_md(description)})
        text = caption.format_map(fields)
        display(fig, metadata={ROLE: WRITER})
        display({"text/markdown": f"*Figur:* {text}"}, raw=True, metadata={ROLE: WRITER})
        display({MIME: {"figur": key, "namn": name, "alt": alt, "bildtext": text}}, raw=True)

    def goal_areas(self) -> None:
        """Every målområde of the period, in mal.yaml's order: its introduction, the council's
        strategic goals, the nämndmål and the Indikatorrapportering."""
        mal = self.rapport.mal
        for area in mal.data["malomraden"]:
            nr = area["nr"]
            _markdown(f"## Målområde {nr}: {escape_md(area['namn'])}\n\n### Inledning")
            tables.show_html(goals.intro_html(mal, nr))
            _markdown("### Kommunfullmäktiges strategiska mål")
            tables.show_html(goals.strategic_goals_html(mal, nr))
            _markdown("### Nämndmål")
            tables.show_html(goals.goals_html(mal, nr))
            self.indicators(nr)

    def indicators(self, area: int) -> None:
        """A målområde's Indikatorrapportering: per indicator its figures, a chart against riket
        and the comparison group, and a table of its values, each with its source."""
        from ..model.mal import indicator_text
        from . import indicator_views as views

        report = self.rapport
        found = report.indikatorer.of_area(area)
        _markdown("### Indikatorrapportering\n\n" + escape_md(
            indicator_text(report.mal, area) if not found else
            f"{len(found)} indikatorer följs upp under målområdet." if len(found) > 1 else
            "En indikator följs upp under målområdet."))
        municipality = report.meta.organisation
        group = report.indikatorer.group_name
        for ind in found:
            lines = [f"#### {escape_md(ind.decl['titel'])}", ""]
            goal = _goal_of(report.mal, ind.decl)
            if goal:
                lines += [f"*Följer upp {escape_md(goal)}*", ""]
            lines += [f"- {escape_md(item)}" for item in views.summary(ind)]
            if ind.decl["kommentar"]:
                lines += ["", escape_md(ind.decl["kommentar"])]
            _markdown("\n".join(lines))
            if views.has_chart(ind):  # over named years; else its figures and table only
                key = f"fig_ind_{ind.id}"
                self.chart(key, views.chart(ind, municipality, group),
                           views.describe(ind, municipality, group),
                           name=f"fig-ind-{ind.id.replace('_', '-')}",
                           alt=f"Linjediagram: {ind.decl['titel']} för {municipality} över tid"
                               + (" jämfört med riket och jämförelsegruppen" if ind.riket else "")
                               + ". Värdena står i bildtexten och tabellen.",
                           caption=f"{escape_md(ind.decl['titel'])}. {{{key}_text}} "
                                   f"{escape_md(ind.source_text)}.")
            if ind.points:
                tables.show_table(views.values_table(ind, municipality, group),
                                  f"{ind.decl['titel']}: värden", decimals=ind.decl["decimaler"])
                _markdown(f"*{escape_md(ind.source_text)}.*")

    def indicator_overview(self) -> None:
        """Every indicator in one table: latest value, trend, rank and quartile, target."""
        from . import indicator_views as views

        found = self.rapport.indikatorer
        if not found.items:
            _markdown("Inga indikatorer redovisas för perioden.")
            return
        tables.show_table(views.overview_table(found), "Indikatorer: senaste värde, "
                          "utveckling, rang bland landets kommuner och mål")
        if found.example:
            _markdown(f"*{escape_md(found.example)}*")

    def forecast_history(self) -> None:
        """How the year's prognos moved from report to report: a sentence and a chart, when
        the data holds an earlier report of the year (Datakontroller says when it does not;
        a chart of one bar would only repeat the result)."""
        from . import charts

        items = self.rapport.prognoser
        if len(items) < 2:
            return
        _markdown("### Prognosen under året\n\n" + self.figures["text_prognos_utveckling"])
        self.chart("fig_prognoser", charts.forecast_by_report(items),
                   charts.describe_forecasts(items), name="fig-prognoser",
                   alt="Liggande staplar: årets avvikelse mot budget enligt varje rapport under "
                       "året, i tkr. Värdena står i bildtexten.",
                   caption="Avvikelse mot budget för helåret enligt varje rapport under året, "
                           "tkr. {fig_prognoser_text}")

    def prognos_note(self) -> None:
        """Under the result: why only the result has a prognos, when the prognos is the
        separate file's net amounts (nothing otherwise)."""
        if self.figures["prognos_underlag"]:
            _markdown(self.figures["prognos_underlag"])

    def investments(self) -> None:
        """The investment projects: table and chart, each plan's items, and the analyses. A
        nämnd without investment projects shows nothing here: the chapter's text says so
        (text_investeringar)."""
        from ..common import texts
        from ..model import ekonomi
        from . import charts

        e, period = self.rapport.ekonomi, self.rapport.period
        if e.investeringar.empty:
            return
        tables.show_table(ekonomi.investering_table(e, period),
                          f"Investeringsredovisning {period.year}, tkr", summa_last=True)
        if not e.reinvesteringar.empty:
            _markdown("### Investering enligt reinvesteringsplan\n\n"
                      "Utfallet för reinvesteringsplanen fördelat på objekt:")
            tables.show_table(ekonomi.reinvestering_table(e, period),
                              "Investering enligt reinvesteringsplan, utfall per objekt, tkr",
                              summa_last=True)
        self.chart("fig_investeringar", charts.investments(e.investeringar, period),
                   charts.describe_investments(e.investeringar, period),
                   name="fig-investeringar",
                   alt="Liggande staplar: nettoutgift per investeringsprojekt mot budget i "
                       "tkr. De största står i bildtexten.",
                   caption="Nettoutgift per investeringsprojekt: {investering_grund}, tkr. "
                           "Projekt utan belopp visas inte. {fig_investeringar_text}")
        _markdown("### Investeringsanalys")
        tables.show_html(texts.analyses_html(ekonomi.investering_items(e)))

    def ledger_reconciliation(self) -> None:
        """With a ledger export: where every krona of it went, against the export's own
        total."""
        table = self.rapport.avstamning
        if table is None:
            return
        _markdown("## Avstämning mot huvudboken\n\n" + escape_md(
            "Varje rad i ekonomisystemets export hör till exakt en nämnd och en post (resultat "
            "eller investeringar), eller till det som ligger utanför nämnderna eller elimineras. "
            "Summan av delarna ska vara exportens egen summa, i kronor."))
        tables.show_table(table, "Huvudbokens rader och belopp fördelade, kronor")
        prognos = getattr(self.rapport, "avstamning_prognos", None)
        if prognos is not None:
            _markdown("Årets prognos kommer ur en egen fil, och varje rad i den hör på samma "
                      "sätt till en nämnd (resultat eller investeringar) eller ligger utanför "
                      "nämnderna.")
            tables.show_table(prognos, "Prognosfilens rader och belopp fördelade, kronor")


    def personal(self) -> None:
        """The municipality's personnel key figures, when its period has them."""
        from ..model import personal

        staff = self.rapport.personal
        if staff is None:
            return
        year = self.rapport.period.year
        tables.show_table(personal.table(staff, year),
                          f"Nyckeltal för personal {year} och {year - 1}", decimals=2)

    def five_years(self) -> None:
        """In December, the five-year overview of the årsredovisningar in the data."""
        from . import statements

        years = [year for year, _ in self.rapport.historik]
        if not years:
            return
        span = (f"åren {years[0]}–{years[-1]}" if len(years) > 1 else f"år {years[0]}")
        _markdown(f"## Femårsöversikt\n\nÖversikten visar årsredovisningarnas siffror för {span}.")
        tables.show_html(statements.overview_html(self.rapport))

    def cash_flow(self) -> None:
        """The kassaflödesanalys: in December, and in a delårsrapport that presents one."""
        from . import statements

        if self.rapport.period.has_prognos and not self.rapport.meta.kassaflodesanalys:
            return
        _markdown("## Kassaflödesanalys")
        tables.show_html(statements.kassaflode_html(self.rapport))


def _goal_of(mal, decl: dict) -> str | None:
    area = mal.omrade(decl["malomrade"])
    if decl["namndmal"]:
        goal = next(g for g in area["namndmal"] if g["nr"] == decl["namndmal"])
        return f"nämndmål {goal['nr']}: {goal['namn']}"
    if decl["strategiskt_mal"]:
        return ("kommunfullmäktiges strategiska mål: "
                f"{area['strategiska_mal'][decl['strategiskt_mal'] - 1]}")
    return None
