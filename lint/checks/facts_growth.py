"""Growth rates that must agree with the two figures they are computed from (FC022).

由32个增加到41个，增长28.1%; 完成286亿元，比上年的260亿元增长10%; 市级配套资金较2025年的
2100万元增长25% (the figure compared is stated earlier in the paragraph: 市级配套资金2520万元).
A rate is compared with the range the rounded figures allow (lint.checks.facts_figures).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..text.chinese import HAN_BASIC, after_mark
from ..model.finding import Hit
from ..text.fastregex import fast
from .facts_common import per_paragraph
from .facts_figures import _QTY, _UNITS, _scaled, _unit

_GROWTH = fast(
    rf"(?:由|从)(?:(?:19|20)\d{{2}}年(?:底|末)?的?)?(?:[^\d，。；]{{0,12}}?)(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])"
    rf"(?P<verb>增加|增长|提高|上升|提升|扩大|下降|减少|降低|缩小|压减|压缩|缩减|精简|降|增)(?:到|至)(?:(?:(?:19|20)\d{{2}}年|去年|上年|今年)(?:底|末)?的?)?"
    rf"(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])[，,]?(?:同比)?"
    rf"(?P<kind>增长|增加|提高|上升|下降|减少|降低|压减|压缩|缩减|精简|增幅为|降幅为|年均增长)?(?:了)?"
    rf"(?P<rate>\d+(?:\.\d+)?)(?P<rate_unit>[%％]|个百分点)")


# what a figure is compared with: last year, the same period, or a named year (比2024年的…)
_WHEN_WORDS = "上年|去年|上一年|前一年|上年同期|去年同期"
_WHEN_YEAR = r"(?:19|20)\d{2}年(?:同期|底|末)?"
_BASE = rf"(?:比|较)(?:{_WHEN_WORDS}|{_WHEN_YEAR})(?:的)?"
# or with anything named, where the figure compared follows its 的 (较第三次全国农业普查的4.55万个)
_BASE_NAMED = rf"(?:比|较)(?:{_WHEN_WORDS}|[^\d，。；]{{2,16}}?的|{_WHEN_YEAR})(?:的)?"
_VERSUS = fast(
    rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])[，,]?{_BASE_NAMED}"
    rf"(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])(?P<verb>增长|增加|提高|上升|下降|减少|降低|压减|压缩|缩减|精简)(?:了)?"
    rf"(?P<rate>\d+(?:\.\d+)?)(?P<rate_unit>[%％]|个百分点)")
_DOWN = ("下降", "减少", "降低", "缩小", "压减", "压缩", "缩减", "精简", "降")


# the same comparison without the figure before it: its subject (the Han characters before 比)
# was given a figure earlier in the paragraph
_SUBJECT_VERSUS = fast(
    rf"(?P<subject>[{HAN_BASIC}]{{3,12}}){_BASE}"
    rf"(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])(?P<verb>增长|增加|提高|上升|下降|减少|降低|压减|压缩|缩减|精简)(?:了)?"
    rf"(?P<rate>\d+(?:\.\d+)?)(?P<rate_unit>[%％]|个百分点)")


# the earlier figure in brackets after the rate: 21940户次，同比增长11.9%（上年同期为19600户次）
_PAREN_BASE = fast(
    rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])[，,]?(?:同比|比上年|较上年|比上年同期|较上年同期)?"
    rf"(?P<verb>增长|增加|提高|上升|下降|减少|降低|压减|压缩|缩减|精简)(?:了)?(?P<rate>\d+(?:\.\d+)?)(?P<rate_unit>[%％])"
    rf"[（(][^（）()，。；]{{0,20}}?(?:为|是|有)(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])[）)]")
# two figures against two earlier ones: 事故46起、死亡39人，较上年的58起、49人分别下降20.7%和20.4%
# (与2024年的98起、78人相比，分别下降……)
_BASE_PAIR = rf"(?:比|较|与|同)(?:{_WHEN_WORDS}|{_WHEN_YEAR})(?:的)?"
_PAIR = fast(
    rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS})[、和][^\d，。；]{{0,6}}?(\d+(?:\.\d+)?)(万|亿)?({_UNITS})[，,]?{_BASE_PAIR}"
    rf"(\d+(?:\.\d+)?)(万|亿)?({_UNITS})[、和](\d+(?:\.\d+)?)(万|亿)?({_UNITS})(?:相比|相较)?[，,]?分别"
    rf"(?P<verb>增长|增加|提高|上升|下降|减少|降低|压减|压缩|缩减|精简)(?:了)?(?P<r1>\d+(?:\.\d+)?)[%％][和、](?P<r2>\d+(?:\.\d+)?)[%％]")


# the change given as an amount and then a rate: 较去年同期的412处增加22处、增长6.3%
_DELTA = fast(
    rf"{_BASE}(\d+(?:\.\d+)?)(万|亿)?({_UNITS})(?P<verb>增加|减少|增长|下降|提高|降低)了?"
    rf"(\d+(?:\.\d+)?)(万|亿)?({_UNITS})[，、,]?(?:同比)?(?:增长|下降|增幅为|降幅为|增幅|降幅|提高|降低)了?"
    rf"(?P<rate>\d+(?:\.\d+)?)[%％]")


# the figure, then its change as an amount without the base, then the rate: 完成9.62亿元，比上年
# 增加0.58亿元，同比增长8.3% (the base is 9.62 − 0.58)
_NOW_DELTA = fast(
    rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS})[，,]?(?:比|较)(?:上年|去年|上一年)(?:同期|末|底)?"
    rf"(?P<verb>增加|减少|增长|下降|多|少)了?(\d+(?:\.\d+)?)(万|亿)?({_UNITS})[，、,]?(?:同比)?"
    rf"(?:增长|下降|增幅为|降幅为|增幅|降幅)了?(?P<rate>\d+(?:\.\d+)?)[%％]")


def _compared_figure(text: str, m):
    """What a 比/较 comparison compares: the figure right before it, or, when that figure ends
    a breakdown (其中A1.42亿元、B1.84亿元，较2024年的2.95亿元增长10.5%), the total the breakdown
    is of (None when there is none)."""
    s0 = after_mark(text, m.start(), "。！？；")
    k = text.rfind("其中", s0, m.start())
    if k == -1 or "、" not in text[k:m.start()]:
        return m.group(1, 2, 3)
    total = None
    for q in _QTY.finditer(text, s0, k):
        total = q
    if total is None or _unit(total.group(2), total.group(3)) != _unit(m.group(2), m.group(3)):
        return None
    return total.group(1, 2, 3)


def _judge_delta(base, delta, rate_text: str) -> str | None:
    """What is wrong with a change of ``delta`` from ``base`` called ``rate_text`` %."""
    if _unit(base[1], base[2]) != _unit(delta[1], delta[2]):
        return None
    b, bh = _scaled(*base)
    d, dh = _scaled(*delta)
    if b - bh <= 0:
        return None
    rate = float(rate_text)
    dec = len(rate_text.split(".")[1]) if "." in rate_text else 0
    slack = 0.5 * 10 ** -dec
    if (d - dh) / (b + bh) * 100 - slack <= rate <= (d + dh) / (b - bh) * 100 + slack:
        return None
    shown = lambda f: f[0] + (f[1] or "") + f[2]  # noqa: E731
    return f"按{shown(base)}和变化量{shown(delta)}计算，变化幅度约为{d / b * 100:.1f}%，不是{rate_text}%"


def _stated_before(text: str, end: int, subject: str, unit: str):
    """The last figure with ``unit`` given to ``subject`` (or its last three or more characters)
    in ``text`` before ``end``: 市级配套资金2520万元 for 市级配套资金较…."""
    for k in range(len(subject) - 3 + 1):
        tail = subject[k:]
        rx = re.compile(re.escape(tail) + rf"(?:为|达|达到|完成|实现|是|共|计|共计|合计)?(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])")
        hits = [m for m in rx.finditer(text, 0, end) if _unit(m.group(2), m.group(3)) == _unit(None, unit)
                or (m.group(3) in "%％" and unit in "%％")]
        if hits:
            return hits[-1]
    return None


@per_paragraph
def growth_rate(doc, rule, options, p) -> Iterator[Hit]:
    text = p.text
    if "到" in text or "至" in text:
        for m in _GROWTH.finditer(text):
            if m.group("kind") == "年均增长":
                continue  # an average over years needs the number of years
            problem = _judge_growth(m.group(1, 2, 3), m.group(5, 6, 7), m.group("verb"),
                                    m.group("rate"), m.group("rate_unit"))
            if problem:
                yield Hit(p, m.start(), m.end(), None, {"problem": problem})
    if "（" in text or "(" in text:
        for m in _PAREN_BASE.finditer(text):
            problem = _judge_growth(m.group(7, 8, 9), m.group(1, 2, 3), m.group("verb"),
                                    m.group("rate"), m.group("rate_unit"))
            if problem:
                yield Hit(p, m.start(), m.end(), None, {"problem": problem})
    if "比" in text or "较" in text:
        # 完成286亿元，比上年的260亿元增长12%: the earlier figure comes second
        for m in _VERSUS.finditer(text):
            now = _compared_figure(text, m)
            if now is None:
                continue
            problem = _judge_growth(m.group(4, 5, 6), now, m.group("verb"),
                                    m.group("rate"), m.group("rate_unit"))
            if problem:
                yield Hit(p, m.start(), m.end(), None, {"problem": problem})
        for m in _PAIR.finditer(text):
            for now, before, rate in (((1, 2, 3), (7, 8, 9), "r1"), ((4, 5, 6), (10, 11, 12), "r2")):
                problem = _judge_growth(m.group(*before), m.group(*now), m.group("verb"), m.group(rate), "%")
                if problem:
                    yield Hit(p, m.start(), m.end(), None, {"problem": problem})
        for m in _DELTA.finditer(text):
            problem = _judge_delta(m.group(1, 2, 3), m.group(5, 6, 7), m.group("rate"))
            if problem:
                yield Hit(p, m.start(), m.end(), None, {"problem": problem})
        for m in _NOW_DELTA.finditer(text):
            if (m.group(2), _unit(None, m.group(3))) != (m.group(6), _unit(None, m.group(7))):
                continue  # the figure and its change in other scales: not worked out here
            now, delta = float(m.group(1)), float(m.group(5))
            base = now - delta if m.group("verb") in ("增加", "增长", "多") else now + delta
            digits = max(len(x.split(".")[1]) if "." in x else 0 for x in (m.group(1), m.group(5)))
            problem = _judge_delta((f"{base:.{digits}f}", m.group(2), m.group(3)), m.group(5, 6, 7), m.group("rate"))
            if problem:
                yield Hit(p, m.start(), m.end(), None, {"problem": problem})
        for m in _SUBJECT_VERSUS.finditer(text):
            if text[m.start() - 1:m.start()].isdigit() or _VERSUS.search(text[max(0, m.start() - 16):m.end()]):
                continue  # the figure stands right before: _VERSUS above
            now = _stated_before(text, m.start(), m.group("subject"), m.group(4))
            if now is None:
                continue
            problem = _judge_growth(m.group(2, 3, 4), now.group(1, 2, 3), m.group("verb"),
                                    m.group("rate"), m.group("rate_unit"))
            if problem:
                yield Hit(p, m.start("subject"), m.end(), None, {"problem": problem})


def _judge_growth(first, second, verb: str, rate_text: str, rate_unit: str) -> str | None:
    """What is wrong with “from ``first`` to ``second``, ``verb`` ``rate_text``”, if anything."""
    (n1, m1, u1), (n2, m2, u2) = first, second
    percent_pair = u1 in "%％" and u2 in "%％"
    if _unit(m1, u1) != _unit(m2, u2) and not percent_pair:
        return None
    a, ah = _scaled(n1, m1, u1)
    b, bh = _scaled(n2, m2, u2)
    rate = float(rate_text)
    dec = len(rate_text.split(".")[1]) if "." in rate_text else 0
    slack = 0.5 * 10 ** -dec
    down = verb in _DOWN
    if (b < a) != down and a != b:
        return f"从{n1}到{n2}是{'减少' if b < a else '增加'}，不是“{verb}”"
    if rate_unit == "个百分点":
        diff = abs(b - a)
        if percent_pair and abs(diff - rate) > bh + ah + slack:
            return f"从{n1}%到{n2}%相差{diff:.{max(dec, 1)}f}个百分点，不是{rate_text}个百分点"
        return None
    if a <= 0:
        return None
    if percent_pair and abs(abs(b - a) - rate) <= ah + bh + slack:
        return f"两个百分比之差应写作“{rate_text}个百分点”，写成“{rate_text}%”就成了相对增幅"
    corners = [abs(y - x) / x * 100 for x in (a - ah, a + ah) for y in (b - bh, b + bh) if x > 0]
    if min(corners) - slack <= rate <= max(corners) + slack:
        return None
    computed = abs(b - a) / a * 100
    return (f"按{n1}{m1 or ''}{u1}和{n2}{m2 or ''}{u2}计算，"
            f"{'降幅' if down else '增幅'}约为{computed:.1f}%，不是{rate_text}%")


growth_rate.FIELDS = frozenset({"text", "problem"})
