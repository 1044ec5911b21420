"""Tests of the Python API, ``from cnasean import query``: trade filters and the yearly summary,
visa rules at any date (time travel generated from the data itself), the overview, filters,
staleness, and every way of naming a member.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import query_api as query
from cnasean import countries
from cnasean.dates import parse_period
from cnasean.errors import AmbiguousCountry, BadDate, UnknownCountry, UsageError

D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)
SHIPPED = json.loads((Path(__file__).resolve().parents[1] / "data" / "db.json").read_text("utf-8"))
VISA_DOCS: list[dict[str, Any]] = list(SHIPPED["visa"].values())
TRADE_DOCS: list[dict[str, Any]] = list(SHIPPED["trade"].values())


def ids(records: Any) -> list[str]:
    return [r.id for r in records]


def other_side(doc: dict[str, Any]) -> str:
    return doc["destination"] if doc["passport"] == "CN" else doc["passport"]


def raw_trade(**match: Any) -> set[str]:
    return {d["id"] for d in TRADE_DOCS if all(d[k] == v for k, v in match.items())}


# --------------------------------------------------------------------------------------------
# trade: filters


def test_default_is_china_customs_with_asean():
    recs = query.trade()
    assert recs
    assert {(r.reporter, r.partner) for r in recs} == {("CN", "ASEAN")}
    assert set(ids(recs)) == raw_trade(reporter="CN", partner="ASEAN")
    starts = [r.period_start for r in recs]
    assert starts == sorted(starts)


def test_period_is_an_exact_match():
    recs = query.trade(period="2025-01..2025-09")
    assert recs
    assert all((r.period_start, r.period_end) == (D("2025-01-01"), D("2025-09-30")) for r in recs)
    cny = [r for r in recs if r.currency == "CNY" and r.flow == "total"]
    assert len(cny) == 1
    r = cny[0]
    assert r.id == "cn-asean-total-2025-01-09-cny"
    assert (r.value, r.yoy_pct, r.share_pct) == (5570000000000, 9.6, 16.6)
    assert "T1" in r.sources and r.period_kind == "ytd"
    assert ids(query.trade(period=parse_period("2025-01..2025-09"))) == ids(recs)
    # 2025-Q1 is Jan-Mar only: no month, no year, no Jan-Sep
    q1 = query.trade(period="2025-Q1")
    assert q1 and all(
        (r.period_start, r.period_end) == (D("2025-01-01"), D("2025-03-31")) for r in q1
    )
    whole = query.trade(period="2024")
    assert whole and all(r.period_kind == "year" and r.period == "2024" for r in whole)


def test_year_keeps_everything_inside_the_year():
    recs = query.trade(year=2024)
    assert ids(query.trade(year="2024")) == ids(recs)
    assert all(r.period_start.year == r.period_end.year == 2024 for r in recs)
    want = {
        d["id"]
        for d in TRADE_DOCS
        if d["reporter"] == "CN"
        and d["partner"] == "ASEAN"
        and d["period_start"][:4] == d["period_end"][:4] == "2024"
    }
    assert set(ids(recs)) == want
    assert len({r.period_kind for r in recs}) > 1  # year, and the parts of it


def test_from_to():
    recs = query.trade(start="2019", end="2022")
    assert recs
    assert all(D("2019-01-01") <= r.period_start and r.period_end <= D("2022-12-31") for r in recs)
    assert {"2019", "2022"} <= {r.period for r in recs if r.period_kind == "year"}
    later = query.trade(start="2020-06")
    assert later and all(r.period_start >= D("2020-06-01") for r in later)
    with pytest.raises(UsageError):
        query.trade(start="2023", end="2019")


def test_flow_and_currency_case_insensitive():
    exports = query.trade(flow="EXPORT")
    assert exports and all(r.flow == "export" for r in exports)
    assert set(ids(exports)) == raw_trade(reporter="CN", partner="ASEAN", flow="export")
    usd = query.trade(currency="usd")
    assert usd and all(r.currency == "USD" for r in usd)
    assert set(ids(usd)) == raw_trade(reporter="CN", partner="ASEAN", currency="USD")
    both = query.trade(flow="total", currency="CNY", year=2024)
    assert both and all(r.flow == "total" and r.currency == "CNY" for r in both)
    with pytest.raises(UsageError, match="sideways"):
        query.trade(flow="sideways")
    with pytest.raises(UsageError, match="EUR"):
        query.trade(currency="EUR")


def test_reporters():
    asean = query.trade(reporter="ASEAN")
    assert asean and {(r.reporter, r.partner) for r in asean} == {("ASEAN", "CN")}
    assert ids(query.trade(reporter="asean")) == ids(asean)
    cn = query.trade(reporter="CN")
    assert ids(cn) == ids(query.trade())
    every = query.trade(reporter="all")
    assert {(r.reporter, r.partner) for r in every} == {("CN", "ASEAN"), ("ASEAN", "CN")}
    assert len(every) == len(cn) + len(asean)  # never member-level records
    th_own = query.trade("TH", reporter="TH")
    assert th_own and {(r.reporter, r.partner) for r in th_own} == {("TH", "CN")}
    assert ids(query.trade("TH", reporter="thailand")) == ids(th_own)
    th_all = query.trade("TH", reporter="all")
    assert {r.reporter for r in th_all} == {"CN", "TH"}
    assert set(ids(th_all)) == set(ids(th_own)) | set(ids(query.trade("TH")))
    with pytest.raises(UsageError, match="VN"):
        query.trade("TH", reporter="VN")
    with pytest.raises(UsageError):
        query.trade(reporter="VN")  # Vietnam does not report trade with ASEAN


@pytest.mark.parametrize(
    "name", ["Thailand", "th", "THA", "泰国", "Kingdom of Thailand", "thailand", "Siam", "thai"]
)
def test_country_by_any_name(name):
    recs = query.trade(name)
    assert recs and {(r.reporter, r.partner) for r in recs} == {("CN", "TH")}
    assert set(ids(recs)) == raw_trade(reporter="CN", partner="TH")


def test_country_asean_is_the_default():
    assert ids(query.trade("ASEAN")) == ids(query.trade()) == ids(query.trade("东盟"))


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"period": "2025-13"}, BadDate),
        ({"period": "01/2025"}, BadDate),
        ({"period": "2025..2024"}, BadDate),
        ({"period": "2025-Q5"}, BadDate),
        ({"year": "24"}, BadDate),
        ({"start": "2025-02-30"}, BadDate),
        ({"country": "thialand"}, UnknownCountry),
        ({"country": "kin"}, AmbiguousCountry),
        ({"country": "China"}, UsageError),
        ({"country": "CN"}, UsageError),
        ({"country": "中国"}, UsageError),
    ],
)
def test_trade_errors(kwargs, error):
    with pytest.raises(error):
        query.trade(**kwargs)


def test_unknown_country_suggests():
    with pytest.raises(UnknownCountry) as info:
        query.trade("thialand")
    assert "thailand" in info.value.suggestions
    assert "Did you mean: thailand" in str(info.value)


def test_usage_errors_are_bad_input():
    assert issubclass(BadDate, UsageError) and issubclass(UnknownCountry, UsageError)
    assert UsageError.exit_code == 2


# --------------------------------------------------------------------------------------------
# trade: the yearly summary


def _annual_with_values() -> set[int]:
    return {
        int(d["period"])
        for d in TRADE_DOCS
        if (d["reporter"], d["partner"], d["flow"], d["period_kind"])
        == ("CN", "ASEAN", "total", "year")
        and d["value"] is not None
    }


def test_summary_one_row_a_year_from_2010():
    s = query.trade_summary()
    labels = [row.label for row in s.years]
    last = max(_annual_with_values())
    assert labels == [str(y) for y in range(2010, last + 1)]
    assert len(set(labels)) == len(labels)
    for row in s.years:
        y = int(row.label)
        assert (row.start, row.end) == (dt.date(y, 1, 1), dt.date(y, 12, 31))
        for r in row.records():
            assert (r.reporter, r.partner, r.flow) == ("CN", "ASEAN", "total")
            assert r.period_kind == "year" and r.period_start.year == y
    assert (s.reporter, s.partner, s.flow) == ("CN", "ASEAN", "total")


def test_summary_gaps():
    s = query.trade_summary()
    empty = [int(row.label) for row in s.years if row.cny is None and row.usd is None]
    assert s.gaps == empty
    last = max(_annual_with_values())
    assert s.gaps == sorted(set(range(2010, last + 1)) - _annual_with_values())
    # no sourced annual total for 2016 and 2018: the IMF sum over the members fills them, marked
    by_label = {row.label: row for row in s.years}
    for y in (2016, 2018):
        assert y not in s.gaps
        imf = [r for r in by_label[str(y)].records() if r.id.startswith("imf-dots-2022-")]
        assert all(r.derived and r.confidence in ("derived", "estimate") for r in imf)
    for row in s.years:
        if int(row.label) not in s.gaps:
            assert row.cny or row.usd


def test_summary_latest_year_to_date():
    s = query.trade_summary()
    assert s.latest is not None
    last_full = int(s.years[-1].label)
    partial_ends = [
        D(d["period_end"])
        for d in TRADE_DOCS
        if (d["reporter"], d["partner"], d["flow"]) == ("CN", "ASEAN", "total")
        and d["period_kind"] != "year"
        and d["period_start"].endswith("-01-01")
    ]
    assert s.latest.end == max(partial_ends)
    assert s.latest.end.year > last_full
    assert s.latest.start == dt.date(s.latest.end.year, 1, 1)
    assert not s.latest.label.isdigit()
    assert s.rows() == [*s.years, s.latest]
    assert s.records() == [r for row in s.rows() for r in row.records()]


def test_summary_keeps_conflicting_figures():
    s = query.trade_summary()
    row = next(r for r in s.years if r.label == "2012")
    assert row.cny is None
    assert row.usd is not None
    assert row.usd.shown.value == 400100000000
    assert [o.value for o in row.usd.others] == [400900000000]
    assert row.usd.shown.sources != row.usd.others[0].sources


def test_summary_prefers_exact_figures():
    s = query.trade_summary()
    for row in s.rows():
        for cell in (row.cny, row.usd):
            if cell and any(o.qualifier is None for o in cell.others):
                assert cell.shown.qualifier is None, row.label


def test_summary_from_to_and_reporter():
    s = query.trade_summary(start="2019", end="2022")
    assert [row.label for row in s.years] == ["2019", "2020", "2021", "2022"]
    assert s.latest is None
    a = query.trade_summary(reporter="ASEAN")
    assert a.rows() and all((r.reporter, r.partner) == ("ASEAN", "CN") for r in a.records())
    assert [row.label for row in a.years] == sorted({row.label for row in a.years})
    vn = query.trade_summary("Viet Nam")
    assert vn.partner == "VN" and all(r.partner == "VN" for r in vn.records())
    exports = query.trade_summary(flow="export")
    assert exports.flow == "export" and all(r.flow == "export" for r in exports.records())


def test_summary_on_mini_data(mini_db):
    s = query.trade_summary(db=mini_db)
    assert [row.label for row in s.rows()] == ["2022", "2023", "2024 Q1"]
    assert s.gaps == []
    row_2023 = s.years[1]
    assert row_2023.usd.shown.id == "cn-asean-total-2023-usd"
    assert ids(row_2023.usd.others) == ["cn-asean-total-2023-usd-wire"]
    assert query.meta(mini_db).data_version == "9999.01.31"


# --------------------------------------------------------------------------------------------
# visa: time travel, generated from the shipped data


def _with(field: str) -> list[Any]:
    return [pytest.param(d, id=d["id"]) for d in VISA_DOCS if d[field]]


def in_force(doc: dict[str, Any], day: dt.date) -> bool:
    return doc["id"] in ids(query.visa(other_side(doc), on=day, history=False))


@pytest.mark.parametrize("doc", _with("effective_from"))
def test_rule_starts_on_its_first_day(doc):
    start = D(doc["effective_from"])
    end = D(doc["effective_to"]) if doc["effective_to"] else None
    assert in_force(doc, start)
    if end is None or start + ONE <= end:
        assert in_force(doc, start + ONE)
    assert not in_force(doc, start - ONE)


@pytest.mark.parametrize("doc", _with("effective_to"))
def test_rule_ends_after_its_last_day(doc):
    end = D(doc["effective_to"])
    assert in_force(doc, end)
    assert not in_force(doc, end + ONE)
    assert in_force(doc, end.isoformat())  # as text, too


def test_time_travel_is_generated_from_enough_rules():
    assert len(_with("effective_from")) >= 20 and len(_with("effective_to")) >= 10


# --------------------------------------------------------------------------------------------
# visa: fixed cases


def test_thailand_on_2023_12_01():
    rules = query.visa("thailand", on="2023-12-01")
    got = set(ids(rules))
    temp = [
        r
        for r in rules
        if (r.passport, r.destination, r.regime) == ("CN", "TH", "temporary_exemption")
    ]
    assert len(temp) == 1 and temp[0].visa_free
    assert temp[0].effective_from <= D("2023-12-01") <= temp[0].effective_to
    assert not [r for r in rules if r.regime == "mutual_exemption"]
    assert "visa-cn-th-mutual-2024" not in got and "visa-th-cn-mutual-2024" not in got
    assert all(r.in_force(D("2023-12-01")) for r in rules)
    assert all(
        "TH" in (r.passport, r.destination) and "CN" in (r.passport, r.destination) for r in rules
    )


def test_thailand_on_2024_03_01():
    rules = query.visa("TH", on=dt.date(2024, 3, 1))
    mutual = {(r.passport, r.destination) for r in rules if r.regime == "mutual_exemption"}
    assert mutual == {("CN", "TH"), ("TH", "CN")}
    assert not [r for r in rules if r.regime == "temporary_exemption"]
    assert not [r for r in rules if (r.passport, r.regime) == ("TH", "visa_required")]


@pytest.mark.parametrize("code", ["TH", "KH", "LA", "VN", "MM"])
def test_no_rule_before_it_was_announced(code):
    # The Lancang-Mekong business visa was announced on 7 Nov 2024; a null effective_from
    # would make it "always" in force (it used to, for TH, KH and LA).
    rule = f"visa-{code.lower()}-cn-lancang-mekong-visa-2024"
    assert rule in {d["id"] for d in VISA_DOCS}
    assert rule not in ids(query.visa(code, on="2023-12-01"))
    assert rule not in ids(query.visa(code, on="2024-11-06"))
    assert rule in ids(query.visa(code, on="2024-11-18"))


def test_default_day_is_today():
    day = dt.date(2023, 12, 1)
    assert ids(query.visa("TH", today=day)) == ids(query.visa("TH", on="2023-12-01"))
    assert ids(query.visa("TH", on="1 Dec 2023")) == ids(query.visa("TH", on=day))


@pytest.mark.parametrize(
    ("day", "count"),
    [("2026-11-29", 11), ("2025-10-26", 11), ("2025-10-25", 10), ("2024-03-01", 10)],
)
def test_overview_members(day, count):
    got_day, rows = query.visa_overview(on=day)
    assert got_day == D(day)
    codes = [row.country.code for row in rows]
    assert len(rows) == count
    assert ("TL" in codes) is (count == 11)  # Timor-Leste joined 2025-10-26
    assert codes == [c.code for c in countries.MEMBERS][:count]
    for row in rows:
        for direction, (pp, dest) in (
            (row.to_country, ("CN", row.country.code)),
            (row.to_china, (row.country.code, "CN")),
        ):
            for r in ([direction.rule] if direction.rule else []) + list(direction.more):
                assert (r.passport, r.destination) == (pp, dest)
                assert r.in_force(got_day)


def test_overview_headline_thailand():
    _, rows = query.visa_overview(on="2024-03-01")
    th = next(row for row in rows if row.country.code == "TH")
    assert th.to_country.rule.id == "visa-cn-th-mutual-2024"
    assert th.to_china.rule.id == "visa-th-cn-mutual-2024"
    _, before = query.visa_overview(on="2023-12-01")
    th = next(row for row in before if row.country.code == "TH")
    assert th.to_country.rule.regime == "temporary_exemption"


def test_overview_today():
    day = dt.date(2026, 11, 29)
    assert query.visa_overview(today=day)[0] == day


def test_overview_visa_excludes_non_members_without_country():
    rules = query.visa(on="2025-10-25")
    assert rules and not [r for r in rules if "TL" in (r.passport, r.destination)]
    assert query.visa("TL", on="2025-10-25")  # asking for it by name is allowed
    assert [r for r in query.visa(on="2025-10-26") if "TL" in (r.passport, r.destination)]


def test_history_is_every_rule_in_date_order():
    laos = query.visa("laos", history=True)
    assert set(ids(laos)) == {d["id"] for d in VISA_DOCS if other_side(d) == "LA"}
    starts = [r.effective_from or dt.date.min for r in laos]
    assert starts == sorted(starts)
    every = query.visa(history=True)
    assert len(every) == len(VISA_DOCS)
    starts = [r.effective_from or dt.date.min for r in every]
    assert starts == sorted(starts)
    th = query.visa("TH", history=True)
    assert ids(th).index("visa-cn-th-temporary-2023") < ids(th).index("visa-cn-th-mutual-2024")
    with pytest.raises(UsageError):
        query.visa("TH", history=True, on="2024-01-01")


def test_passport_and_destination():
    out = query.visa(passport="CN", destination="TH", on="2024-03-01")
    assert out and all((r.passport, r.destination) == ("CN", "TH") for r in out)
    inbound = query.visa(passport="thailand", history=True)
    assert inbound and all((r.passport, r.destination) == ("TH", "CN") for r in inbound)
    assert set(ids(inbound)) == {d["id"] for d in VISA_DOCS if d["passport"] == "TH"}
    to_china = query.visa(destination="China", on="2024-03-01")
    assert to_china and all(r.destination == "CN" for r in to_china)
    assert len({r.passport for r in to_china}) > 1
    for kwargs in (
        {"passport": "TH", "destination": "VN"},
        {"passport": "CN", "destination": "CN"},
        {"passport": "ASEAN"},
        {"country": "ASEAN"},
        {"country": "China"},
    ):
        with pytest.raises(UsageError):
            query.visa(**kwargs)


def test_purpose_and_visa_free():
    day = "2024-03-01"
    business = query.visa(purpose="Business", on=day)
    assert business
    assert all({"business", "any"} & set(r.purposes) for r in business)
    everything = query.visa(on=day)
    assert set(ids(business)) < set(ids(everything))
    free = query.visa(visa_free=True, on=day)
    assert free and all(r.visa_free for r in free)
    assert set(ids(free)) == {r.id for r in everything if r.visa_free}
    assert set(ids(free)) < set(ids(everything))
    both = query.visa("TH", purpose="tourism", visa_free=True, on=day)
    assert "visa-cn-th-mutual-2024" in ids(both)
    with pytest.raises(UsageError, match="holiday"):
        query.visa(purpose="holiday")


def test_is_stale_with_injected_today():
    rule = next(r for r in query.visa(history=True) if r.id == "visa-cn-th-mutual-2024")
    verified = rule.last_verified
    assert not query.is_stale(rule, today=verified)
    assert not query.is_stale(rule, today=verified + dt.timedelta(days=180))
    assert query.is_stale(rule, today=verified + dt.timedelta(days=181))


def test_is_stale_on_mini_data(mini_db):
    rules = {r.id: r for r in query.visa(history=True, db=mini_db)}
    assert set(rules) == {
        "visa-cn-th-temporary-2023",
        "visa-cn-th-mutual-2024",
        "visa-th-cn-mutual-2024",
        "visa-cn-la-temporary-2024",
    }
    today = dt.date(2025, 2, 1)
    assert query.is_stale(rules["visa-cn-la-temporary-2024"], today=today)  # verified 2024-01-01
    assert not query.is_stale(rules["visa-cn-th-mutual-2024"], today=today)


# --------------------------------------------------------------------------------------------
# every member, by every kind of name


@pytest.mark.parametrize("form", ["code", "alpha3", "name", "name_zh"])
@pytest.mark.parametrize("member", countries.MEMBERS, ids=lambda c: c.code)
def test_every_member_resolves(member, form):
    text = getattr(member, form)
    rules = query.visa(text, history=True)
    assert rules, text
    assert {r.destination if r.passport == "CN" else r.passport for r in rules} == {member.code}
    assert set(ids(rules)) == {d["id"] for d in VISA_DOCS if other_side(d) == member.code}
    assert ids(query.visa(text.lower() if text.isascii() else text, history=True)) == ids(rules)
