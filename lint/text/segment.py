"""Word segmentation and part-of-speech tags (jieba), loaded once and only when a rule asks.

Loading jieba's dictionary takes most of a second and about 90 MB, its part-of-speech tagger
0.3 s and 100 MB more; rules that do not segment never pay for either, and a rule that only
needs words never loads the tagger.
"""

from __future__ import annotations

import logging
from functools import lru_cache

_tokenizer = None
_pos = None


def _load_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        _tokenizer = tok
    return _tokenizer


def _load_pos():
    global _pos
    if _pos is None:
        import jieba.posseg

        _pos = jieba.posseg.POSTokenizer(_load_tokenizer())
    return _pos


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (jieba's precise mode)."""
    return tuple(_load_tokenizer().cut(text, HMM=True))


@lru_cache(maxsize=4096)
def pos_tags(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, part-of-speech tag, offset) for each word of ``text``."""
    out = []
    offset = 0
    for pair in _load_pos().cut(text, HMM=True):
        out.append((pair.word, pair.flag, offset))
        offset += len(pair.word)
    return tuple(out)


def loaded() -> bool:
    """Whether jieba has been loaded in this process (for tests of lazy loading)."""
    return _tokenizer is not None
