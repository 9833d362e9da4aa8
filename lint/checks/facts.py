"""Facts reported accurately (GUIDANCE.md §4): claims that need evidence.

- absolute and exaggerating words (史无前例, 全面完成, 彻底解决, 100%) with no figure or named
  source in their sentence;
- achievements stated by degree (明显提升, 大幅增长) with no figure in the sentence or the
  sentences next to it;
- claims attributed to nobody (据业内人士分析, 有关资料显示, 据统计 with no source or figure).

A target (确保全面完成, 力争实现较快增长) is not a claim and is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..model.finding import Hit
from ..engine.kinds import Param
from ..text.fastregex import fast

# A figure: an Arabic number that is not a date (2024年, 3月, 5日 are times, not measures), a
# percentage, or a Chinese numeral with a counting unit (三个, 两千户, 百分之五).
_FIGURE = fast(
    r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*[年月日号时])"
    r"|[一二两三四五六七八九十百千万亿]+(?:个|项|条|次|家|名|人|户|所|座|件|起|元|倍|成|公里|千米|米|吨|亩|公顷|万|亿)"
    r"|百分之[零一二三四五六七八九十百]"
    r"|翻[一两三四五]番")  # 比二〇一〇年翻一番: doubling is a figure
# A named source: 据县统计局统计, 国家统计局数据显示, 第三方评估, 审计, 抽样调查, 《……》.
_SOURCE = fast(
    r"据[^，。；！？]{1,20}?(?:统计|调查|测算|监测|核查|评估|数据|报告|公报|年鉴|通报)"
    r"|统计局|统计公报|第三方评估|审计|抽样调查|抽查|普查|《[^》]{2,40}》"
    r"|(?:局|部|委|院|所|署|厅|办|中心|协会|银行|海关|公司|机构|大学)(?:的)?(?:统计|数据|资料|报告|调查|监测|测算)")
# A target or an instruction, not a claim about what was done.
_GOAL = fast(r"确保|力争|争取|务必|必须|力求|计划|预计|以期|目标是|目标为|努力(?=[使让把将争实推做提抓])|预期|希望|"
                   r"(?<![主重需只必纲提])要(?![素点害闻求])|将(?=[^来军领士])|应当|应(?=[^对用急])|需要")
# 前所未有 of a difficulty (挑战前所未有) describes the problem, not an achievement.
_HARDSHIP = fast(r"困难|挑战|风险|压力|复杂|严峻|冲击|考验|难度|艰巨|变局|危机|不确定")


def has_figure(text: str, skip: tuple[int, int] | None = None) -> bool:
    for m in _FIGURE.finditer(text):
        if skip and m.start() < skip[1] and m.end() > skip[0]:
            continue
        return True
    return False


def has_source(text: str) -> bool:
    return bool(_SOURCE.search(text))


@lru_cache(maxsize=16)
def _list_regex(path) -> tuple[re.Pattern, dict]:
    from ..engine.wordlists import load_list

    rows = load_list(path)
    key = rows.columns[0]
    notes = {r[key]: r.get("note", "") for r in rows}
    alt = "|".join(re.escape(w) for w in sorted(notes, key=len, reverse=True))
    return fast(alt), notes


@lru_cache(maxsize=16)
def _claims_regex(path):
    words, notes = _list_regex(path)
    return fast(f"{words.pattern}|{_HUNDRED.pattern}"), notes


def list_path(rule, name: str):
    """The path of word list ``name`` for ``rule``; a missing list is a configuration error."""
    from ..errors import RuleFileError
    from ..engine.wordlists import find_list

    path = find_list(name, rule.reference_dirs)
    if path is None:
        raise RuleFileError(rule.path, f"规则 {rule.code} 找不到词表“{name}”（应为 reference/{name}.tsv）")
    return path


def _word_list(rule, name: str):
    return _list_regex(list_path(rule, name))


def _sentence_hits(doc, rule, rx):
    for p in doc.iter(rule.scope):
        if not rx.search(p.text):
            continue
        for i, s in enumerate(p.sentences):
            for m in rx.finditer(p.text, s.start, s.end):
                yield p, i, s, m


# --- absolute claims -----------------------------------------------------------------------

_HUNDRED = fast(r"(?:率|度|面)(?:已经|已|均|都|全部)?(?:达到|达|为|是)?了?(?:100|百)\s*[%％]")
_NEGATED = fast(r"(?:没有|未|尚未|并未|并非|不是|不能|难以|无法|不可能)(?:得到)?$")
_SUPERLATIVE_OK = fast(r"最佳(?:实践|时机|窗口|状态)|最优(?:化|解)")


def absolute_claim(doc, rule, options) -> Iterator[Hit]:
    rx, notes = _claims_regex(list_path(rule, options["list"]))
    for p, _, s, m in _sentence_hits(doc, rule, rx):
        sentence = p.text[s.start:s.end]
        before = p.text[s.start:m.start()]
        word = m.group()
        if _GOAL.search(before) or _NEGATED.search(before) or _SUPERLATIVE_OK.match(p.text, m.start()):
            continue
        if word in ("前所未有", "史无前例", "空前") and _HARDSHIP.search(sentence):
            continue
        skip = (m.start() - s.start, m.end() - s.start)
        if has_figure(sentence, skip) or has_source(sentence):
            continue
        note = notes.get(word) or "百分之百的比率须写出统计口径和来源"
        yield Hit(p, m.start(), m.end(), None, {"note": note})


absolute_claim.FIELDS = frozenset({"text", "note"})
absolute_claim.OPTIONS = {"list": Param("str", default="absolute-claims", doc="reference list of absolute words")}


# --- achievements without a figure ---------------------------------------------------------

def _neighbours(doc, p, i: int) -> list[str]:
    """The sentences before and after sentence ``i`` of ``p`` (across paragraph ends)."""
    out = []
    sents = p.sentences
    if i > 0:
        out.append(sents[i - 1].text)
    else:
        prev = _adjacent(doc, p, -1)
        if prev is not None and prev.sentences:
            out.append(prev.sentences[-1].text)
    if i + 1 < len(sents):
        out.append(sents[i + 1].text)
    else:
        nxt = _adjacent(doc, p, 1)
        if nxt is not None and nxt.sentences:
            out.append(nxt.sentences[0].text)
    return out


def _adjacent(doc, p, step: int):
    j = p.index + step
    while 0 <= j < len(doc.paragraphs):
        q = doc.paragraphs[j]
        if not q.is_blank:
            return q
        j += step
    return None


# A paragraph that sets out targets (主要目标任务是：……；到2035年……) makes no claims.
_TARGETS = fast(r"目标(?:任务)?(?:是|为)|预期目标|到(?:\d{4}|[〇零一二三四五六七八九]{4})年|到本世纪|奋斗目标")
_CLAUSE_END = fast(r"(?:了)?(?:[，。；！、：）”]|$)")


def unquantified_achievement(doc, rule, options) -> Iterator[Hit]:
    rx, notes = _word_list(rule, options["list"])
    for p, i, s, m in _sentence_hits(doc, rule, rx):
        sentence = p.text[s.start:s.end]
        # A claim ends its clause (收入明显提升。); 大幅提升宽带速率 is an action with an object.
        if not _CLAUSE_END.match(p.text, m.end()):
            continue
        if _GOAL.search(p.text[s.start:m.start()]) or _TARGETS.search(p.text[:m.start()]):
            continue
        if has_figure(sentence) or has_source(sentence):
            continue
        if options["neighbours"] and any(has_figure(t) for t in _neighbours(doc, p, i)):
            continue
        if options["paragraph"] and has_figure(p.text):
            continue
        where = ("这一段" if options["paragraph"] else
                 "这句话和前后两句" if options["neighbours"] else "这句话")
        yield Hit(p, m.start(), m.end(), None, {"note": notes.get(m.group(), ""), "where": where})


unquantified_achievement.FIELDS = frozenset({"text", "note", "where"})
unquantified_achievement.OPTIONS = {
    "list": Param("str", default="vague-achievements", doc="reference list of degree-only achievements"),
    "neighbours": Param("bool", default=True, tunable=True,
                        doc="a figure in the sentence before or after also counts as evidence"),
    "paragraph": Param("bool", default=True, tunable=True,
                       doc="a figure anywhere in the same paragraph also counts as evidence"),
}


# --- claims attributed to nobody -----------------------------------------------------------

_UNSOURCED = fast(
    r"(?P<stat>据(?:不完全)?(?:统计|测算|估算|估计|调查|分析|了解|悉|报道|反映)"
    r"|(?<![局部委院所办厅司行会社台网报关署计])(?:有关|相关|一些|部分|有的)?(?:资料|数据|研究|调查|报道|统计)(?:显示|表明|称|指出))"
    r"|(?P<person>(?:据|有|一些|部分|不少|许多|有关)?(?:业内|知情|有关|相关|权威|消息)人士(?:分析|认为|指出|透露|表示|称|介绍|预计)?"
    r"|(?:(?<=[，。；：、“])|^|(?<=据)|(?<=有))(?:一些|部分|不少|许多|有关)?专家(?:分析|认为|指出|表示|称|预计))")
_PERSON_WORDS = ("人士", "专家")


def unsourced_claim(doc, rule, options) -> Iterator[Hit]:
    for p, _, s, m in _sentence_hits(doc, rule, _UNSOURCED):
        sentence = p.text[s.start:s.end]
        rest = sentence[m.end() - s.start:]
        if re.match(r"[^，。；]{0,4}(?:[（(]|：“)", rest) and re.search(r"[（(][^）)]{2,}[）)]", rest[:40]):
            continue  # a source given in brackets right after: 有关资料显示（《……年鉴》）
        if has_source(sentence):
            continue
        person = m.group("person") is not None
        if not person and has_figure(sentence):
            continue
        what = "说话的人" if person else "资料或数据的来源"
        yield Hit(p, m.start(), m.end(), None, {"what": what})


unsourced_claim.FIELDS = frozenset({"text", "what"})
