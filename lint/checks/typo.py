"""WD008 possible-typo: the statistical spelling detector of :mod:`lint.checks.spelling_lm` as a
rule. Its data (jieba's dictionary read as word frequencies, the sound- and shape-alike tables in
reference/) is loaded once, the first time the rule meets a paragraph with two Han characters in
a row.

A suspect that occurs again elsewhere in the draft (the characters it would change, when they
are two or more; else the character with its left or its right neighbour) is left alone: a slip is seldom made twice the same way, while a term the dictionary does not know
(永葆, 纠治, 正风肃纪) is used again and again.
"""

from __future__ import annotations

from typing import Iterator

from ..model.finding import Hit
from . import spelling_lm


def possible_typo(doc, rule, options) -> Iterator[Hit]:
    paragraphs = list(doc.iter(rule.scope))
    found = [(p, s) for p in paragraphs for s in spelling_lm.find(p.text)]
    if not found:
        return
    whole = "\n".join(p.text for p in paragraphs)
    for p, s in found:
        text = p.text
        keys = [s.wrong] if len(s.wrong) > 1 else [text[max(0, s.start - 1):s.end], text[s.start:s.end + 1]]
        if any(whole.count(k) > 1 for k in keys):
            continue
        context = text[max(0, s.start - 2):s.end + 2]
        yield Hit(p, s.start, s.end, s.right, {"context": context, "right": s.right})


possible_typo.FIELDS = frozenset({"text", "suggestion", "context", "right"})
