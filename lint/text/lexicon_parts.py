"""The lexicon read in parts, for a check that looks up the words of a few short stretches of
text (WD017 scores a handful of candidates in a draft): the words are kept in the cache folder in
SHARDS parts, by the first character of a word, and each part is read the first time a word of it
is looked up, so that a draft pays a millisecond or two where the whole table
(:func:`lint.text.segment.lexicon`) costs some tens and 30 MB.
"""

from __future__ import annotations

import marshal

from . import segment

SHARDS = 512
_parted = None
_parts_kept = False  # whether the parts table is known to be in the cache folder


class _PartedCounts:
    """Word counts as parts (a word's part: the code point of its first character modulo
    SHARDS), each read from its marshal bytes the first time a word of it is looked up."""

    def __init__(self, parts: dict):
        self._parts = parts
        self._read: dict[int, dict] = {}

    def get(self, word: str, default=None):
        k = ord(word[0]) % SHARDS
        part = self._read.get(k)
        if part is None:
            blob = self._parts.get(k)
            try:
                part = marshal.loads(blob) if isinstance(blob, bytes) else {}
            except (EOFError, ValueError, TypeError):
                part = {}
            if not isinstance(part, dict):
                part = {}  # a damaged part of the cache reads as no words, never as anything else
            self._read[k] = part
        return part.get(word, default)

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None


def lexicon_by_parts() -> segment.Lexicon:
    """The lexicon read in parts; the whole lexicon once a rule has loaded it (the parts read so
    far are let go)."""
    global _parted, _parts_kept
    if segment._lexicon is not None:
        if not _parts_kept:
            _parts_table()  # kept in the cache folder now, so that a later run finds it
            _parts_kept = True
        _parted = None
        return segment._lexicon
    if _parted is None:
        parts, logtotal, vocabulary = _parts_table()
        _parted = segment.Lexicon(_PartedCounts(parts), logtotal, None, vocabulary)
        _parts_kept = True
    return _parted


def _parts_table() -> tuple[dict, float, list]:
    def build() -> tuple[dict, float, list]:
        whole = segment._lexicon
        if whole is not None:  # the same table, already read: no need to parse jieba's file
            freq, logtotal, vocabulary = whole.freq, whole.logtotal, sorted(whole.vocabulary)
        else:
            freq, logtotal, vocabulary = segment._build_words()
        parts: dict[int, dict] = {}
        for w, n in freq.items():
            parts.setdefault(ord(w[0]) % SHARDS, {})[w] = n
        return {k: marshal.dumps(v) for k, v in parts.items()}, logtotal, vocabulary

    return segment._cached("parts-of-words", segment._cache_stamp(), build)
