"""Full-text search over every fact and source, ranked, in English or Chinese."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from cnasean import countries
from cnasean.errors import UnknownRecord, UsageError
from cnasean.frozen import Frozen
from cnasean.models import KINDS
from cnasean.query import search_index
from cnasean.query.sources import DbPath
from cnasean.store.read import open_store
from cnasean.text import CharClass, fold, short_query

KIND_ORDER = ("infrastructure", "events", "visa", "trade", "sources")
_CJK = CharClass(("\u3400", "\u9fff"), ("\uf900", "\ufaff"))  # as [...]+, cheaply


class Hit(Frozen):
    kind: str
    id: str
    title: str
    score: float
    record: Any


def _names(codes: Any) -> str:
    out = []
    for code in codes:
        c = countries.BY_CODE.get(code)
        out.append(f"{c.name} {c.name_zh} {' '.join(c.aliases)}" if c else str(code))
    return " ".join(out)


def _str(doc: Mapping[str, Any], name: str) -> str:
    """A text field of a stored document, or "" (a field of another type is the record
    class's to refuse, once the record is typed)."""
    value = doc.get(name)
    return value if isinstance(value, str) else ""


def _strs(doc: Mapping[str, Any], name: str) -> list[str]:
    value = doc.get(name)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _fields(kind: str, d: Mapping[str, Any]) -> tuple[str, str, str]:
    """(title, names, body) of a stored document: matches in the title weigh most, then
    names, then the rest. Read from the document as stored, so that only the records that
    match are typed (and checked)."""
    if kind == "infrastructure":
        # Aliases are names too ("Whoosh"): they rank with the title.
        aliases = _strs(d, "aliases")
        return (
            f"{_str(d, 'name')} ({'; '.join(aliases)})" if aliases else _str(d, "name"),
            f"{_str(d, 'name_zh')} {_str(d, 'id')} {_str(d, 'type')}"
            f" {_names(_strs(d, 'countries'))}",
            f"{_str(d, 'endpoints')} {_str(d, 'financing')} {_str(d, 'note')} {_str(d, 'status')}",
        )
    if kind == "events":
        names = f"{_str(d, 'category')} {_str(d, 'place')} {_names(_strs(d, 'countries'))}"
        return _str(d, "title"), f"{_str(d, 'title_zh')} {names} {_str(d, 'id')}", _str(d, "note")
    if kind == "visa":
        regime = _str(d, "regime").replace("_", " ")
        parties = _names([_str(d, "passport"), _str(d, "destination")])
        return (
            _str(d, "name") or regime,
            f"{regime} {parties} {_str(d, 'region')}",
            f"{' '.join(_strs(d, 'conditions'))} {_str(d, 'note')}",
        )
    if kind == "trade":
        reporter, partner, flow = _str(d, "reporter"), _str(d, "partner"), _str(d, "flow")
        title = f"{reporter}-{partner} {flow} {_str(d, 'period')}"
        return title, f"trade {flow} {_names([reporter, partner])}", _str(d, "note")
    publisher, title = _str(d, "publisher"), _str(d, "title")
    return (
        f"{publisher}: {title}" if title else publisher,
        _str(d, "kind"),
        f"{_str(d, 'note')} {_str(d, 'url')}",
    )


def _terms(text: str) -> list[str]:
    terms = [m for m in _CJK.findall(text)]
    rest = _CJK.sub(" ", text)
    terms += [w for w in fold(rest).split() if w]
    return terms


def _whole(term: str) -> Any:
    """Whether a text holds ``term`` as a whole word (``bri``, not the start of ``bridge``)."""
    if _CJK.fullmatch(term):
        return lambda hay: term in hay
    pattern = re.compile(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])")
    return lambda hay: term in hay and pattern.search(hay) is not None


def _matcher(term: str) -> Any:
    """Whether a text holds ``term``: a Chinese run anywhere, other words at a word start."""
    if _CJK.fullmatch(term):
        return lambda hay: term in hay
    pattern = re.compile(rf"(?<![a-z0-9]){re.escape(term)}")
    # The substring test first: most texts do not hold the word at all, and it costs a
    # tenth of the pattern's search.
    return lambda hay: term in hay and pattern.search(hay) is not None


PREFILTER = True  # tests turn it off to check it changes no answer
INDEX = True  # likewise


def _texts(kind: str, doc: Mapping[str, Any]) -> tuple[tuple[str, str, str], str, str, str]:
    """A document's (title, names, body) and the texts its words are matched in: each
    folded, with the text as it is after it (so a word matches either form)."""
    raw = _fields(kind, doc)
    t, n, b = (fold(x) + " " + x for x in raw)
    return raw, t, n, b


def _may_hold(text: str, words: list[str]) -> bool:
    """False only if ``text`` cannot match every word, decided without folding it. A word
    (letters and digits, no space) matches a text only within a run of letters and digits
    of the folded text or of the text itself; for ASCII text those runs are the runs of
    ``text.lower()``, so a word not in that is not there. Other text: maybe."""
    if not text.isascii():
        return True
    low = text.lower()
    return all(word in low for word in words)


def search_counted(
    text: str, *, kind: str | None = None, limit: int = 50, db: DbPath = None
) -> tuple[list[Hit], int]:
    """``search``'s hits, and how many records match in all (for "50 of 57 shown")."""
    total = [0]
    hits = search(text, kind=kind, limit=limit, db=db, total=total)
    return hits, total[0]


def search(
    text: str,
    *,
    kind: str | None = None,
    limit: int = 50,
    db: DbPath = None,
    total: list[int] | None = None,
) -> list[Hit]:
    """Records whose text holds every word of ``text`` (Chinese runs match as substrings),
    best first: a hit in the title counts most, the whole phrase more than its words."""
    terms = _terms(short_query(text, "search text"))
    if not terms:
        raise UsageError("Search for at least one word, e.g. cnasean search railway.")
    kinds: tuple[str, ...] = KIND_ORDER
    if limit < 0:
        raise UsageError("--limit must be 0 (no limit) or more.")
    if kind:
        kind = kind.strip().lower()
        if kind not in KIND_ORDER:
            from cnasean.query.filters import choice

            kind = choice(kind, KIND_ORDER, "kind") or kind
        kinds = (kind,)
    phrase = fold(text)
    # Each distinct word is looked for once a record; a word given n times counts n times.
    counts = Counter(terms)
    matchers = [(_matcher(term), float(n)) for term, n in counts.items()]
    wholes = [(_whole(term), float(n)) for term, n in counts.items()]
    words = list(counts)
    total = total if total is not None else [0]
    store = open_store(db)
    index = search_index.load(store) if INDEX else None
    # (score, kind's place, id, kind, document number, document or None, place in index)
    found: list[tuple[float, int, str, str, str, Mapping[str, Any] | None, int]] = []
    for k in kinds:
        if index is not None and k in index:
            found += _ranked_from_index(k, index[k], counts, phrase, len(terms) > 1, store)
            continue
        for key, doc in store.docs(k):
            if PREFILTER and not _may_hold(" ".join(_fields(k, doc)), words):
                continue
            (title, names, body), t, n, b = _texts(k, doc)
            if not all(match(f"{t} {n} {b}") for match, _ in matchers):
                continue
            # Each word counts once, by the best place it was found in.
            # A word found whole counts by where it is found whole, and more than any word
            # it only begins ("BRI" ranks a note on the BRI above "Bridge" in a title).
            score = sum(
                times
                * (
                    3.0 + (3.0 if whole(t) else 2.0 if whole(n) else 1.0)
                    if whole(f"{t} {n} {b}")
                    else 3.0
                    if match(t)
                    else 2.0
                    if match(n)
                    else 1.0
                )
                for (match, times), (whole, _) in zip(matchers, wholes, strict=True)
            )
            if len(terms) > 1 and phrase and phrase in fold(title):
                score += 5
            elif len(terms) > 1 and phrase and phrase in f"{fold(names)} {fold(body)}":
                score += 2
            found.append(
                (_final(score, k), KIND_ORDER.index(k), _id(store, k, key, doc), k, key, doc, -1)
            )
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    total[0] = len(found)
    # Only the hits given are typed (and checked): a word in a thousand figures costs their
    # ranking, not a thousand records.
    hits = []
    for score, _, rid, k, key, kept, at in found[:limit] if limit else found:
        if kept is None:  # ranked from the index
            assert index is not None
            ((key, doc),) = store.docs_at(k, [key])
            title = search_index.title(index[k], at)
        else:
            doc, title = kept, _fields(k, kept)[0]
        hits.append(Hit(k, rid, title, score, store.typed(k, key, doc)))
    return hits


def _final(score: float, kind: str) -> float:
    if kind == "sources":
        score /= 2  # a page about the thing ranks below the fact itself
    return round(score - KIND_ORDER.index(kind) * 0.1, 2)


def _id(store: Any, kind: str, key: str, doc: Mapping[str, Any]) -> str:
    rid = doc.get("id")
    if type(rid) is not str:
        store.typed(kind, key, doc)  # raises InvalidRecord, naming it
    return str(rid)


def _ranked_from_index(
    kind: str,
    entry: Any,
    counts: Counter[str],
    phrase: str,
    several: bool,
    store: Any,
) -> list[tuple[float, int, str, str, str, Mapping[str, Any] | None, int]]:
    """The hits of ``kind`` ranked from the index as the scan ranks them (search_index)."""
    weights = []
    for term in counts:
        held = search_index.weights(term, bool(_CJK.fullmatch(term)), entry)
        if not held:
            return []
        weights.append((held, float(counts[term])))
    places = set(weights[0][0]).intersection(*(w for w, _ in weights[1:]))
    keys, ids, _, _ = entry
    needle = phrase.encode("utf-8", "surrogatepass") if several and phrase else b""
    out: list[tuple[float, int, str, str, str, Mapping[str, Any] | None, int]] = []
    for i in sorted(places):
        # A word found whole counts by where it is found whole, and more than any word it
        # only begins (as the scan counts it).
        score = sum(
            times * (3.0 + held[i][0] if held[i][0] else held[i][1]) for held, times in weights
        )
        if needle:
            title, names, body = search_index.texts(entry, i)
            if needle in title:
                score += 5
            elif needle in names + b" " + body:
                score += 2
        rid = ids[i]
        if rid is None:  # an id that is not a string: typing it says so
            ((key, doc),) = store.docs_at(kind, [keys[i]])
            _id(store, kind, key, doc)
        out.append((_final(score, kind), KIND_ORDER.index(kind), str(rid), kind, keys[i], None, i))
    store.check_ids(kind)  # unique strings, as the scan checks them
    return out


def find_any(record_id: str, db: DbPath = None) -> tuple[str, Any]:
    """The fact or source with this id, as (kind, record)."""
    store = open_store(db)
    src = store.source(record_id)
    if src:
        return "sources", src
    for k in KINDS:  # only the record found is typed
        found = store.record(k, record_id.strip().lower())
        if found is not None:
            return k, found
    import difflib

    pool = [*store.sources, *(r.id for k in KIND_ORDER[:-1] for r in store.records(k))]
    close = difflib.get_close_matches(record_id, pool, n=3, cutoff=0.6)
    hint = (
        f" Did you mean: {', '.join(close)}?" if close else " Find ids with: cnasean search WORDS."
    )
    raise UnknownRecord(f"No fact or source has the id {record_id!r}.{hint}")
