"""Cold runs: one fresh process timed with its peak memory, repeated and interleaved."""

from __future__ import annotations

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import GWLINT  # noqa: E402

# --- cold runs ---------------------------------------------------------------------------------

# Peak memory must come from a small parent: Linux carries a process's high-water RSS across
# exec, so a child forked straight from this (large) Python process would report at least our own
# size. GNU time is small; without it, a minimal Python launcher (about 10 MB) stands in.
TIME_BIN = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
_LAUNCH = ("import os, sys\npid = os.fork()\nif pid == 0:\n    os.execvp(sys.argv[2], sys.argv[2:])\n"
           "_, st, ru = os.wait4(pid, 0)\nopen(sys.argv[1], 'w').write(str(ru.ru_maxrss))\n"
           "sys.exit(os.waitstatus_to_exitcode(st))\n")


def run_once(cmd: list[str], cwd: Path | None = None, timeout: float = 300.0, env=None) -> dict:
    with tempfile.TemporaryFile() as so, tempfile.TemporaryFile() as se, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rssf:
        wrapped = ([TIME_BIN, "-q", "-f", "%M", "-o", rssf.name, *cmd] if TIME_BIN
                   else [sys.executable, "-S", "-c", _LAUNCH, rssf.name, *cmd])
        t0 = time.perf_counter()
        # A session of its own, so that a timeout kills the tool and not only the time-keeper
        # in front of it (a node process left running would take a core from every later row).
        proc = subprocess.Popen(wrapped, stdout=so, stderr=se, stdin=subprocess.DEVNULL, cwd=cwd,
                                env=env, start_new_session=True)
        # Wait without waking (a polling loop would take slices of the cores being measured);
        # a timer thread kills the session if the deadline passes.
        killed = []

        def kill() -> None:
            killed.append(True)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        if killed:
            return dict(wall=None, rss_kb=None, rc=None, timeout=True, out=b"", err=b"")
        proc.returncode = os.waitstatus_to_exitcode(status)
        so.seek(0)
        se.seek(0)
        try:
            rss_kb = int(Path(rssf.name).read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            rss_kb = ru.ru_maxrss
        return dict(wall=wall, rss_kb=rss_kb, rc=proc.returncode, timeout=False,
                    out=so.read(), err=se.read())


SLOW = 15.0  # seconds: a tool this slow on an input is run once (the warm-up is its measurement)


def cold(cmd: list[str], runs: int, warmup: int, ok=(0, 1), cwd=None, timeout=300.0, env=None) -> dict:
    """Median wall time and peak memory of ``runs`` fresh processes after ``warmup`` ones."""
    for _ in range(warmup):
        r = run_once(cmd, cwd, timeout, env)
        if r["timeout"] or r["rc"] not in ok:
            return dict(error=_why(r, cmd), median=None, rss_mb=None, runs=0)
        if r["wall"] > SLOW:  # minutes of repeats would add nothing but time
            return dict(median=r["wall"], min=r["wall"], max=r["wall"], runs=1, rss_mb=r["rss_kb"] / 1024,
                        error=None)
    walls, rss = [], []
    last = None
    for _ in range(runs):
        last = run_once(cmd, cwd, timeout, env)
        if last["timeout"] or last["rc"] not in ok:
            return dict(error=_why(last, cmd), median=None, rss_mb=None, runs=len(walls))
        walls.append(last["wall"])
        rss.append(last["rss_kb"])
    return dict(median=statistics.median(walls), min=min(walls), max=max(walls), runs=len(walls),
                rss_mb=max(rss) / 1024, out=last["out"] if last else b"", err=last["err"] if last else b"",
                error=None)


def cold_interleaved(cmds: dict, runs: int, warmup: int) -> dict:
    """:func:`cold` for commands whose times are compared, run in turn (a, b, a, b, ...) so that
    a slow spell of the machine falls on both alike rather than on one block of runs."""
    walls: dict = {k: [] for k in cmds}
    rss: dict = {k: [] for k in cmds}
    for n in range(warmup + runs):
        for k, cmd in cmds.items():
            r = run_once(cmd)
            if r["timeout"] or r["rc"] not in (0, 1):
                err = dict(error=_why(r, cmd), median=None, rss_mb=None, runs=0)
                return {k2: dict(err) for k2 in cmds}
            if n >= warmup:
                walls[k].append(r["wall"])
                rss[k].append(r["rss_kb"])
    return {k: dict(median=statistics.median(walls[k]), min=min(walls[k]), max=max(walls[k]), runs=len(walls[k]),
                    rss_mb=max(rss[k]) / 1024, error=None) for k in cmds}


def _why(r: dict, cmd) -> str:
    if r["timeout"]:
        return "timed out"
    tail = (r["err"] or r["out"]).decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return f"exit {r['rc']}: {tail[0][:160]}"


def gwlint_help() -> str:
    r = run_once(GWLINT + ["check", "--help"], timeout=60)
    return (r["out"] or b"").decode("utf-8", "replace")


