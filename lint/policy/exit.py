"""Severities, ``--fail-level``, ``--exit-zero`` and the exit code of a run.

Exit codes: 0 no finding at or above the fail level (or ``--exit-zero``); 1 findings at or
above it; 2 a usage, input or configuration error (a draft that cannot be read included);
3 an internal error; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from typing import Iterable

from ..model.finding import SEVERITIES, SEVERITY_RANK, Finding

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPT = 0, 1, 2, 3, 130
DEFAULT_FAIL_LEVEL = "warning"


def at_or_above(findings: Iterable[Finding], level: str) -> int:
    """How many live (not waived) findings are at least as serious as ``level``."""
    rank = SEVERITY_RANK[level]
    return sum(1 for f in findings if not f.waived and SEVERITY_RANK[f.severity] >= rank)


def fail_level(cli: str | None, config: str | None) -> str:
    """The command line wins over the configuration, which wins over the default."""
    return cli or config or DEFAULT_FAIL_LEVEL


def report_level(levels: Iterable[str]) -> str:
    """The fail level a multi-configuration report states: the most serious of its
    configurations' (each draft is still judged by its own, see :func:`exit_code`)."""
    levels = set(levels)
    return min(levels, key=SEVERITIES.index) if levels else DEFAULT_FAIL_LEVEL


def exit_code(report, levels: dict[str, str], exit_zero: bool = False) -> int:
    """The exit code of a check. ``levels``: each draft's fail level by its display name."""
    if getattr(report, "internal_errors", None):  # a check crashed: gwlint's fault, whatever else happened
        return EXIT_INTERNAL
    if report.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    failing = any(at_or_above(r.findings, levels.get(r.path, report.fail_level)) for r in report.results)
    return EXIT_FINDINGS if failing else EXIT_OK
