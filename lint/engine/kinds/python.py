"""kind: python: a check function inside the gwlint package, for logic YAML cannot express.

``function: lint.checks.<module>:<name>`` is resolved only inside ``lint.checks`` (a rule file
can never load code from elsewhere). The function is called as ``fn(doc, rule, options)`` and
yields :class:`lint.model.finding.Hit`. It may declare ``FIELDS`` (message template names) and
``OPTIONS`` (a dict of option name to :class:`lint.engine.kinds.Param`) for validation at load time,
and ``VALIDATE(options, ctx)`` for what a type cannot say (an error through ``ctx.error``).

The check modules are imported when a rule first runs, not at load: a run that checks one draft
has every rule loaded before any draft is read, and in a large draft whose rules are shared
between two processes (lint.app.split) each process imports only the modules of its rules. The
rule is still validated at load: the first run with a rule file (and these options) imports the
module and validates; its verdict (valid, the function's ``FIELDS``, whether it has a
``PREPARE``) is kept in the start-up cache (lint/cache.py) under the rule's function and
options and a stamp of the check modules' files, so a later run skips the import until the
rule runs. Only a valid rule's verdict is kept: a bad function name or option is reported at
load every time.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import os
from functools import lru_cache
from typing import Iterator

from . import Context, Param, check_type
from ...cache import compile_regex

NAME = "python"
PARAMS = {
    "function": Param("str", required=True, doc="lint.checks.<module>:<function>"),
    "options": Param("mapping", default=None, doc="options passed to the function"),
}
FIELDS = None  # declared by each function
_FUNC = compile_regex(r"^lint\.checks\.[a-z_][a-z0-9_]*:[a-z_][a-z0-9_]*$")


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
    if not hasattr(fn, "__wrapped__"):
        # What inspect.signature would say, read from the code object (signature costs tens of
        # microseconds a function, and every run loads some eighty checks).
        code = fn.__code__
        return (code.co_argcount == 3 and code.co_kwonlyargcount == 0
                and not code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS)
                and code.co_varnames[:3] == ("doc", "rule", "options") and not fn.__defaults__)
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return False
    return [p.name for p in params] == ["doc", "rule", "options"] and all(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty for p in params)


class Compiled:
    """A python rule's ``(function, options)``, resolved (imported, options checked and given
    their defaults) when first needed; ``fields`` and ``has_prepare`` are known without it."""

    __slots__ = ("params", "ctx", "fields", "has_prepare", "_resolved")

    def __init__(self, params: dict, ctx: Context, fields, has_prepare: bool, resolved=None):
        self.params, self.ctx, self.fields, self.has_prepare = params, ctx, fields, has_prepare
        self._resolved = resolved

    def resolved(self) -> tuple:
        if self._resolved is None:
            self._resolved = _compile_now(self.params, self.ctx)
        return self._resolved

    def __getitem__(self, i):
        return self.resolved()[i]

    def __iter__(self):
        return iter(self.resolved())

    def __getstate__(self):
        return self.params, self.ctx, self.fields, self.has_prepare, self._resolved

    def __setstate__(self, state) -> None:
        self.params, self.ctx, self.fields, self.has_prepare, self._resolved = state


@lru_cache(maxsize=1)
def _modules_stamp() -> str:
    """The check modules' files (and this kind's), by name, size and modification time, as a
    short digest (read once a run): an edited module invalidates every verdict."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parts = []
    for folder in (os.path.join(here, "checks"), os.path.dirname(os.path.abspath(__file__))):
        with os.scandir(folder) as it:
            for e in sorted(it, key=lambda e: e.name):
                if e.name.endswith(".py"):
                    st = e.stat()
                    parts.append(f"{e.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _verdict_key(params: dict, ctx: Context) -> str | None:
    try:
        options = json.dumps(params.get("options") or {}, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # not plain data: validated the ordinary way
        return None
    return "\x1f".join((params["function"], options, str(ctx.user), _modules_stamp()))


def compile(params: dict, ctx: Context) -> Compiled:
    from ...cache import get_cache

    if not _FUNC.match(params.get("function") or ""):
        return _compiled_now(params, ctx)  # the error, with its message
    key = _verdict_key(params, ctx)
    cache = get_cache()
    hit = cache.get("python-check", key) if key is not None else None
    if isinstance(hit, list) and len(hit) == 2 and (hit[0] is None or isinstance(hit[0], list)) \
            and isinstance(hit[1], bool):
        return Compiled(params, ctx, hit[0], hit[1])
    out = _compiled_now(params, ctx)
    if key is not None:
        cache.put("python-check", key, [None if out.fields is None else list(out.fields), out.has_prepare])
    return out


def _compiled_now(params: dict, ctx: Context) -> Compiled:
    fn, options = _compile_now(params, ctx)
    return Compiled(params, ctx, getattr(fn, "FIELDS", None), getattr(fn, "PREPARE", None) is not None,
                    (fn, options))


def _compile_now(params: dict, ctx: Context) -> tuple:
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
    fn, options = compiled.resolved()
    return fn(doc, rule, options)
