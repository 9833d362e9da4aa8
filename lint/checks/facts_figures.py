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

_UNITS = ("万元|亿元|元|个|项|人次|户次|家次|批次|车次|架次|场次|人|户|家|所|座|件|起|次|台|辆|套|吨|亩|公顷|平方米|平方公里|公里|千米|米|"
          "千瓦|万千瓦|处|条|栋|间|张|头|只|床|名|位|支|批|场|篇|册|份|村|镇|乡|社区|口|眼|宗")
_NUM = rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?(?:多)?({_UNITS})(?![{HAN_BASIC}]*?[率比])"
_QTY = fast(_NUM)
_TOTAL = fast(rf"(?:(?:共|总计|合计|累计|共计|总共|全年共|一共)(?:有|计|完成|实施|办理|受理|建成|新增|排查|发现|整改|投入|争取|安排|帮助|培训|收到|接待)?[^\d，。；]{{0,8}}?"
              rf"|(?:总投资|投资总额|总金额|总规模|总面积|总长度?|总里程)(?:为|达|达到|共)?){_NUM}")
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


_EACH_TOTAL = compile_regex(rf"[（(](?:计|共|共计|合计|小计)(\d+(?:\.\d+)?)(万|亿)?({_UNITS})[）)]")


class _Part:
    """A figure of a breakdown: its value's text, multiplier and unit, and where it stands."""

    __slots__ = ("num", "mult", "unit", "start", "end", "shown")

    def __init__(self, num, mult, unit, start, end, shown):
        self.num, self.mult, self.unit, self.start, self.end, self.shown = num, mult, unit, start, end, shown


def _parts_after(text: str, start: int, end: int, unit: str) -> list[_Part] | None:
    """Figures with ``unit`` after 其中 up to the end of the sentence (brackets and a second
    其中 excluded). A figure per item (各10名) counts by the subtotal its bracket gives
    (各10名（计120名）); without one the breakdown cannot be added up (None), nor when a figure
    is a comparison or an estimate."""
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
        if masked[m.start() - 1:m.start()] == "各":
            sub = _EACH_TOTAL.match(seg, m.end())
            if sub is None or _unit(sub.group(2), sub.group(3)) != unit:
                return None  # so much each, for an unknown number of items
            out.append(_Part(sub.group(1), sub.group(2), sub.group(3), start + sub.start(), start + sub.end(),
                             sub.group(1) + (sub.group(2) or "") + sub.group(3)))
            continue
        out.append(_Part(m.group(1), m.group(2), m.group(3), start + m.start(), start + m.end(), m.group()))
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
        vals = [_scaled(x.num, x.mult, x.unit) for x in parts]
        low = sum(v - h for v, h in vals)
        high = sum(v + h for v, h in vals)
        if low > total + half + 1e-9:
            relation = "超过了总数"
        elif len(parts) >= _SHORT_PARTS and high < total - half - 1e-9 \
                and total - high <= _SHORT_SHARE * total:
            relation = "略少于总数"
        else:
            continue
        listed = "、".join(x.shown for x in parts)
        yield Hit(p, parts[0].start, parts[-1].end, None,
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


def _wholes(text: str) -> list:
    """(match, unit, (value, half), stated) of the figures a share in ``text`` may be of, in
    order: a total (共…, 累计…; ``stated``) and the figure a 其中 follows in its sentence
    (接待游客2860万人次，其中…), whose shares are checked only when they are plainly of it."""
    out = [(t, _unit(t.group(2), t.group(3)), _scaled(t.group(1), t.group(2), t.group(3)), True)
           for t in _TOTAL.finditer(text)]
    k = text.find("其中")
    while k != -1:
        s0 = max(text.rfind(c, 0, k) for c in "。！？；") + 1
        last = None
        for q in _QTY.finditer(text, s0, k):
            last = q
        if last is not None and not any(t[0].end() == last.end() for t in out):
            out.append((last, _unit(last.group(2), last.group(3)),
                        _scaled(last.group(1), last.group(2), last.group(3)), False))
        k = text.find("其中", k + 2)
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


def _share_problem(part_figure, stated: str, total: float, th: float, whole: str, where: str) -> str | None:
    """What is wrong with ``part_figure`` being ``stated`` % of ``total`` (± ``th``), if anything."""
    part, ph = _scaled(*part_figure)
    if total <= 0 or part - ph > total + th:
        return None  # larger than the whole: not a part of it
    dec = len(stated.split(".")[1]) if "." in stated else 0
    lo = (part - ph) / (total + th) * 100
    hi = (part + ph) / max(total - th, 1e-9) * 100
    slack = 0.5 * 10 ** -dec
    if lo - slack <= float(stated) <= hi + slack:
        return None
    what = part_figure[0] + (part_figure[1] or "") + part_figure[2]
    return f"{what}占{whole}{where}应为{part / total * 100:.{max(dec, 1)}f}%左右，文中写作{stated}%"


# A share of a whole named by its noun (占总投资的30%), with the whole's figure stated in this or
# the previous paragraph (总投资8400万元); or given in the share itself (占一般公共预算支出61.9亿元的78.5%).
_NAMED_SHARE = fast(rf"{_NUM}[，,]?(?:占|约占)(?P<whole>总[{HAN_BASIC}]{{1,6}}?|[{HAN_BASIC}]{{1,8}}?总(?:额|数|量|投资|收入|支出|规模))"
                    rf"的(?P<rate>\d+(?:\.\d+)?)[%％]")
_INLINE_SHARE = fast(rf"{_NUM}[，,]?(?:占|约占)[^\d，。；]{{1,12}}?(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS})的(?P<rate>\d+(?:\.\d+)?)[%％]")


def _named_wholes(p, previous) -> Iterator[Hit]:
    text = p.text
    for m in _INLINE_SHARE.finditer(text):
        if _unit(m.group(2), m.group(3)) != _unit(m.group(5), m.group(6)):
            continue
        total, th = _scaled(m.group(4), m.group(5), m.group(6))
        problem = _share_problem(m.group(1, 2, 3), m.group("rate"), total, th,
                                 m.group(4) + (m.group(5) or "") + m.group(6), "")
        if problem:
            yield Hit(p, m.start(), m.end(), None, {"problem": problem})
    for m in _NAMED_SHARE.finditer(text):
        whole = m.group("whole")
        unit = _unit(m.group(2), m.group(3))
        stated = re.compile(re.escape(whole) + rf"(?:为|达|达到|约|是|共|合计|计)?{_NUM}")
        found = None
        for where, t in (("（见本段前文）", text[:m.start()]), ("（见上一段）", previous.text if previous else "")):
            hits = [x for x in stated.finditer(t) if _unit(x.group(2), x.group(3)) == unit]
            if hits:
                found = (where, hits[-1])
                break
        if found is None:
            continue
        where, x = found
        total, th = _scaled(x.group(1), x.group(2), x.group(3))
        problem = _share_problem(m.group(1, 2, 3), m.group("rate"), total, th,
                                 whole + x.group(1) + (x.group(2) or "") + x.group(3), where)
        if problem:
            yield Hit(p, m.start(), m.end(), None, {"problem": problem})


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
