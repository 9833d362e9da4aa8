"""Waivers: gwlint waive / baseline write them, check honours them, stale ones are reported.

The hash is taken on the document model, so the same waiver works for .txt and .docx.
"""

from __future__ import annotations

import pytest
import yaml

from tests.helpers import make_docx, run

DRAFT = "关于召开会议的通知\n各乡镇：\n此项工作涉及到全县。\n会议定于X月X日召开。\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "gwlint.yaml").write_text("select: [FC001, WD002]\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "通知.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    return tmp_path, draft


def waivers_of(root):
    return yaml.safe_load((root / "gwlint-waivers.yaml").read_text(encoding="utf-8"))["waivers"]


def test_waive_one_finding(project):
    root, draft = project
    assert run("check", str(draft)).code == 1
    r = run("waive", str(draft), "--rule", "WD002", "--reason", "引用原话")
    assert r.code == 0, r
    entries = waivers_of(root)  # beside the configuration, path relative to it
    assert len(entries) == 1
    assert entries[0]["rule"] == "WD002" and entries[0]["file"] == "drafts/通知.txt"
    assert entries[0]["text"] == "涉及到" and entries[0]["reason"] == "引用原话"
    data = run("check", "-f", "json", str(draft)).json
    assert [f["code"] for f in data["findings"]] == ["FC001"]
    assert [f["code"] for f in data["waived"]] == ["WD002"] and data["summary"]["waived"] == 1
    assert "另有 1 处已豁免" in run("check", str(draft)).out
    # A waived warning no longer fails the run on its own.
    assert run("check", "--select", "WD002", str(draft)).code == 0


def test_waiver_survives_edits_elsewhere_and_expires_when_the_passage_changes(project):
    root, draft = project
    run("waive", str(draft), "--rule", "WD002", "--reason", "引用原话")
    draft.write_text("关于召开会议的通知\n各乡镇：\n新加的一段。\n此项工作涉及到全县。\n会议定于X月X日召开。\n",
                     encoding="utf-8")
    assert run("check", "--select", "WD002", str(draft)).code == 0  # line moved: still waived
    draft.write_text("关于召开会议的通知\n各乡镇：\n这项改革涉及到全县。\n", encoding="utf-8")
    r = run("check", "--select", "WD002", str(draft))
    assert r.code == 1
    assert "gwlint-waivers.yaml:" in r.err and "豁免 WD002" in r.err and "已不再匹配" in r.err
    j = run("check", "-f", "json", str(draft)).json
    assert j["summary"]["stale_waivers"] == 1 and j["stale_waivers"][0]["rule"] == "WD002"


def test_stale_only_for_checked_files_and_selected_rules(project):
    root, draft = project
    run("waive", str(draft), "--rule", "WD002", "--reason", "引用原话")
    other = root / "drafts" / "另一个.txt"
    other.write_text("没有问题的一句话。\n", encoding="utf-8")
    assert "已不再匹配" not in run("check", str(other)).err  # the waiver's file was not checked
    draft.write_text("没有问题。\n", encoding="utf-8")
    assert "已不再匹配" not in run("check", "--select", "FC001", str(draft)).err  # rule not run
    assert "已不再匹配" in run("check", str(draft)).err


def test_baseline_then_fix(project):
    root, draft = project
    r = run("baseline", str(root / "drafts"))
    assert r.code == 0 and "新增 2 条" in r.out
    assert run("check", str(root / "drafts")).code == 0
    # Keep reasons of existing entries; drop entries that match nothing any more.
    entries = waivers_of(root)
    for e in entries:
        e["reason"] = "已核实"
    (root / "gwlint-waivers.yaml").write_text(yaml.safe_dump({"version": 1, "waivers": entries},
                                                             allow_unicode=True), encoding="utf-8")
    draft.write_text("关于召开会议的通知\n各乡镇：\n此项工作涉及到全县。\n会议定于3月5日召开。\n", encoding="utf-8")
    r = run("baseline", str(root / "drafts"))
    assert r.code == 0 and "删去 1 条" in r.out
    assert [(e["rule"], e["reason"]) for e in waivers_of(root)] == [("WD002", "已核实")]


def test_waive_filters_and_nothing_to_waive(project):
    root, draft = project
    r = run("waive", str(draft), "--line", "4", "--reason", "会期未定，稍后补")
    assert r.code == 0 and [e["rule"] for e in waivers_of(root)] == ["FC001"]
    again = run("waive", str(draft), "--line", "4", "--reason", "再来一次")
    assert again.code == 1 and "没有符合条件" in again.err
    assert run("waive", str(draft), "--rule", "NOPE", "--reason", "x").code == 2
    assert run("waive", str(draft), "--reason", " ").code == 2


def test_waivers_for_docx(tmp_path):
    (tmp_path / "gwlint.yaml").write_text("select: [WD002]\n", encoding="utf-8")
    d = make_docx(tmp_path / "稿.docx", ["此项工作涉及到全县。"], title="关于召开会议的通知")
    assert run("check", str(d)).code == 1
    assert run("waive", str(d), "--reason", "引用原话").code == 0
    assert run("check", str(d)).code == 0
    assert waivers_of(tmp_path)[0]["file"] == "稿.docx"


@pytest.mark.parametrize("body, line, words", [
    ("version: 1\nwaivers:\n  - rule: WD002\n    file: a.txt\n    hash: abc\n    reason: x\n    colour: red\n", 7, "colour"),
    ("version: 1\nwaivers:\n  - rule: WD002\n    file: a.txt\n    hash: abc\n", 3, "reason"),
    ("version: 2\nwaivers: []\n", 1, "版本"),
    ("waivers: {a: 1}\n", 1, "列表"),
])
def test_bad_waiver_file(tmp_path, body, line, words):
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "gwlint-waivers.yaml").write_text(body, encoding="utf-8")
    (tmp_path / "gwlint.yaml").write_text("select: [WD002]\n", encoding="utf-8")
    r = run("check", str(tmp_path / "a.txt"))
    assert r.code == 2 and f"gwlint-waivers.yaml:{line}:" in r.err and words in r.err, r.err


def test_waivers_key_moves_the_file(tmp_path):
    (tmp_path / "gwlint.yaml").write_text("select: [WD002]\nwaivers: ci/accepted.yaml\n", encoding="utf-8")
    (tmp_path / "ci").mkdir()
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    assert run("waive", str(tmp_path / "a.txt"), "--reason", "x").code == 0
    accepted = yaml.safe_load((tmp_path / "ci" / "accepted.yaml").read_text(encoding="utf-8"))
    assert accepted["waivers"][0]["file"] == "a.txt"  # relative to the configuration, not ci/
    assert run("check", str(tmp_path / "a.txt")).code == 0


def test_lazy_fingerprints_are_the_hashes_of_the_findings():
    import pickle

    from lint.engine import check_document, load_rules
    from lint.policy.selection import select_rules
    from lint.policy.waivers import LazyFingerprints, fingerprints
    from lint.readers import read_stdin

    doc = read_stdin("关于做好安全生产工作的通知\n各单位，\n    要认真落实落实责任,确保安全.\n".encode("utf-8"), "a.txt")
    doc.meta["doctype"] = None
    findings = check_document(doc, select_rules(load_rules()))
    assert findings
    lazy = LazyFingerprints(findings, doc)
    eager = fingerprints(findings, doc)
    assert list(lazy) == eager and len(lazy) == len(eager) and lazy[0] == eager[0] and lazy == eager
    assert [d for _, d in zip(findings, LazyFingerprints(findings, doc))] == eager
    assert pickle.loads(pickle.dumps(LazyFingerprints(findings, doc))) == eager  # crosses as a list
    settled = LazyFingerprints(findings, doc)
    settled.settle()
    assert settled._doc is None and list(settled) == eager
