"""Laws and regulations cited in 《》 (FC010–FC012): repealed titles, wrong titles and the form
of article numbers.

The reference list (reference/laws.tsv) holds the full titles of the laws and administrative
regulations in force (国家法律法规数据库) and the repealed ones with what replaced them and when.
"""

from __future__ import annotations

import os
import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.chinese import int_to_cn_positional
from ..text.fastregex import fast
from .facts_common import date_words, edit_distance, effective_date, parse_date, per_paragraph, sentence_at, source, table, years_in
from ..cache import compile_regex

PRC = "中华人民共和国"
_TITLE = fast(r"《([^《》\n]{2,80})》")
_VERSION = compile_regex(r"（(?:\d{4}年[^）]*|[^）]*(?:修正|修订|修改)[^）]*)）$")
_LAW_END = compile_regex(r"(?:法|条例|规定|办法|细则|准则)(?:（试行）|（草案）)?$")
_LOCAL = compile_regex(r"^.{1,12}?(?:省|市|县|区|自治区|自治州|自治县|州|盟|旗|特别行政区)")
# a title that starts like a local one but with a common noun (风景名胜区条例, 自然保护区条例, 城市…)
_NOT_A_PLACE = compile_regex(r"^(?:风景名胜区|名胜区|自然保护区|保护区|开发区|城市|都市|社区|城区|市区|山区|林区|牧区|矿区|景区|园区|"
                             r"城镇|县级|市级|地区|行政区)")
_PAST = fast(r"已废止|废止|失效|取代|不再适用|原《|修改|修订前|施行前|期间|曾")


class _Laws:
    def __init__(self, rows):
        self.current = {}
        self.repealed = {}
        for r in rows:
            (self.current if r["status"] == "现行" else self.repealed)[r["title"]] = r
        self.short = {}  # title without the PRC prefix -> full title in force
        for t in self.current:
            if t.startswith(PRC):
                self.short.setdefault(t[len(PRC):], t)
        self.repealed_short = {t[len(PRC):]: t for t in self.repealed if t.startswith(PRC)}
        self.by_len = {}
        for t in list(self.current) + list(self.short):
            self.by_len.setdefault(len(t), []).append(t)

    def nearest(self, title: str, limit: int) -> str | None:
        """The title in force nearest to ``title``: at most ``limit`` edits away, and holding
        most of the characters of its name (环保法 is near 环境保护法, not 刑法)."""
        core = title[len(PRC):] if title.startswith(PRC) else title
        chars = set(_KIND_END.sub("", core))  # the name, not its kind (消防 of 消防条例)
        least = 0.6 * len(chars)
        best, best_key = None, None
        for n in range(len(title) - limit, len(title) + limit + 1):
            for t in self.by_len.get(n, ()):
                if t[:1] != title[:1] and t[-1:] != title[-1:]:
                    continue
                # the shared characters first: a few set lookups against a table of edits
                other = t[len(PRC):] if t.startswith(PRC) else t
                shared = sum(1 for c in chars if c in other)
                if shared < least:
                    continue
                d = edit_distance(title, t, limit)
                if d > limit or not _slip(core, other):
                    continue
                key = (d, -shared, -len(os.path.commonprefix([core, other])))
                if best_key is None or key < best_key:
                    best, best_key = t, key
        return best


def _swapped_words(title: str, laws: _Laws) -> str | None:
    """The title in force that ``title`` is with two neighbouring two-character words exchanged
    (《安全生产事故报告和调查处理条例》 for 《生产安全事故报告和调查处理条例》), or with the words
    on either side of 和 exchanged (《生产安全事故调查处理和报告条例》)."""
    for i in range(len(title) - 3):
        cand = title[:i] + title[i + 2:i + 4] + title[i:i + 2] + title[i + 4:]
        if cand != title and (cand in laws.current or cand in laws.short):
            return cand
    # the two sides of a 和 exchanged: 调查处理和报告 for 报告和调查处理
    for j in (k for k, c in enumerate(title) if c in "和与及"):
        for a in range(1, 5):
            for b in range(1, 7):
                if j - a < 0 or j + 1 + b > len(title):
                    continue
                cand = title[:j - a] + title[j + 1:j + 1 + b] + title[j] + title[j - a:j] + title[j + 1 + b:]
                if cand != title and (cand in laws.current or cand in laws.short):
                    return cand
    return None


def _word_moved(title: str, laws: _Laws) -> str | None:
    """The title in force that ``title`` is with a two-character word moved from the front of its
    name to just before its kind, or back (科技成果转化促进法 for 促进科技成果转化法, 促进中小企业发展法
    for 中小企业促进法 with 发展 dropped is not one)."""
    prefix = PRC if title.startswith(PRC) else ""
    core = title[len(prefix):]
    kind = _KIND_END.search(core)
    if kind is None or kind.start() < 4:
        return None
    name, end = core[:kind.start()], core[kind.start():]
    for cand in (name[-2:] + name[:-2], name[2:] + name[:2]):
        full = prefix + cand + end
        if full != title and (full in laws.current or full in laws.short):
            return full
    return None


def _one_char_off(title: str, laws: _Laws) -> str | None:
    """The national law in force that ``title`` (中华人民共和国 and a name of at least
    ONE_OFF_NAME characters) is with one character of its name changed, not alike (水土保护法 for
    水土保持法): a shorter name one character off is as likely another law (海警法, 海关法)."""
    if not title.startswith(PRC) or len(title) - len(PRC) < ONE_OFF_NAME:
        return None
    found = [t for t in laws.by_len.get(len(title), ()) if t.startswith(PRC) and t[-1] == title[-1]
             and sum(a != b for a, b in zip(t, title)) == 1]
    return found[0] if len(found) == 1 else None


ONE_OFF_NAME = 5
_KINDS = ("条例", "规定", "办法", "细则", "准则", "法")
_KIND_END = compile_regex(r"(?:条例|规定|办法|细则|准则|法)(?:（试行）|（草案）)?$")


def _slip(written: str, listed: str) -> bool:
    """Whether ``written`` reads as a slip for the title ``listed`` rather than another law's:
    each difference is a character or two left out or added (招投标法), characters replaced by
    sound- or shape-alike ones, or the kind of the act (条例 for 法). 民营经济促进法 is not a slip
    for 循环经济促进法: it is a law the list does not know."""
    from .spelling_lm import alike

    left_out = added = 0
    other_changed = False
    for op, a0, a1, b0, b1 in SequenceMatcher(None, written, listed, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a, b = written[a0:a1], listed[b0:b1]
        if op in ("delete", "insert"):
            added, left_out = added + len(a), left_out + len(b)
            if added + left_out > 2 or (added and left_out):
                return False  # 消防 for 防汛: a character out and another in is another word
            continue
        if a1 == len(written) and b1 == len(listed) and any(a.endswith(k) for k in _KINDS) \
                and any(b.endswith(k) for k in _KINDS):
            continue  # 条例 for 法 at the end
        if len(a) != len(b):
            return False
        if not all(alike(x, y) for x, y in zip(a, b)):
            # one character changed in a long name (纪律处罚条例 for 纪律处分条例) is a slip too
            if len(a) > 1 or len(written) < 8 or other_changed:
                return False
            other_changed = True
    return True


@lru_cache(maxsize=8)
def _laws(source) -> _Laws:
    return _Laws(table(source))


def _titles(doc, rule):
    for p in doc.iter(rule.scope):
        if "《" not in p.text:
            continue
        for m in _TITLE.finditer(p.text):
            title = _VERSION.sub("", m.group(1).strip())
            yield p, m, title


def law_repealed(doc, rule, options) -> Iterator[Hit]:
    laws = today = None
    for p, m, title in _titles(doc, rule):
        if laws is None:
            laws, today = _laws(source(rule, options["list"])), effective_date(doc)
        full = title if title in laws.repealed else laws.repealed_short.get(title)
        if not full:
            continue
        row = laws.repealed[full]
        when = parse_date(row["date"])
        if when is None or today < when:
            continue
        s0, s1 = sentence_at(p, m.start())
        sentence = p.text[s0:s1]
        if _PAST.search(sentence) or "原" in p.text[max(0, m.start() - 2):m.start()] \
                or any(y < when.year for y in years_in(sentence)):
            continue
        new = row["replaced_by"]
        yield Hit(p, m.start(), m.end(), f"《{new}》" if new else None,
                  {"since": f"{when.year}年{when.month}月{when.day}日", "note": row["note"],
                   "instead": f"请改引《{new}》的相应条款" if new else "请删去或改引现行规定",
                   "when": date_words(doc)})


law_repealed.FIELDS = frozenset({"text", "suggestion", "since", "note", "instead", "when"})
law_repealed.OPTIONS = {"list": Param("str", default="laws", doc="reference list of laws")}


def _other_kind(title: str, laws: _Laws) -> str | None:
    """The law in force that a PRC title of another kind names with 管理 added (《中华人民共和国
    种子管理条例》 for 《中华人民共和国种子法》)."""
    if not title.startswith(PRC) or _kind(title) in ("", "法"):
        return None
    stem = _KIND_END.sub("", title)
    for cand in (stem + "法", stem.replace("管理", "") + "法"):
        if cand != title and cand in laws.current:
            return cand
    return None


def _joined(title: str, laws: _Laws) -> list[str] | None:
    """The two acts in force of one kind whose names a title joins (《中华人民共和国防汛抗旱条例》:
    the 防汛条例 and the 抗旱条例)."""
    kind = _kind(title)
    if not kind or "（" in title:
        return None
    prefix = PRC if title.startswith(PRC) else ""
    stem = _KIND_END.sub("", title)[len(prefix):]
    for i in range(2, len(stem) - 1):
        a, b = prefix + stem[:i] + kind, prefix + stem[i:] + kind
        if a in laws.current and b in laws.current:
            return [a, b]
    return None


def _kind(title: str) -> str:
    m = re.search(r"(条例|规定|办法|细则|准则|法)(?:（试行）|（草案）)?$", title)
    return m.group(1) if m else ""


def law_title(doc, rule, options) -> Iterator[Hit]:
    laws = None
    shortened: set[str] = set()
    for p, m, title in _titles(doc, rule):
        laws = laws or _laws(source(rule, options["list"]))
        if title in laws.short and title not in shortened:
            shortened.add(title)
            full = laws.short[title]
            if options["full_first"] and full not in _whole_text(doc):
                yield Hit(p, m.start(), m.end(), f"《{full}》", {
                    "problem": "法律第一次引用时应写全称（全文都没有写全称），此后可用简称", "right": f"《{full}》"})
            continue
        if not _LAW_END.search(title) or title in laws.current or title in laws.short \
                or any(c in title for c in "〈<《"):
            continue
        if title in laws.repealed or title in laws.repealed_short:
            continue  # FC010
        if title + "（试行）" in laws.current:
            right = f"《{title}（试行）》"
            yield Hit(p, m.start(), m.end(), right, {"problem": "现行的这部法规是试行的，名称带“（试行）”", "right": right})
            continue
        if title.startswith(PRC):
            core = title[len(PRC):]
            # (全国农业普查条例: the censuses' regulations say 全国)
            named = next((n for n in (core, "全国" + core) if n in laws.current), None)
            if named:
                yield Hit(p, m.start(), m.end(), f"《{named}》",
                          {"problem": f"《{named}》的名称不带“{PRC}”", "right": f"《{named}》"})
                continue
            target, limit = title, 2
        else:
            if title.startswith("关于") and "的" in title:
                # 《关于整治形式主义为基层减负的若干规定》 for a title that has neither 关于 nor 的
                bare = title[2:].replace("的", "", 1)
                if bare in laws.current:
                    right = f"《{bare}》"
                    yield Hit(p, m.start(), m.end(), right, {"problem": "这份文件的名称不带“关于……的”", "right": right})
                    continue
            if (_LOCAL.match(title) and not _NOT_A_PLACE.match(title)) or title.startswith(("关于", "国务院关于")):
                continue
            target, limit = title, 1 if len(title) <= 6 else 2
        near = laws.nearest(target, limit) or _swapped_words(title, laws) or _other_kind(title, laws) \
            or _one_char_off(title, laws) or _word_moved(title, laws)
        if near is None:
            joined = _joined(title, laws)
            if joined:
                right = "》或《".join(joined)
                yield Hit(p, m.start(), m.end(), None, {
                    "problem": "没有这部法规，现行的是分开的两部", "right": f"《{right}》"})
            continue
        right = laws.short.get(near) if not title.startswith(PRC) and near in laws.short else near
        kind = "名称与现行法律法规的全称不符"
        if _kind(title) != _kind(right) and "法" in (_kind(title), _kind(right)):
            kind = "法律和条例、规定、办法是不同层级的法规，名称不能混用"
        yield Hit(p, m.start(), m.end(), f"《{right}》", {"problem": kind, "right": f"《{right}》"})


law_title.FIELDS = frozenset({"text", "suggestion", "problem", "right"})
law_title.OPTIONS = {
    "list": Param("str", default="laws", doc="reference list of laws"),
    "full_first": Param("bool", default=True, tunable=True,
                        doc="a law cited only by its short title (《劳动法》) without the full title anywhere"),
}


def _whole_text(doc) -> str:
    got = doc.meta.get("_facts_text")
    if got is None:
        got = doc.meta["_facts_text"] = "\n".join(p.text for p in doc.paragraphs)
    return got


# after the title, or after the articles of one citation before it (《预算法》第十三条、第67条)
_ARTICLE = fast(r"(?:》|本法|本条例|本规定|本办法|本细则|该法|该条例)(?:（[^）]{0,20}）)?"
                r"(?:第[一二三四五六七八九十百零〇]+条(?:第[一二三四五六七八九十]+款)?[、和及])*"
                r"(第(\d{1,3})条)(?:第(\d{1,2})款)?(?:第(\d{1,2})项)?")


@per_paragraph
def law_article(doc, rule, options, p) -> Iterator[Hit]:
    if "条" not in p.text:
        return
    for m in _ARTICLE.finditer(p.text):
        parts = [("条", m.group(2)), ("款", m.group(3)), ("项", m.group(4))]
        right = "".join(f"第{int_to_cn_positional(int(n))}{u}" if u != "项" else f"第（{int_to_cn_positional(int(n))}）项"
                        for u, n in parts if n)
        start = m.start(1)
        yield Hit(p, start, m.end(), right, {"problem": "引用法律法规的条文序号用汉字"})
    if "）款" in p.text:
        for m in _BRACKETED_CLAUSE.finditer(p.text):
            yield Hit(p, m.start(1), m.end(), f"第（{m.group(2)}）项",
                      {"problem": "带括号的序号是“项”（款的序号是第一款、第二款，不带括号）"})


# 第二十一条第（一）款: a bracketed number is an item's (第（一）项); a clause is 第一款
_BRACKETED_CLAUSE = fast(r"第[一二三四五六七八九十百零〇]+条(?:第[一二三四五六七八九十]+款)?(第[（(]([一二三四五六七八九十]+)[）)]款)")


law_article.FIELDS = frozenset({"text", "suggestion", "problem"})
