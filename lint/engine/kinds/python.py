"""kind: python: a check function inside the gwlint package, for logic YAML cannot express.

``function: lint.checks.<module>:<name>`` is resolved only inside ``lint.checks`` (a rule file
can never load code from elsewhere). The function is called as ``fn(doc, rule, options)`` and
yields :class:`lint.model.finding.Hit`. It may declare ``FIELDS`` (message template names) and
``OPTIONS`` (a dict of option name to :class:`lint.engine.kinds.Param`) for validation at load time,
and ``VALIDATE(options, ctx)`` for what a type cannot say (an error through ``ctx.error``).
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Iterator

from . import Context, Param, check_type

NAME = "python"
PARAMS = {
    "function": Param("str", required=True, doc="lint.checks.<module>:<function>"),
    "options": Param("mapping", default=None, doc="options passed to the function"),
}
FIELDS = None  # declared by each function
_FUNC = re.compile(r"^lint\.checks\.[a-z_][a-z0-9_]*:[a-z_][a-z0-9_]*$")


def resolve(spec: str, ctx: Context):
    if not _FUNC.match(spec):
        raise ctx.error(f"“function”必须形如 lint.checks.<模块>:<函数>，不能是“{spec}”", "function")
    mod_name, fn_name = spec.split(":")
    try:
        mod = importlib.import_module(mod_name)
    except ImportError:
        raise ctx.error(f"找不到检查模块“{mod_name}”", "function") from None
    fn = getattr(mod, fn_name, None)
    if not callable(fn):
        raise ctx.error(f"模块“{mod_name}”中没有函数“{fn_name}”", "function")
    if not is_check(fn, mod_name):
        raise ctx.error(f"“{spec}”不是检查函数：检查函数应定义在该模块中，名称不以下划线开头，"
                        "参数为 (doc, rule, options)", "function")
    return fn


def is_check(fn, mod_name: str) -> bool:
    """A check: a plain function defined in the module itself (not a name it imported, a class
    or a helper), public, taking exactly ``(doc, rule, options)``."""
    if not inspect.isfunction(fn) or fn.__module__ != mod_name or fn.__name__.startswith("_"):
        return False
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return False
    return [p.name for p in params] == ["doc", "rule", "options"] and all(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty for p in params)


def compile(params: dict, ctx: Context):
    fn = resolve(params["function"], ctx)
    declared: dict[str, Param] = getattr(fn, "OPTIONS", {})
    options = dict(params.get("options") or {})
    unknown = set(options) - set(declared)
    if unknown:
        raise ctx.error(f"“options”中有未知的选项：{'、'.join(sorted(unknown))}", "options")
    for name, p in declared.items():
        if name in options:
            options[name] = check_type(name, options[name], p, ctx)
        elif p.required:
            raise ctx.error(f"“options”缺少必需的选项“{name}”", "options")
        else:
            options[name] = p.default
    validate = getattr(fn, "VALIDATE", None)  # checks of values beyond their types (ranges)
    if validate is not None:
        validate(options, ctx)
    return fn, options


def check(compiled, doc, rule) -> Iterator:
    fn, options = compiled
    return fn(doc, rule, options)
