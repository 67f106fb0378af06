import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# An unexpected error in the package raises in the tests (for the user it is one line and a
# log): a test then fails on it with its traceback.
os.environ["KOMMUNRAPPORT_FELSOK"] = "1"

from builds import build_report  # noqa: E402

from kommunrapport.common.paths import DATA  # noqa: E402
from kommunrapport.model import report  # noqa: E402

PERIOD = "2025-08"
# The tests run chapters with their committed parameters: never on the period and nämnd of a
# writer's JupyterLab (make lab sets these for its kernels and terminals).
for _name in ("KOMMUNRAPPORT_PERIOD", "KOMMUNRAPPORT_NAMND"):
    os.environ.pop(_name, None)

# Property tests: `make test` runs the standard profile; `make test-snabb` passes
# --hypothesis-profile=snabb for fewer examples. No deadline: a check reads files.
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
          HealthCheck.data_too_large]
settings.register_profile("standard", max_examples=100, deadline=None,
                          suppress_health_check=_QUIET)
settings.register_profile("snabb", max_examples=10, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "standard"))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the 2025-08 data; returns the data root holding it."""
    root = tmp_path / "data"
    shutil.copytree(DATA / PERIOD, root / PERIOD)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def rep():
    """The 2025-08 report data, loaded and checked."""
    return report.load(PERIOD)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The 2025-08 book, built once for the HTML and PDF tests; returns its html folder."""
    out = tmp_path_factory.mktemp("out")
    index = build_report(PERIOD, out_root=out / "_build", source_root=out / "book",
                        say=lambda *_: None)
    assert index == out / "_build" / PERIOD / "html" / "index.html"
    return index.parent


@pytest.fixture(scope="session")
def december_site(site) -> Path:
    """The invented 2025-12 årsredovisning of kommunstyrelsen (its ekonomi from the period's
    ledger export), built after 2025-08 into the same folders."""
    out = site.parents[2]
    index = build_report("2025-12", out_root=out / "_build", source_root=out / "book",
                        say=lambda *_: None, namnd="kommunstyrelsen")
    return index.parent


@pytest.fixture(scope="session")
def december_boards(december_site) -> Path:
    """All four nämnder of 2025-12 built (kommunstyrelsen by december_site), and the
    municipality's own report; returns _build/2025-12."""
    out = december_site.parents[3]
    for namnd in ("socialnamnden", "barn-och-utbildningsnamnden", "samhallsbyggnadsnamnden",
                  "kommunen"):
        build_report("2025-12", out_root=out / "_build", source_root=out / "book",
                    say=lambda *_: None, namnd=namnd)
    return out / "_build" / "2025-12"


# Tests that build a book, start a kernel, a browser or JupyterLab: `make test-snabb` leaves
# them out for the edit-test loop (`pytest -m "not bygger"`, well under a minute).
_BUILDING_FIXTURES = {"site", "december_site", "december_boards", "hand_made_site", "prognos_site",
                      "executed", "lab", "injected", "base", "browser", "page", "builds",
                      "pdf_pages", "pages"}
_BUILDING_TESTS = {"test_cache_hits_when_unchanged_and_misses_on_a_change",
                   "test_the_municipalitys_delårsrapport",
                   "test_a_warm_kernel_shows_no_chapter_what_the_one_before_it_left",
                   "test_a_build_killed_alone_leaves_no_worker_or_kernel_behind",
                   "test_saving_a_chapter_updates_the_served_page",
                   "test_the_open_page_reloads_itself_shows_errors_and_recovers",
                   "test_killed_builds_leave_one_build_visible_and_the_next_build_succeeds",
                   "test_a_chapter_that_runs_too_long_is_named_with_its_cell_and_the_limit",
                   "test_a_raising_cell_fails_the_build_and_keeps_the_notebook",
                   "test_the_accessibility_check_fails_on_a_page_with_known_violations",
                   "test_the_preview_shows_a_draft_and_make_book_refuses_it",
                   "test_jupyterlab_runs_a_draft_chapter_to_its_end_with_its_gaps",
                   "test_a_new_period_from_the_first_draft_to_publication"}


def pytest_configure(config):
    config.addinivalue_line("markers", "bygger: builds a book or starts a kernel or browser")


def pytest_collection_modifyitems(items):
    for item in items:
        if _BUILDING_FIXTURES & set(item.fixturenames) or item.originalname in _BUILDING_TESTS:
            item.add_marker(pytest.mark.bygger)
