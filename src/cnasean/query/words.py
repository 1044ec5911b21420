"""Whether a record's texts hold a user's words: the filter ``cnasean events WORDS`` applies.

The rule is ``search``'s (``query/search.py``), read as a filter that keeps or drops, since
it cannot rank. Both sides are folded alike (case, accents, every dash and punctuation mark
a space: ``text.fold``), and every word must match:

- A run of Chinese characters matches anywhere (Chinese has no spaces between words), and
  the punctuation between characters does not count: ``中国东盟`` matches ``中国—东盟``.
- Any other word matches at the start of a word, as ``search`` matches: ``sign`` keeps
  ``signed``, ``summit`` keeps ``Summits``, ``expo`` would keep ``Exposition``. A word of
  three characters or fewer must be a whole word: ``search`` ranks a whole word above one
  it only begins, but a filter keeps both alike, and short words begin too many others
  (``BRI`` would keep every bridge and briefing, ``DOC`` every document).
- A word with punctuation inside (``3.0``, ``China-Laos``) matches its parts in that order,
  as a phrase: ``3.0`` keeps ``ACFTA 3.0``, not ``2.0`` with a ``3`` somewhere else.
"""

from __future__ import annotations

import re

from cnasean.errors import UsageError
from cnasean.text import CJK, fold, short_query

SHORT = 3  # a word of at most this many characters matches only whole words
_FIELD = "\x00"  # between the texts of a record: no word or phrase spans it


class Words:
    """The words of ``text``, ready to be matched against the texts of many records."""

    def __init__(self, text: str, example: str = "cnasean events expo") -> None:
        self.chinese: list[str] = []
        self.patterns: list[re.Pattern[str]] = []
        for word in short_query(text, "text to match").split():
            folded = fold(word)
            # Spaces in a folded word were punctuation: not part of a Chinese run.
            self.chinese += CJK.findall(folded.replace(" ", ""))
            for piece in CJK.sub(_FIELD, folded).split(_FIELD):
                phrase = piece.strip()
                if not phrase:
                    continue
                end = r"(?![a-z0-9])" if len(phrase.split()[-1]) <= SHORT else ""
                self.patterns.append(re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}{end}"))
        if not self.chinese and not self.patterns:
            raise UsageError(f"Give at least one word to match, e.g. {example}.")

    def held_by(self, *texts: str | None) -> bool:
        """Whether every word is in one of ``texts`` (None and "" are skipped)."""
        folded = [fold(t) for t in texts if t]
        if self.patterns:
            latin = _FIELD.join(folded)
            if not all(p.search(latin) for p in self.patterns):
                return False
        if self.chinese:
            chinese = _FIELD.join(f.replace(" ", "") for f in folded)
            return all(run in chinese for run in self.chinese)
        return True
