"""Figures computed here from recorded ones: the balance (exports − imports) and, where no
total is recorded, the total (exports + imports).

A figure is computed only from an export and an import of the same reporter, partner,
period and currency that cite the same sources (one source basis): two sources' figures are
never combined into one. Each computed figure is a trade record marked ``derived`` with its
method and inputs, and ``confidence: derived``; it stands beside any recorded figure as an
alternative, never in place of one."""

from __future__ import annotations

from collections.abc import Iterable

from cnasean.models import TradeRecord

# "over X" minus "over Y" says nothing; "about" stays "about".
_EXACTISH = (None, "about")

Key = tuple[str, str, str, str, str, tuple[str, ...]]


def _key(r: TradeRecord) -> Key:
    return (
        r.reporter,
        r.partner,
        r.period_start.isoformat(),
        r.period_end.isoformat(),
        r.currency or "",
        tuple(r.sources),
    )


def _number(x: int | float) -> int | float:
    return int(x) if isinstance(x, int) or float(x).is_integer() else round(x, 2)


def _computed(flow: str, ex: TradeRecord, im: TradeRecord) -> TradeRecord:
    assert ex.value is not None and im.value is not None
    if flow == "balance":
        value = _number(ex.value - im.value)
        method = "exports - imports, as the reporter gives them (same period, currency, sources)"
    else:
        value = _number(ex.value + im.value)
        method = "exports + imports, as the reporter gives them (same period, currency, sources)"
    code = f"{ex.reporter}-{ex.partner}".lower()
    qualifier = "about" if "about" in (ex.qualifier, im.qualifier) else None
    inputs = [ex.id, im.id]
    cur = (ex.currency or "").lower()
    return TradeRecord(
        id=f"{code}-{flow}-{ex.period}-{cur}-computed-{'-'.join(ex.sources).lower()}",
        reporter=ex.reporter,
        partner=ex.partner,
        flow=flow,
        period=ex.period,
        period_start=ex.period_start,
        period_end=ex.period_end,
        value=value,
        currency=ex.currency,
        yoy_pct=None,
        share_pct=None,
        derived={"fields": ["value"], "method": method, "inputs": inputs},
        note=f"Computed here from {ex.id} and {im.id}.",
        sources=tuple(ex.sources),
        period_kind=ex.period_kind,
        qualifier=qualifier,
        confidence="derived",
        last_verified=min(ex.last_verified, im.last_verified),
    )


def derive(records: Iterable[TradeRecord], flows: tuple[str, ...]) -> list[TradeRecord]:
    """The ``flows`` ("balance", "total") computed from ``records``' exports and imports,
    for each source basis that has both and has no recorded figure of that flow."""
    exports: dict[Key, TradeRecord] = {}
    imports: dict[Key, TradeRecord] = {}
    recorded: set[tuple[str, Key]] = set()
    for r in records:
        k = _key(r)
        if r.flow in flows:
            recorded.add((r.flow, k))
        usable = r.value is not None and r.qualifier in _EXACTISH
        if usable and r.flow == "export":
            exports.setdefault(k, r)
        elif usable and r.flow == "import":
            imports.setdefault(k, r)
    out: list[TradeRecord] = []
    for k, ex in exports.items():
        im = imports.get(k)
        if im is None:
            continue
        out.extend(_computed(f, ex, im) for f in flows if (f, k) not in recorded)
    return out
