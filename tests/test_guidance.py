"""The speeches' guidance at full strength: stock phrases per paragraph (SP002), broken
paragraphs (LN006), headings run into a paragraph (ST007) and placeholders inside words (FC001)."""

from __future__ import annotations

import pytest

from lint.checks.stock import formula_spans
from lint.engine import check_document, load_rules
from lint.readers import read_stdin

RULES = load_rules()


def findings(code: str, text: str, doctype: str | None = None, **options):
    rule = RULES.get(code)
    if options:
        rule = rule.with_options(options)
    doc = read_stdin(text.encode("utf-8"), "t.txt")
    from lint.analysis.document_type import infer

    doc.meta["doctype"] = doctype or infer(doc)
    return check_document(doc, [rule])


SPEECH = "在全县安全生产工作会议上的讲话\n同志们：\n"


def test_one_finding_per_paragraph_listing_every_phrase():
    text = SPEECH + "这次会议意义重大、影响深远。各级要切实加强组织领导，狠抓落实，务求实效，确保落到实处。\n"
    (f,) = findings("SP002", text)
    assert "6处套话" in f.message
    for w in ("意义重大", "影响深远", "切实加强", "狠抓落实", "务求实效", "落到实处"):
        assert f"“{w}”" in f.message
    assert f.text.startswith("意义重大") and f.text.endswith("落到实处")
    assert f.severity == "suggestion"


def test_a_repeated_phrase_is_counted():
    (f,) = findings("SP002", SPEECH + "要高度重视。领导要高度重视。\n")
    assert "“高度重视”（2处）" in f.message and "2处套话" in f.message


def test_one_phrase_carries_its_note():
    (f,) = findings("SP002", SPEECH + "各乡镇要高度重视。\n")
    assert "应写出怎样重视" in f.message


@pytest.mark.parametrize("title, named", [
    ("关于防汛工作的通知", False),
    ("关于修建道路的请示", False),
    ("县农业农村局2024年工作总结", True),
    ("关于2024年安全生产工作情况的报告", True),
    ("县农业农村局关于乡村振兴工作的汇报", True),
    ("在全县安全生产工作会议上的讲话", True),
])
def test_document_types_the_guidance_is_about(title, named):
    text = f"{title}\n各乡镇要高度重视，狠抓落实。\n"
    assert bool(findings("SP002", text)) is named


def test_doctypes_can_be_widened():
    text = "关于防汛工作的通知\n各乡镇要高度重视，狠抓落实。\n"
    assert findings("SP002", text, doctypes=[])


def test_required_formulas_are_quiet():
    assert formula_spans("妥否，请批示。", "请示")
    assert not formula_spans("妥否，请批示。", "讲话稿")
    text = "关于印发《防汛工作方案》的通知\n现将《防汛工作方案》印发给你们，请结合实际，认真贯彻落实。\n"
    assert not findings("SP002", text, doctypes=[])
    # The same words outside the formula are padding.
    text = "关于防汛工作的通知\n各乡镇要认真贯彻落实，狠抓落实。\n"
    assert findings("SP002", text, doctypes=[])


def test_the_party_line_quoted_is_no_padding():
    assert not findings("SP002", SPEECH + "我们必须坚持解放思想、实事求是、与时俱进、求真务实。\n")


def test_a_long_paragraph_with_one_phrase_in_an_unpadded_draft():
    long_para = "今年全县新建农村公路120公里，改造危桥18座，完成农田水利投资2.3亿元，" * 6 + "工作取得新进展。"
    plain = "今年全县新建农村公路120公里，改造危桥18座，完成农田水利投资2.3亿元。" * 6
    text = SPEECH + long_para + "\n" + (plain + "\n") * 4  # one stock phrase in some 1,000 characters
    assert not findings("SP002", text)
    assert findings("SP002", text, dense_per_1000=0.1)
    assert findings("SP002", text, short_paragraph=1000)


def test_density_ignores_formulas():
    text = "关于印发《防汛工作方案》的通知\n" + "请结合实际，认真贯彻落实。\n" * 6
    assert not findings("SP001", text, min_count=1, max_per_1000=0)


# --- LN006 -------------------------------------------------------------------------------------

def test_broken_line_quotes_both_sides():
    (f,) = findings("LN006", "关于做好防汛工作的通知\n各乡镇要在汛期前完成对辖区内所有水库、山塘的\n安全检查。\n")
    assert f.text == "所有水库、山塘的" and "“安全检查。”" in f.message and "接到这一行后面" in f.message


@pytest.mark.parametrize("text", [
    "关于做好防汛工作的通知\n各乡镇人民政府，县直各部门：\n现将有关事项通知如下。\n",
    "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　李强\n各位代表：\n",
    "第四章 侵犯公民人身权利、民主权利罪\n149．故意杀人罪（第232条）\n",
    "县人民政府办公室\n2024年5月6日\n",
])
def test_lines_that_end_without_a_mark_by_nature(text):
    assert not findings("LN006", text)


def test_a_bracket_left_open_across_lines():
    text = "关于发布失信名单的通报\n附件：1．严重失信主体名单（法\n人类）\n2．严重失信主体名单（行业从业人员）\n"
    (f,) = findings("LN006", text)
    assert f.text.endswith("名单（法")


# --- ST007 -------------------------------------------------------------------------------------

def test_run_in_heading_after_a_single_standalone_sibling():
    (f,) = findings("ST007", "一、主要成效\n全年完成投资120亿元，新开工项目46个。二、存在问题\n部分项目进度偏慢。\n")
    assert f.text == "二、" and "前换行" in f.message


def test_run_in_heading_that_does_not_follow_on_needs_two_standalone_siblings():
    assert not findings("ST007", "一、主要成效\n全年完成投资120亿元。三、存在问题\n部分项目进度偏慢。\n")
    assert findings("ST007", "一、主要成效\n全年完成投资120亿元。三、存在问题\n部分项目进度偏慢。\n", min_alone=1)


# --- FC001 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, hit", [
    ("会议由副x长主持。", "x"),
    ("请X县人民政府于月底前报送。", "X"),
    ("请县委副×长审定。", "×"),
    ("请某局于月底前报送。", "某"),
    ("会议定于X月X日召开。", "X月X日"),
])
def test_placeholders_inside_words(text, hit):
    assert [f.text for f in findings("FC001", text)] == [hit]


@pytest.mark.parametrize("text", ["在某些情况下适用本办法。", "某种程度上", "王某、李某某受到处分。",
                                  "长×宽×高不超过60厘米×80厘米。", "开展X光检查。", "1+N+X，X是区级特色指标。"])
def test_no_placeholder(text):
    assert not findings("FC001", text)
