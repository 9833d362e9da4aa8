"""kind: series: numbered points (序次语) and their order.

``check`` names one of the checks in :mod:`lint.checks.series` (which read the outline and the
in-line series analysis: this kind is only their configuration): for headings ``continuity``,
``level-order``, ``heading-layout``, ``sibling-shape``; for in-line series (一是/二是, 一要/二要,
第一/第二, 其一/其二, 首先/其次) ``inline-continuity``, ``inline-start``, ``family-mix``,
``item-form``, ``inline-layout``; and ``announced-count`` for both. Each reports the marker (or announcement) it
concerns. ``levels`` restricts a heading check to some heading levels.
"""

from __future__ import annotations

import importlib
from typing import Iterator

from ...model.finding import Hit
from . import Context, Param

NAME = "series"
# The checks live in lint.checks.series, a stage above the engine: like ``kind: python``, this kind
# loads them when a rule is compiled, so the engine never imports the checks.
CHECK_NAMES = ("continuity", "level-order", "heading-layout", "sibling-shape", "inline-continuity",
               "inline-start", "family-mix", "item-form", "inline-layout", "announced-count")
PARAMS = {
    "check": Param("str", required=True, choices=CHECK_NAMES),
    "levels": Param("list", doc="heading levels (1-5) the check looks at; all when absent"),
}
FIELDS = frozenset({"text", "suggestion", "problem", "found", "expected", "outer", "order",
                    "previous", "first", "family", "layout", "advice", "announced", "actual",
                    "items", "length", "median", "siblings", "others", "convention", "norm",
                    "here", "count"})


def compile(params: dict, ctx: Context) -> dict:
    levels = params.get("levels")
    if levels is not None and not all(isinstance(v, int) and 1 <= v <= 5 for v in levels):
        raise ctx.error("“levels”应为 1 到 5 的整数列表", "levels")
    checks = importlib.import_module("lint.checks.series").CHECKS
    return {"fn": checks[params["check"]], "levels": set(levels or ())}


def check(c: dict, doc, rule) -> Iterator[Hit]:
    for spot, data in c["fn"](doc):
        level = getattr(spot, "level", None)
        if c["levels"] and level is not None and level not in c["levels"]:
            continue
        if spot.paragraph.scope not in rule.scope:
            continue
        yield Hit(spot.paragraph, spot.start, spot.end, data.get("suggestion"), data)
