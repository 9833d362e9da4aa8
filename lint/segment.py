"""Word segmentation and part-of-speech tags (jieba), loaded once and only when a rule asks.

Loading jieba's dictionary takes about a second; rules that do not segment never pay for it.
"""

from __future__ import annotations

import logging
from functools import lru_cache

_tokenizer = None
_pos = None


def _load():
    global _tokenizer, _pos
    if _pos is None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        _tokenizer = jieba.Tokenizer()
        _tokenizer.initialize()
        _pos = jieba.posseg.POSTokenizer(_tokenizer)
    return _tokenizer, _pos


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (jieba's precise mode)."""
    tok, _ = _load()
    return tuple(tok.cut(text, HMM=True))


@lru_cache(maxsize=4096)
def pos_tags(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, part-of-speech tag, offset) for each word of ``text``."""
    _, pos = _load()
    out = []
    offset = 0
    for pair in pos.cut(text, HMM=True):
        out.append((pair.word, pair.flag, offset))
        offset += len(pair.word)
    return tuple(out)


def loaded() -> bool:
    """Whether jieba has been loaded in this process (for tests of lazy loading)."""
    return _pos is not None
