"""格式关 for the page: A4 paper, margins and 版心 (GB/T 9704-2012 5.1, 5.2.1), and the page
number (7.5). Read from the python-docx Document; a text draft has no page and gets nothing."""

from __future__ import annotations

import re
from typing import Iterator

from ..engine.kinds import Param
from ..model.finding import Hit
from ..readers.docx_styles import W, family, styles_of
from ..text.fastregex import fast
from .layout import EMU_PER_MM, _fmt_mm, _size_label


# --- page ---------------------------------------------------------------------------------------


def _sections(doc):
    for i, s in enumerate(doc.docx.sections, start=1):
        yield i, s


def _mm(v) -> float | None:
    return None if v is None else v / EMU_PER_MM


def page_size(doc, rule, options) -> Iterator[Hit]:
    """The paper is A4 (210 × 297 mm; a landscape A4 section is accepted)."""
    if doc.docx is None:
        return
    seen = set()
    for i, s in _sections(doc):
        w, h = _mm(s.page_width), _mm(s.page_height)
        if w is None or h is None:
            continue
        if (abs(w - 210) <= 1 and abs(h - 297) <= 1) or (abs(w - 297) <= 1 and abs(h - 210) <= 1):
            continue
        found = f"{_fmt_mm(w)}×{_fmt_mm(h)}毫米"
        if found in seen:
            continue
        seen.add(found)
        name = _paper_name(w, h)
        yield Hit(None, 0, 0, None, {"found": found + (f"（{name}）" if name else ""),
                                     "section": _section_label(doc, i), "expected": "A4（210×297毫米）"})


page_size.FIELDS = frozenset({"text", "found", "expected", "section"})


def _paper_name(w: float, h: float) -> str | None:
    for name, (a, b) in {"Letter": (215.9, 279.4), "Legal": (215.9, 355.6), "B5": (176, 250),
                         "A3": (297, 420), "A5": (148, 210), "16开": (184, 260)}.items():
        if (abs(w - a) <= 1 and abs(h - b) <= 1) or (abs(w - b) <= 1 and abs(h - a) <= 1):
            return name
    return None


def _section_label(doc, i: int) -> str:
    return f"第{i}节" if len(doc.docx.sections) > 1 else "页面设置"


def page_margins(doc, rule, options) -> Iterator[Hit]:
    """天头 37±1 mm, 订口 28±1 mm, 版心 156×225 mm (±1 mm) on a portrait A4 page."""
    if doc.docx is None:
        return
    tol = options["tolerance"]
    seen = set()
    for i, s in _sections(doc):
        vals = [_mm(getattr(s, a)) for a in ("page_width", "page_height", "top_margin",
                                             "bottom_margin", "left_margin", "right_margin")]
        if any(v is None for v in vals):
            continue
        w, h, top, bottom, left, right = vals
        if w > h:  # a landscape section (a wide table) has its own geometry
            continue
        left += _mm(s.gutter or 0)
        problems = []
        if abs(top - 37) > tol:
            problems.append(f"上边距（天头）{_fmt_mm(top)}毫米，应为37毫米")
        if abs(left - 28) > tol:
            problems.append(f"左边距（订口）{_fmt_mm(left)}毫米，应为28毫米")
        bw, bh = w - left - right, h - top - bottom
        if abs(bw - 156) > tol:
            problems.append(f"版心宽{_fmt_mm(bw)}毫米，应为156毫米（右边距应约为{_fmt_mm(w - left - 156)}毫米）")
        if abs(bh - 225) > tol:
            problems.append(f"版心高{_fmt_mm(bh)}毫米，应为225毫米（下边距应约为{_fmt_mm(h - top - 225)}毫米）")
        if not problems:
            continue
        key = tuple(problems)
        if key in seen:
            continue
        seen.add(key)
        yield Hit(None, 0, 0, None, {"section": _section_label(doc, i), "problem": "；".join(problems)})


page_margins.FIELDS = frozenset({"text", "section", "problem"})
page_margins.OPTIONS = {"tolerance": Param("number", default=1.0, tunable=True, doc="容差（毫米）")}


# --- page number ----------------------------------------------------------------------------------

_PAGE_INSTR = fast(r"^\s*PAGE\b", re.I)
_GOOD_PAGE = fast(r"^[\s\u3000]*— ?\d* ?—[\s\u3000]*$")


def _page_field_runs(p_el) -> tuple[bool, list]:
    """(has a PAGE field, the w:r elements that show its result)."""
    found = False
    result_runs = []
    for fs in p_el.iter(W + "fldSimple"):
        if _PAGE_INSTR.match(fs.get(W + "instr", "")):
            found = True
            result_runs.extend(fs.iter(W + "r"))
    state = None  # None, "instr", "result"
    is_page = False
    for r in p_el.iter(W + "r"):
        fc = r.find(W + "fldChar")
        if fc is not None:
            t = fc.get(W + "fldCharType")
            if t == "begin":
                state, is_page = "instr", False
            elif t == "separate":
                state = "result"
            elif t == "end":
                state = None
            continue
        if state == "instr":
            it = r.find(W + "instrText")
            if it is not None and _PAGE_INSTR.match(it.text or ""):
                is_page = found = True
        elif state == "result" and is_page:
            result_runs.append(r)
    return found, result_runs


def page_number(doc, rule, options) -> Iterator[Hit]:
    """Page numbers: a PAGE field in the footer, shown as “— 1 —” in 4号 宋体."""
    styles = styles_of(doc)
    if styles is None:
        return
    any_field = False
    for p in doc.paragraphs:
        if p.scope != "footer" or p.element is None:
            continue
        has, result_runs = _page_field_runs(p.element)
        if not has:
            continue
        any_field = True
        problems = []
        if not _GOOD_PAGE.match(p.text):
            problems.append(f"页码写作“{p.text.strip()}”，应为“— 1 —”（数码左右各一条一字线）")
        runs = [r for r in p.runs if r.text.strip()]
        bad_size = {styles.run_value(p.element, r.element, "size").value for r in runs}
        bad_size = {s for s in bad_size if s is not None and abs(s - 14) > 0.25}
        if bad_size:
            problems.append("页码字号为" + "、".join(_size_label(s) for s in sorted(bad_size)) + "，应为14磅（四号）")
        result_ids = {id(r) for r in result_runs}
        digit_runs = [r for r in runs if any(c.isdigit() for c in r.text)
                      and (not result_ids or id(r.element) in result_ids)]
        fonts = {styles.run_value(p.element, r.element, "ascii").value for r in digit_runs}
        bad_font = sorted(f or "未指定" for f in fonts if family(f) != "宋体")
        if bad_font:
            problems.append("页码数字字体为“" + "、".join(bad_font) + "”，应为半角宋体")
        if problems:
            yield Hit(p, 0, len(p.text), None, {"problem": "；".join(problems)})
    if not any_field and doc.text_chars >= options["min_chars"]:
        yield Hit(None, 0, 0, None, {"problem": "页脚中没有页码域（PAGE），多页公文应标注页码“— 1 —”"})


page_number.FIELDS = frozenset({"text", "problem"})


page_number.OPTIONS = {
    "min_chars": Param("int", default=550, tunable=True, doc="达到这么多汉字（约一页：22行×28字）才要求页码"),
}
