"""Check the drafts of a plan, in this process or in several.

A file that cannot be read, or whose check fails, becomes a result with an ``error`` and the
others are still checked. With ``jobs > 1`` the drafts go in batches to a
:class:`concurrent.futures.ProcessPoolExecutor`. Where processes fork, its workers inherit the
rules already loaded here, so starting one costs a few milliseconds; elsewhere (Windows) they
load the configuration and rules themselves.

Workers never outlive the run: Ctrl-C or SIGTERM stops and reaps them, and on Linux each worker
asks the kernel to end it when this process dies, however it dies. A worker that dies while
checking a draft (killed, or crashed in a library) costs only that draft: the drafts it had not
finished are checked again, one at a time, and the one that kills its worker again gets an error.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from functools import partial
from typing import Callable

from ..cache import get_cache
from ..config.file import load_config
from ..config.settings import Overrides, resolve
from ..model.report import FileResult
from .checking import check_one
from .collect import Plan, Task

_STATE: dict = {}  # the plan's contexts: here, inherited by forked workers, rebuilt by spawned ones

DIED = "检查此文稿的工作进程意外退出，请用 --jobs 1 单独检查此文稿"


def _init_forked() -> None:
    """A forked worker has the rules already; it only takes its signals in hand."""
    _worker_signals()


def _init_spawned(config_paths: dict, overrides: Overrides) -> None:
    """A spawned worker starts empty: it loads the configuration and rules itself."""
    _worker_signals()
    cache: dict = {}
    _STATE["contexts"] = {k: resolve(load_config(p), overrides, cache) for k, p in config_paths.items()}


def _worker_signals() -> None:
    # Ctrl-C reaches the whole process group: the run is stopped by this process's parent, so
    # the workers do not print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):  # end with the parent, even when it is killed outright
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:  # the parent died before the request was made
                os._exit(1)
        except (OSError, AttributeError):
            pass


def _work(task: Task, stdin_data: bytes | None = None, timing: dict | None = None,
          strip: bool = False, drop_doc: bool = False, workers: int = 1, alone: bool = False) -> tuple[int, FileResult]:
    """Check one draft. ``strip``: keep only a copy of the document fit to cross a process
    boundary; ``drop_doc``: keep no document (the report does not print the drafts' text, and a
    batch of thousands of drafts must not hold them all in memory), unless ``alone`` (the run's
    only draft), where its waiver hashes may still be worked out from it when first read."""
    if task.error is not None:
        return task.index, FileResult(task.display, error=task.error)
    settings, rules = _STATE["contexts"][task.context]
    try:
        result = check_one(task.display, task.path, rules, settings, stdin_data, timing, workers)
    except Exception as exc:  # one broken file must not stop the batch
        return task.index, FileResult(task.display, error=f"检查时出现内部错误（{type(exc).__name__}: {exc}）",
                                          internal=True)
    if drop_doc:
        result.doc = None
        if not alone and hasattr(result.fingerprints, "settle"):
            result.fingerprints.settle()  # lets go of the document
    elif strip and result.doc is not None:
        if not alone and hasattr(result.fingerprints, "settle"):
            result.fingerprints.settle()  # worked out now, while the whole document is here
        result.doc = result.doc_for_report(quoted=strip == "quoted")
    return task.index, result


def _pickled(task: Task, i: int, result: FileResult) -> tuple[int, bytes | FileResult]:
    """One result pickled alone: one that cannot travel back out of a worker becomes an error
    for this file instead of stopping the run."""
    import pickle  # workers only: a run in one process never loads it

    try:
        return i, pickle.dumps(result)
    except Exception as exc:
        return i, FileResult(task.display, error=f"检查结果无法传回主进程（{type(exc).__name__}: {exc}），请用 --jobs 1 重试",
                             internal=True)


def _work_batch(batch: list[Task], keep_doc: bool | str = True) -> bytes | list[tuple[int, bytes | FileResult]]:
    """The results of a batch, pickled together (what the drafts share, rule names and bases,
    is written once), or one by one if that fails. ``keep_doc``: True, a report copy of the
    whole document; ``"quoted"``, of the paragraphs the findings quote; False, none."""
    import pickle

    done = [_work(t, strip=keep_doc, drop_doc=not keep_doc) for t in batch]
    try:
        return pickle.dumps(done)
    except Exception:
        return [_pickled(t, i, r) for t, (i, r) in zip(batch, done)]


def run(plan: Plan, jobs: int = 1, stdin_data: bytes | None = None, timing: dict | None = None,
        progress: Callable[[int, int], None] | None = None, keep_docs: bool | str = True) -> list[FileResult]:
    """Check every file of ``plan``; results come back in the order of the plan.

    Results checked in worker processes carry a report copy of their document only when
    ``keep_docs`` (reports that print the text need it; sending it back costs a fifth of a
    small draft's check); ``"quoted"``: only the paragraphs the findings quote."""
    _STATE["contexts"] = plan.contexts
    # The loaded rules live as long as the process: move them out of the collector's sight, so
    # that collections do not walk them again and again, and forked workers do not copy the
    # memory pages a collection would touch.
    gc.freeze()
    tasks = plan.tasks
    results: list[FileResult | None] = [None] * len(tasks)
    parallel = [t for t in tasks if t.path is not None and t.error is None]
    batches = _batches(parallel, jobs) if jobs > 1 and len(parallel) > 1 and timing is None else []
    done = 0
    if len(batches) > 1:
        done = _run_pool(batches, min(jobs, len(batches)), results, plan, keep_docs, progress, len(tasks))
    for t in tasks:  # standard input, unreadable entries, or everything without a pool
        if results[t.index] is None:
            # checked here, no pool running (any has finished): a large draft may share its
            # rules with a forked worker (lint.app.split)
            # of a batch, only what the report shows is kept (a text report: the quoted lines),
            # not every draft whole until the end
            results[t.index] = _work(t, stdin_data, timing, strip=keep_docs if len(tasks) > 1 else False,
                                     drop_doc=not keep_docs, workers=jobs, alone=len(tasks) == 1)[1]
            done += 1
            if progress:
                progress(done, len(tasks))
    get_cache().save()  # patterns first analysed while checking
    return results  # type: ignore[return-value]


# The smallest batch of drafts handed to a worker, in bytes of input (some five milliseconds of
# checking): below this the round trip to the worker costs more than the batch.
BATCH_BYTES = 16 * 1024


def _batches(tasks: list[Task], jobs: int) -> list[list[Task]]:
    """The drafts in batches for the workers: largest drafts first, and each batch up to the work
    left divided by twice the number of workers, but not below ``BATCH_BYTES`` (lowered to a
    quarter of a worker's share when the whole is small, so that a handful of tiny drafts still
    reaches every worker); a draft over the limit goes alone. Few round trips while there is
    much to do, only quick batches at the end, so the workers finish together."""
    def size(t: Task) -> int:
        try:
            return t.path.stat().st_size if t.path is not None else 0
        except OSError:
            return 0

    sized = sorted(((size(t), t) for t in tasks), key=lambda st: -st[0])
    remaining = sum(s for s, _ in sized)
    floor = min(BATCH_BYTES, max(1, remaining // (jobs * 4)))
    batches: list[list[Task]] = []
    batch: list[Task] = []
    weight = 0
    for s, t in sized:
        if batch and weight + s > max(floor, remaining // (jobs * 2)):
            batches.append(batch)
            remaining -= weight
            batch, weight = [], 0
        batch.append(t)
        weight += s
    if batch:
        batches.append(batch)
    return batches


def _run_pool(batches: list[list[Task]], workers: int, results: list, plan: Plan, keep_docs: bool | str,
              progress, total: int) -> int:
    """Check the batches in a pool of ``workers`` processes; the number of drafts done. If no
    pool can be started (no processes or semaphores here), nothing is done and the caller checks
    the drafts itself."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        ctx, init, initargs = multiprocessing.get_context("fork"), _init_forked, ()
        # the check modules of python rules, imported here once rather than in every worker
        for _, rules in plan.contexts.values():
            for r in rules:
                if hasattr(r.compiled, "resolved"):
                    r.compiled.resolved()
    else:
        ctx, init, initargs = (multiprocessing.get_context("spawn"), _init_spawned,
                               (plan.config_paths, plan.overrides))
    work = partial(_work_batch, keep_doc=keep_docs)
    with _terminate_as_exit():
        return _pool_rounds(ctx, init, initargs, work, batches, workers, results, progress, total)


def _pool_rounds(ctx, init, initargs, work, batches, workers, results, progress, total) -> int:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pending, done, alone = batches, 0, False
    while pending:
        try:
            executor = ProcessPoolExecutor(1 if alone else workers, mp_context=ctx, initializer=init,
                                           initargs=initargs)
        except (OSError, ValueError):
            return done
        broken: list[list[Task]] = []
        try:
            futures = [executor.submit(work, b) for b in pending]
            for batch, fut in zip(pending, futures):
                try:
                    out = fut.result()
                except BrokenProcessPool:
                    broken.append(batch)
                    continue
                import pickle

                for i, r in (pickle.loads(out) if isinstance(out, bytes) else out):
                    results[i] = pickle.loads(r) if isinstance(r, bytes) else r
                    done += 1
                    if progress:
                        progress(done, total)
        except BaseException:  # Ctrl-C, SIGTERM, an error here: no worker runs on
            _stop(executor)
            raise
        executor.shutdown(wait=True)
        if not broken:
            break
        # A worker died. Check what it left one draft at a time in a single worker, in order:
        # the first draft not finished when a worker dies again is the one that kills it.
        if alone:
            culprit = broken[0][0]
            results[culprit.index] = FileResult(culprit.display, error=DIED, internal=True)
            done += 1
            broken[0] = broken[0][1:]
        pending = [[t] for b in broken for t in b if results[t.index] is None]
        alone = True
    return done


class _terminate_as_exit:
    """While workers run, SIGTERM ends this process as an exception would (exit status 143), so
    that the workers are stopped on the way out, where the system does not do it for us."""

    def __enter__(self):
        import threading

        self.previous = None
        if threading.current_thread() is threading.main_thread() \
                and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            self.previous = signal.signal(signal.SIGTERM, _exit_on_term)
        return self

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def _exit_on_term(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _stop(executor) -> None:
    """Stop a pool now: cancel what has not started and end the workers that are checking."""
    # The pool has no public way to end a busy worker before Python 3.14; its table of worker
    # processes is taken before shutdown() lets go of it.
    procs = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        try:
            p.terminate()
        except (OSError, AttributeError):
            pass
    for p in procs:
        try:
            p.join(5)
        except (OSError, AssertionError):
            pass


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class ProgressBar:
    """A one-line bar on standard error, only when it is a terminal."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.active = False

    def __call__(self, done: int, total: int) -> None:
        if total < 2:
            return
        self.active = True
        filled = self.width * done // total
        self.stream.write(f"\r检查中 [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
            self.stream.flush()
