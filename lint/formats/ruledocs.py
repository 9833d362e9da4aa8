"""Rule documentation generated from the rule files: ``gwlint explain`` and docs/rules.md."""

from __future__ import annotations

from ..engine.rules import CATEGORIES
from ..model.finding import SEVERITY_LABEL

STATUS_LABEL = {"stable": "默认启用", "preview": "预览（默认不启用）", "deprecated": "已弃用"}
FIX_SAFETY_LABEL = {"safe": "可靠（--fix 直接修改）", "unsafe": "需确认（加 --unsafe-fixes 才修改）", None: "无"}


_EXAMPLE_MAX = 200


def _example_text(ex: dict) -> str:
    if "text" not in ex:
        return f"（.docx 样例：{ex.get('note') or ex['docx']}）"
    text = ex["text"]
    if len(text) > _EXAMPLE_MAX:
        text = text[:_EXAMPLE_MAX] + f"……（共 {len(text)} 字）"
    if "body" in ex:
        body = ex["body"] if len(ex["body"]) <= 60 else ex["body"][:60] + "……"
        text += f"\n{body}（此段重复 {ex['repeat']} 次）"
    return text


def explain(rule) -> str:
    lines = [
        f"{rule.code} {rule.name}",
        f"类别：{CATEGORIES[rule.category][1]}（{rule.category}）　级别：{SEVERITY_LABEL[rule.severity]}（{rule.severity}）"
        f"　状态：{STATUS_LABEL[rule.status]}　类型：{rule.kind}",
    ]
    if rule.doctypes:
        lines.append(f"适用文种：{'、'.join(rule.doctypes)}")
    lines.append(f"自动修改：{FIX_SAFETY_LABEL[rule.fix]}")
    lines += ["", "为什么：", _indent(rule.why), "", "依据：", _indent(rule.basis), "",
              "提示信息：", _indent(rule.message)]
    opts = rule.tunable()
    if opts:
        lines += ["", "可在配置中调整的选项："]
        lines += [f"  {k}: {v}" for k, v in opts.items()]
    lines += ["", "应报的例子："]
    lines += [f"  ✗ {_example_text(e)}" for e in rule.examples["fail"]]
    lines += ["", "不应报的例子："]
    lines += [f"  ✓ {_example_text(e)}" for e in rule.examples["pass"]]
    return "\n".join(lines) + "\n"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(ruleset) -> str:
    """docs/rules.md: a table of every rule, then one section per rule."""
    out = ["# gwlint 规则一览", "",
           "本文件由 `gwlint docs` 从 `rules/` 下的规则文件生成，请勿手工修改。", "",
           "| 代码 | 名称 | 类别 | 级别 | 状态 | 自动修改 |", "|---|---|---|---|---|---|"]
    for r in ruleset:
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {CATEGORIES[r.category][1]} | "
                   f"{SEVERITY_LABEL[r.severity]} | {STATUS_LABEL[r.status]} | {FIX_SAFETY_LABEL[r.fix]} |")
    for r in ruleset:
        out += ["", f"## {r.code}", "", f"**{r.name}** · {CATEGORIES[r.category][1]} · "
                f"{SEVERITY_LABEL[r.severity]} · {STATUS_LABEL[r.status]} · kind `{r.kind}`"
                + (f" · 适用文种：{'、'.join(r.doctypes)}" if r.doctypes else "")
                + f" · 自动修改：{FIX_SAFETY_LABEL[r.fix]}", "",
                r.why, "", f"依据：{r.basis}", "", f"提示信息：{_md(r.message)}"]
        opts = r.tunable()
        if opts:
            out += ["", "可调整的选项：" + "，".join(f"`{k}`（默认 {v}）" for k, v in opts.items())]
        out += ["", "应报："]
        out += [f"- `{_md(_example_text(e))}`" for e in r.examples["fail"]]
        out += ["", "不应报："]
        out += [f"- `{_md(_example_text(e))}`" for e in r.examples["pass"]]
    return "\n".join(out) + "\n"


def rule_lines(ruleset) -> list[str]:
    """``gwlint rules``: one line per rule, then the categories ``--select`` accepts (each key
    once, with its Chinese label and code prefix)."""
    from .text import _pad

    fix_mark = {"safe": "修改：可靠", "unsafe": "修改：需确认", None: ""}
    out = []
    for r in ruleset:
        source = r.basis.split("：")[0].split(":")[0]
        out.append(f"{r.code}  {_pad(r.name, 32)} {_pad(r.category, 12)} {_pad(SEVERITY_LABEL[r.severity], 4)}  "
                   f"{_pad(STATUS_LABEL[r.status], 18)} {_pad(fix_mark[getattr(r, 'fix', None)], 12)} {source}")
    counts: dict[str, int] = {}
    for r in ruleset:
        counts[r.category] = counts.get(r.category, 0) + 1
    out += ["", "类别（--select、--ignore 可用类别键、中文名或代码前缀，不分大小写）："]
    for key, (prefix, label) in CATEGORIES.items():
        out.append(f"  {_pad(key, 13)} {_pad(label, 10)} {prefix}  {counts.get(key, 0)} 条规则")
    return out
