"""文种: inference from the title block, and the 条例 rules on each type (rules/doctype)."""

from __future__ import annotations

import pytest

from lint.config.settings import Settings
from lint.analysis.document_type import infer, title_type
from lint.engine import check_document, load_rules
from lint.readers import read_stdin
from lint.app.checking import check_one
from tests.helpers import CORPUS, run

RULES = load_rules()
DT = [r for r in RULES if r.category == "doctype"]
GOV = CORPUS / "gov-reports"


def _doc(text: str, doctype: str | None = None):
    doc = read_stdin(text.encode("utf-8"), "draft.txt")
    doc.meta["doctype"] = doctype or infer(doc)
    doc.meta["public"] = False
    return doc


@pytest.mark.parametrize("title,expected", [
    ("关于做好春节期间安全生产工作的通知", "通知"),
    ("县人民政府关于申请城区道路改造资金的请示", "请示"),
    ("关于对县应急管理局请示的批复", "批复"),
    ("国务院令", "命令"),
    ("县政府第十二次常务会议纪要", "纪要"),
    ("2023年工作总结", "总结"),
    ("决胜全面建成小康社会", None),
])
def test_title_type(title, expected):
    assert title_type(title) == expected


@pytest.mark.parametrize("text", [
    "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　李强\n各位代表：\n现在，我代表国务院，向大会报告政府工作。",
    "决胜全面建成小康社会\n夺取新时代中国特色社会主义伟大胜利\n——在中国共产党第十九次全国代表大会上的报告\n同志们：",
    "关于2023年工作情况的报告\n同志们：\n现在，我代表县政府作工作报告。",
    "在全县安全生产工作会议上的讲话\n今天召开全县安全生产工作会议。",
])
def test_speeches_are_not_legal_types(text):
    assert infer(_doc(text)) == "讲话稿"


def test_a_notice_with_an_addressee_is_not_a_speech():
    assert infer(_doc("关于做好春节期间安全生产工作的通知\n各乡镇人民政府：\n全县各单位要认真做好安全生产工作。")) == "通知"


@pytest.mark.skipif(not GOV.is_dir(), reason="shared/corpus/gov-reports is not beside the repository")
def test_gov_reports_doctypes_and_silence():
    """政府工作报告 and 党代会报告 are delivered as speeches; the NPC resolutions are 决议 or untitled."""
    seen = {}
    for p in sorted(GOV.glob("*.txt")):
        r = check_one(str(p), p, DT, Settings())  # all DT rules, preview DT007 included
        assert not r.error
        seen[p.name] = r.doctype
        assert not r.findings, [f"{f.code} {f.message}" for f in r.findings]
    assert all(t == "讲话稿" for n, t in seen.items() if n.startswith(("gwr_", "cpc_")))
    assert {t for n, t in seen.items() if n.startswith("npc_")} <= {"决议", None}


def test_speech_gets_no_doctype_finding_even_with_request_words():
    text = ("关于2023年安全生产工作情况的报告\n同志们：\n今年全县未发生较大事故。\n妥否，请批示。\n")
    doc = _doc(text)
    assert doc.meta["doctype"] == "讲话稿"
    assert not check_document(doc, DT)


def test_configured_doctype_overrides_the_title():
    text = "关于2023年安全生产工作情况\n县人民政府：\n今年全县未发生较大事故。\n妥否，请批示。\n"
    found = {f.code for f in check_document(_doc(text, "报告"), DT)}
    assert found == {"DT001", "DT006"}
    assert not check_document(_doc(text, "总结"), DT)


@pytest.mark.parametrize("code", ["DT002", "DT003", "DT004", "DT005", "DT006", "DT007"])
def test_type_rules_declare_their_doctypes(code):
    rule = RULES.get(code)
    assert rule.doctypes and "讲话稿" not in rule.doctypes and "总结" not in rule.doctypes


def test_report_with_request_through_the_cli():
    text = "关于2023年安全生产工作情况的报告\n县人民政府：\n今年全县未发生较大事故。\n妥否，请批示。\n"
    r = run("check", "--select", "DT006", "--format", "json", "-", input=text.encode("utf-8"))
    assert r.code == 1
    [f] = r.json["findings"]
    assert f["text"] == "妥否，请批示" and f["line"] == 4
    r = run("check", "--select", "DT006", "--doctype", "讲话稿", "-", input=text.encode("utf-8"))
    assert r.code == 0, r


def test_request_with_two_addressees_and_no_ending():
    text = "关于申请城区道路改造资金的请示\n县委、县政府：\n拟申请资金500万元。\n县住房和城乡建设局\n2024年3月5日\n"
    found = {f.code: f for f in check_document(_doc(text), DT)}
    assert set(found) == {"DT004", "DT005"}
    assert "2个" in found["DT004"].message
    assert found["DT005"].location == "全文"
