"""Reading raw files: encodings detected, nothing replaced, clear reasons otherwise."""
from __future__ import annotations

import os
import random
from pathlib import Path

from dagster_project.ingest.reader import MAX_BYTES, list_files, read_file

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
                                 ("u16.txt", SEED.encode("utf-16"), "utf-16"),
                                 ("u16le.txt", SEED.encode("utf-16-le"), "utf-16-le")]:  # no BOM
        rec = read_file(_write(tmp_path, name, data), tmp_path)
        assert (rec.read_status, rec.encoding, rec.text) == ("ok", encoding, SEED)


def test_bad_files_are_quarantined_with_a_reason(tmp_path):
    empty = read_file(_write(tmp_path, "empty.txt", b""), tmp_path)
    assert (empty.read_status, empty.read_reason) == ("quarantined", "empty file")
    binary = read_file(_write(tmp_path, "x.bin", os.urandom(4096) + b"\x00"), tmp_path)
    assert binary.read_status == "quarantined" and binary.read_reason.startswith("not text")
    bad_bom = read_file(_write(tmp_path, "bad.txt", b"\xef\xbb\xbf" + "报告".encode("gb18030") + b"\xff"), tmp_path)
    assert bad_bom.read_status == "quarantined" and bad_bom.read_reason.startswith("undecodable")


def test_binary_without_nul_bytes_is_not_text(tmp_path):
    data = random.Random(1).randbytes(4096).replace(b"\x00", b"")
    rec = read_file(_write(tmp_path, "x.dat", data), tmp_path)
    assert (rec.read_status, rec.read_reason) == ("quarantined", "not text: binary content (control characters)")


def test_damaged_text_is_undecodable_not_guessed(tmp_path):
    head, tail = SEED[:100].encode("gb18030"), SEED[100:].encode("gb18030")
    rec = read_file(_write(tmp_path, "d.txt", head + b"\xff" + tail), tmp_path)
    assert rec.read_status == "quarantined" and rec.text is None
    assert rec.read_reason == f"undecodable: GB18030 text with 1 invalid byte sequence(s), the first at byte {len(head)}"


def test_file_cut_inside_a_character_keeps_the_whole_characters(tmp_path):
    for name, encoding, data in [("u8.txt", "utf-8", SEED.encode("utf-8")[:-2]),
                                 ("gb.txt", "gb18030", SEED.rstrip().encode("gb18030")[:-1]),
                                 ("u16.txt", "utf-16", SEED.encode("utf-16")[:-1])]:
        rec = read_file(_write(tmp_path, name, data), tmp_path)
        assert (rec.read_status, rec.encoding) == ("ok", encoding), name
        assert SEED.startswith(rec.text) and len(rec.text) >= len(SEED.rstrip()) - 1, name
        assert rec.read_reason.startswith("truncated: the file ends inside a character"), name


def test_too_large_is_quarantined_without_reading_it(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    rec = read_file(path, tmp_path)
    assert rec.read_status == "quarantined"
    assert rec.read_reason == f"too large: 8.0 MB ({MAX_BYTES + 1} bytes), over the 8 MB limit for one report"
    assert rec.text is None and len(rec.content_hash) == 64


def test_relative_path_keeps_subfolders_spaces_and_chinese(tmp_path):
    rec = read_file(_write(tmp_path, "子 目录/报告 (副本).txt", SEED.encode()), tmp_path)
    assert rec.source_file == "子 目录/报告 (副本).txt"


def test_files_are_listed_in_path_order_folder_by_folder(tmp_path):
    for rel in ("a-b.txt", "a/x.txt", "a/b/c.txt", "ab.txt", "a.txt", ".hidden"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert [f.rel for f in list_files(tmp_path)] == [".hidden", "a/b/c.txt", "a/x.txt", "a-b.txt", "a.txt", "ab.txt"]
