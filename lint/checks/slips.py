"""Layout slips in a draft's text: a paragraph broken in the middle of a sentence, and a heading
run into the end of the paragraph before it.

In a text draft (.txt) each physical line is a paragraph, so a line that stops without a
closing mark while the next line carries on is a paragraph broken by a stray line break (a
draft pasted from a PDF or a web page, an Enter pressed by mistake). Titles, the subtitle, the
addressee line, headings, signatures, dates and the cells of a flattened table end without a
closing mark by nature and are left alone. A .docx has real paragraphs, and in Markdown a single
line break is only a wrap (a paragraph ends at a blank line): neither is judged here.

A heading marker (三、 （三） 3.) that opens a sentence in the middle of a paragraph is a heading
run into it (……完成。三、加强……) when its siblings of the same series open paragraphs of their
own and it carries the series on: its number follows the sibling before it.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.document_type import title_type
from ..analysis.structure import structure
from ..analysis.series import heading_items, sibling_groups
from ..engine.kinds import Param
from ..model.finding import Hit
from ..text.chinese import han_count
from ..text.fastregex import fast

# --- LN006: a paragraph broken mid-sentence ---------------------------------------------------

# Marks that may end a paragraph: 。！？；：, the ellipsis and dashes, closing quotes and brackets.
_CLOSED = fast(r"(?:[。！？；：!?;:…—.．]|[”’」』）)》】〕\]])[\s\u3000]*$")
# A line that stops on a mark or a word that cannot end a sentence is certainly cut short.
_CUT_SHORT = fast(r"(?:[，,、（(“‘《【]|(?<![目指之])的|(?<![总])和|与|及|或者?|并|在|对|把|将|被|向|从|以|于|其|之|而且?|由|按照|根据|通过|围绕|关于)[\s\u3000]*$")
# A line that opens on a mark that cannot start a paragraph certainly continues the one above.
_CONTINUES = fast(r"^[\s\u3000]*[，,、。；;：:）)”’》】]")
# Prose: a line with a comma or an enumeration comma inside (a title, a signature, a table cell
# or a date has none).
_PROSE = fast(r"[，,、；;]")
_SENTENCE_COMMA = fast(r"[，,；;]")
# Lines that end a draft or stand on their own: dates, 附件, 抄送, 印发, contact lines.
_STANDALONE = fast(r"^[\s\u3000]*(?:[（(]?附件|抄送|印发|主题词|联系人|联系电话|电话|传真|邮编|地址|"
                   r"(?:\d{4}|[〇○零一二三四五六七八九十]{4})\s*年|[#>*|\-+]|\d+[.．、]\s|[（(]此件)")
_DATE_END = fast(r"\d{4}年\d{1,2}月\d{1,2}日[\s\u3000]*$|[\dA-Za-z][\s\u3000]*$")


def _next_line(doc, p):
    j = p.index + 1
    while j < len(doc.paragraphs):
        q = doc.paragraphs[j]
        if not q.is_blank:
            return q
        j += 1
    return None


# 第四章 总则, 第八节 ……罪: the headings of a legal text.
_PART_HEADING = fast(r"^[\s\u3000]*第[一二三四五六七八九十百零〇\d]+(?:[编章节]|部分)")


def _open_bracket(text: str) -> bool:
    """The line leaves a bracket open: （法 ⏎ 人类）."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _closes_first(text: str) -> bool:
    m = re.search(r"[（()）]", text)
    return m is not None and m.group() in "）)"


def _title_split(text: str, following: str) -> bool:
    """A title printed on two lines (an attached 意见 or 办法 under the notice that issues it): no
    sentence mark in either line, and the two together end with a document type."""
    rest = following.strip(" \u3000\t")
    if not rest or len(rest) > 20 or _SENTENCE_COMMA.search(text) or re.search(r"[，,；;。》”]", rest):
        return False
    return title_type(text.strip(" \u3000\t") + rest) is not None


def broken_paragraph(doc, rule, options) -> Iterator[Hit]:
    # In Markdown a paragraph ends at a blank line and a single line break is only a wrap.
    if doc.source_format != "txt":
        return
    min_chars = options["min_chars"]
    parts = structure(doc)
    for p in doc.iter(("body", "heading")):
        text = p.text.rstrip(" \u3000\t\r")
        if not text or _CLOSED.search(text):
            continue
        q = _next_line(doc, p)
        if q is None or q.scope not in ("body", "heading"):
            continue
        # A name or a heading cut inside its brackets, whatever the line is (附件：1．……名单（法 ⏎ 人类）).
        bracket = _open_bracket(text) and _closes_first(q.text) and q.marker is None
        if not bracket and (p.scope != "body" or _STANDALONE.match(text) or _DATE_END.search(text)
                            or _PART_HEADING.match(text) or (title_type(text) and not _SENTENCE_COMMA.search(text))):
            continue
        if not bracket and (q.scope != "body" or q.marker is not None or _STANDALONE.match(q.text)):
            continue
        if not bracket and parts.name_of(q.index) != parts.name_of(p.index):
            continue  # the next line opens another part of the 公文 (署名, 成文日期, 版记)
        if not bracket and _title_split(text, q.text):
            continue  # 关于支持……重点帮扶县的 ⏎ 实施意见: a title set on two lines
        cut = bracket or bool(_CUT_SHORT.search(text)) or bool(_CONTINUES.match(q.text))
        if not cut and not (_PROSE.search(text) and han_count(text) >= min_chars):
            continue
        end = len(text)
        if cut:
            advice = "句子在这里被断成了两段，请把下一行接到这一行后面"
        else:
            advice = "如果是误断的段落，请把下一行接到这一行后面；如果这一段到此结束，请补上句末标点"
        yield Hit(p, max(0, end - options["quote"]), end, None,
                  {"advice": advice, "next": q.text.strip()[:options["quote"]]})


broken_paragraph.FIELDS = frozenset({"text", "advice", "next"})


broken_paragraph.OPTIONS = {
    "min_chars": Param("int", default=15, tunable=True,
                       doc="a line of prose ending without a closing mark is judged from this many characters"),
    "quote": Param("int", default=8, doc="characters of the line's end and the next line's start quoted"),
}


# --- ST007: a heading run into the paragraph before it -----------------------------------------

def heading_run_in(doc, rule, options) -> Iterator[Hit]:
    """A heading marker run into a paragraph after 。！？ while siblings of its series open
    paragraphs of their own: at least ``min_alone`` of them, or one when the run-in marker's
    number follows on from the sibling just before it (一、…… then ……完成。二、加强……)."""
    least = options["min_alone"]
    for group in sibling_groups(heading_items(doc)):
        alone = [it for it in group if not it.embedded]
        if not alone:
            continue
        for k, it in enumerate(group):
            if not it.embedded:
                continue
            prev = group[k - 1] if k else None
            # A series wholly inside one paragraph is an in-line list, not a slip.
            apart = any(a.paragraph is not it.paragraph for a in alone)
            follows = (apart and prev is not None and not prev.embedded
                       and it.marker.value == prev.marker.value + 1)
            headings = [a for a in alone if a.paragraph.scope == "heading"]
            if len(headings) < least and not follows:
                continue
            found = it.marker.text.strip()
            yield Hit(it.paragraph, it.start, it.end, None,
                      {"found": found, "layout": "同一组的其他序号各自另起一段",
                       "advice": f"在“{found}”前换行，让这一项单独成段"})


heading_run_in.FIELDS = frozenset({"text", "found", "layout", "advice"})


heading_run_in.OPTIONS = {
    "min_alone": Param("int", default=2, tunable=True,
                       doc="siblings standing alone as headings that make any run-in marker a slip"),
}


