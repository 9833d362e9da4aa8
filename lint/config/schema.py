"""One small validator for the mappings of gwlint's YAML (and TOML) files: the configuration,
the waiver file and the rule files.

A schema is a dict of key to :class:`Field`. :func:`validate` checks, in this order and with the
line of the key in every message: that the node is a mapping, that it has no unknown key, that
required keys are there, and that each value has its type. What is specific to a file (a preset
that exists, a rule code that is known) stays with the file's loader, after this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..errors import ConfigError, RuleFileError


@dataclass(frozen=True)
class Field:
    type: str = "any"  # one of TYPES
    required: bool = False
    doc: str = ""  # what the key means (shown in messages and documentation)


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)


TYPES: dict[str, Callable[[Any], bool]] = {
    "any": lambda v: True,
    "str": lambda v: isinstance(v, str),
    "text": lambda v: isinstance(v, str) and bool(v.strip()),  # a non-empty string
    "bool": lambda v: isinstance(v, bool),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "str-list": _str_list,
    "str-or-list": lambda v: (isinstance(v, str) and bool(v.strip())) or _str_list(v),  # one string or a list
    "mapping": lambda v: isinstance(v, dict),
    "list": lambda v: isinstance(v, list),
}
LABELS = {"any": "任意值", "str": "字符串", "text": "非空字符串", "bool": "true 或 false", "int": "整数",
          "number": "数值", "str-list": "字符串列表", "str-or-list": "字符串列表", "mapping": "映射",
          "list": "列表"}


def line_of(node, key=None, lines: Callable[[str], int | None] | None = None) -> int | None:
    """The line of ``key`` in ``node`` (a mapping from lint.yamlsafe), or of the node itself;
    ``lines``: a lookup for files without line-carrying nodes (TOML)."""
    if lines is not None:
        return lines(key) if key is not None else None
    if key is not None and hasattr(node, "line_of"):
        return node.line_of(key)
    return getattr(node, "line", None)


def validate(node, fields: dict[str, Field], where: str, *, error: type[RuleFileError] = ConfigError,
             shape: str = "顶层必须是映射（键: 值）", unknown: str = "未知的键",
             lines: Callable[[str], int | None] | None = None, extra=frozenset()) -> None:
    """Check ``node`` against ``fields``. ``shape``: the message when it is not a mapping;
    ``unknown``: how an unknown key is introduced; ``extra``: more keys that are allowed (the
    caller checks them)."""
    if not isinstance(node, dict):
        raise error(where, shape, line_of(node, lines=lines) or 1)
    for key in node:
        if key not in fields and key not in extra:
            raise error(where, f"{unknown}“{key}”（可用：{'、'.join(fields)}）", line_of(node, key, lines))
    for key, f in fields.items():
        if key not in node:
            if f.required:
                raise error(where, f"缺少必需的键“{key}”", line_of(node, lines=lines) or 1)
            continue
        if not TYPES[f.type](node[key]):
            raise error(where, f"“{key}”应为{LABELS[f.type]}", line_of(node, key, lines))
