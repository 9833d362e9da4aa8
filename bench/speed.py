"""The speed job: cold runs beside the peers, in-process timing, --jobs side by side, start-up."""

from __future__ import annotations

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import GWLINT, REPO, default_rules, fmt_s, log, make_inputs  # noqa: E402
from timing import cold, cold_interleaved, gwlint_help  # noqa: E402
from peers import install_peers, peer_command  # noqa: E402

# --- speed -------------------------------------------------------------------------------------

def speed(out: Path, args, report: dict) -> None:
    # An installed gwlint has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would recompile every module on each cold start instead.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "lint")], check=False)
    # gwlint's start-up cache (parsed rule files, analysed patterns) in a folder of the bench's
    # own, emptied first: each row's warm-up run fills it, as a user's first run does.
    cache = out / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["GWLINT_CACHE_DIR"] = str(cache)
    os.environ.pop("GWLINT_NO_CACHE", None)
    report["rules"] = default_rules()
    inputs = make_inputs(out, args.smoke)
    report["inputs"] = inputs
    runs, warmup = args.runs, (0 if args.smoke else 1)
    help_text = gwlint_help()
    rows = report["cold"] = []
    labels = list(inputs["drafts"])

    def timed(what: str, label: str, cmd, chars: int, **kw):
        n = kw.pop("runs", runs)
        log(f"cold: {what} on {label} ({n} runs)")
        r = cold(cmd, n, warmup, **kw)
        r.update(what=what, input=label, chars=chars)
        r.pop("out", None), r.pop("err", None)
        rows.append(r)
        return r

    base = GWLINT + ["check", "--no-color"]
    for label in labels:
        d = inputs["drafts"][label]
        timed("gwlint (default rules)", f"{label}.txt", base + [str(d["txt"])], d["han"])
        timed("gwlint (default rules)", f"{label}.docx", base + [str(d["docx"])], d["han"])
        timed("gwlint --select punctuation", f"{label}.txt", base + ["--select", "punctuation", str(d["txt"])],
              d["han"])
        if label == "2MB":  # the default shares a draft this large with a forked worker (lint/app/split.py)
            timed("gwlint (default rules) --jobs 1", f"{label}.txt", base + ["--jobs", "1", str(d["txt"])], d["han"])
    pd = inputs["pages_docx"]
    timed("gwlint (default rules)", f"{pd['pages']}-page.docx", base + [str(pd["path"])], pd["han"])
    d = inputs["drafts"][labels[0]]
    timed("gwlint (default rules), start-up cache off", f"{labels[0]}.txt", base + [str(d["txt"])], d["han"],
          env={**os.environ, "GWLINT_NO_CACHE": "1"})

    # Peers, on the same inputs, in the same run.
    report["peers"] = {}
    if not args.no_peers and not args.smoke:
        status = install_peers()
        report["peers"] = status
        for peer, problem in status.items():
            if problem:
                continue
            for label in labels:
                d = inputs["drafts"][label]
                cmd, cwd = peer_command(peer, d)
                n = runs if label != "2MB" else max(3, runs // 2)
                timed(peer, f"{label}.{'md' if peer in ('zhlint', '@lint-md/cli') else 'txt'}", cmd, d["han"],
                      runs=n, cwd=cwd, timeout=args.peer_timeout)

    # --jobs on the folders of drafts.
    report["jobs"] = None
    if "--jobs" in help_text:
        report["jobs"] = []
        for f in inputs["folders"]:
            log(f"cold: gwlint --jobs 1 and --jobs 2, alternating, on {f['label']}")
            cmds = {j: base + ["--jobs", str(j), str(f["path"])] for j in (1, 2)}
            pair = cold_interleaved(cmds, 1 if args.smoke else runs, warmup)
            jr = dict(folder=f, side_by_side=side_by_side(f["path"], 1 if args.smoke else 3))
            for j in (1, 2):
                r = pair[j]
                r.update(what=f"gwlint --jobs {j}", input=f["label"], chars=f["han"])
                rows.append(r)
                jr[j] = r
            report["jobs"].append(jr)
    else:
        log("gwlint check has no --jobs option yet: skipped")

    report["inproc"] = inprocess(inputs, args)
    report["startup"] = startup_breakdown(inputs)


def inprocess(inputs: dict, args) -> dict:
    """Characters per second inside one process, per rule and per rule kind."""
    from lint.config.settings import Settings
    from lint.analysis.document_type import infer
    from lint.engine import check_document
    from lint.readers import read_path

    rules = default_rules()
    kind_of = {r.code: r.kind for r in rules}
    name_of = {r.code: r.name for r in rules}
    reps = 1 if args.smoke else 3
    res = {"files": [], "per_rule": {}, "kind_of": kind_of, "name_of": name_of}
    targets = [(f"{label}.{ext}", d[ext], d["han"]) for label, d in inputs["drafts"].items() for ext in ("txt", "docx")]
    pd = inputs["pages_docx"]
    targets.append((f"{pd['pages']}-page.docx", pd["path"], pd["han"]))
    settings = Settings()
    for name, path, han in targets:
        reads, checks, timing = [], [], {}
        for _ in range(reps):
            t0 = time.perf_counter()
            doc = read_path(path)
            t1 = time.perf_counter()
            doc.meta["doctype"] = settings.doctype or infer(doc)
            doc.meta["public"] = False
            t = {}
            findings = check_document(doc, rules, timing=t)
            t2 = time.perf_counter()
            reads.append(t1 - t0)
            checks.append(t2 - t1)
            for k, v in t.items():
                timing[k] = timing.get(k, 0.0) + v / reps
        res["files"].append(dict(input=name, han=doc.text_chars, read=statistics.median(reads),
                                 check=statistics.median(checks), findings=len(findings)))
        res["per_rule"][name] = timing
        log(f"in-process: {name} read {fmt_s(statistics.median(reads))}, check {fmt_s(statistics.median(checks))}")
    return res


_STARTUP = r"""
import sys, time, json
t0 = time.perf_counter()
import lint.cli
t1 = time.perf_counter()
from lint.engine import load_rules, check_document
from lint.policy.selection import select_rules
rules = select_rules(load_rules())
t2 = time.perf_counter()
from lint.readers import read_path
from lint.analysis.document_type import infer
doc = read_path(__import__('pathlib').Path(sys.argv[1]))
doc.meta['doctype'] = infer(doc); doc.meta['public'] = False
t3 = time.perf_counter()
check_document(doc, rules)
t4 = time.perf_counter()
print(json.dumps({'import': t1 - t0, 'load_rules': t2 - t1, 'read': t3 - t2, 'check': t4 - t3,
                  'jieba': 'jieba' in sys.modules}))
"""


# One half of a folder (every other draft), checked after the rules are loaded and a first draft
# has compiled what the checks need, starting at an agreed moment (argv[3], time.time()).
_HALF = r"""
import gc, sys, time
from lint.config.settings import Overrides
from lint.app.checking import check_one
from lint.app.collect import Plan
gc.set_threshold(100_000, 50, 100)  # as the command does
plan = Plan([sys.argv[1]], Overrides())
settings, rules = next(iter(plan.contexts.values()))
paths = [t.path for t in plan.tasks][int(sys.argv[2])::2]
check_one(str(paths[0]), paths[0], rules, settings)
gc.freeze()
while time.time() < float(sys.argv[3]):
    time.sleep(0.001)
t = time.perf_counter()
for p in paths:
    check_one(str(p), p, rules, settings)
print(time.perf_counter() - t)
"""


def side_by_side(folder: Path, reps: int) -> dict | None:
    """What two cores give this workload, without gwlint's --jobs: two independent processes
    each check half of the folder, first alone, then both at the same moment. The ratio of
    the times (``slowdown``, median of ``reps``) is what sharing caches and memory between the
    cores costs; no parallel run of these checks can be faster than that allows."""
    def halves(which: tuple[int, ...]) -> list[float] | None:
        start = time.time() + 1.0  # after the rules are loaded in each process
        procs = [subprocess.Popen([sys.executable, "-c", _HALF, str(folder), str(k), str(start)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
                 for k in which]
        out = []
        for pr in procs:
            o, _ = pr.communicate(timeout=300)
            if pr.returncode:
                return None
            out.append(float(o.split()[-1]))
        return out

    ratios = []
    for _ in range(reps):
        alone = [halves((0,)), halves((1,))]
        together = halves((0, 1))
        if None in alone or together is None:
            return None
        ratios.append(sum(together) / (alone[0][0] + alone[1][0]))
    return dict(slowdown=statistics.median(ratios))


def startup_breakdown(inputs: dict) -> dict | None:
    """Where a cold run's time goes (one fresh interpreter, median of 3)."""
    label = next(iter(inputs["drafts"]))
    path = inputs["drafts"][label]["txt"]

    def parts(env=None) -> list[dict] | None:
        got = []
        for _ in range(3):
            r = subprocess.run([sys.executable, "-c", _STARTUP, str(path)], capture_output=True, text=True,
                               cwd=REPO, timeout=120, env=env)
            if r.returncode:
                return None
            got.append(json.loads(r.stdout))
        return got

    warm, off = parts(), parts({**os.environ, "GWLINT_NO_CACHE": "1"})
    if not warm or not off:
        return None
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    py = time.perf_counter() - t0
    out = {k: statistics.median(p[k] for p in warm) for k in ("import", "load_rules", "read", "check")}
    out.update(python=py, input=f"{label}.txt", jieba=any(p["jieba"] for p in warm),
               import_nocache=statistics.median(p["import"] for p in off),
               load_rules_nocache=statistics.median(p["load_rules"] for p in off),
               check_nocache=statistics.median(p["check"] for p in off))
    return out


