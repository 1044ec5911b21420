"""How an answer to a question reads: how the question was read, the sentence, then the
facts and sources behind it."""

from __future__ import annotations

from cnasean.ask.parse import Answer


def answer_text(answer: Answer) -> str:
    zh = answer.parsed.lang == "zh"
    lines = [(("解读:" if zh else "Read as: ") + answer.read_as)] if answer.read_as else []
    lines.append(answer.text)
    if answer.records:
        lines.append(("依据:" if zh else "Facts: ") + ", ".join(r.id for r in answer.records))
        lines.append(("来源:" if zh else "Sources: ") + ", ".join(answer.sources()))
    return "\n".join(lines) + "\n"
