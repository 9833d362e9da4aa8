"""kind: phrase: report every occurrence of listed phrases (stock phrases, words to avoid).

Phrases come from the rule (``phrases``) or from a reference word list (``list``); all are
matched in one pass. An entry may carry a ``suggestion`` and the context conditions of
:mod:`lint.engine.matcher`; conditions given on the rule apply to every entry.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...model.finding import Hit
from ..matcher import CONDITIONS, Entry, PhraseMatcher, anchor_before
from . import Context, Param

NAME = "phrase"
PARAMS = {
    "phrases": Param("list", doc="phrases: strings, or mappings {phrase, suggestion, note, <conditions>}"),
    "list": Param("str", doc="a word list in reference/ (its first column is the phrase)"),
    **{c: Param("regex", doc=f"context condition for every phrase ({c})") for c in CONDITIONS},
    "whole-words": Param("bool", default=False,
                         doc="a match must be whole words (jieba's segmentation); a list row's whole_word column (yes/no) overrides it"),
    "word-edges": Param("bool", default=False,
                        doc="a match that a frequent two-character word straddles at either edge is set aside (正规化 holds no 规化)"),
}
FIELDS = frozenset({"text", "suggestion", "note"})
TERM_KEY = "phrase"
SUGGESTION_KEYS = ("suggestion", "preferred", "right")


def compile_conditions(source: dict, ctx: Context, key: str) -> dict:
    """The context conditions of ``source`` (the rule's own keys, or one entry of its list
    ``key``), checked now and compiled when first used."""
    out = {}
    for c in CONDITIONS:
        rx = source.get(c)
        if rx:
            # A condition of the rule itself is reported at its own line, an entry's at the list.
            where = c if isinstance(ctx.spec, dict) and ctx.spec.get(c) is rx else key
            checked = ctx.regex(rx, where, lazy=True)
            if c in ("before", "not_before"):
                try:
                    checked = anchor_before(rx).validate()
                except (re.error, OverflowError, RecursionError) as exc:  # e.g. (?i) inside
                    raise ctx.error(f"“{where}”的正则表达式无法编译：{exc}", where) from None
            out[c] = checked
    return out


def build_entries(params: dict, ctx: Context, term_key: str, list_key: str) -> list[Entry]:
    common = compile_conditions(params, ctx, list_key)
    whole = bool(params.get("whole-words"))
    edges = bool(params.get("word-edges"))
    entries: list[Entry] = []
    inline = params.get(list_key)
    if inline is None and not params.get("list"):
        raise ctx.error(f"kind: {ctx.spec.get('kind')} 需要“{list_key}”或“list”之一")
    for i, item in enumerate(inline or []):
        if isinstance(item, str):
            item = {term_key: item}
        if not isinstance(item, dict) or not isinstance(item.get(term_key), str) or not item[term_key]:
            raise ctx.error(f"“{list_key}”的第{i + 1}项需要非空的“{term_key}”", list_key)
        unknown = set(item) - {term_key, "note", "whole_word", *SUGGESTION_KEYS, *CONDITIONS}
        if unknown:
            raise ctx.error(f"“{list_key}”的第{i + 1}项有未知的键：{'、'.join(sorted(unknown))}", list_key)
        entries.append(_entry(item, term_key, common, ctx, list_key, whole, edges))
    if params.get("list"):
        rows = ctx.word_list(params["list"], "list")
        first = rows.columns[0]
        # Rows with no condition and no whole_word cell (most rows of a long list) need nothing
        # checked: made directly, they share the rule's own conditions.
        plain = [c for c in (*CONDITIONS, "whole_word") if c in rows.columns]
        sugg_keys = [k for k in SUGGESTION_KEYS if k in rows.columns]
        for row in rows:
            if any(row[c] for c in plain):
                entries.append(_entry({**row, term_key: row[first]}, term_key, common, ctx, "list", whole, edges))
                continue
            sugg = next((row[k] for k in sugg_keys if row[k]), None)
            entries.append(Entry(row[first], sugg, row.get("note", "") or "", common, whole_word=whole,
                                 word_edges=edges))
    return entries


def _whole_word(item: dict, default: bool, ctx: Context, key: str) -> bool:
    value = item.get("whole_word")
    if value in (None, ""):
        return default
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in ("yes", "true", "1"):
        return True
    if str(value).strip().lower() in ("no", "false", "0"):
        return False
    raise ctx.error(f"“whole_word”的值“{value}”无效，应为 yes 或 no", key)


def _entry(item: dict, term_key: str, common: dict, ctx: Context, key: str, whole_default: bool = False,
           edges: bool = False) -> Entry:
    conds = dict(common)
    conds.update(compile_conditions(item, ctx, key))
    sugg = next((item[k] for k in SUGGESTION_KEYS if item.get(k)), None)
    whole = _whole_word(item, whole_default, ctx, key)
    return Entry(item[term_key], sugg, item.get("note", "") or "", conds, whole_word=whole, word_edges=edges)


def compile(params: dict, ctx: Context) -> PhraseMatcher:
    return PhraseMatcher(build_entries(params, ctx, TERM_KEY, "phrases"))


def check(matcher: PhraseMatcher, doc, rule) -> Iterator[Hit]:
    for p in doc.iter(rule.scope):
        for start, end, e in matcher.finditer(p.text):
            yield Hit(p, start, end, e.suggestion, {"note": e.note})
