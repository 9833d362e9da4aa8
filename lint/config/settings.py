"""Run settings: what to check and how strictly.

The project file (lint/config/file.py) gives the defaults, the command line overrides them, and
:func:`resolve` turns both into Settings plus the list of rules to run. Everything a worker
process needs is in Settings and the rules, so a batch run can share them with its workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .file import Config
from ..errors import ConfigError, UsageError


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    preview: bool = False
    fail_level: str = "warning"
    severities: dict[str, str] = field(default_factory=dict)  # code -> severity
    options: dict[str, dict] = field(default_factory=dict)  # code -> tunable options
    doctype: str | None = None
    public: bool = False  # the draft is for public release: 保密 rules report 密级 marks
    rule_dirs: list[Path] = field(default_factory=list)
    reference_dirs: list[Path] = field(default_factory=list)
    timing: bool = False
    allow: list[str] = field(default_factory=list)  # findings inside these terms are not reported
    exclude: list[str] = field(default_factory=list)
    root: Path | None = None  # the configuration's folder: exclude globs and waivers are relative to it
    config_path: Path | None = None
    waivers_path: Path | None = None
    max_bytes: int | None = None  # text drafts larger than this are refused (None: the default)


@dataclass
class Overrides:
    """What the command line says; None means "not given, use the configuration"."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    preview: bool = False
    fail_level: str | None = None
    doctype: str | None = None
    public: bool | None = None
    timing: bool = False


def resolve(cfg: Config, cli: Overrides | None = None, cache: dict | None = None):
    """(Settings, rules to run) for one configuration and the command-line overrides. ``cache``
    (one per run) shares the loaded rules between configurations with the same rule folders."""
    from ..engine.rules import known_selector, load_rules, select_rules

    cli = cli or Overrides()
    key = (tuple(cfg.rule_dirs), tuple(cfg.reference_dirs))
    cache = {} if cache is None else cache
    if key not in cache:
        from ..engine.wordlists import check_dirs

        check_dirs(cfg.reference_dirs)  # additions to word lists: checked on every run
        cache[key] = load_rules(*key)
    ruleset = cache[key]
    for s in (cli.select or []) + cli.ignore:
        if not known_selector(ruleset, s):
            raise UsageError(f"未知的规则、代码前缀或类别“{s}”（用 gwlint rules 查看所有规则）")
    for s in (cfg.select or []) + cfg.ignore:
        if not known_selector(ruleset, s):
            file, line = cfg.selector_lines.get(s, (str(cfg.path), None))
            raise ConfigError(file, f"未知的规则、代码前缀或类别“{s}”（用 gwlint rules 查看所有规则）", line)
    per_rule = {}
    for key, rs in cfg.rules.items():
        rule = ruleset.get(key)
        if rule is None:
            raise ConfigError(rs.file, f"未知的规则代码“{key}”（用 gwlint rules 查看所有规则）", rs.line)
        per_rule[rule.code] = rs
    off = [code for code, rs in per_rule.items() if rs.enabled is False]
    select = cli.select if cli.select is not None else cfg.select
    ignore = cfg.ignore + off + cli.ignore
    preview = cli.preview or bool(cfg.preview)
    rules = select_rules(ruleset, select, ignore, preview)
    chosen = {r.code for r in rules}
    # The command line wins: a rule that --select names (code, name or alias) runs even when the
    # configuration's ignore or `rules: {CODE: off}` turns it off; only --ignore stops it.
    if cli.select:
        from ..engine.rules import _matches

        for rule in select_rules(ruleset, cli.select, cli.ignore, preview):
            if rule.code not in chosen and any(_matches(rule, s)[1] for s in cli.select):
                rules.append(rule)
                chosen.add(rule.code)
    # `rules: {CODE: on}` (or a severity) turns on a rule the selection left out, e.g. a preview
    # rule; the command line's --ignore still wins.
    cli_ignored = {r.code for r in ruleset} - {r.code for r in select_rules(ruleset, ["ALL"], cli.ignore, True)}
    for code, rs in per_rule.items():
        if rs.enabled and code not in chosen and cli.select is None and code not in cli_ignored:
            rules.append(ruleset.get(code))
    rules.sort(key=lambda r: r.code)
    options = {code: rs.options for code, rs in per_rule.items() if rs.options}
    rules = [r.with_options(options[r.code], per_rule[r.code].where) if r.code in options else r
             for r in rules]
    settings = Settings(
        select=select, ignore=ignore, preview=preview,
        fail_level=cli.fail_level or cfg.fail_level or "warning",
        severities={code: rs.severity for code, rs in per_rule.items() if rs.severity},
        options=options,
        doctype=cli.doctype or cfg.doctype,
        public=cli.public if cli.public is not None else bool(cfg.public),
        rule_dirs=list(cfg.rule_dirs), reference_dirs=list(cfg.reference_dirs),
        timing=cli.timing, allow=list(cfg.allow), exclude=list(cfg.exclude),
        root=cfg.root.resolve(), config_path=cfg.path, waivers_path=cfg.waivers_path,
        max_bytes=int(cfg.max_file_size * 1024 * 1024) if cfg.max_file_size else None,
    )
    return settings, rules
