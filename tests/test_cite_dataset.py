"""Citing the data itself (``cite --dataset``), and the sources' reuse terms (``license``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, VERSION


def test_cite_dataset_text(cli: Any) -> None:
    r = cli("cite", "--dataset")
    assert r.returncode == 0, r.stderr
    assert "cnasean developers." in r.stdout and "[dataset]" in r.stdout
    assert f"version {VERSION}" in r.stdout and f"as of {AS_OF}" in r.stdout


def test_cite_dataset_bibtex(cli: Any) -> None:
    r = cli("cite", "--dataset", "--format", "bibtex")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"@dataset{{cnasean{AS_OF.replace('-', '')},\n")
    assert f"  version = {{{VERSION}}}," in r.stdout and f"  date = {{{AS_OF}}}," in r.stdout
    assert r.stdout.count("{") == r.stdout.count("}")


@pytest.mark.parametrize("args", [["--format", "csl"], ["--json"]])
def test_cite_dataset_csl(cli: Any, args: list[str]) -> None:
    r = cli("cite", "--dataset", *args)
    assert r.returncode == 0, r.stderr
    [item] = json.loads(r.stdout)
    assert item["type"] == "dataset" and item["version"] == VERSION
    assert item["issued"] == {"date-parts": [[int(x) for x in AS_OF.split("-")]]}
    assert item["author"] == [{"literal": "cnasean developers"}]


@pytest.mark.parametrize("args", [[], ["T1", "--dataset"]])
def test_cite_needs_an_id_or_dataset_not_both(cli: Any, args: list[str]) -> None:
    r = cli("cite", *args)
    assert r.returncode == 2 and r.stdout == ""
    assert "Give a fact or source ID, or --dataset" in r.stderr


def test_sources_carry_their_reuse_terms_where_known(cli: Any) -> None:
    r = cli("sources", "--json")
    sources = {s["id"]: s for s in json.loads(r.stdout)}
    assert all("license" in s for s in sources.values())
    imf = [s for k, s in sources.items() if k.startswith("IMF-DOTS-2022-")]
    assert len(imf) == 12
    assert all("redistributed with attribution" in s["license"] for s in imf)
    assert sources["V98"]["license"].startswith("CC BY-SA 4.0")
    assert sources["V102"]["license"].startswith("MIT License")
    assert sources["T1"]["license"] is None  # a news site's terms: not known, not guessed
    known = [k for k, s in sources.items() if s["license"]]
    assert len(known) == 14, known


def test_a_license_that_is_not_text_is_invalid(cli: Any, tmp_path: Path) -> None:
    from cnasean.store.locate import packaged_path

    data = json.loads(packaged_path().read_text(encoding="utf-8"))
    first = next(iter(data["sources"]))
    data["sources"][first]["license"] = 5
    db = tmp_path / "db.json"
    db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = cli("db", "validate", "--db", db)
    assert r.returncode != 0
    assert "license" in r.stdout + r.stderr
