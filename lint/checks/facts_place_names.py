"""A place name written one character off (FC035): 苍山区 for 仓山区, 蹬口县 for 磴口县, 寻邬县 for
寻乌县, 旅顺区 for 旅顺口区; and an autonomous division named with its peoples wrong (靖州侗族苗族
自治县 for 靖州苗族侗族自治县, 保亭黎族自治县 for 保亭黎族苗族自治县).

A county-level or prefecture name ending in 县, 区, 市 or 旗 that no division bears, in use or given
up (reference/places.tsv), is compared with the divisions in use whose names differ from it in one
character of the name before the suffix (the two characters alike in sound or shape) or lack one
character of it. It is reported when exactly one such division belongs to a prefecture (or, under a
municipality, a province) that the draft names elsewhere: a draft about 福州 that writes 苍山区
means 仓山区. The name must stand as a name: after a mark, a list's 、, or a place it belongs to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.chinese import is_han
from .facts_common import cached, per_paragraph, source
from .facts_places import _GENERIC, AUTONOMOUS, _places, autonomous_divisions

_SUFFIXES = "县区市旗"
_PLACE_SUFFIX = re.compile(r"(?:省|市|地区|盟|自治州|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_BEFORE = set("、，。；：（）“”《》 \u3000\t")
_SUFFIX_AT = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}})[{_SUFFIXES}]")  # a suffix after two Han characters at least
# a preposition a place name often follows (在蓟洲区, 赴苍山区)
_PREPOSITIONS = set("在赴到至从于向对")
# the character before a name: a mark, a place's suffix (宝鸡市歧山县), 和 or a preposition
_PLACE_CHARS = set("省市县区州旗盟")
_MAY_PRECEDE = _BEFORE | _PLACE_CHARS | set("和及与") | _PREPOSITIONS


@lru_cache(maxsize=4)
def _near(src) -> tuple[dict, frozenset]:
    """({key: names in use}, every name known): the keys of a name are its name part with one
    character masked (仓?山区 … written 仓\x00区) and, for names of four or more characters, with one
    left out (旅顺区 of 旅顺口区). Kept in gwlint's cache folder (some 10 ms to build)."""
    return cached("place-slips-1", src, lambda: _build_near(src), lambda d: (d["keys"], frozenset(d["known"])))


def _build_near(src) -> dict:
    pl = _places(src)
    in_use = {n for n in set(pl.county) | set(pl.province) if n not in _GENERIC}
    in_use |= {place + level for place, level in autonomous_divisions(pl)}  # 巍山县, 大通县
    known = frozenset(in_use | set(pl.old) | set(pl.provinces))
    keys: dict[str, list[str]] = {}
    for name in in_use:
        body, suffix = name[:-1], name[-1]
        if suffix not in _SUFFIXES or len(body) < 2 or not all(is_han(c) for c in body):
            continue
        for k in range(len(body)):
            keys.setdefault(body[:k] + "\0" + body[k + 1:] + suffix, []).append(name)
            if len(body) >= 3:
                keys.setdefault(body[:k] + body[k + 1:] + suffix, []).append(name)
    return {"keys": keys, "known": sorted(known)}


def _homes(pl, src, name: str) -> set[str]:
    """The short names of the places a division belongs to that a draft about it would name:
    its prefecture (福州 of 仓山区, 延边 of 珲春市), or its province where it has no prefecture
    (重庆 of 璧山区). An autonomous county may be given by its short form (巍山县)."""
    full = [name] if name in pl.county else autonomous_divisions(pl).get((name[:-1], name[-1]), [name])
    out = {_stem(pref or prov) for n in full for prov, pref in pl.county.get(n, ())}
    out |= {_stem(prov) for prov in pl.province.get(name, ())}
    return {x for x in out if len(x) >= 2}


def _stem(place: str) -> str:
    """福州 of 福州市, 延边 of 延边朝鲜族自治州, 内蒙古 of 内蒙古自治区."""
    m = AUTONOMOUS.fullmatch(place)
    return m.group(1) if m else _PLACE_SUFFIX.sub("", place)


def _stands(text: str, start: int, known: frozenset) -> bool:
    """The name starts a name: after a mark or the start, or right after a place (宝鸡市歧山县),
    or after 和 (及, 与) that follows one (中山区、西岗区和旅顺区)."""
    if start == 0 or text[start - 1] in _BEFORE or not is_han(text[start - 1]):
        return True
    if text[start - 1] in _PREPOSITIONS and (start == 1 or not is_han(text[start - 2])):
        return True  # ，在蓟洲区、宝坻区
    end = start - 1 if text[start - 1] in "和及与" else start
    if end < start and text[end - 1:end] in _PLACE_CHARS:
        return True  # ……开发区和浑春市: 和 after a place or a zone
    return any(text[max(0, end - k):end] in known for k in range(3, 9))


_AUTONOMY = re.compile(r"族自治[县州旗]")


def _peoples_slips(text: str, src, known) -> Iterator[tuple[int, int, str]]:
    """An autonomous division named with its peoples wrong, missing or out of order (靖州侗族苗族
    自治县, 保亭黎族自治县): the one division in use of that place and level."""
    index = autonomous_divisions(_places(src))
    for end in (m.end() for m in _AUTONOMY.finditer(text)):
        for start in range(max(0, end - 16), end - 5):  # the longest reading whose place has one
            m = AUTONOMOUS.fullmatch(text, start, end)
            meant = index.get((m.group(1), m.group(3)), []) if m else []
            if meant:
                if m.group() not in known and len(meant) == 1 and _stands(text, start, known):
                    yield start, end, meant[0]
                break


@per_paragraph
def place_slip(doc, rule, options, p) -> Iterator[Hit]:
    text = p.text
    if "自治" in text:
        src = source(rule, options["list"])
        for start, end, right in _peoples_slips(text, src, _near(src)[1]):
            yield Hit(p, start, end, right, {"problem": f"没有叫“{text[start:end]}”的行政区划，应为“{right}”"})
    if not _SUFFIX_AT.search(text):
        return
    src = source(rule, options["list"])
    keys, known = _near(src)
    pl = _places(src)
    whole = None
    for suffix in _SUFFIX_AT.finditer(text):
        i = suffix.start()
        for size in (3, 2, 4):  # the name before the suffix: 苍山 of 苍山区, 巴彦 of 巴彦淖尔市 …
            start = i - size
            if start < 0 or (start and text[start - 1] not in _MAY_PRECEDE and is_han(text[start - 1])) \
                    or not all(is_han(x) for x in text[start:i]):
                continue  # (what can stand before a name, read first: most 市 and 区 are inside words)
            written = text[start:i + 1]
            if written in known or text[max(0, start - 1):i + 1] in known:
                break  # a real place (or the end of one: 鼓楼区 of 南鼓楼区 is not read)
            meant = set()
            for k in range(size):
                for name in keys.get(written[:k] + "\0" + written[k + 1:], ()):
                    a, b = written[k], name[k]
                    if _alike(a, b):
                        meant.add(name)
            meant.update(keys.get(written, ()))
            if not meant or not _stands(text, start, known):
                continue
            whole = whole if whole is not None else doc.joined_text
            named = [m for m in meant if any(h in whole for h in _homes(pl, src, m))]
            # (the lexicon is asked last: most candidates have no home in the draft)
            if len(named) != 1 or _inside_word(text, start, i) or _common_word(written[:-1]):
                continue
            right = named[0]
            home = next(h for h in _homes(pl, src, right) if h in whole)
            yield Hit(p, start, i + 1, right, {"problem": f"没有叫“{written}”的县级以上行政区划，文中写到的{home}有{right}"})
            break


# words a division's name runs into (旅顺区政府, 县委): the suffix ends the name all the same
_GOVERNS = ("政府", "委", "人大", "政协", "人民", "级", "长", "纪委", "党委")


def _inside_word(text: str, start: int, i: int) -> bool:
    """The suffix at ``i`` is part of a word that runs past it (新兴市场, 有关区县, 县城市管理局)."""
    from ..text.segment import lexicon

    lo, hi = max(0, start - 4), min(len(text), i + 6)
    _, ends = lexicon().best(text[lo:hi])
    return (i + 1 - lo) not in ends and not text.startswith(_GOVERNS, i + 1)


# a name part this frequent as a word of its own is that word (有关区县, 新兴市场), not a slip
COMMON_WORD = 1000


def _common_word(part: str) -> bool:
    from ..text.segment import lexicon

    return lexicon().freq.get(part, 0) >= COMMON_WORD


def _alike(a: str, b: str) -> bool:
    from .spelling_lm import alike  # the sound- and shape-alike tables, read on first use

    return alike(a, b, fuzzy=True) is not None


place_slip.FIELDS = frozenset({"text", "suggestion", "problem"})
place_slip.OPTIONS = {"list": Param("str", default="places", doc="administrative divisions")}
