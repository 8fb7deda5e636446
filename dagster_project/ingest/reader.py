"""Read one raw file: hash it, detect its encoding, decode strictly or say why not.

Pure functions (no Dagster): the ingest asset calls them, tests call them directly.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from charset_normalizer import from_bytes

MAX_BYTES = 8 * 1024 * 1024  # a report is tens of KB; anything over 8 MB is not one report
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# What a decoder says when the bytes stop inside a character: the file was cut, not miscoded.
_CUT_SHORT = {"unexpected end of data", "incomplete multibyte sequence", "truncated data"}
# C0 controls other than tab, newlines, vertical tab and form feed: text has none, or a stray one.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
DAMAGED_SHARE = 0.01  # fewer invalid sequences than this share of the bytes: damaged, not miscoded


@dataclass(frozen=True)
class FileRecord:
    source_file: str  # path relative to RAW_DIR, with forward slashes
    content_hash: str  # sha256 of the bytes
    size_bytes: int
    encoding: str | None
    text: str | None
    read_status: str  # ok | quarantined
    read_reason: str | None  # why quarantined; for a kept text, what was left out (or None)


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _looks_binary(text: str) -> bool:
    return len(_CONTROLS.findall(text)) > max(4, len(text) * 0.001)


def _strict(data: bytes, encoding: str) -> tuple[str, int] | None:
    """(text, bytes left out) or None when the bytes are not this encoding. Only a character cut
    off by the end of the file is left out (a truncated download); nothing is ever replaced."""
    try:
        return data.decode(encoding), 0
    except UnicodeDecodeError as err:
        if err.reason not in _CUT_SHORT or err.end != len(data):
            return None
        cut = err.start
    try:
        return data[:cut].decode(encoding), len(data) - cut
    except UnicodeDecodeError:
        return None


def _damage(data: bytes) -> str | None:
    """A text that is UTF-8 or GB18030 but for a few bad bytes is damaged, not in another encoding:
    say where, rather than let a guess decode it to the wrong characters."""
    for encoding in ("utf-8", "gb18030"):
        bad = data.decode(encoding, errors="replace").count("\ufffd")
        if bad <= len(data) * DAMAGED_SHARE:
            try:
                data.decode(encoding)
            except UnicodeDecodeError as err:
                return (f"undecodable: {encoding.upper()} text with {bad} invalid byte sequence(s), "
                        f"the first at byte {err.start}")
    return None


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, encoding, reason). Decoding is strict: a text is never kept with replaced characters.

    For a kept text, reason may note that the file ends inside a character (left out).
    """
    decoded = encoding = None
    for bom, candidate in _BOMS:
        if data.startswith(bom):
            decoded, encoding = _strict(data, candidate), candidate
            if decoded is None:
                return None, None, f"undecodable: starts with a {candidate} byte-order mark but is not valid {candidate}"
            break
    if decoded is None and b"\x00" in data:
        # UTF-16 saved without a byte-order mark has NULs too; anything else with NULs is binary
        for candidate in ("utf-16-le", "utf-16-be"):
            decoded, encoding = _strict(data, candidate), candidate
            if decoded is not None and not _looks_binary(decoded[0]):
                break
        else:
            return None, None, "not text: binary content (NUL bytes)"
    # UTF-8 and GB18030 never use control bytes inside a character: count them on the bytes
    if decoded is None and _looks_binary(data.decode("latin-1")):
        return None, None, "not text: binary content (control characters)"
    if decoded is None:
        for candidate in ("utf-8", "gb18030"):
            decoded, encoding = _strict(data, candidate), candidate
            if decoded is not None:
                break
    if decoded is None:
        damage = _damage(data)
        if damage:
            return None, None, damage
        best = from_bytes(data).best()
        encoding = best.encoding if best is not None else None
        try:
            decoded = _strict(data, encoding) if encoding else None
        except LookupError:  # a name the detector knows and Python does not
            decoded = None
    if decoded is None:
        return None, None, "undecodable: not valid UTF-8, GB18030 or UTF-16, and no other encoding fits"
    text, cut = decoded
    if _looks_binary(text):
        return None, None, "not text: binary content (control characters)"
    note = f"truncated: the file ends inside a character ({cut} byte(s) left out)" if cut else None
    return text, encoding, note


def read_file(path: Path, raw_dir: Path) -> FileRecord:
    rel = path.relative_to(raw_dir).as_posix()
    size = path.stat().st_size
    if size > MAX_BYTES:
        return FileRecord(rel, _hash_file(path), size, None, None, "quarantined",
                          f"too large: {size / 2**20:.1f} MB ({size} bytes), over the "
                          f"{MAX_BYTES // 2**20} MB limit for one report")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return FileRecord(rel, digest, size, None, None, "quarantined", "empty file")
    text, encoding, reason = decode(data)
    if text is None:
        return FileRecord(rel, digest, size, None, None, "quarantined", reason)
    if not text.strip():
        return FileRecord(rel, digest, size, encoding, None, "quarantined", "empty file (whitespace only)")
    return FileRecord(rel, digest, size, encoding, text, "ok", reason)


class ListedFile(NamedTuple):
    rel: str  # path relative to RAW_DIR, with forward slashes
    path: str
    size: int
    mtime_ns: int


def list_files(raw_dir: Path) -> list[ListedFile]:
    """Every regular file under raw_dir, recursively (not into linked folders), hidden files
    included, in path order. One stat per file, from os.scandir: a refresh lists 100,000 files."""
    found = []
    folders = [("", str(raw_dir))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file():
                    stat = entry.stat()
                    found.append(ListedFile(prefix + entry.name, entry.path, stat.st_size, stat.st_mtime_ns))
    # path order, folder by folder: "/" as lower than any character ("a/x" before "a-b")
    return sorted(found, key=lambda f: f.rel.replace("/", "\0"))
