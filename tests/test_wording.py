"""The wording checks (WD001-WD008): lists, doubled words, 的/地/得, variant characters, typos.

Lazy loading is checked in a fresh interpreter, because jieba and the typo data stay loaded
once any test in this process has used them.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from lint.engine import check_document, load_rules
from lint.policy.selection import select_rules
from lint.readers.text import read_text_bytes
from lint.engine.wordlists import find_list, load_list
from tests.helpers import CORPUS, REPO

GOV = CORPUS / "gov-reports"
WORDING_LISTS = ("common-wrong-words", "confused-words", "variant-words")


def findings(text: str, select: str):
    rules = select_rules(load_rules(), select=[select], preview=True)
    doc = read_text_bytes(text.encode("utf-8"), "draft.txt")
    doc.meta["doctype"], doc.meta["public"] = None, False
    return check_document(doc, rules)


def _fresh(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return out.stdout.strip()


# --- lazy loading ----------------------------------------------------------------------------

def test_rules_without_segmentation_never_load_jieba_or_the_lexicon():
    code = (
        "from tests.test_wording import findings\n"
        "from lint.text import segment\n"
        "findings('县委对工作作出安排布署，爲群众办事。', 'WD001,WD003,WD004,WD007')\n"
        "print(segment.loaded(), segment._lexicon is not None)\n"
        "findings('截止2024年底，全县共建成服务站。', 'WD003')\n"
        "print(segment.loaded(), segment._lexicon is not None)\n"
    )
    # a word-aware rule loads the lexicon (not jieba) once it has a candidate, and only then
    assert _fresh(code).split("\n") == ["False False", "False True"]


def test_jieba_is_loaded_only_for_a_candidate_and_only_once():
    code = (
        "from tests.test_wording import findings\n"
        "from lint.text import segment\n"
        "import jieba\n"
        "calls = []\n"
        "orig = jieba.Tokenizer.initialize\n"
        "jieba.Tokenizer.initialize = lambda self, *a: (calls.append(1), orig(self, *a))[1]\n"
        "findings('县委对下一步工作作出安排部署。', 'WD005,WD006')\n"
        "findings('要推进新兴产业创业创新平台建设。', 'WD005')\n"  # 业创业创: no verb doubled
        "before = segment.loaded()\n"
        "findings('这是我们的的工作。', 'WD005')\n"
        "findings('这项工作大家做的很好。', 'WD006')\n"
        "print(before, segment.loaded(), len(calls))\n"
    )
    assert _fresh(code) == "False True 1"


def test_typo_data_is_read_once_when_the_rule_runs():
    from lint.text import segment

    findings("认真落实中央决测部署。", "WD008")
    lex = segment.lexicon()
    findings("严肃财经继律。", "WD008")
    assert segment.lexicon() is lex


# --- word lists --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", WORDING_LISTS)
def test_list_rows_are_well_formed(name):
    rows = load_list(find_list(name))
    assert len(rows) >= 50
    for row, line in zip(rows, rows.lines):
        assert row["wrong"] != row["right"], f"{name}.tsv:{line}"
        assert row["note"] and re.search(r"[\u4e00-\u9fff]", row["note"]), f"{name}.tsv:{line}: note"
        for col in ("before", "not_before", "after", "not_after", "not_within"):
            if row.get(col):
                re.compile(row[col])


def test_lists_hold_several_hundred_entries():
    assert sum(len(load_list(find_list(n))) for n in WORDING_LISTS) >= 300


@pytest.mark.parametrize("text,select,wrong,right", [
    ("截止2024年底，共建成服务站126个。", "WD003", "截止", "截至"),
    ("报名于6月30日截至。", "WD003", "截至", "截止"),
    ("严禁泄漏国家秘密。", "WD003", "泄漏", "泄露"),
    ("天然气泄露事故。", "WD003", "泄露", "泄漏"),
    ("请核对帐目。", "WD003", "帐目", "账目"),
    ("有害成份超标。", "WD004", "成份", "成分"),
    ("希望大家再接再励。", "WD001", "再接再励", "再接再厉"),
])
def test_list_rules_report_the_right_form(text, select, wrong, right):
    found = findings(text, select)
    assert [(f.text, f.suggestion) for f in found] == [(wrong, right)]


@pytest.mark.parametrize("text,select", [
    ("截止日期为6月30日。", "WD003"),
    ("截止到2024年底。", "WD003"),
    ("检查帐篷储备。", "WD003"),
    ("推动解决择校问题。", "WD001"),
    ("促进社会平安祥和。", "WD001"),
    ("强化成果供给与转化应用。", "WD001"),
    ("这是广大干部群众筚路蓝缕干出来的。", "WD004"),
    ("确定单位名单，按照基本份额分配，明确正规化建设。", "WD001,WD004"),
])
def test_list_rules_respect_context(text, select):
    assert findings(text, select) == []


# --- doubled words -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,unit", [
    ("这是我们的的工作重点。", "的"),
    ("安全生产是是头等大事。", "是"),
    ("要进行进行全面摸底。", "进行"),
])
def test_doubled_words(text, unit):
    found = findings(text, "WD005")
    assert len(found) == 1 and found[0].suggestion == unit and found[0].text == unit * 2


@pytest.mark.parametrize("text", [
    "这的确是重点，的的确确如此。", "认认真真学习，扎扎实实工作。", "人人都是安全员，天天检查。",
    "大家回去再研究研究。", "研究所所长和协会会长出席。", "对问题一一登记，一个一个销号。",
    "不能不了了之。", "实事求是是我们的传家宝。", "PPP项目项目经理", "具有有效的机制。", "于是是否参加由本人决定。",
])
def test_reduplication_and_word_boundaries_are_not_doubling(text):
    assert findings(text, "WD005") == []


# --- 的/地/得 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,right", [
    ("这项工作大家做的很好。", "得"),
    ("他讲的非常清楚。", "得"),
    ("扎扎实实的推进各项工作。", "地"),
    ("要尽快的完成整改任务。", "地"),
])
def test_de_di_de(text, right):
    found = findings(text, "WD006")
    assert [(f.text, f.suggestion) for f in found] == [("的", right)]


@pytest.mark.parametrize("text", [
    "我们所做的还很不够。", "实施积极的就业政策。", "建立有效的管理机制。", "以认真的态度对待工作。",
    "要做的很多。", "实实在在的成效。", "这项工作大家做得很好。",
])
def test_de_di_de_leaves_noun_phrases_alone(text):
    assert findings(text, "WD006") == []


# --- variant characters ------------------------------------------------------------------------

def test_variant_characters_are_grouped_and_converted():
    found = findings("要切實爲群眾辦實事，推行ＰＰＰ模式。", "WD007")
    assert [(f.text, f.suggestion) for f in found] == [("實爲", "实为"), ("眾辦實", "众办实")]


def test_full_width_letters_are_no_wording_fault():
    """Full-width letters are an input slip of form, reported by NM013 beside NM008's digits,
    not by the wording rules that the spelling sets measure."""
    found = [f for code in ("WD007", "NM008", "NM013")
             for f in findings("這是第一段。\n這是第二段，推行ＰＰＰ模式，增长１２%。\n", code)]
    assert sorted((f.code, f.line, f.text, f.suggestion) for f in found) == [
        ("NM008", 2, "１２", "12"), ("NM013", 2, "ＰＰＰ", "PPP"), ("WD007", 1, "這", "这"), ("WD007", 2, "這", "这")]


@pytest.mark.parametrize("text", ["乾隆年间", "瞭望塔", "显著成效", "随着形势变化", "以质量著称"])
def test_standard_characters_are_kept(text):
    assert findings(text, "WD007") == []


@pytest.mark.skipif(not GOV.is_dir(), reason="shared/corpus/gov-reports is not beside the repository")
def test_gov_reports_only_the_known_slip_for_list_and_character_rules():
    rules = select_rules(load_rules(), select=["WD001", "WD002", "WD003", "WD004", "WD005", "WD007"])
    hits = []
    for p in sorted(GOV.glob("*.txt")):
        doc = read_text_bytes(p.read_bytes(), p.name)
        doc.meta["doctype"], doc.meta["public"] = None, False
        hits += [(p.name, f.text) for f in check_document(doc, rules)]
    # 显着 (for 显著) is the conversion slip SOURCE.md lists for 2011; 2009 has the same slip.
    assert ("gwr_2011.txt", "显着") in hits
    assert {t for _, t in hits} == {"显着"}


# --- typo detector -----------------------------------------------------------------------------

def test_typo_detector_suggests_the_homophone():
    found = findings("本条列自发布之日起施行。", "WD008")
    assert [(f.text, f.suggestion) for f in found] == [("列", "例")]
    assert findings("本条例自发布之日起施行，严肃财经纪律。", "WD008") == []
    # a slip WD017 confirms is WD017's alone
    assert findings("认真落实中央决测部署。", "WD008") == []
    assert [(f.text, f.suggestion) for f in findings("认真落实中央决测部署。", "WD017")] == [("测", "策")]


def test_typo_rule_is_preview():
    rule = load_rules().get("WD008")
    assert rule.status == "preview"
    assert "WD008" not in [r.code for r in select_rules(load_rules())]


def test_data_files_ship_inside_the_package():
    data = REPO / "lint" / "data"
    assert (data / "t2s-chars.tsv").stat().st_size < 100_000
    assert not (data / "typo-bigrams.txt").exists()  # WD008 now reads jieba's dictionary
    assert 'packages = ["lint"]' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_one_slip_two_rules_find_is_reported_once():
    import lint

    text = "希望大家再接再励，再创佳绩。"
    # a listed common misspelling (WD001) and an idiom near-miss (WD009): the lower code keeps it
    assert [f.code for f in lint.check(text, name="a.txt").findings] == ["WD001"]
    assert [f.code for f in lint.check(text, name="a.txt", ignore=["WD001"]).findings] == ["WD009"]
    # two rules that suggest different things both stay
    from lint.app.checking import _one_per_slip
    from lint.model.finding import Finding

    def f(code, sugg, cat="wording"):
        return Finding("a.txt", 1, 5, 1, 9, "第1行", code, "n", cat, "warning", "m", "再接再励", sugg, "b")

    assert [x.code for x in _one_per_slip([f("WD001", "再接再厉"), f("WD009", "再接再厉")])] == ["WD001"]
    assert [x.code for x in _one_per_slip([f("WD001", "再接再厉"), f("WD009", "再接再砺")])] == ["WD001", "WD009"]
    assert [x.code for x in _one_per_slip([f("WD001", "再接再厉"), f("PN001", "再接再厉", "punctuation")])] \
        == ["WD001", "PN001"]
    assert [x.code for x in _one_per_slip([f("WD001", None), f("WD009", None)])] == ["WD001", "WD009"]
