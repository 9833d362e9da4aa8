"""Relative dates against the document's own date (FC024): 去年（2023年） in a draft of 2025, 上月底
（5月31日） in one of July, 今年以来 with a growth rate a few days into a year, and a period of this
year reported before it has passed (今年1—11月 in a January draft, 已于今年10月 in a September one).
"""

from __future__ import annotations

from typing import Iterator

from ..model.finding import Hit
from ..text.chinese import cn_to_int, next_mark
from ..text.fastregex import fast
from .facts_common import document_date

YEAR_OFFSET = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1, "明年": 1, "下一年": 1,
           "前年": -2, "后年": 2}
# 去年（2024年）, 上年度（2024年）, 明年春节（2027年2月6日）, 去年底（2024年12月31日）
_RELATIVE_YEAR = fast(r"(今年|本年度|本年|去年|上一年|上年|明年|下一年|前年|后年)(?:度)?"
                      r"(?:春节|元旦|国庆|汛期|同期|年底|年末|年初|底|末|初)?"
                      r"(?:[（(](?:即)?((?:19|20)\d{2})年?(?:\d{1,2}月(?:\d{1,2}日)?)?[)）]|，即((?:19|20)\d{2})年|是((?:19|20)\d{2})年)"
                      r"|((?:19|20)\d{2})年[（(](今年|去年|明年|前年|后年)[)）]")


def relative_year(doc, rule, options) -> Iterator[Hit]:
    found = document_date(doc)
    if not found:
        return
    signed = found[0][0]
    where = found[1]
    for p in doc.iter(rule.scope):
        for m in _RELATIVE_YEAR.finditer(p.text):
            word = m.group(1) or m.group(6)
            year = int(m.group(2) or m.group(3) or m.group(4) or m.group(5))
            right = signed + YEAR_OFFSET[word]
            if year == right:
                continue
            yield Hit(p, m.start(), m.end(), None, {
                "problem": f"{where}为{signed}年，“{word}”应是{right}年，括注的却是{year}年"})
        if "月" in p.text:
            yield from _relative_months(p, found)
        if found[0][1] == 1 and found[0][2] <= 20 and "今年以来" in p.text:
            yield from _year_just_begun(p, found)
        if "今年" in p.text:
            yield from _not_yet(p, found)


# 上月底（5月31日）, 本月（7月）: a relative month with the month it stands for in brackets
_RELATIVE_MONTH = fast(r"(上个月|下个月|上月|本月|下月)(?:底|末|初|中旬|上旬|下旬)?[（(]"
                       r"(?:(?:19|20)\d{2}年)?(\d{1,2})月(?:\d{1,2}日)?[)）]")
_MONTH_OFFSET = {"上个月": -1, "上月": -1, "本月": 0, "下个月": 1, "下月": 1}


# 上周五（7月4日）: a day of a relative week with its date in brackets
_RELATIVE_WEEKDAY = fast(r"(上周|本周|这周|下周)(?:星期|礼拜)?([一二三四五六日天])[（(](\d{1,2})月(\d{1,2})日[)）]")
_WEEK_OFFSET = {"上周": -1, "本周": 0, "这周": 0, "下周": 1}
_WEEKDAY_CHARS = "一二三四五六日天"


# 昨日（7月17日）: a relative day with its date in brackets
_RELATIVE_DAY = fast(r"(昨日|昨天|今日|今天|明日|明天|前天|后天)[（(](\d{1,2})月(\d{1,2})日[)）]")
_DAY_OFFSET = {"昨日": -1, "昨天": -1, "今日": 0, "今天": 0, "明日": 1, "明天": 1, "前天": -2, "后天": 2}


def _relative_months(p, found) -> Iterator[Hit]:
    import datetime as _dt

    (y0, m0, d0), where = found
    for m in _RELATIVE_DAY.finditer(p.text):
        try:
            right = _dt.date(y0, m0, d0) + _dt.timedelta(days=_DAY_OFFSET[m.group(1)])
        except ValueError:
            continue
        if (int(m.group(2)), int(m.group(3))) != (right.month, right.day):
            yield Hit(p, m.start(), m.end(), None, {
                "problem": f"{where}为{y0}年{m0}月{d0}日，“{m.group(1)}”应是{right.month}月{right.day}日，"
                           f"括注的却是{m.group(2)}月{m.group(3)}日"})
    for m in _RELATIVE_WEEKDAY.finditer(p.text):
        try:
            signed = _dt.date(y0, m0, d0)
        except ValueError:
            break
        day = _WEEKDAY_CHARS.index(m.group(2)) % 7  # 日 and 天 are Sunday, the last day of the week
        right = signed + _dt.timedelta(days=7 * _WEEK_OFFSET[m.group(1)] + day - signed.weekday())
        if (int(m.group(3)), int(m.group(4))) != (right.month, right.day):
            yield Hit(p, m.start(), m.end(), None, {
                "problem": f"{where}为{y0}年{m0}月{d0}日（星期{_WEEKDAY_CHARS[signed.weekday()]}），"
                           f"“{m.group(1)}{m.group(2)}”应是{right.month}月{right.day}日，括注的却是{m.group(3)}月{m.group(4)}日"})
    for m in _RELATIVE_MONTH.finditer(p.text):
        right = (m0 - 1 + _MONTH_OFFSET[m.group(1)]) % 12 + 1
        written = int(m.group(2))
        if written != right:
            yield Hit(p, m.start(), m.end(), None, {
                "problem": f"{where}为{y0}年{m0}月，“{m.group(1)}”应是{right}月，括注的却是{written}月"})


# 今年以来，规模以上工业增加值增长9.1% in a speech of 9 January: the year has just begun, so the
# figures are last year's
_SINCE_NEW_YEAR = fast(r"今年以来")
_YEAR_FIGURE = fast(r"(?:增长|下降)[^。；，]{0,6}?\d+(?:\.\d+)?[%％]")  # a rate of growth: a year's statistics


def _year_just_begun(p, found) -> Iterator[Hit]:
    (y0, m0, d0), where = found
    for m in _SINCE_NEW_YEAR.finditer(p.text):
        stop = next_mark(p.text, m.end(), "。；！？")
        if _YEAR_FIGURE.search(p.text, m.end(), stop):
            yield Hit(p, m.start(), m.end(), "去年", {
                "problem": f"{where}为{y0}年{m0}月{d0}日，新的一年才开始几天，这里讲的数字应是{y0 - 1}年全年的，"
                           f"宜写“去年”或“{y0 - 1}年”"})


relative_year.FIELDS = frozenset({"text", "suggestion", "problem"})


# a period of this year reported as past: 今年1—11月 (the statistics of those months), 今年前10个月,
# 截至今年10月底, 已于今年10月 (something done then)
_PAST_PERIOD = fast(r"今年(?:1|一)月?[—–\-－~～至到](\d{1,2}|[一二三四五六七八九十]{1,3})月"
                    r"|今年前(\d{1,2}|[一二三四五六七八九十]{1,3})个?月"
                    r"|(?:截至|截止到?|已于|已在)今年(\d{1,2}|[一二三四五六七八九十]{1,3})月")


def _not_yet(p, found) -> Iterator[Hit]:
    """A period of this year that ends after the month of the 成文日期, given as past (今年1—11月，
    全市……增长7.2% in a draft of January): the draft speaks of last year's months."""
    (y0, m0, d0), where = found
    for m in _PAST_PERIOD.finditer(p.text):
        said = next(g for g in m.groups() if g)
        month = int(said) if said.isdigit() else cn_to_int(said)
        if month is None or not m0 < month <= 12:
            continue
        yield Hit(p, m.start(), m.end(), None, {
            "problem": f"{where}为{y0}年{m0}月{d0}日，今年{month}月还没有到，这里讲的多半是{y0 - 1}年的情况"})

