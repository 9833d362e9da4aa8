"""Rules: loading (strict, with file and line in every error) and running (selection is
lint/policy/selection.py).

A rule is one YAML file under ``rules/<category>/<name>.yml``. The engine, not the rule, stamps
code, name, category and severity on each finding, applies per-project options,
and sorts the findings by location.
"""

from __future__ import annotations

import string
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

from . import basis as basis_mod
from ..cache import get_cache
from ..model.document import SCOPES, TEXT_SCOPES, Document
from ..analysis.document_type import ALL_TYPES
from ..analysis.structure import prepare
from ..errors import RuleFileError
from ..model.finding import FIX_SAFETY, SEVERITIES, Finding, Fix, Hit
from .kinds import Context, registry, validate_params
from .matcher import new_document
from ..resources import rules_dir
from ..yamlsafe import Field, load_rule_file, validate
from ..cache import compile_regex

CATEGORIES = {
    # category: (code prefix, Chinese label)
    "length": ("LN", "篇幅（长）"),
    "hollow": ("HL", "虚话空话"),
    "stock-phrase": ("SP", "套话"),
    "structure": ("ST", "结构与序号"),
    "facts": ("FC", "事实与数据"),
    "wording": ("WD", "用词用字"),
    "punctuation": ("PN", "标点符号"),
    "numbers": ("NM", "数字用法"),
    "format": ("FM", "格式"),
    "doctype": ("DT", "文种"),
    "secrecy": ("SC", "保密"),
}
STATUSES = ("stable", "preview", "deprecated")
COMMON_KEYS = {"code", "name", "category", "severity", "status", "since", "scope", "message",
               "why", "basis", "kind", "examples", "aliases", "doctypes", "note", "fix"}
REQUIRED = ("code", "name", "category", "severity", "message", "why", "basis", "kind", "examples")
EXAMPLE_KEYS = {"text", "count", "doctype", "note", "public", "docx", "body", "repeat"}
RULE_FIELDS = {key: Field("text", required=True) for key in REQUIRED if key not in ("kind", "examples")}
RULE_FIELDS.update({"kind": Field("str", required=True), "examples": Field("any", required=True)})
_CODE = compile_regex(r"^[A-Z]{2}\d{3}$")
_NAME = compile_regex(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(eq=False)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    status: str
    since: str
    scope: tuple[str, ...]
    message: str
    why: str
    basis: str
    kind: str
    params: dict[str, Any]
    examples: dict[str, list]
    aliases: tuple[str, ...]
    doctypes: tuple[str, ...]
    path: str
    module: ModuleType = field(repr=False, default=None)
    compiled: Any = field(repr=False, default=None)
    spec: Any = field(repr=False, default=None)
    reference_dirs: tuple = ()
    user: bool = False  # from a configuration's rule-dirs
    fix: str | None = None  # "safe" or "unsafe": its suggestion is an exact replacement

    @property
    def default(self) -> bool:
        return self.status == "stable"

    def tunable(self) -> dict[str, Any]:
        """Options a project may change: {name: current value}."""
        if self.kind == "python":
            opts = self.params.get("options") or {}
            return {k: opts.get(k, p.default) for k, p in getattr(self.compiled[0], "OPTIONS", {}).items()}
        return {k: self.params.get(k) for k, p in self.module.PARAMS.items() if p.tunable}

    def prepare(self) -> str | None:
        """Load what the rule's check needs before any draft (a check function's ``PREPARE``,
        e.g. a model), so that a bad one stops the run with one line; the note to show when
        the rule cannot run (an optional extra missing), else None."""
        if self.kind != "python" or not self.compiled.has_prepare:
            return None  # known without importing the check's module
        return self.compiled[0].PREPARE(self, self.compiled[1])

    def with_options(self, options: dict[str, Any], where: str = "") -> "Rule":
        """A copy of this rule compiled with some options changed (from a configuration file)."""
        allowed = self.tunable()
        unknown = set(options) - set(allowed)
        if unknown:
            raise RuleFileError(where or self.path, f"规则 {self.code} 没有可设置的选项：{'、'.join(sorted(unknown))}"
                                f"（可设置：{'、'.join(allowed) or '无'}）")
        params = dict(self.params)
        if self.kind == "python":
            params["options"] = {**(params.get("options") or {}), **options}
        else:
            params.update(options)
        ctx = Context(where or self.path, None, self.reference_dirs, user=self.user)
        params = validate_params(self.module, ctx, params)
        return replace(self, params=params, compiled=self.module.compile(params, ctx))


class RuleSet:
    def __init__(self, rules: list[Rule]):
        self.rules = sorted(rules, key=lambda r: r.code)
        self.by_key: dict[str, Rule] = {}
        for r in self.rules:
            for key in (r.code, r.name, *r.aliases):
                self.by_key[key] = r

    def get(self, key: str) -> Rule | None:
        """The rule with this code, name or alias, in any case."""
        return self.by_key.get(key) or self.by_key.get(key.upper()) or self.by_key.get(key.lower())

    def __iter__(self):
        return iter(self.rules)

    def __len__(self):
        return len(self.rules)


def _message_fields(template: str) -> set[str]:
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            names.add(name.split(".")[0].split("[")[0])
    return names


def load_rule(path: Path, display: str, kinds: dict[str, ModuleType], reference_dirs=(),
              user: bool = False) -> Rule:
    """One rule file; ``user``: from a configuration's rule-dirs, not shipped with gwlint."""
    spec = load_rule_file(path, display)
    if not isinstance(spec, dict):
        raise RuleFileError(display, "规则文件的顶层必须是映射（键: 值）", getattr(spec, "line", 1))
    ctx = Context(display, spec, reference_dirs, user=user)
    # Required keys and their types (lint/yamlsafe.py); the kind's own keys are checked below.
    validate(spec, RULE_FIELDS, display, error=RuleFileError, shape="规则文件的顶层必须是映射（键: 值）",
             extra=set(spec))
    kind = spec["kind"]
    if kind not in kinds:
        raise ctx.error(f"未知的 kind“{kind}”，可选：{'、'.join(kinds)}", "kind")
    module = kinds[kind]
    for key in spec:
        if key not in COMMON_KEYS and key not in module.PARAMS:
            raise ctx.error(f"未知的键“{key}”（kind: {kind} 可用的键：{'、'.join(module.PARAMS)}）", key)
    code, name, category = spec["code"], spec["name"], spec["category"]
    if not _CODE.match(code):
        raise ctx.error(f"代码“{code}”应为两个大写字母加三位数字，如 PN001", "code")
    if category not in CATEGORIES:
        raise ctx.error(f"未知的类别“{category}”，可选：{'、'.join(CATEGORIES)}", "category")
    if not code.startswith(CATEGORIES[category][0]):
        raise ctx.error(f"类别 {category} 的规则代码应以 {CATEGORIES[category][0]} 开头", "code")
    if not _NAME.match(name):
        raise ctx.error(f"名称“{name}”应为小写短横线形式（kebab-case）", "name")
    if name != path.stem:
        raise ctx.error(f"名称“{name}”应与文件名“{path.stem}”一致", "name")
    if spec["severity"] not in SEVERITIES:
        raise ctx.error(f"无效的级别“{spec['severity']}”，可选：{'、'.join(SEVERITIES)}", "severity")
    status = spec.get("status", "stable")
    if status not in STATUSES:
        raise ctx.error(f"无效的状态“{status}”，可选：{'、'.join(STATUSES)}", "status")
    scope = spec.get("scope", list(TEXT_SCOPES))
    if isinstance(scope, str):
        scope = [scope]
    if not isinstance(scope, list) or not scope or any(s not in SCOPES for s in scope):
        raise ctx.error(f"“scope”应为以下范围的列表：{'、'.join(SCOPES)}", "scope")
    doctypes = spec.get("doctypes", [])
    if not isinstance(doctypes, list) or any(t not in ALL_TYPES for t in doctypes):
        raise ctx.error(f"“doctypes”应为文种列表，可选：{'、'.join(ALL_TYPES)}", "doctypes")
    aliases = spec.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ctx.error("“aliases”应为字符串列表", "aliases")
    why_not = basis_mod.problem(spec["basis"])
    if why_not:
        raise ctx.error(f"{why_not}，如“县长在全县政府系统办公室工作会议上的讲话：……”或“GB/T 15834-2011 4.5.3.5：……”",
                        "basis")
    params = validate_params(module, ctx, {k: v for k, v in spec.items() if k in module.PARAMS})
    compiled = module.compile(params, ctx)
    fields = module.FIELDS
    if kind == "python":
        fields = compiled.fields
    if fields is not None:
        allowed = set(fields) | (module.fields_for(params) if hasattr(module, "fields_for") else set())
        unknown = _message_fields(spec["message"]) - allowed
        if unknown:
            raise ctx.error(f"“message”引用了未知的字段：{'、'.join(sorted(unknown))}（可用：{'、'.join(sorted(allowed))}）", "message")
    examples = _examples(spec, ctx)
    fix = _fix_safety(spec, ctx, kind, params, compiled)
    return Rule(code=code, name=name, category=category, severity=spec["severity"], status=status,
                since=str(spec.get("since", "0.1.0")), scope=tuple(scope), message=spec["message"].strip(),
                why=spec["why"].strip(), basis=basis_mod.cite(spec["basis"].strip()), kind=kind, params=params,
                examples=examples, aliases=tuple(aliases), doctypes=tuple(doctypes), path=display,
                module=module, compiled=compiled, spec=spec, reference_dirs=tuple(reference_dirs), user=user,
                fix=fix)


def _fix_safety(spec, ctx: Context, kind: str, params: dict, compiled) -> str | None:
    """The rule's ``fix:`` (safe or unsafe), allowed only on a rule whose findings carry a
    replacement: a pattern with a ``suggestion``, a substitution, a phrase list with suggestions,
    a python check or series that fills ``{suggestion}``."""
    fix = spec.get("fix")
    if fix is None:
        return None
    if fix not in FIX_SAFETY:
        raise ctx.error(f"“fix”的值“{fix}”无效，可选：safe（总是正确，--fix 直接修改）、unsafe（通常正确，需人工确认）", "fix")
    can = {"pattern": params.get("suggestion") is not None or params.get("translate") is not None, "substitution": True,
           "phrase": any(e.suggestion for e in getattr(compiled, "entries", ())),
           "python": "suggestion" in (compiled.fields or ()) if kind == "python" else False,
           "series": True}.get(kind, False)
    if not can:
        raise ctx.error(f"“fix”只能用于给出改法（suggestion）的规则，kind: {kind} 的这条规则没有改法", "fix")
    return fix


def _examples(spec, ctx: Context) -> dict[str, list]:
    ex = spec["examples"]
    if not isinstance(ex, dict):
        raise ctx.error("“examples”应为含 fail 与 pass 的映射", "examples")
    unknown = set(ex) - {"fail", "pass"}
    if unknown:
        raise RuleFileError(ctx.path, f"“examples”中有未知的键：{'、'.join(sorted(unknown))}", ex.line_of(sorted(unknown)[0]))
    out = {}
    for key in ("fail", "pass"):
        items = ex.get(key)
        if not isinstance(items, list) or not items:
            raise RuleFileError(ctx.path, f"“examples”需要非空的“{key}”列表（每条规则都要有应报与不应报的例子）",
                                ex.line_of(key) if key in ex else ex.line)
        norm = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict) or ("text" not in item and "docx" not in item):
                raise RuleFileError(ctx.path, f"examples.{key} 的第{i + 1}项应为字符串或含 text 的映射", items.line_of(i))
            bad = set(item) - EXAMPLE_KEYS
            if bad:
                raise RuleFileError(ctx.path, f"examples.{key} 的第{i + 1}项有未知的键：{'、'.join(sorted(bad))}", items.line_of(i))
            if ("body" in item) != ("repeat" in item) or "body" in item and not (
                    isinstance(item["body"], str) and isinstance(item["repeat"], int) and item["repeat"] >= 1):
                raise RuleFileError(ctx.path, f"examples.{key} 的第{i + 1}项：body（字符串）与 repeat（正整数）须同时给出",
                                    items.line_of(i))
            norm.append({**item, "line": items.line_of(i)})
        out[key] = norm
    return out


def example_text(example: dict) -> str:
    """The text of a rule example; ``body`` repeated ``repeat`` times follows ``text`` (long
    documents for the length rules without pages of YAML)."""
    text = example["text"]
    if "body" in example:
        text = "\n".join([text] + [example["body"]] * example["repeat"])
    return text


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yml") if not p.name.startswith("."))


def load_rules(extra_dirs: Iterable[Path] = (), reference_dirs: Iterable[Path] = (),
               builtin: bool = True) -> RuleSet:
    kinds = registry()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    dirs = ([rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    base = rules_dir().parent
    for d in dirs:
        for path in rule_files(d):
            try:
                display = str(path.relative_to(base))
            except ValueError:
                display = str(path)
            user = builtin is False or d != dirs[0]
            if user:
                _check_user_file(path, d, display)
            rule = load_rule(path, display, kinds, tuple(reference_dirs), user=user)
            for key in (rule.code, rule.name, *rule.aliases):
                if key in seen:
                    raise RuleFileError(display, f"“{key}”已被 {seen[key]} 使用：规则代码、名称和别名必须唯一", rule.spec.line_of("code"))
                seen[key] = display
            rules.append(rule)
    get_cache().save()
    return RuleSet(rules)


def _check_user_file(path: Path, folder: Path, display: str) -> None:
    """A rule file of rule-dirs is a regular file inside its folder (never a link out of it)."""
    import os
    import stat

    real, top = os.path.realpath(path), os.path.realpath(folder)
    if os.path.commonpath([real, top]) != top:
        raise RuleFileError(display, "规则文件是指向规则文件夹之外的符号链接：gwlint 只读取配置文件夹之内的规则")
    try:
        st = os.stat(path)
    except OSError:
        raise RuleFileError(display, "规则文件无法读取（符号链接指向的文件不存在或循环）") from None
    if not stat.S_ISREG(st.st_mode):
        raise RuleFileError(display, "规则文件不是普通文件")


# --- running -----------------------------------------------------------------------------------

class _Fields(dict):
    def __missing__(self, key):
        raise KeyError(f"message field {key!r} not provided")


def _finding(rule: Rule, doc: Document, hit: Hit, severity: str) -> Finding:
    p = hit.paragraph
    if p is None:
        anchor = doc.title or next(doc.iter(), None)
        line = anchor.line if anchor else 1
        text, column, end_column, location, scope = "", 1, 1, "全文", "document"
    else:
        line = p.line
        text = p.text[hit.start:hit.end] if hit.shown is None else hit.shown
        column, end_column = hit.start + 1, hit.end + 1
        location, scope = p.location, p.scope
    # A suggestion that repeats the text suggests nothing: never shown (a masked value's
    # suggestion is the mask, which differs from the draft's text).
    same = p is not None and hit.suggestion and hit.suggestion == p.text[hit.start:hit.end]
    suggestion = None if same else hit.suggestion
    fields = _Fields(hit.data)
    fields.setdefault("text", text)
    fields.setdefault("suggestion", suggestion or "")
    message = rule.message.format_map(fields)
    fix = None
    s, e = hit.replace or (hit.start, hit.end)
    if (rule.fix and p is not None and hit.suggestion is not None and hit.shown is None
            and "\n" not in hit.suggestion and hit.suggestion != p.text[s:e]):
        fix = Fix(s, e, hit.suggestion, "unsafe" if hit.unsafe else rule.fix,
                  word=rule.kind in ("substitution", "phrase"))
    return Finding(path=doc.path, line=line, column=column, end_line=line, end_column=end_column,
                   location=location, code=rule.code, name=rule.name, category=rule.category,
                   severity=severity, message=message, text=text, suggestion=suggestion,
                   basis=rule.basis, scope=scope, fix=fix)


def check_document(doc: Document, rules: list[Rule], severities: dict[str, str] | None = None,
                   timing: dict[str, float] | None = None) -> list[Finding]:
    """Run ``rules`` on ``doc``; ``severities`` overrides a rule's severity by code."""
    prepare(doc)  # the parts and the settled scopes every rule reads (lint.analysis.structure)
    severities = severities or {}
    doctype = doc.meta.get("doctype")
    findings: list[Finding] = []
    seen = set()
    new_document()
    for rule in rules:
        if rule.doctypes and doctype not in rule.doctypes:
            continue
        t0 = time.perf_counter() if timing is not None else 0.0
        severity = severities.get(rule.code, rule.severity)
        for hit in rule.module.check(rule.compiled, doc, rule):
            key = (rule.code, id(hit.paragraph), hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            findings.append(_finding(rule, doc, hit, severity))
        if timing is not None:
            timing[rule.code] = timing.get(rule.code, 0.0) + time.perf_counter() - t0
    new_document()  # the document's texts are not kept after its check
    findings.sort(key=Finding.sort_key)
    return findings
