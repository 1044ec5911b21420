"""The search index: every document's matched texts, kept in the cache (``Store.derived``).

``search`` matches each word of a query in three texts of a document (title, names, body;
each folded, then as it is: ``search._texts``) and ranks by the best of them. Folding every
text of every document on every search cost more than the rest of the command, so the texts
are kept here, one UTF-8 blob per kind in file order, with where each document's texts
start; a search then finds each word with ``bytes.find`` and ranks from the positions, and
types only the hits it gives. Bytes, not text: unpacked without decoding, and searched alike
(a UTF-8 string is in a UTF-8 text exactly where the string is in the text, and the byte
before a match is an ASCII letter or digit exactly when the character before it is).

The index is the scan's answer kept, never another rule: it is built by the same functions,
keyed by the data file's version and by this code, and a test compares hundreds of queries
with and without it (``tests/test_search_cite.py``).
"""

from __future__ import annotations

import os
from bisect import bisect_right
from typing import Any

# kind -> (document numbers, ids (None where not a string), offsets, blob); offsets are seven
# a document: where its title text starts, where the folded title ends, the same for names
# and body, and where the document ends.
Index = dict[str, tuple[list[str], list[str | None], list[int], bytes]]
_SEP = b"\x00"  # between documents: no word or Chinese run holds it
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
WIDTH = 7


def build(store: Any) -> Index:
    """The index of every kind ``search`` reads, from the store's documents."""
    from cnasean.query.search import KIND_ORDER, _fields
    from cnasean.text import fold

    index: Index = {}
    for kind in KIND_ORDER:
        keys: list[str] = []
        ids: list[str | None] = []
        offsets: list[int] = []
        docs: list[bytes] = []
        at = 0
        for key, doc in store.tables[kind].items():
            rid = doc.get("id")
            keys.append(key)
            ids.append(rid if type(rid) is str else None)
            texts = []
            for x in _fields(kind, doc):  # each text: folded, a space, as it is
                folded = fold(x).encode("utf-8", "surrogatepass")
                offsets += (at, at + len(folded))
                texts.append(folded + b" " + x.encode("utf-8", "surrogatepass"))
                at += len(texts[-1]) + 1  # and the space (or separator) after it
            offsets.append(at - 1)
            docs.append(b" ".join(texts))
        index[kind] = (keys, ids, offsets, _SEP.join(docs))
    return index


def load(store: Any) -> Index | None:
    """The index of ``store``'s file, built once per version of it; None when the file is
    not kept in the cache (search then scans)."""
    from cnasean.store.cache import code_stamp

    leaves = os.path.dirname(os.path.dirname(__file__))
    code = code_stamp(
        __file__,
        os.path.join(os.path.dirname(__file__), "search.py"),
        os.path.join(leaves, "text.py"),
        os.path.join(leaves, "countries.py"),
    )
    found: Index | None = store.derived("search-index", code, build, dict)
    return found


def weights(
    term: str, cjk: bool, entry: tuple[Any, Any, list[int], bytes]
) -> dict[int, tuple[float, float]]:
    """The documents (by place in the index) whose texts hold ``term`` as ``search`` matches
    it (a Chinese run anywhere, another word where no letter or digit comes before it), each
    with the weight of the best text it is in whole (0 when nowhere whole) and the best it
    is in at all: 3 the title, 2 the names, 1 the body. Whole: no letter or digit after it
    either (a Chinese run is always whole)."""
    _, _, offsets, blob = entry
    starts = offsets[::WIDTH]
    needle = term.encode("utf-8", "surrogatepass")
    size = len(needle)
    found: dict[int, tuple[float, float]] = {}
    at = blob.find(needle)
    while at >= 0:
        if cjk or at == 0 or blob[at - 1] not in _WORD_BYTES:
            i = bisect_right(starts, at) - 1
            o = i * WIDTH
            w = 3.0 if at < offsets[o + 2] else 2.0 if at < offsets[o + 4] else 1.0
            end = at + size
            whole = cjk or end == len(blob) or blob[end] not in _WORD_BYTES
            best_whole, best = found.get(i, (0.0, 0.0))
            found[i] = (max(best_whole, w) if whole else best_whole, max(best, w))
        at = blob.find(needle, at + 1)
    return found


def texts(entry: tuple[Any, Any, list[int], bytes], i: int) -> tuple[bytes, bytes, bytes]:
    """Document ``i``'s folded title, and folded names and body joined by a space."""
    _, _, offsets, blob = entry
    t0, tf, n0, nf, b0, bf, _ = offsets[i * WIDTH : i * WIDTH + WIDTH]
    return blob[t0:tf], blob[n0:nf], blob[b0:bf]


def title(entry: tuple[Any, Any, list[int], bytes], i: int) -> str:
    """Document ``i``'s title as it is (after its folded form in the title text)."""
    _, _, offsets, blob = entry
    return blob[offsets[i * WIDTH + 1] + 1 : offsets[i * WIDTH + 2] - 1].decode(
        "utf-8", "surrogatepass"
    )
