"""文种: the rules of the 《党政机关公文处理工作条例》 for each legal document type.

The rules that concern one type name it in the rule file (``doctypes: [请示]``), so the engine
runs them only on that type; 讲话稿 and 总结 are 事务文书 and get no 条例 finding.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.document_type import DOCUMENT_WORDS, LEGAL_TYPES, OTHER_TYPES, infer, normalise_title, title_type
from ..analysis.structure import structure
from ..model.finding import Hit
from ..text.fastregex import fast


def _title(doc):
    """The last line of the title (where its 文种 stands; a title may wrap over several lines)."""
    lines = _title_lines(doc)
    return lines[-1] if lines else None


def _title_lines(doc):
    out = []
    for p in doc.iter(("title",)):
        if p.text.strip().startswith(("—", "-")):
            break
        out.append(p)
    return out


def _title_text(doc) -> str:
    """The title joined across its lines."""
    return "".join(p.text.strip() for p in _title_lines(doc))


def _span(p) -> tuple[int, int]:
    start = len(p.text) - len(p.text.lstrip(" \u3000\t"))
    return start, len(p.text.rstrip(" \u3000\t"))


# --- title ---------------------------------------------------------------------------------------

def missing_doctype(doc, rule, options) -> Iterator[Hit]:
    """A 公文 title (关于……) that names no 文种, or not the 文种 the configuration gives."""
    p = _title(doc)
    if p is None:
        return
    configured = doc.meta.get("doctype")
    if configured in OTHER_TYPES or configured == "讲话稿" or infer(doc) is not None:
        return
    t = normalise_title(_title_text(doc))
    if t.endswith(DOCUMENT_WORDS) or title_type(t) is not None:
        return
    if configured in LEGAL_TYPES:
        want = "命令（令）" if configured == "命令" else configured
        s, e = _span(p)
        yield Hit(p, s, e, None, {"expected": f"按配置应为“{want}”", "note": f"如“……的{want}”"})
    elif "关于" in t and len(t) >= 6:
        s, e = _span(p)
        yield Hit(p, s, e, None, {"expected": "应在标题末尾写明文种",
                                  "note": "如“……的通知”“……的请示”“……的报告”"})


missing_doctype.FIELDS = frozenset({"text", "expected", "note"})

# Two types written together at the end of a title (请示报告, 批复函). 意见 is left out: 征求意见函
# is the 函 of a 征求意见 matter.
_PAIR_FIRST = tuple(t for t in LEGAL_TYPES if t not in ("意见", "令"))


def doubled_doctype(doc, rule, options) -> Iterator[Hit]:
    p = _title(doc)
    if p is None:
        return
    text = p.text.rstrip(" \u3000\t")
    last = title_type(text)
    if last is None:
        return
    tail = "令" if last == "命令" and not text.endswith("命令") else last
    before = text[:len(text) - len(tail)]
    for first in sorted(_PAIR_FIRST, key=len, reverse=True):
        if before.endswith(first) and first != tail and not (first == "命令" and tail == "令"):
            start = len(before) - len(first)
            yield Hit(p, start, len(text), None, {"first": first, "second": tail})
            return


doubled_doctype.FIELDS = frozenset({"text", "first", "second"})

_BARE = fast(r"^(紧急|补充|重要|特急|急件)?(?P<type>" + "|".join(LEGAL_TYPES) + ")$")


def title_elements(doc, rule, options) -> Iterator[Hit]:
    """A title that is only the 文种 (通知, 紧急通知): no 发文机关 and no 事由."""
    p = _title(doc)
    if p is None:
        return
    if _BARE.match(normalise_title(_title_text(doc))):
        s, e = _span(p)
        yield Hit(p, s, e, None, {})


title_elements.FIELDS = frozenset({"text"})


# --- 请示 and 报告 ---------------------------------------------------------------------------------

_SENTENCE = fast(r"[。！？；]")
_SPLIT = fast(r"[、，,；;]")


def _addressee(doc):
    """The 主送机关 line: the part the structure analysis found (after the title and a 文号 or
    题注 under it), else the first body line after the title, short, ending with a colon."""
    part = structure(doc).part("主送机关")
    if part is not None:
        return doc.paragraphs[part.first]
    seen_title = False
    for p in doc.iter():
        if p.scope == "title":
            seen_title = True
            continue
        if not seen_title or p.scope != "body":
            return None
        t = p.text.strip()
        if len(t) <= 80 and t.endswith(("：", ":")) and not _SENTENCE.search(t):
            return p
        return None
    return None


def request_single_addressee(doc, rule, options) -> Iterator[Hit]:
    p = _addressee(doc)
    if p is None:
        return
    t = p.text.strip().rstrip("：:")
    names = [n for n in _SPLIT.split(t) if n.strip()]
    if len(names) > 1:
        s, e = _span(p)
        yield Hit(p, s, e, None, {"count": len(names)})


request_single_addressee.FIELDS = frozenset({"text", "count"})

_ENDING = fast(r"妥否|当否|是否妥当|可否|请批示|请予?批复|请予?审批|请予?批准|请予?审定|请予?核准|请予?审核|"
                     r"请予?支持|请予?研究|请予?解决|请予?同意|请予?回复|请示如上|以上请示|特此请示|予以批准|为盼")


def request_ending(doc, rule, options) -> Iterator[Hit]:
    """A 请示 ends by asking for an answer (妥否，请批示 / 以上请示，请批复)."""
    body = [p for p in doc.iter(("body", "heading")) if p.text.strip()]
    if not body:
        return
    span = structure(doc).body  # the 正文 without 附件说明, 落款, 附注 and 版记
    if span is not None:
        body = [p for p in body if span[0] <= p.index <= span[1]] or body
    if any(_ENDING.search(p.text) for p in body[-6:]):
        return
    yield Hit(None, 0, 0, "妥否，请批示。", {})


request_ending.FIELDS = frozenset({"text", "suggestion"})

_ASK = fast(r"请(?:求|予)?(?:上级|县委|县政府|市委|市政府|省委|省政府)?(?:给予|予以)?"
                  r"(?:批准|批复|审批|核准|解决|拨付|安排|支持|同意)")


def request_one_matter(doc, rule, options) -> Iterator[Hit]:
    """Several request sentences in one 请示 may mean several matters (一文一事)."""
    asks = []
    for p in doc.iter(("body",)):
        if re.search(r"妥否|当否|以上请示|特此请示", p.text):
            continue  # the closing formula restates the request
        for s in p.sentences:
            m = _ASK.search(s.text)
            if m:
                asks.append((p, s.start + m.start(), s.start + m.end()))
    if len(asks) >= options["max_requests"] + 1:
        p, s, e = asks[options["max_requests"]]
        yield Hit(p, s, e, None, {"count": len(asks)})


request_one_matter.FIELDS = frozenset({"text", "count"})


def _max_requests():
    from ..engine.kinds import Param

    return Param("int", default=1, tunable=True, doc="一份请示中允许的请求句数")


request_one_matter.OPTIONS = {"max_requests": _max_requests()}


# --- a missing 主送机关 -------------------------------------------------------------------------

_ORGAN_LINE = fast(r"(政府|委员会|党委|局|厅|办|委|部|院|会|处|室|中心|单位|部门|公司|集团)[）)]?$")


def missing_addressee(doc, rule, options) -> Iterator[Hit]:
    """A 请示 or 批复 with no 主送机关 between its title (and 文号) and its text: said once, on
    the last line of the title."""
    s = structure(doc)
    if s.part("主送机关") is not None or not s.title or s.body is None or s.speech:
        return
    first = doc.paragraphs[s.body[0]]
    t = first.text.strip(" \u3000\t").rstrip("，,。")
    if len(t) <= 60 and _ORGAN_LINE.search(t):
        return  # an organ line without its colon: FM012's business
    p = doc.paragraphs[s.title[-1]]
    if p.text.strip().startswith(("—", "-")):
        p = doc.paragraphs[s.title[0]]
    a, b = _span(p)
    yield Hit(p, a, b, None, {"doctype": doc.meta.get("doctype") or "请示"})


missing_addressee.FIELDS = frozenset({"text", "doctype"})
