"""YAML loading that remembers line numbers, so every load error can name the line.

``load(path)`` returns plain Python values where mappings are :class:`LDict` and lists are
:class:`LList`; both carry ``line`` (their own) and ``lines`` (per key or per item). Duplicate
keys are errors, as they almost always are mistakes in a hand-written rule file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import ConfigError, RuleFileError

if TYPE_CHECKING:
    import yaml

# PyYAML is imported on first parse: with the start-up cache warm (see load_rule_file) a run
# that has no YAML configuration never needs it.
_yaml: Any = None
_Loader: Any = None
_scalars: Any = None


def _import_yaml() -> Any:
    global _yaml, _Loader, _scalars
    if _yaml is None:
        import yaml

        _Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _scalars = yaml.constructor.SafeConstructor()
        _yaml = yaml
    return _yaml


class LDict(dict):
    line: int = 0
    lines: dict

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LList(list):
    line: int = 0
    lines: list

    def line_of(self, i: int) -> int:
        return self.lines[i] if 0 <= i < len(self.lines) else self.line


def _convert(node: yaml.Node, path: str) -> Any:
    yaml = _yaml
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line, out.lines = line, {}
        _scalars.flatten_mapping(node)
        for knode, vnode in node.value:
            key = _convert(knode, path)
            if isinstance(key, (dict, list)):
                raise RuleFileError(path, "键必须是简单的字符串", knode.start_mark.line + 1)
            if key in out:
                raise RuleFileError(path, f"键“{key}”重复出现", knode.start_mark.line + 1)
            out[key] = _convert(vnode, path)
            out.lines[key] = knode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList(_convert(n, path) for n in node.value)
        out.line, out.lines = line, [n.start_mark.line + 1 for n in node.value]
        return out
    try:
        return _scalars.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise RuleFileError(path, f"无法解析的值（{exc.problem or exc}）", line) from None


def load_text(text: str, path: str) -> Any:
    yaml = _import_yaml()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(path, f"YAML 语法错误：{exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, f"YAML 语法错误：{exc}") from None
    if node is None:
        return None
    _reject_aliases(node, path)
    return _convert(node, path)


def _reject_aliases(root, path: str) -> None:
    """Aliases (``*a``) of mappings and lists are refused: a few hundred bytes of nested aliases
    expand to gigabytes, and an alias inside its own anchor never ends. A node reached twice in
    the composed graph is an alias; the walk visits each node once, so it always ends. An alias
    of a single value (a string repeated in examples) costs no more than writing it out."""
    yaml = _yaml
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if id(node) in seen:
            raise RuleFileError(path, "此处定义的映射或列表被 YAML 别名（*）引用：gwlint 不支持这类别名，请把内容直接写出", node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += (k, v)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def load(path: Path, display: str | None = None) -> Any:
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(name, "不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise RuleFileError(name, f"无法读取（{exc.strerror or exc}）") from None
    return load_text(text, name)


def load_rule_file(path: Path, display: str | None = None) -> Any:
    """:func:`load` through the start-up cache (keyed by the file's bytes): a rule file parsed
    once is read back rather than parsed again. Errors are never cached."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(name, f"无法读取（{exc.strerror or exc}）") from None
    return load_cached(data, name)


def load_cached(data: bytes, name: str, text: str | None = None, save: bool = False) -> Any:
    """The YAML file of bytes ``data`` (``text``: the same decoded, when the caller has it),
    parsed, or read back from the start-up cache when an earlier run parsed the same bytes
    (PyYAML is then not even imported). Errors are never cached. ``save``: write the cache now
    (rule files are many, and their loader saves once after the last)."""
    from .cache import content_key, get_cache

    cache = get_cache()
    key = content_key(data)
    hit = cache.get("yaml", key)
    if hit is not None:
        try:
            return _from_plain(hit)  # a fresh copy each time: callers may change what they get
        except Exception:  # damaged: parsed again below
            pass
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RuleFileError(name, "不是 UTF-8 编码的文本文件") from None
    spec = load_text(text, name)
    try:
        cache.put("yaml", key, _to_plain(spec))
    except _NotPlain:
        pass
    if save:
        cache.save()
    return spec


# A parsed file in the start-up cache is JSON: a mapping is ["d", line, [[key, key line, value]...]],
# a list ["l", line, [[item line, item]...]], a scalar ["s", value] (YAML's dates and binary
# values, which JSON cannot hold, are not cached: such a file is parsed each time).

def _to_plain(value: Any) -> Any:
    if isinstance(value, LDict):
        return ["d", value.line, [[k, value.lines.get(k, value.line), _to_plain(v)] for k, v in value.items()]]
    if isinstance(value, LList):
        return ["l", value.line, [[value.line_of(i), _to_plain(v)] for i, v in enumerate(value)]]
    if value is None or isinstance(value, (str, bool, int, float)):
        return ["s", value]
    raise _NotPlain


class _NotPlain(Exception):
    pass


def _from_plain(node: list) -> Any:
    tag = node[0]
    if tag == "d":
        out = LDict()
        out.line, out.lines = node[1], {}
        for k, line, v in node[2]:
            out[k] = _from_plain(v)
            out.lines[k] = line
        return out
    if tag == "l":
        out = LList(_from_plain(v) for _, v in node[2])
        out.line, out.lines = node[1], [line for line, _ in node[2]]
        return out
    if tag == "s":
        return node[1]
    raise ValueError(tag)


# --- one validator for the mappings of gwlint's files ----------------------------------------------
# The configuration (lint/config/file.py), the waiver file (lint/policy/waivers.py) and the rule
# files (lint/engine/rules.py) describe their keys as a dict of key to Field; validate() checks,
# in this order and with the line of the key in every message: that the node is a mapping, that
# it has no unknown key, that required keys are there, and that each value has its type. What is
# specific to a file (a preset that exists, a known rule code) stays with its loader. It lives
# here, in the bottom layer, because the engine (rule files) may not import lint.config.

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
