"""Data bundles: the data, a manifest describing it, and an Ed25519 signature over the
manifest, in one zip file.

    db.json        the data file, byte for byte as it is installed
    changes.json   what changed from the previous version (``changelog.py``)
    manifest.json  format, data_version, as_of, previous_version, schema_version, counts per
                   kind, sha256 of db.json and of changes.json, when it was made
    manifest.sig   the Ed25519 signature of manifest.json's exact bytes, base64

The signature covers the manifest and the manifest covers the rest by digest, so a change to
any byte of any member is found. Keys: the private key is PKCS#8 PEM (``cnasean.key``, mode
0600), the public key one line, ``ed25519 BASE64`` (``cnasean.pub``). The cryptography comes
from pyca/cryptography (the ``cnasean[update]`` extra), imported only here, and only by the
commands that build, make keys for or check bundles.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

from cnasean import jsontext
from cnasean.errors import CnaseanError, DataError, UsageError
from cnasean.frozen import Frozen

FORMAT = "cnasean-bundle/1"
MEMBERS = ("manifest.json", "manifest.sig", "db.json", "changes.json")
MEMBER_LIMIT = 64_000_000  # bytes of one member unpacked: more is refused, never read
BUNDLE_LIMIT = 80_000_000  # bytes of a whole bundle

# The project's public key: releases of data are signed with its private key, which is kept
# by the maintainers and never in the repository. A self-hosted channel adds its own key
# with --trust or CNASEAN_TRUSTED_KEYS.
PROJECT_KEYS = ("ed25519 Uz06LGnth0SvGp/BfucU/n98hdyc9QS02TQiZJH8Jqo=",)
TRUST_ENV = "CNASEAN_TRUSTED_KEYS"


class NeedsExtra(CnaseanError):
    exit_code = 2


class Refused(DataError):
    """A bundle that failed a check: nothing was installed. ``check`` names it."""

    def __init__(self, check: str, message: str) -> None:
        self.check = check
        super().__init__(f"Bundle refused ({check} check): {message} Nothing was changed.")


class Bundle(Frozen):
    manifest: dict[str, Any]
    data: bytes  # db.json, exactly
    changes: bytes  # changes.json, exactly
    manifest_raw: bytes
    signature: bytes

    @property
    def version(self) -> str:
        return str(self.manifest["data_version"])


def _crypto() -> Any:
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:
        raise NeedsExtra(
            "Signed data bundles need the cryptography library: pip install 'cnasean[update]'."
        ) from None
    return ed25519


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- keys ---------------------------------------------------------------------------------


def keygen(folder: Path) -> tuple[Path, Path]:
    """A new key pair: ``folder/cnasean.key`` (private, the owner's only) and
    ``folder/cnasean.pub``; an existing key is never overwritten."""
    ed25519 = _crypto()
    from cryptography.hazmat.primitives import serialization as ser

    key = ed25519.Ed25519PrivateKey.generate()
    private, public = folder / "cnasean.key", folder / "cnasean.pub"
    for path in (private, public):
        if os.path.lexists(path):
            raise UsageError(f"{path} exists: keys are never overwritten. Choose another folder.")
    pem = key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())
    raw = key.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o600)  # whatever the umask
            fh.write(pem)
        public.write_text(f"ed25519 {base64.b64encode(raw).decode()}\n", encoding="ascii")
    except OSError as exc:
        raise CnaseanError(f"Cannot write the keys in {folder}: {exc.strerror}.") from None
    return private, public


def _private_key(path: Path) -> Any:
    _crypto()
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ed25519

    try:
        key = ser.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise UsageError(f"Cannot read the key {path}: {exc.strerror}.") from None
    except (ValueError, TypeError):
        raise UsageError(f"{path} is not an unencrypted private key (cnasean db keygen).") from None
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise UsageError(f"{path} is not an Ed25519 key: make one with cnasean db keygen DIR.")
    return key


def public_key(text: str, where: str) -> bytes:
    """The 32 bytes of a public key given as ``ed25519 BASE64``, bare base64, or a file
    holding either."""
    import re

    value = text.strip()
    if not re.fullmatch(r"(ed25519\s+)?[A-Za-z0-9+/]{43}=", value):  # else a file's name
        try:
            value = Path(value).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"Cannot read the key {text} ({where}): {exc}.") from None
    value = value.removeprefix("ed25519").strip()
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise UsageError(f"{text[:60]!r} ({where}) is not an Ed25519 public key (cnasean.pub).")
    return raw


def trusted(extra: list[str] | None = None) -> list[bytes]:
    """The project's keys, those given with --trust, and those in CNASEAN_TRUSTED_KEYS
    (separated by the path separator, as PATH is)."""
    keys = [public_key(k, "shipped") for k in PROJECT_KEYS]
    keys += [public_key(k, "--trust") for k in extra or []]
    env = os.environ.get(TRUST_ENV, "")
    keys += [public_key(k, TRUST_ENV) for k in env.split(os.pathsep) if k.strip()]
    return keys


# --- building -----------------------------------------------------------------------------


def build(data_text: bytes, changes: dict[str, Any], key_path: Path) -> bytes:
    """A signed bundle of the data file's bytes and its changelog."""
    import datetime as dt
    import zipfile

    key = _private_key(key_path)
    data = json.loads(data_text)
    meta = next(iter(data["meta"].values()))
    changes_raw = (jsontext.dumps(changes, indent=1) + "\n").encode()
    manifest = {
        "format": FORMAT,
        "data_version": meta["data_version"],
        "as_of": meta["as_of"],
        "previous_version": changes.get("previous_version"),
        "schema_version": meta.get("schema_version"),
        "counts": {k: len(v) for k, v in data.items() if isinstance(v, dict) and k != "meta"},
        "sha256": {"db.json": sha256(data_text), "changes.json": sha256(changes_raw)},
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
    }
    manifest_raw = (jsontext.dumps(manifest, indent=1) + "\n").encode()
    signature = base64.b64encode(key.sign(manifest_raw)) + b"\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in zip(
            MEMBERS, (manifest_raw, signature, data_text, changes_raw), strict=True
        ):
            zf.writestr(name, blob)
    return out.getvalue()


# --- checking -----------------------------------------------------------------------------


def open_bundle(blob: bytes) -> Bundle:
    """The bundle's members, read within limits; anything but a whole bundle is refused."""
    import zipfile

    if len(blob) > BUNDLE_LIMIT:
        raise Refused("format", f"it is larger than {BUNDLE_LIMIT // 1_000_000} MB.")
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            missing = [m for m in MEMBERS if m not in infos]
            if missing:
                raise Refused("format", f"it has no {', '.join(missing)}.")
            if any(infos[m].file_size > MEMBER_LIMIT for m in MEMBERS):
                raise Refused("format", "a member is too large.")
            parts = {m: zf.read(m) for m in MEMBERS}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise Refused(
            "format", f"it is not a whole cnasean bundle (truncated or damaged: {exc})."
        ) from None
    try:
        manifest = json.loads(parts["manifest.json"])
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict):
        raise Refused("format", "its manifest is not a JSON object.")
    return Bundle(
        manifest,
        parts["db.json"],
        parts["changes.json"],
        parts["manifest.json"],
        parts["manifest.sig"],
    )


def verify(blob: bytes, keys: list[bytes]) -> Bundle:
    """The bundle, once its signature (by one of ``keys``) and digests are checked."""
    ed25519 = _crypto()
    from cryptography.exceptions import InvalidSignature

    bundle = open_bundle(blob)
    try:
        signature = base64.b64decode(bundle.signature.strip(), validate=True)
    except ValueError:
        signature = b""
    for raw in keys:
        try:
            ed25519.Ed25519PublicKey.from_public_bytes(raw).verify(signature, bundle.manifest_raw)
            break
        except (InvalidSignature, ValueError):
            continue
    else:
        raise Refused(
            "signature",
            "it is not signed by a trusted key (the project's, or one given with --trust or "
            f"{TRUST_ENV}).",
        )
    m = bundle.manifest
    if m.get("format") != FORMAT:
        raise Refused("format", f"its format {m.get('format')!r} is not {FORMAT!r}.")
    found = m.get("sha256")
    digests: dict[str, Any] = found if isinstance(found, dict) else {}
    for name, blob_ in (("db.json", bundle.data), ("changes.json", bundle.changes)):
        if digests.get(name) != sha256(blob_):
            raise Refused("sha256", f"{name} does not match the signed manifest's sha256.")
    version = m.get("data_version")
    if not isinstance(version, str) or not _safe_version(version):
        raise Refused("manifest", f"its data_version {version!r} is not a version name.")
    return bundle


def _safe_version(version: str) -> bool:
    import re

    return re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}", version) is not None


def check_data(bundle: Bundle) -> dict[str, Any]:
    """The bundle's data, parsed and checked with ``db validate``'s rules, and its meta
    matching the manifest."""
    from cnasean.store import files
    from cnasean.store.validate import validate_data

    try:
        data = files.parse_bytes(bundle.data, data_file=True)
    except files.FileError as exc:
        raise Refused("validate", f"db.json {exc.problem}.") from None
    problems = validate_data(data)
    if problems:
        first = problems[0]
        raise Refused(
            "validate",
            f"db.json has {len(problems)} problem(s), first {first.table} {first.record_id}: "
            f"{first.message}.",
        )
    meta = next(iter(data["meta"].values()), None) if isinstance(data.get("meta"), dict) else None
    if not isinstance(meta, dict):
        raise Refused("validate", "db.json has no meta record.")
    if meta.get("data_version") != bundle.version or meta.get("as_of") != bundle.manifest.get(
        "as_of"
    ):
        raise Refused("manifest", "the data's meta does not match the manifest.")
    return dict(data)
