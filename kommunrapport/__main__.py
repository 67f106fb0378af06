"""Command line: python -m kommunrapport build --period 2025-08."""
from __future__ import annotations

import argparse
import sys

from .checks import ChecksFailed, format_table
from .errors import BuildError, DataError
from .paths import latest_period


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kommunrapport",
        description="Bygger kommunens uppföljningsrapport från data och kapitelanteckningsböcker.")
    commands = parser.add_subparsers(dest="command", required=True, title="kommandon")
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument("--period", help="perioden som ÅÅÅÅ-MM (standard: den senaste i data/)")
    build = commands.add_parser("build", parents=[period],
                                help="kontrollera data, kör kapitlen, bygg HTML och PDF")
    build.add_argument("--jobs", type=int, help="antal kapitel som körs samtidigt")
    commands.add_parser("check", parents=[period], help="kontrollera periodens data utan att bygga")
    commands.add_parser("pdf", parents=[period], help="bygg bara PDF:en av de redan körda kapitlen")
    new = commands.add_parser("new-period", parents=[period],
                              help="skapa en ny periods datamapp från en tidigare period")
    new.add_argument("--from", dest="source", required=True, help="perioden att utgå från")
    publish = commands.add_parser("publish", parents=[period],
                                  help="publicera den byggda rapporten i en mapp (intranätet)")
    publish.add_argument("--to", required=True, help="mappen som rapporterna publiceras i")
    args = parser.parse_args(argv)
    try:
        period = args.period or str(latest_period())
        if args.command == "check":
            from .report import check as run_check
            _, log = run_check(period)
            print(format_table(log))
            return 2 if log.errors else 0
        if args.command == "build":
            from .build import build as run_build
            run_build(period, jobs=args.jobs)
        elif args.command == "new-period":
            from .newperiod import new_period
            if not args.period:
                raise BuildError("Ange den nya perioden med --period ÅÅÅÅ-MM.")
            folder = new_period(args.period, args.source)
            print(f"Skapade {folder}. Kör `make check PERIOD={args.period}` för att se vad "
                  "som ska fyllas i.")
        elif args.command == "publish":
            from .publish import publish as run_publish
            print(f"Publicerad: {run_publish(period, args.to)}")
        elif args.command == "pdf":
            from .build import build_pdf_only
            build_pdf_only(period)
    except ChecksFailed as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"Fel i indata: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
