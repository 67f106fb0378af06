"""Command line: python -m kommunrapport build --period 2025-08."""
from __future__ import annotations

import argparse
import sys

from .errors import BuildError, DataError
from .paths import latest_period


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kommunrapport",
        description="Bygger kommunens uppföljningsrapport från data och kapitelanteckningsböcker.")
    commands = parser.add_subparsers(dest="command", required=True, title="kommandon")
    build = commands.add_parser("build", help="kör kapitlen och bygg rapporten som HTML")
    build.add_argument("--period", help="perioden som ÅÅÅÅ-MM (standard: den senaste i data/)")
    build.add_argument("--jobs", type=int, help="antal kapitel som körs samtidigt")
    pdf = commands.add_parser("pdf", help="bygg bara PDF:en av de redan körda kapitlen")
    pdf.add_argument("--period", help="perioden som ÅÅÅÅ-MM (standard: den senaste i data/)")
    args = parser.parse_args(argv)
    try:
        period = args.period or str(latest_period())
        if args.command == "build":
            from .build import build as run_build
            run_build(period, jobs=args.jobs)
        elif args.command == "pdf":
            from .build import build_pdf_only
            build_pdf_only(period)
    except DataError as exc:
        print(f"Fel i indata: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
