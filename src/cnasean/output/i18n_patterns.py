"""Messages for people (errors, hints, notices on stderr) in another language, by pattern.

The messages are built by f-strings deep in the code (``f"Unknown country {text!r}."``), in
English. Rather than thread a language through every layer, the few places every message
passes (``cli.outcome.fail``, ``cli.options.note``, the stale-data notice) match the finished
English line against a table of templates written like the f-strings that make them, and
fill in the other language's template with what the placeholders matched:

    ("Unknown country {text:q}. Did you mean: {names}?", "未知的国家 {text}。是否要找:{names}?")

A placeholder's kind, after the colon, says what it matches: nothing, any text (at least one
character); ``any``, any text or none; ``q``, a Python ``repr`` of a string (the quotes kept:
the value stays as the user typed it); ``n``, a number; ``w``, a word (an option's name).
Any other kind names a *family* of fragments (``file_problem``, ``see``, ...), each a
template pair itself: the placeholder matches one of them, and its translation is filled in.
``family*`` matches several joined by "; ", ``family+`` several joined by ", " (each list is
joined again by the table's own separators). A part that is not one of its family's
fragments does not match, so a message is translated whole or left as it is: never half in
one language and half in the other.

This module and the table are imported only when the language is Chinese
(``cli.outcome.in_language``): English runs pay nothing for them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

Pairs = Sequence[tuple[str, str]]

FIELD = re.compile(r"\{(\w+)(?::(\w+[*+]?))?\}")
_KINDS = {
    "": r".+?",
    "any": r".*?",
    "q": r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"",
    "n": r"\d[\d,.]*",
    "w": r"\S+",
}
LISTS = {"*": "; ", "+": ", "}  # a family's mark of a list, and the English between items


class Table:
    """Whole messages and the families of fragments their placeholders may name."""

    def __init__(
        self, messages: Pairs, families: Mapping[str, Pairs], separators: Mapping[str, str]
    ) -> None:
        self.messages = messages
        self.families = families
        self.separators = separators  # between the translated items of a list, by its mark
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._literals: dict[str, tuple[list[str], list[tuple[str, ...]]]] = {}

    def kinds(self, template: str) -> dict[str, str]:
        """Each placeholder of an English template, and its kind."""
        return {m.group(1): m.group(2) or "" for m in FIELD.finditer(template)}

    def regex(self, template: str, named: bool = True) -> str:
        """The regular expression an English template matches (``named``: with a group
        for each placeholder; without, to be part of a larger one)."""
        out: list[str] = []
        pos = 0
        for m in FIELD.finditer(template):
            out.append(re.escape(template[pos : m.start()]))
            body = self._kind_regex(m.group(2) or "")
            out.append(f"(?P<{m.group(1)}>{body})" if named else f"(?:{body})")
            pos = m.end()
        out.append(re.escape(template[pos:]))
        return "".join(out)

    def _kind_regex(self, kind: str) -> str:
        if kind in _KINDS:
            return _KINDS[kind]
        if kind[-1] in LISTS:
            # any text: its items are each matched to a fragment when it is filled in (a
            # list stands between fixed words, and compiling the alternatives twice over
            # costs more than the rest of the translation)
            return _KINDS[""]
        family = self.families[kind]
        return "|".join(f"(?:{self.regex(en, named=False)})" for en, _ in family)

    def _may_match(self, template: str, text: str) -> bool:
        """Whether ``text`` can match ``template``, by its literal text alone: the text the
        template begins and ends with, the words between its placeholders, in order, and
        for each family a fragment's first words. Most templates are ruled out so, before a
        regular expression is compiled (compiling them all would cost a Chinese run a tenth
        of its time)."""
        found = self._literals.get(template)
        if found is None:
            parts = FIELD.split(template)[:: FIELD.groups + 1]  # the literal text
            words = [self._heads(kind) for kind in self.kinds(template).values()]
            found = self._literals[template] = (parts, [w for w in words if w])
        parts, words = found
        if len(parts) == 1:  # no placeholder
            return text == parts[0]
        if len(text) < len(parts[0]) + len(parts[-1]) or not text.startswith(parts[0]):
            return False
        if not text.endswith(parts[-1]):
            return False
        at = len(parts[0])
        for part in parts[1:-1]:
            at = text.find(part, at)
            if at < 0:
                return False
            at += len(part)
        return all(any(w in text for w in ws) for ws in words)

    def _heads(self, kind: str) -> tuple[str, ...]:
        """The literal text each fragment of a family begins with; empty when one of them
        begins with a placeholder or is empty (then the family rules nothing out)."""
        if kind in _KINDS:
            return ()
        heads = []
        for en, _ in self.families[kind.rstrip("*+")]:
            first = FIELD.search(en)
            head = en[: first.start()] if first else en
            if not head:
                return ()
            heads.append(head)
        return tuple(heads)

    def compiled(self, template: str) -> re.Pattern[str]:
        found = self._compiled.get(template)
        if found is None:
            found = self._compiled[template] = re.compile(self.regex(template), re.DOTALL)
        return found

    def translate(self, message: str, used: set[tuple[str, int]] | None = None) -> str:
        """``message`` in the table's language, or as it is when no template matches.
        ``used`` collects the templates that made the translation: ("", i) for the i-th
        message, (family, i) for a fragment (the tests check that each one is used)."""
        for i, (en, other) in enumerate(self.messages):
            found = self._fill(en, other, message, used)
            if found is not None:
                if used is not None:
                    used.add(("", i))
                return found
        return message

    def _fill(
        self, en: str, other: str, text: str, used: set[tuple[str, int]] | None
    ) -> str | None:
        if not self._may_match(en, text):
            return None
        m = self.compiled(en).fullmatch(text)
        if m is None:
            return None
        values: dict[str, str] = {}
        for name, kind in self.kinds(en).items():
            value = m.group(name)
            if kind not in _KINDS:
                mark = kind[-1] if kind[-1] in LISTS else ""
                items = value.split(LISTS[mark]) if mark else [value]
                done = [self._fragment(kind.rstrip("*+"), item, used) for item in items]
                if any(d is None for d in done):
                    return None
                value = self.separators.get(mark, "").join(d for d in done if d is not None)
            values[name] = value
        return other.format(**values)

    def _fragment(self, family: str, text: str, used: set[tuple[str, int]] | None) -> str | None:
        for i, (en, other) in enumerate(self.families[family]):
            found = self._fill(en, other, text, used)
            if found is not None:
                if used is not None:
                    used.add((family, i))
                return found
        return None
