"""Tables whose figures disagree (FC029): a total row (合计, 小计, 全县…) that is not the sum of
the rows it totals, and a rate (修复率, 占比…) that does not follow the rule the table's other
rows follow (已修复÷受损数量).

A table is a Word table, or in a text draft a run of three or more lines cut into the same number
(three or more) of cells by tabs, ideographic spaces or runs of spaces. Only whole tables of plain
numbers are added up: a column with a rate, a mean or a blank cell is not summed.

A total written in the text near a table (此次排查共发现各类问题隐患157个) is compared with the
table's total row where the clause names a column's header words and unit (发现问题（个）: 175).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from ..text.chinese import after_mark, is_han_basic
from ..text.fastregex import fast
from .facts_figures import _EXACT, _UNITS, _scaled, _unit

_CUT = compile_regex(r"[^\t\u3000 ]+(?: [^\t\u3000 ]+)*")  # a cell: text up to a tab, an ideographic space or two spaces
_NUMBER = compile_regex(r"^[+＋]?(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?([%％])?$")
_SUM_LABEL = compile_regex(r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|全(?:县|市|区|省|州|镇|乡|盟|旗)(?:合计|总计)?|总数)$")
_RATE_HEAD = compile_regex(r"率|占比|比重|比例|[%％]|百分")
_GROWTH_HEAD = compile_regex(r"增长|增幅|增减|同比|环比|变化")
_NOT_SUMMED = compile_regex(r"率|占比|比重|比例|[%％]|平均|均值|人均|单价|价格|排名|排序|序号|年份|年度|指数|倍")


class _Cell:
    __slots__ = ("p", "start", "end", "text", "value", "half", "percent")

    def __init__(self, p, start: int, end: int, text: str):
        self.p, self.start, self.end, self.text = p, start, end, text
        m = _NUMBER.match(text)
        self.value = self.half = None
        self.percent = False
        if m:
            whole = re.sub(r"[,，]", "", m.group(1))
            frac = m.group(2) or ""
            self.value = float(whole + frac)
            self.half = 0.5 * 10 ** -(len(frac) - 1) if frac else 0.5 if m.group(3) else 0.0
            self.percent = bool(m.group(3))


def _tables(doc, scope) -> list[list[list[_Cell]]]:
    """The tables of the draft, as rows of cells (the first row: the header)."""
    out = []
    grid: dict[int, dict[int, dict[int, _Cell]]] = {}
    run: list[list[_Cell]] = []

    def flush():
        if len(run) >= 3:
            out.append(list(run))
        run.clear()

    for p in doc.iter(scope):
        if p.table:
            flush()
            t, r, c = p.table
            cells = grid.setdefault(t, {}).setdefault(r, {})
            if c not in cells:  # a cell's first paragraph
                text = p.text.strip()
                at = p.text.find(text) if text else 0
                cells[c] = _Cell(p, at, at + len(text), text)
            continue
        text = p.text
        if "\t" not in text and "\u3000" not in text and "  " not in text:
            flush()
            continue
        cells = [_Cell(p, m.start(), m.end(), m.group()) for m in _CUT.finditer(text)]
        if len(cells) < 3 or (run and len(cells) != len(run[0])):
            flush()
            if len(cells) >= 3:
                run.append(cells)
            continue
        run.append(cells)
    flush()
    for t in sorted(grid):
        rows = grid[t]
        width = max(max(r) for r in rows.values())
        table = [[rows[r].get(c) for c in range(1, width + 1)] for r in sorted(rows)]
        if len(table) >= 3 and all(all(c is not None for c in row) for row in table):
            out.append(table)
    return out


def table_figures(doc, rule, options) -> Iterator[Hit]:
    tables = _tables(doc, rule.scope)
    for table in tables:
        head, rows = table[0], table[1:]
        yield from _sum_rows(head, rows)
        yield from _sum_columns(head, rows)
        yield from _rates(head, rows)
    if tables:
        yield from text_against_tables(doc, rule.scope, tables)


table_figures.FIELDS = frozenset({"text", "problem"})


def _label(row) -> str:
    return row[0].text.replace(" ", "").replace("\u3000", "")


def _sum_rows(head, rows) -> Iterator[Hit]:
    """Each total row against the rows it totals: those after the previous total row (or, for a
    total right under the header, those down to the next one)."""
    is_sum = [bool(_SUM_LABEL.match(_label(r))) for r in rows]
    if not any(is_sum):
        return
    subtotals = any(_label(r).startswith("小") for r, s in zip(rows, is_sum) if s)
    for i, row in enumerate(rows):
        if not is_sum[i]:
            continue
        if subtotals and not _label(row).startswith("小"):
            continue  # a grand total over subtotals: not added up
        if i == 0:
            j = next((k for k in range(1, len(rows)) if is_sum[k]), len(rows))
            block = rows[1:j]
        else:
            k = max((k for k in range(i) if is_sum[k]), default=-1)
            block = rows[k + 1:i]
        if len(block) < 2:
            continue
        for c in range(1, len(head)):
            if _NOT_SUMMED.search(head[c].text) or head[c].value is not None:
                continue  # not summed; or no header row (its first line holds figures)
            stated = row[c]
            shown = _wrong_sum(stated, [r[c] for r in block])
            if shown:
                yield Hit(stated.p, stated.start, stated.end, None, {
                    "problem": f"“{_label(row)}”行“{head[c].text}”一列，上面{len(block)}行相加为{shown}，"
                               f"表中写作{stated.text}"})


def _wrong_sum(stated: _Cell, cells: list) -> str | None:
    """The sum of ``cells`` as the table would write it, when ``stated`` is not that sum within
    rounding (None too when a cell holds no figure or a percentage, which is not added)."""
    if stated.value is None or stated.percent or any(x.value is None or x.percent for x in cells):
        return None
    total = sum(x.value for x in cells)
    if abs(total - stated.value) <= sum(x.half for x in cells) + stated.half + 1e-9:
        return None
    return f"{total:.{_decimals(cells + [stated])}f}"


# the columns a 合计 column adds up: the periods right before it (2025年、2026年、2027年; 一季度…)
_PERIOD_HEAD = compile_regex(r"^(?:(?:19|20)\d{2}年(?:度)?|(?:第?[一二三四1-4])季度|[上下]半年|\d{1,2}月)$")


def _row_name(row) -> str:
    """What a row is about: its first cell with a Chinese character (not the serial number)."""
    return next((c.text for c in row if any(is_han_basic(ch) for ch in c.text)), _label(row))


def _sum_columns(head, rows) -> Iterator[Hit]:
    """A 合计 column against the period columns right before it, row by row."""
    for c in range(1, len(head)):
        if not _SUM_LABEL.match(head[c].text.replace(" ", "").replace("\u3000", "")):
            continue
        first = c
        while first > 0 and _PERIOD_HEAD.match(head[first - 1].text.strip()):
            first -= 1
        if c - first < 2:
            continue
        for row in rows:
            stated = row[c]
            shown = _wrong_sum(stated, row[first:c])
            if shown:
                yield Hit(stated.p, stated.start, stated.end, None, {
                    "problem": f"“{_row_name(row)}”行，{head[first].text}至{head[c - 1].text}{c - first}列相加为{shown}，"
                               f"“{head[c].text}”一列写作{stated.text}"})


def _decimals(cells) -> int:
    return max((len(c.text.split(".")[1]) if "." in c.text else 0) for c in cells)


# how a rate may follow from two columns a and b of its row
_RELATIONS = {
    "b÷a": lambda a, b: b / a * 100,
    "a÷b": lambda a, b: a / b * 100,
    "(b−a)÷a": lambda a, b: (b - a) / a * 100,
}


_SHOWN = {"b÷a": "“{b}”÷“{a}”", "a÷b": "“{a}”÷“{b}”", "(b−a)÷a": "（“{b}”−“{a}”）÷“{a}”"}


def _bounds(rel: str, a: _Cell, b: _Cell) -> tuple[float, float] | None:
    """The smallest and largest rate that ``a`` and ``b`` as printed (rounded) allow."""
    f = _RELATIONS[rel]
    vals = []
    for x in (a.value - a.half, a.value + a.half):
        for y in (b.value - b.half, b.value + b.half):
            if x <= 0 or (rel == "a÷b" and y <= 0):
                return None
            vals.append(f(x, y))
    return min(vals), max(vals)


def _agrees(rel: str, a: _Cell, b: _Cell, rate: _Cell) -> bool | None:
    got = _bounds(rel, a, b)
    if got is None:
        return None
    lo, hi = got
    return lo - rate.half - 1e-9 <= rate.value <= hi + rate.half + 1e-9


_WIDTH = 6


def _rates(head, rows) -> Iterator[Hit]:
    """A rate column whose rows, but one or two, follow one rule from two number columns to its
    left (修复率 = 已修复 ÷ 受损数量): the rows that do not are reported."""
    for c in range(2, len(head)):
        if not _RATE_HEAD.search(head[c].text) or head[c].value is not None:
            continue
        growth = bool(_GROWTH_HEAD.search(head[c].text))
        usable = [r for r in rows if r[c].value is not None]
        if len(usable) < 3:
            continue
        best = None
        near = range(max(1, c - _WIDTH), c)  # the columns a rate is worked out from stand near it
        for a in near:
            for b in near:
                if a == b or _NOT_SUMMED.search(head[a].text) or _NOT_SUMMED.search(head[b].text):
                    continue
                for rel in (("(b−a)÷a",) if growth else ("b÷a", "a÷b")):
                    if rel == "a÷b" and a > b:
                        continue
                    verdicts = [(r, _agrees(rel, r[a], r[b], r[c])) for r in usable
                                if r[a].value is not None and r[b].value is not None and not r[a].percent
                                and not r[b].percent]
                    verdicts = [(r, v) for r, v in verdicts if v is not None]
                    good = sum(1 for _, v in verdicts if v)
                    if best is None or good > best[0]:
                        best = (good, rel, a, b, verdicts)
        if best is None:
            continue
        good, rel, a, b, verdicts = best
        bad = [r for r, v in verdicts if not v]
        # the rule is the table's own: most rows, and at least three, follow it
        if not bad or good < 3 or len(bad) * 3 > len(verdicts):
            continue
        how = _SHOWN[rel].format(a=head[a].text, b=head[b].text)
        for r in bad:
            x, y = r[a].value, r[b].value
            right = _RELATIONS[rel](x, y)
            dec = max(1, len(r[c].text.rstrip("%％").split(".")[1]) if "." in r[c].text else 1)
            yield Hit(r[c].p, r[c].start, r[c].end, None, {
                "problem": f"“{_label(r)}”行的“{head[c].text}”按表中其他各行的算法（{how}×100%）"
                           f"应为{right:.{dec}f}%左右，表中写作{r[c].text}"})


# --- a total in the text against the table's total row ----------------------------------------
# 此次排查共发现各类问题隐患157个 above a table whose 发现问题（个） column adds up to 175 in its
# 合计 row.

_NEAR = 4  # paragraphs before the table's first row or after its last that may speak of it
_UNIT_HEAD = compile_regex(rf"^(?P<label>[^（(]+?)\s*[（(](?P<mult>万|亿)?(?P<unit>{_UNITS})[）)]$")
_TOTAL_CUE = fast(r"共|合计|累计|总计|总数|总共|全部")
_NOT_A_TOTAL = fast(r"其中|分别|比|较|同比|增长|下降|增加|减少|目标|计划|力争|以上|以下|左右|约|近|平均|人均|每")
_GENERIC_HEAD = frozenset("数量 数 情况 合计 总数 人数 个数 金额 面积 规模 累计".split())


def _column_totals(head, rows):
    """(label words, unit, value, half, header text, total cell) of each column that a single
    total row sums correctly (a wrong total row is FC029's first finding, not compared here)."""
    from ..text.segment import lexicon

    sums = [i for i, r in enumerate(rows) if _SUM_LABEL.match(_label(r))]
    if len(sums) != 1 or len(rows) < 3:
        return
    total_row = rows[sums[0]]
    block = [r for i, r in enumerate(rows) if i != sums[0]]
    for c in range(1, len(head)):
        m = _UNIT_HEAD.match(head[c].text.replace("\u3000", "").strip())
        cell = total_row[c]
        if not m or cell.value is None or cell.percent:
            continue
        cells = [r[c] for r in block]
        if any(x.value is None or x.percent for x in cells):
            continue
        if abs(sum(x.value for x in cells) - cell.value) > sum(x.half for x in cells) + cell.half + 1e-9:
            continue
        words = [w for w in lexicon().cut(m.group("label")) if len(w) >= 2 and w not in _GENERIC_HEAD]
        if not words:
            continue
        scale = _scaled("1", m.group("mult"), m.group("unit"))[0]
        yield words, _unit(m.group("mult"), m.group("unit")), cell.value * scale, cell.half * scale, head[c].text, cell


def text_against_tables(doc, scope, tables) -> Iterator[Hit]:
    paragraphs = [p for p in doc.iter(scope) if not p.table]
    for table in tables:
        columns = list(_column_totals(table[0], table[1:]))
        if not columns:
            continue
        first, last = table[0][0].p.index, table[-1][0].p.index
        rows = {cell.p.index for row in table for cell in row}
        for p in paragraphs:
            if p.index in rows or not (first - _NEAR <= p.index <= last + _NEAR):
                continue
            text = p.text
            for m in _EXACT.finditer(text):
                c0 = after_mark(text, m.start(), "，；：。、")
                clause = text[c0:m.start()]
                # a total: 共 in the clause or earlier in its sentence (灾害共造成……，紧急转移避险群众6680人)
                if not _TOTAL_CUE.search(text, after_mark(text, m.start(), "。"), m.start()) \
                        or _NOT_A_TOTAL.search(clause):
                    continue
                unit = _unit(m.group(2), m.group(3))
                value, half = _scaled(m.group(1), m.group(2), m.group(3))
                for words, col_unit, total, col_half, header, cell in columns:
                    if col_unit != unit or not all(w in clause for w in words):
                        continue
                    if abs(total - value) > half + col_half + 1e-9:
                        where = "下面" if p.index < first else "上面"
                        yield Hit(p, m.start(), m.end(), None, {
                            "problem": f"正文写“{text[c0:m.end()]}”，{where}表格“{header}”一列的合计为{cell.text}"})
                    break
