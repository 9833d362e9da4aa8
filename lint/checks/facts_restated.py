"""One quantity written twice in a draft (FC026, FC028): a statistical indicator stated twice
with two values, and a count typed a second time with two neighbouring digits swapped."""

from __future__ import annotations

import bisect
from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from ..text.chinese import HAN_BASIC, SENTENCE_MARKS, after_mark, next_mark
from ..text.fastregex import fast
from .facts_common import sentence_at
from .facts_figures import _EXACT, _UNITS, _scaled, _unit

# --- the same quantity stated twice ---------------------------------------------------------

_INDICATORS = ("地区生产总值|国内生产总值|生产总值|总产值|一般公共预算收入|财政总收入|财政收入|可支配收入|固定资产投资|"
               "社会消费品零售总额|进出口总额|外贸进出口|实际利用外资|常住人口|户籍人口|总人口|粮食总产量|粮食产量|"
               "森林覆盖率|城镇化率|城镇登记失业率|规上工业增加值|工业增加值|税收收入|存款余额|贷款余额|市场主体")
_INDICATOR = fast(_INDICATORS)
# what follows an indicator when it is stated: 地区生产总值完成286.5亿元
_STATED = compile_regex(r"(?:总量|规模)?(?:完成|达到|达|实现|为|是|共有|有|突破)?(?P<num>\d+(?:\.\d+)?)(?P<mult>万|亿)?"
                        r"(?P<unit>万元|亿元|元|人|户|吨|万吨|[%％])")
# up to eight Han characters before the indicator belong to its name (全县, 农村居民人均)
_SUBJECT = compile_regex(f"[{HAN_BASIC}]{{0,8}}$")
# the Han words right before a figure, and right after its unit
_HAN_BEFORE = compile_regex(f"[{HAN_BASIC}]*$")
_HAN_AFTER = compile_regex(f"[{HAN_BASIC}]*")


def _statements(text: str):
    """(start, end, subject) of each listed indicator stated with its figure: the indicator with
    up to eight Han characters before it (全县地区生产总值), then the figure."""
    for ind in _INDICATOR.finditer(text):
        m = _STATED.match(text, ind.end())
        if not m:
            continue
        start = _SUBJECT.search(text, max(0, ind.start() - 8), ind.start()).start()
        yield start, m, text[start:ind.end()]
_NOT_A_STATEMENT = fast(r"比上年|同比|增长|下降|提高|目标|预计|力争|计划|争取|预期|到(?:19|20)\d{2}年|左右|以上|以内")


def restated_figure(doc, rule, options) -> Iterator[Hit]:
    from .facts_common import years_in

    seen: dict[tuple, tuple] = {}
    for p in doc.iter(rule.scope):
        text = p.text
        for start, m, subject in _statements(text):
            s0, s1 = sentence_at(p, start)
            sentence = text[s0:s1]
            before = text[s0:start]
            if _NOT_A_STATEMENT.search(sentence):
                continue
            years = tuple(sorted(set(years_in(before))))
            unit = m.group("unit").replace("％", "%")
            value, half = _scaled(m.group("num"), m.group("mult"), unit)
            key = (subject, years, _unit(m.group("mult"), unit))
            first = seen.get(key)
            if first is None or p.index - first[3].index > _NEAR_PARAGRAPHS:
                seen[key] = (value, half, text[start:m.end()], p)  # (a volume of several years' reports: far apart)
                continue
            if abs(first[0] - value) > first[1] + half + 1e-9:
                yield Hit(p, start, m.end(), None, {"first": first[2], "where": f"第{first[3].line}行"})


restated_figure.FIELDS = frozenset({"text", "first", "where"})


# --- a count named the same way twice, with two values --------------------------------------

_LABEL_SPAN = 14  # Han characters either side of a figure that may name what it counts
_MIN_LABEL = 4    # a shared name of at least this many characters (新增城镇就业, 危险化学品生产经营企业)
_MAX_APART = 0.2  # a restated figure is a slip of a digit or two, not another order of size
_LONG_NAME = 7    # a name this long is one thing even where both sentences list other figures
# words between a name and its figure (全市共有危险化学品生产经营企业312家)
_LINK = fast(r"(?:共有|共计|合计|总计|总数|总量|数量|人数|户数|共|有|达到|达|为|是|完成|实现|计)$")
# a clause that gives a figure as a change, an aim, an estimate or a bound is not a count stated
_NOT_STATED = fast(r"由|从|增至|增加到|提高到|降至|下降到|减少到|比|较|同比|增长|增加|提高|下降|减少|降低|"
                   r"不少于|不低于|不超过|超过|左右|约|近|其中|分别|平均|人均|每|各|累计|以来|年来|期间")
# an aim or an estimate anywhere before the figure in its sentence (主要目标是：……；新建高标准农田40万亩)
_AIM = fast(r"目标|任务|计划|力争|争取|预计|预期|确保|拟|将")
_BOUND_AFTER = fast(r"以上|以下|以内|左右|之内|至|到|[-—～~]")
# the time a count is of: a year, a part of the year, a month
_PERIOD = fast(r"(?:19|20)\d{2}年|[上下]半年|前?[一二三四]季度|\d{1,2}(?:[-—～至]\d{1,2})?月|今年|去年|上年|明年|全年|当年|本年")


def _periods(text: str, report_time: bool = True) -> list[tuple[int, str]]:
    """(where, what) of each year, part of a year or month ``text`` names: the time a figure is
    of is the last named before it in its paragraph. Without the time of a report (截至7月17日
    18时) unless ``report_time``."""
    return [(x.start(), x.group()) for x in _PERIOD.finditer(text)
            if report_time or text[max(0, x.start() - 2):x.start()] not in ("截至", "截止")]


def _period_before(periods: list[tuple[int, str]], pos: int) -> str | None:
    """The last of ``periods`` named before ``pos``."""
    k = bisect.bisect_left(periods, (pos,))
    return periods[k - 1][1] if k else None


_SCOPE = fast(rf"[{HAN_BASIC}]{{1,5}}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)(?=[{HAN_BASIC}])")
_COMMON_SCOPE = fast(r"全[省市县区州盟旗镇乡]|[我本][省市县区州镇乡]")
_GENERIC_LABEL = frozenset("全市 全县 全区 全省 全镇 全乡 全州 全国 我市 我县 我区 我省 本市 本县 "
                           "共有 共计 合计 达到 完成 实现 累计 新增 开展 组织 工作 其中 各类 项目 单位".split())


def _label_text(text: str, c0: int, start: int, end: int, c1: int) -> tuple[str, str, str]:
    """The Han words right before a figure (without the linking word: 共有, 达到) and right
    after its unit, within the clause; and the number the words before it follow, if any (65 of
    65周岁及以上老年人3.41万人: a name with a number in it)."""
    lo = max(c0, start - _LABEL_SPAN)
    run = _HAN_BEFORE.search(text, lo, start).start()
    q = run
    while q > c0 and text[q - 1].isdigit():
        q -= 1
    number = text[q:run]
    before = text[run:start]
    link = _LINK.search(before)
    if link:
        before = before[:link.start()]
    after = _HAN_AFTER.match(text, end, min(c1, end + _LABEL_SPAN)).group()
    return _full_words(before), _full_words(after), number


# the short forms statistics use for the same thing (规上工业企业 is 规模以上工业企业)
_SHORT_FORMS = (("规上", "规模以上"), ("限上", "限额以上"))


def _full_words(label: str) -> str:
    for short, full in _SHORT_FORMS:
        if short in label:
            label = label.replace(short, full)
    return label


def _pieces(label: tuple) -> dict[str, tuple[str, int, int]]:
    """The names a figure may be given: the words that end right before it and the words that
    start right after its unit, of at least _MIN_LABEL characters, with where they stand."""
    before, after = label[0], label[1]
    out = {before[len(before) - n:]: (before, len(before) - n, len(before)) for n in range(_MIN_LABEL, len(before) + 1)}
    out.update({after[:n]: (after, 0, n) for n in range(_MIN_LABEL, len(after) + 1)})
    return out


def _named_apart(a: tuple, b: tuple) -> bool:
    """Both figures are followed by a noun that names them, and the nouns differ (中央财政安排
    384亿元救灾款 … 中央财政安排423亿元资金): two sums of one giver, not one sum twice."""
    from ..text.segment import lexicon

    if not (a[1] and b[1]):
        return False
    first = [lexicon().cut(x[1])[0] for x in (a, b)]
    return all(len(w) >= 2 for w in first) and first[0] != first[1]


def _shared_name(a: tuple, b: tuple) -> str:
    """The longest name two figures share (危险化学品生产经营企业 before 312家 and after 298家),
    whole words on both sides and not only generic words (全市, 累计, 项目)."""
    from ..text.segment import lexicon

    pa, pb = _pieces(a), _pieces(b)
    for name in sorted(pa.keys() & pb.keys(), key=len, reverse=True):
        if all(name[i:i + 2] in _GENERIC_LABEL for i in range(0, len(name) - 1, 2)):
            continue
        lex = lexicon()
        if all(lex.aligned(*where) for where in (pa[name], pb[name])):
            return name
    return ""


def restated_count(doc, rule, options) -> Iterator[Hit]:
    """The same count named the same way in two sentences with two values: 全市共有危险化学品生产
    经营企业312家 … 全市298家危险化学品生产经营企业要…; 新增城镇就业1.26万人 … 2025年全县新增城镇
    就业1.32万人. Both name it with the same words of four or more characters right before the
    figure or right after its unit; neither clause gives it as a change, an aim, an estimate, a
    bound, a part or an average; the years and parts of the year the sentences name, and the
    places they name, do not differ; the values differ beyond rounding by less than a quarter
    (a slip of a digit); the two stand at most 60 paragraphs apart, and are not two entries of a
    parallel list (both sentences give other figures of the same unit)."""

    by_name: dict[tuple, list] = {}  # (unit, a name the figure may be given) -> figures seen
    for p in doc.iter(rule.scope):
        text = p.text
        periods = None
        for m in _EXACT.finditer(text):
            if text[m.start() - 1:m.start()] == "第" or _BOUND_AFTER.match(text, m.end()):
                continue
            s0, s1 = sentence_at(p, m.start())
            c0 = after_mark(text, m.start(), "，；：、", s0)
            c1 = min(s1, next_mark(text, m.end(), "，；：、。"))
            if _NOT_STATED.search(text, c0, c1) or "其中" in text[s0:m.start()] \
                    or _AIM.search(text, after_mark(text, m.start(), SENTENCE_MARKS), m.start()):
                continue
            label = _label_text(text, c0, m.start(), m.end(), c1)
            pieces = _pieces(label)
            if not pieces:
                continue
            # the time the count is of (a sentence that names none is of the time named before it)
            if periods is None:
                periods = _periods(text)
            period = _period_before(periods, m.start())
            scopes = frozenset(x.group() for x in _SCOPE.finditer(text, c0, c1)
                               if not _COMMON_SCOPE.fullmatch(x.group()))
            value, half = _scaled(m.group(1), m.group(2), m.group(3))
            unit = _unit(m.group(2), m.group(3))
            others = {o.group(3) for o in _EXACT.finditer(text, s0, s1) if o.start() != m.start()}
            here = (p, (s0, s1), label, period, scopes, value, half, unit, others, m.group())
            candidates = {id(e): e for piece in pieces for e in by_name.get((unit, piece), ())}
            for q, q_sentence, q_label, q_period, q_scopes, q_value, q_half, q_unit, q_others, shown in \
                    sorted(candidates.values(), key=lambda e: e[0].index):
                if (q is p and q_sentence == (s0, s1)) or p.index - q.index > _NEAR_PARAGRAPHS:
                    continue
                if abs(q_value - value) <= q_half + half + 1e-9 or abs(q_value - value) > _MAX_APART * max(q_value, value):
                    continue
                if period != q_period or scopes != q_scopes or q_label[2] != label[2] or _named_apart(q_label, label):
                    continue
                name = _shared_name(q_label, label)
                core = name
                while core[:2] in _GENERIC_LABEL or core[:2] in ("全年", "今年", "去年"):  # 全年实施重点项目
                    core = core[2:]
                # two entries of a parallel list give other figures of one unit each (拱墅区：检查2408
                # 户次，发现问题171个；临平区：……); a long name (规模以上工业企业) is one thing still
                if name and (len(core) >= _LONG_NAME or not others & q_others):
                    yield Hit(p, m.start(), m.end(), None, {"first": shown, "where": f"第{q.line}行"})
                    break
            else:
                for piece in pieces:
                    by_name.setdefault((unit, piece), []).append(here)


restated_count.FIELDS = frozenset({"text", "first", "where"})


# --- one figure typed twice with two digits swapped ---------------------------------------------

_WHOLE = fast(rf"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])(万|亿)?(?:多)?({_UNITS})")
_LABEL_NEAR = 10  # characters before a figure that name what it counts
_LABEL_AFTER = 6  # and after it (1620名护林员)
_GENERIC = frozenset("全市 全县 全区 全省 全镇 全乡 全国 全年 其中 累计 共计 合计 总计 共有 达到 完成 实现 新增 "
                     "新建 建成 目前 现有 以上 左右 我市 我县 我区 我省 今年 去年 上年 开展 组织 安排 配备 设置 "
                     "工作 同志 人员 项目 单位 部门".split())


_ONE_UNIT = {"名": "人"}  # people counted either way (特困人员救助供养1083人 … 1038名特困人员)


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


def _parallel(a: set, b: set) -> bool:
    """Two sentences that are entries of a parallel list: each gives another figure of a unit the
    other gives too, with other values (检查2408户次 … 检查1530户次); one that repeats the other's
    figures (案件46件，罚款582.6万元 … 案件46件，罚款528.6万元) restates it."""
    units = {u for u, _ in a} & {u for u, _ in b}
    return bool(units) and not a & b


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
    nor two entries of a parallel list, whose sentences both give other figures of one unit with
    other values (拱墅区：检查2408户次，发现问题171个；临平区：检查1530户次，发现问题117个)."""

    by_key: dict[tuple, list] = {}  # the figures of each set of digits and unit, in order
    for p in doc.iter(rule.scope):
        text = p.text
        for m in _WHOLE.finditer(text):
            digits = m.group(1).replace(".", "")
            if len(digits) >= 3 and text[m.start() - 1:m.start()] != "第" and len(set(digits)) > 1:
                key = ("".join(sorted(digits)), m.group(1).find("."), m.group(2) or "", _ONE_UNIT.get(m.group(3), m.group(3)))
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
            # (a figure under ten is a mention, 有1件案例入选, not the entry of a parallel list)
            others = {(_ONE_UNIT.get(o.group(3), o.group(3)), o.group(1)) for o in _WHOLE.finditer(text, *sentence)
                      if o.start() != m.start() and float(o.group(1)) >= 10}
            labels = _labels(text, m.start(), m.end())
            for other, q, q_sentence, q_others, q_labels, shown in seen.values():
                if _swapped(other, digits) and not (q is p and q_sentence == sentence) \
                        and p.index - q.index <= _NEAR_PARAGRAPHS and not _parallel(others, q_others) and labels & q_labels:
                    yield Hit(p, m.start(), m.end(), None, {"first": shown, "where": f"第{q.line}行"})
                    break
            else:
                seen.setdefault(digits, (digits, p, sentence, others, labels, m.group()))


transposed_figure.FIELDS = frozenset({"text", "first", "where"})


# --- the number of dead given twice -----------------------------------------------------------

_DEAD = fast(r"(?:死亡|遇难|罹难)(?P<a>\d+)(?:人|名)|(?<![\d.])(?P<b>\d+)(?:人|名)(?:死亡|遇难|罹难)"
             r"|遇难的(?P<c>\d+)名|(?<![\d.])(?P<d>\d+)名遇难(?:者|群众|人员)")
# one of the two speaks of the whole event or year (共, 全年, 此次), not of one of several accidents
# (一是……造成2人死亡。二是……造成1人死亡。)
_WHOLE_TOLL = fast(r"共|全年|此次|本次|这次")
_NOT_THE_TOLL = fast(r"其中|分别|比|较|同比|下降|增长|减少|增加|累计|以来|年来|平均|每")


def restated_toll(doc, rule, options) -> Iterator[Hit]:
    """The number of dead of one event or year given twice with two values (因灾死亡2人 … 已造成3人
    死亡; 死亡39人 … 全年41名遇难者): the same time (the last year, part of a year, month or
    此次 named before each in its paragraph), neither a part, a comparison or a running total,
    neither sentence giving the dead of several events, and one of them speaking of the whole event
    or year (共, 全年, 此次)."""
    if not any(w in p.text for p in doc.iter(rule.scope) for w in ("死亡", "遇难", "罹难")):
        return
    seen: list[tuple] = []
    for p in doc.iter(rule.scope):
        text = p.text
        for m in _DEAD.finditer(text):
            value = int(next(g for g in m.groups() if g))
            s0, s1 = sentence_at(p, m.start())
            c0 = after_mark(text, m.start(), "，；：", s0)
            c1 = min(s1, next_mark(text, m.end(), "，；：。、（("))  # 死亡3人、受伤11人（其中重伤2人）
            if _NOT_THE_TOLL.search(text, c0, c1) or "其中" in text[s0:m.start()] \
                    or len(list(_DEAD.finditer(text, s0, s1))) > 1:
                continue
            period = _period_before(_periods(text, report_time=False), m.start())
            whole = bool(_WHOLE_TOLL.search(text, after_mark(text, m.start(), SENTENCE_MARKS), s1))
            for q, q_period, q_value, shown, q_whole in seen:
                if q_period == period and q_value != value and (whole or q_whole) \
                        and p.index - q.index <= _NEAR_PARAGRAPHS:
                    yield Hit(p, m.start(), m.end(), None, {"first": shown, "where": f"第{q.line}行"})
                    break
            else:
                seen.append((p, period, value, m.group(), whole))


def restated(doc, rule, options) -> Iterator[Hit]:
    """FC026: a listed indicator stated twice with two values, and any count named the same way
    twice with two values; one finding where both see the same figure."""
    done: list = []
    for check in (restated_figure, restated_count, restated_toll):
        for hit in check(doc, rule, options):
            if not any(q is hit.paragraph and hit.start < e and s < hit.end for q, s, e in done):
                done.append((hit.paragraph, hit.start, hit.end))
                yield hit


restated.FIELDS = frozenset({"text", "first", "where"})
