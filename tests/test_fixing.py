"""--fix, --diff, --unsafe-fixes and fix safety: on real drafts, on every rule's examples, on the
encodings and line endings a text draft comes in."""

from __future__ import annotations

import codecs
import os
from collections import Counter
from pathlib import Path

import pytest

from lint.app.fixing import Edit, apply_edits, fix_text, select_edits, text_codec, unified_diff
from lint.config.file import load_config
from lint.config.settings import Overrides, resolve
from lint.engine.rules import load_rule, load_rules, example_text
from lint.engine.kinds import registry
from lint.errors import InputError, RuleFileError
from lint.model.finding import Finding, Fix
from tests.csc_fixtures import with_example_model
from tests.helpers import CORPUS, REPO, run

REAL = sorted((CORPUS / "real-drafts").glob("*.txt"))
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
SETTINGS, RULES = resolve(load_config(None), Overrides())
DRAFT = "关于做好值班工作的通知\n各单位:\n请加强值班,确保信息畅通;已经布署到位。\n会议定于X月X日召开 。\n"


def _fix(data: bytes, name="draft.txt", unsafe=False, rules=RULES):
    return fix_text(data, name, "txt", rules, SETTINGS, unsafe)


def _keys(findings) -> Counter:
    return Counter((f.code, f.line) for f in findings if not f.waived)


# --- safety is declared and validated -------------------------------------------------------------

def test_every_rule_with_a_fix_declares_its_safety_and_the_certain_ones_are_safe():
    rules = {r.code: r for r in load_rules()}
    safe = {c for c, r in rules.items() if r.fix == "safe"}
    # The corrections the issue names as certain: half-width marks, 省略号, stray spaces, 〔〕 in
    # a 文号, listed wrong words, full-width digits, 〇 in a year.
    assert {"PN001", "PN006", "PN012", "NM011", "WD001", "NM008", "NM003", "NM004"} <= safe
    # Judgement calls stay unsafe: which of 省略号/等 to keep, style, deletions of whole phrases.
    for code in ("PN005", "HL001", "HL002", "WD002", "WD003", "FC006", "FC007", "PN010", "SC001"):
        assert rules[code].fix == "unsafe", code
    # A masked example (身份证号) is not a replacement; a renumbering guess is not either.
    for code in ("SC002", "ST001", "ST002", "LN001", "FC001"):
        assert rules[code].fix is None, code


@pytest.mark.parametrize("value, message", [("maybe", "“fix”的值“maybe”无效"), ("safe", "只能用于给出改法")])
def test_fix_key_is_validated_at_load(tmp_path, value, message):
    src = (REPO / "rules" / "length" / "long-sentence.yml").read_text(encoding="utf-8")
    path = tmp_path / "long-sentence.yml"
    path.write_text(src.replace("kind: metric", f"kind: metric\nfix: {value}"), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rule(path, str(path), registry())
    assert message in str(err.value) and err.value.line


def test_rules_and_explain_show_fix_safety():
    out = run("rules").out
    pn001 = next(line for line in out.splitlines() if line.startswith("PN001"))
    assert "修改：可靠" in pn001
    assert "修改：需确认" in next(line for line in out.splitlines() if line.startswith("HL002"))
    assert {r["code"]: r["fix"] for r in run("rules", "-f", "json").json}["WD001"] == "safe"
    assert "自动修改：可靠（--fix 直接修改）" in run("explain", "PN001").out
    assert "自动修改：需确认" in run("explain", "PN005").out
    assert "自动修改：无" in run("explain", "LN001").out


# --- choosing edits ------------------------------------------------------------------------------

def _finding(line, start, end, content, code="PN001", safety="safe", waived=False):
    return Finding("x", line, start + 1, line, end + 1, "", code, "", "", "error", "", "t", content, "", "body",
                   waived, Fix(start, end, content, safety))


def test_overlapping_fixes_are_resolved_in_a_fixed_order():
    fs = [_finding(1, 2, 5, "B", "WD001"), _finding(1, 3, 4, "A", "PN001"), _finding(1, 2, 2, "I", "PN009"),
          _finding(1, 5, 6, "C"), _finding(2, 0, 1, "D"), _finding(1, 0, 1, "U", safety="unsafe"),
          _finding(1, 7, 8, "W", waived=True)]
    for order in (fs, list(reversed(fs))):
        edits = select_edits(order)
        # [2,2) insertion and [2,5) replacement start together: the first in order wins, so
        # [2,5) waits and [3,4) inside it goes; [5,6) only touches it; the unsafe and the waived
        # ones wait.
        assert edits == [Edit(1, 2, 2, "PN009", "I"), Edit(1, 3, 4, "PN001", "A"), Edit(1, 5, 6, "PN001", "C"),
                         Edit(2, 0, 1, "PN001", "D")]
    assert Edit(1, 0, 1, "PN001", "U") in select_edits(fs, unsafe=True)
    assert apply_edits({1: "0123456789", 2: "x"}, select_edits(fs)) == {1: "01I2A4C6789", 2: "D"}


# --- real drafts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", REAL + EXAMPLES, ids=lambda p: p.name[:24])
def test_fix_on_real_drafts_leaves_no_fixed_finding_adds_none_and_is_idempotent(path):
    data = path.read_bytes()
    out = _fix(data, path.name)
    assert out.stable
    before, after = _keys(out.first), _keys(out.remaining)
    assert not (after - before), f"new findings after --fix: {after - before}"
    assert not [f for f in out.remaining if f.fixable()], "a safe fix is left unapplied"
    # every fix of the first pass removed its finding: that rule reports fewer on that line
    for e in out.applied[0] if out.applied else []:
        assert after[(e.code, e.line)] < before[(e.code, e.line)], e
    again = _fix(out.data, path.name)
    assert again.data == out.data and not again.applied
    # lines no fix touched are byte-for-byte the same
    touched = {e.line for edits in out.applied for e in edits}
    old, new = data.decode("utf-8").split("\n"), out.data.decode("utf-8").split("\n")
    assert len(old) == len(new)
    assert all(a == b for i, (a, b) in enumerate(zip(old, new), start=1) if i not in touched)


def test_unsafe_fixes_on_real_drafts_also_converge_without_new_findings():
    fixed_any = Counter()
    for path in REAL + EXAMPLES:
        out = _fix(path.read_bytes(), path.name, unsafe=True)
        assert out.stable, path.name
        assert not (_keys(out.remaining) - _keys(out.first)), path.name
        assert _fix(out.data, path.name, unsafe=True).data == out.data
        fixed_any.update(out.counts())
    # PN010 is no longer among them: on the real drafts its findings were list items (（一）……;,
    # 一、将第一条修改为：), which the structure analysis now reads as text, not headings
    assert fixed_any["PN001"] and fixed_any["PN009"] and fixed_any["WD002"]


@pytest.mark.parametrize("code", sorted(r.code for r in load_rules() if r.fix))
def test_each_fixable_rules_fail_examples_are_fixed(code, tmp_path):
    """Every text fail example of a rule with a fix: after --unsafe-fixes with that rule alone,
    the rule has nothing left to fix and a second run changes nothing."""
    rule = with_example_model(load_rules().get(code), tmp_path)
    fixed = 0
    for ex in rule.examples["fail"]:
        if "text" not in ex or "docx" in ex:
            continue
        settings = SETTINGS if "doctype" not in ex else resolve(load_config(None), Overrides(doctype=ex["doctype"]))[0]
        if ex.get("public"):
            settings = resolve(load_config(None), Overrides(public=True, doctype=ex.get("doctype")))[0]
        data = example_text(ex).encode("utf-8")
        out = fix_text(data, "ex.txt", "txt", [rule], settings, True)
        assert out.stable, ex
        assert not [f for f in out.remaining if f.fixable(True)], (ex, out.remaining)
        if out.data.decode("utf-8").strip(" \t\r\n\u3000"):  # a 密级 line deleted whole leaves an empty draft: nothing to read again
            assert fix_text(out.data, "ex.txt", "txt", [rule], settings, True).data == out.data
        fixed += bool(out.applied)
    assert fixed, f"{code}: no fail example has a fix"


# --- encodings and line endings ------------------------------------------------------------------

@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE)])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encoding_bom_and_line_endings_are_kept(encoding, bom, newline):
    text = DRAFT.replace("\n", newline)
    data = bom + text.encode(encoding)
    out = _fix(data)
    assert out.data.startswith(bom) and out.data != data
    fixed = out.data[len(bom):].decode(encoding)
    assert fixed.count(newline) == text.count(newline) and fixed.count("\r") == text.count("\r")
    assert fixed == ("关于做好值班工作的通知\n各单位：\n请加强值班，确保信息畅通；已经部署到位。\n会议定于X月X日召开。\n"
                     .replace("\n", newline))
    assert _fix(out.data).data == out.data


def test_mixed_line_endings_and_a_missing_final_newline_are_kept():
    data = "关于值班的通知\r\n请加强值班,确保畅通。\n已经布署到位".encode("utf-8")
    out = _fix(data)
    assert out.data == "关于值班的通知\r\n请加强值班，确保畅通。\n已经部署到位".encode("utf-8")


def test_a_file_whose_bytes_cannot_be_kept_is_not_fixed():
    damaged = ("关于值班的通知\n" + "请加强值班,确保畅通。" * 5).encode("utf-8") + b"\xff\n"
    with pytest.raises(InputError, match="无法按原编码"):
        text_codec(damaged, "bad.txt")


def test_gbk_stays_gbk_and_gb18030_stays_gb18030():
    assert text_codec("通知,请".encode("gbk"), "x.txt") == (b"", "gbk")
    assert text_codec("通知,请𠀀".encode("gb18030"), "x.txt") == (b"", "gb18030")


# --- the command ---------------------------------------------------------------------------------

@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "通知.txt"
    p.write_bytes(DRAFT.replace("\n", "\r\n").encode("gb18030"))
    return p


def test_diff_prints_a_unified_diff_and_changes_nothing(draft):
    before = draft.read_bytes()
    r = run("check", "--diff", str(draft))
    assert r.code == 1
    assert r.out.startswith(f"--- {draft}\n+++ {draft}\n@@")
    assert "-请加强值班,确保信息畅通;已经布署到位。" in r.out and "+请加强值班，确保信息畅通；已经部署到位。" in r.out
    assert "共可修改 5 处" in r.err and "可修改   待处理" in r.err and "PN001" in r.err
    assert draft.read_bytes() == before and sorted(p.name for p in draft.parent.iterdir()) == ["通知.txt"]


def test_fix_writes_back_keeps_a_backup_and_reports_what_is_left(draft):
    before = draft.read_bytes()
    r = run("check", "--fix", str(draft))
    assert r.code == 1  # X月X日 is left for a person
    bak = draft.with_name("通知.txt.bak")
    assert bak.read_bytes() == before
    fixed = draft.read_bytes().decode("gb18030")
    assert "\r\n" in fixed and "请加强值班，确保信息畅通；已经部署到位。" in fixed and "召开。" in fixed
    assert "FC001" in r.out and "PN001" not in r.out and "WD001" not in r.out
    assert "已修改" in r.err and "原稿备份为" in r.err and "共修改 5 处，1 处需人工处理" in r.err
    r2 = run("check", "--fix", "--no-backup", str(draft))  # nothing left to fix: nothing written
    assert "共修改 0 处" in r2.err and bak.read_bytes() == before


def test_fix_with_output_writes_elsewhere_and_no_backup(draft, tmp_path):
    before = draft.read_bytes()
    out = tmp_path / "改后.txt"
    r = run("check", "--fix", "-o", str(out), str(draft))
    assert r.code == 1 and "FC001" in r.out
    assert draft.read_bytes() == before and not draft.with_name("通知.txt.bak").exists()
    assert "部署" in out.read_bytes().decode("gb18030")
    assert run("check", "--fix", "-o", str(draft), str(draft)).code == 2
    r = run("check", "--fix", "-f", "json", "-o", str(tmp_path / "report.json"), str(draft))
    assert r.code == 2 and "扩展名" in r.err and not (tmp_path / "report.json").exists()


def test_no_backup(draft):
    run("check", "--fix", "--no-backup", str(draft))
    assert not draft.with_name("通知.txt.bak").exists() and "部署" in draft.read_bytes().decode("gb18030")


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("关于值班的通知\n要做好值班……等工作。\n", encoding="utf-8")
    run("check", "--fix", "--no-backup", str(p))
    assert "……等" in p.read_text(encoding="utf-8")
    run("check", "--fix", "--unsafe-fixes", "--no-backup", str(p))
    assert "值班等工作" in p.read_text(encoding="utf-8")


def test_waived_findings_are_not_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the waiver file goes beside the draft, not into the repository
    (tmp_path / "gwlint.yaml").write_text("select: [ALL]\n", encoding="utf-8")
    p = tmp_path / "d.txt"
    p.write_text("关于值班的通知\n已经布署到位,请知悉。\n", encoding="utf-8")
    assert run("waive", str(p), "--rule", "WD001", "--reason", "引用原文").code == 0
    run("check", "--fix", "--no-backup", str(p))
    assert p.read_text(encoding="utf-8") == "关于值班的通知\n已经布署到位，请知悉。\n"


def test_read_only_draft_is_refused(draft):
    if os.geteuid() == 0:
        pytest.skip("root can write any file")
    draft.chmod(0o444)
    r = run("check", "--fix", str(draft))
    assert r.code == 2 and "只读" in r.err


@pytest.mark.parametrize("args, message", [
    (["--unsafe-fixes"], "需与 --fix"), (["--diff", "--fix"], "不能与"), (["--no-backup"], "需与 --fix")])
def test_option_misuse_is_a_usage_error(draft, args, message):
    r = run("check", *args, str(draft))
    assert r.code == 2 and message in r.err


def test_stdin_and_word_drafts_are_not_fixed_in_place(tmp_path, draft):
    assert run("check", "--fix", "-", input=DRAFT.encode()).code == 2
    from tests.helpers import make_docx

    d = make_docx(tmp_path / "a.docx", ["请加强值班,确保畅通。"])
    before = d.read_bytes()
    r = run("check", "--fix", str(d))
    assert r.code == 2 and "--tracked" in r.err and d.read_bytes() == before
    r = run("check", "--diff", str(d))  # a Word draft's diff: its paragraphs, one per line
    assert r.code == 1 and "+请加强值班，确保畅通。" in r.out and d.read_bytes() == before


def test_html_report_marks_the_findings_with_fixes(draft):
    html = run("check", "-f", "html", str(draft)).out
    assert '<span class="fix safe"' in html and "可自动修改" in html
    assert "其中 5 处可自动修改（gwlint check --fix）" in html


def test_json_carries_the_exact_fix(draft):
    data = run("check", "-f", "json", str(draft)).json
    wd = next(f for f in data["findings"] if f["code"] == "WD001")
    assert wd["fix"] == {"start": 15, "end": 17, "content": "部署", "applicability": "safe", "word": True}
    assert next(f for f in data["findings"] if f["code"] == "FC001")["fix"] is None


def test_unified_diff_is_empty_when_nothing_changes():
    out = _fix("关于值班的通知\n请加强值班。\n".encode("utf-8"))
    assert not out.changed and unified_diff(out) == ""


# --- one hit's fix can need a reader even when its rule's fixes are safe --------------------------

def _fixes(text: str, code: str):
    from lint.engine.rules import check_document
    from lint.readers.text import read_text_bytes

    doc = read_text_bytes(text.encode("utf-8"), "x.txt")
    doc.meta["doctype"] = None
    return [(f.text, f.fix.content, f.fix.applicability) for f in check_document(doc, [load_rules().get(code)]) if f.fix]


def test_stray_space_between_chinese_characters_or_before_a_list_item_is_unsafe():
    got = _fixes("关于印发的通知\n根据《中共中央办公厅 国务院办公厅关于加强管理的意见》，为了实施 《条例》，"
                 "1．背叛国家罪（第102条） 2．分裂国家罪，参加的有张三 李四，共 3人。\n", "PN012")
    # the blank between joint organs in a title and the one between items listed on one line are
    # layout, not stray spaces (the structure analysis): PN012 no longer reports them at all
    assert [a for _, _, a in got] == ["safe", "unsafe", "safe"]


def test_straight_quotes_are_unsafe_but_other_half_width_marks_safe():
    got = _fixes("关于值班的通知\n他说\"好\",大家同意。\n", "PN001")
    assert got == [('"', "“", "unsafe"), ('"', "”", "unsafe"), (",", "，", "safe")]


def test_deleting_a_closing_clause_takes_its_comma():
    data = "关于工作的报告\n我们要继续走在前列，为全国改革发展作出更大贡献。\n".encode("utf-8")
    out = _fix(data, unsafe=True)
    assert out.data.decode("utf-8").splitlines()[1] == "我们要继续走在前列。"
    assert not (_keys(out.remaining) - _keys(out.first))


def test_code_in_a_markdown_draft_is_never_changed():
    md = "# 关于值班的通知\n\n请使用`a, b`参数,并运行 `x (测试)` 。\n\n```\n代码,不改;布署\n```\n\n已经布署到位,请知悉。\n"
    out = fix_text(md.encode("utf-8"), "d.md", "md", RULES, SETTINGS)
    assert out.data.decode("utf-8") == (
        "# 关于值班的通知\n\n请使用`a, b`参数，并运行 `x (测试)`。\n\n```\n代码,不改;布署\n```\n\n已经部署到位，请知悉。\n")
    assert out.stable and fix_text(out.data, "d.md", "md", RULES, SETTINGS).data == out.data


@pytest.mark.parametrize("name", ["gov-reports/gwr_2024.txt", "real-drafts/16_banfa_tousujubao-zhang-tiao_2022.txt"])
def test_a_draft_typed_with_half_width_marks_is_restored(name):
    """A real text with its ，；： typed half-width (over 600 marks in the report): --fix gives
    back exactly what fixing the published text gives."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    typed = text.replace("，", ",").replace("；", ";").replace("：", ":")
    out = _fix(typed.encode("utf-8"), Path(name).name)
    assert out.counts()["PN001"] >= typed.count(",") * 0.9
    assert out.data == _fix(text.encode("utf-8"), Path(name).name).data


def test_a_listed_word_is_fixed_only_where_it_is_a_whole_word():
    out = _fix("关于工作的通知\n这一笔划掉不要了,笔划要清楚。\n".encode("utf-8"))
    assert out.data.decode("utf-8") == "关于工作的通知\n这一笔划掉不要了，笔画要清楚。\n"


def test_fix_output_never_replaces_a_draft_gwlint_did_not_write(draft, tmp_path):
    other = tmp_path / "别的文稿.txt"
    other.write_text("关于另一件事的通知\n", encoding="utf-8")
    r = run("check", "--fix", "-o", str(other), str(draft))
    assert r.code == 2 and other.read_text(encoding="utf-8") == "关于另一件事的通知\n"
