"""The checks of numbered series, read from the outline and the in-line series analysis.

Headings (:mod:`lint.analysis.outline`): ``continuity`` (a gap, a repeat, a restart against the
document's own convention), ``level-order`` (（一） right under 1.), ``heading-layout`` (one
heading of a series run into a paragraph while its siblings stand alone), ``sibling-shape``.
In-line series (:mod:`lint.analysis.series`): ``inline-continuity``, ``inline-start``,
``family-mix`` (the odd item of a series that mixes two sets of markers), ``item-form`` (an item
whose form breaks the series: 一是…… 二是…… 三是要……), ``inline-layout``; and
``announced-count`` for both. Each yields (spot, data) pairs for the ``series`` rule kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from ..analysis.announce import Announcement, announcements
from ..analysis.outline import Node, _groups, outline, sequence_problem
from ..analysis.series import (_BLANKS, _YAO_COMPOUND, FAMILIES, InlineMarker, _series_text, inline_markers,
                               inline_series)
from ..model.document import Document, han_count
from ..text.chinese import int_to_cn
from .series_start import check_inline_start
from ..cache import compile_regex



@dataclass
class Spot:
    paragraph: object
    start: int
    end: int
    level: int | None = None


def _spot(n: Node, start: int | None = None, end: int | None = None) -> Spot:
    return Spot(n.paragraph, n.start if start is None else start, n.end if end is None else end,
                int(n.level) if n.kind == "marker" else None)


def _canonical(n: Node, value: int) -> str:
    if n.kind == "article":
        return f"第{int_to_cn(value)}{n.family}" if value < 100 else f"第{value}{n.family}"
    if n.family == "cn":
        return int_to_cn(value) + "、"
    if n.family == "cn-paren":
        return "（" + int_to_cn(value) + "）"
    if n.family == "arabic":
        return f"{value}."
    if n.family == "arabic-paren":
        return f"（{value}）"
    return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[value - 1] if 0 < value <= 20 else str(value)




# --- headings ----------------------------------------------------------------------------------

def check_continuity(doc: Document) -> Iterator[tuple[Spot, dict]]:
    """Within one list numbers run 1, 2, 3…, and from one list to the next as the document's own
    convention has it (restarting, or running on)."""
    ol = outline(doc)
    for f in ol.faults:
        n = f.node
        exp = _canonical(n, f.expected)
        yield _spot(n), {"problem": f.problem, "found": n.label, "expected": exp, "suggestion": exp,
                         "convention": _CONVENTION[ol.conventions.get(n.key, "restart")]}


_CONVENTION = {"continuous": "本文这一层序号跨部分接续编号", "restart": "本文这一层序号在每一部分内各自从头编号",
               "single": "本文这一层只有一组序号"}


_LEVEL_ORDER = "一、→（一）→1.→（1）"


def check_level_order(doc: Document) -> Iterator[tuple[Spot, dict]]:
    """A higher level opened right inside a lower one: （一） under 1., 一、 under （一）."""
    for n in outline(doc).nodes:
        prev = n.prev
        if (n.kind != "marker" or n.embedded or n.quoted or prev is None or prev.kind != "marker"
                or prev.quoted or n.value != 1 or prev.level <= n.level):
            continue
        if n.parent is not None and n.parent.kind == "lead" and n.parent.paragraph.index > prev.paragraph.index:
            continue  # a list of its own after a lead-in (……如下：)
        yield _spot(n), {"found": n.label, "outer": prev.label, "problem": "层次颠倒", "order": _LEVEL_ORDER}


def _sibling_lists(doc: Document) -> list[list[Node]]:
    return [g for groups in _groups(outline(doc).nodes).values() for g in groups]


def check_heading_layout(doc: Document) -> Iterator[tuple[Spot, dict]]:
    """A heading of a series run into the end of a paragraph while its siblings stand alone."""
    for group in _sibling_lists(doc):
        alone = [n for n in group if not n.embedded and n.paragraph.scope == "heading"]
        if len(alone) < 2:
            continue
        for n in group:
            if n.embedded:
                yield _spot(n), {"found": n.label, "problem": "标题", "layout": "其他同级标题各自单独成段",
                                 "advice": f"在“{n.label}”前另起一段，作为单独的标题"}


_LATIN_OR_DIGITS = compile_regex(r"[A-Za-z0-9.%]+")


def _heading_length(text: str) -> int:
    """Characters a reader sees: each Chinese character, each run of digits or letters as one."""
    return han_count(text) + len(_LATIN_OR_DIGITS.findall(text))


def check_sibling_shape(doc: Document) -> Iterator[tuple[Spot, dict]]:
    """A heading much longer or shorter than its siblings (parallel headings match in length)."""
    import statistics  # here: only this preview check needs it

    for group in _sibling_lists(doc):
        heads = [n for n in group if n.kind == "marker" and not n.embedded and n.paragraph.scope == "heading"]
        if len(heads) < 4:
            continue
        lengths = [_heading_length(n.paragraph.text[n.end:]) for n in heads]
        med = statistics.median(lengths)
        if med < 4:
            continue
        for n, k in zip(heads, lengths):
            if k >= 2 * med and k - med >= 10:
                how = "明显偏长"
            elif k * 2 <= med and med - k >= 6:
                how = "明显偏短"
            else:
                continue
            yield _spot(n, n.start, len(n.paragraph.text.rstrip())), {
                "found": n.label, "length": k, "median": int(med), "problem": how, "siblings": len(heads)}


# --- in-line series ----------------------------------------------------------------------------

def check_inline_continuity(doc: Document) -> Iterator[tuple[InlineMarker, dict]]:
    """In-line series number without gaps or repeats: 一是、二是、四是 skips 三是."""
    for ev in inline_series(doc).events:
        if ev.kind != "continuity":
            continue
        m = ev.marker
        exp = m.canonical(ev.expected)
        problem = sequence_problem(m.value, ev.expected)
        before = ev.series.items[ev.series.items.index(m) - 1] if m in ev.series.items else None
        yield m, {"problem": problem, "found": m.text.strip(), "expected": exp, "suggestion": exp,
                  "previous": before.text.strip() if before else ""}


def _quoted(m: InlineMarker) -> str:
    return "“" + m.text.strip() + "”"


def check_family_mix(doc: Document) -> Iterator[tuple[InlineMarker, dict]]:
    """One series, one family: 一要…… then 二是……, 首先…… then 二要……, 第一…… then 其次…….

    The odd item is named, not the majority: in 一要及时；二是准确；三是有用 it is 一要. With as
    many of one family as of the other, the later ones are the odd ones (the series set its form
    with its first item)."""
    a = inline_series(doc)
    mixed = {id(ev.series): ev.series for ev in a.events if ev.kind == "family"}
    for s in mixed.values():
        items = s.items
        counts = Counter(it.family for it in items)
        top = max(counts.values())
        major = next(it.family for it in items if counts[it.family] == top)
        for it in items:
            if it.family == major:
                continue
            others = [o for o in items if o.family == major]
            exp = replace(it, family=major).canonical()
            yield it, {"found": it.text.strip(), "first": items[0].text.strip(),
                       "others": "".join(_quoted(o) for o in others[:3]) + ("等" if len(others) > 3 else ""),
                       "expected": exp, "suggestion": exp, "family": FAMILIES[major]}


def _form(m: InlineMarker) -> tuple[str, str]:
    """The form of an item: the mark written after its marker, and whether 要 follows 一是."""
    text = m.paragraph.text
    mark = {"，": "，", ",": "，", "：": "：", ":": "：", "、": "、", "．": ".", ".": "."}.get(m.mark, "")
    yao = "要" if (m.family == "shi" and text[m.end:m.end + 1] == "要"
                  and text[m.end + 1:m.end + 2] not in _YAO_COMPOUND) else ""
    return mark, yao


def check_item_form(doc: Document) -> Iterator[tuple[InlineMarker, dict]]:
    """An item whose form breaks its series: 一是加强……二是压实……三是要强化……, or 一是，……二是，
    ……三是…… — the one item written unlike the others (at least two others agree)."""
    for s in inline_series(doc).series:
        items = [it for it in s.items if it.family == s.family]
        if len(items) < 3:
            continue
        forms = [_form(it) for it in items]
        for k, what in ((0, "mark"), (1, "yao")):
            counts = Counter(f[k] for f in forms)
            if len(counts) != 2:
                continue
            (major, n_major), (odd, n_odd) = counts.most_common()
            if n_odd != 1 or n_major < 2:
                continue
            it = items[[f[k] for f in forms].index(odd)]
            if what == "mark":
                norm = f"序次语后都用“{major}”" if major else "序次语后都不加标点"
                here = f"后面用了“{odd}”" if odd else "后面没有加标点"
                advice = (f"改为“{it.text.strip()}{major}”" if major else f"删去“{odd}”")
            else:
                norm = "都写作“×是要……”" if major else "“是”后都直接接内容"
                here = "少了“要”" if major else "多了“要”"
                advice = "补上“要”" if major else "删去“要”，或把其他各项统一为“×是要”"
            yield it, {"found": it.text.strip() + ("要" if odd == "要" else ""), "norm": norm,
                       "here": here, "advice": advice, "count": n_major}


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
        heads = [n for n in outline(doc).nodes if n.paragraph is a.paragraph and n.start >= a.end]
        if heads and not text[a.end:heads[0].start].strip(_BLANKS) and heads[0].value == 1:
            return _heading_count(doc, heads[0])
        return None
    nxt = next((p for p in doc.paragraphs[a.paragraph.index + 1:] if not p.is_blank), None)
    if nxt is None:
        return None
    heads = [n for n in outline(doc).nodes if n.paragraph is nxt and not n.embedded]
    if heads and heads[0].value == 1:
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


def _heading_count(doc: Document, it: Node):
    group = next((g for g in _sibling_lists(doc) if it in g), [it])
    after = group[group.index(it):]
    return it, {len(after)}, len(after), "……".join(x.label for x in after[:4]) + (
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
    "inline-start": check_inline_start,  # lint.checks.series_start
    "family-mix": check_family_mix,
    "item-form": check_item_form,
    "inline-layout": check_inline_layout,
    "announced-count": check_announced_count,
}

from ..engine.kinds.series import CHECK_NAMES as _NAMES  # noqa: E402 - the kind's names, kept in step

assert set(_NAMES) == set(CHECKS), "lint.engine.kinds.series.CHECK_NAMES and CHECKS differ"
