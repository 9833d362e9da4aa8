"""Check the drafts of a plan, in this process or in several.

A file that cannot be read, or whose check fails, becomes a result with an ``error`` and the
others are still checked. With ``jobs > 1`` files are checked in several processes: where
processes fork, this one and ``jobs - 1`` copies of it, which inherit the rules already loaded
here, so starting one costs a few milliseconds; elsewhere (Windows) a pool of workers that load
the rules themselves.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
import sys
from typing import Callable

from ..cache import get_cache
from ..config.file import load_config
from ..config.settings import Overrides, resolve
from ..model.report import FileResult
from .checking import check_one
from .collect import Plan, Task


_STATE: dict = {}  # the plan's contexts: here, inherited by forked copies, rebuilt by pool workers


def _init_worker(config_paths: dict, overrides: Overrides) -> None:
    """A spawned pool worker starts empty: it loads the configuration and rules itself."""
    cache: dict = {}
    _STATE["contexts"] = {k: resolve(load_config(p), overrides, cache) for k, p in config_paths.items()}


def _work(task: Task, stdin_data: bytes | None = None, timing: dict | None = None,
          strip: bool = False, drop_doc: bool = False) -> tuple[int, FileResult]:
    """Check one draft. ``strip``: keep only a copy of the document fit to cross a process
    boundary; ``drop_doc``: keep no document (the report does not print the drafts' text, and a
    batch of thousands of drafts must not hold them all in memory)."""
    if task.error is not None:
        return task.index, FileResult(task.display, error=task.error)
    settings, rules = _STATE["contexts"][task.context]
    try:
        result = check_one(task.display, task.path, rules, settings, stdin_data, timing)
    except Exception as exc:  # one broken file must not stop the batch
        return task.index, FileResult(task.display, error=f"检查时出现内部错误（{type(exc).__name__}: {exc}）")
    if drop_doc:
        result.doc = None
    elif strip and result.doc is not None:
        result.doc = result.doc_for_report()
    return task.index, result


def run(plan: Plan, jobs: int = 1, stdin_data: bytes | None = None, timing: dict | None = None,
        progress: Callable[[int, int], None] | None = None, keep_docs: bool = True) -> list[FileResult]:
    """Check every file of ``plan``; results come back in the order of the plan.

    Results checked in worker processes carry a report copy of their document only when
    ``keep_docs`` (reports that print the text need it; sending it back costs a fifth of a
    small draft's check)."""
    _STATE["contexts"] = plan.contexts
    # The loaded rules live as long as the process: move them out of the collector's sight, so
    # that collections do not walk them again and again, and forked workers do not copy the
    # memory pages a collection would touch.
    gc.freeze()
    tasks = plan.tasks
    results: list[FileResult | None] = [None] * len(tasks)
    parallel = [t for t in tasks if t.path is not None and t.error is None]
    batches = _batches(parallel, jobs) if jobs > 1 and len(parallel) > 1 and timing is None else []
    if len(batches) > 1:
        import multiprocessing

        workers = min(jobs, len(batches))
        if "fork" in multiprocessing.get_all_start_methods():
            _run_forked(batches, workers, results, keep_docs, progress, len(tasks))
        else:
            _run_pool(multiprocessing.get_context("spawn"), batches, workers, results, plan, keep_docs,
                      progress, len(tasks))
        for t in tasks:
            if results[t.index] is None:
                results[t.index] = _work(t, stdin_data, timing, drop_doc=not keep_docs)[1]
    else:
        for n, t in enumerate(tasks, start=1):
            results[t.index] = _work(t, stdin_data, timing, drop_doc=not keep_docs)[1]
            if progress:
                progress(n, len(tasks))
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


def _run_pool(ctx, batches: list[list[Task]], workers: int, results: list, plan: Plan, keep_docs: bool,
              progress, total: int) -> None:
    """Where processes cannot fork (Windows): a pool whose workers load the rules themselves."""
    done = 0
    with ctx.Pool(workers, initializer=_init_worker, initargs=(plan.config_paths, plan.overrides)) as pool:
        work = _work_batch if keep_docs else _work_batch_without_doc
        for batch in pool.imap_unordered(work, batches):
            for i, r in batch:
                results[i] = pickle.loads(r) if isinstance(r, bytes) else r
                done += 1
                if progress:
                    progress(done, total)


# A forked run: this process and ``workers - 1`` copies of it (which inherit the loaded rules) take
# batches in turn from a shared counter until none is left; each copy writes its results to a
# temporary file of its own, read here once it has exited. Checking here as well saves starting
# one more process and the threads of a pool, and a copy that dies (killed, or crashed by a
# draft) costs only the draft it was checking: its other drafts are checked here.

_CLAIM, _RESULT = b"C", b"R"
_RECORD = struct.Struct("<cIQ")  # kind, batch or draft index, length of the pickled result


class _Shared:
    """Counters in memory shared with forked processes: the next batch to take, drafts done."""

    def __init__(self, ctx):
        import mmap

        self._mem = mmap.mmap(-1, 16)  # anonymous and shared: forked processes see one memory
        self._lock = ctx.Lock()

    def _add(self, slot: int, n: int) -> int:
        with self._lock:
            value = struct.unpack_from("<q", self._mem, slot * 8)[0]
            struct.pack_into("<q", self._mem, slot * 8, value + n)
        return value

    def next_batch(self) -> int:
        return self._add(0, 1)

    def done(self, n: int = 1) -> int:
        return self._add(1, n) + n


def _run_forked(batches: list[list[Task]], workers: int, results: list, keep_docs: bool,
                progress, total: int) -> None:
    import multiprocessing
    import tempfile

    try:
        shared = _Shared(multiprocessing.get_context("fork"))
    except OSError:  # no shared memory or semaphores here: the caller checks the drafts itself
        return
    children: list[tuple[int, object]] = []
    try:
        for _ in range(workers - 1):
            try:
                out = tempfile.TemporaryFile()
                pid = os.fork()
            except OSError:  # no room for a temporary file, or for a process: fewer copies
                break
            if pid == 0:  # the copy: check batches, write the results, leave without clean-up
                status = 1
                try:
                    _child(batches, shared, out, keep_docs)
                    status = 0
                finally:
                    os._exit(status)
            children.append((pid, out))
        while (k := shared.next_batch()) < len(batches):
            for task in batches[k]:
                i, result = _work(task, drop_doc=not keep_docs)
                results[i] = result
                n = shared.done()
                if progress:
                    progress(n, total)
        while children:
            pid, out = children[0]
            status = _wait(pid, shared, progress, total)
            children.pop(0)
            _collect(out, batches, results, status)
    finally:
        for pid, _ in children:  # interrupted (Ctrl-C): the copies must not run on
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass


def _child(batches: list[list[Task]], shared: _Shared, out, keep_docs: bool) -> None:
    write = out.write
    while (k := shared.next_batch()) < len(batches):
        write(_RECORD.pack(_CLAIM, k, 0))
        out.flush()
        for task in batches[k]:
            i, payload = _work_stripped(task, keep_docs)
            if not isinstance(payload, bytes):
                payload = pickle.dumps(payload)
            write(_RECORD.pack(_RESULT, i, len(payload)))
            write(payload)
            out.flush()  # on disk before the next draft: a crash loses only that draft
            shared.done()


def _wait(pid: int, shared: _Shared, progress, total: int) -> int:
    """The copy's exit status; the progress bar moves on while it runs."""
    import time

    while progress:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        progress(shared.done(0), total)
        time.sleep(0.05)
    return os.waitpid(pid, 0)[1]


def _collect(out, batches: list[list[Task]], results: list, status: int) -> None:
    """Read a copy's results; if it died, the draft it was checking gets an error (the drafts
    it had not reached are left for this process)."""
    claimed = None
    out.seek(0)
    with out:
        while True:
            head = out.read(_RECORD.size)
            if len(head) < _RECORD.size:
                break
            kind, index, size = _RECORD.unpack(head)
            if kind == _CLAIM:
                claimed = index
                continue
            payload = out.read(size)
            if len(payload) < size:
                break
            results[index] = pickle.loads(payload)
    if status == 0 or claimed is None:
        return
    lost = next((t for t in batches[claimed] if results[t.index] is None), None)
    if lost is not None:
        why = (f"信号 {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
               else f"退出码 {os.waitstatus_to_exitcode(status)}")
        results[lost.index] = FileResult(
            lost.display, error=f"检查此文稿的工作进程意外退出（{why}），请用 --jobs 1 单独检查此文稿")


def _work_stripped(task: Task, keep_doc: bool = True) -> tuple[int, bytes | FileResult]:
    """The result, pickled here once: one that cannot travel back (to this process's parent,
    or out of a pool worker) becomes an error for this file instead of stopping the run."""
    i, result = _work(task, strip=keep_doc, drop_doc=not keep_doc)
    try:
        return i, pickle.dumps(result)
    except Exception as exc:
        return i, FileResult(task.display, error=f"检查结果无法传回主进程（{type(exc).__name__}: {exc}），请用 --jobs 1 重试")


def _work_batch(batch: list[Task]) -> list[tuple[int, bytes | FileResult]]:
    return [_work_stripped(t) for t in batch]


def _work_batch_without_doc(batch: list[Task]) -> list[tuple[int, bytes | FileResult]]:
    return [_work_stripped(t, keep_doc=False) for t in batch]


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
