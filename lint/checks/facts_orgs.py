"""Organisation names (FC008, FC009): bodies renamed, merged or abolished in the institutional
reforms, and abbreviations used before the full name.

A name counts as used as current unless its clause (the sentence, or its part between
semicolons) speaks of the past or of the reform: 原/原来的 before it, a year before the change,
or reform words (组建, 更名, 不再保留, 划入, 整合…). The document date decides whether the change had happened; an undated
draft is taken as written today.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.fastregex import fast
from .facts_common import clause_at, date_words, effective_date, keyed, left_edge, parse_date, per_paragraph, years_in

# (挂牌 as in 挂牌成立, not 挂牌督办: a body in use supervising a hazard)
_HISTORY = fast(r"组建|重新组建|更名|改名|改为|不再保留|撤销|撤并|划入|划转|整合|合并|转隶|挂牌(?!督办)|机构改革|"
                r"原来的|前身|曾经|曾")
_RIGHT_NOT = set("门署员")


@per_paragraph
def org_renamed(doc, rule, options, p) -> Iterator[Hit]:
    words, table = keyed(rule, options["list"], "old")
    today = effective_date(doc)
    when = date_words(doc)
    for start, end, name in words.longest(p.text):
        row = table[name]
        changed = parse_date(row["date"])
        if changed is None or today < changed:
            continue
        if not left_edge(p.text, start) or (end < len(p.text) and p.text[end] in _RIGHT_NOT):
            continue
        if "原" in p.text[max(0, start - 6):start]:
            continue
        s0, s1 = clause_at(p, start)
        clause = p.text[s0:s1]
        if _HISTORY.search(clause) or any(y < changed.year for y in years_in(clause)):
            continue
        new = row["new"]
        plain = re.sub(r"（.*?）", "", new)
        yield Hit(p, start, end, plain if "、" not in plain else None,
                  {"new": new, "changed": f"{changed.year}年{changed.month}月{changed.day}日",
                   "note": row.get("note", ""), "when": when})


org_renamed.FIELDS = frozenset({"text", "suggestion", "new", "changed", "note", "when"})
org_renamed.OPTIONS = {"list": Param("str", default="org-renames", doc="reference list of renamed bodies")}


def abbreviation_first(doc, rule, options) -> Iterator[Hit]:
    words, table = keyed(rule, options["list"], "short")
    pairs = {k: r["full"] for k, r in table.items()}
    text = "\n".join(p.text for p in doc.iter(rule.scope))
    seen = set()
    for p in doc.iter(rule.scope):
        for start, end, short in words.longest(p.text):
            if short in seen or not left_edge(p.text, start):
                continue
            seen.add(short)
            full = pairs[short]
            if full in text or any(f in text for f in full.split("|")):
                continue
            first = full.split("|")[0]
            yield Hit(p, start, end, None, {"full": first})


abbreviation_first.FIELDS = frozenset({"text", "full"})
abbreviation_first.OPTIONS = {"list": Param("str", default="org-abbreviations", doc="short name -> full name")}
