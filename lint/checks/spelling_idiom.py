"""WD009 idiom-near-miss: four Han characters one slip away from a listed idiom or fixed phrase.

A slip is one character replaced by a sound-alike (the same toneless reading) or shape-alike one
(reference/sound-alike-chars.tsv, reference/shape-alike-chars.tsv), or two neighbouring
characters swapped. The span must not itself be a word of the dictionary, and a replacement must
leave the other three characters in place, so 迫不急待 (迫不及待), 一愁莫展 (一筹莫展) and
再接再励 (再接再厉) are found, while a phrase that merely shares three characters with an idiom
and differs by an unrelated one is not. The idioms are reference/idioms.tsv (an office may add
its own phrases in idioms.add.tsv).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..text.chinese import HAN_BASIC
from ..engine.matcher import Automaton
from ..model.finding import Hit
from ..text.fastregex import fast

_HAN_RUN = fast(rf"[{HAN_BASIC}]{{4,}}")
_HAN4 = fast(rf"[{HAN_BASIC}]{{4}}")
_HEAD, _TAIL, _MIDDLE = 1, 2, 4  # which character pair of an idiom a window keeps
# the slips each kept pair allows: (substituted positions, swapped positions)
_SLIPS = {_HEAD: ((2, 3), (2,)), _TAIL: ((0, 1), (0,)), _MIDDLE: ((), (1,))}
# for each combination of kept pairs: the positions to try substituted, and swapped, in order
_TRIES = {kinds: (tuple(sorted({k for kind, (ks, _) in _SLIPS.items() if kinds & kind for k in ks})),
                  tuple(sorted({k for kind, (_, ks) in _SLIPS.items() if kinds & kind for k in ks})))
          for kinds in range(8)}
# A four-character word the dictionary counts this often is a word in its own right; below it,
# jieba's dictionary also lists some common misspellings (迫不急待, count 3).
KNOWN_WORD_FREQ = 10


class IdiomIndex:
    """The idioms, and the character pairs a near-miss must keep: a slip in the last two
    characters keeps the first two, one in the first two keeps the last two, and a swap of the
    middle two keeps the first character before the third. Only windows where one of those pairs
    stands are looked at; the pairs are found by an automaton
    (:class:`lint.engine.matcher.Automaton`). A slip keeps one more character of the idiom next
    to the pair, so each pair also carries the characters that may stand there, and a window
    where none does is passed over (most windows: 高度重视 holds the pair 重视 of 重视人才 and the
    like, but neither of 高度 is a first character of one of them). The same table gives the
    idioms a window may be a slip of (:meth:`candidates`)."""

    def __init__(self, idioms: list[str], near: dict | None = None):
        self.idioms = frozenset(idioms)
        if near is None:  # built afresh (else read back from the cache: lint.cache.kept_data)
            near = self._near_table()
        self.near: dict[str, list] = near
        self.pairs = Automaton((p, tuple(v)) for p, v in near.items())

    def _near_table(self) -> dict[str, list]:
        """Each pair's entry: [kinds, after_head, before_tail, after_middle]. ``kinds`` says
        which pair of an idiom it is (:data:`_HEAD`, :data:`_TAIL`, :data:`_MIDDLE` bits); the
        strings hold the characters a near-miss keeps next to it (the slips of :data:`_SLIPS`),
        idiom by idiom in sorted order: after a head pair w[:2], its w[2:] (w[2] or w[3] stands
        in one of the next two places: a substitution keeps one, the swap moves them); before a
        tail pair w[2:], its w[:2]; after w[0] + w[2] (the middle two swapped), w[1]."""
        near: dict[str, list] = {}
        for w in sorted(self.idioms):
            for pair, kind, slot, kept in ((w[:2], _HEAD, 1, w[2:]), (w[2:], _TAIL, 2, w[:2]),
                                           (w[0] + w[2], _MIDDLE, 3, w[1])):
                entry = near.setdefault(pair, [0, "", "", ""])
                entry[0] |= kind
                entry[slot] += kept
        return near

    def data(self) -> dict:
        """What the index is made of, as JSON can hold it."""
        return {"idioms": sorted(self.idioms), "near": self.near}

    @classmethod
    def from_data(cls, data: dict) -> "IdiomIndex":
        return cls(data["idioms"], data["near"])

    def candidates(self, span: str, k: int) -> Iterator[str]:
        """The idioms, in sorted order, that have the characters of the four-character ``span``
        but its ``k``-th, which they have otherwise."""
        if k >= 2:  # the head pair kept: the idioms that start with it, by their last two
            entry, kept, other = self.near.get(span[:2]), span[:2], 5 - k
            rest = entry[1] if entry else ""
        else:  # the tail pair kept: by their first two
            entry, kept, other = self.near.get(span[2:]), span[2:], 1 - k
            rest = entry[2] if entry else ""
        for j in range(0, len(rest), 2):
            w = kept + rest[j:j + 2] if k >= 2 else rest[j:j + 2] + kept
            if w[other] == span[other] and w[k] != span[k]:
                yield w

    def windows(self, text: str) -> list[tuple[int, int]]:
        """(start, kinds) of the windows of four Han characters of ``text`` that may hold a
        near-miss; ``kinds`` says which pairs it keeps (:data:`_HEAD`, :data:`_TAIL`,
        :data:`_MIDDLE` bits)."""
        if not self.idioms or len(text) < 4:
            return []
        starts: dict[int, int] = {}
        for end, (bits, after_head, before_tail, after_middle) in self.pairs.iter(text):
            i = end - 1  # a listed pair at i, i + 1
            kinds = 0
            # (past the end of text, "" is "in" any string: han4 below drops such a window)
            if bits & _HEAD and (text[i + 2:i + 3] in after_head or text[i + 3:i + 4] in after_head):
                kinds = _HEAD
            if bits & _MIDDLE and text[i + 2:i + 3] in after_middle:
                kinds |= _MIDDLE
            if kinds:
                starts[i] = starts.get(i, 0) | kinds
            if bits & _TAIL and i >= 2 and (text[i - 2] in before_tail or text[i - 1] in before_tail):
                starts[i - 2] = starts.get(i - 2, 0) | _TAIL
        han4 = _HAN4.rx.match
        return [(i, k) for i, k in sorted(starts.items()) if han4(text, i)]


@lru_cache(maxsize=8)
def load_index(source) -> IdiomIndex:
    """The index of the idiom list ``source`` (a :class:`lint.engine.wordlists.ListSource`),
    kept in gwlint's cache folder under a hash of the list's files (built in about 25 ms, read
    back in a few) as marshal data: plain dicts, lists and strings (:meth:`IdiomIndex.data`, which
    JSON can hold too), read several times faster than JSON; only a file of this user's is read
    (:func:`lint.cache.read_private`), as the lexicon's (lint/text/segment.py)."""
    from .. import cache
    from ..engine.wordlists import load_list

    def build() -> dict:
        rows = load_list(source)
        return IdiomIndex([r["phrase"] for r in rows if len(r["phrase"]) == 4]).data()

    data = cache.kept_data("idioms", build, (source.base, *source.additions), salt="idiom-index-4")
    try:
        return IdiomIndex.from_data(data)
    except (KeyError, ValueError, TypeError, IndexError):  # a kept entry of another shape
        return IdiomIndex.from_data(build())


def near_misses(text: str, index: IdiomIndex) -> Iterator[tuple[int, str, str]]:
    """(offset, idiom, how) for each four-character span of ``text`` one slip from an idiom.

    The sound and shape tables are read when a span first matches an idiom but for one
    character; the lexicon's word counts are asked (through the sets of
    :func:`lint.text.segment.frequent_words`) only about a span that is already one slip from an
    idiom."""
    from .spelling_lm import alike  # its tables are read on first use (about 10 ms)

    taken_to = 0
    for i, kinds in index.windows(text):
        if i < taken_to:
            continue
        span = text[i:i + 4]
        found = None
        if span not in index.idioms:
            subs, swaps = _TRIES[kinds]
            for k in subs:
                for w in index.candidates(span, k):
                    how = alike(span[k], w[k])
                    if how:
                        found = (w, how, k)
                        break
                if found:
                    break
            if not found:
                for k in swaps:
                    swapped = span[:k] + span[k + 1] + span[k] + span[k + 2:]
                    if swapped != span and swapped in index.idioms:
                        found = (swapped, "order", None)
                        break
        if found and (span in _words(4, KNOWN_WORD_FREQ)
                      or (found[2] is not None and _inside_word(text, i, found[2]))):
            found = None
        if found:
            yield i, found[0], found[1]
            taken_to = i + 4


def _words(length: int, least: int) -> frozenset[str]:
    from ..text.segment import frequent_words

    return frequent_words(length, least)


def _inside_word(text: str, i: int, k: int) -> bool:
    """Whether the changed character is the edge of a dictionary word that reaches outside the
    span (``再接`` + ``再励`` no; ``中国`` in ``…不中国…`` yes): then the span is not an idiom slip."""
    pos = i + k
    if k == 0 and pos > 0 and text[pos - 1:pos + 1] in _words(2, 100):
        return True
    if k == 3 and pos + 1 < len(text) and text[pos:pos + 2] in _words(2, 100):
        return True
    return False


HOW = {"sound": "音近字", "shape": "形近字", "order": "字序颠倒"}


def idiom_near_miss(doc, rule, options) -> Iterator[Hit]:
    """The near-misses are looked for in the whole text at once (:attr:`Document.joined_text`,
    one paragraph a line), which finds in each paragraph what a search of the paragraph alone
    finds: a window of four Han characters never holds the line break, and the characters next
    to a window that the search looks at (:meth:`IdiomIndex.windows`, :func:`_inside_word`) are
    then a line break, which no listed character or word holds, where the paragraph's own text
    has none. Scanning once saves the cost of starting the automaton for each paragraph."""
    from bisect import bisect_right

    text = doc.joined_text
    if not _HAN_RUN.search(text):
        return  # no four Han characters in a row: the index is not read for nothing
    mine = {p.index: p for p in doc.iter(rule.scope)}
    if not mine:
        return
    from ..engine.wordlists import find_list

    index = load_index(find_list("idioms", rule.reference_dirs))
    starts = doc.paragraph_index.starts
    for i, idiom, how in near_misses(text, index):
        k = bisect_right(starts, i) - 1
        p = mine.get(k)
        if p is not None:
            yield Hit(p, i - starts[k], i - starts[k] + 4, idiom, {"idiom": idiom, "how": HOW[how]})


idiom_near_miss.FIELDS = frozenset({"text", "suggestion", "idiom", "how"})
