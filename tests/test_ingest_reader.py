"""Reading raw files: encodings detected, nothing replaced, clear reasons otherwise."""
from __future__ import annotations

import os
from pathlib import Path

from dagster_project.ingest.reader import MAX_BYTES, read_file

REPO = Path(__file__).resolve().parents[1]
SEED = (REPO / "raw" / "003_7f404b4c2ca7fa08.txt").read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_encodings_decode_to_the_same_text(tmp_path):
    for name, data, encoding in [("u8.txt", SEED.encode("utf-8"), "utf-8"),
                                 ("bom.txt", SEED.encode("utf-8-sig"), "utf-8-sig"),
                                 ("gb.txt", SEED.encode("gb18030"), "gb18030"),
                                 ("u16.txt", SEED.encode("utf-16"), "utf-16")]:
        rec = read_file(_write(tmp_path, name, data), tmp_path)
        assert (rec.read_status, rec.encoding, rec.text) == ("ok", encoding, SEED)


def test_bad_files_are_quarantined_with_a_reason(tmp_path):
    empty = read_file(_write(tmp_path, "empty.txt", b""), tmp_path)
    assert (empty.read_status, empty.read_reason) == ("quarantined", "empty file")
    binary = read_file(_write(tmp_path, "x.bin", os.urandom(4096) + b"\x00"), tmp_path)
    assert binary.read_status == "quarantined" and binary.read_reason.startswith("not text")
    bad_bom = read_file(_write(tmp_path, "bad.txt", b"\xef\xbb\xbf" + "报告".encode("gb18030") + b"\xff"), tmp_path)
    assert bad_bom.read_status == "quarantined" and bad_bom.read_reason.startswith("undecodable")


def test_too_large_is_quarantined_without_reading_it(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    rec = read_file(path, tmp_path)
    assert rec.read_status == "quarantined" and rec.read_reason.startswith("too large")
    assert rec.text is None and len(rec.content_hash) == 64


def test_relative_path_keeps_subfolders_spaces_and_chinese(tmp_path):
    rec = read_file(_write(tmp_path, "子 目录/报告 (副本).txt", SEED.encode()), tmp_path)
    assert rec.source_file == "子 目录/报告 (副本).txt"
