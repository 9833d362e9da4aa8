"""The parts of a 公文 (GB/T 9704-2012 7.2–7.4), found once per document and read by every rule.

``structure(doc)`` returns a :class:`Structure`, computed on first use and kept in
``doc.meta["structure"]``: the 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人), the title
over one or more lines, the lines under it (题注 of a published law, a speech's subtitle, date and
speaker), the 主送机关 or a speech's 称谓 (同志们：), the 正文, the 附件说明, the 发文机关署名 and
成文日期, the 附注, each 附件 as a sub-document with its own title, and the 版记 (抄送, 印发机关和
印发日期). ``apply_structure(doc)`` (called by the readers) makes the paragraph scopes agree with it:
every line of a wrapped title is the title, a 版头 line is not.

Lines are read by what they say, not by where they stand: a 发文字号 is a 发文字号 whether it stands
above the title (as printed) or under it (as many web copies put it). Where a part is not certain,
it is left out rather than guessed: a rule that needs it then stays quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..cache import compile_regex
from ..text.chinese import HAN_BASIC, han_count
from ..text.numbering import parse_marker
from .document_type import ALL_TYPES, DOCUMENT_WORDS, normalise_title

_B = r"[\s\u3000]*"
_CN = "〇○零一二三四五六七八九十OＯ"
DATE = rf"(?:\d{{4}}|[{_CN}]{{4}})年(?:\d{{1,2}}|[{_CN}]{{1,3}})月(?:\d{{1,2}}|[{_CN}]{{1,3}})日"
_DATE_LINE = compile_regex(rf"^{_B}{DATE}{_B}$")
_ISSUE_LINE = compile_regex(rf"^{_B}(?P<organ>\S.{{0,40}}?)?{_B}{DATE}{_B}印发{_B}$")
_COPY_NO = compile_regex(r"^[\s\u3000]*\d{1,6}[\s\u3000]*$")
_SECRET = compile_regex(rf"^{_B}(?:(?:绝密|机密|秘密)(?:[★\*]\S{{0,8}})?)?{_B}(?:特急|加急|特提|平急)?{_B}$")
DOCNO = rf"[{HAN_BASIC}]{{1,12}}[〔\[［（(]\d{{4}}[〕\]］）)]第?\d{{1,4}}号"
_DOCNO_LINE = compile_regex(rf"^{_B}(?P<no>{DOCNO}){_B}(?:签发人[:：].*)?$")
_SIGNER = compile_regex(rf"^{_B}签发人{_B}[:：]")
_MASTHEAD = compile_regex(r"^[\s\u3000]*\S.{1,40}文件[\s\u3000]*$")
_ORGAN_END = compile_regex(r"(政府|委员会|党委|党组|工委|局|厅|办公厅|办公室|部|院|会|署|处|中心|公司|集团|"
                        r"学校|大学|街道|法院|检察院|总局|管理局|委|办)$")
_ARTICLE = compile_regex(r"^[\s\u3000]*第[一二三四五六七八九十百零〇\d]+[编章节条]")
_SUBTITLE = compile_regex(r"^[\s\u3000]*[—\-－]{1,2}")
_NOTE_LINE = compile_regex(r"^[\s\u3000]*[（(].{2,80}[）)][\s\u3000]*$")
# 题注 of a published law or interpretation: "1997年9月24日 最高人民检察院……通过", "2021年6月3日 施行".
_ADOPTED = compile_regex(rf"^{_B}[（(]?{DATE}")
_ADOPTED_END = ("）", ")", "施行", "通过", "公布", "发布")
_SALUTATION = compile_regex(r"^[\s\u3000]*(同志们|各位代表|各位委员|各位领导|各位来宾|各位同事|同事们|女士们|"
                         r"先生们|朋友们|同学们|老师们)[^。]{0,30}[：:]")
_ATTACH_NOTE = compile_regex(rf"^{_B}附{_B}件{_B}[:：]")
_ATTACH_LABEL = compile_regex(rf"^{_B}附{_B}件{_B}(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})?{_B}[:：]?{_B}$")
_CC = compile_regex(rf"^{_B}抄{_B}送{_B}[:：]")
_ATTACH_ITEM = compile_regex(rf"^{_B}\d{{1,2}}[.．、]")
_CLOSE = set("。！？；，、：:;,.!?")
_NAME = compile_regex(rf"^[\s\u3000]*[{HAN_BASIC}][\s\u3000{HAN_BASIC}·]{{1,30}}$")

PART_NAMES = ("份号", "密级和保密期限", "紧急程度", "发文机关标志", "发文字号", "签发人", "标题", "题注",
              "讲话时间", "讲话人", "主送机关", "称谓", "正文", "附件说明", "发文机关署名", "成文日期",
              "附注", "附件", "抄送机关", "印发机关和印发日期")


@dataclass
class Part:
    name: str  # one of PART_NAMES
    first: int  # index in doc.paragraphs
    last: int
    text: str  # the part's text, lines joined without breaks


@dataclass
class Attachment:
    """An attachment read as a document of its own: its label (附件1), title and body range."""

    label: int | None  # index of the 附件 label line, if any
    title: list[int]  # title line indices
    first: int  # first paragraph of the attachment (label or title)
    last: int
    title_text: str = ""


@dataclass
class Structure:
    parts: list[Part] = field(default_factory=list)
    title: list[int] = field(default_factory=list)  # indices of the title lines (subtitle excluded)
    title_text: str = ""
    body: tuple[int, int] | None = None  # first and last index of the 正文
    attachments: list[Attachment] = field(default_factory=list)
    speech: bool = False
    misplaced: list[tuple[int, str, str]] = field(default_factory=list)  # (index, part, where it belongs)
    flattened: bool = False  # paragraph breaks evidently lost
    breaks: dict[int, list[int]] = field(default_factory=dict)  # paragraph index -> inferred break offsets

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)

    def name_of(self, index: int) -> str | None:
        """The part a paragraph belongs to (正文 for the body, 附件 for an attachment)."""
        for p in self.parts:
            if p.first <= index <= p.last:
                return p.name
        return None

    def segment_of(self, index: int) -> int:
        """0 for the main document, k for the k-th attachment."""
        for k, a in enumerate(self.attachments, 1):
            if a.first <= index <= a.last:
                return k
        return 0


def _ends_open(t: str) -> bool:
    return bool(t) and t[-1] not in _CLOSE


def _names_type(t: str) -> bool:
    t = normalise_title(t)
    return t.endswith(ALL_TYPES) or t.endswith(DOCUMENT_WORDS)


def _balanced(t: str) -> bool:
    return all(t.count(o) <= t.count(c) for o, c in (("《", "》"), ("（", "）"), ("“", "”"), ("(", ")")))


def _title_like(t: str, limit: int = 60) -> bool:
    return (2 <= han_count(t) and len(t) <= limit and _ends_open(t) and parse_marker(t) is None
            and not _ARTICLE.match(t) and "。" not in t)


def _title_lines(lines: list[tuple[int, str]], i: int) -> int:
    """How many lines from ``i`` make the title (0 if line i is not a title)."""
    if i >= len(lines) or not _title_like(lines[i][1], 110) or _DATE_LINE.match(lines[i][1]):
        return 0
    # A title block above a subtitle (……——在……大会上的报告): every title-like line before it.
    for k in range(1, 4):
        if i + k < len(lines) and _SUBTITLE.match(lines[i + k][1]):
            if all(_title_like(lines[i + j][1]) for j in range(k)):
                return k
            break
    n = 1
    joined = lines[i][1].strip()
    while i + n < len(lines) and n < 4:
        t = lines[i + n][1].strip()
        if (not _title_like(t) or _DATE_LINE.match(t) or _SUBTITLE.match(t) or _DOCNO_LINE.match(t)
                or _NOTE_LINE.match(t) or _ADOPTED.match(t) or t.endswith(("：", ":"))
                or len(joined) + len(t) > 80):
            break
        # A title goes on while it has not yet named its kind or has an open 《 (……规
        # 划公示规定》的通知), or its organ line is followed by 关于…….
        if _names_type(joined) and _balanced(joined) and not t.startswith("关于"):
            break
        # the next line must itself end the title or be continued by one that does
        joined += t
        n += 1
    if n > 1 and not (_names_type(joined) or joined.find("关于") >= 0):
        return 1  # two short lines that do not make a title together: only the first
    return n


_ADDRESSEE_END = compile_regex(r"(政府|委员会|局|厅|部|院|会|办|委|处|室|科|所|站|中心|单位|部门|主体|机构|机关|公司|"
                            r"集团|学校|街道|镇|乡|同志|组|队|协会|[）)])$")
_NOT_ADDRESSEE = compile_regex(r"如下|根据|为了|为进一步|现将|现就|经研究|作出|决定")


def _addressee(t: str) -> bool:
    """A 主送机关 line: organs separated by 、，, ending with a colon, no sentence in it."""
    if not t.endswith(("：", ":")) or "。" in t or len(t) > 150 or _NOT_ADDRESSEE.search(t):
        return False
    return bool(_ADDRESSEE_END.search(t[:-1].rstrip(" \u3000")))


def _is_organ(t: str) -> bool:
    t = t.strip(" \u3000")
    return (len(t) <= 40 and _ends_open(t) and bool(_ORGAN_END.search(re.sub(r"[\s\u3000]", "", t)))
            and "关于" not in t)


def analyse(doc) -> Structure:
    paras = doc.paragraphs
    # a number Word adds automatically is part of the line as the reader sees it
    lines = [(p.index, p.numbering + p.text.strip(" \u3000\t")) for p in paras
             if p.scope in ("title", "heading", "body") and p.text.strip()]
    s = Structure()
    if not lines:
        return s
    parts = s.parts

    def add(name: str, a: int, b: int) -> None:
        parts.append(Part(name, lines[a][0], lines[b][0], "".join(t for _, t in lines[a:b + 1])))

    i = 0
    # --- 版头 -----------------------------------------------------------------------------------
    while i < min(len(lines), 8):
        t = lines[i][1]
        if i == 0 and _COPY_NO.match(t):
            add("份号", i, i)
        elif _SECRET.match(t) and t:
            add("紧急程度" if re.match(rf"^{_B}(特急|加急|特提|平急)", t) else "密级和保密期限", i, i)
        elif _DOCNO_LINE.match(t):
            add("发文字号", i, i)
            if "签发人" in t:
                add("签发人", i, i)
        elif _SIGNER.match(t):
            add("签发人", i, i)
        elif _MASTHEAD.match(t) and i + 1 < len(lines) and not lines[i + 1][1].startswith("关于"):
            add("发文机关标志", i, i)
        else:
            break
        i += 1
    # --- title ----------------------------------------------------------------------------------
    def styled(k: int) -> bool:  # a Word "Title" paragraph: the author marked it as the title
        return k < len(lines) and (paras[lines[k][0]].style or "").lower() in ("title", "标题")

    n = _title_lines(lines, i)
    if styled(i):  # every consecutive Title paragraph (a title wrapped by hand over two)
        n = 1
        while styled(i + n) and not _SUBTITLE.match(lines[i + n][1]):
            n += 1
    if n:
        s.title = [lines[k][0] for k in range(i, i + n)]
        s.title_text = "".join(lines[k][1] for k in range(i, i + n))
        add("标题", i, i + n - 1)
        i += n
    # --- lines under the title -------------------------------------------------------------------
    under = i
    while i < len(lines) and i < under + 12:
        t = lines[i][1]
        if _SUBTITLE.match(t) and len(t) <= 80:
            add("标题", i, i)  # a subtitle belongs to the title (……——在……会议上的讲话)
            s.title.append(lines[i][0])
            s.speech = s.speech or "在" in t
        elif _DOCNO_LINE.match(t):
            add("发文字号", i, i)
        elif (_NOTE_LINE.match(t) or _DATE_LINE.match(t)) and re.search(DATE, t) and s.title:
            add("讲话时间" if s.speech else "题注", i, i)
        elif _ADOPTED.match(t) and _ends_open(t) and len(t) <= 80 and s.title:
            # 1997年9月24日 最高人民检察院第八届检察委员会第七十九次会议通过 (may wrap)
            j = i
            while (j + 1 < len(lines) and lines[j + 1][1].endswith(_ADOPTED_END)
                   and not _ADOPTED.match(lines[j + 1][1])):
                j += 1
            add("题注", i, j)
            i = j
        elif _SALUTATION.match(t):
            add("称谓", i, i)
            s.speech = True
            i += 1
            break
        elif _addressee(t) and s.title:
            add("主送机关", i, i)
            i += 1
            break
        elif (s.speech or any(p.name == "讲话时间" for p in parts)) and _NAME.match(t) and len(t) <= 20:
            add("讲话人", i, i)
        else:
            break
        i += 1
    body_first = i
    # --- closing: 版记 from the end, then 署名 and 日期 --------------------------------------------
    end = len(lines) - 1
    while end > body_first:
        t = lines[end][1]
        m = _ISSUE_LINE.match(t)
        if m:
            add("印发机关和印发日期", end, end)
        elif _CC.match(t):
            add("抄送机关", end, end)
        else:
            break
        end -= 1
    date_at = None
    for k in range(body_first, end + 1):
        t = lines[k][1]
        # (a date line holds 年, a 抄送 line 抄: the test spares the two matches on most lines)
        if "年" in t and _DATE_LINE.match(t):
            date_at = k
            break
        if "抄" in t and _CC.match(t):
            s.misplaced.append((lines[k][0], "抄送机关", "抄送机关应列在版记中，位于成文日期和附注之后、印发机关之前"))
    main_last = end
    if date_at is not None and date_at > body_first:
        add("成文日期", date_at, date_at)
        sig = date_at
        while sig - 1 > body_first and _is_organ(lines[sig - 1][1]) and date_at - sig < 3:
            sig -= 1
        if sig < date_at:
            add("发文机关署名", sig, date_at - 1)
        last_body = sig - 1
        k = date_at + 1
        if k <= end and _NOTE_LINE.match(lines[k][1]):
            add("附注", k, k)
            k += 1
        if k <= end and _ATTACH_NOTE.match(lines[k][1]) and not _ATTACH_LABEL.match(lines[k][1]):
            # 附件：1.…… under the date: the 附件说明 belongs above the 署名 (GB/T 9704 7.3.4)
            j = k
            while j + 1 <= end and _ATTACH_ITEM.match(lines[j + 1][1]) and len(lines[j + 1][1]) <= 80:
                j += 1
            add("附件说明", k, j)
            s.misplaced.append((lines[k][0], "附件说明", "附件说明应在正文之下空一行、发文机关署名和成文日期之前"))
            k = j + 1
        if k <= end:
            _attachments(s, lines, k, end, add)
        main_last = last_body
    # an attachment label (附件, 附件2) inside what is left: the attachments start there
    # (附件： alone on its line, followed by 1.…… 2.…… or by one name, is the 附件说明 with its
    # items below)
    label = next((k for k in range(body_first + 1, main_last + 1) if _ATTACH_LABEL.match(lines[k][1])
                  and not (_ATTACH_NOTE.match(lines[k][1]) and k < main_last
                           and (_ATTACH_ITEM.match(lines[k + 1][1])
                                or (len(lines[k + 1][1]) <= 60 and not _ATTACH_LABEL.match(lines[k + 1][1])
                                    and "。" not in lines[k + 1][1])))), None)
    if label is not None:
        _attachments(s, lines, label, main_last, add)
        main_last = label - 1
    # 附件说明 at the end of the 正文
    note = None
    for k in range(max(body_first, main_last - 12), main_last + 1):
        if _ATTACH_NOTE.match(lines[k][1]):
            note = k
            break
    if note is not None:
        add("附件说明", note, main_last)
        main_last = note - 1
    if main_last >= body_first:
        add("正文", body_first, main_last)
        s.body = (lines[body_first][0], lines[main_last][0])
    parts.sort(key=lambda p: (p.first, PART_NAMES.index(p.name)))
    _flattened(doc, s)
    return s


def _attachments(s: Structure, lines, k: int, end: int, add) -> None:
    """The text after the 成文日期 (and 附注): one or more attachments, each a document."""
    starts: list[tuple[int, int | None]] = []  # (first line, label line)
    j = k
    while j <= end:
        t = lines[j][1]
        if _ATTACH_LABEL.match(t):
            starts.append((j, j))
            j += 1
            continue
        prev_label = starts and starts[-1][1] == j - 1
        if not prev_label and (j == k or (_title_like(t) and _names_type(t) and j + 1 <= end
                                          and (_ARTICLE.match(lines[j + 1][1]) or parse_marker(lines[j + 1][1])))):
            if j == k or not starts or j - starts[-1][0] > 3:
                starts.append((j, None))
        j += 1
    for n, (first, label) in enumerate(starts):
        last = starts[n + 1][0] - 1 if n + 1 < len(starts) else end
        t0 = first + 1 if label is not None else first
        tn = _title_lines(lines, t0) if t0 <= last else 0
        title = [lines[x][0] for x in range(t0, t0 + tn)]
        a = Attachment(lines[label][0] if label is not None else None, title, lines[first][0],
                       lines[last][0], "".join(lines[x][1] for x in range(t0, t0 + tn)))
        s.attachments.append(a)
        add("附件", first, last)


# --- flattened text -------------------------------------------------------------------------------

def _flattened(doc, s: Structure) -> None:
    """A draft whose paragraph breaks were lost (a web copy saved as one line or a few): a text
    of over 1,500 characters in at most three paragraphs, or a paragraph with two headings
    (一、（一）) run into it after full stops. The certain breaks (a heading number after a full
    stop) are kept in ``s.breaks``."""
    from .outline import embedded_markers  # the outline module builds on this one

    paras = [p for p in doc.paragraphs if p.scope in ("title", "heading", "body") and p.text.strip()]
    for p in paras:
        if "、" not in p.text and "）" not in p.text and ")" not in p.text:
            continue
        hits = [m.start for m in embedded_markers(p) if m.family in ("cn", "cn-paren")]
        if len(hits) >= 2:
            s.breaks[p.index] = hits
    long_one = len(paras) <= 3 and sum(len(p.text) for p in paras) >= 1500
    s.flattened = bool(paras) and (long_one or bool(s.breaks))


def structure(doc) -> Structure:
    got = doc.meta.get("structure")
    if got is None:
        got = doc.meta["structure"] = analyse(doc)
    return got


def apply_structure(doc) -> Structure:
    """Analyse ``doc`` and make its scopes agree: every title line is ``title``; a 版头 line, a
    发文字号 or a 题注 that the line-by-line classifier took for the title is ``body``. Called by
    the readers once, before any rule reads the document."""
    s = structure(doc)
    title = set(s.title)
    for p in doc.paragraphs:
        if p.scope == "title" and p.index not in title:
            p.scope = "body"
            p.level = None
        elif p.index in title and p.scope in ("body", "heading"):
            p.scope = "title"
            p.level = None
    doc._in_scope = {}
    for key in ("title", "text_chars", "_gwlint_series"):  # computed from the scopes
        doc.__dict__.pop(key, None)
    for key in ("outline", "quotations"):
        doc.meta.pop(key, None)
    return s


def prepare(doc) -> Structure:
    """Read the structure of ``doc`` and settle its scopes, once: every title line is the title,
    a 版头 line is not, and a numbered line that reads as a list item is text
    (:func:`lint.analysis.outline.settle_headings`). The engine calls it before any rule runs."""
    if doc.meta.get("prepared"):
        return structure(doc)
    from .outline import settle_headings  # the outline module builds on this one

    s = apply_structure(doc)
    settle_headings(doc)
    doc.meta["prepared"] = True
    return s
