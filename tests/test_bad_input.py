"""Bad input: one line naming the file and the fault, exit 2, no traceback, other files still
checked, and the checked file never modified."""

from __future__ import annotations

import hashlib
import io
import random
import zipfile

import pytest

from tests.helpers import make_docx, run

GOOD = "关于召开会议的通知\n会议定于X月X日召开。\n"


def _encrypted_docx(path, tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    plain = make_docx(tmp_path / "plain.docx", ["机密内容。"])
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(plain, "rb") as src, open(path, "wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    del msoffcrypto
    return path


def _ole_doc(path):
    # The header of an OLE compound file, as a .doc saved by Word 97-2003 starts.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    return path


def _truncated_docx(path, tmp_path):
    data = make_docx(tmp_path / "full.docx", ["正文。"] * 50).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _zip_without_document(path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "not word")
    path.write_bytes(buf.getvalue())
    return path


def _bytes(data):
    def make(path, tmp_path):
        path.write_bytes(data() if callable(data) else data)
        return path
    return make


CASES = {
    "empty.txt": (_bytes(b""), "文件为空"),
    "blank.txt": (_bytes(b"  \r\n\n"), "文件为空"),
    "junk.txt": (_bytes(random.Random(0).randbytes(4096)), "不是文本文件"),
    "png.txt": (_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), "不是文本文件"),
    "undetectable.txt": (_bytes(bytes([0x81, 0x20, 0xFF, 0x30, 0x80] * 40)), "编码"),
    "corrupt.docx": (_bytes(b"PK\x03\x04 this is not really a zip"), "损坏"),
    "truncated.docx": (_truncated_docx, "损坏"),
    "nodocument.docx": (lambda p, t: _zip_without_document(p), "word/document.xml"),
    "renamed-doc.docx": (lambda p, t: _ole_doc(p), ".doc"),
    "encrypted.docx": (_encrypted_docx, "加密"),
    "text-named.docx": (_bytes("纯文本".encode()), "不是有效的 .docx"),
    "draft.doc": (lambda p, t: _ole_doc(p), "另存为 .docx"),
    "draft.wps": (_bytes(b"\xd0\xcf\x11\xe0"), "另存为 .docx"),
    "draft.pdf": (_bytes(b"%PDF-1.4\n"), "PDF"),
    "draft.xlsx": (_bytes(b"PK"), "不支持"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_is_one_line_exit_2_and_others_still_checked(tmp_path, name):
    make, words = CASES[name]
    bad = make(tmp_path / name, tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    r = run("check", "--format", "json", str(bad), str(good))
    assert r.code == 2, r
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and words in lines[0], r.err
    assert "Traceback" not in r.err
    assert r.json["findings"] and all(f["path"] == str(good) for f in r.json["findings"])
    assert r.json["errors"][0]["path"] == str(bad)
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_missing_path(tmp_path):
    r = run("check", str(tmp_path / "nope.docx"))
    assert r.code == 2 and "不存在" in r.err and "nope.docx" in r.err


def test_directory_with_no_drafts(tmp_path):
    (tmp_path / "notes.xlsx").write_bytes(b"x")
    r = run("check", str(tmp_path))
    assert r.code == 2 and "没有可检查的文稿" in r.err


def test_no_path_is_a_usage_error():
    r = run("check")
    assert r.code == 2 and "Traceback" not in r.err


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_checked_file_is_never_modified(tmp_path, suffix):
    if suffix == ".docx":
        path = make_docx(tmp_path / "a.docx", ["会议定于X月X日召开。"])
    else:
        path = tmp_path / "a.txt"
        path.write_text(GOOD, encoding="utf-8")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    for fmt in ("text", "json"):
        assert run("check", "--format", fmt, str(path)).code == 1
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_output_may_not_overwrite_the_input(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    before = path.read_bytes()
    r = run("check", "-o", str(path), str(path))
    assert r.code == 2 and "不会覆盖原稿" in r.err
    assert path.read_bytes() == before


def test_unknown_selector(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    r = run("check", "--select", "ZZ999", str(path))
    assert r.code == 2 and "ZZ999" in r.err
