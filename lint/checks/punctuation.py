"""Punctuation checks (GB/T 15834-2011) that a single regular expression cannot express.

Every function is ``fn(doc, rule, options) -> Iterator[Hit]``. They share one idea of "Chinese
context": a Han character or a full-width Chinese mark next to the mark in question. Latin text,
numbers, times (8:30), URLs and e-mail addresses inside a Chinese paragraph are left alone.
"""

from __future__ import annotations

from typing import Iterator

from ..analysis.outline import embedded_markers
from ..analysis.structure import structure
from ..model.finding import Hit
from ..engine.kinds import Param
from ..text.chinese import HAN, is_han
from ..text.fastregex import fast
from ..cache import compile_regex

_HAN_RX = fast(f"[{HAN}]")
# Full-width Chinese marks (标点 of GB/T 15834 in their Chinese forms).
CJK_MARKS = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—～·「」『』"
_CJK_MARK_SET = frozenset(CJK_MARKS)
_CLOSERS = frozenset("”’）》〉】〕」』")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")


def is_chinese(ch: str) -> bool:
    """A Han character or a full-width Chinese mark."""
    return bool(ch) and (is_han(ch) or ch in _CJK_MARK_SET)


def _prev_char(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return text[j] if j >= 0 else ""


def _next_char(text: str, i: int) -> str:
    j = i + 1
    while j < len(text) and text[j] == " ":
        j += 1
    return text[j] if j < len(text) else ""


# --- PN009 support: simple narrative 序次语 with a mark (一是，) -------------------------------------
# 一是/二是 opening a clause: at the paragraph start or after a mark. "统一是" and "唯一是" are words.
ORDINAL_SHI = fast(r"(?:^|(?<=[。；！？：，、\s（(]))([一二三四五六七八九十]{1,2}是)[ \u3000]*([，、：,:.．;；])")
ORDINAL_DI = fast(
    r"(?:^|(?<=[。；！？：\s]))(第[一二三四五六七八九十]{1,3}|其[一二三四五六七八九十]|首先|其次|再次)([、.．])"
    r"(?![一二三四五六七八九十两第\d])")


# --- PN001 half-width punctuation ---------------------------------------------------------------

_HALF = fast(r"[,.;:?!()\"']")
_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_URLISH = fast(r"(?:https?://|www\.|[A-Za-z0-9_.+-]+@)[^\s\u3000，。；：“”（）《》、]*")


def _marker_skip(p) -> tuple[int, int]:
    m = p.marker
    return (m.start, m.end) if m is not None else (0, 0)


def _quote_pairs(text: str, positions: list[int]):
    """Pair straight quotes in order: (open, close) pairs and a trailing unpaired one."""
    pairs = [(positions[i], positions[i + 1]) for i in range(0, len(positions) - 1, 2)]
    odd = positions[-1] if len(positions) % 2 else None
    return pairs, odd


def halfwidth_punctuation(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        if not _HALF.search(text) or not _HAN_RX.search(text):
            continue
        skip = [_marker_skip(p)]
        skip += [m.span(2) for m in ORDINAL_SHI.finditer(text)]
        skip += [m.span(2) for m in ORDINAL_DI.finditer(text)]
        skip += [m.span() for m in _URLISH.finditer(text)]
        hits: dict[int, str | None] = {}
        dq, sq, parens = [], [], []
        for m in _HALF.finditer(text):
            i = m.start()
            if any(a <= i < b for a, b in skip):
                continue
            c = m.group()
            prev, nxt = _prev_char(text, i), _next_char(text, i)
            if c == '"':
                dq.append(i)
            elif c == "'":
                sq.append(i)
            elif c in "()":
                parens.append(i)
            elif c == ".":
                # 一句话结束. — not a decimal (3.5), an abbreviation, a URL, or an ellipsis (...).
                if text[i - 1:i] == "." or text[i + 1:i + 2] == ".":
                    continue
                if text[i - 1:i] == " ":
                    continue
                if (is_han(prev) or prev in _CLOSERS or prev in "%‰") and (not nxt or is_chinese(nxt) or nxt in "\"')"):
                    hits[i] = "。"
                elif prev in _DIGITS and i == len(text.rstrip()) - 1 and _HAN_RX.search(text):
                    hits[i] = "。"  # 同比增长3.5. at the end of a Chinese paragraph
            elif c in ",:;?!":
                if c in ",:" and prev in _DIGITS and nxt in _DIGITS:
                    continue  # 1,000  8:30  3:2
                if is_chinese(prev):
                    hits[i] = _FULL[c]
                elif is_chinese(nxt) and not (prev in _LATIN and text[i + 1:i + 2] == " "):
                    # "Hello, world! 这是……": an English sentence keeps its marks
                    hits[i] = _FULL[c]
        # Round brackets: pair them; a pair counts as Chinese when its content or a neighbour is.
        stack: list[int] = []
        pairs, lone = [], []
        for i in parens:
            if text[i] == "(":
                stack.append(i)
            elif stack:
                pairs.append((stack.pop(), i))
            else:
                lone.append(i)
        lone += stack
        for a, b in pairs:
            # print(x)函数 is code: a pair counts when it holds Chinese or follows Chinese.
            if _HAN_RX.search(text, a, b) or is_chinese(_prev_char(text, a)):
                hits[a], hits[b] = "（", "）"
        for i in lone:
            if is_chinese(_prev_char(text, i)) or is_chinese(_next_char(text, i)):
                hits[i] = _FULL[text[i]]
        # Straight double quotes: in order, open then close.
        qpairs, odd = _quote_pairs(text, dq)
        for a, b in qpairs:
            if _HAN_RX.search(text, a, b) or is_han(_prev_char(text, a)) or is_han(_next_char(text, b)):
                hits[a], hits[b] = "“", "”"
        if odd is not None and (is_han(_prev_char(text, odd)) or is_han(_next_char(text, odd))):
            hits[odd] = None
        # Straight single quotes only around Chinese words ('十四五'); it's / Xi'an stay quiet.
        spairs, _ = _quote_pairs(text, [i for i in sq if not (text[i - 1:i] in _LATIN and text[i + 1:i + 2] in _LATIN)])
        for a, b in spairs:
            inner = text[a + 1:b]
            if inner and _HAN_RX.search(inner) and not any(ch in _LATIN for ch in inner):
                hits[a], hits[b] = "‘", "’"
        # Which way a straight quote turns depends on pairing within the line (a quotation may
        # run over several paragraphs), so a quote's replacement needs a reader.
        quotes = {i for pair in qpairs + spairs for i in pair}
        for i in sorted(hits):
            fix = hits[i]
            yield Hit(p, i, i + 1, fix, {"fix": fix or "全角引号“”"}, unsafe=i in quotes)


halfwidth_punctuation.FIELDS = frozenset({"text", "suggestion", "fix"})


# --- PN009 序次语 marks (B.3) -------------------------------------------------------------------

_RIGHT_MARK = {"cn": "、", "cn-paren": "", "arabic": ".", "arabic-paren": "", "circled": ""}
_FAMILY_NOTE = {
    "cn": "不加括号的汉字数字序次语后用顿号“、”",
    "cn-paren": "加括号的序次语后不再加任何标点",
    "arabic": "不加括号的阿拉伯数字序次语后用下脚点“.”，不用顿号",
    "arabic-paren": "加括号的序次语后不再加任何标点",
    "circled": "带圈的序次语后不再加任何标点",
}


# Literals every match of ORDINAL_SHI, and of ORDINAL_DI, holds (lint.text.gates).
_SHI_NEEDS = compile_regex(r"是[ \u3000]*[，、：,:.．;；]")
_DI_NEEDS = compile_regex(r"(?:第[一二三四五六七八九十]{1,3}|其[一二三四五六七八九十]|首先|其次|再次)[、.．]")


def ordinal_marks(doc, rule, options) -> Iterator[Hit]:

    shi, di = doc.paragraph_index.matching(_SHI_NEEDS), doc.paragraph_index.matching(_DI_NEEDS)
    for p in doc.iter(rule.scope):
        text = p.text
        m = p.marker
        if m is not None:
            raw = text[m.start:m.end]
            ok = {_RIGHT_MARK[m.family]}
            if m.family == "arabic":
                ok |= {"．", " ", "\u3000"}  # 1．is the same mark set full-width; "1 " is left alone
            if m.mark not in ok or "(" in raw or ")" in raw:
                yield Hit(p, m.start, m.end, m.canonical,
                          {"note": _FAMILY_NOTE[m.family]})
        if p.index in shi:
            for mm in ORDINAL_SHI.finditer(text):
                yield Hit(p, mm.start(1), mm.end(), mm.group(1),
                          {"note": "“一是”“二是”这类序次语后不加标点"})
        if p.index in di:
            for mm in ORDINAL_DI.finditer(text):
                if p.marker is not None and mm.start() == p.marker.start and p.marker.family == "cn":
                    continue
                yield Hit(p, mm.start(), mm.end(), mm.group(1) + "，",
                          {"note": "“第一”“其一”“首先”这类序次语后用逗号“，”"})


ordinal_marks.FIELDS = frozenset({"text", "suggestion", "note"})


# --- PN010 a title or heading ending in a 点号 --------------------------------------------------

_END_ANY = "。，；：、,;:"
_END_NO_STOP = "，；：、,;:"


def heading_end_mark(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(("title", "heading")):
        text = p.text.rstrip(" \u3000\t")
        if not text:
            continue
        last = text[-1]
        # A level 2-4 heading that ends in 。 is a run-in heading (（一）加强领导。) whose text
        # follows; only a title, a level-1 heading or a Word heading may not end in 。.
        allowed_stop = p.scope == "heading" and p.marker is not None and (
            p.level is not None and p.level >= 2
            # 十四、……套取农村危房改造资金问题。: a long level-1 item is a sentence of a list
            or len(text) - p.marker.end > 20 or "，" in text)
        marks = _END_NO_STOP if allowed_stop else _END_ANY
        if last not in marks:
            continue
        if last in "。." and text.endswith(("……。", "...")):
            continue
        kind = "标题" if p.scope == "title" else "层次标题"
        yield Hit(p, len(text) - 1, len(text), "", {"kind": kind})


heading_end_mark.FIELDS = frozenset({"text", "suggestion", "kind"})


# --- PN012 stray spaces -------------------------------------------------------------------------

_SPACE_RUN = fast(r"[ \u00a0\u3000\t]+")
# "— 1 —": a page number copied from a footer (GB/T 9704-2012 7.5 sets it with spaces).
_PAGE_NUMBER = fast(r"^\s*[—\-－]\s*\d+\s*[—\-－]\s*$")
# 第七十四条 县以上……: the blank after an article number is the layout of legal texts.
_ARTICLE = fast(r"^[ \u3000]*第[零〇一二三四五六七八九十百千\d]+[条章节款编](?=[ \u3000\u00a0])")
# 1.1 编制目的, 3.2.4 预警变更: the blank after a decimal section number (the numbering of 预案
# and technical documents, GB/T 1.1) is its layout, as that after 第X条.
_SECTION_NUMBER = fast(r"^[ \u3000]*\d{1,2}(?:[.．]\d{1,2})*(?=[ \u3000\u00a0]+[\u4e00-\u9fff])")
# （……会议通过　2000年10月31日……公布　自2001年1月1日起施行）: the note under a law's title
# sets its clauses apart with blanks.
_TITLE_NOTE = fast(r"^[ \u3000]*[（(][^（()）]*(?:通过|批准|公布|施行|修正|修订)[^（()）]*[）)][ \u3000]*$")
_NOTE_CLAUSE_END = ("过", "准", "布", "正", "订", "行")
_NUM_TOKEN_END = fast(r"[\d.,%‰]+$")
_NUM_TOKEN_START = fast(r"[\d.,]+")


def _number_is_latin_bound_left(text: str, end: int) -> bool:
    """The number ending at ``end`` belongs to a Latin token: PM2.5, GB/T 9704-2012, Windows 10."""
    m = _NUM_TOKEN_END.search(text, 0, end)
    if not m:
        return False
    j = m.start() - 1
    if j < 0:
        return False
    c = text[j]
    if c in _LATIN or c in "-/_":
        return True
    if c == " " and j > 0 and (text[j - 1] in _LATIN or text[j - 1] in "/"):
        return True
    return False


def _number_is_latin_bound_right(text: str, start: int) -> bool:
    m = _NUM_TOKEN_START.match(text, start)
    if not m:
        return False
    after = text[m.end():m.end() + 1]
    return after in _LATIN or after in "-/_:"


# Parts GB/T 9704 lays out with blanks: 发文字号 and 签发人, a 题注 (2021年6月3日 施行), a speaker
# line, the 版记's 印发机关 and 印发日期.
_SPACED_PARTS = ("发文字号", "签发人", "题注", "讲话时间", "讲话人", "印发机关和印发日期")
_ORGAN_LAST = set("厅央院部委局会府室署")


def _inside_book_title(text: str, pos: int) -> bool:
    head = text[:pos]
    return head.count("《") > head.count("》")
_ITEM_AHEAD = compile_regex(r"\d{1,3}[．.、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、")


def stray_spaces(doc, rule, options) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        text = p.text
        if " " not in text and "\u3000" not in text and "\u00a0" not in text and "\t" not in text:
            continue
        if _PAGE_NUMBER.match(text):
            continue
        sentence_like = any(c in text for c in "，。；！？")
        article = _ARTICLE.match(text) or _SECTION_NUMBER.match(text)
        title_note = _TITLE_NOTE.match(text) is not None
        # 1．背叛国家罪（第102条） 2．分裂国家罪: blanks between items listed on one line
        items = {m.start for m in embedded_markers(p)}
        st = structure(doc)
        if st.name_of(p.index) in _SPACED_PARTS:
            continue
        flattened = st.flattened
        for m in _SPACE_RUN.finditer(text):
            s, e = m.span()
            if s == 0 or e == len(text) or article and s == article.end() or e in items:
                continue
            if e - s >= 3:
                continue  # columns aligned with spaces (填报单位：……      2015年度), not a slip
            left, right = text[s - 1], text[e]
            if title_note and left in _NOTE_CLAUSE_END:
                continue  # （……会议通过　2000年……公布）: the clauses of a title note
            run = m.group()
            if left in _ORGAN_LAST and _inside_book_title(text, s):
                continue  # 《中共中央办公厅 国务院办公厅关于……》: joint organs are spaced apart
            if flattened and not (left in _DIGITS or right in _DIGITS):
                continue  # may be a paragraph break lost in a flattened draft (FM013 says so once)
            ideographic = "\u3000" in run
            if ideographic:
                # Full-width spaces align name lines (国务院总理　李克强) and signatures; only a
                # sentence with one inside a phrase or beside a mark is suspect.
                if not sentence_like or run.strip("\u3000"):
                    continue
                if not ((is_han(left) and is_han(right)) or left in "，。、；：？！“”（）《》" or right in "，。、；：？！”）》"):
                    continue
            elif left in _CJK_MARK_SET or right in _CJK_MARK_SET:
                pass
            elif is_han(left) and is_han(right):
                if not sentence_like and not (left in "一二三四五六七八九十" and right == "是"):
                    continue  # 勠力同心谋新篇 砥砺前行开新局: two halves of a headline
            elif is_han(left) and right in _DIGITS:
                if _number_is_latin_bound_right(text, e):
                    continue
            elif (left in _DIGITS or left in "%‰") and is_han(right):
                if _number_is_latin_bound_left(text, s):
                    continue
            else:
                continue
            # A space before a list marker (（第102条） 2．分裂……) separates items run together on
            # one line: whether to delete it or break the line needs a reader.
            # Between two Chinese characters a space may stand for a mark (张三 李四 for 张三、李四)
            # or separate joint issuing organs (中共中央办公厅 国务院办公厅): deleting it needs a reader.
            unsafe = _ITEM_AHEAD.match(text, e) is not None or (is_han(left) and is_han(right))
            yield Hit(p, s, e, "", {"before": text[max(0, s - 4):s], "after": text[e:e + 4]}, unsafe=unsafe)


stray_spaces.FIELDS = frozenset({"text", "suggestion", "before", "after"})


# --- PN011 dashes and hyphens between numbers ---------------------------------------------------

_NUM_RANGE = fast(r"(\d+(?:\.\d+)?%?)(——|[-－–~]|—(?=\d))(\d+(?:\.\d+)?)")
# 3-5万元, 15-30%: NM012 (range-unit) reports these with the whole fix (3万～5万元).
_UNIT_RANGE_AFTER = fast(r"[%％‰万亿]")
_TIME_UNIT = fast(r"^(?:年|月|日|号|时|点|世纪)")


def number_range_dash(doc, rule, options) -> Iterator[Hit]:
    wanted = set(options.get("marks") or _ALL_RANGE_MARKS)
    for p in doc.iter(rule.scope):
        text = p.text
        if not any(c in text for c in "-－–~—"):
            continue
        for m in _NUM_RANGE.finditer(text):
            a, dash, b = m.group(1), m.group(2), m.group(3)
            if dash not in wanted:
                continue  # the 一字线 — is a correct range or span mark and is never wanted
            s, e = m.span()
            before = text[s - 1:s]
            after = text[e:e + 1]
            # Codes, standards, phone numbers, dates: GB/T 9704-2012, 0571-8888, 2008-8-8, A3-2.
            if before and (before in _LATIN or before in "-/_.—～~－#" or before in _DIGITS):
                continue
            if before == " " and s >= 2 and (text[s - 2] in _LATIN or text[s - 2] in "/"):
                continue
            if after and (after in _LATIN or after in "-/_－.~"):
                continue
            if not a.endswith("%") and _UNIT_RANGE_AFTER.match(after):
                continue
            if dash != "——":
                # A hyphenated pair is a range only before a unit or a mark, ascending, and not a
                # phone or house number.
                if not after or not (is_han(after) or after in "%％‰℃"):
                    continue
                if a.startswith("0") and len(a) > 1 or len(b) >= 7:
                    continue
                try:
                    if float(a.rstrip("%")) >= float(b):
                        continue
                except ValueError:
                    continue
            time_span = bool(_TIME_UNIT.match(text[e:e + 2]))
            fix = "—" if time_span else "～"
            what = "破折号“——”" if dash == "——" else f"“{dash}”"
            yield Hit(p, s, e, a + fix + b, {"what": what, "fix": fix,
                                             "usage": "时间起止用一字线“—”" if time_span else "数值范围用浪纹线“～”"})


number_range_dash.FIELDS = frozenset({"text", "suggestion", "what", "fix", "usage"})
_ALL_RANGE_MARKS = ("——", "~", "–", "-", "－")
number_range_dash.OPTIONS = {
    "marks": Param("str-list", default=list(_ALL_RANGE_MARKS),
                   doc="connectors to report between two numbers: ——, ~, –, -, －"),
}


# --- PN003 repeated or stacked 点号 ---------------------------------------------------------------

_REPEAT = fast(r"([，、；：？！])\1+|(?<!。)。。(?!。)|[，、；：][。，、；：]|。[，、；：]")


# Every fault above is two marks side by side: most paragraphs (and most documents) have none.
_ADJACENT_MARKS = compile_regex(r"[，、；：？！。]{2}")


def repeated_marks(doc, rule, options) -> Iterator[Hit]:
    if not _ADJACENT_MARKS.search(doc.joined_text):
        return
    for p in doc.iter(rule.scope):
        text = p.text
        if not _ADJACENT_MARKS.search(text):
            continue
        for m in _REPEAT.finditer(text):
            s = m.group()
            if len(set(s)) == 1:
                yield Hit(p, m.start(), m.end(), s[0], {"problem": f"重复使用了“{s[0]}”"})
            else:
                yield Hit(p, m.start(), m.end(), None, {"problem": "两个点号连用"})


repeated_marks.FIELDS = frozenset({"text", "suggestion", "problem"})
