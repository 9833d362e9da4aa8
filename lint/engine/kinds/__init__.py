"""The fixed set of rule kinds. Each kind validates and compiles its parameters at load time and
yields bare :class:`lint.model.finding.Hit` objects at check time.

A kind module defines ``PARAMS`` (its keys), ``FIELDS`` (the names its hits put into a message
template), ``compile(params, ctx) -> object`` and ``check(compiled, doc, rule) -> Iterator[Hit]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from ...cache import compile_regex
from ...text.chinese import HAN_BASIC
from ...errors import RuleFileError

# \b next to a Chinese character in a rule's expression: it never matches there.
_B_BESIDE_HAN = compile_regex(rf"\\b(?=[{HAN_BASIC}])|(?<=[{HAN_BASIC}])\\b")


@dataclass(frozen=True)
class Param:
    type: str  # str, int, number, bool, str-list, regex, regex-list, mapping, list, any
    required: bool = False
    default: Any = None
    choices: tuple = ()
    tunable: bool = False  # may be changed per project in the configuration
    doc: str = ""
    engine: bool = False  # a regex the kind searches the text with (user rules: on RE2 if possible)


class Context:
    """What a kind needs while compiling: the rule file (for errors) and word-list lookup."""

    def __init__(self, path: str, spec, reference_dirs=(), user: bool = False):
        self.path = path
        self.spec = spec
        self.reference_dirs = tuple(reference_dirs)
        self.user = user  # a rule from rule-dirs: its expressions go through lint.engine.userregex

    def error(self, message: str, key: str | None = None):
        line = self.spec.line_of(key) if key and hasattr(self.spec, "line_of") else getattr(self.spec, "line", None)
        return RuleFileError(self.path, message, line)

    def regex(self, pattern: str, key: str, lazy: bool = False, engine: bool = False):
        """``pattern`` checked and compiled; with ``lazy``, a :class:`lint.text.fastregex.FastPattern`
        (checked now, compiled when a document first needs it). In a user rule, ``engine`` (the
        expression a kind searches with) runs on RE2 when RE2 takes it; any other, or one RE2
        does not take, is refused if backtracking could make it explode."""
        if not isinstance(pattern, str):
            raise self.error(f"“{key}”必须是正则表达式字符串", key)
        if _B_BESIDE_HAN.search(pattern):
            raise self.error(f"“{key}”中的 \\b 紧挨着汉字：\\b 在汉字之间永远不匹配，请去掉或改用前后文条件", key)
        if self.user:
            from .. import userregex

            if engine:
                rx = userregex.compile_user(pattern)
                if rx is not None:
                    return rx
            try:
                userregex.check(pattern)
            except userregex.Unsafe as exc:
                raise self.error(f"“{key}”的正则表达式{exc}", key) from None
            except (re.error, OverflowError, RecursionError) as exc:
                raise self.error(f"“{key}”的正则表达式无法编译：{exc}", key) from None
        try:
            if lazy:
                from ...text.fastregex import fast

                return fast(pattern).validate()
            return compile_regex(pattern)
        except (re.error, OverflowError, RecursionError) as exc:
            raise self.error(f"“{key}”的正则表达式无法编译：{exc}", key) from None

    def word_list(self, name: str, key: str, columns: tuple[str, ...] = ()):
        from ..wordlists import find_list, load_list

        path = find_list(name, self.reference_dirs)
        if path is None:
            raise self.error(f"找不到词表“{name}”（应为 reference/{name}.tsv）", key)
        rows = load_list(path)
        missing = [c for c in columns if c not in rows.columns]
        if missing:
            raise self.error(f"词表“{name}”缺少列：{'、'.join(missing)}", key)
        return rows


def validate_params(kind: ModuleType, ctx: Context, keys: dict[str, Any]) -> dict[str, Any]:
    """Check the kind's keys of a rule (types, required, choices); returns them with defaults."""
    out: dict[str, Any] = {}
    for name, p in kind.PARAMS.items():
        if keys.get(name) is None:
            if p.required:
                raise ctx.error(f"kind: {kind.NAME} 需要键“{name}”")
            out[name] = p.default
            continue
        out[name] = check_type(name, keys[name], p, ctx)
    return out


_TYPES = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "str-list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "regex": lambda v: isinstance(v, str),
    "regex-list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "mapping": lambda v: isinstance(v, dict),
    "list": lambda v: isinstance(v, list),
    "any": lambda v: True,
}
_TYPE_LABEL = {"str": "字符串", "int": "整数", "number": "数值", "bool": "true 或 false",
               "str-list": "字符串列表", "regex": "正则表达式字符串", "regex-list": "正则表达式列表",
               "mapping": "映射", "list": "列表", "any": "任意值"}


def check_type(name: str, value: Any, p: Param, ctx: Context) -> Any:
    if not _TYPES[p.type](value):
        raise ctx.error(f"“{name}”应为{_TYPE_LABEL[p.type]}", name)
    if p.choices and value not in p.choices:
        raise ctx.error(f"“{name}”的值“{value}”无效，可选：{'、'.join(map(str, p.choices))}", name)
    if p.type == "regex":
        ctx.regex(value, name, lazy=True, engine=p.engine)
    elif p.type == "regex-list":
        for v in value:
            ctx.regex(v, name, lazy=True, engine=p.engine)
    return value


def registry() -> dict[str, ModuleType]:
    from . import metric, pattern, phrase, python, series, substitution

    return {m.NAME: m for m in (phrase, substitution, pattern, metric, series, python)}
