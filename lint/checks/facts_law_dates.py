"""The dates a law is cited with (FC033): the day it took effect or was adopted (自2021年3月1日
起施行, 2025年4月30日……审议通过《……法》) and the year of the version cited (2014年修订的), against the
versions of reference/law-dates.tsv; and the versions themselves, which FC034 reads for the laws'
in-force and adoption days."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..cache import compile_regex
from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.fastregex import fast
from .facts_common import effective_date, parse_date, per_paragraph, sentence_at, source, table
from .facts_laws import _PAST, _TITLE, _VERSION, _laws

# 自2021年3月1日起施行 (the date the act took effect), and 2014年修订的 / （2014年修订） (the year
# of the version cited)
# (a day named from the 成文日期, 去年5月20日起施行, is FC034's: lint.checks.facts_events)
_ON = r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日"
_IN_FORCE = fast(_ON + r"(?:起)?(?:正式)?(?:施行|实施|生效)")
# 2025年4月30日，十四届全国人大常委会审议通过《……法》: the day a law was adopted or amended
_ADOPTED_ON = fast(_ON + r"[，,]?[^。；《》\d]{0,24}?(?:通过|公布|颁布|修订|修正|修改)(?:了|的)?(?=《)")
# 该法于2021年6月10日经……通过: the day of the law named before
_ADOPTED_THIS = fast(r"(?<=[法例]于)" + _ON + r"[^。；《》\d]{0,24}?(?:通过|公布|颁布)")
_AMENDED = fast(r"(?<!\d)(\d{4})年(?:第[一二三四五六七八九十]+次)?(?:修正|修订|修改)")
# the versions the list holds are complete up to this year (reference/law-dates.tsv: April 2025)
KNOWN_UNTIL = 2024


@lru_cache(maxsize=4)
def law_versions(path) -> dict[str, list[tuple]]:
    """title -> [(adopted, in force)] as dates (either may be None), from reference/law-dates.tsv
    (FC033, and FC034 for the laws' days); a row added by hand may give the in-force date
    of a version the built rows hold without one."""
    out: dict[str, list[tuple]] = {}
    for r in table(path):
        v, got = (parse_date(r["adopted"]), parse_date(r["in_force"])), out.setdefault(r["title"], [])
        same = next((i for i, w in enumerate(got) if v[0] and w[0] == v[0]), None)
        if same is None:
            got.append(v)
        elif not got[same][1]:
            got[same] = v
    return out


def _cited(text: str, start: int, end: int, titles: list) -> tuple | None:
    """The title of ``titles`` ((start, end, title)) that the date at ``start``..``end`` is
    written with: right before it (《……条例》自2020年1月1日起施行, a bracketed decree number
    between them) or right after it (自2021年3月1日起施行的《……法》; …审议通过《……法》)."""
    for t in titles:
        if t[1] <= start and _JOINS_BEFORE.fullmatch(_BRACKETED.sub("", text[t[1]:start])):
            return t
        if t[0] >= end and text[end:t[0]] in ("", "的"):
            return t
    # 贯彻《……法》，这部法律自2024年6月1日起施行; ……。该法于2021年6月10日……通过: the last title
    # before it, the law a 这部法律 right before the date stands for
    before = [t for t in titles if t[1] <= start]
    if before and _THIS_LAW.search(text, max(before[-1][1], start - 12), start):
        return before[-1]
    return None


_BRACKETED = compile_regex(r"（[^（）]{0,30}）")
# （2007年8月30日通过，2009年1月1日起施行）: a bracket after the title may give both days
_JOINS_BEFORE = compile_regex(r"（(?:[^（），]{0,24}[，,])?|，?(?:已|将|也)?(?:于|自|从)?")
_THIS_LAW = compile_regex(r"(?:这部|该|此)(?:法律|法规|条例|法)(?:已|将|也)?(?:于|自|从)?$")


@per_paragraph
def law_date(doc, rule, options, p) -> Iterator[Hit]:
    text = p.text
    if "《" not in text or "年" not in text:
        return
    laws = _laws(source(rule, options["laws"]))
    dates = law_versions(source(rule, options["list"]))
    titles = []
    for m in _TITLE.finditer(text):
        title = _VERSION.sub("", m.group(1).strip())
        full = title if title in dates else laws.short.get(title)
        titles.append((m.start(), m.end(), full if full in dates else None))
    if not any(t[2] for t in titles):
        return
    for pattern, which, what in ((_IN_FORCE, 1, "施行"), (_ADOPTED_ON, 0, "通过（公布）"), (_ADOPTED_THIS, 0, "通过（公布）")):
        for m in pattern.finditer(text):
            cited = _cited(text, m.start(), m.end(), titles)
            if not cited or not cited[2]:
                continue
            y, mo, d = (int(g) for g in m.groups())
            known = sorted({v[which] for v in dates[cited[2]] if v[which]})  # (通过 and 公布: two rows, one day)
            if any((f.year, f.month, f.day) == (y, mo, d) for f in known):
                continue
            same_day = [f for f in known if (f.month, f.day) == (mo, d)]
            if len(same_day) == 1:  # the year slipped; another version's date stands on another day
                f = same_day[0]
                yield Hit(p, m.start(), m.end(), text[m.start():m.end()].replace(f"{y}年", f"{f.year}年", 1),
                          {"law": text[cited[0]:cited[1]], "problem": f"{what}日期是{f.year}年{f.month}月{f.day}日"})
    for m in _AMENDED.finditer(text):
        cited = _cited(text, m.start(), m.end(), titles)
        if not cited or not cited[2]:
            continue
        y = int(m.group(1))
        versions = [(a, f) for a, f in dates[cited[2]] if a]
        if not versions:
            continue
        latest, in_force = max(versions, key=lambda v: v[0])
        if latest.year < y <= KNOWN_UNTIL:
            yield Hit(p, m.start(), m.end(), None,
                      {"law": text[cited[0]:cited[1]], "problem": f"最近一次修改（公布）是在{latest.year}年，{y}年没有修改"})
        elif y < latest.year and effective_date(doc) >= (in_force or latest) and not _PAST.search(text, *sentence_at(p, m.start())):
            # 《公司法》（2018年修正） in a draft of 2025: the text cited has been replaced
            yield Hit(p, m.start(), m.end(), None,
                      {"law": text[cited[0]:cited[1]],
                       "problem": f"现行文本是{latest.year}年修改（公布）的，{y}年的文本已被取代"})


law_date.FIELDS = frozenset({"text", "suggestion", "law", "problem"})
law_date.OPTIONS = {
    "list": Param("str", default="law-dates", doc="versions of laws and regulations with their dates"),
    "laws": Param("str", default="laws", doc="reference list of laws (their short titles)"),
}
