"""Build cache, keyed by content like Quarto's freeze: a chapter is executed again only when
its notebook, the period's data it reads, its parameters or the package's code changed, and
the book is built again only when an executed chapter or the book's own files changed.

The digests are computed once per build and passed on: the package's code also names the
workers' imported code (workers.py) and goes into the build's identity (identity.py).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..common.paths import PACKAGE

# Copies that tools leave beside the files: never an input.
_NOT_INPUTS = ("__pycache__", ".ipynb_checkpoints")


def tree(folder: Path) -> list[Path]:
    """Every file under folder, sorted, without tools' copies."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part in _NOT_INPUTS for part in p.parts))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_digest(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(bytes.fromhex(sha256(path)))
    return digest.hexdigest()


def code_digest() -> str:
    """The package's code as it is on disk now."""
    return files_digest(tree(PACKAGE), PACKAGE)


def data_digest(data_files: list[Path], data_root: Path) -> str:
    """What the chapters read of the data (identity.data_files). The prose (text/) is put
    into the chapters when the book is assembled (materialize.py), so a changed text runs no
    chapter again."""
    return files_digest([p for p in data_files
                         if "text" not in p.relative_to(data_root).parts[:-1]], data_root)


# What a nämnd's chapter shows beyond what every chapter reads: a data file of another kind
# (by its name, without the suffix) runs it no more. A chapter or a file not named here
# reads, or is read by, all: index and Datakontroller sum up the whole report, and
# rapport.yaml, kommun.yaml and the workbook hold something of every chapter's.
CHAPTER_DATA = {"personal": {"personal"}, "verksamhet": {"verksamhet"},
                "mal": {"mal", "indikatorer"}, "ekonomi": {"ekonomi"}}
FILE_KINDS = {"personal": "personal", "verksamhet": "verksamhet", "mal": "mal",
              "indikatorer": "indikatorer", "indikatorvarden": "indikatorer",
              "kolada": "indikatorer", "ekonomi": "ekonomi", "resultat": "ekonomi",
              "driftredovisning": "ekonomi", "verksamhetsanalys": "ekonomi",
              "investeringar": "ekonomi", "huvudbok": "ekonomi", "kontoplan": "ekonomi"}


def chapter_data(chapter: str | None, data_files: list[Path], data_root: Path) -> str:
    """The data digest of what the chapter reads (None: a chapter that reads it all)."""
    kinds = CHAPTER_DATA.get(chapter) if chapter else None
    return data_digest([p for p in data_files if kinds is None or FILE_KINDS.get(p.stem) in
                        kinds | {None}], data_root)


def chapter_key(notebook: Path, data: str, params: dict, code: str) -> str:
    digest = hashlib.sha256(notebook.read_bytes())
    digest.update(data.encode())
    digest.update(json.dumps(params, sort_keys=True).encode())
    digest.update(code.encode())
    return digest.hexdigest()


def book_key(chapter_keys: list[str], book_files: str, settings) -> str:
    digest = hashlib.sha256("\n".join(chapter_keys).encode())
    digest.update(book_files.encode())
    digest.update(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def fresh(key_file: Path, key: str) -> bool:
    return key_file.is_file() and key_file.read_text() == key
