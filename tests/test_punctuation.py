"""Punctuation rules (PN, GB/T 15834-2011): the tricky cases beyond each rule's own examples."""

from __future__ import annotations

import pytest

from lint.engine import check_document, load_rules
from lint.readers import read_stdin

RULESET = load_rules()


def findings(text: str, code: str):
    doc = read_stdin(text.encode("utf-8"), "draft.txt")
    doc.meta["doctype"] = None
    doc.meta["public"] = False
    rule = RULESET.get(code)
    return check_document(doc, [rule])


def fixes(text: str, code: str):
    return [(f.text, f.suggestion) for f in findings(text, code)]


# --- PN001 half-width punctuation -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "全年经济增长5.2%，居民消费价格上涨0.2%。",
    "会议于上午8:30开始，下午2:00结束。",
    "投票结果为3:2，共采购设备1,200台。",
    "详见http://www.gov.cn/zhengce/index.htm?id=3&a=b，或来信office@example.gov.cn。",
    "他引用了“Rules, not power”这句话。",
    "Hello, world! 是程序员的第一行代码。",
    "调用print(x)函数输出结果。",
    "PM2.5平均浓度下降3.1%。",
    "It's a dog's life，英语谚语。",
    "e.g. 2024.3.5",
    "1.加强组织领导。",
    "采用C++和C#语言编写。",
])
def test_halfwidth_quiet_on_numbers_urls_english_and_code(text):
    assert findings(text, "PN001") == []


def test_halfwidth_reports_each_occurrence_with_its_fix():
    text = '我们要加强领导,狠抓落实;他说:"这是第一步."(详见附件)你们准备好了吗?'
    assert fixes(text, "PN001") == [
        (",", "，"), (";", "；"), (":", "："), ('"', "“"), (".", "。"), ('"', "”"),
        ("(", "（"), (")", "）"), ("?", "？")]


def test_halfwidth_scraped_document_reports_hundreds():
    para = "各单位要高度重视,认真落实,确保取得实效."
    text = "\n".join([para] * 100)
    assert len(findings(text, "PN001")) == 300


def test_halfwidth_leaves_ordinal_marks_to_pn009():
    assert findings("一是,加强领导。", "PN001") == []
    assert fixes("(1)加强组织领导。", "PN001") == []
    assert fixes("第(1)项工作已经完成。", "PN001") == [("(", "（"), (")", "）")]


def test_halfwidth_number_at_paragraph_end():
    assert fixes("同比增长3.5.", "PN001") == [(".", "。")]
    assert fixes("如图1.2所示。", "PN001") == []


# --- PN002 unbalanced pairs -------------------------------------------------------------------

def test_unbalanced_reports_the_lone_half():
    found = findings("要深刻领会“两个确立”的决定性意义，增强“四个意识。", "PN002")
    assert [(f.text, f.column) for f in found] == [("“", 21)]


def test_unbalanced_allows_a_quotation_over_paragraphs():
    text = "他指出：“第一段。\n“第二段。\n“第三段。”"
    assert findings(text, "PN002") == []
    assert len(findings("他指出：“第一段。\n第二段。", "PN002")) == 1


def test_unbalanced_ignores_bracket_markers_and_apostrophes():
    assert findings("1）加强领导。\na）压实责任。\nXi’an是西安。", "PN002") == []


# --- PN003 repeated marks / PN006 ellipsis ----------------------------------------------------

def test_three_full_stops_are_an_ellipsis_not_a_repeat():
    assert findings("情况正在好转。。。", "PN003") == []
    assert fixes("情况正在好转。。。", "PN006") == [("。。。", "……")]


def test_repeat_suggests_a_single_mark_but_not_for_two_different_marks():
    assert fixes("加强领导，，狠抓落实。", "PN003") == [("，，", "，")]
    assert fixes("加强领导，。", "PN003") == [("，。", None)]
    assert findings("难道不是吗？！", "PN003") == []


@pytest.mark.parametrize("text,count", [("……", 0), ("…………", 0), ("…", 1), ("………", 1), ("……………", 1),
                                        ("等...", 1), ("He said wait... and left", 0)])
def test_ellipsis_lengths(text, count):
    assert len(findings(text, "PN006")) == count


# --- PN007 dashes, PN011 number ranges --------------------------------------------------------

def test_dash_single_between_places_is_a_connector():
    assert findings("顺利建成中国—东盟自贸区，召开中国—欧盟领导人会晤。", "PN007") == []
    assert fixes("--我们要全面改善人民生活。", "PN007") == [("--", "——")]


@pytest.mark.parametrize("text,code,expected", [
    ("每人补助500-800元。", "PN013", [("500-800", "500～800")]),
    ("实施2021-2025年规划。", "PN013", [("2021-2025", "2021—2025")]),
    ("每人补助500——800元。", "PN011", [("500——800", "500～800")]),
    ("实施2021——2025年规划。", "PN011", [("2021——2025", "2021—2025")]),
    ("增幅为20%~30%。", "PN011", [("20%~30", "20%～30")]),
    ("增幅为20%-30%。", "PN013", [("20%-30", "20%～30")]),
    ("每人补助500-800元。", "PN011", []),
    ("按照GB/T 9704-2012执行。", "PN013", []),
    ("联系电话：0571-88888888。", "PN013", []),
    ("完整日期写作2008-8-8。", "PN013", []),
    ("3-2号楼", "PN013", []),
    ("鲁迅（1881—1936）", "PN011", []),
    ("每户补助3-5万元。", "PN013", []),  # NM012 reports it with the full fix
])
def test_number_range_dash(text, code, expected):
    assert fixes(text, code) == expected


# --- PN009 序次语 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("1、加强组织领导", ("1、", "1.")),
    ("一，总体要求", ("一，", "一、")),
    ("（一）、总体要求", ("（一）、", "（一）")),
    ("（1）：加强领导", ("（1）：", "（1）")),
    ("第一、要提高政治站位。", ("第一、", "第一，")),
    ("主要有两点：一是，加强领导。", ("一是，", "一是")),
])
def test_ordinal_marks(text, expected):
    assert fixes(text, "PN009") == [expected]


@pytest.mark.parametrize("text", ["1.加强组织领导", "1．加强组织领导", "（一）总体要求", "一、总体要求",
                                  "1、2月份，全县增长。", "第一、二季度经济平稳。", "统一是前提，协调是关键。",
                                  "唯一是，", "一是一，二是二。"])
def test_ordinal_marks_quiet(text):
    assert findings(text, "PN009") == []


# --- PN010 heading ends -----------------------------------------------------------------------

def test_heading_end_run_in_heading_keeps_its_full_stop():
    text = "一、总体要求\n（一）加强组织领导。\n1.压实责任。\n各单位要认真落实。"
    assert findings(text, "PN010") == []


def test_heading_end_docx_title(tmp_path):
    from lint.readers import read_path
    from tests.helpers import make_docx

    path = make_docx(tmp_path / "t.docx", paragraphs=["各乡镇人民政府：", "现将有关事项通知如下。"],
                     title="关于做好春节期间安全生产工作的通知。")
    doc = read_path(path)
    doc.meta["doctype"] = None
    found = check_document(doc, [RULESET.get("PN010")])
    assert [(f.text, f.scope) for f in found] == [("。", "title")]


# --- PN012 stray spaces -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "国务院总理　李克强",
    "习　近　平",
    "使用 Word 软件，推进 5G 网络和 iPhone 15 手机。",
    "PM2.5 浓度下降，执行GB/T 9704-2012 标准。",
    "第七十四条 县以上人民政府应当立即组织核查。",
    "勠力同心谋新篇 砥砺前行开新局",
    "填报单位：县委办公室      2024年度",
    "　　全县上下要统一思想。",
    "— 1 —",
])
def test_stray_space_quiet(text):
    assert findings(text, "PN012") == []


@pytest.mark.parametrize("text,n", [
    ("二 是压实责任，三 是强化督查。", 2),
    ("一 、总体要求", 1),
    ("（ 一 ）总体要求", 2),
    ("会议于2024年3月5日召开 。", 1),
    ("我们要　加强领导，狠抓落实。", 1),
    ("2024 年全县完成投资 120亿元。", 2),
    ("二 是压实责任", 1),
    ("下降到70% 以上。", 1),
])
def test_stray_space_reported(text, n):
    found = findings(text, "PN012")
    assert len(found) == n
    assert all(f.suggestion == "" and not f.text.strip() for f in found)
