"""格式关 for the parts GB/T 9704 fixes the form of: the 成文日期 line, the 主送机关, the 附件说明 and
the 抄送 line. Each reads the part from the structure analysis (:mod:`lint.analysis.structure`)
where it has one, so that a line is checked as what it is, in the right place."""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.structure import structure
from ..model.document import han_count
from ..model.finding import Hit
from ..readers.docx_styles import W, styles_of
from ..text.fastregex import fast
from .layout import _LEADING, _SKIP_BODY


# --- 成文日期 ------------------------------------------------------------------------------------

_CN_NUM = "〇○零一二三四五六七八九十OＯ"
_DATE_LINE = fast(
    rf"^[\s\u3000]*(?:(?P<y>\d{{2,4}}|[{_CN_NUM}]{{2,4}})年)?(?P<m>\d{{1,2}}|[{_CN_NUM}]{{1,3}})月"
    rf"(?:(?P<d>\d{{1,2}}|[{_CN_NUM}]{{1,3}})日)?[\s\u3000]*$")


def _date_line(doc):
    part = structure(doc).part("成文日期")
    if part is not None and _DATE_LINE.match(doc.paragraphs[part.first].text):
        return doc.paragraphs[part.first]
    body = [p for p in doc.iter(("body",)) if not _SKIP_BODY.search(p.text)]
    for p in reversed(body[-12:]):
        if _DATE_LINE.match(p.text):
            return p
    return None


def date_line(doc, rule, options) -> Iterator[Hit]:
    """The 成文日期 line of a .docx: year, month and day all there, and placed at the right."""
    styles = styles_of(doc)
    if styles is None:
        return
    p = _date_line(doc)
    if p is None:
        return
    m = _DATE_LINE.match(p.text)
    problems = []
    # Chinese numerals, a shortened year and 03月 are the numbers rules' (NM010, NM006, NM005):
    # here only what makes the line incomplete as the 成文日期, and where it stands.
    if not m.group("y"):
        problems.append("缺少年份，成文日期应将年、月、日标全")
    if not m.group("d"):
        problems.append("缺少日，成文日期应将年、月、日标全")
    jc = styles.paragraph_value(p.element, "jc").value
    lead = _LEADING.match(p.text)
    ind = p.element.find(f"{W}pPr/{W}ind")
    left_indented = ind is not None and any(
        int(ind.get(W + a, "0") or 0) > (1200 if "Chars" in a else 2400)
        for a in ("left", "start", "leftChars", "startChars"))
    if jc in ("center", "distribute"):
        problems.append("成文日期不应居中，应右空四字（加盖印章时）或在发文机关署名之下右空二字")
    elif jc not in ("right", "end") and not left_indented and not (lead and len(lead.group(1)) >= 8):
        problems.append("成文日期应靠右排布（右空四字），不应左对齐")
    if problems:
        start = len(p.text) - len(p.text.lstrip(" \u3000\t"))
        end = len(p.text.rstrip(" \u3000\t"))
        yield Hit(p, start, end, None, {"problem": "；".join(problems)})


date_line.FIELDS = frozenset({"text", "problem"})


# --- the lines whose form GB/T 9704 fixes (text and .docx) --------------------------------------

_ORGAN_END = fast(r"(政府|委员会|党委|党组|工委|委|局|厅|办|办公室|部|院|会|处|科|所|站|中心|单位|部门|"
                        r"公司|集团|学校|街道|乡镇|支部|总支|机关|分局|大队|中队|队)$")
_SENTENCE = fast(r"[。！？；]")


_UNDER_TITLE = ("发文字号", "签发人", "题注", "讲话时间", "讲话人")


def addressee_colon(doc, rule, options) -> Iterator[Hit]:
    """主送机关: the line after the title (and a 文号 or 题注 under it) ends with a full-width colon."""
    seen_title = False
    st = structure(doc)
    for p in doc.iter():
        if p.scope == "title":
            seen_title = True
            continue
        if p.scope != "body":
            if seen_title:
                return
            continue
        if not seen_title:
            return
        if st.name_of(p.index) in _UNDER_TITLE:
            continue
        t = p.text.rstrip(" \u3000\t")
        if len(t) > 80 or not t or _SENTENCE.search(t[:-1]) or p.marker is not None:
            return
        if t.endswith(":"):
            return  # a half-width colon is PN001's (halfwidth-punctuation)
        head = t[:-1] if t[-1] in "，,、。" else t
        if not (_ORGAN_END.search(head) and han_count(head) <= 60
                and ("、" in head or "，" in head or head.startswith(("各", "全")))):
            return
        if t[-1] in "，,、。":
            yield Hit(p, len(t) - 1, len(t), "：", {"problem": f"“{t}”末尾是“{t[-1]}”"})
        elif not t.endswith("："):
            yield Hit(p, len(t) - 1, len(t), t[-1] + "：", {"problem": f"“{t}”末尾缺少冒号"})
        return


addressee_colon.FIELDS = frozenset({"text", "suggestion", "problem"})

_CC = fast(r"^[\s\u3000]*抄[\s\u3000]*送[\s\u3000]*(?P<colon>[:：])")


def cc_line(doc, rule, options) -> Iterator[Hit]:
    """抄送: full-width colon after 抄送, the last organ followed by 。."""
    for p in doc.iter(rule.scope):
        m = _CC.match(p.text)
        if not m:
            continue
        # A half-width colon after 抄送 is PN001's (halfwidth-punctuation).
        t = p.text.rstrip(" \u3000\t")
        if len(t) <= m.end():
            continue
        if t.endswith("。"):
            continue
        last = re.split(r"[，,、；;：:]", t[m.end():].rstrip("，,、；;.．："))[-1].strip(" \u3000")
        if t[-1] in "，,、；;.．：":
            yield Hit(p, len(t) - 1, len(t), "。", {"problem": f"最后一个抄送机关“{last}”后应标句号，不是“{t[-1]}”"})
        else:
            yield Hit(p, len(t) - 1, len(t), t[-1] + "。", {"problem": f"最后一个抄送机关“{last}”后应标句号"})


cc_line.FIELDS = frozenset({"text", "suggestion", "problem"})

_ATT = fast(r"^(?P<lead>[\s\u3000]*)附[\s\u3000]*件(?P<colon>[:：])(?P<rest>.*)$")
_ATT_ITEM = fast(r"^[\s\u3000]*(?P<num>\d{1,2})(?P<mark>[.．、]|[\s\u3000])")


def attachment_note(doc, rule, options) -> Iterator[Hit]:
    """附件说明: “附件：” + names, several as “附件：1.××” with 2. 3. below, no punctuation after a name."""
    # A one-line draft's only line is classified as its title: the scope comes from the rule.
    paras = list(doc.iter(rule.scope))
    for i, p in enumerate(paras):
        m = _ATT.match(p.text)
        if not m or not m.group("rest").strip():
            continue
        # A half-width colon after 附件 is PN001's (halfwidth-punctuation).
        items = [p]
        for q in paras[i + 1:i + 30]:
            if _ATT_ITEM.match(q.text) and len(q.text) <= 80 and not _SENTENCE.search(q.text.rstrip("。；;.")):
                items.append(q)
            else:
                break
        first = _ATT_ITEM.match(m.group("rest"))
        if len(items) > 1 and first is None:
            yield Hit(p, m.end("colon"), m.end("colon") + min(10, len(m.group("rest"))), None,
                      {"problem": f"有{len(items)}个附件，第一个也要标序号，写作“附件：1.{m.group('rest').strip()[:12]}”，下一行“2.××”与名称对齐"})
        for q in items:
            t = q.text.rstrip(" \u3000\t")
            off = m.end("colon") if q is p else 0
            # A wrong mark at the start of a line (2、) is PN009's; only the one after 附件： is ours.
            im = _ATT_ITEM.match(t[off:]) if q is p else None
            if im and im.group("mark") not in (".", "．"):
                s = off + im.start("mark")
                mark = im.group("mark")
                yield Hit(q, s, s + len(mark), ".", {"problem": f"附件序号“{im.group('num')}{mark.strip()}”应写作“{im.group('num')}.”（用下脚点）"})
            if t and t[-1] in "。；，、.;,":
                name = t[off:].strip(" \u3000")
                yield Hit(q, len(t) - 1, len(t), "", {"problem": f"附件名称“{name}”后不加标点，应删去“{t[-1]}”"})


attachment_note.FIELDS = frozenset({"text", "suggestion", "problem"})


# --- lost paragraph breaks ---------------------------------------------------------------------------

def lost_breaks(doc, rule, options) -> Iterator[Hit]:
    """A draft whose paragraph breaks were lost: said once, with the certain breaks named."""
    s = structure(doc)
    if not s.flattened:
        return
    paras = doc.paragraphs
    if s.breaks:
        idx = min(s.breaks)
        p = paras[idx]
        starts = [b for i in sorted(s.breaks) for b in s.breaks[i]]
        at = s.breaks[idx][0]
        heads = "".join(f"“{paras[i].text[b:b + 2]}”" for i in sorted(s.breaks) for b in s.breaks[i][:3])
        yield Hit(p, at, min(len(p.text), at + 2), None,
                  {"count": len(starts), "where": f"至少应在{heads}等{len(starts)}处序号前另起一段"})
        return
    p = max((q for q in doc.iter(("title", "heading", "body"))), key=lambda q: len(q.text))
    yield Hit(p, 0, min(len(p.text), 10), None, {"count": 0, "where": "请按原稿恢复分段"})


lost_breaks.FIELDS = frozenset({"text", "count", "where"})


# --- parts out of order --------------------------------------------------------------------------------

def part_order(doc, rule, options) -> Iterator[Hit]:
    """A part of the 公文 where GB/T 9704 does not put it (附件说明 under the date, 抄送 in the
    body, a 发文字号 under the title of a draft with its 版头, a 主送机关 after the body has
    started, the 成文日期 above the 发文机关署名): said once per part, on the part itself."""
    from .parts_complete import order_faults  # the order cases besides the analysis' own

    paras = doc.paragraphs
    faults = list(structure(doc).misplaced) + list(order_faults(doc))
    for index, part, where in sorted(faults):
        p = paras[index]
        start = len(p.text) - len(p.text.lstrip(" \u3000\t"))
        yield Hit(p, start, min(len(p.text.rstrip()), start + 12), None, {"part": part, "where": where})


part_order.FIELDS = frozenset({"text", "part", "where"})
