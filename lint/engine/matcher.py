"""Many phrases matched in one pass (Aho-Corasick), with context conditions.

Conditions are regular expressions tested next to a match, never word boundaries (``\\b`` does
not work between Chinese characters): ``before``/``not_before`` against the text just before the
match, ``after``/``not_after`` against the text just after it, ``within``/``not_within``
against a window around it (the match is kept only when, or rejected when, a hit of that regex
covers it: 截止日期 inside 截止, a ○ inside a year written in Chinese numerals).

An entry with ``whole_word`` must also be whole words of its sentence: the match must start and
end at word boundaries of the segmentation of its neighbourhood (:meth:`lint.text.segment.Lexicon.aligned`),
so that ``作好`` is not found in ``工作好`` nor ``色采`` in ``绿色采购``. The lexicon is loaded only
when such an entry has matched the characters, and the check runs after the cheaper conditions.
An entry with ``word_edges`` is first set aside when a frequent two-character word straddles
either edge of the match (:func:`lint.text.segment.crosses_pair`: 正规 in 正规化 holds no 规化),
which needs only a small table, not the lexicon: a long list of non-words (WD016) then loads the
lexicon only for a match that may be one.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Iterator

import ahocorasick

WINDOW = 24
CONDITIONS = ("before", "not_before", "after", "not_after", "within", "not_within")


def _wide(text: str) -> str:
    """``text`` as its UTF-32 bytes, each a character of a Latin-1 string."""
    return text.encode("utf-32-be", "surrogatepass").decode("latin-1")


class Automaton:
    """pyahocorasick's Automaton, run over the four UTF-32 bytes of each character.

    pyahocorasick finds a node's child by looking at its children one by one, and the root of a
    list of Chinese phrases has hundreds of them (one per first character; the idioms' pairs
    have 1,800): every character of a text then costs that many comparisons. Spelled as its four
    UTF-32 bytes, a character is four steps through nodes of a few children each, three to five
    times faster on gwlint's lists. :meth:`iter` gives what ``ahocorasick.Automaton.iter`` gives
    on the text itself, in the same order: (index of the match's last character, value); a match
    of bytes that straddles two characters is dropped (the keys are whole characters, so a
    match that ends on a character's last byte starts on one's first)."""

    def __init__(self, items=()):
        self._auto = ahocorasick.Automaton()
        items = list(items)
        wide = _wide("".join(key for key, _ in items))  # one encoding, cut into the keys
        at = 0
        for key, value in items:
            self._auto.add_word(wide[at:at + 4 * len(key)], value)
            at += 4 * len(key)
        if len(self._auto):
            self._auto.make_automaton()

    def __len__(self) -> int:
        return len(self._auto)

    def iter(self, text: str) -> list[tuple[int, object]]:
        if not text or not len(self._auto):
            return []
        # A list made in one comprehension: a generator would be resumed once per match.
        return [(end >> 2, value) for end, value in self._auto.iter(_wide(text)) if end & 3 == 3]


@dataclass
class Entry:
    term: str
    suggestion: str | None = None
    note: str = ""
    conditions: dict[str, re.Pattern] = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    whole_word: bool = False
    word_edges: bool = False

    def accepts(self, text: str, start: int, end: int) -> bool:
        if not self._accepts_context(text, start, end):
            return False
        if self.word_edges:
            from ..text.segment import crosses_pair

            if crosses_pair(text, start, end):
                return False
        if self.whole_word:
            from ..text.segment import lexicon

            return lexicon().aligned(text, start, end)
        return True

    def _accepts_context(self, text: str, start: int, end: int) -> bool:
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
        if "within" in c and not _covered(c["within"], text, start, end):
            return False
        if "not_within" in c and _covered(c["not_within"], text, start, end):
            return False
        return True


def _covered(rx, text: str, start: int, end: int) -> bool:
    """A hit of ``rx`` in the window around ``text[start:end]`` covers it."""
    lo = max(0, start - WINDOW)
    for m in rx.finditer(text, lo, min(len(text), end + WINDOW)):
        if m.start() <= start and m.end() >= end:
            return True
    return False


def anchor_before(rx: str):
    """A ``before``/``not_before`` condition must touch the match: anchor it at the window end."""
    from ..text.fastregex import fast

    return fast(f"(?:{rx})$")


class _Pool:
    """One Aho-Corasick automaton for the phrases of every live matcher, run once per text.

    The wrong-word, variant-word, confused-word, redundancy and stock-phrase lists each cost a
    full pass over the document when run apart, and little more than one when run together.
    Results are cached per text (the paragraph strings the rules pass in), so the first matcher to look at
    a paragraph scans it for all of them; the cache holds one document's texts
    (:func:`new_document`), so a batch of drafts does not keep every paragraph it has seen.
    """

    _CACHE_LIMIT = 50_000  # texts: a bound for one very long document

    def __init__(self) -> None:
        self._members: "weakref.WeakValueDictionary[int, PhraseMatcher]" = weakref.WeakValueDictionary()
        self._next = 0
        self._auto = None
        self._cache: dict[str, dict[int, list]] = {}

    def add(self, matcher: "PhraseMatcher") -> int:
        slot = self._next
        self._next += 1
        self._members[slot] = matcher
        self._auto = None  # rebuilt, with the newcomer, at the next scan
        return slot

    def _build(self) -> None:
        terms: dict[str, list] = {}
        for slot, m in list(self._members.items()):
            for term, (length, idxs) in m._terms.items():
                terms.setdefault(term, []).append((slot, length, idxs))
        self._auto = Automaton((term, tuple(vals)) for term, vals in terms.items()) if terms else False
        self._cache.clear()

    def hits(self, slot: int, text: str):
        """(end index, length, entry indices) of every phrase of matcher ``slot`` in ``text``."""
        if self._auto is None:
            self._build()
        got = self._cache.get(text)
        if got is None:
            if len(self._cache) >= self._CACHE_LIMIT:
                self._cache.clear()
            got = {}
            if self._auto:
                for end_idx, vals in self._auto.iter(text):
                    for s, length, idxs in vals:
                        got.setdefault(s, []).append((end_idx, length, idxs))
            self._cache[text] = got
        return got.get(slot, ())


_POOL = _Pool()


def new_document() -> None:
    """Forget the texts of the document checked before (the engine calls this for each one)."""
    _POOL._cache.clear()


class PhraseMatcher:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        by_term: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            by_term.setdefault(e.term, []).append(i)
        self._terms = {term: (len(term), idxs) for term, idxs in by_term.items()}
        self._empty = not by_term
        self._slot = _POOL.add(self)

    def finditer(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        """Non-overlapping matches, leftmost first and longest at the same start."""
        if self._empty or not text:
            return
        raw = _POOL.hits(self._slot, text)
        if not raw:
            return
        cands = []
        for end_idx, length, idxs in raw:
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
