"""kind: metric: lengths counted in Chinese characters.

``measure`` is one of ``sentence-length``, ``paragraph-length`` (each unit in the rule's scope),
``heading-length`` (headings of the levels in ``levels``) or ``document-length`` (the title,
headings, body and tables together, reported once for the whole document). A unit longer than
``max`` (or shorter than ``min``) is a finding. Thresholds are set from measurement of
carefully edited official text and can be changed per project.
"""

from __future__ import annotations

from typing import Iterator

from ...cache import compile_regex

from ...model.document import han_count
from ...analysis.structure import structure
from ...model.finding import Hit
from . import Context, Param

NAME = "metric"
MEASURES = ("sentence-length", "paragraph-length", "heading-length", "document-length")
PARAMS = {
    "measure": Param("str", required=True, choices=MEASURES),
    "max": Param("int", tunable=True, doc="largest length that passes"),
    "min": Param("int", tunable=True, doc="smallest length that passes"),
    "levels": Param("list", doc="heading levels to measure (heading-length)"),
}
FIELDS = frozenset({"text", "length", "max", "min"})


def compile(params: dict, ctx: Context) -> dict:
    if params.get("max") is None and params.get("min") is None:
        raise ctx.error("kind: metric 需要“max”或“min”")
    for key in ("max", "min"):
        if params.get(key) is not None and params[key] < 0:
            raise ctx.error(f"“{key}”不能为负数", key)
    return params


def _out_of_range(n: int, c: dict) -> bool:
    return (c.get("max") is not None and n > c["max"]) or (c.get("min") is not None and n < c["min"])


def check(c: dict, doc, rule) -> Iterator[Hit]:
    data = {"max": c.get("max"), "min": c.get("min")}
    measure = c["measure"]
    if measure == "document-length":
        n = doc.text_chars
        if _out_of_range(n, c):
            yield Hit(None, 0, 0, None, {**data, "length": n})
        return
    levels = set(c.get("levels") or ())
    # A draft whose paragraph breaks were lost (lint.analysis.structure): one line is not one
    # paragraph, and its first "sentence" runs the title and the salutation into the text.
    st = structure(doc)
    flat = {i for i in st.breaks} | ({p.index for p in doc.iter(rule.scope)} if st.flattened else set())
    # With only an upper bound, a text no longer than it in characters cannot exceed it in
    # Chinese characters: most sentences and paragraphs are settled without counting.
    short = c["max"] if c.get("min") is None and c.get("max") is not None else -1
    for p in doc.iter(rule.scope):
        if len(p.text) <= short:
            continue
        if measure == "sentence-length":
            for s in p.sentences:
                if s.end - s.start <= short:
                    continue
                n = han_count(s.text) if p.index not in flat else _flat_length(s.text)
                if _out_of_range(n, c):
                    yield Hit(p, s.start, s.end, None, {**data, "length": n})
            continue
        if measure == "heading-length" and levels and p.level not in levels:
            continue
        if measure == "heading-length" and p.text.rstrip(" \u3000\t").endswith(("。", "；", ";")):
            continue  # 四、县政府由……组成。: a numbered sentence, an item of the text, not a heading
        if measure == "paragraph-length" and p.index in flat:
            continue  # not a paragraph: several run together
        n = han_count(p.text)
        if _out_of_range(n, c):
            start = len(p.text) - len(p.text.lstrip())
            yield Hit(p, start, len(p.text.rstrip()), None, {**data, "length": n})


_FLAT_CUT = compile_regex(r"[：:]|(?<=[。！？])[一二三四五六七八九十]+、|——")


def _flat_length(text: str) -> int:
    """The length of a sentence of flattened text: the longest stretch between the places where a
    lost break may have been (a colon after a title or salutation, a dash, a heading number)."""
    return max(han_count(piece) for piece in _FLAT_CUT.split(text))
