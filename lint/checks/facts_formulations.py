"""Fixed official formulations (FC013, FC014): a wording that must be exact, and an enumeration
whose items and order are fixed.

FC013 reports a known wrong variant, and a near-miss: a span that begins and ends like a fixed
formulation (its first three and last two characters) and differs from it by one or two
characters inside (a changed, missing or extra word), not only in the marks that join its parts;
two words exchanged or the parts reordered; a changed last part (see facts_formulation_near).
FC014 reads a list joined by 、 (or by ， between items) that holds most items of a fixed
enumeration and reports items out of order, a wrong item (also at the list's edge, without the
enumeration's name, where the list is otherwise exact), a missing or an extra one.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.chinese import after_mark, next_mark
from .dates import document_date
from .facts_common import Words, edit_distance, longest_of, per_paragraph, source, table
from .facts_formulation_near import (comma_keys, common_affix, edge_item, join_commas, joins_only,
                                     last_part_miss, one_part_changed, parts, stem, swapped, truncations)
from ..cache import compile_regex


@lru_cache(maxsize=8)
def _data(source):
    fixed, enums, wrong = [], [], {}
    for r in table(source):
        if r["kind"] == "列举":
            items = [tuple(alt.strip() for alt in it.split("|")) for it in r["text"].split("、")]
            anchors = [a for a in r.get("anchor", "").split("|") if a]
            enums.append((items, anchors, r))
        else:
            for alt in r["text"].split("|"):
                fixed.append(dict(r, text=alt, right=r["text"].split("|")[0]))
        for w in filter(None, r.get("wrong", "").split("|")):
            wrong[w] = r
    every = {a for items, _, _ in enums for it in items for a in it}
    heads: dict[str, list] = {}
    for r in fixed:
        if len(r["text"]) >= 6:
            heads.setdefault(r["text"][:3], []).append(r)
    texts = {r["text"] for r in fixed}
    # A transposition keeps a formulation's first two characters in front or its last two at the
    # end, and the other pair somewhere inside (千村整治、万村示范 still holds 整治): both pairs
    # stand in the paragraph. One of them, the one of rarer characters in the list's own texts (a
    # rough measure of how common it is), is looked for; the other is then tested with a plain `in`.
    ends2: dict[str, list] = {}
    seen = Counter("".join(r["text"] for r in table(source)))
    for r in fixed:
        f = r["text"]
        if len(f) >= 6:
            a, b = f[:2], f[-2:]
            key = a if seen[a[0]] + seen[a[1]] <= seen[b[0]] + seen[b[1]] else b
            # where a span may start: the first pair, and the first pair of every later part (the
            # parts in another order: 人才是第一资源、科技是第一生产力、…)
            starts = tuple(dict.fromkeys([a] + [q[:2] for q in parts(f)[1:] if len(q) >= 2]))
            rest = "".join(sorted(set(f) - set(a + b)))
            ends2.setdefault(key, []).append((f, len(f), a, b, r, rest, starts))
    stems = {r["text"]: stem(r["text"]) for r in fixed}
    # Where each item's spelling stands: (enumeration number, item number), for counting the items
    # of each enumeration that a paragraph holds without walking every enumeration.
    item_of: dict[str, list] = {}
    for e, (items, _, _) in enumerate(enums):
        for k, it in enumerate(items):
            for a in it:
                item_of.setdefault(a, []).append((e, k))
    return {"item_of": item_of, "least": [max(2, len(items) - 1) for items, _, _ in enums],
            "fixed": fixed, "enums": enums, "wrong": wrong,
            "texts": texts, "every": every, "ends": _index_by(every, -2), "starts": _index_by(every, 2),
            "heads": heads, "ends2": ends2, "stems": stems,
            "truncated": truncations([(r["text"], r["source"]) for r in fixed if not r.get("since")]),
            "affixes": [common_affix([it[0] for it in items]) for items, _, _ in enums],
            "comma_words": Words(comma_keys(every, _LEAD.pattern[len("^(?:"):-1].split("|"))),
            # the wrong forms, the heads and the transpositions' end pairs in one pass (FC013 asks
            # about all three in every paragraph)
            "both_words": Words(set(wrong) | set(heads) | set(ends2))}


def _index_by(items, n: int) -> dict:
    out: dict[str, list] = {}
    for item in sorted(items, key=len, reverse=True):
        out.setdefault(item[n:] if n < 0 else item[:n], []).append(item)
    return out


def _right(r) -> str:
    return r["text"].replace("|", "或")


def _before(doc, r) -> bool:
    """Whether the draft may be older than the row's wording (``since``): dated before it, or
    not dated at all (a report copied without its date line may be of any year)."""
    if not r.get("since"):
        return False
    found = document_date(doc)
    return not found or "%04d-%02d-%02d" % found[0] < r["since"]


def _counterpart(wrong: str, right: str) -> str | None:
    """What replaces a known wrong form: the formulation itself, or, for a wrong form of part of
    it (最严格的标准、最严谨的监管 in the 四个最严), the part of the same characters in their right
    order; None when there is none (the message still quotes the whole)."""
    if len(wrong) >= len(right):
        return right
    key = sorted(wrong)
    return next((right[i:i + len(wrong)] for i in range(len(right) - len(wrong) + 1)
                 if sorted(right[i:i + len(wrong)]) == key), None)


@per_paragraph
def formulation_variant(doc, rule, options, p) -> Iterator[Hit]:
    data = _data(source(rule, options["list"]))
    wrong, texts = data["wrong"], data["texts"]
    text = p.text
    taken = []
    # one automaton over the three lists; each list's occurrences keep their order (that of their
    # ends). Taken as (end, word) from the automaton itself: most are end pairs, only collected
    words = data["both_words"]
    seen = [] if words.empty else list(words.auto.iter(text))
    heads, stems, ends2 = data["heads"], data["stems"], data["ends2"]
    found = [(e + 1 - len(w), e + 1, w) for e, w in seen if w in wrong or w in heads]
    for start, end, w in longest_of([f for f in found if f[2] in wrong]):
        r = wrong[w]
        if _before(doc, r):
            continue  # the earlier wording, right in a draft of its time (德智体美 before 2018)
        taken.append((start, end))
        right = r["text"].split("|")[0]
        yield Hit(p, start, end, _counterpart(w, right), {"right": right, "source": r["source"], "how": "是常见的错误写法"})
    for pos, _, head in [f for f in found if f[2] in heads]:
        if any(text.startswith(r["text"], pos) for r in heads[head]):
            continue  # a published wording (or, for a shorter one, the start of a longer one;
            # 习近平总书记 or, in the constitution, 习近平同志)
        for r in heads[head]:
            f = r["text"]
            if _before(doc, r):
                continue
            tail = f[-2:]
            limit = 1 if len(f) < 10 else 2
            best = None
            for n in range(len(f) - limit, len(f) + limit + 1):
                cand = text[pos:pos + n]
                if len(cand) < n or not cand.endswith(tail):
                    continue
                if cand == f or cand in texts:
                    best = None
                    break
                if joins_only(cand, f):
                    continue
                d = edit_distance(cand, f, limit)
                if d <= limit and (best is None or d < best[0]):
                    best = (d, n)
            fix = r["right"]
            if best is None and stems[f]:
                best = last_part_miss(text, pos, f, stems[f])
                if best and text[pos:pos + best[1]] in texts:
                    best = None
                if best and not best[2]:
                    fix = None  # the span may run into the next word: no replacement to offer
            if best is None:
                changed = one_part_changed(text, pos, f)
                if changed and text[pos:pos + changed[1]] not in texts:
                    best = (*changed, True)
            if best and not any(s < pos + best[1] and pos < e for s, e in taken):
                end = pos + best[1]
                taken.append((pos, end))
                yield Hit(p, pos, end, fix, {"right": r["right"], "source": r["source"],
                                             "how": f"与规范表述相差{best[0]}个字"})
    yield from _transpositions(p, text, data, taken, {w for _, w in seen if w in ends2})
    yield from _truncated(p, text, data["truncated"], taken)


def _truncated(p, text: str, truncated: dict, taken: list) -> Iterator[Hit]:
    """The first parts of a formulation of three parts or more, ending there (……管业务必须管安全，
    or ”): the parts after them left out."""
    for head, (f, rest, source) in truncated.items():
        at = text.find(head)
        while at != -1:
            end = at + len(head)
            nxt = text[end:end + 1]
            if nxt in "，。；”’）" and not any(s < end and at < e for s, e in taken):
                taken.append((at, end))
                yield Hit(p, at, end, None, {"right": f, "source": source, "how": f"缺少“{rest}”"})
            at = text.find(head, end)


def _transpositions(p, text, data, taken, keys) -> Iterator[Hit]:
    """Spans that are a formulation with two words exchanged (:func:`swapped`), looked for where
    its first two or its last two characters stand. ``keys``: the end pairs found in ``text``;
    both pairs of a formulation must stand there, then str.find looks for the few formulations
    whose pairs both do."""
    ends2, texts = data["ends2"], data["texts"]
    size = len(text)
    for key in sorted(keys):  # in one order whatever the hash seed
        for f, n, a, b, r, rest, starts in ends2[key]:
            # every character of the formulation stands in the paragraph (a plain `in` each)
            if (b if key == a else a) not in text or not all(c in text for c in rest):
                continue
            for side, pair in [(0, h) for h in starts] + [(1, b)]:
                other = b if side == 0 else a
                at = text.find(pair)
                while at != -1:
                    pos = at if side == 0 else at + 2 - n
                    cand = text[pos:pos + n] if 0 <= pos and pos + n <= size else ""
                    at = text.find(pair, at + 1)
                    if not cand or other not in cand or cand == f or cand in texts or not swapped(cand, f):
                        continue
                    if any(s < pos + n and pos < e for s, e in taken):
                        continue
                    taken.append((pos, pos + n))
                    reordered = sorted(parts(cand)) == sorted(parts(f))
                    how = "各部分的顺序与规范表述不同" if reordered else "有词语前后颠倒"
                    yield Hit(p, pos, pos + n, r["right"], {"right": r["right"], "source": r["source"],
                                                            "how": how})


formulation_variant.FIELDS = frozenset({"text", "suggestion", "right", "source", "how"})
formulation_variant.OPTIONS = {"list": Param("str", default="formulations", doc="reference list of formulations")}


_CUTS = "，。；：！？（）\n"
_LAST_JOIN = compile_regex(r"(?<=.)(?:和|及|以及|与)(?=.)")


_CLAUSES = compile_regex("[，。；：！？（）\n]")


def _present(text: str, every: set, ends: dict, starts: dict) -> set:
    """The enumeration items found in the 、-lists of ``text``: whole middle pieces, the end of
    a list's first piece and the start of its last (贯彻创新、协调、……、共享的新发展理念).
    ``ends`` and ``starts`` index the items by their last and first two characters."""
    found = set()
    for clause in _CLAUSES.split(text):
        if "、" not in clause:
            continue
        pieces = clause.split("、")
        last = len(pieces) - 1
        for k, piece in enumerate(pieces):
            if piece in every:
                found.add(piece)
                continue
            if k == 0:
                for item in ends.get(piece[-2:], ()):
                    if piece.endswith(item):
                        found.add(item)
                        break
            elif k == last or piece[:2] not in starts:
                bare = _LEAD.sub("", piece, count=1) if piece[:1] in _LEAD_FIRST else piece
                if bare in every:
                    found.add(bare)
                elif k == last:
                    for src in (piece, bare):
                        for item in starts.get(src[:2], ()):
                            if src.startswith(item):
                                found.add(item)
                                break
    return found


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The 、-separated segments of the clause around ``start``..``end``."""
    left, right = after_mark(text, start, _CUTS), next_mark(text, end, _CUTS)
    out, pos = [], left
    for m in re.finditer("、", text[left:right]):
        out.append((pos, left + m.start()))
        pos = left + m.end()
    out.append((pos, right))
    return out


@per_paragraph
def formulation_enumeration(doc, rule, options, p) -> Iterator[Hit]:
    data = _data(source(rule, options["list"]))
    enums = data["enums"]
    # a list joined by ， reads as one joined by 、 (the same length: positions stay)
    text = p.text
    if "，" in text:
        words = data["comma_words"]
        where = set() if words.empty else \
            {end + 1 - len(w) if w[0] == "，" else end for end, w in words.auto.iter(text)}
        if where:
            text = join_commas(text, data["item_of"], data["ends"], data["starts"], _LEAD, _LEAD_FIRST,
                               where)
    if "、" not in text:
        return
    present = _present(text, data["every"], data["ends"], data["starts"])
    if len(present) < 2:
        return
    held: dict[int, set] = {}  # enumeration number -> numbers of its items present
    for a in present:
        for e, k in data["item_of"].get(a, ()):
            held.setdefault(e, set()).add(k)
    least = data["least"]
    done = set()
    for e, (items, anchors, r) in enumerate(enums):
        if len(held.get(e, ())) < least[e] or _before(doc, r):
            continue  # (an enumeration newer than the draft: 十九大's 强国 in their order of 2017)
        hit = _check_enum(text, items, anchors, data["affixes"][e])
        if hit and hit[0] not in done:
            done.add(hit[0])
            start, end, problem = hit
            yield Hit(p, start, end, None, {"problem": problem, "right": "、".join(i[0] for i in items)
                                            if len(items[0]) == 1 else _right(r), "source": r["source"]})


def _check_enum(text, items, anchors, affix=("", "")):
    n = len(items)
    present = sum(1 for it in items if any(a in text for a in it))
    if present < max(2, n - 1):
        return None
    index = {a: i for i, it in enumerate(items) for a in it}
    seen_spans = set()
    for it in items:
        for a in it:
            pos = text.find(a)
            while pos != -1:
                segs = _segments(text, pos, pos + len(a))
                key = (segs[0][0], segs[-1][1])
                if key not in seen_spans:
                    seen_spans.add(key)
                    found = _judge(text, segs, items, index, anchors, affix)
                    if found:
                        return found
                pos = text.find(a, pos + 1)
    return None


_LEAD = compile_regex(r"^(?:必须坚持|坚持|倡导|坚定|增强|树立|做到|推进|推动|加强|实现)")
_LEAD_FIRST = frozenset("必坚倡增树做推加实")  # the first characters of _LEAD: no regex call for the others


def _item_in(seg: str, index: dict, where: str):
    if where != "first":
        seg = _LEAD.sub("", seg, count=1) if not any(seg.startswith(a) for a in index) else seg
    for a in sorted(index, key=len, reverse=True):
        if (where == "first" and seg.endswith(a)) or (where == "last" and seg.startswith(a)) or seg == a:
            return a
    return None


def _judge(text, segs, items, index, anchors, affix=("", "")):
    n = len(items)
    if len(segs) < 2:
        return None
    # the last segment may join the final item with 和/及: 享乐主义和奢靡之风
    pieces = [text[s:e] for s, e in segs]
    if len(pieces) < n:
        last = pieces[-1]
        j = _LAST_JOIN.search(last)
        if j and any(last.startswith(a) for a in index) and any(last[j.end():].startswith(a) for a in index):
            pieces = pieces[:-1] + [last[:j.start()], last[j.end():]]
    # leading and trailing segments that hold no item belong to the sentence, not the list
    # the segments taken off in front and at the end (the nearest to the list first)
    before, after = [], []
    while len(segs) > 1 and _item_in(text[segs[0][0]:segs[0][1]], index, "first") is None:
        before.insert(0, segs[0])
        segs, pieces = segs[1:], pieces[1:]
    while len(segs) > 1 and len(pieces) == len(segs) and \
            _item_in(text[segs[-1][0]:segs[-1][1]], index, "last") is None:
        after.insert(0, segs[-1])
        segs, pieces = segs[:-1], pieces[:-1]
    if len(segs) < 2:
        return None
    found, unknown = [], []
    start, end = segs[0][0], segs[-1][1]
    for k, seg in enumerate(pieces):
        where = "first" if k == 0 else "last" if k == len(pieces) - 1 else "middle"
        a = _item_in(seg, index, where)
        if a is None and where == "middle":
            unknown.append(seg)
        elif a is not None:
            found.append(index[a])
            if k == 0:
                start = segs[0][1] - len(a)
            if k == len(pieces) - 1:
                end = segs[-1][0] + len(seg) if len(pieces) > len(segs) else segs[-1][0] + len(a)
    distinct = set(found)
    if len(distinct) < max(2, n - 1) or len(found) != len(distinct):
        return None
    anchored = _anchored(text, start, end, anchors)
    missing = [items[i][0] for i in range(n) if i not in distinct]
    # two items the other way round (碧水、蓝天) are too little to call an order wrong
    if found != sorted(found) and not unknown and (len(distinct) >= 3 or len(distinct) == n):
        return start, end, "项目的顺序与规范表述不同"
    near_miss = len(unknown) == 1 and len(missing) == 1 and len(unknown[0]) >= 6 \
        and edit_distance(unknown[0], missing[0], 1) <= 1  # 从应对单一灾种向综合防灾转变
    if len(distinct) == n - 1 and len(unknown) == 1 and len(pieces) in (n, n + 1) and (n >= 4 or anchored or near_miss):
        return start, end, f"中的“{unknown[0]}”不是规范表述中的项目，缺少“{missing[0]}”"
    if len(distinct) == n and unknown and len(unknown[0]) <= 8:
        return start, end, f"多出了“{unknown[0]}”这一项"
    if len(distinct) == n - 1 and not unknown and found == sorted(found) and len(found) == len(pieces) \
            and found[-1] == n - 2:
        # the last item joined by 和 and one or two characters off (享乐主义和奢侈之风 for ……奢靡之风)
        last = pieces[-1]
        right = items[n - 1][0]
        j = _LAST_JOIN.search(last)
        if j and len(right) >= 3:
            wrong = last[j.end():j.end() + len(right)]
            if len(wrong) == len(right) and wrong != right and edit_distance(wrong, right, 1) <= 1:
                at = segs[-1][0] + j.end()
                return start, at + len(wrong), f"中的“{wrong}”不是规范表述中的项目，应为“{right}”"
    if len(distinct) == n - 1 and not unknown and found == sorted(found) and len(found) == len(pieces):
        # a wrong item in the first or last place, where the list's edges are not known
        m = next(i for i in range(n) if i not in distinct)
        # the list ends there: exactly one segment beyond it on that side, none on the other
        edge = None
        if m == 0 and found[0] == 1 and len(before) == 1 and not after:
            edge = before[0]
        elif m == n - 1 and len(pieces) == len(segs) and len(after) == 1 and not before:
            edge = after[0]
        seg = text[edge[0]:edge[1]] if edge is not None else ""
        wrong = edge_item(seg, items[m][0], affix, m == 0, _LEAD) if seg else None
        if wrong:
            if m == 0:
                start = edge[1] - len(wrong) if seg.endswith(wrong) else start
            else:
                end = edge[0] + len(wrong)
            right = items[m][0]
            near = sorted(wrong) == sorted(right) or len(wrong) >= 6 and edit_distance(wrong, right, 2) <= 2 \
                or len(wrong) >= 4 and len(wrong) == len(right) and edit_distance(wrong, right, 1) <= 1 \
                or len(wrong) >= 4 and len(wrong) == len(right) \
                and 2 * sum(a == b for a, b in zip(wrong, right)) >= len(right)  # 综合施策 for 综合治理, 尽职免责 for 失职追责
            if _anchored(text, start, end, anchors) or near or \
                    (n >= 4 and (max(map(len, affix)) >= 2 or (n >= 5 and not any(affix)))):
                return start, end, f"中的“{wrong}”不是规范表述中的项目，缺少“{missing[0]}”"
    if len(distinct) == n - 1 and not unknown and anchored and n >= 4:
        return start, end, f"缺少“{missing[0]}”"
    if n == 3 and found == [0, 2] and not unknown and len(pieces) == 2 and min(len(i[0]) for i in items) >= LONG_ITEM:
        # 从注重灾后救助向注重灾前预防转变、从减少灾害损失向减轻灾害风险转变: long items are
        # quoted, not chosen, and the first and last of three cannot stand without the middle one
        return start, end, f"缺少“{missing[0]}”"
    return None


LONG_ITEM = 8


def _anchored(text: str, start: int, end: int, anchors) -> bool:
    """The name (四个意识) or a cue word next to the list, not inside it."""
    near = text[max(0, start - 20):start] + "\n" + text[end:end + 20]
    return any(a in near for a in anchors)


formulation_enumeration.FIELDS = frozenset({"text", "problem", "right", "source"})
formulation_enumeration.OPTIONS = {"list": Param("str", default="formulations", doc="reference list of formulations")}
