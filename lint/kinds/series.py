"""kind: series: numbered points (序次语) and their order.

``check`` names one of the checks in :mod:`lint.series` (``continuity``, ``level-order``, …);
each reports the marker it concerns. ``levels`` restricts the check to some heading levels.
"""

from __future__ import annotations

from typing import Iterator

from ..finding import Hit
from ..series import CHECKS
from . import Context, Param

NAME = "series"
PARAMS = {
    "check": Param("str", required=True, choices=tuple(CHECKS)),
    "levels": Param("list", doc="heading levels (1-5) the check looks at; all when absent"),
}
FIELDS = frozenset({"text", "suggestion", "problem", "found", "expected", "outer"})


def compile(params: dict, ctx: Context) -> dict:
    levels = params.get("levels")
    if levels is not None and not all(isinstance(v, int) and 1 <= v <= 5 for v in levels):
        raise ctx.error("“levels”应为 1 到 5 的整数列表", "levels")
    return {"fn": CHECKS[params["check"]], "levels": set(levels or ())}


def check(c: dict, doc, rule) -> Iterator[Hit]:
    for item, data in c["fn"](doc):
        if c["levels"] and item.marker.level not in c["levels"]:
            continue
        m = item.marker
        yield Hit(item.paragraph, m.start, m.end, data.get("expected"), data)
