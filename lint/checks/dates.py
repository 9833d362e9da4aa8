"""Dates that cannot exist (2月30日, 13月, 2023年2月29日)."""

from __future__ import annotations

import calendar
from itertools import chain
from typing import Iterator

from ..model.finding import Hit
from ..text.chinese import after_mark, cn_to_int
from ..text.fastregex import fast

_CN = "[〇零一二三四五六七八九十]"
# Arabic or Chinese numerals, optional year; not preceded by a digit (the 12 of 112月 is no month).
_DATE = fast(
    rf"(?<![\d〇零一二三四五六七八九十])(?:(?P<y>\d{{4}}|{_CN}{{4}})年)?"
    rf"(?P<m>\d{{1,2}}|{_CN}{{1,3}})月(?P<d>\d{{1,2}}|{_CN}{{1,3}})(?P<suffix>日|号)")
_CN_YEAR = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _num(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in "〇零一二三四五六七八九" for c in s):
        return int(s.translate(_CN_YEAR))
    return cn_to_int(s)


def impossible_date(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        if "月" not in p.text:
            continue
        for m in _DATE.finditer(p.text):
            month, day = _num(m.group("m")), _num(m.group("d"))
            year = _num(m.group("y")) if m.group("y") else None
            if month is None or day is None:
                continue
            if not 1 <= month <= 12:
                problem = f"一年只有12个月，没有{month}月"
            elif day < 1:
                problem = "日期不能为0日"
            else:
                last = calendar.monthrange(year or 2000, month)[1]  # 2000 is a leap year
                if day <= last:
                    continue
                if month == 2 and day == 29 and year:
                    problem = f"{year}年不是闰年，2月只有28天"
                elif month == 2 and not year:
                    problem = "2月最多只有29天"
                else:
                    problem = f"{month}月只有{last}天"
            yield Hit(p, m.start(), m.end(), None, {"problem": problem})


impossible_date.FIELDS = frozenset({"text", "problem"})


# --- weekdays ------------------------------------------------------------------------------

_WEEKDAYS = "一二三四五六日天"
_WEEKDAY_NAMES = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
_DATED_WEEKDAY = fast(
    rf"(?P<date>(?<![\d〇零一二三四五六七八九十])(?:(?P<y>\d{{4}}|{_CN}{{4}})年)?"
    rf"(?P<m>\d{{1,2}}|{_CN}{{1,3}})月(?P<d>\d{{1,2}}|{_CN}{{1,3}})[日号])"
    rf"\s*[（(]?\s*[,，]?\s*(?P<wd>(?:星期|礼拜|周)[{_WEEKDAYS}])\s*[）)]?")
# the weekday first and its date in brackets: 下周三（9月17日）, 星期五（2025年9月26日）
_WEEKDAY_DATED = fast(
    rf"(?P<wd>(?:星期|礼拜|周)[{_WEEKDAYS}])[（(](?P<date>(?:(?P<y>\d{{4}}|{_CN}{{4}})年)?"
    rf"(?P<m>\d{{1,2}}|{_CN}{{1,3}})月(?P<d>\d{{1,2}}|{_CN}{{1,3}})[日号])[）)]")


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return calendar.weekday(year, month, day)
    except ValueError:
        return None  # an impossible date: FC002 reports it


_YEAR = fast(r"(?<!\d)((?:19|20)\d{2})年")


def years_in(text: str) -> list[int]:
    """The years written out in ``text`` (2025年), in order."""
    return [int(y) for y in _YEAR.findall(text)]


def weekday_mismatch(doc, rule, options) -> Iterator[Hit]:
    signed = None  # the document's date, looked up only for a date written without its year
    for p in doc.iter(rule.scope):
        if "月" not in p.text:
            continue
        for m in chain(_DATED_WEEKDAY.finditer(p.text), _WEEKDAY_DATED.finditer(p.text)):
            month, day = _num(m.group("m")), _num(m.group("d"))
            if None in (month, day):
                continue
            wd = m.group("wd")
            written = _WEEKDAYS.index(wd[-1])
            written = 6 if written == 7 else written  # 天 = 日
            if m.group("y"):
                year = _num(m.group("y"))
                if year is None:
                    continue
                date_text = m.group("date")
            elif (full := _year_before(p.text, m.start())) is not None:
                # 于2025年4月30日（星期三）前……，11月28日（星期四）前: the year of the full date
                # before it in its sentence (the next year when the month runs back by half a year)
                y0, m0 = full
                year = y0 + (1 if m0 - month > 6 else 0)
                date_text = f"{m.group('date')}（按本句前文推算为{year}年）"
            else:
                # 3月5日（星期二） without a year: the year that puts the date nearest to the
                # 成文日期 (a notice signed in December may fix a meeting in January).
                signed = signed or document_date(doc) or False
                if not signed:
                    continue
                (y0, m0, _), where = signed
                year = y0 + (1 if m0 - month > 6 else -1 if month - m0 > 6 else 0)
                reviewed = _reviewed_year(doc)
                if reviewed and reviewed in (y0, y0 - 1):
                    # 2025年工作总结 signed in December or January: its days are of 2025
                    year, where = reviewed, "标题所总结的年份"
                date_text = f"{m.group('date')}（按{where}推算为{year}年）"
                # a year the paragraph names before the date may be the one meant (（2026年11月—12月）
                # ……12月18日（星期五） in a plan signed in March): right for it is right
                named = set(years_in(p.text[:m.start()]))
                if any(_weekday(y, month, day) == written for y in named - {year}):
                    continue
            actual = _weekday(year, month, day)
            if actual is None or written == actual:
                continue
            right = wd[:-1] + _WEEKDAY_NAMES[actual][-1]
            start, end = m.span("wd")
            yield Hit(p, start, end, right, {"date": date_text, "actual": _WEEKDAY_NAMES[actual]})


weekday_mismatch.FIELDS = frozenset({"text", "suggestion", "date", "actual"})


_REVIEW_TITLE = fast(r"((?:19|20)\d{2})年(?:度)?[^，。；]{0,24}?(?:总结|述职报告|工作情况的?报告)")


def _reviewed_year(doc) -> int | None:
    """The year a summary's title reviews (……2025年工作总结, 2025年度述职报告), or None."""
    title = doc.title
    m = _REVIEW_TITLE.search(title.text) if title is not None else None
    return int(m.group(1)) if m else None


def _year_before(text: str, pos: int) -> tuple[int, int] | None:
    """(year, month) of the last full date (2025年4月30日) before ``pos`` in its sentence."""
    last = None
    for f in _FULL_DATE.finditer(text, after_mark(text, pos, "。！？；"), pos):
        last = (int(f.group(1)), int(f.group(2)))
    return last


# --- relative dates ------------------------------------------------------------------------

# (word, years from the date of writing or None, what to write)
_RELATIVE = {
    "今年": 0, "明年": 1, "去年": -1, "前年": -2, "后年": 2,
    "今天": None, "明天": None, "昨天": None, "后天": None, "前天": None, "今日": None, "明日": None,
    "昨日": None, "本周": None, "上周": None, "下周": None, "本月": None, "上月": None, "下月": None,
    "上个月": None, "下个月": None,
}
_RELATIVE_RX = fast("|".join(sorted(_RELATIVE, key=len, reverse=True)))
# 明日之星, 今日头条, 本月度 are names or compounds, not dates.
_RELATIVE_NOT_AFTER = fast(r"之星|头条|度|份额")
_FULL_DATE = fast(r"(?<!\d)((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
# the relative date followed by the date it stands for, in brackets: 去年（2025年）, 下周五（5月30日）
_SPELLED_OUT = fast(r"(?:[一二三四五六日天]|星期[一二三四五六日天])?[（(](?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?"
                    r"|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号])[）)]")
# A report delivered at a meeting (——2024年3月5日在……会议上) is a speech: it may say 今年.
_DELIVERED = fast(r"^[—\-]{1,2}.*在.{2,40}(?:会议|大会|会)上")


def delivered_at_meeting(doc) -> bool:
    return any(_DELIVERED.search(p.text.strip()) for p in doc.iter(("title",)))


# A paragraph that is only a full date is a date line: the 成文日期 under a signature, written in
# Arabic numerals or, before 2012, in Chinese ones (二○○九年六月十五日, with ○ for 〇 as often).
_YEAR_CN = "〇零○Ｏ一二三四五六七八九"
_DATE_LINE = fast(
    rf"^[ \u3000]*(\d{{4}}|[{_YEAR_CN}]{{4}})年(\d{{1,2}}|{_CN}{{1,3}})月(\d{{1,2}}|{_CN}{{1,3}})日[ \u3000]*$")
_YEAR_TO_ARABIC = str.maketrans(_YEAR_CN, "0000123456789")


def _date_line(text: str) -> tuple[int, int, int] | None:
    m = _DATE_LINE.match(text)
    if not m:
        return None
    month, day = _num(m.group(2)), _num(m.group(3))
    if month is None or day is None:
        return None
    return int(m.group(1).translate(_YEAR_TO_ARABIC)), month, day


def _document_date(doc) -> tuple[int, int, int] | None:
    """The 成文日期 (year, month, day): the last full date in the last few paragraphs; else the
    last date line of the draft (a notice that prints a 办法 after its own signature and date)."""
    paragraphs = list(doc.iter(("body", "title")))
    for p in reversed(paragraphs[-4:]):
        line = _date_line(p.text)
        if line:
            return line
        found = _FULL_DATE.findall(p.text)
        if found:
            return tuple(int(x) for x in found[-1])
    for p in reversed(paragraphs[:-4]):
        line = _date_line(p.text)
        if line:
            return line
    for p in paragraphs[:6]:  # a 纪要's header: 城固县人民政府办公室　2025年9月15日
        m = _HEADER_DATE.match(p.text)
        if m:
            return int(m.group(1)), int(m.group(2)), int(m.group(3))
    return None


# the issuing body and the date on one line at the head of a 纪要 (or a 简报)
_HEADER_DATE = fast(r"^[ \u3000]*[\u4e00-\u9fff（）]{2,40}?(?:办公室|办公厅|政府|委员会|党委|党组|委|局|厅|部|处|室|中心)"
                    r"[ \u3000]+((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日[ \u3000]*$")


# the date under a speech's title: ——2024年3月5日在……, or a line of its own: （2024年3月5日）
_SUBTITLE_DATE = fast(r"^(?:[—\-]{1,2}\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日"
                      r"|[（(]((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日[）)]$)")


def document_date(doc) -> tuple[tuple[int, int, int], str] | None:
    """The date the draft speaks from and where it was found: the 成文日期 (the last full date
    in the last paragraphs), else the date under the title of a speech (——2024年3月5日在……).
    None when the draft carries neither."""
    cached = doc.meta.get("_facts_date", False)
    if cached is not False:
        return cached
    found = None
    signed = _document_date(doc)
    if signed:
        found = (signed, "成文日期")
    else:
        for p in [p for p in doc.paragraphs if p.text.strip()][:5]:
            m = _SUBTITLE_DATE.search(p.text.strip())
            if m:
                found = (tuple(int(x) for x in m.groups() if x is not None), "标题下的日期")
                break
    doc.meta["_facts_date"] = found
    return found


def _document_year(doc) -> int | None:
    date = _document_date(doc)
    return date[0] if date else None


_DATE_BEFORE_BRACKET = fast(r"(?:\d{1,2}月\d{1,2}[日号]|(?:19|20)\d{2}年(?:\d{1,2}月)?)[（(]$")


def relative_date(doc, rule, options) -> Iterator[Hit]:
    if delivered_at_meeting(doc):
        return
    year = _document_year(doc)
    for p in doc.iter(rule.scope):
        for m in _RELATIVE_RX.finditer(p.text):
            if _RELATIVE_NOT_AFTER.match(p.text, m.end()):
                continue
            word = m.group()
            offset = _RELATIVE[word]
            if offset is not None and year is not None and f"{year + offset}年" in p.text[:m.start()]:
                continue  # 2016年是……开局之年。今年……: the year is named just before
            if _SPELLED_OUT.match(p.text, m.end()):
                continue  # 去年（2025年）, 下周五（5月30日）: the date is written out (FC024, FC006 check it)
            if _DATE_BEFORE_BRACKET.search(p.text, max(0, m.start() - 12), m.start()):
                continue  # 3月13日（上周五）: the relative word only glosses the date before it
            if offset is not None and year is not None:
                write = f"写明年份（按成文日期应为“{year + offset}年”）"
                suggestion = f"{year + offset}年"
            elif offset is not None:
                write = "写明具体年份（如“2025年”）"
                suggestion = None
            else:
                write = "写明具体日期（如“5月20日”）"
                suggestion = None
            yield Hit(p, m.start(), m.end(), suggestion, {"write": write})


relative_date.FIELDS = frozenset({"text", "suggestion", "write"})
