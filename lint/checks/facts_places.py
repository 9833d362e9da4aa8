"""Places (FC015, FC016): a prefecture or county named under the wrong province or prefecture,
and places renamed or abolished.

reference/places.tsv holds every division at county level and above in use (民政部 code lists,
as collected by the CC0 areacodes project) and the names given up since 1990 with the year and
what took their place. Two names written next to each other (江苏省苏州市, 苏州市姑苏区, 浙江省
安吉县) are checked against the hierarchy.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from .facts import list_path
from .facts_common import date_words, effective_date, left_edge, read_rows, sentence_at, years_in
from .facts_orgs import _HISTORY

# County-level names that are also ordinary words for a part of any city (某市城区, 某市郊区).
_GENERIC = {"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "中区", "新区", "市区", "城中区",
            "城东区", "城西区", "城南区", "城北区"}


class _Places:
    def __init__(self, rows):
        self.province = {}   # prefecture name -> {province}
        self.county = {}     # county name -> {(province, prefecture)}
        self.provinces = set()
        self.old = {}
        for r in rows:
            name, level = r["name"], r["level"]
            if r["status"] != "在用":
                self.old.setdefault(name, {"year": r.get("year", ""), "now": r.get("now", ""),
                                           "status": r["status"]})
            elif level == "省级":
                self.provinces.add(name)
            elif level == "地级":
                self.province.setdefault(name, set()).add(r["province"])
            else:
                self.county.setdefault(name, set()).add((r["province"], r["prefecture"]))
        self._index()

    def _index(self):
        # 江苏嘉兴市, 广西桂林市: a province by its short name before a full prefecture name
        self.short = {}
        for prov in self.provinces:
            short = re.sub(r"(?:省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$", "", prov)
            if len(short) >= 2:
                self.short[short] = prov
        self.names = self.provinces | set(self.province) | {c for c in self.county if c not in _GENERIC}
        self.old_names = {n for n in self.old if n not in self.names}
        every = self.names | self.old_names
        self.ends = {n[-1] for n in every} | {n[-1] for n in self.short}
        self.longest = max(map(len, every))

    def find(self, text: str, names) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name of ``names`` in ``text``, the longest at each end."""
        out = []
        for i, ch in enumerate(text):
            if ch not in self.ends:
                continue
            for n in range(min(self.longest, i + 1), 1, -1):
                w = text[i + 1 - n:i + 1]
                if w in names:
                    out.append((i + 1 - n, i + 1, w))
                    break
        return out


@lru_cache(maxsize=4)
def _places(source) -> _Places:
    return _Places(read_rows(source))  # the digest is kept, not the rows


def _level(pl: _Places, name: str) -> str:
    if name in pl.provinces:
        return "province"
    if name in pl.province:
        return "prefecture"
    return "county"


def place_hierarchy(doc, rule, options) -> Iterator[Hit]:
    pl = _places(list_path(rule, options["list"]))
    for p in doc.iter(rule.scope):
        found = pl.find(p.text, pl.names)
        found += [(s, e, w) for s, e, w in pl.find(p.text, pl.short) if not any(
            s >= s2 and e <= e2 and (s, e) != (s2, e2) for s2, e2, _ in found)]
        starts = {}
        for s, e, w in found:
            if len(w) > len(starts.get(s, "")):
                starts[s] = w
        for s, e, w in found:
            b = starts.get(e)
            if b is not None:
                hit = _pair(pl, w, b)
                if hit:
                    yield Hit(p, s, e + len(b), hit[1], {"problem": hit[0]})


def _pair(pl, a, b):
    a = pl.short.get(a, a)
    la, lb = _level(pl, a), _level(pl, b)
    if la == "province" and lb == "prefecture":
        if a in pl.province[b] or a in pl.province:  # 吉林省吉林市 / a prefecture-level name
            return None
        right = "、".join(sorted(pl.province[b]))
        return f"{b}属于{right}，不属于{a}", right + b
    if lb != "county" or b not in pl.county:
        return None
    homes = pl.county[b]
    if la == "province":
        if any(prov == a for prov, _ in homes):
            return None
        if len(homes) > 1:
            return None  # a name several places share: leave it
        prov, pref = next(iter(homes))
        return f"{b}属于{prov}{pref}，不属于{a}", prov + pref + b
    if la == "prefecture":
        if any(pref == a for _, pref in homes):
            return None
        if any(prov == a for prov, _ in homes):
            return None
        if len(homes) > 1:
            names = "、".join(sorted(prov + pref for prov, pref in homes))
            return f"{a}没有{b}（名为{b}的有：{names}）", None
        prov, pref = next(iter(homes))
        return f"{b}属于{prov}{pref}，不属于{a}", (pref or prov) + b
    return None


place_hierarchy.FIELDS = frozenset({"text", "suggestion", "problem"})
place_hierarchy.OPTIONS = {"list": Param("str", default="places", doc="administrative divisions")}


def place_renamed(doc, rule, options) -> Iterator[Hit]:
    pl = _places(list_path(rule, options["list"]))
    today = effective_date(doc)
    for p in doc.iter(rule.scope):
        text = p.text
        for start, end, name in pl.find(text, pl.old_names):
            r = pl.old[name]
            try:
                year = int(r["year"])
            except ValueError:
                continue  # a row without a year (an office's addition) says nothing about when
            if today < _dt.date(year, 12, 31) or not left_edge(text, start):
                continue
            lead = re.split(r"[，。；：！？]", text[max(0, start - 12):start])[-1]
            if "原" in lead:
                continue
            s0, s1 = sentence_at(p, start)
            sentence = text[s0:s1]
            if _HISTORY.search(sentence) or any(y < year for y in years_in(sentence)):
                continue
            now = r["now"]
            if r["status"] == "更名" and now:
                change = f"{year}年更名为“{now}”"
            else:
                change = f"{year}年撤销" + (f"，现为“{now}”" if now else "（请核对现在所属的行政区划）")
            yield Hit(p, start, end, now if now and "、" not in now else None,
                      {"change": change, "when": date_words(doc)})


place_renamed.FIELDS = frozenset({"text", "suggestion", "change", "when"})
place_renamed.OPTIONS = {"list": Param("str", default="places", doc="administrative divisions")}
