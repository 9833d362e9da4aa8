"""Build .docx files from the ``docx:`` mapping of a rule example (and for the layout tests).

By default (``base: gbt9704``) the file conforms to GB/T 9704-2012, so that an example states
only the fault it is about:

- A4 paper, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
- style Normal: 仿宋_GB2312 3号 (16 pt), first-line indent 2 字, exact line spacing 28.95 pt
  (22 lines), justified; style Title: 方正小标宋简体 2号 (22 pt), centred, no indent;
- a plain-string paragraph that reads as a level-1 or level-2 heading (一、…, （一）…) gets the
  heading font 黑体 / 楷体 as direct run formatting; levels 3–4 stay 仿宋;
- a footer with the page number "— PAGE —" (a PAGE field) in 4号 宋体.

``base: plain`` starts from python-docx's own template instead (Letter paper, Calibri/theme
fonts) with no footer.

Keys (all optional; lengths in mm, sizes and spacing in pt, indents in 字):

``page``: {width, height, top, bottom, left, right, gutter}, overriding the base.
``defaults``: {font, ascii, size, theme} for ``w:docDefaults`` (``theme``: an eastAsiaTheme
  value such as ``minorEastAsia``); ``theme_fonts``: {minorEastAsia: 宋体, …} written into the
  theme part.
``styles``: {style name: {font, ascii, size, theme, bold, indent, indent_pt, line, line_multiple,
  align, based_on}}; a style that does not exist is created as a paragraph style.
``title``: text (Title style) or a paragraph mapping.
``paragraphs``: strings or mappings {text, style, font, ascii, size, bold, indent, indent_pt,
  hanging, line, line_multiple, align, runs: [{text, font, ascii, size, style}]}; paragraph-level
  font keys become direct run formatting on every run.
``header``: text. ``footer``: text, a mapping {text, font, ascii, size, align}, or null for no
  footer; ``{PAGE}`` in the text becomes a PAGE field (its result shows as 1).
``grid``: line pitch of the document grid in pt (``w:docGrid type="lines"``).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_ALIGN = {"left": "left", "center": "center", "centre": "center", "right": "right",
          "both": "both", "justify": "both"}

GBT9704_PAGE = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26,
                "gutter": 0}
GBT9704_STYLES = {
    "Normal": {"font": "仿宋_GB2312", "ascii": "Times New Roman", "size": 16, "indent": 2,
               "line": 28.95, "align": "both"},
    "Title": {"font": "方正小标宋简体", "ascii": "Times New Roman", "size": 22, "indent": 0,
              "align": "center", "line": 28.95},
}
GBT9704_FOOTER = {"text": "— {PAGE} —", "font": "宋体", "ascii": "宋体", "size": 14, "align": "center"}
_HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}


def _el(tag: str, **attrs):
    e = etree.Element(W + tag)
    for k, v in attrs.items():
        e.set(W + k, str(v))
    return e


def _child(parent, tag: str, first: bool = False):
    """The child ``tag`` of ``parent``, created (at the front when ``first``) if missing."""
    c = parent.find(W + tag)
    if c is None:
        c = _el(tag)
        if first:
            parent.insert(0, c)
        else:
            parent.append(c)
    return c


def _set_rpr(rpr, spec: dict) -> None:
    if any(k in spec for k in ("font", "ascii", "theme")):
        f = rpr.find(W + "rFonts")
        if f is None:
            f = _el("rFonts")
            rpr.insert(0, f)
        if spec.get("font"):
            f.set(W + "eastAsia", spec["font"])
            f.attrib.pop(W + "eastAsiaTheme", None)
        if spec.get("ascii"):
            for a in ("ascii", "hAnsi"):
                f.set(W + a, spec["ascii"])
                f.attrib.pop(W + a + "Theme", None)
        if spec.get("theme"):
            f.set(W + "eastAsiaTheme", spec["theme"])
    if "bold" in spec:
        b = _child(rpr, "b")
        b.set(W + "val", "1" if spec["bold"] else "0")
    if spec.get("size") is not None:
        for tag in ("sz", "szCs"):
            _child(rpr, tag).set(W + "val", str(int(round(spec["size"] * 2))))


def _set_ppr(ppr, spec: dict, size: float = 16) -> None:
    if "indent" in spec or "indent_pt" in spec or "hanging" in spec:
        ind = _child(ppr, "ind")
        for a in list(ind.attrib):
            if "firstLine" in a or "hanging" in a:
                del ind.attrib[a]
        if "hanging" in spec:
            ind.set(W + "hangingChars", str(int(spec["hanging"] * 100)))
        elif "indent_pt" in spec:
            ind.set(W + "firstLine", str(int(round(spec["indent_pt"] * 20))))
        else:
            ind.set(W + "firstLineChars", str(int(spec["indent"] * 100)))
            ind.set(W + "firstLine", str(int(round(spec["indent"] * size * 20))))
    if "line" in spec or "line_multiple" in spec:
        sp = _child(ppr, "spacing")
        if "line" in spec:
            sp.set(W + "line", str(int(round(spec["line"] * 20))))
            sp.set(W + "lineRule", "exact")
        else:
            sp.set(W + "line", str(int(round(spec["line_multiple"] * 240))))
            sp.set(W + "lineRule", "auto")
    if spec.get("align"):
        _child(ppr, "jc").set(W + "val", _ALIGN[spec["align"]])


def _style(d, name: str):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return d.styles[name]
    except KeyError:
        return d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


def _apply_style(d, name: str, spec: dict) -> None:
    st = _style(d, name)
    el = st.element
    if spec.get("based_on"):
        st.base_style = _style(d, spec["based_on"])
    ppr = el.find(W + "pPr")
    if ppr is None:
        ppr = _el("pPr")
        rpr_existing = el.find(W + "rPr")
        if rpr_existing is not None:
            rpr_existing.addprevious(ppr)
        else:
            el.append(ppr)
    _set_ppr(ppr, spec, spec.get("size") or 16)
    rpr = el.find(W + "rPr")
    if rpr is None:
        rpr = _el("rPr")
        el.append(rpr)
    _set_rpr(rpr, spec)


def _page(d, spec: dict) -> None:
    from docx.shared import Mm

    for section in d.sections:
        for key, attr in (("width", "page_width"), ("height", "page_height"), ("top", "top_margin"),
                          ("bottom", "bottom_margin"), ("left", "left_margin"),
                          ("right", "right_margin"), ("gutter", "gutter")):
            if key in spec:
                setattr(section, attr, Mm(spec[key]))


def _add_runs(p, runs: list[dict], para_spec: dict) -> None:
    for r in runs:
        run = p.add_run(r["text"])
        if r.get("style"):
            run.style = r["style"]
        merged = {k: para_spec[k] for k in ("font", "ascii", "size", "bold", "theme") if k in para_spec}
        merged.update({k: v for k, v in r.items() if k in ("font", "ascii", "size", "bold", "theme")})
        if merged:
            _set_rpr(run._r.get_or_add_rPr(), merged)


def _paragraph(d, spec, base: str) -> None:
    if isinstance(spec, str):
        spec = {"text": spec}
    style = spec.get("style")
    p = d.add_paragraph(style=style) if style else d.add_paragraph()
    runs = spec.get("runs") or [{"text": spec.get("text", "")}]
    if base == "gbt9704" and "font" not in spec and "runs" not in spec and not style:
        from lint.text.numbering import parse_marker

        text = spec.get("text", "")
        m = parse_marker(text)
        # the test of lint.model.document.classify for a heading line (not a run-in item)
        rest = text[m.end:].strip().rstrip("。") if m is not None else ""
        if (m is not None and m.level in _HEADING_FONTS and len(rest) <= 40
                and not re.search(r"[。！？；]", rest)):
            spec = {**spec, "font": _HEADING_FONTS[m.level]}
    _add_runs(p, runs, spec)
    ppr = p._p.get_or_add_pPr()
    _set_ppr(ppr, spec, spec.get("size") or 16)


def _field_runs(p, text: str, fmt: dict) -> None:
    """Runs for ``text`` with ``{PAGE}`` turned into a complex PAGE field showing 1."""
    before, sep, after = text.partition("{PAGE}")

    def run(el_children, show: str | None = None):
        r = p.add_run(show or "")
        if not show:
            for t in r._r.findall(W + "t"):
                r._r.remove(t)
        for c in el_children:
            r._r.append(c)
        _set_rpr(r._r.get_or_add_rPr(), fmt)
        return r

    if before:
        run([], before)
    if sep:
        run([_el("fldChar", fldCharType="begin")])
        instr = _el("instrText")
        instr.text = " PAGE "
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run([instr])
        run([_el("fldChar", fldCharType="separate")])
        run([], "1")
        run([_el("fldChar", fldCharType="end")])
    if after:
        run([], after)


def _footer(d, spec) -> None:
    if spec is None:
        return
    if isinstance(spec, str):
        spec = {"text": spec}
    footer = d.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    fmt = {k: spec[k] for k in ("font", "ascii", "size") if k in spec}
    _field_runs(p, spec.get("text", ""), fmt)
    if spec.get("align"):
        _child(p._p.get_or_add_pPr(), "jc").set(W + "val", _ALIGN[spec["align"]])


def _theme_fonts(d, fonts: dict) -> None:
    rel = next(r for r in d.part.rels.values() if r.reltype.endswith("/theme"))
    part = rel.target_part
    root = etree.fromstring(part.blob)
    for key, font in fonts.items():
        kind = "major" if key.startswith("major") else "minor"
        f = root.find(f".//{A}{kind}Font")
        tag = "ea" if key.endswith("EastAsia") else "latin"
        f.find(A + tag).set("typeface", font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _grid(d, pitch_pt: float) -> None:
    for section in d.sections:
        g = section._sectPr.find(W + "docGrid")
        if g is None:
            g = _el("docGrid")
            section._sectPr.append(g)
        g.set(W + "type", "lines")
        g.set(W + "linePitch", str(int(round(pitch_pt * 20))))


def build_document(spec: dict):
    """The python-docx Document described by ``spec`` (see the module docstring)."""
    import docx

    base = spec.get("base", "gbt9704")
    if base not in ("gbt9704", "plain"):
        raise ValueError(f"unknown docx base {base!r}")
    d = docx.Document()
    if base == "gbt9704":
        _page(d, GBT9704_PAGE)
        for name, st in GBT9704_STYLES.items():
            _apply_style(d, name, st)
        # python-docx's Title style has a bottom border and spacing; keep it a plain 公文 title.
        title = d.styles["Title"].element
        ppr = title.find(W + "pPr")
        for tag in ("pBdr", "contextualSpacing"):
            e = ppr.find(W + tag)
            if e is not None:
                ppr.remove(e)
        rpr = title.find(W + "rPr")
        for tag in ("color", "spacing", "kern"):
            e = rpr.find(W + tag)
            if e is not None:
                rpr.remove(e)
    if spec.get("page"):
        _page(d, spec["page"])
    if spec.get("grid"):
        _grid(d, spec["grid"])
    if spec.get("theme_fonts"):
        _theme_fonts(d, spec["theme_fonts"])
    if spec.get("defaults"):
        dd = d.styles.element.find(W + "docDefaults")
        rpr = dd.find(f"{W}rPrDefault/{W}rPr")
        _set_rpr(rpr, spec["defaults"])
    for name, st in (spec.get("styles") or {}).items():
        _apply_style(d, name, st)
    title = spec.get("title")
    if title:
        t = {"text": title} if isinstance(title, str) else dict(title)
        t.setdefault("style", "Title")
        _paragraph(d, t, base)
    for p in spec.get("paragraphs", []):
        _paragraph(d, p, base)
    if spec.get("header") is not None:
        d.sections[0].header.paragraphs[0].text = spec["header"]
    footer = spec.get("footer", GBT9704_FOOTER if base == "gbt9704" else None)
    _footer(d, footer)
    return d


def build(spec: dict, path: Path) -> Path:
    build_document(spec).save(path)
    return path
