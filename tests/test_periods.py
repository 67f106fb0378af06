import pytest

from kommunrapport.common.errors import BuildError
from kommunrapport.common.paths import data_dir, latest_period
from kommunrapport.common.periods import Period


def test_period_words():
    p = Period.parse("2025-08")
    assert p.months == "januari–augusti 2025"
    assert p.kind == "Delårsrapport"
    assert p.utfall_heading == "Utfall 25-08-31"
    assert p.prognos_heading == "Helårsprognos 2025"
    assert p.end_words == "31 augusti 2025"
    assert Period.parse("2025-12").kind == "Årsredovisning"
    assert Period.parse("2026-02").utfall_heading == "Utfall 26-02-28"


@pytest.mark.parametrize("text", ["2025-8", "2025-13", "../etc", "2025-08/..", ""])
def test_invalid_period_is_refused(text):
    with pytest.raises(BuildError, match="ÅÅÅÅ-MM"):
        Period.parse(text)


def test_missing_period_folder_names_what_exists(tmp_path):
    (tmp_path / "2025-04").mkdir()
    with pytest.raises(BuildError, match="ingen data för perioden 2025-08.*2025-04"):
        data_dir(Period.parse("2025-08"), tmp_path)


def test_default_period_is_the_newest_folder_with_real_data(tmp_path):
    assert str(latest_period()) == "2025-08"  # 2025-12 is invented example data
    for name, meta in [("2025-04", ""), ("2025-08", "period: x\n"),
                       ("2025-12", "exempeldata: Påhittade exempeldata\n")]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "rapport.yaml").write_text(meta, encoding="utf-8")
    assert str(latest_period(tmp_path)) == "2025-08"


@pytest.mark.parametrize("text, kind, name, has_prognos, utfall", [
    ("2025-04", "Delårsrapport", "delårsrapporten per april (tertial 1)", True, "Utfall 25-04-30"),
    ("2025-08", "Delårsrapport", "delårsrapporten per augusti", True, "Utfall 25-08-31"),
    ("2025-10", "Månadsuppföljning", "månadsuppföljningen per oktober", True, "Utfall 25-10-31"),
    ("2025-12", "Årsredovisning", "årsredovisningen 2025", False, "Utfall 2025"),
])
def test_the_month_decides_kind_wording_and_columns(text, kind, name, has_prognos, utfall):
    p = Period.parse(text)
    assert (p.kind, p.name, p.has_prognos, p.utfall_heading) == (kind, name, has_prognos, utfall)
