"""Word's automatic numbering, rendered into the numbers the reader sees.

A paragraph numbered by Word carries ``w:numPr`` (``w:numId`` and ``w:ilvl``), directly or through
its paragraph style; ``numbering.xml`` maps the ``w:num`` to a ``w:abstractNum`` whose ``w:lvl``
elements give each level's start, number format (``decimal``, ``chineseCounting``,
``chineseCountingThousand``, ``ideographTraditional`` 甲乙丙, ``ideographZodiac`` 子丑寅,
``upperRoman``, ``decimalEnclosedCircle``…) and text (``%1、``, ``（%2）``, ``%1.%2``; with
``w:isLgl`` every number of the text in decimal), and a ``w:num`` may override
a level (``w:lvlOverride`` with ``w:startOverride`` or a whole ``w:lvl``), which restarts the list.
An abstract list that names a numbering style (``w:numStyleLink``) takes its levels from the
abstract list that defines the style (``w:styleLink``), reached through the style's ``w:numId``.
Counters are kept per (resolved) abstract list, so two ``w:num`` that share one ``w:abstractNum`` without an
override run on; a level restarts after any higher level (unless ``w:lvlRestart`` says otherwise).

``number_paragraphs`` sets ``paragraph.numbering`` to the rendered label (一、, （二）, 3.) and, when
the text itself starts with no number, gives the paragraph the marker that label reads as, with
an empty span at the start of the text: the outline and the structure rules then see what the
reader sees, while offsets into the text stay those of the source.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..text.chinese import int_to_cn, int_to_cn_positional
from ..text.numbering import CIRCLED, parse_marker

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this level (0-based); None: after any higher one
    legal: bool = False  # w:isLgl: every number in this level's text drawn in decimal (1.1, 第2.3条)


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
    lg = lvl.find(W + "isLgl")
    if lg is not None:
        out.legal = lg.get(W + "val", "true") not in ("0", "false", "off")
    return out


_STEMS = "甲乙丙丁戊己庚辛壬癸"  # ideographTraditional: the ten heavenly stems
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"  # ideographZodiac: the twelve earthly branches
_LEGAL = str.maketrans("〇一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟")
_LEGAL_TRADITIONAL = str.maketrans("〇一二三四五六七八九十百千", "零壹貳參肆伍陸柒捌玖拾佰仟")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _circled(n: int) -> str:
    """①…⑳; past 20 the plain number (ECMA-376 17.18.59: the set ends at 20, then decimal)."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)


def _legal(n: int, table) -> str:
    """壹贰叁: the units are always written with their digit (壹拾, 壹佰壹拾)."""
    cn = int_to_cn_positional(n)
    if cn.startswith("十"):
        cn = "一" + cn
    return cn.replace("零十", "零一十").translate(table)


def _counting(n: int) -> str:
    """chineseCounting: 一…九十九, then digit by digit (一〇〇) as Word writes it."""
    return int_to_cn(n) if 0 <= n < 100 else "".join("〇一二三四五六七八九"[int(c)] for c in str(n))


def _format(n: int, fmt: str) -> str:
    """``n`` in the ``w:numFmt`` ``fmt`` (ECMA-376 17.18.59); a format not drawn here as a number."""
    if n < 0:
        return str(n)
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting"):
        return _counting(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return int_to_cn_positional(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "koreanDigital2"):
        return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))
    if fmt == "chineseLegalSimplified":
        return _legal(n, _LEGAL)
    if fmt == "ideographLegalTraditional":
        return _legal(n, _LEGAL_TRADITIONAL)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n >= 1 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n >= 1 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _circled(n)
    if fmt == "ideographEnclosedCircle":
        return chr(0x3280 + n - 1) if 1 <= n <= 10 else _counting(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(_FULLWIDTH)
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n) if 1 <= n <= 3999 else str(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: a…z, aa…zz, aaa…
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n >= 1 else str(n)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, ordinal, cardinalText, hex… drawn as the number


class _Numbering:
    def __init__(self, root, styles_root):
        self.abstract: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}  # abstractNumId -> numbering style it takes its levels from
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            self.abstract[aid] = {_int_attr(lv, "ilvl"): _level(lv) for lv in an.iter(W + "lvl")}
            link = an.find(W + "numStyleLink")
            if link is not None and link.get(W + "val"):
                links[aid] = link.get(W + "val")
        num_abstract = {num.get(W + "numId"): num.find(W + "abstractNumId").get(W + "val")
                        for num in root.iter(W + "num") if num.find(W + "abstractNumId") is not None}
        style_numid = {}
        for st in styles_root.iter(W + "style"):
            n = st.find(f"{W}pPr/{W}numPr/{W}numId")
            if n is not None:
                style_numid[st.get(W + "styleId")] = n.get(W + "val")

        def resolve(aid: str) -> str:
            """A list that names a numbering style (w:numStyleLink) takes the levels of the
            abstract list that defines the style (w:styleLink), through the style's w:numId."""
            seen = set()
            while aid in links and aid not in seen:
                seen.add(aid)
                target = num_abstract.get(style_numid.get(links[aid]))
                if target is None:
                    break
                aid = target
            return aid

        self.nums: dict[str, tuple[str, dict[int, _Level], set[int]]] = {}
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            an = num.find(W + "abstractNumId")
            if nid is None or an is None:
                continue
            aid = resolve(an.get(W + "val"))
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
            fmt = "decimal" if lv.legal and lk.fmt not in ("none", "bullet") else lk.fmt
            text = text.replace(f"%{k + 1}", _format(cnt[k] or lk.start, fmt))
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
