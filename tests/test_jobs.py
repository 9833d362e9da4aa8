"""Batch runs: --jobs N gives the same report as one process; a failing file does not stop the
others; the summary table; the progress bar only on a terminal."""

from __future__ import annotations

import io

import pytest

from lint.app.jobs import ProgressBar
from tests.helpers import make_docx, run

DRAFT = "关于召开会议的通知\n各乡镇：\n会议定于X月X日召开，此项工作涉及到全县。\n"


@pytest.fixture
def batch(tmp_path):
    for i in range(6):
        (tmp_path / f"稿{i}.txt").write_text(DRAFT * (i + 1), encoding="utf-8")
    make_docx(tmp_path / "稿.docx", ["会议定于X月X日召开。"], title="关于召开会议的通知")
    (tmp_path / "好稿.txt").write_text("全年完成投资120亿元。\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "html", "markdown", "text"])
def test_parallel_report_is_the_same(batch, fmt):
    one = run("check", "-f", fmt, "--jobs", "1", "--select", "FC001,WD002", str(batch))
    two = run("check", "-f", fmt, "--jobs", "3", "--select", "FC001,WD002", str(batch))
    assert one.code == two.code == 1
    assert one.out == two.out


def test_the_text_report_gets_back_only_the_quoted_paragraphs(batch):
    from lint.app.checking import check_one
    from lint.config.file import load_config
    from lint.config.settings import resolve

    settings, rules = resolve(load_config(None))
    path = batch / "稿2.txt"
    result = check_one(str(path), path, rules, settings)
    quoted = result.doc_for_report(quoted=True)
    assert {p.line for p in quoted.paragraphs} == {f.line for f in result.findings} != set()
    assert len(result.doc_for_report().paragraphs) == len(result.doc.paragraphs) > len(quoted.paragraphs)


def test_a_broken_file_is_reported_and_the_rest_still_run(batch):
    (batch / "坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    r = run("check", "-f", "json", "--jobs", "2", str(batch))
    assert r.code == 2
    assert "坏.docx" in r.err and len(r.json["errors"]) == 1
    assert {f["path"].rsplit("/", 1)[-1] for f in r.json["findings"]} >= {f"稿{i}.txt" for i in range(6)} | {"稿.docx"}


def test_summary_table(batch):
    r = run("check", "--jobs", "2", "--select", "FC001", str(batch))
    lines = r.out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("文件"))
    assert lines[head].split() == ["文件", "错误", "警告", "建议", "已豁免", "结果"]
    rows = {line.split()[0].rsplit("/", 1)[-1]: line.split()[1:] for line in lines[head + 1:] if line.strip()
            and not line.startswith("共")}
    assert rows["好稿.txt"] == ["0", "0", "0", "0", "通过"]
    assert rows["稿2.txt"] == ["3", "0", "0", "0", "有问题"]


def test_progress_bar_only_on_a_terminal(batch):
    assert "检查中" not in run("check", "--jobs", "2", str(batch)).err  # not a terminal here
    buf = io.StringIO()
    bar = ProgressBar(buf, width=10)
    bar(5, 10)
    bar.close()
    assert "检查中 [#####.....] 5/10" in buf.getvalue()


def test_worker_failure_is_contained(batch, monkeypatch):
    """An exception inside a check becomes an error for that file only."""
    import lint.app.jobs as runner

    real = runner.check_one

    def flaky(display, path, *a, **k):
        if display.endswith("稿3.txt"):
            raise RuntimeError("boom")
        return real(display, path, *a, **k)

    monkeypatch.setattr(runner, "check_one", flaky)
    r = run("check", "-f", "json", "--jobs", "1", str(batch))
    assert r.code == 3 and "稿3.txt" in r.err and "boom" in r.err  # 3: gwlint's fault, not the draft's
    assert len({f["path"] for f in r.json["findings"]}) == 6  # 稿0-5 but 稿3, and 稿.docx


def test_spawned_workers_rebuild_the_rules(batch, monkeypatch):
    """Where processes cannot fork (Windows), each worker of a pool loads the configuration once."""
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    (batch / "gwlint.yaml").write_text("select: [FC001]\n", encoding="utf-8")
    one = run("check", "-f", "json", "--jobs", "1", str(batch))
    two = run("check", "-f", "json", "--jobs", "2", str(batch))
    assert one.out == two.out and {f["code"] for f in two.json["findings"]} == {"FC001"}


def _tasks(tmp_path, sizes):
    from lint.app.collect import Task

    tasks = []
    for i, n in enumerate(sizes):
        p = tmp_path / f"f{i}.txt"
        p.write_bytes(b"x" * n)
        tasks.append(Task(i, str(p), p, None, ""))
    return tasks


def test_batches_hand_out_the_largest_drafts_first(tmp_path):
    """Workers get the large drafts first and the batches shrink as the work left shrinks, so the
    last ones handed out are quick and the workers finish together."""
    from lint.app.jobs import BATCH_BYTES, _batches

    sizes = [1_000] * 150 + [200_000, 5_000, 90_000]
    batches = _batches(_tasks(tmp_path, sizes), 2)
    flat = [t.index for b in batches for t in b]
    assert sorted(flat) == list(range(len(sizes)))  # every draft once
    assert [sizes[i] for i in flat] == sorted(sizes, reverse=True)
    assert batches[0][0].index == 150 and len(batches[0]) == 1  # the 200,000 bytes alone
    weights = [sum(sizes[t.index] for t in b) for b in batches]
    assert weights[-1] <= BATCH_BYTES and weights[-1] < weights[2]  # small batches at the end
    assert len(batches) < len(sizes) // 5  # not a round trip per small draft


def test_a_few_small_drafts_still_go_to_every_worker(tmp_path):
    from lint.app.jobs import _batches

    batches = _batches(_tasks(tmp_path, [300] * 16), 2)
    assert len(batches) >= 4 and max(len(b) for b in batches) <= 4


def test_one_batch_is_checked_without_starting_workers(tmp_path, monkeypatch):
    """When every draft fits one batch, they are checked here: no pool is started for nothing."""
    import multiprocessing

    import lint.app.jobs as runner

    monkeypatch.setattr(runner, "_batches", lambda tasks, jobs: [tasks])
    monkeypatch.setattr(multiprocessing, "get_context", lambda *a: (_ for _ in ()).throw(AssertionError("pool started")))
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    r = run("check", "-f", "json", "--jobs", "2", "--select", "FC001", str(tmp_path))
    assert r.code == 1 and len({f["path"] for f in r.json["findings"]}) == 2


forking = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="processes fork only on POSIX")


@forking
def test_a_worker_that_dies_costs_only_the_draft_it_was_checking(batch, monkeypatch):
    """A worker killed while checking a draft (out of memory, a crash in a library) does not hang
    or end the run: that draft gets an error, the others are checked."""
    import os
    import signal

    import lint.app.jobs as runner

    big = batch / "大稿.txt"
    big.write_text(DRAFT * 400, encoding="utf-8")
    me = os.getpid()
    real = runner._work

    def deadly(task, *args, **kwargs):
        if task.display.endswith("大稿.txt") and os.getpid() != me:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(task, *args, **kwargs)

    monkeypatch.setattr(runner, "_work", deadly)
    r = run("check", "-f", "json", "--jobs", "2", "--select", "FC001", str(batch))
    assert r.code == 3
    assert [e["path"].rsplit("/", 1)[-1] for e in r.json["errors"]] == ["大稿.txt"]
    assert "工作进程意外退出" in r.err and "--jobs 1" in r.err
    paths = {f["path"].rsplit("/", 1)[-1] for f in r.json["findings"]}
    assert paths == {f"稿{i}.txt" for i in range(6)} | {"稿.docx"}


@forking
def test_parallel_run_reports_progress_to_the_end(batch):
    from lint.config.settings import Overrides
    from lint.app.collect import Plan
    from lint.app.jobs import run as run_plan

    seen = []
    plan = Plan([str(batch)], Overrides(select=["FC001"]))
    results = run_plan(plan, jobs=2, progress=lambda done, total: seen.append((done, total)), keep_docs=False)
    assert all(r is not None and r.error is None for r in results)
    assert seen and seen == sorted(seen) and seen[-1] == (len(plan.tasks), len(plan.tasks))


def test_without_a_pool_the_drafts_are_checked_here(batch, monkeypatch):
    import concurrent.futures

    def unavailable(*a, **k):
        raise OSError("no semaphores here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", unavailable)
    one = run("check", "-f", "json", "--jobs", "1", "--select", "FC001,WD002", str(batch))
    two = run("check", "-f", "json", "--jobs", "2", "--select", "FC001,WD002", str(batch))
    assert one.code == two.code == 1 and one.out == two.out


@forking
def test_an_interrupted_run_leaves_no_workers_behind(batch, monkeypatch):
    import os
    import signal
    import threading
    import time

    import lint.app.jobs as runner
    from lint.config.settings import Overrides
    from lint.app.collect import Plan
    from lint.app.jobs import run as run_plan

    me = os.getpid()
    real = runner._work

    def work(task, *a, **k):
        if os.getpid() != me:
            time.sleep(30)  # a worker still busy when the user presses Ctrl-C
        return real(task, *a, **k)

    forked = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(runner, "_work", work)
    monkeypatch.setattr(os, "fork", fork)
    plan = Plan([str(batch)], Overrides(select=["FC001"]))
    timer = threading.Timer(1.0, os.kill, (me, signal.SIGINT))
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        run_plan(plan, jobs=3, keep_docs=False)
    assert time.monotonic() - started < 10
    assert forked
    for pid in forked:  # every worker was stopped and reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


SLOW_RUN = r"""
import os, sys, time
import lint.app.jobs as jobs
real = jobs._work
me = os.getpid()
def work(task, *a, **k):
    if os.getpid() != me:
        with open(sys.argv[2], "a") as fh:
            fh.write(f"{os.getpid()}\n")
        time.sleep(60)
    return real(task, *a, **k)
jobs._work = work
from lint.cli import main
main(["check", "--jobs", "2", "--select", "FC001", sys.argv[1]])
"""


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="signals as on Linux")
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])
def test_workers_die_with_the_run(batch, tmp_path, sig):
    """SIGTERM (timeout, CI cancellation, systemd) or even SIGKILL of gwlint leaves no worker
    checking the rest of the batch as an orphan."""
    import signal
    import subprocess
    import sys
    import time

    pids = tmp_path / "pids"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(batch), str(pids)],
                            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "err", "w"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (pids.exists() and len(pids.read_text().split()) >= 2):
        time.sleep(0.1)
    assert pids.exists(), (tmp_path / "err").read_text()
    workers = [int(p) for p in pids.read_text().split()]
    assert workers
    proc.send_signal(getattr(signal, sig))
    proc.wait(timeout=20)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [p for p in workers if _alive(p)]
        time.sleep(0.1)
    assert not alive


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"  # a zombie has ended
    except OSError:
        return False


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_are_kept_only_for_reports_that_print_them(batch, jobs):
    """Text, JSON and the other formats without the drafts' text keep no document per draft, so
    a batch of thousands of drafts does not hold them all in memory."""
    from lint.config.settings import Overrides
    from lint.app.collect import Plan
    from lint.app.jobs import run as run_plan

    plan = Plan([str(batch)], Overrides(select=["FC001"]))
    assert all(r.doc is None for r in run_plan(plan, jobs=jobs, keep_docs=False))
    assert all(r.doc is not None for r in run_plan(plan, jobs=jobs, keep_docs=True))




@forking
def test_a_result_that_cannot_travel_back_is_an_error_for_its_draft_only(batch, monkeypatch):
    import os

    import lint.app.jobs as runner

    me = os.getpid()
    real = runner._work

    def unpicklable(task, *args, **kwargs):
        i, result = real(task, *args, **kwargs)
        if task.display.endswith("稿3.txt") and os.getpid() != me:
            result.doctype = lambda: None  # a value pickle cannot write
        return i, result

    monkeypatch.setattr(runner, "_work", unpicklable)
    r = run("check", "-f", "json", "--jobs", "2", "--select", "FC001", str(batch))
    assert [e["path"].rsplit("/", 1)[-1] for e in r.json["errors"]] == ["稿3.txt"]
    assert "无法传回主进程" in r.json["errors"][0]["message"]
    paths = {f["path"].rsplit("/", 1)[-1] for f in r.json["findings"]}
    assert paths == {f"稿{i}.txt" for i in range(6) if i != 3} | {"稿.docx"}
