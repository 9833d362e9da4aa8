"""The project configuration file: ``gwlint.yaml`` (or ``[tool.gwlint]`` in ``pyproject.toml``).

Found by walking up from the checked file (``--config`` overrides). One file, no nesting: the
nearest file wins and is never merged with a file further up (yamllint's model; sqlfluff's nested
files confuse users). ``extends`` names built-in presets (``lint/config/presets/<name>.yaml``). Every
unknown key, unknown rule code or bad value is an error naming the file and line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.document_type import ALL_TYPES
from ..errors import ConfigError
from ..model.finding import SEVERITIES
from ..yamlsafe import Field, LDict, LList, load, validate

CONFIG_NAMES = ("gwlint.yaml", ".gwlint.yaml")
PYPROJECT = "pyproject.toml"
PRESETS_DIR = Path(__file__).resolve().parent / "presets"
# Chinese names of the presets, as offices say them.
PRESET_ALIASES = {"讲话稿": "speech", "通知": "notice", "请示": "request", "报告": "report"}

KEYS = {
    "extends": "预设（内置）：default、speech/讲话稿、notice/通知、request/请示、report/报告",
    "select": "只运行这些规则（代码、名称、代码前缀、类别或 ALL）",
    "ignore": "不运行这些规则",
    "preview": "是否运行预览规则（true/false）",
    "rules": "逐条规则的设置：off、on、级别或 {severity: …, 选项: …}",
    "exclude": "不检查的文件（glob，相对于配置文件所在文件夹）",
    "per-file-ignores": "逐个文件不运行的规则：{glob: [规则代码、名称、前缀或类别]}",
    "doctype": "文种",
    "public": "文稿是否公开发布（true/false）",
    "fail-level": "达到此级别的问题使退出码为 1",
    "rule-dirs": "额外的规则文件夹（只读取 YAML 规则）",
    "reference-dirs": "额外的词表文件夹：<词表名>.tsv 取代同名词表，<词表名>.add.tsv 为其补充词条",
    "allow": "允许的词语（本单位的规范提法、机构名称等）：落在这些词语之内的问题不报",
    "waivers": "豁免文件（默认为配置文件旁的 gwlint-waivers.yaml）",
    "max-file-size": "文本文稿（.txt、.md）大小的上限，单位 MB（默认 20）",
    "people": "本单位领导名单，按排序先后：[{name: 姓名, title: 职务}]（供 FC017、FC018 核对职务和排序）",
    "csc-model": "神经纠错模型的文件夹（内含 model.onnx 和 vocab.txt，需安装 gwlint[csc]），设置后运行 WD015",
}
# The schema of the file (lint/yamlsafe.py): type of each key, with KEYS as its meaning.
_TYPES = {"extends": "str-or-list", "select": "str-or-list", "ignore": "str-or-list", "preview": "bool",
          "rules": "mapping", "exclude": "str-or-list", "per-file-ignores": "mapping", "doctype": "str",
          "public": "bool", "fail-level": "str",
          "rule-dirs": "str-or-list", "reference-dirs": "str-or-list", "allow": "str-or-list",
          "waivers": "text", "max-file-size": "number", "people": "list",
          "csc-model": "text"}
FIELDS = {key: Field(_TYPES[key], doc=doc) for key, doc in KEYS.items()}
WAIVERS_NAME = "gwlint-waivers.yaml"
CSC_RULE = "WD015"  # the rule that runs the neural spelling model of csc-model


@dataclass
class RuleSetting:
    """``rules: {CODE: ...}`` for one rule: enabled (None = as selected), severity, options."""

    enabled: bool | None = None
    severity: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    where: str = ""  # file:line, for errors found later (unknown code, bad option)
    line: int | None = None
    file: str = ""


@dataclass
class Config:
    """The merged configuration (presets first, then the file)."""

    path: Path | None = None  # the project file; None when there is none
    root: Path = field(default_factory=Path.cwd)  # paths in the file are relative to it
    extends: list[str] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    preview: bool | None = None
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    doctype: str | None = None
    public: bool | None = None
    fail_level: str | None = None
    rule_dirs: list[Path] = field(default_factory=list)
    reference_dirs: list[Path] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    waivers: Path | None = None
    max_file_size: float | None = None  # megabytes
    # file:line of each selector, so an unknown one can be reported where it was written
    selector_lines: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> selectors
    per_file_lines: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    @property
    def waivers_path(self) -> Path:
        return self.waivers or (self.root / WAIVERS_NAME)

    def as_dict(self) -> dict[str, Any]:
        """The merged result, as ``gwlint config --show`` prints it."""
        rules = {}
        for code, rs in sorted(self.rules.items()):
            if rs.enabled is False:
                rules[code] = "off"
            elif not rs.options and rs.severity:
                rules[code] = rs.severity
            elif not rs.options and rs.enabled:
                rules[code] = "on"
            else:
                rules[code] = {**({"severity": rs.severity} if rs.severity else {}), **rs.options}
        return {
            "config": str(self.path) if self.path else None,
            "extends": self.extends,
            "select": self.select,
            "ignore": self.ignore,
            "preview": bool(self.preview),
            "rules": rules,
            "exclude": self.exclude,
            "per-file-ignores": self.per_file_ignores,
            "doctype": self.doctype,
            "public": bool(self.public),
            "fail-level": self.fail_level or "warning",
            "rule-dirs": [str(p) for p in self.rule_dirs],
            "reference-dirs": [str(p) for p in self.reference_dirs],
            "allow": self.allow,
            "waivers": str(self.waivers_path),
            "max-file-size": self.max_file_size or 20,
        }


# --- discovery ----------------------------------------------------------------------------------

def find_config(start: Path, ignored: list | None = None) -> Path | None:
    """The nearest gwlint.yaml, .gwlint.yaml or pyproject.toml with [tool.gwlint], walking up.

    The walk is trusted: it stops before a folder that another user owns or that everyone may
    write (a shared temporary folder, where anyone could plant a configuration), and after the
    repository root (a folder with ``.git``) and the home folder. A configuration found in the
    untrusted folder is added to ``ignored`` as (path, why), for the run to say so."""
    d = start.resolve()
    if not d.is_dir():
        d = d.parent
    home = _home()
    for folder in (d, *d.parents):
        if not _trusted(folder):
            if ignored is not None:
                planted = [folder / n for n in CONFIG_NAMES if (folder / n).is_file()]
                if planted:
                    ignored.append((planted[0], "所在文件夹属于其他用户或可被所有人写入，此配置未采用"))
            return None
        for name in CONFIG_NAMES:
            p = folder / name
            if p.is_file():
                return p
        pp = folder / PYPROJECT
        if pp.is_file() and _has_tool_section(pp):
            return pp
        if (folder / ".git").exists() or folder == home:
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError, KeyError):
        return None


def _trusted(folder: Path) -> bool:
    """A folder whose configuration may apply: owned by this user (or root) and not writable by
    everyone."""
    try:
        st = folder.stat()
    except OSError:
        return False
    if st.st_mode & 0o002:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid in (getuid(), 0)


def inside(path: Path, root: Path) -> bool:
    """True when ``path``, resolved (links followed), lies in the folder tree of ``root``."""
    try:
        real, top = os.path.realpath(path), os.path.realpath(root)
        return os.path.commonpath([real, top]) == top
    except ValueError:  # different drives
        return False


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\.gwlint\s*[\].]", text, re.M) is not None


# --- loading -------------------------------------------------------------------------------------

def load_config(path: Path | None) -> Config:
    """Read and merge a configuration file (``None``: the defaults, no file)."""
    if path is None:
        return Config()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(str(path), "配置文件不存在")
    cfg = Config(path=path, root=path.resolve().parent)
    if path.name == PYPROJECT:
        data, line_of = _read_pyproject(path)
    else:
        data = load(path)
        if data is None:
            data = LDict()
            data.line, data.lines = 1, {}
        line_of = None
    _apply(cfg, data, str(path), line_of, cfg.root, seen=())
    return cfg


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))


def _preset_path(name: str) -> Path | None:
    name = PRESET_ALIASES.get(name, name)
    p = PRESETS_DIR / f"{name}.yaml"
    return p if p.is_file() else None


def _read_pyproject(path: Path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(str(path), f"TOML 语法错误：{exc}", int(m.group(1)) if m else None) from None
    section = data.get("tool", {}).get("gwlint", {})
    lines = text.splitlines()
    start = next((i for i, s in enumerate(lines) if re.match(r"\s*\[\s*tool\.gwlint\s*[\].]", s)), 0)

    def line_of(key: str) -> int | None:
        pat = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(start, len(lines)):
            if pat.match(lines[i]):
                return i + 1
        return start + 1

    return section, line_of


def _apply(cfg: Config, data, file: str, line_of, root: Path, seen: tuple) -> None:
    def line(key=None, node=data):
        if line_of is not None:
            return line_of(key) if key is not None else None
        if key is not None and isinstance(node, LDict):
            return node.line_of(key)
        return getattr(node, "line", None)

    def err(msg, key=None, node=data):
        return ConfigError(file, msg, line(key, node))

    validate(data, FIELDS, file, shape="配置文件的顶层必须是映射（键: 值）", unknown="未知的配置项",
             lines=line_of)

    def str_list(key) -> list[str]:
        v = data[key]
        return [x.strip() for x in ([v] if isinstance(v, str) else v)]

    def boolean(key) -> bool:
        return data[key]

    # Presets first, so that the file's own keys override them.
    if "extends" in data:
        for name in str_list("extends"):
            p = _preset_path(name)
            if p is None:
                raise err(f"未知的预设“{name}”（可用：{'、'.join(preset_names())}，"
                          f"或{'、'.join(PRESET_ALIASES)}）", "extends")
            if p in seen:
                raise err(f"预设“{name}”循环引用", "extends")
            pdata = load(p, f"预设 {p.stem}")
            _apply(cfg, pdata if pdata is not None else {}, f"预设 {p.stem}", None, root, seen + (p,))
            if not seen:
                cfg.extends.append(name)
    if "select" in data:
        cfg.select = str_list("select")
        _remember(cfg, data, "select", file, line)
    if "ignore" in data:
        cfg.ignore += [s for s in str_list("ignore") if s not in cfg.ignore]
        _remember(cfg, data, "ignore", file, line)
    if "preview" in data:
        cfg.preview = boolean("preview")
    if "public" in data:
        cfg.public = boolean("public")
    if "doctype" in data:
        if data["doctype"] not in ALL_TYPES:
            raise err(f"未知的文种“{data['doctype']}”（可选：{'、'.join(ALL_TYPES)}）", "doctype")
        cfg.doctype = data["doctype"]
    if "fail-level" in data:
        if data["fail-level"] not in SEVERITIES:
            raise err(f"“fail-level”应为 {'、'.join(SEVERITIES)} 之一", "fail-level")
        cfg.fail_level = data["fail-level"]
    if "exclude" in data:
        cfg.exclude += str_list("exclude")
    if "per-file-ignores" in data:
        _per_file(cfg, data["per-file-ignores"], file, line("per-file-ignores"), err)
    if "allow" in data:
        cfg.allow += [s for s in str_list("allow") if s not in cfg.allow]
    for key, attr in (("rule-dirs", "rule_dirs"), ("reference-dirs", "reference_dirs")):
        if key in data:
            for d in str_list(key):
                p = (root / d).resolve()
                if not inside(p, root):
                    raise err(f"“{key}”中的文件夹“{d}”不在配置文件所在的文件夹之内：配置只能使用它自己文件夹中的文件", key)
                if not p.is_dir():
                    raise err(f"“{key}”中的文件夹“{d}”不存在", key)
                getattr(cfg, attr).append(p)
    if "waivers" in data:
        w = root / data["waivers"].strip()
        if Path(data["waivers"].strip()).is_absolute() or not inside(w, root):
            raise err("“waivers”应为配置文件所在文件夹之内的相对路径：gwlint 不在配置的文件夹之外读写文件", "waivers")
        if not w.name.endswith((".yaml", ".yml")):
            raise err("“waivers”应为 .yaml 或 .yml 文件", "waivers")
        cfg.waivers = Path(os.path.normpath(os.path.abspath(w)))
    if "max-file-size" in data:
        v = data["max-file-size"]
        if not 0 < v <= 4096:
            raise err("“max-file-size”应为 0 到 4096 之间的数（单位 MB）", "max-file-size")
        cfg.max_file_size = float(v)
    if "people" in data:  # the leaders' list: the people option of FC017 and FC018
        people = data["people"]
        if not isinstance(people, list) or not all(
                isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("title", ""), str)
                and set(p) <= {"name", "title"} for p in people):
            raise err("“people”应为列表，每项形如 {name: 姓名, title: 职务}", "people")
        for code in ("FC017", "FC018"):
            cfg.rules[code] = _rule_setting(cfg.rules.get(code), {"people": [dict(p) for p in people]},
                                            file, line("people"))
    if "csc-model" in data:  # the neural spelling model: the model option of WD015, which it turns on
        folder = Path(os.path.expanduser(data["csc-model"].strip()))
        rs = cfg.rules[CSC_RULE] = _rule_setting(cfg.rules.get(CSC_RULE), {"model": str(root / folder)},
                                                 file, line("csc-model"))
        if rs.enabled is None:
            rs.enabled = True
    if "rules" in data:
        rules = data["rules"]
        for code, value in rules.items():
            ln = line_of(str(code)) if line_of is not None else (rules.line_of(code) if isinstance(rules, LDict) else None)
            cfg.rules[str(code)] = _rule_setting(cfg.rules.get(str(code)), value, file, ln)


def _per_file(cfg: Config, node, file: str, line: int | None, err) -> None:
    """``per-file-ignores: {glob: [selectors]}`` (a single selector may be a string)."""
    if not isinstance(node, dict):
        raise err("“per-file-ignores”应为映射：glob: [规则代码、名称、前缀或类别]", "per-file-ignores")
    for glob, value in node.items():
        ln = node.line_of(glob) if isinstance(node, LDict) else line
        if isinstance(value, str):
            value = [value]
        if not isinstance(glob, str) or not glob.strip() or not isinstance(value, list) \
                or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(file, f"“per-file-ignores”中“{glob}”的值应为规则代码、名称、前缀或类别的列表", ln)
        cfg.per_file_ignores.setdefault(glob.strip(), [])
        cfg.per_file_ignores[glob.strip()] += [v.strip() for v in value]
        cfg.per_file_lines[glob.strip()] = (file, ln)


def _remember(cfg: Config, data, key: str, file: str, line) -> None:
    node = data[key]
    for i, s in enumerate(node if isinstance(node, list) else [node]):
        ln = node.line_of(i) if isinstance(node, LList) else line(key)
        cfg.selector_lines.setdefault(str(s).strip(), (file, ln))


_RULE_HELP = "应为 off、on、error、warning、suggestion，或 {severity: …, 选项名: 值}"


def _rule_setting(old: RuleSetting | None, value, file: str, line: int | None) -> RuleSetting:
    rs = RuleSetting(old.enabled, old.severity, dict(old.options)) if old else RuleSetting()
    rs.where, rs.line, rs.file = f"{file}:{line}" if line else file, line, file
    # YAML 1.1 reads a bare off/on as false/true.
    if value is False or value == "off":
        rs.enabled = False
    elif value is True or value == "on":
        rs.enabled = True
    elif isinstance(value, str):
        if value not in SEVERITIES:
            raise ConfigError(file, f"规则的设置“{value}”{_RULE_HELP}", line)
        rs.severity = value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k == "severity":
                if v is False or v == "off":
                    rs.enabled = False
                elif v not in SEVERITIES:
                    raise ConfigError(file, f"severity 应为 {'、'.join(SEVERITIES)} 或 off", line)
                else:
                    rs.severity = v
            else:
                rs.options[k] = v
    else:
        raise ConfigError(file, f"规则的设置{_RULE_HELP}", line)
    return rs
