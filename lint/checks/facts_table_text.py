"""A total written in the text that disagrees with the total row of the table next to it (FC029):
此次排查共发现各类问题隐患157个 above a table whose 发现问题（个） column adds up to 175 in its
合计 row."""

from __future__ import annotations

from typing import Iterator

from ..cache import compile_regex
from ..model.finding import Hit
from ..text.chinese import after_mark
from ..text.fastregex import fast
from .facts_figures import _UNITS, _scaled, _unit

_NEAR = 4  # paragraphs before the table's first row or after its last that may speak of it
_HEAD = compile_regex(rf"^(?P<label>[^（(]+?)\s*[（(](?P<mult>万|亿)?(?P<unit>{_UNITS})[）)]$")
_FIGURE = fast(rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?({_UNITS})(?![多余])")
_TOTAL_CUE = fast(r"共|合计|累计|总计|总数|总共|全部")
_NOT_A_TOTAL = fast(r"其中|分别|比|较|同比|增长|下降|增加|减少|目标|计划|力争|以上|以下|左右|约|近|平均|人均|每")
_GENERIC = frozenset("数量 数 情况 合计 总数 人数 个数 金额 面积 规模 累计".split())


def _column_totals(head, rows):
    """(label words, unit, value, half, header text, total cell) of each column that a single
    total row sums correctly (a wrong total row is FC029's first finding, not compared here)."""
    from ..text.segment import lexicon
    from .facts_tables import _SUM_LABEL, _label

    sums = [i for i, r in enumerate(rows) if _SUM_LABEL.match(_label(r))]
    if len(sums) != 1 or len(rows) < 3:
        return
    total_row = rows[sums[0]]
    block = [r for i, r in enumerate(rows) if i != sums[0]]
    for c in range(1, len(head)):
        m = _HEAD.match(head[c].text.replace("\u3000", "").strip())
        cell = total_row[c]
        if not m or cell.value is None or cell.percent:
            continue
        cells = [r[c] for r in block]
        if any(x.value is None or x.percent for x in cells):
            continue
        if abs(sum(x.value for x in cells) - cell.value) > sum(x.half for x in cells) + cell.half + 1e-9:
            continue
        words = [w for w in lexicon().cut(m.group("label")) if len(w) >= 2 and w not in _GENERIC]
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
            for m in _FIGURE.finditer(text):
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
