"""kind: substitution: a wrong form and the right one, with context conditions.

``pairs`` on the rule ({wrong, right, note, <conditions>}) or a reference ``list`` whose columns
are ``wrong``, ``right`` and optionally the condition columns of :mod:`lint.engine.matcher` and ``note``.
The finding's suggestion is the right form.
"""

from __future__ import annotations

from ..matcher import CONDITIONS, PhraseMatcher
from . import Context, Param
from .phrase import build_entries, check  # noqa: F401 - same check as kind: phrase

NAME = "substitution"
PARAMS = {
    "pairs": Param("list", doc="mappings {wrong, right, note, <conditions>}"),
    "list": Param("str", doc="a word list in reference/ with columns wrong, right"),
    **{c: Param("regex", doc=f"context condition for every pair ({c})") for c in CONDITIONS},
    "whole-words": Param("bool", default=False,
                         doc="the wrong form must be whole words (jieba's segmentation); a list row's whole_word column (yes/no) overrides it"),
    "word-edges": Param("bool", default=False,
                        doc="a match that a frequent two-character word straddles at either edge is set aside (正规化 holds no 规化)"),
}
FIELDS = frozenset({"text", "suggestion", "note"})


def compile(params: dict, ctx: Context) -> PhraseMatcher:
    if params.get("list"):
        ctx.word_list(params["list"], "list", ("wrong", "right"))
    entries = build_entries(params, ctx, "wrong", "pairs")
    for e in entries:
        if not e.suggestion:
            raise ctx.error(f"“{e.term}”缺少正确写法（right）", "pairs" if params.get("pairs") else "list")
    return PhraseMatcher(entries)

