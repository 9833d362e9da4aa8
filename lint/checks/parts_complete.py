"""Whether the parts of a 公文 are all there and in GB/T 9704's order, read from the structure
analysis (:mod:`lint.analysis.structure`): the 落款 (发文机关署名 and 成文日期) a formal document
needs (DT009, DT010), the attachments its 附件说明 announces (FM015), and parts out of order
beyond the two cases the analysis itself records (FM014, through :func:`order_faults`).

A web copy often drops parts: it starts at the title and ends at the body, keeps the 发文字号 and
the 主送机关 and loses the 落款, the 版记 and the attachments (links on the page). So a missing
part is reported only on evidence that the text is the whole document: a part that stands around
the 落款 in a full 公文 (a 版头 line, the 附件说明, the 附注, the 版记, a labelled 附件) or an organ
line that ends the body where the 署名 stands. An attachment announced but absent altogether is
not reported (attachments are often separate files); only attachments present that do not match
the 附件说明.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.structure import (_ATTACH_LABEL, _ATTACH_NOTE, _CC, _DATE_LINE, _DOCNO_LINE, _ISSUE_LINE,
                                  _NOTE_LINE, _addressee, _is_organ, _names_type, _title_lines, structure)
from ..model.finding import Hit
from ..text.chinese import CN_DIGIT_CHARS, cn_to_int
from ..cache import compile_regex

# Parts of a full 公文 that web copies drop together with the 落款: their presence shows the
# text is the whole document.
_EVIDENCE = ("份号", "密级和保密期限", "紧急程度", "发文机关标志", "签发人", "附件说明", "附注",
             "抄送机关", "印发机关和印发日期")
_DOWNLOAD = compile_regex(r"\.(?:pdf|docx?|wps|xlsx?|et|ofd|zip|rar)\b", re.I)
_CN = CN_DIGIT_CHARS + "○"
_LOOSE_DATE = compile_regex(rf"(?:\d{{4}}|[{_CN}]{{4}})[\s\u3000]*年[\s\u3000]*[\d{_CN}十]{{1,3}}"
                         r"[\s\u3000]*月|\d{4}[./．-]\d{1,2}[./．-]\d{1,2}")
_YEAR_START = compile_regex(rf"^[\s\u3000]*(?:\d{{4}}|[{_CN}]{{4}})[\s\u3000]*(?:年|$|[./．-]\d)")
_NOTE_START = compile_regex(r"^[\s\u3000]*[（(](?:此件|此文|联系人|联系电话|联系方式)")
_HEAD = ("份号", "密级和保密期限", "紧急程度", "发文机关标志")
# 印发/转发/批转 a document: what follows is the document issued, not an attachment to announce.
_ISSUING = compile_regex(r"(印发|转发|批转|颁布|发布|公布)")
_NOTE_ITEM = compile_regex(r"^[\s\u3000]*(?:附[\s\u3000]*件[\s\u3000]*[:：][\s\u3000]*)?(?P<n>\d{1,2})[.．、\s\u3000]")
_LABEL_NO = compile_regex(r"附[\s\u3000]*件[\s\u3000]*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})?")


def _span(p) -> tuple[int, int]:
    t = p.text
    start = len(t) - len(t.lstrip(" \u3000\t"))
    return start, max(start + 1, len(t.rstrip(" \u3000\t")))


def _names(s) -> set[str]:
    return {p.name for p in s.parts}


def _labelled(s) -> list:
    return [a for a in s.attachments if a.label is not None]


# --- the 落款 ----------------------------------------------------------------------------------------

def _signature_block(doc, s, last_body: int):
    """The paragraph of a 署名 standing where it should, with no date under it: one to three organ
    lines closing the body after a finished sentence (not a list of organs after a colon), or an
    organ line after the 附件说明."""
    paras = doc.paragraphs
    k = last_body
    organs = []
    while k >= s.body[0] and _is_organ(paras[k].text) and paras[k].marker is None:
        organs.append(paras[k])
        k -= 1
    if organs:
        before = paras[k].text.rstrip(" \u3000\t") if k >= s.body[0] else ""
        return organs[-1] if len(organs) <= 3 and before.endswith(("。", "！", "？")) else None
    for q in paras[last_body + 1:last_body + 16]:
        t = q.text.strip()
        if not t or s.name_of(q.index) == "附件说明" and _ATTACH_NOTE.match(t):
            continue
        if _ATTACH_LABEL.match(t) or _NOTE_LINE.match(t) or _CC.match(t) or _ISSUE_LINE.match(t):
            return None
        if _is_organ(t) and q.marker is None:
            return q
        if s.name_of(q.index) != "附件说明":
            return None
    return None


def _dated_somewhere(doc, s) -> bool:
    """A date in any form near the end of the main document (spaced, 2026.5.20, in a table, run
    into the last line): the 落款 is there, in a form other rules judge."""
    end = min((a.first for a in s.attachments if a.first > s.body[1]), default=len(doc.paragraphs))
    tail = doc.paragraphs[s.body[1]:min(end, s.body[1] + 20)]
    last = doc.paragraphs[s.body[1]].text[-40:]
    if bool(_LOOSE_DATE.search(last)) or any(
            len(q.text.strip()) <= 40 and _LOOSE_DATE.search(q.text) and not _ISSUE_LINE.match(q.text)
            and not q.text.rstrip().endswith("印发") for q in tail[1:]):
        return True
    # an organ line over a date inside the text (a date a web copy broke over lines, 2014 / 年6 /
    # 月28 / 日): the 落款 is there, and what follows is a document it issues or forwards
    body = [q for q in doc.paragraphs[s.body[0]:s.body[1] + 1] if q.text.strip()]
    for k, q in enumerate(body[:-1]):
        if _is_organ(q.text) and _YEAR_START.match(body[k + 1].text):
            return True
    return False


def _forwards_a_document(doc, s) -> bool:
    """A 通知 that 印发s, 转发s or 批转s a document whose text stands in its body (the document's
    own title there): the closing a web copy left may be that document's."""
    if not _ISSUING.search(s.title_text):
        return False
    return any(_names_type(q.text.strip()) and "关于" in q.text and len(q.text.strip()) <= 80
               and q.text.rstrip()[-1:] not in "。；：:" for q in doc.paragraphs[s.body[0] + 1:s.body[1] + 1])


def _closing_state(doc, s):
    """(missing, at): what of the 落款 is missing and the paragraph to report on, or None."""
    if s.body is None or s.speech or not s.title or "题注" in _names(s):
        return None  # a law published with its 题注 carries its date there
    names = _names(s)
    if "成文日期" in names or _dated_somewhere(doc, s) or _forwards_a_document(doc, s):
        return None
    organ = _signature_block(doc, s, s.body[1])
    attached = bool(_labelled(s)) or any(a.first > s.body[1] for a in s.attachments)
    note = s.part("附件说明")
    if note is not None and _DOWNLOAD.search(note.text):
        names = names - {"附件说明"}  # a web page's list of files to download, not the draft's own
    if not (organ is not None or attached or names & set(_EVIDENCE)):
        return None  # may be a web copy that ends at the body
    if organ is not None:
        return "成文日期", organ
    return "发文机关署名和成文日期", doc.paragraphs[s.body[1]]


# The types that close with a 发文机关署名 and a 成文日期 (DT009's and DT010's ``doctypes``).
CLOSING_TYPES = ("通知", "通报", "请示", "批复", "函", "报告", "意见", "决定", "通告", "公告")


def part_problems(doc, doctype: str | None) -> list[tuple[int, str]]:
    """(paragraph index, what is wrong) for ``gwlint outline``: parts out of order, and the 落款 a
    document of ``doctype`` lacks, as FM014 and DT009 report them."""
    s = structure(doc)
    out = [(i, f"{part}的位置不对：{where}") for i, part, where in sorted(list(s.misplaced) + list(order_faults(doc)))]
    if doctype in CLOSING_TYPES:
        got = _closing_state(doc, s)
        if got is not None:
            out.append((got[1].index, f"缺少{got[0]}"))
    return sorted(out)


def missing_closing(doc, rule, options) -> Iterator[Hit]:
    """A formal document whose 正文 ends without its 成文日期 (and 发文机关署名): said once, on the
    last line of the 正文."""
    got = _closing_state(doc, structure(doc))
    if got is None:
        return
    missing, p = got
    a, b = _span(p)
    yield Hit(p, a, b, None, {"doctype": doc.meta.get("doctype") or "公文", "missing": missing})


missing_closing.FIELDS = frozenset({"text", "doctype", "missing"})


def missing_signature(doc, rule, options) -> Iterator[Hit]:
    """A 成文日期 with no 发文机关署名 above it (GB/T 9704-2012 7.3.5): said once, on the date."""
    s = structure(doc)
    if s.speech or not s.title or s.body is None:
        return
    date = s.part("成文日期")
    if date is None or s.part("发文机关署名") is not None:
        return
    if _date_then_organ(doc, s) is not None:
        return  # the 署名 stands under the date: FM014's business
    p = doc.paragraphs[date.first]
    a, b = _span(p)
    yield Hit(p, a, b, None, {"doctype": doc.meta.get("doctype") or "公文"})


missing_signature.FIELDS = frozenset({"text", "doctype"})


# --- parts out of order ------------------------------------------------------------------------------

def _following(doc, index: int):
    for q in doc.paragraphs[index + 1:]:
        if q.text.strip():
            return q
    return None


def _date_then_organ(doc, s):
    """The organ line right under the 成文日期 when no 署名 stands above it: 日期 before 署名."""
    date = s.part("成文日期")
    if date is None or s.part("发文机关署名") is not None:
        return None
    q = _following(doc, date.last)
    if q is None or not _is_organ(q.text) or _DATE_LINE.match(q.text):
        return None
    nxt = _following(doc, q.index)
    if nxt is not None and not (_ATTACH_LABEL.match(nxt.text) or _NOTE_LINE.match(nxt.text)
                                or _CC.match(nxt.text) or _ISSUE_LINE.match(nxt.text)):
        return None  # the line may be the title of an attachment set under the date
    return q


def order_faults(doc) -> Iterator[tuple[int, str, str]]:
    """(paragraph index, part, where it belongs) for the parts out of GB/T 9704's order that the
    structure analysis does not itself record (those are in ``Structure.misplaced``)."""
    s = structure(doc)
    if not s.title:
        # 主送机关 above the title: the draft then opens with an organ line ending in a colon
        lines = [(p.index, p.text.strip(" \u3000\t")) for p in doc.paragraphs[:8] if p.text.strip()][:5]
        n = _title_lines(lines, 1) if len(lines) >= 2 and _addressee(lines[0][1]) else 0
        if n and _names_type("".join(t for _, t in lines[1:1 + n])):
            yield (lines[0][0], "主送机关", "主送机关应在标题之下、正文之前，顶格编排")
        return
    title_first = s.title[0]
    names = _names(s)
    # 发文字号 under the title of a draft laid out with its 版头 (a web copy puts it there by
    # habit; a draft with a 发文机关标志 or 份号 above the title has its 版头 and left it out of it).
    if names & set(_HEAD):
        for part in s.parts:
            if part.name == "发文字号" and part.first > title_first:
                yield (part.first, "发文字号", "发文字号应在版头中、发文机关标志之下，位于标题之上")
    # 发文字号 after the 主送机关: the first line of the body
    addressee = s.part("主送机关")
    if addressee is not None and s.body is not None:
        first = doc.paragraphs[s.body[0]]
        if _DOCNO_LINE.match(first.text):
            yield (first.index, "发文字号", "发文字号应在标题之上（版头中），不应在主送机关之下")
    # 主送机关 after the body has started
    if addressee is None and s.body is not None and not s.speech:
        body = [p for p in doc.paragraphs[s.body[0]:s.body[1] + 1] if p.text.strip()]
        for k, p in enumerate(body[1:3], 1):
            t = p.text.strip(" \u3000\t")
            # only after text has begun (a title repeated by a web copy is not the body)
            if p.marker is None and _addressee(t) and any("。" in q.text for q in body[:k]):
                yield (p.index, "主送机关", "主送机关应在标题之下、正文之前，顶格编排")
                break
    # 附注 (此件公开发布, 联系人) above the 落款, at the end of the 正文
    closing = s.part("发文机关署名") or s.part("成文日期")
    if closing is not None:
        above = next((q for q in reversed(doc.paragraphs[:closing.first]) if q.text.strip()), None)
        if above is not None and _NOTE_LINE.match(above.text) and _NOTE_START.match(above.text):
            yield (above.index, "附注", "附注应在成文日期之下，居左空二字加圆括号编排")
    # 印发机关和印发日期 above the 抄送机关: the 版记 reads 抄送, then 印发
    cc, issue = s.part("抄送机关"), s.part("印发机关和印发日期")
    if cc is not None and issue is not None and issue.first < cc.first:
        yield (cc.first, "抄送机关", "抄送机关应在印发机关和印发日期之上")
    # 成文日期 above the 发文机关署名
    q = _date_then_organ(doc, s)
    if q is not None:
        yield (q.index, "发文机关署名", "发文机关署名应在成文日期之上，成文日期在署名之下")


# --- attachments against the 附件说明 --------------------------------------------------------------

def _announced(doc, note) -> list[tuple[int | None, object]]:
    """The items of the 附件说明: (number or None, paragraph)."""
    items = []
    for p in doc.paragraphs[note.first:note.last + 1]:
        if not p.text.strip():
            continue
        m = _NOTE_ITEM.match(p.text)
        if m:
            items.append((int(m.group("n")), p))
        elif p.index == note.first and p.text.strip(" \u3000").rstrip("：:").strip() not in ("附件", "附 件"):
            items.append((None, p))
        elif not items and p.index != note.first:
            items.append((None, p))  # 附件： alone, the one name on the next line
    return items


def _label_no(text: str) -> int | None:
    m = _LABEL_NO.search(text)
    if not m or not m.group("n"):
        return None
    n = m.group("n")
    return int(n) if n.isdigit() else cn_to_int(n)


def attachment_mismatch(doc, rule, options) -> Iterator[Hit]:
    """Attachments present that the 附件说明 does not announce, or that are numbered otherwise;
    attachments present without any 附件说明 (a document that is not 印发/转发 another one)."""
    s = structure(doc)
    labelled = _labelled(s)
    if not labelled or s.body is None:
        return
    paras = doc.paragraphs
    labels = [(_label_no(paras[a.label].text), paras[a.label]) for a in labelled]
    note = s.part("附件说明")
    if note is None:
        if _ISSUING.search(s.title_text):
            return
        p = paras[s.body[1]]
        a, b = _span(p)
        names = "、".join(q.text.strip(" \u3000") for _, q in labels[:4])
        yield Hit(p, a, b, None, {"problem": f"文后附有{names}，正文之后却没有附件说明：请在正文下空一行写明“附件：”及附件名称"})
        return
    items = _announced(doc, note)
    numbers = [n for n, _ in items if n is not None]
    if not numbers:  # one attachment announced without a number
        if labels[0][0] is None:
            return  # 附件 then its own 附件1, 附件2 (the attachments of the document attached)
        if len(labels) > 1:
            p = items[0][1] if items else paras[note.first]
            a, b = _span(p)
            yield Hit(p, a, b, None, {"problem": f"附件说明只列了一个附件，文后却附有{len(labels)}个附件，请逐一列出并标序号"})
        return
    if labels[0][0] is None:
        q = labels[0][1]
        a, b = _span(q)
        yield Hit(q, a, b, None, {"problem": f"附件说明列有{len(numbers)}个附件，此处附件标识没有序号，应写作“附件1”等与附件说明对应"})
        return
    present = {n for n, _ in labels if n is not None}
    for n, q in labels:
        if n is None:
            continue
        if n not in numbers:
            a, b = _span(q)
            yield Hit(q, a, b, None, {"problem": f"“{q.text.strip(' 　')}”不在附件说明中（附件说明只列了{'、'.join(str(x) for x in numbers)}），请补列或核对序号"})
    for n, p in items:
        if n is not None and n not in present:
            a, b = _span(p)
            yield Hit(p, a, b, None, {"problem": f"附件说明列出的附件{n}未附在文后（文后附有附件{'、'.join(str(x) for x in sorted(present))}），请补附或核对序号"})


attachment_mismatch.FIELDS = frozenset({"text", "problem"})
