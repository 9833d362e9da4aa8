"""Document-level gates: which paragraphs a rule needs to look at, found in one pass.

A rule that runs a costly regular expression over every paragraph can first ask which
paragraphs hold a literal that every match needs (:func:`paragraphs_with`): one search of the
whole text (:attr:`lint.model.document.Document.joined_text`) instead of one costly search per
paragraph. The gate must be a plain alternation of literals none of which holds a line break;
then every paragraph that contains one of them holds at least one of the gate's matches in the
whole text (a match cannot reach into the next paragraph), so no paragraph the rule could fire
in is passed over. Nothing here depends on a paragraph's text being seen before.
"""

from __future__ import annotations

from bisect import bisect_right


def paragraph_starts(doc) -> list[int]:
    """Offsets of each paragraph of ``doc`` in its joined text (paragraphs joined by line breaks)."""
    got = doc.meta.get("_gate_starts")
    if got is None or len(got) != len(doc.paragraphs):
        got, at = [], 0
        for p in doc.paragraphs:
            got.append(at)
            at += len(p.text) + 1
        doc.meta["_gate_starts"] = got
    return got


def paragraphs_with(doc, *rxs) -> frozenset[int]:
    """Indices (``Paragraph.index``) of the paragraphs of ``doc`` that hold a match of one of
    ``rxs``, regular expressions of literals without line breaks (see the module's docstring).
    Several expressions, each starting with a literal, are found faster than their alternation
    when the engine has no common first character to look for (``领导`` and ``的(?:关心|支持)``)."""
    starts, joined = paragraph_starts(doc), doc.joined_text
    return frozenset(bisect_right(starts, m.start()) - 1 for rx in rxs for m in rx.finditer(joined))
