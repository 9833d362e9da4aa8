"""Anniversaries counted wrong (FC036): 今年是人民政协成立75周年 in a draft of 2025 (the CPPCC was
founded in 1949: 76), 出台实施十周年 of a 国发〔2012〕21号 in 2025 (13).

An anniversary is counted from the year of its event: an event of reference/anniversaries.tsv
named right before it (新中国成立, 红军长征胜利), or a document whose number gives its year
(〔2012〕) that the sentence says was issued (印发, 出台, 实施) before the count. The year the count
is for is the last year named before it in its paragraph (2024年是……, 今年, 去年, 到2029年), or
the year of the 成文日期 when none is; a draft without a date names none. A count is read only
where its sentence names a year before it or says it is now (也是, 恰逢, 迎来): 隆重庆祝新中国成立
70周年 in a review of five years is a celebration of some year.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.chinese import after_mark, cn_to_int
from .dates import document_date
from .facts_common import per_paragraph, source, table

_COUNT = r"(\d{1,3}|[一二三四五六七八九十百]{1,4})周年"
# the year a count is for: 2024年, 今年, 去年, 明年 (not 2024年4月13日's month and day)
_YEAR_WORD = re.compile(r"(?<!\d)((?:19|20)\d{2})年|(今年|去年|明年|前年)")
_SHIFT = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}
# the count said to be of the time the sentence speaks of: (今年)也是……, 恰逢……, 迎来……
_NOW = re.compile(r"(?:是|恰逢|正值|迎来|逢)$")
_CELEBRATED = re.compile(r"庆祝|纪念")
# 《……意见》（国发〔2012〕21号）出台实施十周年: a document's number, then what was done with it
_ISSUED = re.compile(r"〔((?:19|20)\d{2})〕\d+号[）)]?[^。；〔]{0,12}?(?:印发|出台|颁布|发布|实施|施行)(?:实施)?" + _COUNT)


@lru_cache(maxsize=4)
def _events(src) -> tuple[re.Pattern, dict[str, int]]:
    """A pattern of the events of the list, each right before its count, and their years."""
    years = {}
    for r in table(src):
        for name in r["name"].split("|"):
            years[name] = int(r["year"])
    names = "|".join(re.escape(n) for n in sorted(years, key=len, reverse=True))
    return re.compile(rf"({names})(?:了)?" + _COUNT), years


@per_paragraph
def anniversary(doc, rule, options, p) -> Iterator[Hit]:
    text = p.text
    if "周年" not in text:
        return
    dated = document_date(doc)
    pattern, years = _events(source(rule, options["list"]))
    found = [(m.start(), m.end(), m.group(1), years[m.group(1)], m.group(2)) for m in pattern.finditer(text)]
    for m in _ISSUED.finditer(text):  # 〔2012〕21号）出台实施十周年: the count after the number
        number_end = text.index("号", m.start()) + 1
        start = number_end + (text[number_end:number_end + 1] in ("）", ")"))
        found.append((start, m.end(), text[m.start():number_end] + "文件", int(m.group(1)), m.group(2)))
    for start, end, event, base, said in found:
        n = int(said) if said.isdigit() else cn_to_int(said)
        s0 = after_mark(text, start, "。；！？")
        if not (_YEAR_WORD.search(text, s0, start) or _NOW.search(text[max(s0, start - 4):start])) \
                or _CELEBRATED.search(text, max(s0, start - 6), start):
            continue  # 隆重庆祝中国共产党成立95周年, 在庆祝……30周年大会上: a celebration of some year, not now
        year = _year_of(text, start, base, dated)
        if n is None or year is None or year - base == n:
            continue
        yield Hit(p, start, end, None, {
            "event": event, "base": str(base), "year": str(year), "right": str(year - base), "said": said})


def _year_of(text: str, pos: int, base: int, dated) -> int | None:
    """The year the count at ``pos`` is for: the last year word before it in the paragraph (not
    the event's own year), else the year of the 成文日期."""
    year = None
    for m in _YEAR_WORD.finditer(text, 0, pos):
        if m.group(1):
            if int(m.group(1)) > base:
                year = int(m.group(1))
        elif dated:
            year = dated[0][0] + _SHIFT[m.group(2)]
    if year is None and dated:
        year = dated[0][0]
    return year


anniversary.FIELDS = frozenset({"text", "event", "base", "year", "right", "said"})
anniversary.OPTIONS = {"list": Param("str", default="anniversaries", doc="events and their years")}
