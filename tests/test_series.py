"""The series parser (lint/series.py): in-line 序次语, headings run into a line, series chaining,
announced counts; and the structure rules end to end on .txt (a whole speech in one line) and
.docx drafts."""

from __future__ import annotations

import pytest

from lint.readers import read_stdin
from lint.analysis.announce import announcements
from lint.analysis.outline import outline
from lint.analysis.series import inline_series, iter_inline_markers
from lint.checks.series import CHECKS
from tests.helpers import make_docx, run


def doc_of(text: str):
    return read_stdin(text.encode("utf-8"), "draft.txt")


def markers(text: str) -> list[tuple[str, str, int]]:
    doc = doc_of(text)
    return [(m.text, m.family, m.value) for m in iter_inline_markers(doc)]


def findings(doc, check: str) -> list[tuple[str, dict]]:
    return [(s.paragraph.text[s.start:s.end], d) for s, d in CHECKS[check](doc)]


# --- in-line markers ---------------------------------------------------------------------------

def test_inline_markers_have_family_value_and_offsets():
    text = "重点抓好三件事：一是加强领导；二是压实责任；三是强化督查。"
    doc = doc_of(text)
    ms = list(iter_inline_markers(doc))
    assert [(m.text, m.family, m.value) for m in ms] == [("一是", "shi", 1), ("二是", "shi", 2), ("三是", "shi", 3)]
    p = ms[0].paragraph
    assert [p.text[m.start:m.end] for m in ms] == ["一是", "二是", "三是"]
    assert ms[0].start == text.index("一是") and ms[2].end == text.index("三是") + 2


@pytest.mark.parametrize("text,expected", [
    ("一要及时；二要准确；三要有用。", [("一要", "yao", 1), ("二要", "yao", 2), ("三要", "yao", 3)]),
    ("第一，统一思想。第二，明确责任。第十一，狠抓落实。", [("第一", "di", 1), ("第二", "di", 2), ("第十一", "di", 11)]),
    ("其一，时间紧；其二是任务重。", [("其一", "qi", 1), ("其二", "qi", 2)]),
    ("首先，提高认识。其次，加强领导。再次，压实责任。最后，强化督查。",
     [("首先", "seq", 1), ("其次", "seq", 2), ("再次", "seq", 3), ("最后", "seq", 0)]),
])
def test_each_family(text, expected):
    assert markers(text) == expected


@pytest.mark.parametrize("text", [
    "这是全省第一次召开此类会议，第一书记要带头。",
    "第一产业增加值增长3%，第一、第二产业协调发展，第一、二季度平稳。",
    "居全国第一，排名第一。",
    "标准统一是前提，唯一是目标。",
    "始终如一，不二要求。",
    "反映情况要一是一、二是二。",
    "打通最后一公里，最后一次会议。会上再次强调了纪律。",
    "我们要首先抓好安全生产。",
    "三要素齐全，第一要务是发展。",
])
def test_false_markers_are_not_parsed(text):
    assert markers(text) == []


def test_marks_and_stray_blanks_are_exposed_for_punctuation_rules():
    doc = doc_of("一是，加强领导；二 是压实责任；第三、强化督查。")
    ms = list(iter_inline_markers(doc))
    assert [(m.text, m.mark, m.space) for m in ms] == [("一是", "，", ""), ("二 是", "", " "), ("第三", "、", "")]
    assert ms[1].canonical() == "二是"


def test_marker_after_closing_quote_of_a_sentence():
    assert markers("他说：“要抓落实。”一是建台账，二是抓督查。") == [("一是", "shi", 1), ("二是", "shi", 2)]


# --- chaining into series ----------------------------------------------------------------------

def test_new_series_restarts_at_one_and_nested_series_are_allowed():
    doc = doc_of("第一，加强领导。一是建班子，二是定制度。第二，压实责任。一是明确分工，二是严格考核。最后，强调一点。")
    a = inline_series(doc)
    assert a.events == []
    fams = [(s.family, [m.text for m in s.items]) for s in a.series]
    assert fams == [("di", ["第一", "第二"]), ("shi", ["一是", "二是"]), ("shi", ["一是", "二是"])]
    assert a.series[0].last is not None and a.series[0].last.text == "最后"


def test_series_spans_paragraphs_but_a_heading_closes_it():
    doc = doc_of("一、主要任务\n一是加强领导。\n二是压实责任。\n二、保障措施\n三是落实经费。")
    a = inline_series(doc)
    assert [[m.text for m in s.items] for s in a.series] == [["一是", "二是"]]
    assert a.events == []  # 三是 without 一是 after a heading is not guessed at


def test_a_new_series_does_not_close_a_series_of_another_family_opened_after_the_old_one():
    # 一是……三是 (done), then 第一……第二 with a new 一是…… under 第二: 第三 still continues 第二
    doc = doc_of("一是结构不合理。\n二是负担沉重。\n三是包袱较重。\n第一，抓好大企业。\n"
                 "第二，增资减债。一是转为资本金，二是发行股票。\n第三，加强管理。")
    a = inline_series(doc)
    assert [[m.text for m in s.items] for s in a.series] == [
        ["一是", "二是", "三是"], ["第一", "第二", "第三"], ["一是", "二是"]]
    assert a.events == [] and a.starts == []


def test_lone_shouxian_is_an_adverb_not_a_series():
    doc = doc_of("首先要统一思想。会议还研究了其他事项。")
    assert inline_series(doc).series == []


@pytest.mark.parametrize("text,kind,found,expected", [
    ("一是加强领导；二是压实责任；四是强化督查。", "continuity", "四是", 3),
    ("一要提高认识。二要加强领导。二要强化督查。", "continuity", "二要", 3),
    ("首先，要提高认识。二要加强领导。", "family", "二要", 2),
    ("一要及时；二是准确。", "family", "二是", 2),
    ("第一，统一思想。其次，明确责任。", "family", "其次", 2),
])
def test_events(text, kind, found, expected):
    ev = inline_series(doc_of(text)).events
    assert [(e.kind, e.marker.text, e.expected) for e in ev] == [(kind, found, expected)]


# --- headings --------------------------------------------------------------------------------

def test_headings_run_into_a_one_line_speech_are_items():
    doc = doc_of("同志们：今天讲三个问题。一、认清形势。（一）成绩。（二）问题。二、明确任务。三、抓好落实。")
    items = outline(doc).nodes
    assert [(it.label, it.embedded, it.level) for it in items] == [
        ("一、", True, 1), ("（一）", True, 2), ("（二）", True, 2), ("二、", True, 1), ("三、", True, 1)]
    assert findings(doc, "continuity") == [] and findings(doc, "announced-count") == []


def test_numbers_after_a_full_stop_are_not_headings():
    doc = doc_of("全年完成投资120亿元。1.5亿元用于民生。一、二季度增长较快。3、4月份有所回落。")
    assert outline(doc).nodes == []


# --- announced counts ------------------------------------------------------------------------

@pytest.mark.parametrize("text,count", [
    ("下面，我讲三点意见。", 3),
    ("今年重点抓好四件事：", 4),
    ("要做好三个方面的工作：", 3),
    ("今年将采取五项举措。", 5),
    ("概括起来就是“三个十分”：", 3),
    ("要做好以下“六方面”工作：", 6),
    ("工作中要做到“三个十分”：", 3),
    ("要做到三个“坚持”：", 3),
])
def test_announcements(text, count):
    assert [a.count for a in announcements(doc_of(text))] == [count]


@pytest.mark.parametrize("text", [
    "要坚持“三个代表”重要思想。",
    "全年增长三点五个百分点。",
    "这三项工作都很重要。",
    "第三点意见是加强领导。",
    "要坚持“两个确立”。",
    "深刻领会“三个务必”的内涵，做到三个“坚持”。",
])
def test_not_announcements(text):
    assert announcements(doc_of(text)) == []


def test_announced_count_counts_the_series_that_follows_directly():
    doc = doc_of("今年要抓好三件事：一是加强领导；二是压实责任。会议还指出，一是要统一思想，二是要加强协调，三是要狠抓落实。")
    assert [(t, d["announced"], d["actual"]) for t, d in findings(doc, "announced-count")] == [("三件事", "三", "两")]
    doc = doc_of("我讲三点意见。\n一、提高认识\n二、加强领导\n三、压实责任")
    assert findings(doc, "announced-count") == []


# --- end to end ------------------------------------------------------------------------------

ONE_LINE_SPEECH = (
    "在全县办公室工作会议上的讲话同志们：今天召开这次会议，我讲三点意见。一、提高认识。当前形势复杂，"
    "主要有两个方面：一是经济下行压力较大，二是项目储备不足，四是要素保障偏紧。二、加强领导。"
    "首先，要建立工作专班。二要定期研究调度。四、强化保障。第一，落实经费。第二，配齐人员。"
    "最后，希望大家把思想统一到会议精神上来。\n")


def test_one_line_speech_via_cli(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(ONE_LINE_SPEECH, encoding="utf-8")
    r = run("check", "-f", "json", "--select", "structure", str(path))
    got = sorted((f["code"], f["text"]) for f in r.json["findings"])
    assert got == [("ST001", "四、"), ("ST002", "四是"), ("ST003", "二要"), ("ST005", "两个方面")], r
    assert all(f["line"] == 1 for f in r.json["findings"])


def test_docx_series(tmp_path):
    path = make_docx(tmp_path / "draft.docx", title="关于做好安全生产工作的通知", paragraphs=[
        "一、主要任务",
        "今年重点抓好四件事。",
        "一是加强领导，成立工作专班。",
        "二是压实责任，明确分工。三是强化督查，定期通报。",
        "四是严格考核，兑现奖惩。",
        "二、保障措施",
        "1.落实经费",
        "（一）配齐人员",
    ])
    r = run("check", "-f", "json", "--select", "structure", str(path))
    got = sorted((f["code"], f["text"]) for f in r.json["findings"])
    assert got == [("ST004", "（一）"), ("ST006", "三是")], r


def test_gov_report_style_series_stay_quiet():
    text = ("做好今年政府工作，必须把握好以下原则：一是扩内需、保增长。二是调结构、上水平。三是抓改革、增活力。\n"
            "今年要采取四项措施：一要健全廉租住房制度；二要加快棚户区改造；三要增加中低价位住房供给；四要加强市场监管。\n"
            "一年来，我们主要做了以下工作。\n"
            "一是加大宏观调控力度。\n二是依靠创新引领产业升级。\n三是深化改革扩大开放。\n"
            "这是新中国成立以来第一次，我国经济总量稳居世界第二，最后一公里问题得到解决。\n")
    doc = doc_of(text)
    for name, fn in CHECKS.items():
        assert list(fn(doc)) == [], name


@pytest.mark.parametrize("text,mixed", [
    ("首先，我代表县委表示感谢。\n会议认为，形势较好。二是项目推进有力。", []),
    ("首先，要提高认识。\n会议指出，要抓落实。\n二要加强领导。", []),
    ("首先，要提高认识。\n二要加强领导。", ["二要"]),
    ("首先要提高认识，二要加强领导。", ["二要"]),
])
def test_a_lone_shouxian_expires_unless_it_is_an_item(text, mixed):
    assert [t for t, _ in findings(doc_of(text), "family-mix")] == mixed


def test_speed_of_a_long_draft():
    import time

    para = "今年要抓好三件事：一是加强领导，成立专班；二是压实责任，明确分工；三是强化督查，定期通报。"
    doc = doc_of("关于做好工作的通知\n" + "\n".join(f"{i % 9 + 1}.{para}" for i in range(200)))
    t0 = time.perf_counter()
    for fn in CHECKS.values():
        list(fn(doc))
    assert time.perf_counter() - t0 < 1.0  # ~9,000 characters; generous bound on a shared machine
