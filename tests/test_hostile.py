"""Hostile and broken input (issue 15, section 3): a folder, configuration, rule file or Word file
that the user checks but did not write. Each case: one line naming the file, the right exit code,
nothing written or read outside the checked tree, and the rest of the run goes on."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
import zipfile
from pathlib import Path

import pytest

from lint.app.collect import cap_jobs
from tests.helpers import REPO, make_docx, run

DRAFT = "关于召开会议的通知\n会议定于X月X日召开，此项工作涉及到全县。\n"
SNAP_RULE = (REPO / "tests" / "snapshots" / "rules" / "facts" / "snap-placeholder.yml").read_text(encoding="utf-8")


def one_line(r, *words):
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert "Traceback" not in r.err and "内部错误" not in r.err, r.err
    for w in words:
        assert w in lines[0], r.err


@pytest.fixture
def proj(tmp_path):
    p = tmp_path / "proj"
    p.mkdir()
    (p / "a.txt").write_text(DRAFT, encoding="utf-8")
    return p


# --- a configuration stays in its own tree ------------------------------------------------------------

@pytest.mark.parametrize("value", ["../outside.yaml", "/tmp/gwlint-hostile-waivers.yaml", "sub/../../x.yaml"])
def test_waivers_outside_the_config_tree_is_refused(proj, value):
    (proj / "gwlint.yaml").write_text(f"waivers: {value}\n", encoding="utf-8")
    r = run("baseline", str(proj / "a.txt"))
    assert r.code == 2
    one_line(r, "gwlint.yaml:1", "waivers")
    assert not (proj.parent / "outside.yaml").exists() and not Path("/tmp/gwlint-hostile-waivers.yaml").exists()


def test_waivers_through_a_symlinked_folder_is_refused(proj, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (proj / "link").symlink_to(tmp_path / "elsewhere")
    (proj / "gwlint.yaml").write_text("waivers: link/w.yaml\n", encoding="utf-8")
    r = run("baseline", str(proj / "a.txt"))
    assert r.code == 2 and not (tmp_path / "elsewhere" / "w.yaml").exists()


def test_dangling_default_waiver_symlink_writes_nothing(proj, tmp_path):
    target = tmp_path / "home" / ".profile"
    (proj / "gwlint.yaml").write_text("select: [WD002]\n", encoding="utf-8")
    (proj / "gwlint-waivers.yaml").symlink_to(target)
    r = run("baseline", str(proj / "a.txt"))
    assert r.code == 2 and "符号链接" in r.err
    assert not target.exists() and not target.parent.exists()


def test_a_file_that_is_not_a_waiver_file_is_never_overwritten(proj):
    notes = proj / "notes.yaml"
    notes.write_text("meeting: 周一\nattendees: [张三]\n", encoding="utf-8")
    (proj / "gwlint.yaml").write_text("select: [WD002]\nwaivers: notes.yaml\n", encoding="utf-8")
    r = run("baseline", str(proj / "a.txt"))
    assert r.code == 2 and "notes.yaml" in r.err
    assert notes.read_text(encoding="utf-8") == "meeting: 周一\nattendees: [张三]\n"


@pytest.mark.parametrize("key", ["rule-dirs", "reference-dirs"])
def test_rule_and_reference_dirs_stay_inside(proj, tmp_path, key):
    (tmp_path / "other").mkdir()
    (proj / "gwlint.yaml").write_text(f"{key}: [../other]\n", encoding="utf-8")
    r = run("check", str(proj / "a.txt"))
    assert r.code == 2
    one_line(r, "gwlint.yaml:1", key)


@pytest.mark.parametrize("value", ["../gwlint.yaml", "/etc/passwd", "speech.yaml"])
def test_extends_takes_only_preset_names(proj, value):
    (proj / "gwlint.yaml").write_text(f"extends: {value}\n", encoding="utf-8")
    r = run("check", str(proj / "a.txt"))
    assert r.code == 2
    one_line(r, "未知的预设")


# --- no file content in messages ------------------------------------------------------------------------

def test_word_list_symlink_to_a_secret_is_never_read(proj, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("PASSWORD=hunter2\tTOKEN=abc\n", encoding="utf-8")
    (proj / "lists").mkdir()
    (proj / "lists" / "redundant-phrases.add.tsv").symlink_to(secret)
    (proj / "gwlint.yaml").write_text("reference-dirs: [lists]\n", encoding="utf-8")
    r = run("check", str(proj / "a.txt"))
    assert r.code == 2
    one_line(r, "redundant-phrases.add.tsv")
    assert "hunter2" not in r.err and "TOKEN" not in r.err


def test_environment_through_proc_is_never_printed(proj):
    if not Path("/proc/self/environ").exists():
        pytest.skip("no /proc")
    (proj / "lists").mkdir()
    (proj / "lists" / "redundant-phrases.add.tsv").symlink_to("/proc/self/environ")
    (proj / "gwlint.yaml").write_text("reference-dirs: [lists]\n", encoding="utf-8")
    r = run("check", str(proj / "a.txt"), env={"GWLINT_SECRET_TEST": "s3cr3t-value"})
    assert r.code == 2 and "s3cr3t-value" not in r.err and "PATH=" not in r.err


def test_wrong_header_names_expected_columns_not_cells(proj):
    (proj / "lists").mkdir()
    (proj / "lists" / "redundant-phrases.add.tsv").write_text("phrase\tsuggestion\tnote\tsource\tpassword-column\n",
                                                              encoding="utf-8")
    (proj / "gwlint.yaml").write_text("reference-dirs: [lists]\n", encoding="utf-8")
    r = run("check", str(proj / "a.txt"))
    assert r.code == 2 and "password-column" not in r.err and "phrase" in r.err


# --- no unbounded work from data --------------------------------------------------------------------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))


@pytest.mark.parametrize("where", ["gwlint.yaml", "gwlint-waivers.yaml"])
@pytest.mark.parametrize("text", [BOMB, "allow: &a [*a]\n"])
def test_yaml_aliases_are_refused_quickly(proj, where, text):
    if where == "gwlint-waivers.yaml":
        (proj / "gwlint.yaml").write_text("select: [WD002]\n", encoding="utf-8")
        text = text.replace("allow", "waivers")
    (proj / where).write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    r = run("check", str(proj / "a.txt"))
    assert time.perf_counter() - t0 < 5
    assert r.code == 2
    one_line(r, where, "别名")


def user_rule(proj: Path, pattern: str, extra: str = "") -> None:
    folder = proj / "rules" / "facts"
    folder.mkdir(parents=True, exist_ok=True)
    text = SNAP_RULE.replace('pattern: "X月X日|X{2,}"', f"pattern: '{pattern}'{extra}")
    (folder / "snap-placeholder.yml").write_text(text, encoding="utf-8")
    (proj / "gwlint.yaml").write_text("rule-dirs: [rules]\nselect: [FC901]\n", encoding="utf-8")


def test_user_pattern_with_nested_quantifiers_runs_in_linear_time(proj):
    user_rule(proj, "(X+)+$|X月X日|X{2,}")
    (proj / "a.txt").write_text("关于召开会议的通知\n" + "X" * 40 + "Y\n" + "会议定于X月X日召开。\n", encoding="utf-8")
    t0 = time.perf_counter()
    r = run("check", "-f", "json", "--jobs", "1", str(proj / "a.txt"))
    assert time.perf_counter() - t0 < 10
    assert r.code == 1 and {f["text"] for f in r.json["findings"]} >= {"X月X日"}


@pytest.mark.parametrize("pattern, words", [
    (r"(会议)\1", "反向引用"),
    (r"(?<=定于)(X+)+$", "嵌套的量词"),
    (r"(?<=定于)(X|XX)*日", "选择支"),
])
def test_unsafe_user_patterns_are_refused_at_load(proj, pattern, words):
    user_rule(proj, pattern)
    r = run("check", str(proj / "a.txt"))
    assert r.code == 2
    one_line(r, "snap-placeholder.yml:9", words)


def test_builtin_rules_keep_lookbehinds():
    r = run("rules", "-f", "json")
    assert r.code == 0 and len(r.json) > 50


def zip_bomb(path: Path, size: int) -> Path:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * size, 1)
            out.writestr(info.filename, data)
    return path


def test_docx_zip_bomb_is_refused_by_declared_sizes(proj):
    bomb = zip_bomb(proj / "bomb.docx", 40 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    t0 = time.perf_counter()
    r = run("check", "-f", "json", str(bomb), str(proj / "a.txt"))
    assert time.perf_counter() - t0 < 5
    assert r.code == 2 and "解压后过大" in r.err and "word/document.xml" in r.err
    assert r.json["summary"]["files"] == 2 and r.json["findings"]  # the other draft is checked


def test_text_draft_size_cap_is_configurable(proj):
    big = proj / "big.txt"
    big.write_text(DRAFT * 200, encoding="utf-8")  # about 16 KB
    (proj / "gwlint.yaml").write_text("max-file-size: 0.01\n", encoding="utf-8")
    r = run("check", str(big))
    assert r.code == 2
    one_line(r, "big.txt", "文件过大", "max-file-size")
    (proj / "gwlint.yaml").write_text("max-file-size: 1\n", encoding="utf-8")
    assert run("check", str(big)).code == 1


def test_jobs_are_capped_near_the_core_count(proj):
    assert cap_jobs(100000, 2) == 2 and cap_jobs(None, 4) == 4 and cap_jobs(1, 8) == 1 and cap_jobs(3, 0) == 1
    assert run("check", "--jobs", "100000", str(proj / "a.txt")).code == 1


# --- only regular files; one symlink policy -------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_a_folder_is_skipped_not_waited_for(proj):
    os.mkfifo(proj / "pipe.txt")
    r = run("check", "-f", "json", str(proj))
    assert r.code == 1 and r.json["summary"]["files"] == 1
    assert "pipe.txt" in r.err and "不是普通文件" in r.err
    named = run("check", str(proj / "pipe.txt"))
    assert named.code == 2 and "不是普通文件" in named.err


def test_symlink_to_a_device_is_refused(proj):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (proj / "zero.txt").symlink_to("/dev/zero")
    r = run("check", "-f", "json", str(proj / "zero.txt"), str(proj / "a.txt"))
    assert r.code == 2 and "不是普通文件" in r.err and r.json["findings"]
    walked = run("check", "-f", "json", str(proj))
    assert "zero.txt" in walked.err and walked.json["summary"]["files"] == 1


def test_file_symlink_out_of_the_folder_is_not_read(proj, tmp_path):
    secret = tmp_path / "private.txt"
    secret.write_text("关于机密事项的通知\n绝密内容XXXX在此。\n", encoding="utf-8")
    (proj / "leak.txt").symlink_to(secret)
    (proj / "inside.txt").symlink_to(proj / "a.txt")
    r = run("check", "-f", "html", str(proj))
    assert "绝密内容" not in r.out
    assert "leak.txt" in r.err and "之外" in r.err
    assert "inside.txt" in r.err and "同一个文件" in r.err  # a link inside the tree: checked once


def test_folder_symlinks_are_skipped_with_a_word(proj, tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text(DRAFT, encoding="utf-8")
    (proj / "linked").symlink_to(tmp_path / "other")
    r = run("check", "-f", "json", str(proj))
    assert r.json["summary"]["files"] == 1 and "linked" in r.err and "符号链接" in r.err


# --- one bad entry never aborts the run -------------------------------------------------------------------

def test_self_referencing_symlink_is_one_error(proj):
    (proj / "self.txt").symlink_to("self.txt")
    r = run("check", "-f", "json", str(proj))
    assert r.code == 2
    one_line(r, "self.txt", "循环")
    assert r.json["findings"] and all(f["path"].endswith("a.txt") for f in r.json["findings"])


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_subfolder_is_one_error(proj):
    locked = proj / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(DRAFT, encoding="utf-8")
    locked.chmod(0)
    try:
        r = run("check", "-f", "json", str(proj))
    finally:
        locked.chmod(stat.S_IRWXU)
    assert r.code == 2 and "locked" in r.err and r.json["findings"]


def test_unreadable_subfolder_reported_even_as_root(proj, monkeypatch):
    """The walk's error hook, exercised where permissions cannot be taken away (root)."""
    import lint.app.collect as collect

    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        for entry in real_walk(top, onerror=onerror, **kw):
            if onerror is not None and entry[0] == str(top):
                onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))
            yield entry

    monkeypatch.setattr(collect.os, "walk", walk)
    r = run("check", "-f", "json", str(proj))
    assert r.code == 2 and "locked" in r.err and "无法读取文件夹" in r.err and r.json["findings"]


def test_file_named_twice_is_checked_once(proj):
    r = run("check", "-f", "json", str(proj / "a.txt"), str(proj), str(proj / ".." / "proj" / "a.txt"))
    assert r.code == 1 and r.json["summary"]["files"] == 1


# --- configuration lookup is trusted, and the command line wins -------------------------------------------

def test_config_in_a_world_writable_parent_does_not_apply(tmp_path):
    shared = tmp_path / "shared"
    (shared / "me").mkdir(parents=True)
    shared.chmod(0o777)
    (shared / "gwlint.yaml").write_text("select: [WD002]\nfail-level: error\n", encoding="utf-8")
    (shared / "me" / "a.txt").write_text(DRAFT, encoding="utf-8")
    r = run("check", "-f", "json", str(shared / "me" / "a.txt"))
    assert {f["code"] for f in r.json["findings"]} != {"WD002"}  # the planted selection is ignored
    assert "gwlint.yaml" in r.err and "未采用" in r.err


def test_config_lookup_stops_at_the_repository_root(tmp_path):
    (tmp_path / "gwlint.yaml").write_text("select: [WD002]\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a.txt").write_text(DRAFT, encoding="utf-8")
    r = run("check", "-f", "json", str(repo / "a.txt"))
    assert "FC001" in {f["code"] for f in r.json["findings"]}


@pytest.mark.parametrize("config", ["rules:\n  WD002: off\n", "ignore: [WD002]\n", "select: [FC001]\n"])
def test_explicit_select_beats_the_configuration(proj, config):
    (proj / "gwlint.yaml").write_text(config, encoding="utf-8")
    r = run("check", "-f", "json", "--select", "WD002", str(proj / "a.txt"))
    assert [f["code"] for f in r.json["findings"]] == ["WD002"]
    # and --ignore on the command line still wins over --select of a category
    r = run("check", "-f", "json", "--select", "WD002,FC001", "--ignore", "WD002", str(proj / "a.txt"))
    assert [f["code"] for f in r.json["findings"]] == ["FC001"]


# --- corrupt parts are "damaged" ----------------------------------------------------------------------------

def patched_docx(path: Path, part: str, old: bytes, new: bytes, add: dict | None = None) -> Path:
    base = make_docx(path.with_name("base-" + path.name), ["第一段。"], tables=[[["甲", "乙"]]])
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(info, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    base.unlink()
    return path


def with_footnotes(path: Path, body: bytes) -> Path:
    rel = (b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    base = make_docx(path.with_name("base-" + path.name), ["第一段。"])
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            out.writestr(info, data)
        out.writestr("word/footnotes.xml", body)
    base.unlink()
    return path


@pytest.mark.parametrize("case, part", [
    ("gridspan", "w:gridSpan"),
    ("outline", "w:outlineLvl"),
    ("footnotes", "word/footnotes.xml"),
])
def test_damaged_parts_are_named(proj, case, part):
    p = proj / f"{case}.docx"
    if case == "gridspan":
        patched_docx(p, "word/document.xml", b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="abc"/>')
    elif case == "outline":
        patched_docx(p, "word/document.xml", b"<w:p>", b'<w:p><w:pPr><w:outlineLvl w:val="x"/></w:pPr>')
    else:
        with_footnotes(p, b"<w:footnotes this is not xml")
    r = run("check", "-f", "json", str(p), str(proj / "a.txt"))
    assert r.code == 2
    one_line(r, p.name, "损坏", part)
    assert r.json["findings"]


# --- exit codes -----------------------------------------------------------------------------------------

def test_internal_error_is_exit_3(proj, monkeypatch):
    import lint.app.collect as collect

    def boom(*a, **kw):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(collect.Plan, "__init__", boom)
    r = run("check", str(proj / "a.txt"))
    assert r.code == 3 and "内部错误" in r.err and "Traceback" not in r.err


def test_interrupt_is_exit_130(proj, monkeypatch):
    import lint.app.collect as collect

    def interrupted(*a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(collect.Plan, "__init__", interrupted)
    r = run("check", str(proj / "a.txt"))
    assert r.code == 130 and "中止" in r.err


def test_interrupt_of_a_real_process_is_130(proj):
    import signal
    import subprocess

    slow = proj / "slow.py"
    ready = proj / "ready"
    slow.write_text("import sys, time\nimport lint.app.collect as c\n"
                    f"def wait(*a, **k):\n    open({str(ready)!r}, 'w').close()\n    time.sleep(30)\n"
                    "c.Plan.__init__ = wait\nfrom lint.cli import main\nmain(sys.argv[1:])\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(slow), "check", str(proj / "a.txt")], stderr=subprocess.PIPE,
                            cwd=str(REPO))
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:  # the run is under way
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err


def test_every_file_excluded_says_so(proj):
    (proj / "gwlint.yaml").write_text("exclude: ['*.txt']\n", encoding="utf-8")
    r = run("check", str(proj))
    assert r.code == 0 and "没有检查任何文稿" in r.err
    named = run("check", str(proj / "a.txt"))
    assert "a.txt" in named.err and "exclude" in named.err  # a named file is never dropped silently


@pytest.mark.parametrize("function", ["lint.checks.dates:delivered_at_meeting", "lint.checks.dates:fast",
                                      "lint.checks.dates:_nothing", "lint.checks.dates:calendar"])
def test_python_kind_refuses_a_function_that_is_not_a_check(proj, function):
    folder = proj / "rules" / "facts"
    folder.mkdir(parents=True)
    text = SNAP_RULE.replace('kind: pattern\npattern: "X月X日|X{2,}"', f"kind: python\nfunction: {function}")
    (folder / "snap-placeholder.yml").write_text(text, encoding="utf-8")
    (proj / "gwlint.yaml").write_text("rule-dirs: [rules]\nselect: [FC901]\n", encoding="utf-8")
    r = run("check", str(proj / "a.txt"))
    assert r.code == 2
    one_line(r, "snap-placeholder.yml:9", "lint.checks.dates")


# --- printed names are escaped ------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
@pytest.mark.parametrize("fmt", ["text", "json", "html", "sarif", "github", "markdown"])
def test_file_names_cannot_forge_output(tmp_path, fmt):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "x\n::error file=forged.txt::pwned\n.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "esc\x1b]0;title\x07.txt").write_text(DRAFT, encoding="utf-8")
    os.close(os.open(os.fsencode(folder) + b"/bad\xff\xfe.txt", os.O_WRONLY | os.O_CREAT, 0o644))
    with open(os.fsencode(folder) + b"/bad\xff\xfe.txt", "w", encoding="utf-8") as fh:
        fh.write(DRAFT)
    r = run("check", "-f", fmt, str(folder))
    assert r.code == 1, r
    assert "内部错误" not in r.err and "Traceback" not in r.err
    assert "\x1b" not in r.out and "\x07" not in r.out
    assert not any(line.startswith("::error file=forged") for line in r.out.splitlines())
    if fmt == "json":
        data = r.json
        assert len({f["path"] for f in data["findings"]}) == 3
        assert any("\\xff" in f["path"] for f in data["findings"])
