"""The public API: lint.check(path_or_text) -> Report, the same findings as the command line,
and fit to be mapped over an archive by an existing engine (here multiprocessing)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

import lint
from lint.model.report import Report
from tests.helpers import run

DRAFT = "关于召开会议的通知\n各乡镇：\n会议定于X月X日召开，此项工作涉及到全县。\n"


def test_check_text_returns_a_report():
    report = lint.check(DRAFT, name="通知.txt")
    assert isinstance(report, Report) and len(report.results) == 1
    assert report.results[0].path == "通知.txt"
    assert "FC001" in {f.code for f in report.findings}


def test_check_bytes_in_another_encoding():
    report = lint.check(DRAFT.encode("gb18030"))
    assert report.results[0].encoding and "FC001" in {f.code for f in report.findings}


def test_check_a_path_gives_what_the_command_line_gives(tmp_path):
    draft = tmp_path / "通知.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    api = sorted((f.code, f.line, f.column) for f in lint.check(draft).findings)
    cli = sorted((f["code"], f["line"], f["column"]) for f in run("check", "-f", "json", str(draft)).json["findings"])
    assert api == cli and api


def test_selection_and_folders(tmp_path):
    for i in range(3):
        (tmp_path / f"稿{i}.txt").write_text(DRAFT, encoding="utf-8")
    report = lint.check(tmp_path, select=["FC001"])
    assert {f.code for f in report.findings} == {"FC001"} and len(report.results) == 3


def test_bad_input_is_a_result_not_an_exception(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    report = lint.check(bad)
    assert report.errors and report.errors[0].path.endswith("坏.docx")


def _codes(path: str) -> tuple[str, list[str]]:
    return Path(path).name, sorted(f.code for f in lint.check(Path(path), select=["FC001", "WD002"]).findings)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="fork for a quick pool")
def test_an_archive_mapped_over_processes(tmp_path):
    """The README's pattern for an archive too large for one run: map lint.check over the
    documents with an existing engine; the results equal one run over the whole folder."""
    for i in range(8):
        (tmp_path / f"稿{i}.txt").write_text(DRAFT * (i + 1), encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.glob("*.txt"))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        mapped = dict(pool.map(_codes, paths))
    whole = lint.check(tmp_path, select=["FC001", "WD002"])
    expected = {Path(r.path).name: sorted(f.code for f in r.findings) for r in whole.results}
    assert mapped == expected and any(mapped.values())
