"""Which rules run: ``--select``, ``--extend-select``, ``--ignore``, the configuration's
``select``/``ignore``/``rules: {CODE: off}`` and ``per-file-ignores``.

A selector is, case-insensitively, ``ALL``, a category key (``punctuation``) or its Chinese label
(``标点符号``), a rule code (``PN001``), a code prefix (``PN``, ``pn0``), a rule name or an alias.
A selector that names no rule is an error that lists the close matches: a typing slip never
becomes a silent run of nothing.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from typing import Iterable

from ..engine.rules import CATEGORIES, Rule, RuleSet
from ..errors import ConfigError, UsageError

_PREFIX = re.compile(r"^[A-Z]{1,2}\d{0,3}$")
_LABELS = {label: key for key, (_, label) in CATEGORIES.items()}


def _category(selector: str) -> str | None:
    s = selector.strip()
    if s.lower() in CATEGORIES:
        return s.lower()
    return _LABELS.get(s)


def matches(rule: Rule, selector: str) -> tuple[bool, bool]:
    """(matches, explicitly): an explicit selection (code, name, alias) enables a preview or a
    deprecated rule; a category, a prefix or ``ALL`` enables only the rules that run by default."""
    s = selector.strip()
    low, up = s.lower(), s.upper()
    if up == rule.code or low == rule.name or low in (a.lower() for a in rule.aliases):
        return True, True
    if up == "ALL" or _category(s) == rule.category:
        return True, False
    if _PREFIX.match(up) and rule.code.startswith(up):
        return True, False
    return False, False


def known(ruleset: RuleSet, selector: str) -> bool:
    """True when ``selector`` names at least one rule of ``ruleset`` (or ``ALL``)."""
    s = selector.strip()
    if s.upper() == "ALL" or _category(s):
        return True
    return any(matches(r, s)[0] for r in ruleset)


def close_matches(ruleset: RuleSet, selector: str, n: int = 3) -> list[str]:
    """The selectors nearest to ``selector`` (codes, names, aliases, categories)."""
    words = {"ALL": "ALL"}
    for key, (prefix, label) in CATEGORIES.items():
        words[key] = key
        words[label] = label
        words[prefix.lower()] = prefix
    for r in ruleset:
        words[r.code.lower()] = r.code
        words[r.name] = r.name
        for a in r.aliases:
            words[a.lower()] = a
    hits = difflib.get_close_matches(selector.strip().lower(), list(words), n=n, cutoff=0.6)
    return list(dict.fromkeys(words[h] for h in hits))


def unknown_message(ruleset: RuleSet, selector: str) -> str:
    near = close_matches(ruleset, selector)
    hint = f"，是否想用：{'、'.join(near)}" if near else ""
    return f"没有与“{selector}”相符的规则、类别或代码前缀{hint}（用 gwlint rules 查看所有规则与类别）"


def unknown_rule_message(ruleset: RuleSet, key: str) -> str:
    near = [n for n in close_matches(ruleset, key) if ruleset.get(n) is not None]
    hint = f"，是否想用：{'、'.join(near)}" if near else ""
    return f"未知的规则代码“{key}”{hint}（用 gwlint rules 查看所有规则）"


def nothing_selected(ruleset: RuleSet, select, extend, preview: bool, ignore=()) -> str:
    """Why a selection ran no rule, and what would."""
    chosen = list(select or []) + list(extend or [])
    if chosen and not preview and select_rules(ruleset, select, ignore, True, extend):
        return f"所选的规则（{'、'.join(chosen)}）都是预览规则：加 --preview 运行，或直接写出规则代码"
    return "所选的规则都被 --ignore、ignore 或 rules: {代码: off} 排除了，这次没有要运行的规则"


def check_cli(ruleset: RuleSet, selectors: Iterable[str]) -> None:
    for s in selectors:
        if not known(ruleset, s):
            raise UsageError(unknown_message(ruleset, s))


def check_config(ruleset: RuleSet, selectors: Iterable[str], lines: dict, default_file: str) -> None:
    for s in selectors:
        if not known(ruleset, s):
            file, line = lines.get(s, (default_file, None))
            raise ConfigError(file, unknown_message(ruleset, s), line)


def select_rules(ruleset: RuleSet, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                 preview: bool = False, extend_select: Iterable[str] = (),
                 keep: Iterable[str] = ()) -> list[Rule]:
    """The rules ``select`` chooses (None: the default set), plus ``extend_select``, minus
    ``ignore``. Preview rules run only with ``preview`` or when named explicitly; deprecated
    rules only when named. ``keep`` (selectors) are never removed by ``ignore``: the command
    line's explicit choice beats the configuration's."""
    select = list(select or [])
    extend = list(extend_select or [])
    ignore = list(ignore or [])
    keep = list(keep or [])
    chosen = []
    for rule in ruleset:
        if not (_chosen(rule, select, preview, default=True) or (extend and _chosen(rule, extend, preview))):
            continue
        if any(matches(rule, s)[0] for s in ignore) and not any(matches(rule, s)[1] for s in keep):
            continue
        chosen.append(rule)
    return chosen


def without(rules: list[Rule], ignore: Iterable[str]) -> list[Rule]:
    """``rules`` less those any of ``ignore`` matches."""
    ignore = list(ignore or [])
    return [r for r in rules if not any(matches(r, s)[0] for s in ignore)] if ignore else rules


def _chosen(rule: Rule, selectors: list[str], preview: bool, default: bool = False) -> bool:
    if not selectors:
        return default and rule.status == "stable" or (default and preview and rule.status == "preview")
    hits = [matches(rule, s) for s in selectors]
    if not any(m for m, _ in hits):
        return False
    explicit = any(e for _, e in hits)
    if rule.status == "deprecated":
        return explicit
    return rule.status == "stable" or explicit or preview


# --- per-file ignores -------------------------------------------------------------------------

def check_per_file(ruleset: RuleSet, per_file: dict[str, list[str]], where: dict, default_file: str) -> None:
    for glob, selectors in per_file.items():
        check_config(ruleset, selectors, {s: where.get(glob, (default_file, None)) for s in selectors},
                     default_file)


def ignored_here(per_file: dict[str, list[str]], rel_path: str | None, name: str) -> list[str]:
    """The selectors that ``per-file-ignores`` turns off for a draft (path relative to the
    configuration's folder, with / separators; ``name`` its file name)."""
    out: list[str] = []
    for glob, selectors in per_file.items():
        g = glob.rstrip("/")
        if (rel_path is not None and (fnmatch.fnmatchcase(rel_path, g) or fnmatch.fnmatchcase(rel_path, g + "/*")))\
                or ("/" not in g and fnmatch.fnmatchcase(name, g)):
            out += selectors
    return out


def rules_for_file(rules: list[Rule], per_file: dict[str, list[str]], rel_path: str | None,
                   name: str) -> list[Rule]:
    off = ignored_here(per_file, rel_path, name)
    return without(rules, off)
