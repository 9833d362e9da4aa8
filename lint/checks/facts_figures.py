"""Figures that must agree within a document (FC020–FC022): a total and its parts, a share and
the two figures it is computed from, a growth rate and its two figures.

Only Arabic figures with the same unit are compared (32个, 1.5万人, 3.2亿元, 45%); 万 and 亿 are
multiplied out. A rate is compared with the range the rounded figures allow, so 3.2万 to 4.1万
may be called 增长28.1% or 28%, and the check never argues about rounding.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..text.chinese import HAN_BASIC
from ..model.finding import Hit
from ..text.fastregex import fast
from .facts_common import per_paragraph
from ..cache import compile_regex

_UNITS = ("万元|亿元|元|个|项|人次|人|户|家|所|座|件|起|次|台|辆|套|吨|亩|公顷|平方米|平方公里|公里|千米|米|"
          "千瓦|万千瓦|处|条|栋|间|张|头|只|床|名|位|支|批|场|篇|册|份|村|镇|乡|社区|口|眼|宗")
_NUM = rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?(?:多)?({_UNITS})(?![{HAN_BASIC}]*?[率比])"
_QTY = fast(_NUM)
_TOTAL = fast(rf"(?:共|总计|合计|累计|共计|总共|全年共|一共)(?:有|计|完成|实施|办理|受理|建成|新增|排查|发现|整改|投入|争取|安排|帮助|培训|收到|接待)?[^\d，。；]{{0,8}}?{_NUM}")
_SUB = compile_regex(r"其中")
_BRACKETS = compile_regex(r"（[^）]*）|\([^)]*\)")
_SCALE = {"万": 10_000, "亿": 100_000_000, None: 1, "": 1}


def _value(num: str, mult: str | None) -> tuple[float, float]:
    """The value and half the unit of its last digit (the rounding it may carry)."""
    v = float(num)
    decimals = len(num.split(".")[1]) if "." in num else 0
    half = 0.5 * 10 ** -decimals if (decimals or mult) else 0.0
    scale = _SCALE[mult]
    return v * scale, half * scale


def _unit(mult: str | None, unit: str) -> str:
    if unit in ("万元", "亿元"):
        return "元"
    return unit


def _scaled(num, mult, unit):
    v, h = _value(num, mult)
    if unit == "万元":
        v, h = v * 10_000, h * 10_000
    elif unit == "亿元":
        v, h = v * 100_000_000, h * 100_000_000
    return v, h


def _parts_after(text: str, start: int, end: int, unit: str):
    """Figures with ``unit`` after 其中 up to the end of the sentence (brackets and a second
    其中 excluded), with whether each carries a share (占X%)."""
    seg = text[start:end]
    second = seg.find("其中", 2)
    if second != -1:
        seg = seg[:second]
    masked = _BRACKETS.sub(lambda m: " " * len(m.group()), seg)
    out = []
    for m in _QTY.finditer(masked):
        if _unit(m.group(2), m.group(3)) != unit:
            continue
        before = masked[max(0, m.start() - 4):m.start()]
        if re.search(r"增长|增加|减少|下降|提高|超过|达到|同比|比|占|近|约|余", before):
            return None  # a comparison or an estimate: not a clean breakdown
        out.append((m, start))
    return out


_OVERLAPPING = fast(r"女|男|少数民族|党员|团员|岁|学历|大专|本科|研究生|硕士|博士|以上|以下|以内|超过|不足|重点|新增|同时|兼")


@per_paragraph
def total_parts(doc, rule, options, p) -> Iterator[Hit]:
    text = p.text
    if "其中" not in text:
        return
    for t in _TOTAL.finditer(text):
        unit = _unit(t.group(2), t.group(3))
        total, half = _scaled(t.group(1), t.group(2), t.group(3))
        k = text.find("其中", t.end())
        end = _sentence_end(text, t.end())
        if k == -1 or k > end + 2:
            continue
        stop = _sentence_end(text, k)
        if _OVERLAPPING.search(text, k, stop):
            continue  # 女党员、35岁以下党员、亿元以上项目: categories that may overlap
        parts = _parts_after(text, k, stop, unit)
        if not parts or len(parts) < 2:
            continue
        vals = [_scaled(m.group(1), m.group(2), m.group(3)) for m, _ in parts]
        low = sum(v - h for v, h in vals)
        high = sum(v + h for v, h in vals)
        if low > total + half + 1e-9:
            relation = "超过了总数"
        elif len(parts) >= _SHORT_PARTS and high < total - half - 1e-9 \
                and total - high <= _SHORT_SHARE * total:
            relation = "略少于总数"
        else:
            continue
        first, base = parts[0]
        last, _ = parts[-1]
        listed = "、".join(m.group() for m, _ in parts)
        yield Hit(p, base + first.start(), base + last.end(), None,
                  {"total": t.group(1) + (t.group(2) or "") + t.group(3), "parts": listed,
                   "sum": _fmt(sum(v for v, _ in vals), t.group(2), t.group(3)), "relation": relation})


# Parts that add up to a little less than the total: a list of two parts is often only a
# selection (其中民事案件80件), but three or more parts that miss the total by at most 5 % look
# like a complete breakdown with one figure mistyped (上级来文312件、平级来文208件、下级来文326件 of
# 856). Reported at that narrow band only.
_SHORT_PARTS = 3
_SHORT_SHARE = 0.05


total_parts.FIELDS = frozenset({"text", "total", "parts", "sum", "relation"})


def _fmt(v: float, mult, unit) -> str:
    scale = _SCALE[mult] * (10_000 if unit == "万元" else 100_000_000 if unit == "亿元" else 1)
    x = v / scale
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s + (mult or "") + unit


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[。！？]").search(text, pos)
    return m.start() if m else len(text)


_SHARE = fast(rf"{_NUM}[^，。；\d]{{0,6}}?[，,]?(?:占|约占)[^\d，。；]{{0,10}}?(\d+(?:\.\d+)?)\s*[%％]")


def share_of_total(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        if "占" not in text:
            continue
        totals = []
        for t in _TOTAL.finditer(text):
            totals.append((t, _unit(t.group(2), t.group(3)), _scaled(t.group(1), t.group(2), t.group(3))))
        if not totals:
            continue
        for m in _SHARE.finditer(text):
            unit = _unit(m.group(2), m.group(3))
            before = [t for t in totals if t[0].end() <= m.start() and t[1] == unit]
            if not before:
                continue
            t, _, (total, th) = before[-1]
            between = text[t.end():m.start()]
            if total <= 0 or not ("其中" in between or _subset(between, text, m)):
                continue
            part, ph = _scaled(m.group(1), m.group(2), m.group(3))
            if part - ph > total + th:
                continue  # larger than the total: not a part of it
            stated = float(m.group(4))
            dec = len(m.group(4).split(".")[1]) if "." in m.group(4) else 0
            lo = (part - ph) / (total + th) * 100
            hi = (part + ph) / max(total - th, 1e-9) * 100
            slack = 0.5 * 10 ** -dec
            if lo - slack <= stated <= hi + slack:
                continue
            right = part / total * 100
            what = m.group(1) + (m.group(2) or "") + m.group(3)
            whole = t.group(1) + (t.group(2) or "") + t.group(3)
            yield Hit(p, m.start(), m.end(), None, {
                "problem": f"{what}占总数{whole}（见本段前文）应为{right:.{max(dec, 1)}f}%左右，文中写作{m.group(4)}%"})


    yield from _shares_over_100(doc, rule)


# Without 其中, a part of the total is named by a verb of completion right before it, in the same
# sentence: 共有重点项目120个，已完成90个，占比75%. The share must then be of that total: 占比,
# 占X%, 占总数的X% (占全市的X% has another whole).
_SUBSET = compile_regex(r"[，、]\s*(?:其中)?(?:已|均已|已经)(?:按期|全部|累计|基本)?"
                     r"(?:完成|建成|开工|竣工|办结|整改|落实|实现|达标|验收|销号|通过|接入|覆盖)(?:了)?"
                     r"[^\d，。；]{0,6}$")
_OWN_WHOLE = compile_regex(r"(?:约)?占(?:比|比为|比达|比达到|总数的|总量的|总数|的)?\s*$")


def _subset(between: str, text: str, m) -> bool:
    """The part ``m`` follows a verb of completion in the total's sentence, and its share is of
    that total."""
    if re.search(r"[。；！？]", between):
        return False
    cue = text[max(0, m.start() - 14):m.start()]
    share = text[m.end(3):m.start(4)]
    k = share.find("占")
    return bool(_SUBSET.search(cue)) and k != -1 and bool(_OWN_WHOLE.match(share, k))


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
                values = [float(m.group(1)) for m in shares]
                slack = sum(0.5 * 10 ** -(len(m.group(1).split(".")[1]) if "." in m.group(1) else 0)
                            for m in shares)
                if sum(values) > 100 + slack:
                    total = f"{sum(values):.1f}".rstrip("0").rstrip(".")
                    listed = "、".join(m.group(1) + "%" for m in shares)
                    yield Hit(p, shares[0].start(), shares[-1].end(), None, {
                        "problem": f"“其中”各项所占比例{listed}合计{total}%，超过了100%"})
            k = text.find("其中", stop)


share_of_total.FIELDS = frozenset({"text", "problem"})


_GROWTH = fast(
    rf"(?:由|从)(?:[^\d，。；]{{0,12}}?)(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])"
    rf"(?P<verb>增加|增长|提高|上升|提升|扩大|下降|减少|降低|缩小|降)(?:到|至)"
    rf"(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])[，,]?"
    rf"(?P<kind>增长|增加|提高|上升|下降|减少|降低|增幅为|降幅为|年均增长)?(?:了)?"
    rf"(?P<rate>\d+(?:\.\d+)?)(?P<rate_unit>[%％]|个百分点)")


_VERSUS = fast(
    rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])[，,]?比(?:上年|去年|上年同期|去年同期)(?:的)?"
    rf"(\d+(?:\.\d+)?)(万|亿)?({_UNITS}|[%％])(?P<verb>增长|增加|提高|上升|下降|减少|降低)(?:了)?"
    rf"(?P<rate>\d+(?:\.\d+)?)(?P<rate_unit>[%％]|个百分点)")
_DOWN = ("下降", "减少", "降低", "缩小", "降")


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
    if "比" in text:
        # 完成286亿元，比上年的260亿元增长12%: the earlier figure comes second
        for m in _VERSUS.finditer(text):
            problem = _judge_growth(m.group(4, 5, 6), m.group(1, 2, 3), m.group("verb"),
                                    m.group("rate"), m.group("rate_unit"))
            if problem:
                yield Hit(p, m.start(), m.end(), None, {"problem": problem})


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
