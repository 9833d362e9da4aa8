"""格式关: GB/T 9704-2012 layout of a .docx (page, fonts, indent, line spacing, page number, the
成文日期 line) and the lines whose form the standard fixes (主送机关, 附件说明, 抄送).

The layout checks read the python-docx Document (``doc.docx``) and resolve each run's effective
formatting with :mod:`lint.readers.docx_styles`; on a text draft (no layout) they yield nothing. Faults are
reported once per cause: runs whose wrong value comes from the same style (or the same direct
value) make one finding, placed on the first of them, with the number of places affected.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Iterator

from ..text.chinese import HAN
from ..analysis.structure import structure
from ..model.document import han_count
from ..model.finding import Hit
from ..engine.kinds import Param
from ..readers.docx_styles import Source, Value, W, family, styles_of
from ..text.fastregex import fast

EMU_PER_MM = 36000

# --- helpers ----------------------------------------------------------------------------------


def _fmt_mm(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _fmt_pt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


_HAO = {42: "初号", 36: "小初", 26: "一号", 24: "小一", 22: "二号", 18: "小二", 16: "三号",
        15: "小三", 14: "四号", 12: "小四", 10.5: "五号", 9: "小五"}


def _size_label(pt: float) -> str:
    name = _HAO.get(pt)
    return f"{_fmt_pt(pt)}磅（{name}）" if name else f"{_fmt_pt(pt)}磅"


@dataclass
class _Group:
    para: object
    start: int
    end: int
    problem: str
    found: str
    expected: str
    source: Source
    count: int = 1
    paras: set = field(default_factory=set)


class _Causes:
    """Faults grouped by cause (property, source, found value); one hit per anchor."""

    def __init__(self):
        self.groups: dict[tuple, _Group] = {}

    def add(self, prop: str, value: Value, found: str, expected: str, problem: str, para,
            start: int, end: int) -> None:
        src = value.source
        key = (prop, src.kind, src.style, found)
        g = self.groups.get(key)
        if g is None:
            g = self.groups[key] = _Group(para, start, end, problem, found, expected, src)
        g.paras.add(id(para))

    def hits(self, element: str) -> Iterator[Hit]:
        by_anchor: dict[tuple, list[_Group]] = {}
        for g in self.groups.values():
            by_anchor.setdefault((id(g.para), g.start, g.end), []).append(g)
        for groups in by_anchor.values():
            first = groups[0]
            problems, founds, expecteds, sources = [], [], [], []
            for g in groups:
                n = len(g.paras)
                where = f"，共{n}段" if n > 1 else ""
                problems.append(f"{g.problem}为{g.found}（来自{g.source.label}{where}），应为{g.expected}")
                founds.append(g.found)
                expecteds.append(g.expected)
                sources.append(g.source.label)
            yield Hit(first.para, first.start, first.end, None,
                      {"element": element, "problem": "；".join(problems),
                       "found": "、".join(founds), "expected": "、".join(expecteds),
                       "source": "、".join(dict.fromkeys(sources)),
                       "count": max(len(g.paras) for g in groups)})


_FIELDS = frozenset({"text", "element", "problem", "found", "expected", "source", "count"})
_HAN = fast(rf"[{HAN}]")


def _han_runs(p):
    for r in p.runs:
        if r.element is not None and _HAN.search(r.text):
            yield r


def _is_centred(styles, p) -> bool:
    """Centred lines (an attachment's title, a speaker's name) are not body text; right-aligned
    ones (署名, 成文日期) are, in 3号仿宋 like the rest."""
    jc = styles.paragraph_value(p.element, "jc").value
    return jc in ("center", "distribute")


# 版记 lines (4号), the 附件 label on an attachment page (黑体), 附注 in brackets.
_SKIP_BODY = fast(r"^[\s\u3000]*(抄送|印发|主题词|附件\d*[\s\u3000]*$)|印发[\s\u3000]*$")


# --- fonts --------------------------------------------------------------------------------------

_EXPECT = {"小标宋": "方正小标宋简体（小标宋）", "仿宋": "仿宋_GB2312（仿宋）", "黑体": "黑体",
           "楷体": "楷体_GB2312（楷体）", "宋体": "宋体"}


def _check_runs(styles, causes: _Causes, p, runs, want_family: str, want_size: float) -> None:
    for r in runs:
        ea = styles.run_value(p.element, r.element, "east_asia")
        if family(ea.value) != want_family:
            found = f"“{ea.value}”" if ea.value else "未指定中文字体"
            causes.add("font", ea, found, _EXPECT[want_family], "中文字体", p, r.start, r.end)
        sz = styles.run_value(p.element, r.element, "size")
        if sz.value is not None and abs(sz.value - want_size) > 0.25:
            causes.add("size", sz, _size_label(sz.value), _size_label(want_size), "字号", p, r.start, r.end)


def _title_paragraphs(doc):
    for p in doc.iter(("title",)):
        if not p.text.strip().startswith(("—", "-")):
            yield p


def title_font(doc, rule, options) -> Iterator[Hit]:
    """标题: 2号 (22 pt) 方正小标宋简体."""
    styles = styles_of(doc)
    if styles is None:
        return
    causes = _Causes()
    for p in _title_paragraphs(doc):
        _check_runs(styles, causes, p, _han_runs(p), "小标宋", 22)
    yield from causes.hits("标题")


title_font.FIELDS = _FIELDS


def _lead_end(p) -> int:
    """End of the run-in heading of a numbered body paragraph (its first sentence)."""
    m = re.search(r"[。！？]", p.text)
    return m.end() if m else len(p.text)


# Parts that are not running text, whatever their font: their lines stand apart (GB/T 9704 7.2,
# 7.3.5, 7.4): a right-aligned 署名 or 成文日期 has no first-line indent.
_NOT_RUNNING = ("份号", "密级和保密期限", "紧急程度", "发文机关标志", "发文字号", "签发人", "题注", "讲话时间",
                "讲话人", "发文机关署名", "成文日期", "附注", "抄送机关", "印发机关和印发日期")


def _body_paragraphs(doc, styles):
    s = structure(doc)
    titles = {i for a in s.attachments for i in a.title}  # an attachment's own title
    for p in doc.iter(("body",)):
        if (_SKIP_BODY.search(p.text) or _is_centred(styles, p) or s.name_of(p.index) in _NOT_RUNNING
                or p.index in titles):
            continue
        yield p


def body_font(doc, rule, options) -> Iterator[Hit]:
    """正文: 3号 (16 pt) 仿宋."""
    styles = styles_of(doc)
    if styles is None:
        return
    causes = _Causes()
    for p in _body_paragraphs(doc, styles):
        runs = list(_han_runs(p))
        if p.level in (1, 2):  # a run-in heading (（一）压实责任。……) has its own font
            lead = _lead_end(p)
            runs = [r for r in runs if r.start >= lead]
        _check_runs(styles, causes, p, runs, "仿宋", 16)
    yield from causes.hits("正文")


body_font.FIELDS = _FIELDS

_HEADING_FAMILY = {1: "黑体", 2: "楷体", 3: "仿宋", 4: "仿宋"}
_LEVEL_NAME = {1: "一级标题（一、）", 2: "二级标题（（一））", 3: "三级标题（1.）", 4: "四级标题（（1））"}


def heading_font(doc, rule, options) -> Iterator[Hit]:
    """层次标题: level 1 黑体, level 2 楷体, levels 3–4 仿宋; all 3号."""
    styles = styles_of(doc)
    if styles is None:
        return
    per_level: dict[int, _Causes] = {}
    for p in doc.iter(("heading",)):
        lvl = p.level
        if lvl not in _HEADING_FAMILY:
            continue
        causes = per_level.setdefault(lvl, _Causes())
        _check_runs(styles, causes, p, _han_runs(p), _HEADING_FAMILY[lvl], 16)
    for lvl in sorted(per_level):
        yield from per_level[lvl].hits(_LEVEL_NAME[lvl])


heading_font.FIELDS = _FIELDS


# --- indent and line spacing --------------------------------------------------------------------

_LEADING = fast(r"^([\u3000]+| {2,})")


def _text_paragraphs(doc, styles):
    """Body paragraphs of running text (at least 10 characters; not 主送 or salutation lines)."""
    for p in _body_paragraphs(doc, styles):
        t = p.text.strip()
        if han_count(t) < 10 or t.endswith(("：", ":")):
            continue
        yield p


def _indent_chars(styles, p) -> tuple[float | None, Value]:
    """First-line indent in 字 (negative: hanging), counting leading full-width spaces."""
    v = styles.paragraph_value(p.element, "indent")
    ind = v.value or {}
    size = 16.0
    if p.runs:
        s = styles.run_value(p.element, p.runs[0].element, "size").value
        size = s or 16.0
    if "hangingChars" in ind and ind["hangingChars"]:
        chars = -ind["hangingChars"] / 100
    elif "hanging" in ind and ind["hanging"]:
        chars = -ind["hanging"] / 20 / size
    elif "firstLineChars" in ind:
        chars = ind["firstLineChars"] / 100
    elif "firstLine" in ind:
        chars = ind["firstLine"] / 20 / size
    else:
        chars = 0.0
    m = _LEADING.match(p.text)
    if m:
        lead = m.group(1)
        chars += len(lead) if lead[0] == "\u3000" else len(lead) / 2
    return chars, v


def first_line_indent(doc, rule, options) -> Iterator[Hit]:
    """Each body paragraph starts indented two 字."""
    styles = styles_of(doc)
    if styles is None:
        return
    causes = _Causes()
    for p in _text_paragraphs(doc, styles):
        chars, v = _indent_chars(styles, p)
        if 1.75 <= chars <= 2.25:
            continue
        if chars < 0:
            found = f"负{_fmt_pt(-chars)}字（悬挂缩进）"
        elif chars < 0.25:
            found = "0字（未设置首行缩进）"
        else:
            found = f"{_fmt_pt(round(chars, 1))}字"
        if _LEADING.match(p.text) and v.value:
            found += "（段首的空格与段落缩进重复）"
        causes.add("indent", v, found, "2字", "首行缩进", p, 0, min(len(p.text), 10))
    yield from causes.hits("正文")


first_line_indent.FIELDS = _FIELDS


def _line_height(styles, p, grid: float | None) -> tuple[float | None, Value, str]:
    """(height of one line in pt, source, description) of a paragraph."""
    v = styles.paragraph_value(p.element, "spacing")
    size = 16.0
    if p.runs:
        size = styles.run_value(p.element, p.runs[0].element, "size").value or 16.0
    natural = size * 1.3
    if v.value is None:
        line, rule_ = 240, "auto"
    else:
        line, rule_ = v.value
    snap = styles.paragraph_value(p.element, "snap").value
    on_grid = grid and snap is not False
    if rule_ == "exact":
        return line / 20, v, f"固定值{_fmt_pt(line / 20)}磅"
    if rule_ == "atLeast":
        h = max(line / 20, natural)
        return h, v, f"最小值{_fmt_pt(line / 20)}磅"
    mult = line / 240
    desc = "单倍行距" if line == 240 else f"{_fmt_pt(mult)}倍行距"
    if on_grid:
        return math.ceil(natural / grid - 1e-6) * grid * mult, v, desc + f"（网格{_fmt_pt(grid)}磅）"
    return natural * mult, v, desc


def _grid_pitch(section) -> float | None:
    g = section._sectPr.find(W + "docGrid")
    if g is None or g.get(W + "type") not in ("lines", "linesAndChars", "snapToChars"):
        return None
    try:
        return int(g.get(W + "linePitch")) / 20
    except (TypeError, ValueError):
        return None


def line_spacing(doc, rule, options) -> Iterator[Hit]:
    """About 22 lines in the 225 mm 版心 (common practice, fixed ~28–29 pt)."""
    styles = styles_of(doc)
    if styles is None or not doc.docx.sections:
        return
    s = doc.docx.sections[0]
    try:
        height_pt = (s.page_height - s.top_margin - s.bottom_margin) / 12700
    except TypeError:
        return
    grid = _grid_pitch(s)
    lo, hi = options["min_lines"], options["max_lines"]
    causes = _Causes()
    for p in _text_paragraphs(doc, styles):
        h, v, desc = _line_height(styles, p, grid)
        if not h:
            continue
        lines = int(height_pt // h)
        if lo <= lines <= hi:
            continue
        causes.add("spacing", v, f"{desc}，每页约{lines}行", "每页22行左右（固定值约28.9磅）",
                   "行距", p, 0, min(len(p.text), 10))
    yield from causes.hits("正文")


line_spacing.FIELDS = _FIELDS


line_spacing.OPTIONS = {
    "min_lines": Param("int", default=21, tunable=True, doc="每页行数的下限"),
    "max_lines": Param("int", default=23, tunable=True, doc="每页行数的上限"),
}
