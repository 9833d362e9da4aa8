"""lint/checks/facts.py: evidence for absolute words, achievements and attributed claims."""

from __future__ import annotations

import pytest

from lint.checks.facts import has_figure, has_source
from lint.engine import check_document, load_rules
from lint.readers import read_stdin

RULES = load_rules()


def findings(code: str, text: str, doctype: str | None = None, **options):
    rule = RULES.get(code)
    if options:
        rule = rule.with_options(options)
    doc = read_stdin(text.encode("utf-8"), "t.txt")
    doc.meta["doctype"] = doctype
    return check_document(doc, [rule])


@pytest.mark.parametrize("text", ["增长8.5%", "共1260人", "三个乡镇", "两千户", "百分之五", "提高0.3个百分点"])
def test_figures(text):
    assert has_figure(text)


@pytest.mark.parametrize("text", ["2024年全县经济明显增长", "3月5日召开", "统一思想", "一是加强领导"])
def test_dates_and_ordinals_are_no_figures(text):
    assert not has_figure(text)


def test_figure_inside_the_claim_is_skipped():
    assert not has_figure("满意率达到100%", skip=(2, 9))


@pytest.mark.parametrize("text", ["据县统计局统计", "国家统计局数据", "经第三方评估", "见《2024年统计公报》"])
def test_named_sources(text):
    assert has_source(text)


def test_absolute_claim_message_quotes_word_and_note():
    (f,) = findings("FC003", "我县脱贫攻坚取得了史无前例的成就。")
    assert f.text == "史无前例" and "须有可核对的比较" in f.message and f.severity == "warning"
    assert "这句话和下一句" in f.message


@pytest.mark.parametrize("text", [
    "全年23项目标任务全面完成。",              # a figure in the sentence
    "据县统计局统计，各项任务全面完成。",       # a named source
    "力争年底前全面完成改造任务。",             # a target
    "一些群众反映强烈的问题没有根本解决。",     # negated
    "我们面临的困难前所未有。",                 # describes a hardship
    "这是最佳实践。",                           # a set term
])
def test_absolute_claim_with_evidence_or_no_claim(text):
    assert not findings("FC003", text)


def test_hundred_percent_as_a_rate_but_not_as_a_parameter():
    assert findings("FC003", "群众满意率达100%。")
    assert not findings("FC003", "将加计扣除比例提高到100%。")


def test_achievement_evidence_in_the_next_sentence_counts():
    text = "全县农民收入明显提升。全年人均可支配收入21560元。"
    assert not findings("FC004", text)
    assert findings("FC004", text, window="sentence")


def test_achievement_evidence_before_counts_only_with_a_wider_window():
    text = "全年新增就业1200人。\n就业形势明显改善。"
    (f,) = findings("FC004", text)
    assert f.severity == "warning" and "对比或实例" in f.message
    assert not findings("FC004", text, window="neighbours")
    assert not findings("FC004", "就业形势明显改善。全县新增就业岗位不多。城镇登记失业率3.1%。", window="paragraph")


@pytest.mark.parametrize("text", [
    "就业形势明显改善，比上年好转。",                        # a comparison
    "就业形势明显改善，新增岗位集中在新能源、物流、电商等行业。",  # an example
    "群众满意度显著提高。例如，城关镇的投诉量减少了一半。",    # an example in the next sentence
])
def test_achievement_with_comparison_or_example(text):
    assert not findings("FC004", text)


def test_achievement_heading_below_is_no_evidence():
    assert findings("FC004", "全县招商引资取得明显成效。\n二、2025年工作安排")


@pytest.mark.parametrize("text", [
    "受国际市场影响，出口大幅下降。",                        # a difficulty, not an achievement
    "三、今后五年的主要任务\n全县城乡居民收入明显提高。",     # a section of targets
    "确保到2027年实现：\n——城乡面貌明显改观。",             # bullets under a lead-in of targets
])
def test_achievement_that_is_no_claim(text):
    assert not findings("FC004", text)


def test_rank_and_hundred_percent_claims():
    assert [f.text for f in findings("FC003", "我县营商环境位居全省首位。")] == ["全省首位"]
    assert findings("FC003", "群众100%满意。")
    assert not findings("FC003", "要争创全省领先。")
    assert not findings("FC003", "我县营商环境位居全省首位。据省发展改革委2024年评价报告，我县得分92.5分。")


def test_completion_claim_is_a_suggestion_of_its_own():
    (f,) = findings("FC030", "全年各项目标任务全面完成。")
    assert f.severity == "suggestion"
    assert not findings("FC003", "全年各项目标任务全面完成。")


def test_crowd_verdicts_need_a_survey():
    (f,) = findings("FC005", "广大群众一致认为，这项改革办到了心坎上。")
    assert "哪次调查" in f.message
    assert not findings("FC005", "广大群众一致认为，这项改革办到了心坎上。县统计局抽样调查1200户，满意的有1130户。")


def test_achievement_as_action_with_object_is_no_claim():
    assert not findings("FC004", "大幅提升宽带网络速率，发展物流快递。")


def test_achievement_in_target_paragraph_is_no_claim():
    assert not findings("FC004", "今后五年的主要目标任务是：城乡人居环境明显改善。")


def test_unsourced_person_needs_a_name_even_with_figure():
    (f,) = findings("FC005", "据业内人士分析，今年房价将上涨5%。")
    assert "说话的人" in f.message
    assert not findings("FC005", "据统计，全县共有农村留守儿童1260名。")
    (g,) = findings("FC005", "据统计，全县农村留守儿童较多。")
    assert "资料或数据的来源" in g.message
