"""Signed data updates: ``db keygen``, ``db bundle``, ``db update``, ``db rollback``.

Real keys made here, real signatures, a real HTTP server on 127.0.0.1, bundles tampered
with in every way the issue names, a downgrade, a writer killed in the middle of an update,
and updates racing each other and readers."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import in_process

pytest.importorskip("cryptography")

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "db.json"
PACKAGED = json.loads(SHIPPED.read_text(encoding="utf-8"))["meta"]["1"]["data_version"]
FACT = "cn-asean-total-2024-usd"


def cn(xdg: Path, *args: str | os.PathLike[str], **env: str | None) -> Any:
    res = in_process(*args, env={"XDG_DATA_HOME": str(xdg), **env})
    assert "Traceback" not in res.stderr, res.stderr
    return res


def one_line(res: Any, code: int) -> str:
    assert res.returncode == code, (res.returncode, res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    return str(lines[0])


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file under ``folder`` and its bytes (a lock file's are empty): what is on disk."""
    out: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")) if folder.exists() else []:
        out[str(path.relative_to(folder))] = path.read_bytes() if path.is_file() else None
    return out


def version_in_use(xdg: Path) -> str:
    res = cn(xdg, "db", "info", "--json")
    assert res.returncode == 0, res.stderr
    return str(json.loads(res.stdout)[0]["data_version"])


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys") / "k"
    res = in_process("db", "keygen", str(folder))
    assert res.returncode == 0, res.stderr
    return folder


@pytest.fixture(scope="module")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("other") / "k"
    assert in_process("db", "keygen", str(folder)).returncode == 0
    return folder


def make_data(folder: Path, version: str, value_bump: int = 0, note: str | None = None) -> Path:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["meta"]["1"]["data_version"] = version
    data["meta"]["1"]["as_of"] = "2026-12-01"
    for doc in data["trade"].values():
        if doc["id"] == FACT:
            doc["value"] += value_bump
            if note is not None:
                doc["note"] = note
    path = folder / f"data-{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bundles(keys: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Signed bundles of three versions newer than the packaged data, each built by
    ``db bundle`` (each after the one before it)."""
    folder = tmp_path_factory.mktemp("bundles")
    out: dict[str, Path] = {}
    previous: Path | None = None
    for n, version in enumerate(("2099.1.1", "2099.2.1", "2099.3.1"), 1):
        data = make_data(folder, version, value_bump=n)
        target = folder / f"{version}.bundle"
        args = ["db", "bundle", "--db", data, "-o", target, "--key", keys / "cnasean.key"]
        if previous is not None:
            args += ["--previous", previous]
        res = in_process(*args)
        assert res.returncode == 0, res.stderr
        out[version] = target
        previous = target
    return out


def trust(keys: Path) -> dict[str, str]:
    return {"CNASEAN_TRUSTED_KEYS": str(keys / "cnasean.pub")}


@pytest.fixture()
def server(bundles: dict[str, Path]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the bundles' folder."""
    folder = next(iter(bundles.values())).parent

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a: Any, **k: Any) -> None:
            super().__init__(*a, directory=str(folder), **k)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- keys and bundles ------------------------------------------------------------------


def test_keygen_writes_a_private_key_only_its_owner_reads(keys: Path) -> None:
    assert stat.S_IMODE((keys / "cnasean.key").stat().st_mode) == 0o600
    assert (keys / "cnasean.pub").read_text().startswith("ed25519 ")
    again = in_process("db", "keygen", str(keys))
    assert again.returncode == 2 and "never overwritten" in again.stderr


def test_a_bundle_holds_the_data_a_manifest_and_a_signature(bundles: dict[str, Path]) -> None:
    with zipfile.ZipFile(bundles["2099.2.1"]) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        data = zf.read("db.json")
        changes = json.loads(zf.read("changes.json"))
        assert zf.read("manifest.sig").strip()
    assert manifest["data_version"] == "2099.2.1" and manifest["as_of"] == "2026-12-01"
    assert manifest["previous_version"] == "2099.1.1"
    assert manifest["sha256"]["db.json"] == hashlib.sha256(data).hexdigest()
    assert manifest["counts"]["trade"] == len(json.loads(data)["trade"])
    # the changelog: the one figure that changed, as a correction to history
    assert changes["changes"] == [
        {
            "section": "history",
            "change": "changed",
            "kind": "trade",
            "id": FACT,
            "field": "value",
            "old": 982100000001,
            "new": 982100000002,
        }
    ]
    assert "Corrections to history" in changes["news"]


# --- db update -------------------------------------------------------------------------


def test_update_from_a_real_http_server(
    server: str, keys: Path, tmp_path: Path, bundles: dict[str, Path]
) -> None:
    xdg = tmp_path / "xdg"
    res = cn(xdg, "db", "update", f"{server}/2099.1.1.bundle", **trust(keys))
    assert res.returncode == 0, res.stderr
    assert f"{PACKAGED} -> 2099.1.1" in res.stderr
    assert "Downloading" not in res.stderr  # progress only on a terminal
    assert res.stdout == ""
    assert version_in_use(xdg) == "2099.1.1"
    got = json.loads(cn(xdg, "trade", "--period", "2024", "--currency", "USD", "--json").stdout)
    assert next(r for r in got if r["id"] == FACT)["value"] == 982100000001
    info = json.loads(cn(xdg, "db", "info", "--json").stdout)[0]
    assert info["origin"] == "installed"
    assert [v["data_version"] for v in info["installed"]] == ["2099.1.1"]
    # the URL from the environment, and the --trust option
    res = cn(
        xdg,
        "db",
        "update",
        "--trust",
        str(keys / "cnasean.pub"),
        CNASEAN_UPDATE_URL=f"{server}/2099.2.1.bundle",
    )
    assert res.returncode == 0, res.stderr
    assert version_in_use(xdg) == "2099.2.1"


def test_update_with_no_source_says_how_to_get_a_bundle(tmp_path: Path) -> None:
    line = one_line(cn(tmp_path / "xdg", "db", "update"), 2)
    assert "no hosted data channel" in line and "CNASEAN_UPDATE_URL" in line


def test_a_missing_url_is_one_line_and_nothing_changes(
    server: str, keys: Path, tmp_path: Path
) -> None:
    xdg = tmp_path / "xdg"
    line = one_line(cn(xdg, "db", "update", f"{server}/nope.bundle", **trust(keys)), 1)
    assert "404" in line
    assert tree(xdg) == {}


def _rezip(src: Path, dest: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, change(name, zin.read(name)))
    return dest


def _data_changed(name: str, blob: bytes) -> bytes:
    return (
        blob.replace(b'"value": 982100000001', b'"value": 982100000099')
        if name == "db.json"
        else blob
    )


def _manifest_changed(name: str, blob: bytes) -> bytes:
    if name != "manifest.json":
        return blob
    m = json.loads(blob)
    m["sha256"]["db.json"] = "0" * 64
    return json.dumps(m).encode()


@pytest.mark.parametrize(
    "how, check",
    [
        ("data", "sha256"),
        ("manifest", "signature"),
        ("other-key", "signature"),
        ("truncated", "format"),
    ],
)
def test_a_tampered_bundle_is_refused_and_nothing_changes(
    how: str, check: str, bundles: dict[str, Path], keys: Path, other_keys: Path, tmp_path: Path
) -> None:
    xdg = tmp_path / "xdg"
    assert cn(xdg, "db", "set", FACT, "note", "mine").returncode == 0  # edits on disk too
    good = bundles["2099.1.1"]
    bad = tmp_path / "bad.bundle"
    if how == "data":
        _rezip(good, bad, _data_changed)
    elif how == "manifest":
        _rezip(good, bad, _manifest_changed)
    elif how == "other-key":
        data = make_data(tmp_path, "2099.1.1", value_bump=1)
        res = in_process(
            "db", "bundle", "--db", data, "-o", bad, "--key", other_keys / "cnasean.key"
        )
        assert res.returncode == 0, res.stderr
    else:
        raw = good.read_bytes()
        bad.write_bytes(raw[: len(raw) * 2 // 3])
    before = tree(xdg)
    line = one_line(cn(xdg, "db", "update", bad, **trust(keys)), 3)
    assert f"({check} check)" in line and "Nothing was changed" in line
    assert tree(xdg) == before
    assert version_in_use(xdg) == PACKAGED


def test_without_the_key_trusted_a_good_bundle_is_refused(
    bundles: dict[str, Path], tmp_path: Path
) -> None:
    xdg = tmp_path / "xdg"
    line = one_line(cn(xdg, "db", "update", bundles["2099.1.1"]), 3)
    assert "signature check" in line
    assert tree(xdg) == {}


def test_a_bundle_whose_data_is_invalid_is_refused(keys: Path, tmp_path: Path) -> None:
    # signed and whole, but its data fails db validate: built by hand, as no db bundle would
    from cnasean.store import bundle, changelog

    data = json.loads(make_data(tmp_path, "2099.5.1").read_text(encoding="utf-8"))
    first = next(iter(data["trade"]))
    data["trade"][first]["sources"] = ["NO-SUCH-SOURCE"]
    text = json.dumps(data, ensure_ascii=False).encode()
    blob = bundle.build(text, changelog.changes(data, data), keys / "cnasean.key")
    bad = tmp_path / "invalid.bundle"
    bad.write_bytes(blob)
    xdg = tmp_path / "xdg"
    line = one_line(cn(xdg, "db", "update", bad, **trust(keys)), 3)
    assert "(validate check)" in line and "NO-SUCH-SOURCE" in line
    assert tree(xdg) == {}


def test_a_downgrade_is_refused_unless_allowed(
    bundles: dict[str, Path], keys: Path, tmp_path: Path
) -> None:
    xdg = tmp_path / "xdg"
    assert cn(xdg, "db", "update", bundles["2099.2.1"], **trust(keys)).returncode == 0
    before = tree(xdg)
    for version in ("2099.1.1", "2099.2.1"):  # older, and the same
        line = one_line(cn(xdg, "db", "update", bundles[version], **trust(keys)), 3)
        assert "(downgrade check)" in line and "--allow-downgrade" in line
    assert tree(xdg) == before
    res = cn(xdg, "db", "update", "--allow-downgrade", bundles["2099.1.1"], **trust(keys))
    assert res.returncode == 0, res.stderr
    assert version_in_use(xdg) == "2099.1.1"


def test_rollback_goes_back_one_version_at_a_time(
    bundles: dict[str, Path], keys: Path, tmp_path: Path
) -> None:
    xdg = tmp_path / "xdg"
    for version in ("2099.1.1", "2099.2.1", "2099.3.1"):
        assert cn(xdg, "db", "update", bundles[version], **trust(keys)).returncode == 0
    info = json.loads(cn(xdg, "db", "info", "--json").stdout)[0]
    assert [v["data_version"] for v in info["installed"]] == ["2099.3.1", "2099.2.1", "2099.1.1"]
    assert "installed.2099.2.1" in cn(xdg, "db", "info", "-f", "tsv").stdout
    line = one_line(cn(xdg, "db", "rollback"), 2)  # not a terminal: needs --yes
    assert "--yes" in line and version_in_use(xdg) == "2099.3.1"
    for expected in ("2099.2.1", "2099.1.1", PACKAGED):
        res = cn(xdg, "db", "rollback", "--yes")
        assert res.returncode == 0 and f"-> {expected}" in res.stderr, res.stderr
        assert version_in_use(xdg) == expected
    assert "packaged data is in use" in cn(xdg, "db", "rollback", "--yes").stderr
    assert (xdg / "cnasean" / "bundles" / "STATE").read_text() == ""
    # the folders left go with the next install; the one in use is whole
    assert cn(xdg, "db", "update", bundles["2099.2.1"], **trust(keys)).returncode == 0
    folders = sorted(p.name for p in (xdg / "cnasean" / "bundles").iterdir() if p.is_dir())
    assert folders == ["2099.2.1"]


def test_without_cryptography_the_commands_name_the_extra(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['cryptography'] = None; "
        "from cnasean.cli import run; sys.argv = ['cnasean', 'db', 'keygen', sys.argv[1]]; run()"
    )
    res = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "k")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "CNASEAN_NO_FAST_EXIT": "1"},
    )
    assert res.returncode == 2, res.stderr
    assert "cnasean[update]" in res.stderr and not (tmp_path / "k").exists()


def test_read_commands_import_neither_cryptography_nor_urllib() -> None:
    code = (
        "import sys; from cnasean.cli import app\n"
        "from typer.testing import CliRunner\n"
        "CliRunner().invoke(app, ['visa', '--json'])\n"
        "CliRunner().invoke(app, ['trade', '--json'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('cryptography', 'urllib', 'zipfile', 'hashlib') and m != 'urllib.parse'))"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert res.returncode == 0, res.stderr
    assert "cryptography" not in res.stdout and "urllib.request" not in res.stdout


# --- a writer killed mid-update, and updates racing readers ------------------------------

KILLER = r"""
import os, sys, time
from cnasean.store import channel
point, marker = sys.argv[1], sys.argv[2]
original = getattr(channel, point)
def paused(*args, **kwargs):
    open(marker, "w").close()
    time.sleep(60)
    return original(*args, **kwargs)
setattr(channel, point, paused)
from cnasean.cli import run
sys.argv = ["cnasean", "db", "update", sys.argv[3]]
run()
"""


@pytest.mark.parametrize("point, expected", [("_write_state", "old"), ("_sweep", "new")])
def test_a_writer_killed_mid_update_leaves_one_whole_version_and_the_lock_free(
    point: str, expected: str, bundles: dict[str, Path], keys: Path, tmp_path: Path
) -> None:
    xdg = tmp_path / "xdg"
    assert cn(xdg, "db", "update", bundles["2099.1.1"], **trust(keys)).returncode == 0
    marker = tmp_path / "paused"
    env = {**os.environ, "XDG_DATA_HOME": str(xdg), **trust(keys), "CNASEAN_NO_FAST_EXIT": "1"}
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLER, point, str(marker), str(bundles["2099.2.1"])],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert writer.poll() is None and time.monotonic() < deadline, "writer did not pause"
            time.sleep(0.02)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(10)
    finally:
        if writer.poll() is None:
            writer.kill()
    version = version_in_use(xdg)
    assert version == ("2099.1.1" if expected == "old" else "2099.2.1")
    # never a mix: the data read is exactly the bundle of that version
    with zipfile.ZipFile(bundles[version]) as zf:
        shipped = zf.read("db.json")
    assert (xdg / "cnasean" / "bundles" / version / "db.json").read_bytes() == shipped
    got = json.loads(cn(xdg, "trade", "--period", "2024", "--currency", "USD", "--json").stdout)
    assert next(r for r in got if r["id"] == FACT)["value"] == 982100000000 + int(version[5])
    # the lock is free: the next update does not wait, and sweeps what the killed one left
    res = cn(xdg, "db", "update", bundles["2099.3.1"], CNASEAN_LOCK_TIMEOUT="0", **trust(keys))
    assert res.returncode == 0, res.stderr
    assert version_in_use(xdg) == "2099.3.1"
    left = [p.name for p in (xdg / "cnasean" / "bundles").iterdir() if p.name.startswith(".")]
    assert left == [], left


def test_concurrent_updates_and_reads(
    bundles: dict[str, Path], keys: Path, tmp_path: Path, cli_bin: Path
) -> None:
    xdg = tmp_path / "xdg"
    env = {**os.environ, "XDG_DATA_HOME": str(xdg), **trust(keys), "CNASEAN_LOCK_TIMEOUT": "60"}
    env.pop("CNASEAN_DB", None)
    versions = {PACKAGED, "2099.1.1", "2099.2.1", "2099.3.1"}
    stop = threading.Event()
    seen: list[str] = []
    failures: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            r = subprocess.run(
                [str(cli_bin), "--version"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            if r.returncode != 0:
                failures.append(r.stderr)
                continue
            seen.append(r.stdout.split("data ")[1].split(",")[0])

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        updaters = [
            subprocess.Popen(
                [str(cli_bin), "db", "update", str(bundles[v])],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for v in ("2099.1.1", "2099.3.1", "2099.2.1")
        ]
        results = [(u.wait(60), u.stderr.read() if u.stderr else "") for u in updaters]
        time.sleep(0.3)
    finally:
        stop.set()
        for t in readers:
            t.join(60)
    assert failures == []
    assert seen and set(seen) <= versions
    for code, err in results:  # installed, or refused as a downgrade once a newer one was in
        assert code == 0 or (code == 3 and "downgrade check" in err), err
    assert version_in_use(xdg) == "2099.3.1"
    assert results[1][0] == 0  # the newest always goes in
