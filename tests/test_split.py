"""A large draft checked with its rules shared between this process and a forked worker
(lint.app.split) gives exactly the findings of a check in one process."""

from __future__ import annotations

import json
import os
import sys

import pytest

from lint.app import split
from lint.engine import check_document, load_rules
from lint.policy.selection import select_rules
from lint.readers import read_stdin
from tests.helpers import CORPUS, run

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"),
                                reason="the split needs processes that fork")

RULES = select_rules(load_rules())  # the default set (preview adds slow statistical rules)


def _large_text() -> str:
    paras = []
    for f in sorted((CORPUS / "gov-reports").glob("*.txt")):
        paras.append(f.read_text(encoding="utf-8"))
    text = "\n".join(paras)
    assert len(text) > split.SPLIT_CHARS
    return text


def _doc(text: str):
    doc = read_stdin(text.encode("utf-8"), "big.txt")
    doc.meta["doctype"] = None
    return doc


def _dicts(findings):
    return [f.as_dict() for f in findings]


@pytest.fixture(scope="module")
def large():
    return _large_text()


def test_split_gives_the_findings_of_one_process(large):
    one = check_document(_doc(large), RULES)
    both = split.check_split(_doc(large), RULES)
    assert one and _dicts(both) == _dicts(one)


_REAL_WORKER = split._worker


def _recording() -> bytes:  # the real worker, leaving the number of rules it took in a file
    import pickle

    data = _REAL_WORKER()
    with open(os.environ["GWLINT_TEST_SPLIT_LOG"], "w") as fh:
        fh.write(str(len(pickle.loads(data)[0])))
    return data


def test_both_processes_take_rules(large, monkeypatch, tmp_path):
    log = tmp_path / "taken"
    monkeypatch.setenv("GWLINT_TEST_SPLIT_LOG", str(log))
    monkeypatch.setattr(split, "_worker", _recording)
    split.check_split(_doc(large), RULES)
    taken = int(log.read_text())
    assert 0 < taken < len(RULES)


def _dies() -> bytes:  # stands in for the worker: it dies before taking a rule
    os._exit(3)


def _dies_after_taking(n=5) -> bytes:  # takes rules, then dies without sending their findings
    rules, counter, lock = (split._SHARED[k] for k in ("rules", "counter", "lock"))
    with lock:
        counter.value += n
    os._exit(3)


@pytest.mark.parametrize("worker", [_dies, _dies_after_taking])
def test_rules_of_a_worker_that_dies_are_checked_here(large, monkeypatch, worker):
    one = check_document(_doc(large), RULES)
    monkeypatch.setattr(split, "_worker", worker)
    assert _dicts(split.check_split(_doc(large), RULES)) == _dicts(one)


def test_small_drafts_and_one_job_are_not_split(large, monkeypatch):
    # earlier tests of the run may have loaded the neural runtime or left a thread behind
    monkeypatch.delitem(sys.modules, "onnxruntime", raising=False)
    monkeypatch.setattr(split.threading, "active_count", lambda: 1)
    assert split.can_split(_doc(large), 2)
    assert not split.can_split(_doc(large), 1)
    assert not split.can_split(_doc("通知正文。\n" * 10), 2)
    monkeypatch.setitem(sys.modules, "onnxruntime", object())  # its native threads would not fork
    assert not split.can_split(_doc(large), 2)


def test_the_command_gives_the_same_report_with_one_job_or_two(tmp_path, large):
    draft = tmp_path / "big.txt"
    draft.write_text(large, encoding="utf-8")
    r1 = run("check", "-f", "json", "--jobs", "1", str(draft))
    r2 = run("check", "-f", "json", "--jobs", "2", str(draft))
    assert r1.code == r2.code == 1
    assert json.loads(r1.out) == json.loads(r2.out)


def _dies_holding_the_lock() -> bytes:  # takes the counter's lock and dies with it
    rules, counter, lock = (split._SHARED[k] for k in ("rules", "counter", "lock"))
    lock.acquire()
    counter.value += 3
    os._exit(3)


def test_a_worker_that_dies_holding_the_lock_does_not_stop_the_check(large, monkeypatch):
    one = check_document(_doc(large), RULES)
    monkeypatch.setattr(split, "_worker", _dies_holding_the_lock)
    assert _dicts(split.check_split(_doc(large), RULES)) == _dicts(one)
