"""Which paragraphs of a document can hold a pattern's match, found once per document.

A :class:`lint.text.fastregex.FastPattern` knows characters every match needs: each match holds
a character of each of a few literal sets (and its first character belongs to a class, often
of literals too). Tested paragraph by paragraph, that is one call per paragraph and pattern
(some 4,000 paragraphs times the patterns of a 2 MB draft), nearly all of them to learn that the
paragraph lacks the characters. :class:`ParagraphIndex` answers the same question for the
whole document: ``str.find`` (which skips ahead in C far faster than a class search) finds the
next such character in the joined text, the paragraph it lies in is a candidate, and the next
search starts at the following paragraph, so the cost is one search per paragraph that *has*
the character. A character found in many paragraphs filters little: it is given up when a
sample of some 64 paragraphs shows it often, or when the search passes a budget, and then the
set filters nothing (the paragraphs are tested one by one, as before).

The answer is a superset, never a subset: every paragraph holding one of the characters is a
candidate (a line break in a set, which is also what joins the paragraphs, only adds
paragraphs). The pattern itself still runs on each candidate paragraph's own text, so its
matches are exactly those of a paragraph-by-paragraph search: lookbehinds, ``^`` and ``$`` see
the paragraph's edges, never the paragraph before or after.
"""

from __future__ import annotations

from bisect import bisect_right

# Characters found in more than this share of the paragraphs filter too little to be worth the
# searches: they are given up and filter nothing.
_BUDGET_SHARE = 4


class ParagraphIndex:
    """Paragraphs (by position in the document) holding one of some characters."""

    def __init__(self, texts: list[str], joined: str | None = None):
        """``joined``: the texts joined with line breaks, when the caller has it already."""
        self.joined = "\n".join(texts) if joined is None else joined
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        self.starts = starts
        self.budget = max(8, len(texts) // _BUDGET_SHARE)
        # Some 64 paragraphs spread over the document: characters in more than the budget's
        # share of them are given up at once, without searching the text.
        self.sample = texts[::len(texts) // 64] if len(texts) >= 256 else []
        self._memo: dict = {}

    def matching(self, *rxs) -> frozenset[int]:
        """Positions of the paragraphs holding a match of one of ``rxs``, searched once in the
        joined text. Each must be an alternation of literals without line breaks: then a
        paragraph holding one of them holds a match in the joined text too (a match cannot reach
        into the next paragraph), so a rule that needs one of the literals passes over no
        paragraph it could fire in. Several expressions each opening with a literal are found
        faster than their alternation when the engine has no common first character to skip to
        (``领导`` and ``的(?:关心|支持)``)."""
        starts, joined = self.starts, self.joined
        return frozenset(bisect_right(starts, m.start()) - 1 for rx in rxs for m in rx.finditer(joined))

    def holding(self, chars: str) -> frozenset | None:
        """Positions of the paragraphs holding one of ``chars``; None when they are in too many
        paragraphs to filter."""
        key = "".join(sorted(set(chars)))
        if key in self._memo:
            return self._memo[key]
        sample = self.sample
        if sample and sum(1 for t in sample if any(c in t for c in key)) * _BUDGET_SHARE > len(sample):
            self._memo[key] = None
            return None
        joined, starts = self.joined, self.starts
        last = len(starts) - 1
        found: set = set()
        budget = self.budget
        find = joined.find
        for c in key:  # str.find skips ahead in C far faster than a class search
            at = find(c)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(i)
                if i >= last or len(found) > budget:
                    break
                at = find(c, starts[i + 1])
            if len(found) > budget:
                self._memo[key] = None
                return None
        got = frozenset(found)
        self._memo[key] = got
        return got


def candidates(rx, index: ParagraphIndex) -> frozenset | None:
    """Positions of the paragraphs where ``rx`` (a FastPattern) may match when searched from
    the paragraph's start; None when its characters do not narrow them down."""
    sets = getattr(rx, "gate_sets", None)  # a user rule's expression may run on RE2 instead
    if sets is None:
        return None
    got = None
    for chars in sets():
        got = _meet(got, index.holding(chars))
    return got


def _meet(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b
