"""Build cache, keyed by content like Quarto's freeze: a chapter is executed again only when
its notebook, the period's data, its parameters or the package's code changed, and the book is
built again only when an executed chapter or the book's own files changed."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..common.paths import PACKAGE


def files_digest(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def code_digest() -> str:
    """The package's code as it is on disk now."""
    return files_digest(_tree(PACKAGE), PACKAGE)


def _tree(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def chapter_key(notebook: Path, data_files: list[Path], data_root: Path, params: dict) -> str:
    """Every chapter reads (and checks) the nämnd's whole period and the earlier periods it
    compares with (identity.data_files), so all their data files count; the prose (text/) is
    put into the chapters when the book is assembled (materialize.py), so a changed text runs
    no chapter again."""
    digest = hashlib.sha256(notebook.read_bytes())
    data = [p for p in data_files if "text" not in p.relative_to(data_root).parts[:-1]]
    digest.update(files_digest(data, data_root).encode())
    digest.update(json.dumps(params, sort_keys=True).encode())
    digest.update(code_digest().encode())
    return digest.hexdigest()


def book_key(chapter_keys: list[str], book_files: list[Path], base: Path, pdf: bool) -> str:
    digest = hashlib.sha256("\n".join(chapter_keys).encode())
    digest.update(files_digest(book_files, base).encode())
    digest.update(b"pdf" if pdf else b"html")
    return digest.hexdigest()


def fresh(key_file: Path, key: str) -> bool:
    return key_file.is_file() and key_file.read_text() == key
