"""``--annotate OUT.docx``: a copy of the draft with one Word comment (批注) per finding.

Each comment is anchored on exactly the characters the finding concerns: the runs that hold them
are split where needed (each part keeps the run's formatting), and the comment range starts before
the first and ends after the last. Author ``gwlint``; text = message, suggestion, basis. Findings
about the whole document, and findings in headers, footers and footnotes (where Word keeps no
comments), go on the title. A text draft becomes a new .docx, one paragraph per line, with the
comments. The input is never written.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from ..errors import UsageError

AUTHOR = "gwlint"
INITIALS = "GW"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ONE_CHAR = (_W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen")
_COMMENT_SCOPES = ("title", "heading", "body", "table")


def annotate(result, source: Path | None, out: Path, mark=None) -> tuple[bytes, int]:
    """The bytes of ``out``: the draft of ``result`` (read again from ``source``) with its
    comments, and the number of comments. ``mark(document)`` stamps the copy before it is saved;
    the caller writes the bytes (lint/app/outputs.py)."""
    from ..readers import read_path
    from ..readers.docx import read_docx_bytes

    if source is not None and out.resolve() == Path(source).resolve():
        raise UsageError(f"输出文件 {out} 就是被检查的文件：gwlint 不会覆盖原稿，请换一个文件名")
    if out.suffix.lower() != ".docx":
        raise UsageError(f"--annotate 的输出文件应以 .docx 结尾：{out}")
    if source is not None and source.suffix.lower() == ".docx":
        doc = read_path(source, result.path)
    else:
        text_doc = result.doc if source is None else read_path(source, result.path)
        doc = read_docx_bytes(_text_to_docx(text_doc), result.path)
    n = add_comments(doc, [f for f in result.findings if not f.waived])
    if mark is not None:
        mark(doc.docx)
    buf = io.BytesIO()
    doc.docx.save(buf)
    return buf.getvalue(), n


# The GB/T 9704-2012 page (5.2.1, 5.2.2): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; body
# in 3号仿宋 (16 pt), title in 2号小标宋 (22 pt), 22 lines of 28 characters (7.1, 7.2).
PAGE_MM = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_PT, TITLE_PT, LINE_PT = 16, 22, 28.95


def _text_to_docx(text_doc) -> bytes:
    """A .docx with one paragraph per line of a text draft, so that line numbers stay paragraph
    numbers, laid out on the GB/T 9704 page: A4 with its margins, the title centred in 小标宋,
    the body in 仿宋 with a two-character first-line indent and fixed line spacing."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM["width"]), Mm(PAGE_MM["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE_MM["top"]), Mm(PAGE_MM["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE_MM["left"]), Mm(PAGE_MM["right"])
    section.gutter = Mm(0)

    def font(style, east_asia: str, size: float) -> None:
        style.font.size = Pt(size)
        style.font.name = "Times New Roman"
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT)
        fmt.space_before = fmt.space_after = Pt(0)

    normal = d.styles["Normal"]
    font(normal, "仿宋_GB2312", BODY_PT)
    normal.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for p in text_doc.paragraphs:
        para = d.add_paragraph()
        if p.text:
            run = para.add_run(p.text)
            if p.scope == "title":
                run.font.size = Pt(TITLE_PT)
                run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
        if p.scope == "title":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.paragraph_format.first_line_indent = Pt(0)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def comment_text(f) -> list[str]:
    """The comment's paragraphs: message, suggestion, basis, and which rule."""
    lines = [f.message]
    if f.suggestion is not None:
        lines.append(f"建议改为：{f.suggestion}" if f.suggestion else "建议：删去")
    lines.append(f"依据：{f.basis}")
    lines.append(f"（gwlint {f.code} {f.name}）")
    return lines


def add_comments(doc, findings) -> int:
    """Add a comment for each finding to ``doc.docx`` (a document read by lint.readers.docx)."""
    by_line = {p.line: p for p in doc.paragraphs}
    anchor = doc.title or next((p for p in doc.paragraphs if p.runs and p.scope in _COMMENT_SCOPES), None)
    plan: list[tuple] = []  # (paragraph, start, end, finding, prefix)
    for f in findings:
        p = by_line.get(f.line)
        if f.scope == "document" or p is None or p.scope not in _COMMENT_SCOPES or not p.runs:
            if anchor is None or not anchor.runs:
                continue
            prefix = "" if f.scope == "document" else f"［{f.location}］"
            plan.append((anchor, 0, len(anchor.text), f, prefix))
            continue
        s, e = f.column - 1, f.end_column - 1
        if e <= s:  # an empty span (something missing): anchor on the character before it
            s, e = (s - 1, s) if s > 0 else (0, min(1, len(p.text)))
        plan.append((p, s, min(e, len(p.text)), f, ""))
    segments: dict[int, list[list]] = {}
    for p, s, e, _, _ in plan:
        segs = segments.setdefault(id(p), [[r.start, r.end, r.element] for r in p.runs])
        _cut(segs, s)
        _cut(segs, e)
    from docx.text.run import Run

    count = 0
    for p, s, e, f, prefix in plan:
        segs = segments[id(p)]
        first = next((g for g in segs if g[0] >= s and g[1] > g[0]), None)
        last = next((g for g in reversed(segs) if g[1] <= e and g[1] > g[0]), None)
        if first is None or last is None:
            continue
        lines = comment_text(f)
        lines[0] = prefix + lines[0]
        comment = doc.docx.add_comment([Run(first[2], None), Run(last[2], None)], text=lines[0],
                                       author=AUTHOR, initials=INITIALS)
        for line in lines[1:]:
            comment.add_paragraph(line)
        count += 1
    return count


def _cut(segs: list[list], offset: int) -> None:
    """Make ``offset`` a run boundary, splitting the run (its w:r element) that spans it."""
    for i, (start, end, el) in enumerate(segs):
        if start < offset < end:
            right = _split_run(el, offset - start)
            segs[i:i + 1] = [[start, offset, el], [offset, end, right]]
            return


def _length(child) -> int:
    if child.tag == _W + "t":
        return len(child.text or "")
    return 1 if child.tag in _ONE_CHAR else 0


def _split_run(r, k: int):
    """Split the w:r ``r`` after ``k`` characters; the right part (same w:rPr) is inserted after
    it and returned."""
    right = copy.deepcopy(r)
    pos = 0
    left_children = [c for c in r if c.tag != _W + "rPr"]
    right_children = [c for c in right if c.tag != _W + "rPr"]
    for lc, rc in zip(left_children, right_children):
        n = _length(lc)
        if n == 0:
            (r if pos >= k else right).remove(lc if pos >= k else rc)
        elif pos + n <= k:
            right.remove(rc)
        elif pos >= k:
            r.remove(lc)
        else:
            cut = k - pos
            lc.text, rc.text = lc.text[:cut], lc.text[cut:]
            lc.set(_XML_SPACE, "preserve")
            rc.set(_XML_SPACE, "preserve")
        pos += n
    r.addnext(right)
    return right
