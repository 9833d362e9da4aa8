"""Near-misses of fixed formulations that the head-and-tail comparison of FC013 cannot see, and
the shape of an enumeration's items for FC014.

- A transposition: two words (or characters) of a formulation swapped, 千村整治、万村示范 for
  千村示范、万村整治, or its parts in another order. The span has the formulation's length and
  characters and turns into it by exchanging two blocks or reordering the parts; it is looked for
  where the formulation's first two characters, the first two of a later part, or its last two
  stand.
- Joining marks: a span that differs only in 、，；和与及并地的 is the formulation as published.
- A changed last part: in a formulation of several parts (藏粮于地、藏粮于技) the last part
  differs by one character (藏粮于民), so the tail comparison cannot anchor it; the span must
  hold everything up to the first character of the last part exactly.
- The common affix of an enumeration's items (意识 of 政治意识、大局意识…), which a wrong item
  in place of a missing one must share to be read as an item of that list.
- Lists joined by ， (产业兴旺，生态宜居，……), read as lists joined by 、.
"""

from __future__ import annotations

import os
import re

from ..text.chinese import is_han
from .facts_common import edit_distance

_SEPARATORS = "、，"
_PARTS = re.compile("[、，]")
_WORD = 4  # the longest block a transposition exchanges


_JOINS = str.maketrans("", "", "、，；和与及并地的 “”‘’")


def joins_only(cand: str, right: str) -> bool:
    """True when ``cand`` and ``right`` differ only in the marks and little words that join
    their parts (、，；和与及并地的, and quotation marks): 大众创业万众创新 for 大众创业、万众创新, 毫不动摇地巩固 for
    毫不动摇巩固. Published texts write these either way."""
    return cand.translate(_JOINS) == right.translate(_JOINS)


def parts(text: str) -> list[str]:
    """The parts of a formulation between its 、 and ，."""
    return _PARTS.split(text)


def swapped(cand: str, right: str) -> bool:
    """True when ``cand`` is ``right`` with two words of up to four characters exchanged:
    千村整治、万村示范 for 千村示范、万村整治, 治理能力和治理体系 for 治理体系和治理能力 (two
    adjacent words must be of one length and not single characters), or with its parts (between
    、 and ，) in another order: 人才是第一资源、科技是第一生产力、创新是第一动力, also before an ending the
    parts share (党的领导、依法治国、人民当家作主有机统一)."""
    if cand == right or len(cand) != len(right) or sorted(cand) != sorted(right):
        return False
    mine, theirs = parts(cand), parts(right)
    if len(theirs) > 1 and len(mine) == len(theirs) and sorted(mine) == sorted(theirs):
        return True
    # the parts in another order before a shared ending: 党的领导、依法治国、人民当家作主有机统一
    k = len(os.path.commonprefix([cand[::-1], right[::-1]]))
    if k >= 2 and len(theirs) > 1:
        mine, theirs = parts(cand[:-k]), parts(right[:-k])
        if len(mine) == len(theirs) and sorted(mine) == sorted(theirs):
            return True
    i = 0
    while cand[i] == right[i]:
        i += 1
    j = 0
    while cand[-1 - j] == right[-1 - j]:
        j += 1
    a, b = right[i:len(right) - j], cand[i:len(cand) - j]
    n = len(a)
    for lx in range(1, min(n, _WORD) + 1):
        for ly in range(1, min(n - lx, _WORD) + 1):
            middle = n - lx - ly
            # words, not a clause turned round (A是B for B是A) nor a 的 moved past a word
            if (lx != ly and middle == 0) or (middle == 0 and min(lx, ly) < 2):
                continue
            if b == a[n - ly:] + a[lx:n - ly] + a[:lx]:
                return True
    return False


def stem(text: str) -> str:
    """Everything of a formulation of several parts up to and including the first character of
    its last part ('' for a formulation of one part, or one whose first parts are short)."""
    cut = max(text.rfind(s) for s in _SEPARATORS)
    if cut < 4 or cut + 2 >= len(text):
        return ""
    return text[:cut + 2]


def last_part_miss(text: str, pos: int, right: str, head: str) -> tuple[int, int, bool] | None:
    """(distance, length, whole) of a span at ``pos`` that holds ``head`` (see :func:`stem`) and
    differs from ``right`` by one character in its last part: a changed character anywhere in it,
    or a missing or extra one. ``whole`` says the span ends where a word ends (before a character
    that is not Han, or on the formulation's own last character); a span of the formulation's
    length that runs on into the next word comes last, not whole."""
    if not text.startswith(head, pos):
        return None
    n = len(right)
    # a span that ends where a word ends first; one of the formulation's length running on into
    # the next word (藏粮于地、藏粮于民战略) last
    for m, bounded in ((n, True), (n - 1, True), (n + 1, True), (n, False)):
        cand = text[pos:pos + m]
        if len(cand) < m or len(cand) <= len(head):
            continue
        if bounded and pos + m < len(text) and is_han(text[pos + m]) and cand[-1] != right[-1]:
            continue
        if not all(is_han(c) or c in _SEPARATORS for c in cand[len(head):]):
            continue
        if edit_distance(cand, right, 1) == 1 and not joins_only(cand, right):
            return 1, m, bounded
    return None


def common_affix(items: list[str]) -> tuple[str, str]:
    """The longest prefix and suffix every item shares (意识 of the 四个意识), each '' when
    there is none or it would be a whole item."""
    if len(items) < 2:
        return "", ""
    shortest = min(len(i) for i in items)
    pre = 0
    while pre < shortest - 1 and all(i[pre] == items[0][pre] for i in items):
        pre += 1
    suf = 0
    while suf < shortest - 1 and all(i[-1 - suf] == items[0][-1 - suf] for i in items):
        suf += 1
    return items[0][:pre], (items[0][-suf:] if suf else "")


# nouns a list runs into without 的 (按照……最严肃的问责要求): the list ends before them
_HEAD_NOUNS = ("要求", "原则", "方针", "理念", "精神", "思想")


def edge_item(seg: str, missing: str, affix: tuple[str, str], first: bool, lead) -> str | None:
    """The would-be item in the first (``first``) or last segment of a list, read as the item
    in place of ``missing``: with the enumeration's common affix and the length of ``missing``,
    or, when the items share no affix, the whole segment when it has that length. None when the
    segment does not look like an item of the list."""
    pre, suf = affix
    size = len(missing)
    if first:
        bare = lead.sub("", seg, count=1)
        cand = bare if len(bare) <= size + 1 else (seg[-size:] if pre or suf else None)
    else:
        cand = seg[:size]
        rest = seg[size:]
        if rest and is_han(rest[0]) and rest[0] not in "的等" and not rest.startswith(_HEAD_NOUNS) \
                and not (suf and cand.endswith(suf)):
            return None
    if not cand or cand == missing or not all(is_han(c) for c in cand):
        return None
    if (pre and not cand.startswith(pre)) or (suf and not cand.endswith(suf)):
        return None
    if not (pre or suf) and len(cand) != size:
        return None
    return cand


def comma_keys(items, leads) -> set[str]:
    """The strings that put an item of three characters or more next to a ，(核心意识，  ，大局意识),
    and ， before a lead verb (，增强). Only the ， where one of them stands can join a list
    (:func:`join_commas`)."""
    out = {"，" + v for v in leads}  # ，增强大局意识: the verb is enough to look closer
    for it in items:
        if len(it) < 3:
            continue  # 创新，协调 and the like: common words, and such lists are written with 、
        out.add(it + "，")
        out.add("，" + it)
    return out


def join_commas(text: str, item_of: dict, ends: dict, starts: dict, lead, lead_first, where=None) -> str:
    """``text`` with each ， that stands between two items of one enumeration turned into 、
    (one character for one, so every position stays): 产业兴旺，生态宜居，乡风文明 is read as a
    list like 产业兴旺、生态宜居、乡风文明. The item after the ， must end where a word ends
    (before a mark, 的 or 等), so 坚持创新，协调各方 stays two clauses. ``where``: the positions
    of the ， to look at (every one when None)."""
    if "，" not in text:
        return text

    def ends_word(s: str, n: int) -> bool:
        return len(s) == n or not is_han(s[n]) or s[n] in "的等"

    marks = []
    by_enum = None  # enumeration number -> its items' spellings, built when first needed
    for at in sorted(where) if where is not None else [i for i, c in enumerate(text) if c == "，"]:
        # a window either side: an item is a few characters long
        left, bare = text[max(0, at - 24):at], text[at + 1:at + 40]
        lefts = [it for it in ends.get(left[-2:], ()) if left.endswith(it)]
        rights = [it for it in starts.get(bare[:2], ()) if bare.startswith(it) and ends_word(bare, len(it))]
        if not rights and bare[:1] in lead_first:  # the item after a lead verb: ，增强大局意识
            bare = lead.sub("", bare, count=1)
            rights = [it for it in starts.get(bare[:2], ()) if bare.startswith(it) and ends_word(bare, len(it))]
        joined = False
        if lefts and rights:
            joined = bool({e for it in lefts for e, _ in item_of.get(it, ())} &
                          {e for it in rights for e, _ in item_of.get(it, ())})
        elif lefts or rights:
            # one side an item, the other a word of its length and ending (核心意识，担当意识): a
            # list whose first or last item may be wrong
            # (of the length and ending of any item of the left item's enumeration: 从减轻灾害损失
            # 向减少灾害风险转变 after 从应对单一灾种向综合减灾转变)
            if lefts and by_enum is None:
                by_enum = {}
                for it, places in item_of.items():
                    for e, _ in places:
                        by_enum.setdefault(e, []).append(it)
            kin = {x for it in lefts for e, _ in item_of.get(it, ()) for x in by_enum[e]} if lefts else ()
            joined = any(len(it) >= 4 and bare[len(it) - 2:len(it)] == it[-2:] and ends_word(bare, len(it))
                         and all(is_han(c) for c in bare[:len(it)]) for it in kin) or \
                any(len(it) >= 4 and left[-2:] == it[-2:] and all(is_han(c) for c in left[-len(it):])
                    for it in rights)
        if joined:
            marks.append(at)
    if not marks:
        return text
    chars = list(text)
    for at in marks:
        chars[at] = "、"
    return "".join(chars)


_SEGMENT = re.compile(r"[^、，。；：！？“”\n]+")


def one_part_changed(text: str, pos: int, right: str) -> tuple[int, int] | None:
    """(characters that differ, length) of a span at ``pos`` that has the parts of a formulation of three
    or more parts, joined by the same marks, every part as published but one, which has the
    published part's length (within one character), or its last two characters and a length
    within three (务必谦虚谨慎、戒骄戒躁 for ……、艰苦奋斗; 管企业必须管安全 for 管生产经营必须管安全). Two words exchanged and one
    character changed are read before this (:func:`swapped`, :func:`last_part_miss`)."""
    want = parts(right)
    if len(want) < 3:
        return None
    marks = [c for c in right if c in _SEPARATORS]
    got, at = [], pos
    for k in range(len(want)):
        m = _SEGMENT.match(text, at)
        if not m:
            return None
        got.append(m.group())
        at = m.end()
        if k < len(marks):
            if text[at:at + 1] != marks[k]:
                return None
            at += 1
    changed = [k for k in range(len(want)) if got[k] != want[k]]
    if len(changed) != 1:
        return None
    a, b = got[changed[0]], want[changed[0]]
    if joins_only(a, b):
        return None  # 毫不动摇地鼓励 for 毫不动摇鼓励: as published
    if not (abs(len(a) - len(b)) <= 1 or a[-2:] == b[-2:] and abs(len(a) - len(b)) <= 3):
        return None  # another phrase (全面贯穿发展全过程和各领域), not the part changed
    return edit_distance(a, b, max(len(a), len(b))), at - pos


TRUNCATED_PART = 6  # the parts a truncated formulation keeps must be this long (管行业必须管安全)


def truncations(fixed: list[tuple[str, str]]) -> dict[str, tuple[str, str, str]]:
    """{the first two parts of a formulation of three parts or more, as written: (the formulation,
    the parts left out, its source)}, of (formulation, source) pairs, for lists joined by 、 whose
    first two parts are TRUNCATED_PART characters or longer (管行业必须管安全、管业务必须管安全 of
    the 三管三必须): a draft that stops there has dropped the rest."""
    out = {}
    for f, source in fixed:
        ps = parts(f)
        if len(ps) < 3 or "，" in f or min(len(ps[0]), len(ps[1])) < TRUNCATED_PART:
            continue
        cut = len(ps[0]) + 1 + len(ps[1])  # the first two parts and the mark between them
        out.setdefault(f[:cut], (f, f[cut + 1:], source))
    return out
