"""People (FC017–FC019): names with the wrong title, leaders listed out of order, and, without a
list, names and titles that disagree within the document.

The office's own list is the ``people`` key of gwlint.yaml (lint/config/file.py passes it to
FC017 and FC018 as their ``people`` option), in order of precedence::

    people:
      - {name: 张三, title: 县委书记}
      - {name: 李四, title: 县委副书记、县长}
"""

from __future__ import annotations

import re
from typing import Iterator

from ..text.chinese import HAN_BASIC
from ..engine.kinds import Param
from ..errors import RuleFileError
from ..model.finding import Hit
from ..text.fastregex import fast
from ..cache import compile_regex

_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
             "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
             "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒"
             "阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司"
             "卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁"
             "沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
_COMPOUND = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|令狐|夏侯"
_TITLES = ("常务副县长|常务副市长|常务副区长|副县长|副市长|副区长|副镇长|副乡长|副省长|县长|市长|区长|镇长|乡长|省长|"
           "副书记|书记|副主任|主任|副局长|局长|副部长|部长|副主席|主席|副秘书长|秘书长|副院长|院长|检察长|副厅长|厅长|"
           "副处长|处长|副科长|科长|副所长|所长|副站长|站长|副校长|校长|副队长|队长|副主任委员|主任委员|"
           "董事长|副总经理|总经理|副会长|会长|理事长")
_NAME_END = r"(?=同志|[、，。；：（）”\s]|$|[就对在到向和与及将也还作等]|主持|出席|讲话|强调|指出|参加|带队|牵头|负责|分管|主管|担任|兼任|同志|批示|签发|表示|要求|介绍|汇报|作了|宣读|一行|等同志|率队|陪同|调研|检查|督导)"
_PAIR = fast(rf"(?P<org>[{HAN_BASIC}]{{0,8}}?(?:省|市|县|区|镇|乡|委|府|局|办|部|院|会|所|站|校|队|[、]))?"
             rf"(?P<title>{_TITLES})(?P<name>(?:{_COMPOUND}|[{_SURNAMES}])[{HAN_BASIC}]{{1,2}}?){_NAME_END}")
# titles one place has one holder of at a time
_SINGLE = compile_regex(r"^(?:县委书记|市委书记|区委书记|省委书记|镇党委书记|乡党委书记|县长|市长|区长|镇长|乡长|省长)$")


_ANY_TITLE = fast(rf"(?:{_TITLES})(?:{_COMPOUND}|[{_SURNAMES}])")


# Every match of _ANY_TITLE (and so of _PAIR) holds the last character of a title before a
# surname: the paragraphs that hold one are found in one pass over the whole text (lint.text.gates).
_TITLE_NEEDS = fast("[%s](?:%s|[%s])" % ("".join(sorted({t[-1] for t in _TITLES.split("|")})), _COMPOUND, _SURNAMES))


def _pairs(doc, rule) -> list:
    """(paragraph, match, org, title, name) of each title followed by a name; FC017 and FC019 both
    ask, so the answer is kept on the document (by scope)."""
    memo = doc.meta.setdefault("_people_pairs", {})
    key = tuple(rule.scope) if rule.scope is not None else None
    got = memo.get(key)
    if got is None:
        got = memo[key] = list(_find_pairs(doc, rule))
    return got


def _find_pairs(doc, rule):

    where = doc.paragraph_index.matching(_TITLE_NEEDS)
    for p in doc.iter(rule.scope):
        if p.index not in where or not _ANY_TITLE.search(p.text):
            continue
        for m in _PAIR.finditer(p.text):
            org = m.group("org") or ""
            title = m.group("title")
            name = m.group("name")
            if len(name) > 3:
                continue
            yield p, m, org, title, name


def _core(title: str) -> str:
    return re.sub(r"^(?:常务)?副", "", title)


def _in_document(doc, rule) -> Iterator[Hit]:
    """Without a list: one name with a title and its deputy form, two names one character apart
    with the same title."""
    seen: dict[str, tuple] = {}           # name -> (title, full title, paragraph)
    by_title: dict[str, list] = {}        # full title -> [(name, paragraph)]
    for p, m, org, title, name in _pairs(doc, rule):
        start, end = m.start("title"), m.end("name")
        full = _full(org, title)
        prior = seen.get(name)
        if prior and _core(prior[0]) == _core(title) and ("副" in prior[0]) != ("副" in title) \
                and _place(prior[3]) == _place(org):
            yield Hit(p, start, end, None, {"problem": f"{name}在第{prior[2].line}行称“{prior[1]}”，这里称“{full}”",
                                            "ask": "同一人的职务前后应一致，请核对"})
        seen.setdefault(name, (title, full, p, org))
        for other, q in by_title.get(full, []):
            if other != name and len(other) == len(name) and other[0] == name[0] \
                    and sum(a != b for a, b in zip(other, name)) == 1:
                yield Hit(p, m.start("name"), end, other,
                          {"problem": f"第{q.line}行的“{full}”写作“{other}”，这里写作“{name}”，只差一个字",
                           "ask": "多半是笔误，请核对姓名"})
                break
        by_title.setdefault(full, []).append((name, p))
    yield from _near_names(doc, rule)


# 李晓明同志: a three-character name before 同志, after a mark, the start or a joining word.
_COMRADE = fast(rf"(?:(?<![{HAN_BASIC}])|(?<=[和与及同请由对向]))(?P<name>(?:{_COMPOUND}|[{_SURNAMES}])[{HAN_BASIC}]{{2}})同志")


def _near_names(doc, rule) -> Iterator[Hit]:
    """李晓明同志 … 李晓名同志: two three-character names in one document that differ in one given
    name character, the two characters sounding or looking alike: almost always one person's name
    mistyped. The form written more often is suggested (the first, when as often)."""
    seen: dict[str, list] = {}
    for p in doc.iter(rule.scope):
        if "同志" not in p.text:
            continue
        for m in _COMRADE.finditer(p.text):
            seen.setdefault(m.group("name"), []).append((p, m))
    from .spelling_lm import alike  # the sound- and shape-alike tables, read on first use

    names = list(seen)
    reported: set[str] = set()
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            diff = [k for k in range(3) if a[k] != b[k]]
            if len(diff) != 1 or diff[0] == 0 or alike(a[diff[0]], b[diff[0]]) is None:
                continue
            right, wrong = (a, b) if len(seen[a]) >= len(seen[b]) else (b, a)
            if wrong in reported:
                continue
            reported.add(wrong)
            q, _ = seen[right][0]
            for p, m in seen[wrong]:
                yield Hit(p, m.start("name"), m.end("name"), right,
                          {"problem": f"第{q.line}行写作“{right}同志”，这里写作“{wrong}同志”，只差一个音近或形近的字",
                           "ask": "多半是同一人的名字写错了，请核对姓名"})


def _full(org: str, title: str) -> str:
    return (org + title) if org and not org.endswith("、") else title


def _place(full: str) -> str:
    m = re.match(r"^(.*?[省市县区镇乡])", full)
    return m.group(1) if m else ""


def title_holders(doc, rule, options) -> Iterator[Hit]:
    holders: dict[str, tuple] = {}
    for p, m, org, title, name in _pairs(doc, rule):
        full = _full(org, title)
        if not _SINGLE.match(full):
            continue
        before = p.text[max(0, m.start() - 3):m.start()]
        if "原" in before or "前任" in before or "时任" in before or "新任" in before:
            continue
        holder = holders.get(full)
        if holder and holder[0] != name and sum(a != b for a, b in zip(holder[0], name)) > 1:
            yield Hit(p, m.start("title"), m.end("name"), None, {
                "problem": f"第{holder[1].line}行的{full}是{holder[0]}，这里的{full}是{name}"})
        holders.setdefault(full, (name, p))


title_holders.FIELDS = frozenset({"text", "problem"})




def _people(rule, options) -> list[tuple[str, list[str]]]:
    out = []
    for i, item in enumerate(options.get("people") or []):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or not isinstance(item.get("title", ""), str):
            raise RuleFileError(rule.path, f"规则 {rule.code} 的 people 第{i + 1}项应为 {{name: 姓名, title: 职务}}")
        titles = [t for t in re.split(r"[、，,|]", item.get("title", "")) if t]
        out.append((item["name"], titles))
    return out


_PEOPLE = Param("list", default=[], tunable=True,
                doc="本单位领导名单，按排序先后：[{name: 姓名, title: 职务（几个职务用顿号分隔）}]")


def _same_title(a: str, b: str) -> bool:
    """One title is the other with a place or body before it (县长 / 甲县县长), not a deputy."""
    long, short = (a, b) if len(a) >= len(b) else (b, a)
    if not long.endswith(short):
        return False
    rest = long[: len(long) - len(short)]
    return not rest.endswith(("副", "常务"))


def people_title(doc, rule, options) -> Iterator[Hit]:
    people = _people(rule, options)
    if not people:
        yield from _in_document(doc, rule)
        return
    titles = {n: ts for n, ts in people}
    holder = {t: n for n, ts in people for t in ts}
    for p, m, org, title, name in _pairs(doc, rule):
        full = (org + title) if org and not org.endswith("、") else title
        start, end = m.start("title"), m.end("name")
        if name in titles:
            mine = titles[name]
            if mine and not any(_same_title(t, full) or _same_title(t, title) for t in mine):
                yield Hit(p, start, end, None, {"problem": f"名单中{name}的职务是“{'、'.join(mine)}”，这里写作“{full}”",
                                                "ask": "请核对职务"})
            continue
        for t, n in holder.items():
            if (t.endswith(full) or full == t) and len(n) == len(name) and sum(a != b for a, b in zip(n, name)) == 1:
                yield Hit(p, m.start("name"), end, n,
                          {"problem": f"名单中的{t}是“{n}”，这里写作“{name}”", "ask": "请核对姓名"})
                break


people_title.FIELDS = frozenset({"text", "suggestion", "problem", "ask"})
people_title.OPTIONS = {"people": _PEOPLE}

_LIST_SEP = fast(r"[、，]")


_ONE_NAME = rf"(?:{_COMPOUND}|[{_SURNAMES}])[{HAN_BASIC}]{{1,2}}?"
_NAME_LIST = fast(rf"(?<![{HAN_BASIC}])({_ONE_NAME}(?:、{_ONE_NAME}){{2,}})(?=同志|等|[，。；：）\s]|$)")


# Every match of _NAME_LIST has a name between two 顿号 (its second name).
_NAME_LIST_NEEDS = fast(rf"、{_ONE_NAME}、")


def _listed_names(doc, rule):
    """Runs of two or more person names joined by 、 (出席：张三、李四、王五)."""

    where = doc.paragraph_index.matching(_NAME_LIST_NEEDS)
    for p in doc.iter(rule.scope):
        if p.index not in where:
            continue
        for m in _NAME_LIST.finditer(p.text):
            names = m.group(1).split("、")
            if all(2 <= len(n) <= 3 for n in names) and len(set(names)) == len(names):
                yield p, m, names


def _order_in_document(doc, rule) -> Iterator[Hit]:
    first = None
    for p, m, names in _listed_names(doc, rule):
        if first is None:
            first = (p, names)
            continue
        rank = {n: i for i, n in enumerate(first[1])}
        shared = [n for n in names if n in rank]
        if len(shared) >= 2 and [rank[n] for n in shared] != sorted(rank[n] for n in shared):
            yield Hit(p, m.start(), m.end(), None, {
                "first": shared[0], "second": shared[1],
                "order": f"第{first[0].line}行的排列为“{'、'.join(n for n in first[1] if n in shared)}”"})


def people_order(doc, rule, options) -> Iterator[Hit]:
    people = _people(rule, options)
    if len(people) < 2:
        yield from _order_in_document(doc, rule)
        return
    rank = {n: i for i, (n, _) in enumerate(people)}
    rx = fast("|".join(re.escape(n) for n in sorted(rank, key=len, reverse=True)))
    for p in doc.iter(rule.scope):
        for s in p.sentences:
            found = [m for m in rx.finditer(p.text, s.start, s.end)]
            for a, b in zip(found, found[1:]):
                between = p.text[a.end():b.start()]
                if len(between) > 12 or not _LIST_SEP.search(between) or re.search(r"[。；：]", between):
                    continue
                if rank[a.group()] > rank[b.group()]:
                    yield Hit(p, a.start(), b.end(), None, {
                        "first": a.group(), "second": b.group(),
                        "order": "名单中的排列为“" + "、".join(n for n, _ in people if n in (a.group(), b.group())) + "”"})
                    break


people_order.FIELDS = frozenset({"text", "first", "second", "order"})
people_order.OPTIONS = {"people": _PEOPLE}
