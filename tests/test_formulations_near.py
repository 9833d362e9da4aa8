"""FC013 and FC014 beyond the head-and-tail comparison: words exchanged, a changed last part,
marks that join parts, and a wrong item at the edge of an unlabelled enumeration."""

from __future__ import annotations

import re

import pytest

from lint.checks.facts_formulation_near import (
    common_affix, edge_item, joins_only, last_part_miss, stem, swapped)
from lint.checks.facts_formulations import _LEAD
from lint.engine import check_document, load_rules
from lint.readers import read_stdin

RULES = {r.code: r for r in load_rules() if r.code in ("FC013", "FC014")}


def _hits(code: str, text: str, rules=None) -> list[str]:
    doc = read_stdin(text.encode("utf-8"), "t.txt")
    doc.meta["doctype"] = None
    rule = (rules or RULES)[code]
    return [f.text for f in check_document(doc, [rule])]


@pytest.mark.parametrize("cand,right", [
    ("千山整治、万山示范", "千山示范、万山整治"),
    ("治理能力和治理体系", "治理体系和治理能力"),
    ("藏粮于技、藏粮于地", "藏粮于地、藏粮于技"),
    ("协调推进甲、统筹推进乙", "统筹推进甲、协调推进乙"),
    ("甲乙丙丁", "丙丁甲乙"),
    # parts in another order, whatever their length
    ("人才是第一资源、科技是第一生产力、创新是第一动力", "科技是第一生产力、人才是第一资源、创新是第一动力"),
    ("人民就是江山，江山就是人民", "江山就是人民，人民就是江山"),
])
def test_two_words_exchanged_are_a_transposition(cand, right):
    assert swapped(cand, right)


@pytest.mark.parametrize("cand,right", [
    ("中国特色社会主义最本质的特征是中国共产党领导", "中国共产党领导是中国特色社会主义最本质的特征"),
    ("中华民族伟大复兴中国梦的", "中华民族伟大复兴的中国梦"),  # 的 moved past a word
    ("甲乙丙丁", "甲乙丙丁"),
    ("甲乙丙丁", "甲乙丙戊"),
    ("甲乙丙丙", "甲乙丙"),
    ("乙甲丙丁", "甲乙丙丁"),  # two single characters side by side: a slip, not words exchanged
])
def test_what_is_not_a_transposition(cand, right):
    assert not swapped(cand, right)


def test_joining_marks_and_little_words_do_not_make_a_different_wording():
    assert joins_only("大众创业万众创新", "大众创业、万众创新")
    assert joins_only("毫不动摇地巩固", "毫不动摇巩固")
    assert joins_only("甲总体布局和协调推进乙", "甲总体布局，协调推进乙")
    assert not joins_only("藏粮于地、藏粮于民", "藏粮于地、藏粮于技")


def test_the_stem_of_a_formulation_of_several_parts():
    assert stem("藏粮于地、藏粮于技") == "藏粮于地、藏"
    assert stem("绿水青山就是金山银山") == ""
    assert stem("甲、乙丙丁") == ""  # a first part too short to anchor on


def test_a_changed_last_part_is_found_only_after_an_exact_stem():
    f = "藏粮于地、藏粮于技"
    assert last_part_miss("坚持藏粮于地、藏粮于民。", 2, f, stem(f)) == (1, len(f), True)
    assert last_part_miss("坚持藏粮于地、藏粮于。", 2, f, stem(f)) == (1, len(f) - 1, True)
    # a span that ends where a word ends (or on 技) wins over one of the same length running on
    assert last_part_miss("坚持藏粮于地、藏粮于科技战略", 2, f, stem(f)) == (1, len(f) + 1, True)
    assert last_part_miss("坚持藏粮于地、藏粮于民战略", 2, f, stem(f)) == (1, len(f), False)
    assert last_part_miss("坚持藏粮于田、藏粮于民", 2, f, stem(f)) is None


def test_the_common_affix_of_an_enumeration():
    assert common_affix(["政治意识", "大局意识", "核心意识", "看齐意识"]) == ("", "意识")
    assert common_affix(["学史明理", "学史增信", "学史崇德"]) == ("学史", "")
    assert common_affix(["创新", "协调", "绿色"]) == ("", "")


def test_the_wrong_item_at_the_edge_of_a_list():
    affix = ("", "自信")
    assert edge_item("坚定民族自信", "道路自信", affix, True, _LEAD) == "民族自信"
    assert edge_item("历史自信", "文化自信", affix, False, _LEAD) == "历史自信"
    assert edge_item("历史认同", "文化自信", affix, False, _LEAD) is None
    assert edge_item("文化自信", "文化自信", affix, False, _LEAD) is None
    # items without a common affix: the segment must be the item's length
    assert edge_item("安全", "共享", ("", ""), False, _LEAD) == "安全"
    assert edge_item("安全发展", "共享", ("", ""), False, _LEAD) is None


def test_fc013_finds_exchanged_words_and_a_changed_last_part():
    assert _hits("FC013", "坚持人民至上、生命至下。") == ["人民至上、生命至下"]
    assert _hits("FC013", "坚持生命至上、人民至上。") == ["生命至上、人民至上"]
    assert _hits("FC013", "坚持人民至上、生命至上。") == []
    assert _hits("FC013", "坚持人民至上，生命至上。") == []
    assert _hits("FC013", "坚持藏粮于地、藏粮于科技战略。") == ["藏粮于地、藏粮于科技"]
    # the parts of a formulation in another order, found from the head of a later part
    assert _hits("FC013", "坚持人才是第一资源、创新是第一动力、科技是第一生产力。") == \
        ["人才是第一资源、创新是第一动力、科技是第一生产力"]


def test_fc014_a_wrong_last_or_first_item_without_the_name():
    assert _hits("FC014", "要坚定道路自信、理论自信、制度自信、历史自信。") == ["道路自信、理论自信、制度自信、历史自信"]
    assert _hits("FC014", "坚定民族自信、理论自信、制度自信、文化自信。") == ["民族自信、理论自信、制度自信、文化自信"]


@pytest.mark.parametrize("text", [
    "全体干部要增强政治意识、责任意识、服务意识。",
    "要牢固树立大局意识、责任意识、担当意识、服务意识。",
    "推动工业化、信息化、城镇化、市场化深入发展。",  # one-character common ending: too weak
    "增强道路自信、理论自信、制度自信、文化自信、历史自信。",  # an extra item at the end: not read
    "增强政治意识、大局意识、核心意识、看齐意识、责任意识和服务意识。",
    "要有政治意识、大局意识、核心意识、责任意识、服务意识。",  # more items than the enumeration
])
def test_fc014_ordinary_lists_sharing_some_items_are_quiet(text):
    assert _hits("FC014", text) == []


def test_fc014_the_name_inside_the_list_does_not_count_as_next_to_it(tmp_path):
    (tmp_path / "formulations.add.tsv").write_text(
        "text\tkind\tanchor\twrong\tnote\tsource\n"
        "甲战略、乙战略、丙战略\t列举\t战略\t\t\t测试\n", encoding="utf-8")
    rules = {r.code: r for r in load_rules(reference_dirs=[tmp_path]) if r.code == "FC014"}
    # 丁战略 holds the cue word 战略 itself; with no cue outside the list, a 3-item list is quiet
    assert _hits("FC014", "实施甲战略、乙战略、丁战略。", rules) == []
    assert _hits("FC014", "实施甲战略、乙战略、丁战略三大战略。", rules) == ["甲战略、乙战略、丁战略"]


def test_every_formulation_row_cites_a_source_and_items_have_no_stray_marks():
    from lint.checks.facts_common import table
    from lint.engine.wordlists import find_list

    rows = table(find_list("formulations"))
    assert len(rows) >= 140
    for r in rows:
        assert r["source"].strip(), r["text"]
        if r["kind"] == "列举":
            for item in r["text"].split("、"):
                assert item and not re.search(r"[，。；\s]", item), r["text"]


DATA = __import__("pathlib").Path(__file__).parent / "data" / "facts"


def _lines_found(path) -> set[int]:
    from lint.readers import read_path

    doc = read_path(path)
    doc.meta["doctype"] = None
    return {f.line for f in check_document(doc, list(RULES.values()))}


def test_ordinary_sentences_with_some_of_the_same_words_stay_quiet():
    # lists of qualities, strategies and principles that share items with a fixed enumeration,
    # formulations quoted right, with joining marks left out or written as 和/，
    assert _lines_found(DATA / "formulations_quiet.txt") == set()


def test_every_planted_misquote_is_found():
    path = DATA / "formulations_faulty.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert _lines_found(path) == set(range(1, len(lines) + 1))


def test_fc014_two_items_the_other_way_round_are_not_an_order():
    assert _hits("FC014", "打好碧水、蓝天保卫战。") == []
    assert _hits("FC014", "打好碧水、蓝天、净土保卫战。") == ["碧水、蓝天、净土"]
