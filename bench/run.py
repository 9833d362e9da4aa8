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

The jobs live beside this script: common.py (paths, inputs), timing.py (cold runs), peers.py,
speed.py, accuracy.py and results.py (the page written from their report).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from common import BENCH, GOV, log  # noqa: E402
from speed import speed  # noqa: E402
from accuracy import accuracy  # noqa: E402
from results import machine, render, versions, write_findings_md  # noqa: E402

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
