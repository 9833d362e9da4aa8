"""``gwlint outline``: the structure of a draft as gwlint reads it, as text or JSON.

First the parts (GB/T 9704: 版头, 标题, 主送机关, 正文, 附件说明, 署名, 日期, 附件, 版记; for a
讲话稿 the subtitle, speaker and 称谓), each with its lines; then the heading tree (一、（一）1.
（1）, 第X章/条, lead-ins that open a list of their own) with the in-line series (一是……二是……,
首先……其次……) nested where they stand, and the numbering convention of each level.
"""

from __future__ import annotations

import json

from ..analysis.document_type import infer
from ..analysis.outline import Node, outline
from ..analysis.series import inline_series
from ..analysis.structure import prepare
from ..checks.parts_complete import part_problems

_SEGMENT = {0: "正文", -1: "附件说明"}
_NUMBERING = {"continuous": "跨部分接续编号", "restart": "各部分从头编号", "single": "只有一组，依次编号"}
_FAMILY = {"cn": "一、", "cn-paren": "（一）", "arabic": "1.", "arabic-paren": "（1）", "circled": "①",
           "编": "第X编", "章": "第X章", "节": "第X节", "条": "第X条"}


def _line(doc, index: int) -> int:
    return doc.paragraphs[index].line


def _series_nodes(doc, ol) -> dict[int, list[dict]]:
    """In-line series as nodes, keyed by id() of the outline node they stand under; a series
    inside an item of another is nested under it, not merged with it."""
    placed: dict[int, list[dict]] = {}
    spans = []
    for s in inline_series(doc).series:
        items = s.items + ([s.last] if s.last is not None else [])
        first = items[0]
        pos = (first.paragraph.index, first.start)
        node = {"kind": "series", "label": "……".join(it.text.strip() for it in items),
                "line": first.paragraph.line,
                "items": [{"label": it.text.strip(), "line": it.paragraph.line} for it in items],
                "children": []}
        end = (items[-1].paragraph.index, items[-1].start)
        outer = next((sp for sp in reversed(spans) if sp[0] < pos <= sp[1]), None)
        if outer is not None:
            outer[2]["children"].append(node)
        else:
            owner = None
            for n in ol.nodes:
                if n.quoted:
                    continue
                if (n.paragraph.index, n.start) <= pos:
                    owner = n
                else:
                    break
            placed.setdefault(id(owner) if owner is not None else 0, []).append(node)
        spans.append((pos, end, node))
    return placed


def _tree(n: Node, series: dict[int, list[dict]]) -> dict:
    out = {"kind": n.kind, "label": n.label, "line": n.line,
           "text": (n.paragraph.numbering + n.paragraph.text.strip())[:40]
           if n.paragraph is not None else ""}
    if n.quoted:
        out["quoted"] = True
    if n.embedded:
        out["run_in"] = True
    out["children"] = [_tree(c, series) for c in n.children] + series.get(id(n), [])
    return out


def outline_data(doc) -> dict:
    s = prepare(doc)
    ol = outline(doc)
    series = _series_nodes(doc, ol)
    root = _tree(ol.root, series)
    root["children"] += series.get(0, [])
    return {
        "path": doc.path,
        "speech": s.speech,
        "flattened": s.flattened,
        "title": s.title_text,
        "parts": [{"name": p.name, "line": _line(doc, p.first), "end_line": _line(doc, p.last),
                   "text": p.text[:60]} for p in s.parts],
        "attachments": [{"line": _line(doc, a.first), "end_line": _line(doc, a.last),
                         "title": a.title_text} for a in s.attachments],
        "conventions": [{"segment": _SEGMENT.get(seg, f"附件{seg}"), "level": _FAMILY.get(fam, fam),
                         "numbering": _NUMBERING[conv]}
                        for (seg, _lvl, fam), conv in sorted(ol.conventions.items(), key=lambda kv: kv[0][:2])],
        "outline": root["children"],
        # parts out of order and a missing 落款, as FM014 and DT009 report them
        "problems": [{"line": _line(doc, i), "problem": what}
                     for i, what in part_problems(doc, doc.meta.get("doctype") or infer(doc))],
    }


def _text_tree(nodes: list[dict], depth: int, out: list[str]) -> None:
    for n in nodes:
        pad = "  " * depth
        if n["kind"] == "series":
            out.append(f"{pad}第{n['line']}行  〔分项〕{n['label']}")
        elif n["kind"] == "styled":
            out.append(f"{pad}第{n['line']}行  {n['text']}〔标题样式〕")
        elif n["kind"] == "lead":
            out.append(f"{pad}第{n['line']}行  〔引出〕……{n['label']}")
        else:
            flags = "（引文内）" if n.get("quoted") else ("（接排）" if n.get("run_in") else "")
            out.append(f"{pad}第{n['line']}行  {n['text']}{flags}")
        _text_tree(n["children"], depth + 1, out)


def render_text(data: dict) -> str:
    out = [f"{data['path']}"]
    if data["speech"]:
        out.append("文稿类型：讲话稿")
    if data["flattened"]:
        out.append("注意：文稿的分段似乎已丢失（整篇存成一行或几行），依赖分段的检查从宽。")
    out.append("")
    out.append("【组成部分】")
    for p in data["parts"]:
        where = f"第{p['line']}行" if p["line"] == p["end_line"] else f"第{p['line']}–{p['end_line']}行"
        text = p["text"] if len(p["text"]) <= 40 else p["text"][:40] + "……"
        out.append(f"  {p['name']}（{where}）：{text}")
    if data["problems"]:
        out.append("")
        out.append("【缺少或错位的部分】")
        for q in data["problems"]:
            out.append(f"  第{q['line']}行：{q['problem']}")
    if data["conventions"]:
        out.append("")
        out.append("【序号编排】")
        for c in data["conventions"]:
            out.append(f"  {c['segment']}“{c['level']}”：{c['numbering']}")
    out.append("")
    out.append("【层次结构】")
    tree: list[str] = []
    _text_tree(data["outline"], 1, tree)
    out += tree or ["  （没有层次序号）"]
    return "\n".join(out) + "\n"


def render(doc, fmt: str = "text") -> str:
    data = outline_data(doc)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return render_text(data)
