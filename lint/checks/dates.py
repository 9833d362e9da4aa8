"""Dates that cannot exist (2月30日, 13月, 2023年2月29日)."""

from __future__ import annotations

import calendar
import re
from typing import Iterator

from ..finding import Hit
from ..numbering import cn_to_int

_CN = "[〇零一二三四五六七八九十]"
# Arabic or Chinese numerals, optional year; not preceded by a digit (the 12 of 112月 is no month).
_DATE = re.compile(
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
