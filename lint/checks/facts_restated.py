"""One quantity written twice in a draft (FC026, FC028): a statistical indicator stated twice
with two values, and a count typed a second time with two neighbouring digits swapped."""

from __future__ import annotations

from typing import Iterator

from ..model.finding import Hit
from ..text.chinese import HAN_BASIC, after_mark
from ..text.fastregex import fast
from .facts_figures import _UNITS, _scaled, _unit

# --- the same quantity stated twice ---------------------------------------------------------

_INDICATORS = ("地区生产总值|国内生产总值|生产总值|总产值|一般公共预算收入|财政总收入|财政收入|可支配收入|固定资产投资|"
               "社会消费品零售总额|进出口总额|外贸进出口|实际利用外资|常住人口|户籍人口|总人口|粮食总产量|粮食产量|"
               "森林覆盖率|城镇化率|城镇登记失业率|规上工业增加值|工业增加值|税收收入|存款余额|贷款余额|市场主体")
_STATED = fast(rf"(?P<subject>[{HAN_BASIC}]{{0,8}}?(?P<ind>{_INDICATORS}))(?:总量|规模)?"
               rf"(?:完成|达到|达|实现|为|是|共有|有|突破)?(?P<num>\d+(?:\.\d+)?)(?P<mult>万|亿)?"
               rf"(?P<unit>万元|亿元|元|人|户|吨|万吨|[%％])")
_NOT_A_STATEMENT = fast(r"比上年|同比|增长|下降|提高|目标|预计|力争|计划|争取|预期|到(?:19|20)\d{2}年|左右|以上|以内")


def restated_figure(doc, rule, options) -> Iterator[Hit]:
    from .facts_common import sentence_at, years_in

    seen: dict[tuple, tuple] = {}
    for p in doc.iter(rule.scope):
        text = p.text
        for m in _STATED.finditer(text):
            s0, s1 = sentence_at(p, m.start())
            sentence = text[s0:s1]
            before = text[s0:m.start()]
            if _NOT_A_STATEMENT.search(sentence):
                continue
            subject = m.group("subject")
            years = tuple(sorted(set(years_in(before))))
            unit = m.group("unit").replace("％", "%")
            value, half = _scaled(m.group("num"), m.group("mult"), unit)
            key = (subject, years, _unit(m.group("mult"), unit))
            first = seen.get(key)
            if first is None:
                seen[key] = (value, half, m.group(0), p)
                continue
            if abs(first[0] - value) > first[1] + half + 1e-9:
                yield Hit(p, m.start(), m.end(), None, {"first": first[2], "where": f"第{first[3].line}行"})


restated_figure.FIELDS = frozenset({"text", "first", "where"})


# --- one figure typed twice with two digits swapped ---------------------------------------------

_WHOLE = fast(rf"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(万|亿)?(?:多)?({_UNITS})")
_LABEL_NEAR = 10  # characters before a figure that name what it counts
_LABEL_AFTER = 6  # and after it (1620名护林员)
_GENERIC = frozenset("全市 全县 全区 全省 全镇 全乡 全国 全年 其中 累计 共计 合计 总计 共有 达到 完成 实现 新增 "
                     "新建 建成 目前 现有 以上 左右 我市 我县 我区 我省 今年 去年 上年 开展 组织 安排 配备 设置 "
                     "工作 同志 人员 项目 单位 部门".split())


def _swapped(a: str, b: str) -> bool:
    """``b`` is ``a`` with two neighbouring digits exchanged (3260, 3620)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
            and "0" not in (a[diff[0]], a[diff[1]]))  # round figures (1030, 1300) meet by chance


def _labels(text: str, start: int, end: int) -> set:
    near = text[max(0, start - _LABEL_NEAR):start] + "|" + text[end:end + _LABEL_AFTER]
    return {near[i:i + 2] for i in range(len(near) - 1)
            if "\u4e00" <= near[i] <= "\u9fff" and "\u4e00" <= near[i + 1] <= "\u9fff"} - _GENERIC


# A draft restates a count within a few pages; two figures further apart in a long compiled
# volume (the reports of several years in one file) are two counts of two years.
_NEAR_PARAGRAPHS = 60
_CHANGE = fast(r"由|从|提高到|增加到|增长到|下降到|降低到|减少到|比|较|增长|增加|提高|下降|减少")


def transposed_figure(doc, rule, options) -> Iterator[Hit]:
    """The same count written twice, once with two neighbouring digits exchanged: a figure of
    three or more digits (a decimal too, its point in the same place: 47.6 and 46.7) and one made
    of the same digits with one neighbouring nonzero pair swapped, with the same unit, in
    different sentences at most 60 paragraphs apart, and named by a common word nearby (配备护林员
    1260名 … 全市1620名护林员). Not an ordinal (第132条), a figure of a change (由380元提高到420元),
    nor two entries of a parallel list, whose sentences both give other figures of one unit
    (拱墅区：检查2408户次，发现问题171个；临平区：检查1530户次，发现问题117个)."""
    from .facts_common import sentence_at

    by_key: dict[tuple, list] = {}  # the figures of each set of digits and unit, in order
    for p in doc.iter(rule.scope):
        text = p.text
        for m in _WHOLE.finditer(text):
            digits = m.group(1).replace(".", "")
            if len(digits) >= 3 and text[m.start() - 1:m.start()] != "第" and len(set(digits)) > 1:
                key = ("".join(sorted(digits)), m.group(1).find("."), m.group(2) or "", m.group(3))
                by_key.setdefault(key, []).append((p, m))
    for figures in by_key.values():
        if len({m.group(1) for _, m in figures}) < 2:
            continue  # one figure, however often: nothing swapped
        seen: dict = {}  # the first figure of each way of writing the digits
        for p, m in figures:
            digits, text = m.group(1).replace(".", ""), p.text
            sentence = sentence_at(p, m.start())
            if _CHANGE.search(text, after_mark(text, m.start(), "，；", sentence[0]), m.start()):
                continue  # 由380元提高到420元: a figure of a change, not a count stated
            others = {o.group(3) for o in _WHOLE.finditer(text, *sentence) if o.start() != m.start()}
            labels = _labels(text, m.start(), m.end())
            for other, q, q_sentence, q_others, q_labels, shown in seen.values():
                if _swapped(other, digits) and not (q is p and q_sentence == sentence) \
                        and p.index - q.index <= _NEAR_PARAGRAPHS and not others & q_others and labels & q_labels:
                    yield Hit(p, m.start(), m.end(), None, {"first": shown, "where": f"第{q.line}行"})
                    break
            else:
                seen.setdefault(digits, (digits, p, sentence, others, labels, m.group()))


transposed_figure.FIELDS = frozenset({"text", "first", "where"})
