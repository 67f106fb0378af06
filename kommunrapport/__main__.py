"""Command line: python -m kommunrapport build --period 2025-08."""
from __future__ import annotations

import argparse
import signal
import sys
import textwrap

from .common.checks import WIDTH, CheckLog, ChecksFailed, checklist, format_table
from .common.errors import BuildError, DataError
from .common.internal import debugging, message
from .common.paths import DATA, latest_period, namnder
from .sources import kommunen

# The heading of the findings in the files every nämnd shares.
SHARED = "gemensamma filer (kommun.yaml, huvudboken)"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups,
                                 "användning: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its help and errors in Swedish (its own strings are English)."""

    _ERRORS = [("the following arguments are required", "följande argument krävs"),
               ("invalid choice", "ogiltigt val"), ("unrecognized arguments", "okända argument"),
               ("expected one argument", "argumentet behöver ett värde"),
               ("invalid int value", "inte ett heltal"), ("choose from", "välj bland")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, add_help=False, formatter_class=_Formatter, **kwargs)
        self._optionals.title = "flaggor"
        self._positionals.title = "argument"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message):
        for english, swedish in self._ERRORS:
            message = message.replace(english, swedish)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")


def _namnder(period: str, namnd: str | None = None) -> list[str | None]:
    """The report named, or every report of the period: the municipality's own first
    ('kommunen', when the period has one), then each nämnd ([None] for a one-board period)."""
    if namnd:
        return [namnd]
    own = [kommunen.FOLDER] if kommunen.has_report(DATA / period) else []
    return own + (namnder(period) or [None])


def _run_check(period: str, one: str | None):
    """The findings of one report's check."""
    if one == kommunen.FOLDER:
        from .model.kommun.report import check as check_kommun
        return check_kommun(period)[1]
    from .model.report import check as run_check
    return run_check(period, namnd=one)[1]


def _targets(period: str, namnd: str | None):
    """The nämnd named, or every report of the period."""
    from .building.target import Target

    return [Target.of(period, namnd)] if namnd else Target.every(period)


def _logs(period: str, namnd: str | None):
    """(heading, findings) of each report: with several nämnder the shared files' findings
    (kommun.yaml, the ledger) once, first, then each report's own; [(None, log)] for one
    board."""
    ones = _namnder(period, namnd)
    logs = [(one, _run_check(period, one)) for one in ones]
    if ones == [None]:
        return logs
    shared, seen = CheckLog(), set()
    for _, log in logs:
        for f in log.only(shared=True).findings:
            key = (f.level, f.file.rsplit("/", 1)[-1], f.row, f.column, f.problem)
            if key not in seen:  # the municipality's report repeats a nämnd's, prefixed
                seen.add(key)
                shared.findings.append(f)
    # The municipality's report repeats each nämnd's errors (named in its folder) for its
    # own build; listed with every report, each nämnd's own section says them once.
    theirs = tuple(f"{one}/" for one in ones if one)
    own = [(one, CheckLog([f for f in log.only(shared=False).findings
                           if not f.file.startswith(theirs)], log.passed)) for one, log in logs]
    return ([(SHARED, shared)] if shared.findings else []) + own


def _check(period: str, namnd: str | None) -> int:
    """Every report of the period (or the one named), the findings grouped by report."""
    failed = False
    for heading, log in _logs(period, namnd):
        if heading:
            print(f"\n== {heading} ==")
        print(format_table(log))
        failed |= bool(log.errors)
    return 2 if failed else 0


def _new_period(period: str, source: str) -> None:
    from .model.newperiod import new_period

    folder = new_period(period, source)
    print(textwrap.fill(f"Skapade {folder}. Det här ska fyllas i, bekräftas eller tas bort, fil "
                        f"för fil (make check PERIOD={period} visar det som är kvar):", WIDTH))
    for heading, log in _logs(period, None):
        if heading:
            print(f"\n== {heading} ==")
        print("\n" + checklist(log))


def _workbooks(period: str, namnd: str | None) -> None:
    """Each nämnd's arbetsbok.xlsx written again: what is written kept, each deviation and
    the analyses the period's figures ask for added."""
    from .common.paths import data_dir
    from .common.periods import Period
    from .model.workbook import write

    for one in _namnder(period, namnd):
        print(f"Skrev {write(data_dir(Period.parse(period), namnd=one), Period.parse(period))}")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="python -m kommunrapport",
        description="Bygger kommunens uppföljningsrapport från data och kapitelanteckningsböcker.")
    commands = parser.add_subparsers(dest="command", required=True, title="kommandon",
                                     parser_class=_Parser)
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument("--period", help="perioden som ÅÅÅÅ-MM (standard: den senaste i data/ som inte är exempeldata)")
    period.add_argument("--namnd", help="nämndens mapp, när perioden har flera nämnder "
                        "(standard: alla för build, check och publish; annars den första)")
    build = commands.add_parser("build", parents=[period],
                                help="kontrollera data, kör kapitlen, bygg HTML och PDF")
    build.add_argument("--jobs", type=int, help="antal kapitel som körs samtidigt")
    build.add_argument("--force", action="store_true",
                       help="kör alla kapitel och bygg om boken även om inget har ändrats")
    commands.add_parser("check", parents=[period], help="kontrollera periodens data utan att bygga")
    commands.add_parser("pdf", parents=[period], help="bygg bara PDF:en av de redan körda kapitlen")
    new = commands.add_parser("new-period", parents=[period],
                              help="skapa en ny periods datamapp från en tidigare period")
    new.add_argument("--from", dest="source", required=True, help="perioden att utgå från")
    publish = commands.add_parser("publish", parents=[period],
                                  help="publicera den byggda rapporten i en mapp (intranätet)")
    publish.add_argument("--to", required=True, help="mappen som rapporterna publiceras i")
    preview = commands.add_parser("preview", parents=[period],
                                  help="visa boken på 127.0.0.1 och bygg om när en fil sparas")
    preview.add_argument("--port", type=int, default=8000, help="porten (standard 8000)")
    lab = commands.add_parser("lab", parents=[period],
                              help="öppna kapitlen och periodens texter i JupyterLab")
    lab.add_argument("jupyter", nargs=argparse.REMAINDER,
                     help="JupyterLabs egna flaggor efter --, till exempel -- --port=8890")
    commands.add_parser("arbetsbok", parents=[period],
                        help="skriv om arbetsbok.xlsx med periodens avvikelser (det skrivna finns kvar)")
    commands.add_parser("indikatorer", parents=[period],
                        help="hämta periodens Kolada-nyckeltal till data/<period>/kolada.json")
    args = parser.parse_args(argv)
    # A terminated build (kill, a closed terminal) unwinds like Ctrl+C, so its staging and
    # scratch folders are removed and its lock released.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if args.command == "lab":
            from .building.lab import run as run_lab
            extra = args.jupyter[1:] if args.jupyter[:1] == ["--"] else args.jupyter
            run_lab(args.period, args.namnd, extra)  # replaces this process: no return
        period = args.period or str(latest_period())
        if args.command == "check":
            return _check(period, args.namnd)
        if args.command == "build":
            from .building.build import build_all
            from .building.target import WORKERS, Options
            build_all(_targets(period, args.namnd),
                      Options(jobs=args.jobs or WORKERS, force=args.force, what="make book"))
        elif args.command == "new-period":
            if not args.period:
                raise BuildError("Ange den nya perioden med --period ÅÅÅÅ-MM.")
            _new_period(args.period, args.source)
        elif args.command == "arbetsbok":
            _workbooks(period, args.namnd)
        elif args.command == "preview":
            from .building.preview import serve
            from .building.target import Target
            serve(Target.of(period, args.namnd), args.port)
        elif args.command == "publish":
            from .publishing.publish import publish as run_publish
            print(f"Publicerad: {run_publish(period, args.to, namnd=args.namnd)}")
        elif args.command == "indikatorer":
            from .sources.kolada import FetchError, fetch_period
            boards = [args.namnd] if args.namnd else [
                b for b in namnder(period) if (DATA / period / b / "indikatorer.yaml").is_file()]
            try:
                for board in boards or [None]:
                    fetch_period(period, DATA, namnd=board)
            except FetchError as exc:
                raise BuildError(f"Hämtningen från Kolada misslyckades; kolada.json är "
                                 f"oförändrad.\n  {exc}") from None
        elif args.command == "pdf":
            from .building.build import build_pdf_only
            from .building.target import Target
            build_pdf_only(Target.of(period, args.namnd))
    except ChecksFailed as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"Fel i indata: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - one line for the user, the details in a log
        if debugging():
            raise
        print(message(exc, f"python -m kommunrapport {' '.join(argv or sys.argv[1:])}"),
              file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
