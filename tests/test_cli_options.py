"""The command line people expect (ruff-like options, Chinese messages, readable places) and
printed names that cannot act on a terminal or a CI log."""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.helpers import make_docx, run

DRAFT = "关于做好值班工作的通知\n会议定于X月X日召开,请各单位准备。\n"


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


# --- selection ------------------------------------------------------------------------------------

@pytest.mark.parametrize("selector", ["fc001", "FC001", "Unfilled-Placeholder", "facts", "FACTS", "事实与数据", "fc", "Fc0"])
def test_selection_is_case_insensitive(draft, selector):
    r = run("check", "--select", selector, "-f", "json", str(draft))
    codes = {f["code"] for f in r.json["findings"]}
    assert "FC001" in codes and "PN001" not in codes, (selector, r)


def test_unknown_selector_is_exit_2_with_close_matches(draft):
    r = run("check", "--select", "FC0001", str(draft))
    assert r.code == 2 and r.out == ""
    assert "FC0001" in r.err and "是否想用" in r.err and "FC001" in r.err
    r = run("check", "--ignore", "punctuaton", str(draft))
    assert r.code == 2 and "punctuation" in r.err
    r = run("check", "--extend-select", "zz", str(draft))
    assert r.code == 2 and "zz" in r.err


def test_unknown_selector_in_config_names_file_line_and_close_matches(tmp_path, draft):
    (tmp_path / "gwlint.yaml").write_text("select:\n  - FC001\n  - PN0001\n", encoding="utf-8")
    r = run("check", str(draft))
    assert r.code == 2 and "gwlint.yaml" in r.err and ":3" in r.err and "PN001" in r.err


def test_rules_lists_the_categories_select_accepts():
    from lint.engine.rules import CATEGORIES

    out = run("rules").out
    for key, (prefix, label) in CATEGORIES.items():
        assert re.search(rf"^  {re.escape(key)}\s+{re.escape(label)}\s+{prefix}\b", out, re.M), key
    # and each is accepted by --select
    for key, (_, label) in CATEGORIES.items():
        assert run("check", "--select", key, "-", input="正文。\n").code in (0, 1)
        assert run("check", "--select", label, "-", input="正文。\n").code in (0, 1)


def test_extend_select_adds_to_the_default(draft):
    base = {f["code"] for f in run("check", "-f", "json", str(draft)).json["findings"]}
    r = run("check", "-f", "json", "--select", "FC001", "--extend-select", "PN001", str(draft))
    assert {f["code"] for f in r.json["findings"]} == {"FC001", "PN001"}
    assert {"FC001", "PN001"} <= base
    # a preview rule named explicitly runs without --preview
    r = run("check", "-f", "json", "--extend-select", "WD008", str(draft))
    assert r.code in (0, 1)


def test_command_line_select_beats_config_ignore(tmp_path, draft):
    (tmp_path / "gwlint.yaml").write_text("ignore: [FC001]\nrules:\n  PN001: off\n", encoding="utf-8")
    assert {f["code"] for f in run("check", "-f", "json", str(draft)).json["findings"]} & {"FC001", "PN001"} == set()
    r = run("check", "-f", "json", "--select", "FC001,PN001", str(draft))
    assert {f["code"] for f in r.json["findings"]} == {"FC001", "PN001"}
    r = run("check", "-f", "json", "--select", "FC001,PN001", "--ignore", "pn001", str(draft))
    assert {f["code"] for f in r.json["findings"]} == {"FC001"}


def test_per_file_ignores(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "b.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "gwlint.yaml").write_text("per-file-ignores:\n  \"old/*\": [punctuation]\n  a.txt: FC001\n",
                                          encoding="utf-8")
    r = run("check", "-f", "json", str(tmp_path))
    by_file = {}
    for f in r.json["findings"]:
        by_file.setdefault(os.path.basename(f["path"]), set()).add(f["code"])
    assert "PN001" not in by_file["b.txt"] and "FC001" in by_file["b.txt"]
    assert "FC001" not in by_file["a.txt"] and "PN001" in by_file["a.txt"]
    (tmp_path / "gwlint.yaml").write_text("per-file-ignores:\n  \"old/*\": [PN0001]\n", encoding="utf-8")
    r = run("check", str(tmp_path))
    assert r.code == 2 and "PN001" in r.err and "gwlint.yaml" in r.err


def test_exclude_and_extend_exclude(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(DRAFT, encoding="utf-8")
    (tmp_path / "gwlint.yaml").write_text("exclude: [a.txt]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def checked(*args):
        return {os.path.basename(f["path"]) for f in run("check", "-f", "json", *args, ".").json["findings"]}

    assert checked() == {"b.txt", "c.txt"}
    assert checked("--extend-exclude", "b.txt") == {"c.txt"}
    assert checked("--exclude", "c.txt") == {"a.txt", "b.txt"}  # replaces the configuration's


# --- output and exit --------------------------------------------------------------------------------

def test_exit_zero(draft):
    assert run("check", str(draft)).code == 1
    assert run("check", "--exit-zero", str(draft)).code == 0
    assert run("check", "--exit-zero", str(draft) + ".missing.txt").code == 2


def test_statistics(draft, tmp_path):
    r = run("check", "--statistics", str(draft))
    lines = r.out.splitlines()
    assert r.code == 1 and len(lines) == 2 and all(re.match(r"^1  (FC001|PN001)  错误", l) for l in lines)
    data = run("check", "--statistics", "-f", "json", str(draft)).json
    assert [d["code"] for d in data] == ["FC001", "PN001"] and data[0]["count"] == 1
    many = tmp_path / "many.txt"
    many.write_text("通知\n" + "第一,第二,第三。\n" * 5 + "X月X日\n", encoding="utf-8")
    lines = run("check", "--statistics", str(many)).out.splitlines()
    assert lines[0].split()[:2] == ["10", "PN001"]  # most frequent first


def test_quiet_levels(draft):
    full = run("check", str(draft)).out
    q = run("check", "-q", str(draft)).out
    qq = run("check", "-qq", str(draft)).out
    assert "共 2 处问题" in full and "共 2 处问题" not in q and "FC001" in q
    assert qq.strip().startswith("共 2 处问题") and "FC001" not in qq


def test_show_source_marks_the_finding(draft):
    r = run("check", "--show-source", "--select", "PN001", str(draft))
    lines = r.out.splitlines()
    i = next(i for i, l in enumerate(lines) if "PN001" in l)
    src, marks = lines[i + 2], lines[i + 3]
    assert src.endswith("会议定于X月X日召开,请各单位准备。")
    # the caret sits under the comma (display width: a Chinese character takes two columns)
    col = marks.index("^")
    from lint.formats.text import _width

    prefix = src[: src.index("会")]
    assert col == len(prefix) + _width("会议定于X月X日召开")
    assert "建议改为“，”" in marks
    assert "^" not in run("check", "--no-show-source", str(draft)).out


def test_output_format_alias(draft):
    assert run("check", "--output-format", "json", str(draft)).json["summary"]["findings"] == 2


def test_stdin_filename_names_the_draft_and_finds_its_config(tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "gwlint.yaml").write_text("select: [FC001]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "-f", "json", "--stdin-filename", "sub/稿.txt", "-", input=DRAFT.encode("utf-8"))
    assert {f["path"] for f in r.json["findings"]} == {"sub/稿.txt"}
    assert {f["code"] for f in r.json["findings"]} == {"FC001"}  # sub/gwlint.yaml applied
    r = run("check", "--stdin-filename", "x.txt", str(tmp_path))
    assert r.code == 2 and "标准输入" in r.err


def test_verbose_goes_to_stderr_for_machine_formats(draft):
    for fmt in ("json", "sarif"):
        r = run("check", "-v", "-f", fmt, str(draft))
        json.loads(r.out)  # still valid
        assert "个汉字" in r.err
    r = run("check", "-v", "-f", "github", str(draft))
    assert all(l.startswith("::") for l in r.out.splitlines()) and "个汉字" in r.err
    assert "个汉字" in run("check", "-v", str(draft)).out


def test_mass_findings_are_grouped_in_text(tmp_path):
    p = tmp_path / "长稿.txt"
    body = "\n".join(f"第{i}项工作要抓紧,要落实,要见效。" for i in range(150))
    p.write_text(f"关于做好工作的通知\n{body}\n会议定于X月X日召开。\n", encoding="utf-8")
    r = run("check", "--no-show-source", "--select", "FC001,PN001", str(p))
    out = r.out
    assert out.count("PN001") == 1 and "本文共 300 处" in out and "其余 295 处" in out
    assert "FC001" in out  # the placeholder stays visible
    data = run("check", "-f", "json", "--select", "FC001,PN001", str(p)).json
    assert len(data["findings"]) == 301  # JSON keeps every finding


def test_docx_findings_name_paragraph_and_cell_with_a_quote(tmp_path):
    p = make_docx(tmp_path / "b.docx", title="关于做好值班工作的通知",
                  paragraphs=["各单位：", "会议定于X月X日召开，请准时参加。"],
                  tables=[[["项目", "时间"], ["值班", "X月X日"]]])
    r = run("check", "--no-show-source", "--select", "FC001", str(p))
    lines = r.out.splitlines()
    assert any(re.match(rf"^{re.escape(str(p))}:第3段: error FC001", l) for l in lines), r.out
    assert any(re.match(rf"^{re.escape(str(p))}:表格1 第2行第2列: error FC001", l) for l in lines), r.out
    assert any("会议定于【X月X日】召开" in l for l in lines)


def test_html_reports_docx_tables_as_tables_and_indexes_files(tmp_path):
    make_docx(tmp_path / "b.docx", title="关于做好值班工作的通知", paragraphs=["各单位："],
              tables=[[["项目", "时间"], ["值班", "X月X日"]]])
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    html = run("check", "-f", "html", str(tmp_path)).out
    assert '<table class="doc"' in html and html.count("<tr><td") >= 2
    table = html[html.index('<table class="doc"'):html.index("</table>", html.index('<table class="doc"'))]
    assert "X月X日</mark>" in table and "值班" in table
    assert "文件一览" in html and 'href="#file-0"' in html and 'href="#file-1"' in html
    assert "@media (max-width:600px)" in html  # the phone layout


def test_html_groups_mass_findings(tmp_path):
    p = tmp_path / "长稿.txt"
    p.write_text("通知\n" + "第一,第二,第三。\n" * 40, encoding="utf-8")
    html = run("check", "-f", "html", "--select", "PN001", str(p)).out
    group = html[html.index('<details class="group'):html.index("</details>")]
    assert group.count("<li") == 10 and "其余 70 处" in group


def test_empty_forms_read_naturally(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configuration: the waiver file goes to the current folder
    p = tmp_path / "a.txt"
    p.write_text("会议定于X月X日召开。\n", encoding="utf-8")
    r = run("waive", "--reason", "示例", str(p))
    assert r.code == 0, r
    out = run("check", str(p)).out
    assert "（）" not in out and "共 0 处问题" not in out
    assert "未发现问题（共检查 1 个文件；另有 1 处已豁免）" in out


def test_suggestion_identical_to_the_text_is_never_shown():
    from lint.engine.rules import _finding, load_rules
    from lint.model.document import Document, Paragraph
    from lint.model.finding import Hit

    rule = load_rules().get("PN001")
    p = Paragraph(text="甲,乙", line=1, location="第1行")
    doc = Document(path="a.txt", paragraphs=[p], source_format="txt")
    assert _finding(rule, doc, Hit(p, 1, 2, suggestion=",", data={"fix": ","}), "error").suggestion is None
    assert _finding(rule, doc, Hit(p, 1, 2, suggestion="，", data={"fix": "，"}), "error").suggestion == "，"


# --- Chinese usage errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["chek"], "没有“chek”这个命令，是否想用：check"),
    (["check", "--formt", "json", "a.txt"], "没有选项 --formt"),
    (["check", "-f", "yaml", "a.txt"], "“yaml”不是可选的值"),
    (["check"], "缺少参数"),
    (["check", "-o"], "需要一个值"),
    (["check", "-j", "0", "a.txt"], "应为不小于 1 的整数"),
    (["waive", "a.txt"], "缺少选项 --reason"),
    (["explain"], "缺少参数"),
    (["explain", "FC001", "extra"], "多余的参数：extra"),
    (["check", "--exit-zero=1", "a.txt"], "不接受值"),
])
def test_click_usage_errors_are_chinese(args, expected):
    r = run(*args)
    assert r.code == 2 and expected in r.err, r
    for english in ("Usage", "Error", "Try ", "No such", "Missing", "Invalid", "Got unexpected"):
        assert english not in r.err, (english, r.err)
    assert "用法：gwlint" in r.err and "查看帮助" in r.err


@pytest.mark.parametrize("args", [["-h"], ["check", "-h"], ["rules", "--help"], ["waive", "-h"]])
def test_help_is_chinese(args):
    out = run(*args).out
    assert "用法：gwlint" in out and "选项：" in out
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "default:", "[OPTIONS]"):
        assert english not in out


# --- printed names cannot forge or escape -------------------------------------------------------------

def _hostile_folder(tmp_path):
    d = tmp_path / "drafts"
    d.mkdir()
    names = ["x\n::error file=forged.txt::伪造.txt", "\x1b[31m红\x1b]0;title\x07.txt", "a\u202ecod.txt"]
    for n in names:
        (d / n).write_text("会议定于X月X日召开。\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(d), b"\xff\xfe-gbk.txt"), "wb") as fh:
        fh.write("会议定于X月X日召开。\n".encode("utf-8"))
    return d


@pytest.mark.parametrize("fmt", ["text", "github", "markdown"])
def test_names_cannot_forge_lines_or_reach_the_terminal(tmp_path, fmt):
    d = _hostile_folder(tmp_path)
    r = run("check", "-f", fmt, "--select", "FC001", "--show-source", str(d))
    assert r.code == 1, r
    for line in r.out.splitlines():
        assert "::error file=forged.txt" not in line or not line.startswith("::error file=forged")
        assert not line.startswith("::error file=forged.txt")
    assert "\x1b" not in r.out and "\x07" not in r.out and "\u202e" not in r.out
    assert "\\x1b" in r.out and "\\xff" in r.out


@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_names_that_are_not_utf8_keep_machine_formats_valid(tmp_path, fmt):
    d = _hostile_folder(tmp_path)
    r = run("check", "-f", fmt, "--select", "FC001", str(d))
    assert r.code == 1, r
    if fmt == "html":
        assert "\\xff\\xfe-gbk.txt" in r.out and "\x1b" not in r.out
        return
    data = json.loads(r.out)
    text = json.dumps(data, ensure_ascii=False)
    if fmt == "json":
        assert "\\\\xff\\\\xfe-gbk.txt" in text
    else:  # the escaped name, percent-encoded in the URI
        uris = [res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in data["runs"][0]["results"]]
        assert any(u.endswith("%5Cxff%5Cxfe-gbk.txt") or u.endswith("%FF%FE-gbk.txt") for u in uris), uris


def test_bare_command_shows_the_chinese_help():
    r = run()
    assert r.code == 2 and "用法：gwlint" in r.err and "命令：" in r.err and "Usage" not in r.err


def test_html_keeps_a_merged_cell_merged(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("关于做好值班工作的通知")
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "X月X日值班安排"
    t.cell(0, 2).text = "备注"
    for c, text in enumerate(["甲", "乙", "丙"]):
        t.cell(1, c).text = text
    d.save(tmp_path / "t.docx")
    html = run("check", "-f", "html", "--select", "FC001", str(tmp_path / "t.docx")).out
    start = html.index('<table class="doc"')
    table = html[start:html.index("</table>", start)]
    assert '<td colspan="2" class="has">' in table and "X月X日</mark>" in table and "值班安排" in table
    assert table.count("<td") == 5


def test_a_selection_that_runs_nothing_is_an_error(draft):
    r = run("check", "--select", "FC001", "--ignore", "facts", str(draft))
    assert r.code == 2 and "没有要运行的规则" in r.err
    # a selection of preview rules only, without --preview, says how to run them
    from tests.test_engine import GOOD, write_rule

    body = GOOD.format(name="test-rule").replace("severity: warning", "severity: warning\nstatus: preview")
    (draft.parent / "gwlint.yaml").write_text(f"rule-dirs: [{write_rule(draft.parent, body)}]\n", encoding="utf-8")
    from lint.engine import load_rules

    stable_facts = ",".join(r.code for r in load_rules() if r.category == "facts")
    r = run("check", "--select", "facts", "--ignore", stable_facts, str(draft))
    assert r.code == 2 and "--preview" in r.err, r
    assert run("check", "--select", "facts", "--preview", str(draft)).code == 1
