"""Dates that must agree with the document's own date (FC023, FC027): the year in the title and
the body, and the years of a five-year plan (a relative date against the 成文日期, FC024, is
lint.checks.facts_relative's).
"""

from __future__ import annotations

import os
from itertools import chain
from typing import Iterator

from ..model.finding import Hit
from ..text.chinese import CN_ORDINAL, HAN_BASIC, after_mark, next_mark
from ..text.fastregex import fast
from .facts_common import document_date
from .facts_relative import YEAR_OFFSET
from ..cache import compile_regex

_TITLE_YEAR = fast(r"(?<!\d)((?:19|20)\d{2})年(?:度)?")
# what the title announces: a look back (总结, 情况报告) or a plan ahead (计划, 要点, 安排)
_BACK = fast(r"总结|工作情况|情况的报告|述职|执行情况|完成情况|工作报告")
_AHEAD = fast(r"计划|要点|安排|方案|预算")


# the marker of a first- or second-level heading (一、, （一）) before a heading's or paragraph's year
_MARK = rf"(?:{CN_ORDINAL}+、|（{CN_ORDINAL}+）)"
_FRAMING = fast(rf"^{_MARK}?((?:19|20)\d{{2}})年(?:，|以来|是|全年|上半年|下半年|度|我|全县|全市|全区|全省|全镇|\d{{1,2}}月\d{{1,2}}日(?=\S))")


def _several_years(title) -> bool:
    """The title names more than one year (2016年……总结和2017年……要点)."""
    return len(set(_TITLE_YEAR.findall(title.text))) > 1


def _looks_back(title, m) -> bool:
    """A title of one year's review (2025年工作总结); ``m``: its year."""
    return m is not None and not _several_years(title) and bool(_BACK.search(title.text, m.end()))


def _body_year(body, title, m, year: int):
    """The first year that frames a body paragraph (2024年，…  2024年以来…), if the title's
    year appears nowhere in the body."""
    if any(str(year) + "年" in p.text for p in body):
        return _opening_year(body, title, m, year)
    for p in body:
        m = _FRAMING.match(p.text.strip())
        if m:
            offset = len(p.text) - len(p.text.lstrip())
            return p, m.start(1) + offset, m.end(1) + offset + 1, int(m.group(1)), f"正文中没有出现{year}年"
    return None


def _opening_year(body, title, m, year: int):
    """A review of one year (绵阳市农业农村局2025年工作总结) whose opening sentence frames another
    (2024年，在市委……): last year's opening left in, though the body speaks of the title's year
    elsewhere."""
    if not _looks_back(title, m):
        return None
    opening = next((p for p in body if p.text.strip() and p.scope == "body"), None)
    if opening is None:
        return None
    framed = _FRAMING.match(opening.text.strip())
    if not framed or int(framed.group(1)) == year or "以来" in framed.group():
        return None
    offset = len(opening.text) - len(opening.text.lstrip())
    return (opening, framed.start(1) + offset, framed.end(1) + offset + 1, int(framed.group(1)),
            "回顾这一年工作的文稿，开头一句却是另一年，多半是沿用了旧稿")


_PLANS_HEADING = fast(rf"^\s*{_MARK}\s*((?:19|20)\d{{2}})年(?:度)?(?:下半年)?(?:工作)?"
                      r"(?:打算|计划|思路|安排|重点|要点|目标任务)")


_REVIEW_HEADING = fast(rf"^\s*{_MARK}\s*((?:19|20)\d{{2}})年(?:度)?"
                       rf"(?:主要)?工作(?:回顾|总结|情况)|^\s*{_MARK}"
                       rf"\s*((?:19|20)\d{{2}})年(?:度)?主要工作")


_AIMS_HEADING = fast(rf"^\s*{_MARK}\s*((?:19|20)\d{{2}})年(?:度)?(?:工作)?"
                     r"(?:主要)?(?:目标|任务|重点|要点)")


def _aims_heading(body, title, m, year: int):
    """A plan for one year (英山县教育局2026年工作要点) whose heading for the aims names another
    year (二、2025年主要目标)."""
    if _several_years(title) or not _AHEAD.search(title.text, m.end()) or _BACK.search(title.text, m.end()):
        return None
    for p in body:
        if len(p.text) > 40:
            continue
        h = _AIMS_HEADING.match(p.text)
        if h and int(h.group(1)) != year:
            return Hit(p, h.start(1), h.end(1) + 1, None, {
                "year": f"标题写的是{year}年", "signed": f"这里的目标却写{h.group(1)}年",
                "what": f"部署{year}年工作的文稿，目标任务应是{year}年的"})
    return None


_REVIEW_YEAR_HEADING = fast(rf"^\s*{_MARK}[^0-9。]{{0,8}}?((?:19|20)\d{{2}})年"
                            r"[^。]{0,16}?(?:工作回顾|工作成效|主要工作|工作总结)")


def _review_heading(body):
    """A review heading that names one year (一、2024年全市优化营商环境工作回顾) above a first
    sentence that frames another (2025年，全市上下……): the heading kept last year's number."""
    for p, following in zip(body, body[1:]):
        if len(p.text) > 40:
            continue
        h = _REVIEW_YEAR_HEADING.match(p.text)
        if not h:
            continue
        framed = _FRAMING.match(following.text.strip())
        if framed and int(framed.group(1)) != int(h.group(1)) and "以来" not in framed.group():
            return Hit(p, h.start(1), h.end(1) + 1, None, {
                "year": f"小标题写的是{h.group(1)}年", "signed": f"下面一段开头却是{framed.group(1)}年",
                "what": "回顾的是哪一年，小标题和正文应当一致"})
    return None


def _plans_heading(body, title, m, year: int | None):
    """A review of one year (2025年度述职述廉报告, 2025年工作总结, or a report whose heading reads
    一、2025年主要工作回顾) whose heading for the plans ahead names that same year
    (六、2025年工作打算): the plans are for the next one."""
    headings = [p for p in body if len(p.text) <= 40]
    if not _looks_back(title, m):
        reviewed = {int(r.group(1) or r.group(2)) for p in headings for r in [_REVIEW_HEADING.match(p.text)] if r}
        if len(reviewed) != 1:
            return None
        year = reviewed.pop()
    lead = f"标题写的是{year}年" if m is not None and _BACK.search(title.text, m.end()) else f"正文回顾的是{year}年"
    half = "上半年" in title.text  # 2025年上半年工作总结: the plans are for the second half of 2025
    ahead = year if half else year + 1
    for p in headings:
        h = _PLANS_HEADING.match(p.text)
        if h and int(h.group(1)) != ahead and ("下半年" in h.group()) == half:
            written = int(h.group(1))
            return Hit(p, h.start(1), h.end(1) + 1, None, {
                "year": lead, "signed": f"这里的打算却写{written}年",
                "what": f"回顾{year}年{'上半年' if half else ''}工作的文稿，下一步的打算应是{ahead}年{'下半年' if half else ''}的"})
    return None


def title_year(doc, rule, options) -> Iterator[Hit]:
    title = doc.title
    if title is None:
        return
    body = [p for p in doc.iter(("heading", "body")) if p is not title]
    period = _period_mismatch(title, body)
    if period:
        yield period
        return
    m = _TITLE_YEAR.search(title.text)
    if not m:
        plans = _review_heading(body) or _plans_heading(body, title, None, None)
        if plans:
            yield plans
        return
    year = int(m.group(1))
    framed = _body_year(body, title, m, year)
    if framed and framed[3] != year:
        p, start, end, other, what = framed
        yield Hit(p, start, end, None, {"year": f"标题写的是{year}年", "signed": f"正文写的是{other}年", "what": what})
        return
    plans = _review_heading(body) or _plans_heading(body, title, m, year) or _aims_heading(body, title, m, year)
    if plans:
        yield plans
        return
    later = _subject_year(body, title, m, year) or _same_name_year(body, title, m, year)
    if later:
        yield later
        return
    found = document_date(doc)
    if not found or found[1] != "成文日期":
        return
    signed = found[0][0]
    text = title.text
    if "统计公报" in text:  # a year's statistics are published in the next year
        allowed, what = (year + 1,), "统计公报发布的是上一年的数据，成文日期应在次年"
    elif _BACK.search(text, m.end()) and not _AHEAD.search(text, m.end()):
        allowed, what = (year, year + 1), "回顾这一年工作的文稿，成文日期应在当年或次年"
    elif _AHEAD.search(text, m.end()) and not _BACK.search(text, m.end()):
        allowed, what = (year - 1, year), "部署这一年工作的文稿，成文日期应在上一年或当年"
    else:
        return
    if signed in allowed:
        return
    yield Hit(title, m.start(), m.end(), None, {"year": f"标题写的是{year}年", "signed": f"成文日期却在{signed}年",
                                                "what": what})


title_year.FIELDS = frozenset({"text", "year", "signed", "what"})

# a plan's period in its title, （2026—2028年）, and where the body states it: 实施期限为2025—2027年
_PERIOD = r"((?:19|20)\d{2})(?:年)?[—–\-－~～至到]((?:19|20)\d{2})年"
_TITLE_PERIOD = fast(rf"[（(]{_PERIOD}[）)]")
_BODY_PERIOD = fast(rf"(?:实施|规划|执行|行动|方案)(?:期限|期)(?:为|是|：|:)?{_PERIOD}")


def _period_mismatch(title, body) -> Hit | None:
    """A plan whose title gives its period (……实施方案（2026—2028年）) and whose body states
    another one as its own (本方案实施期限为2025—2027年)."""
    t = _TITLE_PERIOD.search(title.text)
    if not t:
        return None
    for p in body:
        b = _BODY_PERIOD.search(p.text) if "期" in p.text else None
        if b and b.group(1, 2) != t.group(1, 2):
            return Hit(p, b.start(1), b.end(), None, {
                "year": f"标题写的是{t.group(1)}—{t.group(2)}年", "signed": f"正文写的是{b.group(1)}—{b.group(2)}年",
                "what": "方案的实施期限应与标题一致"})
    return None

_HAN4 = fast(r"[\u4e00-\u9fff]{4}")
_AHEAD_WORDS = fast(r"将|拟|计划|预计|明年|下一年|下年度|提前|谋划|储备|申报")


_DOC_NAME = compile_regex(r"[\u4e00-\u9fff]{2,30}?(?:实施方案|工作方案|方案|工作要点|要点|工作计划|计划|规划|实施意见|意见|"
                 r"办法|实施细则|细则|工作总结|总结|工作报告|报告|安排)")
_WHOLE_AREA = compile_regex(r"全市|全县|全区|全省|全镇|全乡|我市|我县|我区|我省")
# the sentence speaks of this very document: it is made, issued, sent for approval or answered
_THIS_ONE = fast(r"现制定|现印发|特制定|制定本|印发给你们|如下|收悉|报请|审批|予以批准|同意")
_OTHER_ONE = fast(r"基础上|对照|比较|相比|延续|去年|上年|上一年|总结")
# a sentence that says this very document is made (制定本方案, 现将……如下)
_MADE_HERE = fast(r"制定本|特制定|现制定|现将.{0,30}如下")


_HAN8 = fast(f"[{HAN_BASIC}]{{8}}")


def _same_name_year(body, title, m, year: int):
    """The title's year-named thing (全省2025年生态环境保护工作会议) written in the body, word for
    word for eight characters, only with another year (召开全省2026年生态环境保护工作会议)."""
    key = _HAN8.match(title.text, m.end())
    if not key:
        return None
    key = key.group()
    if _several_years(title):
        return None
    others = []
    for p in body:
        k = p.text.find(key)
        while k != -1:
            y = _YEAR_BEFORE.search(p.text, max(0, k - 6), k)
            if y and y.end() == k:
                if int(y.group(1)) == year:
                    return None  # the body names it with the title's year too
                others.append((p, y))
            k = p.text.find(key, k + 1)
    if not others:
        return None
    p, y = others[0]
    return Hit(p, y.start(), y.end(), None, {"year": f"标题写的是{year}年", "signed": f"正文写的是“{y.group()}{key}”",
                                             "what": f"正文中的“{key}”没有一处是{year}年"})


_YEAR_BEFORE = fast(r"((?:19|20)\d{2})年度?")


def _subject_year(body, title, m, year: int):
    """A year in the body that contradicts the title's: the document the title names by its year
    (2026年优化营商环境工作要点) named with another in a sentence about this document (现制定2025年
    全市优化营商环境工作要点如下; 《关于审批〈2025年……实施方案〉的请示》收悉); or the title's
    subject (2026年高标准农田建设…), which the body gives that year too, once with a later year
    where nothing speaks of the future or of a span of years (下达的2027年高标准农田建设任务)."""
    if _several_years(title):
        return None  # the title names two years (2016年……总结和2017年……要点)
    rest = title.text[m.end():]
    area = _WHOLE_AREA.match(rest)
    named = _DOC_NAME.match(rest, area.end() if area else 0)  # (全县)农业农村工作要点
    subject = _HAN4.match(rest)
    if not subject:
        return None
    key = subject.group()
    given = any(f"{year}年{key}" in p.text or f"{year}年度{key}" in p.text for p in body)
    for p in body:
        text = p.text
        for y in _TITLE_YEAR.finditer(text):
            other = int(y.group(1))
            if other == year or text[y.start() - 1:y.start()] in ("至", "到", "—", "-", "～"):
                continue
            area = _WHOLE_AREA.match(text, y.end())
            after = area.end() if area else y.end()
            sentence = text[after_mark(text, y.start(), "。；！？"):next_mark(text, y.end(), "。；！？")]
            if named and text.startswith(named.group(), after) or text.startswith(key, after) and _MADE_HERE.search(sentence):
                # 现将2024年上半年工作总结如下 (the 总结 of the name is no earlier document);
                # 为扎实推进2026年全市农村人居环境整治提升，制定本方案
                shown = named.group() if named and text.startswith(named.group(), after) \
                    else os.path.commonprefix([rest, text[after:]])
                if not _THIS_ONE.search(sentence) or _OTHER_ONE.search(sentence.replace(shown, "", 1)):
                    continue
            elif given and other > year and text.startswith(key, after):
                clause = text[after_mark(text, y.start(), "。；，！？"):next_mark(text, y.end(), "。；，！？")]
                if _AHEAD_WORDS.search(clause):
                    continue
                shown = os.path.commonprefix([rest, text[y.end():]])
            else:
                continue
            return Hit(p, y.start(), y.end(), None, {"year": f"标题写的是{year}年", "signed": f"正文此处写的是{other}年{shown}",
                                                     "what": f"标题和正文别处写的是{year}年{shown}"
                                                     if given else "两处说的是同一事项"})
    return None


# --- the years of a five-year plan (FC027) ----------------------------------------------------

# 十一五 … 十九五: from the third plan (1966—1970) on, the n-th plan runs five years from
# 1951 + 5n (十四五 2021—2025, 十五五 2026—2030).
_PLAN_YEAR = fast(r"(今年|本年|明年|去年|((?:19|20)\d{2})年)[，,]?(?:既|也|将|正)?(?:是|为)"
                  r"[^。；，！？]{0,10}?“?(十[一二三四五六七八九]五)”?(?:规划|时期)?(?:的)?"
                  r"(开局之年|起步之年|第一年|收官之年|最后一年|决胜之年)")
# the year right before the plan's start or close: 为明年“十五五”开局打下基础, 确保今年“十四五”圆满收官
_PLAN_EVENT = fast(r"(今年|本年|明年|去年|((?:19|20)\d{2})年)“?(十[一二三四五六七八九]五)”?(?:规划)?(?:的)?"
                   r"(?:圆满|顺利|胜利)?(开局|起步|开好局|起好步|收官|收好官)")
_FIRST = ("开局之年", "起步之年", "第一年", "开局", "起步", "开好局", "起好步")


def plan_year(doc, rule, options) -> Iterator[Hit]:
    """今年是“十五五”规划开局之年: the year a relative word names (by the 成文日期) or the year
    written must be the plan's first (开局、起步) or last (收官、决胜) year."""
    from ..text.chinese import cn_to_int

    found = document_date(doc)
    for p in doc.iter(rule.scope):
        if "五" not in p.text:
            continue
        for m in chain(_PLAN_YEAR.finditer(p.text), _PLAN_EVENT.finditer(p.text)):
            n = cn_to_int(m.group(3)[:-1])
            if n is None:
                continue
            start = 1951 + 5 * n
            which = m.group(4)
            right = start if which in _FIRST else start + 4
            if m.group(2):
                year, said = int(m.group(2)), ""
            else:
                if not found:
                    continue  # a relative year needs the document's date
                word = m.group(1)
                year = found[0][0] + YEAR_OFFSET[word]
                said = f"按{found[1]}（{found[0][0]}年），“{word}”是{year}年，"
            if year == right:
                continue
            yield Hit(p, m.start(), m.end(), None, {
                "plan": f"“{m.group(3)}”规划（{start}—{start + 4}年）", "which": which,
                "right": f"{right}年", "said": said or f"文中写的是{year}年，"})


plan_year.FIELDS = frozenset({"text", "plan", "which", "right", "said"})
