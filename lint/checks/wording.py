"""Wording checks that a word list cannot express: doubled words, variant characters.

Each check first looks for cheap candidates with a regular expression and only then asks jieba
(:mod:`lint.text.segment`) about the few sentences that have one, so that jieba is loaded only when a
selected rule meets a candidate. Precision comes first: a pattern is reported only where it is
reliably wrong.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from ..text.fastregex import fast

DATA = Path(__file__).resolve().parent.parent / "data"

from ..text.chinese import HAN  # noqa: E402,F401 - the class the wording patterns use

# --- doubled characters and words ---------------------------------------------------------------

# Function characters that never legitimately stand twice in a row as two words (的的, 是是, 在在).
# Content characters (人人, 常常, 天天) reduplicate freely and are left alone.
_FUNCTION_CHARS = frozenset("的了是在和与及把被将也都就又而并或从向于其这那之对为以所让给使但却")
# Disyllabic verbs that reduplicate as ABAB (研究研究: "study it a little"): not a slip.
_ABAB_OK = frozenset("""
研究 讨论 学习 商量 考虑 休息 检查 了解 打听 活动 锻炼 交流 沟通 总结 整理 收拾 准备 练习 思考 比较
分析 调查 介绍 说明 批评 帮助 关心 认识 体会 琢磨 合计 尝试 试验 表扬 放松 溜达 散散 清理 打扫 布置
梳理 反思 对照 盘点 核对 核实 合计 研判 请教 请示 汇报 议论 熟悉 体验 感受 热闹 高兴 轻松 暖和
凉快 舒服 干净 明白 清楚 比划 走动 摸索 听听 看看 想想 问问 说说 谈谈 讲讲 试试 走走 等等 非常
很多 好多 许多 一样 一遍 一次 一步 一点 一个 一年 一天 一代 一批 一件 一项 一条
""".split())
_NUMERAL_START = frozenset("一二三四五六七八九十两几每半")
_DOUBLE = fast(rf"(?=([{HAN}]{{1,4}}?)\1)")


def _token_spans(text: str) -> dict[int, str]:
    """Start offset -> word, by jieba."""
    from ..text import segment

    out, off = {}, 0
    for w in segment.words(text):
        out[off] = w
        off += len(w)
    return out


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "data" / "verbs.txt"
    return frozenset(w for w in path.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#"))


def _verb(word: str) -> bool:
    """jieba's dictionary tags the word as a verb (lint/data/verbs.txt, built from it)."""
    return word in _verbs()


def _is_aabb(text: str, i: int) -> bool:
    """The pair at i is half of an AABB form (认认真真, 是是非非, 和和美美, 上上下下)."""
    after = text[i + 2:i + 4]
    before = text[max(0, i - 2):i]
    return (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1])


def doubled_word(doc, rule, options) -> Iterator[Hit]:
    from bisect import bisect_right

    # The doubles are looked for in the whole text at once (one paragraph a line): a unit and its
    # copy are Han characters, so none reaches across a line break, and the search finds in each
    # paragraph what a search of the paragraph alone finds, at the cost of one call instead of
    # one per paragraph (the pattern is tried at every position either way).
    mine = {p.index: p for p in doc.iter(rule.scope)}
    starts = doc.paragraph_index.starts
    found: dict[int, list] = {}  # paragraph index -> candidates, in the order of the text
    for m in _DOUBLE.finditer(doc.joined_text):
        k = bisect_right(starts, m.start()) - 1
        p = mine.get(k)
        if p is None:
            continue
        text, unit, i = p.text, m.group(1), m.start() - starts[k]
        if len(unit) == 1:
            if unit not in _FUNCTION_CHARS or _is_aabb(text, i) or text[i - 1:i + 2] == "求是是":
                continue  # 实事求是是…: the idiom ends in 是
        elif unit in _ABAB_OK or unit[0] in _NUMERAL_START or len(set(unit)) == 1 or not _verb(unit):
            continue  # only a doubled verb is reported (below): check that before jieba loads
        found.setdefault(k, []).append((i, unit))
    for k, cands in found.items():
        p = mine[k]
        text = p.text
        tokens = _token_spans(text)
        last_end = -1
        for i, unit in cands:
            n = len(unit)
            if i < last_end:
                continue
            # Two separate words, each exactly the unit: 的/的, 工作/工作 (not 的确 after 的,
            # not 研究所/所长, not 协会会长); jieba keeps a doubled particle as one token (的的).
            separate = tokens.get(i) == unit and tokens.get(i + n) == unit
            if separate and n > 1 and not _verb(unit):
                continue  # PPP项目/项目经理, a name twice: two nouns meeting at a boundary
            fused = n == 1 and tokens.get(i) == unit * 2
            if not (separate or fused):
                continue
            last_end = i + 2 * n
            yield Hit(p, i, i + 2 * n, unit, {"unit": unit})


doubled_word.FIELDS = frozenset({"text", "suggestion", "unit"})


# 的/地/得 (WD006) lives in lint/checks/spelling_context.py with the other context rules.


# --- variant, traditional and corrupted characters ---------------------------------------------

# Simplified characters of 《通用规范汉字表》 (2013) that OpenCC's character table would still
# convert: 乾坤, 瞭望, 夥 (多), 慰藉, 幺麽, 噁心, 蹚水, 甦醒 (kept as 规范字).
_STANDARD_KEEP = frozenset("乾瞭夥藉麽噁蹚甦")
# 着 where 著 (明显、显露) is meant: left behind by a traditional-to-simplified conversion.
_ZHUO = fast(r"(?P<w>显着|卓着|昭着|土着|(?<![有带随沿])着称)")
_ZHUO_NEEDS = compile_regex("显着|卓着|昭着|土着|着称")  # every match of _ZHUO holds one (lint.text.gates)
@lru_cache(maxsize=1)
def _t2s() -> dict[str, str]:
    """Traditional or variant character -> simplified (lint/data/t2s-chars.tsv)."""
    table = {}
    for line in (DATA / "t2s-chars.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            for t, s in zip(trad, simp):
                if t not in _STANDARD_KEEP:
                    table[t] = s
    return table


def _run_regex() -> re.Pattern:
    chars = "".join(sorted(_t2s()))
    return compile_regex(f"[{re.escape(chars)}]+")


def _either_regex() -> re.Pattern:
    """One character of a run (_RUN): one class, which the regex engine finds in a long text
    several times faster than the run pattern."""
    chars = "".join(sorted(_t2s()))
    return compile_regex(f"[{re.escape(chars)}]")


_RUN = _EITHER = None


def variant_char(doc, rule, options) -> Iterator[Hit]:
    global _RUN, _EITHER
    table = _t2s()
    if _RUN is None:
        _RUN, _EITHER = _run_regex(), _either_regex()

    # Each of the two faults is rare: find the paragraphs that may hold one in a pass over the
    # whole text (lint.text.gates; none of the patterns crosses a line break), look only there.
    joined = doc.joined_text
    either = doc.paragraph_index.matching(_EITHER)  # a run of variants
    zhuo = doc.paragraph_index.matching(_ZHUO_NEEDS) if _ZHUO.possible(joined) else frozenset()
    anywhere = either | zhuo
    if not anywhere:
        return
    for p in doc.iter(rule.scope):
        if p.index not in anywhere:
            continue
        text = p.text
        for m in (_RUN.finditer(text) if p.index in either else ()):
            yield Hit(p, m.start(), m.end(), "".join(table[c] for c in m.group()),
                      {"problem": "是繁体字或异体字，简化字文稿中应使用规范汉字"})
        for m in (_ZHUO.finditer(text) if p.index in zhuo else ()):
            w = m.group("w")
            yield Hit(p, m.start(), m.end(), w.replace("着", "著"),
                      {"problem": "中的“着”应为“著”（显著、卓著的“著”是明显、突出），多是繁简转换造成的错字"})


variant_char.FIELDS = frozenset({"text", "suggestion", "problem"})
