"""``--statistics``: how many findings each rule has, the most frequent first (like ruff)."""

from __future__ import annotations

import json
from collections import Counter

from ..model.finding import SEVERITY_LABEL
from .common import category_label


def rows(report) -> list[dict]:
    counts = Counter(f.code for f in report.findings)
    first = {}
    for f in report.findings:
        first.setdefault(f.code, f)
    return [{"code": code, "name": first[code].name, "category": first[code].category,
             "severity": first[code].severity, "count": n}
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render(report, fmt: str = "text") -> str:
    data = rows(report)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not data:
        return f"未发现问题（共检查 {len(report.results)} 个文件）。\n"
    width = max(len(str(d["count"])) for d in data)
    lines = [f"{str(d['count']).rjust(width)}  {d['code']}  {SEVERITY_LABEL[d['severity']]}  "
             f"{category_label(d['category'])}  {d['name']}" for d in data]
    return "\n".join(lines) + "\n"
