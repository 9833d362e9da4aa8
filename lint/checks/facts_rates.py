"""A rate stated beside the counts it is computed from (FC021): 共排查隐患1326处，已整改1148处，整改率
达到88.6%; 全市42个国、省控断面中，水质优良断面39个，优良率为95.2%; 义务教育学校470所，其中达到
办学标准的448所，达标率96.8%.

The rate's clause starts with its name (整改率, 按期办结率). The part is the last figure of the
clause right before it, which that clause names by the two characters before 率, in their order
(已整改, 水质优良, 达到……标准); the whole is the last figure of the same unit before the part in the
sentence, larger than it. A clause that compares (比上年, 增长) or sets a target is left alone.
"""

from __future__ import annotations

from typing import Iterator

from ..text.chinese import HAN_BASIC, after_mark
from ..text.fastregex import fast
from .facts_figures import _QTY, _scaled, _unit

# the rate's clause: its name (up to four characters before 率), the rate, and no bound after it
_RATE = fast(rf"[{HAN_BASIC}]{{0,4}}?([{HAN_BASIC}]{{2}})率(?:达到|达|为|是)?(\d+(?:\.\d+)?)[%％](?!以上|以下|左右)")
_NOT_A_COUNT = fast(r"比|较|同比|增长|下降|提高|降低|目标|计划|力争|预计|超过|以上|平均|人均|每")
_ESTIMATE = ("约", "近", "逾")  # right before the part: a rounded figure (not 已签约3172户)
_WORD_ENDING = ("签约", "预约", "履约", "违约", "解约", "续约", "节约", "附近", "最近", "接近")


def done_rates(text: str) -> Iterator[tuple[int, int, tuple, str, tuple, str]]:
    """(start, end of the rate, the part's figure (number, 万/亿, unit), the rate as written, the
    whole's figure, the whole as written) of each rate of ``text`` that names its part."""
    k = text.find("率")
    while k != -1:
        c = after_mark(text, k, "，；。！？：")
        m = _RATE.match(text, c)
        k = text.find("率", k + 1)
        if m is None or c < 2 or text[c - 1] != "，":
            continue
        c0 = after_mark(text, c - 1, "，；。！？：")
        part = None
        for q in _QTY.finditer(text, c0, c - 1):
            part = q
        if part is None or _NOT_A_COUNT.search(text, c0, part.start()) or _estimate(text, part.start()) \
                or not _names(text[c0:part.end()], m.group(1)):
            continue
        unit = _unit(part.group(2), part.group(3))
        s0 = after_mark(text, c0, "。！？；")
        whole = None
        for q in _QTY.finditer(text, s0, c0):
            if _unit(q.group(2), q.group(3)) == unit:
                whole = q
        if whole is None or _scaled(*whole.group(1, 2, 3))[0] <= _scaled(*part.group(1, 2, 3))[0]:
            continue
        yield m.start(2), m.end(), part.group(1, 2, 3), m.group(2), whole.group(1, 2, 3), whole.group()


def _estimate(text: str, at: int) -> bool:
    return text[at - 1:at] in _ESTIMATE and text[at - 2:at] not in _WORD_ENDING


def _names(clause: str, stem: str) -> bool:
    """The clause holds the two characters of the rate's name in their order (达到……标准 for 达标)."""
    i = clause.find(stem[0])
    return i != -1 and clause.find(stem[1], i + 1) != -1
