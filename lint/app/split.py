"""Check one large draft with its rules shared between this process and a forked worker.

``--jobs`` shares the drafts of a folder between processes; a single large draft (a compiled
volume, a year's minutes in one file) would still be checked by one core. Above
``SPLIT_CHARS`` characters, and where processes fork, the document is analysed here once
(:func:`lint.analysis.structure.prepare`), then a worker forked from this process (a
one-process :class:`concurrent.futures.ProcessPoolExecutor`) inherits it, and the two take
rules from one shared counter until none is left: whoever is free takes the next rule, so the
work evens out without knowing what each rule costs. The rules that usually cost most
(``kind: python``) are handed out first. Each rule runs whole in one process, so the findings,
once merged and sorted, are exactly those of a check in one process.

If the worker cannot be started or dies (even while it holds the counter's lock: each side
waits for the lock in short steps and looks whether the other is still there), the rules it
had taken are checked here.
"""

from __future__ import annotations

import os
import sys
import threading

from ..analysis.structure import prepare
from ..engine.rules import check_document
from ..model.finding import Finding

# Below this many characters a draft is checked in one process: forking a worker and sending
# its findings back costs some 10-20 ms, a tenth of the check of a draft this size.
SPLIT_CHARS = 200_000
_STEP = 0.05  # seconds: how often a process waiting for the lock looks whether the other lives

_SHARED: dict = {}  # what the forked worker inherits: the document, the rules, the counter


def can_split(doc, workers: int) -> bool:
    return (workers > 1 and doc.text_chars >= SPLIT_CHARS and hasattr(os, "fork")
            # a process with threads is not forked: Python's own, or a neural model's runtime
            # (WD015), whose native threads would not exist in the worker
            and threading.active_count() == 1 and "onnxruntime" not in sys.modules)


def _units(rules: list) -> list[list]:
    """The rules in units claimed whole: the python rules of one check module share what they
    work out on the document (the module's helpers keep it there), and so do the series rules
    (the numbered series); each process that ran one of them would work it out again. Other
    rules go one by one, so that the two processes finish close together."""
    units: dict = {}
    for r in rules:
        key = (r.compiled.params["function"].partition(":")[0] if r.kind == "python"
               else r.kind if r.kind == "series" else r.code)
        units.setdefault(key, []).append(r)
    return list(units.values())


def _claim(rules: list, counter, lock, taken: list[int], other_alive):
    """The rules this process takes from the shared counter, one at a time. A process that
    died holding the lock never gives it back: then the counter is this process's alone."""
    while True:
        held = False
        while not held:
            held = lock.acquire(timeout=_STEP)
            if not held and not other_alive():
                break
        try:
            i = counter.value
            counter.value = i + 1
        finally:
            if held:
                lock.release()
        if i >= len(rules):
            return
        taken.append(i)
        yield from rules[i]


def _worker() -> bytes:
    import pickle

    doc, rules, severities, counter, lock, parent = (
        _SHARED[k] for k in ("doc", "rules", "severities", "counter", "lock", "parent"))
    taken: list[int] = []
    alive = lambda: os.getppid() == parent  # noqa: E731
    findings = check_document(doc, _claim(rules, counter, lock, taken, alive), severities)
    return pickle.dumps((taken, findings))


def check_split(doc, rules: list, severities: dict | None = None) -> list:
    """The findings of ``rules`` on ``doc``, checked here and in one forked worker."""
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from .jobs import _init_forked, _stop, _terminate_as_exit

    prepare(doc)  # once, before the fork: both processes read the same analysis
    # stable: python rules first, then the series rules (one unit, some 18 ms on a 2 MB draft),
    # and the rest one by one, so that each process ends on small pieces of work
    ordered = _units(sorted(rules, key=lambda r: (r.kind != "python", r.kind != "series")))
    ctx = multiprocessing.get_context("fork")
    counter, lock = ctx.RawValue("q", 0), ctx.Lock()
    _SHARED.update(doc=doc, rules=ordered, severities=severities, counter=counter, lock=lock,
                   parent=os.getpid())
    mine: list[int] = []
    theirs: list[int] = []
    try:
        with _terminate_as_exit():
            try:
                executor = ProcessPoolExecutor(1, mp_context=ctx, initializer=_init_forked)
                future = executor.submit(_worker)
            except (OSError, ValueError, RuntimeError):  # no process can be started here
                executor, future = None, None
            alive = (lambda: not future.done()) if future is not None else (lambda: False)
            try:
                findings = check_document(doc, _claim(ordered, counter, lock, mine, alive), severities)
                if future is not None:
                    try:
                        theirs, more = pickle.loads(future.result())
                        findings += more
                    except Exception:  # the worker died or failed: its rules are checked here
                        theirs = []
            except BaseException:
                if executor is not None:
                    _stop(executor)
                raise
            if executor is not None:
                executor.shutdown(wait=True)
    finally:
        _SHARED.clear()
    done = set(mine) | set(theirs)
    left = [r for i, unit in enumerate(ordered) if i not in done for r in unit]
    if left:
        findings += check_document(doc, left, severities)
    findings.sort(key=Finding.sort_key)  # the order of a check in one process (engine.rules)
    return findings
