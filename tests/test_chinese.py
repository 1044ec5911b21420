"""Chinese throughout (issue 16, part 6)."""

from __future__ import annotations

from typing import Any

from cnasean import text
from cnasean.output import i18n


def test_infra_show_by_chinese_name(run: Any) -> None:
    r = run("infra", "show", "雅万高铁", "--json")
    assert r.exit_code == 0, r.stderr
    assert '"jakarta-bandung-hsr"' in r.stdout


def test_amounts_in_wan_and_yi() -> None:
    text.set_lang("zh")
    try:
        assert i18n.human_number(6_520_000_000_000) == "6.52万亿"
        assert i18n.human_number(982_100_000_000) == "9821亿"
        assert i18n.human_money(1_080_000_000_000, "USD", "about") == "约1.08万亿美元"
        assert i18n.human_money(260_000_000_000, "USD", "over") == "超过2600亿美元"
        assert i18n.human_money(7_000_000_000_000, "CNY", "nearly") == "近7万亿元"
    finally:
        text.reset()
    assert i18n.human_money(1_080_000_000_000, "USD", "about") == "about USD 1.08 tn"


def test_rank_and_footnotes_in_chinese(run: Any) -> None:
    r = run("--lang", "zh", "trade", "--rank", "-f", "table", env={"COLUMNS": "120"})
    assert r.exit_code == 0
    assert "中国与东盟各成员国货物贸易" in r.stdout and "总额" in r.stdout
    assert "由本工具计算" in r.stdout and "computed here" not in r.stdout
    s = run("--lang", "zh", "trade", "-f", "table", env={"COLUMNS": "80"})
    assert "万亿" in s.stdout and " tn" not in s.stdout
    assert "隐藏了2列" in s.stdout and "other figures reported" not in s.stdout
    v = run("--lang", "zh", "visa", "-f", "tsv")
    assert "签证政策常有变化" in v.stderr
