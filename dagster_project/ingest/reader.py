"""Read one raw file: hash it, detect its encoding, decode strictly or say why not.

Pure functions (no Dagster): the ingest asset calls them, tests call them directly.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

MAX_BYTES = 8 * 1024 * 1024  # a report is tens of KB; anything over 8 MB is not one report
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass(frozen=True)
class FileRecord:
    source_file: str  # path relative to RAW_DIR, with forward slashes
    content_hash: str  # sha256 of the bytes
    size_bytes: int
    encoding: str | None
    text: str | None
    read_status: str  # ok | quarantined
    read_reason: str | None


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, encoding, reason). Decoding is strict: a text is never kept with replaced characters."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError:
                return None, None, f"undecodable: starts with a {encoding} byte-order mark but is not valid {encoding}"
    if b"\x00" in data:
        return None, None, "not text: binary content (NUL bytes)"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding, None
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding, None
        except (UnicodeDecodeError, LookupError):
            pass
    return None, None, "undecodable: not valid UTF-8, GB18030 or UTF-16, and no other encoding fits"


def read_file(path: Path, raw_dir: Path) -> FileRecord:
    rel = path.relative_to(raw_dir).as_posix()
    size = path.stat().st_size
    if size > MAX_BYTES:
        return FileRecord(rel, _hash_file(path), size, None, None, "quarantined",
                          f"too large: {size} bytes, over the {MAX_BYTES} byte limit for one report")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return FileRecord(rel, digest, size, None, None, "quarantined", "empty file")
    text, encoding, reason = decode(data)
    if text is None:
        return FileRecord(rel, digest, size, None, None, "quarantined", reason)
    if not text.strip():
        return FileRecord(rel, digest, size, encoding, None, "quarantined", "empty file (whitespace only)")
    return FileRecord(rel, digest, size, encoding, text, "ok", None)


def list_files(raw_dir: Path) -> list[Path]:
    """Every regular file under raw_dir, recursively, hidden files included, in a stable order."""
    return sorted(p for p in raw_dir.rglob("*") if p.is_file())
