"""Reading a user's file as it comes: UTF-8 with or without a byte order mark, or Windows-1252
as Swedish Excel saves "CSV" and older editors save text; and which file is being read, so
that an unexpected error can name it (internal.py)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import DataError

BOM = b"\xef\xbb\xbf"
# What Windows-1252 gives for Swedish (and other Western) text: letters, and the punctuation
# Excel and Word write. Anything else (Ã¤, Š, ‰, ¤) suggests another encoding, read wrongly.
_PLAUSIBLE = set("åäöÅÄÖéÉèÈüÜæÆøØáÁàÀíÍóÓúÚñÑçÇêÊëËîÎïÏôÔûÛ–—‘’“”„…•§°½¼¾±×€«»´\u00a0")

_current: Path | None = None


def reading(path: Path | str | None) -> Path | None:
    """Note the file being read now (for the one line an unexpected error gives); None when
    the reading is done."""
    global _current
    _current = None if path is None else Path(path)
    return _current


def current() -> Path | None:
    return _current


def decode(path: Path | str, raw: bytes) -> tuple[str, str | None]:
    """The text, and a doubt to report: None when it is UTF-8 or plainly Windows-1252 with
    Swedish letters; the odd characters when Windows-1252 gave something unlikely."""
    reading(path)
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        return _lines(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    try:
        text = _lines(raw.decode("cp1252"))
    except UnicodeDecodeError as exc:
        raise DataError(path, f"okänd teckenkodning (byte {raw[exc.start]:#04x})",
                        row=raw[:exc.start].count(b"\n") + 1,
                        expected="UTF-8 eller Windows-1252") from None
    odd = sorted({c for c in text if ord(c) > 127 and c not in _PLAUSIBLE}
                 | {c for c in text if ord(c) < 32 and c not in "\n\t"})
    return text, "".join(odd) or None


def _lines(text: str) -> str:
    """Windows' CRLF (Excel, Notepad) and old Macs' CR line ends as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path | str) -> str:
    """A user's text file (YAML, Markdown, CSV) in whichever of the two encodings it has."""
    return decode(path, Path(path).read_bytes())[0]


class LOADER(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's safe loader where PyYAML has it (the same documents, parsed ten times faster:
    each chapter and each preview save reads every YAML file), with a date that does not exist
    ("2026-04-31") kept as text for the schema to name, not a ValueError."""


def _date(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


LOADER.add_constructor("tag:yaml.org,2002:timestamp", _date)


def read_yaml_data(path: Path | str):
    """A user's YAML file as data, for a quick look (the check reads it with its schema):
    None when it cannot be read or parsed."""
    try:
        return yaml.load(read_text(path), Loader=LOADER)
    except (OSError, DataError, yaml.YAMLError, RecursionError):
        return None
