"""Number and date checks (GB/T 15835-2011, GB/T 9704-2012 7.2.5 and 7.3.5.4).

Every function is ``fn(doc, rule, options) -> Iterator[Hit]``.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model.finding import Hit
from ..text.chinese import CN_DIGITS
from ..text.chinese import HAN_BASIC
from ..text.fastregex import fast
from ..cache import compile_regex

# --- NM001 概数 with a 顿号 (三、四天) -------------------------------------------------------------

_APPROX = fast(
    r"(?<![第〇零一二三四五六七八九百千两])([一二三四五六七八九])、([一二三四五六七八九])"
    r"(?=十|百|千|万|个|天|年(?![级度代])|人|名|岁|次|位|家|件|条|项|倍|周|小时|分钟|公里|里|米|斤|元|所|座|辆|台|户|遍|成|亩)")


_APPROX_NEEDS = compile_regex("、[一二三四五六七八九]")  # in every match of _APPROX (lint.text.gates)


def approximate_with_dunhao(doc, rule, options) -> Iterator[Hit]:

    where = doc.paragraph_index.matching(_APPROX_NEEDS)
    for p in doc.iter(rule.scope):
        if p.index not in where:
            continue
        text = p.text
        for m in _APPROX.finditer(text):
            a, b = CN_DIGITS[m.group(1)], CN_DIGITS[m.group(2)]
            if b != a + 1:
                continue  # 一、三 is a list, not an approximate number
            if p.marker is not None and m.start() == p.marker.start:
                continue  # 一、二十年来的成就: a heading marker
            j = m.start() - 1
            while j >= 0 and text[j] in "〇零一二三四五六七八九十":
                j -= 1
            if j >= 0 and text[j] == "第":
                continue  # 第十三、四章: a list of ordinals; 四十五、六岁 stays
            yield Hit(p, m.start(), m.end(), m.group(1) + m.group(2), {})


approximate_with_dunhao.FIELDS = frozenset({"text", "suggestion"})


# --- NM002 Arabic digits mixed with 十百千 (4千, 1百零8) ----------------------------------------------

_MIXED = fast(
    r"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)([十百千])(零?\d+)?"
    r"(?![米克瓦伏帕赫卡焦兆字位分])")
_MIXED_CN = fast(r"[一二三四五六七八九][百千]零?\d+")
_MULT = {"十": 10, "百": 100, "千": 1000}


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def mixed_numerals(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        if not any(c in text for c in "十百千"):
            continue
        for m in _MIXED.finditer(text):
            num, unit, rest = m.group(1), m.group(2), m.group(3)
            if unit == "百" and text[m.end(2):m.end(2) + 1] == "分":
                continue
            if m.start() and text[m.start() - 1] in "万亿":
                continue  # 1万6千多户: the compound official reports use for a rough large number
            value = float(num) * _MULT[unit]
            if rest:
                value += int(rest.lstrip("零"))
            sugg = _fmt(value) if value < 10_000 else None
            yield Hit(p, m.start(), m.end(), sugg, {"hint": f"，应写作“{sugg}”" if sugg else ""})
        for m in _MIXED_CN.finditer(text):
            yield Hit(p, m.start(), m.end(), None, {"hint": ""})


mixed_numerals.FIELDS = frozenset({"text", "suggestion", "hint"})


# --- NM010 one form for dates in a document (and Arabic 成文日期) ---------------------------------

_CN_D = "[〇零一二三四五六七八九○OＯ0０]"
_CN_MD = "[一二三四五六七八九十]"
_AR_DATE = fast(r"(?<![\d.])\d{4}年\d{1,2}月(?:\d{1,2}日)?")
_CN_DATE = fast(rf"(?<!{_CN_D}){_CN_D}{{4}}年{_CN_MD}{{1,2}}月(?:{_CN_MD}{{1,3}}日)?")
_MIXED_DATE = fast(
    rf"(?<!{_CN_D}){_CN_D}{{4}}年\d{{1,2}}月(?:\d{{1,2}}日)?|(?<!\d)\d{{4}}年{_CN_MD}{{1,2}}月(?:{_CN_MD}{{1,3}}日)?"
    rf"|(?<!\d)\d{{4}}年\d{{1,2}}月{_CN_MD}{{1,3}}日|(?<!{_CN_D}){_CN_D}{{4}}年{_CN_MD}{{1,2}}月\d{{1,2}}日")
_DATE_LINE = fast(rf"^[ \u3000]*({_CN_D}{{4}}年{_CN_MD}{{1,2}}月{_CN_MD}{{1,3}}日)[ \u3000]*$")
_TO_ARABIC = str.maketrans("〇零○OＯ0０一二三四五六七八九", "000000012345678" "9")


def _cn_date_to_arabic(s: str) -> str | None:
    from ..text.chinese import cn_to_int

    m = re.match(rf"({_CN_D}{{4}})年({_CN_MD}{{1,2}})月(?:({_CN_MD}{{1,3}})日)?$", s)
    if not m:
        return None
    year = m.group(1).translate(_TO_ARABIC)
    month = cn_to_int(m.group(2))
    day = cn_to_int(m.group(3)) if m.group(3) else None
    if month is None or (m.group(3) and day is None):
        return None
    return f"{year}年{month}月" + (f"{day}日" if day else "")


# GB/T 9704-2012 and the 党政机关公文处理工作条例 took effect on 1 July 2012; until then the
# 1999 standard asked for the 成文日期 in Chinese numerals (一九九八年七月三十一日), so a signed
# date before that day is written as its own time required.
_GBT9704_2012 = (2012, 7, 1)


def _before_gbt9704_2012(arabic_form: str) -> bool:
    m = re.match(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", arabic_form)
    if not m:
        return False
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)) < _GBT9704_2012


def date_forms(doc, rule, options) -> Iterator[Hit]:
    arabic, chinese, mixed, signed = [], [], [], []
    for p in doc.iter(rule.scope):
        text = p.text
        if "年" not in text or "月" not in text:
            continue
        line = _DATE_LINE.match(text)
        if line:
            signed.append((p, line))
            continue
        for m in _MIXED_DATE.finditer(text):
            mixed.append((p, m))
        for m in _AR_DATE.finditer(text):
            arabic.append((p, m))
        for m in _CN_DATE.finditer(text):
            chinese.append((p, m))
    for p, m in mixed:
        yield Hit(p, m.start(), m.end(), None,
                  {"problem": "同一个日期中混用了阿拉伯数字和汉字数字，应统一为一种"})
    for p, m in signed:
        arabic_form = _cn_date_to_arabic(m.group(1))
        if arabic_form and _before_gbt9704_2012(arabic_form):
            continue
        yield Hit(p, m.start(1), m.end(1), arabic_form,
                  {"problem": "成文日期应使用阿拉伯数字，年份写全，月、日不编虚位（GB/T 9704-2012 7.3.5.4）"})
    if arabic and chinese:
        minority = chinese if len(chinese) <= len(arabic) else arabic
        other = "阿拉伯数字" if minority is chinese else "汉字数字"
        for p, m in minority:
            sugg = _cn_date_to_arabic(m.group()) if minority is chinese else None
            yield Hit(p, m.start(), m.end(), sugg,
                      {"problem": f"全文其他日期都用{other}，同类数字应统一形式"})


date_forms.FIELDS = frozenset({"text", "suggestion", "problem"})


# --- NM011 发文字号 -------------------------------------------------------------------------------

_DOCNO = fast(
    f"(?<=[{HAN_BASIC}])"
    r"(?P<lb>[\[［(（【〔﹝{〈<])[ \u3000]*(?P<y>\d{4}|\d{2})[ \u3000]*"
    r"(?P<rb>[\]］)）】〕﹞}〉>])[ \u3000]*(?P<di>第)?[ \u3000]*(?P<n>\d{1,5})[ \u3000]*号")


def document_number(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        if "号" not in text:
            continue
        for m in _DOCNO.finditer(text):
            problems = []
            if m.group("lb") != "〔" or m.group("rb") != "〕":
                problems.append(f"年份应括入六角括号“〔〕”，而不是“{m.group('lb')}{m.group('rb')}”")
            if len(m.group("y")) == 2:
                problems.append("年份应写全四位")
            # a 令 is numbered with 第 (国务院令第708号, 省人民政府令〔2010〕第15号): that is
            # the form of the order's own number, not of a 发文字号
            order = text[m.start() - 1] == "令"
            if m.group("di") and not order:
                problems.append("发文顺序号前不加“第”")
            if m.group("n").startswith("0"):
                problems.append("发文顺序号不编虚位（不在前面补0）")
            if re.search(r"[ \u3000]", m.group()):
                problems.append("文号中不应有空格")
            if not problems:
                continue
            n = m.group("n").lstrip("0") or "0"
            di = "第" if order and m.group("di") else ""
            sugg = f"〔{m.group('y')}〕{di}{n}号" if len(m.group("y")) == 4 else None
            yield Hit(p, m.start(), m.end(), sugg, {"problem": "；".join(problems)})
        for m in _NO_SERIAL.finditer(text):
            yield Hit(p, m.start(), m.end(), None, {"problem": "年份之后缺少发文顺序号（如“〔2025〕12号”）"})


# 青农经〔2025〕号: an agency's code and the year, but no number
_NO_SERIAL = fast(rf"(?<=[{HAN_BASIC}])[〔［\[（(﹝](?:19|20)\d{{2}}[〕］\]）)﹞]号")


document_number.FIELDS = frozenset({"text", "suggestion", "problem"})


# --- NM012 a range that drops %, 万 or 亿 from its first number -----------------------------------

_RANGE_UNIT = fast(
    r"(?<![\d.])(\d+(?:\.\d+)?)(～|~|—|——|-|－|–)(\d+(?:\.\d+)?)(%|％|‰|万亿|万|亿)")
_NORMAL_DASH = {"～": "～", "—": "—"}


def range_unit(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        if not any(c in text for c in "%％‰万亿"):
            continue
        for m in _RANGE_UNIT.finditer(text):
            a, dash, b, unit = m.groups()
            before = text[m.start() - 1:m.start()]
            if before and (before.isascii() and before.isalpha() or before in "-/_"):
                continue
            try:
                if float(a) >= float(b):
                    continue  # 3-2万: not a range
            except ValueError:
                continue
            fix = _NORMAL_DASH.get(dash, "～")
            yield Hit(p, m.start(), m.end(), f"{a}{unit}{fix}{b}{unit}", {"unit": unit})


range_unit.FIELDS = frozenset({"text", "suggestion", "unit"})
