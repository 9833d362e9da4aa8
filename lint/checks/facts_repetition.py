"""Repetition (FC025): a paragraph or a sentence that appears twice in the document, mostly a
copy-paste leftover. Short sentences (under ``min_chars`` Chinese characters; under
``near_chars`` when the two are in one paragraph or the next) and formulaic lines are not
compared."""

from __future__ import annotations

from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.chinese import han_count
from ..text.numbering import parse_marker
from ..cache import compile_regex

_NORM = compile_regex(r"[\s\u3000]+|[。！？；，、：]+$")
# Lines that repeat by design in task lists: 责任单位：县发展改革局、县财政局 and its bracketed form.
_ASSIGNMENT = compile_regex(r"[（(]?(?:牵头|责任|配合|负责|参与|主办|协办|实施)单位[：:][^）)]*[）)]?|(?:完成|办结)时限[：:][^）)。；]*")


_TRAILING = "。！？；，、：\u3000 \t"


# an item's word of order (二是部分房屋……, 其次，……) before a sentence that repeats another
_ORDER_WORD = compile_regex(r"^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]?|首先[，,]?|其次[，,]?|再次[，,]?|最后[，,]?)")


CLAUSE_CHARS = 14  # a clause with a figure this long (Chinese characters) is compared on its own
_DIGIT = compile_regex(r"\d")
_CLAUSE_MARK = compile_regex(r"[，；：,;:]")


def _clauses(text: str, start: int, end: int):
    """The spans of the clauses of ``text[start:end]`` (between commas, semicolons and colons),
    without their end marks."""
    at = start
    for m in _CLAUSE_MARK.finditer(text, start, end):
        yield at, m.start()
        at = m.end()
    stop = end
    while stop > at and text[stop - 1] in _TRAILING:
        stop -= 1
    yield at, stop


def _pasted_clause(p, clauses: dict) -> tuple | None:
    """(start, end, first paragraph) of the paragraph's first clause with a figure that an earlier
    sentence holds too (对全县312家餐饮场所燃气使用情况开展“回头看”), noting the clauses of ``p`` in
    ``clauses`` as it goes; short clauses, clauses without a figure and citations (根据《…》（…〔2006〕
    394号）, quoted again by design) are not compared."""
    for s in p.sentences:
        for c0, c1 in _clauses(p.text, s.start, s.end):
            ck = p.text[c0:c1]
            if han_count(ck) < CLAUSE_CHARS or not _DIGIT.search(ck) or "《" in ck or "〔" in ck:
                continue
            first = clauses.setdefault(ck, (p, s.start))
            if first != (p, s.start):
                return c0, c1, first[0]
    return None


def _norm(text: str) -> str:
    marker = parse_marker(text)
    if marker is not None:  # 五、要加强… repeats 要加强… (a list item's first sentence)
        text = text[marker.end:]
    order = _ORDER_WORD.match(text)
    if order:
        text = text[order.end():]
    if "单位" in text or "时限" in text:
        text = _ASSIGNMENT.sub("", text)
    text = text.strip().rstrip(_TRAILING)
    if " " in text or "\u3000" in text or "\t" in text:
        text = _NORM.sub("", text)
    return text


def repeated_text(doc, rule, options) -> Iterator[Hit]:
    least = options["min_chars"]
    near = min(options["near_chars"], least)  # a sentence repeated in its paragraph or the next
    paragraphs: dict[str, object] = {}
    sentences: dict[str, tuple] = {}
    clauses: dict[str, tuple] = {}
    previous = None
    nearby: list[tuple] = []
    for p in doc.iter(rule.scope):
        key = _norm(p.text)
        if p.scope == "heading" and len(p.sentences) <= 1:
            # a heading is compared with the paragraph right before it only: a long numbered item
            # pasted twice in a row (3.农林牧渔业总产值按当年价格计算……), never one section's heading
            # that the next section repeats (（一）大气环境方面); a heading with its text run in
            # (（一）严格落实值班制度。防火期内，……) is read as a paragraph
            if previous is not None and han_count(key) >= least and _norm(previous.text) == key:
                yield Hit(p, 0, len(p.text), None, {"what": "这一段", "where": f"第{previous.line}行"})
            previous = p
            continue
        if len(key) >= least:  # at least as many characters; Chinese ones counted on a repeat
            first = paragraphs.get(key)
            if first is not None and han_count(key) >= least:
                yield Hit(p, 0, len(p.text), None, {"what": "这一段", "where": f"第{first.line}行"})
                continue
            paragraphs.setdefault(key, p)
        repeats = []
        # the sentences of this paragraph and the one before, for a tail pasted again
        nearby = [q for q in nearby if q[1][0] is previous] if previous is not None else []
        for s in p.sentences:
            if s.end - s.start < near:
                continue  # normalising only takes characters away: too short either way
            sk = _norm(p.text[s.start:s.end])
            if len(sk) < near:
                continue
            first = sentences.get(sk)
            if first is None:
                sentences[sk] = (p, s.start)
                # the end of a sentence just before, pasted again as a sentence of its own
                # (……办公室要严格执行24小时值班和领导带班制度，保持通信畅通。 / 严格执行24小时……)
                if han_count(sk) >= near:
                    before = next((q for q in nearby if len(q[0]) > len(sk) and q[0].endswith(sk)
                                   and (q[1][0] is p or han_count(sk) >= least)), None)
                    if before is not None:
                        repeats.append((s, before[1], True))
                nearby.append((sk, (p, s.start)))
                continue
            n = han_count(sk)
            if n >= least or n >= near and first[0] in (p, previous):
                repeats.append((s, first, False))
        previous = p
        if repeats:
            s, first, tail = repeats[0]
            where = f"第{first[0].line}行" if first[0] is not p else "本段前文"
            if tail:
                where += "一句的后半部分"
            what = "这句话" if len(repeats) == 1 else f"这句话（本段共有{len(repeats)}句与前文重复）"
            yield Hit(p, s.start, s.end, None, {"what": what, "where": where})
            continue
        pasted = _pasted_clause(p, clauses)
        if pasted:
            c0, c1, first = pasted
            where = f"第{first.line}行" if first is not p else "本段前文"
            yield Hit(p, c0, c1, None, {"what": "这个分句", "where": where})


repeated_text.FIELDS = frozenset({"text", "what", "where"})
repeated_text.OPTIONS = {"min_chars": Param("int", default=20, tunable=True,
                                            doc="shortest sentence (Chinese characters) compared"),
                            "near_chars": Param("int", default=12, tunable=True,
                                                doc="shortest sentence (Chinese characters) compared with "
                                                    "its own paragraph and the one before")}
