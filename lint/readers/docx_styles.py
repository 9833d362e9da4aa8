"""Effective formatting of a .docx run or paragraph, resolved the way Word does.

A run's font and size come from the first level that sets them, in this order: direct formatting
on the run (``w:rPr``), its character style and that style's ``basedOn`` chain, the paragraph's
style and its ``basedOn`` chain, the document defaults (``w:docDefaults``), and finally Word's
built-in default (10 pt; no font name). At each level a theme font (``w:eastAsiaTheme``,
``w:asciiTheme``) takes precedence over the explicit name and is looked up in the theme part
(``a:majorFont``/``a:minorFont``: the ``a:ea`` typeface, else the ``a:font script="Hans"`` one).

Each resolved value keeps its :class:`Source`, so that a layout rule can report a fault once
per cause: a wrong font set in the "Normal" style is one fault of that style, not one per
paragraph. Paragraph properties (first-line indent, line spacing, alignment) are resolved the
same way through the paragraph style chain and ``w:pPrDefault``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"


@dataclass(frozen=True)
class Source:
    """Where a value was set: ``run`` (direct formatting), ``paragraph`` (direct paragraph
    formatting), ``character-style``, ``paragraph-style``, ``defaults`` or ``builtin``."""

    kind: str
    style: str | None = None  # the style's display name for the style kinds

    @property
    def label(self) -> str:
        if self.kind in ("run", "paragraph"):
            return "直接设置的格式"
        if self.kind == "character-style":
            return f"字符样式“{self.style}”"
        if self.kind == "paragraph-style":
            return f"段落样式“{self.style}”"
        if self.kind == "defaults":
            return "文档默认格式"
        return "Word 内置默认值"

    @property
    def is_direct(self) -> bool:
        return self.kind in ("run", "paragraph")


@dataclass(frozen=True)
class Value:
    value: Any
    source: Source


BUILTIN = Source("builtin")


def _on(el) -> bool:
    return el.get(W + "val", "true") not in ("0", "false", "off")


class Styles:
    """The style sheet of one python-docx Document, with cached resolution."""

    def __init__(self, d):
        self.doc = d
        root = d.styles.element
        self._styles: dict[str, Any] = {}
        self._names: dict[str, str] = {}
        self.default_paragraph_style: str | None = None
        self.default_character_style: str | None = None
        try:
            from docx.styles import BabelFish
            ui = BabelFish.internal2ui
        except Exception:  # pragma: no cover - python-docx always has it
            ui = lambda s: s  # noqa: E731
        for s in root.iterchildren(W + "style"):
            sid = s.get(W + "styleId")
            if not sid:
                continue
            self._styles[sid] = s
            n = s.find(W + "name")
            self._names[sid] = ui(n.get(W + "val")) if n is not None else sid
            if s.get(W + "default") in ("1", "true", "on"):
                if s.get(W + "type") == "paragraph":
                    self.default_paragraph_style = sid
                elif s.get(W + "type") == "character":
                    self.default_character_style = sid
        dd = root.find(W + "docDefaults")
        self._default_rpr = dd.find(f"{W}rPrDefault/{W}rPr") if dd is not None else None
        self._default_ppr = dd.find(f"{W}pPrDefault/{W}pPr") if dd is not None else None
        self.theme = _theme_fonts(d)
        self._cache: dict[tuple, Any] = {}

    # --- styles ---------------------------------------------------------------------------------

    def name(self, style_id: str | None) -> str | None:
        return self._names.get(style_id, style_id) if style_id else None

    def chain(self, style_id: str | None) -> list[tuple[str, Any]]:
        """The style and its ``basedOn`` ancestors, nearest first (cycles are cut)."""
        out, seen = [], set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            el = self._styles[style_id]
            out.append((style_id, el))
            b = el.find(W + "basedOn")
            style_id = b.get(W + "val") if b is not None else None
        return out

    def paragraph_style_id(self, p_el) -> str | None:
        ps = p_el.find(f"{W}pPr/{W}pStyle")
        if ps is not None and ps.get(W + "val") in self._styles:
            return ps.get(W + "val")
        return self.default_paragraph_style

    # --- run properties ---------------------------------------------------------------------------

    def _rpr_value(self, rpr, prop: str):
        """The value ``prop`` (east_asia, ascii, size, bold) set in one w:rPr, or None."""
        if rpr is None:
            return None
        if prop in ("east_asia", "ascii"):
            f = rpr.find(W + "rFonts")
            if f is None:
                return None
            theme_attr, attr = (("eastAsiaTheme", "eastAsia") if prop == "east_asia"
                                else ("asciiTheme", "ascii"))
            t = f.get(W + theme_attr)
            if t:
                font = self.theme.get(t)
                if font:
                    return font
            return f.get(W + attr) or None
        if prop == "size":
            sz = rpr.find(W + "sz")
            if sz is not None:
                try:
                    return int(sz.get(W + "val")) / 2
                except (TypeError, ValueError):
                    return None
            return None
        if prop == "bold":
            b = rpr.find(W + "b")
            return _on(b) if b is not None else None
        raise KeyError(prop)

    def _style_value(self, style_id: str | None, prop: str, kind: str) -> Value | None:
        key = ("s", style_id, prop, kind)
        if key in self._cache:
            return self._cache[key]
        found = None
        for sid, el in self.chain(style_id):
            v = self._rpr_value(el.find(W + "rPr"), prop)
            if v is not None:
                # The style that sets the value (maybe a base of the applied one) is the cause.
                name = self.name(sid)
                found = Value(v, Source(kind, name))
                break
        self._cache[key] = found
        return found

    def run_value(self, p_el, r_el, prop: str) -> Value:
        """The effective ``prop`` of run ``r_el`` in paragraph ``p_el``, with its source."""
        if r_el is not None:
            rpr = r_el.find(W + "rPr")
            v = self._rpr_value(rpr, prop)
            if v is not None:
                return Value(v, Source("run"))
            if rpr is not None:
                rs = rpr.find(W + "rStyle")
                if rs is not None:
                    sv = self._style_value(rs.get(W + "val"), prop, "character-style")
                    if sv is not None:
                        return sv
        return self.paragraph_run_value(p_el, prop)

    def paragraph_run_value(self, p_el, prop: str) -> Value:
        """``prop`` for a run without direct formatting in paragraph ``p_el``."""
        sv = self._style_value(self.paragraph_style_id(p_el), prop, "paragraph-style")
        if sv is not None:
            return sv
        v = self._rpr_value(self._default_rpr, prop)
        if v is not None:
            return Value(v, Source("defaults"))
        if prop == "size":
            return Value(10.0, BUILTIN)
        return Value(None, BUILTIN)

    # --- paragraph properties ---------------------------------------------------------------------

    def _ppr_group(self, ppr, group: str):
        if ppr is None:
            return None
        if group == "indent":
            ind = ppr.find(W + "ind")
            if ind is None:
                return None
            vals = {}
            for a in ("firstLine", "firstLineChars", "hanging", "hangingChars"):
                v = ind.get(W + a)
                if v is not None:
                    try:
                        vals[a] = int(v)
                    except ValueError:
                        pass
            return vals or None
        if group == "spacing":
            sp = ppr.find(W + "spacing")
            if sp is None or sp.get(W + "line") is None:
                return None
            try:
                return (int(sp.get(W + "line")), sp.get(W + "lineRule") or "auto")
            except ValueError:
                return None
        if group == "jc":
            jc = ppr.find(W + "jc")
            return jc.get(W + "val") if jc is not None else None
        if group == "snap":
            s = ppr.find(W + "snapToGrid")
            return _on(s) if s is not None else None
        raise KeyError(group)

    def paragraph_value(self, p_el, group: str) -> Value:
        """``indent`` ({firstLine, firstLineChars, hanging, hangingChars} in twips / 1/100 字),
        ``spacing`` ((line, lineRule)), ``jc`` or ``snap`` of a paragraph, with its source."""
        v = self._ppr_group(p_el.find(W + "pPr"), group)
        if v is not None:
            return Value(v, Source("paragraph"))
        sid = self.paragraph_style_id(p_el)
        key = ("p", sid, group)
        if key not in self._cache:
            found = None
            for s, el in self.chain(sid):
                v = self._ppr_group(el.find(W + "pPr"), group)
                if v is not None:
                    found = Value(v, Source("paragraph-style", self.name(s)))
                    break
            if found is None:
                v = self._ppr_group(self._default_ppr, group)
                found = Value(v, Source("defaults") if v is not None else BUILTIN)
            self._cache[key] = found
        return self._cache[key]


def _theme_fonts(d) -> dict[str, str]:
    """Theme font names by the ``w:*Theme`` attribute values that refer to them."""
    out: dict[str, str] = {}
    try:
        from lxml import etree

        part = next((r.target_part for r in d.part.rels.values()
                     if r.reltype == _THEME_REL and not r.is_external), None)
        if part is None:
            return out
        root = etree.fromstring(part.blob)
    except Exception:  # a damaged theme part only loses the theme fonts
        return out
    for kind in ("major", "minor"):
        f = root.find(f".//{A}{kind}Font")
        if f is None:
            continue
        latin = f.find(A + "latin")
        ea = f.find(A + "ea")
        hans = next((x.get("typeface") for x in f.iterchildren(A + "font") if x.get("script") == "Hans"), None)
        east = (ea.get("typeface") if ea is not None else "") or hans or ""
        if latin is not None and latin.get("typeface"):
            out[f"{kind}HAnsi"] = out[f"{kind}Ascii"] = latin.get("typeface")
        if east:
            out[f"{kind}EastAsia"] = east
    return out


def styles_of(doc) -> Styles | None:
    """The (cached) :class:`Styles` of a gwlint Document read from .docx, else None."""
    if doc.docx is None:
        return None
    s = doc.meta.get("_styles")
    if s is None:
        s = doc.meta["_styles"] = Styles(doc.docx)
    return s


# --- font families -----------------------------------------------------------------------------

_ALIASES = {
    "simsun": "宋体", "nsimsun": "新宋体", "simhei": "黑体", "fangsong": "仿宋",
    "fangsong_gb2312": "仿宋_GB2312", "kaiti": "楷体", "kaiti_gb2312": "楷体_GB2312",
    "stfangsong": "华文仿宋", "stkaiti": "华文楷体", "stsong": "华文宋体", "stzhongsong": "华文中宋",
    "stheiti": "华文黑体", "microsoft yahei": "微软雅黑", "dengxian": "等线",
    "fzxiaobiaosong-b05s": "方正小标宋简体", "fzxbsjw--gb1-0": "方正小标宋简体",
    "fzfangsong-z02s": "方正仿宋简体", "fzkai-z03s": "方正楷体简体", "fzhei-b01s": "方正黑体简体",
}


def canonical(font: str | None) -> str:
    """A font name in its Chinese form (SimSun → 宋体), stripped."""
    if not font:
        return ""
    f = font.strip()
    return _ALIASES.get(f.lower(), f)


def family(font: str | None) -> str | None:
    """The 公文 family of a font: 小标宋, 仿宋, 楷体, 黑体, 宋体, or None (another family)."""
    f = canonical(font)
    if not f:
        return None
    if "小标宋" in f or f in ("华文中宋",):
        return "小标宋"
    if "仿宋" in f:
        return "仿宋"
    if "楷" in f:
        return "楷体"
    if "黑" in f:
        return "黑体"
    if "宋" in f:
        return "宋体"
    return None
