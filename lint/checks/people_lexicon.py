"""The lexicon as the reading of people's names uses it (lint.checks.people_mentions): word
counts from the frequent-word sets, the segmenter loaded only when a candidate needs it."""

from __future__ import annotations


def lexicon():
    from ..text.segment import lexicon as _lexicon

    return _lexicon()


class NameLexicon:
    """The lexicon as the name reading uses it, loaded only when a segmentation is asked for
    (cut, aligned, best): a draft whose candidates all fail on word counts never pays for it.
    Word counts come from the frequent-word sets (:func:`lint.text.segment.frequent_words`,
    a few milliseconds) at the thresholds the checks compare with (20, 300, 3,000)."""

    def __init__(self):
        self._real = None
        self.freq = _Counts(self)

    def real(self):
        if self._real is None:
            self._real = lexicon()
        return self._real

    def cut(self, text: str):
        return self.real().cut(text)

    def aligned(self, text: str, start: int, end: int, window: int = 8) -> bool:
        return self.real().aligned(text, start, end, window)

    def best(self, text: str):
        return self.real().best(text)


class _Counts:
    """``get(word)`` as the lexicon's counts, exact at the thresholds 20, 300 and 3,000."""

    _STEPS = {1: (300,), 2: (3000, 300, 20), 3: (20,), 4: (20,)}

    def __init__(self, owner: NameLexicon):
        self.owner = owner

    def get(self, word: str, default: int = 0) -> int:
        from ..text.segment import frequent_words

        steps = self._STEPS.get(len(word))
        if steps is None:
            return self.owner.real().freq.get(word, default)
        for least in steps:
            if word in frequent_words(len(word), least):
                return least
        return default
