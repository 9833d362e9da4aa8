"""``--format markdown``: the review report as Markdown, for an OA system or an issue tracker.

The same content as the HTML report: a summary, the findings of each file grouped by rule (most
serious and rarest first; a large group is cut after a few items with the count of the rest), the
waived findings apart, and the explanation of each rule that has a finding.
"""

from __future__ import annotations

import re

from ..model.finding import SEVERITIES
from .common import (printable, by_category, category_label, context, for_display, groups, rules_shown, sev_label,
                     severity_counts, suggestion_text)

_GROUP_LIMIT = 10  # items shown per rule group; the rest are counted
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _md(text) -> str:
    return printable(_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " "))


def render(report, **_) -> str:
    fs = report.findings
    sev = severity_counts(fs)
    parts = "，".join(f"{sev_label(s)} {sev[s]}" for s in SEVERITIES if sev[s])
    found = f"发现 {len(fs)} 处问题（{parts}）" if fs else "未发现问题"
    out = ["# gwlint 检查报告", "",
           f"共检查 {len(report.results)} 个文件，{found}"
           + (f"，另有 {len(report.waived)} 处已豁免" if report.waived else "") + "。", ""]
    cats = by_category(fs)
    if cats:
        out += ["| 类别 | 错误 | 警告 | 建议 | 合计 |", "|---|---:|---:|---:|---:|"]
        for _, label, c in cats:
            out.append(f"| {label} | {c['error']} | {c['warning']} | {c['suggestion']} | {sum(c.values())} |")
        out.append("")
    if report.errors:
        out += ["## 无法检查的文件", ""] + [f"- {_md(r.path)}：{_md(r.error)}" for r in report.errors] + [""]
    for r in map(for_display, report.results):
        if r.error:
            continue
        active = [f for f in r.findings if not f.waived]
        meta = [f"{r.chars} 个汉字"] + ([f"文种 {r.doctype}"] if r.doctype else [])
        out += [f"## {_md(r.path)}", "", f"{'，'.join(meta)}；{len(active)} 处问题。", ""]
        for code, group in groups(active):
            f0 = group[0]
            out += [f"### {sev_label(f0.severity)} · {code} {f0.name}（{len(group)} 处）", "",
                    f"[规则说明](#{code.lower()})", ""]
            for f in group[:_GROUP_LIMIT]:
                out.append(_item(r, f))
            if len(group) > _GROUP_LIMIT:
                rest = group[_GROUP_LIMIT:]
                lines = "、".join(str(x.line) for x in rest[:20]) + ("等" if len(rest) > 20 else "")
                out.append(f"- ……另有 {len(rest)} 处同类问题（第 {lines} 行/段）")
            out.append("")
        waived = [f for f in r.findings if f.waived]
        if waived:
            out += ["### 已豁免的问题", ""]
            out += [f"- {_md(f.location)} {f.code} “{_md(f.text)}”：{_md(f.message)}" for f in waived]
            out.append("")
    if report.stale_waivers:
        out += ["## 已失效的豁免", ""]
        out += [f"- {_md(w.origin)}:{w.line}：{w.rule}（{_md(w.file)}，原文“{_md(w.text)}”）已不再匹配任何问题，可以删去"
                for w in report.stale_waivers]
        out.append("")
    rules = rules_shown(report)
    if rules:
        out += ["## 规则说明", ""]
        for rule in rules:
            out += [f"### {rule.code}", "",
                    f"**{rule.name}** · {category_label(rule.category)} · {sev_label(rule.severity)}", "",
                    f"为什么：{_md(rule.why)}", "", f"依据：{_md(rule.basis)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _item(r, f) -> str:
    b, m, a = context(r.doc, f)
    quote = f"{_md(b)}**{_md(m)}**{_md(a)}" if m else ""
    sug = suggestion_text(f)
    line = f"- {_md(f.location)}：" + (f"{quote} —— " if quote else "") + _md(f.message)
    return line + (f"（{_md(sug)}）" if sug else "")
