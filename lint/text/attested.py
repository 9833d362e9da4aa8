"""Whether three characters stand together in Chinese laws and regulations.

reference/law-trigrams.bin (built by tools/lawgrams_build.py from LawRefBook/Laws; see
reference/README.md) holds the sorted CRC-32 values of the character trigrams that the laws,
regulations and judicial interpretations use at least twice. It is read on the first question
(2.3 MB, a few milliseconds) and asked by binary search: WD017 asks it about a handful of
candidates in a draft. A value shared by two trigrams makes a wrong "yes" about once in four
thousand million questions.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left

_values: array | None = None


def _table() -> array:
    global _values
    if _values is None:
        from ..resources import reference_dir

        values = array("I")
        values.frombytes((reference_dir() / "law-trigrams.bin").read_bytes())
        if sys.byteorder != "little":
            values.byteswap()
        _values = values
    return _values


def in_laws(trigram: str) -> bool:
    """Whether ``trigram`` (three characters) occurs at least twice in the laws' text."""
    values = _table()
    v = zlib.crc32(trigram.encode("utf-8"))
    i = bisect_left(values, v)
    return i < len(values) and values[i] == v
