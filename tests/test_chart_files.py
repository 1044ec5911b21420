"""Chart files (``trade --chart --output``, ``visa --history --chart --output``): the SVG
parses and names its sources and data version, the PNG has the size promised, and every
way of asking wrongly is one line and exit 2 with nothing written."""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, VERSION

pytest.importorskip("matplotlib")

SVG = "{http://www.w3.org/2000/svg}"


def _texts(path: Path) -> str:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_trade_svg_has_title_units_sources_and_version(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "trade.svg"
    r = cli("trade", "--chart", "--currency", "CNY", "--output", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and f"Wrote {out}." in r.stderr
    text = _texts(out)
    assert "China–ASEAN goods trade, CNY" in text
    assert "CNY billion" in text and "Year" in text
    assert "Hatched: part of a year" in text  # the 2026 year to date
    assert "Source:" in text and "People's Daily Online" in text
    assert f"cnasean data {VERSION} (as of {AS_OF})" in text
    assert "2026" in text and "Jan-Feb" in text


def test_the_svg_is_the_same_from_run_to_run(cli: Any, tmp_path: Path) -> None:
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    assert cli("trade", "--chart", "-o", a).returncode == 0
    assert cli("trade", "--chart", "-o", b).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_has_the_expected_size(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "trade.png"
    r = cli("trade", "--chart", "--country", "vietnam", "-o", out)
    assert r.returncode == 0, r.stderr
    assert _png_size(out) == (1200, 675)


def test_visa_history_chart(cli: Any, tmp_path: Path) -> None:
    svg, png = tmp_path / "visa.svg", tmp_path / "visa.png"
    r = cli("visa", "--country", "thailand", "--history", "--chart", "-o", svg)
    assert r.returncode == 0, r.stderr
    text = _texts(svg)
    assert "Visa rules between China and Thailand" in text
    assert "CN→TH: mutual exemption, 30 d" in text
    assert "visa-free" in text and "visa needed" in text and "Source:" in text
    assert f"cnasean data {VERSION}" in text
    r = cli("visa", "--country", "thailand", "--history", "--chart", "-o", png)
    assert r.returncode == 0 and _png_size(png) == (1200, 675)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trade", "--output", "x.svg"], "--output writes a chart file: add --chart."),
        (["trade", "--chart", "-o", "x.pdf"], "A chart file is .svg or .png, not '.pdf'"),
        (["visa", "--chart", "--country", "laos", "-o", "x.svg"], "add --country NAME --history"),
        (["visa", "--country", "laos", "-o", "x.svg"], "--output writes a chart file"),
        (["trade", "--chart", "--json", "-o", "x.svg"], "--chart draws for people"),
    ],
)
def test_wrong_asks_are_usage_errors_and_write_nothing(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli(*args)
    assert r.returncode == 2, r.stderr
    assert message in r.stderr and r.stderr.count("\n") <= 2
    assert list(tmp_path.iterdir()) == []


def test_zh_without_a_chinese_font_says_so(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.output import chart_file

    monkeypatch.setattr(chart_file, "CJK_FONTS", ("No Such Font At All",))
    out = tmp_path / "zh.svg"
    r = cli("trade", "--chart", "--lang", "zh", "-o", out)
    assert r.returncode == 2
    # under --lang zh the message is in Chinese (issue 16); the fix it names is the same
    assert "需要中文字体" in r.stderr and "fonts-noto-cjk" in r.stderr
    assert r.stderr.startswith("cnasean: error: ")
    assert not out.exists()


def test_zh_with_a_chinese_font_draws_in_chinese(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.output import chart_file

    # matplotlib's own font stands in for a CJK one: the words are checked, not the glyphs
    monkeypatch.setattr(chart_file, "CJK_FONTS", ("DejaVu Sans",))
    out = tmp_path / "zh.svg"
    r = cli("trade", "--chart", "--lang", "zh", "-o", out)
    assert r.returncode == 0, r.stderr
    text = _texts(out)
    assert "中国—东盟贸易额" in text and "来源" in text and "年份" in text


def test_without_matplotlib_it_says_which_extra(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = tmp_path / "t.svg"
    r = cli("trade", "--chart", "-o", out)
    assert r.returncode == 2
    assert "pip install 'cnasean[charts]'" in r.stderr
    assert not out.exists()


def test_a_chart_is_never_written_over_the_data(cli: Any, tmp_path: Path) -> None:
    import shutil

    from cnasean.store.locate import packaged_path

    db = tmp_path / "db.svg"
    shutil.copy(packaged_path(), db)
    before = db.read_bytes()
    r = cli("--db", db, "trade", "--chart", "-o", db)
    assert r.returncode == 2 and "Refused" in r.stderr
    assert db.read_bytes() == before
