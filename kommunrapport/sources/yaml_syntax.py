"""A YAML syntax error as a writer can act on it: the line and the character, what is wrong in
Swedish, and a hint with the line as it should be. Where the fix is certain (a value with a
colon, a tab in the indent) the rest of the file is parsed as if fixed, so one slip does not
hide the file's other findings."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..common.errors import DataError
from ..common.reading import LOADER

# A line "  - key: value" split into its indent (with the list dash), key and value.
_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#][^:#]*?):[ \t]+(\S.*?)\s*$")
_TRIES = 10


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quote_value(lines: list[str], n: int) -> tuple[str, str | None]:
    """The hint for line n's value in quotes, and the file with it quoted (None: no key, or
    the value is quoted already)."""
    found = _LINE.match(lines[n]) if n < len(lines) else None
    if not found or found[3][0] in "\"'":
        return 'sätt texten inom citattecken: kommentar: "Status: pågår"', None
    indent, key, value = found.groups()
    shown = _quoted(value if len(value) <= 60 else value[:57] + "…")
    hint = f"en text med kolon eller specialtecken behöver citattecken: {key.strip()}: {shown}"
    return hint, "\n".join(lines[:n] + [f"{indent}{key}: {_quoted(value)}"] + lines[n + 1:])


def _untabbed(lines: list[str], n: int) -> str:
    """Line n indented with spaces, as deep as the line above's content (deeper after a key
    that opens a block)."""
    above = next((line for line in reversed(lines[:n]) if line.strip()), "")
    depth = len(above) - len(above.lstrip(" -"))
    if above.rstrip().endswith(":"):
        depth += 2
    return "\n".join(lines[:n] + [" " * depth + lines[n].lstrip(" \t")] + lines[n + 1:])


def explain(path: Path, text: str, exc: yaml.YAMLError) -> tuple[DataError, str | None]:
    """The error in Swedish (row = line, column = the character), and the text with a certain
    fix applied to go on parsing (None when there is none)."""
    problem = getattr(exc, "problem", None) or ""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    start = getattr(exc, "context_mark", None)
    lines = text.split("\n")
    n, col = (mark.line, mark.column) if mark else (0, 0)
    line = lines[n] if n < len(lines) else ""
    char = line[col] if col < len(line) else ""
    fixed = None
    if "mapping values are not allowed" in problem and ": " in line[:col]:
        what = "ett värde innehåller kolon och mellanslag, som YAML läser som en ny nyckel"
        hint, fixed = _quote_value(lines, n)
    elif "mapping values are not allowed" in problem or "did not find expected key" in problem \
            or "expected <block end>" in problem or "did not find expected '-'" in problem:
        what = "indraget stämmer inte med raderna ovanför"
        hint = ("lika många mellanslag före varje nyckel på samma nivå; en text som fortsätter "
                "på nästa rad dras in under sin nyckel")
    elif "tab" in problem or char == "\t":
        what = "ett tabbtecken i indraget"
        hint = "dra in med mellanslag: YAML tillåter inte tabb"
        fixed = _untabbed(lines, n)
    elif "end of stream" in problem and start:
        n = start.line
        what = "en text inom citattecken tar aldrig slut (filen slutar före citattecknet)"
        hint = "avsluta texten med samma citattecken som den börjar med"
    elif "could not find expected ':'" in problem:
        n = start.line if start else n
        what = "en rad utan kolon där en nyckel väntas"
        hint = ("skriv nyckel: värde, eller dra in raden under sin nyckel om den fortsätter "
                "texten ovanför")
    elif "escape" in problem:
        what = "ett bakstreck (\\) i en text inom dubbla citattecken"
        hint = "använd enkla citattecken ('C:\\mapp') eller skriv två bakstreck"
    elif "cannot start any token" in problem or "alias" in problem or "anchor" in problem \
            or "alphabetic or numeric" in problem or "flow" in problem or "',' or" in problem:
        if ("flow" in problem or "',' or" in problem) and start:  # where the [ or { began
            n, col = start.line, start.column
            line = lines[n] if n < len(lines) else ""
            char = line[col] if col < len(line) else ""
        shown = char if char.strip() else line.split(":", 1)[-1].strip()[:1]
        what = f"tecknet {shown} kan inte inleda ett värde" if shown else "ett otillåtet tecken"
        hint, fixed = _quote_value(lines, n)
    else:
        what = "raden kan inte läsas som YAML"
        hint = ("jämför med raderna runt omkring: nyckel: värde, indrag med mellanslag, text "
                "med kolon eller # inom citattecken")
    error = DataError(path, f"syntaxfel: {what}", row=n + 1, column=f"tecken {col + 1}",
                      expected=hint)
    return error, fixed


def parse(path: Path, text: str) -> tuple[object, str, list[DataError]]:
    """The data, the text it was parsed from (with certain fixes applied) and the syntax
    errors found; the data is None when an error could not be fixed."""
    errors: list[DataError] = []
    for _ in range(_TRIES):
        try:
            return yaml.load(text, Loader=LOADER), text, errors
        except yaml.YAMLError as exc:
            error, fixed = explain(path, text, exc)
            if errors and error.row <= errors[-1].row:  # the fix did not get past it
                break
            errors.append(error)
            if fixed is None or fixed == text:
                break
            text = fixed
        except RecursionError:  # nesting deeper than any report file
            errors.append(DataError(path, "syntaxfel: för djupt nästlad", expected="nyckel: "
                                    "värde med indrag, som i förra periodens fil"))
            break
    return None, text, errors
