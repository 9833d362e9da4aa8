"""虚 and 空: stacked hollow modifiers, slogan-only sentences, 穿靴戴帽 openings and closings.

GUIDANCE.md §1: 进一步切实加强, 大力积极推进, 认真切实抓好 stack adverbs that add no
information; a sentence made only of slogans names no object, number, date, place or party that
acts; the stock opening (在……的正确领导下) and closing (为……作出新的更大贡献) could top and tail
any speech.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..text.chinese import HAN_BASIC
from ..model.finding import Hit
from ..engine.kinds import Param
from ..text.fastregex import fast
from .facts import list_path


# --- stacked modifiers ---------------------------------------------------------------------

@lru_cache(maxsize=8)
def _modifier_regex(words: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # Two or more modifiers in a row (each may take 地, and may be joined by 、 or 和), followed by
    # the verb they modify: a Chinese character that does not turn the last one into a noun or an
    # attribute (积极性, 有效的, 持续努力，).
    return fast(rf"(?:(?:{alt})地?(?:、|和)?){{2,}}(?<![、和])(?=[{HAN_BASIC}])(?![的地得性者])")


# Names of programmes that start with a modifier: not a stacked adverb.
_SET_TERMS = fast(r"全面(?:深化改革|从严治党|依法治国|建成小康|建设社会主义现代化|建设小康|小康|推进乡村振兴)")


@lru_cache(maxsize=8)
def _word_regex(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _modifier_spans(m: re.Match, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Paragraph offsets of each modifier inside a stacked run."""
    return [(m.start() + w.start(), m.start() + w.end()) for w in _word_regex(words).finditer(m.group())]


def stacked_modifiers(doc, rule, options) -> Iterator[Hit]:
    from ..engine.wordlists import load_list

    rows = load_list(list_path(rule, options["list"]))
    words = tuple(r[rows.columns[0]] for r in rows)
    rx = _modifier_regex(words)
    least = options["min_run"]
    # One search of the whole text (one paragraph a line) finds what a search of each paragraph
    # finds: a run holds no line break, and the character its end looks at ([的地得性者], a Han
    # character) is then a line break where the paragraph alone has nothing; neither is one.
    from bisect import bisect_right

    mine = {p.index: p for p in doc.iter(rule.scope)}
    starts, text = doc.paragraph_index.starts, doc.joined_text
    for m in rx.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        p = mine.get(k)
        if p is None:
            continue
        spans = [(a - starts[k], b - starts[k]) for a, b in _modifier_spans(m, words)]
        # 全面深化改革, 全面从严治党: the last 全面 belongs to the name of a programme.
        if _SET_TERMS.match(p.text, spans[-1][0]):
            spans = spans[:-1]
        found = [p.text[a:b] for a, b in spans]
        if len(found) < least:
            continue
        # 进一步 keeps its comparison; otherwise keep the last modifier, closest to the verb.
        keep = "进一步" if "进一步" in found else found[-1]
        yield Hit(p, m.start() - starts[k], spans[-1][1], keep,
                  {"count": len(found), "words": "、".join(f"“{w}”" for w in found), "keep": keep})


stacked_modifiers.FIELDS = frozenset({"text", "suggestion", "count", "words", "keep"})
stacked_modifiers.OPTIONS = {
    "list": Param("str", default="hollow-modifiers", doc="reference list of hollow modifiers"),
    "min_run": Param("int", default=2, tunable=True, doc="modifiers in a row that make a finding"),
}


# --- 穿靴戴帽 ----------------------------------------------------------------------------------

_NOT_END = r"[^。！？；]"
_NOT_CLAUSE = r"[^。！？；，]"
BOOTS = [
    # (regex, what it is, what to write instead)
    (fast(rf"在(?:上级|各级|{_NOT_CLAUSE}{{1,40}}?的)(?:正确|坚强|英明|有力|亲切)(?:的)?领导(?:和{_NOT_END}{{0,12}}?(?:指导|关心|支持|帮助))?下"),
     "穿靴戴帽的开头套话", "可删去，直接写取得了什么成绩"),
    (fast(rf"在{_NOT_CLAUSE}{{2,30}}?的(?:关心|支持|关怀|帮助|共同努力)(?:和|、)?(?:关心|支持|关怀|帮助|指导)?下"),
     "穿靴戴帽的开头套话", "可删去，直接写做了什么"),
    (fast(rf"经过(?:全体|广大|各级|同志们|全县|全市|全区|全镇|全局|{_NOT_END}{{0,12}}?干部){_NOT_END}{{0,16}}?的?共同努力"),
     "穿靴戴帽的开头套话", "可删去，直接写做成了什么"),
    (fast(rf"(?:这些|上述|以上|各项)?(?:成绩|成就|成果)(?:的取得)?{_NOT_END}{{0,6}}来之不易"),
     "总结成绩后的套话", "可删去，成绩已经用事实说清楚了"),
    (fast(r"(?:成绩|成就)是(?:肯定|主要)的"),
     "总结中的固定套话", "可删去，直接写成绩"),
    (fast(rf"为{_NOT_CLAUSE}{{1,40}}?作出(?:新的|更大的|应有的|积极的)?(?:更大|新的)?(?:的)?贡献"),
     "穿靴戴帽的结尾套话", "可删去，或改写为具体的目标和时限"),
    (fast(rf"(?:党委|党组|政府|县委|市委|省委|区委|镇党委|乡党委|领导|班子)(?:历来|一直|始终|十分|都)?(?:高度|十分|非常)重视{_NOT_END}{{0,20}}?工作"),
     "穿靴戴帽的开头套话", "可删去，直接写为此做了哪些事（开了什么会、定了什么措施、投入多少）"),
    # Every result put down to the leadership: 离不开……的正确领导, 得益于……的关心支持, 是……坚强领导的结果.
    (fast(rf"(?:离不开|得益于|归功于|得力于|源于){_NOT_CLAUSE}{{0,24}}?(?:正确|坚强|英明|有力)领导(?:和{_NOT_END}{{0,12}}?(?:关心|支持|指导|帮助))?(?:的结果)?"
          rf"|(?:离不开|得益于|归功于|得力于){_NOT_CLAUSE}{{0,24}}?的(?:关心|支持|关怀|帮助|指导)(?:和(?:关心|支持|关怀|帮助|指导))?"
          rf"|(?:是|为){_NOT_CLAUSE}{{1,24}}?(?:正确|坚强|英明)领导的(?:结果|成果)"),
     "把成绩归功于领导的套话", "可删去，直接写做成这件事的具体做法"),
]
_CONTRIBUTION = BOOTS[5][0]  # 为……作出贡献: a closing only in its stock form or at the very end
# For each pattern of BOOTS, literals one of which every match holds (lint.text.gates): only the
# paragraphs that have one are searched with the pattern.
_BOOT_NEEDS = [tuple(re.compile(rx) for rx in rxs) for rxs in (
    ("领导",),
    ("的(?:关心|支持|关怀|帮助|共同努力)",),
    ("共同努力",),
    ("来之不易",),
    ("是(?:肯定|主要)的",),
    ("贡献",),
    ("重视",),
    ("领导", "的(?:关心|支持|关怀|帮助|指导)"),
)]


def boots_and_hat(doc, rule, options) -> Iterator[Hit]:

    boots = [(b, doc.paragraph_index.matching(*need)) for b, need in zip(BOOTS, _BOOT_NEEDS) if b[0].possible(doc.joined_text)]
    boots = [b for b in boots if b[1]]
    if not boots:
        return
    anywhere = frozenset().union(*(where for _, where in boots))
    for p in doc.iter(rule.scope):
        if p.index not in anywhere:
            continue
        text = p.text
        for (rx, label, advice), where in boots:
            if p.index not in where:
                continue
            for m in rx.finditer(text):
                # 为……作出贡献 as a stated aim inside a task (要为……作出贡献) is no closing flourish.
                if rx is _CONTRIBUTION and not _is_closing(p, m, doc):
                    continue
                # Deleting a clause takes the comma before it when a sentence end follows
                # (……走在前列，为……作出更大贡献。 -> ……走在前列。), or “，。” would be left.
                s, e = m.start(), m.end()
                widen = s > 0 and text[s - 1] in "，、；" and text[e:e + 1] in ("。", "！", "；", "")
                yield Hit(p, s, e, "", {"label": label, "advice": advice}, replace=(s - 1, e) if widen else None)


def _is_closing(p, m, doc) -> bool:
    """为……作出新的更大贡献 is a 戴帽 closing when it ends a sentence near the end of the text or
    when the promise is of a 新的/更大 contribution (the stock formula)."""
    if re.search(r"新的|更大", m.group()):
        return True
    paras = [q for q in doc.iter(("body",))]
    return bool(paras) and p is paras[-1]


boots_and_hat.FIELDS = frozenset({"text", "suggestion", "label", "advice"})


# --- slogan-only sentences -----------------------------------------------------------------

# Words that, on their own, carry no concrete content in a 公文 sentence: hollow verbs and
# objects of the 加强……工作/提升……水平 frame, and the function words around them. A sentence
# that is nothing but these is a slogan.
SLOGAN_WORDS = frozenset("""
加强 加大 推进 推动 提升 提高 落实 强化 深化 坚持 贯彻 确保 保障 促进 增强 完善 健全 抓好 做好 抓实
实现 发挥 树立 营造 形成 打造 夯实 筑牢 巩固 统筹 着眼 聚焦 围绕 服务 务求 力争 努力 争取 切实 扎实
进一步 大力 积极 认真 深入 全面 不断 持续 有效 充分 全力 坚决 着力 主动 真正 务必 始终 更加 更好 高度
牢固 牢牢 扎扎实实 认认真真 坚定不移 毫不动摇 狠抓 紧紧 奋力 勇于 善于 敢于 自觉 全方位 多层次
工作 水平 能力 意识 作用 力度 质量 效率 效能 体系 机制 建设 发展 作风 责任 任务 目标 要求 部署 措施
举措 成效 实效 合力 氛围 基础 局面 格局 形势 思想 认识 精神 理念 理论 学习 教育 活动 担当 作为
重视 决心 信心 干劲 标准 全局 大局 中心 重点 难点 短板 弱项 瓶颈 底线 红线 导向 方向 引领 带动
大局意识 责任意识 忧患意识 服务意识 思想认识 责任担当 高标准 严要求 提质增效 落地见效 落地落实 见实效
落到实处 取得实效 走深走实 走在前列 见行动 再上台阶 新台阶 新突破 新成效 新局面 新气象 新作为 新担当
各项 各类 各级 各方 一切 全体 广大 有关 相关 新 高 好 大 强 优 实 全 新的 更大 更高 更好 更强 各个 任务
高质量 现代化 科学化 规范化 制度化 常态化 长效化 精细化 系统化 一体化 信息化 智能化 法治化
和 与 及 以及 并 并且 而 又 也 都 还 再 更 最 要 必须 应当 应 需要 能 会 将 把 对 为 以 于 在 从 是
向 让 使 之 的 地 得 着 了 过 其 这 那 此 该 我们 大家 上 中 下 里 内 外 前 后 等 上来 下去 起来
好好 不 不能 不得 决不 一定 一道 一起 共同 同心 同德 齐心 协力 上下 一心 奋斗 奋进 前进 拼搏 奋发
""".split())
_SLOGAN_RX = fast("|".join(sorted(map(re.escape, SLOGAN_WORDS), key=len, reverse=True)))
# Anything concrete: a number, a counted quantity, a quotation or title, a place or an office.
_ANCHOR = fast(r"[\d０-９〇○]|[一二三四五六七八九十百千万亿两]+[个项条次家名人户所座件起元天年月日周期批轮类]|"
                     r"[“《（(【]|[省市县区乡镇村局委厅处科站所院校队馆]")
_HAN = fast(rf"[{HAN_BASIC}]")


def empty_sentence(doc, rule, options) -> Iterator[Hit]:
    least = options["min_chars"]
    for p in doc.iter(rule.scope):
        sentences = p.sentences
        for i, s in enumerate(sentences):
            text = s.text
            # （一）加强组织领导。各乡镇要……: a short first sentence is the item's run-in heading.
            if i == 0 and len(sentences) > 1 and (p.marker is not None or len(_HAN.findall(text)) <= 20):
                continue
            if len(_HAN.findall(text)) < least:
                continue
            rest = _SLOGAN_RX.sub("", text)  # 大局意识 is no 局 (office): look at what is left
            if _ANCHOR.search(rest) or len(_HAN.findall(rest)) > options["max_other_chars"]:
                continue
            yield Hit(p, s.start, s.end, None, {})


empty_sentence.FIELDS = frozenset({"text"})
empty_sentence.OPTIONS = {
    "min_chars": Param("int", default=12, tunable=True, doc="shortest sentence (Chinese characters) to judge"),
    "max_other_chars": Param("int", default=2, tunable=True,
                             doc="Chinese characters outside the slogan vocabulary a sentence may have and still be empty"),
}
