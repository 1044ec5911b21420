"""Tests for cnasean.countries: codes, names, aliases, Chinese names and membership dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cnasean import countries
from cnasean.countries import ALL, CHINA, MEMBERS, get, is_bloc, lookup, members, name_of
from cnasean.errors import AmbiguousCountry, UnknownCountry, UsageError

EXPECTED_CODES = {
    "CN": "CHN",
    "BN": "BRN",
    "KH": "KHM",
    "ID": "IDN",
    "LA": "LAO",
    "MY": "MYS",
    "MM": "MMR",
    "PH": "PHL",
    "SG": "SGP",
    "TH": "THA",
    "VN": "VNM",
    "TL": "TLS",
}
JOINED = {
    "ID": "1967-08-08",
    "MY": "1967-08-08",
    "PH": "1967-08-08",
    "SG": "1967-08-08",
    "TH": "1967-08-08",
    "BN": "1984-01-07",
    "VN": "1995-07-28",
    "LA": "1997-07-23",
    "MM": "1997-07-23",
    "KH": "1999-04-30",
    "TL": "2025-10-26",
}


def _names(c):
    return [c.code, c.alpha3, c.name, c.official_name, c.name_zh, *c.aliases]


ALL_NAMES = [(c.code, n) for c in ALL for n in _names(c)]


def test_table_is_complete():
    assert {c.code: c.alpha3 for c in ALL} == EXPECTED_CODES
    assert len(MEMBERS) == 11 and CHINA not in MEMBERS
    assert CHINA.asean_member_since is None
    assert len({c.code for c in ALL}) == len(ALL)


@pytest.mark.parametrize("code, name", ALL_NAMES)
def test_every_name_resolves_in_any_case(code, name):
    for variant in {
        name,
        name.lower(),
        name.upper(),
        name.swapcase(),
        f"  {name}  ",
        name.replace(" ", "   "),
        f"\t{name.title()}\n",
    }:
        assert lookup(variant).code == code, variant
        assert get(variant).code == code, variant


@pytest.mark.parametrize(
    "code, name", [(c, n) for c, n in ALL_NAMES if not n.lower().startswith("the ")]
)
def test_every_name_resolves_with_hyphens(code, name):
    assert get(name.replace(" ", "-")).code == code
    assert get(name.replace(" ", "").upper()).code == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("viet-nam", "VN"),
        ("Viet Nam", "VN"),
        ("VIỆT NAM", "VN"),
        ("vietnam", "VN"),
        (" LAO PDR ", "LA"),
        ("lao-pdr", "LA"),
        ("burma", "MM"),
        ("BURMA", "MM"),
        ("east timor", "TL"),
        ("East-Timor", "TL"),
        ("timor leste", "TL"),
        ("timorleste", "TL"),
        ("brunei darussalam", "BN"),
        ("BRUNEI  DARUSSALAM", "BN"),
        ("泰国", "TH"),
        ("泰國", "TH"),
        ("ประเทศไทย", "TH"),
        ("中国", "CN"),
        ("中華", None),
        ("p.r. china", "CN"),
        ("prc", "CN"),
        ("the philippines", "PH"),
        ("THE  PHILIPPINES", "PH"),
        ("people's republic of china", "CN"),
        ("peoples republic of china", "CN"),
        ("Lao People’s Democratic Republic", "LA"),
        ("ＴＨＡ", "TH"),  # full-width letters fold under NFKC
        ("siam", "TH"),
        ("kampuchea", "KH"),
        ("印尼", "ID"),
        ("大马", "MY"),
        ("狮城", "SG"),
    ],
)
def test_spelling_variants(text, code):
    found = get(text)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("text, code", [("the-philippines", "PH"), ("Timor–Leste", "TL")])
def test_punctuation_variants_that_miss(text, code):
    assert get(text) is not None and get(text).code == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("phil", "PH"),
        ("PHILIP", "PH"),
        ("thail", "TH"),
        ("sing", "SG"),
        ("indo", "ID"),
        ("camb", "KH"),
        ("viet", "VN"),
        ("tim", "TL"),
        ("myan", "MM"),
        ("bru", "BN"),
        ("malay", "MY"),
        ("socialist", "VN"),
        ("mainland", "CN"),
        ("中华人民", "CN"),
    ],
)
def test_unique_prefix(text, code):
    assert lookup(text).code == code
    assert get(text) is None or get(text).code == code


@pytest.mark.parametrize(
    "text, candidates",
    [
        ("rep", ["indonesia", "myanmar", "philippines", "singapore"]),
        ("republic of", ["indonesia", "myanmar", "philippines", "singapore"]),
        ("kingdom", ["cambodia", "thailand"]),
        ("KIN", ["cambodia", "thailand"]),
    ],
)
def test_ambiguous_prefix(text, candidates):
    with pytest.raises(AmbiguousCountry) as info:
        lookup(text)
    err = info.value
    assert err.candidates == candidates
    assert err.text == text
    msg = str(err)
    assert repr(text) in msg
    for c in candidates:
        assert c in msg


def test_short_prefixes_are_not_guessed():
    for text in ("ma", "vi", "i", "泰"):
        with pytest.raises(UnknownCountry):
            lookup(text)


@pytest.mark.parametrize(
    "text, suggestion",
    [
        ("thialand", "thailand"),
        ("vietnma", "vietnam"),
        ("sngapore", "singapore"),
        ("malasia", "malaysia"),
        ("phillipines", "philippines"),
        ("cambodai", "cambodia"),
    ],
)
def test_unknown_with_suggestion(text, suggestion):
    assert get(text) is None
    with pytest.raises(UnknownCountry) as info:
        lookup(text)
    err = info.value
    assert suggestion in err.suggestions
    assert len(err.suggestions) <= 3
    assert suggestion in str(err) and "Did you mean" in str(err)
    assert repr(text) in str(err)


@pytest.mark.parametrize("text", ["", "   ", "zz", "xyzzy", "Atlantis", "日本", "the"])
def test_unknown_miss(text):
    assert get(text) is None
    with pytest.raises(UnknownCountry) as info:
        lookup(text)
    assert repr(text) in str(info.value)
    if not info.value.suggestions:
        assert "ISO code" in str(info.value)


def test_error_exit_codes():
    assert UnknownCountry("x").exit_code == 2
    assert AmbiguousCountry("x", ["a", "b"]).exit_code == 2
    assert issubclass(UnknownCountry, UsageError) and issubclass(AmbiguousCountry, UsageError)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ASEAN", True),
        ("asean", True),
        (" Asean ", True),
        ("东盟", True),
        ("東盟", True),
        ("Association of Southeast Asian Nations", True),
        ("association-of-south-east-asian-nations", True),
        ("ASEAN+3", False),
        ("asia", False),
        ("China", False),
        ("", False),
    ],
)
def test_is_bloc(text, expected):
    assert is_bloc(text) is expected


def test_bloc_is_not_a_country():
    assert get("ASEAN") is None
    assert name_of("ASEAN") == "ASEAN"
    assert name_of("TH") == "Thailand"
    assert name_of("ZZ") == "ZZ"


def test_members_today_and_before_timor_leste():
    today = members()
    assert len(today) == 11 and CHINA not in today
    before = members(dt.date(2025, 10, 25))
    assert len(before) == 10 and "TL" not in {c.code for c in before}
    on_day = members(dt.date(2025, 10, 26))
    assert {c.code for c in on_day} == set(JOINED)


@pytest.mark.parametrize("code, since", sorted(JOINED.items()))
def test_membership_dates(code, since):
    c = get(code)
    joined = dt.date.fromisoformat(since)
    assert c.asean_member_since == joined
    assert c.is_member(joined) and not c.is_member(joined - dt.timedelta(days=1))
    assert c in members(joined) and c not in members(joined - dt.timedelta(days=1))
    assert c.to_dict()["asean_member_since"] == since


def test_membership_history():
    assert len(members(dt.date(1967, 8, 8))) == 5
    assert len(members(dt.date(1984, 1, 7))) == 6
    assert len(members(dt.date(1999, 4, 29))) == 9
    assert members(dt.date(1967, 8, 7)) == []
    assert not CHINA.is_member() and CHINA.to_dict()["asean_member_since"] is None


def test_members_alphabetical_then_the_newest():
    names = [c.name for c in members()]
    assert names[:-1] == sorted(names[:-1]) and names[-1] == "Timor-Leste"


def test_to_dict():
    d = get("TH").to_dict()
    assert d["code"] == "TH" and d["alpha3"] == "THA" and d["name_zh"] == "泰国"
    assert "Siam" in d["aliases"] and isinstance(d["aliases"], list)


# --- properties ---------------------------------------------------------------------------


@given(
    st.one_of(
        st.text(max_size=40),
        st.text(
            alphabet="泰国东盟越南老挝中华ประเทศไทย😀 -.'’()\x00\x1b\tTHAILNDVEMphilrep",
            max_size=20,
        ),
    )
)
@example("the")
@example("the ")
@example("ŉ")
@example("ǅ")
def test_lookup_never_crashes(text):
    try:
        c = lookup(text)
    except (UnknownCountry, AmbiguousCountry) as e:
        assert e.exit_code == 2
        assert repr(text) in str(e)
    else:
        assert c in ALL


@pytest.mark.parametrize("c", ALL, ids=lambda c: c.code)
def test_code_round_trip(c):
    assert get(c.code.lower()) == c
    assert get(c.alpha3.lower()) == c
    assert lookup(c.code) == c
    assert countries.BY_CODE[c.code] == c


@given(st.sampled_from([n for _, n in ALL_NAMES if not n.lower().startswith("the ")]), st.data())
def test_names_survive_case_and_separator_noise(name, data):
    noisy = ""
    for ch in name:
        ch = ch.upper() if data.draw(st.booleans()) else ch.lower()
        noisy += ch + data.draw(st.sampled_from(["", "", "", " ", "-", "  "]))
    expected = get(name)
    assert expected is not None
    assert get(noisy) == expected
    assert lookup(noisy) == expected


def test_ascii_names_fold_as_the_unicode_rule_folds_them():
    # countries._norm folds ASCII text with a translation table; the general rule (NFKC,
    # casefold, NFKD, drop combining marks and P/Z/C characters) must give the same
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cnasean import countries

    def general(text: str) -> str:
        text = unicodedata.normalize("NFKC", text).casefold().strip()
        text = "".join(
            ch
            for ch in unicodedata.normalize("NFKD", text)
            if not unicodedata.combining(ch) and unicodedata.category(ch)[0] not in "PZC"
        )
        return countries._no_the(text)

    for ch in map(chr, range(128)):
        assert countries._norm(f"a{ch}b") == general(f"a{ch}b"), repr(ch)

    @settings(max_examples=300, deadline=None)
    @given(st.text(st.characters(max_codepoint=127)))
    def same(text: str) -> None:
        assert countries._norm(text) == general(text)

    same()
    assert countries._norm("The Philippines") == "philippines"
    assert countries._norm("Viet-Nam") == countries._norm("Việt Nam") == "vietnam"
