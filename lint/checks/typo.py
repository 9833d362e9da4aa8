"""WD008 possible-typo and WD017 likely-typo: the statistical spelling detectors of
:mod:`lint.checks.spelling_lm` and :mod:`lint.checks.spelling_slip` as rules. Their data
(jieba's dictionary read as word frequencies, the sound- and shape-alike tables in reference/) is
loaded once, the first time a paragraph needs it.

WD017 reports the slips that are all but certain: one character of a word of three or four
characters (科穴院, 国务园), or of a two-character word that the laws confirm (决测, 持旭推进).
WD008 (preview) reports the rest of what the wider search finds, and leaves alone what WD017
reports, so that the two never name the same slip twice.

A suspect that occurs again elsewhere in the draft (the characters it would change, when they
are two or more; else the character with its left or its right neighbour) is left alone: a slip
is seldom made twice the same way, while a term the dictionary does not know (永葆, 纠治,
正风肃纪) is used again and again.
"""

from __future__ import annotations

from typing import Iterator

from ..model.finding import Hit
from . import spelling_lm, spelling_slip


def _hits(paragraphs, found) -> Iterator[Hit]:
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


def possible_typo(doc, rule, options) -> Iterator[Hit]:
    paragraphs = list(doc.iter(rule.scope))
    found = []
    for p in paragraphs:
        certain = spelling_slip.find(p.text)
        found += [(p, s) for s in spelling_lm.find(p.text)
                  if all(s.end <= c.start or s.start >= c.end for c in certain)]
    yield from _hits(paragraphs, found)


def likely_typo(doc, rule, options) -> Iterator[Hit]:
    paragraphs = list(doc.iter(rule.scope))
    yield from _hits(paragraphs, [(p, s) for p in paragraphs for s in spelling_slip.find(p.text)])


possible_typo.FIELDS = frozenset({"text", "suggestion", "context", "right"})
likely_typo.FIELDS = possible_typo.FIELDS
