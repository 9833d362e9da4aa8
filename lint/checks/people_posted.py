"""Leaders named with their posts in a list (FC018): 区委书记周仲平、区长刘晓川 is in the order
of precedence; 区长刘晓川、区委书记周仲平 is not, and neither is a later list that names two
people in the other order than an earlier one."""

from __future__ import annotations

from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from .people_mentions import mentions

# A government head (县长, 区长, 镇长…) and the party secretary of the same place (县委书记,
# 镇党委书记) listed together: the secretary comes first.
_HEAD = compile_regex(r"^(?P<level>[省市县区州盟旗镇乡])长$")
_SECRETARY_BODY = compile_regex(r"(?P<level>[省市县区州盟旗镇乡])(?:党)?委$")


def _posted_lists(doc, rule):
    """Runs of two or more people named with their posts, joined by 、 (区委书记周仲平、区长刘晓川)."""
    run: list = []
    for m in mentions(doc, rule.scope):
        if not m.title or m.past or m.how != "title":
            m = None
        if m is not None and run and run[-1].p is m.p:
            start = m.span_start if m.span_start >= 0 else m.start
            if m.p.text[run[-1].end:start] == "、":
                run.append(m)
                continue
        if len(run) >= 2:
            yield run
        run = [m] if m is not None else []
    if len(run) >= 2:
        yield run


def _secretary_level(m) -> str | None:
    if m.title != "书记":
        return None
    found = _SECRETARY_BODY.search(m.body)
    return found.group("level") if found and not m.body.endswith(("纪委", "政法委", "工委")) else None


def posted_order(doc, rule) -> Iterator[Hit]:
    """A head of government before the party secretary of the same place in one list; and two
    people named with their posts in one order in a list and in the other order in a later one."""
    first: dict[frozenset, tuple] = {}
    for run in _posted_lists(doc, rule):
        for a, b in zip(run, run[1:]):
            head = _HEAD.match(a.title)
            if head and _secretary_level(b) == head.group("level"):
                start = a.span_start if a.span_start >= 0 else a.start
                yield Hit(a.p, start, b.end, None, {
                    "first": a.name, "second": b.name,
                    "order": f"{b.post}应列在{a.post}之前"})
                break
        else:
            for a, b in zip(run, run[1:]):
                pair = frozenset((a.name, b.name))
                seen = first.get(pair)
                if seen is None:
                    first[pair] = (a.name, b.name, a.p)
                elif seen[0] != a.name:
                    start = a.span_start if a.span_start >= 0 else a.start
                    yield Hit(a.p, start, b.end, None, {
                        "first": a.name, "second": b.name,
                        "order": f"第{seen[2].line}行的排列为“{seen[0]}、{seen[1]}”"})
                    break
