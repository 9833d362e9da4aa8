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
from dataclasses import replace
from typing import Iterator

from ..engine.kinds import Param
from ..errors import RuleFileError
from ..model.finding import Hit
from ..text.fastregex import fast
from ..text.chinese import HAN_BASIC, is_han
from .people_mentions import COMPOUND, SURNAMES, Mention, mentions, plausible_name
from .people_posts import compatible_bodies, core_title, is_deputy
from .people_posted import HELD_TOGETHER, listed_names, order_in_document, portfolio, posted_order


def _posts(ms: list[Mention]) -> list[Mention]:
    """The mentions that state a current post (not 原, 时任, an appointment…)."""
    return [m for m in ms if m.title and not m.past]


def _shown(m: Mention) -> str:
    return m.body + m.title


def _clash(a: Mention, b: Mention) -> bool:
    """Two posts one person cannot hold at once: the same post as head and as deputy of one body
    (局长 / 副局长, 县长 / 副县长), or the same post of two different bodies (县农业农村局局长 /
    县水利局局长). Different posts (县委常委 / 副县长, 局长 / 党组书记) may be held together."""
    pa, pb = portfolio(a), portfolio(b)
    if frozenset((pa, pb)) in HELD_TOGETHER:
        return False  # 县委副书记 / 县长, 县委副书记 / 县委政法委书记
    if pa and pb and pa != pb \
            and not (pa.startswith("部门") and pb.startswith("部门") and compatible_bodies(a.body, b.body)):
        return True  # 县委组织部部长 / 县委宣传部部长, 县委副书记 / 常务副县长, 发展改革委主任 / 工信局局长
    chief, other = (a, b) if a.title in _CHIEFS else (b, a)
    if chief.title in _CHIEFS and _DEPUTY_HEAD.match(other.title) and compatible_bodies(chief.body, other.body):
        return True  # 厅总工程师 / 副厅长: the 总师 is a leading post of its own
    section, other = (a, b) if _SECTION.search(a.body + a.title) else (b, a)
    if _SECTION.search(section.body + section.title) and _HEAD_OF_BODY.match(other.title) and other.body \
            and section.body.startswith(other.body):
        return True  # 市委组织部干部教育科科长 / 市委组织部副部长: a section's head is not the body's
    secretary, other = (a, b) if _secretary_general(a) else (b, a)
    if _secretary_general(secretary) and _BUREAU_HEAD.match(other.title) and other.body.endswith("局"):
        return True  # 市政府秘书长 / 市住房和城乡建设局局长: two full-time posts
    if core_title(a.title) != core_title(b.title):
        # the head of a place (县长, 副县长) is not also the head of one of its bureaus (局长), but
        # for the 公安局, whose head is often a 副县长 too; nor is its head a 主席 (人大, 政协) or the
        # secretary of a discipline commission (纪委书记)
        place, other = (a, b) if _PLACE_HEAD.match(a.title) else (b, a)
        if not _PLACE_HEAD.match(place.title):
            return False
        if other.title == "主席" or (other.title == "书记" and "纪" in other.body):
            return not is_deputy(place.title)  # 镇长 / 镇人大主席, 县长 / 县纪委书记
        if other.title in ("主任", "副主任") and "人大" in other.body:
            return True  # 副县长 / 县人大常委会副主任: the government and the congress
        if _secretary_general(other):
            return True  # the 秘书长 of the government or the party committee is a post of its own
        return bool(_BUREAU_HEAD.match(other.title) and other.body.endswith("局") and "公安" not in other.body)
    if is_deputy(a.title) != is_deputy(b.title):
        return compatible_bodies(a.body, b.body)
    # two bodies: only for the heads of places and bureaus; a 主任 or 书记 of one body is often
    # also that of another (领导小组办公室主任 held by the 发改委主任)
    return bool(_HEADS.match(core_title(a.title))) and bool(a.body and b.body) \
        and not compatible_bodies(a.body, b.body)


def _secretary_general(m: Mention) -> bool:
    """The 秘书长 of a government or a party committee (市政府秘书长, 市委常委、秘书长), not of an
    association."""
    return m.title == "秘书长" and (not m.body or m.body.endswith(_SECRETARIAT))


_CHIEFS = frozenset({"总工程师", "总经济师", "总会计师", "总规划师", "总农艺师", "总畜牧师", "总审计师", "总督学"})
_DEPUTY_HEAD = fast(r"^副(?:厅|局|部|主任|处|所|院)长?$")
_SECTION = fast(r"[科股]长$")
_HEAD_OF_BODY = fast(r"^副?(?:部长|局长|厅长|主任)$")
_SECRETARIAT = ("政府", "县委", "市委", "区委", "州委", "旗委", "省委")
_HEADS = fast(r"^[县市区镇乡省州旗局厅部]长$")
_PLACE_HEAD = fast(r"^(?:常务)?副?[县市区旗镇乡]长$")
_BUREAU_HEAD = fast(r"^副?局长$")


def _variants(ms: list[Mention]) -> list[list[Mention]]:
    """The mentions grouped into ways of writing one post (same post, bodies that may be one)."""
    groups: list[list[Mention]] = []
    for m in ms:
        for g in groups:
            if g[0].title == m.title and compatible_bodies(g[0].body, m.body):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def _minority(a: list, b: list) -> list:
    """Which side of a disagreement to report: the side written less often (its first place),
    both sides when as often."""
    if len(a) > len(b):
        return [(b[0], a[0])]
    if len(b) > len(a):
        return [(a[0], b[0])]
    return [(a[0], b[0]), (b[0], a[0])]


def _two_titles(doc, rule) -> Iterator[Hit]:
    """One name written with two posts that one person cannot hold at once."""
    by_name: dict[str, list[Mention]] = {}
    for m in _posts(mentions(doc, rule.scope)):
        by_name.setdefault(m.name, []).append(m)
    done = set()
    for name, ms in by_name.items():
        groups = _variants(ms)
        for i, g in enumerate(groups):
            for h in groups[i + 1:]:
                if not _clash(g[0], h[0]):
                    continue
                for here, there in _minority(g, h):
                    if id(here) in done:
                        continue
                    done.add(id(here))
                    yield Hit(here.p, here.span_start, here.end, None, {
                        "problem": f"{name}在{_at(there, here)}称“{_shown(there)}”，这里称“{_shown(here)}”",
                        "ask": "同一人的职务前后应一致，请核对职务（讲过去的职务时写“原”“时任”）"})


def _at(there: Mention, here: Mention) -> str:
    """Where the other half is, as a reader looks for it."""
    return "本行" if there.p is here.p else f"第{there.p.line}行"


def _surname_len(name: str) -> int:
    return 2 if name[:2] in COMPOUND.split("|") else 1


def _same_post(a: list[Mention], b: list[Mention]) -> bool:
    return any(x.title == y.title and compatible_bodies(x.body, y.body) for x in a for y in b)


_ROLE = fast(r"^(?:常务|执行)?副?(?:组长|总指挥|指挥长|主任|总?(?:河湖|河|湖|林|田)长)$")


def _role(ms: list[Mention]) -> bool:
    """Every post of ``ms`` a task's role (组长, 执行主任, 总指挥 of a group set up for a task), which
    anyone may hold beside a post."""
    return all(_ROLE.match(m.title) and (m.title != "主任" or m.body in ("执行", "")) and
               not m.body.endswith(("局", "委", "厅", "办")) for m in ms)


def _same_desk(a: list[Mention], b: list[Mention]) -> bool:
    return any(x.body and y.body and compatible_bodies(x.body, y.body) for x in a for y in b)


def _apart(a: list[Mention], b: list[Mention]) -> bool:
    """Both names are given departments (厅, 局), and they differ (省交通运输厅……处 / 省财政厅): read
    for a contact's desk; an office (市防指办公室) often sits in another body and says nothing."""
    da, db = {_DEPT.match(x.body).group() for x in a if _DEPT.match(x.body)}, \
        {_DEPT.match(y.body).group() for y in b if _DEPT.match(y.body)}
    return bool(da and db) and not any(compatible_bodies(x, y) for x in da for y in db)


_DEPT = re.compile(r".{2,12}?[厅局]")


def _near_names(doc, rule) -> Iterator[Hit]:
    """Two names one character apart, the two characters sounding or looking alike (孙丽华 /
    孙立华, 王志刚 / 王志钢), in one draft: almost always one person's name mistyped; under one
    post (副县长王建国 / 副县长王建围) any one character of a two-character given name. Not when the
    two are given different posts (two people: 副局长王志刚 and 科长王志钢), nor when both stand
    only in a roster. A two-character name (王刚 / 王钢) needs the same post or desk. The name
    written more often is suggested; when as often, both places are reported."""
    from .spelling_lm import alike  # the sound- and shape-alike tables, read on first use

    by_name: dict[str, list[Mention]] = {}
    for m in mentions(doc, rule.scope):
        by_name.setdefault(m.name, []).append(m)
    names = list(by_name)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if len(a) != len(b) or a[:_surname_len(a)] != b[:_surname_len(b)]:
                continue
            diff = [k for k in range(len(a)) if a[k] != b[k]]
            if len(diff) != 1:
                continue
            ma, mb = by_name[a], by_name[b]
            pa, pb = _posts(ma), _posts(mb)
            same_post = bool(pa and pb and _same_post(pa, pb))
            given = len(a) - _surname_len(a)
            if alike(a[diff[0]], b[diff[0]], fuzzy=True) is None and not (same_post and given >= 2):
                continue  # 副县长王建国 / 副县长王建围: one post, a two-character given name one off
            if pa and pb and not same_post and not _role(pa) and not _role(pb):
                continue  # two people with two posts (a task's role, 组长 or 执行主任, is no post of its own)
            if all(m.how == "list" for m in ma + mb):
                continue
            if not same_post and any(m.how == "contact" for m in ma + mb) and _apart(ma, mb):
                continue  # 联系人：刘建君，省交通运输厅……处 and 刘建军　省财政厅副厅长: two bodies, two people
            if given < 2 and not same_post and not _same_desk(ma, mb):
                continue
            how = "只差一个音近或形近的字" if alike(a[diff[0]], b[diff[0]], fuzzy=True) else "职务相同，名字只差一个字"
            for here, there in _minority(ma, mb):
                right = there.name
                yield Hit(here.p, here.start, here.end, right if len(ma) != len(mb) else None, {
                    "problem": f"{_at(there, here)}写作“{right}”，这里写作“{here.name}”，{how}",
                    "ask": "多半是同一人的名字写错了，请核对姓名"})
    yield from _unread_variants(doc, rule, by_name)


_PLACE_ENDS = set("省市县区州旗盟镇乡")


def _unread_variants(doc, rule, by_name: dict) -> Iterator[Hit]:
    """A three-character name the draft introduces (with a post, as a contact, before 同志)
    written elsewhere with one given-name character changed for a sound- or shape-alike one,
    where nothing introduces it and a mark follows (联系人：…宣传教育科覃晓丽 … 报送覃晓莉。):
    the readings of lint.checks.people_mentions do not see such a bare name."""
    from .spelling_lm import alike

    known = [n for n, ms in by_name.items() if len(n) == 3 and _surname_len(n) == 1
             and not all(m.how == "list" for m in ms)]
    if not known:
        return
    # the names by their first two characters and by their first and last: one look at each
    # surname of the text, however many names the draft holds
    by_head: dict[str, list[str]] = {}
    by_ends: dict[str, list[str]] = {}
    for n in known:
        by_head.setdefault(n[:2], []).append(n)
        by_ends.setdefault(n[0] + n[2], []).append(n)
    surnames = {n[0] for n in known}
    read = {(m.p.index, m.start) for ms in by_name.values() for m in ms}
    for p in doc.iter(rule.scope):
        text = p.text
        for i, c in enumerate(text):
            if c not in surnames or i + 3 > len(text):
                continue
            cand = text[i:i + 3]
            if cand in by_name or (p.index, i) in read or not is_han(cand[1]) or not is_han(cand[2]) \
                    or text[i - 1:i] in _PLACE_ENDS and text[i + 3:i + 4] == "、":
                continue  # (温州市郑晓丽、嘉兴市王建萍、: a list of places' people, each another person)
            # a bare name is followed by a mark (报送覃晓莉。) or joins another (顾晓冬与沈惠芳); else it
            # stands in the paragraph that introduces the name (…书记何建华违规…何剑华受到警告)
            loose = i + 3 < len(text) and is_han(text[i + 3]) and not text.startswith(("同志", "与", "和"), i + 3)
            if loose and not plausible_name(cand):
                continue
            for n, k in [(n, 2) for n in by_head.get(cand[:2], ())] + [(n, 1) for n in by_ends.get(cand[0] + cand[2], ())]:
                if loose and all(m.p.index != p.index for m in by_name[n]):
                    continue
                if cand[k] != n[k] and alike(cand[k], n[k], fuzzy=True):
                    there = by_name[n][0]
                    here = Mention(p, i, i + 3, cand, how="bare")
                    yield Hit(p, i, i + 3, n, {
                        "problem": f"{_at(there, here)}写作“{n}”，这里写作“{cand}”，只差一个音近或形近的字",
                        "ask": "多半是同一人的名字写错了，请核对姓名"})
                    break


def _in_document(doc, rule) -> Iterator[Hit]:
    """Without a list: one name with two posts, two names one character apart."""
    yield from _two_titles(doc, rule)
    yield from _near_names(doc, rule)


# posts one body has one holder of at a time: the head of a place or of a body (局长, 县长,
# 常务副县长), the secretary of a party committee, the director of a named body. 组长 and 队长 are
# left out (a draft names many groups: 第一检查组), as are posts a draft cannot place without a
# named body (主任, 科长, 书记: 办公室主任, 村党支部书记), and bare 镇长/乡长 (a county's draft
# speaks of many towns).
_SINGLE_BARE = fast(r"^(?:常务副)?[县市区省州局厅]长$")
_SINGLE_WITH_BODY = fast(r"^(?:(?:常务副)?[县市区镇乡省州旗局厅处科股所站院校部庭馆行署]长|书记|主任|主席|董事长|总经理|"
                         r"检察长|秘书长|理事长|会长)$")
_PARTY_COMMITTEE = fast(r"^(?:[省市县区州]委|[镇乡]党委|街道党工委)$")
# a body named by its kind alone: one of many (办公室, 村党支部, 市局)
_GENERIC_BODY = fast(r"^[省市县区镇乡村]?(?:委|党委|党组|党工委|党支部|党总支|支部|总支|办公室|办|村委会|居委会|管委会|"
                     r"社区|工会|团委|妇联|学校|医院|中心|公司|科|股|室|所|站|队|组|处|局|厅|部|院|校|书记处)$")


def _single(m: Mention) -> bool:
    if not m.body:
        return bool(_SINGLE_BARE.match(m.title))
    if m.title == "组长" and m.body.endswith("纪检监察组"):
        return True  # 驻厅纪检监察组组长: a named body with one head, unlike 第一检查组
    if m.title == "书记" and _PARTY_COMMITTEE.match(m.body):
        return True
    return not _GENERIC_BODY.match(m.body) and bool(_SINGLE_WITH_BODY.match(m.title))


def _one_body(a: str, b: str) -> bool:
    """Bodies written the same, one with its place before it (水利局 / 县水利局), or one the
    short form of the other (县住建局 / 县住房和城乡建设局: same first and last character, the
    short one's characters in order in the long one; not 县委 / 县委政法委)."""
    if a == b:
        return True
    if not a or not b:
        return False
    if a.endswith(b) or b.endswith(a):
        return True
    return min(len(a), len(b)) >= 4 and a[0] == b[0] and a[-1] == b[-1] and compatible_bodies(a, b)


def _resolved(ms: list[Mention]) -> list[Mention]:
    """Each post with its body: a post written bare (局长张三) takes the body the same name has
    with the same post elsewhere in the draft (市公安局局长张三)."""
    bodies: dict[tuple, str] = {}
    for m in ms:
        if m.body:
            bodies.setdefault((m.name, m.title), m.body)
    return [replace(m, body=bodies.get((m.name, m.title), "")) if not m.body else m for m in ms]


def title_holders(doc, rule, options) -> Iterator[Hit]:
    from .spelling_lm import alike

    posts = [m for m in _resolved(_posts(mentions(doc, rule.scope))) if _single(m)]
    groups: list[tuple[Mention, dict[str, list[Mention]]]] = []  # (first mention, holders)
    for m in posts:
        for first, holders in groups:
            if first.title == m.title and _one_body(first.body, m.body):
                holders.setdefault(m.name, []).append(m)
                break
        else:
            groups.append((m, {m.name: [m]}))
    for first, holders in groups:
        names = list(holders)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                diff = [k for k in range(min(len(a), len(b))) if a[k] != b[k]]
                if len(a) == len(b) and len(diff) == 1 and diff[0] >= _surname_len(a) \
                        and (alike(a[diff[0]], b[diff[0]], fuzzy=True) or len(a) - _surname_len(a) >= 2):
                    continue  # one name mistyped under one post: FC017 says so
                for here, there in _minority(holders[a], holders[b]):
                    post = _shown(here)
                    yield Hit(here.p, here.span_start, here.end, None, {
                        "problem": f"{_at(there, here)}的{_shown(there)}是{there.name}，这里的{post}是{here.name}"})


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
    for m in _posts(mentions(doc, rule.scope)):
        name, title, full = m.name, m.title, _shown(m)
        start, end = m.span_start, m.end
        if name in titles:
            mine = titles[name]
            if mine and not any(_same_title(t, full) or _same_title(t, title) for t in mine):
                yield Hit(m.p, start, end, None, {"problem": f"名单中{name}的职务是“{'、'.join(mine)}”，这里写作“{full}”",
                                                  "ask": "请核对职务"})
            continue
        for t, n in holder.items():
            if (t.endswith(full) or full == t) and len(n) == len(name) and sum(a != b for a, b in zip(n, name)) == 1:
                yield Hit(m.p, m.start, end, n,
                          {"problem": f"名单中的{t}是“{n}”，这里写作“{name}”", "ask": "请核对姓名"})
                break


people_title.FIELDS = frozenset({"text", "suggestion", "problem", "ask"})
people_title.OPTIONS = {"people": _PEOPLE}

_LIST_SEP = fast(r"[、，]")


def people_order(doc, rule, options) -> Iterator[Hit]:
    people = _people(rule, options)
    if len(people) < 2:
        yield from order_in_document(doc, rule)
        yield from posted_order(doc, rule, listed_names(doc, rule))
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
