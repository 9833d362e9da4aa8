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

from ..text.chinese import HAN_BASIC
from ..model.finding import Hit
from ..engine.kinds import Param
from ..text.fastregex import fast
from ..cache import compile_regex

# A figure: an Arabic number that is not a date (2024年, 3月, 5日 are times, not measures), a
# percentage, or a Chinese numeral with a counting unit (三个, 两千户, 百分之五).
_FIGURE = fast(
    r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*[年月日号时])"
    r"|[一二两三四五六七八九十百千万亿]+(?:个|项|条|次|家|名|人|户|所|座|件|起|元|倍|成|公里|千米|米|吨|亩|公顷|万|亿)"
    r"|百分之[零一二三四五六七八九十百]")
# A named source: 据县统计局统计, 国家统计局数据显示, 第三方评估, 审计, 抽样调查, 《……》.
_SOURCE = fast(
    r"据[^，。；！？]{1,20}?(?:统计|调查|测算|监测|核查|评估|数据|报告|公报|年鉴|通报)"
    r"|统计局|统计公报|第三方评估|审计|抽样调查|抽查|普查|《[^》]{2,40}》"
    r"|(?:局|部|委|院|所|署|厅|办|中心|协会|银行|海关|公司|机构|大学)(?:的)?(?:统计|数据|资料|报告|调查|监测|测算)")
# A comparison: against last year, another place, a baseline or a rank (比上年, 同比, 由……提高到,
# 翻一番, 首次, 居全省第3位).
_COMPARISON = fast(
    r"比(?:上|去|前)?年|同比|环比|较(?:上|去)年|较(?![快大好多高为明显强低少慢早晚差])[^，。；]{1,12}(?:增长|增加|提高|提升|下降|减少|上升|缩小)|"
    r"比(?![较如例重率拼武赛试])[^，。；]{1,12}(?:增长|增加|提高|提升|下降|减少|上升|缩小|多|少|高|低)|"
    r"由[^，。；]{1,24}(?:提高|提升|增加|增长|上升|下降|减少|降低|缩小|扩大)?(?:到|至)|从[^，。；]{1,24}(?:到|至)|"
    r"翻(?:了)?[一两三四\d]?番|首次|首个|首家|(?:位居|位列|居|排名|排在)[^，。；]{0,8}第[一二三四五六七八九十\d]+[位名]")
# An example: 例如, 比如, 以……为例, 其中, a named project in quotation marks or a title.
_EXAMPLE = fast(r"例如|比如|譬如|诸如|以[^，。；]{1,20}为例|其中[，,]?|如[^，。；]{2,20}等|“[^”]{2,30}”|《[^》]{2,40}》"
                r"|[^，。；、]{2,12}(?:、[^，。；、]{2,12})+等")


def has_evidence(text: str, skip: tuple[int, int] | None = None) -> bool:
    """A figure, a named source, a comparison or an example in ``text``."""
    return (has_figure(text, skip) or has_source(text) or bool(_COMPARISON.search(text))
            or bool(_EXAMPLE.search(text)))


# A target or an instruction, not a claim about what was done.
_GOAL = fast(r"确保|力争|号召|切实使|争取|务必|必须|力求|计划|预计|以期|目标是|目标为|努力(?=[使让把将争实推做提抓])|预期|希望|"
                   r"(?<![主重需只必纲提])要(?![素点害闻求])|将(?=[^来军领士])|应当|应(?=[^对用急])|需要")
# 前所未有 of a difficulty (挑战前所未有) describes the problem, not an achievement.
_HARDSHIP = fast(r"困难|挑战|风险|压力|复杂|严峻|冲击|考验|难度|艰巨|变局|危机|不确定|之变|前景")


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


def list_path(rule, name: str):
    """The path of word list ``name`` for ``rule``; a missing list is a configuration error."""
    from ..engine.wordlists import find_list
    from ..errors import RuleFileError

    path = find_list(name, rule.reference_dirs)  # cached by the word-list module
    if path is None:
        raise RuleFileError(rule.path, f"规则 {rule.code} 找不到词表“{name}”（应为 reference/{name}.tsv）")
    return path


def _word_list(rule, name: str):
    return _list_regex(list_path(rule, name))


def _sentence_hits(doc, rule, rx, need=None):
    """(paragraph, sentence number, sentence, match) for each match of ``rx`` inside a sentence.
    ``need``: literals one of which every match holds (:meth:`lint.text.gates.ParagraphIndex.matching`),
    so that only the paragraphs holding one are searched."""
    where = None
    if need is not None:

        where = doc.paragraph_index.matching(need)
        if not where:
            return
    for p in doc.iter(rule.scope):
        if where is not None and p.index not in where:
            continue
        if not rx.search(p.text):
            continue
        for i, s in enumerate(p.sentences):
            for m in rx.finditer(p.text, s.start, s.end):
                yield p, i, s, m


# --- the evidence window ------------------------------------------------------------------

WINDOWS = ("sentence", "next", "neighbours", "paragraph")
_WHERE = {"sentence": "这句话", "next": "这句话和下一句", "neighbours": "这句话和前后两句", "paragraph": "这一段和前后两句"}


def _adjacent(doc, p, step: int):
    j = p.index + step
    while 0 <= j < len(doc.paragraphs):
        q = doc.paragraphs[j]
        if not q.is_blank:
            return q
        j += step
    return None


def _next_sentence(doc, p, i: int) -> str:
    sents = p.sentences
    if i + 1 < len(sents):
        return sents[i + 1].text
    nxt = _adjacent(doc, p, 1)
    # A heading that follows is no evidence: the claim's paragraph has ended its point.
    if nxt is not None and nxt.sentences and nxt.scope == "body":
        return nxt.sentences[0].text
    return ""


def _previous_sentence(doc, p, i: int) -> str:
    if i > 0:
        return p.sentences[i - 1].text
    prev = _adjacent(doc, p, -1)
    if prev is not None and prev.sentences and prev.scope == "body":
        return prev.sentences[-1].text
    return ""


def window_texts(doc, p, i: int, window: str) -> list[str]:
    """The texts beside sentence ``i`` of ``p`` that may hold the evidence for a claim in it."""
    if window == "sentence":
        return []
    out = [_next_sentence(doc, p, i)]
    if window in ("neighbours", "paragraph"):
        out.append(_previous_sentence(doc, p, i))
    if window == "paragraph":
        out.append(p.text)
    return [t for t in out if t]


# --- absolute claims -----------------------------------------------------------------------

_HUNDRED = fast(r"(?:率|度|面)(?:已经|已|均|都|全部)?(?:达到|达|为|是)?了?(?:100|百)\s*[%％]"
                r"|(?:100|百)\s*[%％](?:的(?:群众|居民|村民|企业|受访者|[^，。；]{0,6}))?(?:表示)?(?:满意|认可|好评|支持)")
# A rank claimed over a whole area: 全省第一, 位居全市首位, 全国领先, 走在全省前列.
_RANKING = fast(r"(?:全国|全省|全市|全县|全区|全州|全盟|国内|省内|市内|同行业|同类城市)(?:同类[^，。；]{0,4})?(?:排名|排在|排位)?"
                r"(?:第一(?![次批个线])|首位|之首|领先|前列|前茅|最[高好快低优])"
                r"|(?:国际|国内|世界|全国)领先水平")
_OPINION = fast(r"满意|好评|认可|赞成|拥护")
_SURVEY = fast(r"调查|问卷|测评|抽样|抽查|评议|民调|回访")
_NEGATED = fast(r"(?:没有|未|尚未|并未|并非|不是|不能|难以|无法|不可能)(?:得到)?$")
_SUPERLATIVE_OK = fast(r"最佳(?:实践|时机|窗口|状态)|最优(?:化|解)")
# 要走在全省前列, 争创全国领先: a ranking named as an aim.
_AIM_BEFORE = fast(r"(?:争|创|争创|力争|勇争|努力|奋力|确保|保持|继续)[^，。；]{0,6}$")
# 全面实现现代化还有相当长的路要走, 是全面实现规划目标的重要一年: a goal named, not a claim made.
_GOAL_AFTER = fast(r"[^。；]{0,40}?(?:还有|仍需|仍要|尚需|之路|的目标|的一年|的关键|的重要一年|的决定性)")
_SUPERLATIVES = ("最佳", "最优", "最强", "最先进")
# 最佳 is a claim about a rank only with the scope it is ranked in: 全省最佳, 历史最好.
_RANK_SCOPE = fast(r"(?:全国|全省|全市|全县|全区|全镇|历史|同类|同行业|同期|全行业|系统内|国内|省内|市内)[^，。；]{0,4}$")


def absolute_claim(doc, rule, options) -> Iterator[Hit]:
    path = list_path(rule, options["list"])
    rx, notes = _claims_regex(path) if options["ranks"] else _list_regex(path)
    for p, i, s, m in _sentence_hits(doc, rule, rx):
        sentence = p.text[s.start:s.end]
        before = p.text[s.start:m.start()]
        word = m.group()
        if _GOAL.search(before) or _NEGATED.search(before) or _SUPERLATIVE_OK.match(p.text, m.start()):
            continue
        if _AIM_BEFORE.search(before) or _GOAL_AFTER.match(p.text, m.end()):
            continue
        if _target_year(doc, before):
            continue  # 到2025年，……达到省内领先水平: a target set, not a rank claimed
        if word in _SUPERLATIVES and not _RANK_SCOPE.search(before):
            continue
        if options["claims_only"] and not _CLAUSE_END.match(p.text, m.end()):
            continue  # 全面实现农村免费义务教育: a policy carried out, not a verdict on it
        if word in ("前所未有", "史无前例", "空前") and _HARDSHIP.search(sentence):
            continue
        skip = (m.start() - s.start, m.end() - s.start)
        rest = sentence[:skip[0]] + "\u3000" * (skip[1] - skip[0]) + sentence[skip[1]:]
        nearby = window_texts(doc, p, i, options["window"])
        if _OPINION.search(p.text, max(s.start, m.start() - 3), m.end()):
            # 满意率100%, 100%满意: only a survey or a named source backs an opinion, not the
            # number of houses built in the same sentence.
            if any(has_source(t) or _SURVEY.search(t) for t in [sentence, *nearby]):
                continue
        elif has_figure(sentence, skip) or has_source(sentence) or _COMPARISON.search(rest):
            continue
        elif any(has_figure(t) or has_source(t) or _COMPARISON.search(t) for t in nearby):
            continue
        note = notes.get(word)
        if note is None:
            note = ("百分之百的说法须写出统计口径和来源" if "100" in word or "百" in word
                    else "排名须写明是谁排的、在什么范围、按什么指标")
        start = m.start()
        if word[0] in "率度面":  # 满意度达到100%: quote the whole measure, not from its last character
            start = max(s.start, start - len(re.match(rf"[{HAN_BASIC}]{{0,2}}", before[::-1]).group()))
        yield Hit(p, start, m.end(), None, {"note": note, "where": _WHERE[options["window"]]})


absolute_claim.FIELDS = frozenset({"text", "note", "where"})
absolute_claim.OPTIONS = {
    "list": Param("str", default="absolute-claims", doc="reference list of absolute words"),
    "ranks": Param("bool", default=True,
                   doc="also look for ranks over an area (全省第一, 居全市首位) and 100% rates (满意率100%, 100%满意)"),
    "claims_only": Param("bool", default=False,
                         doc="only a word that ends its clause or takes 了 (任务全面完成。 圆满完成了), not one with an object"),
    "window": Param("str", default="next", choices=WINDOWS, tunable=True,
                    doc="where a figure, named source or comparison counts as evidence besides the sentence"),
}


@lru_cache(maxsize=16)
def _claims_regex(path):
    words, notes = _list_regex(path)
    return fast(f"{_RANKING.pattern}|{words.pattern}|{_HUNDRED.pattern}"), notes


# --- achievements without substance --------------------------------------------------------

# A paragraph that sets out targets (主要目标任务是：……；到2035年……) makes no claims, nor do the
# ——bullets under a lead-in that announces them (……实现新的要求：⏎——经济持续健康发展。).
_TARGETS = fast(r"目标(?:任务)?(?:是|为)|预期目标|到\d{4}年|到(?:二〇|二○|二0)[〇○0一二三四五六七八九]{2}年|到本世纪|奋斗目标|到那时|届时|"
                r"(?:目标|要求|任务)[：:。]?$")
# A section about what is to be done: its claims are targets (三、全面建成小康社会的目标, 二、今年工作任务).
_PLAN_HEADING = fast(r"目标|任务|部署|安排|展望|思路|要求|打算|计划")
# A change for the worse is a difficulty described, not an achievement claimed.
_TROUBLE = fast(r"问题|矛盾|隐患|因素|风险|困难|压力|冲击|危机|下滑|出口|不确定|不稳定|两难|价格|物价|房价|成本|负担|债务|亏损")


def _heading_above(doc, p):
    """The nearest heading or title before ``p``: read from a table of the document made once
    (walking back from each claim cost a pass over the text per claim in a draft of few headings)."""
    above = doc.meta.get("_heading_above")
    if above is None or len(above) != len(doc.paragraphs):
        above, last = [], None
        for q in doc.paragraphs:
            above.append(last)
            if q.scope in ("heading", "title"):
                last = q
        doc.meta["_heading_above"] = above
    return above[p.index]


_BY_YEAR = fast(r"到(\d{4})年")


def _target_year(doc, before: str) -> bool:
    """The sentence so far sets a deadline not yet reached when the draft was written (到2025年，
    in a plan of 2023): what follows is aimed at. 到2023年底 in a report of 2024 is an account."""
    m = _BY_YEAR.search(before)
    if m is None:
        return False
    from .facts_common import effective_date

    return int(m.group(1)) >= effective_date(doc).year


def _in_targets(doc, p, pos: int) -> bool:
    if _TARGETS.search(p.text[:pos]):
        return True
    h = _heading_above(doc, p)
    if h is not None and h.scope == "heading" and _PLAN_HEADING.search(h.text):
        return True
    q = p
    while q.text.lstrip().startswith("——"):
        q = _adjacent(doc, q, -1)
        if q is None:
            return False
        if not q.text.lstrip().startswith("——"):
            return bool(_TARGETS.search(q.text))
    return False
# A claim ends its clause (收入明显提升。) or says it is done (大幅提升了通行能力);
# 大幅提升宽带速率 is an action with an object.
_CLAUSE_END = fast(r"了|(?:[，。；！、：）”]|$)")


def unquantified_achievement(doc, rule, options) -> Iterator[Hit]:
    rx, notes = _word_list(rule, options["list"])
    window = options["window"]
    for p, i, s, m in _sentence_hits(doc, rule, rx):
        sentence = p.text[s.start:s.end]
        if not _CLAUSE_END.match(p.text, m.end()):
            continue
        if _GOAL.search(p.text[s.start:m.start()]) or _in_targets(doc, p, m.start()):
            continue
        if _NEGATED.search(p.text[max(s.start, m.start() - 6):m.start()]):
            continue  # 没有明显变化, 尚未得到明显改善: a shortfall, not a claim
        clause = re.split(r"[，；：]", p.text[s.start:m.start()])[-1]
        if m.group().endswith(("增加", "下降", "减少", "增长", "降低", "上升")) and _TROUBLE.search(clause):
            continue
        if has_evidence(sentence):
            continue
        if any(has_evidence(t) for t in window_texts(doc, p, i, window)):
            continue
        yield Hit(p, m.start(), m.end(), None, {"note": notes.get(m.group(), ""), "where": _WHERE[window]})


unquantified_achievement.FIELDS = frozenset({"text", "note", "where"})
unquantified_achievement.OPTIONS = {
    "list": Param("str", default="vague-achievements", doc="reference list of degree-only achievements"),
    "window": Param("str", default="next", choices=WINDOWS, tunable=True,
                    doc="where a figure, comparison or example counts as evidence besides the sentence: "
                        "sentence (none), next (the next sentence), neighbours (and the one before), "
                        "paragraph (and the whole paragraph)"),
}


# --- claims attributed to nobody -----------------------------------------------------------

_UNSOURCED = fast(
    r"(?P<stat>据(?:不完全)?(?:统计|测算|估算|估计|调查|分析|了解|悉|报道|反映)"
    r"|(?<![局部委院所办厅司行会社台网报关署计])(?:有关|相关|一些|部分|有的)?(?:资料|数据|研究|调查|报道|统计)(?:显示|表明|称|指出))"
    r"|(?P<person>(?:据|有|一些|部分|不少|许多|有关)?(?:业内|知情|有关|相关|权威|消息)人士(?:分析|认为|指出|透露|表示|称|介绍|预计)?"
    r"|(?:(?<=[，。；：、“])|^|(?<=据)|(?<=有))(?:一些|部分|不少|许多|有关)?专家(?:分析|认为|指出|表示|称|预计))"
    # 广大群众一致认为, 社会各界普遍反映, 干部群众交口称赞: a verdict put in everyone's mouth.
    r"|(?P<crowd>(?:广大|全县|全市|全区|全镇|全省|辖区|当地|社会各界|各界|干部|人民)?(?:干部)?(?:群众|百姓|居民|村民|市民|企业|社会各界|各界人士|游客|患者|师生|家长)"
    r"(?:都|也|们)?(?:一致|普遍|纷纷|无不|交口|有口皆碑地?)(?:认为|反映|表示|称赞|赞扬|叫好|点赞|好评|认可|满意|拍手称快))"
    r"|(?P<praise>(?:受到|得到|赢得|获得)(?:了)?(?:广大|各级|上级|社会各界|各界|群众|干部群众|各方)[^，。；]{0,8}(?:一致|普遍|广泛|高度)(?:好评|赞誉|赞扬|认可|肯定))")
# Literals one of which every match of _UNSOURCED holds, branch by branch: 据统计…; (资料)显示…;
# 人士; 专家; the crowd's 一致/普遍/纷纷/无不/交口/有口皆碑; praise that is 一致/普遍/广泛/高度. (资料显示
# is looked for as 显示 alone: an alternation of six first characters before it is slower to find.)
_UNSOURCED_NEEDS = compile_regex(
    r"据(?:不完全)?(?:统计|测算|估算|估计|调查|分析|了解|悉|报道|反映)|显示|表明|称|指出"
    r"|人士|专家|一致|普遍|纷纷|无不|交口|有口皆碑|广泛|高度")
_WHAT = {"stat": "资料或数据的来源", "person": "说话的人", "crowd": "是怎样了解到的（哪次调查、由谁组织、多少人参与）",
         "praise": "是谁、在什么场合给出的评价"}


def _inside_word(text: str, start: int) -> bool:
    """Whether the 据 at ``start`` is the end of a word (数据, 证据, 票据) rather than the start of
    据统计; 根据统计 and 依据调查 say 据统计 in other words and count."""
    if not start or text[start - 1] in "根依":
        return False
    from ..text import segment

    lo = max(0, start - 6)
    _, ends = segment.lexicon().best(text[lo:start + 6])
    return (start - lo) not in {0, *ends}


def unsourced_claim(doc, rule, options) -> Iterator[Hit]:
    window = options["window"]
    for p, i, s, m in _sentence_hits(doc, rule, _UNSOURCED, _UNSOURCED_NEEDS):
        sentence = p.text[s.start:s.end]
        rest = sentence[m.end() - s.start:]
        if m.group().startswith("据") and _inside_word(p.text, m.start()):
            continue  # 所列数据统计期限: the 据 ends 数据 (证据, 票据), no 据统计 is there
        if re.match(r"[^，。；]{0,4}(?:[（(]|：“)", rest) and re.search(r"[（(][^）)]{2,}[）)]", rest[:40]):
            continue  # a source given in brackets right after: 有关资料显示（《……年鉴》）
        if _GOAL.search(p.text[s.start:m.start()]):
            continue  # 要让群众普遍满意: an aim, not a report
        kind = m.lastgroup
        nearby = window_texts(doc, p, i, window)
        if has_source(sentence) or any(has_source(t) for t in nearby):
            continue
        if kind != "person" and (has_figure(sentence) or any(has_figure(t) for t in nearby)):
            continue
        yield Hit(p, m.start(), m.end(), None, {"what": _WHAT[kind], "where": _WHERE[window]})


unsourced_claim.FIELDS = frozenset({"text", "what", "where"})
unsourced_claim.OPTIONS = {
    "window": Param("str", default="next", choices=WINDOWS, tunable=True,
                    doc="where a named source (or, for data, a figure) counts besides the sentence"),
}
