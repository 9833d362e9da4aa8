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
_HAN = fast(r"[\u3400-\u9fff]")


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


def _body_paragraphs(doc, styles):
    for p in doc.iter(("body",)):
        if _SKIP_BODY.search(p.text) or _is_centred(styles, p):
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


# --- 成文日期 ------------------------------------------------------------------------------------

_CN_NUM = "〇○零一二三四五六七八九十OＯ"
_DATE_LINE = fast(
    rf"^[\s\u3000]*(?:(?P<y>\d{{2,4}}|[{_CN_NUM}]{{2,4}})年)?(?P<m>\d{{1,2}}|[{_CN_NUM}]{{1,3}})月"
    rf"(?:(?P<d>\d{{1,2}}|[{_CN_NUM}]{{1,3}})日)?[\s\u3000]*$")


def _date_line(doc):
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


def addressee_colon(doc, rule, options) -> Iterator[Hit]:
    """主送机关: the line after the title ends with a full-width colon."""
    seen_title = False
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
