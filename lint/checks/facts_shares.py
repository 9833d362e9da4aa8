"""Shares of a whole that must agree with the figures (FC021): a part's 占X% recomputed from the
part and the total it is of (lint.checks.facts_figures reads the totals and parts)."""

from __future__ import annotations

import re
from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from ..text.chinese import HAN_BASIC, SENTENCE_MARKS, after_mark
from ..text.fastregex import fast
from .facts_rates import done_rates
from .facts_figures import NUMBER, _NUM, _QTY, _TOTAL, _UNITS, _fmt, _scaled, _sentence_end, _unit, figures_before_sub

_SHARE = fast(rf"{_NUM}[^，。；\d]{{0,6}}?[，,]?(?:占|约占)[^\d，。；]{{0,10}}?(\d+(?:\.\d+)?)\s*[%％]")


def _wholes(text: str) -> list:
    """(match, unit, (value, half), stated) of the figures a share in ``text`` may be of, in
    order: a total (共…, 累计…; ``stated``) and the figure a 其中 follows in its sentence
    (接待游客2860万人次，其中…), whose shares are checked only when they are plainly of it."""
    out = [(t, _unit(t.group(2), t.group(3)), _scaled(t.group(1), t.group(2), t.group(3)), True)
           for t in _TOTAL.finditer(text)]
    for _, last in figures_before_sub(text):
        if last is not None and not any(t[0].end() == last.end() for t in out):
            out.append((last, _unit(last.group(2), last.group(3)),
                        _scaled(last.group(1), last.group(2), last.group(3)), False))
    return sorted(out, key=lambda t: t[0].end())


def share_of_total(doc, rule, options) -> Iterator[Hit]:
    paras = list(doc.iter(rule.scope))
    for i, p in enumerate(paras):
        text = p.text
        if "占" not in text:
            continue
        yield from _named_wholes(p, paras[i - 1] if i else None)
        yield from _odd_share(p)
        totals = _wholes(text)
        if not totals:
            continue
        if "分别" in text:
            yield from _respective_shares(p, totals)
        for m in _SHARE.finditer(text):
            unit = _unit(m.group(2), m.group(3))
            before = [t for t in totals if t[0].end() <= m.start() and t[1] == unit]
            if not before:
                continue
            t, _, (total, th), stated = before[-1]
            between = text[t.end():m.start()]
            if total <= 0 or not ("其中" in between or _subset(between, text, m)):
                continue
            if not stated and not _plainly_of_it(text, m):
                continue
            problem = _share_problem(m.group(1, 2, 3), m.group(4), total, th,
                                     "总数" + t.group(1) + (t.group(2) or "") + t.group(3), "（见本段前文）")
            if problem:
                yield Hit(p, m.start(), m.end(), None, {"problem": problem})
    yield from _shares_over_100(doc, rule)
    yield from _rates_and_targets(doc, rule)
    yield from _structure_ratios(doc, rule)


# 其中玉米16.2万亩、水稻14.8万亩……，玉米、水稻分别占44.2%和38.4%: the shares of parts named in
# the breakdown of the figure before 其中 (or a stated total), in the same sentence.
_RATE = r"\d+(?:\.\d+)?[%％]"
_RESPECTIVE = fast(rf"(?P<names>[{HAN_BASIC}]{{1,8}}(?:[、和与及][{HAN_BASIC}]{{1,8}})+)分别(?:约)?占(?:比|比为|总数的|总量的|的)?"
                   rf"(?P<rates>{_RATE}(?:(?:、|和|与|及|，){_RATE})+)")
_RATE_NUM = compile_regex(r"(\d+(?:\.\d+)?)[%％]")
_NAME_SPLIT = compile_regex(r"[、和与及]")


def _respective_shares(p, totals) -> Iterator[Hit]:
    text = p.text
    for m in _RESPECTIVE.finditer(text):
        names = _NAME_SPLIT.split(m.group("names"))
        rates = [(r.group(1), r.start(), r.end()) for r in _RATE_NUM.finditer(text, m.start("rates"), m.end("rates"))]
        if len(names) != len(rates):
            continue
        s0 = after_mark(text, m.start(), SENTENCE_MARKS)
        before = [t for t in totals if s0 <= t[0].start() and t[0].end() <= m.start()]
        if not before:
            continue
        t, unit, (total, th), _ = before[-1]
        k = text.find("其中", t.end(), m.start())
        if k == -1 or total <= 0:
            continue
        for name, (rate, r0, r1) in zip(names, rates):
            part = _named_part(text, k, m.start(), name, unit)
            if part is None:
                continue
            problem = _share_problem(part.group(1, 2, 3), rate, total, th,
                                     "总数" + t.group(1) + (t.group(2) or "") + t.group(3), "（见本句前文）")
            if problem:
                yield Hit(p, r0, r1, None, {"problem": f"{name}{problem}"})


def _rates_and_targets(doc, rule) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        if "的" in text and ("目标" in text or "计划" in text or "任务" in text):
            for m in _TARGET_SHARE.finditer(text):
                if _unit(m.group(2), m.group(3)) != _unit(m.group(5), m.group(6)):
                    continue
                total, th = _scaled(m.group(4), m.group(5), m.group(6))
                problem = _share_problem(m.group(1, 2, 3), m.group("rate"), total, th,
                                         "目标" + m.group(4) + (m.group(5) or "") + m.group(6), "", may_exceed=True)
                if problem:
                    yield Hit(p, m.start(), m.end(), None, {"problem": problem})
        if "率" not in text:
            continue
        for r0, r1, part, rate, whole, shown in done_rates(text):
            total, th = _scaled(*whole)
            problem = _share_problem(part, rate, total, th, "总数" + shown, "（见本句前文）")
            if problem:
                yield Hit(p, r0, r1, None, {"problem": problem})


def _named_part(text: str, start: int, end: int, name: str, unit: str):
    """The figure right after ``name`` in the breakdown (玉米16.2万亩), of ``unit``."""
    i = text.find(name, start, end)
    while i != -1:
        q = _QTY.match(text, i + len(name))
        if q and _unit(q.group(2), q.group(3)) == unit:
            return q
        i = text.find(name, i + 1, end)
    return None


# Without 其中, a part of the total is named by a verb of completion right before it, in the same
# sentence: 共有重点项目120个，已完成90个，占比75%. The share must then be of that total: 占比,
# 占X%, 占总数的X% (占全市的X% has another whole).
_SUBSET = compile_regex(r"[，、]\s*(?:其中)?(?:已|均已|已经)(?:按期|全部|累计|基本)?"
                     r"(?:完成|建成|开工|竣工|办结|整改|落实|实现|达标|验收|销号|通过|接入|覆盖)(?:了)?"
                     r"[^\d，。；]{0,6}$")
# 占比, 占总数的, and 占隐患点总数的 (the whole named: not 占全市总数的, a whole of its own)
_OWN_WHOLE = compile_regex(r"(?:约)?占(?:比|比为|比达|比达到|总数的|总量的|总数|的"
                           rf"|(?![全省市县区国])[{HAN_BASIC}]{{1,6}}?(?:总数|总量|总面积|总额)的)?\s*$")


def _subset(between: str, text: str, m) -> bool:
    """The part ``m`` follows a verb of completion in the total's sentence, and its share is of
    that total."""
    if re.search(r"[。；！？]", between):
        return False
    cue = text[max(0, m.start() - 14):m.start()]
    share = text[m.end(3):m.start(4)]
    k = share.find("占")
    return bool(_SUBSET.search(cue)) and k != -1 and bool(_OWN_WHOLE.match(share, k))


def _plainly_of_it(text: str, m) -> bool:
    """The share ``m`` is of the figure its 其中 follows: 占比, 占X%, 占总数的X% (not 占世界60%),
    of a part given as a figure (not 超过1.9万公里, 近百亿元)."""
    share = text[m.end(3):m.start(4)]
    k = share.find("占")
    lead = text[max(0, m.start() - 2):m.start()]
    return k != -1 and bool(_OWN_WHOLE.match(share, k)) and not re.search(r"超过|近|约|逾|多于|不到|不足", lead)


# Parts of one whole, each with its share, in one sentence (A类416个，占26.3%；B类387个，占24.4%；
# …): each part and share give the whole; when all the others (three or more) agree on it and one
# does not, that one is wrong.
_RUN_SHARE = fast(rf"{_NUM}[，,]?(?:占比|占比为|占)(\d+(?:\.\d+)?)[%％]")


def _odd_share(p) -> Iterator[Hit]:
    groups: dict[tuple, list] = {}
    for m in _RUN_SHARE.finditer(p.text):
        key = (_sentence_end(p.text, m.start()), _unit(m.group(2), m.group(3)))
        groups.setdefault(key, []).append(m)
    for items in groups.values():
        if len(items) < 4:
            continue
        ranges = []
        for m in items:
            n, h = _scaled(m.group(1), m.group(2), m.group(3))
            r = float(m.group(4))
            dec = len(m.group(4).split(".")[1]) if "." in m.group(4) else 0
            slack = 0.5 * 10 ** -dec
            if r - slack <= 0:
                break
            ranges.append(((n - h) / (r + slack) * 100, (n + h) / (r - slack) * 100))
        else:
            if max(lo for lo, _ in ranges) <= min(hi for _, hi in ranges):
                continue  # one whole fits them all
            odd = [k for k in range(len(items))
                   if max(lo for j, (lo, _) in enumerate(ranges) if j != k)
                   <= min(hi for j, (_, hi) in enumerate(ranges) if j != k)]
            if len(odd) != 1:
                continue  # no single share stands out
            k = odd[0]
            others = [x for j, x in enumerate(ranges) if j != k]
            whole = (max(lo for lo, _ in others) + min(hi for _, hi in others)) / 2
            m = items[k]
            n, _ = _scaled(m.group(1), m.group(2), m.group(3))
            what = m.group(1) + (m.group(2) or "") + m.group(3)
            dec = max(1, len(m.group(4).split(".")[1]) if "." in m.group(4) else 0)
            if all("." not in x.group(1) for x in items):
                whole = round(whole)
            yield Hit(p, m.start(), m.end(), None, {
                "problem": f"按同一句其他各项的数字和比例，总数约为{_fmt(whole, m.group(2), m.group(3))}，"
                           f"{what}应占{n / whole * 100:.{dec}f}%左右，文中写作{m.group(4)}%"})


def _share_problem(part_figure, stated: str, total: float, th: float, whole: str, where: str,
                   may_exceed: bool = False) -> str | None:
    """What is wrong with ``part_figure`` being ``stated`` % of ``total`` (± ``th``), if anything.
    ``may_exceed``: the figure is measured against a target (完成目标的118.6%), not a part."""
    part, ph = _scaled(*part_figure)
    if total <= 0 or (part - ph > total + th and not may_exceed):
        return None  # larger than the whole: not a part of it
    dec = len(stated.split(".")[1]) if "." in stated else 0
    lo = (part - ph) / (total + th) * 100
    hi = (part + ph) / max(total - th, 1e-9) * 100
    slack = 0.5 * 10 ** -dec
    if lo - slack <= float(stated) <= hi + slack:
        return None
    what = part_figure[0] + (part_figure[1] or "") + part_figure[2]
    share = f"{part / total * 100:.{max(dec, 1)}f}%左右"
    if may_exceed:
        return f"{what}相当于{whole}{where}的{share}，文中写作{stated}%"
    return f"{what}占{whole}{where}应为{share}，文中写作{stated}%"


# A share of a whole named by its noun (占总投资的30%), with the whole's figure stated in this or
# the previous paragraph (总投资8400万元); or given in the share itself (占一般公共预算支出61.9亿元的78.5%).
_NAMED_SHARE = fast(rf"{_NUM}[，,]?(?:占|约占)(?P<whole>总[{HAN_BASIC}]{{1,6}}?|[{HAN_BASIC}]{{1,8}}?总(?:额|数|量|投资|收入|支出|规模))"
                    rf"的(?P<rate>\d+(?:\.\d+)?)[%％]")
# a figure against its target, given in the same breath: 新增城镇就业4126人，完成年度目标3800人的108.6%
_TARGET_SHARE = fast(rf"{_NUM}[，,](?:完成|达到|实现|占)(?:了)?[^\d，。；]{{0,8}}?(?:目标|计划|任务)(?:数|任务)?"
                     rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS})的(?P<rate>\d+(?:\.\d+)?)[%％]")
_INLINE_SHARE = fast(rf"{_NUM}[，,]?(?:占|约占)[^\d，。；]{{1,16}}?(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS})"
                     rf"[{HAN_BASIC}]{{0,6}}?的(?P<rate>\d+(?:\.\d+)?)[%％]")  # 占全部12个县市区的90%


# A share of a whole named by its own noun, stated with its figure earlier in the paragraph
# (老年人口398.6万人 … 高龄老年人56.3万人，占老年人口的14.1%); not a whole named by a place or a
# pronoun (占全市的, 占本地区的).
_NOUN_SHARE = fast(rf"{_NUM}[，,]?(?:占|约占)(?P<whole>(?:全[市县区镇乡省州旗])?(?![全本我该其同])[{HAN_BASIC}]{{2,8}}?)"
                   rf"的(?P<rate>\d+(?:\.\d+)?)[%％]")
# The share of the whole a sentence opens with (83个考核断面中，优良断面71个，占比85.5%).
_AMONG_SHARE = fast(rf"{NUMBER}(万|亿)?({_UNITS})[^\d，。；]{{1,20}}?中[，,]"
                    rf"[^。；]{{0,40}}?(?P<part>{NUMBER}(万|亿)?({_UNITS}))"
                    rf"[，,]?(?:占比|占比为|占)(?P<rate>\d+(?:\.\d+)?)[%％]")


# 占比 alone after a figure whose sentence gave one larger figure of its unit before it (全县脱贫劳动力
# 10.5万人，全年实现务工就业8.4万人，占比80%)
_BARE_SHARE = fast(rf"{_NUM}[，,](?:占比|占比为|占比达|占比达到)(?P<rate>\d+(?:\.\d+)?)[%％]")


def _bare_shares(p) -> Iterator[Hit]:
    text = p.text
    for m in _BARE_SHARE.finditer(text):
        unit = _unit(m.group(2), m.group(3))
        s0 = after_mark(text, m.start(), "。！？；")
        if "其中" in text[s0:m.start()]:
            continue  # the 其中 breakdown's: its own check
        part, _ = _scaled(m.group(1), m.group(2), m.group(3))
        before = [q for q in _QTY.finditer(text, s0, m.start()) if _unit(q.group(2), q.group(3)) == unit]
        wholes = [q for q in before if _scaled(q.group(1), q.group(2), q.group(3))[0] > part]
        if len(before) != 1 or len(wholes) != 1:
            continue  # no whole, or several figures it may be of
        yield from _checked(p, m.start(), m.end(), m.group(1, 2, 3), m.group("rate"), wholes[0].group(1, 2, 3), "",
                            "（见本句前文）")


def _checked(p, start: int, end: int, part, rate: str, whole, named: str, where: str) -> Iterator[Hit]:
    """The finding, if the share ``rate`` of ``part`` (number, multiplier, unit) is not what the
    ``whole`` figure gives; ``named``: the whole's noun, before its figure in the message."""
    total, th = _scaled(*whole)
    problem = _share_problem(part, rate, total, th, named + whole[0] + (whole[1] or "") + whole[2], where)
    if problem:
        yield Hit(p, start, end, None, {"problem": problem})


def _stated_before(text: str, end: int, whole: str, unit: str):
    """The last figure of ``unit`` written right after ``whole`` in ``text[:end]``."""
    stated = re.compile(re.escape(whole) + rf"(?:为|达|达到|约|是|共|合计|计)?{_NUM}")
    hits = [x for x in stated.finditer(text, 0, end) if _unit(x.group(2), x.group(3)) == unit]
    return hits[-1] if hits else None


def _named_wholes(p, previous) -> Iterator[Hit]:
    text = p.text
    if "占比" in text:
        yield from _bare_shares(p)
    for m in _AMONG_SHARE.finditer(text):
        if _unit(m.group(2), m.group(3)) == _unit(m.group(6), m.group(7)):
            yield from _checked(p, m.start("part"), m.end(), m.group(5, 6, 7), m.group("rate"), m.group(1, 2, 3),
                                "", "（见本句开头）")
    for m in _NOUN_SHARE.finditer(text):
        whole = m.group("whole")
        if whole.endswith(("总数", "总量", "总额")) or whole.startswith("总"):
            continue  # _NAMED_SHARE's
        x = _stated_before(text, m.start(), whole, _unit(m.group(2), m.group(3)))
        if x is None:
            continue
        yield from _checked(p, m.start(), m.end(), m.group(1, 2, 3), m.group("rate"), x.group(1, 2, 3), whole,
                            "（见本段前文）")
    for m in _INLINE_SHARE.finditer(text):
        if _unit(m.group(2), m.group(3)) == _unit(m.group(5), m.group(6)):
            yield from _checked(p, m.start(), m.end(), m.group(1, 2, 3), m.group("rate"), m.group(4, 5, 6), "", "")
    for m in _NAMED_SHARE.finditer(text):
        whole = m.group("whole")
        unit = _unit(m.group(2), m.group(3))
        for where, t, end in (("（见本段前文）", text, m.start()),
                              ("（见上一段）", previous.text if previous else "", None)):
            x = _stated_before(t, len(t) if end is None else end, whole, unit)
            if x is not None:
                yield from _checked(p, m.start(), m.end(), m.group(1, 2, 3), m.group("rate"), x.group(1, 2, 3),
                                    whole, where)
                break


def _rounding(percent: str) -> float:
    """Half the unit of a percentage's last digit: what rounding may have added or taken."""
    return 0.5 * 10 ** -(len(percent.split(".")[1]) if "." in percent else 0)


_PART_SHARE = fast(r"(?:占|约占)[^\d，。；]{0,8}?(\d+(?:\.\d+)?)\s*[%％]")


def _shares_over_100(doc, rule) -> Iterator[Hit]:
    """其中A占45%，B占35%，C占30%: the shares of one whole adding up to more than 100%."""
    for p in doc.iter(rule.scope):
        text = p.text
        k = text.find("其中")
        while k != -1:
            stop = _sentence_end(text, k)
            seg = text[k:stop]
            nxt = seg.find("其中", 2)
            if nxt != -1:
                seg, stop = seg[:nxt], k + nxt
            shares = list(_PART_SHARE.finditer(text, k, stop))
            if len(shares) >= 2 and not re.search(r"增长|提高|下降|同比|比上年", seg):
                yield from _over_100(p, shares, "“其中”各项")
            k = text.find("其中", stop)
        yield from _listed_shares(p)


def _listed_shares(p) -> Iterator[Hit]:
    """申请市级补助资金占总投资的40%，旗级配套资金占35%，社会资本投入占30%: three or more shares
    in one sentence without 其中, each of the same whole (the first may name it: 占总投资的), adding
    up to more than 100%."""
    text = p.text
    if text.count("占") < 3:
        return
    for sentence in p.sentences:
        s0, s1 = sentence.start, sentence.end
        seg = text[s0:s1]
        if "其中" in seg or re.search(r"增长|提高|下降|同比|比上年|分别", seg):
            continue
        shares = list(_PART_SHARE.finditer(text, s0, s1))
        if len(shares) < 3:
            continue
        wholes = [text[m.start():m.start(1)] for m in shares]
        if not all(re.fullmatch(r"(?:约)?占(?:比|比为)?", w) for w in wholes[1:]) \
                or not re.fullmatch(r"(?:约)?占(?:比|比为|总[^\d，。；]{0,6}的)?", wholes[0]):
            continue  # another whole named (占全省的, 占GDP的): not parts of one
        yield from _over_100(p, shares, "各项")


def _over_100(p, shares: list, what: str) -> Iterator[Hit]:
    """The finding, if the shares of one whole (matches of _PART_SHARE) add up to more than 100%
    beyond what their rounding allows."""
    values = [float(m.group(1)) for m in shares]
    if sum(values) > 100 + sum(_rounding(m.group(1)) for m in shares):
        total = f"{sum(values):.1f}".rstrip("0").rstrip(".")
        listed = "、".join(m.group(1) + "%" for m in shares)
        yield Hit(p, shares[0].start(), shares[-1].end(), None, {
            "problem": f"{what}所占比例{listed}合计{total}%，超过了100%"})



# 三次产业结构为16.2∶32.5∶52.3: the shares of the three sectors in one economy, which add up to 100
# (within rounding); a ratio of the same words that changed (由12∶45∶43调整为…) is read twice.
_SECTORS = fast(r"(?:三次产业|一二三产业|一、二、三产业|三产)(?:结构|比例|比重|增加值比例|占比|比)")
_RATIO3 = compile_regex(r"(?<![\d.∶:：︰])(\d+(?:\.\d+)?)[∶:：︰](\d+(?:\.\d+)?)[∶:：︰](\d+(?:\.\d+)?)(?![\d.]|[∶:：︰]\d)")


def _structure_ratios(doc, rule) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        for m in _SECTORS.finditer(text):
            stop = text.find("。", m.end())
            stop = len(text) if stop == -1 else stop
            for r in _RATIO3.finditer(text, m.end(), min(stop, m.end() + 40)):
                parts = r.groups()
                total = sum(float(x) for x in parts)
                slack = sum(_rounding(x) for x in parts)
                if abs(total - 100) > slack + 1e-9:
                    shown = f"{total:.2f}".rstrip("0").rstrip(".")
                    yield Hit(p, r.start(), r.end(), None, {
                        "problem": f"三次产业的比例{r.group()}相加为{shown}，不是100"})


share_of_total.FIELDS = frozenset({"text", "problem"})
