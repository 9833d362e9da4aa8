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
from ..cache import compile_regex
from ..text.chinese import HAN_BASIC, is_han, next_mark
from .facts_common import (cached, clause_at, date_words, effective_date, left_edge, per_paragraph, read_rows, source,
                           starts_word, years_in)
from .facts_orgs import _HISTORY

# County-level names that are also ordinary words for a part of any city (某市城区, 某市郊区).
_GENERIC = {"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "中区", "新区", "市区", "城中区",
            "城东区", "城西区", "城南区", "城北区"}


# the peoples named in autonomous prefectures' names (甘孜藏族自治州, 恩施土家族苗族自治州)
_NATIONALITY = compile_regex(r"(?:藏|苗|侗|土家|彝|白|傣|回|蒙古|哈萨克|柯尔克孜|朝鲜|壮|布依|哈尼|景颇|傈僳|羌|黎|瑶|土)族?$")


class _Places:
    # what digest() keeps: the tables as plain lists and dicts (marshal data, lint.checks.facts_common.cached)
    _SETS = ("provinces", "names", "old_names", "firsts", "seconds")
    _LISTS = ("old", "short", "short_pref", "first_ends", "old_ends", "second_starts")

    def __init__(self, rows):
        if rows is None:
            return  # from_digest fills the tables
        self.province = {}   # prefecture name -> {province}
        self.county = {}     # county name -> {(province, prefecture)}
        self.provinces = set()
        self.old = {}
        for r in rows:
            name, level = r["name"], r["level"]
            if r["status"] != "在用":
                self.old.setdefault(name, {"year": r.get("year", ""), "now": r.get("now", ""),
                                           "status": r["status"], "prefecture": r.get("prefecture", "")})
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
        # 甘孜州, 恩施州: an autonomous prefecture by its place name and 州
        self.short_pref = {}
        for pref in self.province:
            if pref.endswith("自治州"):
                stem = pref[:-3]
                while True:
                    cut = _NATIONALITY.sub("", stem)
                    if cut == stem:
                        break
                    stem = cut
                if len(stem) >= 2 and stem + "州" not in self.province:
                    self.short_pref[stem + "州"] = pref
        self.names = self.provinces | set(self.province) | {c for c in self.county if c not in _GENERIC}
        self.old_names = {n for n in self.old if n not in self.names}
        # county-level cities too: 巢湖市庐江县 names a county under one, which no county is
        self.firsts = self.provinces | set(self.province) | set(self.short_pref) \
            | {c for c in self.county if c.endswith("市") and c not in self.province}
        self.seconds = set(self.province) | {c for c in self.county if c not in _GENERIC}
        self.short_rx = compile_regex("|".join(sorted(self.short, key=len, reverse=True)))
        # names indexed by their last two and first two characters: one lookup per position
        self.first_ends = _index(self.firsts, -2)
        self.old_ends = _index(self.old_names, -2)
        self.second_starts = _index(self.seconds, 2)

    def digest(self) -> dict:
        """The tables as plain data (sets as sorted lists), for the cache."""
        out = {k: sorted(getattr(self, k)) for k in self._SETS}
        out.update({k: getattr(self, k) for k in self._LISTS})
        out["province"] = {k: sorted(v) for k, v in self.province.items()}
        out["county"] = {k: [list(t) for t in sorted(v)] for k, v in self.county.items()}
        out["short_rx"] = self.short_rx.pattern
        return out

    @classmethod
    def from_digest(cls, data: dict) -> "_Places":
        pl = cls(None)
        for k in cls._SETS:
            setattr(pl, k, set(data[k]))
        for k in cls._LISTS:
            setattr(pl, k, data[k])
        pl.province = {k: set(v) for k, v in data["province"].items()}
        pl.county = {k: {tuple(t) for t in v} for k, v in data["county"].items()}
        pl.short_rx = compile_regex(data["short_rx"])
        return pl

    @staticmethod
    def _ending(text: str, i: int, index: dict) -> str | None:
        for w in index.get(text[i - 2:i], ()):
            if text.endswith(w, 0, i):
                return w
        return None

    def _starting(self, text: str, i: int) -> str | None:
        for w in self.second_starts.get(text[i:i + 2], ()):
            if text.startswith(w, i):
                return w
        return None

    def pairs(self, text: str):
        """(start, end, first name, second name) of two names written one after the other."""
        for m in _FIRST_END.finditer(text):
            i = m.end()
            a = self._ending(text, i, self.first_ends)
            if a:
                b = self._starting(text, i)
                if b:
                    yield i - len(a), i + len(b), a, b
        for m in self.short_rx.finditer(text):
            if self._ending(text, m.end(), self.first_ends):
                continue  # 海南 of 海南省 or of 海南藏族自治州
            b = self._starting(text, m.end())
            if b:
                yield m.start(), m.end() + len(b), m.group(), b

    def old_in(self, text: str):
        for m in _OLD_END.finditer(text):
            w = self._ending(text, m.end(), self.old_ends)
            if w:
                yield m.end() - len(w), m.end(), w


def _index(names, n: int) -> dict:
    """{last (n < 0) or first n characters: names, longest first}."""
    out: dict[str, list] = {}
    for w in sorted(names, key=len, reverse=True):
        out.setdefault(w[n:] if n < 0 else w[:n], []).append(w)
    return out


_FIRST_END = compile_regex("[省市州盟区]")
_OLD_END = compile_regex("[省市县区旗盟州]")


@lru_cache(maxsize=4)
def _places(source) -> _Places:
    """The digest of the places list (not its rows), kept in gwlint's cache folder between runs
    (reading and indexing the 4,000 rows costs some 20 ms in every process)."""
    return cached("places-4", source, lambda: _Places(read_rows(source)).digest(), _Places.from_digest)


@lru_cache(maxsize=4)
def _stems(source) -> frozenset[str]:
    pl = _places(source)
    out = set(pl.short)
    for name in pl.province:
        stem = re.sub(r"(?:市|地区|自治州|盟)$", "", name)
        if len(stem) >= 2:
            out.add(stem)
    return frozenset(out)


def after_place(rule, text: str, start: int) -> bool:
    """Whether ``text`` has a province or prefecture by its short name right before ``start``
    (山东银保监局, 襄阳银保监分局): a body of that place."""
    stems = _stems(source(rule, "places"))
    return any(text[start - k:start] in stems for k in (2, 3, 4) if start >= k)


def _level(pl: _Places, name: str) -> str:
    if name in pl.provinces:
        return "province"
    if name in pl.province:
        return "prefecture"
    return "county"


@per_paragraph
def place_hierarchy(doc, rule, options, p) -> Iterator[Hit]:
    pl = _places(source(rule, options["list"]))
    for start, end, a, b in pl.pairs(p.text):
        hit = _pair(pl, a, b)
        if hit:
            yield Hit(p, start, end, hit[1], {"problem": hit[0]})
    if "、" in p.text:
        yield from _odd_one_out(doc, pl, p)


def _pair(pl, a, b):
    a = pl.short.get(a) or pl.short_pref.get(a, a)
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
    if la == "county":  # a county-level city (巢湖市 since 2011): no county lies under one
        if len(homes) > 1 or not a.endswith("市"):
            return None
        prov, pref = next(iter(homes))
        return f"{b}属于{prov}{pref}，{a}是县级市，不辖县区", (pref or prov) + b
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


_SUFFIX = compile_regex(rf"(?:市|地区|盟|[{HAN_BASIC}]{{1,8}}自治州|州)$")
_ENDS = frozenset("县区市旗")


def _head(pl: _Places, piece: str) -> str | None:
    """The county-level name the piece ends with (在秭归县 -> 秭归县)."""
    if not piece or piece[-1] not in _ENDS:
        return None
    return next((piece[k:] for k in range(max(0, len(piece) - 8), len(piece) - 1) if piece[k:] in pl.county), None)


def _runs(pl: _Places, text: str) -> Iterator[tuple[int, list[str]]]:
    """(start, names) of each run of three or more county-level names joined by 、 (栾川县、嵩县、
    卢氏县): the pieces between 、 are names, the first one at the end of its piece and the last
    at the start of its own."""
    pieces, at = [], 0
    for piece in text.split("、"):
        pieces.append((at, piece))
        at += len(piece) + 1
    run: list[tuple[int, str]] = []
    for at, piece in pieces:
        if run and piece in pl.county:
            run.append((at, piece))
            continue
        if run:
            tail = next((piece[:k] for k in range(min(len(piece), 8), 1, -1)
                         if piece[k - 1] in _ENDS and piece[:k] in pl.county), None)
            if tail:
                run.append((at, tail))
            if len(run) >= 3:
                yield run[0][0], [n for _, n in run]
        head = _head(pl, piece)
        run = [(at + len(piece) - len(head), head)] if head else []
    if len(run) >= 3:
        yield run[0][0], [n for _, n in run]


def _odd_one_out(doc, pl: _Places, p) -> Iterator[Hit]:
    """A list of counties all of one prefecture, which the draft names (洛阳市, or 洛阳), but one of
    another prefecture: 栾川县、嵩县、卢氏县 in a 洛阳 speech (卢氏县 is 三门峡市's). Not in a
    province's draft, whose lists may cross prefectures."""
    title = doc.title.text if doc.title is not None else ""
    if "省" in title or "自治区" in title:
        return  # a province's draft lists counties of several prefectures
    text = p.text
    if sum(text.count(c + "、") for c in _ENDS) < 2:
        return  # no run of three names
    whole = None
    for start, items in _runs(pl, text):
        homes = [pl.county[it] for it in items]
        prefs = [{pref for _, pref in h} for h in homes]
        for i, it in enumerate(items):
            if len(homes[i]) != 1:
                continue
            common = set.intersection(*[pr for j, pr in enumerate(prefs) if j != i])
            if len(common) != 1:
                continue
            own = next(iter(common))
            if not own or own in prefs[i]:
                continue
            whole = whole if whole is not None else doc.joined_text
            if _SUFFIX.sub("", own) not in whole:
                continue  # the draft is not its own prefecture's (洛阳市, or 洛阳 alone)
            prov, pref = next(iter(homes[i]))
            at = start + sum(len(x) + 1 for x in items[:i])
            yield Hit(p, at, at + len(it), None, {
                "problem": f"{it}属于{prov}{pref}，不属于{own}（同列的{'、'.join(x for x in items if x != it)}都属于{own}）"})
            break


place_hierarchy.FIELDS = frozenset({"text", "suggestion", "problem"})
place_hierarchy.OPTIONS = {"list": Param("str", default="places", doc="administrative divisions")}


_LISTED_AFTER = {c + "、" for c in "省市县区旗州盟"}


def _in_current_name(pl: _Places, text: str, start: int, end: int) -> bool:
    """The old two-character name is part of a name in use written there (赣县区 holds 赣县), or of
    the short form of an autonomous county (大通县, of 大通回族土族自治县, holds 通县)."""
    names = pl.names | {place + level for place, level in autonomous_divisions(pl)}
    return any(text[max(0, start - a):end + b] in names for a in range(0, 4) for b in range(0, 3) if a or b)


# an autonomous division: its place, its peoples, its level (靖州苗族侗族自治县, 大理白族自治州)
AUTONOMOUS = compile_regex(r"([\u4e00-\u9fff]{2,4}?)((?:[\u4e00-\u9fff]{1,5}?族)+)自治([县州旗])")


@lru_cache(maxsize=4)
def autonomous_divisions(pl: _Places) -> dict[tuple[str, str], list[str]]:
    """(place, level) -> the autonomous divisions in use of that place and level (("大通", "县") ->
    大通回族土族自治县): the short form a draft may write, 大通县, is place and level."""
    out: dict[tuple[str, str], list[str]] = {}
    for name in set(pl.county) | set(pl.province):
        m = AUTONOMOUS.fullmatch(name)
        if m:
            out.setdefault((m.group(1), m.group(3)), []).append(name)
    return out


def _short_name_stands(text: str, start: int, end: int, prefecture: str) -> bool:
    """A two-character county name (赣县) is read as a name after its city (南宁市横县交界), or
    before a mark with no word across its start (西连赣县，), after another place and 、, or after a
    boundary and before a joining word (在安县、 …赣县的); never inside a longer name or a word (赣县区, 沙县小吃, 抢通县乡道路)."""
    if prefecture and text.endswith(prefecture, 0, start):
        return True
    if text[start - 2:start] in _LISTED_AFTER:
        return True  # 曹妃甸区、滦县作了发言: an item of a list of places
    at_mark = end == len(text) or not is_han(text[end])
    if at_mark and (start == 0 or not is_han(text[start - 1])):
        return True
    if at_mark:
        from ..text.segment import word_pairs

        return text[start - 1] not in word_pairs()[1].get(text[start], "")
    return left_edge(text, start) and text[end] in "和与及的等"


@per_paragraph
def place_renamed(doc, rule, options, p) -> Iterator[Hit]:
    pl = _places(source(rule, options["list"]))
    today = effective_date(doc)
    text = p.text
    for start, end, name in pl.old_in(text):
        r = pl.old[name]
        try:
            year = int(r["year"])
        except ValueError:
            continue  # a row without a year (an office's addition) says nothing about when
        if today < _dt.date(year, 12, 31):
            continue
        lead = re.split(r"[，。；：！？]", text[max(0, start - 12):start])[-1]
        if "原" in lead:
            continue
        s0, s1 = clause_at(p, start)
        clause = text[s0:s1]
        # a year before the name, or in its own stretch up to the next comma, dates the sentence;
        # one further on is of something else (地处宣武区西南部，……，1990年以前建成的住宅楼)
        dated = text[s0:min(s1, next_mark(text, end, "，"))]
        if _HISTORY.search(clause) or any(y < year for y in years_in(dated)):
            continue
        if end - start == 2 and (_in_current_name(pl, text, start, end)
                                 or not _short_name_stands(text, start, end, r.get("prefecture", ""))):
            continue  # 赣县, 通县: two characters are a name after their city (南宁市横县交界) or between marks
            # (西连赣县，), not inside a longer name or a word (赣县区, 沙县小吃, 抢通县乡道路)
        if not starts_word(text, start, end):  # last: it may load the lexicon
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
