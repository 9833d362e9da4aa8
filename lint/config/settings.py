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
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> selectors
    cli_exclude_root: Path | None = None  # --exclude globs given: also matched from this folder
    max_bytes: int | None = None  # text drafts larger than this are refused (None: the default)
    notes: list[str] = field(default_factory=list)  # rules selected that cannot run, and why


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
    extend_select: list[str] = field(default_factory=list)
    exclude: list[str] | None = None  # replaces the configuration's exclude
    extend_exclude: list[str] = field(default_factory=list)


def resolve(cfg: Config, cli: Overrides | None = None, cache: dict | None = None):
    """(Settings, rules to run) for one configuration and the command-line overrides. ``cache``
    (one per run) shares the loaded rules between configurations with the same rule folders."""
    from ..engine.rules import load_rules
    from ..policy import exit as exit_policy, selection

    cli = cli or Overrides()
    key = (tuple(cfg.rule_dirs), tuple(cfg.reference_dirs))
    cache = {} if cache is None else cache
    if key not in cache:
        from ..engine.wordlists import check_dirs

        check_dirs(cfg.reference_dirs)  # additions to word lists: checked on every run
        cache[key] = load_rules(*key)
    ruleset = cache[key]
    selection.check_cli(ruleset, (cli.select or []) + cli.extend_select + cli.ignore)
    selection.check_config(ruleset, (cfg.select or []) + cfg.ignore, cfg.selector_lines, str(cfg.path))
    selection.check_per_file(ruleset, cfg.per_file_ignores, cfg.per_file_lines, str(cfg.path))
    per_rule = {}
    for key, rs in cfg.rules.items():
        rule = ruleset.get(key)
        if rule is None:
            raise ConfigError(rs.file, selection.unknown_rule_message(ruleset, key), rs.line)
        per_rule[rule.code] = rs
    off = [code for code, rs in per_rule.items() if rs.enabled is False]
    select = cli.select if cli.select is not None else cfg.select
    preview = cli.preview or bool(cfg.preview)
    # The configuration's ignore and `off` never undo what the command line names explicitly;
    # the command line's own --ignore always applies.
    chosen_cli = (cli.select or []) + cli.extend_select
    rules = selection.select_rules(ruleset, select, cfg.ignore + off, preview, cli.extend_select, keep=chosen_cli)
    rules = selection.without(rules, cli.ignore)
    chosen = {r.code for r in rules}
    # `rules: {CODE: on}` (or a severity) turns on a rule the selection left out, e.g. a preview
    # rule; the command line's --select and --ignore still win.
    for code, rs in per_rule.items():
        if rs.enabled and code not in chosen and cli.select is None \
                and not any(selection.matches(ruleset.get(code), s)[0] for s in cli.ignore):
            rules.append(ruleset.get(code))
    rules.sort(key=lambda r: r.code)
    if not rules:  # never a silent run of nothing
        raise UsageError(selection.nothing_selected(ruleset, select, cli.extend_select, preview,
                                                    cfg.ignore + off + cli.ignore))
    options = {code: rs.options for code, rs in per_rule.items() if rs.options}
    rules = [r.with_options(options[r.code], per_rule[r.code].where) if r.code in options else r
             for r in rules]
    # A model to load: before any draft. A rule that cannot run says so when it was asked for
    # (named, or configured); a preview rule that --preview merely swept in stays quiet.
    named = set(per_rule) | {r.code for r in rules
                             if any(selection.matches(r, s)[1] for s in list(select or []) + chosen_cli)}
    notes = [n for r in rules if (n := r.prepare()) and (r.code in named or r.status != "preview")]
    exclude = list(cfg.exclude) if cli.exclude is None else list(cli.exclude)
    settings = Settings(
        select=select, ignore=cfg.ignore + off + cli.ignore, preview=preview,
        fail_level=exit_policy.fail_level(cli.fail_level, cfg.fail_level),
        severities={code: rs.severity for code, rs in per_rule.items() if rs.severity},
        options=options,
        doctype=cli.doctype or cfg.doctype,
        public=cli.public if cli.public is not None else bool(cfg.public),
        rule_dirs=list(cfg.rule_dirs), reference_dirs=list(cfg.reference_dirs),
        timing=cli.timing, allow=list(cfg.allow), exclude=exclude + list(cli.extend_exclude),
        root=cfg.root.resolve(), config_path=cfg.path, waivers_path=cfg.waivers_path,
        per_file_ignores={g: list(v) for g, v in cfg.per_file_ignores.items()},
        cli_exclude_root=Path.cwd().resolve() if cli.exclude is not None or cli.extend_exclude else None,
        max_bytes=int(cfg.max_file_size * 1024 * 1024) if cfg.max_file_size else None,
        notes=notes,
    )
    return settings, rules
