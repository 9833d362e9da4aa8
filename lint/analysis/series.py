"""Numbered series of a document: headings 一、（一）1.（1）① and in-line series 一是/二是….

Two kinds of series:

- **Heading series.** ``heading_items`` collects the numbering markers that open paragraphs
  (headings and run-in items) and, after a full stop, those run into the middle of a paragraph
  (``……。三、保障措施``, and every heading of a speech saved as one line of a .txt), in reading
  order; ``sibling_groups`` groups them by parent and level, the unit in which numbers must run
  1, 2, 3 without gaps (GB/T 9704-2012 7.3.3, GB/T 15834-2011 B.3.8).
- **In-line series.** ``inline_markers`` finds the narrative 序次语 anywhere in a paragraph:
  一是/二是, 一要/二要, 第一/第二, 其一/其二, 首先/其次/再次/最后, each with its offsets and the mark
  written after it; ``inline_series`` chains them into series (a new series starts at 一是, a
  heading closes all open ones, a series nested inside an item of another is allowed). A series
  whose first marker is above one (二是 with no 一是) is kept in ``InlineAnalysis.starts``;
  ``check_inline_start`` looks back through its section to decide whether its first item is
  really missing.

The named checks in ``CHECKS`` yield (spot, data) pairs: ``spot`` has ``paragraph``, ``start``,
``end`` and ``level`` (a heading level, or None for in-line series); ``data`` fills the rule's
message and may carry the ``suggestion``. The ``series`` kind turns them into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

from ..model.document import Document, Paragraph, han_count
from ..text.numbering import Marker, cn_to_int, int_to_cn, parse_marker
from ..text.fastregex import fast

# An attachment restarts the numbering (附件, 附件1, 附件：).
_ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$")
# 附件说明 (GB/T 9704-2012 7.3.4): "附件：1.××" opens a list of its own, continued by "2.××".
_ATTACHMENT_NOTE = re.compile(r"^\s*附\s*件\s*[:：]\s*")
SERIES_SCOPES = ("title", "heading", "body")
_BLANKS = " \u3000\t"


# --- heading series --------------------------------------------------------------------------

@dataclass
class Item:
    paragraph: Paragraph
    marker: Marker
    parent: "Item | None"
    prev: "Item | None"  # the marker just before, at any level
    segment: int = 0  # the main text is 0; each attachment starts a new segment
    embedded: bool = False  # run into a paragraph after a full stop, not opening it

    @property
    def start(self) -> int:
        return self.marker.start

    @property
    def end(self) -> int:
        return self.marker.end

    @property
    def level(self) -> int:
        return self.marker.level


# A heading marker run into a paragraph starts a new sentence: it follows 。！？ (and any closing
# quote or bracket). Circled numbers and "1 " with a blank are too ambiguous there.
_SENTENCE_BREAK = re.compile(r"[。！？!?][”’」』）)]*[ \u3000]*")
_EMBEDDED_FAMILIES = {"cn": "、", "cn-paren": None, "arabic": ".．、", "arabic-paren": None}
_NUMERAL_AFTER = re.compile(r"[一二三四五六七八九十〇零两\d]")


def embedded_markers(p: Paragraph) -> list[Marker]:
    """Heading markers that open a sentence inside ``p`` (not at its start), offsets in ``p``."""
    cached = p.__dict__.get("_gwlint_embedded")
    if cached is not None:
        return cached
    p.__dict__["_gwlint_embedded"] = out = _embedded_markers(p)
    return out


def _embedded_markers(p: Paragraph) -> list[Marker]:
    text = p.text
    if not any(c in text for c in "。！？!?"):
        return []
    out: list[Marker] = []
    for m in _SENTENCE_BREAK.finditer(text):
        pos = m.end()
        if pos >= len(text):
            continue
        mk = parse_marker(text[pos:pos + 12])
        if mk is None or mk.start != 0 or mk.family not in _EMBEDDED_FAMILIES:
            continue
        marks = _EMBEDDED_FAMILIES[mk.family]
        if marks is not None and (not mk.mark or mk.mark not in marks):
            continue
        after = text[pos + mk.end:pos + mk.end + 1]
        # "一、二季度", "1、2月份": a range of numerals, not a list item.
        if not after or _NUMERAL_AFTER.match(after):
            continue
        out.append(replace(mk, start=mk.start + pos, end=mk.end + pos))
    return out


def heading_items(doc: Document) -> list[Item]:
    cache = doc.__dict__.setdefault("_gwlint_series", {})
    if "headings" in cache:
        return cache["headings"]
    items: list[Item] = []
    stack: list[Item] = []
    prev = None
    segment = 0
    for p in doc.iter(SERIES_SCOPES):
        if _ATTACHMENT.match(p.text):
            stack, prev, segment = [], None, segment + 1
            continue
        found = [(p.marker, False)] if p.marker is not None else []
        note = _ATTACHMENT_NOTE.match(p.text)
        if note and not found:
            first = parse_marker(p.text[note.end():])
            if first is not None:
                stack, prev, segment = [], None, segment + 1
                found = [(replace(first, start=first.start + note.end(), end=first.end + note.end()), False)]
        if p.scope == "body":
            found += [(m, True) for m in embedded_markers(p)]
        for m, embedded in found:
            while stack and stack[-1].marker.level >= m.level:
                stack.pop()
            item = Item(p, m, stack[-1] if stack else None, prev, segment, embedded)
            items.append(item)
            stack.append(item)
            prev = item
    cache["headings"] = items
    return items


def sibling_groups(items: list[Item]) -> list[list[Item]]:
    groups: dict[tuple, list[Item]] = {}
    for it in items:
        key = (it.segment, id(it.parent), it.marker.level)
        groups.setdefault(key, []).append(it)
    return list(groups.values())


def _marker_text(m: Marker, value: int) -> str:
    return replace(m, value=value).canonical


def _sequence_problem(value: int, expected: int) -> str:
    if value == expected - 1:
        return "序号重复"
    if value < expected:
        return "序号重新编号"
    if expected == 1:
        return "序号未从第一项开始"
    return "序号跳号"


def check_continuity(doc: Document) -> Iterator[tuple[Item, dict]]:
    """Within one parent and level, numbers run 1, 2, 3…: no gap, repeat or restart."""
    for group in sibling_groups(heading_items(doc)):
        expected = 1
        for it in group:
            v = it.marker.value
            if v != expected:
                # A marker run into a sentence is reported only in a series of three or more
                # (a speech saved as one line), not a lone "（3）" quoted in running text.
                if not it.embedded or len(group) >= 3:
                    exp = _marker_text(it.marker, expected)
                    yield it, {"problem": _sequence_problem(v, expected),
                               "found": it.marker.text.strip(), "expected": exp,
                               "suggestion": exp}
            expected = v + 1


def check_level_order(doc: Document) -> Iterator[tuple[Item, dict]]:
    """A higher level opened inside a lower one: （一） right under 1., 一、 under （一）."""
    for it in heading_items(doc):
        prev = it.prev
        if it.embedded or prev is None or it.marker.value != 1 or prev.marker.level <= it.marker.level:
            continue
        yield it, {"found": it.marker.text.strip(), "outer": prev.marker.text.strip(),
                   "problem": "层次颠倒", "order": _LEVEL_ORDER}


_LEVEL_ORDER = "一、→（一）→1.→（1）"


def check_heading_layout(doc: Document) -> Iterator[tuple[Item, dict]]:
    """A heading of a series run into the end of a paragraph while its siblings stand alone."""
    for group in sibling_groups(heading_items(doc)):
        alone = [it for it in group if not it.embedded and it.paragraph.scope == "heading"]
        if len(alone) < 2:
            continue
        for it in group:
            if it.embedded:
                yield it, {"found": it.marker.text.strip(), "problem": "标题",
                           "layout": "其他同级标题各自单独成段",
                           "advice": f"在“{it.marker.text.strip()}”前另起一段，作为单独的标题"}


def check_sibling_shape(doc: Document) -> Iterator[tuple[Item, dict]]:
    """A heading much longer or shorter than its siblings (parallel headings match in length)."""
    for group in sibling_groups(heading_items(doc)):
        heads = [it for it in group if not it.embedded and it.paragraph.scope == "heading"]
        if len(heads) < 4:
            continue  # with three or fewer, "the others" are too few to set a norm
        lengths = [_heading_length(it.paragraph.text[it.marker.end:]) for it in heads]
        import statistics  # here: only this preview check needs it, and it costs every start ~2 ms

        med = statistics.median(lengths)
        if med < 4:
            continue
        for it, n in zip(heads, lengths):
            if n >= 2 * med and n - med >= 10:
                how = "明显偏长"
            elif n * 2 <= med and med - n >= 6:
                how = "明显偏短"
            else:
                continue
            yield replace_span(it, it.marker.start, len(it.paragraph.text.rstrip())), {
                "found": it.marker.text.strip(), "length": n, "median": int(med), "problem": how,
                "siblings": len(heads)}


_LATIN_OR_DIGITS = re.compile(r"[A-Za-z0-9.%]+")


def _heading_length(text: str) -> int:
    """Length of a heading in characters a reader sees: each Chinese character, and each run of
    digits or Latin letters as one (2024年 is two, not five)."""
    return han_count(text) + len(_LATIN_OR_DIGITS.findall(text))


@dataclass
class Spot:
    paragraph: Paragraph
    start: int
    end: int
    level: int | None = None


def replace_span(it: Item, start: int, end: int) -> Spot:
    return Spot(it.paragraph, start, end, it.marker.level)


# --- in-line series ---------------------------------------------------------------------------

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
            if m.value == 0:  # 最后，: may close any open series (nested ones are ambiguous)
                for s in stack:
                    if s.confirmed and s.count >= 2:
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


def check_inline_continuity(doc: Document) -> Iterator[tuple[InlineMarker, dict]]:
    """In-line series number without gaps or repeats: 一是、二是、四是 skips 三是."""
    for ev in inline_series(doc).events:
        if ev.kind != "continuity":
            continue
        m = ev.marker
        exp = m.canonical(ev.expected)
        problem = _sequence_problem(m.value, ev.expected)
        before = ev.series.items[ev.series.items.index(m) - 1] if m in ev.series.items else None
        yield m, {"problem": problem, "found": m.text.strip(), "expected": exp, "suggestion": exp,
                  "previous": before.text.strip() if before else ""}


# The first marker of each family, as a literal looked for in the text before a series that
# starts at two: a first item the parser did not take for a marker (重点抓好一是……，二是……).
_FIRST = {"shi": "一是", "yao": "一要", "di": "第一", "qi": "其一", "seq": "首先"}
# 统一是, 唯一要, 同一要求, 第一要务: a word, not a first item.
_FIRST_NOT_AFTER = set("统唯同万专单划第逐")
_FIRST_UNITS = set("步点条项")
_QUOTES = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"))


def _in_quotation(text: str, pos: int) -> bool:
    """``pos`` lies inside a quotation or a title of a document (more openers than closers)."""
    head = text[:pos]
    return any(head.count(o) > head.count(c) for o, c in _QUOTES)


def _hidden_first(text: str, family: str, known: set[int]) -> bool:
    """``text`` holds this family's first marker where the parser saw none (``known`` are the
    starts of the markers it did find)."""
    lit = _FIRST[family]
    i = text.find(lit)
    while i >= 0:
        after = text[i + 2:i + 3]
        if i not in known and not (i and text[i - 1] in _FIRST_NOT_AFTER):
            if family == "di":
                # 第一，/第一是/第一步，/第一点，: a first item (第一次, 第一书记 are not)
                if after in _FIRST_UNITS:
                    after = text[i + 3:i + 4]
                if after and (after in _MARKS or after == "是"):
                    return True
            elif not (family == "yao" and after in _YAO_COMPOUND):
                return True
        i = text.find(lit, i + 1)
    return False


def _in_context(o: InlineMarker, st: SeriesStart) -> bool:
    """``o`` lies in the text of ``st``'s section before its marker."""
    p, first = o.paragraph, st.context[0]
    if p is st.marker.paragraph:
        return st.offset <= o.start < st.marker.start
    return first.index <= p.index < st.marker.paragraph.index and not (p is first and st.offset)


def _first_missing(doc: Document, a: InlineAnalysis, st: SeriesStart, earlier: set[int]) -> bool:
    """Nothing before ``st`` in its section can be the series' first item."""
    m = st.marker
    if _in_quotation(m.paragraph.text, m.start):
        return False  # 他说：“……二是……”, 《……二是……》
    for p in st.context:
        own = p is m.paragraph
        lo = st.offset if own else 0
        hi = m.start if own else len(p.text)
        known = set()
        for o in inline_markers(p) if p.scope == "body" else ():
            if not lo <= o.start < hi:
                continue
            known.add(o.start)
            if id(o) in earlier and o.family == m.family:
                return False  # an earlier series of this family in the section already began past one
            if o.value == 1:
                s = a.by_marker.get(id(o))
                # a first item that opened no series of its own (首先，…… then 二要……, its
                # series expired): a mixed series, ST003's business, not a missing item
                if s is None or s.count == 1:
                    return False
        if _hidden_first(p.text[lo:hi], m.family, {k - lo for k in known}):
            return False
    return not _continues(doc, m)


_LOOK_BACK = 200  # paragraphs


def _back(doc: Document, m: InlineMarker) -> Iterator[tuple[str, object]]:
    """What precedes ``m``, nearest first: ("heading", level) for a heading (the title is level
    0) and a heading run into a paragraph after a full stop; ("marker", m) for an in-line marker of
    ``m``'s family. A numbered run-in item (1.……。……) is neither: such items often sit inside one
    point of a series (第二，…… 1.…… 2.…… 第三，……), whatever their numbering level. Stops at an
    attachment."""
    paras = doc.paragraphs
    for i in range(m.paragraph.index, max(-1, m.paragraph.index - _LOOK_BACK), -1):
        p = paras[i]
        if p.scope not in SERIES_SCOPES or not p.text.strip():
            continue
        if _ATTACHMENT.match(p.text):
            return
        if p.scope == "title":
            yield "heading", 0
            return
        limit = m.start if p is m.paragraph else len(p.text)
        spots: list[tuple[int, str, object]] = []
        if p.scope == "body":
            spots += [(o.start, "marker", o) for o in inline_markers(p)
                      if o.family == m.family and o.start < limit]
            spots += [(e.start, "heading", e.level) for e in embedded_markers(p) if e.start < limit]
        if p.scope == "heading" and p.level is not None:
            spots.append((-1, "heading", p.level))
        for _, kind, what in sorted(spots, key=lambda x: -x[0]):
            yield kind, what


def _continues(doc: Document, m: InlineMarker) -> bool:
    """``m`` goes on with a series whose chain was cut: the nearest marker of its family before
    it is its predecessor (第二 before 第三), and every heading between them is deeper than the
    heading above that predecessor (第一，…… 第二，…… then 1. 2. as sub-items, then 第三，)."""
    between = None  # the highest level (smallest number) of the headings passed
    walk = _back(doc, m)
    for kind, what in walk:
        if kind == "heading":
            between = what if between is None else min(between, what)
            continue
        if what.value != m.value - 1:
            return False
        above = next((lvl for k, lvl in walk if k == "heading"), 0)
        return between is None or between > above
    return False


def check_inline_start(doc: Document) -> Iterator[tuple[InlineMarker, dict]]:
    """An in-line series that starts past its first item: 二是……三是…… with no 一是 before it,
    其次， with no 首先, 第二， with no 第一 (the first point deleted or moved away)."""
    a = inline_series(doc)
    earlier: set[int] = set()
    last: dict[str, InlineMarker] = {}  # the latest start of each family
    for st in a.starts:
        m = st.marker
        prev = last.get(m.family)
        last[m.family] = m
        earlier.add(id(m))
        if prev is not None and _in_context(prev, st):
            continue  # a series of this family already began past one in this section
        if not _first_missing(doc, a, st, earlier):
            continue
        first = m.canonical(1)
        s = st.series
        items = s.items if s is not None else [m]
        if len(items) >= 2:
            listing = "……".join(it.text.strip() for it in items[:4]) + ("……" if len(items) > 4 else "")
            fixed = "……".join(it.canonical(k) for k, it in enumerate(items[:4], 1)) + (
                "……" if len(items) > 4 else "")
            advice = f"若第一项漏标或在改稿时删去了，请补上“{first}”；否则本组应依次改为{fixed}（原为{listing}）"
        else:
            advice = f"若第一项漏标或在改稿时删去了，请补上“{first}”；只有这一项的，可删去“{m.text.strip()}”，不再分项"
        yield m, {"problem": _sequence_problem(m.value, 1), "found": m.text.strip(),
                  "expected": first, "suggestion": first, "advice": advice}


def check_family_mix(doc: Document) -> Iterator[tuple[InlineMarker, dict]]:
    """One series, one family: 一要…… then 二是……, 首先…… then 二要……, 第一…… then 其次……."""
    reported = set()
    for ev in inline_series(doc).events:
        if ev.kind != "family" or id(ev.series) in reported:
            continue
        reported.add(id(ev.series))  # one finding per series: the first item of another family
        m, first = ev.marker, ev.series.items[0]
        exp = first.canonical(ev.expected)
        yield m, {"found": m.text.strip(), "first": first.text.strip(), "expected": exp,
                  "suggestion": exp, "family": FAMILIES[first.family]}


def check_inline_layout(doc: Document) -> Iterator[tuple[InlineMarker, dict]]:
    """Items of one series laid out differently: most open their own paragraph, one is run into
    the end of another item's paragraph."""
    for s in inline_series(doc).series:
        items = s.items
        if len(items) < 3:
            continue
        alone = [it for it in items if it.at_start]
        if len(alone) < 2:
            continue
        owners = {id(it.paragraph) for it in items}
        if len(owners) < 2:
            continue
        for it in items[1:]:
            if it.at_start:
                continue
            # run into the paragraph of an earlier item of the same series
            if any(o.paragraph is it.paragraph and o.start < it.start for o in items):
                yield it, {"found": it.text.strip(), "problem": "分项",
                           "layout": f"本组其他{len(alone)}项各自单独成段",
                           "advice": f"在“{it.text.strip()}”前另起一段"}


# --- announced counts ---------------------------------------------------------------------------

_COUNT_NUM = "(?P<num>十[一二三四五六七八九]?|[两二三四五六七八九]|[2-9])"
_NOUNS = ("意见|看法|体会|想法|建议|要求|工作|措施|举措|任务|重点|事情|大事|实事|事|原则|问题|方面|"
          "内容|目标|环节|关系|做法|经验|成效|变化|特点|举动|行动|工程|机制|制度|途径|方法|措施")
_ANNOUNCE = fast(
    # 讲三点意见 / 抓好三件事 / 采取四项措施 / 三个方面的工作
    rf"(?<![第一二三四五六七八九十两\d]){_COUNT_NUM}(?P<cls>个方面|大方面|方面|点|项|件|条|个)(?:的)?"
    rf"(?P<noun>{_NOUNS})?(?P<rest>工作|措施|任务|问题|要求|意见)?"
    r"(?P<end>[ \u3000]*(?:[：:。]|，(?=即)|(?=[ \u3000]*$)))"
    # 概括起来就是“三个十分”：/ 以下“六方面”工作：
    # 概括起来就是“三个十分”：/ 以下“六方面”工作：/ 做到“三个十分”：
    r"|(?P<lead>概括起来(?:就是)?|归纳起来(?:就是)?|概括为|归纳为|总结为|以下|如下|即|就是)?“"
    rf"{_COUNT_NUM.replace('num', 'qnum')}(?P<qcls>个|大|项|点|条|方面)?[^”“。；]{{0,6}}”"
    rf"(?P<qnoun>{_NOUNS})?(?P<qend>[ \u3000]*(?:[：:。]|(?=[ \u3000]*$)))"
    # 要做到三个“坚持”：
    rf"|(?<![第一二三四五六七八九十两\d]){_COUNT_NUM.replace('num', 'knum')}(?:个|大|项|条)“[^”“。；]{{1,6}}”"
    r"(?P<kend>[：:])")


def _count_value(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return cn_to_int(s.replace("两", "二"))


@dataclass
class Announcement:
    paragraph: Paragraph
    start: int
    end: int  # end of the lead-in, after its colon or full stop
    count: int
    text: str


def announcements(doc: Document) -> list[Announcement]:
    out = []
    for p in doc.iter(("heading", "body")):
        for m in _ANNOUNCE.finditer(p.text):
            if m.group("num"):
                if m.group("cls") == "个" and not m.group("noun"):
                    continue  # 三个 alone: 三个代表, 三个务必…
                if not (m.group("noun") or m.group("cls") in ("个方面", "大方面", "方面", "点")):
                    continue
                n = _count_value(m.group("num"))
                start = m.start("num")
            elif m.group("qnum"):
                # Without a lead word only a colon right after the quotation announces a list
                # (做到“三个十分”：); “三个代表”重要思想。 names a doctrine.
                if not m.group("lead") and (m.group("qnoun") or m.group("qend").strip() not in ("：", ":")):
                    continue
                n = _count_value(m.group("qnum"))
                start = m.start("lead") if m.group("lead") else m.start("qnum") - 1
            else:
                n = _count_value(m.group("knum"))
                start = m.start("knum")
            if n and n >= 2:
                out.append(Announcement(p, start, m.end(), n, p.text[start:m.end()].rstrip("：:。 \u3000")))
    return out


def _next_series_after(doc: Document, a: Announcement):
    """The series that starts right after an announcement: its items and how to count them.

    Right after means the next clause of the same paragraph, or the start of the next non-blank
    paragraph (an in-line item or a heading). Anything else: no series is announced.
    """
    text = a.paragraph.text
    rest = text[a.end:]
    if rest.strip(_BLANKS):
        ms = [m for m in inline_markers(a.paragraph) if m.start >= a.end]
        if ms and not text[a.end:ms[0].start].strip(_BLANKS) and ms[0].value == 1:
            return _inline_count(doc, ms[0])
        heads = [it for it in heading_items(doc) if it.paragraph is a.paragraph and it.start >= a.end]
        if heads and not text[a.end:heads[0].start].strip(_BLANKS) and heads[0].marker.value == 1:
            return _heading_count(doc, heads[0])
        return None
    nxt = next((p for p in doc.paragraphs[a.paragraph.index + 1:] if not p.is_blank), None)
    if nxt is None:
        return None
    heads = [it for it in heading_items(doc) if it.paragraph is nxt and not it.embedded]
    if heads and heads[0].marker.value == 1:
        return _heading_count(doc, heads[0])
    ms = inline_markers(nxt)
    if ms and ms[0].at_start and ms[0].value == 1:
        return _inline_count(doc, ms[0])
    return None


def _inline_count(doc: Document, m: InlineMarker):
    s = inline_series(doc).by_marker.get(id(m))
    if s is None or not s.confirmed:
        return None
    counts = {s.count} | ({s.count + 1} if s.last is not None else set())
    return m, counts, s.count + (1 if s.last is not None else 0), _series_text(s)


def _heading_count(doc: Document, it: Item):
    group = next(g for g in sibling_groups(heading_items(doc)) if it in g)
    after = group[group.index(it):]
    return it, {len(after)}, len(after), "……".join(x.marker.text.strip() for x in after[:4]) + (
        "……" if len(after) > 4 else "")


def _cn_count(n: int) -> str:
    return "两" if n == 2 else int_to_cn(n)


def check_announced_count(doc: Document) -> Iterator[tuple[Spot, dict]]:
    """"讲三点意见" followed by a series of another length."""
    for a in announcements(doc):
        found = _next_series_after(doc, a)
        if found is None:
            continue
        first, counts, actual, listing = found
        if a.count in counts:
            continue
        yield Spot(a.paragraph, a.start, a.start + len(a.text), None), {
            "found": a.text, "announced": _cn_count(a.count), "actual": _cn_count(actual),
            "items": listing}


CHECKS: dict[str, Callable[[Document], Iterator[tuple[object, dict]]]] = {
    "continuity": check_continuity,
    "level-order": check_level_order,
    "heading-layout": check_heading_layout,
    "sibling-shape": check_sibling_shape,
    "inline-continuity": check_inline_continuity,
    "inline-start": check_inline_start,
    "family-mix": check_family_mix,
    "inline-layout": check_inline_layout,
    "announced-count": check_announced_count,
}
