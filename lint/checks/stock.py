"""套话: stock phrases, per paragraph (SP002) and as a density over the whole document (SP001).

One 高度重视 in a 5,000-character speech is normal; ten are padding. The phrases come from
reference/stock-phrases.tsv. SP002 names them where they stand, one finding per paragraph listing
all of its stock phrases, in the kinds of writing the speeches' guidance is about (讲话稿, 总结,
报告, 汇报); SP001 weighs the whole document against what carefully edited reports reach
(bench/RESULTS.md). Neither counts a phrase that is part of the formula a document type requires
(a 请示's 妥否，请批示, a 通知's 请认真贯彻落实 or 特此通知).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..analysis.document_type import normalise_title
from ..model.document import TEXT_SCOPES
from ..model.finding import Hit
from ..engine.kinds import Param
from ..text.chinese import han_count
from ..text.fastregex import fast
from ..cache import compile_regex


@lru_cache(maxsize=8)
def _matcher(path):
    from ..engine.matcher import Entry, PhraseMatcher
    from ..engine.wordlists import load_list

    rows = load_list(path)
    key = rows.columns[0]
    return PhraseMatcher([Entry(r[key], None, r.get("note", "")) for r in rows])


# The formulas of the 条例's document types (and of a report's closing): a stock phrase inside one
# is the wording the type requires, not padding. Keyed by document type; "*" applies to every type.
_FORMULAS = {
    "请示": r"[妥当]否[，,]?请(?:批示|批复|审批|审定|指示)|以上请示[^。]{0,12}?请(?:予)?(?:批示|批复|审批|审定)|请予(?:批准|审批|批复)",
    "通知": r"特此通知|现将[^。]{1,60}?通知如下|(?:请|望)(?:各[^。，]{0,12})?(?:结合[^。，]{1,12}[，,]?)?"
            r"(?:认真|切实|坚决)?(?:贯彻(?:执行|落实)|遵照执行|执行|抓好落实|组织实施|贯彻实施)",
    "报告": r"特此报告|以上报告[^。]{0,20}?请(?:审阅|审议|审查|批转|指正)|专此报告",
    "函": r"特此函(?:告|复|询|达)|请予(?:支持|协助|函复|研究)[^。]{0,4}|盼复|为盼",
    "批复": r"此复|特此批复",
    "意见": r"以上意见[^。]{0,20}?请[^。]{0,12}?执行",
    "通报": r"特此通报",
    # The Party's 思想路线 and its fixed wording, quoted in any document: 解放思想、实事求是、与时俱进、求真务实.
    "*": r"请认真贯彻(?:执行|落实)|请遵照执行|请结合实际[，,]?认真贯彻(?:执行|落实)"
         r"|解放思想、实事求是、与时俱进、求真务实|与时俱进(?:发展|的理论|地?推进理论创新)",
}
_FORMULA_RX = {t: fast(rx) for t, rx in _FORMULAS.items()}


def formula_spans(text: str, doctype: str | None) -> list[tuple[int, int]]:
    out = []
    for t in (doctype, "*"):
        rx = _FORMULA_RX.get(t) if t else None
        if rx is not None:
            out += [(m.start(), m.end()) for m in rx.finditer(text)]
    return out


def stock_hits(doc, rule, list_name: str, paragraphs) -> list[tuple[object, list[tuple[int, int, object]]]]:
    """(paragraph, its stock phrases) for each of ``paragraphs``, without the phrases inside a
    required formula. SP001 and SP002 both ask about every paragraph: the answers are kept on the
    document (one scan each)."""
    from .facts import list_path

    path = list_path(rule, list_name)
    memo = doc.meta.setdefault("_stock_hits", {}).setdefault(path, {})
    matcher = _matcher(path)
    doctype = doc.meta.get("doctype")
    out = []
    for p in paragraphs:
        got = memo.get(id(p))
        if got is None:
            got = list(matcher.finditer(p.text))
            if got:
                spans = formula_spans(p.text, doctype)
                if spans:
                    got = [(s, e, x) for s, e, x in got if not any(a <= s and e <= b for a, b in spans)]
            memo[id(p)] = got
        out.append((p, got))
    return out


def count_phrases(doc, rule, list_name: str) -> Counter:
    counts: Counter = Counter()
    for _, got in stock_hits(doc, rule, list_name, doc.iter(rule.scope or TEXT_SCOPES)):
        for _, _, e in got:
            counts[e.term] += 1
    return counts


# --- SP001: density ---------------------------------------------------------------------------

def stock_density(doc, rule, options) -> Iterator[Hit]:
    chars = doc.text_chars
    if not chars:
        return
    counts = count_phrases(doc, rule, options["list"])
    total = sum(counts.values())
    density = total * 1000 / chars
    if total < options["min_count"] or density <= options["max_per_1000"]:
        return
    top = "、".join(f"“{w}”（{n}次）" for w, n in counts.most_common(options["top"]))
    yield Hit(None, 0, 0, None, {"count": total, "chars": chars, "density": f"{density:.1f}",
                                 "max": options["max_per_1000"], "top": top})


stock_density.FIELDS = frozenset({"count", "chars", "density", "max", "top"})
stock_density.OPTIONS = {
    "list": Param("str", default="stock-phrases", doc="reference list of stock phrases"),
    "max_per_1000": Param("number", default=3.0, tunable=True,
                          doc="stock phrases per 1,000 Chinese characters that pass"),
    "min_count": Param("int", default=5, tunable=True, doc="fewest stock phrases that can make a finding"),
    "top": Param("int", default=5, doc="how many of the most frequent phrases the message names"),
}


# --- SP002: each paragraph's stock phrases ----------------------------------------------------

# A 汇报 is no type of the 条例, so no title names it as one: ……工作汇报, ……情况汇报(材料), 述职报告.
_REPORT_TITLE = compile_regex(r"(?:汇报|汇报材料|汇报提纲|述职报告|述职述廉报告|工作总结|情况报告)$")
_GENERIC_ADVICE = "请删去，或换成具体的措施、数字、时限和责任单位"


def applies(doc, doctypes) -> bool:
    """The document is of a type the stock-phrase guidance is about (an empty list: every type)."""
    if not doctypes:
        return True
    doctype = doc.meta.get("doctype")
    if doctype in doctypes:
        return True
    if "汇报" in doctypes:
        title = doc.title
        return title is not None and bool(_REPORT_TITLE.search(normalise_title(title.text)))
    return False


def stock_phrases(doc, rule, options) -> Iterator[Hit]:
    if not applies(doc, options["doctypes"]):
        return
    found = [(p, got) for p, got in stock_hits(doc, rule, options["list"], doc.iter(rule.scope)) if got]
    if not found:
        return
    chars = doc.text_chars
    padded = chars and sum(len(g) for _, g in found) * 1000 / chars > options["dense_per_1000"]
    for p, got in found:
        # In a text no more padded than a carefully edited report, one stock phrase in a long
        # paragraph is the register, not padding: name a paragraph's phrases when there are
        # several, or when the paragraph is short enough for one to stand out.
        if not padded and len(got) < options["min_in_paragraph"] and han_count(p.text) > options["short_paragraph"]:
            continue
        counts = Counter(e.term for _, _, e in got)
        notes = {e.term: e.note for _, _, e in got}
        phrases = "".join(f"“{w}”" + (f"（{n}处）" if n > 1 else "") for w, n in counts.items())
        if len(counts) == 1:
            (word,) = counts
            advice = notes[word] or _GENERIC_ADVICE
        else:
            advice = _GENERIC_ADVICE
        yield Hit(p, got[0][0], got[-1][1], None,
                  {"count": len(got), "phrases": phrases, "advice": advice, "note": advice})


stock_phrases.FIELDS = frozenset({"text", "count", "phrases", "advice", "note"})
stock_phrases.OPTIONS = {
    "list": Param("str", default="stock-phrases", doc="reference list of stock phrases"),
    "dense_per_1000": Param("number", default=2.0, tunable=True,
                            doc="above this many stock phrases per 1,000 characters every paragraph with one is named"),
    "min_in_paragraph": Param("int", default=2, tunable=True,
                              doc="below the density above: stock phrases that make a long paragraph's finding"),
    "short_paragraph": Param("int", default=120, tunable=True,
                             doc="below the density above: a paragraph of at most this many characters is named for one phrase"),
    "doctypes": Param("str-list", default=["讲话稿", "总结", "报告", "汇报"], tunable=True,
                      doc="document types whose stock phrases are named (汇报 is told by the title); [] for every type"),
}
