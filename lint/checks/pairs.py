"""PN002: paired marks (“” 《》 （） 【】 〔〕 〈〉) without their partner, read across paragraphs.

A pair may span paragraphs legitimately: a quotation over several paragraphs (the new wording of
an article quoted by a revision, :func:`lint.analysis.outline.quotations`), and a line broken in
the middle of a phrase (名单（法 / 人类）), whose fault is the break, not a missing mark.
"""

from __future__ import annotations

from typing import Iterator

from ..analysis.outline import quotations
from ..model.finding import Hit
from ..text.fastregex import fast
from ..cache import compile_regex

_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

# --- PN002 unbalanced paired marks ------------------------------------------------------------

_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〔": "〕", "〈": "〉"}
_CLOSE_OF = {v: k for k, v in _PAIRS.items()}
_PAIR_RX = fast("[" + "".join(_PAIRS) + "".join(_CLOSE_OF) + "]")
# "1）加强领导", "a）" or "一）": a list marker with only a closing bracket.
_CLOSE_MARKER = fast(r"^[ \u3000\t]*(?:\d{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,3})）")


# The marks of a paragraph where each opener is closed before any other mark comes (《…》（…）“…”),
# the common case: nothing is left without a partner, and the marks need not be walked one by one.
# ‘ and ’ are left out: between Latin letters they are apostrophes, which the walk skips.
_ALL_PAIRED = compile_regex("(?:“”|《》|（）|【】|〔〕|〈〉)*")


def _unmatched(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(openers, closers) of ``text`` left without a partner, as (offset, mark)."""
    if _ALL_PAIRED.fullmatch("".join(_PAIR_RX.findall(text))):
        return [], []
    stacks: dict[str, list[int]] = {}
    closers: list[tuple[int, str]] = []
    m0 = _CLOSE_MARKER.match(text)
    skip_close = m0.end() - 1 if m0 else -1
    for m in _PAIR_RX.finditer(text):
        i, c = m.start(), m.group()
        if c in "‘’" and text[i - 1:i] in _LATIN and text[i + 1:i + 2] in _LATIN:
            continue  # Xi’an, it’s: an apostrophe
        if c in _PAIRS:
            stacks.setdefault(c, []).append(i)
        else:
            st = stacks.get(_CLOSE_OF[c])
            if st:
                st.pop()
            elif i != skip_close:
                closers.append((i, c))
    openers = sorted((i, c) for c, st in stacks.items() for i in st)
    return openers, closers


_OPEN_END = "。！？；：，、!?;:,"


def unbalanced_pairs(doc, rule, options) -> Iterator[Hit]:
    paras = list(doc.iter(rule.scope))
    # quotations over several paragraphs (lint.analysis.outline): their “ and ” pair across lines
    spans = quotations(doc)
    opens_on = {a for a, _ in spans}
    closes_on = {b for _, b in spans}
    found = [_unmatched(p.text) if _PAIR_RX.search(p.text) else ([], []) for p in paras]
    # A line broken in the middle of a phrase (名单（法 / 人类）): the pair spans the break, the
    # fault is the break (a layout slip), not a missing mark.
    spanning: set[tuple[int, int]] = set()
    for idx in range(len(paras) - 1):
        openers, _ = found[idx]
        t = paras[idx].text.rstrip(" \u3000\t")
        if not openers or not t or t[-1] in _OPEN_END:
            continue
        i, c = openers[-1]
        nxt_closers = [x for x in found[idx + 1][1] if x[1] == _PAIRS[c]]
        if nxt_closers and len(t) - i <= 20:
            spanning.add((idx, i))
            spanning.add((idx + 1, nxt_closers[0][0]))
    for idx, p in enumerate(paras):
        openers, closers = found[idx]
        if not openers and not closers:
            continue
        bad: list[tuple[int, str]] = []
        for i, c in closers:
            if (idx, i) in spanning or (c in "”’" and p.index in closes_on):
                continue
            bad.append((i, c))
        for i, opener in openers:
            # A quotation running over several paragraphs: each paragraph opens with “ and
            # only the last one closes it (GB/T 15834-2011 4.8, quotation marks).
            if opener in "“‘" and idx + 1 < len(paras) and paras[idx + 1].text.lstrip(" \u3000").startswith(opener):
                continue
            if (opener == "“" and p.index in opens_on) or (idx, i) in spanning:
                continue
            bad.append((i, opener))
        for i, c in sorted(bad):
            partner = _PAIRS.get(c) or _CLOSE_OF[c]
            where = "后面" if c in _PAIRS else "前面"
            yield Hit(p, i, i + 1, None, {"mark": c, "partner": partner, "where": where})


unbalanced_pairs.FIELDS = frozenset({"text", "mark", "partner", "where"})
