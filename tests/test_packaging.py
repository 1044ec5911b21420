"""The built wheel carries the data and works from outside the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (whl,) = out.glob("cnasean-*.whl")
    return whl


@pytest.mark.slow
def test_wheel_carries_the_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "cnasean/data/db.json" in names
        assert "cnasean/py.typed" in names
        packaged = json.loads(zf.read("cnasean/data/db.json"))
    assert packaged == json.loads((ROOT / "data" / "db.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_installed_wheel_answers_a_query_outside_the_tree(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # Share this environment's packages (typer, rich, ...) so the test needs no network,
    # but install cnasean itself only from the wheel.
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(target) / "_deps.pth").write_text(site + "\n")
    subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "--ignore-installed", "-q", str(wheel)],
        check=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CNASEAN_DB", "PYTHONPATH")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    res = subprocess.run(
        [str(env_dir / "bin" / "cnasean"), "trade", "--period", "2025-01..2025-09", "--json"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=True,
    )
    records = json.loads(res.stdout)
    assert any(r["value"] == 5570000000000 and r["currency"] == "CNY" for r in records)
    where = subprocess.run(
        [str(py), "-c", "import cnasean.store.read as d; print(d.packaged_path())"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=True,
    ).stdout
    assert str(env_dir) in where and "site-packages" in where
