"""ST009 inline-series-start: an in-line series that starts past its first item (lint/series.py
``check_inline_start``), its look-alikes, and the rule end to end."""

from __future__ import annotations

import pytest

from lint.readers import read_stdin
from lint.analysis.series import inline_series
from lint.checks.series import CHECKS
from tests.helpers import make_docx, run


def doc_of(text: str):
    return read_stdin(text.encode("utf-8"), "draft.txt")


def starts(text: str) -> list[tuple[str, str]]:
    """(marker found, first item expected) for every series reported as starting past one."""
    return [(s.paragraph.text[s.start:s.end], d["expected"]) for s, d in CHECKS["inline-start"](doc_of(text))]


@pytest.mark.parametrize("text,expected", [
    # the first item deleted: the series starts at 二是 / 二要 / 第二 / 其二
    ("下一步重点抓好以下工作。二是压实责任；三是强化督查。", [("二是", "一是")]),
    ("要切实提高思想认识。\n二要加强组织领导。\n三要强化督促检查。", [("二要", "一要")]),
    ("全县上下要做到：\n统一思想认识。\n第二，明确工作责任。\n第三，狠抓工作落实。", [("第二", "第一")]),
    ("原因有两个方面。时间很紧。其二，任务很重。", [("其二", "其一")]),
    # 其次， opening a sentence, with no 首先 anywhere before it in the section
    ("要提高思想认识。其次，要加强组织领导。最后，要强化督促检查。", [("其次", "首先")]),
    # a single item left
    ("会议指出，要统一思想。第二，要压实责任。", [("第二", "第一")]),
    # nested under 第二: the 一是 before belongs to the series under 第一
    ("第一，加强领导。一是建班子，二是定制度。第二，压实责任。二是明确分工，三是严格考核。", [("二是", "一是")]),
    # a heading closes the series of the section before it
    ("一、认清形势\n一是经济下行压力较大。\n二是项目储备不足。\n二、明确任务\n三是抓好项目建设。", [("三是", "一是")]),
    ("（一）加强领导\n一是统一思想。\n（二）压实责任\n二是明确责任。", [("二是", "一是")]),
    # the same in a whole speech saved as one line (headings run into the line)
    ("同志们：今天讲两点意见。一、认清形势。一是压力较大，二是储备不足。二、抓好落实。三是要加强领导。",
     [("三是", "一是")]),
])
def test_series_starting_past_one(text, expected):
    assert starts(text) == expected


@pytest.mark.parametrize("text", [
    # complete series, within a paragraph or over several
    "今年重点抓好三件事：一是加强领导；二是压实责任；三是强化督查。",
    "一年来主要做了三项工作。\n一是加大调控力度。\n二是引领产业升级。\n三是深化改革开放。",
    "首先，要提高认识。其次，要加强领导。再次，要压实责任。最后，要强化督查。",
    # quotations and titles of documents
    "必须坚持“一要吃饭，二要建设”的原则。",
    "他在讲话中说：“要加强领导，二是压实责任，三是强化督查。”",
    "认真学习《关于统一思想，二是三是的几点说明》。",
    # idioms, ordinals, adverbs
    "反映情况要一是一、二是二，不夸大也不缩小。",
    "这是全省第一次召开此类会议，第二批试点明年启动，第二产业增长较快。",
    "质量是第一位的，其次是数量。会上再次强调了纪律。最后，我再强调一点。",
    "我们已经开展了调研。再次，我代表县委表示感谢。",
    "只知其一，不知其二。",
    # a first item the parser does not take for a marker (not opening a clause)
    "要着力抓好一是加强领导，二是压实责任。",
    "经验是：第一步，建立联系；第二，选拔骨干；第三，组织起来。",
    # a first item of another family: a mixed series (ST003), not a missing item
    "首先，要提高认识。\n会议指出，要抓落实。\n二要加强领导。",
    "首先，我们必须削减非生产性支出。\n这将节约一笔资金。\n第二，我们必须降低建设成本。",
    # the series goes on after run-in numbered items inside one of its points
    "第一，统一思想。第二，明确责任。\n1.成立专班，由分管领导任组长。\n2.建立台账，逐项销号。\n第三，狠抓落实。",
    "第一，农业合作化问题。\n第二，增产措施，我提出以下几点：\n一、开垦荒地。扩大耕地面积。\n二、兴修水利。扩大灌溉面积。\n第三，领导问题。",
    "（一）加强领导\n第一，统一思想。第二，明确责任。\n1.成立专班\n2.建立台账\n第三，狠抓落实。",
])
def test_look_alikes_are_not_reported(text):
    assert starts(text) == []


def test_one_finding_per_series_and_per_section():
    # 二是 starts the series; 三是 continues it; a second lone 四是 in the section is not a new start
    text = "要统一思想，二是加强领导。\n三是压实责任。\n会议还指出，四是强化督查。"
    assert starts(text) == [("二是", "一是")]


def test_the_advice_renumbers_the_series_or_drops_a_single_marker():
    doc = doc_of("下一步重点抓好以下工作。二是压实责任；三是强化督查；四是严格考核。")
    [(_, data)] = list(CHECKS["inline-start"](doc))
    assert data["problem"] == "序号未从第一项开始" and data["suggestion"] == "一是"
    assert "一是……二是……三是（原为二是……三是……四是）" in data["advice"]
    [(_, data)] = list(CHECKS["inline-start"](doc_of("要统一思想。第二，要压实责任。")))
    assert "可删去“第二”" in data["advice"]


def test_lone_starts_do_not_change_the_other_series_checks():
    doc = doc_of("一、主要任务\n一是加强领导。\n二是压实责任。\n二、保障措施\n三是落实经费。")
    a = inline_series(doc)
    assert a.events == []
    assert [st.marker.text for st in a.starts] == ["三是"]
    assert list(CHECKS["inline-continuity"](doc)) == [] and list(CHECKS["family-mix"](doc)) == []


def test_via_cli_with_message(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("关于做好安全生产工作的通知\n各乡镇：\n要切实提高思想认识。\n二要加强组织领导。\n三要强化督促检查。\n",
                    encoding="utf-8")
    r = run("check", "-f", "json", "--select", "ST009", str(path))
    [f] = r.json["findings"]
    assert (f["code"], f["text"], f["line"], f["severity"]) == ("ST009", "二要", 4, "warning")
    assert f["message"].startswith("序号未从第一项开始：本组序次语从“二要”开始，前面没有“一要”。")
    assert "一要……二要" in f["message"]


def test_docx_heading_paragraph_holding_the_first_item(tmp_path):
    # the first item styled as a Word heading is still seen before 二是
    path = make_docx(tmp_path / "draft.docx", title="关于做好安全生产工作的通知", paragraphs=[
        ("一是加强领导", "Heading 2"),
        "成立工作专班，明确责任分工。",
        "二是压实责任，明确分工。",
        "三是强化督查，定期通报。",
    ])
    r = run("check", "-f", "json", "--select", "ST009", str(path))
    assert r.json["findings"] == [], r


def test_no_look_back_without_candidates():
    # series checks run on every paragraph: a long clean draft stays fast
    import time

    para = "今年要抓好三件事：一是加强领导，成立专班；二是压实责任，明确分工；三是强化督查，定期通报。"
    doc = doc_of("关于做好工作的通知\n" + "\n".join(para for _ in range(300)))
    t0 = time.perf_counter()
    assert list(CHECKS["inline-start"](doc)) == []
    assert time.perf_counter() - t0 < 1.0
