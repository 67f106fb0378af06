"""A build's identity: what it was built from, with what, when; one id for the whole build.

The site's Om rapporten, the PDF's imprint and metadata and the published manifest all carry
the same id, so a reader or an auditor can tell that the HTML and the PDF are one build. The
inputs are hashed when the build starts: publishing compares them with the files as they are
then, and refuses a build whose inputs have changed since.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..common.paths import BOOK, KOMMUN, ROOT
from ..common.periods import Period, periods_in
from .cache import code_digest, sha256, tree
from .target import Target

FILE = "bygge.json"


@dataclass(frozen=True)
class Identity:
    id: str                  # 12 hex digits, shown to readers
    period: str
    built: str               # ISO 8601, UTC
    commit: str              # the project's git commit, "okänd" outside a checkout
    parameters: dict
    pdf: bool                # an HTML-only build (the preview's) has no PDF
    inputs: dict[str, str]   # input label -> sha256
    roots: dict[str, str]    # where the inputs were read, to hash them again when publishing

    @property
    def built_words(self) -> str:
        """'2026-11-29 kl. 03.40 UTC'"""
        moment = datetime.fromisoformat(self.built)
        return moment.strftime("%Y-%m-%d kl. %H.%M UTC")

    def label(self) -> str:
        return f"Bygge {self.id}, {self.built_words}"

    def save(self, folder: Path) -> None:
        (folder / FILE).write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2),
                                   encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Identity | None:
        path = folder / FILE
        if not path.is_file():
            return None
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def data_folders(period: Period, data_root: Path) -> list[Path]:
    """The period's folder and the earlier ones its comparisons read (history.py): the year's
    earlier reports and the same month a year before."""
    return [data_root / str(p) for p in periods_in(data_root)
            if (p.year == period.year and p.month <= period.month)
            or (p.year == period.year - 1 and p.month == period.month)]


def data_files(period: Period, data_root: Path, namnd: str | None = None) -> list[Path]:
    """Every data file a nämnd's build reads. In a folder with several nämnder that is the
    municipality's files (the ledger, kommun.yaml, the kontoplan) and the nämnd's own folder,
    never another nämnd's: editing one nämnd's text or goals leaves the others' builds
    current and their published reports unchanged."""
    files = []
    for folder in data_folders(period, data_root):
        if namnd and (folder / KOMMUN).is_file():
            files += [f for f in sorted(folder.iterdir()) if f.is_file()]
            files += tree(folder / namnd) if (folder / namnd).is_dir() else []
        else:
            files += tree(folder)
    return files


def input_files(period: Period, roots: dict[str, Path],
                namnd: str | None = None) -> dict[str, Path]:
    """Every file the build reads, by a label a reader of the manifest understands."""
    data, notebooks, static = roots["data"], roots["notebooks"], roots["static"]
    files = {f"data/{f.relative_to(data)}": f for f in data_files(period, data, namnd)}
    files |= {f"notebooks/{f.name}": f for f in sorted(notebooks.glob("*.ipynb"))}
    files |= {f"book/static/{f.relative_to(static)}": f for f in tree(static)}
    files |= {"_config.yml": ROOT / "_config.yml", "_toc.yml": roots.get("toc", ROOT / "_toc.yml")}
    return files


def hashes(period: Period, roots: dict[str, Path], namnd: str | None = None,
           code: str | None = None) -> dict[str, str]:
    out = {label: sha256(path) for label, path in input_files(period, roots, namnd).items()}
    out["kommunrapport/ (paketets kod)"] = code or code_digest()
    return out


def git_commit() -> str:
    run = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                         text=True)
    return run.stdout.strip() if run.returncode == 0 else "okänd"


def create(target: Target, pdf: bool, code: str, static: Path = BOOK / "static") -> Identity:
    """The build's identity, its inputs hashed as they are now (`code`: cache.code_digest)."""
    roots = {"data": target.data_root, "notebooks": target.chapter_folder, "static": static,
             "toc": target.toc}
    inputs = hashes(target.period, roots, target.namnd, code)
    period, parameters = target.period, target.parameters
    built = datetime.now(timezone.utc).isoformat(timespec="seconds")
    commit = git_commit()
    digest = hashlib.sha256(json.dumps([inputs, parameters, commit, built, pdf],
                                       sort_keys=True).encode()).hexdigest()
    return Identity(digest[:12], str(period), built, commit, parameters, pdf, inputs,
                    {k: str(v.resolve()) for k, v in roots.items()})


def changed_inputs(identity: Identity) -> list[str]:
    """The inputs that differ now from when the build started (added, removed or edited)."""
    roots = {k: Path(v) for k, v in identity.roots.items()}
    now = hashes(Period.parse(identity.period), roots, identity.parameters.get("namnd") or None)
    return sorted(label for label in set(now) | set(identity.inputs)
                  if now.get(label) != identity.inputs.get(label))
