"""Numbered series of a document: headings 一、（一）1.（1）① and their order.

``heading_items`` collects the numbering markers that open paragraphs (headings and run-in
items) in reading order; ``sibling_groups`` groups them by parent and level, the unit in which
numbers must run 1, 2, 3 without gaps (GB/T 9704-2012 7.3.3, GB/T 15834-2011 B.3.8). Each named
check yields (item, data) pairs that the ``series`` kind turns into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from .document import Document, Paragraph
from .numbering import Marker

# An attachment restarts the numbering (附件, 附件1, 附件：).
_ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$")
SERIES_SCOPES = ("title", "heading", "body")


@dataclass
class Item:
    paragraph: Paragraph
    marker: Marker
    parent: "Item | None"
    prev: "Item | None"  # the marker just before, at any level
    segment: int = 0  # the main text is 0; each attachment starts a new segment


def heading_items(doc: Document) -> list[Item]:
    items: list[Item] = []
    stack: list[Item] = []
    prev = None
    segment = 0
    for p in doc.iter(SERIES_SCOPES):
        if _ATTACHMENT.match(p.text):
            stack, prev, segment = [], None, segment + 1
            continue
        m = p.marker
        if m is None:
            continue
        while stack and stack[-1].marker.level >= m.level:
            stack.pop()
        item = Item(p, m, stack[-1] if stack else None, prev, segment)
        items.append(item)
        stack.append(item)
        prev = item
    return items


def sibling_groups(items: list[Item]) -> list[list[Item]]:
    groups: dict[tuple, list[Item]] = {}
    for it in items:
        key = (it.segment, id(it.parent), it.marker.level)
        groups.setdefault(key, []).append(it)
    return list(groups.values())


def _marker_text(m: Marker, value: int) -> str:
    return replace(m, value=value).canonical


def check_continuity(doc: Document) -> Iterator[tuple[Item, dict]]:
    """Within one parent and level, numbers run 1, 2, 3…: no gap, repeat or restart."""
    for group in sibling_groups(heading_items(doc)):
        expected = 1
        for it in group:
            v = it.marker.value
            if v != expected:
                if v == expected - 1:
                    problem = "序号重复"
                elif v < expected:
                    problem = "序号重新编号"
                elif expected == 1:
                    problem = "序号未从第一项开始"
                else:
                    problem = "序号跳号"
                yield it, {"problem": problem, "found": it.marker.text.strip(),
                           "expected": _marker_text(it.marker, expected)}
            expected = v + 1


def check_level_order(doc: Document) -> Iterator[tuple[Item, dict]]:
    """A higher level opened inside a lower one: （一） right under 1., 一、 under （一）."""
    for it in heading_items(doc):
        prev = it.prev
        if prev is None or it.marker.value != 1 or prev.marker.level <= it.marker.level:
            continue
        if it.parent is not None and it.parent.marker.level >= it.marker.level:
            continue
        # Only an inversion if this level never appeared before under the same parent.
        yield it, {"found": it.marker.text.strip(), "outer": prev.marker.text.strip(),
                   "problem": "层次颠倒"}


CHECKS: dict[str, Callable[[Document], Iterator[tuple[Item, dict]]]] = {
    "continuity": check_continuity,
    "level-order": check_level_order,
}
