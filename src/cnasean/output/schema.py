"""The fields of each kind of record, with their type and meaning, for ``cnasean schema``
(taken from docs/data-schema.md; the types are the record classes').
"""

from __future__ import annotations

FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "sources": {
        "id": (
            "str",
            "the source's id: T<n> trade, V<n> visa, I<n> infrastructure and events "
            "(X: found by search)",
        ),
        "publisher": ("str", ""),
        "title": ("str | None", "as shown"),
        "url": ("str", ""),
        "published": ("str | None", "*partial ok*, null if unknown."),
        "retrieved": ("dt.date", ""),
        "kind": ("str", "official, wire, secondary or aggregator"),
        "note": ("str | None", ""),
        "also_urls": ("tuple[str, ...]", "list of other URLs of the same text (may be empty)."),
    },
    "trade": {
        "id": ("str", ""),
        "reporter": (
            "str",
            "whose statistics: CN (China's customs), ASEAN, or a member's code for its own",
        ),
        "partner": (
            "str",
            "the other side, as seen by the reporter: ASEAN or a member code when reporter is CN",
        ),
        "flow": (
            "str",
            "total, export, import, balance (export minus import), from the reporter's side.",
        ),
        "period": (
            "str",
            "the period: 2024 (year), 2025-Q2, 2025-H1, 2025-03 (month), "
            "2025-01..2025-09 (Jan-Sep)",
        ),
        "period_start": ("dt.date", ""),
        "period_end": ("dt.date", ""),
        "value": ("int | float | None", "unscaled number or null."),
        "currency": ("str | None", ""),
        "yoy_pct": ("int | float | None", "as reported, null when not given."),
        "share_pct": ("int | float | None", "as reported, null when not given."),
        "derived": (
            "dict[str, Any] | None",
            'null, or {"fields": ["yoy_pct"], "method": "472.16 / 480.4 - 1", '
            '"inputs": ["cn-asean-total-2014-usd-cabc"]} naming which fields were '
            "computed here and how.",
        ),
        "note": ("str | None", ""),
        "sources": ("tuple[str, ...]", ""),
        "period_kind": (
            "str",
            '- year: "2024", 2024-01-01..2024-12-31 - quarter: "2025-Q2" (that '
            'quarter alone) - half: "2025-H1" (Jan-Jun',
        ),
        "qualifier": ("str | None", ""),
        "confidence": ("str", ""),
        "last_verified": ("dt.date", ""),
    },
    "visa": {
        "id": ("str", ""),
        "passport": ("str", "the traveller's nationality"),
        "destination": ("str", ""),
        "regime": (
            "str",
            "one of mutual_exemption, unilateral_exemption, temporary_exemption, "
            "trial_exemption, group_tour_exemption, visa_on_arrival, e_visa, "
            "visa_required",
        ),
        "visa_free": ("bool", "true when no visa is needed for the stay the rule describes."),
        "max_stay_days": ("int | None", "per entry, null if not stated."),
        "cumulative_limit": ("CumulativeLimit | None", ""),
        "effective_from": (
            "dt.date | None",
            "first day in force (null only when truly unknown, e.g.",
        ),
        "effective_to": ("dt.date | None", ""),
        "purposes": (
            "tuple[str, ...]",
            "from tourism, business, family (visiting relatives/friends), exchange, "
            "transit, study, work, medical, conference, any.",
        ),
        "conditions": (
            "tuple[str, ...]",
            "short sentences (entry points, group size, passport type, fees, ports).",
        ),
        "note": ("str | None", ""),
        "sources": ("tuple[str, ...]", ""),
        "last_verified": ("dt.date", ""),
        "name": ("str | None", ""),
        "region": (
            "str | None",
            'for region-limited schemes ("Hainan", "Xishuangbanna", "Phu Quoc"), else null.',
        ),
        "confidence": ("str", ""),
    },
    "infrastructure": {
        "id": ("str", ""),
        "name": ("str", ""),
        "countries": ("tuple[str, ...]", ""),
        "type": (
            "str",
            "railway, high-speed-rail, metro, expressway, port, airport, "
            "canal, industrial-park, sez, energy, refinery, hydropower, "
            "pipeline, logi",
        ),
        "status": (
            "str",
            "operating, under-construction, planned, suspended, stalled, cancelled, completed",
        ),
        "length_km": ("int | float | None", "the headline figure (a number) or null"),
        "design_speed_kmh": ("int | float | None", "the headline figure (a number) or null"),
        "cost_usd": ("int | float | None", "the headline figure (a number) or null"),
        "construction_start": ("str | None", "*partial ok*, null if none."),
        "opened": ("str | None", "*partial ok*, null if none."),
        "metrics": (
            "tuple[Metric, ...]",
            'dated measurements, each {"metric": "passengers_cumulative", '
            '"value": 43000000, "unit": "passengers", "qualifier": "over", '
            '"as_of": "2025-06-30", "sources": ...',
        ),
        "note": ("str | None", ""),
        "sources": ("tuple[str, ...]", ""),
        "aliases": ("tuple[str, ...]", ""),
        "status_as_of": ("str | None", ""),
        "endpoints": ("str | None", ""),
        "financing": ("str | None", ""),
        "alternatives": (
            "tuple[Alternative, ...]",
            'conflicting figures, each {"field": "cost_usd", "value": '
            '5900000000, "qualifier": null, "sources": ["I7"], '
            '"note": "Agenzia Nova, 2023"} (field is a field ...',
        ),
        "confidence": ("str", ""),
        "last_verified": ("dt.date", ""),
        "name_zh": ("str | None", ""),
        "zh_sources": ("tuple[str, ...]", ""),
        "zh_note": ("str | None", ""),
    },
    "events": {
        "id": ("str", ""),
        "date": ("str", "*partial ok*."),
        "title": ("str", ""),
        "category": (
            "str",
            "dialogue, agreement-signed, agreement-in-force, negotiation, summit, "
            "expo, accession, partnership, declaration, plan, visa-agreement, "
            "sta",
        ),
        "countries": ("tuple[str, ...]", "alpha-2 codes and/or ASEAN."),
        "note": ("str | None", ""),
        "sources": ("tuple[str, ...]", ""),
        "date_end": ("str | None", "*partial ok*."),
        "place": ("str | None", ""),
        "confidence": ("str", ""),
        "last_verified": ("dt.date", ""),
        "title_zh": ("str | None", ""),
        "zh_sources": ("tuple[str, ...]", ""),
        "zh_note": ("str | None", ""),
    },
}

# Meanings the schema document gives once for every kind.
COMMON = {
    "id": "the record's id, unique in the data file (cnasean cite ID)",
    "sources": "ids of the sources the fact cites (cnasean sources ID)",
    "zh_sources": "ids of the sources of the Chinese name",
    "zh_note": "a note on the Chinese name",
    "note": "free text: caveats, other figures, how the fact was read",
    "last_verified": "when the fact was last checked against its sources (ISO date)",
    "confidence": "verbatim, weak, derived, inferred, estimate or unverified",
    "countries": "the countries concerned, ISO 3166 alpha-2 codes (or ASEAN)",
    "name": "the English name",
    "name_zh": "the Chinese name, when a source gives one",
    "title": "the English title",
    "title_zh": "the Chinese title, when a source gives one",
    "date": "when it happened: YYYY, YYYY-MM or YYYY-MM-DD",
    "date_end": "the last day, for an event of several days",
    "publisher": "who published the source",
    "url": "where the source is",
    "retrieved": "when the source was read (ISO date)",
    "period_start": "the first day of the period (ISO date)",
    "period_end": "the last day of the period (ISO date)",
    "currency": "ISO 4217 code of value: CNY or USD",
    "aliases": "other names the project is known by",
    "place": "where it happened",
    "destination": "where the traveller goes",
    "category": "agreement-signed, summit, expo, accession, visa and others",
}


def json_type(annotation: str) -> str:
    """A field's type as JSON has it."""
    optional = "None" in annotation
    base = annotation.replace(" | None", "")
    kind = (
        "list"
        if base.startswith(("tuple", "list"))
        else "object"
        if base.startswith(("dict", "Cumulative", "Metric"))
        else "date"
        if "date" in base
        else "number"
        if base in ("int", "float", "float | int", "int | float")
        else "boolean"
        if base == "bool"
        else "string"
        if base == "str"
        else base
    )
    return f"{kind} or null" if optional else kind


def rows(kind: str) -> list[tuple[str, str, str]]:
    """(field, JSON type, meaning) for each field of ``kind``."""
    return [
        (field, json_type(annotation), meaning or COMMON.get(field, ""))
        for field, (annotation, meaning) in FIELDS[kind].items()
    ]
