"""Strict rule loading: every broken rule file is an error naming the file and the line."""

from __future__ import annotations

import textwrap

import pytest

from lint.engine import load_rules
from lint.policy.selection import select_rules
from lint.errors import RuleFileError
from tests.helpers import run

GOOD = """\
code: FC901
name: {name}
category: facts
severity: warning
message: "“{{text}}”测试"
why: 测试规则。
basis: "县长讲话：“文字准确”"
kind: phrase
phrases: [测试词]
examples:
  fail: [有测试词]
  pass: [没有]
"""


def write_rule(tmp_path, body: str, name: str = "test-rule"):
    d = tmp_path / "extra" / "facts"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{name}.yml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path / "extra"


def load_error(tmp_path, body: str) -> RuleFileError:
    d = write_rule(tmp_path, body)
    with pytest.raises(RuleFileError) as info:
        load_rules([d], builtin=False)
    return info.value


def test_good_rule_loads(tmp_path):
    rules = load_rules([write_rule(tmp_path, GOOD.format(name="test-rule"))], builtin=False)
    assert [r.code for r in rules] == ["FC901"]


@pytest.mark.parametrize("change,line,words", [
    (("phrases: [测试词]", "phrases: [测试词]\nfoo: 1"), 10, "未知的键“foo”"),
    (("kind: phrase", "kind: magic"), 8, "未知的 kind"),
    (("severity: warning", "severity: fatal"), 4, "无效的级别"),
    (("kind: phrase\nphrases: [测试词]", "kind: pattern\npattern: '(未闭合'"), 9, "无法编译"),
    # Only re.compile rejects a variable-width lookbehind; patterns compile lazily, so the
    # loader must catch it itself.
    (("kind: phrase\nphrases: [测试词]", "kind: pattern\npattern: '(?<=测+)试'"), 9, "look-behind"),
    (("kind: phrase\nphrases: [测试词]", "kind: phrase\nphrases: [测试词]\nnot_before: '(?<=a|bb)x'"), 10,
     "look-behind"),
    (("kind: phrase\nphrases: [测试词]", "kind: phrase\nphrases: [测试词]\nbefore: '(?i)x'"), 10, "无法编译"),
    (("kind: phrase\nphrases: [测试词]", "kind: phrase\nlist: no-such-list"), 9, "找不到词表"),
    (("kind: phrase\nphrases: [测试词]", "kind: pattern\npattern: '\\\\b测试'"), 9, "\\b"),
    (("message: \"“{text}”测试\"", "message: \"{nothing}\""), 5, "未知的字段"),
    (("code: FC901", "code: fc1"), 1, "两个大写字母"),
    (("category: facts", "category: magic"), 3, "未知的类别"),
    (("  pass: [没有]\n", ""), 11, "pass"),
    (("basis: \"县长讲话：“文字准确”\"", "basis: 我觉得"), 7, "basis"),
    (("name: test-rule", "name: other-name"), 2, "文件名"),
    (("kind: phrase\nphrases: [测试词]", "kind: python\nfunction: os:system"), 9, "lint.checks"),
    (("severity: warning", "severity: warning\nseverity: error"), 5, "重复"),
    (("  fail: [有测试词]", "  fail: [有测试词"), 12, "YAML"),
])
def test_broken_rule_names_file_and_line(tmp_path, change, line, words):
    old, new = change
    body = GOOD.format(name="test-rule")
    assert old in body
    err = load_error(tmp_path, body.replace(old, new))
    assert err.path.endswith("test-rule.yml")
    assert words in err.reason, err.reason
    assert err.line == line, (err.line, str(err))


def test_duplicate_code_is_an_error(tmp_path):
    write_rule(tmp_path, GOOD.format(name="test-rule"))
    d = write_rule(tmp_path, GOOD.format(name="other-rule"), name="other-rule")
    with pytest.raises(RuleFileError, match="唯一"):
        load_rules([d], builtin=False)


def test_broken_rule_file_exits_2_with_one_line(tmp_path, monkeypatch):
    d = write_rule(tmp_path, GOOD.format(name="test-rule").replace("kind: phrase", "kind: magic"))
    import lint.engine.rules

    original = lint.engine.rules.load_rules
    monkeypatch.setattr(lint.engine.rules, "load_rules", lambda *a, **k: original([d], builtin=False))
    draft = tmp_path / "a.txt"
    draft.write_text("正文。", encoding="utf-8")
    r = run("check", str(draft))
    assert r.code == 2
    assert r.err.count("\n") == 1 and "test-rule.yml:8" in r.err and "Traceback" not in r.err


def test_preview_rules_run_only_when_selected(tmp_path):
    body = GOOD.format(name="test-rule").replace("severity: warning", "severity: warning\nstatus: preview")
    rules = load_rules([write_rule(tmp_path, body)], builtin=False)
    assert select_rules(rules) == []
    assert [r.code for r in select_rules(rules, ["FC901"])] == ["FC901"]
    assert [r.code for r in select_rules(rules, ["test-rule"])] == ["FC901"]
    assert select_rules(rules, ["facts"]) == []
    assert [r.code for r in select_rules(rules, ["facts"], preview=True)] == ["FC901"]
    assert [r.code for r in select_rules(rules, preview=True)] == ["FC901"]
    assert select_rules(rules, preview=True, ignore=["FC"]) == []


def test_cjk_phrase_matches_inside_words(tmp_path):
    """No implicit word boundaries: a phrase is found between Han characters."""
    from lint.engine import check_document
    from lint.readers import read_stdin

    rules = load_rules([write_rule(tmp_path, GOOD.format(name="test-rule"))], builtin=False)
    doc = read_stdin("工作测试词要求".encode(), "x.txt")
    found = check_document(doc, list(rules))
    assert [(f.column, f.end_column, f.text) for f in found] == [(3, 6, "测试词")]


def test_with_options_recompiles(tmp_path):
    from lint.engine import load_rules as lr

    rule = lr().get("LN001")
    assert rule.tunable() == {"max": 150, "min": None}
    shorter = rule.with_options({"max": 10})
    assert shorter.compiled["max"] == 10 and rule.compiled["max"] == 150
    with pytest.raises(RuleFileError, match="没有可设置的选项"):
        rule.with_options({"colour": 1})


def test_a_document_leaves_nothing_behind_for_the_next():
    """The phrase lists' shared scan is cached per paragraph text for one document only: a batch
    does not keep every paragraph it has seen, and a draft's check never depends on the drafts
    checked before it in the same process."""
    from lint.engine import matcher
    from lint.model.document import Document, Paragraph
    from lint.engine import check_document

    rules = select_rules(load_rules())

    def doc(lines):
        return Document(path="稿.txt", paragraphs=[Paragraph(text=t, line=i + 1, location=f"第{i + 1}行", scope="body")
                                                   for i, t in enumerate(lines)], source_format="txt",
                        meta={"doctype": None, "public": False})

    first = ["会议决定，此项工作涉及到全县各乡镇，必须要认真落实。", "全年完成投资120亿元。"]
    second = ["此项工作涉及到全县各乡镇，必须要认真落实。"]
    alone = [(f.code, f.column, f.text) for f in check_document(doc(second), rules)]
    assert not matcher._POOL._cache
    check_document(doc(first), rules)
    assert not matcher._POOL._cache
    after = [(f.code, f.column, f.text) for f in check_document(doc(second), rules)]
    assert alone == after and alone


def test_pattern_translate_maps_the_reported_text(tmp_path):
    body = GOOD.format(name="test-rule").replace("kind: phrase\nphrases: [测试词]",
                                                 'kind: pattern\npattern: "[ａ-ｃ]+"\ntranslate: {from: "ａｂｃ", to: "abc"}')
    body = body.replace("“{text}”测试", "“{text}”应为“{suggestion}”").replace("fail: [有测试词]", "fail: [有ａｂ]")
    (rule,) = load_rules([write_rule(tmp_path, body)], builtin=False)
    from lint.engine import check_document
    from lint.readers import read_stdin

    (f,) = check_document(read_stdin("写成ｃａｂ了".encode("utf-8"), "x.txt"), [rule])
    assert f.text == "ｃａｂ" and f.suggestion == "cab"


@pytest.mark.parametrize("spec", ['{from: "ａｂ", to: "a"}', '{from: "ａ"}', '"ａｂ"'])
def test_pattern_translate_must_pair_characters(tmp_path, spec):
    body = GOOD.format(name="test-rule").replace("kind: phrase\nphrases: [测试词]",
                                                 f'kind: pattern\npattern: "[ａ-ｃ]+"\ntranslate: {spec}')
    err = load_error(tmp_path, body)
    assert "translate" in str(err)


def _per_sentence_rule(tmp_path, extra: str = ""):
    body = GOOD.format(name="test-rule").replace(
        "kind: phrase\nphrases: [测试词]", f'kind: pattern\npattern: "甲|乙"\nper: sentence{extra}')
    return body.replace("fail: [有测试词]", "fail: [甲乙]")


def test_pattern_per_sentence_spans_first_to_last_match(tmp_path):
    (rule,) = load_rules([write_rule(tmp_path, _per_sentence_rule(tmp_path))], builtin=False)
    from lint.engine import check_document
    from lint.readers import read_stdin

    found = check_document(read_stdin("有甲，又有乙。没有。乙在这里！丙".encode("utf-8"), "x.txt"), [rule])
    assert [(f.column, f.text) for f in found] == [(2, "甲，又有乙"), (11, "乙")]


def test_pattern_per_sentence_takes_no_suggestion(tmp_path):
    err = load_error(tmp_path, _per_sentence_rule(tmp_path, '\nsuggestion: "丁"'))
    assert "per" in str(err) and err.line == 10


def test_pattern_per_must_be_known(tmp_path):
    err = load_error(tmp_path, _per_sentence_rule(tmp_path).replace("per: sentence", "per: paragraph"))
    assert "per" in str(err) and err.line == 10


def test_within_keeps_only_matches_a_hit_covers(tmp_path):
    body = GOOD.format(name="test-rule").replace(
        "kind: phrase\nphrases: [测试词]", 'kind: pattern\npattern: "○"\nwithin: "[一二○]{3}年"')
    body = body.replace("fail: [有测试词]", "fail: [一○二年]")
    (rule,) = load_rules([write_rule(tmp_path, body)], builtin=False)
    from lint.engine import check_document
    from lint.readers import read_stdin

    found = check_document(read_stdin("请在○内打勾，一○二年，一○二月，○○一年".encode("utf-8"), "x.txt"), [rule])
    assert [f.column for f in found] == [9, 18, 19]


def test_within_and_not_within_on_a_phrase():
    from lint.engine.matcher import Entry
    from lint.text.fastregex import fast

    inside, outside = Entry("截止", conditions={"within": fast("截止日期")}), \
        Entry("截止", conditions={"not_within": fast("截止日期")})
    text = "截止日期是5月，截止到6月"
    assert [inside.accepts(text, s, s + 2) for s in (0, 8)] == [True, False]
    assert [outside.accepts(text, s, s + 2) for s in (0, 8)] == [False, True]


def test_within_must_compile(tmp_path):
    body = GOOD.format(name="test-rule").replace("phrases: [测试词]", "phrases: [测试词]\nwithin: '(未闭合'")
    err = load_error(tmp_path, body)
    assert "within" in str(err) and err.line == 10
