"""Events dated by a word relative to the draft's date (FC034): 今年7月召开的党的二十届三中全会 in a
draft of January 2025 (the plenum met in July 2024), 上月召开的二十届四中全会 in one of December
2025, 去年5月20日起施行的《……》 for a law in force this year, 去年4月30日……审议通过《……》 for one
adopted this year. The events are the meetings of reference/events.tsv and the in-force and
adoption dates of reference/law-dates.tsv."""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.fastregex import fast
from .dates import document_date
from .facts_common import Words, per_paragraph, source, table
from .facts_laws import PRC
from .facts_law_dates import law_versions

# 今年7月, 去年5月20日, 上月, 本月, 下个月: the relative word, then perhaps a month and a day
_RELATIVE = fast(r"(?P<rel>今年|去年|前年|上年|本月|上月|上个月|下月|下个月)(?:(?P<m>\d{1,2})月)?(?:(?P<d>\d{1,2})[日号])?")
_YEARS = {"今年": 0, "去年": -1, "上年": -1, "前年": -2}
_MONTHS = {"本月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1}
# what may stand between the date and the event: 召开的, 举行的, 起施行的; or, before a law's title,
# who adopted it (去年4月30日，十四届全国人大常委会审议通过《……法》)
_BETWEEN = fast(r"[^，。；！？\d]{0,8}?(?:召开|举行|闭幕|开幕|施行|实施|通过)的?"
                r"|[，,]?[^，。；！？《》\d]{0,20}?(?P<adopted>通过|公布|颁布|修订|修正)了?的?(?=《)")
NEAR = 16  # characters after the verb where the event's name may start
_NOT_THE_LAW = ("实施办法", "实施细则", "实施条例", "实施意见", "修正案", "草案")


@lru_cache(maxsize=4)
def _events(events_src, laws_src) -> tuple[Words, dict, dict]:
    """(the names to look for, {name: [dates]}, {law: [dates adopted]}): meetings, and laws by
    their titles in 《》 with the days they took effect, and the days they were adopted."""
    when: dict[str, list] = {}
    adopted: dict[str, list] = {}
    for r in table(events_src):
        day = _dt.date.fromisoformat(r["date"])
        for name in r["name"].split("|"):
            when.setdefault(name, []).append(day)
    for title, versions in law_versions(laws_src).items():
        names = [f"《{title}》"] + ([f"《{title[len(PRC):]}》"] if title.startswith(PRC) else [])
        for day, in_force in versions:
            for name in names:
                if in_force:
                    when.setdefault(name, []).append(in_force)
                if day:
                    adopted.setdefault(name, []).append(day)
    return Words(set(when) | set(adopted)), when, adopted


def _month(year: int, month: int, shift: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + shift
    return k // 12, k % 12 + 1


@per_paragraph
def event_date(doc, rule, options, p) -> Iterator[Hit]:
    text = p.text
    if not any(w in text for w in ("年", "月")):
        return
    found = document_date(doc)
    if not found:
        return  # relative to nothing the draft says
    (y0, m0, _), where = found
    words, in_force, adopted = _events(source(rule, options["list"]), source(rule, options["laws"]))
    if words.empty:
        return
    for m in _RELATIVE.finditer(text):
        verb = _BETWEEN.match(text, m.end())
        if verb is None:
            continue
        names = [(e + 1 - len(w), w) for e, w in words.auto.iter(text[verb.end():verb.end() + NEAR + 40])]
        names = [(s, w) for s, w in names if s <= NEAR]
        if not names:
            continue
        at, name = min(names, key=lambda t: (t[0], -len(t[1])))  # the first, and at one start the longest
        rel = m.group("rel")
        if rel in _YEARS:
            year, month = y0 + _YEARS[rel], int(m.group("m")) if m.group("m") else None
        else:
            year, month = _month(y0, m0, _MONTHS[rel])
        if text.startswith(_NOT_THE_LAW, verb.end() + at + len(name)):
            continue  # 审议通过《……法》实施办法: a local measure of the law, adopted on its own day
        days = (adopted if verb.group("adopted") else in_force).get(name)
        if not days:
            continue  # a meeting said to be adopted, a law's day of another kind than we know
        if any(d.year == year and (month is None or d.month == month) for d in days):
            continue
        # the occurrence meant: the one in the month written, else the latest before the draft
        meant = [d for d in days if month is not None and d.month == month] or [d for d in days if d.year <= y0]
        if not meant:
            continue
        d = max(meant)
        if d > _dt.date(y0, m0, 28) + _dt.timedelta(days=31):
            continue  # an event after the draft: a plan, not ours to date
        yield Hit(p, m.start(), verb.end() + at + len(name), None, {
            "event": name, "on": f"{d.year}年{d.month}月{d.day}日", "when": f"{where}{y0}年{m0}月"})


event_date.FIELDS = frozenset({"text", "event", "on", "when"})
event_date.OPTIONS = {
    "list": Param("str", default="events", doc="meetings and their dates"),
    "laws": Param("str", default="law-dates", doc="versions of laws and regulations with their dates"),
}
