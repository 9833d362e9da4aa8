"""gwlint as a library: the one way a check is run, by the command line and by other programs.

    import lint
    report = lint.check(pathlib.Path("通知.docx"))           # a file (or a folder, or a list of them)
    report = lint.check("关于……的通知\n各乡镇：\n……", name="通知.txt")  # the text of a draft
    for f in report.findings:
        print(f.path, f.line, f.code, f.message)

A :class:`~lint.model.report.Report` holds one :class:`~lint.model.report.FileResult` per draft
(``findings``, or ``error`` for a draft that could not be read) and the rules that ran. Nothing
is printed and nothing is written; configuration is found as the command line finds it (from
each draft's folder upwards, or from the current folder for text), unless ``config`` names a
file. Each call is independent, so a large archive can be checked as a map over documents on
any engine that maps a function (multiprocessing, Dask, Spark): see the README.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Union

from ..model.report import Report
from ..policy.exit import report_level
from .collect import STDIN, Plan

Source = Union[str, bytes, "os.PathLike[str]", Iterable["os.PathLike[str]"]]


def check(source: Source, *, name: str | None = None, config: str | os.PathLike | None = None,
          select: Iterable[str] | None = None, ignore: Iterable[str] = (), preview: bool = False,
          doctype: str | None = None, public: bool | None = None, jobs: int = 1) -> Report:
    """Check drafts and return the report.

    ``source``: a path (``pathlib.Path`` or any ``os.PathLike``: a ``.docx``/``.txt``/``.md``
    file or a folder), a list of paths, the text of a draft (``str``) or its bytes (``bytes``,
    any encoding gwlint detects). ``name`` is the name a text is reported under. The other
    arguments are the command line's options of the same names. Bad input is not an exception:
    it is a result with an ``error``; a bad configuration or rule file raises
    :class:`lint.errors.GwlintError`.
    """
    from ..config.settings import Overrides

    data: bytes | None = None
    if isinstance(source, str):
        paths, data = [STDIN], source.encode("utf-8")
    elif isinstance(source, (bytes, bytearray)):
        paths, data = [STDIN], bytes(source)
    elif isinstance(source, os.PathLike):
        paths = [os.fspath(source)]
    else:
        paths = [os.fspath(p) for p in source]
    overrides = Overrides(select=list(select) if select is not None else None, ignore=list(ignore),
                          preview=preview, doctype=doctype, public=public)
    report, _ = run_check(paths, overrides, config=os.fspath(config) if config is not None else None,
                          jobs=jobs, stdin_data=data, stdin_name=name)
    return report


def run_check(paths: list[str], overrides, config: str | None = None, jobs: int = 1,
              stdin_data: bytes | None = None, stdin_name: str | None = None,
              progress: Callable[[int, int], None] | None = None,
              keep_docs: bool | str = False, before: Callable[[Plan], None] | None = None) -> tuple[Report, Plan]:
    """Plan, check and apply waivers: (report, plan). ``keep_docs``: the report prints the
    drafts' text (HTML, Markdown, Word comments), so the documents must come back from workers;
    ``"quoted"``: only the paragraphs the findings quote (the text report).
    ``before(plan)`` runs once the drafts are known and before any is checked (the command line
    refuses there an output that is one of them: lint/app/outputs.py)."""
    from ..policy.waivers import apply, load_waivers
    from .jobs import run

    # The name of standard input is its name in the report and finds its configuration.
    plan = Plan(list(paths), overrides, config, stdin_name=stdin_name)
    if before is not None:
        before(plan)
    timing: dict[str, float] | None = {} if overrides.timing else None
    results = run(plan, jobs, stdin_data, timing, progress, keep_docs=keep_docs)
    report = Report(results, fail_level=report_level(s.fail_level for s, _ in plan.contexts.values()),
                    rules=plan.rules, timing=timing, excluded=plan.excluded)
    for key, (settings, rules) in plan.contexts.items():
        mine = [r for t, r in zip(plan.tasks, results) if t.context == key]
        if settings.waivers_path is None or not mine:
            continue
        waivers = load_waivers(settings.waivers_path, settings.root)
        if waivers.entries:
            report.stale_waivers += apply(waivers, mine, {r.code for r in rules})
            report.waivers_path = str(settings.waivers_path)
    return report, plan


__all__ = ["check", "run_check"]
