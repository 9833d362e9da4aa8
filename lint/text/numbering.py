"""Numbering markers (序次语) at the start of a paragraph: 一、（一）1.（1）① and their misspellings.

GB/T 9704-2012 7.3.3 fixes the heading levels 一、→（一）→1.→（1）; GB/T 15834-2011 B.3 fixes the
mark that follows each form. Parsing is lenient on purpose: a marker written with the wrong mark
(``1、``, ``一，``, ``（一）、``) is still recognised, with the mark kept, so that rules can report it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..cache import compile_regex
from .chinese import HAN_BASIC, cn_to_int, int_to_cn

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


_CN = "[一二三四五六七八九十]{1,3}"
# Each form: (level, family, regex). The group "num" holds the number, "mark" the mark after it.
_FORMS = [
    (1, "cn", compile_regex(rf"(?P<num>{_CN})(?P<space>[ \u3000]*)(?P<mark>[、，,．.])")),
    (2, "cn-paren", compile_regex(rf"[（(](?P<num>{_CN})[）)](?P<mark>[、，,．.：:]?)")),
    (3, "arabic", compile_regex(rf"(?P<num>\d{{1,2}})(?P<mark>[.．、](?!\d)|[ \u3000](?=[{HAN_BASIC}]))")),
    (4, "arabic-paren", compile_regex(r"[（(](?P<num>\d{1,2})[）)](?P<mark>[、，,．.：:]?)")),
    (5, "circled", compile_regex(rf"(?P<num>[{CIRCLED}])(?P<mark>[、，,．.]?)")),
]


@dataclass(frozen=True)
class Marker:
    """A numbering marker found at ``start``..``end`` (offsets in the paragraph text)."""

    level: int
    family: str
    value: int
    start: int
    end: int
    text: str
    mark: str

    @property
    def canonical(self) -> str:
        """The marker as GB/T 9704 7.3.3 and GB/T 15834 B.3 write it."""
        if self.family == "cn":
            return int_to_cn(self.value) + "、"
        if self.family == "cn-paren":
            return "（" + int_to_cn(self.value) + "）"
        if self.family == "arabic":
            return f"{self.value}."
        if self.family == "arabic-paren":
            return f"（{self.value}）"
        return CIRCLED[self.value - 1]


# Every form starts with one of these or with a decimal digit (\d, which str.isdecimal matches).
_STARTS = frozenset("一二三四五六七八九十（(" + CIRCLED)
# The forms that can match at a first character, in _FORMS's order: each form's first element
# admits only one of these kinds of character.
_BY_FIRST = {"cn": [f for f in _FORMS if f[1] == "cn"],
             "paren": [f for f in _FORMS if f[1] in ("cn-paren", "arabic-paren")],
             "digit": [f for f in _FORMS if f[1] == "arabic"],
             "circled": [f for f in _FORMS if f[1] == "circled"]}


def parse_marker(text: str) -> Marker | None:
    """The numbering marker at the start of ``text`` (after leading blanks), or None."""
    offset = len(text) - len(text.lstrip(" \u3000\t"))
    first = text[offset:offset + 1]
    if first not in _STARTS and not first.isdecimal():
        return None  # most sentences: no form can match
    head = text[offset:offset + 12]
    if first in "（(":
        forms = _BY_FIRST["paren"]
    elif first in CIRCLED:
        forms = _BY_FIRST["circled"]
    elif first.isdecimal():
        forms = _BY_FIRST["digit"]
    else:
        forms = _BY_FIRST["cn"]
    for level, family, rx in forms:
        m = rx.match(head)
        if not m:
            continue
        raw = m.group("num")
        if family in ("cn", "cn-paren"):
            value = cn_to_int(raw)
        elif family == "circled":
            value = CIRCLED.index(raw) + 1
        else:
            value = int(raw)
        if not value:
            continue
        if family == "cn" and m.group("mark") in ".．" and head[m.end():m.end() + 1].isdigit():
            continue
        if family == "arabic":
            rest = head[m.end():]
            # "1.5亿" is a number, "2024年" is not a marker; both are excluded by the regex, but a
            # bare "10 " followed by a unit is a quantity, not a list item.
            if m.group("mark") in " \u3000" and rest[:1] in "年月日号个人元万亿":
                continue
        return Marker(level, family, value, offset + m.start(), offset + m.end(),
                      head[m.start():m.end()], m.group("mark") or "")
    return None
