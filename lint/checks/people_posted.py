"""Leaders named with their posts: in a list (FC018), 区委书记周仲平、区长刘晓川 is in the order
of precedence; 区长刘晓川、区委书记周仲平 is not, and neither is a later list that names two
people in the other order than an earlier one. And the posts of a place held alone, one to a
person (:func:`portfolio`, FC017)."""

from __future__ import annotations

import re
from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from ..text.fastregex import fast
from ..text.chinese import HAN_BASIC
from .people_mentions import COMPOUND, SURNAMES, mentions
from .people_posts import compatible_bodies

# A government head (县长, 区长, 镇长…) and the party secretary of the same place (县委书记,
# 镇党委书记) listed together: the secretary comes first.
_HEAD = compile_regex(r"(?<![副长])(?P<level>[省市县区州盟旗镇乡])长")  # not 副县长
_SECRETARY = compile_regex(r"(?P<level>[省市县区州盟旗镇乡])(?:党)?委(?<!纪委)(?<!政法委)(?<!工委)书记")


class _Item:
    """One person of a list: the mention, the posts written with it and where the item ends."""

    __slots__ = ("m", "posts", "start", "end")

    def __init__(self, m, posts: str, start: int, end: int):
        self.m, self.posts, self.start, self.end = m, posts, start, end


def _item(m):
    """区委书记周仲平 (a post, then the name), 孙宏副市长 (the name, then the post), or
    马文斌（县委书记） (the name, then its posts in brackets)."""
    text = m.p.text
    if m.how == "title":
        start = m.span_start if m.span_start >= 0 else m.start
        # 市委常委、组织部部长周立新: the committee posts written before, joined by 、, are the item's
        before = _COMMITTEE_POSTS.search(text, max(0, start - 30), start)
        if before:
            return _Item(m, before.group() + m.post, before.start(), m.end)
        return _Item(m, m.post, start, m.end)
    if m.how == "name-title" and text.startswith(m.title, m.end):  # 孙宏副市长
        return _Item(m, m.title, m.start, m.end + len(m.title))
    if m.how == "bracket" and text[m.end:m.end + 1] in "（(":
        close = next((i for i in range(m.end, len(text)) if text[i] in "）)"), -1)
        if close != -1:
            return _Item(m, text[m.end + 1:close], m.start, close + 1)
    return None


_COMMITTEE_POSTS = compile_regex(r"(?:[省市县区州盟旗镇乡](?:党)?委(?:常委|委员|副书记|书记)、)+$")
_JOINT = compile_regex(r"(?:、|同志、|，)(?P<more>(?:[^，。；：、（）]{2,12}、)*)")


def _posted_lists(doc, rule):
    """Runs of two or more people named with their posts, joined by 、, 同志、 or ， (区委书记周仲平、
    区长刘晓川; 王立新（县委副书记、县长）、马文斌（县委书记）; 县委书记邱文斌，县委副书记、县长严俊)."""
    run: list = []
    for m in mentions(doc, rule.scope):
        item = _item(m) if m.title and not m.past else None
        if item is not None and run and run[-1].m.p is m.p:
            joint = _JOINT.fullmatch(m.p.text, run[-1].end, item.start)
            if joint:  # 副市长李文军，市委常委、常务副市长杨志刚: the posts before the joint's 、 are the item's
                item.posts = joint.group("more") + item.posts
                run.append(item)
                continue
        if len(run) >= 2:
            yield run
        run = [item] if item is not None else []
    if len(run) >= 2:
        yield run


# The order of precedence among the leaders of one place that every convention agrees on (the
# 县长 and the 人大常委会主任 are listed either way): (who comes first, who after).
_POSTS = [("书记", _SECRETARY),
          ("人大主任", compile_regex(r"(?P<level>[省市县区州盟旗镇乡])人大(?:常委会)?(?<!副)(?:主任|主席)(?!科员)")),
          ("首长", _HEAD),
          ("政协主席", compile_regex(r"(?P<level>[省市县区州盟旗])政协(?<!副)主席")),
          ("副书记", compile_regex(r"(?P<level>[省市县区州盟旗])委副书记")),
          ("常务", compile_regex(r"常务副(?P<level>[省市县区州盟旗])长")),
          ("副首长", compile_regex(r"(?<![务长])副(?P<level>[省市县区州盟旗镇乡])长")),
          ("人大副主任", compile_regex(r"(?P<level>[省市县区州盟旗镇乡])人大(?:常委会)?副(?:主任|主席)")),
          ("政协副主席", compile_regex(r"(?P<level>[省市县区州盟旗])政协副主席")),
          ("常委", compile_regex(r"(?P<level>[省市县区州盟旗])委常委")),
          # the secretaries-general of the government (市政府秘书长, 自治区人民政府副秘书长)
          ("秘书长", compile_regex(r"(?P<level>[省市县区州盟旗])(?:人民)?政府秘书长")),
          ("副秘书长", compile_regex(r"(?P<level>[省市县区州盟旗])(?:人民)?政府副秘书长")),
          # the head of a department or bureau before its deputies (of one body: see posted_order)
          ("厅局长", compile_regex(r"(?<!副)(?P<level>[厅局])长")),
          ("副厅局长", compile_regex(r"副(?P<level>[厅局])长"))]
_OWN_BODY = frozenset({"厅局长", "副厅局长"})
_POST_RX = dict(_POSTS)
_BEFORE = {("书记", x) for x in ("人大主任", "首长", "政协主席", "常务", "副首长")} | {
    ("人大主任", "政协主席"), ("首长", "政协主席"), ("人大主任", "常务"), ("人大主任", "副首长"),
    ("首长", "常务"), ("首长", "副首长"), ("常务", "副首长"), ("人大副主任", "政协副主席"),
    ("人大主任", "人大副主任"), ("政协主席", "政协副主席"), ("人大主任", "政协副主席"), ("厅局长", "副厅局长"),
    # a committee's deputy secretary before its other standing members (a 常务副县长 is one of them)
    ("书记", "副书记"), ("副书记", "常务"), ("副书记", "常委"), ("首长", "常委"), ("书记", "常委")} | {
    # the leaders of the four bodies before the government's secretaries-general
    (x, y) for x in ("书记", "人大主任", "首长", "政协主席", "副书记", "常务", "副首长", "人大副主任", "政协副主席")
    for y in ("秘书长", "副秘书长")} | {("秘书长", "副秘书长")}


def _rank(posts: str, level: str | None = None) -> tuple[str, str] | None:
    """(the highest post of precedence of ``posts``, its place level), or None."""
    for name, rx in _POSTS:
        for found in rx.finditer(posts):
            if level is None or found.group("level") == level:
                return name, found.group("level")
    return None


def posted_order(doc, rule, name_lists=()) -> Iterator[Hit]:
    """Two leaders of one place listed against the order of precedence (a head of government before
    the party secretary, the 政协主席 before the 人大常委会主任, a 副县长 before the 常务副县长), with
    their posts or, in ``name_lists`` ((paragraph, match, names) of lists of names alone: 出席：刘海涛
    王立群), by the posts the draft gives them elsewhere; and two people named with their posts in
    one order in a list and in the other order in a later one."""
    first: dict[frozenset, tuple] = {}
    # the fullest posts each person is given in the draft (邱文斌书记 is the 县委书记 named before)
    known: dict[str, str] = {}
    for m in mentions(doc, rule.scope):
        if m.title and not m.past and len(m.post) > len(known.get(m.name, "")):
            known[m.name] = m.post
    for p, m, names in name_lists:
        for a, b in zip(names, names[1:]):
            ra = _rank(known.get(a, ""))
            rb = _rank(known.get(b, ""), ra[1]) if ra else None
            if ra and rb and (rb[0], ra[0]) in _BEFORE and ra[0] not in _OWN_BODY:
                yield Hit(p, m.start(), m.end(), None, {
                    "first": a, "second": b,
                    "order": f"{b}（{_POST_RX[rb[0]].search(known[b]).group()}）应列在{a}"
                             f"（{_POST_RX[ra[0]].search(known[a]).group()}）之前"})
                break
    for run in _posted_lists(doc, rule):
        for a, b in zip(run, run[1:]):
            a_posts, b_posts = a.posts + "、" + known.get(a.m.name, ""), b.posts + "、" + known.get(b.m.name, "")
            ra = _rank(a_posts)
            rb = _rank(b_posts, ra[1]) if ra else None
            if ra and rb and (rb[0], ra[0]) in _BEFORE and \
                    (ra[0] not in _OWN_BODY or compatible_bodies(a.m.body, b.m.body)):
                yield Hit(a.m.p, a.start, b.end, None, {
                    "first": a.m.name, "second": b.m.name,
                    "order": f"{_POST_RX[rb[0]].search(b_posts).group()}应列在{_POST_RX[ra[0]].search(a_posts).group()}之前"})
                break
        else:
            for a, b in zip(run, run[1:]):
                pair = frozenset((a.m.name, b.m.name))
                seen = first.get(pair)
                if seen is None:
                    first[pair] = (a.m.name, b.m.name, a.m.p)
                elif seen[0] != a.m.name:
                    yield Hit(a.m.p, a.start, b.end, None, {
                        "first": a.m.name, "second": b.m.name,
                        "order": f"第{seen[2].line}行的排列为“{seen[0]}、{seen[1]}”"})
                    break


# The posts of a place that one person holds alone, each of its own (a 县委常委 holds one of them):
# the heads of the party committee's departments, its discipline commission (纪委书记, 监委主任),
# its secretary-general and general office, the 常务副县长, a 副县长, the 县委副书记, the 县长, the
# heads of the 人大 and the 政协; and the head of a government department (局长 of a 局, 主任 of a
# 委 that is no party body; not the 公安局, often headed by a 副县长). The 县长 is a 县委副书记,
# and a 县委副书记 often the 政法委书记: those pairs go together.
_PARTY_DEPARTMENT = fast(r"(?:组织|宣传|统战)部$")
_PARTY_BODY = fast(r"(?:^|[省市县区州旗盟镇乡])(?:委|党委|党工委)$|(?:纪委|政法委|工委|党组)$")
HELD_TOGETHER = {frozenset(("副书记", "首长")), frozenset(("副书记", "政法委"))}


def portfolio(m) -> str | None:
    """The post of ``m`` among those a place's leaders hold alone (FC017), or None."""
    body, title = m.body, m.title
    if title == "部长" and _PARTY_DEPARTMENT.search(body):
        return body[-4:]
    if (title == "书记" and "纪委" in body) or (title == "主任" and body.endswith("监委")):
        return "纪委"
    if title == "书记" and body.endswith("政法委"):
        return "政法委"
    if title == "秘书长" and _PARTY_BODY.search(body) and not body.endswith(("纪委", "政法委", "党组")):
        return "秘书长"
    if title == "主任" and body.endswith(("委办公室", "委办")) and not body.endswith(("纪委办", "纪委办公室")):
        return "委办"
    if re.fullmatch(r"常务副[县市区旗]长", title):
        return "常务"
    if title == "副书记" and _PARTY_BODY.search(body) and not body.endswith(("纪委", "政法委", "党组")):
        return "副书记"
    if re.fullmatch(r"[县市区旗]长", title):
        return "首长"
    if re.fullmatch(r"副[县市区旗]长", title):
        return "副首长"
    if "公安" in body:
        return None  # the head of the 公安局 is often a 副县长 too
    if title == "局长" and body.endswith("局") or title == "主任" and body.endswith("委") \
            and not _PARTY_BODY.search(body):
        return "部门" + body
    return None


# --- lists of names alone (FC018 without the office's list) ------------------------------------

_ONE_NAME = rf"(?:{COMPOUND}|[{SURNAMES}])[{HAN_BASIC}]{{1,2}}?"
# after a mark or a post (副县长陈晓敏、赵建国、李文华), or after a colon with ideographic spaces
# between the names (出席：王振东　刘洪涛　赵建国)
_NAME_LIST = fast(rf"(?:(?<![{HAN_BASIC}])|(?<=[长记任席]))({_ONE_NAME}(?:、{_ONE_NAME}){{2,}}"
                  rf"|(?<=[：:]){_ONE_NAME}(?:[\u3000 ]{_ONE_NAME}){{2,}})"
                  rf"(?=同志|等|出席|列席|参加|到会|(?:常务)?副?[省市县区州旗镇乡]长|副?书记|副?主任|[，。；：）\s]|$)")


# Every match of _NAME_LIST has a name between two 顿号 or ideographic spaces (its second name).
_NAME_LIST_NEEDS = fast(rf"、{_ONE_NAME}、|[\u3000 ]{_ONE_NAME}[\u3000 ]")


def listed_names(doc, rule):
    """Runs of three or more person names joined by 、 (出席：张三、李四、王五; 副县长张三、李四、王五),
    or by ideographic spaces after a colon (出席：张三　李四　王五)."""

    where = doc.paragraph_index.matching(_NAME_LIST_NEEDS)
    for p in doc.iter(rule.scope):
        if p.index not in where:
            continue
        for m in _NAME_LIST.finditer(p.text):
            names = m.group(1).replace("\u3000", "、").replace(" ", "、").split("、")
            if all(2 <= len(n) <= 3 for n in names) and len(set(names)) == len(names):
                yield p, m, names


def order_in_document(doc, rule) -> Iterator[Hit]:
    first = None
    for p, m, names in listed_names(doc, rule):
        if first is None:
            first = (p, names)
            continue
        rank = {n: i for i, n in enumerate(first[1])}
        shared = [n for n in names if n in rank]
        if len(shared) >= 2 and [rank[n] for n in shared] != sorted(rank[n] for n in shared):
            yield Hit(p, m.start(), m.end(), None, {
                "first": shared[0], "second": shared[1],
                "order": f"第{first[0].line}行的排列为“{'、'.join(n for n in first[1] if n in shared)}”"})
