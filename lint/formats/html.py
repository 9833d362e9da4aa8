"""``--format html``: one self-contained review report (inline CSS and SVG; no script, no font,
nothing fetched from the network).

A summary with a chart by category and severity; for each file, the findings grouped by rule
(most serious and rarest first, so the one placeholder is not buried under three hundred commas),
then the draft's text with every finding highlighted in place and its note beside the paragraph;
waived findings apart; at the end, the explanation of every rule that has a finding. The filters
at the top hide suggestions or warnings with CSS alone.
"""

from __future__ import annotations

from html import escape

from .. import __version__
from ..model.finding import SEVERITIES, SEVERITY_RANK
from .ruledocs import STATUS_LABEL
from .common import (by_category, category_label, context, for_display, groups, rules_shown, sev_label,
                     severity_counts, suggestion_text, FIX_HELP, fix_label)

_OPEN_LIMIT = 10  # a rule group with more findings than this starts folded
_LONG_SPAN = 30  # a finding longer than this (a whole sentence) is underlined, not filled

_CSS = """
:root{--err:#c62828;--err-bg:#fde0dc;--warn:#b26a00;--warn-bg:#fff1c2;--sug:#1565c0;--sug-bg:#e3f0fd;
--ink:#1f2328;--muted:#6b7280;--line:#e5e7eb}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fafafa;line-height:1.75;
font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:20px 0 8px}
.meta{color:var(--muted);font-size:13px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 16px;min-width:110px}
.card b{display:block;font-size:26px}
.card.error b{color:var(--err)}.card.warning b{color:var(--warn)}.card.suggestion b{color:var(--sug)}
.card.waived b{color:var(--muted)}
.panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:12px 0}
table{border-collapse:collapse;font-size:14px}th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;font-size:12px;border-radius:4px;padding:0 6px;color:#fff;white-space:nowrap}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.suggestion{background:var(--sug)}
details.group{background:#fff;border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 12px}
details.group.error{border-left-color:var(--err)}details.group.warning{border-left-color:var(--warn)}
details.group.suggestion{border-left-color:var(--sug)}
details.group summary{cursor:pointer}
details.group ol{margin:4px 0 8px;padding-left:28px;font-size:14px}
.quote{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif}
.quote em{font-style:normal;font-weight:bold;text-decoration:underline}
.draft{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 0}
.para{display:grid;grid-template-columns:44px minmax(0,1fr) 360px;gap:12px;padding:2px 16px}
.para.has{background:#fcfcfd}
.ln{color:var(--muted);font-size:12px;text-align:right;padding-top:4px;user-select:none}
.text{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif;font-size:16px;
white-space:pre-wrap;word-break:break-all}
.scope-title .text{font-weight:bold;text-align:center;font-size:20px}
.scope-heading .text{font-weight:bold}
mark{background:none;color:inherit;padding:0 1px;border-radius:2px}
mark.error{background:var(--err-bg);box-shadow:inset 0 -2px 0 var(--err)}
mark.warning{background:var(--warn-bg);box-shadow:inset 0 -2px 0 var(--warn)}
mark.suggestion{box-shadow:inset 0 -2px 0 var(--sug)}
.fix{font-size:.8em;border-radius:3px;padding:0 .3em;margin-left:.3em;white-space:nowrap}
.fix.safe{background:#e8f5e9;color:#2e7d32;border:1px solid #a5d6a7}.fix.unsafe{background:#fff8e1;color:#8d6e00;border:1px solid #ffe082}
mark.long{background:none;box-shadow:none;text-decoration:underline dotted var(--muted)}
sup.ref{font-size:10px;font-family:sans-serif;margin-left:1px}
sup.ref a{text-decoration:none;color:#fff;border-radius:7px;padding:0 4px}
sup.ref.error a{background:var(--err)}sup.ref.warning a{background:var(--warn)}sup.ref.suggestion a{background:var(--sug)}
aside{font-size:13px;line-height:1.55;min-width:0;overflow-wrap:anywhere}
.more{color:var(--muted);font-size:11px}
.note{border-left:3px solid var(--line);padding:2px 8px;margin:4px 0;background:#fff}
.note.error{border-color:var(--err)}.note.warning{border-color:var(--warn)}.note.suggestion{border-color:var(--sug)}
.note .sugg{color:#0b6b2b}.note .basis{color:var(--muted)}
.note a.code{font-weight:bold;color:inherit}
.filters{font-size:14px;color:var(--muted)}
.filters label{margin-right:16px;cursor:pointer}
input.toggle{position:absolute;left:-9999px}
#hide-suggestion:checked~main .suggestion:is(.note,details,li),#hide-warning:checked~main .warning:is(.note,details,li){display:none}
#hide-suggestion:checked~main mark.suggestion,#hide-warning:checked~main mark.warning{box-shadow:none;background:none}
#hide-suggestion:checked~main sup.suggestion,#hide-warning:checked~main sup.warning{display:none}
#hide-suggestion:checked~main label[for=hide-suggestion]::before,#hide-warning:checked~main label[for=hide-warning]::before{content:"☑ "}
label[for^=hide-]::before{content:"☐ "}
.rule{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 16px;margin:10px 0}
.rule h3{margin:4px 0}
.rule .ex{font-size:14px}.rule .ex li{margin:2px 0}
.fail{color:var(--err)}.pass{color:#0b6b2b}
.waived li,.stale li{color:var(--muted)}
@media (max-width:900px){.para{grid-template-columns:36px 1fr}.para aside{grid-column:2}}
@media print{.filters,input.toggle{display:none}details.group{break-inside:avoid}}
"""


def _e(s) -> str:
    return escape(str(s), quote=True)


def render(report, **_) -> str:
    files = [r for r in report.results if not r.error]
    findings = report.findings
    chars = sum(r.chars for r in files)
    out = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<title>gwlint 检查报告</title>', f'<style>{_CSS}</style></head><body>',
           '<input type="checkbox" class="toggle" id="hide-suggestion">',
           '<input type="checkbox" class="toggle" id="hide-warning">', '<main>',
           '<h1>gwlint 检查报告</h1>',
           f'<p class="meta">共检查 {len(report.results)} 个文件，{chars} 个汉字 · gwlint {_e(__version__)}</p>']
    out += _summary(report, findings)
    out.append('<p class="filters">筛选：<label for="hide-suggestion">隐藏“建议”</label>'
               '<label for="hide-warning">隐藏“警告”</label></p>')
    for fi, r in enumerate(report.results):
        out += _file(fi, for_display(r))
    out += _stale(report)
    out += _rules(report)
    out.append('<p class="meta">由 gwlint 生成。每条问题旁的代码链接到该规则的说明；'
               '依据引自相关讲话或国家标准、《党政机关公文处理工作条例》。</p>')
    out.append('</main></body></html>')
    return "\n".join(out) + "\n"


def _summary(report, findings) -> list[str]:
    sev = severity_counts(findings)
    out = ['<section class="summary"><div class="cards">']
    for s in SEVERITIES:
        out.append(f'<div class="card {s}"><b>{sev[s]}</b>{sev_label(s)}</div>')
    out.append(f'<div class="card waived"><b>{len(report.waived)}</b>已豁免</div></div>')
    cats = by_category(findings)
    if cats:
        out.append('<div class="panel"><h3>按类别与级别</h3>' + _chart(cats) + '</div>')
        out.append('<div class="panel"><h3>按规则</h3><table><tr><th>规则</th><th>名称</th>'
                   '<th>级别</th><th>类别</th><th>处数</th></tr>')
        for code, fs in groups(findings):
            f = fs[0]
            out.append(f'<tr><td><a href="#rule-{code}">{code}</a></td><td>{_e(f.name)}</td>'
                       f'<td><span class="sev {f.severity}">{sev_label(f.severity)}</span></td>'
                       f'<td>{_e(category_label(f.category))}</td><td class="n">{len(fs)}</td></tr>')
        out.append('</table></div>')
    elif not report.errors:
        out.append('<p>未发现问题。</p>')
    if report.errors:
        out.append('<div class="panel"><h3>无法检查的文件</h3><ul>')
        out += [f'<li>{_e(r.path)}：{_e(r.error)}</li>' for r in report.errors]
        out.append('</ul></div>')
    out.append('</section>')
    return out


def _chart(cats) -> str:
    """A horizontal bar per category, stacked by severity: inline SVG, no script."""
    row, label_w, bar_w = 26, 120, 420
    top = max(sum(c.values()) for _, _, c in cats)
    h = row * len(cats) + 30
    colors = {"error": "#c62828", "warning": "#e0a100", "suggestion": "#1565c0"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{h}" '
             f'role="img" aria-label="按类别与级别统计的问题数" font-size="13" '
             f'font-family="Noto Sans CJK SC,Microsoft YaHei,sans-serif">']
    for i, (_, label, counts) in enumerate(cats):
        y = i * row + 4
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="#1f2328">{_e(label)}</text>')
        x = float(label_w)
        for s in SEVERITIES:
            if counts[s]:
                w = max(2.0, bar_w * counts[s] / top)
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="18" fill="{colors[s]}">'
                             f'<title>{_e(label)} · {sev_label(s)}：{counts[s]}</title></rect>')
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="#1f2328">{sum(counts.values())}</text>')
    ly = len(cats) * row + 16
    lx = label_w
    for s in SEVERITIES:
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colors[s]}"/>'
                     f'<text x="{lx + 16}" y="{ly}" fill="#1f2328">{sev_label(s)}</text>')
        lx += 70
    parts.append('</svg>')
    return "".join(parts)


def _fid(fi: int, n: int) -> str:
    return f"f{fi}-{n}"


def _file(fi: int, r) -> list[str]:
    if r.error:
        return []
    active = [f for f in r.findings if not f.waived]
    number = {id(f): n for n, f in enumerate(active, start=1)}
    meta = [f"{r.chars} 个汉字"]
    if r.doctype:
        meta.append(f"文种 {r.doctype}")
    if r.encoding:
        meta.append(f"编码 {r.encoding}")
    out = [f'<section class="file"><h2>{_e(r.path)}</h2><p class="meta">{_e("，".join(meta))}；'
           f'{len(active)} 处问题' + (f'，{len(r.findings) - len(active)} 处已豁免' if len(active) < len(r.findings) else '')
           + _fix_counts(active) + '</p>']
    if active:
        out.append('<h3>问题一览（按规则）</h3>')
        for code, fs in groups(active):
            f0 = fs[0]
            opened = " open" if len(fs) <= _OPEN_LIMIT else ""
            out.append(f'<details class="group {f0.severity}"{opened}><summary>'
                       f'<span class="sev {f0.severity}">{sev_label(f0.severity)}</span> '
                       f'<a href="#rule-{code}">{code}</a> {_e(f0.name)} · {len(fs)} 处</summary><ol>')
            for f in fs:
                b, m, a = context(r.doc, f)
                quote = f'<span class="quote">{_e(b)}<em>{_e(m)}</em>{_e(a)}</span>' if m else ''
                sug = suggestion_text(f)
                out.append(f'<li class="{f.severity}"><a href="#{_fid(fi, number[id(f)])}">{_e(f.location)}</a> '
                           f'{quote} — {_e(f.message)}' + (f' <span class="sugg">{_e(sug)}</span>' if sug else '')
                           + _fix_badge(f) + '</li>')
            out.append('</ol></details>')
    if r.doc is not None:
        out.append('<h3>原文与批注</h3>')
        out += _draft(fi, r, active, number)
    waived = [f for f in r.findings if f.waived]
    if waived:
        out.append('<h3>已豁免的问题</h3><ul class="waived">')
        for f in waived:
            out.append(f'<li>{_e(f.location)} <a href="#rule-{f.code}">{f.code}</a> “{_e(f.text)}” {_e(f.message)}</li>')
        out.append('</ul>')
    out.append('</section>')
    return out


def _draft(fi: int, r, active, number) -> list[str]:
    by_line: dict[int, list] = {}
    whole = []
    for f in active:
        if f.scope == "document":
            whole.append(f)
        else:
            by_line.setdefault(f.line, []).append(f)
    out = ['<div class="draft">']
    title = r.doc.title
    for p in r.doc.paragraphs:
        fs = by_line.get(p.line, [])
        notes = list(fs)
        if p is title or (title is None and whole and p is r.doc.paragraphs[0]):
            notes = whole + notes
        if p.is_blank and not notes:
            continue
        cls = f"para scope-{p.scope}" + (" has" if notes else "")
        text = _highlight(fi, p.text, fs, number)
        loc = p.line if p.location.startswith("第") else p.location
        out.append(f'<div class="{cls}"><div class="ln" title="{_e(p.location)}">{_e(loc)}</div>'
                   f'<div class="text">{text}</div><aside>{_notes(fi, notes, number)}</aside></div>')
    out.append('</div>')
    return out


def _highlight(fi: int, text: str, fs, number) -> str:
    """The paragraph with each finding marked; overlapping findings split the text into pieces,
    each marked with the most serious finding over it."""
    if not fs:
        return _e(text)
    spans = [(f.column - 1, max(f.end_column - 1, f.column - 1), f) for f in fs]
    cuts = sorted({0, len(text), *[s for s, _, _ in spans], *[e for _, e, _ in spans]})
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for s, e, f in spans:
        starts.setdefault(s, []).append(f)
        ends.setdefault(e, []).append(f)
    out = []

    def refs(fs_):
        for f in sorted(fs_, key=lambda f: number[id(f)]):
            n = number[id(f)]
            out.append(f'<sup class="ref {f.severity}"><a href="#n{fi}-{n}">{n}</a></sup>')

    for i, a in enumerate(cuts):
        for f in starts.get(a, []):
            out.append(f'<a id="{_fid(fi, number[id(f)])}"></a>')
        refs([f for f in ends.get(a, []) if f.end_column <= f.column])  # empty span: mark the spot
        if i + 1 == len(cuts):
            break
        b = cuts[i + 1]
        over = [f for s, e, f in spans if s <= a and e >= b and e > s]
        piece = _e(text[a:b])
        if over:
            top = max(over, key=lambda f: SEVERITY_RANK[f.severity])
            long_ = all(f.end_column - f.column > _LONG_SPAN for f in over)
            titles = "；".join(f"{f.code} {f.message}" for f in over)
            out.append(f'<mark class="{top.severity}{" long" if long_ else ""}" title="{_e(titles)}">{piece}</mark>')
        else:
            out.append(piece)
        refs([f for f in ends.get(b, []) if f.end_column > f.column])
    return "".join(out)


def _notes(fi: int, fs, number) -> str:
    """Notes beside a paragraph; several findings of one rule share one note."""
    out = []
    for code, group in groups(fs):
        f = group[0]
        # Every finding gets its back-link target; a long run of numbers is folded after five.
        refs = [f'<sup class="ref {f.severity}" id="n{fi}-{number[id(g)]}"><a href="#{_fid(fi, number[id(g)])}">'
                f'{number[id(g)]}</a></sup>' for g in group]
        shown = refs[:5] + ([f'<span class="more">…{len(refs) - 6} 处…</span>', refs[-1]] if len(refs) > 6 else refs[5:])
        hidden = "".join(r.replace("<sup ", '<sup hidden ', 1) for r in refs[5:-1]) if len(refs) > 6 else ""
        nums = " ".join(shown) + hidden
        head = f'{nums} <span class="sev {f.severity}">{sev_label(f.severity)}</span> ' \
               f'<a class="code" href="#rule-{code}">{code}</a> '
        if len(group) == 1:
            sug = suggestion_text(f)
            body = _e(f.message) + (f'<br><span class="sugg">{_e(sug)}</span>' if sug else '') + _fix_badge(f)
        else:
            distinct = list(dict.fromkeys(g.text for g in group))
            texts = "、".join(f"“{t}”" for t in distinct[:8]) + ("等" if len(distinct) > 8 else "")
            body = f'本段 {len(group)} 处：{_e(texts)}。{_e(f.message)}' + _fix_badge(f)
        out.append(f'<div class="note {f.severity}">{head}{body}'
                   f'<br><span class="basis">依据：{_e(f.basis)}</span></div>')
    return "".join(out)


def _stale(report) -> list[str]:
    if not report.stale_waivers:
        return []
    out = ['<h2>已失效的豁免</h2><ul class="stale">']
    for w in report.stale_waivers:
        out.append(f'<li>{_e(w.origin)}:{w.line}：{w.rule}（{_e(w.file)}，原文“{_e(w.text)}”）已不再匹配任何问题，可以删去</li>')
    out.append('</ul>')
    return out


def _rules(report) -> list[str]:
    rules = rules_shown(report)
    if not rules:
        return []
    from .ruledocs import _example_text

    out = ['<h2>规则说明</h2>']
    for r in rules:
        out.append(f'<article class="rule" id="rule-{r.code}"><h3>{r.code} {_e(r.name)}</h3>'
                   f'<p class="meta">{_e(category_label(r.category))} · '
                   f'<span class="sev {r.severity}">{sev_label(r.severity)}</span> · {_e(STATUS_LABEL[r.status])}</p>'
                   f'<p><b>为什么：</b>{_e(r.why)}</p><p><b>依据：</b>{_e(r.basis)}</p><ul class="ex">')
        out += [f'<li class="fail">✗ {_e(_example_text(e))}</li>' for e in r.examples["fail"][:3]]
        out += [f'<li class="pass">✓ {_e(_example_text(e))}</li>' for e in r.examples["pass"][:3]]
        out.append('</ul></article>')
    return out


def _fix_badge(f) -> str:
    """Which findings ``--fix`` (or ``--unsafe-fixes``) would change."""
    label = fix_label(f)
    if not label:
        return ""
    kind = f.fix.applicability
    return f' <span class="fix {kind}" title="{_e(FIX_HELP[kind])}">{label}</span>'


def _fix_counts(findings) -> str:
    """“，其中 N 处可自动修改、M 处改法需确认” for the file's line, or ""."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "unsafe")
    parts = ([f"{safe} 处可自动修改（gwlint check --fix）"] if safe else []) + ([f"{unsafe} 处改法需确认"] if unsafe else [])
    return "，其中 " + "、".join(parts) if parts else ""
