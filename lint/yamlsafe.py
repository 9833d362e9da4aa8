"""YAML loading that remembers line numbers, so every load error can name the line.

``load(path)`` returns plain Python values where mappings are :class:`LDict` and lists are
:class:`LList`; both carry ``line`` (their own) and ``lines`` (per key or per item). Duplicate
keys are errors, as they almost always are mistakes in a hand-written rule file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RuleFileError

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
    return _convert(node, path)


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
    from .cache import content_key, get_cache

    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(name, f"无法读取（{exc.strerror or exc}）") from None
    cache = get_cache()
    key = content_key(data)
    hit = cache.get("yaml", key)
    if hit is not None:
        try:
            return _from_plain(hit)  # a fresh copy each time: callers may change what they get
        except Exception:  # damaged: parsed again below
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(name, "不是 UTF-8 编码的文本文件") from None
    spec = load_text(text, name)
    try:
        cache.put("yaml", key, _to_plain(spec))
    except _NotPlain:
        pass
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
