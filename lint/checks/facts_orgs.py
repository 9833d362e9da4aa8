"""Organisation names (FC008, FC009): bodies renamed, merged or abolished in the institutional
reforms, and abbreviations used before the full name.

A name counts as used as current unless its clause (the sentence, or its part between
semicolons) speaks of the past or of the reform: 原/原来的 before it, a year before the change,
or reform words (组建, 更名, 不再保留, 划入, 整合…). The document date decides whether the change had happened; an undated
draft is taken as written today.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.fastregex import fast
from ..text.segment import lexicon
from .facts_common import clause_at, date_words, effective_date, keyed, left_edge, parse_date, per_paragraph, starts_word, years_in

# (挂牌 as in 挂牌成立, not 挂牌督办: a body in use supervising a hazard)
_HISTORY = fast(r"组建|重新组建|更名|改名|改为|不再保留|撤销|撤并|划入|划转|整合|合并|转隶|挂牌(?!督办)|机构改革|"
                r"原来的|前身|曾经|曾")
_RIGHT_NOT = set("门署员")


def _after_place(rule, text: str, start: int) -> bool:
    from .facts_places import after_place  # (that module reads this one's _HISTORY)

    return after_place(rule, text, start)


def _national(name: str, row) -> bool:
    """A national body's name of four characters or more (国家粮食局, 应急管理部消防救援局), or a
    branch of the People's Bank: a name of its own wherever the segmentation starts a word with it."""
    return len(name) >= 4 and (row.get("level") == "国家" or name.startswith(("国家", "国务院", "人民银行")))


@per_paragraph
def org_renamed(doc, rule, options, p) -> Iterator[Hit]:
    words, table = keyed(rule, options["list"], "old")
    today = effective_date(doc)
    when = date_words(doc)
    listed = ((start, end, name, table[name]) for start, end, name in words.longest(p.text))
    for start, end, name, row in chain(listed, _central_branches(p.text, table)):
        if name.startswith("人民银行") and p.text[start - 2:start] == "中国":
            start -= 2  # 中国人民银行兰州中心支行: the bank's full name
        changed = parse_date(row["date"])
        if changed is None or today < changed:
            continue
        if end < len(p.text) and p.text[end] in _RIGHT_NOT:
            continue
        if not left_edge(p.text, start) and not _after_place(rule, p.text, start) \
                and not (_national(name, row) and lexicon().aligned(p.text, start, end)):
            continue  # inside a longer name (住房城乡建设部); a national body may follow a verb (落实国家粮食局)
        if "原" in p.text[max(0, start - 6):start]:
            continue
        s0, s1 = clause_at(p, start)
        clause = p.text[s0:s1]
        if _HISTORY.search(clause) or any(y < changed.year for y in years_in(clause)):
            continue
        new = row["new"]
        plain = re.sub(r"（.*?）", "", new)
        yield Hit(p, start, end, plain if "、" not in plain else None,
                  {"new": new, "changed": f"{changed.year}年{changed.month}月{changed.day}日",
                   "note": row.get("note", ""), "when": when})


# a prefecture's central branch of the People's Bank, 中心支行 until the reform of 2023 (人民银行洛阳市中心支行:
# now 中国人民银行洛阳市分行); a provincial capital's and the regional ones are rows of the list
_CENTRAL_BRANCH = fast(r"人民银行(?P<city>[\u4e00-\u9fff]{2,5}?)市?中心支行")
_CAPITAL_ROW = "人民银行兰州中心支行"  # the row whose date and note the prefectures' branches share


def _central_branches(text: str, table: dict) -> Iterator[tuple[int, int, str, dict]]:
    """(start, end, name, row) of each 中心支行 of the People's Bank that the list does not name as
    written: a capital's written with 市 (人民银行兰州市中心支行) takes the capital's row, a
    prefecture's a row made from the capital row's date and source."""
    if "中心支行" not in text or _CAPITAL_ROW not in table:
        return
    for m in _CENTRAL_BRANCH.finditer(text):
        key = f"人民银行{m.group('city')}中心支行"
        if m.group() == key and key in table:
            continue  # read by the list itself
        row = table.get(key) or dict(table[_CAPITAL_ROW], old=m.group(), new=f"中国人民银行{m.group('city')}市分行",
                                     note="2023年中国人民银行分支机构改革，地（市）中心支行更名为市分行")
        yield m.start(), m.end(), m.group(), row


org_renamed.FIELDS = frozenset({"text", "suggestion", "new", "changed", "note", "when"})
org_renamed.OPTIONS = {"list": Param("str", default="org-renames", doc="reference list of renamed bodies")}


def abbreviation_first(doc, rule, options) -> Iterator[Hit]:
    words, table = keyed(rule, options["list"], "short")
    pairs = {k: r["full"] for k, r in table.items()}
    text = "\n".join(p.text for p in doc.iter(rule.scope))
    seen = {d[2] for d in defined_abbreviations(doc, rule.scope)}  # FC031's
    for p in doc.iter(rule.scope):
        for start, end, short in words.longest(p.text):
            if short in seen or not left_edge(p.text, start):
                continue
            seen.add(short)
            full = pairs[short]
            if full in text or any(f in text for f in full.split("|")):
                continue
            first = full.split("|")[0]
            yield Hit(p, start, end, None, {"full": first})


abbreviation_first.FIELDS = frozenset({"text", "full"})
abbreviation_first.OPTIONS = {"list": Param("str", default="org-abbreviations", doc="short name -> full name")}


# （以下简称县发改局）, （简称“两高”）, （下称交易中心）: the draft's own abbreviation, and the text
# right before it, where its full name ends.
_DEFINED = fast(r"[（(](?:以下|下文|下)?(?:简称|称)[为作]?[：:]?[“\"]?(?P<short>[^（()）”\"，。；]{2,16}?)[”\"]?"
                r"(?:[）)]|[，；][^（()）]{0,30}[）)])")  # （以下简称市三防办，设在市应急管理局）


def defined_abbreviations(doc, scope) -> list[tuple]:
    """(paragraph, position, short, the text before it, the definition as written) of each abbreviation the draft defines, the
    first definition of each."""
    memo = doc.meta.setdefault("_defined_abbreviations", {})
    key = tuple(scope) if scope is not None else None
    if key not in memo:
        seen, out = set(), []
        for p in doc.iter(scope):
            if "称" not in p.text:
                continue
            for m in _DEFINED.finditer(p.text):
                short = m.group("short").strip()
                if short in seen:
                    continue
                seen.add(short)
                run = re.search(r"[^，。；：、“”《》\s]{0,40}$", p.text[:m.start()]).group()
                out.append((p, m.start(), short, run, m.group()))
        memo[key] = out
    return memo[key]


def _inside_full(text: str, i: int, short: str, before: str) -> bool:
    """Whether the occurrence of ``short`` at ``i`` is part of the full name the draft gives
    before the definition (…普查领导小组 in the title, …普查领导小组（以下简称领导小组）): the two
    characters written before it, or after it, are those of the full name."""
    j = before.rfind(short)
    if j < 0:
        return False
    if j >= 2 and text[max(0, i - 2):i] == before[j - 2:j]:
        return True
    tail = before[j + len(short):j + len(short) + 2]
    return len(tail) == 2 and text[i + len(short):i + len(short) + 2] == tail


def abbreviation_before_definition(doc, rule, options) -> Iterator[Hit]:
    """A draft that defines an abbreviation (县发展和改革局（以下简称县发改局）) but uses it
    before that: the first use comes before the reader is told what it stands for. Also a
    common short name of a body (reference/org-abbreviations.tsv) that the draft itself writes
    out in full only later (县卫健局局长许敏 … 县卫生健康局要做好灾后防疫)."""
    defined = defined_abbreviations(doc, rule.scope)
    yield from _listed_before_full(doc, rule, options, {d[2] for d in defined})
    if not defined:
        return
    from ..text.segment import lexicon

    lex = lexicon()
    for dp, dpos, short, before, written in defined:
        if short[0] in "本该此" or (lex.freq.get(short, 0) >= options["common"]):
            continue  # 本办法, and common words (方案, 条例) that are written anyway
        for p in doc.iter(rule.scope):
            if p.index > dp.index:
                break
            end = dpos - len(before) if p is dp else len(p.text)
            i = p.text.find(short, 0, end)
            while i >= 0:
                if _stands(p.text, i, short) and lex.aligned(p.text, i, i + len(short)) \
                        and not _inside_full(p.text, i, short, before):
                    yield Hit(p, i, i + len(short), None, {
                        "short": short, "definition": written,
                        "where": "本行后文" if p is dp else f"第{dp.line}行"})
                    break
                i = p.text.find(short, i + 1, end)
            else:
                continue
            break


def _stands(text: str, i: int, short: str) -> bool:
    """The short name at ``i`` stands on its own: after a boundary, or, for a body's short name
    that starts with its level or 国/中国 (省生环委, 市三防办), after any word (充分发挥省生环委) but not
    inside a title in 《》 (《职工带薪年休假条例》)."""
    if left_edge(text, i):
        return True
    if short[0] not in _LEVELS and not short.startswith(("国", "中国")):
        return False
    return starts_word(text, i, i + len(short)) and text.rfind("《", 0, i) <= text.rfind("》", 0, i)


abbreviation_before_definition.FIELDS = frozenset({"text", "short", "definition", "where"})
abbreviation_before_definition.OPTIONS = {
    "common": Param("int", default=300, doc="an abbreviation this frequent in the lexicon (方案, 条例) is a word, not reported"),
    "list": Param("str", default="org-abbreviations", doc="short name -> full name")}

_LEVELS = set("省市县区州旗盟镇乡")


def _listed_before_full(doc, rule, options, defined: set) -> Iterator[Hit]:
    """Listed short names (县卫健局) whose full name with the same level before it (县卫生健康局)
    the draft writes only after the short one's first use."""
    from bisect import bisect_right

    words, table = keyed(rule, options["list"], "short")
    joined = doc.joined_text
    found = words.longest(joined)  # one pass over the whole text
    if not found:
        return
    offsets = doc.paragraph_index.starts  # where each paragraph starts in the joined text
    in_scope = {p.index for p in doc.iter(rule.scope)}
    firsts: dict[str, tuple] = {}
    for at, stop, short in found:
        p = doc.paragraphs[bisect_right(offsets, at) - 1]
        start = at - offsets[p.index]
        if p.index not in in_scope or not left_edge(p.text, start):
            continue
        level = p.text[start - 1:start] if start and p.text[start - 1] in _LEVELS else ""
        firsts.setdefault(level + short, (p, start, start + len(short), level, short))
    for key, (p, start, end, level, short) in firsts.items():
        if short in defined or key in defined:
            continue  # the draft defines it: the check above
        at = offsets[p.index] + start - len(level)
        written = [(k, level + f) for k, f in ((joined.find(level + f), f) for f in table[short]["full"].split("|"))
                   if k != -1]
        if not written or min(written)[0] < at:
            continue  # never written out, or written out first
        k, full = min(written)
        q = doc.paragraphs[bisect_right(offsets, k) - 1]
        yield Hit(p, start - len(level), end, None, {
            "short": level + short, "definition": f"全称“{full}”",
            "where": "本行后文" if q is p else f"第{q.line}行"})
