"""In-line numbered series of a document: 一是/二是, 一要/二要, 第一/第二, 其一/其二, 首先/其次….

``inline_markers`` finds the narrative 序次语 anywhere in a paragraph: 一是/二是, 一要/二要,
第一/第二, 其一/其二, 首先/其次/再次/最后, each with its offsets and the mark written after it;
``inline_series`` chains them into series (a new series starts at 一是, a heading closes all open
ones, a series nested inside an item of another is its own series, not merged with it). A series
whose first marker is above one (二是 with no 一是 before it) is kept in ``InlineAnalysis.starts``.

Headings (一、（一）1.（1）, 第X条) are the outline's (:mod:`lint.analysis.outline`); the checks
that read both are in :mod:`lint.checks.series`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from ..model.document import Document, Paragraph
from ..text.chinese import cn_to_int, int_to_cn
from ..text.fastregex import fast
from .outline import embedded_markers
from ..cache import compile_regex

# An attachment label line closes every series (附件, 附件1, 附件：).
_ATTACHMENT = compile_regex(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$")
SERIES_SCOPES = ("title", "heading", "body")
_BLANKS = " \u3000\t"
_NUMERAL_AFTER = compile_regex(r"[一二三四五六七八九十〇零两\d]")
_LOOK_BACK = 200  # paragraphs


FAMILIES = {
    "shi": "一是、二是、三是",
    "yao": "一要、二要、三要",
    "di": "第一、第二、第三",
    "qi": "其一、其二、其三",
    "seq": "首先、其次、再次",
}
_SEQ_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
_NUM = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_INLINE = fast(
    rf"(?P<shi>(?P<n_shi>{_NUM})(?P<sp_shi>[ \u3000]*)是)"
    rf"|(?P<yao>(?P<n_yao>{_NUM})(?P<sp_yao>[ \u3000]*)要)"
    rf"|(?P<di>第(?P<n_di>{_NUM})(?P<sp_di>[ \u3000]*)(?=[，,、：:．.]|是))"
    rf"|(?P<qi>其(?P<n_qi>[一二三四五六七八九十])(?P<sp_qi>[ \u3000]*)(?=[，,、：:．.]|是))"
    r"|(?P<seq>首先|其次|再次|最后)")
# A narrative marker opens a clause: the paragraph start or a 点号 before it.
_CLAUSE_END = set("。；;：:！!？?，,")
_CLOSERS = set("”’」』）)")
_MARKS = "，,、：:．.；;"
# 一要素, 三要点: a compound, not "一要……".
_YAO_COMPOUND = set("素件务点义领害职闻案")


@dataclass
class InlineMarker:
    """An in-line 序次语 at ``start``..``end`` of ``paragraph.text`` (blanks inside included)."""

    paragraph: Paragraph
    start: int
    end: int
    family: str  # shi, yao, di, qi, seq
    value: int  # 1, 2, 3…; 0 for 最后 (the last item, no number)
    text: str
    mark: str = ""  # the punctuation written right after the marker, "" when none
    space: str = ""  # blanks inside the marker, as in "二 是"
    level = None

    @property
    def at_start(self) -> bool:
        """The marker opens its paragraph."""
        return not self.paragraph.text[:self.start].strip(_BLANKS)

    def canonical(self, value: int | None = None) -> str:
        """This family's marker for ``value`` (default: its own), as the series should write it."""
        v = self.value if value is None else value
        if self.family == "seq":
            return {1: "首先", 2: "其次", 3: "再次"}.get(v, "最后")
        num = int_to_cn(v)
        return {"shi": f"{num}是", "yao": f"{num}要", "di": f"第{num}", "qi": f"其{num}"}[self.family]


def _clause_start(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1] in _BLANKS:
        i -= 1
    if i == 0:
        return True
    c = text[i - 1]
    if c in _CLAUSE_END:
        return True
    # 。”一是…: a quotation closed at the end of a sentence.
    return c in _CLOSERS and i >= 2 and text[i - 2] in "。！？!?"


def _sentence_start(text: str, pos: int) -> bool:
    """``pos`` opens the paragraph or a sentence (after 。！？, a closing quote or blanks)."""
    i = pos
    while i > 0 and text[i - 1] in _BLANKS:
        i -= 1
    while i > 0 and text[i - 1] in _CLOSERS:
        i -= 1
    return i == 0 or text[i - 1] in "。！？!?"


def inline_markers(p: Paragraph) -> list[InlineMarker]:
    """The in-line 序次语 of a paragraph, in order, with offsets into ``p.text``.

    Only markers that open a clause count (统一是, 唯一是, 不二要, 全国第一 do not); 第一/其一 must
    be followed by a mark or 是 (第一次, 第一书记, 第一产业 are not markers); 一是一、二是二 is an
    idiom. 首先, 其次, 再次 and 最后 are returned as candidates: ``inline_series`` decides whether
    they form a series (首先 alone is a plain adverb; 再次 and 最后 need a comma after them).
    """
    cache = p.__dict__.get("_gwlint_inline")
    if cache is not None:
        return cache
    text = p.text
    out: list[InlineMarker] = []
    for m in _INLINE.finditer(text):
        family = next(f for f in FAMILIES if m.group(f) is not None)
        start, end = m.start(), m.end()
        if not _clause_start(text, start):
            continue
        after = text[end:end + 1]
        mark = after if after and after in _MARKS else ""
        if family == "seq":
            word = m.group("seq")
            value = _SEQ_VALUES[word]
            if word in ("再次", "最后") and after not in ("，", ","):
                continue
            out.append(InlineMarker(p, start, end, family, value, word, mark))
            continue
        num = m.group(f"n_{family}")
        value = cn_to_int(num)
        if not value:
            continue
        if family == "shi":
            # 一是一、二是二; 一是一回事
            if text.startswith(num, end) and text[end + len(num):end + len(num) + 1] in "，,、。；;" :
                continue
        elif family == "yao":
            if after in _YAO_COMPOUND:
                continue
        elif family == "di":
            # 第一、第二产业; 第一、二季度: ordinals listed with a 顿号, not a series item.
            nxt = text[end + 1:end + 2]
            if after == "、" and (nxt == "第" or _NUMERAL_AFTER.match(nxt or "x")):
                continue
            if after in ".．" and text[end + 1:end + 2].isdigit():
                continue
        out.append(InlineMarker(p, start, end, family, value, m.group(0), mark,
                                m.group(f"sp_{family}") or ""))
    p.__dict__["_gwlint_inline"] = out
    return out


def iter_inline_markers(doc: Document, scopes=("heading", "body", "table")) -> Iterator[InlineMarker]:
    """Every in-line marker candidate of the document, in reading order (for punctuation rules:
    ``m.mark`` is the mark written after it, ``m.space`` blanks inside such as "二 是")."""
    for p in doc.iter(scopes):
        yield from inline_markers(p)


@dataclass
class Series:
    family: str  # the family of its first item
    items: list[InlineMarker] = field(default_factory=list)
    last: InlineMarker | None = None  # a "最后，" closing it (not numbered)
    confirmed: bool = False  # a 首先 series needs a second item to be a series at all

    @property
    def expected(self) -> int:
        return max(it.value for it in self.items) + 1

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class SeriesEvent:
    """A fault found while chaining: ``kind`` is continuity or family."""

    kind: str
    marker: InlineMarker
    series: Series
    expected: int


@dataclass
class SeriesStart:
    """A series whose first marker has a number above one (二是…… with no 一是 before it), with
    the text before it in its section: ``context`` are the paragraphs from the heading that opens
    the section (included) to the marker's own paragraph; ``offset`` is where the section starts
    in the marker's paragraph (after a heading run into it), 0 otherwise."""

    marker: InlineMarker
    series: Series | None  # None for a lone 其次, which is not chained
    context: list[Paragraph]
    offset: int = 0


@dataclass
class InlineAnalysis:
    series: list[Series]
    events: list[SeriesEvent]
    by_marker: dict[int, Series]  # id(marker) -> its series
    starts: list[SeriesStart] = field(default_factory=list)  # series not starting at one


def inline_series(doc: Document) -> InlineAnalysis:
    """Chain the in-line markers of the body into series.

    A stack of open series allows nesting (一是…… inside 第一，……). A marker of a family that is
    open continues it (value 1 starts a new series of that family instead); a marker whose family
    is not open but whose number continues the innermost open series is a mixed family (首先……
    二要……). A heading, a numbered paragraph or an attachment closes every open series.
    """
    cache = doc.__dict__.setdefault("_gwlint_series", {})
    if "inline" in cache:
        return cache["inline"]
    all_series: list[Series] = []
    events: list[SeriesEvent] = []
    by_marker: dict[int, Series] = {}
    stack: list[Series] = []

    def push(m: InlineMarker) -> None:
        s = Series(m.family, [m], confirmed=m.family != "seq")
        stack.append(s)
        all_series.append(s)
        by_marker[id(m)] = s

    starts: list[SeriesStart] = []
    section: list[Paragraph] = []  # paragraphs since the last heading (included) or attachment
    prev_p = None
    for p in doc.iter(("title", "heading", "body")):
        if p.scope != "body" or p.marker is not None or _ATTACHMENT.match(p.text):
            stack.clear()
            if p.scope != "body":
                section = [p]
                continue
            if _ATTACHMENT.match(p.text):
                section = []
        section.append(p)
        # A lone 首先 is kept open into the next paragraph only as an item of its own (首先，……
        # opening a paragraph, followed by a paragraph that opens with a marker): otherwise it was
        # a plain adverb and must not make a later 二是 look like a mixed series.
        ms = inline_markers(p)
        opens = bool(ms) and ms[0].at_start
        stack[:] = [s for s in stack if s.confirmed or (opens and s.items[0].at_start
                                                        and s.items[0].paragraph is prev_p)]
        prev_p = p
        # Headings run into the paragraph (a speech saved as one line) close the series too.
        breaks = [mk.start for mk in embedded_markers(p)]
        pos = 0
        offset = 0  # where the current section starts in this paragraph
        for m in inline_markers(p):
            crossed = [b for b in breaks if pos <= b < m.start]
            if crossed:
                stack.clear()
                offset = crossed[-1]
            pos = m.end
            if m.value == 0:  # 最后，: closes open series
                # 首先……其次……最后 is one set: a 最后 after an open 首先 series closes it alone
                # (not the 第一……第二 around it); otherwise it may close any open series
                open_ = [s for s in stack if s.confirmed and s.count >= 2]
                if open_ and open_[-1].family == "seq":
                    open_ = open_[-1:]
                for s in open_:
                    s.last = m
                    by_marker.setdefault(id(m), s)
                continue
            idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].family == m.family), None)
            if idx is not None:
                s = stack[idx]
                if m.value == 1:
                    # A new series of this family ends the old one, not a series of another
                    # family opened after it (一是……三是, then 第一……第四 with 一是…… under 第四:
                    # 第五 still continues 第四).
                    del stack[idx]
                    push(m)
                    continue
                if m.family == "seq" and m.value > s.expected:
                    continue  # 首先……再次 (= again): not a series step
                del stack[idx + 1:]
                if m.value != s.expected:
                    events.append(SeriesEvent("continuity", m, s, s.expected))
                s.items.append(m)
                s.confirmed = True
                by_marker[id(m)] = s
                continue
            if m.value == 1:
                push(m)
                continue
            top = stack[-1] if stack else None
            if top is not None and top.expected == m.value:
                if m.family == "seq" and m.value > 2:
                    continue  # 再次， after 第一/第二 reads as "once more", not a step
                events.append(SeriesEvent("family", m, top, top.expected))
                top.items.append(m)
                top.confirmed = True
                by_marker[id(m)] = top
                continue
            context = [p] if offset else section[-_LOOK_BACK:]
            if m.family == "seq":
                # 其次/再次 with nothing before: not chained. "其次，" opening a sentence is kept
                # as a possible series start (再次， is also "once more", 其次是 "next comes").
                if m.value == 2 and m.mark in ("，", ",") and _sentence_start(p.text, m.start):
                    starts.append(SeriesStart(m, None, context, offset))
                continue
            # 二是…… with no 一是 before it: start the series here; check_inline_start decides
            # whether the first item is really missing.
            s = Series(m.family, [m])
            stack.append(s)
            all_series.append(s)
            by_marker[id(m)] = s
            starts.append(SeriesStart(m, s, context, offset))
    result = InlineAnalysis([s for s in all_series if s.confirmed], events, by_marker, starts)
    cache["inline"] = result
    return result


def _series_text(s: Series) -> str:
    return "……".join(it.text.strip() for it in s.items[:4]) + ("……" if s.count > 4 else "")



# --- headings, for checks written against the earlier interface -----------------------------------

def heading_items(doc: Document) -> list:
    """The numbered headings and run-in items of the outline (not the articles, not quoted
    lists), in reading order: each has ``paragraph``, ``marker``, ``start``, ``end``, ``level``,
    ``embedded``, ``parent`` and ``segment``."""
    from .outline import outline

    return [n for n in outline(doc).nodes if n.kind == "marker" and not n.quoted]


def sibling_groups(items: list) -> list[list]:
    """Items grouped by parent and level: the unit in which numbers run 1, 2, 3."""
    groups: dict[tuple, list] = {}
    for it in items:
        groups.setdefault((it.segment, id(it.parent), it.level, it.family), []).append(it)
    return list(groups.values())


from .announce import Announcement, announcements  # noqa: E402,F401 - their home until this split
