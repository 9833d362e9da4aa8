"""Nothing a user owns is ever lost: every output gwlint writes goes through lint/app/outputs.py.

Each data-loss case runs on the real file system in a temporary folder: the draft reached through
a folder argument, a symlink, a hard link, a `..` path, a different case, --annotate, the waiver
file, `gwlint docs`, and an interrupted write."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from lint.app import outputs
from lint.app.outputs import OutputError, guard, mark, write_atomic, written_by_gwlint
from tests.helpers import make_docx, run

DRAFT = "关于召开会议的通知\n会议定于X月X日召开，此项工作涉及到全县。\n"


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def t4(tmp_path):
    """The folder of the report: a .docx draft and a .txt draft."""
    folder = tmp_path / "t4"
    folder.mkdir()
    make_docx(folder / "b.docx", ["会议定于X月X日召开。"])
    (folder / "a.txt").write_text(DRAFT, encoding="utf-8")
    return folder


def refused(r, path: Path, before: str) -> None:
    assert r.code == 2, r
    assert len(r.err.strip().splitlines()) == 1 and "不会覆盖" in r.err, r.err
    assert "Traceback" not in r.err and r.out == ""
    assert digest(path) == before


def test_output_reached_through_the_folder_argument(t4):
    """The reported case: `gwlint check -f html -o t4/b.docx t4/` overwrote t4/b.docx."""
    before = digest(t4 / "b.docx")
    refused(run("check", "-f", "html", "-o", str(t4 / "b.docx"), str(t4) + "/"), t4 / "b.docx", before)


def test_output_through_a_symlink_to_the_draft(t4):
    link = t4.parent / "link.txt"
    link.symlink_to(t4 / "a.txt")
    before = digest(t4 / "a.txt")
    r = run("check", "-o", str(link), str(t4 / "a.txt"))
    assert r.code == 2 and "符号链接" in r.err
    assert digest(t4 / "a.txt") == before and link.is_symlink()
    # and the other way round: the draft named through the link, the output the real file
    refused(run("check", "-o", str(t4 / "a.txt"), str(link)), t4 / "a.txt", before)


def test_output_is_a_hard_link_to_the_draft(t4):
    hard = t4.parent / "hard.txt"
    os.link(t4 / "a.txt", hard)
    before = digest(hard)
    refused(run("check", "-o", str(hard), str(t4)), hard, before)
    assert "同一个文件" in run("check", "-o", str(hard), str(t4 / "a.txt")).err


def test_output_through_dot_dot(t4):
    sub = t4 / "sub"
    sub.mkdir()
    before = digest(t4 / "a.txt")
    refused(run("check", "-o", str(sub / ".." / "a.txt"), str(t4 / "a.txt")), t4 / "a.txt", before)


def test_output_in_another_case_on_a_case_insensitive_file_system(t4):
    upper = t4 / "A.TXT"
    if not upper.exists():  # a case-sensitive file system: the names are two files
        pytest.skip("the file system distinguishes case")
    before = digest(t4 / "a.txt")
    refused(run("check", "-o", str(upper), str(t4 / "a.txt")), t4 / "a.txt", before)


def test_guard_compares_identities_not_strings(t4, monkeypatch):
    monkeypatch.chdir(t4)
    (t4 / "sub").mkdir()
    with pytest.raises(OutputError):
        guard([("output", "./sub/../a.txt")], ["a.txt"])
    with pytest.raises(OutputError):
        guard([("fix", str(t4 / "a.txt"))], [], stdin_filename="a.txt")  # --stdin-filename
    with pytest.raises(OutputError):
        guard([("output", "r.json"), ("annotate", "./r.json")], [])
    guard([("output", "new-report.html")], ["a.txt"])  # a new file is never an input


def test_annotate_and_o_are_guarded_alike(t4):
    before = digest(t4 / "b.docx")
    refused(run("check", "--annotate", str(t4 / "b.docx"), str(t4)), t4 / "b.docx", before)
    r = run("check", "-f", "json", "-o", str(t4 / "x.docx"), "--annotate", str(t4 / "x.docx"), str(t4 / "b.docx"))
    assert r.code == 2 and "同一个文件" in r.err


def test_output_may_not_replace_a_draft_that_is_not_an_input(t4, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("我的笔记\n", encoding="utf-8")
    r = run("check", "-o", str(other), str(t4 / "a.txt"))
    assert r.code == 2 and "不是 gwlint 生成的文件" in r.err
    assert other.read_text(encoding="utf-8") == "我的笔记\n"


def test_output_may_not_replace_the_configuration(t4):
    cfg = t4 / "gwlint.yaml"
    cfg.write_text("select: [WD002]\n", encoding="utf-8")
    r = run("check", "-f", "json", "-o", str(cfg), str(t4 / "a.txt"))
    assert r.code == 2 and "不会覆盖" in r.err
    assert cfg.read_text(encoding="utf-8") == "select: [WD002]\n"


def test_reports_are_marked_and_skipped_on_the_next_run(t4):
    for fmt, name in (("html", "r.html.txt"), ("markdown", "r.md"), ("text", "r.txt"), ("json", "r-json.txt")):
        out = t4 / name
        assert run("check", "-f", fmt, "-o", str(out), str(t4)).code == 1
        assert written_by_gwlint(out) == "报告", fmt
    r = run("check", "-f", "json", str(t4))
    paths = {Path(f["path"]).name for f in r.json["findings"]} | {Path(e["path"]).name for e in r.json["errors"]}
    assert paths <= {"a.txt", "b.docx"}, paths
    assert "r.md" in r.err and "gwlint 生成的报告" in r.err
    # a report named on the command line is checked: nothing is dropped silently
    assert run("check", "-f", "json", str(t4 / "r.md")).json["summary"]["files"] == 1
    # writing the same report again replaces gwlint's own file
    assert run("check", "-f", "markdown", "-o", str(t4 / "r.md"), str(t4 / "a.txt")).code == 1


def test_a_daily_report_inside_the_checked_folder(t4):
    """`gwlint check -f markdown -o drafts/报告.md drafts/`, run every day."""
    out = t4 / "报告.md"
    for _ in range(3):
        r = run("check", "-f", "markdown", "-o", str(out), str(t4))
        assert r.code == 1, r
    assert "a.txt" in out.read_text(encoding="utf-8") and "报告.md" not in out.read_text(encoding="utf-8").split("-->", 1)[1]


def test_annotated_copy_is_marked_and_skipped(t4):
    out = t4 / "b-批注.docx"
    assert run("check", "--annotate", str(out), str(t4 / "b.docx")).code == 1
    assert written_by_gwlint(out) == "批注副本"
    r = run("check", "-f", "json", str(t4))
    assert all(Path(f["path"]).name != out.name for f in r.json["findings"])
    assert out.name in r.err and "批注副本" in r.err
    assert run("check", "--annotate", str(out), str(t4 / "b.docx")).code == 1  # replaces its own copy


def test_output_into_a_missing_folder_is_created(t4, tmp_path):
    out = tmp_path / "reports" / "deep" / "r.json"
    r = run("check", "-f", "json", "-o", str(out), str(t4 / "a.txt"))
    assert r.code == 1 and json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert "已新建文件夹" in r.err


def test_output_under_a_file_is_one_line(t4, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = run("check", "-o", str(blocker / "r.txt"), str(t4 / "a.txt"))
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


def test_output_may_not_be_a_dangling_symlink(t4, tmp_path):
    link = tmp_path / "r.json"
    link.symlink_to(tmp_path / "elsewhere" / "profile")
    r = run("check", "-f", "json", "-o", str(link), str(t4 / "a.txt"))
    assert r.code == 2 and "符号链接" in r.err
    assert not (tmp_path / "elsewhere").exists()


# --- the atomic writer ------------------------------------------------------------------------------

def test_write_atomic_replaces_and_keeps_mode(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("old", encoding="utf-8")
    os.chmod(p, 0o640)
    assert write_atomic(p, "新内容") is False
    assert p.read_text(encoding="utf-8") == "新内容"
    assert oct(p.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["r.txt"]


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch, failure):
    p = tmp_path / "r.txt"
    p.write_text("good report", encoding="utf-8")

    def broken_fsync(fd):
        raise failure

    monkeypatch.setattr(outputs.os, "fsync", broken_fsync)
    with pytest.raises((OutputError, KeyboardInterrupt)):
        write_atomic(p, "half" * 1000)
    assert p.read_text(encoding="utf-8") == "good report"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["r.txt"]  # no temporary file left


def test_interrupted_run_in_a_real_process_leaves_the_old_report(t4, tmp_path):
    """A gwlint process killed while writing (SIGKILL between the temporary file and the
    rename) leaves the old report whole."""
    import subprocess

    out = tmp_path / "r.json"
    assert run("check", "-f", "json", "-o", str(out), str(t4 / "a.txt")).code == 1
    before = out.read_bytes()
    code = ("import os, signal, sys\n"
            "import lint.app.outputs as o\n"
            "def die(a, b): os.kill(os.getpid(), signal.SIGKILL)\n"
            "o.os.replace = die\n"
            "from lint.cli import main\n"
            f"main(['check', '-f', 'json', '-o', {str(out)!r}, {str(t4)!r}])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert proc.returncode == -9
    assert out.read_bytes() == before
    assert json.loads(before)  # still a whole report


def test_write_atomic_never_writes_through_a_symlink(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "r.txt"
    link.symlink_to(target)
    with pytest.raises(OutputError):
        write_atomic(link, "report")
    assert target.read_text(encoding="utf-8") == "keep" and link.is_symlink()


def test_mark_per_format():
    assert '<meta name="generator" content="gwlint-report">' in mark("html", "<html><head><title>x</title></head></html>")
    assert mark("markdown", "# 报告\n").startswith("<!-- gwlint-report")
    assert mark("text", "a\n").endswith("gwlint-report：本报告由 gwlint 生成\n")


# --- gwlint docs ---------------------------------------------------------------------------------------

def test_docs_default_folder_is_created_and_said(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("docs")
    assert r.code == 0 and "已新建文件夹 docs" in r.out
    assert (tmp_path / "docs" / "rules.md").is_file()
    again = run("docs")
    assert again.code == 0 and "已是最新" in again.out


def test_docs_never_over_a_different_file_without_force(tmp_path):
    mine = tmp_path / "rules.md"
    mine.write_text("# 我的规则笔记\n", encoding="utf-8")
    r = run("docs", "-o", str(mine))
    assert r.code == 2 and "--force" in r.err
    assert mine.read_text(encoding="utf-8") == "# 我的规则笔记\n"
    assert run("docs", "-o", str(mine), "--force").code == 0
    assert "gwlint docs" in mine.read_text(encoding="utf-8")


# --- the waiver file -------------------------------------------------------------------------------------

def test_waiver_file_may_not_be_a_draft(tmp_path):
    (tmp_path / "gwlint.yaml").write_text("select: [WD002]\nwaivers: a-waivers.yaml\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert run("waive", "--reason", "测试", str(draft)).code == 0
    assert (tmp_path / "a-waivers.yaml").is_file()


def test_waiver_file_symlink_is_refused(tmp_path):
    victim = tmp_path / "outside" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("export PATH=/usr/bin\n", encoding="utf-8")
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "gwlint.yaml").write_text("select: [WD002]\n", encoding="utf-8")
    (proj / "gwlint-waivers.yaml").symlink_to(victim)
    draft = proj / "a.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    r = run("baseline", str(draft))
    assert r.code == 2 and "符号链接" in r.err
    assert victim.read_text(encoding="utf-8") == "export PATH=/usr/bin\n"


def test_waive_keeps_hand_written_comments(tmp_path):
    (tmp_path / "gwlint.yaml").write_text("select: [WD002, FC001]\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert run("waive", "--rule", "WD002", "--reason", "领导原话", str(draft)).code == 0
    wf = tmp_path / "gwlint-waivers.yaml"
    text = wf.read_text(encoding="utf-8")
    text = "# 办公室约定：豁免须经主任同意\n" + text.replace("- rule: WD002", "# 2026 年 3 月 张三确认\n- rule: WD002")
    text = text.replace("reason: 领导原话", "reason: 领导原话  # 见会议纪要")
    wf.write_text(text, encoding="utf-8")
    assert run("waive", "--rule", "FC001", "--reason", "占位待填", str(draft)).code == 0
    after = wf.read_text(encoding="utf-8")
    for kept in ("# 办公室约定：豁免须经主任同意", "# 2026 年 3 月 张三确认", "# 见会议纪要"):
        assert kept in after
    assert "FC001" in after and after.index("WD002") < after.index("FC001")
    assert run("check", str(draft)).code == 0  # both waived, file still valid
    # baseline drops a stale entry with its comment, keeps the others'
    draft.write_text(DRAFT.replace("X月X日", "3月5日"), encoding="utf-8")
    assert run("baseline", str(draft)).code == 0
    final = wf.read_text(encoding="utf-8")
    assert "FC001" not in final and "# 2026 年 3 月 张三确认" in final and "# 办公室约定" in final
