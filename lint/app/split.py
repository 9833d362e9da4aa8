"""Check one large draft with its rules shared between this process and a forked worker.

``--jobs`` shares the drafts of a folder between processes; a single large draft (a compiled
volume, a year's minutes in one file) would still be checked by one core. Above
``SPLIT_CHARS`` characters, and where processes fork, the document is analysed here once
(:func:`lint.analysis.structure.prepare`), then a worker forked from this process inherits it,
and the two take rules from one shared counter until none is left: whoever is free takes the
next rule, so the work evens out without knowing what each rule costs. The rules that usually
cost most (``kind: python``) are handed out first. Each rule runs whole in one process, so the
findings, once merged and sorted, are exactly those of a check in one process.

The worker is a bare ``os.fork()``: the counter is a page of shared memory, its lock a token
byte in a pipe, and the findings come back pickled through another pipe. (A process pool and
its shared values cost some 15 ms of imports and set-up, all of it before the parallel part.)
If the worker cannot be started or dies, the rules it had taken are checked here.
"""

from __future__ import annotations

import os
import select
import sys
import threading

from ..analysis.structure import prepare
from ..engine.rules import check_document

# Below this many characters a draft is checked in one process: forking a worker and sending
# its findings back costs some 10-20 ms, a tenth of the check of a draft this size.
SPLIT_CHARS = 200_000

_SHARED: dict = {}  # what the forked worker inherits: the document, the rules, the counter


def can_split(doc, workers: int) -> bool:
    return (workers > 1 and doc.text_chars >= SPLIT_CHARS and hasattr(os, "fork")
            # a process with threads is not forked: Python's own, or a neural model's runtime
            # (WD015), whose native threads would not exist in the worker
            and threading.active_count() == 1 and "onnxruntime" not in sys.modules)


class _Counter:
    """An integer both processes see: eight bytes of anonymous shared memory, mapped before the
    fork (an anonymous map is shared with the children, not copied)."""

    def __init__(self):
        import mmap

        self._mem = mmap.mmap(-1, 8)

    @property
    def value(self) -> int:
        return int.from_bytes(self._mem[:8], "little")

    @value.setter
    def value(self, v: int) -> None:
        self._mem[:8] = v.to_bytes(8, "little")

    def close(self) -> None:
        self._mem.close()


class _Lock:
    """A lock between this process and its fork: one token byte in a pipe; the process that
    read it holds the lock until it writes it back. Waiting is in short steps, so that a waiter
    notices when the other process is gone (``alive()`` false) with the token."""

    def __init__(self):
        self._r, self._w = os.pipe()
        os.write(self._w, b"\0")
        self.alive = lambda: True  # set in each process: whether the other one still runs

    def __enter__(self):
        while True:
            ready, _, _ = select.select([self._r], [], [], 0.1)
            if ready:
                os.read(self._r, 1)
                return self
            if not self.alive():  # it died holding the token: nobody else will ever write it
                return self

    def __exit__(self, *exc) -> None:
        os.write(self._w, b"\0")

    def close(self) -> None:
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass


def _claim(rules: list, counter, lock, taken: list[int]):
    """The rules this process takes from the shared counter, one at a time."""
    while True:
        with lock:
            i = counter.value
            counter.value = i + 1
        if i >= len(rules):
            return
        taken.append(i)
        yield rules[i]


def _worker() -> bytes:
    doc, rules, severities, counter, lock = (_SHARED[k] for k in ("doc", "rules", "severities", "counter", "lock"))
    import pickle

    taken: list[int] = []
    findings = check_document(doc, _claim(rules, counter, lock, taken), severities)
    return pickle.dumps((taken, findings))


def _child(out_fd: int, in_fd: int, parent: int) -> None:
    """The forked worker: check, send the findings, and end without returning into the caller
    (nor flushing buffers or running exit handlers that belong to the parent)."""
    code = 1
    try:
        from .jobs import _init_forked

        os.close(in_fd)
        _init_forked()
        _SHARED["lock"].alive = lambda: os.getppid() == parent
        data = _worker()
        view = memoryview(data)
        while view:
            view = view[os.write(out_fd, view):]
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _start() -> tuple[int, int] | None:
    """(pid, read end of its findings pipe) of a forked worker, or None if none could start."""
    try:
        r, w = os.pipe()
    except OSError:
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    if pid == 0:
        _child(w, r, parent)  # never returns
    os.close(w)
    return pid, r


_STATUS: dict[int, int] = {}  # exit status of a worker reaped while this process waited for the lock


def _exited(pid: int) -> bool:
    if pid in _STATUS:
        return True
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        done, status = pid, 1
    if done:
        _STATUS[pid] = status
    return bool(done)


def _collect(pid: int, fd: int):
    """The worker's (taken, findings), or None if it died or failed."""
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    status = _STATUS.pop(pid, None)
    if status is None:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = 1
    if status != 0:
        return None
    import pickle  # only where a draft is split: a run of small drafts never loads it

    try:
        return pickle.loads(b"".join(chunks))
    except Exception:
        return None


def _end(pid: int) -> None:
    """Stop the worker now (this process is leaving with an exception) and reap it."""
    import signal

    if _STATUS.pop(pid, None) is not None:
        return
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except OSError:
        pass


def check_split(doc, rules: list, severities: dict | None = None) -> list:
    """The findings of ``rules`` on ``doc``, checked here and in one forked worker."""
    from .jobs import _terminate_as_exit

    prepare(doc)  # once, before the fork: both processes read the same analysis
    ordered = sorted(rules, key=lambda r: r.kind != "python")  # stable: python rules first
    counter, lock = _Counter(), _Lock()
    _SHARED.update(doc=doc, rules=ordered, severities=severities, counter=counter, lock=lock)
    mine: list[int] = []
    theirs: list[int] = []
    try:
        with _terminate_as_exit():
            pid, fd = _start() or (None, None)
            if pid is not None:
                lock.alive = lambda: not _exited(pid)
            try:
                findings = check_document(doc, _claim(ordered, counter, lock, mine), severities)
                if pid is not None:
                    got, pid = _collect(pid, fd), None
                    if got is not None:
                        theirs, more = got
                        findings += more
            except BaseException:
                if pid is not None:
                    _end(pid)
                raise
            finally:
                if fd is not None:
                    os.close(fd)
    finally:
        _SHARED.clear()
        lock.close()
        counter.close()
    done = set(mine) | set(theirs)
    left = [r for i, r in enumerate(ordered) if i not in done]
    if left:
        findings += check_document(doc, left, severities)
    findings.sort(key=_sort_key)
    return findings


def _sort_key(f):
    return f.sort_key()
