"""How drafts introduce people (lint.checks.people_mentions) and the in-document people checks
(FC017, FC019) on whole drafts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.checks.people_mentions import mentions, name_at, plausible_name
from lint.checks.people_posts import compatible_bodies, core_title
from lint.engine import check_document, load_rules
from lint.readers import read_path, read_stdin

RULES = {r.code: r for r in load_rules()}
DATA = Path(__file__).parent / "data" / "people"
SCOPE = ("title", "heading", "body", "table")


def _mentions(text: str):
    doc = read_stdin(text.encode("utf-8"), "t.txt")
    return [(m.name, m.body, m.title, m.how, m.past) for m in mentions(doc, SCOPE)]


@pytest.mark.parametrize("text, name", [
    ("局长李明指出，要压实责任。", "李明"),          # the next word starts after two characters
    ("局长吴国平带队检查。", "吴国平"),             # 平带 is no word
    ("我局局长周明华为项目第一责任人。", "周明华"),  # 华为 is a word, but 为 follows names
    ("主任高雨担任组长。", "高雨"),                 # 担任 is far likelier than 任 after a name
    ("局长王刚在会上讲话。", "王刚"),               # 在 is never read as a name's last character
    ("镇长陈刚作总结讲话。", "陈刚"),
    ("副县长欧阳晓东出席。", "欧阳晓东"),           # a compound surname
])
def test_name_after_a_post(text, name):
    start = text.index(name)
    assert name_at(text, start) == name


@pytest.mark.parametrize("word", ["单位", "高度", "马上", "任期内", "和顾问"])
def test_common_words_after_a_post_are_no_names(word):
    assert not plausible_name(word)


@pytest.mark.parametrize("name", ["李强", "王建国", "李国华", "王国华", "周明华"])
def test_names_that_look_like_words_or_are_in_the_dictionary_stay_names(name):
    assert plausible_name(name)


def test_the_ways_a_draft_introduces_people():
    got = _mentions("县农业农村局局长吴国平带队调研。分管副局长王志刚具体负责。"
                    "联系人：孙立华（市应急管理局执法监督科），电话：0536-8888888。"
                    "请于3月11日前报市局执法监督科孙丽华。李晓明同志主持会议。"
                    "组长：周明华（局长）。由赵永刚局长作动员。出席：张明、李红、王强。")
    assert got == [
        ("吴国平", "县农业农村局", "局长", "title", False),
        ("王志刚", "", "副局长", "title", False),
        ("孙立华", "市应急管理局执法监督科", "", "contact", False),
        ("孙丽华", "市局执法监督科", "", "desk", False),
        ("李晓明", "", "", "comrade", False),
        ("周明华", "", "局长", "bracket", False),
        ("赵永刚", "", "局长", "name-title", False),
        ("张明", "", "", "list", False),
        ("李红", "", "", "list", False),
        ("王强", "", "", "list", False),
    ]


@pytest.mark.parametrize("text, name", [
    ("联系电话：张丽萍，0551-6210000。", "张丽萍"),
    ("联系人及电话：王海，13800000000。", "王海"),
    ("联系电话：0551-6210000（张丽萍）", "张丽萍"),
])
def test_contact_lines(text, name):
    assert [(n, how) for n, _, _, how, _ in _mentions(text)] == [(name, "contact")]


def test_a_post_followed_by_a_verb_or_a_word_names_nobody():
    assert _mentions("局长要带头落实。组长单位要按时报送。局长办公会审议通过。局长高度重视。") == []
    # 处于, 开办 and 地处 end in a desk's character but are verbs
    assert _mentions("价格处于高位。在企业开办时限内办结。该村地处高山区。") == []


def test_a_place_that_holds_a_post_names_nobody():
    # 省长, 市长, 镇长 inside a place name: the segmentation puts no boundary after the post
    assert _mentions("加强湖北省长江流域保护，建设市长江大桥，整治北京市长安街沿线。镇长安村已完成。") == []


def test_past_and_changing_posts_are_marked():
    got = _mentions("原县水利局局长王强出席。时任县长张明主持。会议决定任命李红为县财政局局长。"
                    "2018年，县教育局局长赵刚带队考察。\n县人民政府\n2025年3月1日")
    assert [(n, past) for n, _, _, _, past in got] == [("王强", True), ("张明", True), ("赵刚", True)]


def test_bodies_that_may_be_one():
    assert compatible_bodies("县发改局", "县发展和改革局")
    assert compatible_bodies("市局执法监督科", "市应急管理局执法监督科")
    assert compatible_bodies("", "县水利局")
    assert not compatible_bodies("县水利局", "县农业农村局")
    assert core_title("常务副县长") == "县长" and core_title("副局长") == "局长"


def _found(path: Path, codes=("FC017", "FC019", "FC031")) -> list[tuple[int, str, str]]:
    doc = read_path(path)
    doc.meta["doctype"] = None
    return sorted((f.line, f.code, f.text) for f in check_document(doc, [RULES[c] for c in codes]))


@pytest.mark.parametrize("name", ["minutes_clean.txt", "group_clean.txt"])
def test_drafts_full_of_people_are_quiet(name):
    # minutes with two town heads 马俊 / 马骏 (two posts: two people), a removal and a former
    # head (原, 时任, 任命, 免去), bare posts that take their holder's body; a leading group
    # written 组长：张明（县长）, village secretaries of two villages
    assert _found(DATA / name) == []


def test_planted_people_faults_are_found():
    assert _found(DATA / "notice_faulty.txt") == [
        (5, "FC017", "副县长王海燕"),        # 副县长 here, 县长 on line 9
        (5, "FC017", "县住建局局长何丽"),    # 局长 here, 副局长 on line 9
        (5, "FC019", "县住建局局长何丽"),    # the bureau's head is 周敏 on line 8
        (5, "FC031", "县住建局"),            # defined later on the line
        (7, "FC017", "谢晓东"),              # the contact on line 11 is 谢小东
        (8, "FC019", "县住房和城乡建设局局长周敏"),
        (9, "FC017", "县住建局副局长何丽"),
        (9, "FC017", "县长王海燕"),
        (11, "FC017", "谢小东"),
    ]


def test_two_people_with_alike_names_and_different_posts_are_not_one():
    text = "城关镇镇长马俊主持会议。东城镇镇长马骏作表态发言。"
    doc = read_stdin(text.encode("utf-8"), "t.txt")
    doc.meta["doctype"] = None
    assert check_document(doc, [RULES["FC017"], RULES["FC019"]]) == []
