"""text.fold: the fast path for ASCII gives what the Unicode path gives."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from cnasean import text


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fold_is_the_unicode_fold(value: str) -> None:
    assert text.fold(value) == text._fold_unicode(value)


def test_every_ascii_character_folds_as_unicode_says() -> None:
    every = "".join(map(chr, range(128)))
    assert text.fold(every) == text._fold_unicode(every)
    for ch in every:
        assert text.fold(f"a{ch}b") == text._fold_unicode(f"a{ch}b"), repr(ch)
    assert text.fold("Jakarta–Bandung HSR") == "jakarta bandung hsr"  # an en dash: not ASCII
    assert text.fold(" East-Coast  Rail_Link! ") == "east coast rail link"
    assert set(text.fold(string.printable)) <= set(string.ascii_lowercase + string.digits + " ")


def _reference_fold(value: str) -> str:
    """fold as it was first written: one character at a time through unicodedata."""
    import re
    import unicodedata

    value = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", value).casefold())
    out = []
    for ch in value:
        if unicodedata.combining(ch):
            continue
        out.append(" " if unicodedata.category(ch)[0] in "PZSC" else ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


@given(st.text())
def test_fold_is_the_reference_fold(value: str) -> None:
    assert text.fold(value) == _reference_fold(value)


def test_fold_of_the_shipped_names() -> None:
    for sample in (
        "雅万高铁",
        "Nguyễn Phú Trọng",
        "Hà Nội–Lào Cai",
        "ﬁnance",
        "ＡＳＥＡＮ 2024",
        "İstanbul",
    ):
        assert text.fold(sample) == _reference_fold(sample), sample


_EDGES = ["\u3400", "\u9fff", "\u33ff", "\ua000", "\uf900", "\ufaff", "\ufb00", "\u3000"]
_MIXED = st.text(
    alphabet=st.sampled_from([*"ab c-1", *"中老铁路", "é", "ไ", "🚄", *_EDGES]), max_size=30
)


@given(_MIXED)
def test_the_cjk_class_answers_as_the_regex(text: str) -> None:
    """text.CharClass stands in for re's character classes (cheaper to build): search,
    fullmatch, findall and sub give what the patterns they replace give."""
    import re

    from cnasean.query.search import _CJK
    from cnasean.text import CJK

    one = re.compile(r"[\u3400-\u9fff]")
    runs = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
    assert CJK.search(text) == bool(one.search(text))
    assert _CJK.search(text) == bool(runs.search(text))
    assert _CJK.fullmatch(text) == bool(runs.fullmatch(text))
    assert _CJK.findall(text) == runs.findall(text)
    assert _CJK.sub(" ", text) == runs.sub(" ", text)
