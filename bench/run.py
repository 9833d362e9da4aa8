#!/usr/bin/env python3
"""gwlint's benchmark: speed beside peer linters, and accuracy per rule on real corpora.

    python bench/run.py              # everything; writes bench/RESULTS.md, details in bench/out/
    python bench/run.py --smoke      # a tiny input, one run each, no peers: checks the script works
    python bench/run.py --only speed # or accuracy
    python bench/run.py --no-peers   # skip installing and timing the peer linters

Inputs are generated from ../shared/corpus/gov-reports beside the repository. The peers
(autocorrect-py from PyPI; zhlint, @lint-md/cli and textlint from npm) are installed, pinned, into
bench/.peers/ (git-ignored) the first time. Timings are wall time of a fresh process (cold), median
of N runs after one warm-up, with the peak resident memory of that process (GNU time's %M, or the
same counter read by a small launcher). Nothing here is part of the test suite; tests/test_bench_smoke.py
only checks that ``--smoke`` runs.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
CORPUS = REPO.parent / "shared" / "corpus"
GOV = CORPUS / "gov-reports"
PEERS = BENCH / ".peers"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from lint import __version__ as GWLINT_VERSION  # noqa: E402
from lint.model.document import han_count  # noqa: E402

# Pinned peers: the versions the numbers in RESULTS.md were taken with.
NPM_PEERS = {
    "zhlint": "0.8.2",
    "@lint-md/cli": "2.2.4",
    "textlint": "15.8.0",
    # textlint checks nothing by itself; these are its rules that apply to Chinese text.
    "textlint-rule-ja-space-between-half-and-full-width": "3.0.3",
    "@textlint-rule/textlint-rule-no-unmatched-pair": "2.0.4",
    "textlint-rule-sentence-length": "5.2.1",
    "textlint-rule-no-zero-width-spaces": "1.0.1",
}
PY_PEERS = {"autocorrect-py": "2.14.0"}
TEXTLINTRC = {"rules": {"ja-space-between-half-and-full-width": {"space": "never"},
                        "@textlint-rule/no-unmatched-pair": True,
                        "sentence-length": {"max": 100},
                        "no-zero-width-spaces": True}}

PEER_CHECKS = {
    "autocorrect-py": "spaces between Chinese and Latin letters/digits, full-width vs half-width "
                      "punctuation next to Chinese, a few fixed spellings (Rust core, Python binding)",
    "zhlint": "punctuation and spacing per Chinese copywriting guides: half/full-width marks, "
              "spaces around Latin letters and digits, brackets and quotes (Markdown)",
    "@lint-md/cli": "Markdown Chinese copywriting: spaces between Chinese/Latin/digits, full-width "
                    "punctuation, repeated punctuation, Markdown structure",
    "textlint": "with 4 rules: spacing between half- and full-width characters, unmatched "
                "brackets/quotes, sentences over 100 characters, zero-width spaces",
}

GWLINT_SCRIPT = Path(sys.executable).parent / "gwlint"
GWLINT = [str(GWLINT_SCRIPT)] if GWLINT_SCRIPT.exists() else [sys.executable, "-m", "lint"]

# A GB/T 9704-2012 page holds 22 lines of 28 characters.
PAGE_CHARS = 22 * 28


# --- small helpers -----------------------------------------------------------------------------

def default_rules(tries: int = 12, wait: float = 10.0):
    """The default rules; while a rule file someone is still writing does not load, wait and retry."""
    from lint.engine import load_rules
    from lint.policy.selection import select_rules
    from lint.errors import GwlintError

    for i in range(tries):
        try:
            return select_rules(load_rules())
        except GwlintError as exc:
            if i == tries - 1:
                raise
            log(f"rules do not load ({exc}); retrying in {wait:.0f} s")
            time.sleep(wait)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def fmt_ratio(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}×"


def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def div(a: float, b: float) -> float | None:
    return a / b if b else None


def table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


# --- inputs ------------------------------------------------------------------------------------

def corpus_paragraphs() -> list[str]:
    paras = []
    for p in sorted(GOV.glob("*.txt")):
        paras += [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return paras


def take(paras: list[str], han: int = 0, nbytes: int = 0, start: int = 0) -> list[str]:
    """Whole paragraphs from ``start`` on (wrapping round) until ``han`` Chinese characters or
    ``nbytes`` UTF-8 bytes are reached."""
    out, h, b, i = [], 0, 0, start
    while (han and h < han) or (nbytes and b < nbytes):
        p = paras[i % len(paras)]
        out.append(p)
        h += han_count(p)
        b += len(p.encode("utf-8")) + 1
        i += 1
    return out


def docx_writer():
    """The format developer's generator (bench/make_docx.py) when it is there, else python-docx."""
    path = BENCH / "make_docx.py"
    if path.exists():
        spec = importlib.util.spec_from_file_location("bench_make_docx", path)
        mod = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(mod)
        except Exception as exc:  # theirs may be half-written: fall back, say so
            log(f"bench/make_docx.py did not load ({exc}); using python-docx directly")
        else:
            for name in ("write_draft_docx", "make_draft_docx", "draft_docx", "make_docx", "generate"):
                fn = getattr(mod, name, None)
                if callable(fn):
                    return fn, f"bench/make_docx.py:{name}"
    return _plain_docx, "python-docx"


def _plain_docx(paragraphs: list[str], path: Path) -> Path:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    for i, text in enumerate(paragraphs):
        para = d.add_paragraph(text, style="Title" if i == 0 else None)
        for run in para.runs:
            run.font.size = Pt(16)
    d.save(path)
    return path


def write_docx(paragraphs: list[str], path: Path) -> str:
    fn, how = docx_writer()
    if how != "python-docx":
        try:
            fn(paragraphs, path)
            return how
        except TypeError:
            try:
                fn(path, paragraphs)
                return how
            except Exception as exc:
                log(f"{how} failed ({exc}); using python-docx directly")
        except Exception as exc:
            log(f"{how} failed ({exc}); using python-docx directly")
    _plain_docx(paragraphs, path)
    return "python-docx"


def make_inputs(out: Path, smoke: bool) -> dict:
    inp = out / "inputs"
    inp.mkdir(parents=True, exist_ok=True)
    paras = corpus_paragraphs()
    sizes = {"2k": dict(han=2_000)} if smoke else {
        "10k": dict(han=10_000), "70k": dict(han=70_000), "2MB": dict(nbytes=2_000_000)}
    made = {"drafts": {}, "docx_writer": None}
    for label, size in sizes.items():
        ps = take(paras, **size)
        text = "\n".join(ps) + "\n"
        txt = inp / f"draft-{label}.txt"
        md = inp / f"draft-{label}.md"  # the same text with Markdown paragraph breaks (for peers)
        txt.write_text(text, encoding="utf-8")
        md.write_text("\n\n".join(ps) + "\n", encoding="utf-8")
        docx = inp / f"draft-{label}.docx"
        made["docx_writer"] = write_docx(ps, docx)
        made["drafts"][label] = dict(txt=txt, md=md, docx=docx, han=han_count(text), chars=len(text),
                                     bytes=len(text.encode("utf-8")), paragraphs=len(ps))
    # A 30-page draft at the GB/T 9704 layout (22 lines x 28 characters a page).
    pages = 3 if smoke else 30
    ps = take(paras, han=pages * PAGE_CHARS, start=len(paras) // 3)
    made["pages_docx"] = dict(path=inp / f"draft-{pages}pages.docx", pages=pages,
                              han=sum(han_count(p) for p in ps))
    write_docx(ps, made["pages_docx"]["path"])
    # Folders of drafts for --jobs: short notices of ~2,000 characters (consecutive, so that 200
    # of them cover the corpus once) and drafts of the ~10,000 characters taken as a draft's
    # length above (draft k starts where notice k starts, so neighbours overlap).
    n = 4 if smoke else 200
    made["folders"] = []
    for key, size in (("notices", 2_000), ("drafts", 10_000)):
        folder = inp / f"{key}-{n}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        total, at = 0, 0
        for k in range(n):
            chunk = take(paras, han=size, start=at)
            at += len(take(paras, han=2_000, start=at))
            total += sum(han_count(p) for p in chunk)
            (folder / f"draft-{k + 1:03d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
        made["folders"].append(dict(key=key, path=folder, n=n, han=total, size=size,
                                    label=f"{n} drafts of ~{size:,} chars"))
    return made


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


# --- peers -------------------------------------------------------------------------------------

def install_peers() -> dict:
    """Install the pinned peers into bench/.peers (once); return {peer: problem or None}."""
    PEERS.mkdir(exist_ok=True)
    status = {}
    pkg = PEERS / "package.json"
    if not pkg.exists():
        pkg.write_text(json.dumps({"name": "gwlint-bench-peers", "private": True, "version": "0.0.0"}) + "\n")
    (PEERS / ".textlintrc.json").write_text(json.dumps(TEXTLINTRC, indent=2) + "\n")
    missing = [f"{n}@{v}" for n, v in NPM_PEERS.items() if npm_version(n) != v]
    npm = shutil.which("npm")
    if missing and npm:
        log(f"npm install into bench/.peers: {' '.join(missing)}")
        r = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error", *missing],
                           cwd=PEERS, capture_output=True, text=True, timeout=600)
        if r.returncode:
            log(f"npm install failed: {r.stderr.strip()[-300:]}")
    for name in ("zhlint", "@lint-md/cli", "textlint"):
        status[name] = None if npm_version(name) else ("npm is not installed" if not npm else "npm install failed")
    pydir = PEERS / "python"
    if py_peer_version() != PY_PEERS["autocorrect-py"]:
        log("pip install --target bench/.peers/python autocorrect-py")
        r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--upgrade", "--target", str(pydir),
                            f"autocorrect-py=={PY_PEERS['autocorrect-py']}"], capture_output=True, text=True,
                           timeout=600)
        if r.returncode:
            log(f"pip install failed: {r.stderr.strip()[-300:]}")
    status["autocorrect-py"] = None if py_peer_version() else "pip install failed"
    return status


def npm_version(name: str) -> str | None:
    p = PEERS / "node_modules" / name / "package.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def py_peer_version() -> str | None:
    for d in (PEERS / "python").glob("autocorrect_py-*.dist-info"):
        return d.name[len("autocorrect_py-"):-len(".dist-info")]
    return None


def peer_command(peer: str, draft: dict) -> tuple[list[str], Path | None]:
    bin_ = PEERS / "node_modules" / ".bin"
    if peer == "autocorrect-py":
        code = ("import sys; sys.path.insert(0, sys.argv[1]); import autocorrect_py as a; "
                "t = open(sys.argv[2], encoding='utf-8').read(); r = a.lint_for(t, sys.argv[2]); "
                "print(len(r.lines))")
        return [sys.executable, "-c", code, str(PEERS / "python"), str(draft["txt"])], None
    if peer == "zhlint":  # zhlint wants a path relative to its working directory
        return [str(bin_ / "zhlint"), draft["md"].name], draft["md"].parent
    if peer == "@lint-md/cli":
        return [str(bin_ / "lint-md"), str(draft["md"])], None
    if peer == "textlint":
        return [str(bin_ / "textlint"), "--config", str(PEERS / ".textlintrc.json"), str(draft["txt"])], PEERS
    raise KeyError(peer)


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


# --- accuracy ----------------------------------------------------------------------------------

def _is_known_slip():
    """tests/test_corpus.py's KNOWN_SLIPS test (one definition for the suite and the bench)."""
    try:
        from tests.test_corpus import _is_known_slip as fn
        return fn
    except Exception:  # pragma: no cover - the test module is part of the repository
        return lambda f: False


def load_reviews() -> dict:
    """bench/gov-reports-review.tsv: hand verdicts on gov-reports findings (code, file, text, verdict, note)."""
    path = BENCH / "gov-reports-review.tsv"
    out = {}
    if not path.exists():
        return out
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 4:
            out[(cols[0], cols[1], cols[2])] = (cols[3].strip(), cols[4].strip() if len(cols) > 4 else "")
    return out


def gov_reports(out: Path, args, rules) -> dict:
    from lint.config.settings import Settings
    from lint.app.checking import check_one

    files = sorted(GOV.glob("*.txt"))
    if args.smoke:
        files = files[:2]
    results = [check_one(p.name, p, rules, Settings()) for p in files]
    chars = sum(r.chars for r in results)
    slip = _is_known_slip()
    reviews = load_reviews()
    per = {r.code: Counter() for r in rules}
    listing = []
    for res in results:
        for f in res.findings:
            verdict, note = reviews.get((f.code, f.path, f.text), (None, ""))
            # A finding is on a slip when it points at the slip itself, not at a long sentence
            # that happens to contain one.
            on_slip = slip(f) and len(f.text) <= 6
            true = on_slip or verdict == "true"
            why = "known slip (SOURCE.md)" if on_slip else (f"reviewed: {verdict}" + (f" — {note}" if note else "")
                                                            if verdict else "not reviewed")
            per[f.code]["true" if true else "false"] += 1
            listing.append(dict(code=f.code, name=f.name, severity=f.severity, path=f.path, line=f.line,
                                column=f.column, text=f.text, message=f.message, true=true, why=why))
    (out / "gov-reports-findings.tsv").write_text(
        "code\tseverity\tfile\tline\tcolumn\ttext\ttrue\twhy\tmessage\n" + "".join(
            f"{x['code']}\t{x['severity']}\t{x['path']}\t{x['line']}\t{x['column']}\t{x['text']}\t"
            f"{int(x['true'])}\t{x['why']}\t{x['message']}\n" for x in listing), encoding="utf-8")
    return dict(chars=chars, files=len(files), per_rule=per, listing=listing)


def typo_sets(args) -> dict[str, list[tuple[str, str]]]:
    sets = {}
    lines = (CORPUS / "ecspell-odw" / "odw.test").read_text(encoding="utf-8").splitlines()
    sets["ecspell-odw (odw.test)"] = [tuple(l.split("\t")[1:3]) for l in lines if l.count("\t") >= 2]
    items = json.loads((CORPUS / "textproof-midu" / "textproof.tet.json").read_text(encoding="utf-8"))
    sets["textproof-midu"] = [(x["source"], x["target"]) for x in items]
    err = (CORPUS / "sighan15" / "simplified_test15_error.txt").read_text(encoding="utf-8").splitlines()
    cor = (CORPUS / "sighan15" / "simplified_test15_correct.txt").read_text(encoding="utf-8").splitlines()
    sets["sighan15 (simplified)"] = list(zip(err, cor))
    if args.smoke:
        sets = {k: v[:40] for k, v in sets.items()}
    return sets


def _positions(f, src: str) -> tuple[set[int], dict[int, str]]:
    """Character positions a finding points at, and the character it proposes for each."""
    if f.scope == "document" or f.end_column <= f.column:
        return set(), {}
    start, end = f.column - 1, f.end_column - 1
    sug = f.suggestion
    if sug is not None and len(sug) == end - start:
        diff = {start + i: c for i, c in enumerate(sug) if src[start + i:start + i + 1] != c}
        if diff:
            return set(diff), diff
    return set(range(start, end)), {}


# The typo sets' gold annotates wrong characters only: they judge these families' findings. A
# punctuation or length finding there may well be right and is not counted for or against its rule.
TYPO_FAMILIES = ("wording",)
LOCATE_MAX = 4  # characters: a finding pointing at more than a word does not locate a wrong character


def eval_typos(sets: dict, rules) -> dict:
    """Per set and rule family: sentence- and character-level precision and recall."""
    from lint.analysis.document_type import infer
    from lint.engine import check_document
    from lint.readers.text import read_text_bytes

    fams = sorted({r.category for r in rules})
    out = {}
    for set_name, items in sets.items():
        stats = {fam: Counter() for fam in fams + ["all"]}
        for i, (src, tgt) in enumerate(items):
            if not src.strip():
                continue
            gold = {k for k, (a, b) in enumerate(zip(src, tgt)) if a != b}
            positive = src != tgt
            doc = read_text_bytes(src.encode("utf-8"), f"{set_name}:{i + 1}", "txt")
            doc.meta["doctype"] = infer(doc)
            doc.meta["public"] = False
            findings = check_document(doc, rules)
            for fam in fams + ["all"]:
                fs = [f for f in findings if fam == "all" or f.category == fam]
                s = stats[fam]
                pos, fix = set(), {}
                hits = 0
                for f in fs:
                    p, c = _positions(f, src)
                    if len(p) > LOCATE_MAX:  # a long span (a whole sentence) locates no typo
                        p = set()
                    pos |= p
                    fix.update(c)
                    hits += 1 if (p & gold) else 0
                s["findings"] += len(fs)
                s["true_findings"] += hits
                s["positives"] += positive
                s["gold_chars"] += len(gold)
                if fs:
                    s["flagged"] += 1
                # sentence-level detection: a hit on a gold position
                if positive and pos & gold:
                    s["sd_tp"] += 1
                elif fs:
                    s["sd_fp"] += 1
                # sentence-level correction, pycorrector's definition (eval_sighan2015_by_model)
                pred = "".join(fix.get(k, ch) for k, ch in enumerate(src))
                if positive:
                    s["sc_tp" if pred == tgt else "sc_fn"] += 1
                else:
                    s["sc_tn" if pred == src else "sc_fp"] += 1
                # character level
                s["cd_pred"] += len(pos)
                s["cd_tp"] += len(pos & gold)
                s["cc_pred"] += len(fix)
                s["cc_tp"] += sum(1 for k, ch in fix.items() if k < len(tgt) and tgt[k] == ch)
        out[set_name] = dict(n=len(items), stats=stats)
    return out


def lintscore(t: int, f: int) -> float:
    return t * (t / (t + f)) ** 2 if t + f else 0.0


def accuracy(out: Path, args, report: dict) -> None:
    rules = default_rules()
    report["rules"] = rules
    log("accuracy: gov-reports")
    report["gov"] = gov_reports(out, args, rules)
    log("accuracy: typo sets")
    report["typos"] = eval_typos(typo_sets(args), rules)
    report["lengths"] = length_tables()


def length_tables() -> str | None:
    path = BENCH / "length_distribution.py"
    if not path.exists():
        return None
    try:
        spec = importlib.util.spec_from_file_location("bench_length_distribution", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod.markdown(GOV)
    except Exception as exc:
        log(f"bench/length_distribution.py failed ({exc}); trying it as a script")
        r = subprocess.run([sys.executable, str(path), str(GOV)], capture_output=True, text=True, timeout=300)
        return r.stdout if r.returncode == 0 else None


# --- the report --------------------------------------------------------------------------------

def machine() -> dict:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return dict(cores=os.cpu_count(), memory=mem, cpu=cpu, os=f"{platform.system()} {platform.release()}",
                load=load)


def versions() -> dict:
    v = {"gwlint": GWLINT_VERSION, "Python": platform.python_version()
         + (" (virtual environment)" if sys.prefix != sys.base_prefix else " (base installation)")}
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True).stdout.strip()
        v["gwlint"] += f" (commit {head})" if head else ""
    except OSError:
        pass
    node = shutil.which("node")
    if node:
        v["node"] = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    for n in NPM_PEERS:
        if npm_version(n):
            v[n] = npm_version(n)
    if py_peer_version():
        v["autocorrect-py"] = py_peer_version()
    for mod in ("docx", "jieba", "yaml", "ahocorasick"):
        try:
            from importlib.metadata import version
            v[{"docx": "python-docx", "yaml": "PyYAML", "ahocorasick": "pyahocorasick"}.get(mod, mod)] = version(
                {"docx": "python-docx", "yaml": "PyYAML", "ahocorasick": "pyahocorasick"}.get(mod, mod))
        except Exception:
            pass
    return v


def render(report: dict, args, started: float) -> str:
    m = report["machine"]
    L = []
    L.append("# gwlint benchmark results\n")
    L.append(f"Generated by `python bench/run.py{' --smoke' if args.smoke else ''}` on "
             f"{_dt.datetime.now().strftime('%Y-%m-%d %H:%M')} in {time.time() - started:.0f} s.\n")
    L.append(f"- Machine: {m['cores']} cores ({m['cpu']}), {m['memory']} memory, {m['os']}; load average "
             f"at start {'/'.join(f'{x:.1f}' for x in m['load']) if m['load'] else '?'}, at end "
             f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())}.")
    L.append("- Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()) + ".")
    if args.note:
        L.append(f"- **{args.note}**")
    L.append("")
    if "cold" in report:
        L += render_speed(report, args)
    if "gov" in report:
        L += render_accuracy(report)
    return "\n".join(L).rstrip() + "\n"


def render_speed(report: dict, args) -> list[str]:
    L = ["## Speed\n"]
    inputs = report["inputs"]
    L.append("Inputs, generated from `shared/corpus/gov-reports` (whole paragraphs, in file order; the 2 MB "
             "draft is the corpus repeated; the 200 notices cover the corpus once, and the 200 drafts of ~10,000 "
             "characters start where the notices do, so each paragraph is in about five of them: gwlint keeps "
             "nothing from one draft to the next, so the repeats favour neither `--jobs` row). `.md` copies "
             "(paragraphs separated by blank lines) are given to the Markdown-only peers. `.docx` written with "
             f"{inputs['docx_writer']}.\n")
    rows = [[label, f"{d['han']:,}", f"{d['chars']:,}", f"{d['bytes'] / 1e6:.2f} MB", d["paragraphs"]]
            for label, d in inputs["drafts"].items()]
    pd = inputs["pages_docx"]
    rows.append([f"{pd['pages']}-page.docx", f"{pd['han']:,}", "", "", f"{pd['pages']} pages × 22 × 28"])
    for fo in inputs["folders"]:
        rows.append([fo["label"], f"{fo['han']:,}", "", "", f"{fo['n']} files"])
    L.append(table(["input", "Chinese characters", "characters", "UTF-8", "paragraphs"], rows))

    runs = args.runs
    L.append(f"### Whole process, cold\n\nA fresh process per run; median of {runs} runs after "
             f"{0 if args.smoke else 1} warm-up (peers on the 2 MB draft: median of {max(3, runs // 2)}; a tool "
             f"slower than {SLOW:.0f} s on an input is run once); "
             "peak memory is the largest resident set of those runs. The two `--jobs` rows of a folder are run "
             "in turn (1, 2, 1, 2, …), so that a slow spell of the machine falls on both alike. The last column "
             "is the row's time divided by gwlint's (default rules, .txt) on the same draft in this run: for a "
             "peer, above 1 means gwlint is faster.\n")
    gw = {r["input"].split(".")[0]: r for r in report["cold"] if r["what"] == "gwlint (default rules)"
          and r["input"].endswith(".txt")}
    rows = []
    for r in report["cold"]:
        base = gw.get(r["input"].split(".")[0])
        ratio = div(r["median"], base["median"]) if (base and r["median"] and base["median"]
                                                     and not r["what"].startswith("gwlint (")) else None
        rate = f"{r['chars'] / r['median'] / 1000:,.0f}k/s" if r["median"] else "–"
        rows.append([r["what"], r["input"], r["runs"], fmt_s(r["median"]),
                     f"{fmt_s(r.get('min'))}–{fmt_s(r.get('max'))}" if r["median"] else (r["error"] or "–"),
                     f"{r['rss_mb']:.0f} MB" if r["rss_mb"] else "–", rate, fmt_ratio(ratio)])
    L.append(table(["tool", "input", "runs", "median", "range", "peak memory", "Chinese chars/s", "÷ gwlint default"], rows))
    npunct = sum(1 for r in report.get("rules", []) if r.category == "punctuation")
    L.append(f"`--select punctuation` is the like-for-like row (the peers check spacing and punctuation only); "
             f"it ran {npunct} punctuation rule(s) in this run" + (" — none exist yet, so it measures start-up "
                                                                    "and reading alone." if not npunct else ".") + "\n")
    peers = report.get("peers") or {}
    if peers:
        L.append("What each peer checks — all of them far less than gwlint, which also checks length, hollow "
                 "wording, stock phrases, numbering, facts, wrong words, numbers, layout and 文种 rules:\n")
        L.append(table(["peer", "checks", "installed"],
                       [[p, PEER_CHECKS[p], "yes" if not why else f"no: {why}"] for p, why in peers.items()]))
    elif not args.smoke:
        L.append("Peers were not run (`--no-peers`).\n")

    ip = report["inproc"]
    L.append("### Inside one process\n\nRules loaded once; read and check timed separately (median of "
             f"{1 if args.smoke else 3}).\n")
    L.append(table(["input", "Chinese characters", "read", "check", "check: Chinese chars/s", "findings"],
                   [[f["input"], f"{f['han']:,}", fmt_s(f["read"]), fmt_s(f["check"]),
                     f"{f['han'] / f['check'] / 1e6:.2f} M/s" if f["check"] else "–", f["findings"]]
                    for f in ip["files"]]))
    st = report.get("startup")
    if st:
        L.append(f"Where a cold run on {st['input']} goes (one fresh interpreter, median of 3): Python start-up "
                 f"{fmt_s(st['python'])}, importing gwlint {fmt_s(st['import'])}, loading and compiling the rules "
                 f"{fmt_s(st['load_rules'])}, reading {fmt_s(st['read'])}, checking {fmt_s(st['check'])}; "
                 f"jieba {'was' if st['jieba'] else 'was not'} loaded. With the start-up cache off "
                 f"(`GWLINT_NO_CACHE=1`, or a user's very first run): importing {fmt_s(st['import_nocache'])}, "
                 f"loading the rules {fmt_s(st['load_rules_nocache'])}, checking {fmt_s(st['check_nocache'])}.\n")
    big = max(ip["per_rule"], key=lambda k: next((f["han"] for f in ip["files"] if f["input"] == k), 0))
    timing = ip["per_rule"][big]
    han = next(f["han"] for f in ip["files"] if f["input"] == big)
    kinds = defaultdict(float)
    for code, secs in timing.items():
        kinds[ip["kind_of"].get(code, "?")] += secs
    L.append(f"Per rule kind and per rule on {big} (the CLI prints the same with `--timing` or "
             "`GWLINT_TIMING=1`):\n")
    L.append(table(["kind", "time", "Chinese chars/s"],
                   [[k, fmt_s(s), f"{han / s / 1e6:.2f} M/s" if s else "–"]
                    for k, s in sorted(kinds.items(), key=lambda kv: -kv[1])]))
    L.append(table(["rule", "kind", "time", "Chinese chars/s"],
                   [[f"{c} {ip['name_of'].get(c, '')}", ip["kind_of"].get(c, "?"), fmt_s(s),
                     f"{han / s / 1e6:.2f} M/s" if s else "–"]
                    for c, s in sorted(timing.items(), key=lambda kv: -kv[1])]))

    L.append("### Targets\n")
    L += render_targets(report)
    return L


def render_targets(report: dict) -> list[str]:
    cold = report["cold"]

    def find(what, inp):
        return next((r for r in cold if r["what"] == what and r["input"] == inp), None)

    rows = []
    g10 = find("gwlint (default rules)", "10k.txt")
    z10 = find("zhlint", "10k.md")
    if g10 and g10["median"]:
        rows.append(["10,000-char draft cold, default rules, < 0.5 s (issue 2)", fmt_s(g10["median"]),
                     "met" if g10["median"] < 0.5 else "NOT met"])
    if g10 and z10 and g10["median"] and z10["median"]:
        rows.append(["10,000-char draft cold, default rules, no slower than zhlint",
                     f"gwlint {fmt_s(g10['median'])}, zhlint {fmt_s(z10['median'])}",
                     "met" if g10["median"] <= z10["median"] else "NOT met"])
    else:
        rows.append(["10,000-char draft no slower than zhlint", "zhlint not measured", "not measured"])
    g2 = find("gwlint (default rules)", "2MB.txt")
    a2 = find("autocorrect-py", "2MB.txt")
    if g2 and a2 and g2["median"] and a2["median"]:
        rows.append(["2 MB text no slower than 3× autocorrect-py",
                     f"gwlint {fmt_s(g2['median'])}, autocorrect-py {fmt_s(a2['median'])} "
                     f"({g2['median'] / a2['median']:.1f}×)",
                     "met" if g2["median"] <= 3 * a2["median"] else "NOT met"])
    else:
        rows.append(["2 MB text no slower than 3× autocorrect-py", "not measured", "not measured"])
    mems = [(r["rss_mb"], r["input"]) for r in cold if r["what"].startswith("gwlint") and r["rss_mb"]]
    if mems:
        worst = max(mems)
        rows.append(["peak memory under 150 MB (every gwlint run above)", f"{worst[0]:.0f} MB on {worst[1]}",
                     "met" if worst[0] < 150 else "NOT met"])
    st = report.get("startup")
    for jobs in report.get("jobs") or []:
        what = f"--jobs 2 ≥ 1.7× faster than --jobs 1 on {jobs['folder']['label']}"
        if not (jobs[1]["median"] and jobs[2]["median"]):
            rows.append([what, jobs[1].get("error") or jobs[2].get("error"), "not measured"])
            continue
        sp = jobs[1]["median"] / jobs[2]["median"]
        measured = f"{fmt_s(jobs[1]['median'])} vs {fmt_s(jobs[2]['median'])}: {sp:.2f}×"
        if st:
            # Amdahl: the start-up (interpreter, imports, loading the rules) runs once in either
            # case and cannot be shared between workers; and two processes checking at once each
            # run slower than one alone (side_by_side).
            fixed = st["python"] + st["import"] + st["load_rules"]
            work = max(jobs[1]["median"] - fixed, 0.0)
            bound = (fixed + work) / (fixed + work / 2) if work else 1.0
            rest = (jobs[1]["median"] - fixed) / (jobs[2]["median"] - fixed) if jobs[2]["median"] > fixed else None
            measured += (f"; the start-up ({fmt_s(fixed)}: Python, imports, loading the rules) is "
                         f"paid once either way, so even perfect sharing of the rest gives at most {bound:.2f}×"
                         + (f"; the rest ran {rest:.2f}× faster" if rest else ""))
            slow = (jobs.get("side_by_side") or {}).get("slowdown")
            if slow and work:
                real = (fixed + work) / (fixed + slow * work / 2)
                measured += (f". Two independent processes each checking half of the folder took {slow:.2f}× "
                             f"their time alone when run side by side (the cores share caches and memory); "
                             f"with that, the bound is {real:.2f}×")
        rows.append([what, measured, "met" if sp >= 1.7 else "NOT met"])
    if report.get("jobs") is None:
        rows.append(["--jobs 2 ≥ 1.7× faster than --jobs 1", "gwlint check has no --jobs option in this build",
                     "not measured"])
    return [table(["target", "measured", "result"], rows)]


def render_accuracy(report: dict) -> list[str]:
    rules = report["rules"]
    gov = report["gov"]
    L = ["## Accuracy\n", "### False alarms on gov-reports\n"]
    L.append(f"Every default rule on the {gov['files']} files of `shared/corpus/gov-reports` "
             f"({gov['chars']:,} Chinese characters), carefully edited text where a finding is a false alarm "
             "unless it is one of the transcription slips its SOURCE.md lists (`KNOWN_SLIPS` in "
             "tests/test_corpus.py) or a finding reviewed as true in bench/gov-reports-review.tsv. "
             "Every finding is listed in bench/out/gov-reports-findings.tsv; the reviewed listing is "
             "bench/gov-reports-findings.md.\n")
    rows = []
    for r in rules:
        c = gov["per_rule"][r.code]
        rows.append([f"{r.code} {r.name}", r.severity, c["true"] + c["false"], c["true"], c["false"],
                     f"{c['false'] * 10_000 / gov['chars']:.2f}" if gov["chars"] else "–"])
    L.append(table(["rule", "severity", "findings", "true hits", "false alarms", "false alarms / 10,000 chars"],
                   rows))

    L.append("### Typo sets\n")
    L.append("Each item is checked as a one-line draft with every default rule. A finding *points at* the "
             "characters it covers (only the changed ones when it suggests a same-length replacement); one that "
             f"covers more than {LOCATE_MAX} characters (a long sentence) points at none. *Sentence detection*: "
             "a true positive is an item with an error where a finding points at a wrong character; any other "
             "flagged item is a false positive; recall is over items with errors. *Sentence correction* follows "
             "pycorrector's `eval_sighan2015_by_model`: an item with errors counts if the same-length "
             "suggestions turn it into the target, an error-free item is a false positive only if a suggestion "
             "changes it. *Character level*: the characters the findings point at against the wrong characters "
             "(correction: the proposed character equals the target's).\n")
    for set_name, res in report["typos"].items():
        st = res["stats"]
        pos = st["all"]["positives"]
        L.append(f"**{set_name}**: {res['n']} items, {pos} with errors, {st['all']['gold_chars']} wrong characters.\n")
        rows = []
        for fam, s in st.items():
            if fam != "all" and not s["findings"]:
                continue
            sdp, sdr = div(s["sd_tp"], s["sd_tp"] + s["sd_fp"]), div(s["sd_tp"], s["positives"])
            scp, scr = div(s["sc_tp"], s["sc_tp"] + s["sc_fp"]), div(s["sc_tp"], s["sc_tp"] + s["sc_fn"])
            scf = div(2 * scp * scr, scp + scr) if scp and scr else None
            rows.append([fam if fam != "all" else "**all default rules**", s["flagged"], pct(sdp), pct(sdr),
                         pct(scp), pct(scr), pct(scf), pct(div(s["cd_tp"], s["cd_pred"])),
                         pct(div(s["cd_tp"], s["gold_chars"])), pct(div(s["cc_tp"], s["cc_pred"])),
                         pct(div(s["cc_tp"], s["gold_chars"]))])
        L.append(table(["family", "items flagged", "sent. det. P", "sent. det. R", "sent. corr. P", "sent. corr. R",
                        "sent. corr. F1", "char det. P", "char det. R", "char corr. P", "char corr. R"], rows))
    L.append("Published figures for other tools (their own evaluations, not rerun here; different aims — "
             "these are spelling correctors, gwlint corrects only the wrong words on its lists):\n")
    L.append(table(["tool", "set", "reported", "source"], PUBLISHED))

    L.append("### Lintscore per rule family\n")
    L.append("proselint's lintscore T·(T/(T+F))², counted in findings: T = findings that are true, F = the others. "
             "Every family is counted on gov-reports (true: a known slip or reviewed true); the wrong-word family "
             f"({', '.join(TYPO_FAMILIES)}) also on the three typo sets (true: pointing at a wrong character), "
             "whose gold marks nothing else. "
             "It rewards true hits but squares the precision, so a change that adds recall by losing precision "
             "shows up.\n")
    tf = defaultdict(Counter)
    for r in rules:
        c = gov["per_rule"][r.code]
        tf[r.category]["T"] += c["true"]
        tf[r.category]["F"] += c["false"]
    for res in report["typos"].values():
        for fam, s in res["stats"].items():
            if fam not in TYPO_FAMILIES:  # the gold marks wrong characters only
                continue
            tf[fam]["T"] += s["true_findings"]
            tf[fam]["F"] += s["findings"] - s["true_findings"]
    rows = [[fam, c["T"], c["F"], pct(div(c["T"], c["T"] + c["F"])), f"{lintscore(c['T'], c['F']):.1f}"]
            for fam, c in sorted(tf.items())]
    L.append(table(["family", "T", "F", "precision", "lintscore"], rows))
    if report.get("lengths"):
        L.append("## Length distributions (bench/length_distribution.py)\n")
        L.append(report["lengths"].strip() + "\n")
    return L


# Published figures (cited, not measured here).
PUBLISHED = [
    ["pycorrector, rule-based (kenlm)", "SIGHAN-2015 test", "P 17.98%, R 15.37%",
     "shibing624/pycorrector README.md (commit 68d1306), evaluation table, row sighan_15 / rule / cpu"],
    ["pycorrector MacBERT4CSC (macbert4csc-base-chinese)", "SIGHAN-2015 test",
     "sentence level P 82.64%, R 73.66%, F1 77.89%; character level P 93.72%, R 86.40%, F1 89.91% "
     "(trained on SIGHAN-2015 train)", "huggingface.co/shibing624/macbert4csc-base-chinese, model card README"],
]


def write_findings_md(report: dict, path: Path) -> None:
    gov = report["gov"]
    listing = gov["listing"]
    L = ["# gwlint findings on shared/corpus/gov-reports\n",
         f"Generated by bench/run.py ({GWLINT_VERSION}); {gov['files']} files, {gov['chars']:,} Chinese characters, "
         f"{len(listing)} findings with the default rules. `true` = a transcription slip listed in the corpus's "
         "SOURCE.md or a finding reviewed as true (bench/gov-reports-review.tsv); every other finding is "
         "a false alarm.\n"]
    by = defaultdict(list)
    for x in listing:
        by[x["code"]].append(x)
    cap = 40
    for code in sorted(by):
        xs = by[code]
        L.append(f"## {code} {xs[0]['name']} ({len(xs)})\n")
        if len(xs) > cap:
            L.append(f"First {cap} of {len(xs)}; all are in bench/out/gov-reports-findings.tsv.\n")
        L.append(table(["where", "text", "true?", "why", "message"],
                       [[f"{x['path']}:{x['line']}:{x['column']}", f"`{x['text']}`" if x["text"] else "(全文)",
                         "true" if x["true"] else "false", x["why"], x["message"].replace("|", "｜")]
                        for x in xs[:cap]]))
    path.write_text("\n".join(L), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="tiny inputs, one run each, no peers (for the test)")
    ap.add_argument("--only", choices=["speed", "accuracy"], help="run only one half")
    ap.add_argument("--runs", type=int, default=None, help="cold runs per measurement (default 5; smoke 1)")
    ap.add_argument("--no-peers", action="store_true", help="do not install or time the peer linters")
    ap.add_argument("--peer-timeout", type=float, default=120.0, help="seconds before a peer run is abandoned")
    ap.add_argument("--out", type=Path, default=None, help="scratch folder (default bench/out, smoke: bench/out/smoke)")
    ap.add_argument("--results", type=Path, default=None,
                    help="where to write the Markdown results (default bench/RESULTS.md; smoke: OUT/RESULTS.md)")
    ap.add_argument("--note", default="", help="a line to put at the top of the results")
    args = ap.parse_args(argv)
    if args.runs is None:
        args.runs = 1 if args.smoke else 5
    if not GOV.is_dir():
        print(f"bench: {GOV} not found (shared/corpus must be beside the repository)", file=sys.stderr)
        return 2
    out = args.out or (BENCH / "out" / ("smoke" if args.smoke else ""))
    out.mkdir(parents=True, exist_ok=True)
    results = args.results or (out / "RESULTS.md" if args.smoke else BENCH / "RESULTS.md")
    started = time.time()
    report = {"machine": machine()}
    if args.only != "accuracy":
        speed(out, args, report)
    if args.only != "speed":
        accuracy(out, args, report)
        write_findings_md(report, out / "gov-reports-findings.md")
        if not args.smoke:
            shutil.copyfile(out / "gov-reports-findings.md", BENCH / "gov-reports-findings.md")
    report["versions"] = versions()
    results.write_text(render(report, args, started), encoding="utf-8")
    log(f"wrote {results} in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        from lint.errors import GwlintError

        if not isinstance(exc, GwlintError) or os.environ.get("GWLINT_DEBUG"):
            raise
        # Typically a rule file someone is still writing: the bench cannot run until it loads.
        print(f"bench: gwlint cannot load its rules or inputs: {exc}", file=sys.stderr)
        sys.exit(2)
