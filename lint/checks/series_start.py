"""ST009: an in-line series that starts past its first item (二是……三是…… with no 一是), decided
by looking back through the section for a first item the parser did not take for a marker, an
earlier series of the same family, or a chain cut by sub-items (第二，…… 1. 2. 第三，……)."""

from __future__ import annotations

from typing import Iterator

from ..analysis.outline import embedded_markers, sequence_problem
from ..analysis.series import (_ATTACHMENT, _LOOK_BACK, _MARKS, _YAO_COMPOUND, SERIES_SCOPES,
                               InlineAnalysis, InlineMarker, SeriesStart, inline_markers, inline_series)
from ..model.document import Document

# The first marker of each family, looked for in the text before a series that starts at two:
# a first item the parser did not take for a marker (重点抓好一是……，二是……).
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
        yield m, {"problem": sequence_problem(m.value, 1), "found": m.text.strip(),
                  "expected": first, "suggestion": first, "advice": advice}
