"""Many phrases matched in one pass (Aho-Corasick), with context conditions.

Conditions are regular expressions tested next to a match, never word boundaries (``\\b`` does
not work between Chinese characters): ``before``/``not_before`` against the text just before the
match, ``after``/``not_after`` against the text just after it, ``not_within`` against a window
around it (the match is rejected when a hit of that regex covers it: 截止日期 inside 截止).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

import ahocorasick

WINDOW = 24
CONDITIONS = ("before", "not_before", "after", "not_after", "not_within")


@dataclass
class Entry:
    term: str
    suggestion: str | None = None
    note: str = ""
    conditions: dict[str, re.Pattern] = field(default_factory=dict)
    data: dict = field(default_factory=dict)

    def accepts(self, text: str, start: int, end: int) -> bool:
        c = self.conditions
        if not c:
            return True
        pre = text[max(0, start - WINDOW):start]
        post = text[end:end + WINDOW]
        if "before" in c and not c["before"].search(pre):
            return False
        if "not_before" in c and c["not_before"].search(pre):
            return False
        if "after" in c and not c["after"].match(post):
            return False
        if "not_after" in c and c["not_after"].match(post):
            return False
        if "not_within" in c:
            lo = max(0, start - WINDOW)
            for m in c["not_within"].finditer(text, lo, min(len(text), end + WINDOW)):
                if m.start() <= start and m.end() >= end:
                    return False
        return True


def anchor_before(rx: str) -> re.Pattern:
    """A ``before``/``not_before`` condition must touch the match: anchor it at the window end."""
    return re.compile(f"(?:{rx})$")


class PhraseMatcher:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._auto = ahocorasick.Automaton()
        by_term: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            by_term.setdefault(e.term, []).append(i)
        for term, idxs in by_term.items():
            self._auto.add_word(term, (len(term), idxs))
        if by_term:
            self._auto.make_automaton()
        self._empty = not by_term

    def finditer(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """Non-overlapping matches, leftmost first and longest at the same start."""
        if self._empty or not text:
            return
        cands = []
        for end_idx, (length, idxs) in self._auto.iter(text):
            start, end = end_idx - length + 1, end_idx + 1
            for i in idxs:
                e = self.entries[i]
                if e.accepts(text, start, end):
                    cands.append((start, -end, i))
                    break
        cands.sort()
        last_end = -1
        for start, neg_end, i in cands:
            if start >= last_end:
                last_end = -neg_end
                yield start, -neg_end, self.entries[i]
