"""The command line: output formats, exit codes, selection, standard input, rules, explain."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import REPO, make_docx, run

DRAFT = "关于召开会议的通知\n各乡镇：\n会议定于X月X日召开，此次改革涉及到全县。\n"


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "通知.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def test_text_format(draft):
    r = run("check", str(draft))
    assert r.code == 1
    lines = r.out.splitlines()
    assert re.match(rf"^{re.escape(str(draft))}:3:5: error FC001 “X月X日”是没有填写的占位符", lines[0])
    assert lines[1].strip().startswith("［第3行］") and "【X月X日】" in lines[1]
    assert re.match(rf"^{re.escape(str(draft))}:3:16: warning WD002 ", lines[2])
    assert "建议改为“涉及”" in lines[3]
    assert lines[-1].startswith("共 2 处问题（错误 1，警告 1）")
    assert "\x1b[" not in r.out  # no colour when not a terminal


def test_text_format_colour_on_request(draft):
    assert "\x1b[" in run("check", "--color", str(draft)).out


def test_json_format(draft):
    r = run("check", "--format", "json", str(draft))
    data = r.json
    assert data["version"] == 1 and data["tool"]["name"] == "gwlint"
    f = data["findings"][0]
    assert set(f) == {"path", "line", "column", "end_line", "end_column", "location", "code", "name",
                      "category", "severity", "message", "text", "suggestion", "basis", "scope", "fix"}
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 5, 3, 9)
    assert f["text"] == "X月X日" and f["suggestion"] is None and f["code"] == "FC001"
    assert data["findings"][1]["suggestion"] == "涉及"
    s = data["summary"]
    assert s["findings"] == 2 and s["by_severity"] == {"error": 1, "warning": 1, "suggestion": 0}
    assert s["by_rule"] == {"FC001": 1, "WD002": 1} and s["by_category"] == {"facts": 1, "wording": 1}


def test_exit_codes_and_fail_level(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("此次改革涉及到全县。\n", encoding="utf-8")  # one warning
    assert run("check", str(p)).code == 1
    assert run("check", "--fail-level", "error", str(p)).code == 0
    p.write_text("全年完成投资120亿元。\n", encoding="utf-8")
    r = run("check", str(p))
    assert r.code == 0 and "未发现问题" in r.out


def test_select_and_ignore(draft):
    codes = lambda r: {f["code"] for f in r.json["findings"]}  # noqa: E731
    assert codes(run("check", "-f", "json", "--select", "FC001", str(draft))) == {"FC001"}
    assert codes(run("check", "-f", "json", "--select", "wording", str(draft))) == {"WD002"}
    assert codes(run("check", "-f", "json", "--select", "redundant-wording", str(draft))) == {"WD002"}
    assert codes(run("check", "-f", "json", "--ignore", "FC,WD001", str(draft))) == {"WD002"}


def test_stdin():
    r = run("check", "-f", "json", "-", input=DRAFT.encode("gbk"))
    assert r.code == 1
    assert {f["path"] for f in r.json["findings"]} == {"<stdin>"}


def test_directory_recursion_and_verbose(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(DRAFT, encoding="gbk")
    make_docx(tmp_path / "a.docx", ["会议定于X月X日召开。"])
    (tmp_path / "~$a.docx").write_bytes(b"lock")  # Word's lock file is skipped
    (tmp_path / "c.md").write_text("# 标题\n\n正文涉及到。\n", encoding="utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"x")  # not a draft: skipped inside a folder
    r = run("check", "-f", "json", str(tmp_path))
    assert r.code == 1
    assert sorted({f["path"].replace(str(tmp_path), "") for f in r.json["findings"]}) == [
        "/a.docx", "/c.md", "/sub/b.txt"]
    v = run("check", "-v", str(tmp_path / "sub" / "b.txt"))
    assert "编码 GBK" in v.out and "文种 通知" in v.out


def test_timing_goes_to_stderr(draft):
    r = run("check", "--timing", str(draft))
    assert "规则耗时" in r.err and "FC001" in r.err
    r = run("check", str(draft), env={"GWLINT_TIMING": "1"})
    assert "规则耗时" in r.err


def test_rules_list():
    r = run("rules")
    assert r.code == 0
    assert re.search(r"^FC001  unfilled-placeholder\s+facts\s+错误", r.out, re.M)
    # every category the list prints is a selector --select accepts, with its Chinese label
    assert re.search(r"^  punctuation\s+标点符号\s+PN", r.out, re.M)
    data = json.loads(run("rules", "-f", "json").out)
    assert {"code", "name", "category", "severity", "status", "basis"} <= set(data[0])


def test_explain():
    r = run("explain", "FC001")
    assert r.code == 0
    for words in ("FC001 unfilled-placeholder", "为什么", "依据", "应报的例子", "不应报的例子", "X月X日"):
        assert words in r.out
    assert run("explain", "unfilled-placeholder").out == r.out
    bad = run("explain", "NOPE")
    assert bad.code == 2 and "NOPE" in bad.err


def test_docs_check(tmp_path):
    assert run("docs", "--check", "-o", str(REPO / "docs" / "rules.md")).code == 0
    stale = tmp_path / "rules.md"
    stale.write_text("old", encoding="utf-8")
    assert run("docs", "--check", "-o", str(stale)).code == 1
    assert run("docs", "-o", str(stale)).code == 2  # not a file gwlint docs wrote: --force
    assert stale.read_text(encoding="utf-8") == "old"
    assert run("docs", "--force", "-o", str(stale)).code == 0
    assert run("docs", "--check", "-o", str(stale)).code == 0
    # A rule list that gwlint docs wrote is replaced without --force when the rules change.
    stale.write_text(stale.read_text(encoding="utf-8").replace("| 代码 |", "| 旧 |", 1), encoding="utf-8")
    assert run("docs", "-o", str(stale)).code == 0
    assert run("docs", "--check", "-o", str(stale)).code == 0


def test_output_file(draft, tmp_path):
    out = tmp_path / "report.json"
    r = run("check", "-f", "json", "-o", str(out), str(draft))
    assert r.code == 1 and r.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] == 2


def test_version():
    r = run("--version")
    assert r.code == 0 and "gwlint" in r.out
