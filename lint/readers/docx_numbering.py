"""Word's automatic numbering, rendered into the numbers the reader sees.

A paragraph numbered by Word carries ``w:numPr`` (``w:numId`` and ``w:ilvl``), directly or through
its paragraph style; ``numbering.xml`` maps the ``w:num`` to a ``w:abstractNum`` whose ``w:lvl``
elements give each level's start, number format (``decimal``, ``chineseCounting``,
``decimalEnclosedCircle``…) and text (``%1、``, ``（%2）``, ``%1.%2``), and a ``w:num`` may override
a level (``w:lvlOverride`` with ``w:startOverride`` or a whole ``w:lvl``), which restarts the list.
Counters are kept per abstract list, so two ``w:num`` that share one ``w:abstractNum`` without an
override run on; a level restarts after any higher level (unless ``w:lvlRestart`` says otherwise).

``number_paragraphs`` sets ``paragraph.numbering`` to the rendered label (一、, （二）, 3.) and, when
the text itself starts with no number, gives the paragraph the marker that label reads as, with
an empty span at the start of the text: the outline and the structure rules then see what the
reader sees, while offsets into the text stay those of the source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..text.chinese import int_to_cn
from ..text.numbering import CIRCLED, parse_marker

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this level (0-based); None: after any higher one


def _int(el, default: int) -> int:
    try:
        return int(el.get(W + "val"))
    except (TypeError, ValueError, AttributeError):
        return default


def _level(lvl, base: _Level | None = None) -> _Level:
    out = replace(base) if base is not None else _Level()
    st = lvl.find(W + "start")
    if st is not None:
        out.start = _int(st, 1)
    f = lvl.find(W + "numFmt")
    if f is not None:
        out.fmt = f.get(W + "val") or "decimal"
    t = lvl.find(W + "lvlText")
    if t is not None:
        out.text = t.get(W + "val") or ""
    r = lvl.find(W + "lvlRestart")
    if r is not None:
        out.restart = _int(r, 0) - 1
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "chineseLegalSimplified"):
        return int_to_cn(n) if 0 <= n < 100 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Numbering:
    def __init__(self, root, styles_root):
        self.abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            self.abstract[aid] = {_int_attr(lv, "ilvl"): _level(lv) for lv in an.iter(W + "lvl")}
        self.nums: dict[str, tuple[str, dict[int, _Level], set[int]]] = {}
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            an = num.find(W + "abstractNumId")
            if nid is None or an is None:
                continue
            aid = an.get(W + "val")
            levels = dict(self.abstract.get(aid, {}))
            restarts: set[int] = set()
            for ov in num.iter(W + "lvlOverride"):
                il = _int_attr(ov, "ilvl")
                lv = ov.find(W + "lvl")
                if lv is not None:
                    levels[il] = _level(lv, levels.get(il))
                so = ov.find(W + "startOverride")
                if so is not None:
                    levels[il] = replace(levels.get(il, _Level()), start=_int(so, 1))
                    restarts.add(il)
            self.nums[nid] = (aid, levels, restarts)
        self.style_num: dict[str, tuple[str | None, int]] = {}
        based: dict[str, str] = {}
        for s in styles_root.iter(W + "style"):
            sid = s.get(W + "styleId")
            b = s.find(W + "basedOn")
            if b is not None:
                based[sid] = b.get(W + "val")
            np_ = s.find(f"{W}pPr/{W}numPr")
            if np_ is not None:
                nid = np_.find(W + "numId")
                il = np_.find(W + "ilvl")
                self.style_num[sid] = (nid.get(W + "val") if nid is not None else None, _int(il, 0))
        self.based = based
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()

    def of_style(self, sid: str | None) -> tuple[str | None, int] | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.style_num:
                return self.style_num[sid]
            sid = self.based.get(sid)
        return None

    def label(self, p_el) -> str | None:
        ppr = p_el.find(W + "pPr")
        nid, ilvl = None, 0
        style = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            style = ps.get(W + "val") if ps is not None else None
            np_ = ppr.find(W + "numPr")
            if np_ is not None:
                n = np_.find(W + "numId")
                nid = n.get(W + "val") if n is not None else None
                ilvl = _int(np_.find(W + "ilvl"), 0)
                if nid is None or np_.find(W + "ilvl") is None:
                    inherited = self.of_style(style)
                    if inherited is not None:
                        nid = nid or inherited[0]
                        if np_.find(W + "ilvl") is None:
                            ilvl = inherited[1]
        if nid is None:
            inherited = self.of_style(style)
            if inherited is None:
                return None
            nid, ilvl = inherited
        if nid in (None, "0") or nid not in self.nums:
            return None
        aid, levels, restarts = self.nums[nid]
        lv = levels.get(ilvl)
        if lv is None or lv.fmt in ("bullet", "none"):
            return None
        cnt = self.counters.setdefault(aid, [0] * 10)
        if nid not in self.started:
            self.started.add(nid)
            for il in restarts:  # a startOverride restarts the list where this num is first used
                if il < len(cnt):
                    cnt[il] = 0
        ilvl = max(0, min(ilvl, 9))
        cnt[ilvl] = cnt[ilvl] + 1 if cnt[ilvl] else lv.start
        for k in range(ilvl + 1, 10):
            deeper = levels.get(k)
            if deeper is None or deeper.restart is None or deeper.restart >= ilvl:
                cnt[k] = 0
        text = lv.text
        for k in range(ilvl + 1):
            lk = levels.get(k, _Level())
            text = text.replace(f"%{k + 1}", _format(cnt[k] or lk.start, lk.fmt))
        return text


def _int_attr(el, name: str) -> int:
    try:
        return int(el.get(W + name))
    except (TypeError, ValueError):
        return 0


def number_paragraphs(d, paragraphs) -> None:
    """Render Word's automatic numbers of the body paragraphs (see the module docstring)."""
    try:
        part = d.part.numbering_part
    except Exception:  # no numbering part: nothing is numbered automatically
        return
    num = _Numbering(part.element, d.styles.element)
    for p in paragraphs:
        if p.scope not in ("body", "table") or p.element is None:
            continue
        label = num.label(p.element)
        if not label:
            continue
        p.numbering = label
        if parse_marker(p.text) is not None:
            continue
        mk = parse_marker(label + "甲")
        if mk is not None:
            p.__dict__["marker"] = replace(mk, start=0, end=0, text=label)
