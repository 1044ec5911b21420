"""``cnasean events WORDS``: events whose title, Chinese title, place or note hold every word,
in English or Chinese (issue 16), with the other filters, in the library, the CLI and JSON.

The rule (``query/words.py``): folded text on both sides; a Chinese run anywhere, the
punctuation between characters ignored; another word at the start of a word, but a word of
three characters or fewer only whole (``BRI`` is not ``Bridge``); a word with punctuation
inside (``3.0``) as a phrase."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import pytest

import query_api as query
from cnasean import open as open_dataset
from cnasean.errors import UsageError

EXPOS_ZH = ["caexpo-1-2004", "caexpo-20-2023", "caexpo-21-2024"]  # the three with 博览会


def ids(items: Any) -> list[str]:
    return [e.id for e in items]


def _expo_ids(raw: dict[str, Any]) -> set[str]:
    """The events with a word starting "expo" in their texts, found the plain way."""
    fields = ("title", "title_zh", "place", "note", "zh_note")
    return {
        d["id"]
        for d in raw["events"]
        if re.search(r"(?<![a-z0-9])expo", " ".join(d.get(f) or "" for f in fields).lower())
    }


# The library


def test_an_english_word_keeps_the_events_holding_it(shipped_raw: dict[str, Any]) -> None:
    found = ids(query.events(text="expo"))
    assert len(found) >= 15
    assert set(found) == _expo_ids(shipped_raw)
    assert "asean-summit-48-2026" in found  # held at the Mactan Expo (its place)
    assert found == ids(query.events(text="EXPO")) == ids(query.events(text="Expo"))
    assert len(found) < len(query.events())


def test_a_chinese_word_matches_inside_the_chinese_title() -> None:
    assert ids(query.events(text="博览会")) == EXPOS_ZH
    # no spaces in Chinese: a run matches anywhere, and a dash between characters is no gap
    assert ids(query.events(text="东盟博览")) == EXPOS_ZH
    assert ids(query.events(text="中国东盟博览会")) == EXPOS_ZH  # the data has 中国—东盟
    assert ids(query.events(text="中国—东盟博览会")) == EXPOS_ZH
    assert "china-laos-railway-opens-2021" in ids(query.events(text="中老铁路"))


def test_the_library_front_door_takes_the_words() -> None:
    assert ids(open_dataset().events(text="博览会")) == EXPOS_ZH


def test_a_word_matches_the_start_of_a_word_not_its_middle() -> None:
    signed = ids(query.events(text="sign"))
    assert "doc-signed-2002" in signed  # "... (DOC) signed"
    assert "strategic-partnership-for-peace-and-prosperity-2003" in ids(
        query.events(text="partner")
    )
    assert query.events(text="sean") == []  # inside ASEAN, never at a word's start
    assert query.events(text="xpo") == []


def test_short_words_match_whole_words_only_the_bri_trap() -> None:
    # Prefixes of three letters begin too many words for a filter: BRI would keep the
    # Binondo-Intramuros Bridge and every "ASEAN Briefing".
    assert "binondo-intramuros-bridge-inaugurated-2022" in ids(query.events(text="bridge"))
    assert "binondo-intramuros-bridge-inaugurated-2022" in ids(query.events(text="brid"))
    assert query.events(text="BRI") == []
    assert query.events(text="bri") == []
    doc = ids(query.events(text="DOC"))
    assert "doc-signed-2002" in doc
    assert "poa-2026-2030-agreed-2025" not in doc  # its note says "document", not DOC
    assert "poa-2026-2030-agreed-2025" in ids(query.events(text="document"))


def test_every_word_must_match() -> None:
    expo, twenty = set(ids(query.events(text="expo"))), set(ids(query.events(text="2025")))
    both = ids(query.events(text="expo 2025"))
    assert both and set(both) == expo & twenty
    assert len(both) < len(expo) and len(both) < len(twenty)
    assert both == ids(query.events(text="2025 expo"))
    assert query.events(text="expo railway") == []
    # words in two languages, each in its own field
    assert ids(query.events(text="expo 博览会")) == EXPOS_ZH
    assert ids(query.events(text="laos 铁路")) == [
        "china-laos-railway-opens-2021",
        "china-laos-railway-cross-border-passenger-service-2023",
    ]


def test_a_word_with_punctuation_inside_is_a_phrase() -> None:
    three, two = ids(query.events(text="3.0")), ids(query.events(text="2.0"))
    assert "acfta-3-0-signed-2025" in three and "acfta-2-0-full-effect-2019" in two
    assert not set(three) & {"acfta-2-0-full-effect-2019", "acfta-2-0-protocol-signed-2015"}
    assert not set(two) & {"acfta-3-0-signed-2025", "acfta-3-0-negotiations-launched-2022"}


def test_accents_and_case_fold_as_names_do() -> None:
    plain = ids(query.events(text="viet nam"))
    assert plain
    assert ids(query.events(text="Việt Nam")) == plain == ids(query.events(text="VIỆT NAM"))


def test_the_place_is_matched_too() -> None:
    assert "caexpo-21-2024" in ids(query.events(text="nanning"))


def test_combined_with_since_until_and_category() -> None:
    assert ids(query.events(text="expo", since="2024", category="expo")) == [
        "caexpo-21-2024",
        "caexpo-22-2025",
    ]
    # the 48th ASEAN Summit was held at the Mactan Expo: words match places too
    assert ids(query.events(text="expo", since="2024")) == [
        "caexpo-21-2024",
        "caexpo-22-2025",
        "asean-summit-48-2026",
    ]
    assert ids(query.events(text="博览会", until="2023")) == ["caexpo-1-2004", "caexpo-20-2023"]
    negotiations = ids(query.events(text="3.0", category="negotiation"))
    assert negotiations == [
        "acfta-3-0-negotiations-launched-2022",
        "acfta-3-0-substantially-concluded-2024",
        "acfta-3-0-negotiations-concluded-2025",
    ]
    summits = ids(query.events(text="summit", since="2025", category="summit"))
    assert summits and set(summits) < set(ids(query.events(text="summit", since="2025")))
    assert all(e.category == "summit" for e in query.events(text="summit", category="summit"))
    assert ids(query.events(text="expo", country="laos")) == []


def test_no_words_is_a_usage_error_and_none_is_no_filter() -> None:
    for text in ("", "   ", "—", "-- ..."):
        with pytest.raises(UsageError, match="at least one word"):
            query.events(text=text)
    assert ids(query.events(text=None)) == ids(query.events())


# The command line


def test_cli_words_filter_the_table(cli: Any) -> None:
    r = cli("events", "博览会")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("date\t")
    assert [line.split("\t")[-1] for line in lines[1:]] == EXPOS_ZH


def test_cli_words_with_since_and_json(cli: Any) -> None:
    r = cli("events", "summit", "--since", "2025", "--json")
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert [e["id"] for e in found] == ids(query.events(text="summit", since="2025"))
    assert found and all(e["date"] >= "2025" for e in found)
    r = cli("events", "expo", "2025", "--category", "expo", "--json")
    assert [e["id"] for e in json.loads(r.stdout)] == ids(query.events(text="expo 2025"))


def test_cli_several_words_are_all_needed(cli: Any) -> None:
    one = json.loads(cli("events", "china-laos", "--json").stdout)
    two = json.loads(cli("events", "china-laos", "passenger", "--json").stdout)
    assert two and len(two) < len(one)


def test_cli_the_bri_trap(cli: Any) -> None:
    assert json.loads(cli("events", "BRI", "--json").stdout) == []
    assert json.loads(cli("events", "bridge", "--json").stdout)


@pytest.mark.parametrize("extra", [[], ["--json"], ["--since", "2099"]])
def test_cli_no_match_is_success_with_a_hint_to_search(cli: Any, extra: list[str]) -> None:
    r = cli("events", "zzqx", "铁路博览", *extra)
    assert r.returncode == 0, r.stderr
    if "--json" in extra:
        assert json.loads(r.stdout) == []
    else:
        assert r.stdout.splitlines() == [r.stdout.splitlines()[0]]  # the header only
    assert r.stderr.strip() == (
        "No event matches. The words in every kind of fact: cnasean search zzqx 铁路博览"
    )


def test_cli_the_hint_is_for_words_only_and_quoted_as_a_shell_needs(cli: Any) -> None:
    r = cli("events", "zzqx yy", "Việt", "--json")
    assert r.stderr.strip().endswith("cnasean search 'zzqx yy' Việt")
    r = cli("events", "--since", "2099", "--json")  # no words: no search to suggest
    assert r.returncode == 0 and json.loads(r.stdout) == []
    assert r.stderr.strip() == "No event matches."


def test_cli_empty_words_are_a_usage_error(cli: Any) -> None:
    r = cli("events", "")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip() == (
        "cnasean: error: Give at least one word to match, e.g. cnasean events expo."
    )


def test_cli_timeline_takes_words_too(cli: Any) -> None:
    r = cli("timeline", "博览会", "--json")
    assert [e["id"] for e in json.loads(r.stdout)] == EXPOS_ZH


def test_cli_help_names_the_words(cli: Any) -> None:
    r = cli("events", "--help", env={"COLUMNS": "200"})
    assert r.returncode == 0
    assert "[words]..." in r.stdout and "cnasean events summit --since 2025" in r.stdout


def test_the_matching_code_loads_only_when_words_are_given(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `events` without words keeps its speed: the matcher is imported only for words.
    monkeypatch.delitem(sys.modules, "cnasean.query.words", raising=False)
    assert cli("events", "--json").returncode == 0
    assert "cnasean.query.words" not in sys.modules
    assert cli("events", "expo", "--json").returncode == 0
    assert "cnasean.query.words" in sys.modules
