"""The per-document paragraph gates (lint/text/gates.py) and their use by kind: pattern: a gate
may let through a paragraph without a match, never keep out one with a match."""

from __future__ import annotations

import random

import pytest

from lint.model.document import Document, Paragraph
from lint.text.fastregex import FastPattern
from lint.text.gates import ParagraphIndex, candidates


def _doc(texts: list[str], scopes: list[str] | None = None) -> Document:
    paras = [Paragraph(text=t, line=i + 1, location=f"第{i + 1}行", scope=(scopes[i] if scopes else "body"))
             for i, t in enumerate(texts)]
    return Document("t.txt", paras, "txt")


def test_holding_finds_characters_at_paragraph_edges():
    texts = ["甲乙丙", "", "丁", "戊己", "庚丁"]
    index = ParagraphIndex(texts)
    assert index.holding("甲") == {0}  # first character of the first paragraph
    assert index.holding("丙") == {0}  # last character of a paragraph
    assert index.holding("丁") == {2, 4}  # a one-character paragraph; the last character of all
    assert index.holding("丁戊") == {2, 3, 4}
    assert index.holding("子") == frozenset()


def test_holding_gives_up_on_a_common_character():
    texts = ["的" + str(i) for i in range(100)]
    index = ParagraphIndex(texts)
    assert index.holding("的") is None  # in every paragraph: it filters nothing
    assert index.holding("7") is not None


def test_long_documents_give_up_common_characters_and_keep_rare_ones():
    texts = [("的" if i % 2 else "之") + str(i) for i in range(1000)]
    texts[10] += "甲"
    texts[999] += "甲"  # the last paragraph
    index = ParagraphIndex(texts)
    assert index.sample  # the sample decides about common characters
    assert index.holding("的") is None and index.holding("之的") is None
    assert index.holding("甲") == {10, 999}
    rare = ParagraphIndex(texts[:-1] + ["乙"] * 1)
    assert rare.holding("乙") == {999}
    # characters the sample misses (it takes every 75th paragraph of 4,800): found, or given up
    # by the budget (a quarter of the paragraphs) when they are in too many
    texts = ["丙" if 1 <= i % 75 <= 20 else ("戊" if i % 75 == 1 else "丁") for i in range(4800)]
    index = ParagraphIndex(texts)
    assert not any("丙" in t or "戊" in t for t in index.sample)
    assert index.holding("丙") is None  # 1,280 paragraphs
    texts = ["戊" if i % 75 == 1 else "丁" for i in range(4800)]
    assert ParagraphIndex(texts).holding("戊") == {i for i in range(4800) if i % 75 == 1}


def test_line_break_in_a_set_only_adds_paragraphs():
    texts = ["甲", "乙", "丙"]
    got = ParagraphIndex(texts).holding("\n乙")
    assert got is None or {1} <= got


def test_candidates_of_a_pattern_without_literals_filter_nothing():
    assert candidates(FastPattern(r".+"), ParagraphIndex(["甲", "乙"])) is None


PATTERNS = [
    r"(?<![-A-Za-z0-9])--(?![-A-Za-z0-9>])",
    r"(?<![〇零一二三四五六七八九十○])○{2,}",
    r"^——",
    r"。{3,}$",
    r"(?<=[甲乙])丙",
    r"(?<!甲)乙",
    r"[（(][ \u3000]+[）)]",
    r"(?:^|(?<=[，。]))—(?![— ])",
    r"妥否|当否|请批示",
    r"(?P<y>(?:19|20)\d{2})-0?(?P<m>1[0-2]|[1-9])",
    r"\d{2}年(?=\d{1,2}月)",
]
ALPHABET = "甲乙丙丁-—–○〇。，（）( )0123456789年月妥否请批示\u3000A"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_gated_search_finds_what_a_search_of_every_paragraph_finds(pattern):
    rng = random.Random(pattern)
    rx = FastPattern(pattern)
    for _ in range(60):
        texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 40))]
        gate = candidates(rx, ParagraphIndex(texts))
        for i, t in enumerate(texts):
            if rx.search(t) is not None:
                assert gate is None or i in gate, (pattern, texts, i)


def _pattern_rule(pattern: str):
    from lint.engine.kinds import Context
    from lint.engine.kinds import pattern as kind
    from lint.engine.kinds import validate_params

    ctx = Context("t.yml", {"pattern": pattern})
    params = validate_params(kind, ctx, {"pattern": pattern})

    class Rule:
        scope = ("title", "heading", "body", "table")

    return kind, kind.compile(params, ctx), Rule()


def _spans(texts, pattern, scopes=None):
    kind, compiled, rule = _pattern_rule(pattern)
    doc = _doc(texts, scopes)
    return [(h.paragraph.line, h.start, h.end) for h in kind.check(compiled, doc, rule)]


def test_pattern_kind_reports_matches_at_paragraph_start_and_end():
    texts = ["——开头", "中间没有", "结尾——", "——"]
    assert _spans(texts, r"——") == [(1, 0, 2), (3, 2, 4), (4, 0, 2)]


def test_lookbehind_does_not_see_the_paragraph_before():
    # 乙 opens paragraph 2 right after 甲 ends paragraph 1: in the paragraph's own text nothing
    # stands before it, so (?<!甲)乙 matches, as a paragraph-by-paragraph search finds.
    assert _spans(["丙甲", "乙丙", "甲乙"], r"(?<!甲)乙") == [(2, 0, 1)]
    assert _spans(["丙甲", "乙丙", "甲乙"], r"(?<=甲)乙") == [(3, 1, 2)]


def test_anchors_are_the_paragraph_edges():
    assert _spans(["甲。。。", "。。。乙", "。。。"], r"。{3,}$") == [(1, 1, 4), (3, 0, 3)]
    assert _spans(["甲——", "——乙"], r"^——") == [(2, 0, 2)]


def test_pattern_kind_keeps_scope_and_skips_blank_paragraphs():
    texts = ["——标题", "   ", "——正文", "——页脚"]
    assert _spans(texts, r"——", ["title", "body", "body", "footer"]) == [(1, 0, 2), (3, 0, 2)]


def test_iter_at_is_iter_restricted_to_positions():
    doc = _doc(["甲", " ", "乙", "丙", "丁"], ["body", "body", "footer", "body", "title"])
    for positions in ({0, 1, 2, 3, 4}, {1, 2}, {3}, set()):
        for scopes in (None, ("body",), ("body", "title")):
            want = [p for p in doc.iter(scopes) if p.index in positions]
            assert list(doc.iter_at(positions, scopes)) == want


def test_iter_at_follows_a_change_of_scopes():
    doc = _doc(["甲", "乙", "丙"])
    assert [p.text for p in doc.iter_at({0, 1, 2}, ("body",))] == ["甲", "乙", "丙"]
    doc.paragraphs[0].scope = "title"
    doc._in_scope = {}  # what lint.analysis.structure does after settling the scopes
    assert [p.text for p in doc.iter_at({0, 1, 2}, ("body",))] == ["乙", "丙"]


def test_a_slip_two_patterns_find_is_one_finding_the_longer():
    from lint.engine.kinds.pattern import _outermost
    from lint.model.finding import Hit

    spans = [(9, 11), (9, 12), (20, 22), (20, 22), (30, 35), (31, 33), (40, 42), (41, 44)]
    hits = [Hit(None, a, b, None, {}) for a, b in spans]
    kept = [(h.start, h.end) for h in _outermost(hits)]
    # inside another: (9, 11) in (9, 12), (31, 33) in (30, 35); reaching into another from
    # within: (41, 44) into (40, 42) (20XX and XX年 of one 20XX年); equal spans stay
    assert kept == [(9, 12), (20, 22), (20, 22), (30, 35), (40, 42)]


def test_overlapping_placeholder_matches_are_reported_once():
    import lint

    r = lint.check("20XX年工作回顾", name="a.txt", select=["FC001"])
    assert [(f.column, f.text) for f in r.findings] == [(1, "20XX")]


def test_placeholder_found_by_two_patterns_is_reported_once():
    import lint

    r = lint.check("全年安排专项经费XX万元，用于办公室信息化建设。", name="a.txt", select=["FC001"])
    assert [(f.column, f.text) for f in r.findings] == [(9, "XX万")]
