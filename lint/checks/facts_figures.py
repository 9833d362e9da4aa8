"""Figures that must agree within a document: a total and its parts (FC020), and the reading of
figures (value, rounding, unit) that the other figure checks share: shares of a whole
(lint.checks.facts_shares, FC021), growth rates (lint.checks.facts_growth, FC022) and one
quantity written twice (lint.checks.facts_restated, FC026 and FC028).

Only Arabic figures with the same unit are compared (32个, 1.5万人, 3.2亿元, 45%); 万 and 亿 are
multiplied out. A rate is compared with the range the rounded figures allow, so 3.2万 to 4.1万
may be called 增长28.1% or 28%, and the check never argues about rounding.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterator

from ..text.chinese import CN_ORDINAL, HAN_BASIC, SENTENCE_MARKS, after_mark, next_mark
from ..model.finding import Hit
from ..text.fastregex import fast
from .facts_common import effective_date, per_paragraph
from ..cache import compile_regex

_UNITS = ("万元|亿元|元|个|项|人次|户次|家次|批次|车次|架次|场次|人|户|家|所|座|件|起|次|台|辆|套|吨|公斤|千克|斤|亩|公顷|平方米|平方公里|公里|千米|微克/立方米|立方米|米|"
          "千瓦|万千瓦|处|条|栋|间|张|头|只|床|名|位|支|批|场|篇|册|份|村|镇|乡|社区|口|眼|宗")
# a number, its thousands perhaps set off by commas (15,236件次)
NUMBER = r"(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_NUM = rf"{NUMBER}(万|亿)?(?:多)?({_UNITS})(?![{HAN_BASIC}]*?[率比])"
_QTY = fast(_NUM)
# a figure stated exactly (not 1000多人, 300余名): what a restated or tabled count is compared as
_EXACT = fast(rf"{NUMBER}(万|亿)?({_UNITS})(?![多余])")
_TOTAL = fast(rf"(?:(?<!公)(?:共|总计|合计|累计|共计|总共|全年共|一共)(?:有|计|完成|实施|办理|受理|建成|新增|排查|发现|发生|查处|整改|投入|争取|安排|帮助|培训|收到|接待)?[^\d，。；]{{0,8}}?"
              rf"|(?:总投资|投资总额|总金额|总规模|总面积|总长度?|总里程)(?:为|达|达到|共)?){_NUM}")
_COMPARED = compile_regex(r"[，,；](?:同比|与|比|较)")
_DONE_AFTER = compile_regex(r"[，,；](?:目前|截至目前|现)?(?:已经|均已|已|累计)")
# a semicolon that starts a statement of its own (；安排人才发展专项资金3.5亿元), not the next part
_NEW_STATEMENT = compile_regex(r"；(?:另|另外|此外|同时|还|并|安排|下达|统筹|争取|筹集|拨付|落实|新增|全年|全市|全省|全县|全区)")
_BRACKETS = compile_regex(r"（[^）]*）|\([^)]*\)")
_SCALE = {"万": 10_000, "亿": 100_000_000, None: 1, "": 1}


def _value(num: str, mult: str | None) -> tuple[float, float]:
    """The value and half the unit of its last digit (the rounding it may carry)."""
    num = num.replace(",", "")
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
    compared = _COMPARED.search(seg)
    if compared:  # ，较2024年的2.95亿元增长…: the breakdown ends where the comparison starts
        seg = seg[:compared.start()]
    for cut in (_DONE_AFTER, _NEW_STATEMENT):
        done = cut.search(seg)
        if done:  # ，已完成整改163个; ；安排……: what became of the whole, or another statement
            seg = seg[:done.start()]
    masked = _BRACKETS.sub(lambda m: " " * len(m.group()), seg)
    out = []
    for m in _QTY.finditer(masked):
        if _unit(m.group(2), m.group(3)) != unit:
            continue
        if masked.startswith(("以上", "以下", "以内", "左右"), m.end()):
            break  # 连续五年稳定在65万吨以上: a bound after the breakdown, no part of it
        before = masked[max(0, m.start() - 4):m.start()]
        # (占 right before the figure names the part: 乱占42个, 省级占12个; 占全市12个 is a whole)
        if re.search(r"增长|增加(?!值)|减少|下降|提高|超过|达到|同比|比|占(?!$)|近|约|余", before):  # not 增加值
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


# the last of a list of ranks (厅局级干部12人、县处级干部168人、乡科级及以下干部3245人): a band,
# not a category that overlaps the others
_LEVEL_BAND = compile_regex(r"级及以下")
_OVERLAPPING = fast(r"女|男|少数民族|党员|团员|岁|学历|大专|本科|研究生|硕士|博士|以上|以下|以内|超过|不足|重点|新增|同时|兼")


# 领导班子由陆建平、顾晓东……王蕾共11名同志组成: the names listed are the count
_NAMES_COUNTED = fast(rf"((?:[{HAN_BASIC}]{{2,3}}、){{2,}}[{HAN_BASIC}]{{2,3}})(?:等|共)(\d+|{CN_ORDINAL}{{1,3}})(?:名|位|人)(?:同志)?")


def _names_counted(p) -> Iterator[Hit]:
    from ..text.chinese import cn_to_int
    from .people_mentions import plausible_name

    for m in _NAMES_COUNTED.finditer(p.text):
        names = m.group(1).split("、")
        if not all(plausible_name(n) for n in names):
            continue  # 、-joined words, not people
        said = int(m.group(2)) if m.group(2).isdigit() else cn_to_int(m.group(2))
        if said is not None and said != len(names):
            yield Hit(p, m.end(1), m.end(), None, {
                "problem": f"列出的是{len(names)}人的名字，却写“{m.group()[len(m.group(1)):]}”"})


# 5月11日至22日，共12天: the days of a span counted with both ends
_DAY_SPAN = fast(r"(?:(?P<y1>(?:19|20)\d{2})年)?(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日(?:[（(][^）)]{1,6}[）)])?"
                 r"(?:至|到|—|－|~|～)(?:(?P<y2>(?:19|20)\d{2})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日"
                 r"(?:[（(][^）)]{1,6}[）)])?[^\d，。；、]{0,8}[，,]?(?:共|历时|为期|共计)(?P<n>\d{1,3})(?:天|日)(?!内)")


def _days_counted(p, year: int) -> Iterator[Hit]:
    for m in _DAY_SPAN.finditer(p.text):
        y1 = int(m.group("y1") or year)
        y2 = int(m.group("y2") or y1)
        m1, d1 = int(m.group("m1")), int(m.group("d1"))
        m2 = int(m.group("m2") or m1)
        try:
            first, last = _dt.date(y1, m1, d1), _dt.date(y2, m2, int(m.group("d2")))
        except ValueError:
            continue  # FC002's
        if last < first and not m.group("y2"):
            last = last.replace(year=last.year + 1)  # 12月28日至1月3日
        days = (last - first).days + 1
        if days > 0 and days != int(m.group("n")):
            yield Hit(p, m.start(), m.end(), None, {
                "problem": f"从{m1}月{d1}日到{m2}月{m.group('d2')}日首尾都算共{days}天，文中写作{m.group('n')}天"})


@per_paragraph
def total_parts(doc, rule, options, p) -> Iterator[Hit]:
    text = p.text
    if "同志" in text or "名" in text or "人" in text:
        yield from _names_counted(p)
    if "天" in text or "日" in text:
        yield from _days_counted(p, effective_date(doc).year)  # the year of a span written without one
    if "其中" not in text:
        return
    totals = _totals(text)
    ends = {t.end() for t, _ in totals}
    for t, stated in totals:
        unit = _unit(t.group(2), t.group(3))
        k = text.find("其中", t.end())
        end = _sentence_end(text, t.end())
        if k == -1 or k > end + 2:
            continue
        if stated:
            # 共有52个品种、196个中选产品，其中……: the breakdown is of the nearer figure of the unit
            # (not of one compared with: 9起，分别比2023年的12起下降25%)
            nearer = [q for q in _QTY.finditer(text, t.end(), k) if _unit(q.group(2), q.group(3)) == unit
                      and not _CHANGE.search(text, after_mark(text, q.start(), "，,；。"), q.start())]
            if nearer and nearer[-1].end() in ends:
                continue  # read as a total of its own
            t = nearer[-1] if nearer else t
        total, half = _scaled(t.group(1), t.group(2), t.group(3))
        stop = _sentence_end(text, k)
        semi = text.find("；", k, stop)
        if not stated:  # the figure before 其中: its breakdown ends with the clause
            stop = semi if semi != -1 else stop
        parts = _parts_after(text, k, stop, unit)
        if parts is None and semi != -1:  # ……11.2亿元；各地投入超过500亿元: the breakdown ended before
            parts = _parts_after(text, k, semi, unit)
        if not parts or len(parts) < 2:
            continue
        clause = text[after_mark(text, t.start(), "，。；："):t.start()]  # the total's own words
        labels = _labels(text, k + 2, parts)
        # parts named by a pair that makes up every case, or each named in the total (农村公路和
        # 水利工程建设投资28.5亿元，其中农村公路……、水利工程……): a complete breakdown
        whole = len(parts) == 2 and _complementary(labels) or _named_in(clause, labels) \
            or labels[-1].startswith(_REST)  # ……、其他区县1.5万套: the rest of the whole
        if not whole and _overlapping(_LEVEL_BAND.sub("", text[k:parts[-1].end]), clause):
            continue  # 女党员、35岁以下党员、亿元以上项目: categories that may overlap
        vals = [_scaled(x.num, x.mult, x.unit) for x in parts]
        low = sum(v - h for v, h in vals)
        high = sum(v + h for v, h in vals)
        if low > total + half + 1e-9:
            relation = "超过了总数"
        elif high < total - half - 1e-9 and (
                whole or _levels_complete(clause, labels)
                or len(parts) >= 3 and total - high <= _SHORT_SHARE * total):
            relation = "少于总数"
        else:
            continue
        listed = "、".join(x.shown for x in parts)
        total_shown = t.group(1) + (t.group(2) or "") + t.group(3)
        # the finding holds the total too when it stands just before (企业47家，其中生产企业12家……)
        start = t.start(1) if parts[0].start - t.start(1) <= _TOTAL_NEAR else parts[0].start
        yield Hit(p, start, parts[-1].end, None, {
            "problem": f"“其中”所列各项{listed}合计{_fmt(sum(v for v, _ in vals), t.group(2), t.group(3))}，"
                       f"{relation}{total_shown}"})


_BEFORE_SUB = compile_regex(r"(?:（[^）]{0,20}）)?(?:[，,]|[，,](?:同比|比上年)?(?:增长|下降)\d+(?:\.\d+)?[%％][。，,])其中")
# a sentence that ends with its figure's growth rate, right before 其中 (……2186.4亿元，增长5.6%。其中)
_GROWTH_TAIL = compile_regex(r"\d[^，。]{0,6}[，,](?:同比|比上年)?(?:增长|下降)\d+(?:\.\d+)?[%％]。$")
_CHANGE = compile_regex(r"比|较|增加|增长|减少|下降|提高|降低|超过|多|少|净增")


def figures_before_sub(text: str) -> Iterator[tuple]:
    """(position, figure) of each 其中 of ``text`` and the last figure before it in its sentence
    (None when there is none)."""
    k = text.find("其中")
    while k != -1:
        s0 = after_mark(text, k, "。！？；")
        if s0 == k and k > 0 and _GROWTH_TAIL.search(text, 0, k):
            # 地区生产总值2186.4亿元，增长5.6%。其中，……: the figure before the growth rate that ends
            # the sentence before
            s0 = after_mark(text, k - 1, "。！？；")
        last = None
        for q in _QTY.finditer(text, s0, k):
            last = q
        yield k, last
        k = text.find("其中", k + 2)


def _totals(text: str) -> list:
    """The totals of a paragraph, as (match, stated): a figure stated as one (共…, 总投资…), and
    the figure that ``，其中`` follows at once (安排资金2400万元，其中…), which the breakdown after
    it is of."""
    out = [(t, True) for t in _TOTAL.finditer(text)]
    ends = {t.end() for t, _ in out}
    for k, last in figures_before_sub(text):
        if last is None or not _BEFORE_SUB.fullmatch(text, last.end(), k + 2):
            continue
        c0 = after_mark(text, last.start(), "，,；。！？")
        if last.end() not in ends and not _CHANGE.search(text, c0, last.start()):
            out.append((last, False))  # (比去年增加4000亿元，其中…: of the amount, not a total)
            ends.add(last.end())
        # 新签约项目128个，总投资462.3亿元，其中工业项目97个……: the sentence's last figure of each
        # other unit, ending a clause of its own, is a total the breakdown may be of
        nearest = {}
        for q in _QTY.finditer(text, after_mark(text, last.start(), "。！？；"), last.start()):
            nearest[_unit(q.group(2), q.group(3))] = q
        for u, q in nearest.items():
            q0 = after_mark(text, q.start(), "，,；。！？")
            if u != _unit(last.group(2), last.group(3)) and q.end() not in ends \
                    and text[q.end():q.end() + 1] in "，," and not _CHANGE.search(text, q0, q.start()):
                out.append((q, False))
                ends.add(q.end())
    return sorted(out, key=lambda t: t[0].end())


# Parts that add up to a little less than the total: one part is only a selection (其中民事案件
# 80件), and so are parts far below the total, and two parts may be two of several kinds (上级来文、
# 平级来文; 下级来文 not given); but three or more parts, or two of a pair that makes up every case
# (固定/临时, 城镇/农村), that miss the total by at most 5 % look like a complete breakdown with
# one figure mistyped (上级来文312件、平级来文208件、下级来文326件 of 856; 固定检查站28个、临时检查站
# 16个 of 46). Reported at that narrow band only.
_COMPLEMENTS = (("固定", "临时"), ("城镇", "农村"), ("城市", "农村"), ("城区", "农村"), ("男", "女"),
                ("公办", "民办"), ("专职", "兼职"), ("境内", "境外"), ("省内", "省外"), ("市内", "市外"),
                ("县内", "县外"), ("国内", "国外"), ("线上", "线下"), ("在职", "离退休"), ("在职", "退休"),
                ("新建", "续建"), ("新开工", "续建"), ("国有", "非国有"), ("公有", "非公有"), ("全日制", "非全日制"),
                ("中央", "地方"), ("本级", "下级"), ("正式", "临时"), ("户籍", "非户籍"), ("主", "支"), ("干", "支"),
                ("政府投资", "社会投资"), ("政府投资", "民间投资"), ("公益性", "经营性"), ("营利性", "非营利性"),
                ("集中供养", "分散供养"), ("集中", "分散"), ("居民", "非居民"), ("居民", "工商业"),
                ("新建", "改造"), ("新建", "改扩建"))
_REST = ("其他", "其余", "其它", "剩余")
_LABEL_CUT = compile_regex(r"[，,、；]")


def _labels(text: str, start: int, parts: list) -> list[str]:
    """What names each part: the words from the clause mark before it (after 其中 for the first)."""
    out, at = [], start
    for x in parts:
        cut = None
        for cut in _LABEL_CUT.finditer(text, at, x.start):
            pass
        out.append(text[cut.end() if cut else at:x.start].lstrip("，,、："))
        at = x.end
    return out


def _complementary(labels: list[str]) -> bool:
    """The two parts are named by the two sides of a pair that makes up every case."""
    first, second = labels
    return any(first.startswith(a) and second.startswith(b) or first.startswith(b) and second.startswith(a)
               for a, b in _COMPLEMENTS)


_LABEL_TAIL = compile_regex(r"(?:为|有|达|共|计|约)+$")


def _named_in(clause: str, labels: list[str]) -> bool:
    """Each part is named, by two characters or more, in the total's own words (普查员和普查指导员
    约12.6万人，其中普查指导员……、普查员……)."""
    names = [_LABEL_TAIL.sub("", x) for x in labels]
    if len(set(names)) != len(names) or not all(len(x) >= 2 and x in clause for x in names):
        return False
    # and they are the whole list there: joined by 和、及、与 and nothing else before or after
    # (农村公路、水利工程和农村供水建设投资: a third item not given)
    spans = sorted((clause.index(x), clause.index(x) + len(x)) for x in names)
    joins = [clause[a:b] for (_, a), (b, _) in zip(spans, spans[1:])]
    return all(_JOIN.fullmatch(j) for j in joins) and not _JOIN.fullmatch(clause[spans[0][0] - 1:spans[0][0]]) \
        and not _JOIN.match(clause, spans[-1][1])


_JOIN = compile_regex(r"和|及|与|、|以及|或")


def _overlapping(breakdown: str, clause: str) -> bool:
    """Whether a word of the breakdown names a category that may overlap the others (女党员,
    35岁以下): not when the total is counted in that word (共有党员1126名，其中农村党员……)."""
    return any(m.group() not in clause for m in _OVERLAPPING.finditer(breakdown))


# 省级以上龙头企业12家，其中国家级2家、省级9家: the levels from the top down to the one the total
# names are every case
_LEVELS = ("国家级", "省级", "市级", "县级")
_AT_LEAST = compile_regex(r"(省|市|县)级(?:及)?以上")


def _levels_complete(clause: str, labels: list[str]) -> bool:
    m = _AT_LEAST.search(clause)
    if not m:
        return False
    need = _LEVELS[:_LEVELS.index(m.group(1) + "级") + 1]
    got = [next((lv for lv in _LEVELS if label.startswith(lv)), None) for label in labels]
    return None not in got and tuple(sorted(got, key=_LEVELS.index)) == need


_SHORT_SHARE = 0.1
_TOTAL_NEAR = 30  # characters from a total to its first part that one finding spans


total_parts.FIELDS = frozenset({"text", "problem"})


def _fmt(v: float, mult, unit) -> str:
    scale = _SCALE[mult] * (10_000 if unit == "万元" else 100_000_000 if unit == "亿元" else 1)
    x = v / scale
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s + (mult or "") + unit


def _sentence_end(text: str, pos: int) -> int:
    return next_mark(text, pos, SENTENCE_MARKS)
