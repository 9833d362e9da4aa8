"""Context rules for the function characters and the common real-word pairs (issue 18, item 3).

的/地/得 (WD006), 在/再 (WD010), 以/已 (WD011), 即/既 (WD012), 做/作 (WD013), 那/哪 (WD014).

Each pair is a table of rows: the wrong form, the right one, what must stand before and after it
(regular expressions), and why. A row is tried only where its characters occur (a plain regex
search), and a match is reported only when the wrong form starts and ends at word boundaries of
the lexicon's segmentation (:meth:`lint.text.segment.Lexicon.aligned`): ``以经`` in ``以经济`` is
not a candidate, ``已上`` in ``已上报`` neither. Only 的/地/得 and 再 + noun + localizer ask jieba's
part-of-speech tagger, and only for a paragraph with a candidate. Precision comes first: a row covers a context in
which the other character cannot be meant.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from ..text.chinese import HAN_BASIC
from ..text.fastregex import fast

H = f"[{HAN_BASIC}]"
NUM = r"(?:\d|[〇零一二三四五六七八九十百千万亿两])"
TIME_START = r"(?:\d|[〇零一二三四五六七八九十]|近日|日前|本[年月周]|上[年月周]|今年|去年|当[年月天日])"
END = r"(?:[，。；：！？、”）]|$)"

# (wrong, right, before (must end right before the wrong form), after (must start right after it), why)
Row = tuple[str, str, str, str, str]

ZAI: list[Row] = [
    ("正再", "正在", "", H, "表示动作正在进行用“正在”"),
    ("现再", "现在", "", H, "表示此时此刻用“现在”"),
    ("存再", "存在", "", "", "“存在”的“在”是“在”"),
    ("实再", "实在", "", "", "“实在”的“在”是“在”"),
    ("旨再", "旨在", "", H, "表示目的用“旨在”"),
    ("意再", "意在", "", H, "表示用意所在用“意在”"),
    ("再此", "在此", "", "[向期背前过情之次]", "表示处所、时间、条件的介词是“在”：“在此期间”“在此之前”"),
    ("再座", "在座", "", "(?:的|各位|同志)", "表示在场用“在座”"),
    ("再于", "在于", "(?:关键|根本|重点|核心|问题|原因|目的|意义|价值|难点|要害|差距|区别|不同|优势|症结|根源)", "", "表示正是、决定于用“在于”"),
    ("在也", "再也", "", "(?:不|没|无|难)", "表示“永远不、不再”的副词是“再也”"),
    ("在三", "再三", "", "(?:强调|要求|叮嘱|提醒|告诫|嘱咐|重申|考虑|斟酌|权衡)", "表示一次又一次用“再三”"),
    ("在度", "再度", "", "(?:强调|出现|发生|提升|成为|召开|当选|上涨|下降|刷新|创下|获得|荣获|入选)", "表示又一次用“再度”"),
    ("一在", "一再", "", "(?:强调|要求|表示|重申|提醒|声明|指出|推迟|拖延|延误|延期|降低|压缩|违反|告诫|叮嘱)", "表示一次又一次用“一再”"),
    ("在一次", "再一次", "", "(?:强调|证明|表明|说明|重申|提醒|显示|印证|彰显|体现|深刻)", "表示又一次用“再一次”"),
]

YI: list[Row] = [
    # 以经核实的数据为准: 以 + 经 (a verb) heads 以……为…… and is right; the 为 after it tells.
    ("以经", "已经", "", f"{H}(?![^，。；！？]*为)", "表示动作完成的副词是“已经”"),
    ("以于", "已于", "", TIME_START, "表示某事在某时已经发生用“已于”"),
    ("早以", "早已", "", "[^前后来往先年日]", "表示早就如此用“早已”"),
    ("以久", "已久", H, END, "表示时间很长用“已久”（由来已久）"),
    ("已及", "以及", "", "", "表示并列的连词是“以及”"),
    ("已免", "以免", "", "", "表示避免某种结果的连词是“以免”"),
    ("已此", "以此", "", "(?:为|推|类)", "“以此为……”“以此类推”的“以”是介词"),
    ("加已", "加以", "", H, "“加以”后接双音节动词（加以规范）"),
    ("予已", "予以", "", H, "“予以”后接双音节动词（予以通报）"),
    ("难已", "难以", "", H, "表示不容易做到用“难以”"),
    ("可已", "可以", "", "[^经]", "表示可能、能够用“可以”"),
    ("已上", "以上", rf"(?:{NUM}|[年月日天周级岁次名人家个项元米里时倍])", "", "表示数量、等级在某一点之上用“以上”"),
    ("已下", "以下", rf"(?:{NUM}|[年月日天周级岁次名人家个项元米里时倍])", "", "表示数量、等级在某一点之下用“以下”"),
    ("已内", "以内", rf"(?:{NUM}|[年月日天周级岁次名人家个项元米里时倍])", "", "表示在一定范围之内用“以内”"),
    ("已外", "以外", rf"(?:{NUM}|[年月日天周级岁次名人家个项元米里时倍])", "", "表示在一定范围之外用“以外”"),
    ("已来", "以来", r"(?:\d|[年月日]|以|开展|实施|成立|建立|召开|开始)", "", "表示从过去某时到现在用“以来”"),
    ("已资", "以资", "", "(?:鼓励|证明|参考|借鉴|纪念|表彰|奖励)", "表示用来作为用“以资”（以资鼓励）"),
    ("已示", "以示", "", "(?:区别|警示|警戒|鼓励|尊重|重视|惩戒|诚意|决心|庆祝|纪念|郑重|公正|公平|慎重)", "表示用来表明用“以示”"),
    ("以达", "已达", "", r"(?:\d|[一二三四五六七八九十百千万])", "表示已经达到某个数量用“已达”"),
    ("已至于", "以至于", "", "", "表示结果的连词是“以至于”"),
    ("已期", "以期", "", "(?!满|间|限)" + H, "表示希望达到某种目的用“以期”"),
    ("以然", "已然", "", H, "表示已经如此用“已然”"),
    ("已后", "以后", r"(?:\d|[年月日天周]|从此|从今|自此)", "", "表示某时之后用“以后”"),
]

NO_YOU = f"{H}(?![^。；！？]*[又也])"

JI: list[Row] = [
    # 既将……又…… and 既使……又使…… are right: the row holds only without 又/也 after it
    ("既将", "即将", "", NO_YOU, "表示不久就要发生的副词是“即将”"),
    ("既使", "即使", "", f"{H}(?![^。；！？]*又)", "表示假设让步的连词是“即使”（即使……也……）"),
    ("既便", "即便", "", H, "表示假设让步的连词是“即便”"),
    ("既可", "即可", "", r"(?:[，。；！]|$)", "表示“就可以”用“即可”"),
    ("立既", "立即", "", "", "表示马上用“立即”"),
    ("随既", "随即", "", "", "表示随后就用“随即”"),
    ("既日", "即日", "", "(?:起|开始|生效|施行)", "表示当天用“即日”（自即日起）"),
    ("亦既", "亦即", "", "", "表示“也就是”用“亦即”"),
    ("即然", "既然", "", "", "表示先提出前提的连词是“既然”"),
    ("即定", "既定", "", "(?:目标|方针|政策|方向|任务|计划|规划|部署|程序|路线|战略|安排|事实)", "表示已经确定的用“既定”"),
]

ZUO: list[Row] = [
    ("作细作实", "做细做实", "", "", "“做细做实”“做强做优”的“做”指把事情办到某种程度"),
    ("作实作细", "做实做细", "", "", "“做实做细”的“做”指把事情办到某种程度"),
    ("作大作强", "做大做强", "", "", "“做大做强”的“做”指把事情办到某种程度"),
    ("作强作优", "做强做优", "", "", "“做强做优”的“做”指把事情办到某种程度"),
    ("作优作强", "做优做强", "", "", "“做优做强”的“做”指把事情办到某种程度"),
    ("作精作细", "做精做细", "", "", "“做精做细”的“做”指把事情办到某种程度"),
    ("作到", "做到", "", H, "表示达到某种要求用“做到”"),
    ("做为", "作为", "[^当看叫视称比用]|^", H, "表示当作、身份或作为名词用“作为”"),
    ("做出", "作出", "", "(?:了)?(?:重要|重大|明确|科学|正确|相应|具体|全面|新的|有关|相关)?(?:决定|决策|部署|批示|指示|规定|判断|结论|承诺|答复|决议|裁决|裁定)",
     "“作出”用于决定、部署、批示、结论等抽象的结果"),
    ("作", "做", "", "了?(?:大量|许多|很多|不少|一些)(?:的)?(?:艰苦|细致|扎实|有效|卓有成效)?(?:的)?工作",
     "从事某项工作用“做”：“做了大量工作”"),
    ("做", "作", "", "(?:了|过)?(?:重要|专门|专题|工作)?(?:报告|批示|指示|讲话)(?!稿|材料|人|厅|文本|模板)",
     "“作报告”“作批示”“作指示”“作重要讲话”的“作”表示进行某种活动"),
]

# Verbs written with 的 for 得: 取的成绩, 值的关注 (the noun or verb after shows the word is meant).
DE: list[Row] = [
    ("取的", "取得", "", "(?:了)?(?:显著|明显|重大|重要|积极|良好|阶段性|决定性|新的|较大|一定)?的?(?:成绩|成效|进展|突破|胜利|成果|成就|效果|实效)", "表示得到用“取得”"),
    ("获的", "获得", "", "(?:了)?(?:显著|明显|重大|重要|积极|良好)?的?(?:成绩|成效|进展|突破|胜利|成果|成就|效果|实效|表彰|荣誉|称号|好评)", "表示得到用“获得”"),
    ("值的", "值得", "", "(?:关注|注意|肯定|推广|学习|借鉴|一提|期待|信赖|称赞|骄傲|深思|思考|警惕|重视|研究|探讨)", "表示有价值、有意义用“值得”"),
    ("觉的", "觉得", "", H, "表示有某种感觉、认为用“觉得”"),
    ("显的", "显得", "", "(?:更加|十分|非常|格外|尤为|特别|很|较为|有些|尤其)", "表示表现出某种情形用“显得”"),
]

NA: list[Row] = [
    ("那怕", "哪怕", "", "", "表示假设让步的连词是“哪怕”"),
]


@lru_cache(maxsize=None)
def _compiled(rows: tuple) -> tuple:
    """(wrong, right, before regex or None, whole-row regex, why) for each row."""
    out = []
    for wrong, right, before, after, why in rows:
        pat = re.escape(wrong) + (f"(?={after})" if after else "")
        out.append((wrong, right, compile_regex(f"(?:{before})$") if before else None, compile_regex(pat), why))
    return tuple(out)


def _aligned(text: str, start: int, end: int) -> bool:
    from ..text import segment

    return segment.lexicon().aligned(text, start, end)


@lru_cache(maxsize=None)
def _any_row(rows: tuple) -> re.Pattern:
    """One search for every row's wrong form with what must follow it (the rows' own patterns,
    side by side): a paragraph where none matches is passed over in one scan instead of an
    ``in`` test and a search per row (作 and 做 stand in a third of a report's paragraphs, a row's
    context in few)."""
    return compile_regex("|".join(f"(?:{pat.pattern})" for _, _, _, pat, _ in _compiled(rows)))


def _table(text: str, compiled: tuple) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, right form, why) for each row (:func:`_compiled`) that matches at word
    boundaries."""
    for wrong, right, before, pat, why in compiled:
        if wrong not in text:
            continue
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if before is not None and not before.search(text[max(0, s - 12):s]):
                continue
            if _aligned(text, s, e):
                yield s, e, right, why


def _run(doc, rule, rows, extra=None) -> Iterator[Hit]:
    rows = tuple(rows)
    compiled, gate = _compiled(rows), _any_row(rows).search  # once, not per paragraph
    for p in doc.iter(rule.scope):
        text = p.text
        found = list(_table(text, compiled)) if gate(text) else []
        if extra is not None:
            found += list(extra(text))
        seen = set()
        for s, e, right, why in sorted(found):
            if s in seen:
                continue
            seen.add(s)
            yield Hit(p, s, e, right, {"right": right, "why": why})


_FIELDS = frozenset({"text", "suggestion", "right", "why"})


# 再 + a noun phrase + a localizer (再会议上, 再工作中, 再这方面): the preposition 在 is meant.
_ZAI_PLACE = fast(rf"再(?=[^，。；！？、\n再]{{1,8}}?(?:上|中|里|内|期间|方面|之间)(?:[，。；、：]|$|[{HAN_BASIC}]))")
_NOUNISH = frozenset("n ns nt nz s vn".split())
_DEMONSTRATIVE = frozenset("这 此 那 该 本 各 这个 那个 这些 那些 这种 这次".split())


def _zai_place(text: str) -> Iterator[tuple[int, int, str, str]]:
    if "再" not in text or not _ZAI_PLACE.search(text):
        return
    from ..text import segment

    tags = segment.pos_tags(text)
    for n, (w, t, off) in enumerate(tags):
        if w != "再" or n + 2 >= len(tags):
            continue
        k = n + 1
        while k < len(tags) and k - n <= 3 and (tags[k][1] in _NOUNISH or tags[k][0] in _DEMONSTRATIVE):
            k += 1
        if k == n + 1 or k >= len(tags) or tags[k][1] != "f" or tags[k][0] in ("后", "前", "以后", "以前", "之后", "之前"):
            continue
        after = tags[k + 1] if k + 1 < len(tags) else ("。", "x", 0)
        if after[1] == "x" or after[1].startswith(("v", "p", "d", "r")):
            yield off, off + 1, "在", "表示处所、范围、时间的介词是“在”（在会上、在工作中）"


def zai_zai(doc, rule, options) -> Iterator[Hit]:
    yield from _run(doc, rule, ZAI, _zai_place)


def yi_yi(doc, rule, options) -> Iterator[Hit]:
    yield from _run(doc, rule, YI)


# 即要……又要…… (既……又……): the same word after 即 and after 又 or 也, in one sentence.
_JI_YOU = fast(rf"(?<![立随当亦旋])即(?P<a>{H}{{1,2}}?)[^。；！？\n]{{1,24}}?[，、]?(?:又|也)(?P=a)")
_JI_HEADS = frozenset("要是有能可讲抓重注做把不没无在对让使为")


def _ji_you(text: str) -> Iterator[tuple[int, int, str, str]]:
    if "即" not in text:
        return
    for m in _JI_YOU.finditer(text):
        s = m.start()
        if m.group("a")[0] not in _JI_HEADS or not _aligned(text, s, s + 1):
            continue
        yield s, s + 1, "既", "“既……又（也）……”连接两个并列的部分，用“既”"


def ji_ji(doc, rule, options) -> Iterator[Hit]:
    yield from _run(doc, rule, JI, _ji_you)


def zuo_zuo(doc, rule, options) -> Iterator[Hit]:
    yield from _run(doc, rule, ZUO)


# 那里/那儿/那个… in a question that has no other question word: 哪 is the question word.
_NA_Q = compile_regex(r"那(?=里|儿|个|些|种|样|位|家|一|天|年|件|条|项)")
_QUESTION_WORDS = compile_regex(r"吗|吧|呢|么|什么|谁|怎|为何|如何|何|多少|几|是否|难道|岂|还是|没有？|(.)不\1|(.)没\2")
_SENTENCE = compile_regex(r"[^。！？；\n]*？")


def _na_question(text: str) -> Iterator[tuple[int, int, str, str]]:
    if "那" not in text or "？" not in text:
        return
    for sm in _SENTENCE.finditer(text):
        sent = sm.group()
        if "那" not in sent or _QUESTION_WORDS.search(sent):
            continue
        for m in _NA_Q.finditer(sent):
            s = sm.start() + m.start()
            if _aligned(text, s, s + 2):
                yield s, s + 1, "哪", "问句中询问处所、哪一个的疑问代词是“哪”（哪里、哪个）"


def na_na(doc, rule, options) -> Iterator[Hit]:
    yield from _run(doc, rule, NA, _na_question)


for _f in (zai_zai, yi_yi, ji_ji, zuo_zuo, na_na):
    _f.FIELDS = _FIELDS


# --- 的/地/得 -----------------------------------------------------------------------------------

_DEGREE = "很|非常|十分|特别|相当|比较|挺|格外|极其|极为|太|更加|越来越|更|还不|不太|不够|不"
_RESULT = ("好|快|慢|早|晚|对|清楚|明白|透彻|扎实|到位|及时|出色|圆满|彻底|精彩|漂亮|认真|仔细|细致|"
           "深入|具体|充分|规范|顺利|成功|突出|有效|有力|主动|积极|踏实|实在|周到|细|实|严|深|准|稳|牢|紧|"
           "高|低|大|小|重|远|近|差|糟|糊涂|辛苦|够|错|全面|精准|细致|深刻")
# V + 的/地 + degree adverb + result, closing a clause: 做的很好。 说的非常对， 落实地不够到位。
_DE_COMPLEMENT = fast(rf"[的地](?P<comp>(?:{_DEGREE})(?:{_RESULT}))(?=[，。！？；、”]|$)")
# Verbs that are not actions with a degree complement (是的, 有的, 要的, 会的 are other things).
_NOT_ACTION = frozenset("是 有 要 会 能 可 该 应 得 在 为 让 使 叫 像 好 对 给 把 被 用 说明 表明 认为".split())
# Words before 的 + verb that can only be adverbials: AABB forms and a few adverbs. Adjectives that
# also head noun phrases (积极的就业政策, 认真的态度, 不断的努力, 有效的管理) are left out on purpose.
_MANNER = frozenset("""
逐步 稳步 尽快 及早 尽量 尽早 大力 竭力 全力 悄悄 默默 踏踏实实 认认真真 扎扎实实 实实在在 明明白白
清清楚楚 老老实实 仔仔细细 干干净净 彻彻底底 原原本本 完完全全 真真切切 稳稳当当 快快乐乐 高高兴兴
平平安安 坦坦荡荡 堂堂正正 一心一意 全心全意 千方百计 想方设法 实事求是 有条不紊 不折不扣 坚定不移
持之以恒 大张旗鼓 旗帜鲜明 雷厉风行 毫不动摇 毫不松懈 积极稳妥 循序渐进 因地制宜 有针对性
""".split())
_DE_ADVERBIAL = fast(rf"(?P<adv>{H}{{2,4}})的(?={H})")
# A comparison in the clause before 的 (比预想的好, 不如去年的快): 的 closes a noun phrase.
_COMPARISON = compile_regex("比|不如|没有|不及")
_CLAUSE_START = compile_regex("[，。；：！？、]")
# Words before 的 that make 的 + verb a noun phrase or a 是……的 clause (这是应当的, 所有的).
_NOT_ADVERBIAL = frozenset("所有 一切 全部 其他 其它 别的 这样 那样 怎样 应当 应该 必要 可能 一样".split())
_AFTER_NOUN_PHRASE = frozenset("的 是 和 与 及 或 在 都 也 就".split())


# V + 的 + a potential complement closing the clause: 做的到。 看的见， 买的起。
_DE_POTENTIAL = fast(r"的(?P<comp>到|起|见|完|动|住|下|上)(?=[，。！？；、”]|$)")
# V + 的 + a bare result closing the clause: 做的好， 讲的对。 落实的到位。 (not 多/少: 买的多 can be
# "what is bought is a lot")
_DE_BARE = fast(r"的(?P<comp>好|快|慢|对|早|清楚|明白|透彻|扎实|到位|出色|漂亮|精彩|彻底|及时|圆满)(?=[，。！？；]|$)")
# Adverbial + 的 + a verb that takes an aspect particle (迅速的完成了) or a speech verb and a colon
# (高兴的说：): the verb is a predicate, so the word before it is an adverbial and takes 地.
_DE_VERB_ASPECT = fast(rf"(?P<adv>{H}{{2,4}})的(?={H}{{1,2}}(?:了|着|过)|(?:说|问|答|表示|指出|回答)：)")
_SPEECH = frozenset("说 问 答 表示 指出 回答".split())


def _de_candidates(text: str) -> list:
    cands = [("得", m.start(), m.group("comp")) for m in _DE_COMPLEMENT.finditer(text)]
    cands += [("得v", m.start(), m.group("comp")) for m in _DE_POTENTIAL.finditer(text)]
    cands += [("得v", m.start(), m.group("comp")) for m in _DE_BARE.finditer(text)]
    cands += [("地:", m.end() - 1, None) for m in _DE_VERB_ASPECT.finditer(text)]
    for m in _DE_ADVERBIAL.finditer(text):
        adv = m.group("adv")
        if any(adv[k:] in _MANNER for k in range(len(adv) - 1)):
            cands.append(("地", m.end() - 1, None))
    return cands


def de_di_de(doc, rule, options) -> Iterator[Hit]:
    from ..text import segment

    table = _compiled(tuple(DE))
    for p in doc.iter(rule.scope):
        text = p.text
        if "的" not in text and "地" not in text:
            continue
        for s, e, right, why in _table(text, table):
            yield Hit(p, s, e, right, {"right": right, "why": why})
        cands = _de_candidates(text)
        if not cands:
            continue
        tags = segment.pos_tags(text)
        at = {off: n for n, (w, t, off) in enumerate(tags)}
        for want, i, comp in sorted(cands, key=lambda c: c[1]):
            n = at.get(i)
            if n is None or tags[n][0] != text[i] or n == 0:
                continue
            prev, ptag, _ = tags[n - 1]
            if want.startswith("得"):
                # a degree complement (很好) follows a verb or an adjective (落实的很到位: jieba
                # tags 落实 a); a bare result (好) or a potential one (到) only a verb
                if not (ptag.startswith("v") or ptag == "a" and want == "得") or prev in _NOT_ACTION:
                    continue
                if n >= 2 and tags[n - 2][0] in ("所", "的", "之", "地"):  # 所做的: a noun phrase
                    continue
                if _COMPARISON.search(_CLAUSE_START.split(text[:i])[-1]):  # 结果比预想的好
                    continue
                yield Hit(p, i, i + 1, "得", {"right": "得", "why": f"“{prev}”后面是表示程度、结果的补语“{comp}”，结构助词用“得”"})
            elif want == "地:":  # the verb after 的 is a predicate (了/着/过 or a colon follows)
                if n + 2 >= len(tags) or ptag not in ("a", "ad", "b", "d", "z") or prev in _NOT_ADVERBIAL:
                    continue
                nxt, ntag, _ = tags[n + 1]
                after = tags[n + 2][0]
                if not (ntag == "v" and after in ("了", "着", "过") or nxt in _SPEECH and after == "："):
                    continue
                yield Hit(p, i, i + 1, "地", {"right": "地", "why": f"“{prev}”修饰后面的动词“{nxt}”，作状语，结构助词用“地”"})
            else:
                if n + 1 >= len(tags) or prev not in _MANNER:
                    continue
                nxt, ntag, _ = tags[n + 1]
                if ntag != "v":
                    continue
                # A verb that ends the clause or takes 的 again heads a noun phrase (认真的研究。)
                after = tags[n + 2][0] if n + 2 < len(tags) else "。"
                if after in _AFTER_NOUN_PHRASE or after[0] in "。，；！？、”）":
                    continue
                yield Hit(p, i, i + 1, "地", {"right": "地", "why": f"“{prev}”修饰后面的动词“{nxt}”，作状语，结构助词用“地”"})


de_di_de.FIELDS = _FIELDS
